"""Incidents and claims from documents: rules over sentences, with no downloaded model.

For each sentence, trigger patterns from ``mapper/data/triggers.json`` propose incidents (typed
after ACLED); hypothetical, negated and habitual uses are dropped ("a possible attack", "no group
has claimed", "in recent years").  Each incident takes the place the sentence says it happened
at (a resolved geoparser mention after "in", "at", "on"...; "Kabul airport" is the airport, or
Kabul at geo_precision 2 when the gazetteer has no airport), the date nearest its trigger, the
perpetrator (the clause's subject, "by X", "X's"), targets and casualty figures.  Claim patterns
propose claims with their claimant (the subject, "claimed by X", "..., criticized X"), what they
are about, the incidents of the sentence, the channel and hedges.  Pronouns and "the group" are
resolved to an actor named before.  Mentions of one incident within a document are merged, then
:mod:`mapper.link` links incidents and claims across documents.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from mapper.actors import ActorIndex, ActorMention, load_actors
from mapper.dates import CARDINALS, DateMention, Reference, find_dates
from mapper.errors import ExtractionError
from mapper.model import Claim, Count, Extraction, Incident, Source, When

if TYPE_CHECKING:
    from mapper.documents import Document
    from mapper.gazetteer import Gazetteer, Place
    from mapper.geoparse import Mention

Geoparser = Callable[["Document", "Gazetteer"], list["Mention"]]

_WORD_NUMBERS = CARDINALS
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|on|near|outside|inside|into|across|around|targeted|targeting|against|hit|"
    r"struck|of|to|enter|entered|entering|reached|close\s+to|the\s+city\s+of|the\s+province\s+of)\s+(?:the\s+)?"
    r"(?:(?:eastern|western|northern|southern|northeast(?:ern)?|northwest(?:ern)?|southeast(?:ern)?|"
    r"southwest(?:ern)?|central|restive|capital|city|town|province|district|village)\s+)*)$",
    re.IGNORECASE,
)
_NEAR = re.compile(r"\b(?:near|outside|around|close\s+to|outskirts\s+of)\s+(?:the\s+)?$", re.I)
_BLOCK_SUBJECT = re.compile(
    r"\b(?:regarding|about|on|of|against|with|between|for|to|from|by|at|in|into|targeting|"
    r"targeted|ambushing|attacking|than|like|pro|over|as)\W+(?:the\s+)?$",
    re.IGNORECASE,
)
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
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|(?<=[.!?])\n")
_LINE_BREAK = re.compile(_SENTENCE_END.pattern + r"|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:U\.S|U\.K|U\.N|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|Jr|Sr|No|Vol|vs|etc|e\.g|i\.e|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|Gov|Sen|Rep)|\b[A-Z])\.$"
)
_CLAUSE = re.compile(r";|\s[—–]\s")
_TEMPORAL = re.compile(r"\b(?:after|before|following|since|during|like)\s+(?:the\s+)?$", re.I)
_DEFINITE = re.compile(
    r"\b(?:the|this|these|both|its|their|his|her|same)\s+(?:[\w-]+\s+){0,3}$", re.I
)
_COMPLEMENTIZER = re.compile(r"\b(?:that|whether|because|while|although)\b", re.I)
_VICTIM = re.compile(
    r"(?:['’]s)?(?:\s+[\w-]+){0,2}?\s+(?:were|was|have\s+been|had\s+been)\s+(?:also\s+)?"
    r"(?:killed|wounded|injured|targeted|attacked|ambushed|executed|abducted|arrested|hit)",
    re.I,
)
_PARTICIPLE = re.compile(r"[A-Z][a-z]+ing\b[^,]{0,80}?,[”\"’]?\s")
_AMONG_VICTIMS = re.compile(
    r"\b(?:including|among|killing|killed|wounding|wounded|injured)\b", re.I
)
_EVENT_ANAPHOR = re.compile(
    r"\b(?:the|this|that|both|these|those)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|bombings?|blasts?|explosions?|assaults?|killings?|ambush(?:es)?|strikes?|"
    r"incident|operation|massacre|shooting)\b",
    re.IGNORECASE,
)
_CLAIM_CLAUSE = re.compile(r"[,;:]\s|\b(?:but|while|whereas)\s", re.IGNORECASE)
_AGENTS = re.compile(
    r"\b(?:police|policemen|officials|authorities|residents|witnesses|officers|investigators|"
    r"villagers|elders|doctors|sources|troops|soldiers|prosecutors|analysts|experts)\b",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"it", "they", "he", "its", "their", "them", "themselves", "itself", "she"})
_DOCUMENT_WORDS = re.compile(
    r"(?:the|this|its|their)\s+(?:article|magazine|statement|issue|editorial|newspaper|video|"
    r"message|publication|pamphlet|leaflet|audio)",
    re.IGNORECASE,
)
_GENERIC_CHANNELS = frozenset(
    {
        "statement",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "magazine",
        "newspaper",
        "news agency",
        "press conference",
        "audio message",
        "video message",
    }
)


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Trigger:
    """An incident trigger pattern with the type it stands for."""

    event_type: str
    sub_event_type: str
    regex: re.Pattern[str]
    generic: bool
    agent: bool


@dataclass(frozen=True, slots=True)
class Rules:
    """The compiled patterns of ``triggers.json``."""

    triggers: tuple[Trigger, ...]
    fatal: re.Pattern[str]
    wounded: re.Pattern[str]
    claims: tuple[tuple[str, re.Pattern[str]], ...]
    self_report: re.Pattern[str]
    negations: re.Pattern[str]
    irrealis: re.Pattern[str]
    negators: re.Pattern[str]
    generic: re.Pattern[str]
    hedges: re.Pattern[str]
    anaphors: re.Pattern[str]
    channels: re.Pattern[str]
    venues: re.Pattern[str]
    facilities: re.Pattern[str]
    vague: tuple[tuple[re.Pattern[str], tuple[int, int, int | None]], ...]
    demonym_places: re.Pattern[str]
    channel_owners: dict[str, str]
    number: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        vague = "|".join(p.pattern for p, _ in self.vague)
        words = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
        number = (
            r"(?:(?P<mod>at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|"
            rf"as\s+many\s+as|roughly)\s+)?(?P<n>\d[\d,]*|a\s+hundred|{words}|{vague})"
        )
        object.__setattr__(self, "number", re.compile(number, re.IGNORECASE))


def rules_from_dict(data: dict[str, Any]) -> Rules:
    """Compile rules from data shaped like ``triggers.json``."""
    try:
        triggers: list[Trigger] = []
        for entry in data["incident_triggers"]:
            for agent, key in ((False, "patterns"), (True, "agent_patterns")):
                for pattern in entry.get(key, []):
                    triggers.append(
                        Trigger(
                            entry["event_type"],
                            entry["sub_event_type"],
                            _alternation([pattern]),
                            bool(entry.get("generic")),
                            agent,
                        )
                    )
        claims = tuple(
            (kind, _alternation(patterns)) for kind, patterns in data["claim_triggers"].items()
        )
        vague = tuple(
            (re.compile(pattern, re.IGNORECASE), (v[0], v[1], v[2]))
            for pattern, v in data["vague_numbers"].items()
        )
        return Rules(
            triggers=tuple(triggers),
            fatal=_alternation(data["casualty_verbs"]["fatalities"]),
            wounded=_alternation(data["casualty_verbs"]["wounded"]),
            claims=claims,
            self_report=_alternation(data["self_report_verbs"]),
            negations=_alternation(data["negations"]),
            irrealis=_alternation(data["irrealis"]),
            negators=_alternation(data["negators"]),
            generic=_alternation(data["generic"]),
            hedges=_alternation(data["hedges"]),
            anaphors=_alternation(data["anaphors"]),
            channels=_alternation(data["channels"]),
            venues=_alternation(data["venues"]),
            facilities=_alternation(data["facilities"]),
            vague=vague,
            demonym_places=re.compile(data["demonym_places"]),
            channel_owners={
                re.sub(r"[\s-]+", " ", k.lower()): v for k, v in data["channel_owners"].items()
            },
        )
    except (KeyError, TypeError, IndexError, re.error) as exc:
        msg = f"bad trigger data: {exc!r}"
        raise ExtractionError(msg) from exc


@cache
def load_rules() -> Rules:
    """The rules shipped in ``mapper/data/triggers.json`` (cached)."""
    path = resources.files("mapper") / "data" / "triggers.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"cannot read trigger data {path}: {exc}"
        raise ExtractionError(msg) from exc
    return rules_from_dict(data)


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:]``, stripped of surrounding space.

    Sentences end at ``.``, ``!`` or ``?`` before a capital, at blank lines, and at line ends
    after such a mark; single line breaks inside a sentence (hard-wrapped text) do not end it.
    Abbreviations ("U.S.", "Gen.") and initials do not end sentences.
    """
    spans: list[tuple[int, int]] = []
    begin = start
    breaks = _LINE_BREAK if _paragraph_lines(text[start:]) else _SENTENCE_END
    for match in breaks.finditer(text, start):
        if _ABBREVIATION.search(text, max(begin, match.start() - 8), match.start()):
            continue
        spans.append((begin, match.start()))
        begin = match.end()
    spans.append((begin, len(text)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _paragraph_lines(text: str) -> bool:
    """Whether line breaks end paragraphs (most text is on lines ending a sentence) rather
    than wrap sentences at a fixed width."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    total = sum(len(line) for line in lines)
    ended = sum(len(line) for line in lines if line[-1] in '.!?"”:;…')
    return total > 0 and ended >= 0.5 * total


# --- per-document working state ------------------------------------------------------------


@dataclass(slots=True)
class _Sentence:
    index: int
    start: int
    end: int
    subject: str | None = None  # resolved actor id of the sentence subject
    subject_start: int | None = None  # where the subject is written


@dataclass(slots=True)
class _DocContext:
    document: Document
    text: str
    reference: Reference
    actors: list[ActorMention]
    dates: list[DateMention]
    places: list[Mention]
    sentences: list[_Sentence]
    index: ActorIndex
    rules: Rules
    gazetteer: Gazetteer | None
    facilities: dict[str, tuple[Place, str, int]] = field(default_factory=dict)
    outlets: list[tuple[int, str]] = field(default_factory=list)
    salience: Counter[str] = field(default_factory=Counter)
    drafts: list[_Draft] = field(default_factory=list)
    #: (trigger index, start, end) of every trigger match in the document, found once.
    trigger_hits: list[tuple[int, int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Draft:
    """An incident being assembled (mutable; becomes a frozen Incident)."""

    key: int
    sentence: int
    trigger_start: int
    trigger_end: int
    event_type: str
    sub_event_type: str
    generic: bool
    when: When
    place: Place | None
    location_text: str
    geo_precision: int | None
    perpetrator: str | None
    perpetrator_hedged: bool
    targets: list[str]
    fatalities: Count | None
    wounded: Count | None
    venue: str | None
    definite: bool
    sources: list[Source]
    claimed_by: set[str] = field(default_factory=set)
    merged_into: int | None = None


@dataclass(slots=True)
class _ClaimDraft:
    key: int
    sentence: int
    trigger_start: int
    claimant: str
    claim_type: str
    about: str | None
    incidents: list[int]
    places: list[Place]
    channel: str | None
    when: When
    hedges: list[str]
    sources: list[Source]


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
    ctx = _DocContext(
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
            _Sentence(i, a, b)
            for i, (a, b) in enumerate(split_sentences(text, document.body_start))
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
    drafts: list[_Draft] = []
    claims: list[_ClaimDraft] = []
    for sentence in ctx.sentences:
        sentence.subject, sentence.subject_start = _subject(ctx, sentence)
        new = _incidents_in(ctx, sentence, len(drafts))
        claims.extend(_claims_in(ctx, sentence, new, len(claims)))
        drafts.extend(new)
        ctx.drafts = drafts
        if sentence.subject is not None:
            ctx.salience[sentence.subject] += 1
        for match in compiled.channels.finditer(text, sentence.start, sentence.end):
            if match.group().lower() not in _GENERIC_CHANNELS:
                ctx.outlets.append((match.start(), _clean(match.group())))
    from mapper.link import merge_claim_drafts, merge_drafts

    merge_drafts(drafts, index)
    return merge_claim_drafts(document, drafts, claims, index, {m.actor for m in masked})


# --- sentences, actors, anaphora -----------------------------------------------------------


def _in(items: Sequence[Any], start: int, end: int) -> list[Any]:
    return [item for item in items if item.start >= start and item.end <= end]


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _subject(
    ctx: _DocContext, sentence: _Sentence, start: int | None = None, end: int | None = None
) -> tuple[str | None, int | None]:
    """The actor a sentence (or ``text[start:end]``) is about, and where it is written: its first
    unblocked actor name, pronoun, "the group" or "the article"."""
    first = sentence.start if start is None else start
    last = sentence.end if end is None else end
    candidates: list[tuple[int, str | None, str]] = []
    for mention in _in(ctx.actors, first, last):
        candidates.append((mention.start, mention.actor, "name"))
    for match in ctx.rules.anaphors.finditer(ctx.text, first, last):
        candidates.append((match.start(), None, match.group().lower()))
    for match in _DOCUMENT_WORDS.finditer(ctx.text, first, last):
        candidates.append((match.start(), None, "document"))
    for match in ctx.rules.channels.finditer(ctx.text, first, last):
        if match.group().lower() not in _GENERIC_CHANNELS:
            candidates.append((match.start(), None, "document"))
    opening = _PARTICIPLE.match(ctx.text, first, last)
    skip_to = opening.end() if opening else first
    for position, actor, kind in sorted(candidates, key=lambda c: c[0]):
        if position < skip_to:
            continue
        before = ctx.text[max(first, position - 30) : position]
        if _BLOCK_SUBJECT.search(before) or before.rstrip().endswith("-"):
            continue
        if actor is not None:
            return actor, position
        return _resolve_anaphor(ctx, sentence, position, kind), position
    return None, None


def _resolve_anaphor(ctx: _DocContext, sentence: _Sentence, at: int, word: str) -> str | None:
    """The actor a pronoun, "the group" or "the article" refers to."""
    named = _in(ctx.actors, sentence.start, at)
    militant = [m for m in named if ctx.index.is_militant(m.actor)]
    if word in _PRONOUNS and militant:
        return str(militant[-1].actor)
    if word in _PRONOUNS and not named and _AGENTS.search(ctx.text, sentence.start, at):
        return None  # "Police said they...": the pronoun is the police, not a named group
    earlier = [s for s in ctx.sentences[: sentence.index] if s.subject is not None][-3:]
    if word in _PRONOUNS:
        return earlier[-1].subject if earlier else None
    # "the article": its publisher, the most frequent subject so far; "the group": the most
    # frequent armed group among the subjects so far.
    ranked = [a for a, _ in ctx.salience.most_common()]
    if word != "document":
        ranked = [a for a in ranked if ctx.index.is_militant(a)]
    if ranked:
        return ranked[0]
    return earlier[-1].subject if earlier else None


def _actor_at(ctx: _DocContext, sentence: _Sentence, start: int, end: int) -> str | None:
    """An actor named, or referred to, in ``text[start:end]`` (the first one)."""
    named = _in(ctx.actors, start, end)
    pronoun = ctx.rules.anaphors.search(ctx.text, start, end)
    if named and (pronoun is None or named[0].start <= pronoun.start()):
        return str(named[0].actor)
    if pronoun is not None:
        return _resolve_anaphor(ctx, sentence, pronoun.start(), pronoun.group().lower())
    return None


# --- incidents ------------------------------------------------------------------------------


def _clause(ctx: _DocContext, sentence: _Sentence, at: int) -> tuple[int, int]:
    start, end = sentence.start, sentence.end
    for match in _CLAUSE.finditer(ctx.text, sentence.start, sentence.end):
        if match.end() <= at:
            start = match.end()
        elif match.start() >= at:
            end = match.start()
            break
    return start, end


def _find_triggers(ctx: _DocContext, sentence: _Sentence) -> list[tuple[Trigger, int, int]]:
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


def _hypothetical(ctx: _DocContext, clause_start: int, start: int, end: int) -> bool:
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


def _incidents_in(ctx: _DocContext, sentence: _Sentence, first_key: int) -> list[_Draft]:
    text = ctx.text
    sentence_text = text[sentence.start : sentence.end]
    if sentence_text.rstrip().endswith("?"):
        return []
    generic_sentence = bool(ctx.rules.generic.search(text, sentence.start, sentence.end))
    drafts: list[_Draft] = []
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
    ctx: _DocContext,
    sentence: _Sentence,
    trigger: Trigger,
    start: int,
    end: int,
    clause_start: int,
    clause_end: int,
    key: int,
) -> list[_Draft]:
    text = ctx.text
    places = _places_for(ctx, start, end, clause_start, clause_end)
    when = _date_for(ctx, start, clause_start, clause_end)
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
    out: list[_Draft] = []
    options: list[tuple[Place | None, str, int | None, str | None]] = list(places) or [
        (None, "", None, None)
    ]
    for place, location_text, precision, facility in options:
        out.append(
            _Draft(
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


def _precision_of(place: Place) -> int:
    if place.feature_class == "A" or place.feature_code in ("RGN", "CONT", "VAL", "AREA"):
        return 3
    return 1


def _places_for(
    ctx: _DocContext, start: int, end: int, clause_start: int, clause_end: int
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
        if _LOCATIVE.search(gap) or (not gap.strip() and _LOCATIVE.search(text[start:end] + " ")):
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


def _place_before(text: str, mention: Mention, start: int, clause_start: int) -> bool:
    """Whether a place named before a trigger is where it happened: "the Moscow attack",
    "Germany (where seven were arrested", "enter Kabul ... and took control"."""
    gap = text[mention.end : start]
    if not gap.strip() or re.match(r"\s*[(,]?\s*where\b", gap):
        return True
    return (
        len(gap) <= 60
        and "," not in gap
        and bool(_LOCATIVE.search(text[max(clause_start, mention.start - 30) : mention.start]))
    )


def _demonym_places(
    ctx: _DocContext, end: int, clause_end: int
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


@cache
def _demonyms() -> dict[str, str]:
    """Demonym -> ISO country code, from the recogniser's ``demonyms.tsv``."""
    path = resources.files("mapper") / "data" / "demonyms.tsv"
    table: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return table
    for line in lines:
        parts = line.split("\t")
        if len(parts) == 2 and not line.startswith("#"):
            table[parts[0].strip()] = parts[1].strip()
    return table


def _country_of_demonym(gazetteer: Gazetteer, word: str) -> Place | None:
    code = _demonyms().get(word)
    if code is None:
        return None
    names = [n for n, c in _demonyms().items() if c == code]
    guesses = [n[:-1] for n in names if n.endswith("i")] + [
        n[:-2] for n in names if n.endswith("is")
    ]
    for name in dict.fromkeys(guesses + names):
        for place in gazetteer.candidates(name)[:3]:
            if place.country_code == code and place.feature_code.startswith("PCL"):
                return place
    return None


def _with_facility(ctx: _DocContext, mention: Mention) -> tuple[Place, str, int, str | None]:
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
            location_text = _clean(
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
    ctx: _DocContext, start: int, clause_start: int, clause_end: int
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


def _date_for(ctx: _DocContext, at: int, clause_start: int, clause_end: int) -> When:
    """The date nearest the trigger in its clause; unknown when none."""
    in_clause = [d for d in ctx.dates if clause_start <= d.start and d.end <= clause_end]
    if not in_clause:
        return When()
    best = min(
        in_clause, key=lambda d: (not d.when.known and d.kind != "weekday", abs(d.start - at))
    )
    return best.when


def _perpetrator(
    ctx: _DocContext, sentence: _Sentence, start: int, end: int, clause_start: int, clause_end: int
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
    for mention in _in(ctx.actors, end, min(clause_end, end + 140)):
        if _BY_ACTOR.search(text[end : mention.start]) and not _AMONG_VICTIMS.search(
            text[max(end, mention.start - 40) : mention.start]
        ):
            return mention.actor, hedged
    for match in ctx.rules.anaphors.finditer(text, end, min(clause_end, end + 30)):
        if _BY_ACTOR.search(text[end : match.start()]):
            return _resolve_anaphor(ctx, sentence, match.start(), match.group().lower()), hedged
    if ctx.rules.negations.search(text, sentence.start, sentence.end):
        return None, hedged  # "X has not claimed the attack": X is not its perpetrator
    complement = list(_COMPLEMENTIZER.finditer(text, clause_start, start))
    if complement:
        clause_start = complement[-1].end()
    before: list[tuple[int, int, str | None]] = [
        (m.start, m.end, m.actor) for m in _in(ctx.actors, clause_start, start)
    ]
    for match in ctx.rules.anaphors.finditer(text, clause_start, start):
        before.append((match.start(), match.end(), None))
    for position, stop, actor in sorted(before, key=lambda b: -b[0]):
        gap = text[max(clause_start, position - 30) : position]
        if _BLOCK_SUBJECT.search(gap) or _VICTIM.match(text, stop):
            continue
        if actor is None:
            word = ctx.rules.anaphors.match(text, position)
            return (
                _resolve_anaphor(ctx, sentence, position, word.group().lower() if word else "it"),
                hedged,
            )
        return actor, hedged
    if ctx.index.is_militant(sentence.subject) and ctx.rules.self_report.search(
        text, sentence.start, start
    ):
        return sentence.subject, hedged
    return None, hedged


def _targets(ctx: _DocContext, end: int, clause_end: int, perpetrator: str | None) -> list[str]:
    text = ctx.text
    found: list[str] = []
    for mention in _in(ctx.actors, end, min(clause_end, end + 80)):
        if mention.actor != perpetrator:
            found.append(_clean(mention.text))
    for match in _TARGET_NOUNS.finditer(text, end, min(clause_end, end + 120)):
        words = _clean(match.group())
        if not any(words in f or f in words for f in found):
            found.append(words)
    return found[:5]


def _number(ctx: _DocContext, match: re.Match[str]) -> Count:
    raw = match.group("n").lower().replace(",", "")
    modifier = (match.group("mod") or "").lower()
    phrase = _clean(match.group())
    if raw.isdigit() or raw in _WORD_NUMBERS or raw == "a hundred":
        value = int(raw) if raw.isdigit() else _WORD_NUMBERS.get(raw, 100)
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


def _casualties(ctx: _DocContext, start: int, end: int) -> tuple[Count | None, Count | None]:
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
        for regex in (forward, backward):
            for match in regex.finditer(text, start, end):
                count = _number(ctx, match)
                best = count.best
                if best is None:
                    continue
                count = replace(count, text=_clean(match.group()))
                current = result.get(kind)
                if current is None or (current.best or 0) < best:
                    result[kind] = count
    return result.get("fatal"), result.get("wounded")


# --- claims ----------------------------------------------------------------------------------


def _claims_in(
    ctx: _DocContext, sentence: _Sentence, incidents: list[_Draft], first_key: int
) -> list[_ClaimDraft]:
    text = ctx.text
    if text[sentence.start : sentence.end].rstrip().endswith("?"):
        return []
    negated = bool(ctx.rules.negations.search(text, sentence.start, sentence.end))
    generic = bool(ctx.rules.generic.search(text, sentence.start, sentence.end))
    found: dict[tuple[str, str], _ClaimDraft] = {}
    for claim_type, regex in ctx.rules.claims:
        for match in regex.finditer(text, sentence.start, sentence.end):
            if claim_type == "responsibility" and (negated or generic):
                continue
            if (
                any(
                    ct != claim_type and d.trigger_start <= match.start() < d.trigger_start + 30
                    for (ct, _), d in found.items()
                )
                and claim_type == "responsibility"
            ):
                continue
            draft = _claim(ctx, sentence, claim_type, match, incidents, first_key + len(found))
            if draft is None:
                continue
            key = (claim_type, draft.claimant)
            if key in found:
                old = found[key]
                old.incidents.extend(i for i in draft.incidents if i not in old.incidents)
                continue
            found[key] = draft
    if not any(t == "responsibility" for t, _ in found) and not negated and not generic:
        draft = _self_report(ctx, sentence, incidents, first_key + len(found))
        if draft is not None:
            found[("responsibility", draft.claimant)] = draft
    return list(found.values())


def _claimant(ctx: _DocContext, sentence: _Sentence, match: re.Match[str]) -> str | None:
    text = ctx.text
    after = text[match.end() : min(sentence.end, match.end() + 40)]
    by = re.match(r"\s*(?:\([^)]*\)\s*)?by\s+", after)
    if by is not None:
        return _actor_at(ctx, sentence, match.end() + by.end(), min(sentence.end, match.end() + 60))
    before = text[max(sentence.start, match.start() - 3) : match.start()]
    if re.search(r"[,”\"]\s*$", before):
        tail = text[match.end() : sentence.end]
        if re.fullmatch(r"\s+(?:the\s+)?[\w\s'’-]{1,40}?[.!]?\s*", tail):
            actor = _actor_at(ctx, sentence, match.end(), sentence.end)
            if actor is not None:
                return actor
    # The subject of the claim's own clause ("..., but the TTP denied"), else of the sentence
    # when it comes before the claim word ("Residents blamed ISKP" has no claimant).
    boundaries = list(_CLAIM_CLAUSE.finditer(text, sentence.start, match.start()))
    clause_start = boundaries[-1].end() if boundaries else sentence.start
    local, _ = _subject(ctx, sentence, clause_start, match.start())
    if local is not None:
        return local
    if sentence.subject_start is not None and sentence.subject_start < match.start():
        return sentence.subject
    return None


def _claim(
    ctx: _DocContext,
    sentence: _Sentence,
    claim_type: str,
    match: re.Match[str],
    incidents: list[_Draft],
    key: int,
) -> _ClaimDraft | None:
    text = ctx.text
    claimant = _claimant(ctx, sentence, match)
    if claimant is None:
        return None
    linked = _linked_incidents(ctx, claim_type, match, incidents)
    if not linked and claim_type != "threat":
        bare = claim_type == "denial" or "responsib" in match.group().lower()
        linked = _earlier_incident(ctx, sentence, match, bare)
    if claim_type == "denial":
        for draft in incidents:  # the denier read as the subject of its own sentence
            if draft.key in linked and ctx.index.related(draft.perpetrator, claimant):
                draft.perpetrator = None
    if claim_type == "responsibility":
        if not linked and "responsib" not in match.group().lower():
            return None
        for draft in [*ctx.drafts, *incidents]:
            if draft.key in linked:
                draft.claimed_by.add(claimant)
                if draft.perpetrator is None or ctx.index.related(draft.perpetrator, claimant):
                    draft.perpetrator = ctx.index.more_specific(claimant, draft.perpetrator)
    about = _about(ctx, sentence, claim_type, claimant, match, incidents, linked)
    if claim_type == "allegation" and about is not None and ctx.index.is_militant(about):
        for draft in [*ctx.drafts, *incidents]:
            if draft.key in linked and draft.perpetrator is None:
                draft.perpetrator, draft.perpetrator_hedged = about, True  # alleged, not claimed
    places = (
        [m.place for m in ctx.places if sentence.start <= m.start < sentence.end and m.place]
        if claim_type in ("allegation", "threat")
        else []
    )
    if claim_type == "threat" and about is None and not places:
        return None  # a threat against no one named: a warning, not a claim
    return _ClaimDraft(
        key=key,
        sentence=sentence.index,
        trigger_start=match.start(),
        claimant=claimant,
        claim_type=claim_type,
        about=about,
        incidents=linked,
        places=_unique_places(places),
        channel=_channel(ctx, sentence, claimant),
        when=_date_for(ctx, match.start(), sentence.start, sentence.end),
        hedges=_hedges(ctx, sentence),
        sources=[
            Source(
                ctx.document.id, text[sentence.start : sentence.end], sentence.start, sentence.end
            )
        ],
    )


def _earlier_incident(
    ctx: _DocContext, sentence: _Sentence, match: re.Match[str], bare: bool
) -> list[int]:
    """ "The TTP claimed the attack" or "claimed responsibility": the incident told just before
    (within three sentences)."""
    follows = ctx.text[match.end() : sentence.end]
    if not _EVENT_ANAPHOR.search(follows) and not (bare and not re.match(r"\s+for\b", follows)):
        return []
    recent = [d for d in ctx.drafts if sentence.index - d.sentence <= 3]
    return [recent[-1].key] if recent else []


def _unique_places(places: Iterable[Place]) -> list[Place]:
    seen: dict[str, Place] = {}
    for place in places:
        seen.setdefault(place.id, place)
    return list(seen.values())


def _linked_incidents(
    ctx: _DocContext, claim_type: str, match: re.Match[str], incidents: list[_Draft]
) -> list[int]:
    if claim_type != "responsibility":
        return [d.key for d in incidents]
    after = [d for d in incidents if d.trigger_start >= match.end()]
    kept = [
        d
        for d in after
        if not _TEMPORAL.search(ctx.text[max(match.end(), d.trigger_start - 25) : d.trigger_start])
    ]
    if kept:
        return [d.key for d in kept]
    before = [d for d in incidents if d.trigger_end <= match.start()]
    return [before[-1].key] if before else []


def _about(
    ctx: _DocContext,
    sentence: _Sentence,
    claim_type: str,
    claimant: str,
    match: re.Match[str],
    incidents: list[_Draft],
    linked: list[int],
) -> str | None:
    if claim_type in ("responsibility", "denial"):
        return claimant
    after = [
        m.actor
        for m in _in(ctx.actors, match.end(), sentence.end)
        if not ctx.index.related(m.actor, claimant)
    ]
    if after:
        return str(after[0])
    before = [
        m.actor
        for m in _in(ctx.actors, sentence.start, match.start())
        if not ctx.index.related(m.actor, claimant)
    ]
    if before:
        return str(before[-1])
    for draft in incidents:
        if draft.key in linked and draft.perpetrator is not None:
            return draft.perpetrator
    return None


def _channel(ctx: _DocContext, sentence: _Sentence, claimant: str) -> str | None:
    match = ctx.rules.channels.search(ctx.text, sentence.start, sentence.end)
    if match is not None:
        return _clean(match.group())
    for _, outlet in reversed(ctx.outlets):
        owner = ctx.rules.channel_owners.get(re.sub(r"[\s-]+", " ", outlet.lower()))
        if owner is not None and ctx.index.related(owner, claimant):
            return outlet
    return None


def _hedges(ctx: _DocContext, sentence: _Sentence) -> list[str]:
    return [
        _clean(m.group()) for m in ctx.rules.hedges.finditer(ctx.text, sentence.start, sentence.end)
    ]


def _self_report(
    ctx: _DocContext, sentence: _Sentence, incidents: list[_Draft], key: int
) -> _ClaimDraft | None:
    """A group telling of its own attacks ("ISKP recalls how they carried out...") claims them."""
    subject = sentence.subject
    if subject is None or not ctx.index.is_militant(subject) or not incidents:
        return None
    verb = ctx.rules.self_report.search(ctx.text, sentence.start, incidents[0].trigger_start)
    if verb is None or sentence.subject_start is None or sentence.subject_start > verb.start():
        return None  # "Police said they had arrested...": the group is not the one speaking
    own = [
        d
        for d in incidents
        if d.trigger_start > verb.start()
        and (d.perpetrator is None or ctx.index.related(d.perpetrator, subject))
    ]
    if not own:
        return None
    for draft in own:
        draft.claimed_by.add(subject)
        draft.perpetrator = ctx.index.more_specific(subject, draft.perpetrator)
    return _ClaimDraft(
        key=key,
        sentence=sentence.index,
        trigger_start=verb.start(),
        claimant=subject,
        claim_type="responsibility",
        about=subject,
        incidents=[d.key for d in own],
        places=[],
        channel=_channel(ctx, sentence, subject),
        when=When(),
        hedges=_hedges(ctx, sentence),
        sources=[
            Source(
                ctx.document.id,
                ctx.text[sentence.start : sentence.end],
                sentence.start,
                sentence.end,
            )
        ],
    )
