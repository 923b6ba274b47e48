"""Shared test fixtures: a hand-written GeoJSON collection of incidents and claims for the map."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"

#: Text a hostile document might contain; it must reach the page as text, never as markup.
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> </script>'


@cache
def _map_fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "map_fixture.geojson").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def map_collection() -> dict[str, Any]:
    """Seven incidents (ISKP, IS, Taliban; Kabul airport, Nangarhar, Peshawar; one with no place)
    and four claims (two responsibility claims, a denial, the Orakzai training-centre allegation);
    incident inc-6, claim clm-4 and document "evil" carry :data:`HOSTILE` text."""
    return copy.deepcopy(_map_fixture())


@pytest.fixture
def hostile() -> str:
    """The hostile text the fixture's documents carry."""
    return HOSTILE
