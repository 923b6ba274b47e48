/* The filter rules: the JavaScript twin of mapper/filters.py (tests/data/filter_cases.json runs
 * against both).  In short: an incident shows when its region, dates and words pass and either
 * it matches the group (its perpetrator) and type (its event type) itself, or one of its claims
 * matches them (the claimant or subject; the claim type).  A claim tied to incidents shows
 * beside a shown incident when it matches group and type itself, or when its incident matched
 * by itself and no claim type is chosen; a claim tied to none is filtered on its own places,
 * date, words, group and type.  Facet counts apply every other facet. */
mapperApp.define('filters', function (app) {
  'use strict';
  var U = app.util;
  var X = app.data;
  var INC = app.table.incidents;
  var CLM = app.table.claims;
  var N = X.N;
  var M = X.M;
  var inc = X.inc;
  var clm = X.clm;

  function emptyState() { return { r: new Set(), g: new Set(), t: new Set(), s: '', u: '', q: '', ud: false }; }
  var out = {
    state: emptyState(),
    visible: new Uint8Array(N),       // incidents shown
    undatedOut: 0,                    // undated incidents hidden by the date filter only
    noDate: new Uint8Array(N),        // incidents that pass every facet but the dates (timeline)
    clmVisible: new Uint8Array(M),
    visibleCount: 0,
    clmVisibleCount: 0,
    lastMs: 0
  };
  var hay = null;
  var clmHay = null;
  function haystack(table, j) {
    var keys = ['summary', 'place_name', 'location_text', 'perpetrator_name', 'claimant_name', 'about_name',
      'country', 'admin1', 'admin2', 'event_type', 'sub_event_type', 'channel'];
    var parts = keys.map(function (k) { return table.get(j, k); });
    var targets = table.get(j, 'targets');
    if (Array.isArray(targets)) { parts = parts.concat(targets); }
    var places = table.get(j, 'places');
    if (Array.isArray(places)) { places.forEach(function (p) { if (p) { parts.push(p.name); } }); }
    table.sources(j).forEach(function (s) { parts.push(s.sentence, s.title); });
    return ' ' + parts.filter(function (x) { return x; }).map(function (x) { return U.fold(String(x)); }).join(' ') + ' ';
  }
  function words(q) { return U.fold(q).split(' ').filter(function (w) { return w; }); }
  function hasAll(text, ws) {
    for (var w = 0; w < ws.length; w++) { if (text.indexOf(ws[w]) < 0) { return false; } }
    return true;
  }
  function anyOn(nodes) {
    // is one of the nodes chosen? (their .on flags are set from the state before each pass)
    for (var k = 0; k < nodes.length; k++) { if (nodes[k].on) { return true; } }
    return false;
  }
  function mark(index, chosen) { index.forEach(function (node, key) { node.on = chosen.has(key); }); }
  // reused from pass to pass: no allocation per filter
  var regionOk = new Uint8Array(N);
  var dateOk = new Uint8Array(N);
  var textOk = new Uint8Array(N);
  var gOwn = new Uint8Array(N);
  var tOwn = new Uint8Array(N);
  var viaClaim = new Uint8Array(N);   // group and type by a claim
  var gClaim = new Uint8Array(N);     // group by a claim (for the type counts)
  var tClaim = new Uint8Array(N);     // type by a claim (for the group counts)
  var cG = new Uint8Array(M);
  var cT = new Uint8Array(M);
  var cBase = new Uint8Array(M);      // lone claims only

  function apply() {
    var t0 = performance.now();
    var st = out.state;
    var fr = st.r.size > 0;
    var fg = st.g.size > 0;
    var ft = st.t.size > 0;
    var claimTypes = false;
    st.t.forEach(function (t) { if (t.indexOf(X.CLAIM_PREFIX) === 0) { claimTypes = true; } });
    var ws = words(st.q);
    if (ws.length && !hay) { hay = new Array(N); for (var h = 0; h < N; h++) { hay[h] = haystack(INC, h); } }
    if (ws.length && !clmHay) { clmHay = new Array(M); for (var hc = 0; hc < M; hc++) { clmHay[hc] = haystack(CLM, hc); } }
    var dated = !!(st.s || st.u);
    var bounds = U.datesFilter(st.s, st.u);
    mark(X.regions, st.r);
    mark(X.groups, st.g);
    mark(X.types, st.t);

    // per incident: region, dates, words (base); group and type by itself (own); a facet
    // nobody chose passes everything
    var i;
    var m;
    var RS = inc.regionSets;
    var GS = inc.groupSets;
    var TS = inc.typeSets;
    if (fr) {
      var rOn = Uint8Array.from(RS.sets, function (set) { return anyOn(set) ? 1 : 0; });
      for (i = 0; i < N; i++) { regionOk[i] = rOn[RS.of[i]]; }
    } else { regionOk.fill(1); }
    if (dated) {
      var spans = inc.span;
      for (i = 0; i < N; i++) { dateOk[i] = U.datesPass(spans[i], bounds[0], bounds[1], st.ud) ? 1 : 0; }
    } else { dateOk.fill(1); }
    if (ws.length) { for (i = 0; i < N; i++) { textOk[i] = hasAll(hay[i], ws) ? 1 : 0; } } else { textOk.fill(1); }
    if (fg) {
      var gOn = Uint8Array.from(GS.sets, function (set) { return anyOn(set) ? 1 : 0; });
      for (i = 0; i < N; i++) { gOwn[i] = gOn[GS.of[i]]; }
    } else { gOwn.fill(1); }
    if (ft) {
      var tOn = Uint8Array.from(TS.sets, function (node) { return node.on ? 1 : 0; });
      for (i = 0; i < N; i++) { tOwn[i] = tOn[TS.of[i]]; }
    } else { tOwn.fill(1); }
    // per claim: group and type by itself; a lone claim's own region, dates, words
    for (m = 0; m < M; m++) {
      cG[m] = !fg || anyOn(clm.claimant[m]) || anyOn(clm.about[m]) ? 1 : 0;
      cT[m] = !ft || clm.type[m].on ? 1 : 0;
      if (!clm.incidents[m].length) {
        cBase[m] = (!fr || anyOn(clm.regions[m])) && U.datesPass(clm.span[m], bounds[0], bounds[1], st.ud) &&
          (!ws.length || hasAll(clmHay[m], ws)) ? 1 : 0;
      }
    }
    // an incident also shows for a claim of it that matches group and type
    viaClaim.fill(0); gClaim.fill(0); tClaim.fill(0);
    for (m = 0; m < M; m++) {
      var linked = clm.incidents[m];
      for (var x = 0; x < linked.length; x++) {
        var j = linked[x];
        if (cG[m] && cT[m]) { viaClaim[j] = 1; }
        if (cG[m]) { gClaim[j] = 1; }
        if (cT[m] && ft) { tClaim[j] = 1; }
      }
    }

    X.regions.forEach(function (n) { n.count = 0; });
    X.groups.forEach(function (n) { n.did = 0; n.claimed = 0; n.about = 0; });
    X.types.forEach(function (n) { n.count = 0; });
    var visible = out.visible;
    var noDate = out.noDate;
    var count = 0;
    var undatedOut = 0;
    var undated = 0;
    var rCount = new Int32Array(RS.sets.length);  // counted per numbered set, then per node
    var gCount = new Int32Array(GS.sets.length);
    var tCount = new Int32Array(TS.sets.length);
    for (i = 0; i < N; i++) {
      var chosen = gOwn[i] && tOwn[i] || viaClaim[i];
      var v = regionOk[i] && dateOk[i] && textOk[i] && chosen;
      visible[i] = v ? 1 : 0;
      if (v) { count += 1; }
      var nd = regionOk[i] && textOk[i] && chosen ? 1 : 0;
      noDate[i] = nd;
      if (nd && !inc.span[i]) { undated += 1; if (!dateOk[i]) { undatedOut += 1; } }
      var rest = dateOk[i] && textOk[i];
      if (!rest) { continue; }
      if (chosen) { rCount[RS.of[i]] += 1; }
      if (regionOk[i] && (tOwn[i] || tClaim[i])) { gCount[GS.of[i]] += 1; }
      if (regionOk[i] && (gOwn[i] || gClaim[i])) { tCount[TS.of[i]] += 1; }
    }
    RS.sets.forEach(function (set, k) { for (var a = 0; a < set.length; a++) { set[a].count += rCount[k]; } });
    GS.sets.forEach(function (set, k) { for (var b = 0; b < set.length; b++) { set[b].did += gCount[k]; } });
    TS.sets.forEach(function (node, k) { node.count += tCount[k]; });
    out.visibleCount = count;
    out.undatedOut = undatedOut;
    out.undated = undated;

    var clmVisible = out.clmVisible;
    var claimCount = 0;
    var follow = !claimTypes;
    for (m = 0; m < M; m++) {
      var links = clm.incidents[m];
      var cv = false;
      var counted = false;  // the claim's own facets but group and type pass (for the counts)
      if (links.length) {
        for (var y = 0; y < links.length; y++) {
          var k = links[y];
          if (regionOk[k] && dateOk[k] && textOk[k]) { counted = true; }
          if (visible[k] && (cG[m] && cT[m] || follow && gOwn[k] && tOwn[k])) { cv = true; }
        }
      } else {
        counted = !!cBase[m];
        cv = counted && cG[m] && cT[m];
      }
      clmVisible[m] = cv ? 1 : 0;
      if (cv) { claimCount += 1; }
      if (!counted) { continue; }
      if (cG[m]) { clm.type[m].count += 1; }
      if (cT[m]) {
        clm.claimant[m].forEach(function (g) { g.claimed += 1; });
        clm.about[m].forEach(function (g) { g.about += 1; });
      }
    }
    out.clmVisibleCount = claimCount;
    out.lastMs = performance.now() - t0;
  }

  out.apply = apply;
  out.emptyState = emptyState;
  out.setState = function (st) { out.state = st; };
  return out;
});
