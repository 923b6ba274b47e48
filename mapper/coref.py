"""Event coreference within a document, and one incident per event.

The mentions of one event in a document (the lead sentence, "the attack" two sentences on, the
follow-up toll, the claim of responsibility) are clustered, after the ACE/ERE notion of event
coreference: two mentions corefer when nothing contradicts their being one event (a compatible
type, place, date, perpetrator and venue; see :func:`compatible`) and something says they are
(the later one refers back, "the bombing"; or says nothing new, "Thirty people died"; or names the
same place on the same day).  Mentions that give a different place or day are different events.

Each cluster becomes one :class:`~mapper.model.Incident`: the most specific type, the most
specific place any mention states (a place from context only when none does), the best-supported
date, the perpetrator the clause structure gives (or the claimant of a linked responsibility
claim), the latest revised toll else the highest reported one (attackers counted apart), and every
source sentence.  Claims are linked to the cluster they are about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from mapper._casualties import add_counts
from mapper._rules import excluded_place, paragraph_lines
from mapper.actors import specialise
from mapper.claims import freeze_claims
from mapper.geo import contains, haversine_km
from mapper.model import Attribution, Claim, Count, Incident, Source, When

if TYPE_CHECKING:
    from mapper._rules import ClaimDraft, DocContext, Draft
    from mapper.actors import ActorIndex
    from mapper.gazetteer import Place

#: Two stated places closer than this are one event location (km).
SAME_PLACE_KM = 25.0
#: A city whose neighbourhoods and suburbs the gazetteer lists as places of their own: one within
#: :data:`CITY_KM` of it is a part of it (Dashti Barchi in Kabul, Hayatabad in Peshawar).
CITY_POPULATION = 300_000
CITY_KM = 15.0
#: A mention that says nothing of its own joins an event told at most this many sentences before.
RECENT_SENTENCES = 3
#: The share of the located places in one country that makes it a paragraph's focus.
FOCUS_SHARE = 0.6


@dataclass(slots=True)
class Cluster:
    """The mentions of one event in a document, in text order."""

    drafts: list[Draft]
    claimed_by: set[str] = field(default_factory=set)
    alleged: str | None = None
    place_inferred: bool = False
    context_place: Place | None = None
    #: How the context place was found, and its geo_precision (see ``_freeze``).
    context_text: str = "from context"
    context_precision: int = 3
    #: The report's date, for the lead event of a dated report that states no date of its own.
    report_date: When | None = None

    @property
    def first(self) -> Draft:
        """The first mention."""
        return self.drafts[0]

    @property
    def last_sentence(self) -> int:
        """The sentence of the latest mention."""
        return self.drafts[-1].sentence

    def place(self) -> tuple[Place | None, str, int | None]:
        """The most specific place a mention states (lowest geo_precision, first mentioned); a
        place that only names the event ("the Kandahar massacre") gives way to one stated in the
        same first-level unit ("in the Panjwayi District")."""
        named = [d for d in self.drafts if d.place is not None and _named_by_place(d)]
        if named:
            unit = {(d.place.country_code, d.place.admin1_code) for d in named if d.place}
            stated = [
                d
                for d in self.drafts
                if d.place is not None
                and not _named_by_place(d)
                and (d.geo_precision or 3) <= 2  # a province or country says less than a town
                and d.place.admin1_code
                and (d.place.country_code, d.place.admin1_code) in unit
            ]
            if stated:
                return Cluster(stated).place()
        best: tuple[Place | None, str, int | None] = (None, "", None)
        for draft in self.drafts:
            if draft.place is None:
                continue
            if (
                best[0] is None
                or (draft.geo_precision or 3) < (best[2] or 3)
                or (
                    (draft.geo_precision or 3) == (best[2] or 3)
                    and best[0] is not None
                    and (_inside(best[0], draft.place) or _part_of_city(best[0], draft.place))
                )
            ):
                best = (draft.place, draft.location_text, draft.geo_precision)
        return best

    def when(self) -> When:
        """The narrowest known date of the mentions (the first of equals), else the first text."""
        known = [
            d
            for d in self.drafts
            if d.when.known and not (d.background and not self.first.background)
        ]
        if not known:
            return next((d.when for d in self.drafts if d.when.text), When())
        # a day of the event's own before the day a statement on it was made
        return min(
            known,
            key=lambda d: (
                not d.dated,
                (d.when.end - d.when.start) if d.when.start and d.when.end else 10**6,
            ),
        ).when

    def bounded(self) -> bool:
        """Whether the cluster's date is only the day a statement on the event was made (the
        latest it can have happened on), no mention giving a day of the event's own."""
        return not any(d.dated and d.when.known for d in self.drafts) and any(
            _bound(d) for d in self.drafts
        )

    def specific(self) -> Draft:
        """The first mention that says what kind of event it was, else the first; a noun that is
        only the object of a claim ("claimed the ambush") says it last."""
        own = [d for d in self.drafts if not d.reference_only and d.voice != "toll"]
        return (
            next((d for d in own if not d.generic), None)
            # "detonated a bomb" says more than the "ambush" a claim calls it
            or next((d for d in own if d.sub_event_type not in ("Attack", "Armed clash")), None)
            or next((d for d in self.drafts if not d.generic), self.first)
        )


def _inside(outer: Place, inner: Place) -> bool:
    """Whether ``inner`` lies in ``outer`` (a region holds what is within 150 km)."""
    return contains(outer, inner, region_km=150.0)


def _part_of_city(city: Place, part: Place) -> bool:
    """Whether ``part`` is a neighbourhood or suburb of the large city ``city`` (within
    :data:`CITY_KM`, fewer people)."""
    return (
        city.feature_class == "P"
        and part.feature_class == "P"
        and (city.population >= CITY_POPULATION or city.feature_code in ("PPLC", "PPLA"))
        and part.feature_code not in ("PPLC", "PPLA")
        and part.population <= city.population
        and part.id != city.id
        and haversine_km(city.lat, city.lon, part.lat, part.lon) <= CITY_KM
    )


