"""Plumbing shared by the incident and claim rules: the compiled event lexicon and claim patterns,
sentences, the per-document working state, and actor/anaphora resolution.

Private to :mod:`mapper.extract`, :mod:`mapper.coref` and :mod:`mapper.claims`; the public API is
there.  Every lookup here reads a bounded window of the document (a sentence, the three sentences
before it) or a sorted index built once per document, so reading a document takes time linear in
its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from mapper._data import read_json
from mapper._keywords import KeywordIndex, Keywords, PrefixIndex
from mapper._tokens import Tokens, lemma, lexicon_regex
from mapper.actors import ActorIndex, ActorMention
from mapper.dates import CARDINALS, DateMention, Reference
from mapper.errors import ExtractionError
from mapper.model import Count, Source, When

if TYPE_CHECKING:
    from mapper.documents import Document
    from mapper.gazetteer import Gazetteer, Place
    from mapper.geoparse import Mention

WORD_NUMBERS = CARDINALS


BLOCK_SUBJECT = re.compile(
    r"\b(?:regarding|about|on|of|against|with|between|for|to|from|by|at|in|into|targeting|"
    r"targeted|ambushing|attacking|than|like|pro|over|as)\W+(?:the\s+)?$",
    re.IGNORECASE,
)


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|(?<=[.!?])\n")


# The people who speak or act for a group: "a spokesman for", "a commander of the".
_SPEAKER_FOR = re.compile(
    r"\b(?:spokes(?:man|woman|person)|commanders?|leaders?|chief|members?|fighters?|"
    r"militants?|faction|wing|branch|affiliate|official)\s+(?:for|of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_LINE_BREAK = re.compile(_SENTENCE_END.pattern + r"|\n")


_ABBREVIATION = re.compile(
    r"(?:\b(?:U\.S|U\.K|U\.N|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|Jr|Sr|No|Vol|vs|etc|e\.g|i\.e|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|Gov|Sen|Rep|[aApP]\.[mM])|\b[A-Z])\.$"
)


# Words that begin a sentence after a clock time ("... at 11:00 a.m. The group claimed ...").
_STARTER = re.compile(
    r"(?:The|A|An|It|He|She|They|We|On|In|At|After|Before|Police|Officials|No|This|That|There|"
    r"His|Her|Its|Their)\b"
)


_PARTICIPLE = re.compile(r"[A-Z][a-z]+ing\b[^,]{0,80}?,[”\"’]?\s")


_AGENTS = re.compile(
    r"\b(?:police|policemen|officials|authorities|residents|witnesses|officers|investigators|"
    r"villagers|elders|doctors|sources|troops|soldiers|prosecutors|analysts|experts)\b",
    re.IGNORECASE,
)


_PRONOUNS = frozenset({"it", "they", "he", "its", "their", "them", "themselves", "itself", "she"})

# An actor right after a violent verb is its object ("killed a Taliban official").
_OBJECT = re.compile(
    r"\b(?:attack(?:ed|ing|s)?|ambush(?:ed|ing)|raid(?:ed|ing)|storm(?:ed|ing)|struck|hit|"
    r"kill(?:ed|ing|s)?|kidnapp(?:ed|ing)|abduct(?:ed|ing)|arrest(?:ed|ing)|target(?:ed|ing)|"
    r"execut(?:ed|ing)|shot|wound(?:ed|ing)|injur(?:ed|ing)|against|on)\s+"
    r"(?:the\s+|a\s+|an\s+|two\s+|three\s+|several\s+|\d+\s+){0,2}$",
    re.IGNORECASE,
)

# A group's member named as the one hit: "Taliban fighters were killed", "Taliban official".
_VICTIM_OF = re.compile(
    r"[\w' -]{0,40}?\s+(?:were|was|have\s+been|had\s+been)\s+(?:also\s+|reportedly\s+)?"
    r"(?:killed|wounded|injured|targeted|attacked|ambushed|executed|abducted|kidnapped|arrested|"
    r"hit|shot|martyred|beheaded)\b",
    re.IGNORECASE,
)


_DOCUMENT_WORDS = re.compile(
    r"(?:the|this|its|their)\s+(?:article|magazine|statement|issue|editorial|newspaper|video|"
    r"message|publication|pamphlet|leaflet|audio)",
    re.IGNORECASE,
)


# "The claim could not be independently verified": a sentence about a claim just made.
CLAIM_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|his)\s+(?:\w+\s+)?(?:claims?|statements?|"
    r"videos?|messages?|accusations?|allegations?|denials?|assertions?)\b",
    re.IGNORECASE,
)


#: What may end a bare blame after the group blamed ("Police blamed the TTP."): the sentence's
#: end, a participle of saying ("..., saying"), a relative clause about the group ("..., whose
#: forces have besieged the city", "..., which it calls 'Shene'") or a clause of the speaker's
#: own ("... and declared three days of mourning", "... and said reinforcements had been sent");
#: the group's acronym in brackets may come first. Not "... of smuggling": a blame for
#: something other than the event told (callers allow "for it" or "for the <noun>" first).
BLAME_END = (
    r"(?:\s*\([^()\n]{1,30}\))?\s*(?:[.;]|$|,\s+(?:saying|adding|which|who|whose|whom)\b"
    r"|,?\s+and\s+(?:said|says|sent|vowed|declared|called|promised|urged|demanded|ordered|added"
    r"|warned|deployed|announced|pledged|appealed|asked)\b)"
)


#: A web or mail address in running text.
LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+|\b[\w.+-]+@[\w-]+\.[\w.-]+", re.I)


GENERIC_CHANNELS = frozenset(
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


_TOLL_VERBS = (
    r"(?:has\s+|had\s+)?(?:rose|risen|climbed|increased|reached|jumped)\s+to",
    r"(?:now\s+)?(?:stands|stood)\s+at",  # "the toll now stands at 43 dead"
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """An entry of the event lexicon: a lemma pattern and the kind of event it reports.

    Attributes
    ----------
    event_type, sub_event_type
        ACLED's event type and sub-event type.
    method
        The finer kind of attack beside ACLED's type ("ambush", "execution", "prison break"...),
        after the GTD's attack types; None when the sub-event type says it all.
    generic
        True for words that say an attack happened but not what kind ("attack", "blast").
    pos
        ``"verb"``, ``"noun"`` or ``"agent"`` (a doer: "suicide bomber", "gunman").
    regex
        The lemma-string pattern.
    """

    event_type: str
    sub_event_type: str
    method: str | None
    generic: bool
    pos: str
    regex: re.Pattern[str]
    #: Reports an event only when a place follows as its object ("retook the district").
    needs_place: bool = False


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """The compiled event lexicon of ``events.json`` (lemma-string patterns).

    Attributes
    ----------
    triggers
        Every trigger, most specific first.
    instruments
        Weapon nouns by the sub-event type they give a generic verb.
    fatal_verbs, fatal_nouns, wounded_verbs, wounded_nouns
        Lemma patterns of the words that carry a toll.
    persons
        Nouns for people who can be counted ("people", "soldiers", "worshippers").
    attacker_nouns
        Nouns for the attackers, counted apart from their victims.
    sides
        Nouns for the people of each side of a conflict (state forces, armed groups,
        civilians), by side: the dead of different sides told in coordinated clauses add up,
        as ACLED's fatality figure counts every side (ACLED Codebook, "Fatalities").
    non_violent
        Causes of death that are not political violence ("car crash", "flood").
    security
        Nouns for state forces and their posts.
    speech_nouns, speech_verbs
        Where and how people speak (a place attached to them is not where an event was).
    aggregate_nouns
        Event nouns that a count turns into a statistic ("95 attacks").
    frames
        Words that put an event mention inside a report of something else, by frame.
    """

    triggers: tuple[Trigger, ...]
    instruments: tuple[tuple[str, re.Pattern[str]], ...]
    fatal_verbs: re.Pattern[str]
    fatal_nouns: re.Pattern[str]
    wounded_verbs: re.Pattern[str]
    wounded_nouns: re.Pattern[str]
    persons: re.Pattern[str]
    attacker_nouns: re.Pattern[str]
    sides: tuple[tuple[str, re.Pattern[str]], ...]
    non_violent: re.Pattern[str]
    security: re.Pattern[str]
    speech_nouns: re.Pattern[str]
    speech_verbs: re.Pattern[str]
    aggregate_nouns: re.Pattern[str]
    frames: dict[str, re.Pattern[str]]
    #: Where each trigger may start: where one of its prefixes does (one pass for all).
    dispatch: PrefixIndex = field(init=False)
    #: Every position where a trigger with no prefix may start (one scan for all of them).
    starts: re.Pattern[str] = field(init=False)
    #: The triggers with no prefix, tried wherever ``starts`` matches.
    unprefixed: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        dispatch = PrefixIndex(t.regex for t in self.triggers)
        rest = tuple(i for i in range(len(self.triggers)) if i not in dispatch.indexed)
        inner = [
            self.triggers[i].regex.pattern[len("(?<![^ ])(?:") : -len(")(?![^ ])")] for i in rest
        ]
        starts = re.compile(
            r"(?<![^ ])(?=(?:" + "|".join(inner) + r")(?![^ ]))" if rest else "(?!x)x"
        )
        object.__setattr__(self, "dispatch", dispatch)
        object.__setattr__(self, "unprefixed", rest)
        object.__setattr__(self, "starts", starts)

    def matches(self, tokens: Tokens) -> list[tuple[int, int, int, int, int]]:
        """Every trigger match of a text: (trigger index, first word, past-the-last word, start,
        end), in the order of their starts, then of the triggers.  Each trigger is tried only
        where one of its prefixes starts (or, with none, where ``starts`` matches)."""
        string = tokens.string
        candidates = self.dispatch.candidates(string)
        if self.unprefixed:
            found_at = [m.start() for m in self.starts.finditer(string)]
            candidates.extend((at, order) for at in found_at for order in self.unprefixed)
            candidates.sort()
        found: list[tuple[int, int, int, int, int]] = []
        for at, order in candidates:
            match = self.triggers[order].regex.match(string, at)
            if match is not None and match.end() > at:
                first, last, start, end = tokens.span(at, match.end())
                found.append((order, first, last, start, end))
        return found


def lexicon_from_dict(data: dict[str, Any]) -> EventLexicon:
    """Compile an event lexicon from data shaped like ``events.json``.

    Raises
    ------
    ExtractionError
        When an entry is missing a field or a pattern does not compile.
    """
    try:
        triggers: list[Trigger] = []
        for entry in data["triggers"]:
            for pos, key in (("verb", "verbs"), ("noun", "nouns"), ("agent", "agents")):
                for written in entry.get(key, []):
                    pattern = _ing_nouns(written) if pos == "noun" else written
                    triggers.append(
                        Trigger(
                            entry["event_type"],
                            entry["sub_event_type"],
                            entry.get("method"),
                            bool(entry.get("generic")),
                            pos,
                            lexicon_regex([pattern]),
                            bool(entry.get("needs_place")),
                        )
                    )
        casualty = data["casualty"]
        return EventLexicon(
            triggers=tuple(triggers),
            instruments=tuple(
                (kind, lexicon_regex([pattern])) for kind, pattern in data["instruments"].items()
            ),
            fatal_verbs=lexicon_regex([casualty["fatal_verbs"]]),
            fatal_nouns=lexicon_regex([casualty["fatal_nouns"]]),
            wounded_verbs=lexicon_regex([casualty["wounded_verbs"]]),
            wounded_nouns=lexicon_regex([casualty["wounded_nouns"]]),
            persons=lexicon_regex([casualty["persons"]]),
            attacker_nouns=lexicon_regex([casualty["attacker_nouns"]]),
            sides=tuple(
                (side, lexicon_regex([pattern])) for side, pattern in casualty["sides"].items()
            ),
            non_violent=lexicon_regex([data["non_violent_causes"]]),
            security=lexicon_regex([data["security_targets"]]),
            speech_nouns=lexicon_regex([data["speech_nouns"]]),
            speech_verbs=lexicon_regex([data["speech_verbs"]]),
            aggregate_nouns=lexicon_regex([data["aggregate_nouns"]]),
            frames={name: lexicon_regex([p]) for name, p in data["frames"].items()},
        )
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        msg = f"bad event lexicon: {exc!r}"
        raise ExtractionError(msg) from exc


def _ing_nouns(pattern: str) -> str:
    """A noun pattern whose "-ing" words also match their lemma: simplemma reads "fighting",
    "shelling", "shooting" as the verbs fight, shell, shoot."""

    def both(match: re.Match[str]) -> str:
        word = match.group(1)
        base = lemma(word)
        return word if base == word else f"(?:{word}|{base})"

    return re.sub(r"(?<![\\\w])([a-z]{3,}ing)(?!\w)", both, pattern)


@cache
def load_lexicon() -> EventLexicon:
    """The event lexicon shipped in ``mapper/data/events.json`` (cached).

    Raises
    ------
    ExtractionError
        When the file cannot be read or is malformed.
    """
    return lexicon_from_dict(read_json("events.json", "the event lexicon"))


@dataclass(frozen=True, slots=True)
class Rules:
    """The compiled patterns of ``triggers.json`` (claims, hedges, channels, numbers) and the
    event lexicon of ``events.json``."""

    events: EventLexicon
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
    channel_kinds: dict[str, str] = field(default_factory=dict)
    #: Verbs that give a toll its figure ("the death toll rose to 100"); fatalities only.
    toll: re.Pattern[str] = field(default_factory=lambda: _alternation(_TOLL_VERBS))
    number: re.Pattern[str] = field(init=False)
    #: A count of more people ("two more", "dozens more"): a number, not a hedge of the future.
    counted_more: re.Pattern[str] = field(init=False)
    #: Any claim word of any type: a sentence without one makes no claim but a self-report.
    any_claim: re.Pattern[str] = field(init=False)
    #: The needles of the regexes run on every sentence, found once per document.
    keywords: KeywordIndex = field(init=False)

    def __post_init__(self) -> None:
        body = "|".join(f"(?:{p.pattern})" for _, p in self.claims) or "(?!)"
        object.__setattr__(self, "any_claim", re.compile(body, re.IGNORECASE))
        per_sentence = (self.any_claim, self.negations, self.generic, self.channels)
        searched = (*per_sentence, _DOCUMENT_WORDS, CLAIM_REFERENCE, LINK)
        object.__setattr__(self, "keywords", KeywordIndex(searched))
        vague = "|".join(p.pattern for p, _ in self.vague)
        words = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
        number = (
            r"(?:(?P<mod>at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|"
            rf"as\s+many\s+as|roughly|an\s+estimated|approximately)\s+)?"
            rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|a\s+hundred|{words}|{vague})"
        )
        object.__setattr__(self, "number", re.compile(number, re.IGNORECASE))
        counted = rf"(?<![\w-])(?:{number})\s+(?:more|further|additional)\b"
        object.__setattr__(self, "counted_more", re.compile(counted, re.IGNORECASE))


def rules_from_dict(data: dict[str, Any], events: EventLexicon | None = None) -> Rules:
    """Compile rules from data shaped like ``triggers.json`` (and the event lexicon).

    Raises
    ------
    ExtractionError
        When a field is missing or a pattern does not compile.
    """
    try:
        claims = tuple(
            (kind, _alternation(patterns)) for kind, patterns in data["claim_triggers"].items()
        )
        vague = tuple(
            (re.compile(pattern, re.IGNORECASE), (v[0], v[1], v[2]))
            for pattern, v in data["vague_numbers"].items()
        )
        return Rules(
            events=events or load_lexicon(),
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
            channel_owners={channel_key(k): v for k, v in data["channel_owners"].items()},
            channel_kinds={channel_key(k): v for k, v in data.get("channel_kinds", {}).items()},
            toll=_alternation(data.get("toll_verbs", _TOLL_VERBS)),
        )
    except (KeyError, TypeError, IndexError, re.error) as exc:
        msg = f"bad trigger data: {exc!r}"
        raise ExtractionError(msg) from exc


def channel_key(name: str) -> str:
    """The lookup key of a channel name ("Al-Naba" and "al naba" are one)."""
    return re.sub(r"[\s-]+", " ", name.lower())


@cache
def load_rules() -> Rules:
    """The rules shipped in ``mapper/data/triggers.json`` and ``events.json`` (cached).

    Raises
    ------
    ExtractionError
        When a file cannot be read or is malformed.
    """
    return rules_from_dict(read_json("triggers.json", "trigger data"))


#: A list item's marker: a dash, bullet or asterisk, a number or letter with a dot or bracket.
_LIST_MARKER = re.compile(r"(?:[-–—*•▪◦‣·]|\(?(?:\d{1,2}|[a-z])[.)])[ \t]+")


#: A Markdown (ATX) heading's marker: one to six '#' and a space (CommonMark 0.31, 4.2);
#: "#Pakistan", a hashtag, has no space.
_HEADING_MARKER = re.compile(r"#{1,6}[ \t]+")


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:]``, stripped of surrounding space.

    Sentences end at ``.``, ``!`` or ``?`` before a capital, at blank lines, and at line ends
    after such a mark; single line breaks inside a sentence (hard-wrapped text) do not end it.
    A list item's marker ("- ", "• ", "2) ") and a Markdown heading's ("## ") are not part of
    its sentence.
    Abbreviations ("U.S.", "Gen.") and initials do not end sentences. A run longer than
    MAX_SENTENCE characters with no sentence end (a file without full stops) is cut at the last
    comma, semicolon or space before each MAX_SENTENCE characters, so that the work done per
    sentence stays bounded and such a file takes time in proportion to its length.
    """
    spans: list[tuple[int, int]] = []
    begin = start
    breaks = _LINE_BREAK if paragraph_lines(text[start:]) else _SENTENCE_END
    for match in breaks.finditer(text, start):
        if _ABBREVIATION.search(text, max(begin, match.start() - 8), match.start()):
            clock = re.search(
                r"\b[ap]\.m$", text[max(begin, match.start() - 4) : match.start()], re.I
            )
            if not (clock and _STARTER.match(text, match.end())):
                continue  # "1:30 p.m. Pakistan time" goes on; "11:00 A.M. The IS claimed" ends
        spans.append((begin, match.start()))
        begin = match.end()
    spans.append((begin, len(text)))
    if "#" in text:
        spans = _heading_lines(text, spans)
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        marker = _LIST_MARKER.match(text, a, b) or _HEADING_MARKER.match(text, a, b)
        if marker is not None:  # "- ISKP claimed ...": a list item's text is the sentence
            a = marker.end()  # and so is a Markdown heading's ("## Quetta blast kills two")
        while b > a and text[b - 1].isspace():
            b -= 1
        while b - a > MAX_SENTENCE:
            cut = max(text.rfind(mark, a + 1, a + MAX_SENTENCE) for mark in (",", ";"))
            if cut < a + MAX_SENTENCE // 2:
                cut = text.rfind(" ", a + 1, a + MAX_SENTENCE)
            cut = cut + 1 if cut > a else a + MAX_SENTENCE
            out.append((a, cut))
            a = cut
            while a < b and text[a].isspace():
                a += 1
        if b > a:
            out.append((a, b))
    return out


