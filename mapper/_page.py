"""The map page as folium/branca elements: one ``MacroElement`` per layer or control.

The page is a :class:`OfflineMap` (a ``folium.Map`` that loads nothing from a CDN: Leaflet is
inlined from ``xstatic-leaflet`` by :mod:`mapper._assets`) inside a :class:`Page` (a branca
``Figure`` whose template, ``mapper/map/page.html.j2``, adds the Content-Security-Policy and the
layout).  Its children, in the order their scripts run:

- :class:`PageData`: the data as JSON in ``<script type="application/json">`` and the page's
  script, the modules of ``mapper/map/js/`` joined in the order of :data:`APP_MODULES` (each
  registers itself with ``mapperApp.define``); it creates the app on the folium map;
- :class:`BasemapLayer`, :class:`IncidentLayer`, :class:`ClaimLayer`: the outlines and names,
  the incidents canvas, the claim badges and links;
- :class:`ScaleBar`, :class:`FilterPanel` (``panel.html.j2``), :class:`Timeline`
  (``timeline.html.j2``), :class:`Legend`, :class:`LayersControl`;
- :class:`Startup`: the first view, the URL hash and ``window.mapper``.

:func:`assemble` puts them together.  Each element's macros are short; options reach the
script through ``|tojson`` and the map is ``{{ this._parent.get_name() }}``.  Unlike branca's
``MacroElement``, :class:`PageElement` does not compile a macro's output as a new template: the
data carries text from documents, which must reach the page as text, never as Jinja.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import folium
import jinja2
from branca.element import Element, Figure, MacroElement

from mapper.errors import RenderError

if TYPE_CHECKING:
    from mapper._assets import Assets

#: The page's script: ``mapper/map/js/`` modules, joined in this order (each may use the ones
#: before it; ``core.js`` defines the registry, ``start.js`` wires them together).
APP_MODULES = (
    "core.js",
    "util.js",
    "table.js",
    "data.js",
    "filters.js",
    "basemap.js",
    "incidents.js",
    "claims.js",
    "popups.js",
    "panel.js",
    "timeline.js",
    "hash.js",
    "exports.js",
    "legend.js",
    "start.js",
)
#: Element ids are fixed so the same data makes the same page (branca draws random ones).
PAGE_ID = "mapper"
#: The name of the optional online tile layer in the layers control.
ONLINE_TILES_NAME = "OpenStreetMap (online)"
ONLINE_TILES_ATTRIBUTION = "&copy; OpenStreetMap contributors"


@cache
def environment() -> jinja2.Environment:
    """The Jinja environment of the page's templates (``mapper/map/``), autoescaping HTML."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("mapper", "map"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@cache
def _macros(source: str) -> jinja2.Template:
    return environment().from_string(source)


def app_script() -> str:
    """The page's script: the modules of :data:`APP_MODULES`, each headed by its file name."""
    return "\n".join(
        f"/* --- js/{name} --- */\n{package_text('js/' + name)}" for name in APP_MODULES
    )


def package_text(name: str) -> str:
    """A file of ``mapper/map/`` to inline in a ``<script>`` or ``<style>`` element.

    Raises
    ------
    RenderError
        If the file is missing or contains a closing script or style tag.
    """
    try:
        source = environment().loader
        text = source.get_source(environment(), name)[0] if source else ""
    except jinja2.TemplateNotFound:
        msg = f"cannot build the map: the package file mapper/map/{name} is missing"
        raise RenderError(msg) from None
    if "</script" in text.lower() or "</style" in text.lower():
        msg = f"cannot inline mapper/map/{name}: it contains a closing script or style tag"
        raise RenderError(msg)
    return text