def places_compatible(
    a: Place | None, b: Place | None, *, nearby_towns: bool = False
) -> tuple[bool, bool]:
    """(compatible, same) for two stated places: the same place, one inside the other, or two
    points within :data:`SAME_PLACE_KM` (two different towns only when ``nearby_towns`` is
    true: across documents a namesake entry of the gazetteer may stand for the same town; within
    one, two towns named apart are two places)."""
    if a is None or b is None:
        return True, False
    if a.id == b.id:
        return True, True
    if _inside(a, b) or _inside(b, a):
        country = (
            a
            if a.feature_code.startswith("PCL")
            else b
            if b.feature_code.startswith("PCL")
            else None
        )
        return True, country is None  # "in Iraq" holds Baghdad, but says nothing of where
    if a.feature_class == "A" or b.feature_class == "A":
        coarse = a if a.feature_class == "A" else b
        fine = b if coarse is a else a
        if (
            coarse.feature_code.startswith(("PCL", "ADM"))
            and coarse.country_code
            and fine.country_code
        ):
            return coarse.country_code == fine.country_code and not coarse.feature_code.startswith(
                "ADM"
            ), False
    if a.feature_class == "P" and b.feature_class == "P" and not nearby_towns:
        if _part_of_city(a, b) or _part_of_city(b, a):
            return True, True  # "in Kabul ... in Dashti Barchi, in the west of the city"
        return False, False  # two towns the text names apart are two places
    close = haversine_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM
    return close, close


def dates_compatible(
    a: When, b: When, *, a_bound: bool = False, b_bound: bool = False
) -> tuple[bool, bool]:
    """(compatible, same) for two dates: overlapping intervals, or one unknown.  A date that is
    only a bound (``a_bound``, ``b_bound``: the day a statement on the event was made) fits any
    date not after it, and is never the same day."""
    if not a.known or not b.known:
        return True, False
    if a_bound or b_bound:
        bound, other = (a, b) if a_bound else (b, a)
        assert bound.end is not None and other.start is not None
        return other.start <= bound.end, False
    same = a.overlaps(b)
    return same, same and a.precision in ("day", "week") and b.precision in ("day", "week")


def _bound(draft: Draft) -> bool:
    """Whether a mention's date is only the day of a statement on its event ("..., police said
    on Tuesday"): the latest the event can have happened on (see ``date_for``)."""
    return not draft.dated and draft.when.inferred and draft.when.known


def types_compatible(a: Draft, b: Draft) -> bool:
    """Whether two mentions can report one event: the same sub-event type, or one says only
    that an attack (or a toll) happened."""
    if a.voice == "toll" or b.voice == "toll":
        return True
    if a.sub_event_type == b.sub_event_type:
        return True
    for one, other in ((a, b), (b, a)):
        if one.generic and (
            other.event_type != "Strategic developments" or other.method == "prison break"
        ):
            return True
    # A complex attack: a suicide bombing with gunmen, an assault with explosives.
    kinds = {a.sub_event_type, b.sub_event_type}
    if a.method in ("hostage taking", "execution") or b.method in ("hostage taking", "execution"):
        return False
    return kinds == {"Attack", "Armed clash"}  # an armed assault and the gunfight it turns into


def _family(draft: Draft) -> str:
    """The kind of event a mention reports, with an armed assault and the gunfight it turns into
    counted as one kind."""
    return (
        "armed assault"
        if draft.sub_event_type in ("Attack", "Armed clash")
        else draft.sub_event_type
    )


def compatible(
    cluster: Cluster,
    draft: Draft,
    actors: ActorIndex,
    summary: tuple[Place | None, When] | None = None,
) -> tuple[bool, int]:
    """Whether a mention may belong to a cluster, and how much evidence says it does (same
    place 2, same date 2, same specific type 1, same perpetrator 1, same venue 1).

    ``summary`` is the cluster's place and date when the caller keeps them (they are
    recomputed from the mentions otherwise).
    """
    if draft.background != cluster.first.background and draft.voice != "toll":
        return False, 0
    if draft.another:
        return False, 0  # "and another struck Tirah": never the event told before
    place, when = summary if summary is not None else (cluster.place()[0], cluster.when())
    place_ok, place_same = places_compatible(place, draft.place)
    if place_ok and not place_same and draft.generic and place and draft.place:
        # "The 2018 Tajikistan attack ..." then "Four cyclists were killed in Danghara": the
        # victims of the event told in the country it names
        place_same = _inside(place, draft.place) or _inside(draft.place, place)
    date_ok, date_same = dates_compatible(
        when, draft.when, a_bound=cluster.bounded(), b_bound=_bound(draft)
    )
    if not (place_ok and date_ok):
        return False, 0
    if not all(
        types_compatible(member, draft) for member in cluster.drafts if member.voice != "toll"
    ):
        return False, 0
    perpetrators = {d.perpetrator for d in cluster.drafts if d.perpetrator}
    if draft.perpetrator and any(not actors.related(p, draft.perpetrator) for p in perpetrators):
        return False, 0
    venues = {d.venue for d in cluster.drafts if d.venue}
    if draft.venue and venues and draft.venue not in venues and draft.voice != "toll":
        return False, 0
    score = 2 * place_same + 2 * date_same
    score += int(
        not draft.generic
        and any(d.sub_event_type == draft.sub_event_type and not d.generic for d in cluster.drafts)
    )
    score += int(bool(draft.perpetrator) and draft.perpetrator in perpetrators)
    score += int(bool(draft.venue) and draft.venue in venues)
    if any(d.sentence == draft.sentence for d in cluster.drafts):
        score += 2  # one sentence tells one event unless a place or date says otherwise
    if (
        draft.method
        and draft.perpetrator
        and any(
            d.method == draft.method
            and d.perpetrator
            and actors.related(d.perpetrator, draft.perpetrator)
            for d in cluster.drafts
        )
    ):
        score += 2  # the same kind of act by the same group: "his execution by Taliban fighters"
    return True, score


#: Markup around a line that heads an item: "## ...", "**...**", "__...__".
_HEAD_MARKS = "#*_ \t"
#: A headline's case: most of its words capitalised ("Six Dead in Culiacan Cartel Shootout").
_HEAD_CASE = 0.7


