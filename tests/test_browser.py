"""The map page in headless Chromium: loading offline, marks, filters, hash, popups, escaping.

These tests drive Debian's Chromium (``/usr/bin/chromium``) with Playwright.  Without Chromium they
skip, except with ``CI=true``, where they must run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from shapely.geometry import box

from mapper._chromium import ARGS, CHROMIUM
from mapper.render import Basemap, prepare_basemap, render_map, resolve_filters, select

pytestmark = pytest.mark.browser

IN_CI = os.environ.get("CI", "").lower() == "true"
SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if IN_CI:
            raise
        pytest.skip("playwright is not installed")
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing; CI must install Chromium")
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(ARGS))
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """A loaded page and what it did."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def stats(self) -> dict[str, Any]:
        result: dict[str, Any] = self.page.evaluate("window.mapper.stats()")
        return result

    def visible(self) -> int:
        return int(self.page.get_attribute("#mapper-summary", "data-incidents"))

    def tick(self, facet: str, value: str) -> None:
        self.page.check(f'input[data-facet="{facet}"][value="{value}"]')


def _small_basemap() -> Basemap:
    countries = gpd.GeoDataFrame(
        {"country": ["Afghanistan", "Pakistan"]},
        geometry=[
            box(60.5, 29.4, 74.9, 38.5),
            box(61, 23.7, 77.8, 29.4).union(box(69, 29.4, 74, 36)),
        ],
        crs="EPSG:4326",
    )
    admin1 = gpd.GeoDataFrame(
        {"admin1": ["Nangarhar", "Kabul"]},
        geometry=[box(69.8, 33.9, 71.2, 34.6), box(68.6, 34.2, 69.9, 35.0)],
        crs="EPSG:4326",
    )
    return prepare_basemap(countries, admin1, None, bounds=(67.0, 30.0, 73.0, 35.0))


@pytest.fixture
def open_map(browser: Any, tmp_path: Path) -> Callable[..., Opened]:
    def _open(html: str, fragment: str = "") -> Opened:
        path = tmp_path / "map.html"
        path.write_text(html, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        opened = Opened(page)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("request", lambda r: opened.requests.append(r.url))

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.as_uri() + fragment)
        page.wait_for_function(
            "document.documentElement.dataset.mapperReady === '1'", timeout=15000
        )
        return opened

    return _open


@pytest.fixture
def fixture_html(map_collection: dict[str, Any]) -> str:
    return render_map(map_collection, title="Fixture map", basemap=_small_basemap())


