"""The filter rules of the map in Python: the same as the page's (``mapper/map/js/filters.js``).

``mapper build`` turns names a user typed into :class:`Filters` (:func:`resolve_filters`, with
"did you mean" suggestions) and keeps what passes (:func:`select`).  The rules, which the page
applies to the same data (``tests/data/filter_cases.json`` is run against both):

- **Region**: keys are ``country[/admin1[/admin2]]``; an incident matches by its own place, a claim
  tied to no incident by the places it names.
- **Group**: an actor id matches itself and its branches (``is`` includes ``iskp``).  An incident
  matches the group that *did* it (its perpetrator); a claim matches the group that *made* it (its
  claimant) and the groups it is *about* (``about``, ``also_about``).  An incident also shows
  when one of its claims matches, so ``--group TTP`` shows the bombings the TTP denied.
- **Type**: event types select incidents; ``claim:<type>`` selects claims of that type, tied to
  incidents or not, and the incidents they are tied to.
- **Dates**: an item's date range, widened to its precision (a year-only date covers the year),
  must overlap ``since..until``; undated items are hidden by a date filter unless
  ``keep_undated``.
- **Words**: every word must occur (folded) in an incident's, or a lone claim's, text fields.
- A claim tied to incidents shows beside them: when one of its incidents shows and either the
  claim matches the group and type filters itself, or its incident matched them by its own
  perpetrator and event type and no claim type was chosen.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Any

from mapper.errors import RenderError
from mapper.model import CLAIM_TYPES, EVENT_TYPES

#: Group filter value for incidents with no known perpetrator.
UNATTRIBUTED = "_none"
#: Prefix of type filter values that select claims of a kind ("claim:allegation").
CLAIM_TYPE_PREFIX = "claim:"
#: Separator of the parts of a region key ("Afghanistan/Nangarhar/Jalalabad").
REGION_SEP = "/"
#: Prefix of a region key for a real region with nothing mapped in it (selects nothing).
EMPTY_REGION_PREFIX = "?"

_WORD_GAPS = re.compile(r"[\W_]+")
_ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PRECISION_CHARS = {"year": 4, "month": 7}


def fold(text: str | None) -> str:
    """Fold a name for matching: lower case, no accents, punctuation and spaces as one space.

    The page's script folds with the same rules (``fold`` in ``js/util.js``).
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not "\u0300" <= ch <= "\u036f")
    return _WORD_GAPS.sub(" ", stripped.lower()).strip()


@dataclass(frozen=True, slots=True)
class Filters:
    """What the map shows; empty means no restriction on that facet.

    Attributes
    ----------
    regions
        Region keys (``"Afghanistan"``, ``"Afghanistan/Nangarhar"``, ...).
    groups
        Actor ids (or :data:`UNATTRIBUTED`), each including its branches.
    types
        Event types, or ``"claim:<claim_type>"``.
    since, until
        ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), inclusive.
    keep_undated
        Keep undated incidents and claims under a date filter.
    text
        Words that must all occur (folded) in the item's text fields.
    """

    regions: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    keep_undated: bool = False
    text: str = ""

    def is_empty(self) -> bool:
        """True when nothing is filtered out."""
        return not (
            self.regions or self.groups or self.types or self.since or self.until or self.text
        )


def feature_props(feature: Mapping[str, Any]) -> Mapping[str, Any]:
    """A feature's properties, or an empty mapping."""
    props = feature.get("properties")
    return props if type(props) is dict or isinstance(props, Mapping) else {}


def features_of(collection: Mapping[str, Any], kind: str) -> list[Mapping[str, Any]]:
    """The collection's features of one kind (``"incident"`` or ``"claim"``).

    Raises
    ------
    RenderError
        If the collection has no ``features`` list.
    """
    features = collection.get("features")
    if not isinstance(features, list):
        msg = "cannot build the map: the collection has no 'features' list"
        raise RenderError(msg)
    return [
        f
        for f in features
        if (type(f) is dict or isinstance(f, Mapping)) and feature_props(f).get("kind") == kind
    ]


def _region_keys(country: Any, admin1: Any, admin2: Any) -> list[str]:
    if not country:
        return []
    keys = [str(country)]
    if admin1:
        keys.append(keys[-1] + REGION_SEP + str(admin1))
        if admin2:
            keys.append(keys[-1] + REGION_SEP + str(admin2))
    return keys


def incident_regions(props: Mapping[str, Any]) -> list[str]:
    """Region keys of an incident, country first (``country`` name, else ``country_code``)."""
    country = props.get("country") or props.get("country_code")
    return _region_keys(country, props.get("admin1"), props.get("admin2"))


