"""Linking: mentions of one incident become one incident, within a document and across documents.

Two incident mentions are *compatible* when nothing contradicts their being one event: the same
sub-event type (or one says only "attack"), places within 25 km, overlapping dates (a bare
weekday must match the other's date), related perpetrators (ISKP and IS are related) and the
same kind of venue.  Within a document a compatible mention is merged when it is close (two
sentences), definite ("the attack"), at the same place, or has neither place nor date.  Across
documents a merge also needs positive evidence (same place or same date) and never joins two
incidents of one document.  A related but distinct incident - a rocket attack on the same airport
days later - stays apart because its type or its date differs.

An undated document whose "on Thursday" was linked to a dated incident gets its other weekdays
("On Monday") resolved against the week after that date, marked inferred.  Claims that concern the
same incident by the same claimant are merged too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from mapper.actors import ActorIndex
from mapper.dates import WEEKDAYS
from mapper.model import Claim, Count, Incident, Source, When

if TYPE_CHECKING:
    from mapper._rules import ClaimDraft, Draft
    from mapper.documents import Document
    from mapper.gazetteer import Place

#: Evidence needed to link incidents of two documents (see :func:`compatible`).
CROSS_DOCUMENT_SCORE = 4
#: Two places closer than this are the same incident location.
SAME_PLACE_KM = 25.0
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


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    from mapper.evaluate import haversine_km

    return float(haversine_km(a.lat, a.lon, b.lat, b.lon))


def _weekday(when: When) -> int | None:
    match = _WEEKDAY_TEXT.fullmatch(when.text.strip()) if when.text else None
    return WEEKDAYS[match.group(1).lower()] if match else None


def _dates(a: When, b: When) -> tuple[bool, bool]:
    """(compatible, same) for two dates."""
    if a.known and b.known:
        same = a.overlaps(b)
        return same, same and a.precision in ("day", "week", "month") and b.precision in (
            "day",
            "week",
            "month",
        )
    wa, wb = _weekday(a), _weekday(b)
    if a.known and wb is not None and a.start == a.end and a.start is not None:
        return a.start.weekday() == wb, a.start.weekday() == wb
    if b.known and wa is not None and b.start == b.end and b.start is not None:
        return b.start.weekday() == wa, b.start.weekday() == wa
    if wa is not None and wb is not None:
        return wa == wb, False
    return True, False


def _places(a: _Mentioned, b: _Mentioned) -> tuple[bool, bool]:
    """(compatible, same) for two locations; a place taken from context is no evidence."""
    if a.place is None or b.place is None or _inferred(a) or _inferred(b):
        return True, False
    if a.place.id == b.place.id:
        return True, True
    a_coarse, b_coarse = (a.geo_precision or 3) >= 3, (b.geo_precision or 3) >= 3
    if a_coarse or b_coarse:
        inside = (a_coarse and _contains(a.place, b.place)) or (
            b_coarse and _contains(b.place, a.place)
        )
        return inside, False
    close = distance_km(a.place, b.place) <= SAME_PLACE_KM
    return close, close


def _inferred(item: object) -> bool:
    return bool(getattr(item, "place_inferred", False))


def _contains(region: Place, place: Place) -> bool:
    """Whether ``place`` lies in ``region`` (a country, province or district), by codes."""
    if region.country_code != place.country_code:
        return not (region.country_code and place.country_code)
    if region.feature_code in ("ADM1", "ADM1H"):
        return region.admin1_code == place.admin1_code
    if region.feature_code in ("ADM2", "ADM2H"):
        return region.admin2_code == place.admin2_code
    return True


def _types(a: _Mentioned, b: _Mentioned) -> tuple[bool, bool]:
    if a.sub_event_type == b.sub_event_type:
        return True, not (a.generic or b.generic)
    for one, other in ((a, b), (b, a)):
        if one.generic and (
            other.event_type != "Strategic developments" or other.sub_event_type == "Prison break"
        ):
            return True, False
    return False, False


def compatible(a: _Mentioned, b: _Mentioned, actors: ActorIndex) -> tuple[bool, int]:
    """Whether two incident mentions may be one incident, and how much evidence says they are."""
    type_ok, type_same = _types(a, b)
    place_ok, place_same = _places(a, b)
    date_ok, date_same = _dates(a.when, b.when)
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


# --- within one document --------------------------------------------------------------------


def merge_drafts(drafts: list[Draft], actors: ActorIndex) -> None:
    """Merge the mentions of one incident within a document (marks ``merged_into``)."""
    for i, later in enumerate(drafts):
        best: tuple[int, int] | None = None
        for earlier in drafts[:i]:
            if earlier.merged_into is not None or (
                earlier.sentence == later.sentence
                and earlier.place is not None
                and later.place is not None
            ):
                continue
            ok, score = compatible(earlier, later, actors)
            if not ok:
                continue
            near = later.sentence - earlier.sentence <= 2 and (
                earlier.sub_event_type == later.sub_event_type
            )
            evidence = _places(earlier, later)[1] or _dates(earlier.when, later.when)[1]
            if not (evidence or later.definite or earlier.definite or near):
                continue
            if best is None or score >= best[1]:
                best = (earlier.key, score)
        if best is not None:
            target = next(d for d in drafts if d.key == best[0])
            _absorb(target, later, actors)
            later.merged_into = target.key


def _absorb(target: Draft, other: Draft, actors: ActorIndex) -> None:
    if target.generic and not other.generic:
        target.event_type, target.sub_event_type = other.event_type, other.sub_event_type
        target.generic = False
    target.when = _better_when(target.when, other.when)
    target.place, target.location_text, target.geo_precision = _better_place(
        (target.place, target.location_text, target.geo_precision),
        (other.place, other.location_text, other.geo_precision),
    )
    target.perpetrator = actors.more_specific(target.perpetrator, other.perpetrator)
    target.perpetrator_hedged = target.perpetrator_hedged and other.perpetrator_hedged
    target.targets.extend(t for t in other.targets if t not in target.targets)
    target.fatalities = _better_count(target.fatalities, other.fatalities)
    target.wounded = _better_count(target.wounded, other.wounded)
    target.venue = target.venue or other.venue
    target.claimed_by |= other.claimed_by
    target.sources.extend(s for s in other.sources if s not in target.sources)


def merge_claim_drafts(
    document: Document,
    drafts: list[Draft],
    claims: list[ClaimDraft],
    actors: ActorIndex,
    named: set[str] | None = None,
) -> tuple[list[Incident], list[Claim]]:
    """Freeze a document's merged incidents and claims, with ids ``<doc>:i<n>`` and ``:c<n>``."""
    root = {d.key: d.key for d in drafts}
    for draft in drafts:
        current = draft
        while current.merged_into is not None:
            current = next(d for d in drafts if d.key == current.merged_into)
        root[draft.key] = current.key
    if named is None:
        named = _named_actors(document, actors)
    kept = [d for d in drafts if d.merged_into is None]
    ids = {d.key: f"{document.id}:i{n + 1}" for n, d in enumerate(kept)}
    incidents: list[Incident] = []
    for draft in kept:
        perpetrator = _specialise(draft.perpetrator, draft.place, named, actors)
        claimed = any(actors.related(c, perpetrator) for c in draft.claimed_by)
        attribution = (
            "claimed"
            if claimed and perpetrator
            else "alleged"
            if perpetrator and draft.perpetrator_hedged
            else "attributed"
            if perpetrator
            else "unknown"
        )
        incidents.append(
            Incident(
                id=ids[draft.key],
                event_type=draft.event_type,
                sub_event_type=draft.sub_event_type,
                when=draft.when,
                place=draft.place,
                location_text=draft.location_text,
                geo_precision=draft.geo_precision,
                place_inferred=draft.place_inferred,
                perpetrator=perpetrator,
                attribution=attribution,
                targets=tuple(draft.targets),
                fatalities=draft.fatalities,
                wounded=draft.wounded,
                sources=tuple(sorted(draft.sources, key=lambda s: s.start)),
                venue=draft.venue,
                generic=draft.generic,
            )
        )
    by_id = {i.id: i for i in incidents}
    merged: list[ClaimDraft] = []
    for claim in claims:
        claim.incidents = sorted({root[k] for k in claim.incidents})
        target = next((m for m in merged if _same_claim(m, claim, actors)), None)
        if target is None:
            merged.append(claim)
            continue
        common = [a for a in _targets_of(target) if a in _targets_of(claim)]
        every = list(dict.fromkeys(_targets_of(target) + _targets_of(claim)))
        target.about = (common[0] if common else None) or target.about or claim.about
        target.also_about = [a for a in every if a != target.about]
        target.places = list({p.id: p for p in target.places + claim.places}.values())
        target.incidents = sorted(set(target.incidents) | set(claim.incidents))
        target.hedges.extend(h for h in claim.hedges if h not in target.hedges)
        target.sources.extend(s for s in claim.sources if s not in target.sources)
        target.channel = target.channel or claim.channel
        target.when = _better_when(target.when, claim.when)
    out: list[Claim] = []
    for n, claim in enumerate(merged):
        linked = tuple(ids[k] for k in claim.incidents if k in ids)
        places = [by_id[i].place for i in linked if by_id[i].place is not None]
        claimant = _specialise(claim.claimant, (places or claim.places or [None])[0], named, actors)
        if claim.claim_type == "responsibility":
            claimant = (
                actors.more_specific(
                    claimant,
                    next((by_id[i].perpetrator for i in linked if by_id[i].perpetrator), None),
                )
                if linked
                else claimant
            )
        about = claimant if claim.claim_type in ("responsibility", "denial") else claim.about
        out.append(
            Claim(
                id=f"{document.id}:c{n + 1}",
                claimant=claimant,
                claim_type=claim.claim_type,
                about=about,
                also_about=()
                if claim.claim_type in ("responsibility", "denial")
                else tuple(a for a in claim.also_about if a != about),
                incidents=linked,
                places=tuple(claim.places),
                channel=claim.channel,
                when=claim.when,
                hedges=tuple(claim.hedges),
                sources=tuple(sorted(claim.sources, key=lambda s: s.start)),
            )
        )
    claim_ids: dict[str, list[str]] = {}
    for frozen in out:
        for incident_id in frozen.incidents:
            claim_ids.setdefault(incident_id, []).append(frozen.id)
    incidents = [replace(i, claims=tuple(claim_ids.get(i.id, ()))) for i in incidents]
    return incidents, out


