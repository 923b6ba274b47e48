"""Incidents and claims from documents: event mentions, event coreference, claims, linking.

The pipeline follows the ACE/ERE shape of event extraction:

1. **Event mentions.**  In each clause of each sentence, words of the event lexicon
   (``mapper/data/events.json``, matched on lemmas so every inflection counts) propose an event of
   an ACLED type.  Its arguments come from the clause: the place it happened at (a locative
   phrase, the most specific name of a "Town, Province, Country" chain; never a place where
   someone spoke or where an attacker came from), the date nearest the trigger, the agent by
   voice (the subject of an active verb, the "by" phrase of a passive one, the group named before
   an event noun: "an Islamic State suicide bomber"), the targets (objects, passive subjects,
   "attack on ..."), and the tolls read through casualty phrases (:mod:`mapper._casualties`).
   Non-events are dropped: negated, hypothetical, planned or foiled acts, counts over a period
   ("95 attacks this year"), reports officials deny, and accidents; a past event named inside a
   report of a trial or an anniversary keeps only the date its own noun phrase gives.
2. **Event coreference** (:mod:`mapper.coref`): the mentions of one event within a document (the
   lead, "the attack", the follow-up toll) become one cluster, and each cluster one incident with
   the most specific place, the best date, the latest or highest toll and every source sentence.
3. **Claims** (:mod:`mapper.claims`): responsibility, denial, allegation, threat, condemnation,
   linked to the cluster they are about; a linked responsibility claim makes the incident
   ``claimed``.
4. **Cross-document linking** (:mod:`mapper.link`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from mapper._casualties import (
    ARMED_SIDE,
    Toll,
    casualty_word_at,
    has_casualty_word,
    other_side,
    read_tolls,
    toll_sides,
)
from mapper._rules import (
    _LOCATIVE,
    BLAME_END,
    BLOCK_SUBJECT,
    GENERIC_CHANNELS,
    LINK,
    ClaimDraft,
    DocContext,
    Draft,
    Rules,
    Sentence,
    Spans,
    Trigger,
    aftermath_venue,
    clean,
    date_for,
    excluded_place,
    load_rules,
    own_dates,
    resolve_anaphor,
    rules_from_dict,
    split_sentences,
    subject_of,
    within,
)
from mapper._tokens import Tokens
from mapper.actors import ActorIndex, load_actors
from mapper.claims import carry_hedges, claims_in, settle_channels
from mapper.coref import assemble, paragraph_of
from mapper.dates import (
    CARDINALS,
    DateMention,
    Reference,
    dateline_date,
    find_dates,
    is_dateline,
    leading_date,
    masthead_date,
)
from mapper.errors import ExtractionError
from mapper.gazetteer import normalize
from mapper.geo import contains, haversine_km
from mapper.geoparse import NOT_LOCATIONS
from mapper.model import Claim, Count, Incident, Source, When
from mapper.recognize import load_lexicon  # the recogniser's demonyms, read once

if TYPE_CHECKING:
    from mapper.documents import Document
    from mapper.gazetteer import Gazetteer, Place
    from mapper.geoparse import Mention

__all__ = [
    "Geoparser",
    "Rules",
    "Trigger",
    "extract_document",
    "load_rules",
    "rules_from_dict",
    "split_sentences",
]

Geoparser = Callable[["Document", "Gazetteer"], list["Mention"]]


#: A distance from a place: "about 30 kilometres from Kalat", "40 km east of Macomia".
_DISTANCE = (
    r"\d+\s*(?:km|kms|kilometres|kilometers|miles|mi)\s+(?:\(\d+\s*\w+\)\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+)?(?:of|from)"
)
_NEAR = re.compile(
    rf"\b(?:near|outside|around|off|close\s+to|outskirts\s+of|{_DISTANCE})\s+(?:the\s+)?$",
    re.I,
)
_FROM_DISTANCE = re.compile(rf"\b{_DISTANCE}\s+(?:the\s+)?$", re.I)


_BY_ACTOR = re.compile(
    r"(?:\bby|\bbetween)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:(?:belonging\s+to|of|from|linked\s+to|affiliated\s+with|loyal\s+to|allied\s+(?:to|with))\s+"
    r"(?:the\s+)?)?$",
    re.IGNORECASE,
)

# "members of the Taliban", "fighters belonging to the IS": people of a group, as a subject.
_MEMBERS_OF = re.compile(
    r"\b(?:members?|fighters?|militants?|gunmen|men|cell|affiliates?|operatives?|supporters?|"
    r"loyalists|followers|terrorists|insurgents|jihadists|attackers|assailants|rebels|"
    r"guerrillas|militiamen|combatants|cadres)\s+"
    r"(?:of|from|belonging\s+to|affiliated\s+with|linked\s+to|loyal\s+to|allied\s+(?:to|with))\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


_TARGET_NOUNS = re.compile(
    r"\b(?:(?:[A-Z][\w-]*|local|foreign|Afghan|Pakistani|US|U\.S\.)\s+)?(?:civilians|worshippers|"
    r"Shias|Shiites|Sikhs|Hindus|Hazaras|Christians|soldiers|servicemen|troops|police(?:men)?|"
    r"officers|prisoners|journalists|students|children|women|mourners|pilgrims|officials|guards|"
    r"fighters|militants|diplomats|aid\s+workers|spies|judges|"
    # the victims ACLED's and GTD's target types name (business, educational, health, transport,
    # religious figures, NGOs, peacekeepers, tourists, labour)
    r"shopkeepers|traders|farmers|villagers|passengers|teachers|doctors|nurses|health\s+workers|"
    r"polio\s+workers|vaccinators|(?:tribal\s+)?elders|clerics|worshipers|lawyers|peacekeepers|"
    r"contractors|engineers|labou?rers|miners|hostages|residents|protesters|demonstrators|"
    r"tourists|migrants|refugees|militiamen|personnel)\b"
)


# Clause boundaries inside a sentence: a semicolon, a dash, or a comma with a conjunction.
_CLAUSE = re.compile(
    r";|\s[—–]\s|,\s+(?:and|but|while|whereas|as|although|though|and\s+then|then)\s+|"
    r"\s(?:while|whereas)\s|"
    # "..., police said, adding that they had arrested two suspects": what the speaker adds
    r",\s+(?=(?:adding|saying|stating|noting|claiming)\s)"
)


_DEFINITE = re.compile(
    r"\b(?:the|this|these|both|its|their|his|her|same|that|those)\s+(?:[\w-]+\s+){0,3}$", re.I
)


# "Taliban forces and ISKP fighters clashed": the sides of a clash, listed before the verb.
_COORDINATED_SIDES = re.compile(
    r"(?:\s+(?:forces|fighters|militants|troops|soldiers|members))?\s*(?:,|\band\b)\s*(?:the\s+)?",
    re.I,
)


_CONSEQUENCE = re.compile(
    r",\s+(?:sparking|triggering|prompting|leading\s+to|setting\s+off|starting)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)


_ATTACK_VERB = re.compile(
    r"(?:attacked|stormed|raided|ambushed|bombed|shelled|struck|hit|targeted|overran|rocked|"
    r"besieged|shot\s+up|burned|burnt|torched|razed"
    # a headline's present tense: "Gunmen attack Peshawar airport", "Blast rocks Quetta"
    r"|attacks?|storms?|raids?|ambush(?:es)?|shells|strikes|hits|targets?|rocks|overruns?)",
    re.I,
)


_QUANTIFIED = re.compile(
    r"\b(?:hundreds|dozens|scores|thousands|several|many|\d+|a\s+(?:group|band|unit|squad|"
    r"team|number))\s+of\s+(?:the\s+)?$",
    re.I,
)


_OBJECT_OF = re.compile(
    r"\b(?:attack(?:ed|ing)|ambush(?:ed|ing)|raid(?:ed|ing)|storm(?:ed|ing)|struck|hit|"
    r"kill(?:ed|ing)|kidnapp(?:ed|ing)|abduct(?:ed|ing)|arrest(?:ed|ing)|overran|target(?:ed|ing)|"
    r"execut(?:ed|ing)|behead(?:ed|ing)|shot|shoot(?:ing)?|wound(?:ed|ing)|injur(?:ed|ing))\s+"
    r"(?:the\s+|a\s+|an\s+|\d+\s+|\w+\s+){0,2}$",
    re.I,
)


_COMPLEMENTIZER = re.compile(r"\b(?:that|whether|because|while|although)\b", re.I)


_VICTIM = re.compile(
    r"(?:['’]s)?(?:\s+[\w-]+){0,3}?\s+(?:were|was|have\s+been|had\s+been|are|is)\s+"
    r"(?:also\s+|reportedly\s+|allegedly\s+)?(?:killed|wounded|injured|targeted|attacked|ambushed|"
    r"executed|abducted|kidnapped|arrested|hit|shot|martyred|beheaded)",
    re.I,
)


_AMONG_VICTIMS = re.compile(
    r"\b(?:including|among|killing|killed|wounding|wounded|injured)\b", re.I
)


_HEDGED = re.compile(
    r"\b(?:allegedly|suspected|reportedly|accused|blamed|believed\s+to|suspicion|presumably|"
    r"apparently|likely|probably|thought\s+to)\b",
    re.I,
)


# A nominal trigger done by the subject of a support verb: "X carried out the attack".
_SUPPORT_VERBS = re.compile(
    r"\b(?:carr(?:y|ied|ies|ying)\s+out|launch(?:ed|es|ing)?|stag(?:e|ed|es|ing)|"
    r"conduct(?:ed|s|ing)?|mount(?:ed|s|ing)?|perpetrat(?:e|ed|es|ing)|execut(?:e|ed|es|ing)|"
    r"mastermind(?:ed|s)?|orchestrat(?:e|ed|es|ing)|unleash(?:ed|es)?|commit(?:ted|s)?|"
    r"made|make|makes|set\s+off|detonat(?:e|ed|es|ing)|plant(?:ed|s|ing)?|"
    r"(?:was|were|is|are)\s+behind)\s+(?:(?:a|an|the|two|three|its|their|his|her|another|"
    r"several|series\s+of|wave\s+of)\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)


# Verbs of perceiving or reporting whose object is an event told as happening now.
# A negation of the trigger itself ("did not attack", "no attack took place", "was never
# bombed"): only auxiliaries and determiners may stand between ("has not claimed the attack"
# negates the claim, not the attack).
_NEGATED_PREDICATE = re.compile(
    # "denied targeting the hospital": the act denied, no event of the sentence
    r"\bden(?:y|ies|ied|ying)\s+(?:\w+ly\s+|any\s+|ever\s+)?$|"
    r"\b(?:no|not|never|without|nor|neither|n['’]t|none\s+of)\s+"
    r"(?:(?:be|been|being|was|were|yet|any|a|an|the|single|one|real|actual|such|further|major)\s+){0,2}$",
    re.I,
)


_PERIOD_LEAD = re.compile(
    r"\b(?:in|during|since|through|throughout|over|for|from)\s+"
    r"(?:the\s+(?:month|year|first|second|last|past)\s+(?:\w+\s+)?(?:of\s+)?)?$",
    re.I,
)
_PERIOD_WORDS = re.compile(
    r"\b(?:since|so\s+far|to\s+date|this\s+(?:year|month)|last\s+(?:year|month)|"
    r"(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|weeks?|decades?))\b",
    re.I,
)
_SEVERAL_EVENTS = re.compile(
    r"\b(?:twin|double|triple|two|three|four|coordinated|simultaneous|synchronized|serial|"
    r"series\s+of|wave\s+of)\s+(?:[\w-]+\s+){0,2}$"
    r"|\bone\s+of\s+(?:the|these|those|its|their|his|her)\s+(?:[\w-]+\s+){0,3}$",  # one event
    re.I,
)


def _over_a_period(
    ctx: DocContext, clause_start: int, clause_end: int, own: Sequence[_Hit]
) -> bool:
    """Whether a clause counts events over a period rather than telling one: a plural event
    noun ("in attacks", "bombings") with a period ("last month", "since 2020", "in April"),
    not a named set of events ("the 2017 Tehran attacks", "twin bombings")."""
    plural = [
        h
        for h in own
        if h.trigger.pos != "agent"
        and _voice(ctx, h) == "nominal"
        and ctx.tokens.forms[h.last - 1].lower().endswith("s")
        and not _SEVERAL_EVENTS.search(
            ctx.text, max(clause_start, h.start - 40), ctx.tokens.starts[h.last - 1]
        )
    ]
    if not plural:
        return False
    if _PERIOD_WORDS.search(ctx.text, clause_start, clause_end):
        return True
    for d in within(ctx.dates, clause_start, clause_end):
        if d.when.precision in ("month", "year") and _PERIOD_LEAD.search(
            ctx.text, max(clause_start, d.start - 40), d.start
        ):
            return True
    return False


_COUNTERFACTUAL = re.compile(
    r"\s*(?:Had|Were|Should)\s+(?:the|a|an|his|her|their|its|it|they|he|she|this|that)\b"
)


#: Ordinary crimes: an arrest or a police raid for them is no event of political violence
#: (ACLED codes arrests only of political actors: militants, protesters, officials).
_ORDINARY_CRIME = re.compile(
    r"(?<![^ ])(?:drug|narcotic|heroin|cocaine|marijuana|meth|methamphetamine|rape|sexual|"
    r"child abuse|child pornography|neglect|theft|burglary|robbery|shoplifting|fraud|dui|"
    r"drunk driving|felony|misdemeanor|bond|bail|probation|traffic violation|speeding|"
    r"trespass|vandalism|prostitution|gambling|embezzlement|forgery|insurance)(?![^ ])"
)


_ACCIDENT = re.compile(r"\b(?:accident(?:al|ally)?|mishap|misfire)\b", re.I)
#: A mishap told without the word: "A bus plunged into a ravine", "a gas cylinder exploded".
_MISHAP = re.compile(
    r"\b(?:(?:bus|car|van|truck|lorry|coach|vehicle|jeep|boat|ferry|train)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:plunged|plunges|overturned|overturns|veered|fell|skidded|capsized|collided|derailed)"
    r"|(?:gas|lpg|cooking\s+gas)\s+(?:cylinder|tank|canister|pipeline|leak)s?"
    r"|(?:cylinder|boiler|transformer)\s+(?:blast|explosion|exploded|burst))\b",
    re.I,
)


#: People still held, a state rather than an act: "remain detained", "are still in custody".
_HELD = re.compile(
    r"\b(?:remain(?:s|ed|ing)?|(?:are|is|were|was)\s+still)\s+(?:in\s+)?(?:detained|detention|"
    r"custody|held|jailed|imprisoned|behind\s+bars)\b",
    re.I,
)


_PLAN = re.compile(
    r"\b(?:must|should|in\s+order\s+to|plan(?:s|ned|ning)?\s+to|intend\w*\s+to|to\s+launch|"
    r"threaten\w*\s+to|vow\w*\s+to|warn\w*\s+(?:of|that)|could|would|might|may|will|if|unless|"
    r"seek\w*\s+to|sought\s+to|tr(?:y|ied|ying)\s+to|attempt\w*\s+to|prepar\w*\s+to|aim\w*\s+to|"
    r"wanted\s+to|want\s+to|ready\s+to|able\s+to|capable\s+of|fears?\s+(?:of|that)|risk\s+of|"
    r"possible|potential|possibly|supposed\s+to|talks?\s+of|speaks?\s+of|calls?\s+for|pledg\w*\s+to|"
    r"commitment\s+to|committed\s+to|determined\s+to|promis\w*\s+to|resolved?\s+to|"
    r"prevent\w*|foil\w*|thwart\w*|avert\w*|disrupt\w*|before\s+(?:he|she|they|it)\s+could|"
    # "directed police to arrest the culprits": an order, not an arrest
    r"(?:direct|order|instruct|urg)(?:ed|es|s|ing)?\s+(?:[\w-]+\s+){0,3}?to)\b",
    re.I,
)


_AFTER_PLAN = re.compile(
    r"\W*(?:(?:is|was|are|were)\s+(?:imminent|expected|planned|foiled|thwarted|prevented|averted|"
    r"feared|likely)|will\b|would\b|could\b|might\b|(?:[\s,]+\w+){0,3}\s+plans?\b|"
    r"(?:[\s,]+\w+){0,2}\s+plots?\b"
    # "IED threat on the Bamenda-Bafut road remains HIGH": an assessment, not an event
    r"|\s+(?:threat|risk|alert|warning)s?\b"
    # "bombs which they planned to detonate": a plan for the things, not an event
    r"|\s*,?\s+(?:which|that)\s+(?:[\w-]+\s+){0,2}?(?:plann?ed|intended|wanted|hoped|aimed|"
    r"(?:was|were)\s+(?:going|about|preparing))\s+to\b)",
    re.I,
)
#: A course of violence told in the perfect since a date or an event, or for weeks or longer
#: ("Fighting has rocked the region since August 2023", "The two groups have been fighting since
#: January 2025", "whose forces have besieged the city for a decade").
_ONGOING = re.compile(
    r"\b(?:has|have)\s+(?:long\s+|also\s+|repeatedly\s+)?(?:been\s+)?[a-z]+(?:ed|en|ing)\b"
    r"[^.;]{0,160}?(?:\bsince\b|\bfor\s+(?:(?:a|an|the\s+(?:past|last)|several|many|some|"
    r"\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+few)\s+)?(?:decades?|years?|months?|"
    r"weeks?)\b)",
    re.I,
)


_DENIED_REPORT = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|dismiss(?:ed|es|ing)?|reject(?:ed|s|ing)?|refut(?:e|ed|es|ing)|"
    r"debunk(?:ed|s)?)\s+(?:\w+\s+){0,3}?(?:reports?|rumou?rs?|claims?|allegations?|news|"
    r"accounts?|speculation)\s+(?:that|of)\b"
    # "denied that militants had stormed": the event itself is denied, unless the denier speaks
    # of its own people ("denied that its fighters had attacked" denies responsibility)
    r"|\b(?:den(?:y|ied|ies|ying)|refut(?:e|ed|es|ing))\s+that\s+"
    r"(?!(?:it|its|they|their|he|his|she|her|we|our|the\s+group(?:['’]s)?)\b)",
    re.I,
)


_AGGREGATE = re.compile(
    r"\b(?:[5-9]|\d\d[\d,]*|five|six|seven|eight|nine|ten|dozens\s+of|scores\s+of|"
    r"hundreds\s+of|several|many|numerous|multiple|a\s+(?:series|wave|spate|string|spree|"
    r"number|string)\s+of|a\s+spate\s+of|recent|frequent|repeated|similar|other|previous|past|"
    r"earlier)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)


_YEAR_MODIFIER = re.compile(r"\b(?P<year>(?:19|20)\d\d)(?:['’]s)?\s+(?:[\w-]+\s+){0,3}$")


_LEAD_YEAR_AFTER = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:in|of)\s+(?P<year>(?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class _Hit:
    """A lexicon match in a sentence."""

    trigger: Trigger
    first: int  # first word
    last: int  # past the last word
    start: int
    end: int


def _context(
    document: Document,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer | None,
    index: ActorIndex,
    compiled: Rules,
) -> DocContext:
    text = document.text
    body = document.body_start
    reference = Reference.of(document.date, text[body:])
    masked = index.find(text, body)

    def usable(m: Mention) -> bool:
        if m.start < body or m.kind in NOT_LOCATIONS:
            return False
        return not masked_spans.overlapping(m.start, m.end)

    masked_spans = Spans(masked)
    tokens = Tokens.of(text, body)
    ctx = DocContext(
        document=document,
        text=text,
        reference=reference,
        actors=masked_spans,
        dates=Spans(_event_dates(document, reference)),
        places=Spans(m for m in mentions if m.place is not None and usable(m)),
        sentences=[Sentence(i, a, b) for i, (a, b) in enumerate(split_sentences(text, body))],
        index=index,
        rules=compiled,
        gazetteer=gazetteer,
        tokens=tokens,
        unresolved=Spans(m for m in mentions if m.place is None and usable(m)),
        keywords=compiled.keywords.scan(text),
    )
    ctx.trigger_hits = compiled.events.matches(tokens)
    links = [(m.start(), m.end()) for m in ctx.finditer(LINK, body, len(text))]
    if links:  # "https://news.example.com/quetta-blast": a word of a link reports nothing
        ctx.trigger_hits = [h for h in ctx.trigger_hits if not any(a <= h[3] < b for a, b in links)]
    ctx.trigger_hits.sort(key=lambda h: h[3])
    ctx.trigger_starts = [h[3] for h in ctx.trigger_hits]
    return ctx


def _event_dates(document: Document, reference: Reference) -> list[DateMention]:
    """The date phrases of a document's body, a wire dateline's date kept as a phrase of kind
    "dateline" with no interval: the day the report was filed is the reference of its weekdays,
    not the day of an event (its words are still a date, not the modal "May")."""
    text, body = document.text, document.body_start
    found = find_dates(text, reference, body)
    if reference.source == "dateline" and document.date:
        filed = dateline_date(text, body, dt.date.fromisoformat(document.date[:10]))
    elif reference.source == "leading":
        # an undated report dated by its own dateline ("OUAGADOUGOU, Feb 24, 2026 (AFP) - ")
        filed = leading_date(text, body) or masthead_date(text, body)
        filed = filed if filed is not None and is_dateline(text, filed) else None
    else:
        return found
    return [
        replace(d, when=When(), kind="dateline", reading=None)
        if filed is not None and d.start == filed.start
        else d
        for d in found
    ]


def extract_document(
    document: Document,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer | None = None,
    actors: ActorIndex | None = None,
    rules: Rules | None = None,
) -> tuple[list[Incident], list[Claim]]:
    """Incidents and claims of one document, with ids ``<doc>:i<n>``/``:c<n>``.

    Parameters
    ----------
    document
        The document.
    mentions
        Its place mentions, from the geoparser.
    gazetteer
        Used to find facilities ("Kabul airport") and the countries of demonyms.
    actors, rules
        The actor index and rules; default to the shipped data files.
    """
    index = actors or load_actors()
    compiled = rules or load_rules()
    ctx = _context(document, mentions, gazetteer, index, compiled)
    drafts: list[Draft] = []
    claims: list[ClaimDraft] = []
    for sentence in ctx.sentences:
        sentence.subject, sentence.subject_start = subject_of(ctx, sentence)
        new = mentions_in(ctx, sentence, len(drafts))
        claims.extend(claims_in(ctx, sentence, new, len(claims)))
        carry_hedges(ctx, sentence, claims)
        drafts.extend(new)
        ctx.drafts = drafts
        if sentence.subject is not None:
            ctx.salience[sentence.subject] += 1
            ctx.recent_subjects.append(sentence)
        for match in ctx.finditer(compiled.channels, sentence.start, sentence.end):
            if match.group().lower() not in GENERIC_CHANNELS:
                ctx.outlets.append((match.start(), clean(match.group())))
    settle_channels(ctx, claims)
    _record_settings(ctx, drafts)
    _section_dates(ctx, drafts)
    return assemble(ctx, drafts, claims)


def _section_dates(ctx: DocContext, drafts: Sequence[Draft]) -> None:
    """Give the undated mentions after a line that is only a day ("— 20 September —", "12/10/2026")
    that day: a feed or log heads each day's posts so, and the posts give only their hour. A
    text's only such line, above all its events, is its masthead's date ("WORLD NEWS BRIEFS /
    Tuesday, May 12, 2026"): the day it was published, on or before which its events took
    place (a bound, as "police said on Tuesday" is)."""
    text = ctx.text
    headers: list[tuple[int, When]] = []
    for mention in ctx.dates:
        if mention.when.precision != "day" or not mention.when.known:
            continue
        line_start = text.rfind("\n", 0, mention.start) + 1
        line_end = text.find("\n", mention.end)
        line_end = len(text) if line_end < 0 else line_end
        if _DATE_LINE_REST.fullmatch(text, line_start, mention.start) and (
            _DATE_LINE_REST.fullmatch(text, mention.end, line_end)
        ):
            headers.append((line_end, mention.when))
    if not headers:
        return
    ends = [end for end, _ in headers]
    # one day atop the text, before anything happens, is its masthead's: the day it was
    # published, by which its news had taken place, not the day of each item
    masthead = len(headers) == 1 and all(headers[0][0] <= d.trigger_start for d in drafts)
    for draft in drafts:
        if draft.background or draft.dated or draft.when.known:
            continue
        k = bisect_left(ends, ctx.sentences[draft.sentence].start + 1) - 1
        if k >= 0 and masthead:
            draft.when = replace(headers[k][1], inferred=True)
        elif k >= 0:
            draft.when, draft.dated = headers[k][1], True


#: What a line that is only a day holds besides it: dashes, brackets, a weekday.
_DATE_LINE_REST = re.compile(
    r"[\s\-–—=*#|:()\[\]]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?)?[\s\-–—=*#|:()\[\]]*",
    re.IGNORECASE,
)


# --- a record's stated setting ----------------------------------------------------------------

#: A field of an incident log's record that states where or when ("Location: Turbat, Kech
#: district, Balochistan.", "Date: 24 March 2026."), up to the end of its sentence.
_FIELD = re.compile(
    r"(?<![\w-])(?P<label>location|place|locality|site|area|date)\s*:\s*(?P<value>[^\n]*?)"
    r"(?=\.\s|\.$|;|\n|$|(?<![\w-])(?:location|place|locality|site|area|date)\s*:)",
    re.IGNORECASE,
)
#: A sentence that states only where (or when) its record's incident took place: GTD's and
#: incident logs' "The incident occurred in the city of Tal Afar, in Nineveh governorate."
_SCENE = re.compile(
    r"\b(?:the\s+)?(?:incident|event)\s+(?:occurred|took\s+place|happened|was\s+reported)\b",
    re.IGNORECASE,
)


def _record_settings(ctx: DocContext, drafts: Sequence[Draft]) -> None:
    """Give the first event of a paragraph the place and day its record states apart from it,
    when it states none of its own: a field ("Location: Turbat, Kech district. Date: 24 March
    2026. Gunmen shot dead five labourers.") or a scene sentence ("The incident occurred in the
    city of Tal Afar, in Nineveh governorate. On 1 May, gunmen killed three policemen.").

    Incident logs (GTD summaries, NGO security logs, ACLED-style notes) state the setting of
    each record once, before the event; without it the event would take the country of the
    document, or the event of the record before.
    """
    seen: set[tuple[int, int]] = set()
    starts = [sentence.start for sentence in ctx.sentences]
    by_sentence: dict[int, list[Draft]] = {}
    for draft in drafts:
        if not draft.background:
            by_sentence.setdefault(draft.sentence, []).append(draft)
    told_before = 0  # where the sentence of the event told last ends
    for draft in sorted(drafts, key=lambda d: d.key):
        if draft.background:
            continue
        sentence = ctx.sentences[draft.sentence]
        paragraph = paragraph_of(ctx, sentence.start)
        since, told_before = told_before, max(told_before, sentence.end)
        if paragraph in seen:
            continue
        seen.add(paragraph)
        place_spans, date_spans = _setting_spans(ctx, starts, paragraph[0], sentence.start)
        heading = _heading(ctx, sentence.start, draft.trigger_start)
        if heading is not None:
            place_spans.append(heading)
            date_spans.append(heading)
        # a record on lines of its own ("Date: 21 September 2026\nLocation: Kyaukme,
        # Myanmar\nDescription: A military airstrike hit ..."): its fields since the event
        # told before, in its block of lines or its event's own sentence
        record = max(since, _record_start(ctx, sentence.start))
        for field in _FIELD.finditer(ctx.text, record, max(record, draft.trigger_start)):
            span = (field.start("value"), field.end("value"))
            (date_spans if field.group("label").lower() == "date" else place_spans).append(span)
        first = by_sentence[draft.sentence]
        setting = _setting_place(ctx, place_spans)
        if setting is not None and all(d.place is None for d in first):
            place, location_text, precision = setting
            for mention in first:
                mention.place, mention.location_text = place, location_text
                mention.geo_precision, mention.anchored = precision, True
        day = next(
            (
                d.when
                for a, b in date_spans
                for d in within(ctx.dates, a, b)
                if d.when.known and d.when.precision == "day"
            ),
            None,
        )
        if day is not None and not any(d.dated or d.when.known for d in first):
            for mention in first:
                mention.when, mention.dated = day, True


def _record_start(ctx: DocContext, at: int) -> int:
    """Where the block of lines around ``at`` starts, when lines are paragraphs (an incident
    log's record on lines of its own, between empty lines); ``at`` otherwise (the paragraph's
    own fields are read already)."""
    if not ctx.lines_are_paragraphs:
        return at
    blank = ctx.text.rfind("\n\n", ctx.document.body_start, at)
    return max(ctx.document.body_start, blank + 1)


def _setting_spans(
    ctx: DocContext, starts: Sequence[int], start: int, end: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans of ``text[start:end]`` (a paragraph before its first event's sentence) that
    state a place, and those that state a day: fields and scene sentences (``starts``: where
    the document's sentences start)."""
    places: list[tuple[int, int]] = []
    days: list[tuple[int, int]] = []
    for field in _FIELD.finditer(ctx.text, start, end):
        span = (field.start("value"), field.end("value"))
        (days if field.group("label").lower() == "date" else places).append(span)
    # the paragraph's sentences before the event's (sentences are in text order)
    first, last = bisect_left(starts, start), bisect_left(starts, end)
    for sentence in ctx.sentences[first:last]:
        if sentence.end <= end + 1 and (
            _SCENE.search(ctx.text, sentence.start, sentence.end)
            or _place_line(ctx, sentence.start, sentence.end)
        ):
            places.append((sentence.start, sentence.end))
            days.append((sentence.start, sentence.end))
    return places, days


#: What a line of places and dates holds besides them: punctuation and type words.
#: Words for administrative units and settlements after a name ("Zhob district").
_UNIT_WORDS = (
    r"district|province|region|state|county|governorate|village|town|city|area|LGA|division|"
    r"department|prefecture|municipality"
)
_PLACE_LINE_REST = re.compile(
    r"(?:[\s,.;:()\[\]\-–—/|]|\b\d{1,2}:\d\d\b|\b(?:hrs|GMT|UTC|am|pm)\b"  # "[02 Nov 06:30]"
    rf"|\b(?:and|{_UNIT_WORDS})\b)*",
    re.IGNORECASE,
)


def _place_line(ctx: DocContext, start: int, end: int) -> bool:
    """Whether a sentence is only places and dates ("Lashkargah, Helmand.", "16 Mar 2026."):
    a record's setting written as a line of its own."""
    spans = sorted(
        [(m.start, m.end) for m in ctx.places.within(start, end)]
        + [(d.start, d.end) for d in ctx.dates.within(start, end)]
        + [(u.start, u.end) for u in ctx.unresolved.within(start, end)]
    )
    if not spans:
        return False
    at = start
    for a, b in spans:
        if a < at:
            continue
        if not _PLACE_LINE_REST.fullmatch(ctx.text, at, a):
            return False
        at = b
    return bool(_PLACE_LINE_REST.fullmatch(ctx.text, at, end))


_HEADING_COLON = re.compile(r":(?=\s)")


def _heading(ctx: DocContext, start: int, trigger_start: int) -> tuple[int, int] | None:
    """The span of a record's heading before a colon or a table's column bar in the event's
    own sentence, when it is only places and dates ("10/11/2026 - Bannu, Bannu district, Khyber
    Pakhtunkhwa: Militants attacked ...", "23 Nov 2026 | Mudiyah district, Abyan | AQAP
    militants detonated ..."); None when there is none."""
    end = min(trigger_start, start + 200)
    colon = _HEADING_COLON.search(ctx.text, start, end)  # not a clock's "06:30"
    bar = max(ctx.text.rfind("|", start, end), colon.start() if colon else -1)
    if bar < 0 or not _place_line(ctx, start, bar):
        return None
    if not ctx.dates.within(start, bar) and len(ctx.places.within(start, bar)) < 2:
        return None  # "Peshawar: Gunmen shot dead ...": a dateline, near which the event was
    return start, bar


def _setting_place(
    ctx: DocContext, spans: Sequence[tuple[int, int]]
) -> tuple[Place, str, int] | None:
    """The most specific place the spans name (the first of equals), at geo_precision 2 when a
    name before it is not in the gazetteer ("Kalai village, Dangam district": the district)."""
    for a, b in spans:
        named = [m for m in ctx.places.within(a, b) if m.place is not None]
        if not named:
            continue
        best = min(named, key=lambda m: (_precision_of(m.place), m.start))  # type: ignore[arg-type]
        place, location_text, precision, _ = _with_facility(ctx, best)
        if any(u.start < best.start for u in ctx.unresolved.within(a, b)):
            precision = max(precision, 2)
        return place, location_text, precision
    return None


# --- event mentions ---------------------------------------------------------------------------


def _hits(ctx: DocContext, sentence: Sentence) -> list[_Hit]:
    """The lexicon matches of a sentence, longest first where they overlap."""
    starts = ctx.trigger_starts
    first = bisect_left(starts, sentence.start)
    last = bisect_left(starts, sentence.end)
    raw = [h for h in ctx.trigger_hits[first:last] if h[4] <= sentence.end]
    raw.sort(key=lambda h: (h[3], -(h[4] - h[3]), h[0]))
    kept: list[_Hit] = []
    kept_end = -1  # the furthest end of a kept hit: hits come by start, so one that starts
    # before it overlaps a kept one (a scan of all kept hits made a long sentence quadratic)
    forms, lemmas = ctx.tokens.forms, ctx.tokens.lemmas
    for order, a, b, start, end in raw:
        trigger = ctx.rules.events.triggers[order]
        final = forms[b - 1].lower()
        if trigger.pos != "verb" and final.endswith("ed") and final != lemmas[b - 1]:
            continue  # "militants attacked", "we encountered": a verb, not the noun
        if start < kept_end:
            continue
        if _inside_a_name(ctx, a, b, sentence.start):
            continue  # "Operation Martyr Soleimani", "the Attack Helicopter Regiment": a name
        if (
            trigger.pos == "verb"
            and lemmas[a] in _VERB_ONLY
            and _voice(ctx, _Hit(trigger, a, b, start, end)) == "nominal"
            and not (a and _weapon_word(ctx, lemmas[a - 1]))  # "An IED hit": a verb
        ):
            continue  # "a kitchen fire at", "a storm", "a hit": the noun is no attack
        if trigger.event_type != "Strategic developments" and _listed_count(
            ctx, sentence.start, start
        ):
            continue  # "14 were killed, 30 wounded and 6 kidnapped": a toll, not an abduction
        kept.append(_Hit(trigger, a, b, start, end))
        kept_end = max(kept_end, end)
    return kept


def _weapon_word(ctx: DocContext, lemma: str) -> bool:
    """Whether a lemma names a weapon of the lexicon's instruments ("ied", "rocket")."""
    return any(regex.fullmatch(lemma) for _, regex in ctx.rules.events.instruments)


def _inside_a_name(ctx: DocContext, a: int, b: int, sentence_start: int) -> bool:
    """Whether words ``[a, b)`` are capitalised in the middle of a sentence ("code named
    Operation Martyr Soleimani", "donated by Target", "Mr. Lynch said"): a name, no event word.
    The start of a sentence, of a quotation or after a dateline ("KABUL (Reuters) - Suicide
    bombers ...") is left alone, and so is headline case ("Suicide Bomber Kills 12")."""
    forms = ctx.tokens.forms
    if not all(f[:1].isupper() for f in forms[a:b]) or ctx.tokens.starts[a] == sentence_start:
        return False
    lead = ctx.text[sentence_start : ctx.tokens.starts[a]].rstrip()
    if not lead or lead[-1] in "-–—:\"“‘'(":
        return False
    first = ctx.tokens.index(sentence_start)
    words = [f for f in forms[first : first + 12] if f[:1].isalpha()]
    return sum(f[:1].isupper() for f in words) < 0.7 * len(words)  # not a headline


#: Verbs of attack whose noun names no attack ("opened fire at" / "a kitchen fire at").
_VERB_ONLY = frozenset({"fire", "hit", "target", "storm", "ram", "shoot", "open"})


_LISTED_COUNT = re.compile(r"(?:,|\band)\s+(?:at\s+least\s+|another\s+)?(?:\d+|[a-z]+)\s*$", re.I)


def _listed_count(ctx: DocContext, sentence_start: int, start: int) -> bool:
    """Whether the verb at ``start`` closes a count listed after a toll ("14 were killed, 30
    wounded and 6 kidnapped"): a bare count before it, a casualty word before the count."""
    lead_start = max(sentence_start, start - 120)
    found = _LISTED_COUNT.search(ctx.text, lead_start, start)
    if found is None:
        return False
    word = found[0].split()[-1].lower()
    if not (word.isdigit() or word in CARDINALS):
        return False
    return bool(
        re.search(
            r"\b(?:wounded|injured|hurt|killed|dead|died)\s*$", ctx.text[lead_start : found.start()]
        )
    )


_SUBORDINATE = re.compile(
    r",?\s+(?:before|after|when|while|as|until|because|whereas)\s+"
    r"(?=[\w-]+\s)"  # a subject of its own: the cut holds only when a verb follows (_clauses)
)


_SEQUENCE = re.compile(r",?\s+(?:and|but|then|before|after)\s+(?:then\s+|later\s+|also\s+)?", re.I)


def _clauses(ctx: DocContext, sentence: Sentence, hits: Sequence[_Hit]) -> list[tuple[int, int]]:
    """The sentence cut into clauses where both sides report an event of their own: at a
    semicolon, a dash or a comma with a conjunction when the right side has a verb (", and a
    suicide bomber killed six in Ghazni"); at "and"/"but" when the right side's verb reports an
    event of another ACLED type ("took control of the prison and executed him")."""
    hits = [h for h in hits if not _cause_noun(ctx, h, sentence.start)]  # no event of its own
    if len(hits) < 2 or all(h.trigger.pos == "agent" for h in hits):
        return [(sentence.start, sentence.end)]  # a cut needs an event word on each side
    bounds = [sentence.start]
    cuts: list[tuple[int, int, bool]] = [
        (m.start(), m.end(), True) for m in _CLAUSE.finditer(ctx.text, sentence.start, sentence.end)
    ]
    cuts += [
        (m.start(), m.end(), False)
        for m in _SEQUENCE.finditer(ctx.text, sentence.start, sentence.end)
    ]
    # "..., killing eight soldiers before they were killed in a gun battle": a subordinate
    # clause with a subject and a verb of its own
    cuts += [
        (m.start(), m.end(), True)
        for m in _SUBORDINATE.finditer(ctx.text, sentence.start, sentence.end)
    ]
    # "the deadliest attack since the Chabahar bombing": the compared event is another one
    cuts += [
        (m.start(), m.start(), True)
        for m in _COMPARED.finditer(ctx.text, sentence.start, sentence.end)
    ]
    cuts.sort()
    for cut_start, cut_end, strong in cuts:
        if cut_start < bounds[-1]:
            continue
        left = [h for h in hits if bounds[-1] <= h.start < cut_start and h.trigger.pos != "agent"]
        following = [c for c in cuts if c[0] >= cut_end and c[0] > cut_start]
        nxt = following[0][0] if following else sentence.end
        own = [h for h in hits if cut_end <= h.start < nxt]
        if not left or not own:
            continue
        # ", killing four" is part of its clause: a participle with no subject of its own
        if ctx.text[cut_start] != ";" and re.match(
            r"\s*(?!(?:adding|saying|stating|noting|claiming)\b)\w+ing\b",
            ctx.text[cut_end : cut_end + 20],
        ):
            continue  # (what a speaker adds, ", adding that ...", is a clause of its own)
        verb_right = any(h.trigger.pos in ("verb", "agent") for h in own) or bool(
            ctx.rules.events.fatal_verbs.search(ctx.tokens.between(cut_end, nxt))
        )
        if strong:
            split = (
                verb_right or ctx.text[cut_start] == ";" or bool(_COMPARED.match(ctx.text, cut_end))
            )
        else:
            kinds_left = {h.trigger.event_type for h in left if not h.trigger.generic}
            kinds_right = {
                h.trigger.event_type
                for h in own
                if not h.trigger.generic and h.trigger.pos == "verb"
            }
            split = bool(kinds_left and kinds_right and not kinds_left & kinds_right) or (
                # "... in Kunduz on Friday and another bomber killed four in Herat on Saturday":
                # a verb with a place and a day of its own tells another event
                any(h.trigger.pos == "verb" for h in own)
                and bool(ctx.places.within(cut_end, nxt))
                and any(
                    d.when.precision == "day" and d.kind != "after_event"
                    for d in ctx.dates.within(cut_end, nxt)
                )
            )
        if split:
            bounds.append(cut_start)
            bounds.append(cut_end)
            if not strong:
                ctx.sequence_starts.add(cut_end)
    bounds.append(sentence.end)
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]


def _head(hits: Sequence[_Hit]) -> _Hit:
    """The trigger that gives a clause its type: a specific word over a generic one, an event
    word over a doer."""

    def rank(h: _Hit) -> tuple[bool, int, int, int, int]:
        vague = h.trigger.generic and h.trigger.sub_event_type == "Attack"  # "attack", "kill"
        # "Police defused a bomb": the weapon is the object of the act that disrupted it
        disrupted = h.trigger.sub_event_type == "Disrupted weapons use"
        return (not disrupted, h.trigger.generic, h.trigger.pos == "agent", vague, h.start)

    return min(hits, key=rank)


def _predicate(
    hits: Sequence[_Hit],
    head: _Hit,
    nominal: Callable[[_Hit], bool],
    relative: Callable[[_Hit], bool],
) -> _Hit:
    """The verb of the clause that reports the event (for voice and roles): the head when it is
    a verb, else the clause's main verb, the first not in a relative clause ("militants
    attacked posts, sparking clashes in which ... were killed": attacked; "a bombing ...
    killed"), else the head."""
    if head.trigger.pos == "verb" and not nominal(head):
        return head
    verbs = [h for h in hits if h.trigger.pos == "verb" and not nominal(h) and not relative(h)]
    after = [h for h in verbs if h.start >= head.end]
    before = [h for h in verbs if h.end <= head.start]
    return before[0] if before else after[0] if after else head


# Words after which a verb of the lexicon is a noun ("the attack", "deadly attacks").
_NOUN_BEFORE = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "'s",
        "of",
        "deadly",
        "latest",
        "recent",
        "another",
        "major",
        "suicide",
        "new",
        "first",
        "second",
        "twin",
        "double",
        "in",
        "after",
        "following",
        "for",
        "during",
        "since",
        "various",
        "several",
        "many",
        "multiple",
        "numerous",
        "such",
        "similar",
        "further",
        "other",
        "previous",
        "earlier",
        "two",
        "three",
        "coordinated",
        "simultaneous",
    ]
)


