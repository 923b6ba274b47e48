/* The filter panel (its HTML is panel.html.j2): search, dates, the region, group and type
 * facets with their counts, the totals, and the list of visible incidents, newest first. */
mapperApp.define('panel', function (app) {
  'use strict';
  var U = app.util;
  var X = app.data;
  var F = app.filters;
  var INC = app.table.incidents;
  var D = app.D;
  var inc = X.inc;
  var el = U.el;
  var LIST_MAX = 300;
  var counters = [];
  var listed = null;
  var out = {};
  var FACET = { region: 'r', group: 'g', type: 't' };

  function byCount(count) {
    return function (a, b) { return count(b) - count(a) || String(a.name).localeCompare(String(b.name)); };
  }
  function checkbox(facet, value, label, swatch) {
    var lab = el('label');
    var box = el('input');
    box.type = 'checkbox'; box.value = value; box.dataset.facet = facet;
    box.addEventListener('change', function () {
      var set = F.state[FACET[facet]];
      if (box.checked) { set.add(value); } else { set.delete(value); }
      app.start.refresh({ hash: true, zoomRegions: facet === 'region' });
    });
    lab.appendChild(box);
    if (swatch) { var sw = el('span', 'mapper-swatch'); sw.style.background = swatch; lab.appendChild(sw); }
    lab.appendChild(el('span', 'mapper-name', label));
    return lab;
  }
  function counter(lab, node, kind) {
    var span = el('span', 'mapper-count');
    lab.appendChild(span);
    counters.push({ node: node, span: span, label: lab, kind: kind });
  }
  function tree(facet, node, value, swatch, kind, sort) {
    var li = el('li');
    var lab = checkbox(facet, value(node), node.name, swatch ? swatch(node) : null);
    counter(lab, node, kind);
    if (node.children.length) {
      var det = el('details');
      det.open = node.level === 0 || facet === 'group';
      var sum = el('summary');
      sum.appendChild(lab);
      det.appendChild(sum);
      var ul = el('ul');
      node.children.slice().sort(sort).forEach(function (ch) { ul.appendChild(tree(facet, ch, value, swatch, kind, sort)); });
      det.appendChild(ul);
      li.appendChild(det);
    } else {
      li.appendChild(lab);
    }
    return li;
  }
  function groupTotal(g) { return g.did + g.claimed + g.about; }
  function build() {
    F.apply();
    var regionsUl = document.getElementById('mapper-regions');
    var regionSort = byCount(function (n) { return n.count; });
    X.regionRoots.slice().sort(regionSort).forEach(function (n) {
      regionsUl.appendChild(tree('region', n, function (x) { return x.key; }, null, 'region', regionSort));
    });
    var groupsUl = document.getElementById('mapper-groups');
    var groupSort = byCount(groupTotal);
    var roots = [];
    X.groups.forEach(function (g) { if (!g.parent) { roots.push(g); } });
    roots.sort(groupSort).forEach(function (g) {
      groupsUl.appendChild(tree('group', g, function (x) { return x.id; }, function (x) {
        return x.id === X.UNATTRIBUTED ? X.grey : X.colour(x.id);
      }, 'group', groupSort));
    });
    var typesUl = document.getElementById('mapper-types');
    X.typeOrder.forEach(function (t) {
      var node = X.types.get(t);
      var li = el('li');
      var lab = checkbox('type', t, node.label, null);
      counter(lab, node, 'type');
      li.appendChild(lab);
      typesUl.appendChild(li);
    });
    var bw = D.built_with;
    if (bw && ((bw.regions || []).length || (bw.groups || []).length || (bw.types || []).length || bw.since || bw.until)) {
      var parts = [];
      if ((bw.regions || []).length) { parts.push('region ' + bw.regions.map(function (r) { return String(r).replace(/^\?/, ''); }).join(', ')); }
      if ((bw.groups || []).length) { parts.push('group ' + bw.groups.map(X.actorName).join(', ')); }
      if ((bw.types || []).length) { parts.push('type ' + bw.types.join(', ')); }
      if (bw.since) { parts.push('from ' + bw.since); }
      if (bw.until) { parts.push('until ' + bw.until); }
      if ((bw.since || bw.until) && bw.keep_undated) { parts.push('undated kept'); }
      var note = document.getElementById('mapper-built-with');
      note.textContent = 'Built with only: ' + parts.join('; ');
      note.hidden = false;
    }
  }

  function updateCounts() {
    counters.forEach(function (c) {
      var n = c.node;
      var zero;
      var text;
      if (c.kind === 'group') {
        // who did how many incidents, made how many claims, and how many claims are about it
        var bits = [];
        if (n.did || (!n.claimed && !n.about)) { bits.push(String(n.did)); }
        if (n.claimed) { bits.push(n.claimed + ' claimed'); }
        if (n.about) { bits.push(n.about + ' about'); }
        text = bits.join(' · ');
        zero = !groupTotal(n);
        if (text !== c.text) { c.span.title = n.did + ' incidents it did, ' + n.claimed + ' claims it made, ' + n.about + ' claims about it'; }
      } else {
        text = String(n.count);
        zero = n.count === 0;
      }
      if (text === c.text) { return; }  // touch the page only where a count changed
      c.text = text;
      c.span.textContent = text;
      c.label.classList.toggle('mapper-zero', zero);
    });
    var summary = document.getElementById('mapper-summary');
    summary.textContent = 'Showing ' + F.visibleCount + ' of ' + X.N + ' incidents and ' + F.clmVisibleCount + ' of ' + X.M + ' claims';
    summary.dataset.incidents = F.visibleCount;
    summary.dataset.claims = F.clmVisibleCount;
  }
  function updateTotals() {
    // the lowest figures of the visible incidents: "at least"
    var killed = 0;
    var wounded = 0;
    var withKilled = 0;
    var withWounded = 0;
    for (var j = 0; j < X.N; j++) {
      if (!F.visible[j]) { continue; }
      if (!isNaN(inc.killed[j])) { killed += inc.killed[j]; withKilled += 1; }
      if (!isNaN(inc.wounded[j])) { wounded += inc.wounded[j]; withWounded += 1; }
    }
    var node = document.getElementById('mapper-totals');
    node.dataset.killed = killed;
    node.dataset.wounded = wounded;
    var fmt = function (n) { return n.toLocaleString('en-GB'); };
    // each phrase in lower case; the sentence capitalises whichever comes first
    var head = U.sentence([withKilled ? 'at least ' + fmt(killed) + ' killed' : 'no death toll reported',
      withWounded ? 'at least ' + fmt(wounded) + ' wounded' : 'no wounded reported']);
    node.replaceChildren(
      el('strong', null, head),
      el('span', null, ' (lowest figures; killed known for ' + withKilled + ', wounded for ' + withWounded + ' of ' + F.visibleCount + ' incidents)')
    );
  }
  function incidentLabel(j) {
    var when = U.dateText(INC.get(j, 'date_start'), INC.get(j, 'date_end'), INC.get(j, 'time_precision'));
    return [when || 'undated', U.str(INC.get(j, 'event_type')) || 'incident',
      U.str(INC.get(j, 'place_name')) || U.str(INC.get(j, 'country')) || 'no place',
      U.str(INC.get(j, 'perpetrator_name')) || 'unknown'].join(' · ');
  }
  function updateList() {
    var ol = document.getElementById('mapper-list');
    var rows = [];
    var order = inc.order;
    for (var k = 0; k < order.length && rows.length < LIST_MAX; k++) { if (F.visible[order[k]]) { rows.push(order[k]); } }
    var key = rows.join(',');
    if (key === listed) { return; }
    listed = key;
    var frag = document.createDocumentFragment();
    rows.forEach(function (j) {
      var li = el('li');
      var b = el('button', null, incidentLabel(j));
      b.type = 'button'; b.dataset.incident = String(inc.ids[j]); b.dataset.row = String(j);
      li.appendChild(b);
      frag.appendChild(li);
    });
    ol.replaceChildren(frag);
    document.getElementById('mapper-list-more').textContent =
      F.visibleCount > rows.length ? (F.visibleCount - rows.length) + ' more not listed; filter to narrow down' : '';
  }
  var listedClaims = null;
  function updateClaims() {
    // the allegations, threats and others tied to no incident: reachable without finding a badge
    var rows = [];
    var n = 0;
    for (var m = 0; m < X.M; m++) {
      if (!F.clmVisible[m] || X.clm.incidents[m].length) { continue; }
      n += 1;
      rows.push(m);
    }
    var sp = X.clm.span;
    rows.sort(function (a, b) {  // newest first, undated last
      if (!sp[a] || !sp[b]) { return sp[a] ? -1 : sp[b] ? 1 : a - b; }
      return sp[a][0] < sp[b][0] ? 1 : sp[a][0] > sp[b][0] ? -1 : a - b;
    });
    rows = rows.slice(0, LIST_MAX);
    document.getElementById('mapper-claims-count').textContent = String(n);
    var key = rows.join(',');
    if (key === listedClaims) { return; }
    listedClaims = key;
    var CLM = app.table.claims;
    var frag = document.createDocumentFragment();
    rows.forEach(function (m) {
      var who = U.str(CLM.get(m, 'claimant_name')) || X.actorName(CLM.get(m, 'claimant'));
      var label = [U.dateText(CLM.get(m, 'date'), CLM.get(m, 'date_end'), CLM.get(m, 'time_precision')) || 'undated',
        X.clm.type[m].id.slice(X.CLAIM_PREFIX.length), who, X.clm.anchor[m] ? X.clm.anchor[m].name : 'no place'].join(' · ');
      var li = el('li');
      var b = el('button', null, label);
      b.type = 'button'; b.dataset.claim = String(X.clm.ids[m]); b.dataset.row = String(m);
      li.appendChild(b);
      frag.appendChild(li);
    });
    document.getElementById('mapper-claims-list').replaceChildren(frag);
  }
  out.update = function () { updateCounts(); updateTotals(); updateList(); updateClaims(); };
  out.syncInputs = function () {
    var st = F.state;
    document.querySelectorAll('input[data-facet]').forEach(function (box) {
      box.checked = st[FACET[box.dataset.facet]].has(box.value);
    });
    document.getElementById('mapper-search').value = st.q;
    document.getElementById('mapper-since').value = st.s ? U.pad(st.s, false) : '';
    document.getElementById('mapper-until').value = st.u ? U.pad(st.u, true) : '';
  };
  out.add = function (opts) {
    LIST_MAX = opts.listMax;
    build();
    app.phases.panel = performance.now();
    var timer = null;
    document.getElementById('mapper-search').addEventListener('input', function (e) {
      clearTimeout(timer);
      timer = setTimeout(function () { F.state.q = e.target.value.slice(0, 200); app.start.refresh({ hash: true }); }, 150);
    });
    function dateInput(id, key) {
      document.getElementById(id).addEventListener('change', function (e) {
        F.state[key] = U.validIso(e.target.value) ? e.target.value : '';
        app.start.refresh({ hash: true });
      });
    }
    dateInput('mapper-since', 's');
    dateInput('mapper-until', 'u');
    document.getElementById('mapper-list').addEventListener('click', function (e) {
      // one listener for the whole list: its rows are rebuilt on every filter
      var b = e.target && e.target.closest ? e.target.closest('button[data-row]') : null;
      if (b) { app.popups.zoomToIncident(Number(b.dataset.row)); }
    });
    document.getElementById('mapper-claims-list').addEventListener('click', function (e) {
      var b = e.target && e.target.closest ? e.target.closest('button[data-row]') : null;
      if (!b) { return; }
      var m = Number(b.dataset.row);
      var a = X.clm.anchor[m];
      if (a) { app.map.setView([a.lat, a.lon], Math.max(app.map.getZoom(), 6), { animate: false }); }
      app.popups.openClaim(m);
    });
    document.getElementById('mapper-reset').addEventListener('click', function () {
      F.setState(F.emptyState());
      out.syncInputs();
      app.start.refresh({ hash: true });
      app.start.fitData();
    });
    document.getElementById('mapper-dl-geojson').addEventListener('click', function () {
      app.exports.download('incidents.geojson', 'application/geo+json', JSON.stringify(app.exports.visibleCollection()));
    });
    document.getElementById('mapper-dl-csv').addEventListener('click', function () {
      app.exports.download('incidents.csv', 'text/csv', app.exports.visibleCSV());
    });
  };
  return out;
});
