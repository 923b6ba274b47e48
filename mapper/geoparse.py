"""Geoparsing: find every place mention in a document and resolve it with the document's context.

Recognition (:mod:`mapper.recognize`) gives candidate spans; this module decides which place each
one names. All mentions of one name in a document are read as the same place ("one sense per
discourse"), so the evidence of every occurrence counts; but a type word names only its own
mention: in "the Kharkiv region ... in Kharkiv" the first is the oblast, the bare name its
capital (a name shared by a unit and its seat is the town unless the text says the unit). A
candidate's score adds:

- a prior: feature class and code (countries, admin areas and populated places over streams and
  hills), population, primary over alternate names, the gazetteer's own rank;
- a type word next to the name ("Kunar province", "the city of Hyderabad");
- explicit containment between two names ("Jalalabad, the capital of Nangarhar province", "Khar,
  the main town of the Bajaur district", "Paris, Texas", "Pakistan's Swat Valley");
- nesting anywhere in the document: a reading that lies in the county or province another name
  of the document can be read as ("Walker County" ... "Huntsville": the Texas pair);
- the document's country focus: countries named in it, demonyms ("Afghan"), and the countries of
  the other names' best readings;
- closeness to the other places resolved in the document (second pass).

The confidence is the softmax share of the best candidate. When it is too low and the rivals lie
far apart, the mention is left ``"ambiguous"``: no place, and the candidates kept.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import math
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mapper.actors import ActorIndex
from mapper.dates import CARDINALS
from mapper.documents import Document
from mapper.gazetteer import CUE_ONLY_SOURCES, Gazetteer, normalize, strip_generic
from mapper.geo import haversine_km
from mapper.model import Mention as Mention
from mapper.model import Place, slot_filler
from mapper.recognize import (
    SMALL_ADMIN1,
    Demonym,
    Lexicon,
    Recognition,
    Recognizer,
    Span,
    notable_feature,
    recognizer_for,
)

#: At most this many candidates of a name are scored.
MAX_CANDIDATES = 30
#: A mention stays ambiguous when a rival more than FAR_KM away scores within MIN_RATIO of the
#: best (a score margin under 0.5), or when the best has less than MIN_CONFIDENCE.
MIN_RATIO = math.exp(-0.5)
MIN_CONFIDENCE = 0.3
FAR_KM = 161.0

_FEATURE_PRIOR: Mapping[str, float] = {
    "PCLI": 4.0, "PCLD": 3.0, "PCLS": 3.0, "PCLF": 3.0, "PCLIX": 3.0, "PCL": 3.5, "TERR": 2.5,
    "CONT": 4.0, "RGN": 3.0, "ADM1": 2.5, "ADM1H": 2.0, "ADMD": 1.0, "ADM2": 1.5, "ADM3": 0.8,
    "ADM4": 0.5,
    "PPLC": 2.5, "PPLA": 2.0, "PPLA2": 1.5, "PPLA3": 1.0, "PPLA4": 0.8, "PPLG": 1.5, "PPL": 1.0,
    "PPLX": 0.3, "VAL": 0.8, "AIRP": 0.3, "OCN": 3.5, "SEA": 2.5, "GULF": 2.0, "BAY": 1.0,
    "LK": 1.0, "STM": 0.0, "MTS": 1.0, "MT": 0.3, "ISL": 1.0, "ISLS": 1.5, "PEN": 1.5,
    "DSRT": 1.5, "PLN": 0.5, "PLAT": 0.5, "STRT": 1.0, "CHN": 0.3,
}  # fmt: skip
_CLASS_PRIOR: Mapping[str, float] = {
    "A": 1.0, "P": 0.8, "L": 0.5, "H": -0.5, "T": -0.3, "S": -0.5, "V": -0.8, "R": -1.0, "U": -1.5,
}  # fmt: skip
_COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "PCL", "TERR"})
#: Admin areas, continents and regions carry no population in GeoNames; weigh them as a place
#: this large (a continent or a region across borders at least as a large country).
_IMPLIED_POPULATION: Mapping[str, int] = {
    "ADM1": 2_000_000, "ADM1H": 1_000_000, "ADM2": 50_000, "ADM3": 20_000, "ADMD": 50_000,
    "PCLI": 5_000_000, "CONT": 100_000_000, "RGN": 5_000_000,
}  # fmt: skip
#: A notable feature (:func:`mapper.recognize.notable_feature`: a Natural Earth island, range,
#: peninsula or desert drawn at 1:10m, a curated region) weighs as a place of this many
#: people: as an ADM1H, more than the villages named after it.
NE_REGION_POPULATION = 1_000_000
#: Areas wider than a country or across borders: in a list they stand with countries.
_SUPRANATIONAL = frozenset({"CONT", "RGN", "OCN", "SEA", "GULF", "ISLS"})
#: Feature codes of the towns GeoNames records as the seat of an admin area.
_SEAT_CODES = frozenset({"PPLC", "PPLA", "PPLA2"})
_WIDE = _COUNTRY_CODES | {"ADM1", "ADM1H"} | (_SUPRANATIONAL - {"ISLS"})
#: Areas that can contain the name before them in "A, B" (a bare comma).
_ADMIN_AREAS = _COUNTRY_CODES | {"ADM1", "ADM1H", "ADM2", "ADM3", "ADMD"}
#: Areas that decide "X in [the] Y": admin units and named regions, valleys, islands and
#: peninsulas ("the town of Kalam in the Swat Valley"), which hold what lies within 400 km.
_NAMED_AREAS = frozenset({"VAL", "ISL", "ISLS", "PEN", "RGN"})
_IN_AREAS = frozenset({"ADM1", "ADM1H", "ADM2", "ADM3"}) | _NAMED_AREAS | _COUNTRY_CODES
#: Areas that can be large (islands, island groups, peninsulas, regions): a place of their
#: country within WIDE_AREA_KM of their point can lie inside them.
_WIDE_AREAS = frozenset({"ISL", "ISLS", "PEN", "RGN"})
WIDE_AREA_KM = 1000.0
_IN_GAP = re.compile(r"\s+in\s+(?:the\s+)?")

W_POPULATION = 0.45
W_PRIMARY = 0.8
W_FIRST = 0.3
W_TYPE = 2.5
W_CONTAIN = 4.0
#: A name that says its own type ("the Red Sea"): as strong as containment, since the units
#: named after a sea or gulf are written with their own type word ("Red Sea state").
W_NAME_TYPE = 4.0
#: A strong cue that the name is a place (a type word, a chain, a Persian compound).
W_CUE = 1.0
W_NEST = 1.5
#: A name listed with others of one kind ("Utah, Virginia, Washington and Wyoming").
W_LIST = 3.0
#: A first-level unit's type word elsewhere in the text ("across the province").
W_ANAPHOR = 1.25
W_COUNTRY = 3.5
W_ADMIN1 = 1.5
W_NEAR = 2.0
NEAR_SCALE_KM = 250.0
W_REGION = 1.0
REGION_SCALE_KM = 1500.0
#: Candidates closer than this to the best one count for it in the confidence.
SAME_SPOT_KM = 50.0
#: A populated place inside an admin area of the same name (Kandahar city in Kandahar province)
#: is the better pin for the bare name: it scores this much above the stronger of the two.
W_SEAT = 0.5
#: The absolute part of the confidence: a best score this high counts as an even chance.
PLAUSIBLE_SCORE = 4.0
#: The least absolute part of the confidence of a name of several words that one place has.
UNIQUE_NAME_PLAUSIBILITY = 0.8
#: A place outside the document's countries, smaller than this, with no evidence in the text
#: for it (a chain, a type word, nesting), is not taken: "Salala" in a report on Pakistan is not
#: Salalah in Oman. Countries, regions, first-level units and capitals are exempt.
ABROAD_POPULATION = 500_000
#: A populated place abroad smaller than this, that the text names only by another spelling or
#: an alternate name, is not taken even under a type word (:func:`_abroad_variants`): a city
#: of 100,000 is what recognition counts as notable; on LGL and GeoVirus the readings this
#: catches are villages and towns (Nīlī for "Nuli", Rahāl for the surname "Rahall"), and the
#: largest alternate-name reading abroad that is right, Québec for "Quebec City", has 530,000.
VARIANT_ABROAD_POPULATION = 100_000


#: Mention kinds that are never the location of an event.
NOT_LOCATIONS = frozenset({"demonym", "metonym", "associative"})


@dataclass(slots=True)
class _Group:
    """All the spans of one normalised name in a document."""

    key: str
    spans: list[Span]
    candidates: list[Place]
    static: _Static
    prior: list[float]
    bonus: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)  # prior + bonus
    scores: list[float] = field(default_factory=list)
    probs: list[float] = field(default_factory=list)  # the softmax of ``scores``
    #: Candidates the text ties to their area: a chain, a demonym's "of", nesting.
    tied: set[int] = field(default_factory=set)

    def best(self) -> Place:
        return self.candidates[max(range(len(self.scores)), key=self.scores.__getitem__)]


def geoparse(
    document: Document,
    gazetteer: Gazetteer,
    *,
    on_warning: Callable[[str], object] | None = None,
    actors: ActorIndex | None = None,
) -> list[Mention]:
    """Find and resolve the place mentions of a document, in text order.

    Only the title and the body are read: the other front-matter fields (``source:``,
    ``url:``, ``date:``) name outlets and addresses, not places.

    Parameters
    ----------
    document
        The document; offsets of the mentions index ``document.text``.
    gazetteer
        Where names are looked up.
    on_warning
        Called with one line when the document is mostly in another script than Latin (only
        names the gazetteer knows in that script are found then).
    actors
        When given, the armed groups the body names count as evidence for the countries they
        fight in (:func:`actor_votes`): "TTP militants attacked a police post in Hyderabad" is
        Hyderabad in Sindh, not the larger Hyderabad in India.
    """
    text = _without_front_matter(document)
    recognizer = recognizer_for(gazetteer)
    recognition = recognizer.recognize(text)
    if recognition.script and on_warning is not None:
        on_warning(
            f"{document.path}: mostly in {recognition.script} script; only place names the "
            "gazetteer has in that script were looked for"
        )
    votes = actor_votes(document, actors) if actors is not None else None
    return resolve(text, recognition, recognizer, votes)


def actor_votes(document: Document, actors: ActorIndex) -> dict[str, float]:
    """Country votes from the armed groups a document's body names, one per group.

    Each militant actor named (``kind`` "militant" in ``actors.json``) gives one vote, split
    evenly over the countries of its area (:meth:`mapper.actors.ActorIndex.area`); a vote
    weighs as much as a demonym ("Pakistani"). States and foreign forces give none: they act
    abroad as often as at home.

    Returns
    -------
    ISO country code -> votes (floats summing to the number of groups with an area).
    """
    votes: dict[str, float] = {}
    seen: set[str] = set()
    for found in actors.find(document.text, document.body_start):
        actor = actors.get(found.actor)
        if found.actor in seen or actor is None or actor.kind != "militant":
            continue
        seen.add(found.actor)
        area = actors.area(found.actor)
        for cc in area:
            votes[cc] = votes.get(cc, 0.0) + 1.0 / len(area)
    return votes


def geoparse_text(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Find and resolve the place mentions of a text, in text order."""
    recognizer = recognizer_for(gazetteer)
    return resolve(text, recognizer.recognize(text), recognizer)