# A verb inside a relative clause: "clashes in which four soldiers were killed".
_RELATIVE = re.compile(r"\b(?:which|who|whom|whose|where)\s+(?:[\w-]+\s+){0,6}$", re.I)


_PASSIVE_AUX = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "get",
        "gets",
        "got",
        "gotten",
        "getting",
        "Is",
        "Are",
        "Was",
        "Were",
    ]
)
_AFTER_PLURAL_NOUN = frozenset(
    [
        "were",
        "are",
        "have",
        "had",
        "in",
        "on",
        "at",
        "of",
        "by",
        "against",
        "that",
        "which",
        "killed",
        "left",
        "claimed",
        "took",
        "occurred",
        "targeted,",
    ]
)


def _voice(ctx: DocContext, hit: _Hit) -> str:
    """How a trigger reports its event: ``active``, ``passive``, ``nominal``, ``agent`` or
    ``participle`` (", killing four")."""
    if hit.trigger.pos == "agent":
        return "agent"
    tokens = ctx.tokens
    form = tokens.forms[hit.first].lower()
    before = tokens.lemmas[max(0, hit.first - 3) : hit.first]
    if hit.trigger.pos == "noun":
        return "nominal"
    if form.endswith("ing") and (
        not before or before[-1] in (",", "and", "after", "while", "by", "before")
    ):
        return "participle"
    participle = form != tokens.lemmas[hit.first] and not form.endswith(("s", "ing"))
    auxiliaries = [f for f in tokens.forms[max(0, hit.first - 3) : hit.first] if f in _PASSIVE_AUX]
    if participle and auxiliaries:  # "were killed" ("IS militants killed": IS is not "is")
        return "passive"
    following = tokens.forms[hit.last].lower() if hit.last < len(tokens.forms) else ""
    if form.endswith("s") and not form.endswith("ss") and following in _AFTER_PLURAL_NOUN:
        return "nominal"  # "The 2017 Tehran attacks were ...": a plural noun as subject
    if participle and hit.last < len(tokens.lemmas) and tokens.lemmas[hit.last] == "by":
        return "passive"
    if participle and following in ("", ".", ",", ";") and _counted_before(tokens, hit.first):
        return "passive"  # "4 Taliban killed.", "3 police killed, 2 wounded": a log's toll
    if not participle and not form.endswith("ed") and before and before[-1] in _NOUN_BEFORE:
        return "nominal"
    if not participle and not form.endswith(("ed", "s", "ing")) and _premodified(ctx, hit.first):
        return "nominal"  # "the 2014 school massacre", "a Taliban attack"
    return "active"


