/* Helpers every module uses: folding names, safe DOM nodes, dates at their precision, and a
 * canvas layer that follows the map. */
mapperApp.define('util', function () {
  'use strict';

  function fold(text) {
    // the same rules as mapper.filters.fold
    if (text === null || text === undefined || text === '') { return ''; }
    return String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function str(value) { return typeof value === 'string' && value ? value : null; }

  function sentence(phrases) {
    // phrases written in lower case ("no death toll reported", "at least 4 wounded") joined
    // with commas into one sentence: only its first letter is capitalised
    var text = phrases.filter(function (p) { return p; }).join(', ');
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
  }

  // --- dates: ISO strings compared as strings, as mapper.filters does ---------------------
  var ISO = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  var CUT = { year: 4, month: 7 };
  function pad(day, end) {
    if (!day) { return null; }
    if (day.length >= 10) { return day.slice(0, 10); }
    var suffix = end ? '-12-31' : '-01-01';
    return day + suffix.slice(day.length - 4);
  }
  function span(start, end, precision) {
    // [first day, last day] an item's date may mean, widened to its precision, or null
    var first = ISO.test(start || '') ? start : null;
    var last = ISO.test(end || '') ? end : null;
    first = first || last; last = last || first;
    if (!first) { return null; }
    var cut = CUT[precision];
    if (cut) { first = first.slice(0, cut); last = last.slice(0, cut); }
    return [pad(first, false), pad(last, true)];
  }
  function datesPass(sp, since, until, keepUndated) {
    // does a span overlap since..until? (both padded already: datesFilter makes them)
    if (!since && !until) { return true; }
    if (!sp) { return !!keepUndated; }
    if (since && sp[1] < since) { return false; }
    return !(until && sp[0] > until);
  }
  function datesFilter(since, until) {
    // the padded bounds datesPass compares with: "2021-09" from 2021-09-01 to 2021-09-31, as
    // mapper.filters compares ISO strings
    return [since ? pad(since, false) : '', until ? pad(until, true) : ''];
  }
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function dayText(iso, precision) {
    // "2020", "Aug 2021", "26 Aug 2021": a date as precise as it is known
    if (!iso) { return ''; }
    var y = iso.slice(0, 4);
    if (precision === 'year' || iso.length === 4) { return y; }
    var m = MONTHS[Number(iso.slice(5, 7)) - 1] || '';
    if (precision === 'month' || iso.length === 7) { return m + ' ' + y; }
    return Number(iso.slice(8, 10)) + ' ' + m + ' ' + y;
  }
  function rangeText(a, b) {
    // the days (or months, or years) from a to b, both included, written once each and no
    // part twice: "3–9 Nov 2025", "27 Oct – 2 Nov 2025", "29 Dec 2025 – 4 Jan 2026",
    // "Jan – Nov 2025", "2020 – 2025"; one value when a is b
    if (!a || !b) { return dayText(a || b); }
    if (a === b) { return dayText(a); }
    var ya = a.slice(0, 4);
    var yb = b.slice(0, 4);
    if (a.length !== b.length || ya !== yb) { return dayText(a) + ' – ' + dayText(b); }
    if (a.length === 7) { return MONTHS[Number(a.slice(5, 7)) - 1] + ' – ' + dayText(b); }
    if (a.length < 10) { return dayText(a) + ' – ' + dayText(b); }
    var da = Number(a.slice(8, 10));
    if (a.slice(0, 7) === b.slice(0, 7)) { return da + '–' + dayText(b); }
    return da + ' ' + MONTHS[Number(a.slice(5, 7)) - 1] + ' – ' + dayText(b);
  }
  function dateText(start, end, precision) {
    var sp = span(start, end, precision);
    if (!sp) { return null; }
    var prec = precision === 'week' || precision === 'unknown' || !precision ? 'day' : precision;
    var a = dayText(sp[0], prec);
    var b = dayText(sp[1], prec);
    if (precision === 'week') { return 'week of ' + a; }
    return a === b ? a : a + ' – ' + b;
  }
  function validIso(value) {
    if (!ISO.test(value || '')) { return false; }
    var d = new Date(pad(value, false) + 'T00:00:00Z');
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === pad(value, false);
  }
  function dayNumber(iso) {
    // days since 1970-01-01 of an ISO day (YYYY-MM-DD), or NaN; no Date object (H. Hinnant's
    // days_from_civil, howardhinnant.github.io/date_algorithms.html)
    if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(iso)) { return NaN; }
    var y = Number(iso.slice(0, 4));
    var m = Number(iso.slice(5, 7));
    var d = Number(iso.slice(8, 10));
    if (m < 1 || m > 12 || d < 1 || d > 31) { return NaN; }
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400);
    var yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }
  function lastDay(value) {
    // the day number of the last day a partial ISO date may mean ("2021-02" is 28 February)
    if (!value) { return NaN; }
    if (value.length >= 10) { return dayNumber(value); }
    if (value.length === 4) { return dayNumber(value + '-12-31'); }
    var y = Number(value.slice(0, 4));
    var m = Number(value.slice(5, 7));
    var next = m === 12 ? (y + 1) + '-01-01' : value.slice(0, 5) + (m < 9 ? '0' : '') + (m + 1) + '-01';
    return dayNumber(next) - 1;
  }
  function isoOfDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

  // --- a canvas over the map, redrawn after every move ------------------------------------
  var CanvasLayer = L.Layer.extend({
    initialize: function (pane, cls, draw) { this._pane = pane; this._cls = cls; this._draw = draw; },
    onAdd: function (m) {
      this._canvas = L.DomUtil.create('canvas', this._cls);
      m.getPane(this._pane).appendChild(this._canvas);
      m.on('moveend resize viewreset', this.redraw, this);
      m.on('zoomstart', this._hide, this);
      this.redraw();
    },
    onRemove: function (m) {
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
      m.off('moveend resize viewreset', this.redraw, this);
      m.off('zoomstart', this._hide, this);
      this._draw(null);
    },
    _hide: function () { if (this._canvas) { this._canvas.style.visibility = 'hidden'; } },
    redraw: function () {
      var m = this._map;
      if (!m || !this._canvas) { return; }
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
      // what to draw gets: context, size, and the layer point of the canvas's top left
      this._draw({ ctx: ctx, canvas: cv, width: full.x, height: full.y, topLeft: topLeft });
    }
  });

  return {
    fold: fold, el: el, str: str, sentence: sentence, pad: pad, span: span, datesPass: datesPass, datesFilter: datesFilter, dayText: dayText,
    rangeText: rangeText, dateText: dateText, validIso: validIso, dayNumber: dayNumber, lastDay: lastDay, isoOfDay: isoOfDay,
    MONTHS: MONTHS, canvasLayer: function (pane, cls, draw) { return new CanvasLayer(pane, cls, draw); }
  };
});