def _places(props: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    places = props.get("places")
    return [p for p in places if isinstance(p, Mapping)] if isinstance(places, list) else []


def claim_regions(props: Mapping[str, Any]) -> list[str]:
    """Region keys of every place a claim names."""
    keys: list[str] = []
    for place in _places(props):
        keys += _region_keys(place.get("country"), place.get("admin1"), place.get("admin2"))
    return keys


def _ancestors(actors: Sequence[Any]) -> dict[str, list[str]]:
    parent = {
        str(a["id"]): a.get("parent") for a in actors if isinstance(a, Mapping) and a.get("id")
    }
    chains: dict[str, list[str]] = {}
    for actor_id in parent:
        chain, seen, cur = [], set(), actor_id
        while cur and cur not in seen:
            chain.append(cur)
            seen.add(cur)
            cur = str(parent.get(cur) or "")
        chains[actor_id] = chain
    return chains


def _chain(chains: Mapping[str, list[str]], actor_id: Any) -> list[str]:
    if not actor_id:
        return []
    return chains.get(str(actor_id), [str(actor_id)])


def _pad(day: str | None, *, end: bool) -> str | None:
    if not day:
        return None
    suffix = "-12-31" if end else "-01-01"
    return day + suffix[len(day) - 4 :] if len(day) < 10 else day[:10]


def date_span(start: Any, end: Any, precision: Any = None) -> tuple[str | None, str | None]:
    """First and last day an item's date may mean, widened to its precision.

    ``("2020-01-01", "2020-01-01", "year")`` is all of 2020; partial dates are padded
    (``"2021-08"`` is August 2021).  ``(None, None)`` when undated.
    """
    first = start if isinstance(start, str) and _ISO_PARTIAL.match(start) else None
    last = end if isinstance(end, str) and _ISO_PARTIAL.match(end) else None
    first, last = first or last, last or first
    if first is None or last is None:
        return None, None
    cut = _PRECISION_CHARS.get(str(precision))
    if cut:
        first, last = first[:cut], last[:cut]
    return _pad(first, end=False), _pad(last, end=True)


def _dates_pass(span: tuple[str | None, str | None], filters: Filters) -> bool:
    since, until = filters.since, filters.until
    if not (since or until):
        return True
    first, last = span
    if first is None or last is None:
        return filters.keep_undated
    if since and last < (_pad(since, end=False) or ""):
        return False
    return not (until and first > (_pad(until, end=True) or ""))


_TEXT_FIELDS = (
    "summary",
    "place_name",
    "location_text",
    "perpetrator_name",
    "claimant_name",
    "about_name",
    "country",
    "admin1",
    "admin2",
    "event_type",
    "sub_event_type",
    "channel",
)


def _haystack(props: Mapping[str, Any]) -> str:
    parts: list[Any] = [props.get(k) for k in _TEXT_FIELDS]
    targets = props.get("targets")
    parts += list(targets) if isinstance(targets, list) else []
    parts += [p.get("name") for p in _places(props)]
    sources = props.get("sources")
    for source in sources if isinstance(sources, list) else []:
        if isinstance(source, Mapping):
            parts += [source.get("sentence"), source.get("title")]
    return " " + " ".join(fold(str(p)) for p in parts if p) + " "


def _text_matches(props: Mapping[str, Any], text: str) -> bool:
    words = fold(text).split()
    if not words:
        return True
    hay = _haystack(props)
    return all(w in hay for w in words)


def _ids(value: Any) -> list[str]:
    return [str(x) for x in value] if isinstance(value, list) else []


@dataclass(frozen=True, slots=True)
class _Matcher:
    """The rules of the module docstring, for one set of filters and one actor tree."""

    filters: Filters
    chains: Mapping[str, list[str]]
    regions: frozenset[str] = field(init=False)
    groups: frozenset[str] = field(init=False)
    event_types: frozenset[str] = field(init=False)
    claim_types: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        types = self.filters.types
        claim = {t[len(CLAIM_TYPE_PREFIX) :] for t in types if t.startswith(CLAIM_TYPE_PREFIX)}
        object.__setattr__(self, "regions", frozenset(self.filters.regions))
        object.__setattr__(self, "groups", frozenset(self.filters.groups))
        object.__setattr__(
            self, "event_types", frozenset(t for t in types if not t.startswith(CLAIM_TYPE_PREFIX))
        )
        object.__setattr__(self, "claim_types", frozenset(claim))

    def incident_base(self, props: Mapping[str, Any]) -> bool:
        """Region, dates and words: the facets an incident answers by itself."""
        if self.regions and not self.regions.intersection(incident_regions(props)):
            return False
        span = date_span(
            props.get("date_start"), props.get("date_end"), props.get("time_precision")
        )
        return _dates_pass(span, self.filters) and _text_matches(props, self.filters.text)

    def incident_own(self, props: Mapping[str, Any]) -> bool:
        """Group (the perpetrator) and type (the event type) of the incident itself."""
        if self.groups:
            chain = _chain(self.chains, props.get("perpetrator")) or [UNATTRIBUTED]
            if not self.groups.intersection(chain):
                return False
        if self.event_types or self.claim_types:
            return props.get("event_type") in self.event_types
        return True

    def claim_own(self, props: Mapping[str, Any]) -> bool:
        """Group (claimant, about, also about) and type of the claim itself."""
        if self.groups:
            actors = [props.get("claimant"), props.get("about"), *_ids(props.get("also_about"))]
            if not any(self.groups.intersection(_chain(self.chains, a)) for a in actors):
                return False
        if self.event_types or self.claim_types:
            return str(props.get("claim_type")) in self.claim_types
        return True

    def lone_claim(self, props: Mapping[str, Any]) -> bool:
        """A claim tied to no incident: its own places, dates, words, group and type."""
        if self.regions and not self.regions.intersection(claim_regions(props)):
            return False
        span = date_span(
            props.get("date"),
            props.get("date_end") or props.get("date"),
            props.get("time_precision"),
        )
        if not _dates_pass(span, self.filters) or not _text_matches(props, self.filters.text):
            return False
        return self.claim_own(props)


def select(collection: Mapping[str, Any], filters: Filters) -> dict[str, Any]:
    """Keep the incidents and claims that pass the filters, by the page's rules.

    Parameters
    ----------
    collection
        A FeatureCollection in the contract's schema.
    filters
        What to keep (the rules are in the module docstring).

    Returns
    -------
    dict
        A new FeatureCollection with the same foreign members and the kept features, in order.
    """
    out = dict(collection)
    if filters.is_empty():
        out["features"] = list(collection.get("features") or [])
        return out
    matcher = _Matcher(filters, _ancestors(collection.get("actors") or []))
    incidents = {str(feature_props(f).get("id")): f for f in features_of(collection, "incident")}
    base = {i: matcher.incident_base(feature_props(f)) for i, f in incidents.items()}
    own = {i: matcher.incident_own(feature_props(f)) for i, f in incidents.items()}
    tied: dict[str, list[str]] = {}  # claim id -> its incidents on the map
    claim_own: dict[str, bool] = {}
    for f in features_of(collection, "claim"):
        props = feature_props(f)
        cid = str(props.get("id"))
        tied[cid] = [i for i in _ids(props.get("incidents")) if i in incidents]
        claim_own[cid] = matcher.claim_own(props) if tied[cid] else matcher.lone_claim(props)
    visible = {i for i in incidents if base[i] and own[i]}
    for cid, linked in tied.items():
        if claim_own[cid]:
            visible.update(i for i in linked if base[i])
    follow = not matcher.claim_types  # claims follow an incident chosen for itself
    features = []
    for feature in collection.get("features") or []:
        props = feature_props(feature) if isinstance(feature, Mapping) else {}
        kind, fid = props.get("kind"), str(props.get("id"))
        if kind == "incident":
            keep = fid in visible
        elif kind == "claim":
            linked = tied.get(fid, [])
            keep = (
                any(i in visible and (claim_own[fid] or (follow and own[i])) for i in linked)
                if linked
                else claim_own.get(fid, False)
            )
        else:
            keep = False
        if keep:
            features.append(feature)
    out["features"] = features
    return out


# --- names typed by a user ----------------------------------------------------------------


def _did_you_mean(kind: str, name: str, choices: Iterable[str]) -> RenderError:
    names = sorted({c for c in choices if c})
    by_fold: dict[str, str] = {}
    for c in names:
        by_fold.setdefault(fold(c), c)
    close = difflib.get_close_matches(fold(name), list(by_fold), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(by_fold[c]) for c in close)}?" if close else ""
    if not close and names:
        hint = f"; known {kind}s: {', '.join(names[:12])}{', ...' if len(names) > 12 else ''}"
    return RenderError(f"unknown {kind} {name!r}{hint}")