class Raw(Element):
    """Text placed on the page as it is: never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """The text itself."""
        return self.text


def _figure(element: Element) -> Figure:
    figure = element.get_root()
    if not isinstance(figure, Figure):
        msg = f"cannot render {element.get_name()}: it is not on a page"
        raise RenderError(msg)
    return figure


def render_once(element: MacroElement, **kwargs: Any) -> str:
    """Render an element's macros once into the page's header, body and script, then its children.

    branca's ``MacroElement.render`` compiles each macro's output as a new template; here the
    output is placed as it is, so text in the data can never act as Jinja.
    """
    figure = _figure(element)
    module = element._template.module
    for part, target in (
        ("header", figure.header),
        ("html", figure.html),
        ("script", figure.script),
    ):
        macro = getattr(module, part, None)
        if macro is not None:
            target.add_child(Raw(str(macro(element, kwargs))), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)
    return ""  # what it renders went to the page's parts


class PageElement(MacroElement):
    """A ``MacroElement`` whose macros come from :data:`MACROS` and render exactly once.

    Subclasses set ``MACROS`` to a template with ``header``, ``html`` and/or ``script`` macros,
    as folium's elements do.
    """

    MACROS = ""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = type(self).__name__
        self._id = PAGE_ID
        self._template = _macros(self.MACROS)

    def render(self, **kwargs: Any) -> str:
        """Add the rendered macros to the page's header, body and script, then the children."""
        return render_once(self, **kwargs)


class Page(Figure):
    """The whole HTML page (``page.html.j2``): CSP, title, header, body and one script.

    Parameters
    ----------
    title
        The page's title (escaped).
    image_sources
        Origins images may come from besides ``data:`` and ``blob:`` (the optional tiles).
    """

    def __init__(self, title: str, image_sources: tuple[str, ...] = ()) -> None:
        super().__init__(title=title)
        self._id = PAGE_ID
        self._template = environment().get_template("page.html.j2")
        self.image_sources = image_sources
        self.header._children.clear()  # branca's charset meta: the template has its own


class OfflineMap(folium.Map):
    """A ``folium.Map`` with Leaflet inlined instead of loaded from a CDN.

    Parameters
    ----------
    leaflet_js, leaflet_css
        Leaflet's script and stylesheet (:func:`mapper._assets.load_assets`).
    min_zoom, max_zoom
        The map's zoom range (folium gives these to its tile layer only; here they bound the map).
    **kwargs
        As ``folium.Map`` takes them; ``tiles`` is always None.
    """

    MACROS = """
{% macro header(this, kwargs) -%}
<style>#{{ this.get_name() }} { grid-area: map; min-width: 0; min-height: 0; }</style>
{%- endmacro %}
{% macro html(this, kwargs) -%}
<div class="folium-map" id="{{ this.get_name() }}" role="region" aria-label="Map"></div>
{%- endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, {{ this.options|tojson }});
{% endmacro %}
"""

    def __init__(
        self, *, leaflet_js: str, leaflet_css: str, min_zoom: int, max_zoom: int, **kwargs: Any
    ) -> None:
        super().__init__(tiles=None, **kwargs)
        self._id = PAGE_ID
        self._template = _macros(self.MACROS)
        self.default_js: list[tuple[str, str]] = []  # no CDN: Leaflet is inlined by render()
        self.default_css: list[tuple[str, str]] = []
        self.leaflet_js = leaflet_js
        self.leaflet_css = leaflet_css
        self.options["minZoom"] = min_zoom
        self.options["maxZoom"] = max_zoom
        self.options = {_camel(k): v for k, v in self.options.items() if k != "zoom"}

    def render(self, **kwargs: Any) -> str:
        """Inline Leaflet in the page's header, then render the map and its children."""
        figure = _figure(self)
        figure.header.add_child(Raw(f"<style>{self.leaflet_css}</style>"), name="leaflet_css")
        figure.header.add_child(Raw(f"<script>{self.leaflet_js}</script>"), name="leaflet_js")
        return render_once(self, **kwargs)


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part.title() for part in rest)