_FIELD = re.compile(r"^([A-Za-z_]+)[ \t]*:", re.MULTILINE)


def _without_front_matter(document: Document) -> str:
    """The document's text with every front-matter field but the title blanked (same length)."""
    if document.body_start <= 0:
        return document.text
    head = document.text[: document.body_start]
    keep: list[tuple[int, int]] = []
    fields = list(_FIELD.finditer(head))
    for n, m in enumerate(fields):
        if m.group(1).lower() == "title":
            end = fields[n + 1].start() if n + 1 < len(fields) else len(head)
            keep.append((m.end(), end))
    chars = [c if c in "\r\n" else " " for c in head]
    for a, b in keep:
        chars[a:b] = head[a:b]
    return "".join(chars) + document.text[document.body_start :]


def resolve(
    text: str,
    recognition: Recognition,
    recognizer: Recognizer,
    votes: Mapping[str, float] | None = None,
) -> list[Mention]:
    """Resolve recognised spans with the document's context (see the module doc).

    ``votes`` are country votes from outside the place names (:func:`actor_votes`), counted as
    demonyms are: towards the document's countries and the country of each candidate.
    """
    lexicon = recognizer.lexicon
    spans = _admitted(recognition.places)
    known = [s for s in spans if s.candidates]
    groups = _groups(known, recognizer)
    if not groups:
        return _with_others([], spans, recognition, recognizer, text)
    unit_types = recognizer.gazetteer.admin1_types()
    anaphors: list[frozenset[str]] = []  # the text's type words, read once if needed
    for g in groups.values():
        hinted = {code for s in g.spans if s.type_hint for code in lexicon.types[s.type_hint]}
        if hinted:
            g.bonus = [W_TYPE if code in hinted else 0.0 for code in g.static.codes]
        else:
            g.bonus = [0.0] * len(g.candidates)
        if not hinted:
            _name_type(g, lexicon)
        _unit_types(g, unit_types, anaphors, text)
        if any(s.cue for s in g.spans):  # "X village", "X, Y district", "Dasht-e-Barchi"
            g.bonus = [b + W_CUE for b in g.bonus]
        if g.static.seats:
            # the seat's lift over its area, unless a type word says another kind of place:
            # "Kandahar province" is the province; "Menaka town" still the town, and "Gao
            # airport" (no airport of the name) says nothing between the town and its region
            told = hinted & set(g.static.codes)
            for i, lift, _ in g.static.seats:
                if not told or g.static.codes[i] in told:
                    g.bonus[i] += lift
    chains, outers = _containment(text, known, groups, lexicon)
    _demonym_context(text, known, recognition.demonyms, groups)
    _nesting(groups)
    listed = _lists(text, known, groups)
    for g in groups.values():
        g.scores = g.base = [p + b for p, b in zip(g.prior, g.bonus, strict=True)]
        g.probs = _softmax(g.scores)
    demonym_votes: dict[str, float] = dict(
        Counter(d.country_code for d in recognition.demonyms if d.country_code)
    )
    for cc, n in (votes or {}).items():
        demonym_votes[cc] = demonym_votes.get(cc, 0.0) + n
    for with_proximity in (False, True):
        _rescore(groups, demonym_votes, with_proximity=with_proximity)
    senses = _typed_senses(known, groups, lexicon, outers | listed)
    focus = _focus(groups, demonym_votes)
    mentions = _mentions(known, groups, focus, senses)
    mentions = _featured(text, known, mentions, groups, lexicon, focus)
    mentions = _abroad_variants(known, mentions, groups, focus, recognizer)
    mentions = _chained(text, known, mentions, chains, lexicon)
    mentions = _without_weak_alternates(mentions, known, groups, recognizer)
    return _with_others(mentions, spans, recognition, recognizer, text)


def _name_type(group: _Group, lexicon: Lexicon) -> None:
    """A name that says its own type ("the Red Sea", "the Persian Gulf", "Lake Chad") is that
    feature: W_NAME_TYPE to the candidates of the type, when others (Sudan's Red Sea state, Iran's
    Bushehr province, alternately "Persian Gulf") share the name."""
    words = group.key.split()
    if len(words) < 2:
        return
    said = lexicon.name_types.get(words[-1]) or lexicon.name_types.get(words[0])
    if not said:
        return
    codes = group.static.codes
    hits = [i for i, code in enumerate(codes) if code in said]
    if hits and len(hits) < len(codes):
        for i in hits:
            group.bonus[i] += W_NAME_TYPE


def _level_of_code(code: str) -> str:
    """The kind a list groups by: countries with the areas wider than them (continents,
    regions, seas, island groups), or first-level units; nothing for the rest."""
    if code in _COUNTRY_CODES or code in _SUPRANATIONAL:
        return "country"
    return "admin1" if code in {"ADM1", "ADM1H"} else ""


def _lists(text: str, spans: Sequence[Span], groups: Mapping[str, _Group]) -> set[int]:
    """Names listed together are things of one kind: in "Utah, Virginia, Washington and
    Wyoming" or "Alberta, Manitoba, Ontario and New Brunswick" most members are first-level
    units, so every member's first-level reading gains W_LIST (against the nesting and the
    votes that favour a county inside a listed state), likewise for countries.
    A list is three names or more joined by commas and "and"/"or", or a parallel list ("eight
    in Alberta, one in New Brunswick, and one in Quebec").

    Returns the indexes of the spans whose first-level reading a list rewarded."""
    listed: set[int] = set()
    runs: list[list[int]] = []
    for n, span in enumerate(spans):
        if n and (
            _LIST_GAP.fullmatch(text, spans[n - 1].end, span.start)
            or _PARALLEL_GAP.fullmatch(text, spans[n - 1].end, span.start)
        ):
            runs[-1].append(n)
        else:
            runs.append([n])
    for run in runs:
        if len(run) < 3:
            continue  # (most runs: one name)
        keys = list(dict.fromkeys(spans[n].key for n in run))
        if len(keys) < 3:
            continue
        levels: dict[str, str] = {}
        for key in keys:
            g = groups[key]
            scores = [p + b for p, b in zip(g.prior, g.bonus, strict=True)]
            levels[key] = _level_of_code(g.static.codes[scores.index(max(scores))])
        for key in keys:
            votes = Counter(levels[k] for k in keys if k != key)
            level, count = votes.most_common(1)[0]
            if not level or count * 2 < len(keys) - 1:
                continue
            g = groups[key]
            for i, code in enumerate(g.static.codes):
                if _level_of_code(code) == level:
                    g.bonus[i] += W_LIST
            if level == "admin1":
                listed.update(n for n in run if spans[n].key == key)
    return listed


#: "across the province", "the state's police": a first-level unit named by its type word.
_UNIT_ANAPHOR = re.compile(
    r"\b(?:the|this|that|its|whole|entire)[ \t]+(province|state|oblast|governorate|krai|republic)"
    r"\b(?![ \t]+(?:of|media|department|television|tv|news|agency|run|owned)\b)",
    re.IGNORECASE,
)


#: The type words of _UNIT_ANAPHOR: an ASCII text without any of them (lowercased) has no
#: match, and str.find says so faster than the expression, which has no first character to
#: skip ahead to.
_ANAPHOR_WORDS = ("province", "state", "oblast", "governorate", "krai", "republic")


