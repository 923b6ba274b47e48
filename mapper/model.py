"""Typed values for what the extractor finds: incidents, claims, actors and where each was read.

The vocabulary follows the ACLED codebook (event types and sub-event types, ``geo_precision`` 1-3,
``time_precision``) and the GTD's distinction between a claim of responsibility and an attribution
by others.  Values are frozen; the only dicts are made at the JSON boundary in
:mod:`mapper.export`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args

from mapper.errors import ExtractionError

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from mapper.documents import DocumentInfo

#: ACLED event types and the sub-event types used here (ACLED codebook 2023, section 3).  The
#: extractor emits ACLED's own sub-event types and names the way of an act in ``Incident.method``
#: ("ambush", "execution", "prison break", "sabotage"); "Ambush", "Execution", "Prison break" and
#: "Sabotage" stay in the vocabulary for data written by earlier versions and user GeoJSON.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Grenade",
    ),
    "Battles": (
        "Armed clash",
        "Ambush",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Execution",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Arrests",
        "Disrupted weapons use",
        "Prison break",
        "Sabotage",
        "Looting/property destruction",
        "Other",
    ),
}

#: How precise a date is, in words (ACLED's ``time_precision`` codes: day 1, week 2, more 3).
TimePrecision = Literal["day", "week", "month", "year", "unknown"]
#: Who says an actor did it: its own claim, media or officials, a hedge or another party's
#: blame, or no one (the GTD's distinction between a claim and an attribution).
Attribution = Literal["claimed", "attributed", "alleged", "unknown"]
ClaimType = Literal["responsibility", "denial", "allegation", "threat", "condemnation"]

TIME_PRECISIONS: tuple[TimePrecision, ...] = get_args(TimePrecision)
ATTRIBUTIONS: tuple[Attribution, ...] = get_args(Attribution)
CLAIM_TYPES: tuple[ClaimType, ...] = get_args(ClaimType)
#: ACLED's geo_precision: 1 the exact place, 2 near or part of a place, 3 a region or country
#: centroid.
GEO_PRECISIONS = (1, 2, 3)


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer.

    Attributes
    ----------
    id
        Stable id: ``"geonames:1138958"``, ``"curated:khorasan"``, ``"user:..."``.
    name, ascii_name
        Display name (GeoNames spelling, with diacritics) and its ASCII form.
    lat, lon
        WGS84 degrees.
    feature_class, feature_code
        GeoNames feature class (A P L S T H V R U) and code (PPLC, ADM1, PCLI, RGN, AIRP...).
    country_code, country
        ISO 3166-1 alpha-2 and English short name; ``""`` for supranational regions.
    admin1_code, admin1, admin2_code, admin2
        GeoNames-style codes (``"AF.18"``, ``"AF.18.801"``) and ASCII names.
    population
        Inhabitants, 0 when unknown or not a settlement.
    source
        ``"geonames"``, ``"curated"``, ``"user:<file>"``...
    """

    id: str
    name: str
    ascii_name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    country: str
    admin1_code: str
    admin1: str
    admin2_code: str
    admin2: str
    population: int
    source: str

    def __reduce__(self) -> tuple[Callable[..., Place], tuple[Any, ...]]:
        """Pickle as its fields, unpickled through :func:`_shared_place`."""
        return _shared_place, tuple(getattr(self, f) for f in self.__slots__)


#: Places unpickled in this process, by their fields: a place read from many results of worker
#: processes is one object here, so memory grows with the places, not with their mentions.
_SHARED_PLACES: dict[tuple[Any, ...], Place] = {}


def _shared_place(*fields: Any) -> Place:
    place = _SHARED_PLACES.get(fields)
    if place is None:
        place = _SHARED_PLACES[fields] = Place(*fields)
    return place


_T = TypeVar("_T", bound="DataclassInstance")


