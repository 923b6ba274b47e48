/* The legend: the groups on the map with their colours, event types by shape, size, place
 * precision, and the claim badges.  A narrow box (long names wrap to two lines, then end in an
 * ellipsis, the whole name in their tooltip) no taller than half the map, scrolling beyond it,
 * with a section per key that opens and closes; the whole is collapsed on windows narrower than
 * openAbove.  The first view is fitted to the map's free area, so the open legend never covers
 * the data. */
mapperApp.define('legend', function (app) {
  'use strict';
  var U = app.util;
  var X = app.data;
  var map = app.map;
  var inc = X.inc;
  var el = U.el;
  var out = { box: null };
  var MAX_GROUPS = 12;
  var MAX_SHARE = 0.5;  // of the map's height, at most

  function icon(draw) {
    // the icons are drawn on a 26 x 20 grid and shown at 22 x 17
    var cv = el('canvas');
    cv.width = 22; cv.height = 17;
    var ctx = cv.getContext('2d');
    ctx.scale(22 / 26, 17 / 20);
    draw(ctx);
    return cv;
  }
  function line(box, canvas, text, cls) {
    // one key: its icon and its words, which wrap to two lines and then end in an ellipsis,
    // the whole of them in the row's tooltip
    var d = el('div', 'mapper-legend-row' + (cls ? ' ' + cls : ''));
    d.title = text;
    d.appendChild(canvas);
    d.appendChild(el('span', 'mapper-legend-text', text));
    box.appendChild(d);
    return d;
  }
  function section(box, key, title, open) {
    // a key that opens and closes on its own
    var det = el('details', 'mapper-legend-section');
    det.dataset.section = key;
    det.open = open;
    det.appendChild(el('summary', 'mapper-legend-head', title));
    det.addEventListener('toggle', function () { padding = null; });
    box.appendChild(det);
    return det;
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
  function fill(root) {
    var I = app.incidents;
    var C = app.claims;
    var groups = groupsPresent();
    var sec;
    if (groups.length) {
      sec = section(root, 'groups', 'Groups (colour)', true);
      groups.slice(0, MAX_GROUPS).forEach(function (id) {
        var colour = id === X.UNATTRIBUTED ? X.grey : X.colour(id);
        var name = id === X.UNATTRIBUTED ? 'Unattributed' : X.actorName(id);
        var row = line(sec, icon(function (ctx) { I.path(ctx, 'circle', 13, 10, 6); ctx.fillStyle = colour; ctx.fill(); }), name, 'mapper-legend-group');
        row.dataset.group = id;
        row.dataset.colour = colour;
      });
      if (groups.length > MAX_GROUPS) { sec.appendChild(el('div', 'mapper-legend-more', '… and ' + (groups.length - MAX_GROUPS) + ' more in the Group filter')); }
    }
    var present = new Set();
    for (var j = 0; j < X.N; j++) { present.add(inc.type[j].id); }
    sec = section(root, 'types', 'Event types (shape)', true);
    X.typeOrder.forEach(function (t) {
      if (X.types.get(t).kind !== 'event' || !present.has(t)) { return; }
      line(sec, icon(function (ctx) { I.path(ctx, I.shape(t), 13, 11, 6); ctx.fillStyle = '#555'; ctx.fill(); }), t || 'Unknown type');
    });
    sec = section(root, 'marks', 'Size, place, counts', false);
    line(sec, icon(function (ctx) { I.path(ctx, 'circle', 7, 11, 3); I.path(ctx, 'circle', 18, 10, 7); ctx.fillStyle = '#555'; ctx.fill(); }), 'size: people killed');
    line(sec, icon(function (ctx) { I.path(ctx, 'circle', 13, 11, 6); ctx.fillStyle = '#fff'; ctx.fill(); ctx.lineWidth = 2.5; ctx.strokeStyle = '#555'; ctx.stroke(); }), 'hollow: place inferred');
    line(sec, icon(function (ctx) {
      ctx.beginPath(); ctx.arc(13, 10, 8.5, 0, 2 * Math.PI); ctx.lineWidth = 1.2; ctx.strokeStyle = '#555'; ctx.stroke();
      I.path(ctx, 'circle', 13, 10, 4); ctx.fillStyle = '#555'; ctx.fill();
    }), 'ring: near or part of the place');
    line(sec, icon(function (ctx) {
      ctx.beginPath(); ctx.arc(13, 10, 9.5, 0, 2 * Math.PI); ctx.fillStyle = '#5553'; ctx.fill();
      I.path(ctx, 'circle', 13, 10, 4); ctx.fillStyle = '#555'; ctx.fill();
    }), 'halo: only the region is known');
    line(sec, icon(function (ctx) {
      ctx.beginPath(); ctx.arc(13, 10, 9.5, 0, 2 * Math.PI); ctx.fillStyle = '#555c'; ctx.fill();
      ctx.fillStyle = '#fff'; ctx.font = 'bold 9px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle'; ctx.fillText('12', 13, 10);
    }), 'many incidents: click to zoom');
    sec = section(root, 'claims', 'Claims (badges)', false);
    Object.keys(C.STYLE).forEach(function (t) {
      var st = C.STYLE[t];
      line(sec, icon(function (ctx) {
        ctx.fillStyle = st.color; ctx.fillRect(5, 2, 16, 16);
        ctx.fillStyle = '#fff'; ctx.font = 'bold 10px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle'; ctx.fillText(st.letter, 13, 10.5);
      }), t);
    });
    sec.appendChild(el('div', 'mapper-legend-note', 'A badge sits beside the incident a claim concerns; point at or click it to see the places the claim names.'));
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
    window.addEventListener('resize', function () { padding = null; bound(); });
    fill(document.getElementById('mapper-legend'));
    bound();
  };
  function bound() {
    // never taller than MAX_SHARE of the map: it scrolls beyond that
    var h = map.getContainer().getBoundingClientRect().height;
    out.box.style.maxHeight = Math.max(90, Math.floor(h * MAX_SHARE) - 20) + 'px';
  }
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
