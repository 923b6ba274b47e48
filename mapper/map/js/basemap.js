/* The basemap: outlines on a canvas below everything, the outline of the chosen regions, and
 * names placed by priority so that none overlaps another name, a mark or a claim badge. */
mapperApp.define('basemap', function (app) {
  'use strict';
  var U = app.util;
  var D = app.D;
  var map = app.map;
  var B = D.basemap || {};
  var SEP = app.data.SEP;

  if (D.leaflet_icons) { L.Icon.Default.imagePath = ''; L.Icon.Default.mergeOptions(D.leaflet_icons); }
  if (map.attributionControl) {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(String(D.attribution || ''));
  }
  map.createPane('basemap').style.zIndex = 200;
  map.createPane('highlight').style.zIndex = 390;
  map.createPane('labels').style.zIndex = 420;
  map.getPane('highlight').style.pointerEvents = 'none';
  map.getPane('labels').style.pointerEvents = 'none';

  var group = L.layerGroup();
  var admin2Layer = null;
  var zooms = { admin2: 8, admin1Labels: 5, admin2Labels: 8 };
  var highlight = L.layerGroup().addTo(map);
  var highlightRenderer = L.canvas({ pane: 'highlight', padding: 0.3 });
  var out = { layer: group, name: 'Outlines', placed: [], highlighted: [] };

  // --- names --------------------------------------------------------------------------------
  var FONTS = { country: '600 13px system-ui, sans-serif', admin1: '11px system-ui, sans-serif', admin2: '10px system-ui, sans-serif' };
  var COLOURS = { country: '#333', admin1: '#6b5a3a', admin2: '#888' };
  var labels = [];
  function collect(gj, level) {
    ((gj && gj.features) || []).forEach(function (f) {
      var p = f && f.properties;
      if (!p || !Array.isArray(p.label) || typeof p.name !== 'string' || !p.name) { return; }
      labels.push({ text: p.name, level: level, lat: p.label[1], lon: p.label[0], area: Number(p.area) || 0 });
    });
  }
  var measured = new Map();
  function width(ctx, label) {
    var key = label.level + '\u0000' + label.text;
    var w = measured.get(key);
    if (w === undefined) { ctx.font = FONTS[label.level]; w = ctx.measureText(label.text).width; measured.set(key, w); }
    return w;
  }
  function overlaps(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }
  function candidates(z) {
    var minArea = z >= 6 ? 0 : z >= 5 ? 1 : z >= 4 ? 8 : z >= 3 ? 30 : 120;
    var levels = z >= 9 ? ['admin2', 'admin1', 'country'] : z >= 7 ? ['admin1', 'country', 'admin2'] : ['country', 'admin1', 'admin2'];
    return labels.filter(function (l) {
      if (l.level === 'country') { return l.area >= minArea && z <= 8; }
      if (l.level === 'admin1') { return z >= zooms.admin1Labels; }
      return z >= zooms.admin2Labels;
    }).sort(function (a, b) {
      return levels.indexOf(a.level) - levels.indexOf(b.level) || b.area - a.area;
    });
  }
  function drawLabels(frame) {
    out.placed = [];
    if (!frame) { return; }
    var ctx = frame.ctx;
    ctx.clearRect(0, 0, frame.width, frame.height);
    if (!map.hasLayer(group)) { return; }
    var z = map.getZoom();
    var grid = new Map();  // 64 px cells -> boxes taken (marks, badges, names placed)
    function cells(b, fn) {
      for (var gx = Math.floor(b.x / 64); gx <= Math.floor((b.x + b.w) / 64); gx++) {
        for (var gy = Math.floor(b.y / 64); gy <= Math.floor((b.y + b.h) / 64); gy++) { fn(gx * 100003 + gy); }
      }
    }
    function take(b) { cells(b, function (k) { var c = grid.get(k); if (!c) { c = []; grid.set(k, c); } c.push(b); }); }
    function free(b) {
      var ok = true;
      cells(b, function (k) { (grid.get(k) || []).forEach(function (o) { if (ok && overlaps(b, o)) { ok = false; } }); });
      return ok;
    }
    var obstacles = 0;
    (app.incidents ? app.incidents.obstacles() : []).forEach(function (o) {
      take({ x: o.x - frame.topLeft.x, y: o.y - frame.topLeft.y, w: o.w, h: o.h });
      obstacles += 1;
    });
    var byText = new Map();
    candidates(z).forEach(function (l) {
      var p = map.latLngToLayerPoint([l.lat, l.lon]).subtract(frame.topLeft);
      var w = width(ctx, l) + 6;
      var h = l.level === 'country' ? 17 : 14;
      var box = { x: p.x - w / 2, y: p.y - h / 2, w: w, h: h };
      if (box.x < 0 || box.y < 0 || box.x + w > frame.width || box.y + h > frame.height) { return; }
      if (!free(box)) { return; }
      var same = byText.get(l.text) || [];
      for (var s = 0; s < same.length; s++) {  // one name once in a neighbourhood ("Toshkent" twice)
        if (Math.abs(same[s].x - box.x) < 300 && Math.abs(same[s].y - box.y) < 200) { return; }
      }
      take(box);
      same.push(box); byText.set(l.text, same);
      ctx.font = FONTS[l.level];
      ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      ctx.lineWidth = 3; ctx.strokeStyle = '#fffc'; ctx.lineJoin = 'round';
      ctx.strokeText(l.text, p.x, p.y);
      ctx.fillStyle = COLOURS[l.level];
      ctx.fillText(l.text, p.x, p.y);
      out.placed.push({ text: l.text, level: l.level, x: box.x + frame.topLeft.x, y: box.y + frame.topLeft.y, w: w, h: h });
    });
    out.obstacleCount = obstacles;
  }
  var labelLayer = U.canvasLayer('labels', 'mapper-labels', drawLabels);

  // --- outlines -----------------------------------------------------------------------------
  function outlines(gj, style, renderer) {
    return L.geoJSON(gj, { renderer: renderer, interactive: false, style: function () { return style; } });
  }
  function updateZoomLayers() {
    var on = map.hasLayer(group);
    if (admin2Layer) {
      var show = on && map.getZoom() >= zooms.admin2;
      if (show && !map.hasLayer(admin2Layer)) { map.addLayer(admin2Layer); }
      if (!show && map.hasLayer(admin2Layer)) { map.removeLayer(admin2Layer); }
    }
  }
  out.add = function (opts) {
    var renderer = L.canvas({ pane: 'basemap', padding: 0.3 });
    var styles = opts.styles;
    if (opts.zooms) { zooms = opts.zooms; }
    out.name = opts.name;
    out.highlightStyle = opts.highlight;
    if (B.country) { group.addLayer(outlines(B.country, styles.country, renderer)); collect(B.country, 'country'); }
    if (B.admin1) { group.addLayer(outlines(B.admin1, styles.admin1, renderer)); collect(B.admin1, 'admin1'); }
    if (B.admin2) { admin2Layer = outlines(B.admin2, styles.admin2, renderer); collect(B.admin2, 'admin2'); }
    group.addTo(map);
    labelLayer.addTo(map);
    map.on('zoomend', updateZoomLayers);
    group.on('add remove', function () { updateZoomLayers(); out.redrawLabels(); });
    updateZoomLayers();
  };
  out.redrawLabels = function () { labelLayer.redraw(); };

  // --- regions ------------------------------------------------------------------------------
  function featuresOf(key) {
    // outlines of a region key: "Afghanistan", "Afghanistan/Nangarhar", ".../Jalalabad"
    var parts = key.split(SEP);
    var f = U.fold;
    var layer = parts.length === 1 ? B.country : parts.length === 2 ? B.admin1 : B.admin2;
    return ((layer && layer.features) || []).filter(function (feat) {
      var p = feat && feat.properties;
      if (!p) { return false; }
      var last = f(parts[parts.length - 1]);
      if (f(p.key) !== last && f(p.name) !== last) { return false; }
      if (parts.length >= 2 && f(p.country) !== f(parts[0])) { return false; }
      return !(parts.length === 3 && f(p.admin1) !== f(parts[1]));
    });
  }
  out.highlight = function (keys) {
    // outline the chosen regions; their bounds, or null when the basemap has none of them
    highlight.clearLayers();
    out.highlighted = [];
    var bounds = L.latLngBounds([]);
    keys.forEach(function (key) {
      featuresOf(key).forEach(function (feat) {
        var layer = L.geoJSON(feat, { renderer: highlightRenderer, interactive: false, style: function () { return out.highlightStyle; } });
        highlight.addLayer(layer);
        bounds.extend(layer.getBounds());
        out.highlighted.push(key);
      });
    });
    return bounds.isValid() ? bounds : null;
  };
  return out;
});