def slot_filler(cls: type[_T]) -> Callable[..., _T]:
    """A positional constructor for a frozen dataclass with slots, about twice as fast.

    The ``__init__`` of a frozen dataclass sets each field with ``object.__setattr__`` (found
    by name, field after field); the function returned stores each field in its slot directly.
    It takes every field, positionally and in order, and runs no ``__post_init__``. For the hot
    paths that make thousands of places, spans and mentions per corpus.

    Parameters
    ----------
    cls
        A ``@dataclass(frozen=True, slots=True)`` class without ``__post_init__``.

    Returns
    -------
    Callable
        ``make(field1, field2, ...)``, equal to ``cls(field1, field2, ...)``.
    """
    names = [f.name for f in dataclasses.fields(cls)]
    if tuple(names) != getattr(cls, "__slots__", ()) or hasattr(cls, "__post_init__"):
        msg = f"{cls.__name__} is not a slots dataclass without __post_init__"
        raise TypeError(msg)
    # generated like the dataclass's own __init__: one store per field, no loop
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    scope.update({f"set_{name}": getattr(cls, name).__set__ for name in names})
    stores = "".join(f"    set_{name}(obj, {name})\n" for name in names)
    exec(f"def make({', '.join(names)}):\n    obj = new(cls)\n{stores}    return obj\n", scope)
    make: Callable[..., _T] = scope["make"]
    return make


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name at a span of a document and what it was resolved to.

    Attributes
    ----------
    text
        The surface string; ``document.text[start:end] == text``.
    start, end
        Offsets into the document's full text.
    place
        The place meant, or None when the evidence was too weak (see ``status``).
    confidence
        In [0, 1]: the best candidate's share of the evidence.
    candidates
        The best candidates in order (the chosen place first when resolved).
    status
        ``"resolved"``, ``"ambiguous"`` (rivals too close to call) or ``"unresolved"`` (none).
    kind
        How the text refers to the place:

        - ``"toponym"``: a place name used for the place;
        - ``"description"``: a phrase naming one place ("the Afghan capital" is Kabul);
        - ``"metonym"``: a capital or country standing for its government ("Islamabad
          condemned", "Washington said"): a place mention, never an event location;
        - ``"associative"``: a name inside a modifier ("US-led coalition", "Iran-backed"): it
          says who, not where; never an event location;
        - ``"demonym"``: "Afghan", "Russian": resolved to the country, as benchmarks count it,
          never drawn on the map as a place.
    within
        The place the text puts this one inside ("X, Y district", "X in Y", "X (Y)"), when
        that place was resolved; for an unresolved name it is where the text still locates it
        (ACLED's fallback: the containing area at geo_precision 2).
    """

    text: str
    start: int
    end: int
    place: Place | None
    confidence: float
    candidates: tuple[Place, ...]
    status: str
    kind: str = "toponym"
    within: Place | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """An armed group, government or force, with the names it goes by.

    Attributes
    ----------
    id
        Stable short id, e.g. ``"iskp"``.
    name
        Display name.
    parent
        Id of the organisation it belongs to (ISKP's parent is ``"is"``), or None.
    aliases
        Names and abbreviations that refer to it, as written in text.
    kind
        ``"militant"``, ``"state"``, ``"foreign"`` or ``"media"``.
    """

    id: str
    name: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "militant"


@dataclass(frozen=True, slots=True)
class Source:
    """Where something was read: a sentence of a document.

    ``start`` and ``end`` index the document's full text, so
    ``document.text[start:end] == sentence``.
    """

    document: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class When:
    """A date interval with its precision; nothing more precise than the text is invented.

    Attributes
    ----------
    start, end
        First and last day of the interval, or None when unknown.
    precision
        ``"day"``, ``"week"``, ``"month"``, ``"year"`` or ``"unknown"``.
    inferred
        True when the year (or the whole date) was inferred rather than stated or given by the
        document's date: a weekday with a month and day, or a date from a linked report.
    text
        The phrase it was read from ("" when none).
    convention
        How a numeric date was read, and why: "day-first (document)" when the document's other
        numeric dates are day-first, "month-first (unambiguous)" when a field above 12 says so,
        ...; None for a date in words.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    precision: TimePrecision = "unknown"
    inferred: bool = False
    text: str = ""
    convention: str | None = None

    def __post_init__(self) -> None:
        if self.precision not in TIME_PRECISIONS:
            msg = f"unknown date precision {self.precision!r}"
            raise ExtractionError(msg)

    @property
    def known(self) -> bool:
        """Whether the interval has dates."""
        return self.start is not None and self.end is not None

    def overlaps(self, other: When) -> bool:
        """Whether both intervals are known and share at least one day."""
        if self.start is None or self.end is None or other.start is None or other.end is None:
            return False
        return self.start <= other.end and other.start <= self.end


UNKNOWN_WHEN = When()


@dataclass(frozen=True, slots=True)
class Count:
    """A number of people, as a best figure with low and high bounds and the phrase it came from.

    Vague words follow ACLED's conservative practice: ``best`` is the lowest figure the phrase
    allows ("dozens" -> 12, "hundreds" -> 100, "more than a hundred" -> 100), ``high`` the largest
    figure the phrase allows or None when it sets none ("dozens" -> 99, "hundreds" -> 999).
    """

    best: int | None
    low: int | None
    high: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Incident:
    """One event of political violence: who did what to whom, where and when, and who says so."""

    id: str
    event_type: str
    sub_event_type: str
    when: When
    place: Place | None
    location_text: str
    geo_precision: int | None
    perpetrator: str | None
    attribution: Attribution
    targets: tuple[str, ...] = ()
    fatalities: Count | None = None
    wounded: Count | None = None
    summary: str = ""
    sources: tuple[Source, ...] = ()
    claims: tuple[str, ...] = ()
    confidence: float = 0.5
    #: The kind of place it happened at ("airport", "funeral", "prison"...), used when linking.
    venue: str | None = None
    #: True when the type was read from a word that does not say what kind of attack it was.
    generic: bool = False
    #: True when the sentence names no place and ``place`` is the country (or province) the
    #: surrounding paragraph or document is about (``geo_precision`` 3).
    place_inferred: bool = False
    #: The finer kind of attack beside ACLED's sub-event type ("ambush", "execution", "hostage
    #: taking", "prison break", "sabotage", "arson"), after the GTD's attack types.
    method: str | None = None
    #: Attackers killed, counted apart from the victims in ``fatalities``.
    attackers_killed: Count | None = None
    #: What the extractor doubts: "implausible_toll" (a figure above the ceiling, kept as text),
    #: "date_future", "date_invalid", "date_out_of_range" (a date its sentences give was set
    #: aside).
    flags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Raises ExtractionError when a field is outside its vocabulary (ACLED's types and
        ``geo_precision``, the attributions)."""
        if self.sub_event_type not in EVENT_TYPES.get(self.event_type, ()):
            msg = f"unknown ACLED type {self.event_type!r} / {self.sub_event_type!r}"
            raise ExtractionError(msg)
        if self.attribution not in ATTRIBUTIONS:
            msg = f"unknown attribution {self.attribution!r}"
            raise ExtractionError(msg)
        if self.geo_precision not in (None, *GEO_PRECISIONS):
            msg = f"geo_precision {self.geo_precision!r} is not 1, 2 or 3"
            raise ExtractionError(msg)


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement by an actor: responsibility, denial, allegation, threat or condemnation."""

    id: str
    claimant: str | None
    claim_type: ClaimType
    about: str | None
    incidents: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()
    channel: str | None = None
    when: When = UNKNOWN_WHEN
    hedges: tuple[str, ...] = ()
    summary: str = ""
    sources: tuple[Source, ...] = ()
    confidence: float = 0.5
    #: Other actors the claim names as targets or backers ("a threat to Biden, the Taliban and
    #: ..."; "ISKP training centres, supported by Pakistani intelligence"), ``about`` first.
    also_about: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Raises ExtractionError for a claim type outside the vocabulary."""
        if self.claim_type not in CLAIM_TYPES:
            msg = f"unknown claim type {self.claim_type!r}"
            raise ExtractionError(msg)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from a set of documents, ready for the map and the exports."""

    incidents: list[Incident]
    claims: list[Claim]
    actors: list[Actor]
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    documents: list[DocumentInfo] = field(default_factory=list)


def acled_time_precision(when: When) -> int | None:
    """ACLED's ``time_precision`` code of an interval: 1 day, 2 week or several days, 3 more.

    Source: ACLED Codebook (2023), "time_precision".  None when the interval is unknown.
    """
    return {"day": 1, "week": 2, "month": 3, "year": 3}.get(when.precision)
