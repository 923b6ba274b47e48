/* Downloads of exactly what is visible: GeoJSON (the contract's schema) and CSV. */
mapperApp.define('exports', function (app) {
  'use strict';
  var X = app.data;
  var F = app.filters;
  var INC = app.table.incidents;
  var CLM = app.table.claims;
  var inc = X.inc;
  var D = app.D;

  function visibleCollection() {
    var features = [];
    for (var j = 0; j < X.N; j++) {
      if (!F.visible[j]) { continue; }
      features.push({ type: 'Feature', geometry: inc.hasPoint[j] ? { type: 'Point', coordinates: [inc.lon[j], inc.lat[j]] } : null, properties: INC.props(j) });
    }
    var geoms = CLM.geometries();
    for (var m = 0; m < X.M; m++) {
      if (F.clmVisible[m]) { features.push({ type: 'Feature', geometry: geoms[m], properties: CLM.props(m) }); }
    }
    return { type: 'FeatureCollection', features: features, actors: D.actors, documents: D.documents };
  }
  var COLUMNS = ['id', 'event_type', 'sub_event_type', 'date_start', 'date_end', 'time_precision', 'place_name',
    'country', 'admin1', 'admin2', 'lat', 'lon', 'geo_precision', 'perpetrator_name', 'attribution', 'targets',
    'fatalities', 'wounded', 'claims', 'summary', 'sources'];
  function cell(v) {
    var s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }  // no formulas when opened in a spreadsheet
    return '"' + s.replace(/"/g, '""') + '"';
  }
  function join(v) { return Array.isArray(v) ? v.join('; ') : v; }
  function visibleCSV() {
    var lines = [COLUMNS.join(',')];
    for (var j = 0; j < X.N; j++) {
      if (!F.visible[j]) { continue; }
      var p = INC.props(j);
      var row = {
        lat: inc.hasPoint[j] ? inc.lat[j] : null, lon: inc.hasPoint[j] ? inc.lon[j] : null,
        targets: join(p.targets), claims: join(p.claims),
        sources: INC.sources(j).map(function (s) { return (s.title || s.document) + ': ' + s.sentence; }).join(' | ')
      };
      lines.push(COLUMNS.map(function (k) {
        return cell(Object.prototype.hasOwnProperty.call(row, k) ? row[k] : p[k]);
      }).join(','));
    }
    return lines.join('\r\n') + '\r\n';
  }
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement('a');
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  return { visibleCollection: visibleCollection, visibleCSV: visibleCSV, download: download };
});