#: A Markdown (ATX) heading line, with its optional closing '#'s (CommonMark 0.31, 4.2).
_HEADING_LINE = re.compile(r"^[ \t]{0,3}(#{1,6}[ \t][^\n]*?)(?:[ \t]+#+)?[ \t]*$", re.M)


def _heading_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans cut so that each Markdown heading line is a sentence of its own (a heading is
    one line, even in hard-wrapped text), without its closing '#'s."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        for m in _HEADING_LINE.finditer(text, a, b):
            out.append((a, m.start()))
            out.append(m.span(1))
            a = m.end()
        out.append((a, b))
    return out


#: The longest run read as one sentence (characters). The longest sentence of the
#: wiki_incidents, LGL and GeoVirus texts has 775.
MAX_SENTENCE = 3_000


def paragraph_lines(text: str) -> bool:
    """Whether line breaks end paragraphs (most text is on lines ending a sentence) rather
    than wrap sentences at a fixed width."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    total = sum(len(line) for line in lines)
    ended = sum(len(line) for line in lines if line[-1] in '.!?"”:;…')
    return total > 0 and ended >= 0.5 * total


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


class Spans(Generic[S]):
    """Items with ``start``/``end`` sorted by start, with a bisect lookup of those inside a range
    (a per-document index: lookups cost the log of the document's length, not the length)."""

    __slots__ = ("_items", "_starts")

    def __init__(self, items: Iterable[S]) -> None:
        self._items: list[S] = sorted(items, key=lambda item: (item.start, item.end))
        self._starts = [item.start for item in self._items]

    def within(self, start: int, end: int) -> list[S]:
        """The items inside ``[start, end)``, in text order."""
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end)
        return [item for item in self._items[first:last] if item.end <= end]

    def overlapping(self, start: int, end: int, reach: int = 400) -> list[S]:
        """The items that overlap ``[start, end)`` (items longer than ``reach`` are missed)."""
        first = bisect_left(self._starts, start - reach)
        last = bisect_right(self._starts, end)
        return [item for item in self._items[first:last] if item.end > start]

    def __iter__(self) -> Any:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)


