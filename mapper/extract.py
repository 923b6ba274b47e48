"""Incidents and claims from documents: rules over sentences, with no downloaded model.

For each sentence, trigger patterns from ``mapper/data/triggers.json`` propose incidents (typed
after ACLED); hypothetical, negated and habitual uses are dropped ("a possible attack", "no group
has claimed", "in recent years").  Each incident takes the place the sentence says it happened
at (a resolved geoparser mention after "in", "at", "on"...; "Kabul airport" is the airport, or
Kabul at geo_precision 2 when the gazetteer has no airport), the date nearest its trigger, the
perpetrator (the clause's subject, "by X", "X's"), targets and casualty figures.  An incident
whose sentence names no place takes the country (or province) its paragraph, else its document,
is about, at geo_precision 3 and marked ``place_inferred``; with no clear focus it stays
unplaced.  Claims come from :mod:`mapper.claims`; the shared plumbing (compiled rules,
sentences, anaphora) from :mod:`mapper._rules`.  Mentions of one incident within a document are
merged, then :mod:`mapper.link` links incidents and claims across documents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from mapper._rules import (
    BLOCK_SUBJECT,
    GENERIC_CHANNELS,
    WORD_NUMBERS,
    ClaimDraft,
    DocContext,
    Draft,
    Rules,
    Sentence,
    Trigger,
    clean,
    date_for,
    load_rules,
    paragraph_lines,
    resolve_anaphor,
    rules_from_dict,
    split_sentences,
    subject_of,
    within,
)
from mapper.actors import ActorIndex, load_actors
from mapper.claims import carry_hedges, claims_in, settle_channels
from mapper.dates import Reference, find_dates
from mapper.errors import ExtractionError
from mapper.model import Claim, Count, Extraction, Incident, Source

if TYPE_CHECKING:
    from mapper.documents import Document
    from mapper.gazetteer import Gazetteer, Place
    from mapper.geoparse import Mention

__all__ = [
    "Geoparser",
    "Rules",
    "Trigger",
    "extract",
    "extract_document",
    "load_rules",
    "rules_from_dict",
    "split_sentences",
]

Geoparser = Callable[["Document", "Gazetteer"], list["Mention"]]


_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|on|near|outside|inside|into|across|around|targeted|targeting|against|hit|"
    r"struck|of|to|enter|entered|entering|reached|close\s+to|the\s+city\s+of|the\s+province\s+of)\s+(?:the\s+)?"
    r"(?:(?:eastern|western|northern|southern|northeast(?:ern)?|northwest(?:ern)?|southeast(?:ern)?|"
    r"southwest(?:ern)?|central|restive|capital|city|town|province|district|village)\s+)*)$",
    re.IGNORECASE,
)


_NEAR = re.compile(r"\b(?:near|outside|around|close\s+to|outskirts\s+of)\s+(?:the\s+)?$", re.I)


_BY_ACTOR = re.compile(
    r"(?:\bby|\bbetween|affiliated\s+with|members\s+of|fighters\s+of|militants\s+(?:of|from)|linked\s+to|"
    r"loyal\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_TARGET_NOUNS = re.compile(
    r"\b(?:(?:[A-Z][\w-]*|local|foreign|Afghan|Pakistani|US|U\.S\.)\s+)?(?:civilians|worshippers|"
    r"Shias|Shiites|Sikhs|Hindus|Hazaras|Christians|soldiers|servicemen|troops|police(?:men)?|"
    r"officers|prisoners|journalists|students|children|women|mourners|pilgrims|officials|guards|"
    r"fighters|militants|diplomats|aid\s+workers|spies|judges)\b"
)


_CLAUSE = re.compile(r";|\s[—–]\s")


_DEFINITE = re.compile(
    r"\b(?:the|this|these|both|its|their|his|her|same)\s+(?:[\w-]+\s+){0,3}$", re.I
)


# "the arrests", "the attack": the article (or a demonstrative) right before the trigger.
_REFERENCE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+){0,1}$", re.I)


# "Taliban forces and ISKP fighters clashed": the sides of a clash, listed before the verb.
_COORDINATED_SIDES = re.compile(
    r"(?:\s+(?:forces|fighters|militants|troops|soldiers|members))?\s*(?:,|\band\b)\s*(?:the\s+)?",
    re.I,
)


# "attacked posts in Chitral on Wednesday, sparking clashes": an event caused by one told
# just before, at the same place.
_CONSEQUENCE = re.compile(
    r",\s+(?:sparking|triggering|prompting|leading\s+to|setting\s+off|starting)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)


# "attacked the Bannu cantonment": a verb whose object is the place hit.
_ATTACK_VERB = re.compile(
    r"(?:attacked|stormed|raided|ambushed|bombed|shelled|struck|hit|targeted|overran)", re.I
)


# "Hundreds of TTP fighters", "a group of ISKP militants": a number of a group's people.
_QUANTIFIED = re.compile(
    r"\b(?:hundreds|dozens|scores|thousands|several|many|\d+|a\s+(?:group|band|unit|squad|"
    r"team|number))\s+of\s+(?:the\s+)?$",
    re.I,
)


# "attacked two Pakistani army posts": an actor that is the object of a violent verb.
_OBJECT_OF = re.compile(
    r"\b(?:attack(?:ed|ing)|ambush(?:ed|ing)|raid(?:ed|ing)|storm(?:ed|ing)|struck|hit|"
    r"kill(?:ed|ing)|kidnapp(?:ed|ing)|abduct(?:ed|ing)|arrest(?:ed|ing)|overran)\s+"
    r"(?:the\s+|a\s+|an\s+|\w+\s+)?$",
    re.I,
)


_COMPLEMENTIZER = re.compile(r"\b(?:that|whether|because|while|although)\b", re.I)


_VICTIM = re.compile(
    r"(?:['’]s)?(?:\s+[\w-]+){0,2}?\s+(?:were|was|have\s+been|had\s+been)\s+(?:also\s+)?"
    r"(?:killed|wounded|injured|targeted|attacked|ambushed|executed|abducted|arrested|hit)",
    re.I,
)


_AMONG_VICTIMS = re.compile(
    r"\b(?:including|among|killing|killed|wounding|wounded|injured)\b", re.I
)


def extract(
    documents: Sequence[Document],
    gazetteer: Gazetteer,
    *,
    geoparser: Geoparser | None = None,
    actors: ActorIndex | None = None,
    rules: Rules | None = None,
) -> Extraction:
    """Extract incidents and claims from documents and link them across documents.

    Parameters
    ----------
    documents
        The documents, as loaded by :func:`mapper.documents.load_documents`.
    gazetteer
        The gazetteer the geoparser resolves names with (also used to find facilities such as
        "Kabul airport").
    geoparser
        ``geoparse(document, gazetteer) -> list[Mention]``; by default
        :func:`mapper.geoparse.geoparse`.
    actors, rules
        The actor index and trigger rules; default to the shipped data files.
    """
    from mapper.link import link  # link imports this module's helpers

    if geoparser is None:
        from mapper.geoparse import geoparse

        geoparser = geoparse
    index = actors or load_actors()
    compiled = rules or load_rules()
    mentions: dict[str, list[Mention]] = {}
    per_document: list[tuple[list[Incident], list[Claim]]] = []
    for document in documents:
        found = geoparser(document, gazetteer)
        mentions[document.id] = found
        per_document.append(extract_document(document, found, gazetteer, index, compiled))
    incidents, claims = link(per_document, index, documents)
    return Extraction(incidents, claims, index.actors, mentions, list(documents))


def extract_document(
    document: Document,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer | None = None,
    actors: ActorIndex | None = None,
    rules: Rules | None = None,
) -> tuple[list[Incident], list[Claim]]:
    """Incidents and claims of one document, merged within it, with ids ``<doc>:i<n>``/``:c<n>``."""
    index = actors or load_actors()
    compiled = rules or load_rules()
    text = document.text
    reference = Reference.of(document.date, document.body)
    masked = index.find(text, document.body_start)
    ctx = DocContext(
        document=document,
        text=text,
        reference=reference,
        actors=masked,
        dates=find_dates(text, reference, document.body_start),
        places=[
            m
            for m in mentions
            if m.place is not None and not any(a.start < m.end and m.start < a.end for a in masked)
        ],
        sentences=[
            Sentence(i, a, b) for i, (a, b) in enumerate(split_sentences(text, document.body_start))
        ],
        index=index,
        rules=compiled,
        gazetteer=gazetteer,
    )
    ctx.trigger_hits = [
        (order, m.start(), m.end())
        for order, trigger in enumerate(compiled.triggers)
        for m in trigger.regex.finditer(text, document.body_start)
    ]
    drafts: list[Draft] = []
    claims: list[ClaimDraft] = []
    for sentence in ctx.sentences:
        sentence.subject, sentence.subject_start = subject_of(ctx, sentence)
        new = _incidents_in(ctx, sentence, len(drafts))
        claims.extend(claims_in(ctx, sentence, new, len(claims)))
        carry_hedges(ctx, sentence, claims)
        drafts.extend(new)
        ctx.drafts = drafts
        if sentence.subject is not None:
            ctx.salience[sentence.subject] += 1
        for match in compiled.channels.finditer(text, sentence.start, sentence.end):
            if match.group().lower() not in GENERIC_CHANNELS:
                ctx.outlets.append((match.start(), clean(match.group())))
    from mapper.link import merge_claim_drafts, merge_drafts

    settle_channels(ctx, claims)
    merge_drafts(drafts, index)
    for draft in drafts:
        if draft.merged_into is None and draft.place is None:
            _place_from_context(ctx, draft)
    return merge_claim_drafts(document, drafts, claims, index, {m.actor for m in masked})


def _clause(ctx: DocContext, sentence: Sentence, at: int) -> tuple[int, int]:
    start, end = sentence.start, sentence.end
    for match in _CLAUSE.finditer(ctx.text, sentence.start, sentence.end):
        if match.end() <= at:
            start = match.end()
        elif match.start() >= at:
            end = match.start()
            break
    return start, end


def _find_triggers(ctx: DocContext, sentence: Sentence) -> list[tuple[Trigger, int, int]]:
    found: list[tuple[Trigger, int, int]] = []
    hits = [h for h in ctx.trigger_hits if sentence.start <= h[1] and h[2] <= sentence.end]
    for order, start, end in sorted(hits):
        if any(start < b and a < end for _, a, b in found):
            continue
        found.append((ctx.rules.triggers[order], start, end))
    # "Four suicide bombers took part in the prison assault": the people name no event of their
    # own when another word does; "a suicide bomber attacked" is a suicide bombing, though.
    events = [t for t, _, _ in found if not t.agent]
    if any(not t.generic for t in events):
        found = [f for f in found if not f[0].agent]
    elif events:
        found = [f for f in found if not (f[0].agent and f[0].generic)]
    found.sort(key=lambda f: f[1])
    return found


def _hypothetical(ctx: DocContext, clause_start: int, start: int, end: int) -> bool:
    """Whether a trigger is hypothetical, negated or future ("a possible attack", "will attack")."""
    before = ctx.text[clause_start:start]
    words = before.split()
    if ctx.rules.irrealis.search(" ".join(words[-4:])):
        return True
    if ctx.rules.negators.search(" ".join(words[-2:])):
        return True  # "no attack", "was not attacked"
    if re.search(
        r"\b(?:must|should|in\s+order\s+to|plan(?:s|ned|ning)?\s+to|intend\w*\s+to|"
        r"to\s+launch|threaten\w*\s+to|vow\w*\s+to)\b",
        before,
        re.I,
    ):
        return True
    after = ctx.text[end : end + 40]
    if re.search(
        r"\b(?:is|was|are|were)\s+(?:imminent|expected|planned|foiled|thwarted|prevented)\b",
        after,
        re.IGNORECASE,
    ):
        return True
    return bool(
        re.match(
            r"\W*(?:(?:is|was|are|were)\s+(?:imminent|expected|planned|foiled|thwarted|prevented)|"
            r"will\b|would\b|could\b|might\b|(?:[\s,]+\w+){0,3}\s+plans?\b|(?:[\s,]+\w+){0,2}\s+plots?\b)",
            after,
            re.IGNORECASE,
        )
    )


def _incidents_in(ctx: DocContext, sentence: Sentence, first_key: int) -> list[Draft]:
    text = ctx.text
    sentence_text = text[sentence.start : sentence.end]
    if sentence_text.rstrip().endswith("?"):
        return []
    generic_sentence = bool(ctx.rules.generic.search(text, sentence.start, sentence.end))
    drafts: list[Draft] = []
    triggers = _find_triggers(ctx, sentence)
    specific_types = {t.sub_event_type for t, _, _ in triggers if not t.generic}
    for trigger, start, end in triggers:
        if trigger.generic and specific_types:
            continue
        clause_start, clause_end = _clause(ctx, sentence, start)
        if generic_sentence or _hypothetical(ctx, clause_start, start, end):
            continue
        if any(
            d.sub_event_type == trigger.sub_event_type
            and _clause(ctx, sentence, d.trigger_start) == (clause_start, clause_end)
            for d in drafts
        ):
            continue
        drafts.extend(
            _assemble(
                ctx,
                sentence,
                trigger,
                start,
                end,
                clause_start,
                clause_end,
                first_key + len(drafts),
            )
        )
    # "...entered Kabul and took control of the prison, but chose to execute him": an event
    # told in sequence with one whose place is said happened there too.
    for previous, draft in pairwise(drafts):
        same_clause = _clause(ctx, sentence, previous.trigger_start) == _clause(
            ctx, sentence, draft.trigger_start
        )
        if (
            same_clause
            and draft.place is None
            and previous.place is not None
            and (previous.perpetrator is None or previous.perpetrator == draft.perpetrator)
        ):
            draft.place, draft.location_text = previous.place, previous.location_text
            draft.geo_precision = previous.geo_precision
    return drafts


def _assemble(
    ctx: DocContext,
    sentence: Sentence,
    trigger: Trigger,
    start: int,
    end: int,
    clause_start: int,
    clause_end: int,
    key: int,
) -> list[Draft]:
    text = ctx.text
    places = _places_for(ctx, start, end, clause_start, clause_end)
    when = date_for(ctx, start, clause_start, clause_end)
    perpetrator, hedged = _perpetrator(ctx, sentence, start, end, clause_start, clause_end)
    fatal, wounded = _casualties(ctx, clause_start, clause_end)
    targets = _targets(ctx, end, clause_end, perpetrator)
    venue_match = ctx.rules.venues.search(
        text, max(clause_start, start - 40), min(clause_end, end + 60)
    )
    venue = venue_match.group().lower() if venue_match else None
    definite = bool(_DEFINITE.search(text[max(clause_start, start - 40) : start]))
    source = Source(
        ctx.document.id, text[sentence.start : sentence.end], sentence.start, sentence.end
    )
    anchored = (
        bool(places)
        or when.known
        or fatal is not None
        or venue is not None
        or (not trigger.generic and perpetrator is not None)
    )
    if not anchored:
        return []
    referent = _refers_back(ctx, sentence, trigger, start, clause_start, places, fatal)
    if referent is not None:
        if source not in referent.sources:
            referent.sources.append(source)
        return []
    out: list[Draft] = []
    options: list[tuple[Place | None, str, int | None, str | None]] = list(places) or [
        (None, "", None, None)
    ]
    for place, location_text, precision, facility in options:
        out.append(
            Draft(
                key=key + len(out),
                sentence=sentence.index,
                trigger_start=start,
                trigger_end=end,
                event_type=trigger.event_type,
                sub_event_type=trigger.sub_event_type,
                generic=trigger.generic,
                when=when,
                place=place,
                location_text=location_text,
                geo_precision=precision,
                perpetrator=perpetrator,
                perpetrator_hedged=hedged,
                targets=targets,
                fatalities=fatal,
                wounded=wounded,
                venue=facility or venue,
                definite=definite,
                sources=[source],
            )
        )
    return out


def _refers_back(
    ctx: DocContext,
    sentence: Sentence,
    trigger: Trigger,
    start: int,
    clause_start: int,
    places: Sequence[object],
    fatal: Count | None,
) -> Draft | None:
    """Whether a trigger names an incident already told ("The BLA did not comment on the
    arrests", "The IS claimed the attack on Monday"): a definite mention, with no place or toll
    of its own, of the kind of an incident of the last three sentences.  A date in its clause
    does not make it new when it is the object of a claim (the date is the claim's)."""
    if places or fatal is not None:
        return None
    if not _REFERENCE.search(ctx.text, max(clause_start, start - 20), start):
        return None
    earlier = [
        d
        for d in ctx.drafts
        if sentence.index - d.sentence <= 3
        and (trigger.generic or d.sub_event_type == trigger.sub_event_type)
    ]
    if not earlier:
        return None
    when = date_for(ctx, start, clause_start, sentence.end)
    if not when.known or any(
        regex.search(ctx.text, clause_start, start) is not None for _, regex in ctx.rules.claims
    ):
        return earlier[-1]
    return None


def _precision_of(place: Place) -> int:
    if place.feature_class == "A" or place.feature_code in ("RGN", "CONT", "VAL", "AREA"):
        return 3
    return 1


def _places_for(
    ctx: DocContext, start: int, end: int, clause_start: int, clause_end: int
) -> list[tuple[Place, str, int, str | None]]:
    """The place(s) an incident happened at: (place, location text, geo_precision, facility)."""
    text = ctx.text
    after = [m for m in ctx.places if end <= m.start < clause_end]
    before = [m for m in ctx.places if clause_start <= m.start and m.end <= start]
    chosen: list[Mention] = []
    for mention in after:
        gap = text[end : mention.start]
        if len(gap) > 90:
            break
        if (
            _LOCATIVE.search(gap)
            or (not gap.strip() and _LOCATIVE.search(text[start:end] + " "))
            or (re.fullmatch(r"\s+the\s+", gap) and _ATTACK_VERB.fullmatch(text, start, end))
        ):
            chosen = [mention]
            break
    if chosen:
        # Coordinated places: "in Nangarhar and the Kunar Valley" is one incident in each.
        for mention in after[after.index(chosen[0]) + 1 :]:
            gap = text[chosen[-1].end : mention.start]
            if re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?", gap):
                chosen.append(mention)
            else:
                break
    elif before and _place_before(text, before[-1], start, clause_start):
        chosen = [before[-1]]
    elif (
        len({m.place.id for m in before + after if m.place}) == 1
        and all(m.place is not None and _precision_of(m.place) == 1 for m in before + after)
        and any(
            _LOCATIVE.search(text[max(clause_start, m.start - 30) : m.start])
            for m in before + after
        )
    ):
        chosen = [(before + after)[0]]
    out: list[tuple[Place, str, int, str | None]] = []
    for mention in chosen:
        out.append(_with_facility(ctx, mention))
    if not out:
        out.extend(_demonym_places(ctx, end, clause_end))
    if not out:
        facility = _facility_anaphor(ctx, start, clause_start, clause_end)
        if facility is not None:
            out.append(facility)
    return out


def _place_from_context(ctx: DocContext, draft: Draft) -> None:
    """Give an incident whose sentences name no place the country (or province) its paragraph,
    else its document, is about, at geo_precision 3; leave it unplaced when neither has a clear
    focus.

    Only places named where something happens count ("in Afghanistan", "at Kabul airport"; not
    "the US said" or "US vehicles").  The focus is the country of most of them, when it holds at
    least ``_FOCUS_SHARE`` of them; it is a province when they all lie in one named province.
    """
    sentence = ctx.sentences[draft.sentence]
    paragraph = _paragraph_of(ctx, sentence.start)
    located = [m for m in ctx.places if _LOCATIVE.search(ctx.text[max(0, m.start - 30) : m.start])]
    for scope in ([m for m in located if paragraph[0] <= m.start < paragraph[1]], located):
        focus = _focus(ctx, [m.place for m in scope if m.place is not None])
        if focus is not None:
            draft.place, draft.geo_precision, draft.place_inferred = focus, 3, True
            draft.location_text = f"{focus.name} (from context)"
            return


_FOCUS_SHARE = 0.6


def _paragraph_of(ctx: DocContext, at: int) -> tuple[int, int]:
    """The paragraph around ``at``: between blank lines, or between line breaks when the
    document's lines are paragraphs."""
    text, body = ctx.text, ctx.document.body_start
    breaks = r"\n" if paragraph_lines(text[body:]) else r"\n\s*\n"
    start = body
    for match in re.finditer(breaks, text[:at]):
        start = max(start, match.end())
    following = re.compile(breaks).search(text, at)
    return start, following.start() if following else len(text)


def _focus(ctx: DocContext, places: Sequence[Place]) -> Place | None:
    """The country (or the one province) most of ``places`` lie in, as a gazetteer place."""
    codes = Counter(p.country_code for p in places if p.country_code)
    if not codes:
        return None
    code, count = codes.most_common(1)[0]
    if count < _FOCUS_SHARE * sum(codes.values()):
        return None
    inside = [p for p in places if p.country_code == code]
    provinces = {p.admin1_code for p in inside}
    if len(inside) >= 2 and len(provinces) == 1 and "" not in provinces:
        province = next(
            (p for p in inside if p.feature_code == "ADM1"),
            None,
        )
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


def _place_before(text: str, mention: Mention, start: int, clause_start: int) -> bool:
    """Whether a place named before a trigger is where it happened: "the Moscow attack",
    "Germany (where seven were arrested", "enter Kabul ... and took control"."""
    gap = text[mention.end : start]
    if not gap.strip() or re.match(r"\s*[(,]?\s*where\b", gap):
        return True
    consequence = _CONSEQUENCE.search(gap)
    if consequence is not None and "," not in gap[: consequence.start()]:
        return bool(_LOCATIVE.search(text[max(clause_start, mention.start - 30) : mention.start]))
    return (
        len(gap) <= 60
        and "," not in gap
        and bool(_LOCATIVE.search(text[max(clause_start, mention.start - 30) : mention.start]))
    )


def _demonym_places(
    ctx: DocContext, end: int, clause_end: int
) -> list[tuple[Place, str, int, str | None]]:
    """Countries named by adjective: "against Uzbek and Tajik territory"."""
    if ctx.gazetteer is None:
        return []
    match = ctx.rules.demonym_places.search(ctx.text, end, clause_end)
    if match is None or len(ctx.text[end : match.start()]) > 40:
        return []
    out: list[tuple[Place, str, int, str | None]] = []
    words = re.findall(r"[A-Z][\w-]+", match.group())
    for word in words:
        country = _country_of_demonym(ctx.gazetteer, word)
        if country is not None:
            out.append((country, word, 3, None))
    return out


def _country_of_demonym(gazetteer: Gazetteer, word: str) -> Place | None:
    from mapper.gazetteer import normalize
    from mapper.recognize import load_lexicon  # the recogniser's demonyms, read once

    demonyms = load_lexicon().demonyms
    code = demonyms.get(normalize(word.replace("-", " ")))
    if code is None:
        return None
    names = [n for n, c in demonyms.items() if c == code]
    guesses = [n[:-1] for n in names if n.endswith("i")] + [
        n[:-2] for n in names if n.endswith("is")
    ]
    for name in dict.fromkeys(guesses + names):
        for place in gazetteer.candidates(name)[:3]:
            if place.country_code == code and place.feature_code.startswith("PCL"):
                return place
    return None


def _with_facility(ctx: DocContext, mention: Mention) -> tuple[Place, str, int, str | None]:
    """ "Kabul airport": the airport if the gazetteer has it, else Kabul at precision 2."""
    place = mention.place
    if place is None:  # filtered out before; kept for the type checker
        msg = f"unresolved mention {mention.text!r} used as a place"
        raise ExtractionError(msg)
    text = ctx.text
    near = bool(_NEAR.search(text[max(0, mention.start - 30) : mention.start]))
    precision = 2 if near else _precision_of(place)
    inner = ctx.rules.facilities.search(mention.text)
    follow = re.match(
        r"(?:['’]s)?\s+((?:International\s+)?[A-Za-z]+(?:\s+[A-Za-z]+)?)",
        text[mention.end : mention.end + 40],
    )
    facility_word: str | None = None
    location_text = mention.text
    if inner is not None:
        facility_word = inner.group().lower().split()[-1]
    elif follow is not None:
        fmatch = ctx.rules.facilities.match(follow.group(1))
        if fmatch is not None:
            facility_word = fmatch.group().lower().split()[-1]
            location_text = clean(
                text[mention.start : mention.end + follow.start(1) + fmatch.end()]
            )
    if facility_word is None:
        return place, location_text, precision, None
    resolved = place
    if inner is None and ctx.gazetteer is not None:
        resolved, precision = _lookup_facility(ctx.gazetteer, place, location_text)
    result = (resolved, location_text, precision, facility_word)
    ctx.facilities[facility_word] = (resolved, location_text, precision)
    return result


def _lookup_facility(gazetteer: Gazetteer, city: Place, name: str) -> tuple[Place, int]:
    from mapper.evaluate import haversine_km

    for query in (name, name.replace(" airport", " International Airport")):
        for candidate in gazetteer.candidates(query)[:5]:
            if (
                candidate.feature_class == "S"
                and haversine_km(candidate.lat, candidate.lon, city.lat, city.lon) <= 30
            ):
                return candidate, 1
    return city, 2


def _facility_anaphor(
    ctx: DocContext, start: int, clause_start: int, clause_end: int
) -> tuple[Place, str, int, str | None] | None:
    """ "the airport": the airport named last in the document."""
    window = ctx.text[start:clause_end]
    match = re.search(
        r"\b(?:on|at|in|near|outside|targeted|targeting)\s+the\s+(\w+(?:\s+\w+)?)", window
    )
    if match is None:
        return None
    facility = ctx.rules.facilities.match(match.group(1))
    if facility is None:
        return None
    word = facility.group().lower().split()[-1]
    known = ctx.facilities.get(word)
    if known is None:
        return None
    place, location_text, precision = known
    return place, location_text, precision, word


def _perpetrator(
    ctx: DocContext, sentence: Sentence, start: int, end: int, clause_start: int, clause_end: int
) -> tuple[str | None, bool]:
    """Who did it: "by X" after the trigger, else the subject before it; hedged or not."""
    text = ctx.text
    hedged = bool(
        re.search(
            r"\b(?:allegedly|suspected|reportedly|accused|blamed)\b",
            text[sentence.start : sentence.end],
            re.I,
        )
    )
    # "arrested 12 suspected members of the BLA": the verb's object, not its agent.
    counted_object = text[end : end + 1] == " " and ctx.rules.number.match(text, end + 1)
    for mention in within(ctx.actors, end, min(clause_end, end + 140)):
        gap = text[end : mention.start]
        if counted_object and not re.search(r"\bby\b", gap, re.I):
            continue
        if _BY_ACTOR.search(gap) and not _AMONG_VICTIMS.search(
            text[max(end, mention.start - 40) : mention.start]
        ):
            return mention.actor, hedged
    for match in ctx.rules.anaphors.finditer(text, end, min(clause_end, end + 30)):
        if _BY_ACTOR.search(text[end : match.start()]):
            return resolve_anaphor(ctx, sentence, match.start(), match.group().lower()), hedged
    if ctx.rules.negations.search(text, sentence.start, sentence.end):
        return None, hedged  # "X has not claimed the attack": X is not its perpetrator
    complement = list(_COMPLEMENTIZER.finditer(text, clause_start, start))
    if complement:
        clause_start = complement[-1].end()
    before: list[tuple[int, int, str | None]] = [
        (m.start, m.end, m.actor) for m in within(ctx.actors, clause_start, start)
    ]
    for match in ctx.rules.anaphors.finditer(text, clause_start, start):
        before.append((match.start(), match.end(), None))
    for position, stop, actor in sorted(before, key=lambda b: -b[0]):
        gap = text[max(clause_start, position - 30) : position]
        quantified = _QUANTIFIED.search(gap)
        if quantified is not None:  # "Hundreds of TTP fighters attacked": the TTP did
            cut = position - len(quantified.group())
            gap = text[max(clause_start, cut - 30) : cut]
        if BLOCK_SUBJECT.search(gap) or _VICTIM.match(text, stop) or _OBJECT_OF.search(gap):
            continue
        if actor is not None:
            actor = _first_side(ctx, clause_start, position, actor)
        if actor is None:
            word = ctx.rules.anaphors.match(text, position)
            return (
                resolve_anaphor(ctx, sentence, position, word.group().lower() if word else "it"),
                hedged,
            )
        return actor, hedged
    if ctx.index.is_militant(sentence.subject) and ctx.rules.self_report.search(
        text, sentence.start, start
    ):
        return sentence.subject, hedged
    return None, hedged


def _first_side(ctx: DocContext, clause_start: int, position: int, actor: str) -> str:
    """The first of actors listed together before a verb ("Taliban forces and ISKP fighters
    clashed": the Taliban), the one an event is recorded under."""
    named = [m for m in within(ctx.actors, clause_start, position) if m.end <= position]
    at = position
    for mention in reversed(named):
        if not _COORDINATED_SIDES.fullmatch(ctx.text, mention.end, at):
            break
        actor, at = str(mention.actor), mention.start
    return actor


def _targets(ctx: DocContext, end: int, clause_end: int, perpetrator: str | None) -> list[str]:
    text = ctx.text
    found: list[str] = []
    for mention in within(ctx.actors, end, min(clause_end, end + 80)):
        if mention.actor != perpetrator:
            found.append(clean(mention.text))
    for match in _TARGET_NOUNS.finditer(text, end, min(clause_end, end + 120)):
        words = clean(match.group())
        if not any(words in f or f in words for f in found):
            found.append(words)
    return found[:5]


def _number(ctx: DocContext, match: re.Match[str]) -> Count:
    raw = match.group("n").lower().replace(",", "")
    modifier = (match.group("mod") or "").lower()
    phrase = clean(match.group())
    if raw.isdigit() or raw in WORD_NUMBERS or raw == "a hundred":
        value = int(raw) if raw.isdigit() else WORD_NUMBERS.get(raw, 100)
        low: int | None = value
        high: int | None = value
        if modifier in ("at least", "more than", "over"):
            high = None
        elif modifier in ("nearly", "almost", "up to", "as many as"):
            low = None
        return Count(value, low, high, phrase)
    for regex, (best, low_v, high_v) in ctx.rules.vague:
        if regex.fullmatch(raw):
            return Count(best, low_v, high_v, phrase)
    return Count(None, None, None, phrase)


def _coordinated(
    ctx: DocContext, match: re.Match[str], count: Count, after: bool, start: int, end: int
) -> Count:
    """A count with the one listed beside it added: "killing two staff and at least four
    Afghans" (6), "leaving three soldiers and seven militants dead" (10)."""
    number = ctx.rules.number.pattern
    words = r"(?:\s+(?!(?:and|or|but)\b)[\w’'-]+){1,4}?\s+and\s+"
    if after:
        other = re.compile(
            rf"{words}{number}(?![\w-])(?!(?:\s+[\w’'-]+){{0,3}}?\s+(?:were|was|are|have|had)\b)",
            re.IGNORECASE,
        ).match(ctx.text, match.end(), end)
    else:
        other = re.compile(rf"(?<![\w-]){number}{words}$", re.IGNORECASE).search(
            ctx.text, max(start, match.start() - 80), match.start()
        )
    if other is None:
        return count
    lead = ctx.text[max(start, other.start() - 15) : other.start()]
    if not after and (ctx.rules.fatal.search(lead) or ctx.rules.wounded.search(lead)):
        return count  # "killed 5 people and 20 were wounded": the 5 are another count
    if ctx.rules.fatal.search(other.group()) or ctx.rules.wounded.search(other.group()):
        return count  # "Seven were killed and 12 injured": two counts, each with its verb
    extra = _number(ctx, other)
    if count.best is None or extra.best is None:
        return count
    low = None if count.low is None or extra.low is None else count.low + extra.low
    high = None if count.high is None or extra.high is None else count.high + extra.high
    phrase = clean(ctx.text[min(match.start(), other.start()) : max(match.end(), other.end())])
    return Count(count.best + extra.best, low, high, phrase)


def _casualties(ctx: DocContext, start: int, end: int) -> tuple[Count | None, Count | None]:
    """Killed and wounded figures in ``text[start:end]`` ("13 were killed", "killing 13")."""
    text = ctx.text
    result: dict[str, Count] = {}
    number = ctx.rules.number.pattern
    verbs = {"fatal": ctx.rules.fatal.pattern, "wounded": ctx.rules.wounded.pattern}
    for kind, verb in verbs.items():
        forward = re.compile(
            rf"(?<![\w-]){number}(?:\s+(?!(?:and|or|but)\b)[\w’'.-]+){{0,5}}?\s+"
            rf"(?:(?:were|was|have\s+been|had\s+been|are|is)\s+)?(?:(?:also|reportedly)\s+)?{verb}",
            re.IGNORECASE,
        )
        backward = re.compile(rf"{verb}\s+{number}(?![\w-])", re.IGNORECASE)
        regexes = [forward, backward]
        if kind == "fatal":  # "the death toll ... rose to 100"
            regexes.append(
                re.compile(
                    rf"\b(?:toll|number\s+of\s+(?:people\s+|those\s+)?(?:killed|dead|deaths))\b"
                    rf"(?:\s+[\w’'.-]+){{0,10}}?\s+{ctx.rules.toll.pattern}\s+"
                    rf"{number}(?![\w-])",
                    re.IGNORECASE,
                )
            )
        for regex in regexes:
            for match in regex.finditer(text, start, end):
                count = _number(ctx, match)
                best = count.best
                if best is None:
                    continue
                count = replace(count, text=clean(match.group()))
                count = _coordinated(ctx, match, count, regex is backward, start, end)
                current = result.get(kind)
                if current is None or (current.best or 0) < best:
                    result[kind] = count
    return result.get("fatal"), result.get("wounded")
