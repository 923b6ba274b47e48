/* Indexes built once at load: actors and their colours, the region, group and type trees the
 * facets show, and per incident and per claim what the filters, the layers and the timeline
 * need (typed arrays where the values are numbers). */
mapperApp.define('data', function (app) {
  'use strict';
  var U = app.util;
  var D = app.D;
  var INC = app.table.incidents;
  var CLM = app.table.claims;
  var N = INC.n;
  var M = CLM.n;
  var UNATTRIBUTED = '_none';
  var CLAIM_PREFIX = 'claim:';
  var SEP = '/';

  // --- actors ------------------------------------------------------------------------------
  var actors = new Map();
  (Array.isArray(D.actors) ? D.actors : []).forEach(function (a) {
    if (a && typeof a.id === 'string' && !actors.has(a.id)) { actors.set(a.id, a); }
  });
  var chains = new Map();
  function chain(id) {
    // the actor and its parents, nearest first
    if (typeof id !== 'string' || !id) { return []; }
    var found = chains.get(id);
    if (found) { return found; }
    var out = [];
    var seen = new Set();
    var cur = id;
    while (typeof cur === 'string' && cur && !seen.has(cur)) {
      out.push(cur); seen.add(cur);
      cur = actors.has(cur) ? actors.get(cur).parent : null;
    }
    chains.set(id, out);
    return out;
  }
  function actorName(id) {
    var a = actors.get(id);
    return a && typeof a.name === 'string' && a.name ? a.name : String(id);
  }
  var colours = new Map();
  if (D.colours && typeof D.colours === 'object') {
    Object.keys(D.colours).forEach(function (k) { colours.set(k, String(D.colours[k])); });
  }
  var GREY = typeof D.unattributed_colour === 'string' ? D.unattributed_colour : '#7f7f7f';
  function colour(id) { return (id && colours.get(id)) || GREY; }
  function rootOf(id) { var c = chain(id); return c.length ? c[c.length - 1] : UNATTRIBUTED; }

  // --- facet trees ------------------------------------------------------------------------
  var regions = new Map();  // key -> node
  var regionRoots = [];
  function regionNode(key, name, parent, level) {
    var node = regions.get(key);
    if (!node) {
      node = { key: key, name: name, level: level, children: [], count: 0, parent: parent };
      regions.set(key, node);
      if (parent) { parent.children.push(node); } else { regionRoots.push(node); }
    }
    return node;
  }
  var regionCache = new Map();  // country -> province -> district -> nodes
  var NONE = [];
  function cached(map, key) {
    var next = map.get(key);
    if (!next) { next = new Map(); map.set(key, next); }
    return next;
  }
  function regionNodes(country, a1, a2) {
    // [country, province, district] nodes of an admin path (shared arrays: cached)
    country = U.str(country); a1 = U.str(a1); a2 = U.str(a2);
    if (!country) { return NONE; }
    var byA2 = cached(cached(regionCache, country), a1 || '');
    var found = byA2.get(a2 || '');
    if (found) { return found; }
    var c = regionNode(country, country, null, 0);
    var out = [c];
    if (a1) {
      var p = regionNode(c.key + SEP + a1, a1, c, 1);
      out.push(p);
      if (a2) { out.push(regionNode(p.key + SEP + a2, a2, p, 2)); }
    }
    byA2.set(a2 || '', out);
    return out;
  }
  var groups = new Map();  // id -> node
  function groupNode(id) {
    var node = groups.get(id);
    if (node) { return node; }
    node = { id: id, name: id === UNATTRIBUTED ? 'Unattributed' : actorName(id), children: [], parent: null,
      did: 0, claimed: 0, about: 0, total: 0 };
    groups.set(id, node);
    var c = chain(id);
    if (c.length > 1) { node.parent = groupNode(c[1]); node.parent.children.push(node); }
    return node;
  }
  var groupChains = new Map();
  function groupChain(id) {
    // the group nodes of an actor and its parents (one shared array per actor)
    var key = id || UNATTRIBUTED;
    var found = groupChains.get(key);
    if (!found) {
      var c = chain(id);
      found = c.length ? c.map(groupNode) : [groupNode(UNATTRIBUTED)];
      groupChains.set(key, found);
    }
    return found;
  }
  var spans = new Map();  // precision -> start -> end -> span (a corpus repeats its dates)
  function spanOf(start, end, precision) {
    var byEnd = cached(cached(spans, typeof precision === 'string' ? precision : ''), typeof start === 'string' ? start : '');
    var e = typeof end === 'string' ? end : '';
    var found = byEnd.get(e);
    if (found === undefined) { found = U.span(start, end, precision); byEnd.set(e, found); }
    return found;
  }
  var types = new Map();  // 'Battles' or 'claim:denial' -> node
  var typeOrder = [];
  function typeNode(id, kind) {
    var node = types.get(id);
    if (!node) {
      node = { id: id, kind: kind, count: 0, label: kind === 'claim' ? 'Claim: ' + id.slice(CLAIM_PREFIX.length) : (id || 'Unknown type') };
      types.set(id, node); typeOrder.push(id);
    }
    return node;
  }
  (D.event_types || []).forEach(function (t) { typeNode(String(t), 'event'); });
  (D.claim_types || []).forEach(function (t) { typeNode(CLAIM_PREFIX + t, 'claim'); });

  // --- incidents -------------------------------------------------------------------------
  var col = function (k) { return INC.column(k); };
  var cCountry = col('country');
  var cCode = col('country_code');
  var cA1 = col('admin1');
  var cA2 = col('admin2');
  var cPerp = col('perpetrator');
  var cType = col('event_type');
  var cStart = col('date_start');
  var cEnd = col('date_end');
  var cPrec = col('time_precision');
  var cFatal = col('fatalities');
  var cFatalLow = col('fatalities_low');
  var cWound = col('wounded');
  var cWoundLow = col('wounded_low');
  var cGeoPrec = col('geo_precision');
  var cLocation = col('location_text');
  var cInferred = col('place_inferred');
  var cId = col('id');
  var lon = INC.lon || new Float64Array(N).fill(NaN);
  var lat = INC.lat || new Float64Array(N).fill(NaN);
  var inc = {
    regions: new Array(N), groups: new Array(N), type: new Array(N), span: new Array(N),
    claims: new Array(N), lon: lon, lat: lat, hasPoint: new Uint8Array(N),
    px0: new Float64Array(N), py0: new Float64Array(N), radius: new Float32Array(N),
    colour: new Array(N), root: new Array(N), precision: new Uint8Array(N), inferred: new Uint8Array(N),
    killed: new Float64Array(N), wounded: new Float64Array(N), byId: new Map(), order: null, ids: cId
  };
  var RADIUS = 6378137;
  var DEG = Math.PI / 180;
  function lowest(best, low) {
    if (typeof best === 'number' && isFinite(best)) { return best; }
    return typeof low === 'number' && isFinite(low) ? low : NaN;
  }
  for (var i = 0; i < N; i++) {
    inc.regions[i] = regionNodes(U.str(cCountry[i]) || U.str(cCode[i]), cA1[i], cA2[i]);
    var perp = U.str(cPerp[i]);
    inc.groups[i] = groupChain(perp);
    inc.type[i] = typeNode(typeof cType[i] === 'string' ? cType[i] : '', 'event');
    inc.span[i] = spanOf(cStart[i], cEnd[i], cPrec[i]);
    inc.claims[i] = [];
    if (typeof cId[i] === 'string' && !inc.byId.has(cId[i])) { inc.byId.set(cId[i], i); }
    if (!isNaN(lon[i]) && !isNaN(lat[i])) {
      // EPSG:3857 at zoom 0, as L.CRS.EPSG3857.latLngToPoint(latlng, 0) without allocations
      var sin = Math.sin(Math.max(Math.min(lat[i], 85.0511287798), -85.0511287798) * DEG);
      inc.px0[i] = 256 * (0.5 + (RADIUS * lon[i] * DEG) * 0.5 / (Math.PI * RADIUS));
      inc.py0[i] = 256 * (0.5 - (RADIUS * Math.log((1 + sin) / (1 - sin)) / 2) * 0.5 / (Math.PI * RADIUS));
      inc.hasPoint[i] = 1;
    }
    inc.killed[i] = lowest(cFatal[i], cFatalLow[i]);
    inc.wounded[i] = lowest(cWound[i], cWoundLow[i]);
    var f = inc.killed[i];
    inc.radius[i] = 5 + Math.min(10, 1.6 * Math.sqrt(f > 0 ? f : 0));
    inc.colour[i] = colour(perp);
    inc.root[i] = perp ? rootOf(perp) : UNATTRIBUTED;
    var gp = cGeoPrec[i];
    inc.precision[i] = gp === 2 || gp === 3 ? gp : 1;
    // hollow when the place is not written with the event (taken from the context)
    inc.inferred[i] = inc.hasPoint[i] && (cInferred[i] === true || !cLocation[i]) ? 1 : 0;
  }

  // each incident's region path, group chain and type as a small number: the shared arrays and
  // nodes above, numbered, so a filter pass tests and counts them through typed arrays
  function numbered(values) {
    var ids = new Map();
    var sets = [];
    var out = new Int32Array(N);
    for (var n = 0; n < N; n++) {
      var id = ids.get(values[n]);
      if (id === undefined) { id = sets.length; ids.set(values[n], id); sets.push(values[n]); }
      out[n] = id;
    }
    return { of: out, sets: sets };
  }
  inc.regionSets = numbered(inc.regions);
  inc.groupSets = numbered(inc.groups);
  inc.typeSets = numbered(inc.type);

  // --- claims ----------------------------------------------------------------------------
  var k2 = function (k) { return CLM.column(k); };
  var mId = k2('id');
  var mIncidents = k2('incidents');
  var mPlaces = k2('places');
  var mClaimant = k2('claimant');
  var mAbout = k2('about');
  var mAlso = k2('also_about');
  var mType = k2('claim_type');
  var mDate = k2('date');
  var mDateEnd = k2('date_end');
  var mPrec = k2('time_precision');
  var clm = {
    incidents: new Array(M), regions: new Array(M), claimant: new Array(M), about: new Array(M),
    type: new Array(M), span: new Array(M), places: new Array(M), targets: new Array(M),
    anchor: new Array(M), byId: new Map(), ids: mId
  };
  function fk(v) { return U.fold(v); }
  function rank(pl) {
    // how specific a named place is: 0 country, 1 province, 2 district, 3 town or site
    var code = U.str(pl.feature_code) || '';
    if (code) {
      if (/^PCL/.test(code)) { return 0; }
      if (/^ADM1/.test(code)) { return 1; }
      if (/^ADM2/.test(code)) { return 2; }
      if (/^(ADM|RGN|CONT)/.test(code)) { return 1; }
      return 3;
    }
    var name = fk(pl.name);
    function is(level) { var f = fk(level); return f && (name === f || name.indexOf(f + ' ') === 0); }
    if (is(pl.country) || !U.str(pl.admin1)) { return 0; }
    if (is(pl.admin1)) { return 1; }
    if (is(pl.admin2)) { return 2; }
    return 3;
  }
  function contains(a, b) {
    // does area a (a country, province or district named by the claim) contain place b?
    if (a.rank >= b.rank || a.rank === 3) { return false; }
    if (fk(a.country) !== fk(b.country)) { return false; }
    if (a.rank >= 1 && fk(a.admin1) !== fk(b.admin1)) { return false; }
    return !(a.rank >= 2 && fk(a.admin2) !== fk(b.admin2));
  }
  for (var m = 0; m < M; m++) {
    if (typeof mId[m] === 'string' && !clm.byId.has(mId[m])) { clm.byId.set(mId[m], m); }
    var linked = [];
    (Array.isArray(mIncidents[m]) ? mIncidents[m] : []).forEach(function (id) {
      var j = inc.byId.get(id);
      if (j !== undefined && linked.indexOf(j) < 0) { linked.push(j); inc.claims[j].push(m); }
    });
    clm.incidents[m] = linked;
    var places = (Array.isArray(mPlaces[m]) ? mPlaces[m] : []).filter(function (pl) {
      return pl && typeof pl.lat === 'number' && typeof pl.lon === 'number' && isFinite(pl.lat) && isFinite(pl.lon) &&
        Math.abs(pl.lat) <= 90 && Math.abs(pl.lon) <= 180;
    }).map(function (pl) {
      return { name: U.str(pl.name) || '', lat: pl.lat, lon: pl.lon, country: U.str(pl.country), admin1: U.str(pl.admin1),
        admin2: U.str(pl.admin2), rank: rank(pl) };
    });
    clm.places[m] = places;
    // links go to the places that contain no other named place: a city, not its country's centre
    var targets = places.filter(function (a) { return !places.some(function (b) { return contains(a, b); }); });
    clm.targets[m] = targets;
    var best = null;
    targets.forEach(function (pl) { if (!best || pl.rank > best.rank) { best = pl; } });
    clm.anchor[m] = best;  // where a claim tied to no incident sits: its most specific place
    var regs = [];
    (Array.isArray(mPlaces[m]) ? mPlaces[m] : []).forEach(function (pl) {
      if (pl) { regs = regs.concat(regionNodes(pl.country, pl.admin1, pl.admin2)); }
    });
    clm.regions[m] = regs;
    clm.claimant[m] = chain(U.str(mClaimant[m])).map(groupNode);
    var about = chain(U.str(mAbout[m]));
    (Array.isArray(mAlso[m]) ? mAlso[m] : []).forEach(function (a) { about = about.concat(chain(U.str(a))); });
    clm.about[m] = about.map(groupNode);
    clm.type[m] = typeNode(CLAIM_PREFIX + (typeof mType[m] === 'string' ? mType[m] : 'claim'), 'claim');
    clm.span[m] = U.span(mDate[m], mDateEnd[m] || mDate[m], mPrec[m]);
  }

  // newest first, undated last (in document order): ranks of the distinct dates, then numbers
  function ranks(k) {
    var distinct = new Map();
    for (var r = 0; r < N; r++) { if (inc.span[r]) { distinct.set(inc.span[r][k], 0); } }
    Array.from(distinct.keys()).sort().forEach(function (d, n) { distinct.set(d, n + 1); });
    var out = new Int32Array(N);
    for (r = 0; r < N; r++) { out[r] = inc.span[r] ? distinct.get(inc.span[r][k]) : 0; }
    return out;
  }
  var firstRank = ranks(0);
  var lastRank = ranks(1);
  var order = new Array(N);
  for (var o = 0; o < N; o++) { order[o] = o; }
  inc.order = order.sort(function (a, b) { return firstRank[b] - firstRank[a] || lastRank[b] - lastRank[a] || a - b; });

  return {
    N: N, M: M, UNATTRIBUTED: UNATTRIBUTED, CLAIM_PREFIX: CLAIM_PREFIX, SEP: SEP,
    actors: actors, chain: chain, actorName: actorName, colour: colour, rootOf: rootOf, grey: GREY,
    regions: regions, regionRoots: regionRoots, groups: groups, types: types, typeOrder: typeOrder,
    inc: inc, clm: clm
  };
});