@dataclass(slots=True)
class Sentence:
    """A sentence of the document being read, with the actor it is about once known."""

    index: int
    start: int
    end: int
    subject: str | None = None  # resolved actor id of the sentence subject
    subject_start: int | None = None  # where the subject is written


@dataclass(slots=True)
class DocContext:
    """Everything the rules read about one document, and what they have found so far."""

    document: Document
    text: str
    reference: Reference
    actors: Spans[ActorMention]
    dates: Spans[DateMention]
    places: Spans[Mention]
    sentences: list[Sentence]
    index: ActorIndex
    rules: Rules
    gazetteer: Gazetteer | None
    tokens: Tokens
    #: Toponyms the geoparser found but could not resolve (for "X, Y district" fall-backs).
    unresolved: Spans[Mention] = field(default_factory=lambda: Spans([]))
    facilities: dict[str, tuple[Place, str, int]] = field(default_factory=dict)
    outlets: list[tuple[int, str]] = field(default_factory=list)
    salience: Counter[str] = field(default_factory=Counter)
    drafts: list[Draft] = field(default_factory=list)
    #: (trigger index, first word, past-the-last word, start, end) of every lexicon match.
    trigger_hits: list[tuple[int, int, int, int, int]] = field(default_factory=list)
    #: The start offset of each of ``trigger_hits`` (sorted by it), for bisection.
    trigger_starts: list[int] = field(default_factory=list)
    #: Whether the body's line breaks end paragraphs (:func:`paragraph_lines`), once computed.
    lines_are_paragraphs: bool | None = None
    #: The last sentences whose subject was an actor (newest last), for anaphora.
    recent_subjects: deque[Sentence] = field(default_factory=lambda: deque(maxlen=3))
    #: Where clauses start that go on from the clause before in sequence ("... took control of
    #: the prison and executed him"): they share its place, date and subject.
    sequence_starts: set[int] = field(default_factory=set)
    #: The event mentions of the sentence being read, so far.
    current: list[Draft] = field(default_factory=list)
    #: Casualty words by first word index, and their sorted starts (built once, when needed).
    casualty_anchors: dict[int, tuple[str, int]] | None = None
    anchor_starts: list[int] = field(default_factory=list)
    #: Where the needles of the rules' per-sentence regexes occur (:mod:`mapper._keywords`).
    keywords: Keywords = field(default_factory=lambda: Keywords(None, {}))

    def search(self, pattern: re.Pattern[str], start: int, end: int) -> re.Match[str] | None:
        """``pattern.search(text, start, end)``, not run when none of its needles lies there."""
        if not self.keywords.may_match(pattern, start, end):
            return None
        return pattern.search(self.text, start, end)

    def finditer(self, pattern: re.Pattern[str], start: int, end: int) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, start, end)``, not run when none of its needles lies there."""
        if not self.keywords.may_match(pattern, start, end):
            return iter(())
        return pattern.finditer(self.text, start, end)


@dataclass(slots=True)
class Draft:
    """An event mention being assembled: a trigger and the arguments of its clause (mutable;
    its cluster becomes a frozen Incident).

    ``voice`` is how the trigger reports the event: ``"active"``/``"passive"`` verbs,
    ``"nominal"`` (a noun: "the blast"), ``"agent"`` (a doer: "a suicide bomber"), ``"toll"``
    (a toll with no event word: "Thirty people died").  ``background`` marks a past event named
    inside a report of something else (a trial, an anniversary): it keeps only a date said in its
    own noun phrase.  ``agent`` is the actor the clause says did it, ``agent_how`` how it says so.
    """

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
    place_inferred: bool = False
    method: str | None = None
    voice: str = "active"
    background: bool = False
    #: Attackers killed, counted apart from the victims ("the three attackers were killed").
    attackers_killed: Count | None = None
    #: True when the toll is a revision ("the toll rose to 84"), which replaces earlier ones.
    revised: bool = False
    #: True when a target is a state force or post (an armed attack on it is a Battle).
    security_target: bool = False
    #: True when the clause states a date of its own.
    dated: bool = False
    #: Whether the mention says anything of its own (a place, a date, a toll).
    anchored: bool = True
    #: True for an event noun that is only the object of a statement ("X claimed the attack").
    reference_only: bool = False
    #: What the extractor doubts ("implausible_toll").
    flags: tuple[str, ...] = ()
    #: True when the text says it is another event ("and another struck Tirah", "another
    #: bomb exploded"): it never joins an event told before.
    another: bool = False
    #: True for a toll that adds to the event's ("Two civilians also died", "two more soldiers
    #: died in hospital"): summed with the figure told before, not compared with it.
    additional: bool = False
    #: The part of ``fatalities`` that counts the armed groups' side alone (a sum of sides'
    #: dead, or a toll of theirs added to another side's): the attackers' own dead when the
    #: incident is an armed group's attack (:func:`mapper.coref.split_attackers`).
    armed_dead: Count | None = None
    #: True when the clause's doers are the armed groups' side ("Militants attacked ...").
    armed_doers: bool = False


@dataclass(slots=True)
class ClaimDraft:
    """A claim being assembled (mutable; becomes a frozen Claim)."""

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
    also_about: list[str] = field(default_factory=list)
    #: Whether the channel is written in the claim's own sentence (not taken from elsewhere).
    channel_stated: bool = False
    #: True when the claim refers to an incident told before ("claimed the attack", "it").
    refers_back: bool = False


def within(items: Spans[Any] | Sequence[Any], start: int, end: int) -> list[Any]:
    """The items (with ``start``/``end``) that lie inside ``[start, end)``."""
    if isinstance(items, Spans):
        return items.within(start, end)
    return [item for item in items if item.start >= start and item.end <= end]


def clean(text: str) -> str:
    """``text`` with runs of white space made one space, stripped."""
    return re.sub(r"\s+", " ", text).strip()


def subject_of(
    ctx: DocContext, sentence: Sentence, start: int | None = None, end: int | None = None
) -> tuple[str | None, int | None]:
    """The actor a sentence (or ``text[start:end]``) is about, and where it is written: its first
    unblocked actor name, pronoun, "the group" or "the article"."""
    first = sentence.start if start is None else start
    last = sentence.end if end is None else end
    candidates: list[tuple[int, str | None, str]] = []
    for mention in within(ctx.actors, first, last):
        candidates.append((mention.start, mention.actor, "name"))
    for match in ctx.rules.anaphors.finditer(ctx.text, first, last):
        candidates.append((match.start(), None, match.group().lower()))
    for match in ctx.finditer(_DOCUMENT_WORDS, first, last):
        candidates.append((match.start(), None, "document"))
    for match in ctx.finditer(ctx.rules.channels, first, last):
        if match.group().lower() not in GENERIC_CHANNELS:
            candidates.append((match.start(), None, "document"))
    opening = _PARTICIPLE.match(ctx.text, first, last)
    skip_to = opening.end() if opening else first
    for position, actor, kind in sorted(candidates, key=lambda c: c[0]):
        if position < skip_to:
            continue
        before = ctx.text[max(first, position - 30) : position]
        speaker = _SPEAKER_FOR.search(before)
        if speaker is not None:  # "A spokesman for the TTP claimed": the TTP, unless blocked
            stop = position - len(speaker.group())
            before = ctx.text[max(first, stop - 30) : stop]
        if BLOCK_SUBJECT.search(before) or before.rstrip().endswith("-"):
            continue
        if actor is not None and (_OBJECT.search(before) or _VICTIM_OF.match(ctx.text, position)):
            continue  # "killed a Taliban official": the object of a verb, not the subject
        if actor is not None:
            return actor, position
        return resolve_anaphor(ctx, sentence, position, kind), position
    return None, None


def resolve_anaphor(ctx: DocContext, sentence: Sentence, at: int, word: str) -> str | None:
    """The actor a pronoun, "the group" or "the article" refers to.

    A pronoun takes the last armed group named before it in its sentence; none when a state
    acts between ("the US is ..., since they threatened": not a group we track); else the
    subject of a recent sentence (the last three with an actor subject).  "The group" takes the
    armed group most recently a sentence's subject (within three sentences), else the most
    frequent one; "the article" its publisher.
    """
    named = within(ctx.actors, sentence.start, at)
    if word in ("the latter", "the former"):
        return _latter(ctx, sentence, at, word)
    militant = [m for m in named if ctx.index.is_militant(m.actor)]
    if word in _PRONOUNS:
        state = _acting_state(ctx, sentence.start, at)
        if state is not None and (not named or named[-1].end <= state):
            return None
    if word.split()[0] in ("its", "their"):
        word = word.split()[0]  # "its fighters": whose fighters
    if word in _PRONOUNS and militant:
        return str(militant[-1].actor)
    if word in _PRONOUNS and not named and _AGENTS.search(ctx.text, sentence.start, at):
        return None  # "Police said they...": the pronoun is the police, not a named group
    earlier = [s for s in ctx.recent_subjects if s.index < sentence.index]
    if word in _PRONOUNS:
        return earlier[-1].subject if earlier else None
    ranked = [a for a, _ in ctx.salience.most_common()]
    if word != "document":
        recent = [s.subject for s in earlier if ctx.index.is_militant(s.subject)]
        if recent and sentence.index - earlier[-1].index <= 3:
            return recent[-1]
        ranked = [a for a in ranked if ctx.index.is_militant(a)]
    if ranked:
        return ranked[0]
    return earlier[-1].subject if earlier else None


def _latter(ctx: DocContext, sentence: Sentence, at: int, word: str) -> str | None:
    """ "the latter" (the last of two parties named before it in its sentence), "the former"
    (the one before): actors, or countries and capitals standing for their governments."""
    parties: list[tuple[int, str]] = [
        (m.start, str(m.actor)) for m in within(ctx.actors, sentence.start, at)
    ]
    for mention in within(ctx.places, sentence.start, at):
        state = ctx.index.metonym(mention.text, ctx.reference.date)
        if state is not None:
            parties.append((mention.start, state))
    parties.sort()
    if not parties:
        return None
    if word == "the latter":
        return parties[-1][1]
    return parties[-2][1] if len(parties) >= 2 else None


_ACTS = re.compile(
    r"\s+(?:is|was|are|were|has|have|had|said|says|will|would|can|could|did|does|"
    r"[a-z]+ed|[a-z]+s)\b"
)
_LISTED = re.compile(
    r"(?:\b(?:in|at|on|near|from|to|into|of|across|against|with|by|and|or)|,)\s+(?:the\s+)?$", re.I
)


def _acting_state(ctx: DocContext, start: int, at: int) -> int | None:
    """Where the last country named as the one acting before ``at`` ends ("the US is")."""
    for mention in reversed(within(ctx.places, start, at)):
        place = mention.place
        if place is None or not place.feature_code.startswith("PCL"):
            continue
        if _LISTED.search(ctx.text, max(start, mention.start - 20), mention.start):
            continue
        if _ACTS.match(ctx.text, mention.end):
            return int(mention.end)
    return None


def actor_at(ctx: DocContext, sentence: Sentence, start: int, end: int) -> str | None:
    """An actor named, or referred to, in ``text[start:end]`` (the first one)."""
    named = within(ctx.actors, start, end)
    pronoun = ctx.rules.anaphors.search(ctx.text, start, end)
    if named and (pronoun is None or named[0].start <= pronoun.start()):
        return str(named[0].actor)
    if pronoun is not None:
        return resolve_anaphor(ctx, sentence, pronoun.start(), pronoun.group().lower())
    return None


#: A speech verb a date is the adjunct of ("police said on Tuesday", "told AFP late Monday",
#: "said in a statement on Friday"): the day of the statement, not of the event it reports.
_STATEMENT_DAY = re.compile(
    r"\b(?:said|says|told(?:\s+[\w-]+){0,3}?|announced|reported|confirmed|added|stated|"
    r"tweeted|wrote|posted)\s+(?:in\s+an?\s+(?:statement|interview|video|post|"
    r"press\s+(?:conference|release))\s+)?(?:(?:late|early)\s+)?(?:on\s+)?$"
    # "confirmed the attack in a statement on Monday", "In a statement on Wednesday, it said"
    r"|\bin\s+an?\s+(?:statement|interview|video|post|press\s+(?:conference|release))\s+"
    r"(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)


def statement_day(ctx: DocContext, mention: DateMention) -> bool:
    """Whether a date is the day a statement was made ("..., police said on Tuesday"), the
    latest the event it reports can have happened on, not that event's own day."""
    return bool(_STATEMENT_DAY.search(ctx.text, max(0, mention.start - 70), mention.start))


