/* mapper's map page: the module registry.
 *
 * The page's script is the files of mapper/map/js/ joined in the order mapper/_page.py lists
 * them (core.js first, start.js last), inlined once.  Each file registers one module with
 * mapperApp.define(name, factory); mapperApp.create(map, dataId) runs the factories in order,
 * each with the app built so far (app.<name> for every earlier module, app.map, app.D the data),
 * and keeps what each returns as app.<name>.  Modules talk through those objects only: no
 * variable is shared between files.
 *
 * Text from documents only ever reaches the page through textContent (util.el), and values from
 * the data are never used as keys of plain objects (Map and Set are): a country named
 * "__proto__" is just a name. */
(function () {
  'use strict';
  var modules = [];

  function define(name, factory) { modules.push({ name: name, factory: factory }); }

  function create(map, dataId) {
    var t0 = performance.now();
    var node = document.getElementById(dataId);
    var app = { map: map, D: JSON.parse(node.textContent), phases: { start: t0 } };
    app.phases.parsed = performance.now();
    app.timings = {};  // ms each module took to set itself up (window.mapper.stats().timings)
    modules.forEach(function (m) {
      var t = performance.now();
      app[m.name] = m.factory(app);
      app.timings[m.name] = performance.now() - t;
    });
    app.phases.indexed = performance.now();
    function timed(name, f) { var t = performance.now(); f(); app.timings[name] = performance.now() - t; }
    var facade = {
      addBasemap: function (o) { timed('add:basemap', function () { app.basemap.add(o); }); },
      addIncidents: function (o) { timed('add:incidents', function () { app.incidents.add(o); }); },
      addClaims: function (o) { timed('add:claims', function () { app.claims.add(o); }); },
      addPanel: function (o) { timed('add:panel', function () { app.panel.add(o); }); },
      addTimeline: function (o) { timed('add:timeline', function () { app.timeline.add(o); }); },
      addLegend: function (o) { timed('add:legend', function () { app.legend.add(o); }); },
      addOverlay: function (name, layer) { app.start.addOverlay(name, layer); },
      addLayersControl: function (o) { app.start.addLayersControl(o); },
      start: function () { timed('start', function () { app.start.run(); }); },
      app: app
    };
    map.mapper = facade;
    return facade;
  }

  window.mapperApp = { define: define, create: create };
}());
