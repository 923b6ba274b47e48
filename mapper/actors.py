"""Actors (armed groups, states, forces) from a data file, and where text names them.

The data file ``mapper/data/actors.json`` lists each actor with its aliases and parent (ISKP under
the Islamic State).  :class:`ActorIndex` finds alias mentions in text, longest alias first, and
answers hierarchy questions used when matching and linking.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick

from mapper._data import read_json
from mapper.errors import ExtractionError
from mapper.model import Actor, Place

_SEPARATORS = re.compile(r"[\s\-‐‑–]+")


def _key(text: str) -> str:
    return _SEPARATORS.sub(" ", text.replace("’", "'")).strip().lower()


#: A run of separators that is not one plain space: it becomes one space, shifting offsets.
_UNEVEN = re.compile(r"[\s\-‐‑–]{2,}|[^\S ]|[\-‐‑–]")


class _Offsets:
    """Offsets in the original text of characters of its normalised form: a breakpoint at the
    start of each segment that follows a collapsed run, looked up by bisection."""

    __slots__ = ("_normal", "_original")

    def __init__(self, normal: list[int], original: list[int]) -> None:
        self._normal = normal
        self._original = original

    def __getitem__(self, i: int) -> int:
        k = bisect_right(self._normal, i) - 1
        return self._original[k] + (i - self._normal[k])


def _normalise(text: str, start: int, end: int) -> tuple[str, _Offsets]:
    """``text[start:end]`` as alias keys are written (lower case, runs of spaces and hyphens one
    space, ’ as '), with the offset in ``text`` of each of its characters."""
    segment = text[start:end]
    lowered = segment.lower()
    if len(lowered) != len(segment):  # a character whose lower case is longer ("İ")
        lowered = "".join(c.lower()[0] for c in segment)
    normal_at = [0]
    original_at = [start]
    parts: list[str] = []
    at = 0
    shift = 0  # characters dropped so far
    for run in _UNEVEN.finditer(lowered):
        parts.append(lowered[at : run.start()])
        parts.append(" ")
        shift += run.end() - run.start() - 1
        at = run.end()
        normal_at.append(at - shift)
        original_at.append(start + at)
    parts.append(lowered[at:])
    return "".join(parts).replace("’", "'"), _Offsets(normal_at, original_at)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in text: ``text[start:end]`` is the alias as written."""

    actor: str
    start: int
    end: int
    text: str


def _dated_names(
    names: dict[str, tuple[str, ...]], periods: dict[str, tuple[dt.date | None, dt.date | None]]
) -> dict[str, list[tuple[str, dt.date | None, dt.date | None]]]:
    """Each name's key mapped to the actors it stands for, with the period it does so."""
    out: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = {}
    for actor_id, words in names.items():
        since, until = periods.get(actor_id, (None, None))
        for word in words:
            out.setdefault(_key(word), []).append((actor_id, since, until))
    return out


class ActorIndex:
    """Actors by id, their hierarchy, and a matcher for their aliases in text."""

    def __init__(
        self,
        actors: Iterable[Actor],
        countries: dict[str, tuple[str, ...]] | None = None,
        case_sensitive: dict[str, tuple[str, ...]] | None = None,
        metonyms: dict[str, tuple[str, ...]] | None = None,
        periods: dict[str, tuple[dt.date | None, dt.date | None]] | None = None,
        modifiers: dict[str, tuple[str, ...]] | None = None,
        force_nouns: tuple[str, ...] = (),
        areas: dict[str, tuple[str, ...]] | None = None,
        ambiguous: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self._actors = {actor.id: actor for actor in actors}
        #: (actor, alias key) of aliases another body shares ("ADF": the Australian Defence
        #: Force too), read only in a text that names the actor, or a relative, another way.
        self._ambiguous = {
            (actor_id, _key(alias))
            for actor_id, words in (ambiguous or {}).items()
            for alias in words
        }
        self._countries = countries or {}
        self._areas = areas or {}
        self._found: tuple[str, int, int | None, list[ActorMention]] | None = None
        for actor in self._actors.values():
            if actor.parent is not None and actor.parent not in self._actors:
                msg = f"actor {actor.id!r} has unknown parent {actor.parent!r}"
                raise ExtractionError(msg)
        self._metonyms = _dated_names(metonyms or {}, periods or {})
        self._modifiers = _dated_names(modifiers or {}, periods or {})
        self._by_key: dict[str, str] = {}
        self._by_exact: dict[str, str] = {}
        generated: dict[str, list[str]] = {}
        for actor_id, words in (modifiers or {}).items():
            if (periods or {}).get(actor_id, (None, None)) != (None, None):
                continue  # a name whose government changed: read by date in modifier() only
            generated[actor_id] = [f"{w} {noun}" for w in words for noun in force_nouns]
        for actor in self._actors.values():
            known = {_key(a) for a in actor.aliases}
            extra = [a for a in generated.get(actor.id, []) if _key(a) not in known]
            if extra:
                actor = Actor(
                    actor.id, actor.name, actor.parent, actor.aliases + tuple(extra), actor.kind
                )
                self._actors[actor.id] = actor
            for alias in actor.aliases:
                self._by_key[_key(alias)] = actor.id
            for alias in (case_sensitive or {}).get(actor.id, ()):
                self._by_exact[alias] = actor.id
        # the case-sensitive aliases as the text is read: hyphens and runs of spaces as one space
        self._by_written = {
            _SEPARATORS.sub(" ", a): actor_id for a, actor_id in self._by_exact.items()
        }
        self._automaton = ahocorasick.Automaton()
        for key in {*self._by_key, *(_key(alias) for alias in self._by_exact)}:
            if key:
                self._automaton.add_word(key, key)
        if len(self._automaton):
            self._automaton.make_automaton()

    @property
    def actors(self) -> list[Actor]:
        """Every actor, in data-file order."""
        return list(self._actors.values())

    def get(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        return None if actor_id is None else self._actors.get(actor_id)

    def name(self, actor_id: str | None) -> str | None:
        """Display name of an actor id, or None."""
        actor = self.get(actor_id)
        return None if actor is None else actor.name

    def countries(self, actor_id: str) -> tuple[str, ...]:
        """ISO codes of the countries where a branch operates (empty when global)."""
        return self._countries.get(actor_id, ())

    def area(self, actor_id: str) -> tuple[str, ...]:
        """ISO codes of the countries where an actor fights: its ``area`` in ``actors.json``,
        else its branch ``countries``; empty for a global organisation or a foreign force."""
        return self._areas.get(actor_id) or self._countries.get(actor_id, ())

    def ancestors(self, actor_id: str) -> list[str]:
        """The actor's id followed by its parent's, grandparent's..."""
        chain: list[str] = []
        current: str | None = actor_id
        while current is not None and current not in chain:
            chain.append(current)
            actor = self._actors.get(current)
            current = None if actor is None else actor.parent
        return chain

    def related(self, a: str | None, b: str | None) -> bool:
        """Whether two actor ids are the same or one is an ancestor of the other."""
        if a is None or b is None:
            return a == b
        return a in self.ancestors(b) or b in self.ancestors(a)

    def more_specific(self, a: str | None, b: str | None) -> str | None:
        """Of two related actors the descendant (``iskp`` over ``is``); ``a`` when unrelated."""
        if a is None:
            return b
        if b is not None and a != b and a in self.ancestors(b):
            return b
        return a

    def is_monitor(self, actor_id: str | None) -> bool:
        """Whether the actor is a human-rights monitor, mission or charity (kind "monitor"):
        one that alleges, claims or denies, never one that takes part in an event."""
        actor = self.get(actor_id)
        return actor is not None and actor.kind == "monitor"

    def is_militant(self, actor_id: str | None) -> bool:
        """Whether the actor is a non-state armed group."""
        actor = self.get(actor_id)
        return actor is not None and actor.kind == "militant"

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
        """Every actor alias in ``text[start:end]``, the leftmost and then longest where they
        overlap, as whole words ("pro-Taliban" and "Talibanisation" name no actor).

        Aliases match case-insensitively with runs of spaces and hyphens read as one space;
        ``case_sensitive`` aliases ("IS", "BLA") only as written.  One Aho-Corasick scan
        (pyahocorasick) over the normalised text finds every candidate.  An ``ambiguous`` alias
        (a short form another body shares: "ADF", the Australian Defence Force too) is read only
        when the whole text also names the actor, a branch of it or its parent another way.
        The last call's answer is remembered: the geoparser and the extractor ask it of the same
        document in turn.
        """
        last = self._found
        if last is not None and last[0] is text and last[1] == start and last[2] == end:
            return list(last[3])  # the geoparser and the extractor read the same document
        found = self._find(text, start, end)
        self._found = (text, start, end, found)
        return list(found)

    def _scan(self, text: str, start: int, end: int | None) -> list[ActorMention]:
        stop = len(text) if end is None else end
        if not len(self._automaton) or stop <= start:
            return []
        normal, origin = _normalise(text, start, stop)
        candidates: list[tuple[int, int, str]] = []
        for last, key in self._automaton.iter(normal):
            first = last - len(key) + 1
            a, b = origin[first], origin[last] + 1
            if a > start and (text[a - 1].isalnum() or text[a - 1] in "-_"):
                continue
            if b < stop and (text[b].isalnum() or text[b] == "_"):
                continue
            if b + 1 < stop and text[b] == "-" and text[b + 1].isalnum():
                continue
            if text.count(" ", a, b) >= 2 and _inside_longer_name(text, start, a):
                continue  # "Karen National Liberation Army" is not the ELN
            candidates.append((a, b, key))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        found: list[ActorMention] = []
        reached = start
        for a, b, key in candidates:
            if a < reached:
                continue
            written = text[a:b]
            actor = self._by_written.get(_SEPARATORS.sub(" ", written)) or self._by_key.get(key)
            if actor is None:
                continue  # a case-sensitive alias written in another case ("is")
            found.append(ActorMention(actor, a, b, written))
            reached = b
        return found

    def _find(self, text: str, start: int, end: int | None) -> list[ActorMention]:
        found = _with_defined_short_forms(
            text, _without_short_forms_of_others(text, self._scan(text, start, end)), end
        )
        if any((m.actor, _key(m.text)) in self._ambiguous for m in found):
            named = self._named_plainly(text)
            found = [
                m
                for m in found
                if (m.actor, _key(m.text)) not in self._ambiguous
                or any(self._vouches(other, m.actor) for other in named)
            ]
        return found

    def _vouches(self, other: str, actor_id: str) -> bool:
        """Whether naming ``other`` shows a text means ``actor_id``: the actor itself, one of
        its branches, or its own parent (ISCAP for the ADF, not the Islamic State at large)."""
        found = self.get(actor_id)
        return actor_id in self.ancestors(other) or (found is not None and found.parent == other)

    def _named_plainly(self, text: str) -> set[str]:
        """The actors the whole text names by an alias no other body shares."""
        everywhere = self._scan(text, 0, None)
        return {m.actor for m in everywhere if (m.actor, _key(m.text)) not in self._ambiguous}

    def metonym(self, name: str, on: dt.date | None = None) -> str | None:
        """The actor a country or capital stands for when it acts ("Islamabad rejected the
        charge": Pakistan's government), from the data's ``metonyms``; None when not listed.

        A name whose government changed ("Kabul": the Islamic Republic until 15 August 2021,
        the Taliban after) stands for the actor whose ``metonyms_from``/``metonyms_until``
        period holds ``on``, and for no one when ``on`` is unknown.
        """
        for actor_id, since, until in self._metonyms.get(_key(name), []):
            if since is None and until is None:
                return actor_id
            if on is None or (since is not None and on < since):
                continue
            if until is None or on <= until:
                return actor_id
        return None

    def modifier(self, word: str, on: dt.date | None = None) -> str | None:
        """The state a country name or adjective stands for when it modifies a force or an
        attack ("US strike", "Pakistani jets"), from the data's ``modifiers``; None otherwise.
        A word whose government changed is read as :meth:`metonym` reads capitals."""
        key = _key(word)
        for actor_id, since, until in self._modifiers.get(key, []):
            if since is None and until is None:
                return actor_id
            if on is None or (since is not None and on < since):
                continue
            if until is None or on <= until:
                return actor_id
        return None

    def aliases_of_kind(self, kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The aliases of every actor of ``kind``: those matched in any case, then exact ones."""
        chosen = [actor for actor in self._actors.values() if actor.kind == kind]
        ids = {actor.id for actor in chosen}
        loose = tuple(alias for actor in chosen for alias in actor.aliases)
        exact = tuple(alias for alias, actor_id in self._by_exact.items() if actor_id in ids)
        return loose, exact

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)


@cache
def load_actors() -> ActorIndex:
    """The actors shipped in ``mapper/data/actors.json`` (cached)."""
    return actors_from_dict(read_json("actors.json", "actors data"))


def actors_from_dict(data: dict[str, object]) -> ActorIndex:
    """An index from data shaped like ``actors.json`` (``{"actors": [...]}``)."""
    rows = data.get("actors")
    if not isinstance(rows, list):
        msg = "actors data has no 'actors' list"
        raise ExtractionError(msg)
    actors: list[Actor] = []
    countries: dict[str, tuple[str, ...]] = {}
    areas: dict[str, tuple[str, ...]] = {}
    exact: dict[str, tuple[str, ...]] = {}
    metonyms: dict[str, tuple[str, ...]] = {}
    modifiers: dict[str, tuple[str, ...]] = {}
    periods: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            msg = f"actors data row without an id: {row!r}"
            raise ExtractionError(msg)
        actor_id: str = row["id"]
        aliases = tuple(str(a) for a in row.get("aliases", []))
        actors.append(
            Actor(
                actor_id,
                str(row.get("name", actor_id)),
                row.get("parent"),
                aliases,
                str(row.get("kind", "militant")),
            )
        )
        countries[actor_id] = tuple(str(c) for c in row.get("countries", []))
        areas[actor_id] = tuple(str(c) for c in row.get("area", []))
        exact[actor_id] = tuple(str(a) for a in row.get("case_sensitive", []))
        metonyms[actor_id] = tuple(str(a) for a in row.get("metonyms", []))
        modifiers[actor_id] = tuple(str(a) for a in row.get("modifiers", []))
        ambiguous[actor_id] = tuple(str(a) for a in row.get("ambiguous", []))
        try:
            periods[actor_id] = (
                _day(row.get("metonyms_from")),
                _day(row.get("metonyms_until")),
            )
        except ValueError as exc:
            msg = f"actor {actor_id!r}: bad metonyms_from/metonyms_until date: {exc}"
            raise ExtractionError(msg) from exc
    force_nouns = data.get("force_nouns", [])
    if not isinstance(force_nouns, list):
        msg = "actors data: 'force_nouns' is not a list"
        raise ExtractionError(msg)
    return ActorIndex(
        actors, countries, exact, metonyms, periods, modifiers,
        tuple(str(n) for n in force_nouns), areas, ambiguous,
    )  # fmt: skip


def _day(value: object) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def specialise(
    actor: str | None, place: Place | None, named: set[str], actors: ActorIndex
) -> str | None:
    """IS for an incident in Afghanistan, in a document that names ISKP, is ISKP.

    Only a global organisation (one with no countries of its own) is read as its regional branch.
    """
    if actor is None or place is None or actors.countries(actor):
        return actor
    for child in named:
        found = actors.get(child)
        if (
            found is not None
            and found.parent == actor
            and place.country_code in actors.countries(child)
        ):
            return child
    return actor


#: Capitalised words that open a sentence or a phrase, not a longer name.
_NAME_OPENERS = frozenset(
    [
        "the", "a", "an", "in", "on", "at", "by", "of", "for", "and", "but", "or", "as", "from",
        "to", "with", "after", "before", "while", "when", "its", "their", "suspected", "alleged",
    ]
)  # fmt: skip
_WORD_BEFORE = re.compile(r"(?<![\w-])([A-Z]\w*)[ \t]+$")  # not "Pakistan-based", "Iran-backed"


#: A short form defined in brackets right after a name: "Al-Shabaab (AS)".
_DEFINED = re.compile(r"\s*\((?P<short>[A-Z][A-Za-z0-9]{1,9})\)")


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` can abbreviate ``long`` (Schwartz & Hearst 2003, "A simple algorithm
    for identifying abbreviation definitions in biomedical text"): its letters appear in order
    in ``long``, right to left, and its first letter starts a word of ``long``."""
    short, long = short.lower(), long.lower()
    j = len(long) - 1
    for i in range(len(short) - 1, -1, -1):
        char = short[i]
        if not char.isalnum():
            continue
        while j >= 0 and (long[j] != char or (i == 0 and j > 0 and long[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return False
        j -= 1
    return True


#: A name in capitals then a short form in brackets: "Secretariat of Public Security (SSP)".
_NAME_AND_SHORT = re.compile(
    r"(?P<long>[A-Z][\w'’-]*(?:\s+(?:(?:of|for|the|and|de|del|du|la|des|al)\s+)*[A-Z][\w'’-]*){1,7})"
    r"\s*\((?P<short>[A-Z][A-Za-z0-9]{1,9})\)"
)


def _without_short_forms_of_others(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """The actor mentions ``found`` less those of a short form the text defines for a name that
    is no mention of that actor ("the state Secretariat of Public Security (SSP)": here SSP is
    no Sipah-e-Sahaba Pakistan; "Ambazonia Defence Forces (ADF)" no Allied Democratic Forces).
    The short form names what the text says it does (Schwartz & Hearst 2003), its letters the
    initials of the name's words in any order (a translated name: Secretaría de Seguridad
    Pública)."""
    if "(" not in text:
        return found
    others: set[tuple[str, str]] = set()
    for match in _NAME_AND_SHORT.finditer(text):
        short, long = match.group("short"), match.group("long")
        initials = {w[0].lower() for w in long.split() if w[:1].isupper()}
        if not (abbreviates(short, long) or set(short.lower()) <= initials):
            continue
        in_long = {m.actor for m in found if m.start < match.end("long") and match.start() < m.end}
        others |= {
            (m.actor, short)
            for m in found
            if m.text == short and m.start >= match.start("short") and m.actor not in in_long
        }
    if not others:
        return found
    return [m for m in found if (m.actor, m.text) not in others]


def _with_defined_short_forms(
    text: str, found: list[ActorMention], end: int | None
) -> list[ActorMention]:
    """The actor mentions ``found`` and those of short forms the text defines for them
    ("Al-Shabaab (AS) ... Suspected AS militants raided"): each later whole-word use of the
    short form, as written, names the same actor."""
    stop = len(text) if end is None else end
    defined: dict[str, tuple[str, int]] = {}
    for mention in found:
        match = _DEFINED.match(text, mention.end, stop)
        if match is None or not abbreviates(match.group("short"), mention.text):
            continue
        defined.setdefault(match.group("short"), (mention.actor, match.end()))
    if not defined:
        return found
    taken = [(m.start, m.end) for m in found]
    more: list[ActorMention] = []
    for short, (actor, after) in defined.items():
        for use in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text[:stop]):
            if use.start() >= after and not any(
                a < use.end() and use.start() < b for a, b in taken
            ):
                more.append(ActorMention(actor, use.start(), use.end(), short))
    return sorted(found + more, key=lambda m: m.start)


@cache
def _demonyms() -> frozenset[str]:
    """The demonyms of ``data/demonyms.tsv``, lower-case ("colombian", "pakistani")."""
    text = resources.files("mapper").joinpath("data", "demonyms.tsv").read_text(encoding="utf-8")
    return frozenset(
        line.split("\t")[0].strip().lower().replace("-", " ")
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def _inside_longer_name(text: str, start: int, at: int) -> bool:
    """Whether the alias at ``at`` continues a capitalised name that starts before it ("Karen
    National Liberation Army", "Kachin Independence Army"): the word before it is capitalised
    and is neither an opening word ("The"), a possessive ("Colombia's") nor a demonym
    ("Colombian National Liberation Army" is the ELN)."""
    found = _WORD_BEFORE.search(text, max(start, at - 40), at)
    if found is None:
        return False
    word = found.group(1).lower()
    return word not in _NAME_OPENERS and word not in _demonyms()