def own_dates(ctx: DocContext, start: int, end: int) -> list[DateMention]:
    """The dates in ``text[start:end]`` that are not the day of a statement."""
    return [d for d in within(ctx.dates, start, end) if not statement_day(ctx, d)]


def date_for(
    ctx: DocContext, at: int, clause_start: int, clause_end: int, *, said_bound: bool = False
) -> When:
    """The date nearest the trigger in its clause, a day before a coarser one; unknown when
    none.  A date that opens a period ("since January 2018", "until 2021") is not the event's.

    With ``said_bound``, the day of a statement in the clause (``statement_day``: "..., police
    said on Tuesday") is taken only when the clause gives no other date, and then marked
    ``inferred``: the event happened on it or before it (the day of the report, ACLED's
    fallback for an event with no date of its own).
    """
    in_clause = [
        d
        for d in within(ctx.dates, clause_start, clause_end)
        if not re.search(  # "since the 2021 coup": when a period began, not the event's date
            r"\b(?:since|until|till)\s+(?:the\s+)?(?:late\s+|early\s+|mid-?)?$",
            ctx.text[max(0, d.start - 16) : d.start],
            re.I,
        )
    ]
    in_clause = [
        d for d in in_clause if not _in_other_relative(ctx, at, d, (clause_start, clause_end))
    ]
    bound = False
    if said_bound and in_clause:
        own = [d for d in in_clause if not statement_day(ctx, d)]
        bound = not own
        in_clause = own or in_clause
    if not in_clause:
        return When()
    best = min(
        in_clause,
        key=lambda d: (
            not d.when.known and not d.kind.startswith("weekday"),
            d.when.precision not in ("day", "unknown"),
            abs(d.start - at),
        ),
    )
    when: When = best.when
    return replace(when, inferred=True) if bound and when.known else when