def head_line(line: str, any_case: bool = False) -> bool:
    """Whether a line reads as the headline of an item: 2 to 20 words, no closing punctuation,
    in headline case or capitals ("IRAQ: THREE SOLDIERS KILLED IN ROADSIDE BLAST NEAR HAWIJA",
    "Six Dead in Culiacan Cartel Shootout"), or in any case with ``any_case`` ("KENYA — Three
    police officers killed in Mandera blast"); the Markdown marks of a heading do not count."""
    core = line.strip().strip(_HEAD_MARKS)
    words = [w for w in core.split() if w[:1].isalpha()]
    if not 2 <= len(words) <= 20 or core[-1:] in ".!?;,\"”’'":
        return False
    return any_case or sum(w[:1].isupper() for w in words) >= _HEAD_CASE * len(words)


def brief_items(ctx: DocContext, drafts: Sequence[Draft]) -> list[tuple[int, int, int]]:
    """The items of a brief: (start, headline end, end) character offsets of each item, when
    at least two lines that tell an event are headlines of paragraphs of their own (a wire
    service's news briefs, a newsletter's digest, a situation report's items). An item runs
    from its headline to the next item's; a headline that tells no event ("WORLD NEWS BRIEFS",
    "Background") starts none. Empty when the document is one story."""
    text, body = ctx.text, ctx.document.body_start
    if ctx.lines_are_paragraphs is None:
        ctx.lines_are_paragraphs = paragraph_lines(text[body:])
    heads: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[body:]):
        start, end = body + line.start(), body + line.end()
        opens = not text[body:start].strip() or _BLANK_BEFORE.search(text, body, start)
        # a line in sentence case heads the paragraph right under it, when lines are
        # paragraphs (in text wrapped at a width, a paragraph's first line ends so too)
        under = _LINE_UNDER.match(text, end)
        any_case = bool(ctx.lines_are_paragraphs and under and under.group(1)[-1] in '.!?"”')
        if opens and text[end:].strip() and head_line(line.group(), any_case):
            heads.append((start, end))
    told = [head for head in heads if any(head[0] <= d.trigger_start < head[1] for d in drafts)]
    if len(told) < 2:
        return []
    ends = [start for start, _ in told[1:]] + [len(text)]
    return [(start, end, stop) for (start, end), stop in zip(told, ends, strict=True)]


_LINE_UNDER = re.compile(r"[ \t]*\n([^\n]*\S)")
_BLANK_BEFORE = re.compile(r"\n[ \t]*\n[ \t]*\Z")


def _item_of(items: Sequence[tuple[int, int, int]], at: int) -> int:
    """The index of the item holding offset ``at``: -1 before the first (or with no items)."""
    return max((n for n, item in enumerate(items) if item[0] <= at), default=-1)


def cluster_mentions(
    drafts: Sequence[Draft],
    actors: ActorIndex,
    headline_end: int = 0,
    report: dt.date | None = None,
    items: Sequence[tuple[int, int, int]] = (),
) -> list[Cluster]:
    """The event clusters of a document's mentions, in order of first mention.

    A mention joins a cluster when :func:`compatible` allows it and (a) it refers back (a
    definite event noun, a toll, a mention with no place and no date of its own) to an event told
    at most :data:`RECENT_SENTENCES` sentences before, or to the document's first event; or (b)
    it states the same place, or the same day, as the cluster.  Mentions of one clause at
    coordinated places ("in Nangarhar and Kunar") stay apart.  A cluster told only by the
    headline (the text before ``headline_end``: the front matter's title) takes a body mention
    whose place lies in the same first-level unit as its own ("Kandahar massacre", then "in the
    Panjwayi District"): a headline names an event by its town or province. A mention dated
    by its own words more than :data:`PAST_DAYS` before the ``report`` date ("Context: in March
    2025, BLA fighters hijacked ...") is a past event: it never joins an undated cluster of the
    report's own news, which took place about the report's day. In a brief (``items``, see
    :func:`brief_items`), an item's headline is its event told again: the headline's cluster
    takes the item's first mention that fits it, whatever place each names in one country
    ("YEMEN: AL-QAIDA CLAIMS DRONE ATTACK", then "a drone attack ... in Mudiyah district"); and
    a mention joins another item's event only at the same town or district (see
    :func:`_across_items`).
    """
    clusters: list[Cluster] = []
    # a toll told before its event in one sentence ("12 were killed when a bomb went off in
    # Mardan") joins that event: within a sentence, tolls are read after the events
    ordered = sorted(drafts, key=lambda d: (d.sentence, d.voice == "toll", d.key))
    # each cluster's place and date, kept as mentions join it (reading them is the cost)
    summaries: list[tuple[Place | None, When]] = []
    for draft in ordered:
        options: list[tuple[int, int, Cluster]] = []
        past = _past(draft, report)
        for position, cluster in enumerate(clusters):
            if any(
                d.trigger_start == draft.trigger_start and d.sentence == draft.sentence
                for d in cluster.drafts
            ):
                continue  # the other place of a coordinated pair
            if past and not summaries[position][1].known and not cluster.first.background:
                continue  # a past event is not the news the report tells
            ok, score = compatible(cluster, draft, actors, summaries[position])
            if items:
                ok, score = _across_items(
                    cluster, draft, actors, summaries[position], items, ok, score
                )
            if not ok and _regional_name(cluster, draft, summaries[position][0], headline_end):
                # "the Kandahar massacre ... in the Panjwayi District of Kandahar Province": an
                # event named by its town or province, then told by its district
                ok, score = compatible(cluster, draft, actors, (None, summaries[position][1]))
                score += 2
            if ok:
                options.append((score, position, cluster))
        chosen = _choose(draft, options, clusters)
        if chosen is None and draft.reference_only and draft.definite and not draft.dated:
            chosen = _claimed_back(draft, clusters)
        if chosen is None:
            if draft.voice == "toll" and (
                (draft.place is None and not draft.dated) or _only_zero(draft)
            ):
                continue  # a toll of no event we know
            clusters.append(Cluster([draft]))
            summaries.append((clusters[-1].place()[0], clusters[-1].when()))
        else:
            chosen.drafts.append(draft)
            at = next(n for n in range(len(clusters) - 1, -1, -1) if clusters[n] is chosen)
            summaries[at] = (chosen.place()[0], chosen.when())
    for cluster in clusters:
        cluster.drafts.sort(key=lambda d: d.key)
    return clusters