def _unit_anaphors(text: str) -> frozenset[str]:
    """The type words _UNIT_ANAPHOR finds in ``text``, lowercased."""
    if text.isascii():
        lowered = text.lower()
        if not any(word in lowered for word in _ANAPHOR_WORDS):
            return frozenset()
    return frozenset(m.group(1).lower() for m in _UNIT_ANAPHOR.finditer(text))


def _unit_types(
    group: _Group,
    unit_types: Mapping[str, frozenset[str]],
    anaphors: list[frozenset[str]],
    text: str,
) -> None:
    """First-level units of several countries share a name ("Punjab" of Pakistan and of
    India): a type word next to the name ("Punjab province") or elsewhere in the text ("across
    the province") picks the country whose first-level units are called so. The type word's
    own bonus goes only to those units; the text's other mentions add W_ANAPHOR."""
    if group.static.codes.count("ADM1") < 2 or not unit_types:
        return  # (counted in C: most names have no two first-level units)
    units = [i for i, code in enumerate(group.static.codes) if code == "ADM1"]
    ccs = group.static.ccs
    hints = {s.type_hint for s in group.spans if s.type_hint}
    if not anaphors:
        anaphors.append(_unit_anaphors(text))
    for words, anaphoric in ((hints, False), (anaphors[0], True)):
        for word in words:
            called = [i for i in units if word in unit_types.get(ccs[i], frozenset())]
            if not called or len(called) == len(units):
                continue  # no unit, or every one, is called so: the word says nothing here
            for i in units:
                if anaphoric and i in called:
                    group.bonus[i] += W_ANAPHOR
                elif not anaphoric and i not in called:
                    group.bonus[i] -= W_TYPE  # the type word's bonus was for the others


def _without_weak_alternates(
    mentions: Sequence[Mention],
    spans: Sequence[Span],
    groups: Mapping[str, _Group],
    recognizer: Recognizer,
) -> list[Mention]:
    """Drop a one-word name left ambiguous that is no candidate's own name, only a GeoNames
    alternate or a spelling variant ("Baha'i" read as Bahua), when nothing in the text says it
    is a place: on LGL and GeoVirus such mentions are places about one time in seven."""
    out = []
    for mention, span in zip(mentions, spans, strict=True):
        if (
            " " not in span.key
            and not span.cue
            and not span.type_hint
            and mention.status == "ambiguous"
            and (
                span.key != normalize(span.text)  # a spelling variant
                or not any(recognizer.is_primary(span.key, c) for c in groups[span.key].candidates)
            )
        ):
            continue
        out.append(mention)
    return out


def _groups(spans: Iterable[Span], recognizer: Recognizer) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    memo = _STATIC.get(recognizer)
    if memo is None:
        memo = _STATIC[recognizer] = {}
    for span in spans:
        g = groups.get(span.key)
        if g is None:
            static = _static(recognizer, memo, span.key, span.candidates)
            groups[span.key] = _Group(span.key, [span], static.candidates, static, static.prior)
        else:
            g.spans.append(span)
    return groups


_FloatArray = np.ndarray[Any, np.dtype[np.float64]]


@dataclass(frozen=True, slots=True)
class _Static:
    """What a name's candidates bring regardless of the document, worked out once per name.

    Attributes
    ----------
    candidates
        The candidates scored (at most MAX_CANDIDATES).
    prior
        Each candidate's prior score (:func:`_prior`).
    codes
        Each candidate's feature code.
    seats
        The towns that are the seat of an area of the same name, with their bonus and those
        areas (:func:`_seat_bonus`).
    area_codes
        For :func:`_nesting`: admin code -> (best prior, index) of the candidates that are
        admin-1 or admin-2 units.
    rows
        For :func:`_nesting`: (index, admin2 code, admin1 code, id) of every candidate.
    admin_codes
        For :func:`_nesting`: every admin-2 and admin-1 code of the candidates (a name none of
        whose codes is another name's area code has no reading inside it).
    ccs, a1s
        Each candidate's country and admin-1 codes.
    lat, lon
        Each candidate's coordinates in radians.
    """

    candidates: list[Place]
    prior: list[float]
    codes: list[str]
    seats: list[tuple[int, float, tuple[int, ...]]]
    area_codes: dict[str, tuple[float, int]]
    rows: list[tuple[int, str, str, str]]
    admin_codes: frozenset[str]
    ccs: list[str]
    a1s: list[str]
    lat: _FloatArray
    lon: _FloatArray
    _same_spot: dict[int, list[bool]] = field(default_factory=dict)

    def own_areas(self, top: int) -> tuple[int, ...]:
        """The areas of the name that candidate ``top`` is the seat of (often none)."""
        for i, _, areas in self.seats:
            if i == top:
                return areas
        return ()

    def same_spot(self, top: int) -> list[bool]:
        """For each candidate, whether it lies within SAME_SPOT_KM of candidate ``top``."""
        got = self._same_spot.get(top)
        if got is None:
            best = self.candidates[top]
            got = [_km(best, c) < SAME_SPOT_KM or _one_feature(best, c) for c in self.candidates]
            self._same_spot[top] = got
        return got


_Memo = dict[tuple[str, int], tuple[tuple[Place, ...], "_Static"]]
#: Per recognizer (so per gazetteer, and dropped with it): (key, id of the candidates) ->
#: (candidates, static info).
_STATIC: weakref.WeakKeyDictionary[Recognizer, _Memo] = weakref.WeakKeyDictionary()


def _static(
    recognizer: Recognizer, memo: _Memo, key: str, candidates: tuple[Place, ...]
) -> _Static:
    """The document-independent part of a name's scores, remembered in ``memo``.

    The recognizer hands out one tuple of candidates per key, so the tuple's identity (checked
    with ``is``, the tuple kept alive in ``memo``) names the candidate list cheaply.
    """
    got = memo.get((key, id(candidates)))
    if got is not None and got[0] is candidates:
        return got[1]
    cands = list(candidates[:MAX_CANDIDATES])
    prior = [_prior(recognizer, key, c, rank) for rank, c in enumerate(cands)]
    static = _Static(
        cands,
        prior,
        [c.feature_code for c in cands],
        _seat_bonus(key, cands, prior, lambda place: recognizer.gazetteer.name_kind(key, place)),
        _area_codes(cands, prior),
        [(i, c.admin2_code, c.admin1_code, c.id) for i, c in enumerate(cands)],
        frozenset(code for c in cands for code in (c.admin2_code, c.admin1_code) if code),
        [c.country_code for c in cands],
        [c.admin1_code for c in cands],
        np.radians([c.lat for c in cands]),
        np.radians([c.lon for c in cands]),
    )
    if len(memo) >= 200_000:
        memo.clear()
    memo[key, id(candidates)] = (candidates, static)
    return static


#: Features so large that two GeoNames entries of one name and code a few hundred km apart are
#: one feature (the Red Sea has two, 175 km apart).
_BROAD = frozenset({"OCN", "SEA", "GULF", "BAY", "STRT", "RGN", "CONT", "MTS", "DSRT", "ISLS"})
BROAD_SAME_KM = 500.0


def _one_feature(a: Place, b: Place) -> bool:
    """Whether two candidates are one large feature recorded twice (same name and code)."""
    return (
        a.feature_code == b.feature_code
        and a.feature_code in _BROAD
        and a.name == b.name
        and _km(a, b) < BROAD_SAME_KM
    )


def _prior(recognizer: Recognizer, key: str, place: Place, rank: int) -> float:
    code = place.feature_code
    if code == "RGN" and not place.country_code:
        code = "CONT"  # a region across borders, as wide as several countries
    elif code == "ADM1" and place.country_code in SMALL_ADMIN1:
        code = "ADM2"  # Malta's local councils, Slovenia's municipalities
    score = _FEATURE_PRIOR.get(code, _CLASS_PRIOR.get(place.feature_class, 0.0))
    population = place.population or _IMPLIED_POPULATION.get(code, 0)
    if not population and notable_feature(place):
        population = NE_REGION_POPULATION  # Java, Luzon, Sinai: not outweighed by a village
    score += W_POPULATION * math.log10(population + 1)
    if recognizer.is_exact(key, place):
        score += W_PRIMARY
    elif recognizer.is_primary(key, place):
        score += W_PRIMARY / 2  # a curated alias, or the name without "City", "County"...
    if rank == 0:
        score += W_FIRST
    return score


