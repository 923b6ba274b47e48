/* The timeline under the map (its HTML is timeline.html.j2): incidents per week, month or year,
 * stacked by the colour of their top-level group, for everything the other filters keep; a
 * brush (drag, or click a bar) sets the date filter and the URL hash; the undated incidents are
 * counted, with a toggle that keeps them under a date filter. */
mapperApp.define('timeline', function (app) {
  'use strict';
  var U = app.util;
  var X = app.data;
  var F = app.filters;
  var inc = X.inc;
  var N = X.N;
  var HEIGHT = 46;
  var AXIS = 14;
  var MAX_KEYS = 8;
  var out = { unit: null, bins: 0 };

  // --- bins ---------------------------------------------------------------------------------
  var days = new Map();
  function day(iso) {
    // days since 1970-01-01 of an ISO day (cached: a corpus repeats its dates)
    var d = days.get(iso);
    if (d === undefined) { d = U.dayNumber(iso); days.set(iso, d); }
    return d;
  }
  var first = new Int32Array(N);
  var last = new Int32Array(N);
  var minDay = Infinity;
  var maxDay = -Infinity;
  for (var i = 0; i < N; i++) {
    var sp = inc.span[i];
    if (!sp) { first[i] = -2147483648; continue; }
    var a = day(sp[0]);
    var b = day(sp[1]);
    if (isNaN(a)) { first[i] = -2147483648; continue; }
    first[i] = a;
    last[i] = isNaN(b) ? a : b;
    if (a < minDay) { minDay = a; }
    if (!isNaN(b) && b > maxDay) { maxDay = b; } else if (a > maxDay) { maxDay = a; }
  }
  var dated = minDay !== Infinity;
  var unit = !dated ? null : maxDay - minDay <= 550 ? 'week' : maxDay - minDay <= 365 * 30 ? 'month' : 'year';
  function ymd(day) { var d = new Date(day * 86400000); return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()]; }
  var base = 0;
  function binOf(day) {
    if (unit === 'week') { return Math.floor((day - base) / 7); }
    var p = ymd(day);
    return unit === 'month' ? p[0] * 12 + p[1] - base : p[0] - base;
  }
  function binStart(bin) {
    if (unit === 'week') { return base + 7 * bin; }
    if (unit === 'month') { var mo = base + bin; return Math.floor(Date.UTC(Math.floor(mo / 12), mo % 12, 1) / 86400000); }
    return Math.floor(Date.UTC(base + bin, 0, 1) / 86400000);
  }
  function binEnd(bin) { return binStart(bin + 1) - 1; }
  if (dated) {
    if (unit === 'week') { base = minDay - ((new Date(minDay * 86400000).getUTCDay() + 6) % 7); }  // a Monday
    else if (unit === 'month') { var p0 = ymd(minDay); base = p0[0] * 12 + p0[1]; }
    else { base = ymd(minDay)[0]; }
  }
  var nBins = dated ? binOf(maxDay) + 1 : 0;
  var binOfInc = new Int32Array(N).fill(-1);
  var binsOfInc = new Uint16Array(N);  // how many bins the date covers ("2020" is 12 months)
  var keyOfInc = new Uint8Array(N);
  var totals = new Map();
  var bins = new Map();  // day -> bin (cached: binOf makes a Date)
  for (i = 0; i < N; i++) {
    if (first[i] === -2147483648) { continue; }
    var bi = bins.get(first[i]);
    if (bi === undefined) { bi = binOf(first[i]); bins.set(first[i], bi); }
    binOfInc[i] = bi;
    var bl = bins.get(last[i]);
    if (bl === undefined) { bl = binOf(last[i]); bins.set(last[i], bl); }
    binsOfInc[i] = Math.max(1, Math.min(bl - bi + 1, 65535));
    totals.set(inc.root[i], (totals.get(inc.root[i]) || 0) + 1);
  }
  // stack by top-level group, the most frequent lowest; the rest as "other"
  var keys = Array.from(totals.keys()).sort(function (x, y) { return totals.get(y) - totals.get(x); }).slice(0, MAX_KEYS);
  var keyIndex = new Map(keys.map(function (k, n) { return [k, n]; }));
  var keyColours = keys.map(function (k) { return k === X.UNATTRIBUTED ? X.grey : X.colour(k); }).concat(['#b9b9b9']);
  for (i = 0; i < N; i++) { var ki = keyIndex.get(inc.root[i]); keyOfInc[i] = ki === undefined ? keys.length : ki; }
  var K = keys.length + 1;
  var counts = new Float64Array(Math.max(1, nBins * K));
  out.unit = unit; out.bins = nBins;

  // --- drawing ------------------------------------------------------------------------------
  var canvas = null;
  var brush = null;  // [bin, bin] while dragging
  var width = 0;
  function x0(bin) { return bin * width / nBins; }
  function binAt(x) { return Math.max(0, Math.min(nBins - 1, Math.floor(x / width * nBins))); }
  function selectedBins() {
    var st = F.state;
    if (brush) { return [Math.min(brush[0], brush[1]), Math.max(brush[0], brush[1])]; }
    if (!st.s && !st.u) { return null; }
    var lo = st.s ? binOf(U.dayNumber(U.pad(st.s, false))) : 0;
    var hi = st.u ? binOf(U.lastDay(st.u)) : nBins - 1;
    return [lo, hi];
  }
  var CUT = { year: 4, month: 7, week: 10 };
  var UNIT_TEXT = { week: 'weekly bars, Monday to Sunday', month: 'monthly bars', year: 'yearly bars' };
  function rangeOf(lo, hi) {
    // what bars lo..hi cover, from the first day of one to the last day of the other, at the
    // unit's precision: "3–16 Nov 2025" (never a week by its Monday alone), "Jan – Nov 2025"
    var a = U.isoOfDay(binStart(lo)).slice(0, CUT[unit]);
    var b = U.isoOfDay(binEnd(hi)).slice(0, CUT[unit]);
    return U.rangeText(a, b);
  }
  function label(bin) { return rangeOf(bin, bin); }
  function countText(n) {
    // a bar's height: whole incidents, or a share of those dated only to a month or year
    var whole = Math.abs(n - Math.round(n)) < 1e-9;
    var v = whole ? String(Math.round(n)) : n.toFixed(1);
    return v + (v === '1' ? ' incident' : ' incidents') + (whole ? '' : ' (a date known only to the month or year is spread over its bars)');
  }
  var sized = 0;
  function resize() {
    var box = canvas.parentNode.getBoundingClientRect();
    width = Math.max(100, Math.floor(box.width));
    var ratio = window.devicePixelRatio || 1;
    canvas.width = width * ratio; canvas.height = (HEIGHT + AXIS) * ratio;
    canvas.style.width = width + 'px'; canvas.style.height = (HEIGHT + AXIS) + 'px';
    sized = ratio;
  }
  function draw() {
    if (!canvas) { return; }
    if (!sized) { resize(); }
    var ratio = sized;
    var ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT + AXIS);
    var max = 1;
    var b;
    for (b = 0; b < nBins; b++) {
      var sum = 0;
      for (var k = 0; k < K; k++) { sum += counts[b * K + k]; }
      if (sum > max) { max = sum; }
    }
    out.max = max;
    var sel = selectedBins();
    var bw = width / nBins;
    for (b = 0; b < nBins; b++) {
      var inside = !sel || (b >= sel[0] && b <= sel[1]);
      var y = HEIGHT;
      for (var s = 0; s < K; s++) {
        var c = counts[b * K + s];
        if (!c) { continue; }
        var h = c / max * (HEIGHT - 4);
        ctx.fillStyle = keyColours[s];
        ctx.globalAlpha = inside ? 0.95 : 0.25;
        ctx.fillRect(x0(b) + (bw > 3 ? 0.5 : 0), y - h, Math.max(1, bw - (bw > 3 ? 1 : 0)), h);
        y -= h;
      }
    }
    ctx.globalAlpha = 1;
    if (sel) {
      ctx.fillStyle = '#1d4f8f18';
      ctx.fillRect(x0(sel[0]), 0, x0(sel[1] + 1) - x0(sel[0]), HEIGHT);
      ctx.strokeStyle = '#1d4f8f'; ctx.lineWidth = 1.5;
      ctx.strokeRect(x0(sel[0]) + 0.75, 0.75, x0(sel[1] + 1) - x0(sel[0]) - 1.5, HEIGHT - 1.5);
    }
    // axis: a tick per year (or per month on short spans), labels that fit
    ctx.fillStyle = '#555'; ctx.font = '10px system-ui, sans-serif'; ctx.textBaseline = 'top'; ctx.textAlign = 'left';
    ctx.fillRect(0, HEIGHT, width, 1);
    var lastRight = -Infinity;
    ticks().forEach(function (t) {
      ctx.fillRect(t.x, HEIGHT, 1, 4);
      var tw = ctx.measureText(t.text).width;
      if (t.x + 2 > lastRight + 6 && t.x + 2 + tw < width) { ctx.fillText(t.text, t.x + 2, HEIGHT + 3); lastRight = t.x + 2 + tw; }
    });
  }
  function ticks() {
    // the axis: a tick where each month (weekly bars) or year begins, at that very day, so a
    // week across two months is not drawn as the first of the second; the first at the start
    var found = [];
    var endDay = binEnd(nBins - 1);
    var d = binStart(0);
    while (d <= endDay) {
      var iso = U.isoOfDay(d);
      var x = unit === 'week' ? (d - base) / 7 * width / nBins : x0(binOf(d));
      found.push({ x: x, day: iso, text: unit === 'week' ? U.dayText(iso.slice(0, 7), 'month') : iso.slice(0, 4) });
      var y = Number(iso.slice(0, 4));
      var m = Number(iso.slice(5, 7));
      d = unit === 'week' ? Math.floor(Date.UTC(y, m, 1) / 86400000) : Math.floor(Date.UTC(y + 1, 0, 1) / 86400000);
    }
    return found;
  }
  function updateText() {
    var st = F.state;
    var range = document.getElementById('mapper-timeline-range');
    var sel = selectedBins();
    var text;
    if (!dated) { text = 'No dated incidents'; }
    else if (brush) { text = rangeOf(sel[0], sel[1]) + ': release to show these dates'; }
    else if (!sel) { text = 'All dates (' + rangeOf(0, nBins - 1) + ', ' + UNIT_TEXT[unit] + '); drag to choose'; }
    else if (st.s && st.u) { text = U.rangeText(st.s, st.u); }
    else { text = st.s ? 'From ' + U.dayText(st.s) : 'Until ' + U.dayText(st.u); }
    range.textContent = text;
    document.getElementById('mapper-timeline-clear').hidden = !(st.s || st.u);
    var undated = F.undated;
    var note = document.getElementById('mapper-undated');
    note.dataset.count = undated;
    note.dataset.hidden = F.undatedOut;
    note.textContent = undated + ' undated' + (F.undatedOut ? ' (hidden by the dates)' : '');
    note.parentNode.hidden = !undated && !st.ud;
    document.getElementById('mapper-keep-undated').checked = !!st.ud;
  }
  out.update = function () {
    counts.fill(0);
    var noDate = F.noDate;
    for (var j = 0; j < N; j++) {
      var bin = binOfInc[j];
      if (bin < 0 || !noDate[j]) { continue; }
      var k = binsOfInc[j];
      if (k === 1) { counts[bin * K + keyOfInc[j]] += 1; continue; }
      // a date known to the year or month is spread over the bins it covers: area is count
      for (var b = bin; b < bin + k && b < nBins; b++) { counts[b * K + keyOfInc[j]] += 1 / k; }
    }
    draw();
    updateText();
  };
  out.binCount = function (bin) { var t = 0; for (var k = 0; k < K; k++) { t += counts[bin * K + k]; } return t; };
  out.xOf = function (iso) {
    // page x of the middle of the bin holding an ISO day (for tests)
    if (!canvas || !dated) { return null; }
    var bin = binOf(U.dayNumber(U.pad(iso, false)));
    var r = canvas.getBoundingClientRect();
    return { x: r.left + x0(bin) + width / nBins / 2, y: r.top + HEIGHT / 2 };
  };
  out.binLabel = label;
  out.ticks = function () { return canvas && dated ? ticks() : []; };
  function hover(x) {
    // a bar's dates and count, as its tooltip
    var bin = binAt(x);
    canvas.title = label(bin) + ': ' + countText(out.binCount(bin));
  }

  function commit(lo, hi) {
    F.state.s = U.isoOfDay(binStart(Math.min(lo, hi)));
    F.state.u = U.isoOfDay(binEnd(Math.max(lo, hi)));
    app.panel.syncInputs();
    app.start.refresh({ hash: true });
  }
  out.add = function () {
    canvas = document.getElementById('mapper-timeline-canvas');
    if (!dated) { canvas.hidden = true; }
    var startX = null;
    function x(e) { return e.clientX - canvas.getBoundingClientRect().left; }
    canvas.addEventListener('pointerdown', function (e) {
      if (!dated) { return; }
      startX = x(e);
      brush = [binAt(startX), binAt(startX)];
      canvas.setPointerCapture(e.pointerId);
      draw();
      updateText();
    });
    canvas.addEventListener('pointermove', function (e) {
      if (dated) { hover(x(e)); }
      if (startX === null) { return; }
      brush[1] = binAt(x(e));
      draw();
      updateText();
    });
    function end(e) {
      if (startX === null) { return; }
      var lo = brush[0];
      var hi = binAt(x(e));
      startX = null; brush = null;
      commit(lo, hi);
    }
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', function () { startX = null; brush = null; draw(); updateText(); });
    document.getElementById('mapper-timeline-clear').addEventListener('click', function () {
      F.state.s = ''; F.state.u = '';
      app.panel.syncInputs();
      app.start.refresh({ hash: true });
    });
    document.getElementById('mapper-keep-undated').addEventListener('change', function (e) {
      F.state.ud = e.target.checked;
      app.start.refresh({ hash: true });
    });
    window.addEventListener('resize', function () { resize(); draw(); });
  };
  return out;
});
