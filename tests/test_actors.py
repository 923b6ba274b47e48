"""Tests for mapper.actors: aliases found in text however it is spaced, at their own offsets."""

from __future__ import annotations

import pytest

from mapper.actors import load_actors


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday the Islamic State claimed it.",
        "Yesterday the  Islamic   State claimed it.",  # runs of spaces
        "Yesterday the Islamic\n\nState claimed it.",  # a paragraph break
        "Yesterday the Islamic - State claimed it.",  # a spaced hyphen
        "İİ Yesterday the ISLAMIC\u00a0State claimed it.",  # lower case longer; no-break space
    ],
)
def test_an_alias_is_found_at_its_offsets_however_it_is_spaced(text: str) -> None:
    found = load_actors().find(text)
    assert [m.actor for m in found] == ["is"]
    start = text.index("Islamic") if "Islamic" in text else text.index("ISLAMIC")
    assert (found[0].start, found[0].end) == (start, text.index(" claimed"))


def test_a_search_inside_a_window_reports_offsets_of_the_whole_text() -> None:
    text = "The Taliban  said.  Later  the  Taliban   denied it."
    found = load_actors().find(text, 19)
    start = text.index("Taliban", 19)
    assert [(m.actor, m.start, m.end) for m in found] == [("taliban", start, start + 7)]
