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

Candidates are found by blocking on the date and the country: every incident with a known date
and a stated place is indexed by the days of its interval (at most :data:`MAX_BLOCK_DAYS` of them)
and its country, and only incidents that share a day and a country are compared, so the cost grows
with the number of incidents, not its square.

Claims that concern the same incident by the same claimant are merged too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from mapper.actors import ActorIndex
from mapper.coref import dates_compatible, places_compatible
from mapper.dates import WEEKDAYS
from mapper.model import Claim, Count, Incident, Source, When

if TYPE_CHECKING:
    from mapper.documents import Document
    from mapper.gazetteer import Place

#: Evidence needed to link incidents of two documents (see :func:`compatible`).
CROSS_DOCUMENT_SCORE = 4
#: Two places closer than this are the same incident location (km).
SAME_PLACE_KM = 25.0
#: Incidents dated only to a longer interval than this (a month, a year) are not blocked, hence
#: not linked: "in 2016" is no evidence that two reports tell one event.
MAX_BLOCK_DAYS = 8
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
    cluster: Sequence[Incident], documents: dict[str, Document], kind: str
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
    documents: Sequence[Document] = (),
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
    final: list[Incident] = []
    for incident in merged:
        claimed = (
            any(
                c.claim_type == "responsibility"
                and actors.related(c.claimant, incident.perpetrator)
                for c in claims
                if c.id in claim_ids.get(incident.id, [])
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


def _cross_document_pairs(
    incidents: Sequence[Incident], actors: ActorIndex
) -> list[tuple[int, int, int]]:
    """Scored pairs (score, a, b) of incidents of different documents that may be one event.

    Incidents are blocked by day and country, so only those that share both are compared.
    """
    blocks: dict[tuple[dt.date, str], list[int]] = {}
    for n, incident in enumerate(incidents):
        if incident.place is None or _inferred(incident):
            continue  # linking needs the same place: one from context is no evidence
        for day in _days(incident.when):
            blocks.setdefault((day, incident.place.country_code), []).append(n)
    pairs: set[tuple[int, int]] = set()
    for block in blocks.values():
        for x in range(len(block)):
            for y in range(x + 1, len(block)):
                pairs.add((block[x], block[y]))
    scored: list[tuple[int, int, int]] = []
    for a, b in pairs:
        if _document_of(incidents[a]) == _document_of(incidents[b]):
            continue
        ok, score = compatible(incidents[a], incidents[b], actors)
        # the same place, and one more sign (same type, same date, or perpetrator and venue)
        if ok and score >= CROSS_DOCUMENT_SCORE and _places(incidents[a], incidents[b])[1]:
            scored.append((score, a, b))
    return scored


def _cluster(incidents: Sequence[Incident], actors: ActorIndex) -> list[list[Incident]]:
    """Clusters of incidents of different documents that are one event (blocked by day)."""
    scored = _cross_document_pairs(incidents, actors)
    parent = list(range(len(incidents)))
    members: dict[int, list[int]] = {n: [n] for n in range(len(incidents))}

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for _, a, b in sorted(scored, key=lambda p: (-p[0], p[1], p[2])):
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        left, right = members[ra], members[rb]
        if {_document_of(incidents[i]) for i in left} & {_document_of(incidents[i]) for i in right}:
            continue
        if not all(compatible(incidents[x], incidents[y], actors)[0] for x in left for y in right):
            continue
        if rb < ra:
            ra, rb = rb, ra
            left, right = right, left
        parent[rb] = ra
        members[ra] = sorted(left + right)
        del members[rb]
    return [[incidents[i] for i in group] for _, group in sorted(members.items())]


def _merge_incidents(
    cluster: list[Incident], actors: ActorIndex, documents: dict[str, Document]
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
    merged: list[Claim] = []
    for claim in claims:
        index = next(
            (
                n
                for n, m in enumerate(merged)
                if m.claim_type == claim.claim_type
                and claim.incidents
                and set(m.incidents) & set(claim.incidents)
                and actors.related(m.claimant, claim.claimant)
            ),
            None,
        )
        if index is None:
            merged.append(claim)
            continue
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
