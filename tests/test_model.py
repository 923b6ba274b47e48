"""Tests for mapper.model and the actors data (mapper.actors)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import replace
from importlib import resources

import pytest

from mapper.actors import actors_from_dict, load_actors
from mapper.errors import ExtractionError
from mapper.model import EVENT_TYPES, Claim, Count, Incident, When


def test_when_overlap_and_known() -> None:
    august = When(dt.date(2021, 8, 1), dt.date(2021, 8, 31), "month")
    day = When(dt.date(2021, 8, 26), dt.date(2021, 8, 26), "day")
    assert august.overlaps(day) and day.overlaps(august)
    assert not When().known and not When().overlaps(day)
    assert not day.overlaps(When(dt.date(2021, 8, 27), dt.date(2021, 8, 30), "week"))


def test_values_are_frozen() -> None:
    count = Count(12, 12, 99, "dozens")
    with pytest.raises(dataclasses.FrozenInstanceError):
        count.best = 13  # type: ignore[misc]


def test_every_trigger_type_is_in_the_vocabulary() -> None:
    data = json.loads((resources.files("mapper") / "data" / "triggers.json").read_text("utf-8"))
    for entry in data["incident_triggers"]:
        assert entry["sub_event_type"] in EVENT_TYPES[entry["event_type"]], entry
    assert set(data["claim_triggers"]) == {
        "responsibility",
        "denial",
        "allegation",
        "threat",
        "condemnation",
    }
    assert data["sources"], "trigger data must name its sources"


def test_aliases_find_actors_longest_first() -> None:
    actors = load_actors()
    text = (
        "ISIS-K, the Islamic State Khorasan Province, is not the Tehrik-e-Taliban Pakistan; IS is."
    )
    found = [(m.actor, m.text) for m in actors.find(text)]
    assert found == [
        ("iskp", "ISIS-K"),
        ("iskp", "Islamic State Khorasan Province"),
        ("ttp", "Tehrik-e-Taliban Pakistan"),
        ("is", "IS"),
    ]


def test_offsets_and_spelling_variants() -> None:
    actors = load_actors()
    text = "Da’esh and the Haqqani Network and Lashkar-e-Toiba"
    found = actors.find(text)
    assert [m.actor for m in found] == ["is", "haqqani", "let"]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_hierarchy() -> None:
    actors = load_actors()
    assert actors.ancestors("iskp") == ["iskp", "is"]
    assert actors.related("is", "iskp") and not actors.related("iskp", "taliban")
    assert actors.more_specific("is", "iskp") == "iskp"
    assert actors.get("haqqani") is not None and actors.get("haqqani").parent == "taliban"  # type: ignore[union-attr]
    for required in (
        "is",
        "iskp",
        "taliban",
        "ttp",
        "haqqani",
        "let",
        "jundullah",
        "aq",
        "us",
        "coalition",
        "afghan-forces",
        "pakistan",
    ):
        assert actors.get(required) is not None, required


def test_bad_actor_data_is_reported_by_name() -> None:
    with pytest.raises(ExtractionError, match="unknown parent 'nobody'"):
        actors_from_dict({"actors": [{"id": "x", "parent": "nobody"}]})
    with pytest.raises(ExtractionError, match="no 'actors' list"):
        actors_from_dict({})


def test_a_place_unpickled_twice_is_one_object() -> None:
    # results come back from worker processes pickled: one place must not become thousands
    import pickle

    from mapper.model import Place

    place = Place("t:1", "Kabul", "Kabul", 34.5, 69.2, "P", "PPLC", "AF", "Afghanistan",
                  "AF.13", "Kabul", "", "", 1, "t")  # fmt: skip
    first, second = (pickle.loads(pickle.dumps([place, place])) for _ in range(2))
    assert first[0] == place and first[0] is first[1] is second[0]
    moved = pickle.loads(pickle.dumps(replace(place, lat=34.6)))
    assert moved.lat == 34.6 and moved is not first[0]


def test_slot_filler_makes_what_the_class_makes() -> None:
    from mapper.model import Mention, Place, slot_filler

    fields = ("t:1", "Kabul", "Kabul", 34.5, 69.2, "P", "PPLC", "AF", "Afghanistan",
              "AF.13", "Kabul", "", "", 1, "t")  # fmt: skip
    place = slot_filler(Place)(*fields)
    assert type(place) is Place and place == Place(*fields) and hash(place) == hash(Place(*fields))
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.lat = 0.0  # type: ignore[misc]
    mention = slot_filler(Mention)("Kabul", 0, 5, place, 1.0, (place,), "resolved", "toponym", None)
    assert mention == Mention("Kabul", 0, 5, place, 1.0, (place,), "resolved")
    assert replace(mention, kind="metonym").kind == "metonym"
    with pytest.raises(TypeError):
        slot_filler(Incident)  # its __post_init__ checks the vocabulary


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
