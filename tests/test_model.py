"""The fixed vocabularies of the records are checked when a record is built."""

from __future__ import annotations

import datetime as dt

import pytest

from mapper.errors import ExtractionError
from mapper.model import Claim, Incident, When


def _incident(**changes: object) -> Incident:
    fields: dict[str, object] = {
        "id": "d:i1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Suicide bomb",
        "when": When(dt.date(2023, 5, 1), dt.date(2023, 5, 1), "day"),
        "place": None,
        "location_text": "",
        "geo_precision": None,
        "perpetrator": None,
        "attribution": "unknown",
    }
    fields.update(changes)
    return Incident(**fields)  # type: ignore[arg-type]


def test_a_record_in_the_vocabulary_is_built() -> None:
    assert _incident().sub_event_type == "Suicide bomb"
    assert _incident(event_type="Battles", sub_event_type="Armed clash", geo_precision=2)


@pytest.mark.parametrize(
    "changes",
    [
        {"sub_event_type": "Armed clash"},  # a Battles type under Explosions/Remote violence
        {"event_type": "Terrorism", "sub_event_type": "Bombing"},
        {"attribution": "suspected"},
        {"geo_precision": 4},
    ],
)
def test_a_record_outside_the_vocabulary_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ExtractionError):
        _incident(**changes)


def test_a_claim_type_and_a_precision_outside_the_vocabulary_are_refused() -> None:
    with pytest.raises(ExtractionError):
        Claim(id="d:c1", claimant="iskp", claim_type="boast", about=None)  # type: ignore[arg-type]
    with pytest.raises(ExtractionError):
        When(None, None, "decade")  # type: ignore[arg-type]
