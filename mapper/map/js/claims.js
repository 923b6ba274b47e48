/* Claims as badges: beside each incident a claim is tied to (several claims on one incident
 * share one badge with their letters or their count), or, for a claim tied to no incident, at
 * the most specific place it names.  Its links to the places it names are drawn only while the
 * claim is selected or hovered, within one copy of the world (never across the antimeridian),
 * and never to a country or province when the claim names a place inside it. */
mapperApp.define('claims', function (app) {
  'use strict';
  var X = app.data;
  var F = app.filters;
  var map = app.map;
  var inc = X.inc;
  var clm = X.clm;
  var M = X.M;
  var STYLE = {
    responsibility: { color: '#b2182b', letter: 'R' },
    denial: { color: '#4d4d4d', letter: 'D' },
    allegation: { color: '#7b3294', letter: 'A' },
    threat: { color: '#d66a00', letter: 'T' },
    condemnation: { color: '#2166ac', letter: 'C' }
  };
  var OTHER = { color: '#555555', letter: '?' };
  var MAX = 300;

  map.createPane('links').style.zIndex = 440;
  map.getPane('links').style.pointerEvents = 'none';
  var linkRenderer = L.svg({ pane: 'links', padding: 0.5 });
  var layer = L.layerGroup();  // the links; on the map means claims are shown
  var out = { name: 'Claims', layer: layer, selected: null, hovered: null, links: [], note: '', STYLE: STYLE };

  function style(m) {
    var t = clm.type[m].id.slice(X.CLAIM_PREFIX.length);
    return Object.prototype.hasOwnProperty.call(STYLE, t) ? STYLE[t] : OTHER;
  }
  out.style = style;

  // --- badges ---------------------------------------------------------------------------------
  function Grid() { this.cells = new Map(); }
  Grid.prototype._keys = function (b, fn) {
    for (var gx = Math.floor(b.x / 40); gx <= Math.floor((b.x + b.w) / 40); gx++) {
      for (var gy = Math.floor(b.y / 40); gy <= Math.floor((b.y + b.h) / 40); gy++) { fn(gx * 100003 + gy); }
    }
  };
  Grid.prototype.add = function (b) {
    var cells = this.cells;
    this._keys(b, function (k) { var c = cells.get(k); if (!c) { c = []; cells.set(k, c); } c.push(b); });
  };
  Grid.prototype.hits = function (b) {
    var cells = this.cells;
    var hit = false;
    this._keys(b, function (k) {
      (cells.get(k) || []).forEach(function (o) {
        if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) { hit = true; }
      });
    });
    return hit;
  };
  function text(ms) {
    if (ms.length === 1) { return style(ms[0]).letter; }
    if (ms.length <= 3) { return ms.map(function (m) { return style(m).letter; }).join(''); }
    return String(ms.length);
  }
  var DIRS = [[1, -1], [-1, -1], [1, 1], [-1, 1], [1, 0], [-1, 0], [0, -1], [0, 1]];
  var RINGS = [0, 12, 24, 38, 54];
  function place(badge, cx, cy, r) {
    // the nearest spot around (cx, cy), from distance r outwards, where the badge hits nothing
    // drawn; in a crowd, up and to the right of the last ring tried
    for (var ring = 0; ring < RINGS.length; ring++) {
      var dist = r + RINGS[ring];
      for (var d = 0; d < DIRS.length; d++) {
        var dx = DIRS[d][0];
        var dy = DIRS[d][1];
        var x = cx + dx * (dist + (dx ? badge.w / 2 : 0)) - badge.w / 2;
        var y = cy + dy * (dist + (dy ? badge.h / 2 : 0)) - badge.h / 2;
        if (!this.hits({ x: x, y: y, w: badge.w, h: badge.h })) { badge.x = x; badge.y = y; return; }
      }
    }
    badge.x = cx + r + RINGS[RINGS.length - 1]; badge.y = cy - r - RINGS[RINGS.length - 1] - badge.h;
  }
  Grid.prototype.place = place;
  function drawOne(ctx, b, topLeft, selected) {
    var x = b.x - topLeft.x;
    var y = b.y - topLeft.y;
    var types = new Set(b.claims.map(function (m) { return style(m).color; }));
    var fill = types.size === 1 ? types.values().next().value : '#3d3d3d';
    if (b.leader) {
      ctx.beginPath(); ctx.moveTo(b.leader[0] - topLeft.x, b.leader[1] - topLeft.y);
      ctx.lineTo(x + b.w / 2, y + b.h / 2); ctx.lineWidth = 1; ctx.strokeStyle = fill; ctx.stroke();
      if (b.incident === null) {  // the place the claim names
        ctx.beginPath(); ctx.arc(b.leader[0] - topLeft.x, b.leader[1] - topLeft.y, 3, 0, 2 * Math.PI); ctx.fillStyle = fill; ctx.fill();
      }
    }
    ctx.beginPath();
    if (ctx.roundRect) { ctx.roundRect(x, y, b.w, b.h, 3); } else { ctx.rect(x, y, b.w, b.h); }
    ctx.fillStyle = fill; ctx.fill();
    ctx.lineWidth = selected ? 3 : 1.5; ctx.strokeStyle = selected ? '#ffd400' : '#fff'; ctx.stroke();
    ctx.fillStyle = '#fff'; ctx.font = 'bold 10px system-ui, sans-serif';
    ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    ctx.fillText(b.text, x + b.w / 2, y + b.h / 2 + 0.5);
  }
  function isSelected(b) {
    return b.claims.some(function (m) { return m === out.selected || (out.hovered && out.hovered.indexOf(m) >= 0); });
  }
  out.drawBadges = function (ctx, frame, drawn) {
    // place and draw the badges of what is in view; returns them (layer points) for hit tests
    var topLeft = frame.topLeft;
    out.note = '';
    if (!map.hasLayer(layer)) { updateNote(); return []; }
    var grid = new Grid();
    drawn.forEach(function (d) {
      var r = d.kind === 'mark' && inc.precision[d.i] >= 3 ? d.r + 2 : d.r;
      grid.add({ x: d.x - r, y: d.y - r, w: 2 * r, h: 2 * r });
    });
    var badges = [];
    drawn.forEach(function (d) {
      if (d.kind !== 'mark') { return; }
      var ms = inc.claims[d.i].filter(function (m) { return F.clmVisible[m]; });
      if (ms.length) { badges.push({ kind: 'badge', claims: ms, incident: d.i, cx: d.x, cy: d.y, r: d.r }); }
    });
    var lone = new Map();  // one badge per place for the claims tied to no incident
    var bounds = map.getBounds().pad(0.1);
    for (var m = 0; m < M; m++) {
      var a = clm.anchor[m];
      if (!F.clmVisible[m] || clm.incidents[m].length || !a || !bounds.contains([a.lat, a.lon])) { continue; }
      var key = a.lat.toFixed(3) + ',' + a.lon.toFixed(3);
      var b = lone.get(key);
      if (!b) {
        var p = map.latLngToLayerPoint([a.lat, a.lon]);
        b = { kind: 'badge', claims: [], incident: null, cx: p.x, cy: p.y, r: 0, place: a };
        lone.set(key, b); badges.push(b);
      }
      b.claims.push(m);
    }
    if (badges.length > MAX) {
      out.note = badges.length + ' claim badges in view: zoom in to see them';
      updateNote();
      return [];
    }
    badges.forEach(function (b) {
      b.text = text(b.claims);
      b.w = Math.max(16, 7 * b.text.length + 8);
      b.h = 16;
      if (b.incident === null) {
        grid.place(b, b.cx, b.cy, 0);
        // off its place: a leader line back to it
        if (b.cx < b.x || b.cx > b.x + b.w || b.cy < b.y || b.cy > b.y + b.h) { b.leader = [b.cx, b.cy]; }
      } else {
        grid.place(b, b.cx, b.cy, b.r + 3);
        if (Math.abs(b.x + b.w / 2 - b.cx) > b.r + b.w + 4 || Math.abs(b.y + b.h / 2 - b.cy) > b.r + b.h + 4) { b.leader = [b.cx, b.cy]; }
      }
      grid.add({ x: b.x, y: b.y, w: b.w, h: b.h });
    });
    badges.forEach(function (b) { drawOne(ctx, b, topLeft, isSelected(b)); });
    out.badges = badges;
    updateNote();
    return badges;
  };
  function updateNote() {
    var node = document.getElementById('mapper-claims-note');
    if (node) { node.textContent = out.note; }
  }

  // --- links ----------------------------------------------------------------------------------
  function drawLinks() {
    layer.clearLayers();
    out.links = [];
    var ms = out.hovered ? out.hovered.slice() : [];
    if (out.selected !== null && ms.indexOf(out.selected) < 0) { ms.push(out.selected); }
    var badges = app.incidents.badges || [];
    ms.forEach(function (m) {
      if (!F.clmVisible[m]) { return; }
      var st = style(m);
      badges.forEach(function (b) {
        if (b.claims.indexOf(m) < 0) { return; }
        var from = map.layerPointToLatLng(L.point(b.x + b.w / 2, b.y + b.h / 2));
        var copy = 360 * Math.round(from.lng / 360);  // the copy of the world the badge is on
        clm.targets[m].forEach(function (pl) {
          if (b.place && pl.lat === b.place.lat && pl.lon === b.place.lon) { return; }
          var to = L.latLng(pl.lat, pl.lon + copy);
          L.polyline([from, to], { renderer: linkRenderer, color: st.color, weight: 2, dashArray: '5 4', opacity: 0.9, interactive: false }).addTo(layer);
          L.circleMarker(to, { renderer: linkRenderer, radius: 4, color: '#fff', weight: 1.5, fillColor: st.color, fillOpacity: 1, interactive: false }).addTo(layer);
          out.links.push({ claim: clm.ids[m], place: pl.name, from: [from.lat, from.lng], to: [to.lat, to.lng] });
        });
      });
    });
  }
  function changed() { app.incidents.redraw(); drawLinks(); }
  out.select = function (m) {
    if (out.selected === m) { return; }
    out.selected = m;
    changed();
  };
  out.hover = function (badge) {
    var ms = badge ? badge.claims : null;
    var same = ms === out.hovered || (ms && out.hovered && ms.join() === out.hovered.join());
    if (same) { return; }
    out.hovered = ms;
    changed();
  };
  out.add = function (opts) {
    MAX = opts.max;
    out.name = opts.name;
    layer.addTo(map);
    layer.on('add remove', function () { app.incidents.redraw(); });
    map.on('moveend', drawLinks);
  };
  out.refresh = drawLinks;
  return out;
});
