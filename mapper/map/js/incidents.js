/* The incidents layer: one canvas with a mark per incident (or counted cells when too many are
 * in view) and the claims' badges on top, and the one hit test every click and hover on the
 * map goes through, so a click on a mark always opens that mark's incident. */
mapperApp.define('incidents', function (app) {
  'use strict';
  var U = app.util;
  var X = app.data;
  var F = app.filters;
  var map = app.map;
  var inc = X.inc;
  var N = X.N;
  var SHAPES = ['triangle', 'circle', 'square', 'diamond', 'pentagon', 'cross'];
  var AGGREGATE_ABOVE = 2500;
  var CELL = 60;

  map.createPane('incidents').style.zIndex = 450;
  map.getPane('incidents').style.pointerEvents = 'none';

  var shapeOf = new Map();
  X.typeOrder.forEach(function (t) { if (X.types.get(t).kind === 'event') { shapeOf.set(t, SHAPES[shapeOf.size % SHAPES.length]); } });
  function shape(t) { return shapeOf.get(t) || 'circle'; }

  var out = {
    name: 'Incidents', drawn: [], badges: [],
    stats: { marks: 0, aggregates: 0, aggregated: 0, badges: 0, drawMs: 0 }
  };

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
  out.path = path;
  out.shape = shape;
  function drawMark(ctx, j, x, y) {
    var r = inc.radius[j];
    var col = inc.colour[j];
    var prec = inc.precision[j];
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
    path(ctx, shape(inc.type[j].id), x, y, r);
    if (inc.inferred[j]) {
      // the place is not written with the event but inferred from the document: hollow
      ctx.fillStyle = '#ffffffcc'; ctx.fill(); ctx.lineWidth = 2.5; ctx.strokeStyle = col; ctx.stroke();
    } else {
      ctx.fillStyle = col + 'dd'; ctx.fill(); ctx.lineWidth = 1.2; ctx.strokeStyle = '#ffffff'; ctx.stroke();
    }
  }
  out.drawMark = drawMark;

  var SPREAD = 8;  // marks whose centres are closer than this (px) are spread around the first
  function drawMarks(ctx, idx, xs, ys, topLeft) {
    // marks at (nearly) one spot are spread on a small spiral so each can be seen and clicked
    var anchors = new Map();  // grid cell -> marks placed first at a spot
    var order = idx.map(function (_, k) { return k; });
    order.sort(function (a, b) { return inc.radius[idx[b]] - inc.radius[idx[a]] || idx[a] - idx[b]; });
    function near(x, y) {
      var gx = Math.floor(x / SPREAD);
      var gy = Math.floor(y / SPREAD);
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          var list = anchors.get((gx + dx) * 100003 + gy + dy) || [];
          for (var a = 0; a < list.length; a++) {
            if (Math.abs(list[a].x - x) < SPREAD && Math.abs(list[a].y - y) < SPREAD) { return list[a]; }
          }
        }
      }
      return null;
    }
    for (var o = 0; o < order.length; o++) {
      var k = order[o];
      var j = idx[k];
      var x = xs[k];
      var y = ys[k];
      var anchor = near(x, y);
      if (anchor) {
        anchor.n += 1;
        var ang = anchor.n * 2.4;
        var rad = 14 + 6 * Math.sqrt(anchor.n);
        x = anchor.x + rad * Math.cos(ang); y = anchor.y + rad * Math.sin(ang);
      } else {
        var key = Math.floor(x / SPREAD) * 100003 + Math.floor(y / SPREAD);
        var list = anchors.get(key);
        if (!list) { list = []; anchors.set(key, list); }
        list.push({ x: x, y: y, n: 0 });
      }
      drawMark(ctx, j, x, y);
      out.drawn.push({ kind: 'mark', i: j, x: x + topLeft.x, y: y + topLeft.y, r: inc.radius[j] + 2 });
      out.stats.marks += 1;
    }
  }
  function drawCells(ctx, idx, xs, ys, topLeft) {
    var cells = new Map();
    for (var k = 0; k < idx.length; k++) {
      var key = Math.floor(xs[k] / CELL) * 100003 + Math.floor(ys[k] / CELL);
      var cell = cells.get(key);
      if (!cell) { cell = { n: 0, sx: 0, sy: 0, members: [], colours: new Map() }; cells.set(key, cell); }
      cell.n += 1; cell.sx += xs[k]; cell.sy += ys[k]; cell.members.push(idx[k]);
      var col = inc.colour[idx[k]];
      cell.colours.set(col, (cell.colours.get(col) || 0) + 1);
      cell.x = xs[k]; cell.y = ys[k];
    }
    // cells whose discs would overlap are merged, biggest first, so counts never sit on each other
    var list = Array.from(cells.values()).sort(function (a, b) { return b.n - a.n; });
    var kept = [];
    function radius(n) { return n === 1 ? 8 : Math.min(24, 8 + 2.5 * Math.log2(n)); }
    list.forEach(function (cell) {
      cell.cx = cell.sx / cell.n; cell.cy = cell.sy / cell.n;
      for (var k = 0; k < kept.length; k++) {
        var o = kept[k];
        var dx = o.cx - cell.cx;
        var dy = o.cy - cell.cy;
        if (Math.sqrt(dx * dx + dy * dy) < radius(o.n) + radius(cell.n) + 2) {
          o.n += cell.n; o.sx += cell.sx; o.sy += cell.sy;
          o.members = o.members.concat(cell.members);
          cell.colours.forEach(function (n, c) { o.colours.set(c, (o.colours.get(c) || 0) + n); });
          return;
        }
      }
      kept.push(cell);
    });
    ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    kept.forEach(function (cell) {
      if (cell.n === 1) {
        var j = cell.members[0];
        drawMark(ctx, j, cell.x, cell.y);
        out.drawn.push({ kind: 'mark', i: j, x: cell.x + topLeft.x, y: cell.y + topLeft.y, r: inc.radius[j] + 2 });
        out.stats.marks += 1;
        return;
      }
      var x = cell.sx / cell.n;
      var y = cell.sy / cell.n;
      var best = null;
      var bestN = -1;
      cell.colours.forEach(function (n, c) { if (n > bestN) { best = c; bestN = n; } });
      var r = radius(cell.n);
      ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = best + 'cc'; ctx.fill();
      ctx.lineWidth = 3; ctx.strokeStyle = '#ffffffcc'; ctx.stroke();
      ctx.fillStyle = '#fff'; ctx.font = 'bold 11px system-ui, sans-serif';
      ctx.fillText(cell.n > 9999 ? Math.round(cell.n / 1000) + 'k' : String(cell.n), x, y);
      out.drawn.push({ kind: 'agg', members: cell.members, x: x + topLeft.x, y: y + topLeft.y, r: r });
      out.stats.aggregates += 1; out.stats.aggregated += cell.n;
    });
  }
  function draw(frame) {
    var t0 = performance.now();
    out.drawn = []; out.badges = [];
    out.stats.marks = 0; out.stats.aggregates = 0; out.stats.aggregated = 0; out.stats.badges = 0;
    if (!frame) { publish(null); app.basemap.redrawLabels(); return; }
    var ctx = frame.ctx;
    ctx.clearRect(0, 0, frame.width, frame.height);
    var scale = Math.pow(2, map.getZoom());
    var origin = map.getPixelOrigin();
    var ox = origin.x + frame.topLeft.x;
    var oy = origin.y + frame.topLeft.y;
    var world = 256 * scale;
    var idx = [];
    var xs = [];
    var ys = [];
    var visible = F.visible;
    for (var j = 0; j < N; j++) {
      if (!visible[j] || !inc.hasPoint[j]) { continue; }
      var x = inc.px0[j] * scale - ox;
      var y = inc.py0[j] * scale - oy;
      if (x < -world / 2 && x + world <= frame.width) { x += world; }
      if (x < -20 || y < -20 || x > frame.width + 20 || y > frame.height + 20) { continue; }
      idx.push(j); xs.push(x); ys.push(y);
    }
    if (idx.length <= AGGREGATE_ABOVE) { drawMarks(ctx, idx, xs, ys, frame.topLeft); } else { drawCells(ctx, idx, xs, ys, frame.topLeft); }
    out.badges = app.claims.drawBadges(ctx, frame, out.drawn);
    out.stats.badges = out.badges.length;
    out.stats.drawMs = performance.now() - t0;
    publish(frame.canvas);
    app.basemap.redrawLabels();
  }
  function publish(cv) {
    if (cv) { cv.dataset.marks = out.stats.marks; cv.dataset.aggregates = out.stats.aggregates; cv.dataset.badges = out.stats.badges; }
  }
  var layer = U.canvasLayer('incidents', 'mapper-incidents', draw);
  out.layer = layer;
  out.redraw = function () { layer.redraw(); };

  out.obstacles = function () {
    // layer-point boxes of what is drawn (for the names of the basemap)
    var boxes = out.drawn.map(function (d) {
      var r = d.kind === 'mark' && inc.precision[d.i] >= 3 ? d.r + 4 : d.r;
      return { x: d.x - r, y: d.y - r, w: 2 * r, h: 2 * r };
    });
    return boxes.concat(out.badges.map(function (b) { return { x: b.x, y: b.y, w: b.w, h: b.h }; }));
  };

  function hitTest(lp) {
    // marks first (the nearest whose disc holds the point), then badges, then cells
    var best = null;
    var bestD = Infinity;
    out.drawn.forEach(function (d) {
      if (d.kind !== 'mark') { return; }
      var dist = Math.sqrt((d.x - lp.x) * (d.x - lp.x) + (d.y - lp.y) * (d.y - lp.y));
      if (dist <= d.r + 2 && dist < bestD) { best = d; bestD = dist; }
    });
    if (best) { return best; }
    for (var b = out.badges.length - 1; b >= 0; b--) {
      var bd = out.badges[b];
      if (lp.x >= bd.x - 2 && lp.x <= bd.x + bd.w + 2 && lp.y >= bd.y - 2 && lp.y <= bd.y + bd.h + 2) { return bd; }
    }
    out.drawn.forEach(function (d) {
      if (d.kind !== 'agg') { return; }
      var dist = Math.sqrt((d.x - lp.x) * (d.x - lp.x) + (d.y - lp.y) * (d.y - lp.y));
      if (dist <= d.r + 2 && dist < bestD) { best = d; bestD = dist; }
    });
    return best;
  }
  out.hitTest = hitTest;
  function onPage(e) {
    // a click in a popup, a control or the panel is not a click on the map below it
    var target = e.originalEvent && e.originalEvent.target;
    if (!target || !target.closest) { return false; }
    if (!target.isConnected) { return true; }  // its popup was just replaced: it was in one
    return !!target.closest('.leaflet-popup, .leaflet-control');
  }

  out.add = function (opts) {
    AGGREGATE_ABOVE = opts.aggregateAbove;
    CELL = opts.cell;
    out.name = opts.name;
    layer.addTo(map);
    map.on('click', function (e) {
      if (onPage(e) || !map.hasLayer(layer)) { return; }
      var hit = hitTest(e.layerPoint);
      if (!hit) { app.claims.select(null); return; }
      if (hit.kind === 'agg') {
        var bounds = L.latLngBounds(hit.members.map(function (j) { return [inc.lat[j], inc.lon[j]]; }));
        map.fitBounds(bounds.pad(0.1), { maxZoom: Math.min(map.getMaxZoom(), map.getZoom() + 3) });
        return;
      }
      if (hit.kind === 'badge') { app.popups.openBadge(hit); return; }
      app.popups.openIncident(hit.i, map.layerPointToLatLng(L.point(hit.x, hit.y)));
    });
    map.on('mousemove', function (e) {
      var hit = !onPage(e) && map.hasLayer(layer) ? hitTest(e.layerPoint) : null;
      map.getContainer().style.cursor = hit ? 'pointer' : '';
      app.claims.hover(hit && hit.kind === 'badge' ? hit : null);
    });
    map.getContainer().addEventListener('mouseleave', function () { app.claims.hover(null); });
  };

  out.markPosition = function (j) {
    for (var k = 0; k < out.drawn.length; k++) {
      if (out.drawn[k].kind === 'mark' && out.drawn[k].i === j) { return map.layerPointToLatLng(L.point(out.drawn[k].x, out.drawn[k].y)); }
    }
    return inc.hasPoint[j] ? L.latLng(inc.lat[j], inc.lon[j]) : map.getCenter();
  };
  return out;
});