#: How long before the report date a mention's own date makes it a past event (days).
PAST_DAYS = 60


def _past(draft: Draft, report: dt.date | None) -> bool:
    """Whether a mention's own date ends more than :data:`PAST_DAYS` before the report date."""
    end = draft.when.end
    return (
        report is not None and draft.dated and end is not None and (report - end).days > PAST_DAYS
    )


def _across_items(
    cluster: Cluster,
    draft: Draft,
    actors: ActorIndex,
    summary: tuple[Place | None, When],
    items: Sequence[tuple[int, int, int]],
    ok: bool,
    score: int,
) -> tuple[bool, int]:
    """:func:`compatible`'s answer for a mention and a cluster of a brief: another item's
    event only at the same town or district; within an item, the headline's place gives way to
    the body's in its country (a headline names the country or the region, the item the town),
    and the headline's event, told by the headline alone, takes the item's first mention."""
    item = _item_of(items, draft.trigger_start)
    place, when = summary
    if _item_of(items, cluster.first.trigger_start) != item:
        same = places_compatible(place, draft.place)[1]
        coarse = any(
            p is not None and p.feature_code.startswith(("PCL", "ADM1"))
            for p in (place, draft.place)
        )
        return ok and same and not coarse, score
    head_end = items[item][1] if item >= 0 else 0
    if item < 0 or draft.trigger_start < head_end:
        return ok, score
    told = [d for d in cluster.drafts if d.trigger_start >= head_end]
    if not ok and (
        place is None or draft.place is None or place.country_code == draft.place.country_code
    ):
        ok, score = compatible(cluster, draft, actors, (Cluster(told).place()[0], when))
    return ok, score + 2 * (ok and not told)


def _regional_name(cluster: Cluster, draft: Draft, place: Place | None, headline_end: int) -> bool:
    """Whether a cluster and a mention whose places differ may still be one event: both places
    lie in one first-level unit, and one side names the event by a place rather than saying
    where it happened: the headline (text before ``headline_end``), or an event noun the place
    premodifies ("the Kandahar massacre ... in the Panjwayi District of Kandahar Province")."""
    other = draft.place
    if (
        place is None
        or other is None
        or not place.admin1_code
        or (place.country_code, place.admin1_code) != (other.country_code, other.admin1_code)
    ):
        return False
    if draft.trigger_start >= headline_end and all(
        d.trigger_start < headline_end for d in cluster.drafts
    ):
        return True
    return _named_by_place(draft) or any(_named_by_place(d) for d in cluster.drafts)


def _named_by_place(draft: Draft) -> bool:
    """Whether a mention is an event noun its place premodifies ("the Zahedan bombing")."""
    if draft.voice != "nominal" or not draft.location_text or not draft.sources:
        return False
    source = draft.sources[0]
    before = source.sentence[: draft.trigger_start - source.start].rstrip()
    return before.endswith(draft.location_text)


def _claimed_back(draft: Draft, clusters: Sequence[Cluster]) -> Cluster | None:
    """The event a definite noun that is only the object of a claim refers to ("The NPA later
    claimed the ambush" after an IED struck an army truck): the most recent one told at most
    :data:`RECENT_SENTENCES` before, in the same place if the noun names one, whatever word the
    claim uses for it."""
    for cluster in reversed(clusters):
        if draft.sentence - cluster.last_sentence > RECENT_SENTENCES:
            return None
        if cluster.first.background or cluster.first.voice == "toll":
            continue
        if draft.place is None or places_compatible(cluster.place()[0], draft.place)[0]:
            return cluster
        return None
    return None


def _only_zero(draft: Draft) -> bool:
    counts = [c for c in (draft.fatalities, draft.wounded) if c is not None]
    return bool(counts) and all(c.best == 0 for c in counts)


def _choose(
    draft: Draft, options: list[tuple[int, int, Cluster]], clusters: list[Cluster]
) -> Cluster | None:
    if not options:
        return None
    evidence = [o for o in options if o[0] >= 2]
    if evidence:
        # the most evidence, then the most recent
        return max(evidence, key=lambda o: (o[0], o[2].last_sentence, o[1]))[2]
    if draft.method:  # "his execution" refers to an execution, not to any attack told before
        options = [o for o in options if any(d.method == draft.method for d in o[2].drafts)]
        if not options:
            return None
    recent = [o for o in options if draft.sentence - o[2].last_sentence <= RECENT_SENTENCES]
    if draft.voice in ("toll", "participle") or draft.definite:
        if recent:  # the most recent; of one sentence's events, the first told
            return max(recent, key=lambda o: (o[2].last_sentence, -o[1]))[2]
        if draft.voice != "toll" and options[0][2] is clusters[0] and draft.definite:
            return clusters[0]  # "the attack": the event the document is about
        return None
    if draft.place is None and not draft.dated:
        # an indefinite mention with nothing of its own ("a suicide bomber blew himself up"):
        # the recent event of its kind, or any recent one when it says only that people died
        same = [
            o
            for o in recent
            if draft.generic
            or all(d.generic or d.voice == "toll" for d in o[2].drafts)
            or any(_family(d) == _family(draft) for d in o[2].drafts)
        ]
        if same:
            return max(same, key=lambda o: (o[2].last_sentence, o[1]))[2]
    return None


# --- claims -----------------------------------------------------------------------------------


