/* Popups: an incident (what, when at its precision, where, who, toll, its claims, every quoted
 * source), a claim (who, about whom, channel, hedges, places, incidents, sources), and the list
 * of claims that share one badge.  Links between them replace the popup's content; their clicks
 * stop at the popup, so the map below never takes them for a click on a mark. */
mapperApp.define('popups', function (app) {
  'use strict';
  var U = app.util;
  var X = app.data;
  var map = app.map;
  var INC = app.table.incidents;
  var CLM = app.table.claims;
  var inc = X.inc;
  var clm = X.clm;
  var el = U.el;
  var popup = L.popup({ maxWidth: 380, minWidth: 260, autoPanPadding: [30, 30] });
  var out = { popup: popup };

  function row(dl, label, value) {
    if (value === null || value === undefined || value === '') { return; }
    dl.appendChild(el('dt', null, label));
    var dd = el('dd');
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }
  function rangeText(v, lo, hi, text) {
    var num = function (x) { return typeof x === 'number' && isFinite(x) ? x : null; };
    v = num(v); lo = num(lo); hi = num(hi);
    if (v === null && lo === null && hi === null && !U.str(text)) { return null; }
    var s = v !== null ? String(v) : '';
    if (lo !== null && hi !== null && lo !== hi) { s += (s ? ' ' : '') + '(' + lo + '–' + hi + ')'; }
    else if (lo !== null && hi === null && v === null) { s += 'at least ' + lo; }
    if (U.str(text)) { s += (s ? ' — ' : '') + '“' + text + '”'; }
    return s;
  }
  function sourcesNode(sources) {
    var box = el('div', 'mapper-sources');
    sources.forEach(function (s) {
      box.appendChild(el('blockquote', 'mapper-sentence', s.sentence || ''));
      var day = U.validIso(s.date) ? U.dayText(s.date) : null;
      box.appendChild(el('cite', null, [U.str(s.title) || s.document, day].filter(function (x) { return x; }).join(', ')));
    });
    return box;
  }
  function button(label, data, value, onClick) {
    var b = el('button', 'mapper-link', label);
    b.type = 'button';
    b.dataset[data] = value;
    b.addEventListener('click', function (e) { L.DomEvent.stop(e); onClick(); });
    return b;
  }
  function claimLabel(m) {
    var who = U.str(CLM.get(m, 'claimant_name')) || (CLM.get(m, 'claimant') ? X.actorName(CLM.get(m, 'claimant')) : 'Unknown');
    return who + ': ' + clm.type[m].id.slice(X.CLAIM_PREFIX.length);
  }
  var PRECISION = { 1: 'exact place', 2: 'near or part of the place', 3: 'somewhere in the region' };
  function list(items) { return Array.isArray(items) ? items.filter(function (x) { return typeof x === 'string'; }) : []; }

  function incidentNode(j) {
    var p = INC.props(j);
    var box = el('div', 'mapper-popup mapper-popup-incident');
    box.dataset.id = String(p.id);
    box.appendChild(el('h3', null, [U.str(p.event_type), U.str(p.sub_event_type)].filter(function (x) { return x; }).join(' — ') || 'Incident'));
    if (U.str(p.summary)) { box.appendChild(el('p', null, p.summary)); }
    var dl = el('dl');
    var when = U.dateText(p.date_start, p.date_end, p.time_precision);
    row(dl, 'Date', when ? when + (p.date_inferred === true ? ' (inferred)' : '') : 'unknown');
    var admin = [p.admin2, p.admin1, p.country].filter(function (x, k, arr) { return U.str(x) && arr.indexOf(x) === k && x !== p.place_name; });
    row(dl, 'Place', U.str(p.place_name) ? p.place_name + (admin.length ? ', ' + admin.join(' › ') : '') : (admin.join(' › ') || 'unknown'));
    if (U.str(p.place_name) || admin.length) {
      row(dl, 'Precision', (PRECISION[inc.precision[j]] || 'unknown') + (inc.inferred[j] ? '; place inferred from the context' : ''));
    }
    if (U.str(p.location_text) && p.place_inferred !== true) { row(dl, 'As written', '“' + p.location_text + '”'); }
    row(dl, 'Perpetrator', U.str(p.perpetrator_name) ? p.perpetrator_name + (U.str(p.attribution) ? ' (' + p.attribution + ')' : '') : 'unknown');
    row(dl, 'Targets', list(p.targets).join('; '));
    row(dl, 'Killed', rangeText(p.fatalities, p.fatalities_low, p.fatalities_high, p.fatalities_text));
    row(dl, 'Wounded', rangeText(p.wounded, p.wounded_low, p.wounded_high, p.wounded_text));
    if (inc.claims[j].length) {
      var links = el('div');
      inc.claims[j].forEach(function (m) {
        var b = button(claimLabel(m), 'claim', String(clm.ids[m]), function () { out.openClaim(m); });
        if (!app.filters.clmVisible[m]) { b.classList.add('mapper-hidden-claim'); b.title = 'hidden by the filters'; }
        links.appendChild(b);
      });
      row(dl, 'Claims', links);
    }
    box.appendChild(dl);
    box.appendChild(sourcesNode(INC.sources(j)));
    return box;
  }
  function claimNode(m) {
    var p = CLM.props(m);
    var box = el('div', 'mapper-popup mapper-popup-claim');
    box.dataset.id = String(p.id);
    box.appendChild(el('h3', null, 'Claim: ' + clm.type[m].id.slice(X.CLAIM_PREFIX.length)));
    if (U.str(p.summary)) { box.appendChild(el('p', null, p.summary)); }
    var dl = el('dl');
    row(dl, 'By', U.str(p.claimant_name) || (U.str(p.claimant) ? X.actorName(p.claimant) : 'unknown'));
    row(dl, 'About', U.str(p.about_name) || (U.str(p.about) ? X.actorName(p.about) : null));
    row(dl, 'Also about', list(p.also_about).map(X.actorName).join('; '));
    row(dl, 'Date', U.dateText(p.date, p.date_end || p.date, p.time_precision));
    row(dl, 'Channel', U.str(p.channel));
    row(dl, 'Hedges', list(p.hedges).join('; '));
    if (clm.places[m].length) {
      row(dl, 'Places', clm.places[m].map(function (pl) {
        return [pl.name, pl.admin1, pl.country].filter(function (x, k, arr) { return x && arr.indexOf(x) === k; }).join(', ');
      }).join('; '));
    }
    if (clm.incidents[m].length) {
      var links = el('div');
      clm.incidents[m].forEach(function (j) {
        var label = [U.str(INC.get(j, 'event_type')), U.str(INC.get(j, 'place_name')),
          U.dateText(INC.get(j, 'date_start'), INC.get(j, 'date_end'), INC.get(j, 'time_precision'))]
          .filter(function (x) { return x; }).join(', ');
        links.appendChild(button(label || String(inc.ids[j]), 'incident', String(inc.ids[j]), function () { out.zoomToIncident(j); }));
      });
      row(dl, 'Incidents', links);
    }
    box.appendChild(dl);
    box.appendChild(sourcesNode(CLM.sources(m)));
    return box;
  }
  function badgeNode(badge) {
    var box = el('div', 'mapper-popup mapper-popup-claims');
    box.appendChild(el('h3', null, badge.claims.length + ' claims' + (badge.incident !== null ? ' on this incident' : ' here')));
    badge.claims.forEach(function (m) {
      box.appendChild(button(claimLabel(m), 'claim', String(clm.ids[m]), function () { out.openClaim(m); }));
    });
    return box;
  }
  function show(latlng, node) {
    L.DomEvent.disableClickPropagation(node);
    // the popup pans clear of the note on what lies outside the view, at the top of the map
    popup.options.autoPanPaddingTopLeft = L.point(30, app.start.topClearance());
    popup.setLatLng(latlng).setContent(node);
    if (!map.hasLayer(popup)) { popup.openOn(map); } else { popup.update(); }
  }
  map.on('popupclose', function (e) { if (e.popup === popup) { app.claims.select(null); } });

  out.openIncident = function (j, latlng) {
    app.claims.select(null);
    show(latlng || app.incidents.markPosition(j), incidentNode(j));
  };
  function badgeOf(m) {
    var badges = app.incidents.badges || [];
    for (var k = 0; k < badges.length; k++) { if (badges[k].claims.indexOf(m) >= 0) { return badges[k]; } }
    return null;
  }
  out.openClaim = function (m) {
    var b = badgeOf(m);
    var at;
    if (b) { at = map.layerPointToLatLng(L.point(b.x + b.w / 2, b.y)); }
    else if (clm.incidents[m].length) { at = app.incidents.markPosition(clm.incidents[m][0]); }
    else if (clm.anchor[m]) { at = L.latLng(clm.anchor[m].lat, clm.anchor[m].lon); }
    else { at = map.getCenter(); }
    show(at, claimNode(m));
    app.claims.select(m);
  };
  out.openBadge = function (badge) {
    if (badge.claims.length === 1) { out.openClaim(badge.claims[0]); return; }
    app.claims.select(null);
    show(map.layerPointToLatLng(L.point(badge.x + badge.w / 2, badge.y)), badgeNode(badge));
  };
  out.zoomToIncident = function (j) {
    if (!inc.hasPoint[j]) { out.openIncident(j, map.getCenter()); return; }
    var target = L.latLng(inc.lat[j], inc.lon[j]);
    var z = Math.max(map.getZoom(), 9);
    if (map.getCenter().distanceTo(target) < 1 && map.getZoom() === z) { out.openIncident(j); return; }
    map.once('moveend', function () { out.openIncident(j); });
    map.setView(target, z);
  };
  return out;
});