def region_names(collection: Mapping[str, Any]) -> dict[str, set[str]]:
    """Every region in the collection: folded name (and full key) -> region keys."""
    index: dict[str, set[str]] = {}
    keys: set[str] = set()
    for f in features_of(collection, "incident"):
        keys.update(incident_regions(feature_props(f)))
    for f in features_of(collection, "claim"):
        keys.update(claim_regions(feature_props(f)))
    for key in keys:
        index.setdefault(fold(key.rsplit(REGION_SEP, 1)[-1]), set()).add(key)
        index.setdefault(fold(key), set()).add(key)
    for f in features_of(collection, "incident"):
        props = feature_props(f)
        code, country = props.get("country_code"), props.get("country")
        if code and country:
            index.setdefault(fold(str(code)), set()).add(str(country))
    return index


@dataclass(frozen=True, slots=True)
class PlaceRegion:
    """The admin area containing a named place, as a region filter takes it.

    Attributes
    ----------
    name
        The place as found (``"Quetta"``).
    kind
        What the place is, in words (``"town"``, ``"place"``).
    country, admin1, admin2
        Its admin path; ``admin2`` is empty when the gazetteer has no district for it.
    """

    name: str
    kind: str
    country: str
    admin1: str = ""
    admin2: str = ""

    def key(self) -> str:
        """The region key of the district (when known), else the province, else the country."""
        return REGION_SEP.join(x for x in (self.country, self.admin1, self.admin2) if x)

    def area(self) -> str:
        """The admin area in words: ``"the district Quetta (Balochistan, Pakistan)"``."""
        if self.admin2:
            return f"the district {self.admin2} ({self.admin1}, {self.country})"
        if self.admin1:
            return f"the province {self.admin1} ({self.country})"
        return f"the country {self.country}"


