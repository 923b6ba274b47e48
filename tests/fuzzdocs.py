"""Hostile documents for the property test (tests/test_fuzz.py) and bench/fuzz.py.

:func:`corpora` draws a few files (text, Markdown with front matter, JSON Lines, HTML; UTF-8,
damaged UTF-8, UTF-16 with and without a byte-order mark) made of news-like sentences about
places, groups, casualties and claims, mixed with what breaks naive code: right-to-left text and
bidi overrides, control characters, line and paragraph separators, combining marks, very long
lines, huge numbers and impossible or far dates. :func:`run` takes them through loading,
extraction and GeoJSON export; :func:`violations` lists what breaks the invariants.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from mapper.documents import Document, load_documents
from mapper.export import INT_MAX, INT_MIN, to_geojson
from mapper.gazetteer import Gazetteer
from mapper.pipeline import extract

PLACES = [
    "Kabul", "Jalalabad", "Peshawar", "Quetta", "Khost", "Kunduz", "Kandahar", "Herat",
    "Nangarhar", "Kunar", "Mosul", "Moscow", "Krash Adda", "Kabul airport", "Afghanistan",
    "Pakistan", "کابل", "Кабул", "Paris", "Springfield",
]  # fmt: skip
ACTORS = [
    "ISKP", "the Taliban", "the TTP", "the Islamic State", "al-Shabaab", "Daesh", "ISIS-K",
    "Pakistani intelligence", "the army", "police", "Amaq", "a spokesman for the Taliban",
]  # fmt: skip
HUGE = [
    "0", "1", "12", "100000", "2147483647", "2147483648", "9007199254740993",
    "9223372036854775808", "1" + "0" * 30, "9" * 400, "1,000,000,000", "-5", "3.5", "1e308",
]  # fmt: skip
DATES = [
    "On Thursday, December 30, 9999", "on 9999-12-30", "on 31 February 2021", "on 0001-01-01",
    "in the year 10000", "on Monday", "last Friday", "on August 26", "on 26 August 2021",
    "December 32, 2020", "on 1 January 1", "in 1850", "yesterday", "on 2021-08-26",
    "Thursday, January 1, 1970", "on Thursday, August 26",
]  # fmt: skip
FRONT_DATES = ["9999-12-30", "2021-13-45", "0001-01-01", "2021-08-26", "1900-01-01", "x", ""]
TEMPLATES = [
    "A suicide bomber struck {place} {date}, killing {n} people and wounding {n2}.",
    "{actor} claimed responsibility for the attack in {place}.",
    "{actor} denied any role in the bombing {date}.",
    "{actor} accused {actor2} of hiding in {place}.",
    "{actor} threatened to attack {place} and {place2}.",
    "Gunmen ambushed a convoy near {place} {date}; {n} soldiers were killed.",
    "At least {n} people were killed in {place}, officials said.",
    "The death toll rose to {n}.",
    "It was claimed by {actor} through Amaq, which could not be independently verified.",
    "{actor} condemned the attack in {place}.",
    "A drone strike in {place} killed {n} militants {date}.",
    "Police arrested {n} suspects in {place} {date}.",
]
ODD = [
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u200e", "\u2028", "\u2029", "\x85",
    "\x00", "\x07", "\x1b[31m", "\r", "\t", "\ufeff", "\ufffd", "\u0301", "\U0001f4a3",
    "\ud7ff", "\uffff", "&lt;script&gt;", "<script>alert(1)</script>", '"', "\\", "---",
]  # fmt: skip
RTL = ["بمب‌گذاری در کابل", "انفجار في كابل أسفر عن مقتل ٥ أشخاص", "פיגוע בקאבול", "د کابل"]

_sentence = st.builds(
    lambda template, values: template.format(**values),
    st.sampled_from(TEMPLATES),
    st.fixed_dictionaries(
        {
            "place": st.sampled_from(PLACES),
            "place2": st.sampled_from(PLACES),
            "actor": st.sampled_from(ACTORS),
            "actor2": st.sampled_from(ACTORS),
            "date": st.sampled_from(DATES),
            "n": st.one_of(st.sampled_from(HUGE), st.integers(0, 10**40).map(str)),
            "n2": st.sampled_from(HUGE),
        }
    ),
)
_noise = st.one_of(
    st.sampled_from(ODD),
    st.sampled_from(RTL),
    st.text(min_size=1, max_size=40),  # any code point, surrogates excluded by Hypothesis
    st.integers(1, 4000).map(lambda n: "word " * n),  # a very long line
    st.integers(1, 200).map(lambda n: "\n" * n),
)
_fragment = st.one_of(_sentence, _sentence, _sentence, _noise)
_separator = st.sampled_from([" ", " ", "\n", "\n\n", "\r\n", "\u2028", "", "\t"])


@st.composite
def _text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(_fragment, _separator), min_size=1, max_size=12))
    return "".join(fragment + separator for fragment, separator in parts)


@dataclass(frozen=True)
class File:
    """One drawn file: its name and bytes."""

    name: str
    data: bytes


def _encode(text: str, encoding: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    if encoding == "utf-8-damaged":
        cut = len(data) // 2
        return data[:cut] + b"\xff" + data[cut:]
    if encoding in ("utf-16", "utf-16-le"):
        return text.encode(encoding, "surrogatepass")
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + data
    return data


@st.composite
def files(draw: st.DrawFn, index: int = 0, story: str = "") -> File:
    """One file of any supported kind, with hostile text in it; ``story`` is text other files
    of the corpus may tell too (reports of one event are linked across documents)."""
    kind = draw(st.sampled_from(["txt", "md", "md", "jsonl", "html"]))
    body = draw(st.sampled_from(["", story, story])) + draw(_text())
    if kind == "md":
        title = draw(st.one_of(st.sampled_from(ODD + RTL), _sentence))
        date = draw(st.sampled_from(FRONT_DATES))
        text = f"---\ntitle: {title}\ndate: {date}\nsource: Wire\n---\n{body}"
    elif kind == "jsonl":
        rows = draw(st.lists(st.tuples(_text(), st.sampled_from(FRONT_DATES)), max_size=3))
        lines = [
            json.dumps({"id": f"r{i}", "date": d, "text": t}, ensure_ascii=draw(st.booleans()))
            for i, (t, d) in enumerate([(body, draw(st.sampled_from(FRONT_DATES))), *rows])
        ]
        text = "\n".join(lines)
    elif kind == "html":
        title = draw(st.sampled_from(ODD + RTL + ["Blast in Kabul"]))
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
        text = f"<html><head><title>{title}</title></head><body><article>{paragraphs}</article>"
    else:
        text = body
    encoding = draw(
        st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-8-damaged", "utf-16", "utf-16-le"])
    )
    return File(f"doc{index}.{kind}", _encode(text, encoding))


@st.composite
def corpora(draw: st.DrawFn) -> list[File]:
    """One to four files, most telling a common story besides their own text."""
    story = draw(st.lists(_sentence, min_size=1, max_size=4).map(" ".join))
    count = draw(st.integers(1, 4))
    return [draw(files(index, story)) for index in range(count)]


@dataclass
class Outcome:
    """What one run gave: the documents, the GeoJSON and the warnings."""

    documents: list[Document]
    collection: dict[str, Any]
    warnings: list[str]


def run(folder: Path, gazetteer: Gazetteer) -> Outcome:
    """Load every file in ``folder``, extract, export to GeoJSON and back through JSON text."""
    warnings: list[str] = []
    documents = load_documents([folder], on_warning=warnings.append)
    collection = to_geojson(extract(documents, gazetteer))
    text = json.dumps(collection, ensure_ascii=False, allow_nan=False)  # valid JSON, no NaN
    return Outcome(documents, json.loads(text), warnings)


def _point_ok(point: Any) -> bool:
    return (
        isinstance(point, list)
        and len(point) == 2
        and all(isinstance(c, int | float) and math.isfinite(c) for c in point)
        and -180 <= point[0] <= 180
        and -90 <= point[1] <= 90
    )


def _numbers(value: Any, where: str, found: Callable[[str], None]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _numbers(item, f"{where}.{key}", found)
    elif isinstance(value, list):
        for item in value:
            _numbers(item, where, found)
    elif isinstance(value, int) and not isinstance(value, bool) and not INT_MIN <= value <= INT_MAX:
        found(f"{where} = {value} does not fit a 32-bit integer")


def violations(outcome: Outcome) -> list[str]:
    """Every broken invariant: GeoJSON shape, coordinates in range, numbers that fit, and
    ``text[start:end]`` equal to each quoted span."""
    broken: list[str] = []
    texts = {d.id: d.text for d in outcome.documents}
    collection = outcome.collection
    if collection.get("type") != "FeatureCollection":
        broken.append("not a FeatureCollection")
    for feature in collection.get("features", []):
        where = f"feature {feature.get('id')!r}"
        if feature.get("type") != "Feature" or not isinstance(feature.get("properties"), dict):
            broken.append(f"{where}: not a GeoJSON Feature")
            continue
        geometry = feature["geometry"]
        if geometry is not None:
            kind, coordinates = geometry.get("type"), geometry.get("coordinates")
            points = [coordinates] if kind == "Point" else coordinates
            if kind not in ("Point", "MultiPoint") or not points:
                broken.append(f"{where}: geometry {kind}")
            elif not all(_point_ok(p) for p in points):
                broken.append(f"{where}: coordinates out of range {coordinates}")
        _numbers(feature["properties"], where, broken.append)
        for source in feature["properties"].get("sources", []):
            text = texts.get(source["document"])
            if text is None or text[source["start"] : source["end"]] != source["sentence"]:
                broken.append(f"{where}: source span {source['start']}:{source['end']} differs")
    for mention in collection.get("unresolved", []):
        text = texts.get(mention["document"])
        if text is None or text[mention["start"] : mention["end"]] != mention["text"]:
            broken.append(f"unresolved {mention['text']!r}: span differs")
    return broken
