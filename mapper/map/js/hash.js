/* The URL hash: r=, g=, t= (repeatable), s=, u= (ISO dates), ud=1 (keep undated), q= (words)
 * and v=zoom/lat/lon.  A hash is input like any other: every value is checked (zoom within the
 * map's range, latitude and longitude within the world, real dates, known facet values, words
 * no longer than 200 characters) and a bad one is ignored, never used. */
mapperApp.define('hash', function (app) {
  'use strict';
  var U = app.util;
  var X = app.data;
  var F = app.filters;
  var map = app.map;
  var MAX_VALUES = 500;
  var out = { writing: false };

  function known(kind, value) {
    if (kind === 'r') { return X.regions.has(value); }
    if (kind === 'g') { return X.groups.has(value); }
    return X.types.has(value);
  }
  function number(text, lo, hi) {
    if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(text || '')) { return null; }
    var v = Number(text);
    return isFinite(v) && v >= lo && v <= hi ? v : null;
  }
  out.read = function () {
    // the state the hash asks for (checked), and its view or null
    var params;
    try { params = new URLSearchParams(location.hash.replace(/^#/, '')); } catch (e) { params = new URLSearchParams(); }
    var st = F.emptyState();
    ['r', 'g', 't'].forEach(function (k) {
      params.getAll(k).slice(0, MAX_VALUES).forEach(function (v) { if (known(k, v)) { st[k].add(v); } });
    });
    var s = params.get('s') || '';
    var u = params.get('u') || '';
    st.s = U.validIso(s) ? s : '';
    st.u = U.validIso(u) ? u : '';
    if (st.s && st.u && U.pad(st.s, false) > U.pad(st.u, true)) { st.u = ''; }
    st.q = (params.get('q') || '').slice(0, 200);
    st.ud = params.get('ud') === '1';
    var view = null;
    var v = (params.get('v') || '').split('/');
    if (v.length === 3) {
      var z = number(v[0], map.getMinZoom(), map.getMaxZoom());
      var lat = number(v[1], -85.05, 85.05);
      var lon = number(v[2], -180, 180);
      if (z !== null && z === Math.round(z) && lat !== null && lon !== null) { view = [z, lat, lon]; }
    }
    return { state: st, view: view };
  };
  out.text = function () {
    var st = F.state;
    var params = new URLSearchParams();
    ['r', 'g', 't'].forEach(function (k) { Array.from(st[k]).sort().forEach(function (v) { params.append(k, v); }); });
    if (st.s) { params.set('s', st.s); }
    if (st.u) { params.set('u', st.u); }
    if (st.ud) { params.set('ud', '1'); }
    if (st.q) { params.set('q', st.q); }
    var c = map.getCenter();
    params.set('v', map.getZoom() + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4));
    return params.toString();
  };
  var pending = null;
  out.write = function () {
    // the URL follows a moment later (replaceState costs a round trip to the browser, and a pan
    // or a brush writes many times): the state itself is already applied
    if (pending !== null) { return; }
    pending = setTimeout(function () {
      pending = null;
      var h = '#' + out.text();
      if (location.hash !== h) { out.writing = true; history.replaceState(null, '', h); out.writing = false; }
    }, 0);
  };
  return out;
});