#: A relative clause's start: "which", "who", "whose", "whom", or "that" after a determined
#: noun ("a group that ...", not "said that ..." nor "The truth is that ...").
_RELATIVE = re.compile(
    r"\b(?:which|who|whom|whose)\b|\b(?:a|an|the|this|these|those|its|their)\s+"
    r"(?:(?!(?:is|was|are|were|be|been|said|says|say|told|believes?|believed|reported|claimed|"
    r"shows?|showed|means?|meant|noted|added|knew|knows?|thinks?|thought|so|such)\b)[\w-]+\s+){1,3}"
    r"(?P<that>that)\b",
    re.IGNORECASE,
)
#: A verb of saying before "a/the <noun> that": the noun is its channel or its hearer.
_REPORTED = re.compile(
    r"\b(?:said|says|claimed|claims|told|tells|stated|announced|reported|alleged|denied|"
    r"insisted|added|warned|confirmed|explained)\b",
    re.IGNORECASE,
)
#: Where a relative clause ends: a comma, a semicolon or a closing bracket.
_RELATIVE_END = re.compile(r"[,;)\]]")


def _in_other_relative(ctx: DocContext, at: int, date: _Spanned, clause: tuple[int, int]) -> bool:
    """Whether a date lies in a relative clause about something other than an event: "The junta,
    which came to power in a September 2022 coup, has not commented on the attack", "a group
    that few had heard of two years ago". The relative runs to the next comma, semicolon or
    closing bracket; one that holds the trigger at ``at`` tells the event, and one about an
    event word ("the bombing that took place yesterday", "The attack, which took place on
    Monday") dates that event."""
    text = ctx.text
    for rel in _RELATIVE.finditer(text, clause[0], date.start):
        if rel.group("that") and _REPORTED.search(
            text, max(clause[0], rel.start() - 40), rel.start()
        ):
            continue  # "claimed in a radio interview that ...": what was said, no relative
        start = rel.start("that") if rel.group("that") else rel.start()
        stop = _RELATIVE_END.search(text, start, clause[1])
        end = stop.start() if stop else clause[1]
        if date.end > end:
            continue
        if start <= at < end:
            return False  # "a group that attacked Bama in 2019": the event's own clause
        return not _event_word_before(ctx, start)
    return False