def _claim_clusters(
    claim: ClaimDraft, clusters: Sequence[Cluster], of: dict[int, int], actors: ActorIndex
) -> list[int]:
    """The clusters a claim is about: those of the mentions it names, else (when it refers
    back: "claimed the attack", "denied involvement") the event told last within three
    sentences, else the document's first event, when the claimant may be its perpetrator."""
    linked = list(dict.fromkeys(of[k] for k in claim.incidents if k in of))
    if linked or not claim.refers_back:
        return linked

    def fits(cluster: Cluster) -> bool:
        perpetrators = {d.perpetrator for d in cluster.drafts if d.perpetrator}
        if claim.claim_type == "responsibility" and any(
            not actors.related(p, claim.claimant) for p in perpetrators
        ):
            return False
        return cluster.first.sentence <= claim.sentence and not cluster.first.background

    earlier = [
        (n, c)
        for n, c in enumerate(clusters)
        if fits(c) and any(d.sentence <= claim.sentence for d in c.drafts)
    ]
    recent = [
        (n, c)
        for n, c in earlier
        if claim.sentence - max(d.sentence for d in c.drafts if d.sentence <= claim.sentence)
        <= RECENT_SENTENCES
        and c.first.voice != "toll"
    ]
    if recent:
        # the most recently told; among equals the one with more mentions
        best = max(
            recent,
            key=lambda nc: (
                max(d.sentence for d in nc[1].drafts if d.sentence <= claim.sentence),
                len(nc[1].drafts),
            ),
        )
        return [best[0]]
    if earlier and earlier[0][0] == 0:
        return [0]
    return []


def _apply(
    claim: ClaimDraft, targets: list[int], clusters: Sequence[Cluster], actors: ActorIndex
) -> None:
    for n in targets:
        cluster = clusters[n]
        if claim.claim_type == "responsibility":
            cluster.claimed_by.add(claim.claimant)
        elif claim.claim_type == "denial":
            for draft in cluster.drafts:
                if draft.sentence == claim.sentence and actors.related(
                    draft.perpetrator, claim.claimant
                ):
                    draft.perpetrator = None  # the denier read as the subject of its sentence
        elif claim.claim_type == "allegation" and claim.about and actors.is_militant(claim.about):
            cluster.alleged = cluster.alleged or claim.about


# --- place from context -----------------------------------------------------------------------

_LOCATED = re.compile(
    r"(?:\b(?:in|at|on|near|outside|inside|into|across|around|of|to|enter|entered|targeting|"
    r"against|the\s+city\s+of|the\s+province\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2})$",
    re.IGNORECASE,
)


def paragraph_of(ctx: DocContext, at: int) -> tuple[int, int]:
    """The paragraph around ``at``: between blank lines, or between line breaks when the
    document's lines are paragraphs."""
    text, body = ctx.text, ctx.document.body_start
    if ctx.lines_are_paragraphs is None:
        ctx.lines_are_paragraphs = paragraph_lines(text[body:])
    if ctx.lines_are_paragraphs:
        start = text.rfind("\n", body, at)
        following = text.find("\n", at)
        end = following if following >= 0 else len(text)
    else:
        start = text.rfind("\n\n", body, at)
        blank = _BLANK_LINE.search(text, at)
        end = blank.start() if blank else len(text)
    return (body if start < 0 else start + 1), end


_BLANK_LINE = re.compile(r"\n\s*\n")


def _focus(ctx: DocContext, places: Sequence[Place]) -> Place | None:
    """The country (or the one province) most of ``places`` lie in, as a gazetteer place."""
    codes = Counter(p.country_code for p in places if p.country_code)
    if not codes:
        return None
    code, count = codes.most_common(1)[0]
    if count < FOCUS_SHARE * sum(codes.values()):
        return None
    inside = [p for p in places if p.country_code == code]
    provinces = Counter(p.admin1_code for p in inside if p.admin1_code)
    if provinces:
        admin1, share = provinces.most_common(1)[0]
        named = [p for p in inside if p.admin1_code == admin1]
        if share >= FOCUS_SHARE * len(inside) and (
            share >= 2 or any(p.feature_code == "ADM1" for p in named)
        ):
            # most places named lie in one province: the province (a North Kivu report's
            # "village of Eringeti" the gazetteer lacks is in North Kivu, not "DR Congo")
            province = _province(ctx, named)
            if province is not None:
                return province
    country = next((p for p in inside if p.feature_code.startswith("PCL")), None)
    if country is None and ctx.gazetteer is not None:
        country = next(
            (
                p
                for p in ctx.gazetteer.candidates(inside[0].country)[:5]
                if p.country_code == code and p.feature_code.startswith("PCL")
            ),
            None,
        )
    return country


def _province(ctx: DocContext, places: Sequence[Place]) -> Place | None:
    """The first-level unit the places lie in, as a gazetteer place (one of them, or looked up
    by its name); None when the gazetteer has no such unit."""
    province = next((p for p in places if p.feature_code == "ADM1"), None)
    if province is not None or ctx.gazetteer is None or not places[0].admin1:
        return province
    code = places[0].admin1_code
    return next(
        (
            p
            for p in ctx.gazetteer.candidates(places[0].admin1)[:10]
            if p.feature_code == "ADM1" and p.admin1_code == code
        ),
        None,
    )


def _place_from_context(
    ctx: DocContext,
    cluster: Cluster,
    located: Sequence[Place],
    paragraphs: dict[tuple[int, int], list[Place]],
    taken: Collection[str] = (),
) -> None:
    """Give an event whose mentions state no place the one town or district its paragraph
    locates and no other event of the document ``taken`` (a victim's home town, not the place
    of another clash), at geo_precision 2, else the country (or province) its paragraph is
    about, else the place its section's heading names, else the country (or province) its
    document is about, at geo_precision 3; leave it unplaced with no clear focus.

    Only places named where something happens count ("in Afghanistan", "at Kabul airport"; not
    "the US said"), and the focus is the country of most of them (at least :data:`FOCUS_SHARE`).
    """
    sentence = ctx.sentences[cluster.first.sentence]
    paragraph = paragraph_of(ctx, sentence.start)
    own = paragraphs.get(paragraph, [])
    named = {
        m.place.id
        for m in ctx.places.within(*paragraph)
        if m.place is not None and not m.place.feature_code.startswith(("PCL", "ADM1"))
    }
    towns = [p for p in own if p.id in named and p.feature_class in ("P", "A")]
    if towns and len(named) == 1 and towns[0].id not in taken:
        # the paragraph names one town or district, where something is ("he ran a cooperative
        # in Segovia. On 1 March, gunmen killed him at his home"): near it, at geo_precision 2
        cluster.context_place, cluster.place_inferred = towns[0], True
        cluster.context_precision = 2
        return
    focus = _focus(ctx, own)
    if focus is None:
        focus = _focus(ctx, located)
        heading = _section_heading(ctx, paragraph[0])
        if heading is not None and not (
            # a letterhead's country ("FEDERAL REPUBLIC OF SOMALIA") says less than the focus
            heading.feature_code.startswith("PCL")
            and focus is not None
            and focus.country_code == heading.country_code
        ):
            # a digest's section ("ITURI", "SOUTH KIVU"): its items are in the place it names
            cluster.context_place, cluster.place_inferred = heading, True
            cluster.context_precision = 3 if heading.feature_code.startswith(("PCL", "ADM1")) else 2
            return
    if focus is not None:
        cluster.context_place, cluster.place_inferred = focus, True