_DETERMINERS = frozenset(["a", "an", "the", "this", "that", "its", "their", "his", "her", "'s"])


def _counted_before(tokens: Tokens, first: int) -> bool:
    """Whether the words before ``first`` are a count and up to three words of what it counts,
    opening their clause ("; 4 Taliban", "12 VDP", "two soldiers")."""
    for k in range(first - 1, max(-1, first - 5), -1):
        form = tokens.forms[k].lower()
        if form.rstrip("x").isdigit() or form in CARDINALS:
            return k == 0 or tokens.forms[k - 1] in (".", ",", ";", ":", "-", "–", "—")
        if not form[:1].isalpha():
            return False
    return False


def _premodified(ctx: DocContext, first: int) -> bool:
    """Whether the base-form word at ``first`` closes a noun phrase a determiner opens within
    three words, the words between being numbers or singular nouns and names ("the 2014 school
    massacre"); a plural between is a subject ("the gunmen attack")."""
    forms, lemmas = ctx.tokens.forms, ctx.tokens.lemmas
    for p in range(first - 1, max(-1, first - 4), -1):
        if lemmas[p] in _DETERMINERS:
            return (
                p < first - 1
                and all(
                    (f[:1].isdigit() or f.lower() == lemma or f[:1].isupper()) and f[:1].isalnum()
                    for f, lemma in zip(forms[p + 1 : first], lemmas[p + 1 : first], strict=True)
                )
                and not any(
                    lemma in _PASSIVE_AUX or lemma == "be" for lemma in lemmas[p + 1 : first]
                )
            )
    return False


def mentions_in(ctx: DocContext, sentence: Sentence, first_key: int) -> list[Draft]:
    """The event mentions of one sentence, keys numbered from ``first_key``."""
    text = ctx.text
    if text[sentence.start : sentence.end].rstrip().endswith("?"):
        return []
    hits = _hits(ctx, sentence)
    generic_sentence = bool(
        ctx.search(ctx.rules.generic, sentence.start, sentence.end)
    ) and not any(
        d.when.precision in ("day", "week") for d in ctx.dates.within(sentence.start, sentence.end)
    )
    drafts: list[Draft] = []
    ctx.current = drafts
    sentence_date: When | None = None
    last_clause: tuple[int, int] | None = None
    for clause_start, clause_end in _clauses(ctx, sentence, hits):
        before_clause, last_clause = last_clause, (clause_start, clause_end)
        key = first_key + len(drafts)
        own = [h for h in hits if clause_start <= h.start < clause_end]
        if not own:
            if not generic_sentence:
                drafts.extend(_toll_clause(ctx, sentence, clause_start, clause_end, key))
                drafts.extend(_bare_blame(ctx, sentence, clause_start, clause_end, key))
            continue
        own = _clause_triggers(ctx, own, clause_start, clause_end)
        if not own:
            continue
        aftermath = (
            None
            if generic_sentence
            else _aftermath(ctx, sentence, own, clause_start, clause_end, key)
        )
        if aftermath is not None:
            drafts.extend(aftermath)
            continue
        head = _head(own)
        predicate = _predicate(
            own,
            head,
            lambda h: _voice(ctx, h) == "nominal",
            lambda h, opening=clause_start: bool(  # type: ignore[misc]
                _RELATIVE.search(text, max(opening, h.start - 60), h.start)
            ),
        )
        if generic_sentence or _not_an_event(
            ctx, sentence, clause_start, clause_end, predicate, head, own
        ):
            toll = read_tolls(ctx, clause_start, clause_end)
            if _zero(toll):
                drafts.extend(_toll_mention(ctx, sentence, clause_start, clause_end, toll, key))
            continue
        if _toll_list(ctx, clause_start, clause_end, predicate):
            toll = read_tolls(ctx, clause_start, clause_end)
            drafts.extend(_toll_mention(ctx, sentence, clause_start, clause_end, toll, key))
            continue
        made = _assemble(ctx, sentence, own, head, predicate, clause_start, clause_end, key)
        if not made:
            continue
        _mark_additional(ctx, made, clause_start, clause_end)
        if sentence_date is None and clause_start == sentence.start:
            sentence_date = _opening_date(ctx, sentence, head)
        _date_by_opening(ctx, made, sentence_date, clause_start)
        if clause_start in ctx.sequence_starts:
            previous = next(
                (d for d in reversed(drafts) if d.sentence == sentence.index and d.voice != "toll"),
                None,
            )
            if previous is None and before_clause:
                previous = _clause_setting(ctx, sentence, before_clause, made[0])
            if previous is not None:
                _inherit(ctx, made, previous, clause_start)
        drafts.extend(made)
    _coordinated_tolls(ctx, sentence, drafts)
    return drafts


def _coordinated_tolls(ctx: DocContext, sentence: Sentence, drafts: list[Draft]) -> None:
    """Mark the tolls of one sentence that count another side than the tolls told before them
    ("Two soldiers were killed and five insurgents died", "three others were wounded"): they
    add up, as ACLED's fatality figure counts every side (ACLED Codebook, "Fatalities"), where
    two figures of the same people give the larger one."""
    told: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for draft in drafts:
        _mark_armed_doers(ctx, sentence, draft)
        dead = draft.fatalities
        fatal_sides = _count_sides(ctx, sentence, dead) if dead and dead.best else frozenset()
        if draft.armed_dead is None and fatal_sides == ARMED_SIDE:
            draft.armed_dead = dead  # "17 insurgents were killed": the attackers' own dead if
            # the incident is their attack (:func:`mapper.coref.split_attackers`)
        if draft.additional or draft.revised or draft.another:
            continue
        for kind in ("fatalities", "wounded"):
            count = getattr(draft, kind)
            if count is None or not count.best:
                continue
            before = told.setdefault(kind, [])
            if any(text == count.text for text, _ in before):
                continue
            sides = fatal_sides if kind == "fatalities" else _count_sides(ctx, sentence, count)
            if before and all(other_side(b, sides) for _, b in before):
                draft.additional = True
            before.append((count.text, sides))


def _count_sides(ctx: DocContext, sentence: Sentence, count: Count) -> frozenset[str]:
    """The sides of the conflict a count's phrase counts, where the sentence tells it
    (:func:`toll_sides`); empty when the phrase is not found there."""
    at = ctx.text.find(count.text, sentence.start, sentence.end) if count.text else -1
    return toll_sides(ctx, at, count.text) if at >= 0 else frozenset()


def _mark_armed_doers(ctx: DocContext, sentence: Sentence, draft: Draft) -> None:
    """Mark an event the armed groups' side did ("Militants attacked", "Insurgents raided"):
    the doers before an active trigger are only of that side."""
    if draft.voice == "active" and draft.trigger_start > sentence.start:
        doers = toll_sides(
            ctx, sentence.start, ctx.text[sentence.start : draft.trigger_start].rstrip()
        )
        draft.armed_doers = doers == ARMED_SIDE


#: An arrest's link to an event already named by a definite noun ("in connection with the
#: bombing", "over Friday's attack", "for their role in the blast", "after the attack").
_FOLLOW_UP = re.compile(
    r"\b(?:in\s+connection\s+with|over|for|after|following|linked\s+to|(?:suspected|accused)\s+"
    r"of|on\s+suspicion\s+of|involved\s+in|for\s+(?:their|his|her|its)\s+(?:alleged\s+)?"
    r"(?:role|involvement|part)\s+in)\s+(?:(?:carrying\s+out|involvement\s+in|planning)\s+)?"
    r"(?:the|this|that|these|those|[\w-]+['’]s?)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|bombings?|blasts?|explosions?|killings?|assaults?|massacres?|ambush(?:es)?|"
    r"raids?|shootings?|murders?|assassinations?|abductions?|kidnappings?|strikes?|incidents?)\b",
    re.IGNORECASE,
)


def _attackers_toll(
    ctx: DocContext, sentence: Sentence, clause_start: int, clause_end: int
) -> Toll | None:
    """The toll of a clause that tells only how many of the attackers died or were hurt, with no
    place or day of its own, right after an event ("three attackers were also killed", "all four
    assailants were shot dead"): the event's toll of attackers, not an event of its own; None
    for any other clause."""
    told = _told(ctx)
    if not told or sentence.index - told[-1].sentence > 1:
        return None
    if ctx.places.within(clause_start, clause_end) or own_dates(ctx, clause_start, clause_end):
        return None
    if ctx.unresolved.within(clause_start, clause_end):
        return None  # "in the nearby village of X": a place the gazetteer lacks is still one
    toll = read_tolls(ctx, clause_start, clause_end)
    if toll.attackers is None or toll.fatalities is not None or toll.wounded is not None:
        return None
    at = ctx.text.find(toll.attackers.text, clause_start, clause_end)
    if at < 0 or casualty_word_at(ctx, ctx.tokens.index(at)) is not None:
        return None  # "its fighters later killed two of the attackers": an act of its own
    return toll


def _destruction_in_attack(
    ctx: DocContext, sentence: Sentence, own: Sequence[_Hit], clause_start: int, clause_end: int
) -> bool:
    """Whether a clause tells only of property destroyed or looted, or of people abducted, with no
    place or day of its own and no other doer, right after a violent event ("The attackers, who
    came on motorbikes, also set fire to a market and homes", "4 people abducted")."""
    events = [h for h in own if h.trigger.pos != "agent"]
    if not events or any(h.trigger.sub_event_type not in _CONSEQUENCES for h in events):
        return False
    if ctx.places.within(clause_start, clause_end) or any(
        d.when.known for d in within(ctx.dates, clause_start, clause_end)
    ):
        return False
    if _ANOTHER_TIME.search(ctx.text, clause_start, clause_end):
        return False  # "two professors were kidnapped ... a few weeks earlier": another event
    passive = all(
        _voice(ctx, h) == "passive"
        or re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", ctx.text[clause_start : h.start])
        for h in events
    ) and not re.search(r"\bby\b", ctx.text[events[-1].end : clause_end])
    # ("Several houses were set on fire": by whom the text told just before)
    if not passive and not _SAME_DOERS.search(ctx.text, clause_start, events[0].start):
        return False  # "The Islamic State says it is sabotaging electrical towers": its own
    told = _told(ctx)
    return (
        bool(told)
        and told[-1].sub_event_type not in _CONSEQUENCES
        and sentence.index - told[-1].sentence <= 1
    )


#: Words that put a clause at another time than the event told before it.
_ANOTHER_TIME = re.compile(
    r"\b(?:earlier|previously|ago|(?:days?|weeks?|months?|years?)\s+(?:before|later)|"
    r"last\s+(?:week|month|year)|in\s+(?:a\s+)?separate)\b",
    re.I,
)
#: What a violent event may also do, told in a clause of its own with no doer ("11 civilians
#: killed, 6 houses burned, 4 people abducted"): part of the event, not events of their own.
_CONSEQUENCES = frozenset({"Looting/property destruction", "Abduction/forced disappearance"})


def _elaboration(
    ctx: DocContext, sentence: Sentence, own: Sequence[_Hit], clause_start: int, clause_end: int
) -> bool:
    """Whether a clause opened by the doers of the event told in the sentence before or in its
    own sentence ("The militants", "They") tells how that event went, with no place or day of
    its own ("The militants fired at the vehicle and hurled grenades before escaping")."""
    opening = clause_start
    if clause_start in ctx.sequence_starts:  # "... and hurled grenades": the sentence's doers
        opening = sentence.start
    if not _DOERS_OPEN.match(ctx.text, opening):
        return False
    if ctx.places.within(clause_start, clause_end) or any(
        d.when.known for d in within(ctx.dates, clause_start, clause_end)
    ):
        return False
    told = _told(ctx)
    return (
        bool(told)
        and told[-1].event_type != "Strategic developments"
        and sentence.index - told[-1].sentence <= 1
        and any(h.trigger.pos != "agent" for h in own)
    )


#: A clause opened by the doers of the event told before.
_DOERS_OPEN = re.compile(
    r"\s*(?:(?:The|These|Those|the)\s+(?:militants|attackers|gunmen|assailants|insurgents|raiders|"
    r"jihadists|rebels|bombers|fighters|bandits|kidnappers|abductors|assaulters|armed\s+men)|They)"
    r"\b(?!\s+(?:were|was|are|have\s+been)\b)"
)
#: The doers of the event told before, or "also": what they did next is part of it.
_SAME_DOERS = re.compile(
    r"\b(?:also|they|the\s+(?:attackers|gunmen|militants|assailants|insurgents|raiders|"
    r"fighters|jihadists))\b",
    re.I,
)


#: A claimant's own account of what it did: "saying it had killed", "claiming that its fighters
#: killed", "adding that they had attacked".
_CLAIMED_ACCOUNT = re.compile(
    r"\b(?:saying|claiming|adding|stating|boasting)\s+(?:that\s+)?(?:it|they|its|their|the\s+"
    r"group(?:['’]s)?)\s+(?:(?:own\s+)?(?:fighters|militants|men|members|mujahideen|soldiers)\s+)?"
    r"(?:had\s+|have\s+|has\s+)?(?:also\s+)?$",
    re.I,
)