def _event_word_before(ctx: DocContext, at: int) -> bool:
    """Whether an event word ends right before ``at``, past spaces and a comma."""
    first = bisect_left(ctx.trigger_starts, at - 60)
    last = bisect_left(ctx.trigger_starts, at)
    return any(
        re.fullmatch(r"[\s,]*", ctx.text[hit[4] : at]) for hit in ctx.trigger_hits[first:last]
    )


# --- places that are not where an event was (shared by extraction and coreference) ------

_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|on|near|off|outside|inside|into|across|around|targeted|targeting|against|hit|"
    r"struck|of|to|enter|entered|entering|reached|close\s+to|the\s+city\s+of|the\s+province\s+of|"
    r"the\s+town\s+of|the\s+village\s+of|the\s+district\s+of|outskirts\s+of|part\s+of|"
    r"between)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:(?:eastern|western|northern|southern|northeast(?:ern)?|northwest(?:ern)?|southeast(?:ern)?|"
    r"southwest(?:ern)?|central|restive|capital|city|town|province|district|village|border|"
    r"remote|tribal|volatile|troubled|southwestern|northwestern|Shia|Shiite|Sunni|Hazara|busy|"
    r"rural|urban|downtown|suburban|coastal|mountainous|crowded|[A-Z][a-z]+'s)\s+)*)$",
    re.IGNORECASE,
)