#: What a section heading holds besides its places: Markdown or underline marks, brackets,
#: separators ("DJUGU TERRITORY (ITURI)", "## Borno State", "KENYA:").
_HEADING_REST = re.compile(r"[\s#*=_:|/,()\[\]–—-]*")
#: A section heading that names no place ("KEY POINTS", "## Background").
_OTHER_HEADING = re.compile(r"#+\s.*|[^a-z]*[A-Z][^a-z]*")


def _section_heading(ctx: DocContext, before: int) -> Place | None:
    """The place the section heading above ``before`` names, when its line is only place names
    ("ITURI", "DJUGU TERRITORY (ITURI)", "## Borno State", "KENYA:"), its first (most specific)
    one; None under a heading of another kind ("KEY POINTS", "HUMANITARIAN IMPACT") or none.
    Digests and situation reports group their items by region: an item that names no place the
    gazetteer knows ("clashed near Blukwa") is in its section's region, not the report's focus."""
    text, body = ctx.text, ctx.document.body_start
    end = text.rfind("\n", body, before)
    while end > body:
        start = max(body, text.rfind("\n", body, end) + 1)
        line = text[start:end].strip()
        if line and len(line) <= 80 and line[-1] not in ".,;!?":
            named = [m for m in ctx.places.within(start, end) if m.place is not None]
            rest = "".join(
                text[a:b]
                for a, b in zip(
                    [start] + [m.end for m in named], [m.start for m in named] + [end], strict=True
                )
            )
            if named and _HEADING_REST.fullmatch(rest):
                return named[0].place
            if _OTHER_HEADING.fullmatch(line):
                return None
        end = start - 1
    return None


#: What ends a dateline after its place, date and agency: "(Reuters) -", " - ", ": ".
_DATELINE_END = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-‐‑–—]{1,2}|:)\s")


def _place_from_dateline(ctx: DocContext, cluster: Cluster) -> bool:
    """Give an event whose mentions state no place the place of its paragraph's dateline
    ("QUETTA, Pakistan, May 3 (Reuters) - A bomb exploded at a market ...", "MAIDUGURI, 15
    March 2026 - ..."), at geo_precision 2 at best: the report was filed there, and an event
    it tells with no place of its own is there or near it (the reading ACLED's coders give a
    dateline; the event's own place, when stated, always wins).  Whether one was found."""
    sentence = ctx.sentences[cluster.first.sentence]
    start, _ = paragraph_of(ctx, sentence.start)
    text = ctx.text
    while start < len(text) and text[start].isspace():
        start += 1
    first = next(iter(ctx.places.within(start, start + 80)), None)
    if first is None or first.start != start or first.place is None:
        return False
    at = first.end
    while True:  # the dateline's other parts: ", Pakistan", ", May 3", " (Nineveh)"
        bracket = re.match(r"\s*\(\s*", text[at : at + 5])
        if bracket is not None:
            inner = [m.end for m in ctx.places.within(at, at + 60) if m.start == at + bracket.end()]
            close = re.match(r"\s*\)", text[inner[0] : inner[0] + 3]) if inner else None
            if close is not None:
                at = inner[0] + close.end()
                continue
        comma = re.match(r"\s*,\s*", text[at : at + 5])
        if comma is None:
            break
        part = at + comma.end()
        follows = [m.end for m in ctx.places.within(part, part + 60) if m.start == part]
        follows += [d.end for d in ctx.dates.within(part, part + 60) if d.start == part]
        if not follows:
            break
        at = max(follows)
    if _DATELINE_END.match(text, at) is None:
        return False
    place = first.place
    cluster.context_place, cluster.place_inferred = place, True
    cluster.context_text = f"dateline: {first.text}"
    cluster.context_precision = 3 if place.feature_code.startswith(("PCL", "ADM1")) else 2
    return True


# --- freezing ---------------------------------------------------------------------------------


def _better_count(a: Count | None, b: Count | None) -> Count | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if (b.best or 0) > (a.best or 0) else a


def _toll(drafts: Sequence[Draft], kind: str) -> Count | None:
    """The latest revised figure ("the toll rose to 84"), else the highest reported one."""
    counts: list[tuple[Draft, Count]] = [
        (d, getattr(d, kind)) for d in drafts if getattr(d, kind) is not None
    ]
    revised = [c for d, c in counts if d.revised and kind == "fatalities"]
    if revised:
        return max(revised, key=lambda c: c.best or 0)
    best: Count | None = None
    for draft, count in counts:
        if not draft.additional:
            best = _better_count(best, count)
    for draft, count in counts:
        if draft.additional:  # "Two civilians also died": on top of the figure told before
            best = (
                count
                if best is None
                else replace(add_counts(best, count), text=f"{best.text}; {count.text}")
            )
    return best