def _data_places(collection: Mapping[str, Any]) -> dict[str, PlaceRegion]:
    """Places named in the data (incident places, places claims name) by folded name."""
    out: dict[str, PlaceRegion] = {}

    def add(name: Any, country: Any, admin1: Any, admin2: Any) -> None:
        if name and country and fold(str(name)) not in out:
            out[fold(str(name))] = PlaceRegion(
                str(name), "place", str(country), str(admin1 or ""), str(admin2 or "")
            )

    for f in features_of(collection, "incident"):
        p = feature_props(f)
        country = p.get("country") or p.get("country_code")
        for name in (p.get("place_name"), p.get("location_text")):
            add(name, country, p.get("admin1"), p.get("admin2"))
    for f in features_of(collection, "claim"):
        for place in _places(feature_props(f)):
            add(place.get("name"), place.get("country"), place.get("admin1"), place.get("admin2"))
    return out


def _resolve_regions(
    collection: Mapping[str, Any],
    names: Sequence[str],
    known_regions: Iterable[str],
    place_region: Callable[[str], PlaceRegion | None],
    on_note: Callable[[str], None],
) -> list[str]:
    index = region_names(collection)
    places = _data_places(collection)
    known = {fold(n): n for n in known_regions}
    keys: list[str] = []
    for name in names:
        folded = fold(name)
        found = place = None
        if folded in index:
            found = sorted(index[folded])
        else:
            place = places.get(folded)
            if place is None and folded not in known:
                place = place_region(name)
            if place is not None and place.key() and place.country:
                if place.kind == "admin area":
                    on_note(f"region {name!r} is read as {place.area()}")
                else:
                    kind = "town" if place.kind == "town" else "place"
                    on_note(
                        f"region {name!r} is a {kind}, not an admin area: showing "
                        f"{place.area()}, which contains it"
                    )
                found = [place.key()]
        if found is None and folded in known:
            found = [EMPTY_REGION_PREFIX + name]
        if found is None:
            mapped = sorted({k.rsplit(REGION_SEP, 1)[-1] for ks in index.values() for k in ks})
            in_data = [*mapped, *(p.name for p in places.values())]
            near = difflib.get_close_matches(folded, [fold(m) for m in in_data], n=1, cutoff=0.6)
            # names on the map first; the whole gazetteer only when none is close
            raise _did_you_mean("region", name, in_data if near else [*in_data, *known.values()])
        if not any(k in index.get(fold(k), set()) for k in found):
            on_note(f"nothing on the map is in {name!r}: the map will be empty")
        keys += found
    return keys