def _seat_bonus(
    key: str,
    candidates: Sequence[Place],
    prior: Sequence[float],
    kind: Callable[[Place], int | None] = lambda place: None,
) -> list[tuple[int, float, tuple[int, ...]]]:
    """The towns to favour over the province or district of the same name that contains them,
    each with its bonus.

    The town takes its area's place among the name's readings, a little above it (W_SEAT over
    the stronger of the two priors): the pair is one reading against the namesakes elsewhere,
    so a village that is the seat of a same-name parish does not beat a larger namesake abroad
    (Cambridge, Jamaica against Cambridge, England). The bonus applies when no span of the name
    carries a type word ("Kandahar province").

    An area the key names only by another of its names ("Basra" of Al Başrah, "Mazar-i-Sharif"
    of Balkh: :func:`_seat_aliased`) is a weak reading of the name: its seat is lifted to
    W_SEAT above it, never further, so the pair does not outweigh a namesake elsewhere that
    the name calls by its own (Tripoli, Lebanon against Tripoli, Libya, whose province
    Ţarābulus is also "Tripoli"). When the area still comes out best, :func:`_typed_senses`
    reads a bare mention as its seat.

    Parameters
    ----------
    key
        The normalised name.
    candidates, prior
        Its candidates and their priors.
    kind
        How ``key`` names a candidate (:meth:`mapper.gazetteer.Gazetteer.name_kind`).

    Returns
    -------
    (town index, bonus, indexes of the areas it is the seat of) for each such town (the bonus
    may be 0: the town outranks its areas already).
    """
    areas = [i for i, c in enumerate(candidates) if c.feature_code in {"ADM1", "ADM2", "ADM3"}]
    if not areas:
        return []
    out: list[tuple[int, float, tuple[int, ...]]] = []
    for i, town in enumerate(candidates):
        if town.feature_class != "P":
            continue
        named = [a for a in areas if _seat_named(key, candidates[a], town)]
        aliased = [a for a in areas if a not in named and _seat_aliased(candidates[a], town, kind)]
        if not named and not aliased:
            continue
        lift = 0.0
        if named:
            lift = max(max(prior[a] for a in named) - prior[i], 0.0) + W_SEAT
        if aliased:
            lift = max(lift, max(prior[a] for a in aliased) + W_SEAT - prior[i])
        out.append((i, lift, tuple(sorted(named + aliased))))
    return out


def _seat_named(key: str, area: Place, town: Place) -> bool:
    # the area is named like the key ("Kandahar") or like the town (a key in another script,
    # "کابل", names both Kabul and its province); or like the key with a type word
    # ("Hyderabad District"), then the town must be the seat GeoNames records (PPLA, PPLA2):
    # a county named like one of its towns is not that town's ("Oxford County", Maine, has
    # its seat at Paris)
    return _seat_of(area, town) and (
        normalize(area.name) in (key, normalize(town.name))
        or (town.feature_code in _SEAT_CODES and strip_generic(normalize(area.name)) == key)
    )


def _seat_aliased(area: Place, town: Place, kind: Callable[[Place], int | None]) -> bool:
    """Whether ``town`` is the recorded seat of ``area`` and the name looked up (``kind``
    says how it names each place, lower is better) is another name or spelling of the area
    that names the town at least as well: "Basra" of Al Başrah and of its capital Basrah,
    "Mazar-i-Sharif" of Balkh and of its capital Mazār-e Sharīf, "Kharkiv" of Kharkivska
    oblast and the primary name of its capital Kharkiv.

    The seat is a first-level unit's PPLC or PPLA, or a district's PPLC, PPLA or PPLA2 in
    that district. A name that is the area's own and only an alternate of the town is not
    the town's by this rule (:func:`_seat_named` decides it).
    """
    if area.country_code != town.country_code or area.admin1_code != town.admin1_code:
        return False
    if area.feature_code == "ADM1":
        seat = town.feature_code in {"PPLC", "PPLA"}
    else:
        seat = (
            area.feature_code == "ADM2"
            and town.feature_code in _SEAT_CODES
            and bool(area.admin2_code)
            and area.admin2_code == town.admin2_code
        )
    if not seat:
        return False
    of_area, of_town = kind(area), kind(town)
    return of_area is not None and of_town is not None and of_town <= of_area


def _seat_of(area: Place, town: Place) -> bool:
    if area.country_code != town.country_code or area.admin1_code != town.admin1_code:
        return False
    if area.feature_code == "ADM1":
        # the recorded capital, a city, or a town the region is named after (GeoNames codes
        # some regional capitals PPL: Ménaka, capital of the Ménaka region)
        return (
            town.feature_code in {"PPLA", "PPLC"}
            or town.population >= 500_000
            or (town.population >= 5_000 and normalize(town.name) == normalize(area.name))
        )
    return area.admin2_code == town.admin2_code or town.feature_code == "PPLA2"


# -- containment ----------------------------------------------------------------------------

_BETWEEN_WORD = re.compile(r"[a-z]+")
_STOPS = re.compile(r"[.;:!?()]")
_BRACKET = re.compile(r"[ \t]*\([ \t]*(?:[a-z]+[ \t]+){0,2}")


_DIRECTION = re.compile(
    r"(?<=\s)(?:(?:far|deep|restive|troubled|remote)\s+)?(?:north|south|east|west|central|"
    r"northern|southern|eastern|western|north-?east(?:ern)?|north-?west(?:ern)?|"
    r"south-?east(?:ern)?|south-?west(?:ern)?)\s+"
)


def _relation(between: str, lexicon: Lexicon) -> str:
    """How the text between two names relates them: "comma", "contains", "near", "possessive"."""
    if _STOPS.search(between):
        # "Khost (eastern Afghanistan)", "Datta Khel (North Waziristan)"
        return "contains" if _BRACKET.fullmatch(between) else ""
    # a direction before the second name says where in it ("the Chinnigam area of south
    # Kashmir", "Konduga in north-east Nigeria"): the relation is that of the words around it
    gap = _DIRECTION.sub(" ", " ".join(between.split()).lower() + " ").strip()
    if gap in {",", "’s", "'s"}:
        return "possessive" if gap != "," else "comma"
    if len(gap) > 60:
        return ""
    words = _BETWEEN_WORD.findall(gap)
    if not words or len(words) > 8:
        return ""
    if words[-1] in lexicon.near or (len(words) >= 2 and words[-2] in lexicon.near):
        return "near"
    if words[-1] not in {"of", "in", "the"} and not (len(words) >= 2 and words[-2] in {"of", "in"}):
        return ""
    if words[0] in lexicon.features and words[1:] in (["in"], ["of"], ["in", "the"], ["of", "the"]):
        return "contains"  # "the Hamrin mountains in Salahuddin", "the X hills of Y"
    if len(words) <= 2 and words[0] in {"in", "of"} and words[-1] in {"in", "of", "the"}:
        return "contains"
    if any(w in lexicon.contains for w in words):
        return "contains"
    return ""


#: "village in Kyunhla township of ": a unit the gazetteer does not have, between two names.
_THROUGH_UNIT = re.compile(
    r"\s+(?:(?P<first>[a-z]+)\s+)?(?:in|of)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
    r"\s+(?P<unit>[a-z-]+)\s+(?:of|in)\s+(?:the\s+)?"
)


def _through_unknown(between: str, lexicon: Lexicon) -> bool:
    """Whether the text between two names is a unit the gazetteer lacks, by its type word:
    "Ywathit village in Kyunhla township of Sagaing region" (X lies in Y through it)."""
    found = _THROUGH_UNIT.fullmatch(between)
    if found is None:
        return False
    units = (*lexicon.types, *lexicon.contains)
    first = found.group("first")
    return found.group("unit") in units and (first is None or first in units)


def _type_of(between: str, lexicon: Lexicon) -> bool:
    """Whether the text between two names is X's type word and "of" or "in": "the Gondra
    district of Uttar Pradesh", "the Kalam area of the Swat Valley", "Deh Mazang square in
    Kabul", "the Hamrin mountains in Salahuddin" (X lies in Y, as with "X in Y"). The word is
    a type word, a part-of noun of ``[contains]`` or a feature word of ``[feature]`` in
    place_cues.txt."""
    words = between.lower().split()
    if words[-1:] == ["the"]:
        words = words[:-1]
    return (
        len(words) == 2
        and words[1] in ("of", "in")
        and (
            words[0] in lexicon.types
            or words[0] in lexicon.contains
            or words[0] in lexicon.features
        )
    )


def _contains(outer: Place, inner: Place) -> bool:
    if outer.id == inner.id:
        return False
    code = outer.feature_code
    if code in _COUNTRY_CODES:
        return inner.country_code == outer.country_code and inner.feature_code not in _COUNTRY_CODES
    if code == "ADM1" and outer.admin1_code:
        return inner.admin1_code == outer.admin1_code and inner.feature_code != "ADM1"
    if code == "ADM2" and outer.admin2_code:
        return inner.admin2_code == outer.admin2_code and inner.admin1_code == outer.admin1_code
    if outer.feature_class == "P":
        limit = 60.0
    elif outer.feature_code in _WIDE_AREAS and outer.country_code == inner.country_code:
        limit = WIDE_AREA_KM  # Sumatra is 1,700 km long: its point is 540 km from Kabanjahe
    else:
        limit = 400.0
    return _km(outer, inner) < limit


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s*(?:the\s+)?")
#: Between the members of a parallel list: "fifteen in British Columbia, fourteen in Nova
#: Scotia, ... and one in Quebec", "12 cases in Iraq, 4 in Syria" (a count, up to two words,
#: then "in"/"from"/"at").
_PARALLEL_GAP = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s(?:and|or)\s+)"
    rf"(?:\d[\d,.]*|{'|'.join(sorted(CARDINALS, key=len, reverse=True))}"
    r"|a\s+hundred|hundreds|dozens)(?:\s+[a-z]+){0,2}?"
    r"\s+(?:in|from|at)\s+(?:the\s+)?",
    re.IGNORECASE,
)


