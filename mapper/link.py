"""Cross-document linking: the incidents several documents report are one incident.

Two incidents of different documents are linked when they are *compatible* (:func:`compatible`:
nothing contradicts their being one event) and there is positive evidence: the same place (the
same gazetteer place, one inside the other, or points within :data:`SAME_PLACE_KM`) and one more
sign (the same specific type, the same day, or the same perpetrator and venue).  Linking never
joins

* incidents whose dates are unknown (an undated report is not evidence of anything),
* incidents whose dates differ by more than their stated uncertainty (the intervals must
  overlap), or whose places are incompatible,
* two incidents of one document (within a document, :mod:`mapper.coref` has decided).

Candidates are found by blocking on the date and the place (:func:`_blocks`): every incident
with a known date and a stated place is indexed by the days of its interval (at most
:data:`MAX_BLOCK_DAYS` of them), its country, and keys of its place: its id, its admin-1 and
admin-2 units, and a grid cell of :data:`CELL_DEGREES`.  Two incidents are compared only when
they share a day, a country and a key that can make their places the same (one inside the other,
or points within :data:`SAME_PLACE_KM`), so the cost grows with the number of incidents (and the
number of reports of one day and place), not with its square.

Claims that concern the same incident by the same claimant are merged too.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from mapper.actors import ActorIndex
from mapper.coref import dates_compatible, places_compatible
from mapper.dates import WEEKDAYS
from mapper.geo import EARTH_RADIUS_KM
from mapper.model import Claim, Count, Incident, Source, When

if TYPE_CHECKING:
    from mapper.documents import DocumentInfo
    from mapper.model import Place

#: Evidence needed to link incidents of two documents (see :func:`compatible`).
CROSS_DOCUMENT_SCORE = 4
#: Two places closer than this are the same incident location (km).
SAME_PLACE_KM = 25.0
#: Incidents dated only to a longer interval than this (a month, a year) are not blocked, hence
#: not linked: "in 2016" is no evidence that two reports tell one event.
MAX_BLOCK_DAYS = 8
#: The side of the grid cells of the place keys (degrees of latitude and longitude).
CELL_DEGREES = 0.5
#: A region, valley or area holds the places this close to its point (km), as
#: :func:`mapper.coref.places_compatible` reads it.
REGION_KM = 150.0
_WEEKDAY_TEXT = re.compile(r"(?:last\s+)?(" + "|".join(WEEKDAYS) + r")", re.IGNORECASE)
_ATTRIBUTION_RANK = {"claimed": 3, "attributed": 2, "alleged": 1, "unknown": 0}


class _Mentioned(Protocol):
    @property
    def sub_event_type(self) -> str: ...
    @property
    def event_type(self) -> str: ...
    @property
    def generic(self) -> bool: ...
    @property
    def when(self) -> When: ...
    @property
    def place(self) -> Place | None: ...
    @property
    def geo_precision(self) -> int | None: ...
    @property
    def perpetrator(self) -> str | None: ...
    @property
    def venue(self) -> str | None: ...


def _weekday(when: When) -> int | None:
    match = _WEEKDAY_TEXT.fullmatch(when.text.strip()) if when.text else None
    return WEEKDAYS[match.group(1).lower()] if match else None


def _places(a: _Mentioned, b: _Mentioned) -> tuple[bool, bool]:
    """(compatible, same) for two locations; a place taken from context is no evidence."""
    if a.place is None or b.place is None or _inferred(a) or _inferred(b):
        return True, False
    return places_compatible(a.place, b.place, nearby_towns=True)


def _inferred(item: object) -> bool:
    return bool(getattr(item, "place_inferred", False))


def _types(a: _Mentioned, b: _Mentioned) -> tuple[bool, bool]:
    if a.sub_event_type == b.sub_event_type:
        return True, not (a.generic or b.generic)
    for one, other in ((a, b), (b, a)):
        if one.generic and (
            other.event_type != "Strategic developments"
            or getattr(other, "method", None) == "prison break"
        ):
            return True, False
    return False, False


def compatible(a: _Mentioned, b: _Mentioned, actors: ActorIndex) -> tuple[bool, int]:
    """Whether two incidents may be one event, and how much evidence says they are.

    Compatible: the same type (or one generic), compatible places, overlapping dates (a bare
    weekday must fall on the other's date), related perpetrators, the same venue.  Evidence:
    2 for the same specific type, 2 for the same place, 2 for the same day or week, 1 for the
    same perpetrator, 1 for the same venue.
    """
    type_ok, type_same = _types(a, b)
    place_ok, place_same = _places(a, b)
    date_ok, date_same = dates_compatible(a.when, b.when)
    wa, wb = _weekday(a.when), _weekday(b.when)
    if a.when.known and wb is not None and not b.when.known and a.when.start == a.when.end:
        date_ok = date_same = a.when.start is not None and a.when.start.weekday() == wb
    elif b.when.known and wa is not None and not a.when.known and b.when.start == b.when.end:
        date_ok = date_same = b.when.start is not None and b.when.start.weekday() == wa
    actors_ok = (
        a.perpetrator is None
        or b.perpetrator is None
        or actors.related(a.perpetrator, b.perpetrator)
    )
    venue_ok = a.venue is None or b.venue is None or a.venue == b.venue
    if not (type_ok and place_ok and date_ok and actors_ok and venue_ok):
        return False, 0
    score = 2 * type_same + 2 * place_same + 2 * date_same
    score += int(a.perpetrator is not None and actors.related(a.perpetrator, b.perpetrator))
    score += int(a.venue is not None and a.venue == b.venue)
    return True, score


def _better_when(a: When, b: When) -> When:
    if not a.known:
        return b if b.known or (b.text and not a.text) else a
    if not b.known or a.start is None or a.end is None or b.start is None or b.end is None:
        return a
    return b if (b.end - b.start) < (a.end - a.start) else a


def _better_place(
    a: tuple[Place | None, str, int | None], b: tuple[Place | None, str, int | None]
) -> tuple[Place | None, str, int | None]:
    if a[0] is None:
        return b
    if b[0] is None:
        return a
    if (b[2] or 3) < (a[2] or 3) or ((b[2] or 3) == (a[2] or 3) and len(b[1]) > len(a[1])):
        return b
    return a


def _better_count(a: Count | None, b: Count | None) -> Count | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if (b.best or 0) > (a.best or 0) else a


def _latest_count(
    cluster: Sequence[Incident], documents: dict[str, DocumentInfo], kind: str
) -> Count | None:
    """The toll of the latest report that gives one (a later report updates an earlier toll:
    ACLED codes "the most recent reported toll"); among reports of one date, the highest."""
    dated: list[tuple[str, int, Count]] = []
    for incident in cluster:
        count = getattr(incident, kind)
        if count is None or count.best is None:
            continue
        document = documents.get(_document_of(incident))
        dated.append(((document.date or "") if document else "", count.best, count))
    if not dated:
        return None
    return max(dated, key=lambda d: (d[0], d[1]))[2]


def link(
    per_document: Sequence[tuple[list[Incident], list[Claim]]],
    actors: ActorIndex,
    documents: Sequence[DocumentInfo] = (),
) -> tuple[list[Incident], list[Claim]]:
    """Link the incidents and claims of several documents; ids of merged items are the first's.

    Parameters
    ----------
    per_document
        Each document's incidents and claims, as :func:`mapper.extract.extract_document` gives.
    actors
        The actor index (for related perpetrators and summaries).
    documents
        The documents, for their dates (undated reports' weekdays, the latest toll).
    """
    incidents = [i for found, _ in per_document for i in found]
    claims = [c for _, found in per_document for c in found]
    clusters = _cluster(incidents, actors)
    by_document = {d.id: d for d in documents}
    merged: list[Incident] = []
    rename: dict[str, str] = {}
    for cluster in clusters:
        incident = _merge_incidents(cluster, actors, by_document)
        merged.append(incident)
        for member in cluster:
            rename[member.id] = incident.id
    claims = [
        replace(c, incidents=tuple(dict.fromkeys(rename.get(i, i) for i in c.incidents)))
        for c in claims
    ]
    claims = _merge_claims(claims, actors)
    claim_ids: dict[str, list[str]] = {}
    for claim in claims:
        for incident_id in claim.incidents:
            claim_ids.setdefault(incident_id, []).append(claim.id)
    claims_by_id: dict[str, list[Claim]] = {}
    for claim in claims:
        claims_by_id.setdefault(claim.id, []).append(claim)
    final: list[Incident] = []
    for incident in merged:
        claimed = (
            any(
                c.claim_type == "responsibility"
                and actors.related(c.claimant, incident.perpetrator)
                for claim_id in dict.fromkeys(claim_ids.get(incident.id, []))
                for c in claims_by_id[claim_id]
            )
            and incident.perpetrator is not None
        )
        attribution = "claimed" if claimed else incident.attribution
        final.append(
            replace(
                incident,
                claims=tuple(claim_ids.get(incident.id, ())),
                attribution=attribution,
                summary=summarise(incident, actors),
                confidence=_confidence(incident),
            )
        )
    by_id = {i.id: i for i in final}
    claims = [
        replace(c, summary=summarise_claim(c, actors, by_id), confidence=_claim_confidence(c))
        for c in claims
    ]
    return final, claims


def _document_of(incident: Incident) -> str:
    return incident.sources[0].document if incident.sources else incident.id


def _days(when: When) -> list[dt.date]:
    """The days of a known date interval, when it is short enough to block on."""
    if not when.known or when.start is None or when.end is None:
        return []
    span = (when.end - when.start).days
    if span < 0 or span >= MAX_BLOCK_DAYS:
        return []
    return [when.start + dt.timedelta(days=n) for n in range(span + 1)]


_REGION_CODES = frozenset({"RGN", "VAL", "AREA"})


def _cells(lat: float, lon: float, km: float) -> Iterator[tuple[int, int]]:
    """The grid cells of every point within ``km`` of (lat, lon) (the point's own cell for 0).

    A point within angular distance d of latitude φ differs by at most d in latitude and by at
    most asin(sin d / cos φ) in longitude; every cell those bounds touch is given.
    """
    reach = math.degrees(km / EARTH_RADIUS_KM)
    first_row = math.floor((max(-90.0, lat - reach) + 90.0) / CELL_DEGREES)
    last_row = math.floor((min(90.0, lat + reach) + 90.0) / CELL_DEGREES)
    columns_around = round(360.0 / CELL_DEGREES)
    ratio = math.sin(math.radians(reach)) / max(1e-12, math.cos(math.radians(lat)))
    columns: Iterable[int]
    if ratio >= 1.0:  # the circle holds a pole: every longitude
        columns = range(columns_around)
    else:
        wide = math.degrees(math.asin(ratio))
        first = math.floor((lon - wide + 180.0) / CELL_DEGREES)
        last = math.floor((lon + wide + 180.0) / CELL_DEGREES)
        columns = sorted({c % columns_around for c in range(first, last + 1)})
    for row in range(first_row, last_row + 1):
        for column in columns:
            yield row, column


def _place_keys(place: Place) -> tuple[list[object], list[object]]:
    """Keys that place an incident (``homes``) and keys it looks up (``probes``): two stated
    places can be the same (:func:`mapper.coref.places_compatible`) only when one's probes meet
    the other's homes: the same id; an admin-1 or admin-2 unit and a place in it; a region and a
    place within :data:`REGION_KM`; points within :data:`SAME_PLACE_KM` (grid cells)."""
    cell = _cells(place.lat, place.lon, 0.0)
    homes: list[object] = [("id", place.id), ("cell", *next(cell))]
    probes: list[object] = [("id", place.id)]
    if place.admin1_code:
        homes.append(("a1", place.admin1_code))
    if place.admin2_code:
        homes.append(("a2", place.admin2_code))
    code = place.feature_code
    if code in ("ADM1", "ADM1H") and place.admin1_code:
        probes.append(("a1", place.admin1_code))
    if code in ("ADM2", "ADM2H") and place.admin2_code:
        probes.append(("a2", place.admin2_code))
    km = max(REGION_KM, SAME_PLACE_KM) if code in _REGION_CODES else SAME_PLACE_KM
    probes.extend(("cell", *c) for c in _cells(place.lat, place.lon, km))
    return homes, probes


def _candidate_pairs(incidents: Sequence[Incident]) -> set[tuple[int, int]]:
    """Pairs of incidents that share a day and a country and whose places may be the same."""
    homes: dict[tuple[dt.date, str, object], list[int]] = {}
    probes: dict[tuple[dt.date, str, object], list[int]] = {}
    keys: dict[Place, tuple[list[object], list[object]]] = {}
    for n, incident in enumerate(incidents):
        place = incident.place
        if place is None or _inferred(incident):
            continue  # linking needs the same place: one from context is no evidence
        days = _days(incident.when)
        if not days:
            continue
        if place not in keys:
            keys[place] = _place_keys(place)
        own, looked_up = keys[place]
        for day in days:
            for key in own:
                homes.setdefault((day, place.country_code, key), []).append(n)
            for key in looked_up:
                probes.setdefault((day, place.country_code, key), []).append(n)
    pairs: set[tuple[int, int]] = set()
    for key, probing in probes.items():
        placed = homes.get(key)
        if not placed:
            continue
        for a in probing:
            for b in placed:
                if a != b:
                    pairs.add((a, b) if a < b else (b, a))
    return pairs


def _cluster(incidents: Sequence[Incident], actors: ActorIndex) -> list[list[Incident]]:
    """Clusters of incidents of different documents that are one event (blocked by day and
    place: :func:`_candidate_pairs`)."""
    scored: list[tuple[int, int, int]] = []
    for a, b in _candidate_pairs(incidents):
        if _document_of(incidents[a]) == _document_of(incidents[b]):
            continue
        ok, score = compatible(incidents[a], incidents[b], actors)
        # the same place, and one more sign (same type, same date, or perpetrator and venue)
        if ok and score >= CROSS_DOCUMENT_SCORE and _places(incidents[a], incidents[b])[1]:
            scored.append((score, a, b))
    parent = list(range(len(incidents)))
    members: dict[int, list[int]] = {}
    documents: dict[int, set[str]] = {}

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for _, a, b in sorted(scored, key=lambda p: (-p[0], p[1], p[2])):
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        left, right = members.get(ra, [ra]), members.get(rb, [rb])
        left_docs = documents.get(ra) or {_document_of(incidents[ra])}
        right_docs = documents.get(rb) or {_document_of(incidents[rb])}
        if left_docs & right_docs:
            continue
        if not all(compatible(incidents[x], incidents[y], actors)[0] for x in left for y in right):
            continue
        if rb < ra:
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra] = sorted(left + right)
        documents[ra] = left_docs | right_docs
        members.pop(rb, None)
        documents.pop(rb, None)
    clusters = [members.get(n, [n]) for n in range(len(incidents)) if parent[n] == n]
    return [[incidents[i] for i in group] for group in clusters]


def _merge_incidents(
    cluster: list[Incident], actors: ActorIndex, documents: dict[str, DocumentInfo]
) -> Incident:
    first = cluster[0]
    event_type, sub_event_type, generic = first.event_type, first.sub_event_type, first.generic
    method = first.method
    when, where = first.when, (first.place, first.location_text, first.geo_precision)
    inferred = first.place_inferred
    perpetrator, attribution = first.perpetrator, first.attribution
    targets: list[str] = list(first.targets)
    sources: list[Source] = list(first.sources)
    venue = first.venue
    flags = list(first.flags)
    for other in cluster[1:]:
        if generic and not other.generic:
            event_type, sub_event_type, generic = other.event_type, other.sub_event_type, False
        method = method or other.method
        when = _better_when(when, other.when)
        other_where = (other.place, other.location_text, other.geo_precision)
        if inferred and other.place is not None and not other.place_inferred:
            where, inferred = other_where, False  # a stated place beats one from context
        elif inferred or not other.place_inferred:
            where = _better_place(where, other_where)
        perpetrator = actors.more_specific(perpetrator, other.perpetrator)
        if _ATTRIBUTION_RANK[other.attribution] > _ATTRIBUTION_RANK[attribution]:
            attribution = other.attribution
        targets.extend(t for t in other.targets if t not in targets)
        sources.extend(other.sources)
        venue = venue or other.venue
        flags.extend(f for f in other.flags if f not in flags)
    return replace(
        first,
        event_type=event_type,
        sub_event_type=sub_event_type,
        generic=generic,
        method=method,
        when=when,
        place=where[0],
        location_text=where[1],
        geo_precision=where[2],
        place_inferred=inferred,
        perpetrator=perpetrator,
        attribution=attribution,
        fatalities=_latest_count(cluster, documents, "fatalities")
        if len(cluster) > 1
        else first.fatalities,
        wounded=_latest_count(cluster, documents, "wounded") if len(cluster) > 1 else first.wounded,
        attackers_killed=_latest_count(cluster, documents, "attackers_killed")
        if len(cluster) > 1
        else first.attackers_killed,
        targets=tuple(targets),
        sources=tuple(sources),
        venue=venue,
        flags=tuple(flags),
    )


def _merge_claims(claims: Iterable[Claim], actors: ActorIndex) -> list[Claim]:
    """Claims of one type by related claimants about a common incident, merged into the first
    (indexed by incident, so the cost grows with the number of claims, not its square)."""
    merged: list[Claim] = []
    by_incident: dict[str, list[int]] = {}
    for claim in claims:
        seen = {n for i in claim.incidents for n in by_incident.get(i, ())}
        index = next(
            (
                n
                for n in sorted(seen)
                if merged[n].claim_type == claim.claim_type
                and actors.related(merged[n].claimant, claim.claimant)
            ),
            None,
        )
        if index is None:
            index = len(merged)
            merged.append(claim)
        else:
            m = merged[index]
            merged[index] = replace(
                m,
                claimant=actors.more_specific(m.claimant, claim.claimant),
                incidents=tuple(dict.fromkeys(m.incidents + claim.incidents)),
                places=tuple({p.id: p for p in m.places + claim.places}.values()),
                channel=m.channel or claim.channel,
                when=_better_when(m.when, claim.when),
                hedges=tuple(dict.fromkeys(m.hedges + claim.hedges)),
                sources=m.sources + claim.sources,
            )
        for incident_id in claim.incidents:
            positions = by_incident.setdefault(incident_id, [])
            if not positions or positions[-1] != index:
                positions.append(index)
    return merged


# --- summaries and confidence ---------------------------------------------------------------


def _count_text(count: Count | None, word: str) -> str:
    if count is None or count.best is None:
        return ""
    plus = "+" if count.high is None else ""
    return f"{count.best}{plus} {word}"


def summarise(incident: Incident, actors: ActorIndex) -> str:
    """One line: what, where, when, by whom, how many."""
    what = incident.sub_event_type
    if incident.method and incident.method.lower() not in what.lower():
        what = f"{what} ({incident.method})"
    where = f" at {incident.location_text}" if incident.location_text else ""
    if incident.place_inferred and incident.place is not None:
        where = f" in {incident.place.name} (place not stated; from context)"
    when = (
        f", {incident.when.start.isoformat()}"
        if incident.when.known and incident.when.start
        else ""
    )
    if incident.when.known and incident.when.precision in ("month", "year") and incident.when.start:
        pattern = "%B %Y" if incident.when.precision == "month" else "%Y"
        when = f", {incident.when.start.strftime(pattern)}"
    who = actors.name(incident.perpetrator)
    by = f", by {who} ({incident.attribution})" if who else ""
    tolls = [
        t
        for t in (
            _count_text(incident.fatalities, "killed"),
            _count_text(incident.wounded, "wounded"),
        )
        if t
    ]
    toll = f"; {', '.join(tolls)}" if tolls else ""
    return f"{what}{where}{when}{by}{toll}"


def summarise_claim(claim: Claim, actors: ActorIndex, incidents: dict[str, Incident]) -> str:
    """One line: who claims what about whom."""
    who = actors.name(claim.claimant) or "Unknown"
    verb = {
        "responsibility": "claims responsibility for",
        "denial": "denies",
        "allegation": "alleges against",
        "threat": "threatens",
        "condemnation": "condemns",
    }[claim.claim_type]
    objects = [incidents[i].summary.split(";")[0] for i in claim.incidents if i in incidents]
    if not objects and claim.about and claim.claim_type not in ("responsibility", "denial"):
        objects = [actors.name(a) or a for a in (claim.about, *claim.also_about)]
    where = ", ".join(p.name for p in claim.places[:8])
    tail = f" ({where})" if where and claim.claim_type != "responsibility" else ""
    via = f" via {claim.channel}" if claim.channel else ""
    return f"{who} {verb} {'; '.join(objects) or 'unspecified'}{tail}{via}"


def _confidence(incident: Incident) -> float:
    score = 0.4
    score += 0.1 * (incident.place is not None) + 0.1 * incident.when.known
    score += 0.1 * (incident.perpetrator is not None) + 0.05 * (incident.fatalities is not None)
    score += 0.1 * min(2, len({s.document for s in incident.sources}) - 1)
    score -= 0.1 * incident.generic
    return round(max(0.1, min(0.95, score)), 2)


def _claim_confidence(claim: Claim) -> float:
    score = 0.6 + 0.1 * bool(claim.incidents) + 0.1 * bool(claim.channel)
    score += 0.1 * min(2, len({s.document for s in claim.sources}) - 1) - 0.1 * bool(claim.hedges)
    return round(max(0.1, min(0.95, score)), 2)
