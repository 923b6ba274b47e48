"""A property test: hostile documents never crash loading, extraction or export (issue 13).

The documents come from :mod:`fuzzdocs` (also used by ``bench/fuzz.py``, which runs 10,000).
Examples are derandomised, so CI sees the same 150 every run; a failure prints the drawn files.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest
from fuzzdocs import File, corpora, run, violations
from hypothesis import HealthCheck, given, settings

from mapper.gazetteer import Gazetteer, load_gazetteer


@cache
def _gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(corpora())
def test_hostile_documents_give_valid_geojson_and_exact_spans(corpus: list[File]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for file in corpus:
            (Path(folder) / file.name).write_bytes(file.data)
        outcome = run(Path(folder), _gazetteer())
    assert violations(outcome) == []