class PageData(PageElement):
    """The data (JSON, escaped for a script element), the page's CSS and its script.

    Its script creates the app on the map (``map.mapper``), which the other elements use.

    Parameters
    ----------
    data_json
        The output of :func:`mapper.render.script_json`.
    """

    MACROS = """
{% macro header(this, kwargs) %}<style>{{ this.css|safe }}</style>
<script>{{ this.js|safe }}</script>{% endmacro %}
{% macro html(this, kwargs) -%}
<script type="application/json" id="{{ this.element_id }}">{{ this.data_json|safe }}</script>
{%- endmacro %}
{% macro script(this, kwargs) %}
mapperApp.create({{ this._parent.get_name() }}, {{ this.element_id|tojson }});
{% endmacro %}
"""

    def __init__(self, data_json: str) -> None:
        super().__init__()
        self.data_json = data_json
        self.element_id = "mapper-data"
        self.css = package_text("app.css")
        self.js = app_script()


class _AppCall(PageElement):
    """An element whose script calls one method of the app with its options."""

    METHOD = ""
    MACROS = """
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.mapper.{{ this.METHOD }}({{ this.options|tojson }});
{% endmacro %}
"""

    def __init__(self, **options: Any) -> None:
        super().__init__()
        self.options = options


class BasemapLayer(_AppCall):
    """Country, province and district outlines on a canvas below the data, their names placed
    by priority without overlaps, and the outline of the regions ticked in the panel.

    Districts show from ``zooms["admin2"]``; province and district names from their own zooms.
    """

    METHOD = "addBasemap"

    def __init__(self, name: str = "Outlines") -> None:
        super().__init__(
            name=name,
            styles={
                "country": {
                    "color": "#9b9486",
                    "weight": 1,
                    "fillColor": "#f3efe4",
                    "fillOpacity": 1,
                },
                "admin1": {"color": "#b9ae98", "weight": 0.8, "fill": False},
                "admin2": {"color": "#d3cbbb", "weight": 0.5, "fill": False, "dashArray": "2 2"},
            },
            highlight={
                "color": "#c2410c",
                "weight": 2.5,
                "fillColor": "#c2410c",
                "fillOpacity": 0.06,
            },
            zooms={"admin2": 8, "admin1Labels": 5, "admin2Labels": 8},
        )


class IncidentLayer(_AppCall):
    """Every incident on one canvas: a mark each, or counted cells when too many are in view."""

    METHOD = "addIncidents"

    def __init__(
        self, name: str = "Incidents", aggregate_above: int = 2500, cell: int = 60
    ) -> None:
        super().__init__(name=name, aggregateAbove=aggregate_above, cell=cell)


class ClaimLayer(_AppCall):
    """Claims as lettered badges beside their incidents (or at the most specific place a claim
    tied to no incident names), with links to the places they name while selected or hovered."""

    METHOD = "addClaims"

    def __init__(self, name: str = "Claims", max_badges: int = 300) -> None:
        super().__init__(name=name, max=max_badges)


class FilterPanel(PageElement):
    """The filter panel beside the map (``panel.html.j2``): search, dates, facets, list."""

    MACROS = """
{% macro html(this, kwargs) %}{% include "panel.html.j2" %}{% endmacro %}
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.mapper.addPanel({{ this.options|tojson }});
{% endmacro %}
"""

    def __init__(self, title: str, list_max: int = 300) -> None:
        super().__init__()
        self.title = title
        self.options = {"listMax": list_max}


class Timeline(PageElement):
    """The strip under the map (``timeline.html.j2``): incidents per week or month stacked by
    group colour, a brush that sets the date filter, and the undated incidents' count and toggle.
    """

    MACROS = """
{% macro html(this, kwargs) %}{% include "timeline.html.j2" %}{% endmacro %}
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.mapper.addTimeline({{ this.options|tojson }});
{% endmacro %}
"""

    def __init__(self) -> None:
        super().__init__()
        self.options: dict[str, Any] = {}