# "officials in Washington said", "a press conference in Kabul", "state media in Iran": a place
# where something was said.
_SPEECH_PLACE = re.compile(
    r"(?:\b(?:officials?|authorities|spokes(?:man|woman|person)|ministers?|"
    r"media|agency|conference|briefing|statement|television|TV|broadcaster|radio|"
    r"newspaper|reporters?|correspondents?|sources?|diplomats?|analysts?|observers?)\s+"
    r"(?:based\s+)?|\b(?:speaking|told\s+(?:\w+\s+){0,2}|said|says|spoke|announced|"
    r"addressing\s+(?:\w+\s+){0,2})\s*(?:\w+\s+)?)(?:in|from|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "who had travelled from Peshawar", "based in Pakistan": where someone came from or lives.
_ORIGIN_PLACE = re.compile(
    # not a distance: "about 30 kilometres from Kalat" is near Kalat
    r"\b(?:(?<!km\s)(?<!kms\s)(?<!kilometres\s)(?<!kilometers\s)(?<!miles\s)from|based\s+in|hailing\s+from|native\s+of|residents?\s+of|citizens?\s+of|"
    r"nationals?\s+of|born\s+in|headquartered\s+in|operating\s+(?:from|out\s+of)|"
    r"exiled\s+in|living\s+in|lived\s+in)\s+"
    r"(?:the\s+)?(?:neighbou?ring\s+)?$",
    re.IGNORECASE,
)


# "jihadists in Afghanistan", "sanctuaries in Pakistan": where people or their bases are.
_PEOPLE_PLACE = re.compile(
    # "clashed with militants based in Afghanistan"; not "a gunbattle with militants in Sibi"
    r"\b(?:by|from|(?<!clash\s)(?<!clashes\s)(?<!gunbattle\s)(?<!gunfight\s)(?<!battle\s)"
    r"(?<!fighting\s)(?<!encounter\s)(?<!firefight\s)(?<!shootout\s)with|blamed|accused)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?(?:jihadists|militants|fighters|terrorists|insurgents|groups?|sanctuar(?:y|ies)|"
    r"leaders?|commanders?|handlers?|masterminds?|members|cells?|branch|affiliates?|"
    r"allies|supporters|sympathi[sz]ers|relatives|families|refugees|embassy|embassies|consulates?|"
    r"counterparts?|officials|authorities|government|spokes(?:man|woman|person))\s+(?:based\s+|operating\s+|hiding\s+)?"
    r"(?:in|inside|from)\s+(?:the\s+)?(?:neighbou?ring\s+)?$",
    re.IGNORECASE,
)


#: Where the casualties or the dead were taken after the event, not where it happened: the
#: destination of a transfer ("shifted to a hospital in Peshawar", "airlifted to Rawalpindi",
#: "rushed to Lady Reading Hospital in"), a place of treatment, death of wounds or burial
#: ("buried in their home village of", "being treated at a hospital in", "died of her injuries
#: in Spain"). A verb of moving needs "to" ("taken hostage in" is the site); up to five words
#: of a facility's name may come between.
_AFTERMATH_PLACE = re.compile(
    r"\b(?:(?:shifted|rushed|taken|moved|transferred|transported|airlifted|air-lifted|"
    r"evacuated|flown|brought|admitted|referred|repatriated|carried)\s+(?:back\s+)?(?:to|into)|"
    r"(?:buried|laid\s+to\s+rest|cremated|interred|hospitali[sz]ed|treated|treatment)\s+"
    r"(?:for\s+(?:(?:their|his|her|the)\s+)?(?:\w+\s+)?(?:injuries|wounds|burns)\s+)?(?:in|at)|(?:died|succumbed)\s+(?:later\s+)?(?:of|from|to)\s+(?:his|her|their|the)\s+"
    r"(?:injuries|wounds)\s+(?:in|at))\s+(?:(?:the|a|an|their|his|her)\s+)?"
    r"(?:(?:[\w'’.-]+\s+){0,5}?(?:in|at|of)\s+(?:the\s+)?|(?:[\w'’.-]+\s+){0,4}?"
    r"(?:hospital|clinic|infirmary|morgue|mortuary|graveyard|cemetery),?\s+)?$",
    re.IGNORECASE,
)

#: A place that names the facility after it ("died in Quetta hospital", "Peshawar's Lady
#: Reading Hospital"), up to three words of its name between.
_FACILITY_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[\w'’.-]+\s+){0,3}?(?:hospital|clinic|infirmary|morgue|mortuary|"
    r"graveyard|cemetery)\b",
    re.IGNORECASE,
)


#: Where a victim died or was treated after the event ("three others died later in hospital",
#: "succumbed to his wounds at a hospital"): a venue of the aftermath, not of the event.
_DIED_AT = re.compile(
    r"\b(?:died|succumbed)(?:\s+(?:later|subsequently|of|from|to|their|his|her|injuries|"
    r"wounds|the))*\s+(?:in|at)\s+(?:(?:the|a|an)\s+)?(?:[\w'’.-]+\s+){0,3}?$",
    re.IGNORECASE,
)


def aftermath_venue(text: str, start: int, venue_start: int) -> bool:
    """Whether the venue word at ``venue_start`` (a character offset) is where victims were
    taken, treated or died after the event ("shifted to a hospital", "died later in
    hospital"), judged from the words since ``start``."""
    lead = max(start, venue_start - 80)
    return bool(
        _AFTERMATH_PLACE.search(text, lead, venue_start) or _DIED_AT.search(text, lead, venue_start)
    )


def excluded_place(ctx: DocContext, mention: Mention, clause_start: int) -> bool:
    """Whether a place names where someone spoke, came from or is based, or where the casualties
    were taken afterwards, not where the event was ("officials in Washington and London said",
    "jihadists in Afghanistan", "the wounded were shifted to a hospital in Peshawar", "died in
    Quetta hospital", "evacuated to Combined Military Hospital, Peshawar")."""
    lead = ctx.text[max(clause_start, mention.start - 40) : mention.start]
    # "The minister said in Islamabad that the bombing ...": the speech verb may stand before
    # the clause the event word is in; not before the sentence
    spoken = ctx.text[max(0, mention.start - 40) : mention.start]
    spoken = spoken[max(spoken.rfind(". "), spoken.rfind("\n")) + 1 :]
    if _SPEECH_PLACE.search(spoken) or _ORIGIN_PLACE.search(lead) or _PEOPLE_PLACE.search(lead):
        return True
    if _AFTERMATH_PLACE.search(ctx.text, max(clause_start, mention.start - 80), mention.start):
        return True
    if _FACILITY_AFTER.match(ctx.text, mention.end) and aftermath_venue(
        ctx.text, clause_start, mention.start
    ):
        return True  # "two of the injured later died in Quetta hospital"
    # the second of a coordinated pair takes the first's role
    pair = re.search(r"(?:,\s*|\s+)(?:and|or)\s+(?:the\s+)?$|,\s*$", lead)
    if pair is not None:
        previous = [
            m
            for m in ctx.places.within(max(clause_start, mention.start - 60), mention.start)
            if m.end <= mention.start - len(pair.group()) + 1
        ]
        if (
            previous
            and ctx.text[previous[-1].end : mention.start] == pair.group()
            and previous[-1] is not mention
        ):
            return excluded_place(ctx, previous[-1], clause_start)
    follow = ctx.text[mention.end : mention.end + 30]
    # "Islamabad condemned": a capital acting for its government
    return bool(
        re.match(
            r"(?:['’]s\s+\w+\s+)?\s*(?:said|says|condemned|denied|claimed|blamed|accused|announced|reported|warned|rejected)\b",
            follow,
        )
        and not _LOCATIVE.search(lead)
    )