def _claimed_account(
    ctx: DocContext, own: Sequence[_Hit], sentence_start: int, clause_start: int, clause_end: int
) -> str | None:
    """How an event word of a clause lies in a claimant's account of what it did: ``"claim"``
    after a claim word in its sentence ("JNIM claimed the attack, saying it had killed over 60
    soldiers"), ``"statement"`` in a group's statement of what its fighters did ("ISWAP said
    that its fighters had killed 23 soldiers"); None when it does not."""
    text = ctx.text
    for hit in own:
        if hit.trigger.pos == "agent":
            continue
        account = _CLAIMED_ACCOUNT.search(text, max(clause_start, hit.start - 60), hit.start)
        if account is not None and _CLAIM_WORD.search(text, sentence_start, account.start()):
            return "claim"
        if _GROUP_ACCOUNT.search(
            text, max(sentence_start, hit.start - 160), hit.start
        ) and not ctx.places.within(clause_start, clause_end):
            return "statement"  # (with a place of its own it may be another operation)
    return None


#: A claim word before a claimant's account.
_CLAIM_WORD = re.compile(r"\bclaim(?:ed|s|ing)?\b", re.I)
#: An armed group's statement of what its own fighters did ("ISWAP said in a statement carried
#: by Amaq that its fighters had killed 23 soldiers", "The KNU said its forces overran the
#: outpost"): its account, with no claim word needed; a state's speaker gives no doer.
_GROUP_ACCOUNT = re.compile(
    r"\b(?:said|says|stated|announced|claimed)\b[^.;]{0,100}?\b(?:that\s+)?(?:its|their)\s+"
    r"(?:own\s+)?(?:fighters|militants|mujahideen|mujahidin|men|members|cadres|forces)\s+"
    r"(?:had\s+|have\s+|has\s+)?"
    r"(?:also\s+)?$",
    re.I,
)


def _follow_up_arrest(
    ctx: DocContext, own: Sequence[_Hit], clause_start: int, clause_end: int
) -> bool:
    """Whether a clause tells of arrests made over an event the document has told already
    ("Police later arrested three suspects in connection with the bombing"): ACLED codes such
    arrests with the event's report, GTD not at all; as an incident of their own they would
    stand at the country's centre beside the event."""
    arrests = [h for h in own if h.trigger.sub_event_type == "Arrests"]
    if not arrests or any(
        h.trigger.sub_event_type != "Arrests" and not _referred_by_arrest(ctx, h, arrests[0])
        for h in own
    ):
        return False
    told = _told(ctx)
    if not told:
        return False
    return _FOLLOW_UP.search(ctx.text, arrests[0].end, clause_end) is not None


def _referred_by_arrest(ctx: DocContext, hit: _Hit, arrest: _Hit) -> bool:
    """Whether an event word after an arrest is the event the arrest is linked to."""
    linked = _FOLLOW_UP.search(ctx.text, arrest.end, hit.end)
    return hit.start > arrest.end and linked is not None and linked.end() == hit.end


def _attributive(ctx: DocContext, hit: _Hit, clause_start: int) -> bool:
    """Whether a trigger is a participle used as an adjective of the people it names ("the
    slain policemen", "seven wounded soldiers", "their injured colleagues"): it refers to the
    victims of an event, it does not report one."""
    tokens = ctx.tokens
    if hit.trigger.pos == "agent" or hit.last != hit.first + 1 or hit.last >= len(tokens.forms):
        return False
    form = tokens.forms[hit.first].lower()
    if form == tokens.lemmas[hit.first] or form.endswith(("s", "ing")):
        return False  # not a participle
    if not ctx.rules.events.persons.fullmatch(tokens.lemmas[hit.last]):
        return False  # not "the slain policemen", "seven wounded soldiers"
    if hit.first == 0 or tokens.starts[hit.first] <= clause_start:
        return True
    before = tokens.forms[hit.first - 1].lower()
    return (
        before in _DETERMINERS
        or before in CARDINALS
        or before[:1].isdigit()
        or before
        in (
            "other",
            "these",
            "those",
            "all",
            "both",
            "several",
            "many",
        )
    )


def _told(ctx: DocContext) -> list[Draft]:
    """The event mentions told so far in the document (tolls and background events aside)."""
    return [d for d in (*ctx.drafts, *ctx.current) if d.voice != "toll" and not d.background]


def _part_of_told(
    ctx: DocContext,
    sentence: Sentence,
    clause_start: int,
    clause_end: int,
    toll: Toll,
    key: int,
    **fields: Any,
) -> list[Draft]:
    """A clause's mention as a source of the event told before: a toll mention without a day,
    a place or a venue of its own (so it joins that event), with ``fields`` set on it."""
    return [
        replace(
            d,
            when=When(),
            dated=False,
            place=None,
            location_text="",
            geo_precision=None,
            venue=None,
            **fields,
        )
        for d in _toll_mention(ctx, sentence, clause_start, clause_end, toll, key)
    ]


def _aftermath(
    ctx: DocContext,
    sentence: Sentence,
    own: Sequence[_Hit],
    clause_start: int,
    clause_end: int,
    key: int,
) -> list[Draft] | None:
    """The mentions of a clause that tells what followed an event already told, as parts of
    that event; None when the clause tells an event of its own.

    Arrests over the event ("Police later arrested three suspects in connection with the
    bombing") are a source of it, with neither the arrests' day nor their place. Victims named
    by a participle ("The slain policemen were buried", "seven wounded soldiers were shifted to
    a hospital") or a time since the event ("two have died since Monday's blast") give at most
    its toll.
    """
    if _follow_up_arrest(ctx, own, clause_start, clause_end):
        toll = read_tolls(ctx, clause_start, clause_end)
        return _part_of_told(ctx, sentence, clause_start, clause_end, toll, key)
    account = _claimed_account(ctx, own, sentence.start, clause_start, clause_end)
    if account is not None:
        # "JNIM claimed the attack, saying it had killed over 60 soldiers": the claimant's
        # account of the event told, a source of it; its figure counts only where the report
        # gives none of its own (GTD and ACLED prefer others' figures to a claimant's)
        told = _told(ctx)
        if told:
            figures = read_tolls(ctx, clause_start, clause_end)
            toll = Toll() if any(d.fatalities is not None for d in told[-3:]) else figures
            speaker = sentence.subject
            if account == "claim" or speaker is None or not ctx.index.is_militant(speaker):
                return _part_of_told(ctx, sentence, clause_start, clause_end, toll, key)
            # the group speaks of its own fighters: their doer, whose statement claims it
            act = next(h for h in own if h.trigger.pos != "agent")
            return _part_of_told(
                ctx,
                sentence,
                clause_start,
                clause_end,
                toll,
                key,
                perpetrator=speaker,
                trigger_start=act.start,
                trigger_end=act.end,
            )
    if _elaboration(ctx, sentence, own, clause_start, clause_end):
        # "The militants fired at the vehicle and hurled grenades before escaping": how the
        # event told just before went, by its doers, with no place or day of its own
        toll = read_tolls(ctx, clause_start, clause_end)
        return _part_of_told(ctx, sentence, clause_start, clause_end, toll, key)
    attackers = _attackers_toll(ctx, sentence, clause_start, clause_end)
    if attackers is not None:
        # "three attackers were also killed": the attackers' toll of the event told before
        return _part_of_told(ctx, sentence, clause_start, clause_end, attackers, key)
    if _destruction_in_attack(ctx, sentence, own, clause_start, clause_end):
        # "The attackers also set fire to a market and homes": part of the attack told (ACLED
        # codes an event under its most serious type), a source of it
        return _part_of_told(ctx, sentence, clause_start, clause_end, Toll(), key)
    if all(_attributive(ctx, h, clause_start) for h in own) or (
        all(_referred_noun(ctx, h, clause_start) for h in own)
        and has_casualty_word(ctx, clause_start, clause_end)
    ):
        return _toll_clause(ctx, sentence, clause_start, clause_end, key)
    return None


def _date_by_opening(
    ctx: DocContext, made: list[Draft], opening: When | None, clause_start: int
) -> None:
    """Give undated mentions the date that opens their sentence ("On 3 May, gunmen ... and
    killed"), unless they are told in a statement ("On 3 May, ISKP said that it had carried
    out the attack": the statement's day)."""
    if (
        opening is not None
        and not made[0].dated
        and not made[0].background
        and _complement_start(ctx, clause_start, made[0].trigger_start) == clause_start
    ):
        for draft in made:
            draft.when, draft.dated = opening, True


def _toll_clause(
    ctx: DocContext, sentence: Sentence, clause_start: int, clause_end: int, key: int
) -> list[Draft]:
    """The mention of a clause with no event word: its toll ("Thirty people died"), typed by a
    weapon that is the subject of its casualty verb ("A grenade wounded eleven")."""
    if not has_casualty_word(ctx, clause_start, clause_end):
        return []
    if ctx.rules.events.non_violent.search(ctx.tokens.between(clause_start, clause_end)):
        return []  # "Two deaths were reported as a blizzard buried the city": no violence
    if _aggregate_toll(ctx, clause_start, clause_end):
        return []  # "The insurgency has killed more than 4,000 people since 2004"
    toll = read_tolls(ctx, clause_start, clause_end)
    if not (toll.fatalities or toll.wounded):
        return []
    made = _toll_mention(ctx, sentence, clause_start, clause_end, toll, key)
    if not toll.revised and _ADDITIONAL.search(ctx.tokens.between(clause_start, clause_end)):
        for draft in made:  # "Two civilians also died", "two more died in hospital on Tuesday"
            draft.additional = True
            draft.when, draft.dated = When(), False  # the day they died, not the event's
    weapon = _weapon_subject(ctx, clause_start, clause_end)
    if weapon is None:
        return made
    return [
        replace(
            d,
            event_type=_SUB_TYPES[weapon],
            sub_event_type=weapon,
            generic=False,
            voice="active",
            anchored=True,
        )
        for d in made
    ]


#: A period a toll is summed over ("since 2004", "so far this year", "over the past decade").
#: A period told in the clause right after: "... have been killed | since the siege began".
_PERIOD_AFTER = re.compile(
    r"[\s,]*since\s+(?:the\s+)?(?:(?:19|20)\d\d\s+)?(?:siege|war|fighting|conflict|offensive|"
    r"crisis|insurgency|coup|uprising|takeover|blockade|start|beginning|outbreak)\b",
    re.I,
)
#: A predicate in the present perfect: "have been abducted", "has killed".
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:been\s+)?(?:\w+ly\s+)?$", re.I)

_TOLL_PERIOD = re.compile(
    r"\b(?:since\s+the\s+(?:(?:19|20)\d\d\s+)?(?:siege|war|fighting|conflict|offensive|crisis|"
    r"insurgency|coup|uprising|takeover|blockade)\b|"
    r"since\s+(?:(?:the\s+)?(?:start|beginning|outbreak)\s+of|(?:early\s+|late\s+|mid-?)?"
    r"(?:19|20)\d\d|(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b)|so\s+far\s+this|this\s+year|last\s+year|to\s+date|in\s+recent\s+"
    r"(?:years|months|weeks)|(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?"
    r"(?:years?|months?|decades?))",
    re.I,
)
#: A long course of violence as the killer ("the insurgency has killed", "the war killed").
_COURSE_OF_VIOLENCE = re.compile(
    r"\b(?:insurgency|insurgencies|conflict|war|wars|militancy|violence|unrest|campaign|"
    r"uprising|rebellion|civil\s+war)\s+(?:[\w-]+\s+){0,8}?(?:has|have|had)?\s*"
    r"(?:killed|claimed|left|cost)\b"
    # "... has killed thousands of people across the Sahel": a running total of a campaign
    r"|\b(?:has|have)\s+(?:also\s+)?(?:killed|claimed\s+the\s+lives\s+of|left)\s+"
    r"(?:(?:more\s+than|over|at\s+least|some|tens\s+of)\s+)?(?:thousands|hundreds)\b",
    re.I,
)


def _aggregate_toll(ctx: DocContext, clause_start: int, clause_end: int) -> bool:
    """Whether a clause with no event word sums a toll over a period or a course of violence
    ("The insurgency in the province has killed more than 4,000 people since 2004", "200
    soldiers have died so far this year"), not the toll of one event; a clause dated to a day
    keeps its toll ("12 people have died since Monday's attack")."""
    if any(
        d.when.precision in ("day", "week") and not _period_start(ctx.text, d.start, d.end)
        for d in within(ctx.dates, clause_start, clause_end)
    ):
        return False
    text = ctx.text
    return bool(
        any(
            not _SUPERLATIVE.search(text, max(clause_start, m.start() - 60), m.end())
            for m in _TOLL_PERIOD.finditer(text, clause_start, clause_end)
        )
        or _COURSE_OF_VIOLENCE.search(text, clause_start, clause_end)
    )


_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)