def _same_claim(a: ClaimDraft, b: ClaimDraft, actors: ActorIndex) -> bool:
    if a.claim_type != b.claim_type or not actors.related(a.claimant, b.claimant):
        return False
    shared = set(_targets_of(a)) & set(_targets_of(b))
    if (
        a.about is not None
        and b.about is not None
        and not actors.related(a.about, b.about)
        and (not shared or a.incidents or b.incidents)
    ):
        return False
    if a.incidents or b.incidents:
        return bool(set(a.incidents) & set(b.incidents))
    places_a, places_b = {p.id for p in a.places}, {p.id for p in b.places}
    if shared:  # one document's allegations by one claimant against one target: one claim
        return not places_a or not places_b or bool(places_a & places_b)
    return places_a == places_b


def _targets_of(claim: ClaimDraft) -> list[str]:
    return ([claim.about] if claim.about else []) + claim.also_about


def _named_actors(document: Document, actors: ActorIndex) -> set[str]:
    return {m.actor for m in actors.find(document.text, document.body_start)}


def _specialise(
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


# --- across documents -----------------------------------------------------------------------


def link(
    per_document: Sequence[tuple[list[Incident], list[Claim]]],
    actors: ActorIndex,
    documents: Sequence[Document] = (),
) -> tuple[list[Incident], list[Claim]]:
    """Link the incidents and claims of several documents; ids of merged items are the first's."""
    incidents = [i for found, _ in per_document for i in found]
    claims = [c for _, found in per_document for c in found]
    clusters = _cluster(incidents, actors)
    dated = {d.id for d in documents if d.date}
    clusters = _anchor_weekdays(clusters, dated)
    merged: list[Incident] = []
    rename: dict[str, str] = {}
    for cluster in clusters:
        incident = _merge_incidents(cluster, actors)
        merged.append(incident)
        for member in cluster:
            rename[member.id] = incident.id
    claims = [
        replace(c, incidents=tuple(dict.fromkeys(rename[i] for i in c.incidents))) for c in claims
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


def _cluster(incidents: Sequence[Incident], actors: ActorIndex) -> list[list[Incident]]:
    clusters: list[list[Incident]] = [[i] for i in incidents]
    pairs: list[tuple[int, int, int]] = []
    for a in range(len(incidents)):
        for b in range(a + 1, len(incidents)):
            if _document_of(incidents[a]) == _document_of(incidents[b]):
                continue
            ok, score = compatible(incidents[a], incidents[b], actors)
            # Across documents: the same place, and one more sign (same type, same date, or the
            # same perpetrator and venue); a shared date alone links unrelated reports.
            if ok and score >= CROSS_DOCUMENT_SCORE and _places(incidents[a], incidents[b])[1]:
                pairs.append((score, a, b))
    owner = list(range(len(incidents)))
    for _, a, b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        ca, cb = owner[a], owner[b]
        if ca == cb:
            continue
        left, right = clusters[ca], clusters[cb]
        if {_document_of(i) for i in left} & {_document_of(i) for i in right}:
            continue
        if not all(compatible(x, y, actors)[0] for x in left for y in right):
            continue
        left.extend(right)
        clusters[cb] = []
        for i, o in enumerate(owner):
            if o == cb:
                owner[i] = ca
    return [c for c in clusters if c]


def _anchor_weekdays(clusters: list[list[Incident]], dated: set[str]) -> list[list[Incident]]:
    """Resolve "on Monday" in undated documents whose "on Thursday" was linked to a known date."""
    limits: dict[str, dt.date] = {}
    for cluster in clusters:
        known = [i.when for i in cluster if i.when.known and i.when.precision == "day"]
        if not known or known[0].start is None:
            continue
        day = known[0].start
        for member in cluster:
            document = _document_of(member)
            if (
                document not in dated
                and not member.when.known
                and _weekday(member.when) is not None
            ):
                limits[document] = min(
                    limits.get(document, dt.date.max), day + dt.timedelta(days=6)
                )
    out: list[list[Incident]] = []
    for cluster in clusters:
        updated: list[Incident] = []
        for member in cluster:
            limit = limits.get(_document_of(member))
            weekday = _weekday(member.when)
            if limit is not None and weekday is not None and not member.when.known:
                value = limit - dt.timedelta(days=(limit.weekday() - weekday) % 7)
                member = replace(member, when=When(value, value, "day", True, member.when.text))
            updated.append(member)
        out.append(updated)
    return out


def _merge_incidents(cluster: list[Incident], actors: ActorIndex) -> Incident:
    cluster = sorted(cluster, key=lambda i: (_document_of(i), i.id))
    first = cluster[0]
    event_type, sub_event_type, generic = first.event_type, first.sub_event_type, first.generic
    when, where = first.when, (first.place, first.location_text, first.geo_precision)
    inferred = first.place_inferred
    perpetrator, attribution = first.perpetrator, first.attribution
    fatalities, wounded = first.fatalities, first.wounded
    targets: list[str] = list(first.targets)
    sources: list[Source] = list(first.sources)
    venue = first.venue
    for other in cluster[1:]:
        if generic and not other.generic:
            event_type, sub_event_type, generic = other.event_type, other.sub_event_type, False
        when = _better_when(when, other.when)
        other_where = (other.place, other.location_text, other.geo_precision)
        if inferred and other.place is not None and not other.place_inferred:
            where, inferred = other_where, False  # a stated place beats one from context
        elif inferred or not other.place_inferred:
            where = _better_place(where, other_where)
        perpetrator = actors.more_specific(perpetrator, other.perpetrator)
        if _ATTRIBUTION_RANK[other.attribution] > _ATTRIBUTION_RANK[attribution]:
            attribution = other.attribution
        fatalities = _better_count(fatalities, other.fatalities)
        wounded = _better_count(wounded, other.wounded)
        targets.extend(t for t in other.targets if t not in targets)
        sources.extend(other.sources)
        venue = venue or other.venue
    return replace(
        first,
        event_type=event_type,
        sub_event_type=sub_event_type,
        generic=generic,
        when=when,
        place=where[0],
        location_text=where[1],
        geo_precision=where[2],
        place_inferred=inferred,
        perpetrator=perpetrator,
        attribution=attribution,
        fatalities=fatalities,
        wounded=wounded,
        targets=tuple(targets),
        sources=tuple(sources),
        venue=venue,
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


# --- scoring against a gold file ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldScore:
    """Matches between extracted items and a gold file (see ``tests/gold_incidents_seeds.json``).

    An incident matches when the sub-event type, the date (overlap), the place (within 25 km, or
    the same province or country at that scale) and the perpetrator (same or parent/child) agree
    and a document is shared; a claim when the claimant, the type and a linked incident agree (for
    claims without incidents, a shared document).
    """

    incidents_gold: int
    incidents_found: int
    incidents_matched: int
    claims_gold: int
    claims_found: int
    claims_matched: int
    missed: tuple[str, ...]
    spurious: tuple[str, ...]
    #: Of the matched claims whose gold entry says whom they are about / which channel: how many
    #: agree (``about`` or one of ``also_about``; channel names compared case-insensitively).
    about_checked: int = 0
    about_agree: int = 0
    channel_checked: int = 0
    channel_agree: int = 0
    disagree: tuple[str, ...] = ()
    #: Of the matched incidents whose gold entry gives a death toll: how many have that toll
    #: (the best estimate); of the matched claims whose entry says ``hedged``: how many agree.
    fatalities_checked: int = 0
    fatalities_agree: int = 0
    hedged_checked: int = 0
    hedged_agree: int = 0

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def incident_recall(self) -> float:
        """Share of gold incidents found."""
        return self._ratio(self.incidents_matched, self.incidents_gold)

    @property
    def incident_precision(self) -> float:
        """Share of extracted incidents that are in the gold file."""
        return self._ratio(self.incidents_matched, self.incidents_found)

    @property
    def claim_recall(self) -> float:
        """Share of gold claims found."""
        return self._ratio(self.claims_matched, self.claims_gold)

    @property
    def claim_precision(self) -> float:
        """Share of extracted claims that are in the gold file."""
        return self._ratio(self.claims_matched, self.claims_found)

    @property
    def recall(self) -> float:
        """Share of gold incidents and claims found."""
        return self._ratio(
            self.incidents_matched + self.claims_matched, self.incidents_gold + self.claims_gold
        )

    @property
    def precision(self) -> float:
        """Share of extracted incidents and claims that are in the gold file."""
        return self._ratio(
            self.incidents_matched + self.claims_matched, self.incidents_found + self.claims_found
        )


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _gold_place_ok(gold: dict[str, Any] | None, place: Place | None) -> bool:
    from mapper.evaluate import haversine_km

    if gold is None:
        return True
    if place is None:
        return False
    if gold["scale"] == "country":
        return bool(place.country_code == gold["country_code"])
    if gold["scale"] == "admin1":
        return bool(place.country_code == gold["country_code"]) and _ascii(place.admin1) == _ascii(
            gold["admin1"]
        )
    return float(haversine_km(gold["lat"], gold["lon"], place.lat, place.lon)) <= SAME_PLACE_KM


def _gold_incident_ok(gold: dict[str, Any], incident: Incident, actors: ActorIndex) -> bool:
    if not set(gold["documents"]) & {s.document for s in incident.sources}:
        return False
    if incident.sub_event_type not in gold["sub_event_type"]:
        return False
    if gold["date_start"] is not None:
        interval = When(
            dt.date.fromisoformat(gold["date_start"]),
            dt.date.fromisoformat(gold["date_end"]),
            "day",
        )
        if not incident.when.overlaps(interval):
            return False
    if not _gold_place_ok(gold["place"], incident.place):
        return False
    if gold["perpetrator"] is None:
        return incident.perpetrator is None
    return incident.perpetrator is not None and actors.related(
        gold["perpetrator"], incident.perpetrator
    )


def _check_claim(
    item: dict[str, Any],
    claim: Claim,
    actors: ActorIndex,
    checks: dict[str, list[int]],
    disagree: list[str],
) -> None:
    """Count whether a matched claim agrees with its gold entry on ``about``, ``channel`` and
    ``hedged``."""
    about, channel = item.get("about"), item.get("channel")
    if "hedged" in item:
        checks["hedged"][0] += 1
        if bool(claim.hedges) == bool(item["hedged"]):
            checks["hedged"][1] += 1
        else:
            disagree.append(f"{item['key']} hedges {list(claim.hedges)}")
    if about is not None:
        checks["about"][0] += 1
        if any(actors.related(about, a) for a in (claim.about, *claim.also_about)):
            checks["about"][1] += 1
        else:
            disagree.append(f"{item['key']} about {claim.about}")
    if channel is not None:
        checks["channel"][0] += 1
        if (claim.channel or "").lower() == channel.lower():
            checks["channel"][1] += 1
        else:
            disagree.append(f"{item['key']} channel {claim.channel}")


def score_gold(
    incidents: Sequence[Incident], claims: Sequence[Claim], gold: dict[str, Any], actors: ActorIndex
) -> GoldScore:
    """Score extracted incidents and claims against a gold file (one-to-one, greedy)."""
    matched_incident: dict[str, str] = {}  # gold key -> incident id
    used: set[str] = set()
    for item in gold["incidents"]:
        for incident in incidents:
            if incident.id not in used and _gold_incident_ok(item, incident, actors):
                matched_incident[item["key"]] = incident.id
                used.add(incident.id)
                break
    matched_claims: set[str] = set()
    used_claims: set[str] = set()
    checks = {"about": [0, 0], "channel": [0, 0], "hedged": [0, 0], "fatalities": [0, 0]}
    disagree: list[str] = []
    by_id = {incident.id: incident for incident in incidents}
    for item in gold["incidents"]:
        if item.get("fatalities") is None or item["key"] not in matched_incident:
            continue
        checks["fatalities"][0] += 1
        toll = by_id[matched_incident[item["key"]]].fatalities
        if toll is not None and toll.best == item["fatalities"]:
            checks["fatalities"][1] += 1
        else:
            disagree.append(f"{item['key']} fatalities {toll.best if toll else None}")
    for item in gold["claims"]:
        candidates = []
        for claim in claims:
            if claim.id in used_claims or claim.claim_type not in item["claim_type"]:
                continue
            if claim.claimant is None or not actors.related(item["claimant"], claim.claimant):
                continue
            if item["incidents"]:
                wanted = {matched_incident.get(k) for k in item["incidents"]} - {None}
                if not wanted & set(claim.incidents):
                    continue
            elif not set(item["documents"]) & {s.document for s in claim.sources}:
                continue
            candidates.append(claim)
        if candidates:
            about = item.get("about")
            best = next(
                (
                    c
                    for c in candidates
                    if about and any(actors.related(about, a) for a in (c.about, *c.also_about))
                ),
                candidates[0],
            )
            matched_claims.add(item["key"])
            used_claims.add(best.id)
            _check_claim(item, best, actors, checks, disagree)
    missed = [i["key"] for i in gold["incidents"] if i["key"] not in matched_incident]
    missed += [c["key"] for c in gold["claims"] if c["key"] not in matched_claims]
    spurious = [i.id for i in incidents if i.id not in used]
    spurious += [c.id for c in claims if c.id not in used_claims]
    return GoldScore(
        len(gold["incidents"]),
        len(incidents),
        len(matched_incident),
        len(gold["claims"]),
        len(claims),
        len(matched_claims),
        tuple(missed),
        tuple(spurious),
        about_checked=checks["about"][0],
        about_agree=checks["about"][1],
        channel_checked=checks["channel"][0],
        channel_agree=checks["channel"][1],
        disagree=tuple(disagree),
        fatalities_checked=checks["fatalities"][0],
        fatalities_agree=checks["fatalities"][1],
        hedged_checked=checks["hedged"][0],
        hedged_agree=checks["hedged"][1],
    )