class Legend(_AppCall):
    """The legend: the groups present with their colours, event types by shape, size, place
    precision, aggregates and claim badges; collapsed on windows narrower than ``open_above``."""

    METHOD = "addLegend"

    def __init__(self, position: str = "bottomleft", open_above: int = 900) -> None:
        super().__init__(position=position, openAbove=open_above)


class LayersControl(PageElement):
    """Leaflet's layers control over the app's overlays, in the order named.

    Parameters
    ----------
    overlays
        Names of the app's layers (``"Incidents"``, ...).
    extra
        Folium layers to offer too, by name (added to the map before this control).
    """

    MACROS = """
{% macro script(this, kwargs) %}
{%- for name, layer in this.extra %}
{{ this._parent.get_name() }}.mapper.addOverlay({{ name|tojson }}, {{ layer.get_name() }});
{%- endfor %}
{{ this._parent.get_name() }}.mapper.addLayersControl({{ this.options|tojson }});
{% endmacro %}
"""

    def __init__(self, overlays: list[str], extra: tuple[tuple[str, Element], ...] = ()) -> None:
        super().__init__()
        self.extra = extra
        self.options = {"overlays": overlays + [name for name, _ in extra], "collapsed": True}


class ScaleBar(PageElement):
    """Leaflet's metric scale bar."""

    MACROS = """
{% macro script(this, kwargs) %}
L.control.scale({{ this.options|tojson }}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""

    def __init__(self) -> None:
        super().__init__()
        self.options = {"imperial": False}


class Startup(_AppCall):
    """The last element: the first view, the counts, the URL hash and ``window.mapper``."""

    METHOD = "start"


def assemble(
    *,
    title: str,
    data_json: str,
    assets: Assets,
    max_zoom: int,
    online_tiles: str | None = None,
) -> Page:
    """The whole page: a :class:`Page` holding an :class:`OfflineMap` and its elements.

    Parameters
    ----------
    title
        The page's title and heading.
    data_json
        The page's data (:func:`mapper.render.script_json` of :func:`mapper.render.page_data`).
    assets
        Leaflet, to inline.
    max_zoom
        The map's deepest zoom.
    online_tiles
        A tile URL template for an optional layer, off until ticked (and allowed by the page's
        Content-Security-Policy); None for none.
    """
    origin = ""
    if online_tiles:
        parts = urlsplit(online_tiles)
        origin = f"{parts.scheme}://{parts.netloc}"
    page = Page(title, image_sources=(origin,) if origin else ())
    fmap = OfflineMap(
        leaflet_js=assets.leaflet_js,
        leaflet_css=assets.leaflet_css,
        min_zoom=2,
        max_zoom=max_zoom,
        prefer_canvas=True,
        zoom_control=True,
        world_copy_jump=False,
    )
    page.add_child(fmap)
    basemap, incidents, claims = BasemapLayer(), IncidentLayer(), ClaimLayer()
    for element in (PageData(data_json), basemap, incidents, claims):
        fmap.add_child(element)
    fmap.add_child(ScaleBar())  # before the legend: Leaflet stacks later controls above
    fmap.add_child(FilterPanel(title))
    fmap.add_child(Timeline())
    fmap.add_child(Legend())
    extra: tuple[tuple[str, Element], ...] = ()
    if online_tiles:
        tiles = folium.TileLayer(
            online_tiles,
            attr=ONLINE_TILES_ATTRIBUTION,
            name=ONLINE_TILES_NAME,
            max_zoom=max_zoom,
            overlay=True,
            control=False,  # the layers control below lists it with the app's layers
            show=False,
        )
        tiles._id = PAGE_ID
        fmap.add_child(tiles)
        extra = ((ONLINE_TILES_NAME, tiles),)
    names = [layer.options["name"] for layer in (incidents, claims, basemap)]
    fmap.add_child(LayersControl(names, extra=extra))
    fmap.add_child(Startup())
    return page