def _in_list(text: str, spans: Sequence[Span], k: int) -> bool:
    """True when spans[k] is followed by ", C" or " and C": "A, B, C" is a list, not "A in B"."""
    if k + 1 >= len(spans):
        return False
    return bool(_LIST_GAP.fullmatch(text[spans[k].end : spans[k + 1].start]))


def _address(groups: Mapping[str, _Group], spans: Sequence[Span], n: int) -> bool:
    """Whether "A, B, C" (spans n, n + 1, n + 2) can read as one address, each name inside the
    next ("Stroud, Ontario, Canada", "Kot Addu, Punjab, Pakistan"), rather than a list of
    three. It can when B and C have admin-area readings with C containing B, and A has a reading
    inside that B or none of A's readings is an admin area as wide as B. A list of peers
    ("Kabul, Kandahar, Herat"; "Utah, Virginia, Washington") has no such readings."""
    if n + 2 >= len(spans):
        return False
    a, b, c = (groups[spans[k].key] for k in (n, n + 1, n + 2))
    if a is b or b is c or a is c:
        return False
    outers = [
        y for y in b.candidates
        if y.feature_code in _ADMIN_AREAS
        and any(z.feature_code in _ADMIN_AREAS and _contains(z, y) for z in c.candidates)
    ]  # fmt: skip
    if not outers:
        return False
    widest = min(_level(y) for y in outers)
    return any(_contains(y, x) for y in outers for x in a.candidates) or all(
        _level(x) > widest for x in a.candidates
    )


def _near(a: Place, b: Place) -> bool:
    return _km(a, b) < 100.0


def _km(a: Place, b: Place) -> float:
    """Distance in km, equirectangular: close enough for scoring, and fast."""
    x = math.radians(b.lon - a.lon)
    if x > math.pi:
        x -= 2 * math.pi
    elif x < -math.pi:
        x += 2 * math.pi
    x *= math.cos(math.radians((a.lat + b.lat) / 2))
    y = math.radians(b.lat - a.lat)
    return 6371.0 * math.sqrt(x * x + y * y)


def _containment(  # noqa: C901 - the pair loop with its three relations
    text: str, spans: Sequence[Span], groups: Mapping[str, _Group], lexicon: Lexicon
) -> tuple[list[tuple[int, int]], set[int]]:
    """Reward the readings that agree with "A, the capital of B" style cues.

    Returns the pairs (index of the inner span, index of the outer span) that the text relates
    by a comma or brackets (the outer index negated for a bare "in"): :func:`_chained` checks
    them again once both names are resolved; and the indexes of the outer spans whose area
    reading (not a town's) a cue rewarded.
    """
    chains: list[tuple[int, int]] = []
    outers: set[int] = set()
    for n, (a, b) in enumerate(itertools.pairwise(spans)):
        if a.key == b.key or (a.key[:1] < "\u0400") != (b.key[:1] < "\u0400"):
            continue  # one name, or one name and its spelling in another script
        gap = _DIRECTION.sub("", text[a.end : b.start])  # "of south Kashmir": "of Kashmir"
        rel = _relation(gap, lexicon)
        if not rel:
            continue
        if rel == "comma" and _in_list(text, spans, n + 1) and not _address(groups, spans, n):
            continue
        o_n = n + 1
        if (
            rel == "contains"
            and n + 2 < len(spans)
            and _relation(text[b.end : spans[n + 2].start], lexicon) == "possessive"
        ):
            # "the Chinnigam area of south Kashmir's Kulgam district": X lies in the possessed
            b, o_n = spans[n + 2], n + 2
        if rel == "possessive":
            outer_g, inner_g = groups[a.key], groups[b.key]
        else:
            inner_g, outer_g = groups[a.key], groups[b.key]
            if rel == "comma" or (rel == "contains" and "(" in gap):
                chains.append((n, o_n))
            elif rel == "contains" and (
                _IN_GAP.fullmatch(gap) or _type_of(gap, lexicon) or _through_unknown(gap, lexicon)
            ):
                chains.append((n, -o_n))  # "X in Y", "X district of Y": only an area decides
        # the outer reading that holds the most plausible inner one
        best: tuple[float, int] | None = None
        for o, outer in enumerate(outer_g.candidates):
            if rel == "comma" and outer.feature_code not in _ADMIN_AREAS:
                continue
            for i, inner in enumerate(inner_g.candidates):
                ok = _near(inner, outer) if rel == "near" else _contains(outer, inner)
                if ok:
                    total = inner_g.prior[i] + outer_g.prior[o]
                    if best is None or total > best[0]:
                        best = (total, o)
        if best is None:
            continue
        outer = outer_g.candidates[best[1]]
        outer_g.bonus[best[1]] += W_CONTAIN
        outer_g.tied.add(best[1])
        if rel != "near" and outer.feature_class != "P":
            outers.add(n if rel == "possessive" else o_n)
        for i, inner in enumerate(inner_g.candidates):
            if _near(inner, outer) if rel == "near" else _contains(outer, inner):
                inner_g.bonus[i] += W_CONTAIN
                inner_g.tied.add(i)
    return chains, outers


def _demonym_context(
    text: str, spans: Sequence[Span], demonyms: Sequence[Demonym], groups: Mapping[str, _Group]
) -> None:
    """ "the Pakistani port city of Karachi", "the Syrian border town of Azaz": the name is in
    the demonym's country."""
    if not demonyms or not spans:
        return
    starts = [s.start for s in spans]
    for d in demonyms:
        k = bisect.bisect_left(starts, d.end)
        if k >= len(spans) or not _DESCRIBED.fullmatch(text, d.end, spans[k].start):
            continue
        g = groups[spans[k].key]
        for i, cc in enumerate(g.static.ccs):
            if cc == d.country_code:
                g.bonus[i] += W_CONTAIN
                g.tied.add(i)


_DESCRIBED = re.compile(r"(?:[ \t]+[a-z]+){1,3}[ \t]+of[ \t]+(?:the[ \t]+)?")


def _area_codes(
    candidates: Sequence[Place], prior: Sequence[float]
) -> dict[str, tuple[float, int]]:
    """Admin code -> (prior, index) of the best admin-1 or admin-2 reading with that code."""
    best_by_code: dict[str, tuple[float, int]] = {}
    # "Mexico" stays the country: a country's name does not become its province by nesting
    country = bool(candidates) and candidates[0].feature_code in _COUNTRY_CODES
    for o, c in enumerate(candidates):
        code = c.admin2_code if c.feature_code == "ADM2" else ""
        code = code or (c.admin1_code if c.feature_code == "ADM1" and not country else "")
        if code and (code not in best_by_code or prior[o] > best_by_code[code][0]):
            best_by_code[code] = (prior[o], o)
    return best_by_code


def _nesting(groups: Mapping[str, _Group]) -> None:
    """Reward the readings of two names of a document where one is the unit containing the other.

    "Walker County" and "Huntsville" in one story are the Texas pair (Huntsville is Walker
    County's seat), though each alone would be read in Alabama: co-mentioned places tend to
    nest. Only admin-1 and admin-2 units count as containers (countries vote apart), and each
    pair of names rewards its one best nested pair of readings, by prior.
    """
    areas = [(g, g.static.area_codes) for g in groups.values() if g.static.area_codes]
    if not areas:
        return
    inner = [(g, g.static.rows, g.static.admin_codes) for g in groups.values()]
    for outer_g, codes in areas:
        for inner_g, rows, inner_codes in inner:
            if inner_g is outer_g or codes.keys().isdisjoint(inner_codes):
                continue  # (the common case, tested in C: no reading of one inside the other)
            best: tuple[float, int, int] | None = None
            for i, a2, a1, pid in rows:
                hit = codes.get(a2) if a2 else None
                if hit is None and a1:
                    hit = codes.get(a1)
                if hit is not None and outer_g.candidates[hit[1]].id != pid:
                    total = inner_g.prior[i] + hit[0]
                    if best is None or total > best[0]:
                        best = (total, i, hit[1])
            if best is not None:
                inner_g.bonus[best[1]] += W_NEST
                inner_g.tied.add(best[1])
                for o in (best[2], *_seats_of(outer_g.candidates, best[2])):
                    outer_g.bonus[o] += W_NEST
                    outer_g.tied.add(o)


def _seats_of(candidates: Sequence[Place], unit: int) -> list[int]:
    """Indexes of the readings that are the seat of admin unit ``candidates[unit]``.

    "Gao" and "Ansongo" in one story put Gao in Mali's Gao region, but say nothing of whether
    Gao is the region or its capital city: both readings share the evidence, and the usual
    preference (a name shared by a unit and its seat is the city unless the text says
    otherwise, the convention of ACLED's coded records) decides between them. The seat of an
    admin-1 unit is coded PPLA or PPLC in GeoNames, that of an admin-2 unit PPLA2.
    """
    area = candidates[unit]
    if any(c.feature_code in _COUNTRY_CODES for c in candidates):
        return []  # "Mexico" in a story about Mexico is the country, not its capital
    level1 = area.feature_code == "ADM1"
    codes = ("PPLA", "PPLC") if level1 else ("PPLA2",)
    name = area.ascii_name.casefold()
    return [
        i
        for i, c in enumerate(candidates)
        if c.feature_code in codes
        and c.country_code == area.country_code
        and (c.admin1_code == area.admin1_code if level1 else c.admin2_code == area.admin2_code)
        and c.ascii_name.casefold() == name  # its own seat: Gao of Gao, not Toluca of Mexico
    ]