def split_attackers(
    drafts: Sequence[Draft],
    fatalities: Count | None,
    attackers: Count | None,
    *,
    armed_attack: bool,
) -> tuple[Count | None, Count | None]:
    """The victims' and the attackers' dead of an incident whose toll adds up two sides.

    "Militants attacked a check post; 4 soldiers martyred, 17 insurgents neutralised": when
    the incident is an armed group's attack (its perpetrator a non-state armed group, or
    unknown and its doers told as such: "Militants attacked"), the armed groups' dead in the
    figure are the attackers', counted apart (the data model's ``attackers_killed``); ACLED's
    fatality figure is their sum (ACLED Codebook, "Fatalities"). Otherwise (an operation by
    state forces, where the insurgents are the targets) the figure stands, and so it does when
    the armed groups' dead are all the figure counts (one group's attack on another).

    Parameters
    ----------
    drafts
        The incident's mentions; ``armed_dead`` marks the armed groups' part of a toll (all of
        it when the toll counts only them).
    fatalities, attackers
        The incident's figures as read (:func:`_toll`).
    armed_attack
        Whether the incident is an armed group's attack.

    Returns
    -------
    tuple of (Count or None, Count or None)
        The victims' and the attackers' dead; the inputs when nothing is to be split.
    """
    if not armed_attack or attackers is not None or fatalities is None:
        return fatalities, attackers
    if not any(d.armed_dead is not None and d.fatalities is not None for d in drafts):
        return fatalities, attackers
    victims = [
        d
        if d.armed_dead is None or d.fatalities is None
        else replace(d, fatalities=_less(d.fatalities, d.armed_dead))
        for d in drafts
    ]
    left = _toll(victims, "fatalities")
    if left is None or not left.best:
        return fatalities, attackers  # "Taliban forces killed five ISKP fighters": the victims
    armed = [replace(d, fatalities=d.armed_dead) for d in drafts if d.armed_dead is not None]
    return left, _toll(armed, "fatalities")


def _less(total: Count, part: Count) -> Count | None:
    """``total`` without ``part`` (its text kept); None when nothing is left."""
    if total.best is None or part.best is None or part.best >= total.best:
        return None
    low = None if total.low is None or part.low is None else total.low - part.low
    high = None if total.high is None or part.high is None else total.high - part.high
    return Count(total.best - part.best, low, high, total.text)


def _perpetrator(cluster: Cluster, actors: ActorIndex) -> tuple[str | None, bool]:
    agents = [(d.perpetrator, d.perpetrator_hedged) for d in cluster.drafts if d.perpetrator]
    if agents:
        chosen: str | None = agents[0][0]
        hedged = agents[0][1]
        for actor, hedge in agents[1:]:
            if actors.related(actor, chosen):
                chosen = actors.more_specific(chosen, actor)
                hedged = hedged and hedge
        return chosen, hedged
    if cluster.alleged:
        return cluster.alleged, True
    return None, False


_CIVILIANS = re.compile(
    r"\b(?:civilians?|worshipp?ers|Shias?|Shiites?|Sikhs?|Hindus?|Hazaras?|Christians?|students|"
    r"children|women|mourners|pilgrims|journalists|aid\s+workers|shoppers|passengers|voters|"
    r"protesters|villagers|residents)\b",
    re.IGNORECASE,
)


def _event_type(
    cluster: Cluster, perpetrator: str | None, actors: ActorIndex
) -> tuple[str, str, str | None, bool]:
    """The cluster's ACLED type: the first specific mention's; an armed attack on state forces
    (or by them) is a Battle (ACLED codes Violence against civilians only when the victims are
    civilians)."""
    head = cluster.specific()
    event_type, sub_event_type, method = head.event_type, head.sub_event_type, head.method
    generic = all(d.generic for d in cluster.drafts)
    if method is None:
        method = next(
            (d.method for d in cluster.drafts if d.method and not d.reference_only),
            next((d.method for d in cluster.drafts if d.method), None),
        )
    if sub_event_type == "Attack" and method not in ("execution", "assassination"):
        actor = actors.get(perpetrator)
        civilians = any(_CIVILIANS.search(t) for d in cluster.drafts for t in d.targets)
        security = not civilians and any(
            d.security_target for d in cluster.drafts if d.voice != "toll"
        )
        state = actor is not None and actor.kind in ("state", "foreign")
        if security or state:
            event_type, sub_event_type = "Battles", "Armed clash"
    elif sub_event_type == "Armed clash":
        actor = actors.get(perpetrator)
        civilians = any(_CIVILIANS.search(t) for d in cluster.drafts for t in d.targets)
        security = any(d.security_target for d in cluster.drafts if d.voice != "toll")
        if (
            civilians
            and not security
            and not (actor is not None and actor.kind in ("state", "foreign"))
            and _RAID.match(_trigger_text(head))
        ):
            # "Gunmen raided a village, killing 12 villagers": one armed side, its victims
            # civilians (ACLED: Violence against civilians, not a Battle)
            event_type, sub_event_type = "Violence against civilians", "Attack"
    return event_type, sub_event_type, method, generic


#: The words of a one-sided armed assault ("raided a village"), not of a fight ("clashed with").
_RAID = re.compile(r"(?:raid|storm|overr[au]n|ransack)", re.I)


def _trigger_text(draft: Draft) -> str:
    """The words of a mention's trigger, from its first source sentence ("" when unknown)."""
    if not draft.sources:
        return ""
    source = draft.sources[0]
    return source.sentence[draft.trigger_start - source.start : draft.trigger_end - source.start]


def assemble(
    ctx: DocContext, drafts: list[Draft], claims: list[ClaimDraft]
) -> tuple[list[Incident], list[Claim]]:
    """Cluster a document's event mentions, link its claims, and freeze both, with ids
    ``<doc>:i<n>`` and ``<doc>:c<n>``."""
    actors = ctx.index
    report = None if ctx.reference.inferred else ctx.reference.date
    items = brief_items(ctx, drafts)
    clusters = cluster_mentions(drafts, actors, ctx.document.body_start, report, items)
    of = {d.key: n for n, c in enumerate(clusters) for d in c.drafts}
    links: list[list[int]] = []
    for claim in claims:
        targets = _claim_clusters(claim, clusters, of, actors)
        _apply(claim, targets, clusters, actors)
        links.append(targets)
    located: list[Place] = []
    paragraphs: dict[tuple[int, int], list[Place]] = {}
    for mention in ctx.places:
        if (
            mention.place is not None
            and _LOCATED.search(ctx.text[max(0, mention.start - 30) : mention.start])
            and not excluded_place(ctx, mention, max(ctx.document.body_start, mention.start - 60))
        ):
            located.append(mention.place)
            paragraphs.setdefault(paragraph_of(ctx, mention.start), []).append(mention.place)
    _date_lead(ctx, clusters)
    taken = {place.id for c in clusters if (place := c.place()[0]) is not None}
    for cluster in clusters:
        if (
            cluster.place()[0] is None
            and not cluster.first.background
            and not _place_from_dateline(ctx, cluster)
        ):
            _place_from_context(ctx, cluster, located, paragraphs, taken)
    named = {m.actor for m in ctx.actors}
    ids = [f"{ctx.document.id}:i{n + 1}" for n in range(len(clusters))]
    incidents = [_freeze(ctx, cluster, ids[n], named) for n, cluster in enumerate(clusters)]
    frozen_claims = freeze_claims(
        ctx, claims, [[ids[n] for n in targets] for targets in links], incidents, named
    )
    claim_ids: dict[str, list[str]] = {}
    for frozen in frozen_claims:
        for incident_id in frozen.incidents:
            claim_ids.setdefault(incident_id, []).append(frozen.id)
    incidents = [replace(i, claims=tuple(claim_ids.get(i.id, ()))) for i in incidents]
    return incidents, frozen_claims


