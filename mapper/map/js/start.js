/* Wiring: one refresh for every change (filters, counts, list, totals, timeline, layers, hash),
 * the first view, the note on what lies outside the view, zooming to ticked regions, the layers
 * control, and window.mapper, the page's interface for tests and tours. */
mapperApp.define('start', function (app) {
  'use strict';
  var X = app.data;
  var F = app.filters;
  var map = app.map;
  var inc = X.inc;
  var clm = X.clm;
  var U = app.util;
  var INC = app.table.incidents;
  var overlays = new Map();
  var out = {};
  var NOTE_NAMES = 3;  // places the note names, at most

  function median(values) {
    // the middle value, by selection (Hoare's quickselect): no sort of 100,000 numbers
    var a = Float64Array.from(values);
    var k = Math.floor(a.length / 2);
    var lo = 0;
    var hi = a.length - 1;
    while (lo < hi) {
      var pivot = a[(lo + hi) >> 1];
      var i = lo;
      var j = hi;
      while (i <= j) {
        while (a[i] < pivot) { i++; }
        while (a[j] > pivot) { j--; }
        if (i <= j) { var t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
      }
      if (k <= j) { hi = j; } else if (k >= i) { lo = i; } else { break; }
    }
    return a.length ? a[k] : 0;
  }
  function fit(bounds, maxZoom, animate) {
    // clear of the open legend, and of the note on what lies outside the view at the top
    var pad = app.legend.padding();
    pad.paddingTopLeft[1] = Math.max(pad.paddingTopLeft[1], 46);
    map.fitBounds(bounds, { paddingTopLeft: pad.paddingTopLeft, paddingBottomRight: pad.paddingBottomRight, maxZoom: maxZoom, animate: !!animate });
  }
  out.fitData = function () {
    // frame the bulk of the visible incidents: a stray far-off report should not zoom the map
    // out to a continent (points far beyond the median distance from the median point are left
    // out of the frame, not off the map)
    var lats = [];
    var lons = [];
    for (var j = 0; j < X.N; j++) { if (inc.hasPoint[j] && F.visible[j]) { lats.push(inc.lat[j]); lons.push(inc.lon[j]); } }
    if (!lats.length) {
      for (var m = 0; m < X.M; m++) { if (F.clmVisible[m] && clm.anchor[m]) { lats.push(clm.anchor[m].lat); lons.push(clm.anchor[m].lon); } }
    }
    if (!lats.length) { map.setView([30, 60], 3); return; }
    var mlat = median(lats);
    var mlon = median(lons);
    var dist = lats.map(function (la, k) { return Math.sqrt((la - mlat) * (la - mlat) + (lons[k] - mlon) * (lons[k] - mlon)); });
    var limit = Math.max(6 * median(dist), 8);
    var bounds = L.latLngBounds([]);
    var kept = 0;
    lats.forEach(function (la, k) { if (dist[k] <= limit) { bounds.extend([la, lons[k]]); kept += 1; } });
    if (kept < lats.length / 2) { bounds = L.latLngBounds(lats.map(function (la, k) { return [la, lons[k]]; })); }
    fit(bounds, 9);
  };
  function outside() {
    // what is shown but lies outside the view: how many visible incidents with a place (while
    // the incidents layer is on) and claims tied to no incident, at the place they name (while
    // the claims layer is on), and the first NOTE_NAMES + 1 places of them, incidents first
    var b = map.getBounds();
    var s = b.getSouth();
    var n = b.getNorth();
    var w = b.getWest();
    var e = b.getEast();
    function off(lat, lon) { return lat < s || lat > n || lon < w || lon > e; }
    var found = { incidents: 0, claims: 0, names: [] };
    function name(text) { if (text && found.names.length <= NOTE_NAMES && found.names.indexOf(text) < 0) { found.names.push(text); } }
    if (map.hasLayer(app.incidents.layer)) {
      for (var j = 0; j < X.N; j++) {
        if (inc.hasPoint[j] && F.visible[j] && off(inc.lat[j], inc.lon[j])) {
          found.incidents += 1;
          if (found.names.length <= NOTE_NAMES) { name(U.str(INC.get(j, 'place_name')) || U.str(INC.get(j, 'country'))); }
        }
      }
    }
    if (map.hasLayer(app.claims.layer)) {
      for (var m = 0; m < X.M; m++) {
        var a = clm.anchor[m];
        if (a && F.clmVisible[m] && !clm.incidents[m].length && off(a.lat, a.lon)) { found.claims += 1; name(a.name); }
      }
    }
    return found;
  }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  var note = null;
  out.updateNote = function () {
    // "3 incidents and 1 claim outside this view: Moscow, Germany, Ménaka and elsewhere [Show all]"
    if (!note) { return; }
    var found = outside();
    var ni = found.incidents;
    var nc = found.claims;
    note.hidden = !(ni || nc);
    note.dataset.incidents = ni;
    note.dataset.claims = nc;
    if (note.hidden) { return; }
    var what = [ni ? plural(ni, 'incident') : '', nc ? plural(nc, 'claim') : ''].filter(function (x) { return x; }).join(' and ');
    var names = found.names;
    var where = names.slice(0, NOTE_NAMES).join(', ') + (names.length > NOTE_NAMES ? ' and elsewhere' : '');
    note.querySelector('.mapper-offview-text').textContent = what + ' outside this view';
    note.querySelector('.mapper-offview-where').textContent = where ? ': ' + where : '';
  };
  out.topClearance = function () {
    // pixels at the top of the map a popup should keep clear of: the note's, while shown
    return note && !note.hidden ? Math.max(30, note.offsetTop + note.offsetHeight + 8) : 30;
  };
  out.fitAll = function () {
    // frame everything the note counts (and what is in view): every visible incident with a
    // place and every visible claim tied to no incident
    var bounds = L.latLngBounds([]);
    for (var j = 0; j < X.N; j++) { if (inc.hasPoint[j] && F.visible[j]) { bounds.extend([inc.lat[j], inc.lon[j]]); } }
    for (var m = 0; m < X.M; m++) {
      var a = clm.anchor[m];
      if (a && F.clmVisible[m] && !clm.incidents[m].length && map.hasLayer(app.claims.layer)) { bounds.extend([a.lat, a.lon]); }
    }
    if (bounds.isValid()) { fit(bounds, 9); }
  };
  function addNote() {
    // a note at the top of the map, shown while something shown lies outside the view
    note = U.el('div', 'mapper-offview leaflet-control');
    note.id = 'mapper-offview';
    note.setAttribute('role', 'status');
    note.hidden = true;
    var words = U.el('span', 'mapper-offview-words');
    words.appendChild(U.el('span', 'mapper-offview-text'));
    words.appendChild(U.el('span', 'mapper-offview-where'));  // the places: not on narrow maps
    note.appendChild(words);
    var button = U.el('button', null, 'Show all');
    button.type = 'button';
    button.id = 'mapper-show-all';
    button.addEventListener('click', function () { out.fitAll(); });
    note.appendChild(button);
    L.DomEvent.disableClickPropagation(note);
    L.DomEvent.disableScrollPropagation(note);
    map.getContainer().appendChild(note);
    map.on('moveend resize overlayadd overlayremove', out.updateNote);
  }
  function zoomToRegions() {
    // ticked regions: outlined, and framed (their outlines, else what is mapped in them)
    var keys = Array.from(F.state.r);
    var bounds = app.basemap.highlight(keys);
    if (!keys.length) { return false; }
    if (!bounds) {
      bounds = L.latLngBounds([]);
      for (var j = 0; j < X.N; j++) {
        if (inc.hasPoint[j] && inc.regions[j].some(function (n) { return F.state.r.has(n.key); })) { bounds.extend([inc.lat[j], inc.lon[j]]); }
      }
      for (var m = 0; m < X.M; m++) {
        if (clm.anchor[m] && clm.regions[m].some(function (n) { return F.state.r.has(n.key); })) { bounds.extend([clm.anchor[m].lat, clm.anchor[m].lon]); }
      }
    }
    if (!bounds.isValid()) { return false; }
    var before = map.getBounds();
    fit(bounds, 10, true);  // the panel answers at once; the map flies there and redraws at its end
    // true when the incidents are redrawn anyway: the map already moved (and redrew), or it is
    // zooming (its canvas is hidden until the zoom ends and redraws)
    var panning = !!(map._panAnim && map._panAnim._inProgress);
    return !!map._animatingZoom || (!panning && !map.getBounds().equals(before));
  }
  out.refresh = function (opts) {
    opts = opts || {};
    var t0 = performance.now();
    if (!opts.applied) { F.apply(); }
    app.panel.update();
    app.timeline.update();
    var moving = false;
    if (opts.zoomRegions) { moving = zoomToRegions(); } else { app.basemap.highlight(Array.from(F.state.r)); }
    if (!moving) { app.incidents.redraw(); }  // else the move's end redraws, where it ends
    app.claims.refresh();
    out.updateNote();
    if (opts.hash) { app.hash.write(); }
    out.lastMs = performance.now() - t0;
  };
  out.addOverlay = function (name, layer) { overlays.set(name, layer); };
  out.addLayersControl = function (opts) {
    [app.incidents, app.claims, app.basemap].forEach(function (m) { overlays.set(m.name, m.layer); });
    var chosen = {};
    opts.overlays.forEach(function (name) {
      if (overlays.has(name)) { Object.defineProperty(chosen, name, { value: overlays.get(name), enumerable: true }); }
    });
    L.control.layers(null, chosen, { collapsed: opts.collapsed }).addTo(map);
  };

  function pagePoint(lp) {
    var cp = map.layerPointToContainerPoint(lp);
    var box = map.getContainer().getBoundingClientRect();
    return { x: box.left + cp.x, y: box.top + cp.y };
  }
  function api() {
    var I = app.incidents;
    return {
      state: function () {
        var st = F.state;
        return { r: Array.from(st.r).sort(), g: Array.from(st.g).sort(), t: Array.from(st.t).sort(), s: st.s, u: st.u, q: st.q, ud: st.ud };
      },
      stats: function () {
        return { incidents: X.N, claims: X.M, visible: F.visibleCount, visibleClaims: F.clmVisibleCount, marks: I.stats.marks,
          aggregates: I.stats.aggregates, aggregated: I.stats.aggregated, badges: I.stats.badges, drawMs: I.stats.drawMs,
          applyMs: out.lastMs, filterMs: F.lastMs, phases: app.phases, timings: app.timings, claimsNote: app.claims.note, unit: app.timeline.unit };
      },
      visibleCollection: app.exports.visibleCollection,
      visibleCSV: app.exports.visibleCSV,
      view: function () { var c = map.getCenter(); return { zoom: map.getZoom(), lat: c.lat, lon: c.lng }; },
      fitAll: out.fitAll,
      openIncident: function (id) { if (inc.byId.has(id)) { app.popups.zoomToIncident(inc.byId.get(id)); } },
      openClaim: function (id) { if (clm.byId.has(id)) { app.popups.openClaim(clm.byId.get(id)); } },
      marks: function () {
        return I.drawn.filter(function (d) { return d.kind === 'mark'; }).map(function (d) {
          var p = pagePoint(L.point(d.x, d.y));
          return { id: inc.ids[d.i], x: p.x, y: p.y, r: d.r };
        });
      },
      markAt: function (id) {
        var j = inc.byId.get(id);
        var d = I.drawn.filter(function (x) { return x.kind === 'mark' && x.i === j; })[0];
        return d ? pagePoint(L.point(d.x, d.y)) : null;
      },
      badges: function () {
        return (I.badges || []).map(function (b) {
          var p = pagePoint(L.point(b.x, b.y));
          return { claims: b.claims.map(function (m) { return clm.ids[m]; }), incident: b.incident === null ? null : inc.ids[b.incident],
            x: p.x, y: p.y, w: b.w, h: b.h, text: b.text };
        });
      },
      links: function () { return app.claims.links.slice(); },
      labels: function () {
        return app.basemap.placed.map(function (l) {
          var p = pagePoint(L.point(l.x, l.y));
          return { text: l.text, level: l.level, x: p.x, y: p.y, w: l.w, h: l.h };
        });
      },
      highlighted: function () { return app.basemap.highlighted.slice(); },
      timelineAt: function (iso) { return app.timeline.xOf(iso); },
      aggregateAt: function () {
        var best = null;
        I.drawn.forEach(function (d) { if (d.kind === 'agg' && (!best || d.members.length > best.members.length)) { best = d; } });
        if (!best) { return null; }
        var p = pagePoint(L.point(best.x, best.y));
        return { x: p.x, y: p.y, n: best.members.length };
      },
      ready: true
    };
  }

  out.run = function () {
    // once every element is on the map: the first view, the counts, the hash, window.mapper
    addNote();
    var first = app.hash.read();
    F.setState(first.state);
    app.panel.syncInputs();
    F.apply();
    if (first.view) { map.setView([first.view[1], first.view[2]], first.view[0], { animate: false }); } else { out.fitData(); }
    map.on('moveend', function () { app.hash.write(); });
    window.addEventListener('hashchange', function () {
      if (app.hash.writing) { return; }
      var next = app.hash.read();
      F.setState(next.state);
      app.panel.syncInputs();
      if (next.view) { map.setView([next.view[1], next.view[2]], next.view[0]); }
      out.refresh({});
    });
    out.refresh({ applied: true });
    window.mapper = api();
    app.phases.ready = performance.now();
    document.documentElement.dataset.mapperReady = '1';
  };
  return out;
});
