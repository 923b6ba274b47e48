"""The map page in headless Chromium: loading offline, marks, claims, filters, timeline, basemap.

These tests drive Debian's Chromium (``/usr/bin/chromium``) with Playwright.  Without Chromium they
skip, except with ``CI=true``, where they must run.  Each fault of issue 11 has a test here that
reproduces it; the filter rules run from the table the Python tests use too
(``tests/data/filter_cases.json``).
"""

from __future__ import annotations

import copy
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
from mapper.render import Basemap, prepare_basemap, render_map

pytestmark = pytest.mark.browser

IN_CI = os.environ.get("CI", "").lower() == "true"
SEEDS = Path(__file__).parent.parent / "seeds"
CASES = json.loads(
    (Path(__file__).parent / "data" / "filter_cases.json").read_text(encoding="utf-8")
)["cases"]


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

    def call(self, name: str, *args: Any) -> Any:
        return self.page.evaluate(f"(a) => window.mapper.{name}(...a)", list(args))

    def visible(self) -> int:
        return int(self.page.get_attribute("#mapper-summary", "data-incidents"))

    def shown(self) -> tuple[list[str], list[str]]:
        features = self.call("visibleCollection")["features"]
        ids = [(f["properties"]["kind"], f["properties"]["id"]) for f in features]
        return [i for k, i in ids if k == "incident"], [i for k, i in ids if k == "claim"]

    def settle(self) -> None:
        """Wait until the map stops moving (a popup pans the map to fit itself) and a closed
        popup has faded out (it takes clicks until then)."""
        self.page.wait_for_function(
            "() => !(window.map_mapper._panAnim && window.map_mapper._panAnim._inProgress)"
            " && !window.map_mapper._animatingZoom"
            " && (!document.querySelector('.leaflet-popup')"
            " || window.map_mapper.hasLayer(window.map_mapper._popup))"
        )
        self.page.wait_for_timeout(50)

    def tick(self, facet: str, value: str) -> None:
        self.page.check(f'input[data-facet="{facet}"][value="{value}"]')

    def popup(self) -> tuple[str, str] | None:
        """The open popup's kind and id, or None."""
        found = self.page.evaluate(
            "() => { const p = document.querySelector('.leaflet-popup .mapper-popup');"
            " return p ? [p.className, p.dataset.id || ''] : null; }"
        )
        if found is None:
            return None
        kind = "incident" if "mapper-popup-incident" in found[0] else "claim"
        return kind, found[1]


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
        {"admin1": ["Nangarhar", "Kabul"], "country": ["Afghanistan", "Afghanistan"]},
        geometry=[box(69.8, 33.9, 71.2, 34.6), box(68.6, 34.2, 69.9, 35.0)],
        crs="EPSG:4326",
    )
    return prepare_basemap(countries, admin1, None, bounds=(67.0, 30.0, 73.0, 35.0))


@pytest.fixture
def open_map(browser: Any, tmp_path: Path) -> Callable[..., Opened]:
    count = iter(range(1000))

    def _open(
        html: str, fragment: str = "", size: tuple[int, int] = (1280, 800), ready: bool = True
    ) -> Opened:
        path = tmp_path / f"map{next(count)}.html"
        path.write_text(html, encoding="utf-8")
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        opened = Opened(page)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("request", lambda r: opened.requests.append(r.url))

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.as_uri() + fragment)
        if ready:
            page.wait_for_function(
                "document.documentElement.dataset.mapperReady === '1'", timeout=20000
            )
        return opened

    return _open


@pytest.fixture
def fixture_html(map_collection: dict[str, Any]) -> str:
    return render_map(map_collection, title="Fixture map", basemap=_small_basemap())


def _built(folder: Path, title: str) -> Any:
    """The page ``mapper build FOLDER --title TITLE`` writes."""
    from mapper.documents import iter_documents
    from mapper.gazetteer import load_gazetteer
    from mapper.pipeline import run
    from mapper.render import build_page

    gazetteer = load_gazetteer()
    extraction = run(iter_documents([folder]), gazetteer=gazetteer)
    return build_page([extraction], gazetteer=gazetteer, title=title)


@pytest.fixture(scope="module")
def seeds_html() -> str:
    return str(_built(SEEDS, "Seeds").html)


# --- loading -------------------------------------------------------------------------


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
    assert "GeoNames (CC BY 4.0" in opened.page.inner_text(".leaflet-control-attribution")


