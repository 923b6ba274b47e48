/* The column tables of the page's data (formats: mapper/_pagedata.py): incidents and claims,
 * decoded a column at a time, with their points and their sources. */
mapperApp.define('table', function (app) {
  'use strict';
  var D = app.D;
  var ALPHA = D.code_alphabet;
  var BASE = ALPHA.length;
  var CODE = new Int16Array(128).fill(-1);
  for (var a = 0; a < ALPHA.length; a++) { CODE[ALPHA.charCodeAt(a)] = a; }
  var STRINGS = D.strings || [];
  var SCALE = 10000;
  var NO_POINT = Math.pow(BASE, 4) - 1;

  function fixed(text, k, width) {
    var v = 0;
    for (var d = 0; d < width; d++) { v = v * BASE + CODE[text.charCodeAt(k * width + d)]; }
    return v;
  }
  function coords(text, offset) {
    var n = text.length / 4;
    var out = new Float64Array(n);
    for (var k = 0; k < n; k++) {
      var v = fixed(text, k, 4);
      out[k] = v === NO_POINT ? NaN : (v - offset * SCALE) / SCALE;  // exact for 4 decimals
    }
    return out;
  }

  function decode(c, n, cols) {
    // a whole column as an array of n values
    var out = new Array(n);
    var i;
    if (!c) { return out.fill(null); }
    if (c.same !== undefined) { return decode(cols[c.same], n, cols); }
    if (Object.prototype.hasOwnProperty.call(c, 'c')) { return out.fill(c.c); }
    if (c.k !== undefined) { for (i = 0; i < n; i++) { out[i] = c.d[CODE[c.k.charCodeAt(i)]]; } return out; }
    if (c.k2 !== undefined) { for (i = 0; i < n; i++) { out[i] = c.d[fixed(c.k2, i, 2)]; } return out; }
    if (c.i !== undefined) { for (i = 0; i < n; i++) { out[i] = c.d[c.i[i]]; } return out; }
    if (c.dn !== undefined) {
      var heads = decode(c.h, n, cols);
      var steps = decode(c.n, n, cols);
      var num = 0;
      for (i = 0; i < n; i++) { num += steps[i]; out[i] = heads[i] + String(num); }
      return out;
    }
    if (c.p !== undefined) { for (i = 0; i < n; i++) { out[i] = c.p + c.v[i]; } return out; }
    for (i = 0; i < n; i++) { out[i] = c.v ? c.v[i] : null; }
    return out;
  }

  function Table(t) {
    this.n = t.n;
    this.cols = t.cols || {};
    this._cache = new Map();
    this._src = null;
    if (t.x !== undefined) { this.lon = coords(t.x, 180); this.lat = coords(t.y, 90); }
    if (t.geom) { this._geom = t.geom; }
  }
  Table.prototype.keys = function () {
    return Object.keys(this.cols);
  };
  Table.prototype.column = function (key) {
    // every row's value (decoded once, then kept)
    if (!Object.prototype.hasOwnProperty.call(this.cols, key) || key === 'sources') {
      return key === 'sources' ? null : new Array(this.n).fill(null);
    }
    var col = this._cache.get(key);
    if (!col) { col = decode(this.cols[key], this.n, this.cols); this._cache.set(key, col); }
    return col;
  };
  Table.prototype.get = function (i, key) {
    if (key === 'sources') { return this.sources(i); }
    if (!Object.prototype.hasOwnProperty.call(this.cols, key)) { return null; }
    var v = this.column(key)[i];
    return v === undefined ? null : v;
  };
  Table.prototype._decodeSources = function () {
    var s = this.cols.sources && this.cols.sources.src;
    var n = this.n;
    var offsets = new Int32Array(n + 1);
    if (!s) { this._src = { offsets: offsets }; return; }
    var counts = decode(s.n, n, {});
    for (var i = 0; i < n; i++) { offsets[i + 1] = offsets[i] + (counts[i] || 0); }
    var total = offsets[n];
    var meta = new Map();
    (s.meta || []).forEach(function (m) { meta.set(m[0], [m[1], m[2]]); });
    var ovr = new Map();
    (s.ovr || []).forEach(function (o) { ovr.set(o[0], [o[1], o[2]]); });
    this._src = {
      offsets: offsets, w: s.w, doc: s.doc, sent: s.sent, meta: meta, ovr: ovr,
      start: decode(s.start, total, {}), len: decode(s.len, total, {})
    };
  };
  Table.prototype.sources = function (i) {
    if (!this._src) { this._decodeSources(); }
    var s = this._src;
    var out = [];
    for (var k = s.offsets[i]; k < s.offsets[i + 1]; k++) {
      var doc = fixed(s.doc, k, s.w);
      var td = s.ovr.get(k) || s.meta.get(doc) || [null, null];
      var start = s.start[k];
      var len = s.len[k];
      out.push({
        document: STRINGS[doc], title: td[0] === null ? null : STRINGS[td[0]],
        date: td[1] === null ? null : STRINGS[td[1]], sentence: STRINGS[fixed(s.sent, k, s.w)],
        start: start, end: typeof start === 'number' && typeof len === 'number' ? start + len : len
      });
    }
    return out;
  };
  Table.prototype.props = function (i) {
    // defineProperty: a property named "__proto__" in the data stays a property
    var out = {};
    var self = this;
    this.keys().forEach(function (key) {
      Object.defineProperty(out, key, { value: self.get(i, key), enumerable: true, writable: true, configurable: true });
    });
    return out;
  };
  Table.prototype.geometries = function () {
    // claims: every row's GeoJSON geometry
    if (this._geoms) { return this._geoms; }
    var g = this._geom;
    var n = this.n;
    var out = new Array(n).fill(null);
    if (g) {
      var types = decode(g.t, n, {});
      var counts = decode(g.n, n, {});
      var lon = coords(g.x, 180);
      var lat = coords(g.y, 90);
      var k = 0;
      for (var i = 0; i < n; i++) {
        var pts = [];
        for (var c = 0; c < (counts[i] || 0); c++, k++) { pts.push([lon[k], lat[k]]); }
        if (types[i] === 'Point' && pts.length) { out[i] = { type: 'Point', coordinates: pts[0] }; }
        if (types[i] === 'MultiPoint') { out[i] = { type: 'MultiPoint', coordinates: pts }; }
      }
    }
    this._geoms = out;
    return out;
  };

  return { incidents: new Table(D.incidents), claims: new Table(D.claims), strings: STRINGS };
});