def test_loads_offline_with_no_console_error(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    assert opened.errors == []
    assert opened.requests and all(u.startswith(("file:", "data:")) for u in opened.requests)
    assert opened.page.title() == "Fixture map"
    # the map is folium's: its div became Leaflet's container, and the app sits on it
    assert opened.page.evaluate("document.querySelector('.folium-map').className").startswith(
        "folium-map leaflet-container"
    )
    assert opened.page.evaluate("typeof window.map_mapper.mapper.start") == "function"


def test_layers_control_hides_and_shows_incidents_and_outlines(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    marks = opened.stats()["marks"]
    assert marks > 0
    opened.page.hover(".leaflet-control-layers")
    incidents = opened.page.locator(".leaflet-control-layers-overlays label", has_text="Incidents")
    incidents.locator("input").uncheck()
    assert opened.stats()["marks"] == 0
    incidents.locator("input").check()
    opened.page.wait_for_function(f"() => window.mapper.stats().marks === {marks}")
    labels = "document.querySelectorAll('.mapper-label').length"
    assert opened.page.evaluate(labels) > 0
    outlines = opened.page.locator(".leaflet-control-layers-overlays label", has_text="Outlines")
    outlines.locator("input").uncheck()  # the names go with the outlines
    assert opened.page.evaluate(labels) == 0
    outlines.locator("input").check()
    assert opened.page.evaluate(labels) > 0
    assert opened.errors == []


def test_one_mark_per_incident_with_a_place(
    open_map: Callable[..., Opened], fixture_html: str, map_collection: dict[str, Any]
) -> None:
    opened = open_map(fixture_html)
    placed = [
        f
        for f in map_collection["features"]
        if f["properties"]["kind"] == "incident" and f["geometry"]
    ]
    stats = opened.stats()
    assert stats["marks"] == len(placed) == 6
    assert stats["aggregates"] == 0
    assert opened.page.get_attribute("canvas.mapper-incidents", "data-marks") == "6"
    assert opened.page.locator("#mapper-list li").count() == 7  # the list includes the unplaced one
    assert opened.page.locator(".mapper-claim").count() == 4


def test_group_then_region_counts(
    open_map: Callable[..., Opened], fixture_html: str, map_collection: dict[str, Any]
) -> None:
    opened = open_map(fixture_html)
    assert opened.visible() == 7
    opened.tick("group", "iskp")
    assert opened.visible() == 5
    nangarhar = opened.page.locator('input[value="Afghanistan/Nangarhar"] + .mapper-count')
    assert nangarhar.text_content() == "1"  # ISKP's incidents in Nangarhar, before choosing it
    opened.tick("region", "Afghanistan/Nangarhar")
    assert opened.visible() == 1
    assert opened.stats()["marks"] == 1
    assert opened.page.locator("#mapper-list li").all_text_contents() == [
        "2021-09-01 · Battles · Nangarhar · ISKP"
    ]
    expected = select(
        map_collection, resolve_filters(map_collection, groups=["ISKP"], regions=["Nangarhar"])
    )
    assert [f["properties"]["id"] for f in expected["features"]] == ["inc-3"]
    opened.page.click("#mapper-reset")
    assert opened.visible() == 7


@pytest.mark.parametrize(
    ("fragment", "cli"),
    [
        ("g=is", {"groups": ["Islamic State"]}),
        ("g=taliban", {"groups": ["Taliban"]}),
        ("r=Pakistan", {"regions": ["Pakistan"]}),
        ("r=Pakistan%2FKhyber+Pakhtunkhwa%2FOrakzai", {"regions": ["Orakzai"]}),
        ("t=Battles&t=claim%3Aallegation", {"types": ["battles", "allegation"]}),
        ("s=2021-09-01&u=2021-12-31", {"since": "2021-09-01", "until": "2021-12-31"}),
        ("g=iskp&r=Afghanistan%2FKabul", {"groups": ["ISKP"], "regions": ["Kabul"]}),
    ],
)
def test_page_filters_select_what_the_cli_selects(
    open_map: Callable[..., Opened],
    fixture_html: str,
    map_collection: dict[str, Any],
    fragment: str,
    cli: dict[str, Any],
) -> None:
    chosen = select(map_collection, resolve_filters(map_collection, **cli))
    opened = open_map(fixture_html, "#" + fragment)
    shown = opened.page.evaluate("window.mapper.visibleCollection()")
    assert [f["properties"]["id"] for f in shown["features"]] == [
        f["properties"]["id"] for f in chosen["features"]
    ]


def test_url_hash_round_trips(open_map: Callable[..., Opened], fixture_html: str) -> None:
    first = open_map(fixture_html)
    first.tick("group", "is")
    first.tick("type", "Explosions/Remote violence")
    first.page.fill("#mapper-search", "kabul")
    first.page.wait_for_function("() => window.mapper.state().q === 'kabul'")
    fragment = first.page.evaluate("location.hash")
    assert "g=is" in fragment and "q=kabul" in fragment
    state, visible = first.page.evaluate("window.mapper.state()"), first.visible()
    assert visible == 2
    second = open_map(fixture_html, fragment)
    assert second.page.evaluate("window.mapper.state()") == state
    assert second.visible() == visible
    assert second.page.is_checked('input[data-facet="group"][value="is"]')
    assert second.page.input_value("#mapper-search") == "kabul"


def test_clicking_a_mark_shows_its_quoted_sentence(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    where = opened.page.evaluate("window.mapper.markAt('inc-4')")
    opened.page.mouse.click(where["x"], where["y"])
    popup = opened.page.locator(".mapper-popup-incident")
    assert popup.get_attribute("data-id") == "inc-4"
    assert popup.locator("blockquote").text_content() == (
        "Taliban fighters raided a house in Jalalabad, killing two men."
    )
    assert (
        "Taliban vow to hunt ISKP in its safe havens, 2021-11-02"
        in popup.locator("cite").text_content()
    )
    assert "Jalalabad, Nangarhar › Afghanistan" in popup.text_content()


def test_incident_popup_jumps_to_its_claim_and_back(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    opened.page.click('#mapper-list button[data-incident="inc-1"]')
    opened.page.click('.mapper-popup-incident button[data-claim="clm-1"]')
    claim = opened.page.locator(".mapper-popup-claim")
    assert claim.get_attribute("data-id") == "clm-1"
    assert "Voice of Khurasan" in claim.text_content()
    claim.locator('button[data-incident="inc-1"]').click()
    opened.page.wait_for_selector('.mapper-popup-incident[data-id="inc-1"]')


def test_hostile_text_is_shown_as_text_and_runs_nothing(
    open_map: Callable[..., Opened], fixture_html: str, hostile: str
) -> None:
    opened = open_map(fixture_html)
    opened.page.evaluate("window.mapper.openIncident('inc-6')")
    popup = opened.page.wait_for_selector('.mapper-popup-incident[data-id="inc-6"]')
    text = popup.text_content()
    assert "Peshawar " + hostile in text and "worshippers " + hostile in text
    opened.page.evaluate("window.mapper.openClaim('clm-4')")
    claim = opened.page.wait_for_selector('.mapper-popup-claim[data-id="clm-4"]')
    assert "Taliban " + hostile in claim.text_content()
    opened.page.fill("#mapper-search", "onerror")
    opened.page.wait_for_function("() => window.mapper.state().q === 'onerror'")
    assert opened.visible() == 1
    assert opened.page.locator('img[src="x"]').count() == 0
    assert opened.page.locator("script").count() == 4  # Leaflet, app.js, data, folium's script
    labels = opened.page.locator("#mapper-panel label").all_text_contents()
    assert any(label.startswith("Peshawar " + hostile) for label in labels)  # a district
    assert any(label.startswith("Evil " + hostile) for label in labels)  # an actor
    assert opened.dialogs == [] and opened.errors == []


def test_download_what_is_visible(open_map: Callable[..., Opened], fixture_html: str) -> None:
    opened = open_map(fixture_html)
    opened.tick("region", "Pakistan")
    with opened.page.expect_download() as info:
        opened.page.click("#mapper-dl-geojson")
    collection = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    ids = [f["properties"]["id"] for f in collection["features"]]
    assert ids == ["inc-6", "clm-3", "clm-4"]
    with opened.page.expect_download() as info:
        opened.page.click("#mapper-dl-csv")
    rows = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(rows) == 2 and rows[1].startswith('"inc-6","Explosions/Remote violence"')


@pytest.mark.slow
def test_seeds_map_with_a_hostile_document(
    open_map: Callable[..., Opened], tmp_path: Path, hostile: str
) -> None:
    from mapper.render import build_page

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (corpus / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "hostile.txt").write_text(
        f"---\ntitle: {hostile}\ndate: 2022-03-05\n---\n"
        f"ISKP claimed a suicide bombing in Jalalabad {hostile} that killed 12 people.\n",
        encoding="utf-8",
    )
    built = build_page([str(corpus)], title="Seeds " + hostile)
    opened = open_map(built.html)
    assert opened.errors == [] and opened.dialogs == []
    assert opened.page.title() == "Seeds " + hostile
    assert opened.page.locator('img[src="x"]').count() == 0
    assert all(u.startswith(("file:", "data:")) for u in opened.requests)
    placed = [
        f
        for f in built.collection["features"]
        if f["properties"]["kind"] == "incident" and f["geometry"]
    ]
    assert opened.visible() == built.incidents
    opened.page.evaluate("window.mapper.fitAll()")  # the first view frames the bulk only
    opened.page.wait_for_function(f"() => window.mapper.stats().marks === {len(placed)}")


def test_dense_incidents_are_aggregated(
    open_map: Callable[..., Opened], map_collection: dict[str, Any]
) -> None:
    template = map_collection["features"][2]  # ISKP in Nangarhar
    features = []
    for i in range(3000):
        feature = json.loads(json.dumps(template))
        feature["properties"]["id"] = f"dense-{i}"
        lon, lat = 70.0 + (i % 60) * 0.02, 34.0 + (i // 60) * 0.02
        feature["geometry"]["coordinates"] = [lon, lat]
        features.append(feature)
    opened = open_map(render_map({**map_collection, "features": features}, title="dense"))
    stats = opened.stats()
    assert stats["aggregates"] > 0
    assert stats["marks"] + stats["aggregated"] == 3000
    zoom = opened.page.evaluate("window.mapper.view().zoom")
    cell = opened.page.evaluate("window.mapper.aggregateAt()")
    assert cell["n"] > 1
    opened.page.mouse.click(cell["x"], cell["y"])  # a click on an aggregate zooms in
    opened.page.wait_for_function(f"() => window.mapper.view().zoom > {zoom}")


def test_osm_tiles_are_an_optional_layer_off_by_default(
    open_map: Callable[..., Opened], map_collection: dict[str, Any]
) -> None:
    opened = open_map(render_map(map_collection, tiles="osm"))
    assert all(u.startswith(("file:", "data:")) for u in opened.requests)
    labels = opened.page.locator(".leaflet-control-layers-overlays label").all_text_contents()
    assert [t.strip() for t in labels] == [
        "Incidents",
        "Claims",
        "Outlines",
        "OpenStreetMap (online)",
    ]