def test_layers_control_hides_and_shows_incidents_claims_and_outlines(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    marks, badges = opened.stats()["marks"], opened.stats()["badges"]
    assert marks > 0 and badges > 0
    opened.page.hover(".leaflet-control-layers")
    control = opened.page.locator(".leaflet-control-layers-overlays label")
    incidents = control.filter(has_text="Incidents").locator("input")
    incidents.uncheck()
    assert opened.stats()["marks"] == 0
    incidents.check()
    opened.page.wait_for_function(f"() => window.mapper.stats().marks === {marks}")
    claims = control.filter(has_text="Claims").locator("input")
    claims.uncheck()
    assert opened.stats()["badges"] == 0 and opened.stats()["marks"] == marks
    claims.check()
    assert opened.stats()["badges"] == badges
    assert len(opened.call("labels")) > 0
    outlines = control.filter(has_text="Outlines").locator("input")
    outlines.uncheck()  # the names go with the outlines
    assert opened.call("labels") == []
    outlines.check()
    assert len(opened.call("labels")) > 0
    assert opened.errors == []


def test_one_mark_per_incident_with_a_place(
    open_map: Callable[..., Opened], fixture_html: str, map_collection: dict[str, Any]
) -> None:
    opened = open_map(fixture_html)
    opened.call("fitAll")
    placed = [
        f
        for f in map_collection["features"]
        if f["properties"]["kind"] == "incident" and f["geometry"]
    ]
    stats = opened.stats()
    assert stats["marks"] == len(placed) == 9
    assert stats["aggregates"] == 0
    assert opened.page.get_attribute("canvas.mapper-incidents", "data-marks") == "9"
    assert opened.page.locator("#mapper-list li").count() == 10  # with the unplaced one


# --- 1. a click on a mark opens that mark's incident --------------------------------------


def _click_every_mark(opened: Opened) -> list[tuple[str, tuple[str, str] | None]]:
    """Click every mark inside the map's visible area (the first view may leave a far-off one,
    such as a country's centroid, outside it: the second pass fits them all)."""
    wrong = []
    view = opened.call("view")
    size = opened.page.evaluate(
        "(() => { const s = window.map_mapper.getSize(); return {w: s.x, h: s.y}; })()"
    )
    for mark in opened.call("marks"):
        if not (0 <= mark["x"] <= size["w"] and 0 <= mark["y"] <= size["h"]):
            continue
        opened.page.evaluate("void window.map_mapper.closePopup()")
        opened.settle()
        opened.page.evaluate(  # back to the view the marks were listed in: a popup pans the map
            "(v) => void window.map_mapper.setView([v.lat, v.lon], v.zoom, {animate: false})", view
        )
        where = opened.call("markAt", mark["id"])
        opened.page.mouse.click(where["x"], where["y"])
        got = opened.popup()
        if got != ("incident", mark["id"]):
            wrong.append((mark["id"], got))
    return wrong


@pytest.mark.parametrize("zoom", [None, "out", "in"])
def test_every_mark_of_the_fixture_opens_its_own_incident(
    open_map: Callable[..., Opened], fixture_html: str, zoom: str | None
) -> None:
    # the fixture's marks sit among claim badges: Peshawar's two bombings beside an allegation
    # naming Peshawar, Kabul's two beside a threat naming Kabul
    opened = open_map(fixture_html)
    if zoom:
        # two steps about Jalalabad, among the marks (the first view's centre may lie between
        # clusters, wherever the legend leaves room for them)
        step = -2 if zoom == "out" else 2
        opened.page.evaluate(
            "(s) => { const m = window.map_mapper;"
            " m.setZoomAround([34.43, 70.45], m.getZoom() + s, {animate: false}); }",
            step,
        )
    marks = opened.call("marks")
    assert len(marks) >= (6 if zoom != "in" else 1)
    assert _click_every_mark(opened) == []
    assert opened.errors == []


@pytest.mark.slow
def test_every_mark_of_the_seeds_map_opens_its_own_incident(
    open_map: Callable[..., Opened], seeds_html: str
) -> None:
    opened = open_map(seeds_html)
    assert len(opened.call("marks")) >= 10
    assert _click_every_mark(opened) == []
    opened.call("fitAll")
    assert _click_every_mark(opened) == []


# --- 2. claims as badges beside their incidents ------------------------------------------


def test_claim_badges_sit_beside_their_incidents(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    opened.page.evaluate("void window.map_mapper.setView([34.3, 70.4], 7, {animate: false})")
    marks = {m["id"]: m for m in opened.call("marks")}
    badges = opened.call("badges")
    tied = [b for b in badges if b["incident"]]
    assert {b["incident"] for b in tied} == {"inc-1", "inc-2", "inc-6", "inc-8"}
    for badge in tied:
        mark = marks[badge["incident"]]
        cx, cy = badge["x"] + badge["w"] / 2, badge["y"] + badge["h"] / 2
        assert abs(cx - mark["x"]) <= mark["r"] + badge["w"] + 4
        assert abs(cy - mark["y"]) <= mark["r"] + badge["h"] + 4
        for other in marks.values():  # a badge never covers a mark
            assert not (
                badge["x"] <= other["x"] <= badge["x"] + badge["w"]
                and badge["y"] <= other["y"] <= badge["y"] + badge["h"]
            )
    shared = next(b for b in tied if b["incident"] == "inc-1")
    assert (
        shared["claims"] == ["clm-1", "clm-8"] and shared["text"] == "RC"
    )  # one badge, two claims
    assert next(b for b in tied if b["incident"] == "inc-6")["text"] == "DD"


def test_a_lone_claim_sits_at_the_most_specific_place_it_names(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    kabul = opened.page.evaluate(
        "(() => { const m = window.map_mapper;"
        " const p = m.latLngToContainerPoint([34.5281, 69.1723]);"
        " const r = m.getContainer().getBoundingClientRect();"
        " return {x: r.left + p.x, y: r.top + p.y}; })()"
    )
    threat = next(b for b in opened.call("badges") if b["claims"] == ["clm-7"])
    cx, cy = threat["x"] + threat["w"] / 2, threat["y"] + threat["h"] / 2
    assert abs(cx - kabul["x"]) < 40 and abs(cy - kabul["y"]) < 40  # Kabul, not mid-Atlantic


def test_claim_links_show_only_while_selected_and_never_to_a_centroid_around_a_city(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    assert opened.call("links") == []  # nothing crosses the map at first
    opened.call("openClaim", "clm-3")
    links = opened.call("links")
    assert {link["place"] for link in links} <= {
        "Orakzai Agency",
        "Peshawar",
        "Islamabad",
        "Quetta",
    }
    assert "Pakistan" not in {link["place"] for link in links}  # the text names cities in it
    opened.call("openClaim", "clm-7")
    links = opened.call("links")
    assert [link["place"] for link in links] == ["United States"]
    for link in links:
        assert abs(link["to"][1] - link["from"][1]) <= 180  # within one copy of the world
        assert -180 <= link["to"][1] <= 180
    opened.page.evaluate("void window.map_mapper.closePopup()")
    assert opened.call("links") == []
    opened.settle()
    threat = next(b for b in opened.call("badges") if b["claims"] == ["clm-7"])
    opened.page.mouse.move(threat["x"] + threat["w"] / 2, threat["y"] + threat["h"] / 2)
    assert [link["place"] for link in opened.call("links")] == ["United States"]
    opened.page.mouse.move(5, 5)
    assert opened.call("links") == []


# --- 3. the link from an incident to its claim leaves the claim open ----------------------


@pytest.mark.parametrize(
    ("incident", "claim"),
    [("inc-1", "clm-1"), ("inc-1", "clm-8"), ("inc-6", "clm-6"), ("inc-8", "clm-5")],
)
def test_incident_popup_link_to_its_claim_stays_open(
    open_map: Callable[..., Opened], fixture_html: str, incident: str, claim: str
) -> None:
    opened = open_map(fixture_html)
    opened.page.evaluate("void window.map_mapper.setView([34.2, 70.5], 8, {animate: false})")
    where = opened.call("markAt", incident)
    opened.page.mouse.click(where["x"], where["y"])
    assert opened.popup() == ("incident", incident)
    opened.settle()  # the popup pans the map to fit itself; a user clicks once it stops
    opened.page.click(f'.mapper-popup-incident button[data-claim="{claim}"]')
    opened.page.wait_for_selector(f'.mapper-popup-claim[data-id="{claim}"]', timeout=5000)
    opened.page.wait_for_timeout(600)  # and it stays open
    assert opened.popup() == ("claim", claim)
    opened.page.click(f'.mapper-popup-claim button[data-incident="{incident}"]')
    opened.page.wait_for_selector(f'.mapper-popup-incident[data-id="{incident}"]')
    opened.page.wait_for_timeout(600)
    assert opened.popup() == ("incident", incident)


# --- 4, 5. facets: every claim type, groups by what they did, claimed, were accused of ----


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_filter_cases(
    open_map: Callable[..., Opened], fixture_html: str, case: dict[str, Any]
) -> None:
    opened = open_map(fixture_html, "#" + case["hash"] if case["hash"] else "")
    assert opened.shown() == (case["incidents"], case["claims"])
    assert opened.errors == []


def test_type_facet_lists_every_claim_type_present(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    labels = opened.page.locator("#mapper-types label").all_text_contents()
    assert labels == [
        "Explosions/Remote violence4",
        "Battles3",
        "Violence against civilians1",
        "Strategic developments2",
        "Claim: responsibility2",
        "Claim: denial3",
        "Claim: allegation1",
        "Claim: threat1",
        "Claim: condemnation1",
    ]
    opened.tick("type", "claim:responsibility")
    assert opened.shown() == (["inc-1", "inc-2"], ["clm-1", "clm-2"])


def test_group_facet_says_what_each_group_did_claimed_or_was_accused_of(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)

    def count(group: str) -> str:
        return str(
            opened.page.locator(
                f'input[data-facet="group"][value="{group}"] ~ .mapper-count'
            ).text_content()
        )

    assert count("ttp") == "2 claimed"
    assert count("taliban") == "2 · 3 claimed · 1 about"
    assert count("iskp") == "6 · 1 claimed · 2 about"
    assert count("is") == "7 · 3 claimed · 2 about"
    assert count("us") == "1 about"
    opened.tick("group", "ttp")
    assert opened.shown() == (["inc-6", "inc-8"], ["clm-5", "clm-6"])


def test_group_then_region_counts(open_map: Callable[..., Opened], fixture_html: str) -> None:
    opened = open_map(fixture_html)
    assert opened.visible() == 10
    opened.tick("group", "iskp")
    assert opened.visible() == 6
    nangarhar = opened.page.locator('input[value="Afghanistan/Nangarhar"] ~ .mapper-count')
    assert nangarhar.text_content() == "2"  # ISKP's incidents in Nangarhar, before choosing it
    opened.tick("region", "Afghanistan/Nangarhar")
    assert opened.visible() == 2
    assert opened.page.locator("#mapper-list li").all_text_contents() == [
        "Sep 2021 – Dec 2021 · Battles · Nangarhar · ISKP",
        "2020 · Strategic developments · Jalalabad · ISKP",
    ]
    opened.page.click("#mapper-reset")
    assert opened.visible() == 10


# --- 6. one colour per actor, in every map, and a legend of the groups ----------------------


def test_actor_colours_are_stable_and_the_legend_names_them(
    open_map: Callable[..., Opened], map_collection: dict[str, Any]
) -> None:
    reordered = copy.deepcopy(map_collection)
    reordered["features"].reverse()
    reordered["actors"].reverse()
    legends = []
    for collection in (map_collection, reordered):
        opened = open_map(render_map(collection))
        rows = opened.page.locator(".mapper-legend-group")
        legends.append(
            {
                str(rows.nth(k).get_attribute("data-group")): (
                    rows.nth(k).text_content(),
                    rows.nth(k).get_attribute("data-colour"),
                )
                for k in range(rows.count())
            }
        )
    assert legends[0] == legends[1]
    assert set(legends[0]) == {"iskp", "is", "taliban", "_none"}  # perpetrators on the map
    assert legends[0]["iskp"][0] == "ISKP" and legends[0]["_none"][0] == "Unattributed"
    swatch = opened.page.locator('input[data-facet="group"][value="iskp"] + .mapper-swatch')
    assert swatch.evaluate("e => getComputedStyle(e).backgroundColor") == _rgb(
        legends[0]["iskp"][1]
    )


def _rgb(colour: str | None) -> str:
    assert colour is not None
    r, g, b = (int(colour[k : k + 2], 16) for k in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


# --- 7. basemap: names placed without overlaps ----------------------------------------------


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


@pytest.mark.slow
@pytest.mark.parametrize("view", [None, "[34.5, 69.5], 6", "[41, 69], 6", "[45, 60], 4"])
def test_names_overlap_neither_each_other_nor_marks(
    open_map: Callable[..., Opened], seeds_html: str, view: str | None
) -> None:
    opened = open_map(seeds_html)
    if view:
        opened.page.evaluate(f"void window.map_mapper.setView({view}, {{animate: false}})")
    labels = opened.call("labels")
    assert len(labels) >= 5
    for k, a in enumerate(labels):
        for b in labels[k + 1 :]:
            assert not _overlap(a, b), (a["text"], b["text"])
            if a["text"] == b["text"]:  # "Toshkent" (the city and its province) once
                assert abs(a["x"] - b["x"]) >= 300 or abs(a["y"] - b["y"]) >= 200
    things = [
        {"x": m["x"] - m["r"], "y": m["y"] - m["r"], "w": 2 * m["r"], "h": 2 * m["r"]}
        for m in opened.call("marks")
    ] + opened.call("badges")
    for label in labels:
        for thing in things:
            assert not _overlap(label, thing), label["text"]


@pytest.mark.slow
def test_country_names_are_natural_earth_names(
    open_map: Callable[..., Opened], seeds_html: str
) -> None:
    opened = open_map(seeds_html)
    opened.page.evaluate("void window.map_mapper.setView([-2, 22], 5, {animate: false})")
    names = {label["text"] for label in opened.call("labels")}
    assert "Dem. Rep. Congo" in names and not any("Zaire" in n for n in names)


# --- 8. the legend never covers the data --------------------------------------------------


@pytest.mark.parametrize(
    ("size", "open_"), [((1400, 900), True), ((800, 600), False), ((390, 844), False)]
)
def test_legend_is_collapsed_on_small_screens_and_never_over_the_data(
    open_map: Callable[..., Opened], fixture_html: str, size: tuple[int, int], open_: bool
) -> None:
    opened = open_map(fixture_html, size=size)
    legend = opened.page.locator(".mapper-legend")
    assert legend.evaluate("e => e.open") is open_
    box = legend.bounding_box()
    for mark in opened.call("marks"):
        inside = (
            box["x"] <= mark["x"] <= box["x"] + box["width"]
            and box["y"] <= mark["y"] <= box["y"] + box["height"]
        )
        assert not inside, mark["id"]
    assert len(opened.call("marks")) == 9  # and all of them in view


LONG_GROUPS = {
    "jnim": "Jama'at Nusrat al-Islam wal-Muslimin",
    "iskp2": "Islamic State Khorasan Province",
    "ttp2": "Tehrik-i-Taliban Pakistan (Jamaat-ul-Ahrar faction)",
    "huge": "The Very Long Named Coalition of Allied Militias of the Northern and Southern "
    "Provinces and Their Affiliated Networks",
}


def test_legend_is_compact_collapsible_and_names_every_group_whole_in_its_tooltip(
    open_map: Callable[..., Opened], map_collection: dict[str, Any], hostile: str
) -> None:
    # the legend took about a quarter of a 1280 x 800 window (two columns, 440 px wide) and
    # cut long names; now: one narrow column, at most half the map's height, long names on
    # two lines at most (then an ellipsis) with the whole name in the row's tooltip
    names = {**LONG_GROUPS, "evil": "Evil " + hostile}
    map_collection["actors"] += [
        {"id": k, "name": v, "parent": None, "aliases": []} for k, v in LONG_GROUPS.items()
    ]
    incidents = [f for f in map_collection["features"] if f["properties"]["kind"] == "incident"]
    for feature, actor in zip(incidents, names, strict=False):
        feature["properties"]["perpetrator"] = actor
    opened = open_map(render_map(map_collection))
    legend = opened.page.locator(".mapper-legend")
    assert legend.evaluate("e => e.open") is True
    box = legend.bounding_box()
    map_box = opened.page.locator(".folium-map").bounding_box()
    assert box["width"] <= 230
    assert box["height"] <= map_box["height"] / 2
    assert box["width"] * box["height"] <= 0.08 * 1280 * 800
    assert legend.evaluate("e => e.scrollWidth <= e.clientWidth")  # nothing cut at the side
    rows = opened.page.locator(".mapper-legend-group")
    shown = {}
    for k in range(rows.count()):
        row = rows.nth(k)
        group = str(row.get_attribute("data-group"))
        shown[group] = row.get_attribute("title")
        assert row.text_content() == shown[group]
        text = row.locator(".mapper-legend-text")
        lines = text.evaluate(
            "e => Math.round(e.getBoundingClientRect().height"
            " / parseFloat(getComputedStyle(e).lineHeight))"
        )
        assert lines <= 2, group
        assert row.bounding_box()["x"] + row.bounding_box()["width"] <= box["x"] + box["width"]
    assert {k: shown[k] for k in names} == names  # whole, and as text (the hostile one too)
    assert opened.page.locator('img[src="x"]').count() == 0
    clipped = opened.page.locator('.mapper-legend-group[data-group="huge"] .mapper-legend-text')
    assert clipped.evaluate("e => e.scrollHeight > e.clientHeight")  # ellipsised, not wrapped on
    # a section per key, which opens and closes; the whole legend collapses to its summary
    sections = opened.page.locator(".mapper-legend-section")
    assert [sections.nth(k).get_attribute("data-section") for k in range(4)] == [
        "groups",
        "types",
        "marks",
        "claims",
    ]
    opened.page.click(".mapper-legend-section[data-section=claims] > summary")
    assert sections.nth(3).evaluate("e => e.open") is True
    assert legend.bounding_box()["height"] <= map_box["height"] / 2  # it scrolls beyond that
    opened.page.click(".mapper-legend > summary")
    assert legend.evaluate("e => e.open") is False
    assert legend.bounding_box()["height"] < 30
    assert opened.errors == [] and opened.dialogs == []


def _far_away(collection: dict[str, Any], name: str) -> dict[str, Any]:
    """The collection with one more incident, in Mali, far from the others (Kabul to Peshawar)."""
    far = copy.deepcopy(collection["features"][7])  # inc-8, a bombing in Peshawar
    far["properties"].update(
        id="inc-far", place_name=name, country="Mali", admin1="Ménaka", admin2=None, claims=[]
    )
    far["geometry"]["coordinates"] = [2.3961, 15.9198]
    collection["features"].append(far)
    return collection


def _note(opened: Opened) -> tuple[bool, str]:
    note = opened.page.locator("#mapper-offview")
    return note.is_visible(), str(note.text_content())


def test_what_lies_outside_the_first_view_is_said_with_a_button_that_shows_it(
    open_map: Callable[..., Opened], map_collection: dict[str, Any], hostile: str
) -> None:
    # most incidents in Afghanistan and Pakistan, one in Mali: the first view frames the bulk
    # and said nothing of Mali; now a note names what lies outside, and a button shows all
    opened = open_map(render_map(map_collection))
    assert _note(opened)[0] is False  # everything in view: no note
    html = render_map(_far_away(map_collection, "Ménaka " + hostile))
    opened = open_map(html)
    marks = {m["id"] for m in opened.call("marks")}
    assert "inc-far" not in marks and len(marks) == 9  # the bulk, framed
    shown, text = _note(opened)
    assert shown
    assert text == f"1 incident outside this view: Ménaka {hostile}Show all"  # as text
    assert opened.page.locator('img[src="x"]').count() == 0
    note = opened.page.locator("#mapper-offview").bounding_box()
    for mark in opened.call("marks"):  # the note covers no mark of the first view
        assert not (
            note["x"] <= mark["x"] <= note["x"] + note["width"]
            and note["y"] <= mark["y"] + mark["r"]
            and mark["y"] - mark["r"] <= note["y"] + note["height"]
        ), mark["id"]
    opened.page.click("#mapper-show-all")
    assert {m["id"] for m in opened.call("marks")} == marks | {"inc-far"}
    assert _note(opened)[0] is False
    # it follows the view and the filters: zoomed in on Kabul, the rest is outside
    opened.page.evaluate("void window.map_mapper.setView([34.55, 69.2], 12, {animate: false})")
    shown, text = _note(opened)
    assert shown and text.startswith("8 incidents and 1 claim outside this view: ")
    assert opened.page.get_attribute("#mapper-offview", "data-incidents") == "8"
    opened.page.click("#mapper-show-all")
    opened.tick("region", "Afghanistan")  # Mali filtered out: nothing of it to announce
    opened.settle()
    assert _note(opened)[0] is False
    assert opened.errors == [] and opened.dialogs == []


def test_a_popup_opens_clear_of_the_note(
    open_map: Callable[..., Opened], map_collection: dict[str, Any]
) -> None:
    opened = open_map(render_map(_far_away(map_collection, "Ménaka")))
    opened.call("openIncident", "inc-far")  # zoomed in on Mali: the rest is outside
    opened.page.wait_for_selector('.mapper-popup-incident[data-id="inc-far"]')
    opened.settle()
    assert _note(opened)[0]
    note = opened.page.locator("#mapper-offview").bounding_box()
    popup = opened.page.locator(".leaflet-popup-content-wrapper").bounding_box()
    assert popup["y"] >= note["y"] + note["height"]


def test_a_claim_tied_to_no_incident_outside_the_view_is_counted_too(
    open_map: Callable[..., Opened], map_collection: dict[str, Any]
) -> None:
    opened = open_map(render_map(map_collection))
    # the threat naming Kabul and the United States sits at Kabul; zoomed in on Peshawar, it
    # and the Kabul and Nangarhar incidents are outside
    opened.page.evaluate("void window.map_mapper.setView([34.0, 71.58], 11, {animate: false})")
    assert opened.page.get_attribute("#mapper-offview", "data-claims") == "2"
    shown, text = _note(opened)
    assert shown and " incidents and 2 claims outside this view: " in text
    opened.page.hover(".leaflet-control-layers")
    opened.page.locator(".leaflet-control-layers-overlays label").filter(has_text="Claims").locator(
        "input"
    ).uncheck()  # claims hidden: none is announced
    assert opened.page.get_attribute("#mapper-offview", "data-claims") == "0"


# --- 9. dates: at their precision, newest first, a timeline with brush and undated toggle ----


def test_list_is_newest_first_with_dates_at_their_precision(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    rows = opened.page.locator("#mapper-list li").all_text_contents()
    assert [r.split(" · ")[0] for r in rows] == [
        "28 Apr 2023",
        "4 Mar 2022",
        "10 Oct 2021",
        "15 Sep 2021",
        "Sep 2021 – Dec 2021",  # by the first day a date may mean, then by the last
        "Sep 2021",
        "30 Aug 2021",
        "26 Aug 2021",
        "2020",
        "undated",
    ]
    opened.call("openIncident", "inc-9")
    opened.page.wait_for_selector('.mapper-popup-incident[data-id="inc-9"]')
    assert "Date2020" in opened.page.locator(".mapper-popup-incident dl").inner_text().replace(
        "\n", ""
    ).replace("\t", "")


def test_timeline_brush_sets_the_dates_and_the_hash(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    assert opened.stats()["unit"] == "month"
    undated = opened.page.locator("#mapper-undated")
    assert undated.get_attribute("data-count") == "1" and undated.text_content() == "1 undated"
    start, end = opened.call("timelineAt", "2021-09-10"), opened.call("timelineAt", "2021-12-05")
    opened.page.mouse.move(start["x"], start["y"])
    opened.page.mouse.down()
    opened.page.mouse.move(end["x"], end["y"], steps=5)
    opened.page.mouse.up()
    state = opened.call("state")
    assert (state["s"], state["u"]) == ("2021-09-01", "2021-12-31")
    opened.page.wait_for_function("() => location.hash.includes('s=2021-09-01')")
    assert opened.shown() == (["inc-3", "inc-4", "inc-5", "inc-7"], ["clm-3"])
    assert undated.text_content() == "1 undated (hidden by the dates)"
    opened.page.check("#mapper-keep-undated")
    assert "inc-10" in opened.shown()[0]
    opened.page.wait_for_function("() => location.hash.includes('ud=1')")
    opened.page.click("#mapper-timeline-clear")
    assert opened.visible() == 10 and opened.call("state")["s"] == ""
    one = opened.call("timelineAt", "2021-08-26")
    opened.page.mouse.click(one["x"], one["y"])  # a click on a bar: that month
    assert opened.shown()[0] == ["inc-1", "inc-2", "inc-10"]


def test_weekly_bars_are_labelled_by_the_days_they_cover(
    open_map: Callable[..., Opened], map_collection: dict[str, Any]
) -> None:
    # a weekly bar labelled by its Monday alone reads as that day: "All dates (27 Oct 2025 –
    # 10 Nov 2025)" for incidents up to 12 Nov was the fault
    days = ["2025-10-29", "2025-11-12", "2025-11-05", "2025-10-31"]
    dated = [f for f in map_collection["features"] if f["properties"].get("date_start")]
    for k, feature in enumerate(dated):
        props = feature["properties"]
        if props["kind"] == "incident":
            props.update(date_start=days[k % 4], date_end=days[k % 4], time_precision="day")
    opened = open_map(render_map(map_collection))
    assert opened.stats()["unit"] == "week"
    head = opened.page.locator("#mapper-timeline-range")
    assert head.text_content() == (
        "All dates (27 Oct – 16 Nov 2025, weekly bars, Monday to Sunday); drag to choose"
    )
    # the axis marks where November begins, inside the week of 27 Oct – 2 Nov
    canvas = opened.page.locator("#mapper-timeline-canvas").bounding_box()
    bar = canvas["width"] / 3
    ticks = opened.page.evaluate("window.map_mapper.mapper.app.timeline.ticks()")
    assert [(t["day"], t["text"]) for t in ticks] == [
        ("2025-10-27", "Oct 2025"),
        ("2025-11-01", "Nov 2025"),
    ]
    assert ticks[1]["x"] == pytest.approx(bar * 5 / 7, abs=1)
    # a bar's tooltip gives the days it covers; a drag says what it will choose; a click sets it
    where = opened.call("timelineAt", "2025-11-12")
    opened.page.mouse.move(where["x"], where["y"])
    assert opened.page.get_attribute("#mapper-timeline-canvas", "title") == (
        "10–16 Nov 2025: 2 incidents"
    )
    start = opened.call("timelineAt", "2025-10-29")
    opened.page.mouse.move(start["x"], start["y"])
    opened.page.mouse.down()
    opened.page.mouse.move(where["x"], where["y"], steps=3)
    assert head.text_content() == "27 Oct – 16 Nov 2025: release to show these dates"
    opened.page.mouse.up()
    opened.page.mouse.click(where["x"], where["y"])
    state = opened.call("state")
    assert (state["s"], state["u"]) == ("2025-11-10", "2025-11-16")
    assert head.text_content() == "10–16 Nov 2025"


def test_date_ranges_are_written_compactly_and_whole(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    cases = {
        ("2025-11-03", "2025-11-09"): "3–9 Nov 2025",
        ("2025-10-27", "2025-11-02"): "27 Oct – 2 Nov 2025",
        ("2025-12-29", "2026-01-04"): "29 Dec 2025 – 4 Jan 2026",
        ("2025-11-03", "2025-11-03"): "3 Nov 2025",
        ("2025-01", "2025-11"): "Jan – Nov 2025",
        ("2020-01", "2025-11"): "Jan 2020 – Nov 2025",
        ("2020", "2025"): "2020 – 2025",
        ("2021-09", "2021-12-31"): "Sep 2021 – 31 Dec 2021",
    }
    got = opened.page.evaluate(
        "(cases) => cases.map((c) => window.map_mapper.mapper.app.util.rangeText(c[0], c[1]))",
        [list(k) for k in cases],
    )
    assert got == list(cases.values())


# --- 10. regions: zoom to and outline ------------------------------------------------------


def test_ticking_a_region_zooms_to_it_and_outlines_it(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    before = opened.call("view")
    opened.tick("region", "Afghanistan/Nangarhar")
    assert opened.call("highlighted") == ["Afghanistan/Nangarhar"]
    after = opened.call("view")
    assert after["zoom"] > before["zoom"]
    assert 33.9 <= after["lat"] <= 34.6 and 69.8 <= after["lon"] <= 71.2  # Nangarhar's box
    opened.tick("region", "Pakistan")  # no outline for it in this basemap: its data framed
    assert opened.call("highlighted") == ["Afghanistan/Nangarhar", "Pakistan"]
    opened.page.uncheck('input[data-facet="region"][value="Afghanistan/Nangarhar"]')
    assert opened.call("highlighted") == ["Pakistan"]


# --- the URL hash, popups, escaping, downloads --------------------------------------------


def test_url_hash_round_trips(open_map: Callable[..., Opened], fixture_html: str) -> None:
    first = open_map(fixture_html)
    first.tick("group", "is")
    first.tick("type", "Explosions/Remote violence")
    first.page.fill("#mapper-search", "kabul")
    first.page.wait_for_function("() => location.hash.includes('q=kabul')")
    fragment = first.page.evaluate("location.hash")
    assert "g=is" in fragment and "q=kabul" in fragment
    state, visible = first.call("state"), first.visible()
    assert visible == 2
    second = open_map(fixture_html, fragment)
    assert second.call("state") == state
    assert second.visible() == visible
    assert second.page.is_checked('input[data-facet="group"][value="is"]')
    assert second.page.input_value("#mapper-search") == "kabul"


@pytest.mark.parametrize(
    "fragment",
    [
        "#v=3/0/1e308",
        "#v=99/0/0",
        "#v=5/NaN/Infinity",
        "#v=-1/95/400",
        "#s=2021-02-31&u=yesterday&r=__proto__&g=constructor&t=toString&q=" + "x" * 5000,
        "#%E0%A4%A",
    ],
)
def test_a_hostile_hash_is_ignored(
    open_map: Callable[..., Opened], fixture_html: str, fragment: str
) -> None:
    opened = open_map(fixture_html, fragment)
    assert opened.errors == []
    if "q=" not in fragment:
        assert opened.visible() == 10 and len(opened.call("marks")) == 9
    view = opened.call("view")
    assert 2 <= view["zoom"] <= 14 and -90 < view["lat"] < 90
    state = opened.call("state")
    assert state["r"] == state["g"] == state["t"] == [] and state["s"] == state["u"] == ""
    assert len(state["q"]) <= 200


def test_prototype_names_in_the_data_are_just_names(
    open_map: Callable[..., Opened], map_collection: dict[str, Any]
) -> None:
    props = map_collection["features"][3]["properties"]
    props.update(
        country="__proto__", admin1="constructor", admin2="hasOwnProperty", perpetrator="toString"
    )
    props["__proto__"] = {"polluted": True}
    map_collection["actors"].append(
        {"id": "toString", "name": "valueOf", "parent": "__proto__", "aliases": []}
    )
    opened = open_map(render_map(map_collection))
    assert opened.errors == []
    assert opened.visible() == 10
    opened.tick("region", "__proto__")
    assert opened.shown()[0] == ["inc-4"]
    opened.page.click("#mapper-reset")
    opened.tick("group", "toString")
    assert opened.shown()[0] == ["inc-4"]
    assert opened.page.evaluate("({}).polluted") is None


def test_clicking_a_mark_shows_its_quoted_sentence(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    where = opened.call("markAt", "inc-4")
    opened.page.mouse.click(where["x"], where["y"])
    popup = opened.page.locator(".mapper-popup-incident")
    assert popup.get_attribute("data-id") == "inc-4"
    assert popup.locator("blockquote").text_content() == (
        "Taliban fighters raided a house in Jalalabad, killing two men."
    )
    assert (
        "Taliban vow to hunt ISKP in its safe havens, 2 Nov 2021"
        in popup.locator("cite").text_content()
    )
    assert "Jalalabad, Nangarhar › Afghanistan" in popup.text_content()


def test_hostile_text_is_shown_as_text_and_runs_nothing(
    open_map: Callable[..., Opened], fixture_html: str, hostile: str
) -> None:
    opened = open_map(fixture_html)
    opened.call("openIncident", "inc-6")
    popup = opened.page.wait_for_selector('.mapper-popup-incident[data-id="inc-6"]')
    text = popup.text_content()
    assert "Peshawar " + hostile in text and "worshippers " + hostile in text
    opened.call("openClaim", "clm-4")
    claim = opened.page.wait_for_selector('.mapper-popup-claim[data-id="clm-4"]')
    assert "Taliban " + hostile in claim.text_content()
    opened.page.fill("#mapper-search", "onerror")
    opened.page.wait_for_function("() => window.mapper.state().q === 'onerror'")
    assert opened.visible() == 1
    assert opened.page.locator('img[src="x"]').count() == 0
    assert opened.page.locator("script").count() == 4  # Leaflet, app script, data, folium's
    labels = opened.page.locator("#mapper-panel label").all_text_contents()
    assert any(label.startswith("Peshawar " + hostile) for label in labels)  # a district
    assert any(label.startswith("Evil " + hostile) for label in labels)  # an actor
    assert opened.dialogs == [] and opened.errors == []


def test_totals_of_the_visible_incidents(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    totals = opened.page.locator("#mapper-totals")
    # lowest figures: inc-1 183, inc-4 2 (3 wounded), inc-6 63 (196), inc-8 12
    assert (totals.get_attribute("data-killed"), totals.get_attribute("data-wounded")) == (
        "260",
        "199",
    )
    assert totals.text_content() == (
        "At least 260 killed, at least 199 wounded (lowest figures; killed known for 4, "
        "wounded for 2 of 10 incidents)"
    )
    opened.tick("region", "Pakistan")
    assert totals.text_content().startswith("At least 75 killed, at least 196 wounded")
    opened.page.click("#mapper-reset")
    opened.tick("group", "taliban")
    assert totals.text_content().startswith("At least 248 killed, at least 199 wounded")
    opened.tick("type", "Battles")
    assert totals.text_content().startswith("No death toll reported, no wounded reported")


@pytest.mark.parametrize(
    ("cleared", "expected"),
    [
        ("fatalities", "No death toll reported, at least 199 wounded"),
        ("wounded", "At least 260 killed, no wounded reported"),  # guard: it read so before
    ],
)
def test_totals_are_one_sentence_whichever_figure_is_missing(
    open_map: Callable[..., Opened], map_collection: dict[str, Any], cleared: str, expected: str
) -> None:
    # the phrases are joined into one sentence: only its first word is capitalised, whichever
    # phrase comes first ("No death toll reported, At least 4 wounded" was the fault)
    for feature in map_collection["features"]:
        props = feature["properties"]
        for suffix in ("", "_low", "_high"):
            if cleared + suffix in props:
                props[cleared + suffix] = None
    opened = open_map(render_map(map_collection))
    head = opened.page.text_content("#mapper-totals strong")
    assert head == expected
    # and the helper that joins such phrases, itself
    if cleared == "fatalities":
        sentence = opened.page.evaluate(
            "window.map_mapper.mapper.app.util"
            ".sentence(['no death toll reported', '', 'at least 4 wounded'])"
        )
        assert sentence == "No death toll reported, at least 4 wounded"


def test_download_what_is_visible(open_map: Callable[..., Opened], fixture_html: str) -> None:
    opened = open_map(fixture_html)
    opened.tick("region", "Pakistan")
    with opened.page.expect_download() as info:
        opened.page.click("#mapper-dl-geojson")
    collection = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    ids = [f["properties"]["id"] for f in collection["features"]]
    assert ids == ["inc-6", "inc-8", "clm-3", "clm-4", "clm-5", "clm-6"]
    assert collection["features"][2]["geometry"]["coordinates"][1] == [71.08, 33.67]
    with opened.page.expect_download() as info:
        opened.page.click("#mapper-dl-csv")
    rows = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3 and rows[1].startswith('"inc-6","Explosions/Remote violence"')


# --- 12 and the seeds ---------------------------------------------------------------------


@pytest.mark.slow
def test_seeds_map_with_a_hostile_document(
    open_map: Callable[..., Opened], tmp_path: Path, hostile: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (corpus / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "hostile.txt").write_text(
        f"---\ntitle: {hostile}\ndate: 2022-03-05\n---\n"
        f"ISKP claimed a suicide bombing in Jalalabad {hostile} that killed 12 people.\n",
        encoding="utf-8",
    )
    built = _built(corpus, "Seeds " + hostile)
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
    opened.call("fitAll")  # the first view frames the bulk only
    opened.page.wait_for_function(f"() => window.mapper.stats().marks === {len(placed)}")


def test_a_title_with_line_separators_reaches_the_popup_whole(
    open_map: Callable[..., Opened], map_collection: dict[str, Any]
) -> None:
    title = "Kandahar\u2028blast\u2029report `${x}` </script>"
    source = map_collection["features"][3]["properties"]["sources"][0]
    source["title"] = title
    opened = open_map(render_map(map_collection))
    opened.call("openIncident", "inc-4")
    cite = opened.page.wait_for_selector(".mapper-popup-incident cite").text_content()
    assert cite == title + ", 2 Nov 2021"


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
    zoom = opened.call("view")["zoom"]
    cell = opened.call("aggregateAt")
    assert cell["n"] > 1
    opened.page.mouse.click(cell["x"], cell["y"])  # a click on an aggregate zooms in
    opened.page.wait_for_function(f"() => window.mapper.view().zoom > {zoom}")


def test_claims_tied_to_no_incident_are_listed_and_open(
    open_map: Callable[..., Opened], fixture_html: str
) -> None:
    opened = open_map(fixture_html)
    rows = opened.page.locator("#mapper-claims-list li").all_text_contents()
    assert rows == [
        "2 Nov 2021 · allegation · Taliban · Orakzai Agency",
        "31 Aug 2021 · threat · Islamic State · Kabul",
    ]
    opened.page.click("summary:has-text('Claims tied to no incident')")
    opened.page.click('#mapper-claims-list button[data-claim="clm-7"]')
    assert opened.popup() == ("claim", "clm-7")
    assert [link["place"] for link in opened.call("links")] == ["United States"]
    opened.tick("group", "taliban")
    assert opened.page.locator("#mapper-claims-list li").count() == 1


def test_an_empty_map_loads_and_says_so(open_map: Callable[..., Opened]) -> None:
    opened = open_map(render_map({"type": "FeatureCollection", "features": []}))
    assert opened.errors == [] and opened.visible() == 0
    assert (
        opened.page.text_content("#mapper-summary") == "Showing 0 of 0 incidents and 0 of 0 claims"
    )
    assert opened.page.text_content("#mapper-timeline-range") == "No dated incidents"
    assert opened.page.text_content("#mapper-totals").startswith("No death toll reported")


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
