"""One colour per actor, the same on every map: from ``mapper/data/actor_colours.json``.

A top-level actor listed there has its colour; a branch (an actor with a parent) is a shade of
its top-level actor's colour, lighter or darker by a hash of its own id; an actor not listed gets
a hue from a hash of its id.  Nothing depends on the order actors appear in, so ISKP is the same
blue in every map.
"""

from __future__ import annotations

import colorsys
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

#: How far a branch's lightness moves from its top-level actor's (away from the nearer end).
_SHADE_STEPS = (0.16, 0.24, 0.32)
#: Hue turns (in turns of the colour wheel) that tell sibling branches apart.
_HUE_TURNS = (-0.03, 0.0, 0.03)


@cache
def _table() -> tuple[dict[str, str], str]:
    text = resources.files("mapper").joinpath("data/actor_colours.json").read_text("utf-8")
    data = json.loads(text)
    return dict(data["colours"]), str(data["unattributed"])


def fnv1a(text: str) -> int:
    """The 32-bit FNV-1a hash of a string's UTF-8 bytes (stable across runs and machines)."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def _rgb(colour: str) -> tuple[float, float, float]:
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)


def hashed_colour(actor_id: str) -> str:
    """A colour for an actor with none listed: a hue from its id's hash, mid saturation."""
    hue = (fnv1a(actor_id) % 360) / 360
    return _hex(colorsys.hls_to_rgb(hue, 0.40, 0.60))


def shade(colour: str, actor_id: str) -> str:
    """A branch's shade of its top-level actor's colour, chosen by a hash of the branch's id.

    Dark colours get lighter shades and light ones darker, so a shade never fades into the
    basemap or into black; a small hue turn keeps sibling branches apart.
    """
    h = fnv1a(actor_id)
    hue, light, sat = colorsys.rgb_to_hls(*_rgb(colour))
    step = _SHADE_STEPS[h % len(_SHADE_STEPS)]
    light = light + step if light < 0.5 else light - step
    hue = (hue + _HUE_TURNS[(h // len(_SHADE_STEPS)) % len(_HUE_TURNS)]) % 1.0
    return _hex(colorsys.hls_to_rgb(hue, light, sat))


def unattributed_colour() -> str:
    """The grey of incidents with no known perpetrator."""
    return _table()[1]


def actor_colours(actors: Iterable[Any], ids: Iterable[str]) -> dict[str, str]:
    """The colour of every actor id, from its top-level actor.

    Parameters
    ----------
    actors
        ``{"id", "parent", ...}`` mappings (the collection's ``actors``), for the parents.
    ids
        Actor ids to colour (perpetrators, claimants, subjects); ids not in ``actors`` are
        their own top-level actor.

    Returns
    -------
    dict
        ``#rrggbb`` by actor id, for every id given and every actor listed.
    """
    listed, _ = _table()
    parent: dict[str, str] = {}
    for actor in actors:
        if isinstance(actor, Mapping) and actor.get("id"):
            parent[str(actor["id"])] = str(actor.get("parent") or "")
    out: dict[str, str] = {}
    for actor_id in [*parent, *ids]:
        if not actor_id or actor_id in out:
            continue
        root, seen = actor_id, {actor_id}
        while parent.get(root) and parent[root] not in seen:
            root = parent[root]
            seen.add(root)
        base = listed.get(root) or hashed_colour(root)
        out[actor_id] = base if root == actor_id else shade(base, actor_id)
    return out