# -- document context -----------------------------------------------------------------------


def _softmax(scores: Sequence[float]) -> list[float]:
    if len(scores) == 1:
        return [1.0]  # exp(0) / exp(0), as the sums below would give
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _rescore(
    groups: Mapping[str, _Group], demonyms: Mapping[str, float], *, with_proximity: bool
) -> None:
    """Score every candidate again with the country focus (and closeness) of the other names."""
    own: dict[str, tuple[Place, float, float]] = {}  # key -> best place, its share, its vote
    countries: dict[str, float] = {cc: 0.7 * n for cc, n in demonyms.items()}
    admin1s: dict[str, float] = {}
    for key, g in groups.items():
        probs = g.probs
        top = probs.index(max(probs))  # the first best, as max(range(...), key=...) gives
        place = g.candidates[top]
        weight = probs[top] * (1.0 + 0.5 * math.log(len(g.spans)))
        own[key] = (place, probs[top], weight)
        if place.country_code:
            countries[place.country_code] = countries.get(place.country_code, 0.0) + weight
        if place.admin1_code:
            admin1s[place.admin1_code] = admin1s.get(place.admin1_code, 0.0) + weight
    n_countries = sum(countries.values())
    n_admin1s = sum(admin1s.values())
    near = _closeness(groups, own) if with_proximity else None
    near_list: list[float] | None = near.tolist() if near is not None else None
    # The hot loop of resolution: locals and one pass per candidate, same sums as written out.
    cc_get = countries.get
    a1_get = admin1s.get
    start = 0
    for key, g in groups.items():
        place, _, weight = own[key]
        mine_cc = place.country_code
        mine_a1 = place.admin1_code
        n_cc = n_countries - (weight if mine_cc else 0.0)
        n_a1 = n_admin1s - (weight if mine_a1 else 0.0)
        use_cc = n_cc > 1e-9
        use_a1 = n_a1 > 1e-9
        new: list[float] = []
        add = new.append
        base = g.base
        # each candidate's closeness bonus, or its base score (unused) when there is none
        nears = base
        if near_list is not None:
            nears = near_list[start : start + len(base)]
            start += len(base)
        for s, cc, a1, bonus in zip(base, g.static.ccs, g.static.a1s, nears, strict=True):
            if use_cc and cc:  # a continent, sea or region is in no country
                s += W_COUNTRY * (cc_get(cc, 0.0) - (weight if cc == mine_cc else 0.0)) / n_cc
            if use_a1 and a1:
                s += W_ADMIN1 * (a1_get(a1, 0.0) - (weight if a1 == mine_a1 else 0.0)) / n_a1
            if near_list is not None:
                s += bonus
            add(s)
        g.scores = new
        g.probs = _softmax(new)


def _closeness(
    groups: Mapping[str, _Group], best: Mapping[str, tuple[Place, float, float]]
) -> _FloatArray | None:
    """Each candidate's bonus for being close to the other names' confident readings.

    Two terms: closeness to the nearest confident town or district (W_NEAR, 250 km scale) and to
    the nearest confident place of any size, countries and regions included (W_REGION, 1,500 km).
    The candidates come name after name, in the order of ``groups``; None when none is confident.
    """
    refs = [(k, p) for k, (p, share, _) in best.items() if share > 0.5]
    if not refs or len(groups) == 1:
        return None  # with one name, its only reference is itself: no bonus
    statics = [g.static for g in groups.values()]
    starts = [0, *itertools.accumulate(len(s.candidates) for s in statics)]
    where = {k: n for n, k in enumerate(groups)}
    lat = np.concatenate([s.lat for s in statics])
    lon = np.concatenate([s.lon for s in statics])
    ref_lat = np.radians([p.lat for _, p in refs])
    ref_lon = np.radians([p.lon for _, p in refs])
    # candidates x references, the same operations as written out on broadcast arrays, with
    # fewer temporary arrays (the arrays are small: numpy's cost is per call)
    dlon = np.abs(np.subtract.outer(lon, ref_lon))
    np.minimum(dlon, 2 * np.pi - dlon, out=dlon)
    dlon *= np.cos(np.add.outer(lat, ref_lat) / 2)
    km = np.hypot(dlon, np.subtract.outer(lat, ref_lat), out=dlon)
    km *= 6371.0
    for col, (key, _) in enumerate(refs):
        n = where[key]
        km[starts[n] : starts[n + 1], col] = np.inf  # a name is not its own neighbour
    local = [p.feature_code not in _WIDE for _, p in refs]
    # np.minimum.reduce is what ndarray.min calls, without its Python-level wrapper
    bonus: _FloatArray = W_REGION * np.exp(-np.minimum.reduce(km, axis=1) / REGION_SCALE_KM)
    if any(local):
        near = km if all(local) else km[:, np.array(local)]
        bonus += W_NEAR * np.exp(-np.minimum.reduce(near, axis=1) / NEAR_SCALE_KM)
    return bonus


def _focus(groups: Mapping[str, _Group], demonyms: Mapping[str, float]) -> frozenset[str]:
    """The countries a document is about: named as countries, by demonyms, or the country of
    at least a third of its confidently resolved names."""
    named: set[str] = set(demonyms)
    counts: Counter[str] = Counter()
    for g in groups.values():
        probs = g.probs
        top = probs.index(max(probs))
        place = g.candidates[top]
        if place.feature_code in _COUNTRY_CODES and probs[top] > 0.5:
            named.add(place.country_code)
        if probs[top] > 0.5 and place.country_code:
            counts[place.country_code] += len(g.spans)
    total = sum(counts.values())
    named.update(cc for cc, n in counts.items() if n >= max(2, total / 3))
    return frozenset(named)


def _abroad(place: Place, focus: frozenset[str], group: _Group, top: int) -> bool:
    """A small place outside the document's countries, with no evidence in the text for it."""
    if not focus or place.country_code in focus or group.bonus[top] > 0:
        return False
    if place.feature_code in _WIDE or place.feature_code == "PPLC":
        return False
    return place.population < ABROAD_POPULATION


def _mentions(
    spans: Sequence[Span],
    groups: Mapping[str, _Group],
    focus: frozenset[str] = frozenset(),
    senses: Mapping[int, tuple[int, tuple[int, ...]]] | None = None,
) -> list[Mention]:
    """One mention per span, read as its name's best reading; a span in ``senses`` (its
    index -> the candidate it names and the readings that are one place with it, from
    :func:`_typed_senses`) names that candidate instead when the name is resolved."""
    decided: dict[str, tuple[Place | None, float, tuple[Place, ...], str]] = {}
    plausibility: dict[str, float] = {}
    for key, g in groups.items():
        probs = g.probs
        order = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)  # stable
        ranked = tuple([g.candidates[i] for i in order[:10]])
        top = ranked[0]
        plausible = 1.0 / (1.0 + math.exp(PLAUSIBLE_SCORE - g.scores[order[0]]))
        if len(probs) == 1 and " " in key:
            # a name of several words that one place alone has ("Jinnah International
            # Airport", "Dasht-e Barchi"): the name itself is the evidence, not the place's size
            plausible = max(plausible, UNIQUE_NAME_PLAUSIBILITY)
        plausibility[key] = plausible
        # Candidates that put the pin in the same spot (a city and its province) agree, and
        # so do a town and the same-name area it is the seat of (New York City and the state).
        near = g.static.same_spot(order[0])
        own = g.static.own_areas(order[0])
        same_spot = sum([probs[i] for i in order if near[i] or i in own])
        conf = same_spot * plausible
        close_rivals = [
            i for i in order[1:4] if probs[i] >= probs[order[0]] * MIN_RATIO and i not in own
        ]
        rivals_far = bool(close_rivals) and any(  # (most names have no close rival)
            not near[i]
            and haversine_km(top.lat, top.lon, g.candidates[i].lat, g.candidates[i].lon) > FAR_KM
            for i in close_rivals
        )
        # a weak reading with no rival elsewhere (one candidate, or a town and its district)
        # is still the place the text names: recognition has weighed the word already
        alone = all(near)
        weak = conf < MIN_CONFIDENCE and not alone
        if rivals_far or weak or _abroad(top, focus, g, order[0]):
            decided[key] = (None, conf, ranked, "ambiguous")
        else:
            decided[key] = (top, conf, ranked, "resolved")
    out = []
    for n, span in enumerate(spans):
        place, conf, ranked, status = decided[span.key]
        if senses and n in senses and status == "resolved":
            g = groups[span.key]
            i, pair = senses[n]
            place = g.candidates[i]
            ranked = (place, *[c for c in ranked if c is not place][:9])
            # the pair (a unit and its seat) agrees, as do the readings at the same spot
            near = g.static.same_spot(i)
            share = sum([p for k, p in enumerate(g.probs) if near[k] or k in pair])
            conf = share * plausibility[span.key]
        kind = "description" if span.kind == "description" else "toponym"
        out.append(
            _new_mention(span.text, span.start, span.end, place, round(conf, 3), ranked, status,
                         kind, None)
        )  # fmt: skip
    return out