def _date_lead(ctx: DocContext, clusters: Sequence[Cluster]) -> None:
    """The event a dated report leads with, when no mention of it states a date, took place on
    the report's date (GDELT dates every event by its report; ACLED codes the report's date when
    the event's is not given, with a precision that says so): marked ``date_inferred``. The lead
    is the first paragraph, or the one after a headline that stands alone above it."""
    reference = ctx.reference
    if reference.date is None or reference.inferred or not clusters:
        return
    body = ctx.document.body_start
    opening = body + len(ctx.text[body:]) - len(ctx.text[body:].lstrip())
    lead = paragraph_of(ctx, opening)  # the first paragraph, past blank lines that open the body
    if (
        ctx.text[lead[1] :].strip()
        and "\n" not in ctx.text[lead[0] : lead[1]].strip()
        and head_line(ctx.text[lead[0] : lead[1]], any_case=True)
    ):
        # a headline on its own ("Kenya: gunmen kill 12 in Lamu"), then the lead paragraph
        following = ctx.text[lead[1] :]
        lead = (lead[0], paragraph_of(ctx, lead[1] + len(following) - len(following.lstrip()))[1])
    for cluster in clusters:
        if cluster.first.background or cluster.first.voice == "toll":
            continue
        sentence = ctx.sentences[cluster.first.sentence]
        if sentence.start >= lead[1]:
            return
        if all(d.reference_only or d.voice == "toll" for d in cluster.drafts):
            return  # told only as the object of a claim: no event report to date
        # the lead event, and the others its sentence tells beside it ("a drone strike hit ...,
        # and another struck ...")
        for other in clusters:
            if (
                other.first.sentence == cluster.first.sentence
                and not other.first.background
                and not other.when().known
                and not any(d.when.text for d in other.drafts)
            ):
                day = reference.date
                other.report_date = When(day, day, "day", True, "")
        return


def _flags(ctx: DocContext, cluster: Cluster) -> tuple[str, ...]:
    """What the extractor doubts about an incident: its mentions' flags ("implausible_toll"),
    and a date its sentences give that was set aside ("date_future": after the report;
    "date_invalid": no such day; "date_out_of_range": an absurd year)."""
    flags = [f for d in cluster.drafts for f in d.flags]
    for draft in cluster.drafts:
        sentence = ctx.sentences[draft.sentence]
        flags += [
            f"date_{m.flag}" for m in ctx.dates.within(sentence.start, sentence.end) if m.flag
        ]
    return tuple(dict.fromkeys(flags))


def _freeze(ctx: DocContext, cluster: Cluster, incident_id: str, named: set[str]) -> Incident:
    actors = ctx.index
    place, location_text, precision = cluster.place()
    inferred = False
    if place is None and cluster.context_place is not None:
        place, precision, inferred = cluster.context_place, cluster.context_precision, True
        location_text = f"{place.name} ({cluster.context_text})"
    perpetrator, hedged = _perpetrator(cluster, actors)
    claimants = sorted(cluster.claimed_by)
    if perpetrator is not None and claimants:
        actor = actors.get(perpetrator)
        if not any(actors.related(perpetrator, c) for c in claimants) and (
            hedged or (actor is not None and actor.kind in ("state", "foreign"))
        ):
            # "JeM claimed the attack; India blamed Pakistan": a group's own claim outweighs
            # another party's blame and a state read as the doer
            perpetrator, hedged = None, False
    for claimant in claimants:
        if perpetrator is None or actors.related(perpetrator, claimant):
            perpetrator = actors.more_specific(claimant, perpetrator)
    perpetrator = specialise(perpetrator, place, named, actors)
    claimed = perpetrator is not None and any(actors.related(c, perpetrator) for c in claimants)
    attribution: Attribution = (
        "claimed"
        if claimed
        else "alleged"
        if perpetrator and hedged
        else "attributed"
        if perpetrator
        else "unknown"
    )
    event_type, sub_event_type, method, generic = _event_type(cluster, perpetrator, actors)
    sources: dict[tuple[int, int], Source] = {}
    for draft in cluster.drafts:
        for source in draft.sources:
            sources.setdefault((source.start, source.end), source)
    targets: list[str] = []
    for draft in cluster.drafts:
        targets.extend(t for t in draft.targets if t not in targets)
    fatalities, attackers_killed = split_attackers(
        cluster.drafts,
        _toll(cluster.drafts, "fatalities"),
        _toll(cluster.drafts, "attackers_killed"),
        armed_attack=actors.is_militant(perpetrator)
        or (perpetrator is None and any(d.armed_doers for d in cluster.drafts)),
    )
    return Incident(
        id=incident_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        when=cluster.report_date or cluster.when(),
        place=place,
        location_text=location_text,
        geo_precision=precision,
        place_inferred=inferred,
        perpetrator=perpetrator,
        attribution=attribution,
        targets=tuple(targets[:5]),
        fatalities=fatalities,
        wounded=_toll(cluster.drafts, "wounded"),
        sources=tuple(sorted(sources.values(), key=lambda s: s.start)),
        venue=next((d.venue for d in cluster.drafts if d.venue), None),
        generic=generic,
        flags=_flags(ctx, cluster),
        method=method,
        attackers_killed=attackers_killed,
    )
