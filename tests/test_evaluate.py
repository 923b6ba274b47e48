"""Tests of the EUPEG metrics and the LGL / GeoVirus readers, on tiny corpora built here."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from mapper.errors import DocumentError
from mapper.evaluate import (
    MAX_ERROR_KM,
    Toponym,
    auc,
    haversine_km,
    match,
    read_corpus,
    read_geovirus,
    read_lgl,
    read_named_corpus,
    score,
)

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="7">
    <title>t</title>
    <text><![CDATA[Floods hit Paris, Texas and Lyon.]]></text>
    <toponyms count="3">
      <toponym><start>11</start><end>16</end><phrase>Paris</phrase>
        <gaztag geonameid="4717560"><name>Paris</name><lat>33.66</lat><lon>-95.55</lon></gaztag>
      </toponym>
      <toponym><start>18</start><end>23</end><phrase>Texas</phrase>
        <gaztag geonameid="4736286"><name>Texas</name><lat>31.25</lat><lon>-99.25</lon></gaztag>
      </toponym>
      <toponym><start>28</start><end>32</end><phrase>Lyon</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""

# GeoVirus's published offsets sit one character past the name; the reader re-aligns them.
GEOVIRUS = """<articles>
  <article>
    <source>https://en.wikinews.org/wiki/X</source>
    <text>Cases rose in Nairobi, Kenya.</text>
    <locations>
      <location><name>Nairobi</name><start>15</start><end>22</end>
        <lat>-1.28</lat><lon>36.82</lon><page>p</page></location>
      <location><name>Kenya</name><start>24</start><end>29</end>
        <lat>0.5</lat><lon>37.5</lon><page>p</page></location>
    </locations>
  </article>
</articles>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_haversine_known_distance() -> None:
    # Kabul to Jalalabad is about 118 km as the crow flies.
    assert haversine_km(34.5281, 69.1723, 34.4265, 70.4515) == pytest.approx(118, abs=3)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015, abs=1)


def test_match_uses_midpoints_case_and_one_to_one() -> None:
    gold = [Toponym("Paris", 10, 15, 48.85, 2.35), Toponym("Lyon", 40, 44, None, None)]
    predicted = [
        Toponym("paris", 10, 15, 48.0, 2.0),  # same span, other case: matches
        Toponym("Paris", 12, 17, 48.0, 2.0),  # would match, but Paris is taken
        Toponym("Lyon", 40, 44, 45.7, 4.8),  # matches a gold without coordinates: ignored
        Toponym("Nice", 60, 64, 43.7, 7.3),  # no gold: a false positive
    ]
    pairs, n_gold, n_pred = match(predicted, gold)
    assert [(p.start, g.text) for p, g in pairs] == [(10, "Paris")]
    assert n_gold == 1
    assert n_pred == 3


def test_match_rejects_far_midpoints_and_other_strings() -> None:
    gold = [Toponym("Kabul", 0, 5, 34.5, 69.2)]
    assert match([Toponym("Kabul", 10, 15, 34.5, 69.2)], gold)[0] == []
    assert match([Toponym("Kabul airport", 0, 13, 34.5, 69.2)], gold)[0] == []
    assert len(match([Toponym("Kabul", 4, 9, 34.5, 69.2)], gold)[0]) == 1


def test_auc_bounds_and_trapezoid() -> None:
    assert auc([0.0, 0.0]) == 0.0
    assert auc([MAX_ERROR_KM, MAX_ERROR_KM]) == pytest.approx(1.0)
    half = math.log1p(100) / math.log1p(MAX_ERROR_KM)
    assert auc([0.0, 100.0]) == pytest.approx(half / 2)
    assert math.isnan(auc([]))


def test_score_counts_precision_recall_and_errors() -> None:
    gold = [Toponym("Kabul", 0, 5, 34.53, 69.17), Toponym("Herat", 20, 25, 34.35, 62.20)]
    predicted = [
        Toponym("Kabul", 0, 5, 34.53, 69.17),  # exact
        Toponym("Herat", 20, 25, 34.53, 69.17),  # recognised, resolved ~640 km away
        Toponym("Monday", 30, 36, 0.0, 0.0),  # false positive
    ]
    s = score([(predicted, gold)])
    assert (s.gold, s.predicted, s.matched) == (2, 3, 2)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == 1.0
    assert s.f1 == pytest.approx(0.8)
    assert s.acc161 == 0.5
    assert s.median_km == pytest.approx(s.mean_km)
    assert 600 < s.mean_km * 2 < 700


def test_unresolved_prediction_counts_as_largest_error() -> None:
    s = score([([Toponym("Kabul", 0, 5)], [Toponym("Kabul", 0, 5, 34.53, 69.17)])])
    assert s.matched == 1
    assert s.mean_km == MAX_ERROR_KM
    assert s.acc161 == 0.0


def test_read_lgl(tmp_path: Path) -> None:
    docs = read_lgl(_write(tmp_path, "lgl.xml", LGL))
    assert [d.id for d in docs] == ["7"]
    tops = docs[0].toponyms
    assert [(t.text, t.lat) for t in tops] == [("Paris", 33.66), ("Texas", 31.25), ("Lyon", None)]
    assert docs[0].text[tops[1].start : tops[1].end] == "Texas"


def test_read_geovirus_realigns_offsets(tmp_path: Path) -> None:
    docs = read_geovirus(_write(tmp_path, "gv.xml", GEOVIRUS))
    tops = docs[0].toponyms
    assert [(t.text, t.start, t.end) for t in tops] == [("Nairobi", 14, 21), ("Kenya", 23, 28)]
    assert tops[0].lat == -1.28


def test_read_corpus_detects_format(tmp_path: Path) -> None:
    assert read_corpus(_write(tmp_path, "a.xml", LGL))[0].id == "7"
    assert read_corpus(_write(tmp_path, "b.xml", GEOVIRUS))[0].toponyms[1].text == "Kenya"
    assert read_named_corpus(tmp_path / "a.xml")[0] == "LGL"
    assert read_named_corpus(tmp_path / "b.xml")[0] == "GeoVirus"


def test_bad_xml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.xml", "<articles><article>")
    with pytest.raises(DocumentError, match=r"broken\.xml"):
        read_corpus(path)
    other = _write(tmp_path, "other.xml", "<articles><article><text>x</text></article></articles>")
    with pytest.raises(DocumentError, match="neither LGL"):
        read_corpus(other)
