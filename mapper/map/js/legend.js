/* The legend: the groups on the map with their colours, event types by shape, size, place
 * precision, and the claim badges.  Collapsed on windows narrower than openAbove; the first view
 * is fitted to the map's free area, so the open legend never covers the data. */
mapperApp.define('legend', function (app) {
  'use strict';
  var U = app.util;
  var X = app.data;
  var map = app.map;
  var inc = X.inc;
  var el = U.el;
  var out = { box: null };
  var MAX_GROUPS = 12;

  function icon(draw) {
    var cv = el('canvas');
    cv.width = 26; cv.height = 20;
    draw(cv.getContext('2d'));
    return cv;
  }
  function line(box, canvas, text, cls) {
    var d = el('div', cls || null);
    d.appendChild(canvas);
    d.appendChild(document.createTextNode(text));
    box.appendChild(d);
    return d;
  }
  function groupsPresent() {
    // perpetrators of the incidents on the map, most incidents first
    var n = new Map();
    for (var j = 0; j < X.N; j++) {
      var id = inc.groups[j][0].id;
      n.set(id, (n.get(id) || 0) + 1);
    }
    return Array.from(n.keys()).sort(function (a, b) { return n.get(b) - n.get(a) || String(a).localeCompare(String(b)); });
  }
  function fill(box) {
    var I = app.incidents;
    var C = app.claims;
    var groups = groupsPresent();
    if (groups.length) { box.appendChild(el('div', 'mapper-legend-head', 'Groups (colour)')); }
    groups.slice(0, MAX_GROUPS).forEach(function (id) {
      var colour = id === X.UNATTRIBUTED ? X.grey : X.colour(id);
      var name = id === X.UNATTRIBUTED ? 'Unattributed' : X.actorName(id);
      var row = line(box, icon(function (ctx) { I.path(ctx, 'circle', 13, 10, 6); ctx.fillStyle = colour; ctx.fill(); }), name, 'mapper-legend-group');
      row.dataset.group = id;
      row.dataset.colour = colour;
    });
    if (groups.length > MAX_GROUPS) { box.appendChild(el('div', 'mapper-legend-more', '… and ' + (groups.length - MAX_GROUPS) + ' more in the Group filter')); }
    box.appendChild(el('div', 'mapper-legend-head', 'Incidents'));
    var present = new Set();
    for (var j = 0; j < X.N; j++) { present.add(inc.type[j].id); }
    X.typeOrder.forEach(function (t) {
      if (X.types.get(t).kind !== 'event' || !present.has(t)) { return; }
      line(box, icon(function (ctx) { I.path(ctx, I.shape(t), 13, 11, 6); ctx.fillStyle = '#555'; ctx.fill(); }), t || 'Unknown type');
    });
    line(box, icon(function (ctx) { I.path(ctx, 'circle', 7, 11, 3); I.path(ctx, 'circle', 18, 10, 7); ctx.fillStyle = '#555'; ctx.fill(); }), 'size: people killed');
    line(box, icon(function (ctx) { I.path(ctx, 'circle', 13, 11, 6); ctx.fillStyle = '#fff'; ctx.fill(); ctx.lineWidth = 2.5; ctx.strokeStyle = '#555'; ctx.stroke(); }), 'hollow: place inferred');
    line(box, icon(function (ctx) {
      ctx.beginPath(); ctx.arc(13, 10, 8.5, 0, 2 * Math.PI); ctx.lineWidth = 1.2; ctx.strokeStyle = '#555'; ctx.stroke();
      I.path(ctx, 'circle', 13, 10, 4); ctx.fillStyle = '#555'; ctx.fill();
    }), 'ring: near or part of the place');
    line(box, icon(function (ctx) {
      ctx.beginPath(); ctx.arc(13, 10, 9.5, 0, 2 * Math.PI); ctx.fillStyle = '#5553'; ctx.fill();
      I.path(ctx, 'circle', 13, 10, 4); ctx.fillStyle = '#555'; ctx.fill();
    }), 'halo: only the region is known');
    line(box, icon(function (ctx) {
      ctx.beginPath(); ctx.arc(13, 10, 9.5, 0, 2 * Math.PI); ctx.fillStyle = '#555c'; ctx.fill();
      ctx.fillStyle = '#fff'; ctx.font = 'bold 9px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle'; ctx.fillText('12', 13, 10);
    }), 'many incidents: click to zoom');
    box.appendChild(el('div', 'mapper-legend-head', 'Claims (badge beside the incident)'));
    Object.keys(C.STYLE).forEach(function (t) {
      var st = C.STYLE[t];
      line(box, icon(function (ctx) {
        ctx.fillStyle = st.color; ctx.fillRect(5, 2, 16, 16);
        ctx.fillStyle = '#fff'; ctx.font = 'bold 10px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle'; ctx.fillText(st.letter, 13, 10.5);
      }), t);
    });
    box.appendChild(el('div', 'mapper-legend-note', 'Point at or click a badge to see the places a claim names.'));
  }
  out.add = function (opts) {
    var control = L.control({ position: opts.position });
    control.onAdd = function () {
      var det = el('details', 'mapper-legend leaflet-bar');
      det.open = window.innerWidth >= opts.openAbove;
      det.appendChild(el('summary', null, 'Legend'));
      var inner = el('div');
      inner.id = 'mapper-legend';
      det.appendChild(inner);
      L.DomEvent.disableClickPropagation(det);
      L.DomEvent.disableScrollPropagation(det);
      return det;
    };
    control.addTo(map);
    out.box = control.getContainer();
    out.box.addEventListener('toggle', function () { if (padding && padding.open !== out.box.open) { padding = null; } });
    window.addEventListener('resize', function () { padding = null; });
    fill(document.getElementById('mapper-legend'));
  };
  var padding = null;  // measured once, again after the legend opens or closes or a resize
  out.padding = function () {
    // fitBounds padding that keeps the data out from under the open legend: the legend's
    // width on the left or its height at the bottom, whichever loses less of the map
    if (!padding) { padding = measure(); }
    return { paddingTopLeft: padding.paddingTopLeft.slice(), paddingBottomRight: padding.paddingBottomRight.slice() };
  };
  function measure() {
    var pad = { paddingTopLeft: [30, 30], paddingBottomRight: [30, 30], open: !!(out.box && out.box.open) };
    if (!pad.open) { return pad; }
    var m = map.getContainer().getBoundingClientRect();
    var b = out.box.getBoundingClientRect();
    var left = b.right - m.left + 12;
    var bottom = m.bottom - b.top + 12;
    if (left / m.width <= bottom / m.height) { pad.paddingTopLeft[0] = Math.max(30, left); }
    else { pad.paddingBottomRight[1] = Math.max(30, bottom); }
    return pad;
  }
  return out;
});
