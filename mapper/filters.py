"""The filter rules of the map, in Python: the same as the page's panel (``mapper/map/app.js``).

``mapper build`` turns names a user typed into :class:`Filters` (:func:`resolve_filters`, with
"did you mean" suggestions) and keeps what passes (:func:`select`).  Region keys are
``country[/admin1[/admin2]]``; a group matches its perpetrator or any parent actor; types are
event types or ``claim:<claim_type>``; dates overlap; a claim linked to incidents follows them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Any

from mapper.errors import RenderError

#: Group filter value for incidents with no known perpetrator.
UNATTRIBUTED = "_none"
#: Prefix of type filter values that select claims of a kind ("claim:allegation").
CLAIM_TYPE_PREFIX = "claim:"
#: Separator of the parts of a region key ("Afghanistan/Nangarhar/Jalalabad").
REGION_SEP = "/"

_WORD_GAPS = re.compile(r"[\W_]+")
_ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def fold(text: str | None) -> str:
    """Fold a name for matching: lower case, no accents, punctuation and spaces as one space.

    The page's script folds with the same rules (``fold`` in ``app.js``).
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
        Region keys (``"Afghanistan"``, ``"Afghanistan/Nangarhar"``, ...); an incident matches
        if its country, province or district key is one of them.
    groups
        Actor ids (or :data:`UNATTRIBUTED`); an incident matches if its perpetrator or one of the
        perpetrator's parents is one of them, so ``"is"`` includes ISKP.
    types
        Event types, or ``"claim:<claim_type>"`` for claims not linked to an incident.
    since, until
        ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); the incident's date range must overlap.
    text
        Words that must all occur (folded) in the incident's text fields.
    """

    regions: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
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


def claim_regions(props: Mapping[str, Any]) -> list[str]:
    """Region keys of every place a claim names."""
    keys: list[str] = []
    for place in props.get("places") or []:
        if isinstance(place, Mapping):
            keys += _region_keys(place.get("country"), place.get("admin1"), place.get("admin2"))
    return keys


def _ancestors(actors: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    parent = {
        str(a["id"]): a.get("parent") for a in actors if isinstance(a, Mapping) and a.get("id")
    }
    chains: dict[str, list[str]] = {}
    for actor_id in parent:
        chain, seen, cur = [], set(), actor_id
        while cur and cur not in seen:
            chain.append(cur)
            seen.add(cur)
            cur = parent.get(cur) or ""
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


def _dates_overlap(start: Any, end: Any, since: str | None, until: str | None) -> bool:
    first = _pad(start or end, end=False)
    last = _pad(end or start, end=True)
    if since and (last is None or last < (_pad(since, end=False) or "")):
        return False
    return not (until and (first is None or first > (_pad(until, end=True) or "")))


def _haystack(props: Mapping[str, Any]) -> str:
    parts: list[Any] = [
        props.get(k)
        for k in (
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
        )
    ]
    parts += list(props.get("targets") or [])
    for source in props.get("sources") or []:
        if isinstance(source, Mapping):
            parts += [source.get("sentence"), source.get("title")]
    return " " + " ".join(fold(str(p)) for p in parts if p) + " "


def _text_matches(props: Mapping[str, Any], text: str) -> bool:
    words = fold(text).split()
    if not words:
        return True
    hay = _haystack(props)
    return all(w in hay for w in words)


@dataclass(frozen=True, slots=True)
class _Matcher:
    filters: Filters
    chains: Mapping[str, list[str]]
    regions: frozenset[str] = field(init=False)
    groups: frozenset[str] = field(init=False)
    types: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regions", frozenset(self.filters.regions))
        object.__setattr__(self, "groups", frozenset(self.filters.groups))
        object.__setattr__(self, "types", frozenset(self.filters.types))

    def incident(self, props: Mapping[str, Any]) -> bool:
        f = self.filters
        if self.regions and not self.regions.intersection(incident_regions(props)):
            return False
        if self.groups:
            chain = _chain(self.chains, props.get("perpetrator")) or [UNATTRIBUTED]
            if not self.groups.intersection(chain):
                return False
        if self.types and props.get("event_type") not in self.types:
            return False
        if not _dates_overlap(props.get("date_start"), props.get("date_end"), f.since, f.until):
            return False
        return _text_matches(props, f.text)

    def lone_claim(self, props: Mapping[str, Any]) -> bool:
        """A claim linked to no incident is filtered on its own places, actors, type and date."""
        f = self.filters
        if self.regions and not self.regions.intersection(claim_regions(props)):
            return False
        if self.groups:
            chain = _chain(self.chains, props.get("claimant")) + _chain(
                self.chains, props.get("about")
            )
            if not self.groups.intersection(chain):
                return False
        if self.types and CLAIM_TYPE_PREFIX + str(props.get("claim_type")) not in self.types:
            return False
        if not _dates_overlap(props.get("date"), props.get("date"), f.since, f.until):
            return False
        return _text_matches(props, f.text)


def select(collection: Mapping[str, Any], filters: Filters) -> dict[str, Any]:
    """Keep the incidents and claims that pass the filters, by the page's rules.

    A claim linked to incidents is kept when one of its incidents is kept; a claim linked to none
    is kept when its own places, claimant or subject, type (``claim:<type>``) and date pass.

    Parameters
    ----------
    collection
        A FeatureCollection in the contract's schema.
    filters
        What to keep.

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
    kept_incidents = {
        str(feature_props(f).get("id"))
        for f in features_of(collection, "incident")
        if matcher.incident(feature_props(f))
    }
    features = []
    for feature in collection.get("features") or []:
        props = feature_props(feature)
        if props.get("kind") == "incident":
            keep = str(props.get("id")) in kept_incidents
        elif props.get("kind") == "claim":
            linked = props.get("incidents") or []
            keep = (
                bool(kept_incidents.intersection(map(str, linked)))
                if linked
                else matcher.lone_claim(props)
            )
        else:
            keep = False
        if keep:
            features.append(feature)
    out["features"] = features
    return out


