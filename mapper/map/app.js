/* The map page of mapper: reads the data once, draws incidents on a canvas, claims as links,
 * and keeps the filter panel, counts, list, URL hash and downloads in step.
 * Text from documents only ever reaches the page through textContent.
 *
 * This file only defines window.mapperApp.  The page's folium elements (mapper/_page.py) call it:
 * the data element runs mapperApp.create(map, dataId) on the folium-made L.map, which puts the app
 * on map.mapper; each layer or control element then calls its add* method with its options, and
 * the last element calls start(). */
(function () {
  'use strict';

  function create(map, dataId) {
    var phases = { start: performance.now() };
    var D = JSON.parse(document.getElementById(dataId).textContent);
    phases.parsed = performance.now();
    var UNATTRIBUTED = '_none';
    var CLAIM_PREFIX = 'claim:';
    var SEP = '/';
    // defaults; the layer and panel elements pass their own through their options
    var AGGREGATE_ABOVE = 2500;   // individual marks up to this many in view, grid cells above
    var CELL = 60;                // aggregation cell, px
    var LIST_MAX = 300;
    var CLAIMS_MAX = 300;         // claim links drawn at most, in view
    var PALETTE = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2',
      '#17becf', '#bcbd22', '#7f7f7f'];
    var SHAPES = ['triangle', 'circle', 'square', 'diamond', 'pentagon', 'cross'];
    var CLAIM_STYLE = {
      responsibility: { color: '#b2182b', dash: '6 4', letter: 'R' },
      denial: { color: '#555555', dash: '2 4', letter: 'D' },
      allegation: { color: '#7b3294', dash: '8 3 2 3', letter: 'A' },
      threat: { color: '#e08214', dash: '4 4', letter: 'T' },
      condemnation: { color: '#2166ac', dash: '1 3', letter: 'C' }
    };

    // --- helpers -------------------------------------------------------------
    function fold(text) {
      if (!text) { return ''; }
      return String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    }
    function el(tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) { node.className = cls; }
      if (text !== undefined && text !== null) { node.textContent = String(text); }
      return node;
    }
    function pad(day, end) {
      if (!day) { return null; }
      if (day.length >= 10) { return day.slice(0, 10); }
      var suffix = end ? '-12-31' : '-01-01';
      return day + suffix.slice(day.length - 4);
    }
    function overlap(start, end, since, until) {
      var first = pad(start || end, false);
      var last = pad(end || start, true);
      if (since && (last === null || last < pad(since, false))) { return false; }
      return !(until && (first === null || first > pad(until, true)));
    }

    // --- column tables (see render.page_data for the encoding) ----------------------
    var CODE = {};
    var BASE = D.code_alphabet.length;
    for (var ci = 0; ci < D.code_alphabet.length; ci++) { CODE[D.code_alphabet.charCodeAt(ci)] = ci; }
    function Table(t) { this.n = t.n; this.cols = t.cols; this.t = t; }
    Table.prototype.get = function (i, key) {
      var c = this.cols[key];
      if (!c) { return null; }
      if (c.same) { return this.get(i, c.same); }
      if (Object.prototype.hasOwnProperty.call(c, 'c')) { return c.c; }
      if (c.k !== undefined) { return c.d[CODE[c.k.charCodeAt(i)]]; }
      if (c.k2 !== undefined) { return c.d[CODE[c.k2.charCodeAt(2 * i)] * BASE + CODE[c.k2.charCodeAt(2 * i + 1)]]; }
      if (c.i) { return c.d[c.i[i]]; }
      if (c.src) { return this.sources(c, i); }
      return c.p ? c.p + c.v[i] : c.v[i];
    };
    Table.prototype.sources = function (c, i) {
      if (!c.full) {
        // title and date are given once per document, in row order: resolve them all once
        var last = {};
        c.full = c.src.map(function (row) {
          return row.map(function (a) {
            if (a.length > 4) { last[a[0]] = [a[4], a[5]]; }
            var td = last[a[0]] || [0, 0];
            return [a[0], a[1], a[2], a[3], td[0], td[1]];
          });
        });
      }
      var d = c.d;
      return c.full[i].map(function (a) {
        return { document: d[a[0]], title: d[a[4]], date: d[a[5]], sentence: d[a[1]], start: a[2], end: a[3] };
      });
    };
    Table.prototype.column = function (key) {
      // every row's value at once, for the indexes built at load
      var c = this.cols[key];
      var out = new Array(this.n);
      var i;
      if (c && c.k !== undefined) {
        for (i = 0; i < this.n; i++) { out[i] = c.d[CODE[c.k.charCodeAt(i)]]; }
      } else if (c && c.v && !c.p) {
        for (i = 0; i < this.n; i++) { out[i] = c.v[i]; }
      } else {
        for (i = 0; i < this.n; i++) { out[i] = this.get(i, key); }
      }
      return out;
    };
    Table.prototype.props = function (i) {
      var out = {};
      for (var key in this.cols) { out[key] = this.get(i, key); }
      return out;
    };
    var INC = new Table(D.incidents);
    var CLM = new Table(D.claims);
    var N = INC.n;
    var M = CLM.n;

    // --- actors and colours ------------------------------------------------------
    var actors = {};
    (D.actors || []).forEach(function (a) { if (a && a.id) { actors[a.id] = a; } });
    function chainOf(id) {
      var out = [];
      var seen = {};
      var cur = id;
      while (cur && !seen[cur]) { out.push(cur); seen[cur] = true; cur = actors[cur] ? actors[cur].parent : null; }
      return out;
    }
    function actorName(id) { return actors[id] ? actors[id].name : id; }
    var colourOf = {};
    var colourN = 0;
    function colour(id) {
      if (!id) { return '#7f7f7f'; }
      if (!colourOf[id]) { colourOf[id] = PALETTE[colourN % (PALETTE.length - 1)]; colourN += 1; }
      return colourOf[id];
    }

    // --- per-incident indexes ----------------------------------------------------------
    var regionIndex = {};   // key -> node
    var regionRoots = [];
    function regionNode(key, name, parent, level) {
      var node = regionIndex[key];
      if (!node) {
        node = { key: key, name: name, level: level, children: [], count: 0, parent: parent };
        regionIndex[key] = node;
        if (parent) { parent.children.push(node); } else { regionRoots.push(node); }
      }
      return node;
    }
    function regionKeys(country, a1, a2) {
      if (!country) { return []; }
      var c = regionNode(country, country, null, 0);
      var out = [c];
      if (a1) {
        var p = regionNode(c.key + SEP + a1, a1, c, 1);
        out.push(p);
        if (a2) { out.push(regionNode(p.key + SEP + a2, a2, p, 2)); }
      }
      return out;
    }
    var groupIndex = {};
    function groupNode(id) {
      if (groupIndex[id]) { return groupIndex[id]; }
      var node = { id: id, name: id === UNATTRIBUTED ? 'Unattributed' : actorName(id), children: [], count: 0, parent: null };
      groupIndex[id] = node;
      var parent = actors[id] && actors[id].parent;
      if (parent && parent !== id) { node.parent = groupNode(parent); node.parent.children.push(node); }
      return node;
    }
    var typeIndex = {};
    var typeOrder = [];
    function typeNode(t) {
      if (!typeIndex[t]) { typeIndex[t] = { id: t, count: 0 }; typeOrder.push(t); }
      return typeIndex[t];
    }
    var shapeOf = {};
    (D.event_types || []).forEach(function (t, k) { shapeOf[t] = SHAPES[k % SHAPES.length]; });
    function shape(t) {
      if (!shapeOf[t]) { shapeOf[t] = SHAPES[Object.keys(shapeOf).length % SHAPES.length]; }
      return shapeOf[t];
    }

    var incRegions = new Array(N);
    var incGroups = new Array(N);
    var incType = new Array(N);
    var incFirst = new Array(N);
    var incLast = new Array(N);
    var incLon = D.incidents.lon || [];
    var incLat = D.incidents.lat || [];
    var incById = new Map();
    var px0 = new Float64Array(N);
    var py0 = new Float64Array(N);
    var hasPoint = new Uint8Array(N);
    var incRadius = new Float32Array(N);
    var incColour = new Array(N);
    var incPrecision = new Uint8Array(N);
    var incInferred = new Uint8Array(N);
    var colCountry = INC.column('country');
    var colCode = INC.column('country_code');
    var colAdmin1 = INC.column('admin1');
    var colAdmin2 = INC.column('admin2');
    var colPerp = INC.column('perpetrator');
    var colType = INC.column('event_type');
    var colFatal = INC.column('fatalities');
    var colPrecision = INC.column('geo_precision');
    var colId = INC.column('id');
    var colLocation = INC.column('location_text');
    var colPlaceInferred = INC.column('place_inferred');
    incFirst = INC.column('date_start');
    incLast = INC.column('date_end');
    var chainCache = {};
    var regionCache = {};
    var RADIUS = 6378137;
    var DEG = Math.PI / 180;
    for (var i = 0; i < N; i++) {
      var country = colCountry[i] || colCode[i];
      // nested caches: the values are shared strings, so no new key is hashed per row
      var byA1 = regionCache[country] || (regionCache[country] = new Map());
      var byA2 = byA1.get(colAdmin1[i]);
      if (!byA2) { byA2 = new Map(); byA1.set(colAdmin1[i], byA2); }
      var regs = byA2.get(colAdmin2[i]);
      if (!regs) { regs = regionKeys(country, colAdmin1[i], colAdmin2[i]); byA2.set(colAdmin2[i], regs); }
      incRegions[i] = regs;
      var perp = colPerp[i];
      var gkey = perp || UNATTRIBUTED;
      if (!chainCache[gkey]) {
        var chain = perp ? chainOf(perp) : [UNATTRIBUTED];
        chainCache[gkey] = chain.map(function (g) { return groupNode(g); });
      }
      incGroups[i] = chainCache[gkey];
      incType[i] = typeNode(colType[i] || '');
      incById.set(colId[i], i);
      var lon = incLon[i];
      var lat = incLat[i];
      if (lon !== null && lon !== undefined && lat !== null && lat !== undefined) {
        // EPSG:3857 at zoom 0, as L.CRS.EPSG3857.latLngToPoint(latlng, 0) but without allocations
        var sin = Math.sin(Math.max(Math.min(lat, 85.0511287798), -85.0511287798) * DEG);
        px0[i] = 256 * (0.5 + (RADIUS * lon * DEG) * 0.5 / (Math.PI * RADIUS));
        py0[i] = 256 * (0.5 - (RADIUS * Math.log((1 + sin) / (1 - sin)) / 2) * 0.5 / (Math.PI * RADIUS));
        hasPoint[i] = 1;
      }
      var f = colFatal[i];
      incRadius[i] = 5 + Math.min(10, 1.6 * Math.sqrt(typeof f === 'number' && f > 0 ? f : 0));
      incColour[i] = colour(perp);
      incPrecision[i] = colPrecision[i] || 1;
      // hollow when the place is not written with the event (taken from the context)
      incInferred[i] = hasPoint[i] && (colPlaceInferred[i] || !colLocation[i]) ? 1 : 0;
    }
    var hay = null;
    function haystack(table, j) {
      var parts = ['summary', 'place_name', 'location_text', 'perpetrator_name', 'claimant_name', 'about_name',
        'country', 'admin1', 'admin2', 'event_type', 'sub_event_type'].map(function (k) { return table.get(j, k); });
      parts = parts.concat(table.get(j, 'targets') || []);
      (table.get(j, 'sources') || []).forEach(function (s) { parts.push(s.sentence, s.title); });
      return ' ' + parts.filter(function (x) { return x; }).map(function (x) { return fold(String(x)); }).join(' ') + ' ';
    }

    // claims
    var clmById = {};
    var clmIncidents = new Array(M);
    var clmRegions = new Array(M);
    var clmGroups = new Array(M);
    for (var c = 0; c < M; c++) {
      clmById[CLM.get(c, 'id')] = c;
      clmIncidents[c] = (CLM.get(c, 'incidents') || []).map(function (id) { return incById.get(id); })
        .filter(function (x) { return x !== undefined; });
      var regs = [];
      (CLM.get(c, 'places') || []).forEach(function (pl) { regs = regs.concat(regionKeys(pl.country, pl.admin1, pl.admin2)); });
      clmRegions[c] = regs;
      var gs = chainOf(CLM.get(c, 'claimant')).concat(chainOf(CLM.get(c, 'about')));
      gs.forEach(groupNode);
      clmGroups[c] = gs.map(function (g) { return groupIndex[g]; });
      if (!(CLM.get(c, 'incidents') || []).length) { typeNode(CLAIM_PREFIX + CLM.get(c, 'claim_type')); }
      colour(CLM.get(c, 'claimant'));
    }
    var clmHay = null;

    phases.indexed = performance.now();

    // --- filter state -----------------------------------------------------------------
    var state = { r: {}, g: {}, t: {}, s: '', u: '', q: '' };
    var visible = new Uint8Array(N);
    var clmVisible = new Uint8Array(M);
    var visibleCount = 0;
    var clmVisibleCount = 0;
    function anyIn(nodes, set, keyName) {
      for (var k = 0; k < nodes.length; k++) { if (set[nodes[k][keyName]]) { return true; } }
      return false;
    }
    function isEmpty(set) { for (var k in set) { if (set[k]) { return false; } } return true; }

    function applyFilters() {
      var fr = !isEmpty(state.r);
      var fg = !isEmpty(state.g);
      var ft = !isEmpty(state.t);
      var words = fold(state.q).split(' ').filter(function (w) { return w; });
      if (words.length && !hay) { hay = new Array(N); for (var h = 0; h < N; h++) { hay[h] = haystack(INC, h); } }
      var k;
      for (k in regionIndex) { regionIndex[k].count = 0; }
      for (k in groupIndex) { groupIndex[k].count = 0; }
      for (k in typeIndex) { typeIndex[k].count = 0; }
      visibleCount = 0;
      for (var j = 0; j < N; j++) {
        var pr = !fr || anyIn(incRegions[j], state.r, 'key');
        var pg = !fg || anyIn(incGroups[j], state.g, 'id');
        var pt = !ft || !!state.t[incType[j].id];
        var pd = overlap(incFirst[j], incLast[j], state.s, state.u);
        var pq = true;
        if (words.length) {
          var hj = hay[j];
          for (var w = 0; w < words.length; w++) { if (hj.indexOf(words[w]) < 0) { pq = false; break; } }
        }
        var rest = pd && pq;
        var v = pr && pg && pt && rest;
        visible[j] = v ? 1 : 0;
        if (v) { visibleCount += 1; }
        if (pg && pt && rest) { var rs = incRegions[j]; for (var a = 0; a < rs.length; a++) { rs[a].count += 1; } }
        if (pr && pt && rest) { var gs = incGroups[j]; for (var b = 0; b < gs.length; b++) { gs[b].count += 1; } }
        if (pr && pg && rest) { incType[j].count += 1; }
      }
      if (words.length && !clmHay) { clmHay = new Array(M); for (var hc = 0; hc < M; hc++) { clmHay[hc] = haystack(CLM, hc); } }
      clmVisibleCount = 0;
      for (var m = 0; m < M; m++) {
        var linked = clmIncidents[m];
        var cv = false;
        if ((CLM.get(m, 'incidents') || []).length) {
          for (var x = 0; x < linked.length; x++) { if (visible[linked[x]]) { cv = true; break; } }
        } else {
          var cpr = !fr || anyIn(clmRegions[m], state.r, 'key');
          var cpg = !fg || anyIn(clmGroups[m], state.g, 'id');
          var tnode = typeIndex[CLAIM_PREFIX + CLM.get(m, 'claim_type')];
          var cpt = !ft || !!state.t[tnode.id];
          var crest = overlap(CLM.get(m, 'date'), CLM.get(m, 'date'), state.s, state.u);
          if (crest && words.length) {
            for (var cw = 0; cw < words.length; cw++) { if (clmHay[m].indexOf(words[cw]) < 0) { crest = false; break; } }
          }
          cv = cpr && cpg && cpt && crest;
          if (cpr && cpg && crest) { tnode.count += 1; }
        }
        clmVisible[m] = cv ? 1 : 0;
        if (cv) { clmVisibleCount += 1; }
      }
    }

    // --- the map ---------------------------------------------------------------------
    if (D.leaflet_icons) { L.Icon.Default.imagePath = ''; L.Icon.Default.mergeOptions(D.leaflet_icons); }
    if (map.attributionControl) {
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution(D.attribution);
    }
    map.createPane('basemap').style.zIndex = 200;
    map.createPane('labels').style.zIndex = 420;
    map.createPane('incidents').style.zIndex = 450;
    map.getPane('labels').style.pointerEvents = 'none';
    map.getPane('incidents').style.pointerEvents = 'none';
    var overlays = {};  // name -> layer, for the layers control

    var basemap = L.layerGroup();
    var labelGroups = { country: L.layerGroup(), admin1: L.layerGroup(), admin2: L.layerGroup() };
    var adminLayers = {};
    var zooms = { admin2: 8, countryLabels: [3, 7], admin1Labels: 6, admin2Labels: 9 };
    function outlineLayer(gj, style, renderer) {
      return L.geoJSON(gj, { renderer: renderer, interactive: false, style: function () { return style; } });
    }
    function labelLayer(gj, level) {
      (gj.features || []).forEach(function (f) {
        var lab = f.properties && f.properties.label;
        if (!lab || !f.properties.name) { return; }
        var span = el('span', null, f.properties.name);
        var icon = L.divIcon({ className: 'mapper-label mapper-label-' + level, html: span, iconSize: null });
        var mk = L.marker([lab[1], lab[0]], { icon: icon, interactive: false, keyboard: false, pane: 'labels' });
        mk.mapperArea = f.properties.area || 0;
        labelGroups[level].addLayer(mk);
      });
    }
    function addBasemap(opts) {
      // the outlines, drawn on their own canvas below everything; opts: name, styles, zooms
      var renderer = L.canvas({ pane: 'basemap', padding: 0.3 });
      var styles = opts.styles;
      if (opts.zooms) { zooms = opts.zooms; }
      if (D.basemap) {
        if (D.basemap.country) {
          basemap.addLayer(outlineLayer(D.basemap.country, styles.country, renderer));
          labelLayer(D.basemap.country, 'country');
        }
        if (D.basemap.admin1) {
          adminLayers.admin1 = outlineLayer(D.basemap.admin1, styles.admin1, renderer);
          basemap.addLayer(adminLayers.admin1);
          labelLayer(D.basemap.admin1, 'admin1');
        }
        if (D.basemap.admin2) {
          adminLayers.admin2 = outlineLayer(D.basemap.admin2, styles.admin2, renderer);
          labelLayer(D.basemap.admin2, 'admin2');
        }
      }
      basemap.addTo(map);
      overlays[opts.name] = basemap;
      map.on('zoomend moveend', updateZoomLayers);
      basemap.on('add remove', updateZoomLayers);
    }
    function updateZoomLayers() {
      var z = map.getZoom();
      var b = map.getBounds().pad(0.2);
      function toggle(layer, on) { if (on && !map.hasLayer(layer)) { map.addLayer(layer); } if (!on && map.hasLayer(layer)) { map.removeLayer(layer); } }
      var outlined = map.hasLayer(basemap);  // the layers control can take the outlines off
      if (adminLayers.admin2) { toggle(adminLayers.admin2, outlined && z >= zooms.admin2); }
      toggle(labelGroups.country, outlined && z >= zooms.countryLabels[0] && z <= zooms.countryLabels[1]);
      toggle(labelGroups.admin1, outlined && z >= zooms.admin1Labels);
      toggle(labelGroups.admin2, outlined && z >= zooms.admin2Labels);
      // at low zooms only big countries are named
      var minArea = z >= 6 ? 0 : z >= 5 ? 2 : z >= 4 ? 15 : 60;
      labelGroups.country.eachLayer(function (mk) {
        var show = mk.mapperArea >= minArea && b.contains(mk.getLatLng());
        var node = mk.getElement();
        if (node) { node.style.display = show ? '' : 'none'; }
      });
    }

    // --- incidents canvas ------------------------------------------------------------------
    var drawn = [];
    var stats = { marks: 0, aggregates: 0, aggregated: 0, drawMs: 0 };
    function path(ctx, kind, x, y, r) {
      ctx.beginPath();
      if (kind === 'circle') { ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
      if (kind === 'square') { ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7); return; }
      if (kind === 'diamond') { ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r * 1.2); ctx.lineTo(x - r, y); ctx.closePath(); return; }
      if (kind === 'triangle') { ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.1, y + r * 0.8); ctx.lineTo(x - r * 1.1, y + r * 0.8); ctx.closePath(); return; }
      if (kind === 'cross') { ctx.rect(x - r, y - r / 3, 2 * r, 2 * r / 3); ctx.rect(x - r / 3, y - r, 2 * r / 3, 2 * r); return; }
      for (var k = 0; k < 5; k++) {
        var ang = -Math.PI / 2 + k * 2 * Math.PI / 5;
        if (k === 0) { ctx.moveTo(x + r * Math.cos(ang), y + r * Math.sin(ang)); } else { ctx.lineTo(x + r * Math.cos(ang), y + r * Math.sin(ang)); }
      }
      ctx.closePath();
    }
    function drawMark(ctx, j, x, y) {
      var r = incRadius[j];
      var col = incColour[j];
      var prec = incPrecision[j];
      if (prec >= 3) {
        // only the region is known: a halo as wide as the doubt
        ctx.beginPath(); ctx.arc(x, y, r + 12, 0, 2 * Math.PI);
        ctx.fillStyle = col + '22'; ctx.fill();
        ctx.setLineDash([3, 3]); ctx.lineWidth = 1; ctx.strokeStyle = col + 'aa'; ctx.stroke(); ctx.setLineDash([]);
      } else if (prec === 2) {
        // near or part of the place: a thin ring
        ctx.beginPath(); ctx.arc(x, y, r + 5, 0, 2 * Math.PI);
        ctx.lineWidth = 1.2; ctx.strokeStyle = col; ctx.stroke();
      }
      path(ctx, shape(incType[j].id), x, y, r);
      if (incInferred[j]) {
        // the place is not written with the event but inferred from the document: hollow
        ctx.fillStyle = '#ffffffcc'; ctx.fill(); ctx.lineWidth = 2.5; ctx.strokeStyle = col; ctx.stroke();
      } else {
        ctx.fillStyle = col + 'dd'; ctx.fill(); ctx.lineWidth = 1.2; ctx.strokeStyle = '#ffffff'; ctx.stroke();
      }
    }
    var IncidentLayer = L.Layer.extend({
      onAdd: function (m) {
        this._canvas = L.DomUtil.create('canvas', 'mapper-incidents');
        m.getPane('incidents').appendChild(this._canvas);
        m.on('moveend resize viewreset', this.redraw, this);
        m.on('zoomstart', this._hide, this);
        this.redraw();
      },
      onRemove: function (m) {
        L.DomUtil.remove(this._canvas);
        m.off('moveend resize viewreset', this.redraw, this);
        m.off('zoomstart', this._hide, this);
        drawn = []; stats.marks = 0; stats.aggregates = 0; stats.aggregated = 0;
        this._publish();
      },
      _hide: function () { this._canvas.style.visibility = 'hidden'; },
      _publish: function () {
        var cv = this._canvas;
        if (cv) { cv.dataset.marks = stats.marks; cv.dataset.aggregates = stats.aggregates; cv.dataset.aggregated = stats.aggregated; }
      },
      redraw: function () {
        var t0 = performance.now();
        var m = this._map;
        if (!m) { return; }
        var size = m.getSize();
        var padPx = size.multiplyBy(0.25).round();
        var full = size.add(padPx.multiplyBy(2));
        var topLeft = m.containerPointToLayerPoint(padPx.multiplyBy(-1));
        var cv = this._canvas;
        var ratio = window.devicePixelRatio || 1;
        cv.width = full.x * ratio; cv.height = full.y * ratio;
        cv.style.width = full.x + 'px'; cv.style.height = full.y + 'px';
        L.DomUtil.setPosition(cv, topLeft);
        cv.style.visibility = '';
        var ctx = cv.getContext('2d');
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        var scale = Math.pow(2, m.getZoom());
        var origin = m.getPixelOrigin();
        var ox = origin.x + topLeft.x;
        var oy = origin.y + topLeft.y;
        var world = 256 * scale;
        var idx = [];
        var xs = [];
        var ys = [];
        for (var j = 0; j < N; j++) {
          if (!visible[j] || !hasPoint[j]) { continue; }
          var x = px0[j] * scale - ox;
          var y = py0[j] * scale - oy;
          if (x < -world / 2 && x + world <= full.x) { x += world; }
          if (x < -20 || y < -20 || x > full.x + 20 || y > full.y + 20) { continue; }
          idx.push(j); xs.push(x); ys.push(y);
        }
        drawn = [];
        stats.marks = 0; stats.aggregates = 0; stats.aggregated = 0;
        if (idx.length <= AGGREGATE_ABOVE) {
          this._drawMarks(ctx, idx, xs, ys, topLeft);
        } else {
          this._drawCells(ctx, idx, xs, ys, topLeft);
        }
        stats.drawMs = performance.now() - t0;
        this._publish();
      },
      _drawMarks: function (ctx, idx, xs, ys, topLeft) {
        // marks at one spot are spread on a small spiral so each can be seen and clicked
        var seen = {};
        var order = idx.map(function (_, k) { return k; });
        order.sort(function (a, b) { return incRadius[idx[b]] - incRadius[idx[a]]; });
        for (var o = 0; o < order.length; o++) {
          var k = order[o];
          var j = idx[k];
          var key = Math.round(xs[k] / 3) + ',' + Math.round(ys[k] / 3);
          var nth = seen[key] || 0;
          seen[key] = nth + 1;
          var x = xs[k];
          var y = ys[k];
          if (nth) { var ang = nth * 2.4; var rad = 9 + 5 * Math.sqrt(nth); x += rad * Math.cos(ang); y += rad * Math.sin(ang); }
          drawMark(ctx, j, x, y);
          drawn.push({ i: j, x: x + topLeft.x, y: y + topLeft.y, r: incRadius[j] + 2 });
          stats.marks += 1;
        }
      },
      _drawCells: function (ctx, idx, xs, ys, topLeft) {
        var cells = new Map();
        for (var k = 0; k < idx.length; k++) {
          var key = Math.floor(xs[k] / CELL) * 100000 + Math.floor(ys[k] / CELL);
          var cell = cells.get(key);
          if (!cell) { cell = { n: 0, sx: 0, sy: 0, members: [], colours: {} }; cells.set(key, cell); }
          cell.n += 1; cell.sx += xs[k]; cell.sy += ys[k]; cell.members.push(idx[k]);
          var col = incColour[idx[k]];
          cell.colours[col] = (cell.colours[col] || 0) + 1;
          cell.x = xs[k]; cell.y = ys[k];
        }
        ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
        cells.forEach(function (cell) {
          if (cell.n === 1) {
            drawMark(ctx, cell.members[0], cell.x, cell.y);
            drawn.push({ i: cell.members[0], x: cell.x + topLeft.x, y: cell.y + topLeft.y, r: incRadius[cell.members[0]] + 2 });
            stats.marks += 1;
            return;
          }
          var x = cell.sx / cell.n;
          var y = cell.sy / cell.n;
          var best = null;
          var bestN = -1;
          for (var c in cell.colours) { if (cell.colours[c] > bestN) { best = c; bestN = cell.colours[c]; } }
          var r = Math.min(24, 8 + 2.5 * Math.log2(cell.n));
          ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
          ctx.fillStyle = best + 'cc'; ctx.fill();
          ctx.lineWidth = 3; ctx.strokeStyle = '#ffffffcc'; ctx.stroke();
          ctx.fillStyle = '#fff'; ctx.font = 'bold 11px system-ui, sans-serif';
          ctx.fillText(cell.n > 9999 ? Math.round(cell.n / 1000) + 'k' : String(cell.n), x, y);
          drawn.push({ agg: cell.members, x: x + topLeft.x, y: y + topLeft.y, r: r });
          stats.aggregates += 1; stats.aggregated += cell.n;
        });
      }
    });
    var incidentLayer = null;

    function hitTest(layerPoint) {
      var best = null;
      var bestD = Infinity;
      for (var k = drawn.length - 1; k >= 0; k--) {
        var d = drawn[k];
        var dx = d.x - layerPoint.x;
        var dy = d.y - layerPoint.y;
        var dist = Math.sqrt(dx * dx + dy * dy);
        if (dist <= d.r + 3 && dist < bestD) { best = d; bestD = dist; }
      }
      return best;
    }
    function overControl(e) {
      var target = e.originalEvent && e.originalEvent.target;
      return !!(target && target.closest && target.closest('.leaflet-popup, .leaflet-control, .leaflet-marker-icon'));
    }
    function addIncidents(opts) {
      // the incidents on one canvas; opts: name, aggregateAbove (marks in view), cell (px)
      AGGREGATE_ABOVE = opts.aggregateAbove;
      CELL = opts.cell;
      incidentLayer = new IncidentLayer();
      incidentLayer.addTo(map);
      overlays[opts.name] = incidentLayer;
      map.on('click', function (e) {
        if (overControl(e) || !map.hasLayer(incidentLayer)) { return; }  // a click in a popup is not a click on the mark below it
        var hit = hitTest(e.layerPoint);
        if (!hit) { return; }
        if (hit.agg) {
          var bounds = L.latLngBounds(hit.agg.map(function (j) { return [incLat[j], incLon[j]]; }));
          map.fitBounds(bounds.pad(0.1), { maxZoom: Math.min(map.getMaxZoom(), map.getZoom() + 3) });
          return;
        }
        openIncident(hit.i, map.layerPointToLatLng(L.point(hit.x, hit.y)));
      });
      map.on('mousemove', function (e) {
        map.getContainer().style.cursor = !overControl(e) && map.hasLayer(incidentLayer) && hitTest(e.layerPoint) ? 'pointer' : '';
      });
    }

    // --- claims ----------------------------------------------------------------------------
    var claimLayer = null;
    function addClaims(opts) {
      // claims as dashed links from a lettered badge to the incidents or places they concern;
      // opts: name, max (links drawn at most in view)
      CLAIMS_MAX = opts.max;
      claimLayer = L.layerGroup().addTo(map);
      overlays[opts.name] = claimLayer;
      map.on('moveend', drawClaims);
    }
    var claimAnchors = {};
    function claimTargets(m) {
      var pts = [];
      clmIncidents[m].forEach(function (j) { if (hasPoint[j] && visible[j]) { pts.push(L.latLng(incLat[j], incLon[j])); } });
      (CLM.get(m, 'places') || []).forEach(function (pl) {
        if (typeof pl.lat === 'number' && typeof pl.lon === 'number') { pts.push(L.latLng(pl.lat, pl.lon)); }
      });
      if (!pts.length) {
        var g = CLM.t.geom[m];
        if (g && g.type === 'Point') { pts.push(L.latLng(g.coordinates[1], g.coordinates[0])); }
        if (g && g.type === 'MultiPoint') { g.coordinates.forEach(function (cc) { pts.push(L.latLng(cc[1], cc[0])); }); }
      }
      return pts;
    }
    var claimsNote = '';
    function drawClaims() {
      if (!claimLayer) { return; }
      claimLayer.clearLayers();
      claimAnchors = {};
      var perSpot = {};
      var view = map.getBounds().pad(0.25);
      var todo = [];
      for (var m0 = 0; m0 < M; m0++) {
        if (!clmVisible[m0]) { continue; }
        var pts0 = claimTargets(m0);
        if (pts0.length && pts0.some(function (p) { return view.contains(p); })) { todo.push([m0, pts0]); }
      }
      // thousands of links say nothing and cost seconds: past a limit, ask for a closer view
      claimsNote = todo.length > CLAIMS_MAX ? todo.length + ' claims in view: zoom in to see their links' : '';
      var note = document.getElementById('mapper-claims-note');
      if (note) { note.textContent = claimsNote; }
      if (claimsNote) { return; }
      for (var t = 0; t < todo.length; t++) {
        var m = todo[t][0];
        var pts = todo[t][1];
        var type = CLM.get(m, 'claim_type');
        var st = CLAIM_STYLE[type] || CLAIM_STYLE.responsibility;
        var base;
        if (pts.length > 1 && !clmIncidents[m].length) {
          var sl = 0; var sn = 0;
          pts.forEach(function (p) { sl += p.lat; sn += p.lng; });
          base = map.latLngToContainerPoint(L.latLng(sl / pts.length, sn / pts.length));
        } else {
          base = map.latLngToContainerPoint(pts[0]);
        }
        var spot = Math.round(base.x / 40) + ',' + Math.round(base.y / 40);
        var nth = perSpot[spot] || 0;
        perSpot[spot] = nth + 1;
        var ang = -Math.PI / 4 - nth * 0.7;
        var anchor = map.containerPointToLatLng(base.add(L.point(34 * Math.cos(ang), 34 * Math.sin(ang))));
        claimAnchors[m] = anchor;
        pts.forEach(function (p) {
          L.polyline([anchor, p], { color: st.color, weight: 2, dashArray: st.dash, opacity: 0.9, bubblingMouseEvents: false })
            .on('click', function () { openClaim(m); }).addTo(claimLayer);
        });
        var badge = el('div', null, st.letter);
        badge.style.background = st.color;
        var mk = L.marker(anchor, {
          icon: L.divIcon({ className: 'mapper-claim mapper-claim-' + type, html: badge, iconSize: null }),
          bubblingMouseEvents: false, keyboard: true, title: ''
        });
        var tip = el('span', null, (CLM.get(m, 'claimant_name') || actorName(CLM.get(m, 'claimant')) || 'Unknown') + ': ' + type);
        mk.bindTooltip(tip, { direction: 'top' });
        mk.on('click', (function (mm) { return function () { openClaim(mm); }; })(m));
        mk.addTo(claimLayer);
      }
    }

    // --- popups ------------------------------------------------------------------------------
    var popup = L.popup({ maxWidth: 380, minWidth: 260, autoPanPadding: [30, 30] });
    function row(dl, label, value) {
      if (value === null || value === undefined || value === '') { return; }
      dl.appendChild(el('dt', null, label));
      var dd = el('dd');
      if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
      dl.appendChild(dd);
    }
    function dateText(start, end, precision, inferred) {
      if (!start && !end) { return 'unknown'; }
      var text = start && end && start !== end ? start + ' – ' + end : (start || end);
      var notes = [];
      if (precision && precision !== 'day') { notes.push('to the ' + precision); }
      if (inferred) { notes.push('inferred'); }
      return text + (notes.length ? ' (' + notes.join(', ') + ')' : '');
    }
    function rangeText(v, lo, hi, text) {
      if (v === null && lo === null && hi === null && !text) { return null; }
      var out = v !== null ? String(v) : '';
      if (lo !== null && hi !== null && lo !== hi) { out += (out ? ' ' : '') + '(' + lo + '–' + hi + ')'; }
      if (text) { out += (out ? ' — ' : '') + '“' + text + '”'; }
      return out;
    }
    function sourcesNode(sources) {
      var box = el('div', 'mapper-sources');
      (sources || []).forEach(function (s) {
        box.appendChild(el('blockquote', 'mapper-sentence', s.sentence || ''));
        var cite = [s.title || s.document, s.date].filter(function (x) { return x; }).join(', ');
        box.appendChild(el('cite', null, cite));
      });
      return box;
    }
    var PRECISION = { 1: 'exact place', 2: 'near or part of the place', 3: 'somewhere in the region' };
    function incidentNode(j) {
      var p = INC.props(j);
      var box = el('div', 'mapper-popup mapper-popup-incident');
      box.dataset.id = p.id;
      box.appendChild(el('h3', null, [p.event_type, p.sub_event_type].filter(function (x) { return x; }).join(' — ') || 'Incident'));
      if (p.summary) { box.appendChild(el('p', null, p.summary)); }
      var dl = el('dl');
      row(dl, 'Date', dateText(p.date_start, p.date_end, p.time_precision, p.date_inferred));
      var admin = [p.admin2, p.admin1, p.country].filter(function (x, k, arr) { return x && arr.indexOf(x) === k && x !== p.place_name; });
      row(dl, 'Place', p.place_name ? p.place_name + (admin.length ? ', ' + admin.join(' › ') : '') : (admin.join(' › ') || 'unknown'));
      if (p.place_name || admin.length) {
        row(dl, 'Precision', (PRECISION[p.geo_precision] || 'unknown') + (p.place_inferred || !p.location_text ? '; place inferred from the context' : ''));
      }
      if (p.location_text && !p.place_inferred) { row(dl, 'As written', '“' + p.location_text + '”'); }
      row(dl, 'Perpetrator', p.perpetrator_name ? p.perpetrator_name + (p.attribution ? ' (' + p.attribution + ')' : '') : 'unknown');
      row(dl, 'Targets', (p.targets || []).join('; '));
      row(dl, 'Killed', rangeText(p.fatalities, p.fatalities_low, p.fatalities_high, p.fatalities_text));
      row(dl, 'Wounded', rangeText(p.wounded, p.wounded_low, p.wounded_high, p.wounded_text));
      var claimIds = (p.claims || []).filter(function (id) { return clmById[id] !== undefined; });
      if (claimIds.length) {
        var list = el('div');
        claimIds.forEach(function (id) {
          var m = clmById[id];
          var b = el('button', 'mapper-link', (CLM.get(m, 'claimant_name') || 'Unknown') + ': ' + CLM.get(m, 'claim_type'));
          b.type = 'button'; b.dataset.claim = id;
          b.addEventListener('click', function () { openClaim(m); });
          list.appendChild(b);
        });
        row(dl, 'Claims', list);
      }
      box.appendChild(dl);
      box.appendChild(sourcesNode(p.sources));
      return box;
    }
    function claimNode(m) {
      var p = CLM.props(m);
      var box = el('div', 'mapper-popup mapper-popup-claim');
      box.dataset.id = p.id;
      box.appendChild(el('h3', null, 'Claim: ' + p.claim_type));
      if (p.summary) { box.appendChild(el('p', null, p.summary)); }
      var dl = el('dl');
      row(dl, 'By', p.claimant_name || actorName(p.claimant) || 'unknown');
      row(dl, 'About', p.about_name || (p.about ? actorName(p.about) : null));
      row(dl, 'Also about', (p.also_about || []).map(actorName).join('; '));
      row(dl, 'Date', p.date);
      row(dl, 'Channel', p.channel);
      row(dl, 'Hedges', (p.hedges || []).join('; '));
      if ((p.places || []).length) {
        row(dl, 'Places', p.places.map(function (pl) { return [pl.name, pl.admin1, pl.country].filter(function (x) { return x; }).join(', '); }).join('; '));
      }
      if (clmIncidents[m].length) {
        var list = el('div');
        clmIncidents[m].forEach(function (j) {
          var label = [INC.get(j, 'event_type'), INC.get(j, 'place_name'), INC.get(j, 'date_start')].filter(function (x) { return x; }).join(', ');
          var b = el('button', 'mapper-link', label || INC.get(j, 'id'));
          b.type = 'button'; b.dataset.incident = INC.get(j, 'id');
          b.addEventListener('click', function () { zoomToIncident(j); });
          list.appendChild(b);
        });
        row(dl, 'Incidents', list);
      }
      box.appendChild(dl);
      box.appendChild(sourcesNode(p.sources));
      return box;
    }
    function markPosition(j) {
      for (var k = 0; k < drawn.length; k++) { if (drawn[k].i === j) { return map.layerPointToLatLng(L.point(drawn[k].x, drawn[k].y)); } }
      return hasPoint[j] ? L.latLng(incLat[j], incLon[j]) : map.getCenter();
    }
    function openIncident(j, latlng) {
      popup.setLatLng(latlng || markPosition(j)).setContent(incidentNode(j)).openOn(map);
    }
    function openClaim(m) {
      var at = claimAnchors[m];
      if (!at) { var pts = claimTargets(m); at = pts.length ? pts[0] : map.getCenter(); }
      popup.setLatLng(at).setContent(claimNode(m)).openOn(map);
    }
    function zoomToIncident(j) {
      if (!hasPoint[j]) { openIncident(j, map.getCenter()); return; }
      map.once('moveend', function () { openIncident(j); });
      var target = L.latLng(incLat[j], incLon[j]);
      var z = Math.max(map.getZoom(), 9);
      if (map.getCenter().equals(target) && map.getZoom() === z) { map.fire('moveend'); } else { map.setView(target, z); }
    }

    // --- panel -------------------------------------------------------------------------------
    var countNodes = [];
    function countSpan(node) {
      var span = el('span', 'mapper-count');
      countNodes.push({ node: node, span: span });
      return span;
    }
    function checkbox(facet, value, label, node, swatch) {
      var lab = el('label');
      var box = el('input');
      box.type = 'checkbox'; box.value = value; box.dataset.facet = facet;
      box.addEventListener('change', function () {
        state[facet === 'region' ? 'r' : facet === 'group' ? 'g' : 't'][value] = box.checked;
        refresh(true);
      });
      lab.appendChild(box);
      if (swatch) { var sw = el('span', 'mapper-swatch'); sw.style.background = swatch; lab.appendChild(sw); }
      lab.appendChild(document.createTextNode(label));
      lab.appendChild(countSpan(node));
      return lab;
    }
    function byName(a, b) { return b.count0 - a.count0 || String(a.name).localeCompare(String(b.name)); }
    function treeItem(facet, node, keyName, swatchOf) {
      var li = el('li');
      var lab = checkbox(facet, node[keyName], node.name, node, swatchOf ? swatchOf(node) : null);
      if (node.children.length) {
        var det = el('details');
        if (node.level === 0 || facet === 'group') { det.open = true; }
        var sum = el('summary');
        sum.appendChild(lab);
        det.appendChild(sum);
        var ul = el('ul');
        node.children.sort(byName).forEach(function (ch) { ul.appendChild(treeItem(facet, ch, keyName, swatchOf)); });
        det.appendChild(ul);
        li.appendChild(det);
      } else {
        li.appendChild(lab);
      }
      return li;
    }
    function buildPanel() {
      applyFilters();
      var k;
      for (k in regionIndex) { regionIndex[k].count0 = regionIndex[k].count; }
      for (k in groupIndex) { groupIndex[k].count0 = groupIndex[k].count; }
      var regionsUl = document.getElementById('mapper-regions');
      regionRoots.sort(byName).forEach(function (n) { regionsUl.appendChild(treeItem('region', n, 'key')); });
      var groupsUl = document.getElementById('mapper-groups');
      var roots = [];
      for (k in groupIndex) { if (!groupIndex[k].parent) { roots.push(groupIndex[k]); } }
      roots.sort(byName).forEach(function (n) {
        groupsUl.appendChild(treeItem('group', n, 'id', function (g) { return g.id === UNATTRIBUTED ? '#7f7f7f' : colour(g.id); }));
      });
      var typesUl = document.getElementById('mapper-types');
      typeOrder.forEach(function (t) {
        var li = el('li');
        var label = t === '' ? 'Unknown type' : t.indexOf(CLAIM_PREFIX) === 0 ? 'Claim: ' + t.slice(CLAIM_PREFIX.length) : t;
        li.appendChild(checkbox('type', t, label, typeIndex[t]));
        typesUl.appendChild(li);
      });
      var bw = D.built_with;
      if (bw && (bw.regions.length || bw.groups.length || bw.types.length || bw.since || bw.until)) {
        var parts = [];
        if (bw.regions.length) { parts.push('region ' + bw.regions.join(', ')); }
        if (bw.groups.length) { parts.push('group ' + bw.groups.map(actorName).join(', ')); }
        if (bw.types.length) { parts.push('type ' + bw.types.join(', ')); }
        if (bw.since) { parts.push('from ' + bw.since); }
        if (bw.until) { parts.push('until ' + bw.until); }
        var note = document.getElementById('mapper-built-with');
        note.textContent = 'Built with only: ' + parts.join('; ');
        note.hidden = false;
      }
    }
    function legendIcon(draw) {
      var cv = el('canvas');
      cv.width = 26; cv.height = 20;
      draw(cv.getContext('2d'));
      return cv;
    }
    function addLegend(opts) {
      // opts: position, openAbove (open at first when the window is at least this tall, px)
      var legend = L.control({ position: opts.position });
      legend.onAdd = function () {
        var det = el('details', 'mapper-legend leaflet-bar');
        det.open = window.innerHeight >= opts.openAbove;
        det.appendChild(el('summary', null, 'Legend'));
        var inner = el('div');
        inner.id = 'mapper-legend';
        det.appendChild(inner);
        L.DomEvent.disableClickPropagation(det);
        L.DomEvent.disableScrollPropagation(det);
        return det;
      };
      legend.addTo(map);
      var box = document.getElementById('mapper-legend');
      function line(icon, text) { var d = el('div'); d.appendChild(icon); d.appendChild(document.createTextNode(text)); box.appendChild(d); }
      typeOrder.forEach(function (t) {
        if (t.indexOf(CLAIM_PREFIX) === 0) { return; }
        line(legendIcon(function (ctx) { path(ctx, shape(t), 13, 11, 6); ctx.fillStyle = '#555'; ctx.fill(); }), t || 'Unknown type');
      });
      line(legendIcon(function (ctx) { path(ctx, 'circle', 7, 11, 3); path(ctx, 'circle', 18, 10, 7); ctx.fillStyle = '#555'; ctx.fill(); }), 'size: people killed');
      line(legendIcon(function (ctx) { path(ctx, 'circle', 13, 11, 6); ctx.fillStyle = '#fff'; ctx.fill(); ctx.lineWidth = 2.5; ctx.strokeStyle = '#555'; ctx.stroke(); }), 'hollow: place inferred');
      line(legendIcon(function (ctx) {
        ctx.beginPath(); ctx.arc(13, 11, 9, 0, 2 * Math.PI); ctx.lineWidth = 1.2; ctx.strokeStyle = '#555'; ctx.stroke();
        path(ctx, 'circle', 13, 11, 4); ctx.fillStyle = '#555'; ctx.fill();
      }), 'ring: near or part of the place');
      line(legendIcon(function (ctx) {
        ctx.beginPath(); ctx.arc(13, 11, 10, 0, 2 * Math.PI); ctx.fillStyle = '#5553'; ctx.fill();
        path(ctx, 'circle', 13, 11, 4); ctx.fillStyle = '#555'; ctx.fill();
      }), 'halo: only the region is known');
      line(legendIcon(function (ctx) {
        ctx.beginPath(); ctx.arc(13, 11, 10, 0, 2 * Math.PI); ctx.fillStyle = '#555c'; ctx.fill();
        ctx.fillStyle = '#fff'; ctx.font = 'bold 9px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle'; ctx.fillText('12', 13, 11);
      }), 'many incidents: click');
      Object.keys(CLAIM_STYLE).forEach(function (t) {
        var st = CLAIM_STYLE[t];
        line(legendIcon(function (ctx) {
          ctx.setLineDash(st.dash.split(' ').map(Number)); ctx.strokeStyle = st.color; ctx.lineWidth = 2;
          ctx.beginPath(); ctx.moveTo(1, 11); ctx.lineTo(25, 11); ctx.stroke();
        }), 'claim: ' + t + ' (' + st.letter + ')');
      });
    }
    function updateCounts() {
      countNodes.forEach(function (c) {
        c.span.textContent = String(c.node.count);
        c.span.parentNode.classList.toggle('mapper-zero', c.node.count === 0);
      });
      var summary = document.getElementById('mapper-summary');
      summary.textContent = 'Showing ' + visibleCount + ' of ' + N + ' incidents and ' + clmVisibleCount + ' of ' + M + ' claims';
      summary.dataset.incidents = visibleCount;
      summary.dataset.claims = clmVisibleCount;
    }
    function incidentLabel(j) {
      return [INC.get(j, 'date_start') || 'undated', INC.get(j, 'event_type') || 'incident',
        INC.get(j, 'place_name') || INC.get(j, 'country') || 'no place', INC.get(j, 'perpetrator_name') || 'unknown'].join(' · ');
    }
    function updateList() {
      var ol = document.getElementById('mapper-list');
      var rows = [];
      for (var j = 0; j < N && rows.length < LIST_MAX; j++) { if (visible[j]) { rows.push(j); } }
      var frag = document.createDocumentFragment();
      rows.forEach(function (j) {
        var li = el('li');
        var b = el('button', null, incidentLabel(j));
        b.type = 'button'; b.dataset.incident = INC.get(j, 'id');
        b.addEventListener('click', function () { zoomToIncident(j); });
        li.appendChild(b);
        frag.appendChild(li);
      });
      ol.replaceChildren(frag);
      document.getElementById('mapper-list-more').textContent =
        visibleCount > rows.length ? (visibleCount - rows.length) + ' more not listed; filter to narrow down' : '';
    }
    function syncInputs() {
      document.querySelectorAll('input[data-facet]').forEach(function (box) {
        var set = state[box.dataset.facet === 'region' ? 'r' : box.dataset.facet === 'group' ? 'g' : 't'];
        box.checked = !!set[box.value];
      });
      document.getElementById('mapper-search').value = state.q;
      document.getElementById('mapper-since').value = state.s;
      document.getElementById('mapper-until').value = state.u;
    }

    // --- URL hash --------------------------------------------------------------------------------
    var writingHash = false;
    function stateToHash() {
      var params = new URLSearchParams();
      ['r', 'g', 't'].forEach(function (f) { Object.keys(state[f]).sort().forEach(function (k) { if (state[f][k]) { params.append(f, k); } }); });
      if (state.s) { params.set('s', state.s); }
      if (state.u) { params.set('u', state.u); }
      if (state.q) { params.set('q', state.q); }
      var c = map.getCenter();
      params.set('v', map.getZoom() + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4));
      return params.toString();
    }
    function writeHash() {
      var h = '#' + stateToHash();
      if (location.hash !== h) { writingHash = true; history.replaceState(null, '', h); writingHash = false; }
    }
    function readHash() {
      var params = new URLSearchParams(location.hash.replace(/^#/, ''));
      state = { r: {}, g: {}, t: {}, s: params.get('s') || '', u: params.get('u') || '', q: params.get('q') || '' };
      ['r', 'g', 't'].forEach(function (f) { params.getAll(f).forEach(function (k) { state[f][k] = true; }); });
      var v = (params.get('v') || '').split('/').map(Number);
      return v.length === 3 && v.every(isFinite) ? v : null;
    }

    // --- downloads ------------------------------------------------------------------------------
    function visibleCollection() {
      var features = [];
      for (var j = 0; j < N; j++) {
        if (!visible[j]) { continue; }
        features.push({ type: 'Feature', geometry: hasPoint[j] ? { type: 'Point', coordinates: [incLon[j], incLat[j]] } : null, properties: INC.props(j) });
      }
      for (var m = 0; m < M; m++) {
        if (clmVisible[m]) { features.push({ type: 'Feature', geometry: CLM.t.geom[m], properties: CLM.props(m) }); }
      }
      return { type: 'FeatureCollection', features: features, actors: D.actors, documents: D.documents };
    }
    var CSV_COLUMNS = ['id', 'event_type', 'sub_event_type', 'date_start', 'date_end', 'time_precision', 'place_name',
      'country', 'admin1', 'admin2', 'lat', 'lon', 'geo_precision', 'perpetrator_name', 'attribution', 'targets',
      'fatalities', 'wounded', 'claims', 'summary', 'sources'];
    function csvCell(v) {
      var s = v === null || v === undefined ? '' : String(v);
      if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }  // no formulas when opened in a spreadsheet
      return '"' + s.replace(/"/g, '""') + '"';
    }
    function visibleCSV() {
      var lines = [CSV_COLUMNS.join(',')];
      for (var j = 0; j < N; j++) {
        if (!visible[j]) { continue; }
        var p = INC.props(j);
        p.lat = hasPoint[j] ? incLat[j] : null;
        p.lon = hasPoint[j] ? incLon[j] : null;
        p.targets = (p.targets || []).join('; ');
        p.claims = (p.claims || []).join('; ');
        p.sources = (p.sources || []).map(function (s) { return (s.title || s.document) + ': ' + s.sentence; }).join(' | ');
        lines.push(CSV_COLUMNS.map(function (k) { return csvCell(p[k]); }).join(','));
      }
      return lines.join('\r\n') + '\r\n';
    }
    function download(name, type, text) {
      var url = URL.createObjectURL(new Blob([text], { type: type }));
      var a = el('a');
      a.href = url; a.download = name;
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }

    // --- wiring ------------------------------------------------------------------------------------
    var lastApplyMs = 0;
    function refresh(updateHash) {
      var t0 = performance.now();
      applyFilters();
      updateCounts();
      updateList();
      if (incidentLayer) { incidentLayer.redraw(); }
      drawClaims();
      if (updateHash) { writeHash(); }
      lastApplyMs = performance.now() - t0;
    }
    function median(values) {
      var sorted = values.slice().sort(function (a, b) { return a - b; });
      return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
    }
    function fitData() {
      // frame the bulk of the incidents: a stray far-off report or an allegation naming a distant
      // city should not zoom the map out to a continent (points far beyond the median distance
      // from the median point are left out of the frame, not off the map)
      var lats = [];
      var lons = [];
      for (var j = 0; j < N; j++) { if (hasPoint[j] && visible[j]) { lats.push(incLat[j]); lons.push(incLon[j]); } }
      if (!lats.length) {
        for (var m = 0; m < M; m++) { claimTargets(m).forEach(function (p) { lats.push(p.lat); lons.push(p.lng); }); }
      }
      if (!lats.length) { map.setView([30, 60], 3); return; }
      var mlat = median(lats);
      var mlon = median(lons);
      var dist = lats.map(function (la, k) { return Math.sqrt((la - mlat) * (la - mlat) + (lons[k] - mlon) * (lons[k] - mlon)); });
      var limit = Math.max(4 * median(dist), 3);
      var bounds = L.latLngBounds([]);
      var kept = 0;
      lats.forEach(function (la, k) { if (dist[k] <= limit) { bounds.extend([la, lons[k]]); kept += 1; } });
      if (kept < lats.length / 2) { bounds = L.latLngBounds(lats.map(function (la, k) { return [la, lons[k]]; })); }
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: 9 });
    }

    function addPanel(opts) {
      // the filter panel's HTML is on the page already (panel.html.j2); fill it and wire it
      LIST_MAX = opts.listMax;
      buildPanel();
      phases.panel = performance.now();
      var searchTimer = null;
      document.getElementById('mapper-search').addEventListener('input', function (e) {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(function () { state.q = e.target.value; refresh(true); }, 150);
      });
      document.getElementById('mapper-since').addEventListener('change', function (e) { state.s = e.target.value; refresh(true); });
      document.getElementById('mapper-until').addEventListener('change', function (e) { state.u = e.target.value; refresh(true); });
      document.getElementById('mapper-reset').addEventListener('click', function () {
        state = { r: {}, g: {}, t: {}, s: '', u: '', q: '' };
        syncInputs();
        refresh(true);
        fitData();
      });
      document.getElementById('mapper-dl-geojson').addEventListener('click', function () {
        download('incidents.geojson', 'application/geo+json', JSON.stringify(visibleCollection()));
      });
      document.getElementById('mapper-dl-csv').addEventListener('click', function () {
        download('incidents.csv', 'text/csv', visibleCSV());
      });
    }
    function addOverlay(name, layer) { overlays[name] = layer; }
    function addLayersControl(opts) {
      // opts: overlays (names in the order listed), collapsed
      var chosen = {};
      opts.overlays.forEach(function (name) { if (overlays[name]) { chosen[name] = overlays[name]; } });
      L.control.layers(null, chosen, { collapsed: opts.collapsed }).addTo(map);
    }

    function start() {
      // once every element is on the map: the first view, the counts, the hash and the test API
      syncInputs();
      if (view) { map.setView([view[1], view[2]], view[0]); } else { fitData(); }
      map.on('moveend', writeHash);
      window.addEventListener('hashchange', function () {
        if (writingHash) { return; }
        var v = readHash();
        syncInputs();
        if (v) { map.setView([v[1], v[2]], v[0]); }
        refresh(false);
      });
      updateZoomLayers();
      refresh(false);

      window.mapper = {
        state: function () { return JSON.parse(JSON.stringify(state)); },
        stats: function () {
          return { incidents: N, claims: M, visible: visibleCount, visibleClaims: clmVisibleCount, marks: stats.marks,
            aggregates: stats.aggregates, aggregated: stats.aggregated, drawMs: stats.drawMs, applyMs: lastApplyMs,
            phases: phases, claimsNote: claimsNote };
        },
        visibleCollection: visibleCollection,
        visibleCSV: visibleCSV,
        view: function () { var c = map.getCenter(); return { zoom: map.getZoom(), lat: c.lat, lon: c.lng }; },
        fitAll: function () {
          var b = L.latLngBounds([]);
          for (var j = 0; j < N; j++) { if (hasPoint[j] && visible[j]) { b.extend([incLat[j], incLon[j]]); } }
          if (b.isValid()) { map.fitBounds(b, { padding: [40, 40], animate: false }); }
        },
        openIncident: function (id) { if (incById.has(id)) { zoomToIncident(incById.get(id)); } },
        openClaim: function (id) { if (clmById[id] !== undefined) { openClaim(clmById[id]); } },
        aggregateAt: function () {
          // where the largest aggregate is drawn, in page coordinates, and how many it holds
          var best = null;
          drawn.forEach(function (d) { if (d.agg && (!best || d.agg.length > best.agg.length)) { best = d; } });
          if (!best) { return null; }
          var cp = map.layerPointToContainerPoint(L.point(best.x, best.y));
          var box = map.getContainer().getBoundingClientRect();
          return { x: box.left + cp.x, y: box.top + cp.y, n: best.agg.length };
        },
        markAt: function (id) {
          // where an incident's mark is drawn, in page coordinates (for tests and tours)
          var j = incById.get(id);
          for (var k = 0; k < drawn.length; k++) {
            if (drawn[k].i === j) {
              var cp = map.layerPointToContainerPoint(L.point(drawn[k].x, drawn[k].y));
              var box = map.getContainer().getBoundingClientRect();
              return { x: box.left + cp.x, y: box.top + cp.y };
            }
          }
          return null;
        },
        ready: true
      };
      phases.ready = performance.now();
      document.documentElement.dataset.mapperReady = '1';
    }

    var view = readHash();  // before the panel is built: its first counts follow the hash
    return { addBasemap: addBasemap, addIncidents: addIncidents, addClaims: addClaims, addPanel: addPanel,
      addLegend: addLegend, addOverlay: addOverlay, addLayersControl: addLayersControl, start: start };
  }

  window.mapperApp = {
    create: function (map, dataId) {
      var app = create(map, dataId);
      map.mapper = app;
      return app;
    }
  };
}());