def _period_start(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` starts a period a toll is summed over ("Since 1
    January 2026, at least 340 civilians have been killed"), not the day of an event; "since
    Monday's attack" names an event's day."""
    return bool(_SINCE_BEFORE.search(text, max(0, start - 12), start)) and not re.match(
        r"['’]s\b", text[end : end + 2]
    )


#: A superlative that makes a period a comparison ("the deadliest attack since the 2021 coup",
#: "the worst violence in years"): the event is compared with the past, not summed over it.
_SUPERLATIVE = re.compile(
    r"\b(?:deadliest|worst|bloodiest|biggest|largest|most\s+\w+|first|heaviest|fiercest)\b"
    r"(?:\s+[\w-]+){0,3}\s+(?:since|in)\b",
    re.I,
)


#: A speech verb after a noun: the noun names who speaks, not where the event was.
_SPEAKER_AFTER = re.compile(
    r"(?:['’]s\s+\w+)?\s+(?:also\s+)?(?:said|says|reported|announced|confirmed|told|stated|added)\b"
)
#: A toll that adds to the one told before: "also", "more", "another", "further", "additional"
#: beside its count (lemmatised, lower-case text).
_ADDITIONAL = re.compile(
    r"(?<![^ ])(?:also|\S+ (?:more|further|additional)(?! than\b)|another \S+ "
    r"(?:people|person|soldier|civilian|policeman|police|die|succumb|be)"
    # "two of them / of the wounded died": among those told as wounded
    r"|\S+ of (?:they|them|the (?:wound|wounded|injure|injured))(?= (?:\S+ )?(?:die|succumb))"
    r"|late (?:die|succumb)"  # "two people later died": of their wounds, after the first count
    # "The injured tourist died from her injuries": one of the wounded, after the first count
    r"|(?:die|succumb) (?:from|of|to) (?:his|her|their|the) (?:injury|wound))"
    r"(?![^ ])"
)


def _clause_triggers(
    ctx: DocContext, own: list[_Hit], clause_start: int, clause_end: int
) -> list[_Hit]:
    """The triggers of a clause that tell its own event; empty when it tells none (a doer with
    no act of its own)."""
    events = [h for h in own if h.trigger.pos != "agent"]
    if not events and not _agent_acts(ctx, own, clause_end):
        return []
    caused = [h for h in events if _cause_noun(ctx, h, clause_start)]
    if caused:  # "in response to the killing of ...": an earlier event, never this one's
        own = [h for h in own if h not in caused]
        events = [h for h in events if h not in caused]
        if not events:
            return []
    referred = [h for h in events if _referred_noun(ctx, h, clause_start)]
    if referred and len(referred) < len(events):
        # "killed the mastermind of the attack": the noun names the event told before; the
        # clause's own event is the verb's
        own = [h for h in own if h not in referred]
        events = [h for h in events if h not in referred]
    if not events:
        return own
    # a doer named after the verb is its object or a subset of the toll ("killed ..., including
    # all 10 attackers"), except in a "by" phrase
    first_verb = min((h.start for h in events if h.trigger.pos == "verb"), default=None)
    return [
        h
        for h in own
        if h.trigger.pos != "agent"
        or first_verb is None
        or h.start < first_verb
        or re.search(
            r"\bby\s+(?:[\w-]+\s+){0,3}$", ctx.text[max(clause_start, h.start - 40) : h.start]
        )
    ]


def _inherit(ctx: DocContext, made: list[Draft], previous: Draft, clause_start: int) -> None:
    """Give the mentions of a clause told in sequence the place, day and doer of the one before
    when they state none ("... entered Kabul and took control of the prison, but executed
    him": there, on that day, by them)."""
    if all(d.place is None for d in made) and previous.place is not None:
        for draft in made:
            draft.place, draft.location_text = previous.place, previous.location_text
            draft.geo_precision, draft.anchored = previous.geo_precision, True
    if not any(d.dated for d in made) and previous.dated and previous.when.known:
        for draft in made:
            draft.when, draft.dated = previous.when, True
    if previous.perpetrator and not _own_subject(ctx, clause_start, made[0].trigger_start):
        for draft in made:
            if draft.perpetrator is None:
                draft.perpetrator = previous.perpetrator
                draft.perpetrator_hedged = previous.perpetrator_hedged


def _clause_setting(
    ctx: DocContext, sentence: Sentence, bounds: tuple[int, int], like: Draft
) -> Draft | None:
    """The place and date a clause that made no mention states ("Police foiled a suicide attack
    in Quetta on Wednesday and arrested the would-be bomber"), as a draft the clause told in
    sequence after it can take them from; None when it states neither."""
    start, end = bounds
    places = _places_for(ctx, start, start, start, end)
    when = date_for(ctx, start, start, end)
    if when.precision not in ("day", "week") or any(
        re.search(
            r"\b(?:during|since|after|before|until)\s+(?:the\s+)?$",
            ctx.text[d.start - 20 : d.start],
        )
        for d in within(ctx.dates, start, end)
    ):
        when = When()  # "released during the August 2021 takeover": another event's date
    if not places and not when.known:
        return None
    place, location_text, precision, _ = places[0] if places else (None, "", None, None)
    return replace(
        like,
        place=place,
        location_text=location_text,
        geo_precision=precision,
        when=when,
        dated=when.known,
        perpetrator=None,
        voice="active",
    )


_REFERENCE_OF = re.compile(
    r"\b(?:masterminds?|planners?|organi[sz]ers?|perpetrators?|victims?|survivors?|families|"
    r"relatives|architects?|ringleaders?|facilitators?|handlers?|wake|aftermath)\s+"
    r"(?:of|for|behind|in)\s+"
    r"(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){0,2}$"
    # "two of them have died since Monday's blast": the time since an event told
    r"|\bsince\s+(?:the|this|that|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun|yester)day|"
    r"last\s+\w+)['’]s)\s+(?:[a-z-]+\s+)?$",
    re.I,
)
#: "claimed ... in revenge for the execution of their leader": the cause, an earlier event.
_CAUSE_OF = re.compile(
    r"\b(?:revenge|retaliation|reprisal|retribution|avenge|avenging)\b[^.;,]{0,90}$"
    r"|\b(?:in|a|as\s+a)\s+(?:response|reaction|answer)\s+to\b[^.;,]{0,90}$",
    re.I,
)


def _cause_noun(ctx: DocContext, hit: _Hit, clause_start: int) -> bool:
    """Whether an event word names the cause the clause gives ("in response to the killing of
    Soleimani by a US drone strike", "in revenge for the execution of their leader")."""
    if not (hit.trigger.pos == "noun" or _voice(ctx, hit) in ("nominal", "participle")):
        return False
    return bool(_CAUSE_OF.search(ctx.text, max(clause_start, hit.start - 100), hit.start))


def _referred_noun(ctx: DocContext, hit: _Hit, clause_start: int) -> bool:
    """Whether an event noun names an event only as the complement of a person or a process
    ("the mastermind of the attack", "victims of the bombing", "in the wake of the blast")."""
    if not (hit.trigger.pos == "noun" or _voice(ctx, hit) == "nominal"):
        return False
    return bool(_REFERENCE_OF.search(ctx.text, max(clause_start, hit.start - 100), hit.start))


def _own_subject(ctx: DocContext, clause_start: int, at: int) -> bool:
    """Whether a clause names a subject of its own before ``at`` (else it shares the subject of
    the clause before it: "... and took control of the prison, but chose to execute him")."""
    lead = ctx.text[clause_start:at]
    return bool(
        re.search(
            r"\b(?:[A-Z][\w-]+|he|she|they|it|we|police|forces|troops|gunmen|militants|"
            r"soldiers|officials|authorities|attackers)\b",
            lead,
        )
    )


def _opening_date(ctx: DocContext, sentence: Sentence, head: _Hit) -> When | None:
    """A date that opens the sentence ("On Monday, ...", "On 13 February 2017, ..."), which
    dates every event the sentence tells."""
    for mention in ctx.dates.within(sentence.start, head.start):
        lead = ctx.text[sentence.start : mention.start]
        if len(lead.split()) <= 2 and mention.when.known:
            return mention.when
    return None


_COUNT_SUBJECT = re.compile(
    r"\s*(?:(?:at\s+least|more\s+than|over|some|about|nearly|around|another)\s+)?"
    r"(?:\d[\d,]*|[a-z]+)(?:\s+(?:people|persons|others|more|of\s+them))?\s+"
    r"(?:(?:were|was|have\s+been|had\s+been|are)\s+)?(?:also\s+)?",
    re.I,
)


def _toll_list(ctx: DocContext, clause_start: int, clause_end: int, predicate: _Hit) -> bool:
    """Whether a clause only counts the victims of an event told before: "100 were killed, 250
    wounded and 30 abducted" (a counted subject, no place and no date of its own)."""
    if predicate.trigger.pos != "verb" or within(ctx.dates, clause_start, clause_end):
        return False
    if ctx.places.within(clause_start, clause_end):
        return False
    return bool(_COUNT_SUBJECT.fullmatch(ctx.text, clause_start, predicate.start)) and bool(
        ctx.rules.number.match(
            ctx.text,
            clause_start
            + len(ctx.text[clause_start : predicate.start])
            - len(ctx.text[clause_start : predicate.start].lstrip()),
        )
    )


def _zero(toll: Toll) -> bool:
    return any(c is not None and c.best == 0 for c in (toll.fatalities, toll.wounded))


def _agent_acts(ctx: DocContext, hits: Sequence[_Hit], clause_end: int) -> bool:
    """Whether a doer word ("a suicide bomber", "gunmen") is the subject of a violent verb or
    of a toll ("gunmen killed", "the bomber struck"), so that it reports an event by itself."""
    agent = hits[0]
    after = ctx.tokens.between(agent.end, min(clause_end, agent.end + 60))
    if re.match(
        r"(?:\S+ ){0,3}?(?:kill|wound|injure|strike|hit|attack|target|shoot|blow|detonate|storm|"
        r"ram|open|fire|abduct|kidnap|execute|behead|enter|raid|lob|throw|hurl)\b",
        after,
    ):
        return True
    return bool(ctx.rules.events.fatal_verbs.match(after))


def _not_an_event(
    ctx: DocContext,
    sentence: Sentence,
    clause_start: int,
    clause_end: int,
    predicate: _Hit,
    head: _Hit,
    own: Sequence[_Hit] = (),
) -> bool:
    """Whether a clause's trigger reports no event that happened: negated, hypothetical,
    planned or foiled, a count over a period, a report that is denied, an accident."""
    text = ctx.text
    start, end = predicate.start, predicate.end
    before = _masked(ctx, clause_start, start)  # "On 17 May 2024": the month is not the modal
    # "Two more people were killed": a count of people, not "more attacks" to come
    near = ctx.rules.counted_more.sub(" ", " ".join(before.split()[-4:]))
    if ctx.rules.irrealis.search(near) and not re.search(r"\bany\s*$", near, re.I):
        return True
    if _NEGATED_PREDICATE.search(before) and not re.search(r"\bno\s+(?:one|body)\b", before, re.I):
        return True
    if _PLAN.search(before) and not _after_fact(before):
        return True
    if _COUNTERFACTUAL.match(text, sentence.start, start):
        return True  # "Had the bomb exploded, it would have killed dozens"
    if _AFTER_PLAN.match(text, end, min(clause_end, end + 60)):
        return True
    if _DENIED_REPORT.search(text, sentence.start, start):
        return True
    return _no_single_event(ctx, sentence, clause_start, clause_end, predicate, head, own)


def _no_single_event(
    ctx: DocContext,
    sentence: Sentence,
    clause_start: int,
    clause_end: int,
    predicate: _Hit,
    head: _Hit,
    own: Sequence[_Hit],
) -> bool:
    """Whether a clause tells of no single act of political violence: a count over a period,
    an accident, an ordinary crime, a history, a death from natural causes, a toll of nought."""
    text = ctx.text
    end = predicate.end
    before = _masked(ctx, clause_start, predicate.start)
    dated = any(
        d.when.precision in ("day", "week") for d in within(ctx.dates, clause_start, clause_end)
    )
    for hit in (head, predicate):
        lead = text[max(clause_start, hit.start - 40) : hit.start]
        plural = ctx.tokens.forms[hit.last - 1].lower().endswith("s")
        if plural and not dated and _voice(ctx, hit) == "nominal" and _AGGREGATE.search(lead):
            return True  # "95 attacks this year": a count over a period, not an event
    if not dated and _over_a_period(ctx, clause_start, clause_end, own):
        return True  # "120 civilians were killed in attacks last month"
    # "over 300 travellers have been abducted since January", "1,500 people have been killed
    # since the siege began" (the period may be a clause of its own)
    perfect = bool(_PERFECT.search(before))
    if (perfect or all(h.trigger.generic for h in own or (head,) if h.trigger.pos != "agent")) and (
        _aggregate_toll(ctx, clause_start, clause_end)
        or (perfect and _PERIOD_AFTER.match(text, clause_end, sentence.end))
    ):
        return True  # "300 soldiers have been killed so far this year": a sum, not an event
    ongoing = _ONGOING.search(text, clause_start, clause_end)
    if not dated and ongoing and not _SUPERLATIVE.search(text, clause_start, ongoing.end()):
        return True  # "Fighting has rocked the region since August 2023": a course, not an event
    if _ACCIDENT.search(text, clause_start, clause_end):
        return True
    if (
        _MISHAP.search(text, clause_start, clause_end)
        and not any(h.trigger.pos == "agent" for h in own)
        and not ctx.actors.within(clause_start, clause_end)
        and not re.search(
            r"\b(?:militants?|gunmen|attackers?|insurgents?|fired|bomb)",
            text[clause_start:clause_end],
            re.I,
        )
    ):
        return True  # no doer: a crash or a gas explosion, not an attack
    if (
        head.trigger.sub_event_type == "Arrests"
        or ctx.tokens.lemmas[head.first] == "raid"
        or head.trigger.method == "arson"
    ) and _ORDINARY_CRIME.search(ctx.tokens.between(sentence.start, sentence.end)):
        return True  # "arrested on drug charges": ordinary crime, not political violence
    if head.trigger.sub_event_type == "Arrests" and _HELD.search(text, clause_start, clause_end):
        return True  # "Some 9,000 fighters remain detained": a state, not an arrest
    if (
        re.search(r"\b(?:has|have)\s+(?:also\s+|long\s+|repeatedly\s+|often\s+)?$", before, re.I)
        and not dated
        and not ctx.places.within(clause_start, clause_end)
    ):
        return True  # "The Taliban has fought battles against ISIS-K": a history, not an event
    if (
        all(h.trigger.generic for h in own or (head,) if h.trigger.pos != "agent")
        and not any(h.trigger.pos == "agent" for h in own)
        and _natural_cause(ctx, clause_start, clause_end)
    ):
        return True  # "the virus killed", "an earthquake which hit the country killed 15,000"
    if predicate.trigger.generic and head.trigger.generic:
        tail = ctx.tokens.between(end, clause_end)
        if re.match(
            r"(?:\S+ ){0,6}?(?:in|by|from|during|after) (?:a |an |the )?(?:\S+ )?", tail
        ) and ctx.rules.events.non_violent.search(tail):
            return True
    # "no one was killed": a toll of nought, not an event of its own
    return (
        bool(
            re.search(
                r"\b(?:no\s+one|nobody|none)\b(?:(?!\b(?:when|as|after|while|because|before)\b)"
                r"[^,;])*$",
                before,
                re.I,
            )
        )
        and predicate.trigger.generic
    )


def _masked(ctx: DocContext, start: int, end: int) -> str:
    """``text[start:end]`` with the dates blanked (same length), so that a month ("May",
    "March") is not read as a word."""
    chars = list(ctx.text[start:end])
    for mention in ctx.dates.overlapping(start, end, reach=80):
        for k in range(max(start, mention.start), min(end, mention.end)):
            chars[k - start] = " "
    return "".join(chars)


def _after_fact(before: str) -> bool:
    """Whether a plan word before a trigger belongs to a finished act ("foiled" is not; "killed
    the mastermind who planned" is): the plan word is followed by a verb of its own."""
    return bool(
        re.search(r"\b(?:planned|plotted)\s+(?:and\s+)?(?:carried\s+out|executed)\b", before, re.I)
    )


def _toll_mention(
    ctx: DocContext, sentence: Sentence, start: int, end: int, toll: Toll, key: int
) -> list[Draft]:
    """A toll with no event word ("Thirty people died"; "no one was hurt"): a mention that joins
    the event it is the toll of."""
    source = Source(
        ctx.document.id, ctx.text[sentence.start : sentence.end], sentence.start, sentence.end
    )
    places = _places_for(ctx, start, start, start, end)
    # the day a revised toll gives ("the toll rose to 11 on Tuesday") is the revision's
    when = When() if toll.revised else date_for(ctx, start, start, end, said_bound=True)
    if when.precision == "year" and own_dates(ctx, start, end):
        return []  # "In 2025, the province saw more than 900 deaths": a year's sum
    place, location_text, precision, venue = places[0] if places else (None, "", None, None)
    return [
        Draft(
            key=key,
            sentence=sentence.index,
            trigger_start=start,
            trigger_end=start,
            event_type="Violence against civilians",
            sub_event_type="Attack",
            generic=True,
            when=when,
            place=place,
            location_text=location_text,
            geo_precision=precision,
            perpetrator=None,
            perpetrator_hedged=False,
            targets=[],
            fatalities=toll.fatalities,
            wounded=toll.wounded,
            venue=venue,
            definite=True,
            sources=[source],
            voice="toll",
            revised=toll.revised,
            attackers_killed=toll.attackers,
            armed_dead=toll.armed,
            dated=when.known and bool(own_dates(ctx, start, end)),
            anchored=False,
        )
    ]


def _instrument_type(ctx: DocContext, clause_start: int, at: int) -> str | None:
    """The sub-event type a weapon gives a generic verb at ``at`` it is the subject of ("a
    rocket hit", "a grenade wounded four", "jets bombed")."""
    lead = ctx.tokens.between(max(clause_start, at - 60), at)
    for kind, regex in ctx.rules.events.instruments:
        found = list(regex.finditer(lead))
        if found and len(lead) - found[-1].end() <= 25:
            if re.search(
                r"\b(?:with|carry|carrying|and|,)\b[^.]*$", lead[: found[-1].start()][-40:]
            ):
                continue  # "militants armed with ... and grenades attacked": not the subject
            return kind
    return None


def _weapon_subject(ctx: DocContext, clause_start: int, clause_end: int) -> str | None:
    """The type a weapon gives a clause whose only event word is an active casualty verb it is
    the subject of ("A grenade wounded eleven", "a mine killed two children")."""
    tokens = ctx.tokens
    for k in range(tokens.index(clause_start), tokens.index(clause_end)):
        if casualty_word_at(ctx, k) is None or (k > 0 and tokens.lemmas[k - 1] in ("be", "get")):
            continue
        return _instrument_type(ctx, clause_start, tokens.starts[k])
    return None


_SUB_TYPES = {
    "Suicide bomb": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
}


def _assemble(
    ctx: DocContext,
    sentence: Sentence,
    hits: Sequence[_Hit],
    head: _Hit,
    predicate: _Hit,
    clause_start: int,
    clause_end: int,
    key: int,
) -> list[Draft]:
    text = ctx.text
    trigger = head.trigger
    event_type, sub_event_type, generic, method = (
        trigger.event_type,
        trigger.sub_event_type,
        trigger.generic,
        trigger.method,
    )
    if generic or predicate.trigger.generic:
        instrument = _instrument_type(ctx, clause_start, predicate.start)
        if instrument is not None and (
            generic or sub_event_type == "Remote explosive/landmine/IED"
        ):
            event_type, sub_event_type, generic = _SUB_TYPES[instrument], instrument, False
    voice = _voice(ctx, predicate)
    start, end = head.start, head.end
    background = _background(ctx, clause_start, clause_end, head)
    statement_start = clause_start
    clause_start = _complement_start(ctx, clause_start, min(start, predicate.start))
    when = (
        _own_date(ctx, head, clause_start)
        if background
        else _relative_date(
            ctx, head, clause_end, date_for(ctx, start, clause_start, clause_end, said_bound=True)
        )
    )
    refers_back = (head.trigger.pos == "noun" or _voice(ctx, head) == "nominal") and bool(
        _DEFINITE.search(text[max(clause_start, start - 40) : start])
    )
    if not when.known and clause_start > statement_start and not background and not refers_back:
        # an event with no day of its own told in a dated statement ("ISKP said on Sunday that
        # ... had killed"): the statement's day is the report's, the latest the event can be
        said = date_for(ctx, clause_start, statement_start, clause_start)
        if said.known and said.precision == "day":
            when = replace(said, inferred=True)
    if background and not when.known:
        return []
    dated = bool(own_dates(ctx, clause_start, clause_end)) or background
    reference_only = (
        not background
        and voice == "nominal"
        and _object_of_statement(ctx, clause_start, start)
        and not _dated_noun(ctx, clause_start, start)
    )
    if reference_only and not _date_in_event_phrase(ctx, end, clause_end):
        when, dated = When(), False  # "X claimed the attack on Monday": the claim's date
    places: list[tuple[Place, str, int, str | None]] = []
    if background:  # only the event noun's own phrase: "the 2016 bombing of a park in the city"
        lead = ctx.text[max(clause_start, start - 50) : start]
        opener = list(re.finditer(r"\b(?:the|a|an|its|their)\s", lead, re.I))
        phrase_start = start - len(lead) + opener[-1].start() if opener else start
        places = _places_for(ctx, start, end, phrase_start, min(clause_end, end + 80))
    else:
        places = _places_for(ctx, start, end, clause_start, clause_end)
        # the clause tells one event: of the places its words of event locate ("The 2010 Zahedan
        # bombings were ... bombings that targeted worshippers in Iran"), the most specific
        for other in dict.fromkeys((predicate, *hits)):
            if other is head or other.trigger.pos == "agent":
                continue
            more = _places_for(ctx, other.start, other.end, clause_start, clause_end)
            places = _more_specific(places, more) if places else more
    perpetrator, hedged = _blamed_after(
        ctx,
        predicate.end,
        clause_end,
        _same_doers(
            ctx,
            clause_start,
            predicate.start,
            _doer(
                ctx,
                lambda: _agent(
                    ctx, sentence, predicate, head, voice, clause_start, clause_end, hits
                ),
            ),
        ),
    )
    toll = read_tolls(ctx, clause_start, clause_end)
    targets, security = _targets(ctx, predicate, voice, clause_start, clause_end, perpetrator)
    venue_match = next(
        (
            m
            for m in ctx.rules.venues.finditer(
                text, max(clause_start, start - 40), min(clause_end, end + 60)
            )
            if not _SPEAKER_AFTER.match(text, m.end())  # "the ministry said": who speaks
            and not aftermath_venue(text, clause_start, m.start())  # "died in hospital"
        ),
        None,
    )
    venue = venue_match.group().lower() if venue_match else None
    definite = any(
        bool(_DEFINITE.search(text[max(clause_start, h.start - 40) : h.start]))
        and (h.trigger.pos == "noun" or _voice(ctx, h) == "nominal")
        for h in hits
        if h.trigger.pos != "agent"
    )
    source = Source(
        ctx.document.id, text[sentence.start : sentence.end], sentence.start, sentence.end
    )
    if (
        head.trigger.needs_place
        and not places
        and not _TERRITORY_OBJECT.match(text, end, clause_end)
    ):
        return []  # "prisoners were recaptured": no territory taken
    # "..., and another struck Tirah Valley": another event, of the kind told just before
    another, kind = _another(ctx, clause_start, start)
    if kind is not None and generic:
        event_type, sub_event_type, method, generic = (
            kind.event_type,
            kind.sub_event_type,
            kind.method,
            False,
        )
    if (
        not another
        and _figurative(ctx, hits, predicate, clause_start, clause_end)
        and not (
            perpetrator
            or toll.fatalities is not None
            or toll.wounded is not None
            or venue is not None
            or security
        )
    ):
        return []  # "Tragedy struck the town", "the device targets a heartbeat problem"
    anchored = (
        bool(places)
        or dated
        or toll.fatalities is not None
        or toll.wounded is not None
        or toll.attackers is not None
        or venue is not None
        or (not generic and perpetrator is not None)
        or (not generic and head.trigger.pos != "agent")
    )
    if not anchored and voice != "nominal":
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
                event_type=event_type,
                sub_event_type=sub_event_type,
                generic=generic,
                when=when,
                place=place,
                location_text=location_text,
                geo_precision=precision,
                perpetrator=perpetrator,
                perpetrator_hedged=hedged,
                targets=targets,
                fatalities=toll.fatalities,
                wounded=toll.wounded,
                venue=facility or venue,
                definite=definite,
                sources=[source],
                method=method,
                voice=voice,
                background=background,
                attackers_killed=toll.attackers,
                armed_dead=toll.armed,
                revised=toll.revised,
                security_target=security,
                dated=dated,
                anchored=bool(places)
                or dated
                or toll.fatalities is not None
                or toll.wounded is not None
                or toll.attackers is not None,
                reference_only=reference_only,
                flags=("implausible_toll",) if toll.implausible else (),
                another=another,
            )
        )
    return out


#: The doers of the event told before, named again: "the same group", "the same gunmen".
_SAME_GROUP = re.compile(
    r"\bthe\s+same\s+(?:group|militants|fighters|militia|insurgents|attackers|assailants|"
    r"gunmen|rebels|jihadists)\b",
    re.I,
)


def _same_doers(
    ctx: DocContext, clause_start: int, at: int, agent: tuple[str | None, bool]
) -> tuple[str | None, bool]:
    """The doer ``agent`` found, else, when the clause names "the same group" (or gunmen,
    fighters...) before ``at``, the doers of the event told last ("Hours later, the same group
    fired mortar shells")."""
    if agent[0] is not None or not _SAME_GROUP.search(ctx.text, clause_start, at):
        return agent
    return next(
        ((d.perpetrator, d.perpetrator_hedged) for d in reversed(_told(ctx)) if d.perpetrator),
        (None, False),
    )


def _mark_additional(
    ctx: DocContext, made: list[Draft], clause_start: int, clause_end: int
) -> None:
    """Mark the mentions of a clause that refers back to the event told ("in the attack") and
    whose toll adds to the one told before ("Two more soldiers were killed in the attack",
    "Another policeman died in the blast", "The blast also wounded twelve"); the day such a
    clause gives is the day they died, not the event's."""
    for draft in made:
        if (
            draft.definite
            and not draft.another
            and not draft.revised
            and (draft.fatalities is not None or draft.wounded is not None)
            and _ADDITIONAL.search(ctx.tokens.between(clause_start, clause_end))
        ):
            draft.additional = True
            draft.when, draft.dated = When(), False


_SAID_THAT = re.compile(
    r"\b(?:said|says|say|stated|states|told\s+(?:\w+\s+){0,3}|announced|reported|confirmed|"
    r"added|claimed|alleged|noted|explained|wrote|believed|believe|believes|insisted|warned|"
    r"revealed|disclosed|acknowledged|admitted|maintain(?:ed|s)?|argued|suggested)\s+"
    r"(?:on\s+[\w\s,]{3,30}?\s+)?that\b",
    re.IGNORECASE,
)


#: A verb of saying whose complement follows without "that" ("the minister said a bomb had
#: killed four"; "the Taliban said their forces killed seven").
_SAID_BARE = re.compile(
    r"\b(?:said|says|stated|told\s+(?:reporters|journalists|the\s+\w+|\w+)|announced|"
    r"reported|added|confirmed|noted|wrote)(?:\s+(?:late\s+|early\s+)?on\s+\w+(?:\s+\d{1,2})?)?"
    r"\s*,?\s+(?=(?:a|an|the|their|its|his|her|some|at|[A-Z][\w-]*|\d[\d,]*)\s)",
    re.IGNORECASE,
)


def _more_people(ctx: DocContext, at: int) -> bool:
    """Whether the word after "another" (ending at ``at``) counts people ("another two
    soldiers", "another 12", "another policeman"): more victims, not another event."""
    if ctx.rules.number.match(ctx.text[at : at + 40].lstrip()):
        return True
    first = ctx.tokens.index(at)
    return first < len(ctx.tokens.lemmas) and bool(
        ctx.rules.events.persons.fullmatch(ctx.tokens.lemmas[first])
    )


def _another(ctx: DocContext, clause_start: int, start: int) -> tuple[bool, Draft | None]:
    """Whether a clause says it tells another event ("and another struck Tirah", "another bomb
    exploded"), and the sentence's last specific mention before it, whose kind it shares."""
    text = ctx.text
    found = _ANOTHER.search(text, max(clause_start, start - 30), start) or (
        _ANOTHER_SUBJECT.match(text, clause_start, start)
    )
    if found is None or _more_people(
        ctx, found.start() + found.group().lower().index("another") + 7
    ):
        return False, None
    before = [d for d in ctx.current if d.voice != "toll" and not d.generic]
    return True, before[-1] if before else None


_ANOTHER = re.compile(r"\banother\s+(?:[\w-]+\s+){0,2}$", re.I)
_ANOTHER_SUBJECT = re.compile(r"\s*(?:,?\s*(?:and|but|while|then)\s+)?another\b", re.I)


#: Verbs of attack that are also used of other things ("tragedy struck", "the bill targets").
_FIGURATIVE_VERBS = frozenset(
    {"strike", "hit", "target", "attack", "assault", "struck", "ram", "explode", "detonate", "go"}
)
#: What makes such a verb an act of violence when no group, toll, site or force is named: an
#: armed doer, or a weapon.
_ARMED_DOERS = re.compile(
    r"(?<![^ ])(?:militant|insurgent|fighter|terrorist|rebel|jihadist|gunman|gunmen|attacker|"
    r"assailant|bomber|troop|soldier|force|army|police|policeman|policemen|commando|mob|"
    r"armed men|armed man|gun|rifle|pistol|knife|machete|weapon|firearm|explosive|bomb|grenade|"
    r"rocket|missile|mortar|shell|drone|jet|warplane|airstrike|air strike|artillery)(?![^ ])"
)


def _natural_cause(ctx: DocContext, clause_start: int, clause_end: int) -> bool:
    """Whether a clause names a cause of death that is no violence (a disease, a quake, a crash,
    a poisoning) and nothing armed: no armed doer or weapon, no group."""
    words = ctx.tokens.between(clause_start, clause_end)
    return (
        bool(ctx.rules.events.non_violent.search(words))
        and not any(
            # "..., police said": the force speaks, it did nothing armed
            not _SPEAKER_WORDS.match(words, m.end())
            for m in _ARMED_DOERS.finditer(words)
        )
        and not any(
            # "..., the Taliban administration's disaster ministry said": who speaks
            not _SPEAKS_AFTER.match(ctx.text, m.end, min(clause_end, m.end + 60))
            for m in ctx.actors.within(clause_start, clause_end)
        )
    )


#: A speech verb within two words after a doer word (lemmas): "police said", "army spokesman
#: told".
_SPEAKER_WORDS = re.compile(r" (?:\S+ ){0,2}?(?:say|tell|confirm|report|add|state)(?![^ ])")

#: A speech verb within a few words after a name: the name is the speaker's.
_SPEAKS_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+[\w'’-]+){0,4}?\s+(?:said|says|told|reported|announced|added|stated)\b",
    re.I,
)


def _figurative(
    ctx: DocContext, hits: Sequence[_Hit], predicate: _Hit, clause_start: int, clause_end: int
) -> bool:
    """Whether a clause's only event word is a verb of attack with nothing armed about it: no
    doer word among its triggers, no armed people or weapon in the clause."""
    if predicate.trigger.pos != "verb" or not predicate.trigger.generic:
        return False
    if _voice(ctx, predicate) not in ("active", "passive", "participle"):
        return False  # "the attack in Kabul": a noun of attack is no figure of speech
    if ctx.tokens.lemmas[predicate.first] not in _FIGURATIVE_VERBS:
        return False
    if any(h.trigger.pos == "agent" or not h.trigger.generic for h in hits):
        return False
    return not _ARMED_DOERS.search(ctx.tokens.between(clause_start, clause_end))


def _complement_start(ctx: DocContext, clause_start: int, at: int) -> int:
    """Where the complement of a verb of saying starts, when the trigger is in it ("On 13 June,
    the commander stated that the attacks were ..."; "the minister, speaking in Karachi on
    Wednesday, said a bomb had killed four"): the date and place before it are the statement's,
    not the event's."""
    found = [m.end() for m in _SAID_THAT.finditer(ctx.text, clause_start, at)]
    found += [m.end() for m in _SAID_BARE.finditer(ctx.text, clause_start, at)]
    return max(found) if found else clause_start


_TERRITORY_OBJECT = re.compile(
    r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:prison|jail|base|district|town|city|village|"
    r"area|territory|checkpoint|post|outpost|airport|capital|province|region|headquarters|compound|"
    r"crossing|border\s+crossing|valley)s?\b",
    re.I,
)


def _date_in_event_phrase(ctx: DocContext, end: int, clause_end: int) -> bool:
    """Whether the date after an event noun belongs to its own phrase: a place comes between
    ("claimed the suicide attack at Kabul airport on Monday"), or a participle or relative
    clause that tells the event ("condemns the attack perpetrated on the night of 1 to 2
    November", "claimed the ambush carried out on Sunday", "the attack that took place on
    Monday")."""
    dates = ctx.dates.within(end, clause_end)
    if not dates or len(ctx.text[end : dates[0].start]) > 60:
        return False
    return bool(ctx.places.within(end, dates[0].start)) or (
        _EVENT_PARTICIPLE.match(ctx.text, end, dates[0].start) is not None
    )


#: What tells the event between its noun and a date: "perpetrated", "carried out", "which
#: took place", "that was launched".
_DONE = r"(?:perpetrated|carried\s+out|committed|launched|staged|conducted|mounted)"
_EVENT_PARTICIPLE = re.compile(
    rf"\s+(?:(?:that|which)\s+(?:took\s+place|occurred|happened|(?:was|were)\s+{_DONE})|{_DONE})"
    r"\b[^,;.]{0,40}$",
    re.IGNORECASE,
)


def _dated_noun(ctx: DocContext, clause_start: int, start: int) -> bool:
    """Whether a date premodifies the event noun at ``start`` ("the January 2020 raid", "the
    12 May bombing"): the noun names that event, not one the text told before."""
    lead_start = max(clause_start, start - 50)
    phrase = re.search(
        r"\b(?:the|this|that|its|their|a|an)\s+((?:[\w'’-]+\s+){1,4})$",
        ctx.text[lead_start:start],
        re.I,
    )
    return phrase is not None and bool(ctx.dates.within(lead_start + phrase.start(1), start))


def _object_of_statement(ctx: DocContext, clause_start: int, start: int) -> bool:
    """Whether an event noun is the object of a claim, denial or condemnation in its clause
    ("The IS claimed the attack on Monday"): a date there is the statement's."""
    lead = ctx.text[max(clause_start, start - 80) : start]
    if not re.search(r"\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}$", lead, re.I):
        return False
    return bool(_REPORTED_OBJECT.search(lead)) or any(
        regex.search(lead) for _, regex in ctx.rules.claims
    )


#: A verb that reports an event told before as its object ("The police confirmed the attack in a
#: statement on Monday"): a date there is the report's.
_REPORTED_OBJECT = re.compile(
    r"\b(?:confirm(?:ed|s)?|report(?:ed|s)?|describ(?:ed|es)|call(?:ed|s))\s+"
    r"(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)


_COMPARED = re.compile(
    r"\b(?:since|than|like|unlike|similar\s+to|resembling|reminiscent\s+of|"
    r"compared\s+(?:to|with)|comparable\s+to|recalling|echoing)\s+(?:the|a|an|that)\b",
    re.I,
)


def _background(ctx: DocContext, clause_start: int, clause_end: int, head: _Hit) -> bool:
    """Whether an event noun names a past event inside a report of something else: a trial
    ("sentenced ... for the 2016 bombing"), an anniversary, a memorial, a protest against it
    ("gathered to protest against the repeated killings", "demanding the arrest of those
    behind the killing") or a comparison ("the deadliest attack since the Chabahar bombing in
    December 2010"). Such a noun makes an incident only with a date of its own."""
    if head.trigger.pos != "noun" and _voice(ctx, head) != "nominal":
        return False
    lead = ctx.tokens.between(clause_start, head.start)
    frames = ctx.rules.events.frames
    if any(frames[name].search(lead) for name in ("trial", "commemoration", "protest")):
        return True  # or what a protest is against ("to protest the killings"): told before
    if _COURT_TAIL.search(ctx.text, head.end, clause_end):
        return True  # "Nine people were killed in the 2022 bombing, a court heard on Monday"
    return bool(_COMPARED.match(ctx.text, clause_start))


_COURT_TAIL = re.compile(
    r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:court|tribunal|judge|prosecutors?|jury)\s+"
    r"(?:heard|was\s+told|ruled|found|said)\b",
    re.I,
)


#: A relative clause right after an event noun: "a roadside bomb that struck ...".
_RELATIVE_AFTER = re.compile(r"\s*,?\s*(?:that|which)\s", re.I)


def _relative_date(ctx: DocContext, head: _Hit, clause_end: int, when: When) -> When:
    """The day a relative clause after an event noun gives ("claimed responsibility on
    Wednesday for a roadside bomb that struck a vehicle in Jalalabad on Monday": Monday), over
    ``when``, the date found nearest the noun (there, the claim's)."""
    if head.trigger.pos != "noun" and _voice(ctx, head) != "nominal":
        return when
    relative = _RELATIVE_AFTER.match(ctx.text, head.end, clause_end)
    if relative is None:
        return when
    own = [
        d
        for d in own_dates(ctx, relative.end(), clause_end)
        if d.when.known and d.when.precision == "day"
    ]
    return own[0].when if own else when


def _own_date(ctx: DocContext, head: _Hit, clause_start: int) -> When:
    """A year in the event noun's own phrase: "the 2016 bombing", "the bombing in 2016"."""
    import datetime as dt

    lead = ctx.text[max(clause_start, head.start - 40) : head.start]
    found = _YEAR_MODIFIER.search(lead)
    if found is None:
        found = _LEAD_YEAR_AFTER.match(ctx.text, head.end, min(len(ctx.text), head.end + 30))
    if found is None:
        return When()
    year = int(found.group("year"))
    return When(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", False, found.group("year"))


# --- where ------------------------------------------------------------------------------------


def _more_specific(
    ours: list[tuple[Place, str, int, str | None]], theirs: list[tuple[Place, str, int, str | None]]
) -> list[tuple[Place, str, int, str | None]]:
    """Of two readings of an event's place, the one inside the other (a town over the country
    that holds it); ours when neither holds the other or they are coordinated places."""
    if len(ours) != 1 or len(theirs) != 1:
        return ours
    mine, other = ours[0][0], theirs[0][0]
    if _contains_place(mine, other, by_distance=False) and theirs[0][2] <= ours[0][2]:
        return theirs
    return ours


def _precision_of(place: Place) -> int:
    """ACLED's geo_precision of a place named as where an event was: 1 a town, village or site;
    2 a district (or smaller admin area), "part of a region"; 3 a province, country or wider
    region, whose centroid stands for it."""
    if place.feature_code in ("ADM2", "ADM2H", "ADM3", "ADM4", "ADM5", "ADMD"):
        return 2
    if place.feature_class == "A" or place.feature_code in ("RGN", "CONT", "VAL", "AREA"):
        return 3
    return 1


def _contains_place(outer: Place, inner: Place, *, by_distance: bool = True) -> bool:
    """Whether ``inner`` lies in ``outer`` (:func:`mapper.geo.contains`); a region or valley
    holds what is within 250 km of it, when ``by_distance``."""
    return contains(outer, inner, region_km=250.0 if by_distance else None)


def _chain(ctx: DocContext, first: Mention, candidates: Sequence[Mention]) -> list[Mention]:
    """The names written after ``first`` as its containers ("Sehwan, Sindh, Pakistan"; "Khost
    (eastern Afghanistan)"), in order."""
    chain = [first]
    for mention in candidates:
        if mention.start < chain[-1].end:
            continue
        gap = ctx.text[chain[-1].end : mention.start]
        if not re.fullmatch(
            r"\s*(?:,|\(|\bin\b|–|-)\s*(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:province|district|region|state|city|area)\s+of\s+)?(?:(?:eastern|western|northern|southern|central|north|south|east|west|northeastern|northwestern|southeastern|southwestern)\s+)?",
            gap,
        ):
            break
        if mention.place is None or chain[-1].place is None or first.place is None:
            break
        if (
            not _contains_place(mention.place, chain[-1].place)
            and not _contains_place(mention.place, first.place)
            and mention.place.id != chain[-1].place.id  # "X, X Province": one place said twice
        ):
            break
        chain.append(mention)
    return chain


_UNKNOWN_NAME = re.compile(
    r"(?:(?:[A-Z][\w'-]*|\d+)\s+){0,4}?(?:[A-Z][\w'-]*|\d+)"
    r"(?:\s+(?:village|town|city|district|subdistrict|region|province|governorate|state|county|"
    r"area|tehsil|LGA|dam|bridge|camp|base|market|valley|checkpoint|township|territory))?"
    # "Ywathit village in Kyunhla township of": unknown units chained by "in" or "of" too
    r"(?:\s*,\s*|\s+(?:in|of)\s+(?:the\s+)?)$"
)


_CHAIN_GAP = re.compile(
    r"(?:[-‐][\w'’-]+)*"  # the rest of a hyphenated name the geoparser read in part ("Qala-e-Naw")
    r"(?:(?:\s+(?:village|town|city|area|district|bazaar|market|province|tehsil|county|region|"
    r"square|neighbou?rhood|quarter|suburb|locality|mosque|shrine|church|temple|school|"
    r"hospital|hotel|university|stadium|airport|bridge|road|street|camp))?"
    r"\s*(?:,|\bin\b)\s*(?:the\s+city\s+of\s+)?)+",
    re.I,
)
#: How far (km) a place may lie from a town the text puts it in.
_TOWN_REACH_KM = 30.0


def _stated_container(ctx: DocContext, first: Mention, after: Sequence[Mention]) -> Mention | None:
    """The region the text puts a place in ("X village, Y district, Z province") when the
    gazetteer's reading of the place does not lie in it: that region (the first of the chain the
    gazetteer resolved), else None."""
    if first.place is None:
        return None
    last_end = first.end
    for mention in after:
        if mention.start < last_end:
            continue
        gap = ctx.text[last_end : mention.start]
        for unknown in reversed(ctx.unresolved.within(last_end, mention.start)):
            # an ambiguous name of the chain ("Dand district"): read past it
            gap = gap[: unknown.start - last_end] + gap[unknown.end - last_end :]
        if not _CHAIN_GAP.fullmatch(gap):
            return None
        last_end = mention.end
        container = mention.place
        if container is None:
            continue
        if container.feature_code.startswith("PCL"):
            return None
        if container.feature_class == "P":
            # "Deh Mazang square in Kabul": a namesake 100 km away is not the square in Kabul
            near = haversine_km(first.place.lat, first.place.lon, container.lat, container.lon)
            return None if near <= _TOWN_REACH_KM else mention
        if container.feature_class != "A":
            return None
        if _contains_place(container, first.place) or first.place.id == container.id:
            return None
        return mention
    return None


def _fallback_place(
    ctx: DocContext, start: int, clause_start: int, clause_end: int
) -> Mention | None:
    """ "in Zhar Sahib, Helmand": a first name the gazetteer does not know, in a region it
    does (the geoparser's ``within``, else the resolved name written right after it): the
    region, at geo_precision 2 (ACLED's fallback)."""
    for unknown in ctx.unresolved.within(start, clause_end):
        gap = ctx.text[start : unknown.start]
        if len(gap) > 90 or not _LOCATIVE.search(gap):
            continue
        if unknown.within is not None:
            return replace(unknown, place=unknown.within, status="resolved")
        follow = list(ctx.places.within(unknown.end, min(clause_end, unknown.end + 40)))
        if follow and re.fullmatch(r"\s*(?:,|\()\s*", ctx.text[unknown.end : follow[0].start]):
            return follow[0]
    return None


#: How far (characters) from an event's words its place is looked for within its clause; real
#: sentences are far shorter (the longest of the wiki_incidents, LGL and GeoVirus texts: 775).
PLACE_WINDOW = 2_000


def _places_for(
    ctx: DocContext, start: int, end: int, clause_start: int, clause_end: int
) -> list[tuple[Place, str, int, str | None]]:
    """The place(s) an incident happened at: (place, location text, geo_precision, facility).

    In order: a place after the event words with a locative ("killed six in Kunduz"), checked
    against the region or town the text puts it in; a place that premodifies the event noun
    ("the Zahedan bombings"); a place before the event words as its setting ("in Kunduz, a
    mosque was bombed"); the one town a clause names twice; then a country named by adjective,
    a named facility, "the city" for the last town named.  ACLED's geo_precision: 1 a town or
    site, 2 a district or "part of" a region (also a fallback from an unknown name), 3 a
    province or country. Places are looked for within PLACE_WINDOW characters of the event's
    words: a run-on "sentence" of a whole file (no full stops) must not make every event scan
    every place of it."""
    text = ctx.text
    clause_start = max(clause_start, start - PLACE_WINDOW)
    clause_end = min(clause_end, end + PLACE_WINDOW)
    usable = [
        m
        for m in ctx.places.within(clause_start, clause_end)
        if not excluded_place(ctx, m, clause_start)
    ]
    after = [m for m in usable if m.start >= end]
    before = [m for m in usable if m.end <= start]
    premodifier = (
        before[-1]
        if before
        and _premodifies(text, before[-1], start)
        and not _ORIGIN.search(text, max(clause_start, before[-1].start - 60), before[-1].start)
        else None
    )
    chosen: list[Mention] = []
    fallback = False
    if premodifier is None:
        chosen, fallback = _place_after(ctx, start, end, clause_start, clause_end, after)
    if chosen and not (
        fallback
        and (_BETWEEN.search(text, end, chosen[0].start) or _ROUTE.match(text, chosen[0].end))
    ):
        chosen = _coordinated(ctx, chosen, after)  # not "between Gwadar and Turbat": one road
    elif premodifier is not None or (
        before
        and (
            _place_before(text, before[-1], start, clause_start)
            or _place_before_chain(ctx, before, start, clause_start)
        )
    ):
        # "The 2010 Zahedan bombings" (the event's own place); "the mosque in Kunduz,
        # Afghanistan was bombed": the chain's first, most specific name
        chosen = [_most_specific_before(ctx, before, start)]
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
        place, location_text, precision, facility = _with_facility(ctx, mention)
        if fallback:  # "part of" the region named (ACLED 2), a country only as a country (3)
            precision = 3 if place.feature_code.startswith("PCL") else 2
        out.append((place, location_text, precision, facility))
    if out:
        return out
    out.extend(_demonym_places(ctx, end, clause_end))
    if not out:
        named = _facility_anaphor(ctx, start, clause_start, clause_end)
        if named is not None:
            out.append(named)
    if not out:
        anaphor = _town_anaphor(ctx, start, end, clause_end)
        if anaphor is not None:
            out.append(anaphor)
    return out


#: What is written right before the object of a verb of attack, after the event's own words.
_ATTACKED_OBJECT = re.compile(r"\s(?:" + _ATTACK_VERB.pattern + r")\s+(?:the\s+)?$", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
#: A place the doers came or fired from, not where the event happened.
_ORIGIN = re.compile(
    r"\bfrom\s+(?:across\s+|over\s+|inside\s+|within\s+)?(?:the\s+)?"
    r"(?:(?:other\s+side\s+of\s+the\s+)?border\s+(?:in|with)\s+(?:the\s+)?)?$",
    re.I,
)
#: The rest of a route named by the two places it joins: "Khash–Zahedan road".
_ROUTE = re.compile(
    r"\s?[-‐‑–—]\s?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+"
    r"(?:road|highway|motorway|expressway|route|railway|rail\s+line|pipeline)\b",
    re.I,
)


#: A name the gazetteer does not know, then the area it lies in: "at Dioura, in the ",
#: "in Bariire village in ", "near Boulkessi (".
_UNKNOWN_SITE = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:the\s+(?:village|town)\s+of\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*){0,2}(?:\s+(?:village|town|area|camp))?"
    r"(?:\s*,\s*(?:in\s+|of\s+)?|\s+(?:in|of)\s+|\s*\(\s*)(?:the\s+)?$"
)


def _place_after(
    ctx: DocContext,
    start: int,
    end: int,
    clause_start: int,
    clause_end: int,
    after: Sequence[Mention],
) -> tuple[list[Mention], bool]:
    """The place written after the event words with a locative ("in", "at", "near"), or a
    fallback from a name the gazetteer does not know to the region the text puts it in; with
    whether it is such a fallback (geo_precision 2)."""
    text = ctx.text
    chosen: list[Mention] = []
    fallback = False
    for mention in after:
        gap = text[end : mention.start]
        if len(gap) > 320:
            break
        if _ORIGIN.search(gap) and not _FROM_DISTANCE.search(gap):
            continue  # "came from across the border in Afghanistan": where they came from
        if (
            _LOCATIVE.search(gap)
            or _FROM_DISTANCE.search(gap)  # "about 30 km from Kalat": near it (precision 2)
            or (not gap.strip() and _LOCATIVE.search(text[start:end] + " "))
            # the object of a verb of attack: "stormed the Marriott", "attacked Jinnah
            # International Airport", "shelled Kharkiv"
            or (re.fullmatch(r"\s+(?:the\s+)?", gap) and _ATTACK_VERB.fullmatch(text, start, end))
            or _ATTACKED_OBJECT.search(gap)  # "gunmen attacked the airport"
        ):
            chosen = [mention]
            # "on the road between Gwadar and Turbat", "on the Khash–Zahedan road": near the
            # first, ACLED's precision 2; "at Dioura, in the Segou region": a site the gazetteer
            # does not know, in the area named, also 2
            fallback = bool(
                _BETWEEN.search(gap)
                or _ROUTE.match(text, mention.end)
                or (
                    mention.place is not None
                    and mention.place.feature_class != "P"
                    and not mention.place.feature_code.startswith("PCL")
                    and _UNKNOWN_SITE.search(gap)
                )
            )
            break
    unknown = _fallback_place(ctx, end, clause_start, clause_end)
    if unknown is not None and (not chosen or chosen[0].start >= unknown.start):
        chosen, fallback = [unknown], True
    if not chosen:
        # "in the Green Village area of Police District 9, Kabul": a name the gazetteer does not
        # have, before a comma and one it does: the one it has, at geo_precision 2
        for mention in after:
            gap = text[end : mention.start]
            if len(gap) > 250:
                break
            stripped = gap
            while True:  # "in Bariire village, Lower Shabelle region, Somalia": every unknown
                shorter = _UNKNOWN_NAME.sub("", stripped)
                if shorter == stripped:
                    break
                stripped = shorter
            if stripped != gap and (
                _LOCATIVE.search(stripped)
                or _FROM_DISTANCE.search(stripped)
                # "raided Kawuri village, Konduga LGA": the object of a verb of attack
                or (
                    re.fullmatch(r"\s+(?:the\s+)?", stripped)
                    and _ATTACK_VERB.fullmatch(text, start, end)
                )
            ):
                return [mention], True
    if chosen and not fallback:
        container = _stated_container(ctx, chosen[0], after)
        if container is not None:  # "Qala-e-Naw village, Dand district": not the namesake abroad
            return [container], True
    if len(chosen) == 1 and not fallback and chosen[0].place is not None:
        chosen = [_narrower(ctx, chosen[0], after, clause_end)]
    return chosen, fallback


def _coordinated(ctx: DocContext, chosen: list[Mention], after: Sequence[Mention]) -> list[Mention]:
    """The chosen place and those coordinated with it ("in Nangarhar and the Kunar Valley": one
    incident in each), past the containers of each ("Sehwan, Sindh, Pakistan")."""
    chain = _chain(ctx, chosen[0], after)
    rest = [m for m in after if m.start >= chain[-1].end]
    last = chain[-1]
    for mention in rest:
        gap = ctx.text[last.end : mention.start]
        if not re.fullmatch(
            r"\s*(?:,\s*(?:and\s+)?|and\s+|,?\s*as\s+well\s+as\s+(?:(?:a|an|the|another)\s+)?"
            r"(?:[\w-]+\s+){0,3}?(?:in|at|near)\s+"
            # "a mosque in Kabul and a school in Jalalabad": a second target with its own place
            r"|,?\s*and\s+(?:a|an|another|two|three|several)\s+(?:(?![\w-]*ed\b)[\w-]+\s+){1,2}?"
            r"(?:in|at|near)\s+)(?:the\s+)?(?:(?:provinces?|districts?)\s+of\s+)?",
            gap,
        ):
            break
        if (
            mention.place is None
            or chosen[-1].place is None
            or _contains_place(mention.place, chosen[-1].place, by_distance=False)
            or any(c.place is not None and c.place.id == mention.place.id for c in chosen)
        ):
            break
        sub = _chain(ctx, mention, rest)
        chosen.append(mention)
        last = sub[-1]
    return chosen


_THE_TOWN = re.compile(
    r"(?:\s+[\w-]+){0,4}?\s+(?:in|at|near|on)\s+the\s+(?P<word>city|town|provincial\s+capital|capital|"
    r"village|district|province)\b(?!\s+of\b)",
    re.I,
)


def _town_anaphor(
    ctx: DocContext, start: int, end: int, clause_end: int
) -> tuple[Place, str, int, str | None] | None:
    """ "a park in the city": the last town (or district, province) named before it."""
    match = _THE_TOWN.match(ctx.text, end, clause_end)
    if match is None:
        return None
    word = match.group("word").lower()
    wanted = ("ADM2",) if word == "district" else ("ADM1",) if word == "province" else ("PPL",)
    for mention in reversed(ctx.places.within(ctx.document.body_start, start)):
        place = mention.place
        if place is not None and place.feature_code.startswith(wanted):
            return place, mention.text, _precision_of(place), None
    return None


def _narrower(
    ctx: DocContext, chosen: Mention, after: Sequence[Mention], clause_end: int
) -> Mention:
    """A place the clause goes on to name inside the one chosen ("stormed the American
    University of Afghanistan in Kabul": Kabul; "an attack on the Balochistan police college in
    Quetta": Quetta), when that one is a country or a province."""
    if chosen.place is None or _precision_of(chosen.place) < 2:
        return chosen
    for mention in after:
        if mention.start <= chosen.start or mention.place is None:
            continue
        if mention.start - chosen.end > 120:
            break
        lead = ctx.text[max(chosen.end, mention.start - 30) : mention.start]
        if (
            _LOCATIVE.search(lead)
            and _contains_place(chosen.place, mention.place, by_distance=False)
            and _precision_of(mention.place) < _precision_of(chosen.place)
            and not excluded_place(ctx, mention, chosen.end)
        ):
            return mention
    return chosen


# Between the names of a chain read backwards: "Kunduz, Afghanistan", "the Dasu area of Upper
# Kohistan District".
_CHAIN_BACK = re.compile(
    # "Bijapur district, Chhattisgarh": a type word may close a link of the chain
    r"\s*(?:(?:district|province|region|state|county|governorate|LGA|tehsil|division|"
    r"municipality|prefecture|department|village|town|city)\s*)?(?:,|\(|\s(?:area|district|province|region|city|town|village|part)\s+of"
    # "the Kohat Cantonment in Khyber Pakhtunkhwa", "Kunduz city in Kunduz province": the
    # containment is checked against the gazetteer before the chain is followed
    r"|\s(?:(?:cantonment|cantt|city|town|village|district|area)\s+)?in)\s*(?:the\s+)?",
    re.I,
)


def _most_specific_before(ctx: DocContext, before: Sequence[Mention], start: int) -> Mention:
    """Of a chain written before the trigger ("In Quetta, Balochistan, a bomb ..."), its first
    and most specific name."""
    last = before[-1]
    for mention in reversed(before[:-1]):
        if mention.place is None or last.place is None:
            break
        if not _CHAIN_BACK.fullmatch(ctx.text, mention.end, last.start) or not _contains_place(
            last.place, mention.place
        ):
            break
        last = mention
    return last


def _premodifies(text: str, mention: Mention, start: int) -> bool:
    """Whether a place name modifies the event noun right after it, with at most two lowercase
    modifiers between ("the Moscow attack", "the 2018 Tajikistan tourist attack", "Quetta's
    railway station bombing")."""
    gap = text[mention.end : start]
    words = re.fullmatch(r"(?:['’]s)?((?:\s+[a-z][\w-]*){0,2})\s+", gap)
    return words is not None and not any(
        w in _NOT_MODIFIERS or w.endswith("ed") for w in words.group(1).split()
    )


#: A passive auxiliary between a place that opens a clause and the event verb.
_PASSIVE_GAP = re.compile(
    r"\s+(?:(?:cantonment|cantt|city|town|village|district|area|province)\s+)?"
    r"(?:was|were|(?:has|have|had)\s+been)\s+(?:\w+ly\s+)?",
    re.I,
)
#: What may open a clause before its subject: a time adverbial ("On 1 March 2023", "Last
#: week"), up to two short phrases set off by commas ("On 15 July, before dawn,"), an article.
_SUBJECT_LEAD = re.compile(
    r"\s*(?:(?:(?:early|late)\s+)?(?:on|in|during|last|this|overnight)\b[^,;.]{0,40}?\s+"
    r"|(?:[^,;.]{1,40},\s*){1,2})?(?:the\s+)?",
    re.I,
)


def _place_before_chain(
    ctx: DocContext, before: Sequence[Mention], start: int, clause_start: int
) -> bool:
    """:func:`_place_before` for the chain the last place before a trigger closes ("in Kunduz,
    Afghanistan was bombed"): its most specific name, read with the last name blanked out.

    Only the clause up to the trigger is copied (offsets shifted to it), so the cost does not
    grow with the document.
    """
    last = before[-1]
    window = (
        ctx.text[clause_start : last.start]
        + " " * (last.end - last.start)
        + ctx.text[last.end : start]
    )
    specific = _most_specific_before(ctx, before, start)
    shifted = replace(
        specific, start=specific.start - clause_start, end=specific.end - clause_start
    )
    return _place_before(
        window, shifted, start - clause_start, 0, chain_end=last.end - clause_start
    )


#: The end of an opening place adverbial, "In Shwebo, " or "In Shwebo township, ": a comma,
#: maybe after the unit's type word.
_OPENER_END = re.compile(
    rf"\s*(?:(?:{_UNIT_WORDS}|township|territory|tehsil|commune)\s*)?,", re.IGNORECASE
)


def _place_before(
    text: str, mention: Mention, start: int, clause_start: int, chain_end: int | None = None
) -> bool:
    """Whether a place named before a trigger is where it happened: "the Moscow attack",
    "Germany (where seven were arrested", "enter Kabul ... and took control"; with
    ``chain_end``, the gap is read from the end of the chain the place opens ("in Kunduz,
    Afghanistan was bombed")."""
    if _ORIGIN.search(text[max(clause_start, mention.start - 60) : mention.start]):
        return False  # "they came from across the border in Afghanistan and opened fire"
    gap = text[chain_end if chain_end is not None else mention.end : start]
    if chain_end is not None:
        gap = re.sub(r"^\s*,", " ", gap)  # the comma that closes "in X, Y, Z,"
    if not gap.strip() or re.match(r"\s*[(,]?\s*where\b", gap):
        return True
    if re.fullmatch(r"['’]s\s+(?:[\w-]+\s+){0,3}", gap):
        return True  # "Quetta's railway station bombing"
    if _PASSIVE_GAP.fullmatch(gap) and _SUBJECT_LEAD.fullmatch(text, clause_start, mention.start):
        return True  # "Kohat was attacked", "On Monday the Bannu Cantonment was targeted"
    consequence = _CONSEQUENCE.search(gap)
    if consequence is not None and "," not in gap[: consequence.start()]:
        return bool(_LOCATIVE.search(text[max(clause_start, mention.start - 30) : mention.start]))
    return (
        len(gap) <= 60
        and "," not in gap
        and bool(_LOCATIVE.search(text[max(clause_start, mention.start - 30) : mention.start]))
    ) or (
        len(gap) <= 120
        and bool(_OPENER_END.match(gap))
        and bool(
            re.match(
                r"\s*(?:In|At|Near|Outside|Inside)\b", text[clause_start : mention.start], re.I
            )
        )
        and not re.search(r"[.;]", gap)
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
    if re.search(
        r"\b(?:near|along|across|close\s+to)\s+(?:the\s+)?$",
        ctx.text[max(end, match.start() - 25) : match.start()],
        re.I,
    ):
        return []  # "near the Afghan border": beside the country, not in it
    out: list[tuple[Place, str, int, str | None]] = []
    words = re.findall(r"[A-Z][\w-]+", match.group())
    for word in words:
        country = _country_of_demonym(ctx.gazetteer, word)
        if country is not None:
            out.append((country, word, 3, None))
    return out


def _country_of_demonym(gazetteer: Gazetteer, word: str) -> Place | None:
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


# --- who --------------------------------------------------------------------------------------


def _doer(ctx: DocContext, agent: Callable[[], tuple[str | None, bool]]) -> tuple[str | None, bool]:
    """The ``agent`` found among the actors that take part in events: a monitor ("killings
    documented by Human Rights Watch", "a clinic operated by MSF") only tells of them or is
    where they happened, so the agent is sought again as if the monitors were not named."""
    found = agent()
    if not ctx.index.is_monitor(found[0]):
        return found
    named = ctx.actors
    ctx.actors = Spans(m for m in named if not ctx.index.is_monitor(m.actor))
    try:
        found = agent()
    finally:
        ctx.actors = named
    return found


def _agent(
    ctx: DocContext,
    sentence: Sentence,
    predicate: _Hit,
    head: _Hit,
    voice: str,
    clause_start: int,
    clause_end: int,
    hits: Sequence[_Hit] = (),
) -> tuple[str | None, bool]:
    """Who did it, and whether the text hedges it.

    In order: the "by" phrase of a passive verb or an event noun ("killed by Pakistani troops",
    "an attack by the TTP", "carried out by five terrorists belonging to the Islamic State");
    the group named before an event noun or a doer ("a Taliban attack", "an Islamic State suicide
    bomber", "the US strike"); the subject of a support verb of the event noun ("ISKP carried
    out the attack", "the United States conducted an airstrike"); the subject of an active verb
    ("Gunmen from the BLA stormed ...", "attackers who are suspected members of the Taliban
    stormed ...").  Never the subject of a passive verb (the victims: "Six Taliban fighters were
    killed by ...").
    """
    text = ctx.text
    hedged = bool(_HEDGED.search(text, sentence.start, sentence.end))
    by = _by_phrase(ctx, sentence, predicate.end, clause_end)
    if by is None and head is not predicate:
        by = _by_phrase(ctx, sentence, head.end, clause_end)
    if by is None:
        by = _participants(ctx, max(head.end, predicate.end), clause_end)
    if by is not None:
        return by, hedged
    nominal = [
        h
        for h in dict.fromkeys((head, predicate, *hits))
        if h.trigger.pos in ("noun", "agent") or _voice(ctx, h) == "nominal"
    ]
    found = _nominal_agent(ctx, sentence, nominal, clause_start, clause_end)
    if found is not None:
        return found[0], hedged or found[1]
    if voice in ("passive", "nominal"):
        return None, hedged
    start = predicate.start
    if voice == "participle":
        # ", killing four", "by sabotaging": the agent of the clause's own verb, else of the
        # sentence's subject
        earlier = [d for d in ctx.current if d.sentence == sentence.index]
        if earlier and earlier[-1].perpetrator:
            return earlier[-1].perpetrator, hedged or earlier[-1].perpetrator_hedged
    relative = re.search(
        r"\b(?:that|which)\s+(?:\w+\s+){0,2}$", text[max(clause_start, start - 30) : start], re.I
    )
    if relative is not None and head is not predicate and head.start < start:
        # "attacks in Baghdad that killed 340": the relative's subject is the event noun
        return None, hedged
    subject = _subject_actor(ctx, sentence, start, clause_start)
    if subject is None:
        # "Russian missiles struck", "Pakistani shelling killed": the trigger's own noun is the
        # subject, and the state's adjective right before it names who fired
        adjacent = (
            _ADJACENT_MODIFIER.search(text, max(clause_start, start - 30), start)
            if _WEAPON_HEAD.match(text, start)
            else None
        )
        if adjacent is not None:
            subject = ctx.index.modifier(adjacent.group(1).rstrip("."), ctx.reference.date)
    return subject, hedged


#: A trigger whose first word is the weapon or the fire itself ("missiles struck", "shelling").
_WEAPON_HEAD = re.compile(
    r"(?:missiles?|rockets?|shells?|shelling|mortars?|artillery|drones?|air[\s-]?strikes?|"
    r"strikes?|bombardments?|bombing|jets|warplanes|gunships|fire)\b",
    re.I,
)
_ADJACENT_MODIFIER = re.compile(r"(?:^|(?<=\s))([A-Z][\w.]*)(?:['’]s)?\s+$")


def _nominal_agent(
    ctx: DocContext,
    sentence: Sentence,
    nominal: Sequence[_Hit],
    clause_start: int,
    clause_end: int,
) -> tuple[str | None, bool] | None:
    """The doer of an event noun or a doer word: the group blamed for it (alleged), the group
    that premodifies it ("a Taliban attack") or that a doer belongs to ("gunmen from the BLA"),
    the subject of its support verb ("ISKP carried out the attack"); with whether it is hedged;
    None when the nouns say nothing of their doer."""
    for hit in nominal:
        blamed = _blamed(ctx, hit, clause_start) or _attributed(ctx, hit, clause_start, clause_end)
        if blamed is not None:
            return blamed, True  # "Police blamed LeJ for the bombing": alleged, whoever says so
    for hit in nominal:
        modifier = _modifier_actor(ctx, hit, clause_start)
        if modifier is None and hit.trigger.pos == "agent":
            modifier = _affiliation(ctx, hit, clause_end)
        if modifier is not None:
            return modifier, False
    for hit in nominal:
        if hit.trigger.pos == "agent":
            continue
        support = _SUPPORT_VERBS.search(ctx.text, max(clause_start, hit.start - 80), hit.start)
        if support is not None:
            subject = _subject_actor(ctx, sentence, support.start(), clause_start)
            if subject is None and not _own_subject(ctx, clause_start, support.start()):
                # "They mention ambushing ...; carrying out a suicide attack ...": the subject of
                # the sentence's earlier clause
                earlier = [d for d in ctx.current if d.perpetrator]
                if earlier:
                    return earlier[-1].perpetrator, earlier[-1].perpetrator_hedged
            return subject, False
    return None


_BLAME_VERB = re.compile(
    r"\b(?:blam(?:e|ed|es|ing)|accus(?:e|ed|es|ing)|h(?:o|e)ld|holds|holding|suspect(?:s|ed)?)"
    r"\s+(?:the\s+)?$",
    re.I,
)
_BLAME_OBJECT = re.compile(
    r"(?:['’]s\s+\w+)?\s+(?:responsible\s+)?(?:for|of|over|in)\s+(?:[\w'’-]+\s+){0,4}", re.I
)


#: A blame that names only whom it blames, or "for it" / "for the attack", then ends.
_BARE_BLAME_TAIL = re.compile(
    rf"(?:['’]s\s+\w+)?(?:\s+(?:for|over)\s+(?:it|this|that|the\s+\w+))?{BLAME_END}", re.I
)


def _bare_blame(
    ctx: DocContext, sentence: Sentence, clause_start: int, clause_end: int, key: int
) -> list[Draft]:
    """A blame with no event word by a speaker that is no group we track ("Police blamed the
    TTP.", "Officials suspect ISKP."): the group is the alleged perpetrator of the event told in
    the sentence before. (A group's blame of another is a claim of its own; see ``claims``.)"""
    text = ctx.text
    for mention in ctx.actors.within(clause_start, clause_end):
        lead = text[clause_start : mention.start]
        verb = _BLAME_VERB.search(text, max(clause_start, mention.start - 30), mention.start)
        if verb is None or ctx.actors.within(clause_start, mention.start):
            continue  # "The Taliban blamed ISKP": the Taliban's allegation, a claim
        if not _BARE_BLAME_TAIL.match(text, mention.end) or _COMPLEMENTIZER.search(lead):
            continue
        told = _told(ctx)
        if not told or sentence.index - told[-1].sentence > 1:
            return []
        return _part_of_told(
            ctx,
            sentence,
            clause_start,
            clause_end,
            Toll(),
            key,
            perpetrator=str(mention.actor),
            perpetrator_hedged=True,
        )
    return []


def _blamed_after(
    ctx: DocContext, after: int, clause_end: int, agent: tuple[str | None, bool]
) -> tuple[str | None, bool]:
    """The doer ``agent`` found, else a group a speaker who is no group we track blames at the
    end of the event's clause ("Gunmen killed two guards, according to a police officer, who
    blamed the BLA."): its alleged perpetrator. A group's blame of another is a claim of its
    own (``claims``)."""
    if agent[0] is not None:
        return agent
    text = ctx.text
    for mention in ctx.actors.within(after, clause_end):
        verb = _BLAME_VERB.search(text, max(after, mention.start - 30), mention.start)
        if verb is None or not _BARE_BLAME_TAIL.match(text, mention.end):
            continue
        speaker = max(text.rfind(",", after, verb.start()), after)
        if not ctx.actors.within(speaker, verb.start()) and not _COMPLEMENTIZER.search(
            text, speaker, verb.start()
        ):
            return str(mention.actor), True
    return agent


#: "attributed the ambush to", "blamed the bombing on": an event noun another party gives to a
#: group named after it.
_ATTRIBUTED_BEFORE = re.compile(
    r"\b(?:attribut(?:e|ed|es|ing)|blam(?:e|ed|es|ing)|pinn(?:ed|ing)|pins?)\s+"
    r"(?:the|this|that|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)"
    r"\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
_ATTRIBUTED_AFTER = re.compile(r"\s+(?:to|on)\s+(?:the\s+)?(?:banned\s+|outlawed\s+)?", re.I)


def _attributed(ctx: DocContext, hit: _Hit, clause_start: int, clause_end: int) -> str | None:
    """The group another party attributes an event noun to ("Security sources attributed the
    ambush to ISSP", "Officials blamed the bombing on the TTP"): its alleged perpetrator."""
    if not _ATTRIBUTED_BEFORE.search(ctx.text, max(clause_start, hit.start - 60), hit.start):
        return None
    for mention in ctx.actors.within(hit.end, min(clause_end, hit.end + 90)):
        if _ATTRIBUTED_AFTER.fullmatch(ctx.text, hit.end, mention.start):
            return str(mention.actor)
    return None


def _blamed(ctx: DocContext, hit: _Hit, clause_start: int) -> str | None:
    """The group another party blames for an event noun ("Police blamed Lashkar-e-Jhangvi for
    the bombing", "officials accused ISKP of the attack", "held the TTP responsible for the
    blast"): its alleged perpetrator, whoever the accuser is."""
    for mention in ctx.actors.within(max(clause_start, hit.start - 100), hit.start):
        if _BLAME_VERB.search(ctx.text, max(clause_start, mention.start - 30), mention.start) and (
            _BLAME_OBJECT.fullmatch(ctx.text, mention.end, hit.start)
        ):
            return str(mention.actor)
    return None


_PARTICIPANTS = re.compile(
    r"\b(?:in\s+which|where|during\s+which)\s+(?:[\w-]+\s+){0,8}?(?:militants?|fighters?|members?|"
    r"gunmen|attackers|operatives?)\s+(?:affiliated\s+with|of|from|belonging\s+to|linked\s+to|loyal\s+to)"
    r"\s+(?:the\s+)?$",
    re.I,
)


def _affiliation(ctx: DocContext, hit: _Hit, clause_end: int) -> str | None:
    """The group a doer belongs to, told right after it: "six gunmen affiliated with the TTP",
    "militants from the BLA", "suicide bombers of the Islamic State"."""
    for mention in ctx.actors.within(hit.end, min(clause_end, hit.end + 60)):
        gap = ctx.text[hit.end : mention.start]
        if re.fullmatch(
            r"\s*,?\s*(?:who\s+(?:were|are)\s+)?(?:suspected\s+|reportedly\s+)?(?:members\s+of|"
            r"affiliated\s+with|from|of|belonging\s+to|linked\s+to|loyal\s+to|allied\s+(?:to|with))"
            r"\s+(?:the\s+)?",
            gap,
            re.I,
        ):
            return str(mention.actor)
        break
    return None


def _participants(ctx: DocContext, end: int, clause_end: int) -> str | None:
    """The group whose people took part, told after the event noun ("the prison operation ...,
    in which four suicide bombers and 11 militants affiliated with ISIS participated")."""
    for mention in ctx.actors.within(end, clause_end):
        lead = ctx.text[max(end, mention.start - 120) : mention.start]
        follow = ctx.text[mention.end : min(clause_end, mention.end + 40)]
        if _PARTICIPANTS.search(lead) and re.match(
            r"\s*(?:\([^)]*\)\s*)?(?:participated|took\s+part|were\s+involved|carried\s+(?:it\s+)?out|joined)\b",
            follow,
            re.I,
        ):
            return str(mention.actor)
    return None


def _by_phrase(ctx: DocContext, sentence: Sentence, end: int, clause_end: int) -> str | None:
    text = ctx.text
    counted_object = text[end : end + 1] == " " and ctx.rules.number.match(text, end + 1)
    for mention in ctx.actors.within(end, min(clause_end, end + 200)):
        gap = text[end : mention.start]
        if counted_object and not re.search(r"\bby\b", gap, re.I):
            continue
        if _BY_ACTOR.search(gap) and not _AMONG_VICTIMS.search(
            text[max(end, mention.start - 40) : mention.start]
        ):
            if re.search(r"\bclaimed\s+by\s+(?:the\s+)?$", gap, re.I):
                return None  # "claimed by X" is a claim, read by the claim rules
            return str(mention.actor)
    for match in ctx.rules.anaphors.finditer(text, end, min(clause_end, end + 30)):
        if re.search(r"\bby\s+(?:the\s+)?$", text[end : match.start()]):
            return resolve_anaphor(ctx, sentence, match.start(), match.group().lower())
    state = re.match(r"\s+by\s+(?:the\s+)?(?:a\s+)?(\w+(?:\.\w+\.?)?)", text[end : end + 40])
    if state is not None:
        found = ctx.index.modifier(state.group(1), ctx.reference.date)
        if found is not None:
            return found
    for country in ctx.places.within(end, min(clause_end, end + 40)):
        if (
            country.place is not None
            and country.place.feature_code.startswith("PCL")
            and re.fullmatch(r"\s+by\s+(?:the\s+)?", text[end : country.start])
        ):  # "a drone attack by the United States"
            return ctx.index.modifier(country.text, ctx.reference.date) or ctx.index.metonym(
                country.text, ctx.reference.date
            )
    return None


def _modifier_actor(ctx: DocContext, hit: _Hit, clause_start: int) -> str | None:
    """The group named right before an event noun or a doer: "a Taliban attack", "an Islamic
    State suicide bomber", "ISKP's attack", "the US drone strike"."""
    text = ctx.text
    for mention in reversed(ctx.actors.within(max(clause_start, hit.start - 60), hit.start)):
        gap = text[mention.end : hit.start]
        if re.fullmatch(
            r"(?:['’]s)?(?:\s+[a-z][\w-]*){0,2}\s*|-(?:led|linked|backed|claimed)\s+", gap
        ) and not any(
            w in _NOT_MODIFIERS or (w.endswith("ed") and "-" not in w) for w in gap.lower().split()
        ):
            return str(mention.actor)
        break
    word = re.search(
        r"(\b[\w.]+?)(?:['’]s)?\s+(?:(?:[a-z][\w-]*)\s+){0,2}$",
        text[max(clause_start, hit.start - 50) : hit.start],
    )
    if word is not None and word.group(1)[:1].isupper():
        return ctx.index.modifier(word.group(1).rstrip("."), ctx.reference.date)
    possessive = re.search(
        r"\b(its|their)\s+(?:own\s+)?(?:[a-z][\w-]*\s+){0,2}$",
        text[max(clause_start, hit.start - 40) : hit.start],
        re.I,
    )
    if possessive is not None:  # "their rocket attacks": the group "their" stands for
        sentence = next(s for s in ctx.sentences if s.start <= hit.start < s.end)
        at = hit.start - len(possessive.group())
        return resolve_anaphor(ctx, sentence, at, possessive.group(1).lower())
    return None


_NOT_MODIFIERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "of",
        "on",
        "in",
        "at",
        "for",
        "by",
        "to",
        "and",
        "or",
        "with",
        "from",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "will",
        "would",
        "said",
        "says",
        "claimed",
    ]
)


def _subject_actor(
    ctx: DocContext, sentence: Sentence, start: int, clause_start: int
) -> str | None:
    """The actor written as the subject before ``start``: the nearest actor name or pronoun
    that is not blocked by a preposition, the object of another verb, or a victim."""
    text = ctx.text
    complement = list(_COMPLEMENTIZER.finditer(text, clause_start, start))
    if complement:
        clause_start = complement[-1].end()
    before: list[tuple[int, int, str | None]] = [
        (m.start, m.end, m.actor) for m in ctx.actors.within(clause_start, start)
    ]
    for match in ctx.rules.anaphors.finditer(text, clause_start, start):
        before.append((match.start(), match.end(), None))
    for mention in ctx.places.within(clause_start, start):
        if not re.fullmatch(r"\s+(?:[a-z]+\s+){0,2}", text[mention.end : start]) or not re.search(
            r"(?:^|[.;:]\s*|\bthe\s+)$", text[clause_start : mention.start]
        ):
            continue  # a country acts only as the verb's own subject ("the U.S. carried out")
        if mention.place is not None and mention.place.feature_code.startswith("PCL"):
            state = ctx.index.metonym(mention.text, ctx.reference.date) or ctx.index.modifier(
                mention.text, ctx.reference.date
            )
            if state is not None:  # "the United States conducted an airstrike"
                before.append((mention.start, mention.end, state))
    for position, stop, actor in sorted(before, key=lambda b: -b[0]):
        gap = text[max(clause_start, position - 40) : position]
        quantified = _QUANTIFIED.search(gap)
        if quantified is not None:  # "Hundreds of TTP fighters attacked": the TTP did
            cut = position - len(quantified.group())
            gap = text[max(clause_start, cut - 30) : cut]
        members = _MEMBERS_OF.search(gap)
        if (
            members is not None
            and actor is not None
            and not re.search(r"\b(?:killed|wounded|arrested|attacked|targeted)\b", gap, re.I)
        ):
            return actor  # "attackers who are suspected members of the Taliban stormed"
        if BLOCK_SUBJECT.search(gap) or _VICTIM.match(text, stop) or _OBJECT_OF.search(gap):
            continue
        if re.match(
            r"\s*(?:['’]s\s+)?(?:[\w-]+\s+){0,2}(?:governor|official|commander|leader|chief|"
            r"minister|member|head|spokesman|cleric|judge|officer|mayor)\b"
            r"(?!\s+(?:of\s+)?(?:forces|fighters))",
            text[stop : stop + 40],
            re.I,
        ) and ctx.index.is_militant(actor):
            continue  # "The Taliban governor of Balkh was killed": the group's man, the victim
        if actor is not None:
            return _first_side(ctx, clause_start, position, actor)
        word = ctx.rules.anaphors.match(text, position)
        return resolve_anaphor(ctx, sentence, position, word.group().lower() if word else "it")
    return None


def _first_side(ctx: DocContext, clause_start: int, position: int, actor: str) -> str:
    """The first of actors listed together before a verb ("Taliban forces and ISKP fighters
    clashed": the Taliban), the one an event is recorded under."""
    named = [m for m in ctx.actors.within(clause_start, position) if m.end <= position]
    at = position
    for mention in reversed(named):
        if not _COORDINATED_SIDES.fullmatch(ctx.text, mention.end, at):
            break
        actor, at = str(mention.actor), mention.start
    return actor


#: Who a statement was told to, right before a noun: "told journalists", "a statement sent to
#: reporters", "speaking to journalists".
_ADDRESSEE = re.compile(
    r"\b(?:told|tells|telling|briefed|briefing|addressing|(?:sent|said|spoke|speaking|talking|"
    r"emailed|e-mailed|issued|distributed|released)\s+to)\s+(?:the\s+|local\s+|foreign\s+|visiting\s+)?$",
    re.I,
)


def _targets(
    ctx: DocContext,
    predicate: _Hit,
    voice: str,
    clause_start: int,
    clause_end: int,
    perpetrator: str | None,
) -> tuple[list[str], bool]:
    """Who was hit: actors and people after the trigger (and the subject of a passive verb),
    and whether any of them is a state force or its post."""
    text = ctx.text
    end = predicate.end
    found: list[str] = []
    spans: list[tuple[int, int]] = [(end, min(clause_end, end + 120))]
    if voice == "passive":
        spans.append((clause_start, predicate.start))
    for a, b in spans:
        for mention in ctx.actors.within(a, b):
            if (
                mention.actor != perpetrator
                and not re.search(
                    r"\bby\s+(?:the\s+)?$", text[max(a, mention.start - 12) : mention.start]
                )
                and not _speaker(text, mention.start, mention.end)
            ):
                found.append(clean(mention.text))
        for match in _TARGET_NOUNS.finditer(text, a, b):
            words = clean(match.group())
            if _speaker(text, match.start(), match.end()):
                continue  # "..., police said": who reports it, not who was hit
            if _ADDRESSEE.search(text, max(a, match.start() - 40), match.start()):
                continue  # "an official told journalists": who was told, not who was hit
            if not any(words in f or f in words for f in found):
                found.append(words)
    object_words = ctx.tokens.between(end, min(clause_end, end + 80))
    lead = ctx.tokens.between(clause_start, predicate.start) if voice == "passive" else ""
    security_regex = ctx.rules.events.security
    # the victims are state forces or their posts, or armed men ("killed five militants"): an
    # armed clash in ACLED's coding, not violence against civilians
    security = bool(
        security_regex.search(" ".join(object_words.split()[:8]))
        or (lead and security_regex.search(lead))
        or (voice in ("active", "participle") and _armed(object_words.split()))
        or (voice == "passive" and _armed(lead.split()[-6:-1]))
    )
    return found[:5], security


#: A reporting verb right after a noun phrase ("officials said", "police told reporters"), or
#: "according to" right before it: the people who report the event.
_REPORTED_BY_AFTER = re.compile(
    r"(?:\s+[a-z]+){0,2}?\s+(?:said|say|says|told|reported|confirmed|added|stated)\b"
)
_REPORTED_BY_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+|local\s+|[a-z]+\s+){0,2}$", re.I)


def _speaker(text: str, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` are whom a report is attributed to."""
    return bool(
        _REPORTED_BY_AFTER.match(text, end)
        or _REPORTED_BY_BEFORE.search(text, max(0, start - 40), start)
    )


_ARMED = frozenset(
    [
        "militant",
        "insurgent",
        "fighter",
        "terrorist",
        "rebel",
        "jihadist",
        "gunman",
        "gunmen",
        "extremist",
        "combatant",
    ]
)
_NOT_IN_A_NOUN_PHRASE = frozenset(
    [
        "to",
        "by",
        "in",
        "at",
        "on",
        "from",
        "with",
        "for",
        "be",
        "can",
        "could",
        "will",
        "would",
        "may",
        "after",
        "before",
        "when",
        "while",
        "and",
        "or",
        "that",
        "which",
        "who",
        ",",
        ".",
        ";",
        ":",
    ]
)


def _armed(words: Sequence[str]) -> bool:
    """Whether the first noun phrase of lemmas ``words`` names armed men ("five militants",
    "six Taliban fighters"); the phrase ends at a preposition, a verb word or a conjunction."""
    for word in words[:6]:
        if word in _NOT_IN_A_NOUN_PHRASE:
            return False
        if word in _ARMED:
            return True
    return False