def _did_you_mean(kind: str, name: str, choices: Iterable[str]) -> RenderError:
    names = sorted({c for c in choices if c})
    by_fold = {fold(c): c for c in names}
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


def _resolve_regions(
    collection: Mapping[str, Any], names: Sequence[str], known_regions: Iterable[str]
) -> list[str]:
    index = region_names(collection)
    known = {fold(n): n for n in known_regions}
    keys: list[str] = []
    for name in names:
        folded = fold(name)
        if folded in index:
            keys += sorted(index[folded])
        elif folded in known:
            keys.append("?" + name)  # a real place with nothing mapped in it: selects nothing
        else:
            mapped = [k.rsplit(REGION_SEP, 1)[-1] for keys_ in index.values() for k in keys_]
            near = difflib.get_close_matches(folded, [fold(m) for m in mapped], n=1, cutoff=0.6)
            # regions on the map first; the whole gazetteer only when none is close
            raise _did_you_mean("region", name, mapped if near else [*mapped, *known.values()])
    return keys


def _resolve_groups(actors: Sequence[Mapping[str, Any]], names: Sequence[str]) -> list[str]:
    index: dict[str, str] = {}
    for actor in actors:
        if not isinstance(actor, Mapping) or not actor.get("id"):
            continue
        actor_id = str(actor["id"])
        for alias in [actor_id, actor.get("name"), *(actor.get("aliases") or [])]:
            if alias:
                index.setdefault(fold(str(alias)), actor_id)
    for alias in ("unattributed", "unknown", "none"):
        index.setdefault(alias, UNATTRIBUTED)
    ids: list[str] = []
    for name in names:
        if fold(name) not in index:
            choices = [str(a.get("name")) for a in actors if isinstance(a, Mapping)]
            aliases = [
                str(x) for a in actors if isinstance(a, Mapping) for x in a.get("aliases") or []
            ]
            raise _did_you_mean("group", name, [*choices, *aliases, "unattributed"])
        ids.append(index[fold(name)])
    return ids


def _type_vocabulary(collection: Mapping[str, Any]) -> dict[str, str]:
    from mapper.model import CLAIM_TYPES, EVENT_TYPES

    vocab = {fold(t): t for t in EVENT_TYPES}
    for f in features_of(collection, "incident"):
        event_type = feature_props(f).get("event_type")
        if event_type:
            vocab.setdefault(fold(str(event_type)), str(event_type))
    for claim_type in CLAIM_TYPES:
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


def resolve_filters(
    collection: Mapping[str, Any],
    *,
    regions: Sequence[str] = (),
    groups: Sequence[str] = (),
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    known_regions: Iterable[str] = (),
) -> Filters:
    """Turn names typed by a user into :class:`Filters` for this collection.

    Parameters
    ----------
    collection
        The FeatureCollection to be filtered (its regions, actors and event types are the choices).
    regions
        Country, province or district names (any case, accents optional); several mean any of them.
    groups
        Actor ids, names or aliases (``ISKP``, ``Islamic State``, ``Daesh``); ``unattributed`` too.
    types
        ACLED event types (a unique prefix is enough: ``explosions``) or claim types
        (``allegation``).
    since, until
        Inclusive ISO dates, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    known_regions
        More valid region names (from the gazetteer): naming one that has nothing mapped in it
        selects nothing instead of failing.

    Raises
    ------
    RenderError
        For an unknown region, group or type (with "did you mean" suggestions) or a malformed date.
    """
    since = _check_date("--since", since)
    until = _check_date("--until", until)
    if since and until and (_pad(since, end=False) or "") > (_pad(until, end=True) or ""):
        msg = f"--since {since} is after --until {until}"
        raise RenderError(msg)
    return Filters(
        regions=tuple(_resolve_regions(collection, regions, known_regions)),
        groups=tuple(_resolve_groups(collection.get("actors") or [], groups)),
        types=tuple(_resolve_types(collection, types)),
        since=since,
        until=until,
    )