#: ``Mention(...)`` with every field given, twice as fast (one per span of every text).
_new_mention = slot_filler(Mention)

#: Admin units -> the feature codes of the towns GeoNames records as the seat of such a unit
#: (a capital is also the seat of the district it lies in).
_SEAT_UNITS: Mapping[str, frozenset[str]] = {
    "ADM1": frozenset({"PPLC", "PPLA"}),
    "ADM2": _SEAT_CODES,
    "ADM3": _SEAT_CODES | {"PPLA3"},
}


def _unit_town(area: Place, town: Place) -> bool:
    """Whether ``town`` is the recorded seat of ``area`` (a first-level unit's capital, a
    district's headquarters), the unit being named like the town. A large city that is no seat
    ("New York" in New York State) does not count: a bare name of the state is as often the
    state."""
    seats = _SEAT_UNITS.get(area.feature_code)
    return seats is not None and town.feature_code in seats and _seat_of(area, town)


def _seat_pair(g: _Group, top: int) -> tuple[list[int], list[int]]:
    """The towns and the units of one name that are one place with reading ``top``: a unit
    and the towns of its name that are its seat (:func:`_unit_town`), or a town and the units
    it is the seat of. Empty lists when ``top`` is neither."""
    cands = g.candidates
    if cands[top].feature_class == "P":
        towns = [top]
    elif cands[top].feature_code in _SEAT_UNITS:
        towns = [t for t, c in enumerate(cands) if _unit_town(cands[top], c)]
    else:
        return [], []
    areas = [a for a, c in enumerate(cands) if any(_unit_town(c, cands[t]) for t in towns)]
    if not areas:
        return [], []
    return towns, areas


def _typed_senses(
    spans: Sequence[Span], groups: Mapping[str, _Group], lexicon: Lexicon, kept: set[int]
) -> dict[int, tuple[int, tuple[int, ...]]]:
    """One sense per document, but for the type word: which spans of a name read otherwise.

    A type word says that one mention is the admin unit ("the Kharkiv region", "Kandahar
    province"), not that every mention of the name is. A bare name shared by a unit and its
    seat is the town unless the text says the unit; so when a name's best reading is a unit
    that a town of the name is the seat of (or that town), each span takes the reading of the
    pair its own words say: a span with a type word the reading of that type, a bare span the
    town. A bare span stays the unit when the text relates it to another name as an area
    ("Chuhuiv, Kharkiv", "a district of Kandahar") or lists it with first-level units: the
    indexes in ``kept``.

    A name with no type word at all whose best reading is a unit it names only by another of
    the unit's names, the seat's too ("Basra" of Al Başrah and Basrah: :func:`_seat_aliased`),
    reads likewise: its bare spans are the seat. (The seat of a unit of the name's own gets
    W_SEAT over the unit instead, :func:`_seat_bonus`.)

    Returns
    -------
    Index of a span -> (the candidate it names, the candidates of its pair), for the spans
    whose reading is not their name's best.
    """
    pairs: dict[str, tuple[int, list[int], list[int]]] = {}
    for key, g in groups.items():
        typed = any(s.type_hint for s in g.spans)
        if (typed and len(g.spans) < 2) or (not typed and not g.static.seats):
            continue  # (most names: one sense for all their spans, and no choice)
        probs = g.probs
        top = probs.index(max(probs))
        if not typed:
            area = g.candidates[top]
            towns = [
                i
                for i, _, areas in g.static.seats
                if top in areas and not _seat_named(key, area, g.candidates[i])
            ]
            if towns:
                pairs[key] = (top, towns, [top])
            continue
        towns, areas = _seat_pair(g, top)
        if towns:
            pairs[key] = (top, towns, areas)
    senses: dict[int, tuple[int, tuple[int, ...]]] = {}
    if not pairs:
        return senses
    for n, span in enumerate(spans):
        got = pairs.get(span.key)
        if got is None:
            continue
        top, towns, areas = got
        g = groups[span.key]
        codes = lexicon.types.get(span.type_hint, ()) if span.type_hint else ()
        if codes:  # "the Kharkiv region", "Kandahar city"
            if g.static.codes[top] in codes:
                continue
            fits = [i for i in towns + areas if g.static.codes[i] in codes]
        elif g.candidates[top].feature_class == "P" or n in kept:
            continue
        else:
            fits = towns
        if fits:
            best = max(fits, key=g.probs.__getitem__)
            senses[n] = (best, tuple(towns + areas))
    return senses


#: The word after a name, for a feature word ("the Hamrin mountains").
_FEATURE_WORD = re.compile(r"[ \t]+([A-Za-z]+)")


def _featured(
    text: str,
    spans: Sequence[Span],
    mentions: list[Mention],
    groups: Mapping[str, _Group],
    lexicon: Lexicon,
    focus: frozenset[str],
) -> list[Mention]:
    """A physical feature's word after a name ("the Hamrin mountains", "the Homs desert") says
    what kind of place the mention is: no populated place. A mention read as one takes the
    best reading of the name in the feature's classes (``[feature]`` in place_cues.txt), or,
    when the town is in the document's countries, an admin unit of the name around it (the
    area named after the feature: Homs governorate for "the Homs desert"). With neither, a town
    of the document's countries stays as the feature's pin (a lake or valley is named after
    the town it lies by: "the Ayorou lake" in a report on Niger, "the Salinas valley"), unless
    a chain puts the name elsewhere (:func:`_chained`); a town abroad ("Hamrin" read as Hamren
    in India, in a report on Iraq) is a namesake, as is the unit around it, and the mention is
    left unresolved, its candidates kept (a chain may still put it inside an area).

    Parameters
    ----------
    text
        The text the spans index.
    spans, mentions
        The spans with candidates and their mentions, one for one.
    groups
        The names' candidates and scores.
    lexicon
        Where the feature words are.
    focus
        The document's countries (:func:`_focus`).

    Returns
    -------
    The mentions, those of such spans read again.
    """
    if not lexicon.features:
        return mentions
    for n, span in enumerate(spans):
        m = mentions[n]
        if m.place is None or m.place.feature_class != "P" or m.kind != "toponym":
            continue
        after = _FEATURE_WORD.match(text, span.end)
        classes = lexicon.features.get(after.group(1).lower(), "") if after else ""
        if not classes:
            continue
        g = groups[span.key]
        town = m.place
        home = town.country_code in focus
        fits = [
            i
            for i, c in enumerate(g.candidates)
            if c.feature_class in classes
            or (home and c.feature_class == "A" and _contains(c, town))
        ]
        if not fits:
            if not home:
                mentions[n] = dataclasses.replace(m, place=None, status="unresolved")
            continue
        best = max(fits, key=g.probs.__getitem__)
        share = g.probs[best] / sum([g.probs[i] for i in fits])
        place = g.candidates[best]
        ranked = (place, *[c for c in m.candidates if c is not place][:9])
        mentions[n] = dataclasses.replace(
            m, place=place, confidence=round(share, 3), candidates=ranked
        )
    return mentions


def _abroad_variants(
    spans: Sequence[Span],
    mentions: list[Mention],
    groups: Mapping[str, _Group],
    focus: frozenset[str],
    recognizer: Recognizer,
) -> list[Mention]:
    """A small place abroad that the text reaches only through another spelling or an
    alternate name never beats the document's country focus without evidence (issue 10):
    "the village of Chai" in a report on Mozambique is not Çey in Turkey, whose alternate name
    "Chai" is. Such a mention is left unresolved, its candidates kept.

    It applies to a populated place (not a capital) of fewer than VARIANT_ABROAD_POPULATION
    people outside the focus countries (:func:`_focus`), when no span of its name writes its
    own name (every one a spelling variant, or a key that is only an alternate of it), and
    nothing else ties it to its country: no chain or nesting rewarded it
    (:attr:`_Group.tied`) and no other name of the text is resolved in that country. A type
    word ("the village of") says a place, not which country's, so it is no such evidence.
    Large places and primary names ("Paris" in an American story) are left alone; so is a
    place named with its country ("Çey, Turkey"): the country is then in focus.

    Parameters
    ----------
    spans, mentions
        The spans with candidates and their mentions, one for one.
    groups
        The names' candidates, with the readings the text ties to their area.
    focus
        The document's countries (:func:`_focus`); with none, nothing is abroad.
    recognizer
        Says whether a key is a place's own name.

    Returns
    -------
    The mentions, such readings left unresolved.
    """
    if not focus:
        return mentions
    suspects = []
    for n, span in enumerate(spans):
        m = mentions[n]
        place = m.place
        if (
            place is None
            or m.status != "resolved"
            or place.feature_class != "P"
            or place.feature_code == "PPLC"
            or place.population >= VARIANT_ABROAD_POPULATION
            or place.country_code in focus
        ):
            continue
        g = groups[span.key]
        if any(c.id == place.id and i in g.tied for i, c in enumerate(g.candidates)):
            continue
        if recognizer.is_primary(span.key, place) and any(
            s.key == normalize(s.text) for s in g.spans
        ):
            continue  # the name's own spelling is in the text
        suspects.append(n)
    if not suspects:
        return mentions
    # the other names of the text resolved in each country (not the suspects themselves)
    named: dict[str, set[str]] = {}
    held = set(suspects)
    for n, m in enumerate(mentions):
        if m.place is not None and m.status == "resolved" and n not in held:
            named.setdefault(m.place.country_code, set()).add(spans[n].key)
    for n in suspects:
        m = mentions[n]
        cc = m.place.country_code if m.place is not None else ""
        if named.get(cc, set()) - {spans[n].key}:
            continue  # another name of the text is read in that country
        mentions[n] = dataclasses.replace(m, place=None, status="unresolved")
    return mentions