def _resolve_groups(actors: Sequence[Any], names: Sequence[str]) -> list[str]:
    index: dict[str, str] = {}
    for actor in actors:
        if not isinstance(actor, Mapping) or not actor.get("id"):
            continue
        actor_id = str(actor["id"])
        aliases = actor.get("aliases")
        for alias in [actor_id, actor.get("name"), *(aliases if isinstance(aliases, list) else [])]:
            if alias:
                index.setdefault(fold(str(alias)), actor_id)
    for alias in ("unattributed", "unknown", "none"):
        index.setdefault(alias, UNATTRIBUTED)
    ids: list[str] = []
    for name in names:
        if fold(name) not in index:
            choices = [str(a.get("name")) for a in actors if isinstance(a, Mapping)]
            aliases_ = [
                str(x)
                for a in actors
                if isinstance(a, Mapping) and isinstance(a.get("aliases"), list)
                for x in a["aliases"]
            ]
            raise _did_you_mean("group", name, [*choices, *aliases_, "unattributed"])
        ids.append(index[fold(name)])
    return ids


def _type_vocabulary(collection: Mapping[str, Any]) -> dict[str, str]:
    vocab = {fold(t): t for t in EVENT_TYPES}
    for f in features_of(collection, "incident"):
        event_type = feature_props(f).get("event_type")
        if event_type:
            vocab.setdefault(fold(str(event_type)), str(event_type))
    claim_types: list[str] = list(CLAIM_TYPES)
    for f in features_of(collection, "claim"):
        claim_type = feature_props(f).get("claim_type")
        if claim_type and str(claim_type) not in claim_types:
            claim_types.append(str(claim_type))
    for claim_type in claim_types:
        vocab[fold(claim_type)] = CLAIM_TYPE_PREFIX + claim_type
        vocab[fold(CLAIM_TYPE_PREFIX + claim_type)] = CLAIM_TYPE_PREFIX + claim_type
    return vocab


def _resolve_types(collection: Mapping[str, Any], names: Sequence[str]) -> list[str]:
    vocab = _type_vocabulary(collection)
    out: list[str] = []
    for name in names:
        folded = fold(name)
        found = vocab.get(folded)
        if found is None:
            starts = sorted({v for k, v in vocab.items() if folded and k.startswith(folded)})
            if len(starts) != 1:
                raise _did_you_mean("type", name, sorted(set(vocab.values())))
            found = starts[0]
        out.append(found)
    return out


def _check_date(label: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    padded = _pad(value, end=False) if _ISO_PARTIAL.match(value) else None
    try:
        if padded is None:
            raise ValueError(value)
        _date.fromisoformat(padded)
    except ValueError:
        msg = f"{label} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        raise RenderError(msg) from None
    return value


def _no_place(_: str) -> PlaceRegion | None:
    return None


def resolve_filters(
    collection: Mapping[str, Any],
    *,
    regions: Sequence[str] = (),
    groups: Sequence[str] = (),
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    keep_undated: bool = False,
    known_regions: Iterable[str] = (),
    place_region: Callable[[str], PlaceRegion | None] = _no_place,
    on_note: Callable[[str], None] = lambda _: None,
) -> Filters:
    """Turn names typed by a user into :class:`Filters` for this collection.

    Parameters
    ----------
    collection
        The FeatureCollection to be filtered (its regions, actors and event types are the choices).
    regions
        Country, province or district names (any case, accents optional); several mean any of them.
        A town or other place (named in the data, else found by ``place_region``) stands for the
        admin area that contains it, which ``on_note`` is told.
    groups
        Actor ids, names or aliases (``ISKP``, ``Islamic State``, ``Daesh``); ``unattributed`` too.
    types
        ACLED event types (a unique prefix is enough: ``explosions``) or claim types
        (``allegation``, ``claim:responsibility``).
    since, until
        Inclusive ISO dates, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    keep_undated
        Keep undated items under a date filter.
    known_regions
        More valid region names (from the gazetteer): naming one that has nothing mapped in it
        selects nothing instead of failing.
    place_region
        Finds the admin area of a place the data does not name (the gazetteer's best candidate).
    on_note
        Told, in one line, how a name was read when it was not a region of the map.

    Raises
    ------
    RenderError
        For an unknown region, group or type (with suggestions, names on the map first) or a
        malformed date.
    """
    since = _check_date("--since", since)
    until = _check_date("--until", until)
    if since and until and (_pad(since, end=False) or "") > (_pad(until, end=True) or ""):
        msg = f"--since {since} is after --until {until}"
        raise RenderError(msg)
    return Filters(
        regions=tuple(_resolve_regions(collection, regions, known_regions, place_region, on_note)),
        groups=tuple(_resolve_groups(collection.get("actors") or [], groups)),
        types=tuple(_resolve_types(collection, types)),
        since=since,
        until=until,
        keep_undated=keep_undated,
    )