def _chained(
    text: str,
    spans: Sequence[Span],
    mentions: list[Mention],
    chains: Sequence[tuple[int, int]],
    lexicon: Lexicon,
) -> list[Mention]:
    """ "X, Y" / "X in Y" / "X (Y)": X lies inside Y. When Y is a resolved area and X was read
    as a place outside it, X is left unresolved inside Y (never a namesake elsewhere)."""
    for inner, signed in chains:
        outer = abs(signed)
        x, y = mentions[inner], mentions[outer]
        area = y.place
        if area is None or x.kind != "toponym":
            continue
        named_area = signed < 0 and area.feature_code in _NAMED_AREAS  # "in the Swat Valley"
        if area.feature_code not in _ADMIN_AREAS and area.feature_class != "P" and not named_area:
            continue
        # "X in Y": Y an admin area or a named region, or a city around a small place ("Deh
        # Mazang in Kabul")
        in_city = (
            signed < 0
            and area.feature_code in {"PPLC", "PPLA", "PPLA2"}
            and x.place is not None
            and x.place.feature_class == "P"
            and x.place.population < 100_000
        )
        if signed < 0 and area.feature_code not in _IN_AREAS and not in_city:
            continue
        if x.place is not None and _level(x.place) <= _level(area) and not in_city:
            continue  # "Qatar, Russia, Iran": a list, not one inside the other
        if x.place is not None and not _contains(area, x.place) and x.place.id != area.id:
            mentions[inner] = dataclasses.replace(x, place=None, status="unresolved", within=area)
        else:
            mentions[inner] = dataclasses.replace(x, within=area)
    return mentions


def _level(place: Place) -> int:
    """0 a country or wider, 1 a first-level unit or region, 2 a district, 3 anything smaller."""
    code = place.feature_code
    if code in _COUNTRY_CODES or code in {"CONT", "OCN"}:
        return 0
    if code in {"ADM1", "ADM1H", "RGN", "SEA", "GULF", "MTS"}:
        return 1
    if code in {"ADM2", "ADMD", "VAL", "ISL", "ISLS", "PEN"}:
        return 2
    return 3


def _admitted(spans: Sequence[Span]) -> list[Span]:
    """Spans with the candidates their context admits: small places that count only under a
    strong cue (villages) are dropped from a span without one; a span left with none goes."""
    out: list[Span] = []
    for span in spans:
        if span.cue:
            out.append(span)
            continue
        kept = _without_cue_only(span.candidates)
        if kept is span.candidates:
            out.append(span)
        elif kept:
            out.append(dataclasses.replace(span, candidates=kept))
    return out


#: id of a candidate tuple -> (the tuple, the same without cue-only places, or the tuple itself
#: when it has none): the recognizer hands out one tuple per name, so one filtered tuple per
#: name follows, and the later stages' memos (by identity) hold for it.
_CUE_ONLY_FREE: dict[int, tuple[tuple[Place, ...], tuple[Place, ...]]] = {}


def _without_cue_only(candidates: tuple[Place, ...]) -> tuple[Place, ...]:
    got = _CUE_ONLY_FREE.get(id(candidates))
    if got is not None and got[0] is candidates:
        return got[1]
    kept = candidates
    if any(p.source in CUE_ONLY_SOURCES for p in candidates):
        kept = tuple(p for p in candidates if p.source not in CUE_ONLY_SOURCES)
    if len(_CUE_ONLY_FREE) >= 200_000:
        _CUE_ONLY_FREE.clear()
    _CUE_ONLY_FREE[id(candidates)] = (candidates, kept)
    return kept


_REPORTING = re.compile(r"[ \t]+(?:has[ \t]+|have[ \t]+|had[ \t]+|also[ \t]+)?([a-z]+)")
_MODIFIER = re.compile(r"-(?:led|backed|based|born|bound|made|funded|sponsored|allied|aligned|"
                       r"linked|run|owned|supported|trained|armed)\b")  # fmt: skip


def _with_others(
    mentions: list[Mention],
    spans: Sequence[Span],
    recognition: Recognition,
    recognizer: Recognizer,
    text: str,
) -> list[Mention]:
    """Add unknown names (unresolved), demonyms (resolved to their country) and the flags of
    metonymic and associative uses; in text order."""
    verbs = recognizer.lexicon.metonym_verbs
    flagged: list[Mention] = []
    for m in mentions:
        place = m.place
        if text.startswith("-", m.end) and _MODIFIER.match(text, m.end):
            m = dataclasses.replace(m, kind="associative")
        elif place is not None and (
            place.feature_code == "PPLC" or place.feature_code in _COUNTRY_CODES
        ):
            verb = _REPORTING.match(text, m.end)
            if verb is not None and verb.group(1) in verbs:
                m = dataclasses.replace(m, kind="metonym")
        flagged.append(m)
    resolved = sorted((m for m in flagged if m.place is not None), key=lambda m: m.start)
    starts = [m.start for m in resolved]
    for span in spans:
        if span.candidates:
            continue
        within = None
        k = bisect.bisect_left(starts, span.end)
        if k < len(resolved):
            gap = text[span.end : resolved[k].start]
            area = resolved[k].place
            if (
                area is not None
                and area.feature_code in _ADMIN_AREAS | {"PPLC", "PPLA", "PPLA2"}
                and _relation(gap, recognizer.lexicon) in ("comma", "contains")
            ) or (_TYPED_CHAIN.fullmatch(gap) and area is not None):
                within = area
        flagged.append(
            Mention(span.text, span.start, span.end, None, 0.0, (), "unresolved", within=within)
        )
    gazetteer = recognizer.gazetteer
    for d in recognition.demonyms:
        # a region's demonym ("Chechen") names the region, a country's its country
        country = gazetteer.get(d.place_id) if d.place_id else None
        country = country or _country(recognizer, d.country_code)
        if country is None:
            continue
        flagged.append(
            Mention(d.text, d.start, d.end, country, 1.0, (country,), "resolved", kind="demonym")
        )
    flagged.sort(key=lambda m: m.start)
    return flagged


#: "Zhar Sahib village, Nahr-e Saraj district": a type word, then a comma, before the area.
_TYPED_CHAIN = re.compile(r"[ \t]+[a-z]+,[ \t]*")
_COUNTRIES: weakref.WeakKeyDictionary[Recognizer, dict[str, Place | None]] = (
    weakref.WeakKeyDictionary()
)


def _country(recognizer: Recognizer, code: str) -> Place | None:
    memo = _COUNTRIES.get(recognizer)
    if memo is None:
        memo = _COUNTRIES[recognizer] = {}
    if code not in memo:
        memo[code] = recognizer.gazetteer.country(code)
    return memo[code]


# -- output ---------------------------------------------------------------------------------


def place_json(place: Place) -> dict[str, object]:
    """The JSON form of a place in ``mapper geoparse --json``."""
    return {
        "id": place.id,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "feature_code": place.feature_code,
    }


def mention_json(mention: Mention) -> dict[str, object]:
    """The JSON form of a mention: text, offsets, confidence, status, kind, place (or null)
    and the place the text puts it inside (``within``, or null)."""
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "confidence": mention.confidence,
        "status": mention.status,
        "kind": mention.kind,
        "place": place_json(mention.place) if mention.place else None,
        "within": place_json(mention.within) if mention.within else None,
    }


def document_json(path: str, mentions: Sequence[Mention]) -> dict[str, object]:
    """The JSON form of one document's geoparse: its place mentions, and apart from them its
    demonyms ("Afghan" -> Afghanistan), which name no place."""
    return {
        "document": path,
        "mentions": [mention_json(m) for m in mentions if m.kind != "demonym"],
        "demonyms": [mention_json(m) for m in mentions if m.kind == "demonym"],
    }


def format_table(results: Iterable[tuple[Document, Sequence[Mention]]]) -> str:
    """A readable table of mentions, one line each, grouped by document."""
    lines: list[str] = []
    for doc, mentions in results:
        places = [m for m in mentions if m.kind != "demonym"]
        lines.append(f"{doc.path}: {len(places)} place mention(s)")
        for m in places:
            if m.place is None:
                others = ", ".join(f"{p.name} ({p.country_code})" for p in m.candidates[:3])
                where = (
                    f"? {m.status}: {others}" if others else f"? {m.status} (not in the gazetteer)"
                )
                if m.within is not None:
                    where += f"; within {m.within.name} ({m.within.country_code})"
            else:
                p = m.place
                region = ", ".join(x for x in (p.admin1, p.country) if x and x != p.name)
                where = f"{p.name}" + (f", {region}" if region else "")
                where += f"  [{p.feature_code} {p.lat:.4f},{p.lon:.4f}]"
            if m.kind != "toponym":
                where += f"  ({m.kind})"
            lines.append(
                f"  {m.start:>6}-{m.end:<6} {m.text[:28]:<28} {m.confidence:4.2f}  {where}"
            )
    return "\n".join(lines)
