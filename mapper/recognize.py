"""Recognition: find the spans of a text that may be place names, with no downloaded model.

Gazetteer-driven matching plus linguistic evidence. A regular expression picks the capitalised
words (and the lowercase links inside names: "of", "de", "al"); runs of them are looked up among
the gazetteer's normalised keys (a Python set built once from ``Gazetteer.keys()``), longest match
first ("the Kunar Valley" over "Kunar"). Then evidence drops what is not a place:

- names of organisations that contain place words ("Islamic State Khorasan Province",
  "Tehrik-e-Taliban Pakistan", "Wall Street Journal"), from ``data/organisations.txt`` and the
  armed groups' aliases in ``data/actors.json``;
- person names (a title or a given name before the word: "President Obama", "Colin Clarke", "Roy
  A. Nelson"), and later mentions of a word seen in one; saints ("St. Patrick's Day");
- a place word inside a street, media or company name ("Madison Avenue", "Washington Post"), from
  ``data/name_words.txt``; a common word ending another name ("Knox Park", "Memorial Day");
- common words at the start of a sentence or in a headline ("May", "Police", "Nice"), weighed by
  their frequency (``data/common_words.tsv``) against the place's prominence; a common word that
  is only an alternate name of a small place ("Google" for Topeka).

News abbreviations ("CHARLESTON, W.Va.", "the UK", "NSW") come from
``data/place_abbreviations.tsv``. Demonyms ("Afghan", "Pakistanis", "Saudi") are reported apart:
they are not places, but they tell which country a document is about (``data/demonyms.tsv``).

The matcher for a gazetteer is built once and kept in memory (:func:`recognizer_for`).
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from mapper._names import KIND_PRIMARY, KIND_STRIPPED, common_words
from mapper.actors import abbreviates, load_actors
from mapper.errors import GazetteerError
from mapper.gazetteer import CUE_ONLY_SOURCES, Gazetteer, Place, normalize, translit_key
from mapper.model import slot_filler

#: Given names this common (rank in the census list) are read as persons, not small places.
COMMON_GIVEN = 400
#: Longest place name, in tokens, the matcher tries.
MAX_TOKENS = 7
#: A spelling variant found through the transliteration skeleton must be this similar
#: (difflib ratio, spaces ignored) to a name of the place: "Hirat" ~ "Herat", not "Hurt".
VARIANT_SIMILARITY = 0.74
#: Zipf frequency (wordfreq) from which a word is an everyday English word: "liberty" 4.3,
#: "square" 4.8, against "abu" 4.0, "kamal" 3.1, "tal" 3.3 (names English borrows).
COMMON_NAME_WORD = 4.0

# A word: an abbreviation with dots (U.S., D.C.) or letters with inner apostrophes (O'Leary).
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:[^\W_]|['’](?=[^\W\d_]))*")
# Gaps that may sit inside one name: spaces, one line break (hard-wrapped text), a hyphen, a
# possessive ("Queen Anne's County"), the dot of an abbreviation ("St. Louis").
# A dash with a space on both sides ("ROSWELL - A man...") separates; a hyphen joins.
_JOIN = re.compile(
    r"[ \t\u00a0]{1,3}|[ \t]*\r?\n[ \t]*|[-‐‑–−][ \t]?|[ \t][-‐‑–−]|['’]s?[ \t]+|\.[ \t]+"
    r"|[ \t-][dl]['’]"  # an elided French article: "Côte d'Ivoire", "Val-d'Or"
)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?")
_OPENERS = frozenset("\"'“”‘’([«*•·-–—")
_ABBREVIATED = frozenset({"st", "ste", "ft", "mt", "pt"})
#: Particles inside personal names ("Mohammed bin Salman", "Abu Omar al-Khorasani").
_NAME_PARTICLES = frozenset(
    {"bin", "ibn", "bint", "al", "el", "ul", "ud", "ur", "abu", "van", "von"}
)

#: Lowercase words allowed inside a run of capitalised words ("Isle of Man", "Rio de Janeiro").
CONNECTORS = frozenset(
    {
        "of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le",
        "les", "el", "al", "ul", "ud", "e", "i", "y", "and", "on", "upon", "the", "van", "von",
        "au", "aux",  # "Port-au-Prince", "Sainte-Marie-aux-Mines"
        "der", "den", "am", "an", "im", "sur", "en", "kwa", "bin", "ibn", "wa",
        # the Arabic article before a sun letter ("Deir ez-Zor", "Ras as-Sidr") and the
        # Persian ezafe ("Qala-ye Naw")
        "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "ed", "er", "es", "esh", "et",
        "ez", "ye",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists recognition uses, from ``mapper/data`` (see each file's header).

    Attributes
    ----------
    common
        Lowercase common English word -> Zipf frequency.
    given, common_given, surnames
        Person names, capitalised as written; ``common_given`` the commonest given names.
    organisations, organisations_exact
        Organisation names masked case-insensitively, and aliases masked only as written.
    after, before_of, titles, never_alone
        Lowercased words that make a run a street/organisation name, precede "of <place>" in an
        organisation's name, precede a person's name, or are no place on their own ("West").
    demonyms
        Normalised demonym ("afghan", "saudi arabian") -> ISO country code.
    demonym_places
        Normalised demonym of a region ("chechen", "south ossetian") -> the gazetteer id of the
        region it names (the third column of ``demonyms.tsv``).
    contains, near
        Cue nouns for containment and proximity between two names.
    types
        Type word ("province") -> preferred GeoNames feature codes.
    abbreviations
        (abbreviation, place name, country code, feature code, context) rows: "W.Va." is West
        Virginia after a comma, "UK" the United Kingdom anywhere.
    metonym_verbs
        Verbs of saying and reacting after which a capital or a country stands for its
        government ("Islamabad condemned").
    name_types
        A feature's own type word as the first or last word of its name ("Red Sea", "Gulf of
        Aden", "Lake Chad") -> the feature codes it says.
    features
        A physical feature's word after a name ("the Hamrin mountains", "the Kabul river") ->
        the GeoNames feature classes such a feature has (a populated place is no reading of
        it; an admin unit named after the feature is, and is not listed).
    """

    common: Mapping[str, float]
    given: frozenset[str]
    common_given: frozenset[str]
    surnames: frozenset[str]
    organisations: tuple[str, ...]
    organisations_exact: tuple[str, ...]
    after: frozenset[str]
    before_of: frozenset[str]
    titles: frozenset[str]
    never_alone: frozenset[str]
    demonyms: Mapping[str, str]
    contains: frozenset[str]
    near: frozenset[str]
    types: Mapping[str, tuple[str, ...]]
    abbreviations: tuple[tuple[str, str, str, str, str], ...] = ()
    metonym_verbs: frozenset[str] = frozenset()
    name_types: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    demonym_places: Mapping[str, str] = field(default_factory=dict)
    features: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text that may name a place.

    Attributes
    ----------
    text
        The surface string, ``text[start:end]``.
    start, end
        Offsets into the text.
    key
        The normalised gazetteer key it matched.
    candidates
        The gazetteer's ranked candidates for the key.
    uncertain_case
        True when capitalisation says little about a name that is also an English word
        ("May", "Police"): sentence start, title-case or all-caps line, lower-case text.
    type_hint
        A type word next to it ("province", "city"), lowercased, or "".
    kind
        ``"toponym"`` (a name), ``"description"`` ("the Afghan capital": a phrase naming one
        place), or ``"unknown"``: a name the gazetteer does not know (no candidates), kept so it
        is listed as unresolved rather than read as a fragment ("Zhar Sahib", not Zhar).
    cue
        True when the text says this is a place whatever its size: a type word ("X village"), a
        chain ("X, Y district"), or a description. Small places that would flood recognition
        (Afghan villages) count only under such a cue.
    """

    text: str
    start: int
    end: int
    key: str
    candidates: tuple[Place, ...]
    uncertain_case: bool = False
    type_hint: str = ""
    kind: str = "toponym"
    cue: bool = False


#: ``Span(...)`` with every field given, twice as fast (one per name matched in a text).
_new_span = slot_filler(Span)


@dataclass(frozen=True, slots=True)
class Demonym:
    """A demonym in the text and the country it points to."""

    text: str
    start: int
    end: int
    country_code: str
    #: The gazetteer id of the region a regional demonym names ("Chechen": Chechnya), else "".
    place_id: str = ""


@dataclass(frozen=True, slots=True)
class Recognition:
    """What recognition found in one text.

    Attributes
    ----------
    places
        Candidate place spans, in text order, not overlapping.
    demonyms
        Demonyms, in text order.
    masked
        (start, end) of organisation and person names, in text order.
    script
        The script most letters of the text are in, when it is not Latin (``"Arabic"``,
        ``"Cyrillic"``, ...), else ``""``: only names the gazetteer knows in that script are
        found in such a text.
    """

    places: tuple[Span, ...]
    demonyms: tuple[Demonym, ...]
    masked: tuple[tuple[int, int], ...]
    script: str = ""


class _Token(NamedTuple):
    """A word kept for matching: capitalised words, abbreviations and a few lowercase links."""

    start: int
    end: int
    text: str
    cap: bool
    gap: str  # text between the previous kept token and this one
    join: bool  # the gap may sit inside one name
    norm: str  # normalised form (the gazetteer's key form)


def _data_lines(name: str) -> list[str]:
    try:
        text = resources.files("mapper").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        msg = f"cannot read the recognition data file mapper/data/{name}: {exc}"
        raise GazetteerError(msg) from None
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in _data_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(line)
    return out


@cache
def load_lexicon() -> Lexicon:
    """Read the recognition word lists from the package data (once)."""
    common = dict(common_words())
    names = _sections("person_names.txt")
    words = _sections("name_words.txt")
    cues = _sections("place_cues.txt")
    demonyms = {}
    demonym_places = {}
    for line in _data_lines("demonyms.tsv"):
        word, cc, *region = line.rstrip("\n").split("\t")
        key = normalize(word.replace("-", " "))
        demonyms[key] = cc.strip()
        if region and region[0].strip():
            demonym_places[key] = region[0].strip()
    types = {}
    for line in cues.get("type", []):
        word, _, codes = line.partition("\t")
        types[word.lower()] = tuple(codes.split())
    name_types = {}
    for line in cues.get("name_type", []):
        word, _, codes = line.partition("\t")
        name_types[word.lower()] = tuple(codes.split())
    features = {}
    for line in cues.get("feature", []):
        word, _, classes = line.partition("\t")
        features[word.lower()] = "".join(classes.split())
    # Armed groups' names are masked like ours; states' aliases are not ("Washington" and
    # "Kabul" stand for governments, yet they are places too).
    aliases, exact = load_actors().aliases_of_kind("militant")
    abbreviations = tuple(
        (row[0], row[1], row[2], row[3], row[4])
        for row in (line.split("\t") for line in _data_lines("place_abbreviations.tsv"))
        if len(row) == 5
    )
    return Lexicon(
        common=common,
        given=frozenset(
            names.get("given_male", []) + names.get("given_female", []) + names.get("curated", [])
        ),
        common_given=frozenset(
            names.get("given_male", [])[:COMMON_GIVEN]
            + names.get("given_female", [])[:COMMON_GIVEN]
        ),
        surnames=frozenset(names.get("surname", [])),
        organisations=(*_data_lines("organisations.txt"), *aliases),
        organisations_exact=exact,
        after=frozenset(w.lower() for w in words.get("after", [])),
        before_of=frozenset(w.lower() for w in words.get("before_of", [])),
        titles=frozenset(w.lower().rstrip(".") for w in words.get("title", [])),
        never_alone=frozenset(w.lower() for w in words.get("never_alone", [])),
        demonyms=demonyms,
        contains=frozenset(w.lower() for w in cues.get("contains", [])),
        near=frozenset(w.lower() for w in cues.get("near", [])),
        types=types,
        abbreviations=abbreviations,
        metonym_verbs=frozenset(w.lower() for w in cues.get("metonym", [])),
        name_types=name_types,
        demonym_places=demonym_places,
        features=features,
    )


#: Characters that separate the words of a run: whitespace and hyphens.
_SEP = r"[\s\-‐‑–]"
#: An abbreviation with dots at a word start (U.S., D.C.), and the cheap hint that finds them.
_DOTTED = re.compile(r"(?<![\w'’])(?:[^\W\d_]\.){2,}")
_DOTTED_HINT = re.compile(r"\.[^\W\d_]\.")
_WORDISH = re.compile(r"[\w'’]")
_NOT_SEP = re.compile(rf"[^{_SEP[1:-1]}]+")
#: ``Match.span``, mapped over ``finditer`` (a call in C per match).
_SPAN = re.Match.span


@dataclass(frozen=True, slots=True)
class _Scanner:
    """The regular expressions that find the words :func:`tokenize` keeps.

    The words kept are abbreviations with dots, capitalised words, the lowercase words of
    organisation names (``rare``), and links ("of", "the", "al") that stand before one of those
    through more links only ("the Bank of the West", not "the bank"). Each kind has its own
    expression, so the regex engine can skip ahead to a possible first character in C (a
    single expression starting with a look-behind is tried at every position): capitalised
    words check their word start with a look-behind placed after the first letter, and the
    links are found backwards from each kept word, on the reversed text.

    Attributes
    ----------
    caps
        Capitalised words at a word start.
    upper
        The capital letters ``caps`` starts with; a link is kept before one of them.
    rare
        Lowercase words of organisation names ("cell", "faction").
    rare_matcher
        An Aho-Corasick automaton (``pyahocorasick``) of the ``rare`` words, their length as
        value, that finds them all in one pass; None when there are none.
    chain
        On the reversed text, from just before a kept word: the links before it.
    capital_chain
        On the reversed text: a capital and the links before it (group 1), if any.
    """

    caps: re.Pattern[str]
    upper: frozenset[str]
    rare: tuple[str, ...]
    rare_matcher: Any
    chain: re.Pattern[str]
    capital_chain: re.Pattern[str]


@cache
def _scanner(extra_lower: frozenset[str] = frozenset()) -> _Scanner:
    # Capital letters of the Latin, Greek and Cyrillic scripts, for a character class.
    capitals = "".join(
        chr(c) for r in (range(0x41, 0x530), range(0x1E00, 0x1F00)) for c in r if chr(c).isupper()
    )
    upper = re.escape(capitals)
    links = CONNECTORS | _NAME_PARTICLES | {w for w in extra_lower if len(w) <= 3}
    rare = extra_lower - links
    chain = rf"(?:{_SEP}+(?:{_alternatives([w[::-1] for w in links])})(?![\w'’]))+"
    rare_matcher = None
    if rare:
        import ahocorasick

        rare_matcher = ahocorasick.Automaton()
        for word in rare:
            rare_matcher.add_word(word, len(word))
        rare_matcher.make_automaton()
    return _Scanner(
        # letters and digits, and an apostrophe only before a letter (O'Leary), unrolled; a
        # capital after an elided French article starts a word ("Côte d'Ivoire", "Val-d'Or")
        caps=re.compile(
            rf"[{upper}](?:(?<![\w'’].)|(?<=(?<!\w)[dl]['’].))[^\W_]*(?:['’][^\W\d_][^\W_]*)*"
        ),
        upper=frozenset(capitals),
        rare=tuple(sorted(rare)),
        rare_matcher=rare_matcher,
        chain=re.compile(chain),
        capital_chain=re.compile(rf"[{upper}]({chain})"),
    )


def _alternatives(words: Iterable[str]) -> str:
    """A regular expression for any of ``words``, each to be followed by a non-word character.

    Words of word characters only are written as a trie ("a(?:l|n(?:d)?)|of|the"), tried one
    character at a time instead of one word after another (the chains of links are looked for
    at every capital): followed by a non-word character, at most one of them matches at a
    position, whatever the order they are tried in. Other words are alternatives, longest
    first.
    """
    words = sorted(set(words), key=lambda w: (-len(w), w))
    if not all(_WORD_CHARS.fullmatch(w) for w in words):
        return "|".join(re.escape(w) for w in words)
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + pattern(node[c]) for c in sorted(node) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


_WORD_CHARS = re.compile(r"\w+")


def _word_spans(text: str, scanner: _Scanner) -> list[tuple[int, int]]:
    """(start, end) of the words :func:`tokenize` keeps, in text order (see :class:`_Scanner`).

    The same words, in the same order, as one leftmost scan trying at each word start an
    abbreviation, a capitalised word, a rare word, then a link followed (through more links)
    by a capitalised or rare word.
    """
    spans = list(map(_SPAN, scanner.caps.finditer(text)))  # C calls, no per-match bytecode
    extra: list[tuple[int, int]] = []  # abbreviations and rare words (none overlaps another)
    pos = 0
    while (hint := _DOTTED_HINT.search(text, pos)) is not None:
        dotted = _DOTTED.match(text, hint.start() - 1) if hint.start() else None
        if dotted is not None:
            extra.append(dotted.span())
            pos = dotted.end()
        else:
            pos = hint.start() + 1
    if extra:
        # A capital inside an abbreviation (the S of U.S.) is no word; no other word overlaps
        # one (an abbreviation starts after no letter, a capitalised word holds no dot), nor a
        # rare word (a lowercase word between non-letters) any other word.
        starts = [a for a, _ in spans]
        for a, b in reversed(extra):
            del spans[bisect.bisect_left(starts, a) : bisect.bisect_left(starts, b)]
    rare: set[int] = set()  # starts of rare words
    if scanner.rare_matcher is not None:
        # every occurrence of every rare word in one pass in C; the word's bounds are checked here
        for last, length in scanner.rare_matcher.iter(text):
            end = last + 1
            start = end - length
            if (not start or not _WORDISH.match(text, start - 1)) and not _WORDISH.match(text, end):
                extra.append((start, end))
                rare.add(start)
    # Links stand before a capital ("of Kabul", "of U.S. forces") or a rare word, not "e.g.":
    # found on the reversed text, where they follow the word they stand before.
    rev = text[::-1]
    n = len(text)
    bounds = list(map(_SPAN, scanner.capital_chain.finditer(rev), itertools.repeat(1)))
    for start in sorted(rare):
        links = scanner.chain.match(rev, n - start)
        if links is not None:
            bounds.append(links.span())
    if not bounds and not extra:
        return spans
    spans.extend(extra)
    for a, b in bounds:
        spans.extend(map(_SPAN, _NOT_SEP.finditer(text, n - b, n - a)))
    spans.sort()
    return spans


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
_WORD_BEFORE = re.compile(r"\b([a-z]+)\.?[ \t]+$")
_TYPE_OF = re.compile(r"\b([A-Za-z]+)\s+of\s+(?:the\s+)?$")
_CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|t)$", re.IGNORECASE)


def tokenize(
    text: str,
    norm: Callable[[str], str] = normalize,
    *,
    lower: frozenset[str] = frozenset(),
    every_word: bool = False,
) -> list[_Token]:
    """The words of ``text`` that can be part of a name, each knowing its gap to the previous.

    Lowercase words other than a few links ("of", "de", "al") and the words in ``lower`` are
    skipped (unless ``every_word``): the gap over them is not joinable, so no name spans them.
    """
    if every_word:
        spans = list(map(_SPAN, _WORD.finditer(text)))
    else:
        spans = _word_spans(text, _scanner(lower))
    if not spans:
        return []
    # The hot part of recognition, as comprehensions and maps (no Python-level loop body):
    # each token's word, its gap to the previous token, whether that gap may sit inside a name.
    words = [text[a:b] for a, b in spans]
    if "'" in text or "’" in text:
        spans, words = _without_contractions(spans, words)
        if not spans:
            return []
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    gaps = [text[a:b] for a, b in zip([0, *ends], starts, strict=False)]
    joinable = _JOINABLE_GAPS
    joins: list[bool | None] = list(map(joinable.get, gaps))
    unknown = [k for k, join in enumerate(joins) if join is None]
    if unknown:
        # Most gaps not judged yet are stretches of lower-case text: _JOIN (tried in C, in one
        # map) fits none of them, so they are no joins; the few it fits are judged in full.
        fits = map(_JOIN.fullmatch, [gaps[k] for k in unknown])
        for k in itertools.compress(unknown, fits):
            gap = gaps[k]
            joins[k] = join = _joinable(gap, words[k - 1] if k else "")
            # short gaps recur (" ", "-"); a long one is mostly unique text, not worth keeping
            if gap[:1] != "." and len(gap) <= 6 and len(joinable) < 10_000:
                joinable[gap] = join
        joins = list(map(bool, joins))  # None (no fit) is False
    caps = [w[0].isupper() for w in words]
    norms = list(map(norm, words))
    new_token = tuple.__new__  # skips the NamedTuple's Python-level __new__
    return list(
        map(
            new_token,
            itertools.repeat(_Token),
            zip(starts, ends, words, caps, gaps, joins, norms, strict=True),
        )
    )


def _without_contractions(
    spans: list[tuple[int, int]], words: list[str]
) -> tuple[list[tuple[int, int]], list[str]]:
    """Spans (and their words) without contractions ("They've"), possessives without their
    "'s" ("Kabul's"); only the few words with an apostrophe are looked at."""
    held = [k for k, word in enumerate(words) if "'" in word or "’" in word]
    if not held:
        return spans, words
    spans, words = spans.copy(), words.copy()
    for k in reversed(held):
        word = words[k]
        if _CONTRACTION.search(word):
            del spans[k], words[k]
        elif _POSSESSIVE.search(word) and len(word) > 2:
            spans[k] = (spans[k][0], spans[k][1] - 2)
            words[k] = word[:-2]
    return spans, words


#: Gaps already judged (those not starting with a dot do not depend on the previous word).
_JOINABLE_GAPS: dict[str, bool] = {" ": True, "-": True, ", ": False, "": False}


def _occurrences(text: str, part: str) -> Iterator[int]:
    """Where ``part`` occurs in ``text`` (overlapping occurrences too), in text order."""
    i = text.find(part)
    while i >= 0:
        yield i
        i = text.find(part, i + 1)


_BLANKS = (" ", "\t")
_ASCII_LETTER = re.compile("[A-Za-z]")


def _blanks_start(text: str, i: int) -> int:
    """Where the spaces and tabs that end just before ``i`` start."""
    while i and text[i - 1] in _BLANKS:
        i -= 1
    return i


def _joinable(gap: str, prev: str) -> bool:
    if gap == " ":
        return True
    if not _JOIN.fullmatch(gap):
        return False
    if gap.startswith("."):
        # "St. Louis", and initials inside a person's name ("Roy A. Nelson")
        return prev.lower() in _ABBREVIATED or (len(prev) == 1 and prev.isupper())
    return not (gap.startswith(("'", "’")) and len(gap.strip()) < 2)


def _similar(a: str, b: str) -> bool:
    """Whether difflib's ratio of two spellings reaches VARIANT_SIMILARITY; its cheap upper
    bounds (``real_quick_ratio``, ``quick_ratio``) rule most pairs out first."""
    matcher = SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= VARIANT_SIMILARITY
        and matcher.quick_ratio() >= VARIANT_SIMILARITY
        and matcher.ratio() >= VARIANT_SIMILARITY
    )


class _Memo(dict[str, bool]):
    """Word -> a judgement of it, filled on first use. The few thousand words of a corpus stay
    in the processor's cache; the gazetteer's 600,000 keys do not."""

    def __init__(self, judge: Callable[[str], bool]) -> None:
        super().__init__()
        self._judge = judge

    def __missing__(self, word: str) -> bool:
        if len(self) >= 500_000:
            self.clear()
        got = self[word] = self._judge(word)
        return got


class _Longest(dict[str, int]):
    """Word -> the most tokens of a key starting with it (1 for any other word), filled on
    first use from the recognizer's table of 90,000 first words (see :class:`_Memo`)."""

    def __init__(self, longest: Mapping[str, int]) -> None:
        super().__init__()
        self._longest = longest

    def __missing__(self, word: str) -> int:
        if len(self) >= 500_000:
            self.clear()
        got = self[word] = self._longest.get(word, 1)
        return got


class _Normalized(dict[str, str]):
    """Word -> its normalised form, filled on first use (a plain dict lookup after that)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 500_000:
            self.clear()
        got = self[word] = normalize(word)
        return got


class Recognizer:
    """Finds place-name spans in text for one gazetteer; build once, use for many texts.

    Parameters
    ----------
    gazetteer
        Where names are looked up; its ``keys()`` give the names to match.
    lexicon
        Word lists; the package's own by default.
    min_population
        Passed to ``gazetteer.keys``: populated places smaller than this are not matched.
    """

    def __init__(
        self, gazetteer: Gazetteer, lexicon: Lexicon | None = None, *, min_population: int = 0
    ) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or load_lexicon()
        # The keys as a dict of strings to True, not a set: a dict holding only strings is not
        # tracked by the cyclic garbage collector, a set of 600,000 keys would be traversed by
        # every full collection (~60 ms each).
        keys: dict[str, bool] = {}
        longest: dict[str, int] = {}
        arabic: list[str] = []
        for key in gazetteer.keys(min_population=min_population):
            keys[key] = True
            if "\u0600" <= key[0] <= "\u06ff":
                arabic.append(key)
            words = key.split(" ")
            if len(words) > longest.get(words[0], 1):
                longest[words[0]] = len(words)
        self._keys = keys
        self._longest = longest
        self._arabic_keys = tuple(arabic)
        self._arabic_matcher: Any = None  # an Aho-Corasick automaton, built on first use
        self._norm = _Normalized()
        self._primary: dict[tuple[str, str], bool] = {}
        self._article: dict[str, tuple[list[Place], list[Place]]] = {}
        self._seas: dict[str, tuple[str, tuple[Place, ...]] | None] = {}
        self._exact: dict[str, tuple[str, str]] = {}
        self._tuples: dict[int, tuple[list[Place], tuple[Place, ...]]] = {}
        self._cues = _Memo(self._person_cue_uncached)  # a title or a given name
        self._orgs = _Phrases(self.lexicon.organisations, case_sensitive=False)
        self._orgs_exact = _Phrases(self.lexicon.organisations_exact, case_sensitive=True)
        # lowercase words inside organisation names ("Khorasan cell") must reach the matcher
        self._lower = frozenset(self._orgs.lower | self._orgs_exact.lower)
        _scanner(self._lower)  # compiled now, not in the first text
        self._demonym_first = {k.split(" ")[0] for k in self.lexicon.demonyms}
        self._person_starts = self.lexicon.titles | self.lexicon.given
        self._abbr_places, self._abbr_patterns = self._abbreviations()
        self._skeletons = gazetteer.skeletons()
        self._cue_keys = gazetteer.cue_keys()
        # A village's name of several words that are no person's name ("Dashti Barchi") is
        # specific enough to be matched without a cue; one word ("Bagh") or "Adam Khan" is not.
        self._named_villages = frozenset(
            k for k in self._cue_keys if " " in k and self._not_person_words(k)
        )
        for key in self._named_villages:
            words = key.split(" ")
            self._longest[words[0]] = max(self._longest.get(words[0], 1), len(words))
        self._keys.update(dict.fromkeys(self._named_villages, True))
        self._is_key = _Memo(self._keys.__contains__)
        self._limits = _Longest(self._longest)
        self._may_start = _Memo(
            lambda w: w in self._keys or w in self._longest or w in self._demonym_first
        )
        self._variants: dict[str, tuple[str, tuple[Place, ...], tuple[Place, ...]] | None] = {}
        self._capitals: dict[str, Place | None] = {}
        self._worth_word = _Memo(self._worth_variant)  # see _maybe_variant
        self._never_one = _Memo(self._never_one_word)  # see _doomed

    def _not_person_words(self, key: str) -> bool:
        lex = self.lexicon
        words = key.split(" ")
        return not any(
            w.title() in lex.given or w.title() in lex.surnames or w in lex.titles for w in words
        ) and not all(lex.common.get(w, 0.0) >= 3.0 for w in words)

    def _abbreviations(
        self,
    ) -> tuple[dict[str, tuple[str, tuple[Place, ...]]], list[re.Pattern[str]]]:
        """The abbreviations whose place the gazetteer has, and the patterns that find them."""
        places: dict[str, tuple[str, tuple[Place, ...]]] = {}
        contexts: dict[str, list[str]] = {"after_comma": [], "any": []}
        for abbr, name, cc, code, context in self.lexicon.abbreviations:
            key = normalize(name)
            found = tuple(
                p
                for p in self.gazetteer.lookup_key(key)
                if p.country_code == cc and p.feature_code == code
            )
            if found and context in contexts:
                places[abbr] = (key, found)
                contexts[context].append(re.escape(abbr))
        patterns = []
        if contexts["after_comma"]:
            alts = "|".join(sorted(contexts["after_comma"], key=len, reverse=True))
            # a character class first: the engine skips ahead to a comma or a party letter ("D-")
            # (an alternation or a look-behind first is tried at every position)
            patterns.append(re.compile(rf"[,DRI](?:(?<=,) |(?<=[DRI])-)({alts})(?![\w])"))
        if contexts["any"]:
            alts = "|".join(sorted(contexts["any"], key=len, reverse=True))
            patterns.append(re.compile(rf"({alts})(?![\w])"))
        return places, patterns

    def _with_abbreviations(
        self, text: str, spans: list[Span], masked: Sequence[tuple[int, int]]
    ) -> list[Span]:
        """Add spans for "W.Va.", "UK", "NSW"; they replace a shorter match inside them ("Ind")."""
        found: list[Span] = []
        masks: _Intervals | None = None  # built at the first match (most texts have none)
        for pattern in self._abbr_patterns:
            for m in pattern.finditer(text):
                start, end = m.span(m.lastindex or 0)
                if start and (text[start - 1].isalnum() or text[start - 1] == "."):
                    continue  # inside a word or an abbreviation
                if masks is None:
                    masks = _Intervals(masked)
                if masks.overlaps(start, end):
                    continue
                if text[start:end].isupper() and _line_mostly_upper(text, start):
                    continue
                abbr = text[start:end]
                key, places = self._abbr_places[abbr]
                found.append(Span(abbr, start, end, key, places))
        if not found:
            return spans
        abbreviations = _Intervals((a.start, a.end) for a in found)
        kept = [s for s in spans if not abbreviations.contains(s.start, s.end)]
        others = _Intervals((s.start, s.end) for s in kept)
        found = [a for a in found if not others.overlaps(a.start, a.end)]
        return sorted(kept + found, key=lambda s: s.start)

    def _with_article(self, key: str, places: list[Place]) -> list[Place]:
        """The candidates of a one-word name after "the": "the Atlantic" is the ocean, not
        Atlantic, Iowa; English puts the article before seas, rivers, ranges and regions, not
        before a town's name. When the best candidate is a small town and some are features of
        those kinds, those alone; when the best is such a feature, it and the others but the
        small towns (one list per key, so later memos by identity hold)."""
        top = places[0]
        takes = top.feature_class in _TAKES_ARTICLE
        if not takes and (top.feature_class != "P" or _prominent(top) > 0):
            return places
        got = self._article.get(key)
        if got is None or got[0] is not places:
            if takes:  # "the Sinai": the peninsula, and no village Sinaí in Ecuador beside it
                kept = [p for p in places if p.feature_class != "P" or _prominent(p) > 0]
            else:
                kept = [p for p in places if p.feature_class in _TAKES_ARTICLE]
            got = self._article[key] = (places, kept or places)
        return got[1]

    def _bare_seas(
        self,
        text: str,
        tokens: Sequence[_Token],
        spans: list[Span],
        ranges: list[tuple[int, int]],
        blocked: set[int],
        demonyms: Sequence[Demonym],
    ) -> tuple[list[Span], list[tuple[int, int]]]:
        """ "the Mediterranean", "the Aegean", "the Caspian": a sea named by its first word.

        English drops "Sea" or "Ocean" after the article. The word is read as the sea when
        "<word> Sea" (or "Ocean") is a sea or ocean of the gazetteer, the word is no common
        English word (``BARE_SEA_COMMON``: "the North", "the Black", "the Indian" stay what
        they are), and no noun follows it ("the Mediterranean diet", "the Baltic states"):
        the next word is punctuation or one of ``_AFTER_BARE_SEA``. A match of the word alone
        that is a small town ("Caspian", Michigan) gives way."""
        common = self.lexicon.common
        by_start = {a: m for m, (a, b) in enumerate(ranges) if b == a + 1}
        covered: set[int] | None = None
        said = {d.start for d in demonyms}
        added: list[tuple[int, Span]] = []
        # the capitalised words right after "the", found in one comprehension
        after_the = [
            k
            for k, (prev, tok) in enumerate(itertools.pairwise(tokens), start=1)
            if tok.cap and tok.gap == " " and prev.text.lower() == "the" and k not in blocked
        ]
        for k in after_the:
            tok = tokens[k]
            after = _NEXT_WORD.match(text, tok.end)
            if after is not None and after.group(1) not in _AFTER_BARE_SEA:
                continue  # a noun ("diet", "states") or a name ("Sea") follows
            if common.get(tok.text.lower(), 0.0) >= BARE_SEA_COMMON or tok.start in said:
                continue
            sea = self._sea_of(tok.norm)
            if sea is None:
                continue
            m = by_start.get(k)
            if m is not None:
                top = spans[m].candidates[0] if spans[m].candidates else None
                if top is not None and (top.feature_class != "P" or _prominent(top) > 0):
                    continue
            else:
                if covered is None:
                    covered = {j for a, b in ranges for j in range(a, b)}
                if k in covered:
                    continue
            span = _new_span(tok.text, tok.start, tok.end, sea[0], sea[1], False, "", "toponym",
                             False)  # fmt: skip
            if m is not None:
                spans[m] = span
            else:
                added.append((k, span))
        if not added:
            return spans, ranges
        pairs = sorted([*zip(ranges, spans, strict=True), *(((k, k + 1), s) for k, s in added)],
                       key=lambda pair: pair[0])  # fmt: skip
        return [s for _, s in pairs], [r for r, _ in pairs]

    def _sea_of(self, word: str) -> tuple[str, tuple[Place, ...]] | None:
        """The key and the seas or oceans of "<word> sea" / "<word> ocean", remembered."""
        if word in self._seas:
            return self._seas[word]
        got = None
        for key in (word + " sea", word + " ocean"):
            if self._is_key[key]:
                places = tuple(
                    p for p in self.gazetteer.lookup_key(key) if p.feature_code in _SEA_CODES
                )
                if places:
                    got = (key, places)
                    break
        self._seas[word] = got
        return got

    def is_primary(self, key: str, place: Place) -> bool:
        """``gazetteer.is_primary``, remembered."""
        pair = (key, place.id)
        got = self._primary.get(pair)
        if got is None:
            got = self.gazetteer.is_primary(key, place)
            if len(self._primary) > 200_000:
                self._primary.clear()
            self._primary[pair] = got
        return got

    def is_exact(self, key: str, place: Place) -> bool:
        """Whether ``key`` is the normalised primary or ASCII name of ``place`` (remembered)."""
        names = self._exact.get(place.id)
        if names is None:
            names = (normalize(place.name), normalize(place.ascii_name))
            if len(self._exact) > 200_000:
                self._exact.clear()
            self._exact[place.id] = names
        return key == names[0] or key == names[1]

    def recognize(self, text: str) -> Recognition:
        """Find candidate place spans, demonyms and masked names in ``text``.

        The text is read in NFC (decomposed accents are composed first; offsets still index
        ``text``); names inside URLs, e-mail addresses and handles are not read; in a text
        written in lower case, words after a preposition of place, before a type word or in a
        chain are read as if capitalised.
        """
        original = text
        where: list[int] | None = None
        script = ""
        if not text.isascii():
            if not unicodedata.is_normalized("NFC", text):
                text, where = _nfc(text)
            script = _main_script(text)
        lower_doc = _mostly_lowercase(text)
        # a text in lower case: what the context makes a place; else a notable place's name
        # written in lower case by mistake ("in ramadi")
        text = _capitalise_cued(text, self.lexicon) if lower_doc else self._capitalise_stray(text)
        text = _hide_addresses(text)
        found = self._recognize(text, lower_doc, script)
        if text is original:
            return found
        return _restore(found, original, where, script)

    def _capitalise_stray(self, text: str) -> str:
        """A text in normal case with a notable place written in lower case where the context
        makes it a place ("a market in ramadi", "clashes in kunduz province"): that word
        capitalised (same length). Only a word English does not use (absent from the word
        list, or rarer than :data:`STRAY_ZIPF`) whose best reading is a notable place (a
        country, province, capital or city of 100,000), right after a preposition of place or
        right before a type word; everything else stays as written."""
        common = self.lexicon.common
        found: list[tuple[int, str]] = []  # (offset, word) of each word in a place's context
        # every preposition's matches in one scan; a match of a preposition that starts inside
        # the previous match of the same preposition ("from from ramadi") is skipped, as that
        # preposition's own scan for non-overlapping matches would
        ends: dict[str, int] = {}
        for m in _STRAY_AFTER_ANY.finditer(text):
            if m.start() >= ends.get(m.group(1), 0):
                ends[m.group(1)] = m.end(2)
                found.append((m.start(2), m.group(2)))
        # a dateline in lower case ("peshawar, 26 march 2026:", "kunduz (afp) -")
        found += _dateline_words(text)
        for literal, pattern in _STRAY_BEFORE:
            if literal not in text:  # (str's search is many times faster than the scan)
                continue
            for m in pattern.finditer(text):
                before = _WORD_BEFORE_TYPE.search(text, max(0, m.start() - 40), m.start() + 1)
                if before is not None:
                    found.append((before.start(1), before.group(1)))
        chars: list[str] | None = None
        for at, word in found:
            if common.get(word, 0.0) >= STRAY_ZIPF or not self._is_key[word]:
                continue
            places = self.gazetteer.lookup_key(word)
            if not places or _prominent(places[0]) < 1:
                continue
            if chars is None:
                chars = list(text)
            chars[at] = chars[at].upper()
        return text if chars is None else "".join(chars)

    def _recognize(self, text: str, lower_doc: bool, script: str = "") -> Recognition:
        tokens = tokenize(text, self._norm.__getitem__, lower=self._lower)
        masked = self._mask_organisations(tokens)
        persons, person_words = self._mask_persons(tokens, masked, text)
        spans: list[Span] = []
        ranges: list[tuple[int, int]] = []
        demonyms: list[Demonym] = []
        title_lines = _TitleLines(text, self.lexicon.common)  # read on first use
        demonym_first = self._demonym_first
        lex_after = self.lexicon.after
        n = len(tokens)
        blocked = masked | persons
        # The tokens that may start a name (a key, the first word of a longer key, a demonym,
        # a word before a possessive: "People's Republic"); most capitalised words start none.
        may_start = self._may_start
        starts = [k for k, t in enumerate(tokens) if t.cap and may_start[t.norm]]
        before_possessive = (
            [k - 1 for k, t in enumerate(tokens) if k and t.gap[:1] in _APOSTROPHE_GAPS]
            if "'" in text or "’" in text
            else []
        )
        if before_possessive:
            starts = sorted({*starts, *(k for k in before_possessive if tokens[k].cap)})
        starts = self._article_starts(text, tokens, starts, may_start)
        i = 0
        for i0 in starts:
            if i0 < i or i0 in blocked:
                continue
            i = i0
            tok = tokens[i]
            found = self._match_at(tokens, i, masked, persons)
            dem = self._demonym_at(text, tokens, i) if tok.norm in demonym_first else None
            # "Saudi", "Afghan": a demonym, even when the gazetteer knows it as a short name
            if dem is not None and (found is None or tokens[found[0] - 1].end <= dem.end):
                demonyms.append(dem)
                i = next(
                    k
                    for k in range(i, len(tokens) + 1)
                    if k == len(tokens) or tokens[k].start >= dem.end
                )
                continue
            if found is None:
                i += 1
                continue
            j, key, places = found
            if (
                j == i + 1
                and ranges
                and ranges[-1][1] == i
                and tok.gap == " "
                and self.lexicon.common.get(tok.text.lower(), 0.0) >= COMMON_NAME_WORD
                and _prominent(places[0]) < 2
                and " " in spans[-1].key
            ):
                i = j  # "Saint Petersburg Metro": a common word ending a longer name
                continue
            if j == i + 1 and i > 0 and tokens[i - 1].text.lower() == "the":
                places = self._with_article(key, places)
            span = self._span_at(
                text, tokens, i, j, key, places, title_lines, person_words, lower_doc
            )
            if span is not None and self._keep(span, tokens, i, j, text):
                spans.append(span)
                ranges.append((i, j))
            elif j - i > 1 and (
                shorter := self._shorter(
                    text, tokens, i, j, masked, title_lines, person_words, lower_doc
                )
            ):
                span, j = shorter  # "Long Beach Airport" no place here: "Long Beach" is
                spans.append(span)
                ranges.append((i, j))
            elif j < n and tokens[j].join and tokens[j].text.lower().rstrip(".") in lex_after:
                j += 1  # "Saint Petersburg Metro": the thing's word is no place either
            i = j
        if "the " in text:
            spans, ranges = self._bare_seas(text, tokens, spans, ranges, blocked, demonyms)
        spans = self._names_in_runs(text, tokens, spans, ranges, blocked, lower_doc)
        mask_spans = sorted([(tokens[a].start, tokens[b - 1].end) for a, b in _ranges(blocked)])
        if self._abbr_patterns:
            spans = self._with_abbreviations(text, spans, mask_spans)
        spans, demonyms = self._descriptions(text, spans, demonyms)
        spans = _without_defined_short_forms(text, spans)
        if not text.isascii() and _ARABIC_LETTER.search(text) is not None:
            spans = self._with_arabic_script(text, spans)
        return Recognition(tuple(spans), tuple(demonyms), tuple(mask_spans), script)

    @staticmethod
    def _article_starts(
        text: str, tokens: Sequence[_Token], starts: list[int], may_start: Mapping[str, bool]
    ) -> list[int]:
        """``starts`` with the Arabic article written in lower case before a capitalised name
        ("near al-Busayrah"): the gazetteer's name has it ("Al Busayrah"), and the name alone
        may be a weaker key or another place (Busayra in Jordan). Where the article and the
        name are no key together, the name is matched alone, as before."""
        if "al-" not in text and "el-" not in text:
            return starts
        more = [
            k
            for k in range(len(tokens) - 1)
            if tokens[k].text in ("al", "el")
            and tokens[k + 1].gap == "-"
            and tokens[k + 1].cap
            and may_start[tokens[k].norm]
        ]
        return sorted({*starts, *more}) if more else starts

    # -- names in Arabic script --------------------------------------------------------------

    def _with_arabic_script(self, text: str, spans: list[Span]) -> list[Span]:
        """Add the names the gazetteer has in Arabic script (Arabic, Dari, Pashto, Urdu).

        The script has no capitals to pick names out, so every stretch of Arabic-script text
        is scanned for the gazetteer's Arabic-script keys at once with an Aho-Corasick
        automaton (``pyahocorasick``); the longest match at word bounds wins. Three letters at
        least, so that particles are no names.
        """
        if self._arabic_matcher is None:
            import ahocorasick

            matcher = ahocorasick.Automaton()
            for key in self._arabic_keys:
                if len(key.replace(" ", "")) >= 3:
                    matcher.add_word(key, key)
            matcher.make_automaton()
            self._arabic_matcher = matcher
        if len(self._arabic_matcher) == 0:
            return spans
        found: list[Span] = []
        for run in _ARABIC_RUN.finditer(text):
            folded, where = _fold_arabic(run.group())
            hits = [
                (end + 1 - len(key), end + 1, key)
                for end, key in self._arabic_matcher.iter(folded)
                if (end + 1 - len(key) == 0 or folded[end - len(key)] == " ")
                and (end + 1 == len(folded) or folded[end + 1] == " ")
            ]
            hits.sort(key=lambda h: (h[0] - h[1], h[0]))  # longest first
            taken: list[tuple[int, int]] = []
            for a, b, key in hits:
                if any(a < y and x < b for x, y in taken):
                    continue
                places = self.gazetteer.lookup_key(key)
                if not places:
                    continue
                taken.append((a, b))
                start, end = run.start() + where[a], run.start() + where[b - 1] + 1
                found.append(Span(text[start:end], start, end, key, self._candidates(places)))
        if not found:
            return spans
        kept = [s for s in spans if not any(f.start < s.end and s.start < f.end for f in found)]
        return sorted(kept + found, key=lambda s: s.start)

    # -- names the gazetteer has under another spelling, or not at all ------------------------

    def _names_in_runs(  # noqa: C901 - one pass over the runs, each rule a few lines
        self,
        text: str,
        tokens: Sequence[_Token],
        spans: list[Span],
        ranges: list[tuple[int, int]],
        blocked: set[int],
        lower_doc: bool,
    ) -> list[Span]:
        """Spelling variants, fragments of unknown names, names under a strong cue.

        A run of capitalised words joined by spaces, hyphens or particles ("Dasht-e-Barchi",
        "Puli Alam", "Zhar Sahib") is one name. When the gazetteer has it under another
        spelling (its transliteration skeleton), that place is its candidate; when a known name
        covers only part of it and the rest is a proper name, the known part is a fragment and
        the whole run is kept as an unknown name (listed unresolved, never read as the
        fragment's namesake); a name under a strong cue ("X village", "X, Y district") may
        also be a small place only such a cue admits (an Afghan village).
        """
        out: list[Span] = []
        used: set[int] = set()  # indexes of spans replaced
        surnames: set[str] = set()
        by_token = {}
        for n, (a, b) in enumerate(ranges):
            for k in range(a, b):
                by_token[k] = n
        common = self.lexicon.common
        types = self.lexicon.types
        worth = self._worth_word
        # the one-word runs: words not matched that are worth a look-up (most words are not)
        singles = [k for k, t in enumerate(tokens) if t.cap and k not in by_token and worth[t.text]]
        typed = self._typed_unknowns(text, tokens, by_token, blocked)
        if typed:
            singles = sorted({*singles, *typed})
        for a, b in _runs(tokens, blocked, singles):
            core = b
            # trailing common words ("Park", "Metro", "Police") name a thing at the place; a
            # word after a particle belongs to the name ("Ras al-Ain")
            # and so does a type word ("Rostov Oblast": Rostov, with the type hint "oblast")
            while core > a + 1 and (
                not tokens[core - 1].cap
                or (
                    tokens[core - 2].cap
                    and (
                        common.get(tokens[core - 1].text.lower(), 0.0) >= 3.2
                        or tokens[core - 1].norm in types
                    )
                )
            ):
                core -= 1
            # leading common words ("Police Academy Quetta") are not part of the name either,
            # nor is the article "A" ("A Quetta court": single letters are no common words)
            while (
                a + 1 < core
                and a not in by_token
                and (tokens[a].text == "A" or common.get(tokens[a].text.lower(), 0.0) >= 3.2)
            ):
                a += 1
            if not tokens[a].cap:
                continue
            inner = sorted({by_token[k] for k in range(a, core) if k in by_token})
            if len(inner) == 1 and ranges[inner[0]] == (a, core):
                continue  # the whole name is known
            rest = [
                k
                for k in range(a, core)
                if k not in by_token and tokens[k].cap and tokens[k].norm not in self._demonym_first
            ]
            linked = any(not tokens[k].cap for k in range(a, core))  # "Ras al-Ain"
            if inner and not rest and not linked:
                # "Zhar Sahib": small places' names side by side, joined by a space, are one
                # name; "Kabul-Jalalabad" (a hyphen) or "Pakistan Afghanistan" are two
                linked = (
                    len(inner) > 1
                    and all(tokens[k].gap == " " for k in range(a + 1, core))
                    and any(_prominent(spans[n].candidates[0]) == 0 for n in inner)
                )
            if not inner and not rest and a + 1 < core:
                continue  # common words only ("The Technology Ministry")
            if inner and not rest and not linked:
                continue  # known names side by side ("Kabul-Jalalabad"), or with common words
            if (
                not inner
                and a + 1 == core
                and a not in typed
                and (
                    not self._maybe_variant(tokens[a])
                    or (b == a + 1 and tokens[a].text.lower() in self.lexicon.never_alone)
                )
            ):
                continue  # a variant of one word is looked up unless the word is never a place
            if inner and rest and self._leads(tokens, spans[inner[0]], ranges[inner[0]], a):
                continue  # "Douglas County Sheriff", "Peshawar Zalmi": a place, then a thing
            start, end = tokens[a].start, tokens[core - 1].end
            # a Persian compound with its ezafe ("Dasht-e-Barchi", "Qala-i-Naw") is a place name
            ezafe = any(tokens[k].text.lower() in _EZAFE for k in range(a + 1, core - 1))
            cue = ezafe or self._strong_cue(text, tokens, a, core)
            span = self._variant_span(text, start, end, cue, lower_doc)
            if span is None and cue and not (a + 1 == core and tokens[a].text.isupper()):
                # (one unknown word in capitals is an acronym: "the UNAMA area office")
                key = normalize(text[start:end])
                if key and len(key) > 2:
                    span = Span(text[start:end], start, end, key, (), kind="unknown", cue=cue)
            if span is not None:
                used.update(inner)
                out.append(span)
            elif inner:
                # a fragment of a name the gazetteer does not know ("Torrey" of "Torrey
                # Westrom"): not its namesake; the whole is listed only where the text says
                # it is a place (a chain, a type word)
                used.update(inner)
                last = spans[inner[-1]]
                if (
                    core - a == 2
                    and ranges[inner[-1]] == (a + 1, core)
                    and _prominent(last.candidates[0]) == 0
                    and common.get(tokens[a].text.lower(), 0.0) < 3.0
                ):
                    surnames.add(last.text)  # "Zemari Ahmadi": later, "Ahmadi" is the man
        if not out and not used:
            return spans
        if surnames:
            used.update(
                n
                for n, s in enumerate(spans)
                if s.text in surnames and s.candidates[0].feature_code not in _COUNTRY_OR_ADM1
            )
        kept = [s for n, s in enumerate(spans) if n not in used]
        named = _Intervals((o.start, o.end) for o in out)
        kept = [s for s in kept if not named.overlaps(s.start, s.end)]
        return sorted(kept + out, key=lambda s: s.start)

    def _typed_unknowns(
        self, text: str, tokens: Sequence[_Token], by_token: Mapping[int, int], blocked: set[int]
    ) -> frozenset[int]:
        """One unknown word the text calls a place: "the Surankote area", "in Mirali
        tehsil", "the village of Zarvanek". The word follows "the" or a preposition of place
        and comes before a settlement or district word (``_UNKNOWN_TYPES``), or follows such a
        word and "of" (``_UNKNOWN_TYPES_BEFORE``); it is no key of the gazetteer (a known name was
        judged by the matcher: "the Cantonment area" is no place), no common English word,
        given name, surname or demonym, and not in capitals (an acronym). Listed as
        unresolved, never guessed; a spelling variant of a known name is that name."""
        # The type words are found with str.find (a regular expression is tried at every
        # position of the text); the rule needs one standing as a word.
        found = [
            (i, word) for word in _TYPE_WORDS if word in text for i in _occurrences(text, word)
        ]
        if not any(_UNKNOWN_TYPE_WORD.match(text, i) for i, _ in found):
            return frozenset()
        lex = self.lexicon
        out = set()
        # Only a word right before a type word or right after "of" (and "the") can pass the
        # tests below, and only the few words there are looked at: the others would fail both
        # regular expressions below. A word before a type word ends where blanks start.
        before_type = {
            _blanks_start(text, i)
            for i, word in found
            if word in _UNKNOWN_TYPES
            and text[i - 1 : i] in _BLANKS
            and not _ASCII_LETTER.match(text, i + len(word))
        }
        after_of = {m.end() for m in _AFTER_OF.finditer(text)}
        # the tokens at those places, found in one comprehension (no loop body per token)
        at = (
            [k for k, t in enumerate(tokens) if t.end in before_type or t.start in after_of]
            if before_type or after_of
            else []
        )
        for k in at:
            t = tokens[k]
            if (
                not t.cap
                or k in by_token
                or k in blocked
                or len(t.text) < 4
                or t.text.isupper()
                or self._is_key[t.norm]  # known, and judged ("the Cantonment area")
            ):
                continue
            after = _NEXT_WORD.match(text, t.end)
            if after is not None and after.group(1) in _UNKNOWN_TYPES:
                if not _PLACE_LEAD.search(text, max(0, t.start - 12), t.start):
                    continue
            else:
                before = _TYPE_OF.search(text, max(0, t.start - 30), t.start)
                if before is None or before.group(1).lower() not in _UNKNOWN_TYPES_BEFORE:
                    continue
            word = t.text
            if (
                lex.common.get(word.lower(), 0.0) >= UNKNOWN_COMMON
                or word in lex.given
                or word in lex.surnames
                or t.norm in self._demonym_first
            ):
                continue
            out.add(k)
        return frozenset(out)

    def _leads(
        self, tokens: Sequence[_Token], span: Span, covered: tuple[int, int], a: int
    ) -> bool:
        """Whether a known name opening a run is a place in its own right, not a fragment of
        a longer unknown name: several words ("Douglas County"), an admin unit, or a place of
        100,000 people or more."""
        if covered[0] != a:
            return False
        top = span.candidates[0]
        if covered[1] - covered[0] > 1 or (top.feature_class == "A" and not _municipal(top)):
            return True
        # "Gainesville VFW Post", "Peshawar police": a large place, then a thing; "Van Dorn"
        # (a particle) and "Kabul Khan" (a person's name after it) are no place
        lex = self.lexicon
        after = tokens[covered[1]].text if covered[1] < len(tokens) else ""
        return (
            _prominent(top) > 0
            and tokens[a].norm not in _NAME_PARTICLES
            and after not in lex.given
            and after not in lex.surnames
        )

    def _maybe_variant(self, tok: _Token) -> bool:
        """Whether a lone unknown capitalised word is worth a spelling-variant look-up."""
        return self._worth_word[tok.text]

    def _worth_variant(self, word: str) -> bool:
        norm = self._norm[word]
        return (
            len(word) >= 4
            and self.lexicon.common.get(word.lower(), 0.0) < 2.5
            and word not in self.lexicon.given
            and word not in self.lexicon.surnames
            and (
                norm in self._cue_keys
                or (bool(skeleton := translit_key(norm)) and skeleton in self._skeletons)
            )
        )

    def _variant_span(
        self, text: str, start: int, end: int, cue: bool, lower_doc: bool
    ) -> Span | None:
        """A span for ``text[start:end]`` when the gazetteer knows it under another spelling."""
        surface = text[start:end]
        key = normalize(surface)
        got = self._variants.get(key)
        if got is None and key not in self._variants:
            got = self._variant(key)
            if len(self._variants) >= 200_000:
                self._variants.clear()
            self._variants[key] = got
        if got is None:
            return None
        places = got[1] if cue else got[2]
        if not places:
            return None
        # keyed by the place's own name: its spellings are one name of the document
        key = normalize(places[0].name)
        return Span(surface, start, end, key, places, uncertain_case=lower_doc, cue=cue)

    def _variant(self, key: str) -> tuple[str, tuple[Place, ...], tuple[Place, ...]] | None:
        """The key and the places the gazetteer knows ``key`` as under another spelling; then
        the same places without those admitted only under a cue (one tuple for every span, so
        that later stages remember them by identity)."""
        if key in self._keys:
            return None  # the matcher has judged it already
        if key in self._cue_keys:
            places = self.gazetteer.lookup_key(key)
        else:
            skeleton = translit_key(key)
            if not skeleton or skeleton not in self._skeletons or len(skeleton) < 3:
                return None
            flat = key.replace(" ", "")
            places = [
                p
                for p in self.gazetteer.lookup_key(key)
                if _similar(flat, normalize(p.name).replace(" ", ""))
                or _similar(flat, normalize(p.ascii_name).replace(" ", ""))
            ]
        if not places:
            return None
        found = self._candidates(places)
        return key, found, tuple(p for p in found if p.source not in CUE_ONLY_SOURCES)

    def _strong_cue(self, text: str, tokens: Sequence[_Token], a: int, b: int) -> bool:
        """A type word after the name ("X village"), or a chain ("X, Y"), or "village of X"."""
        end = tokens[b - 1].end
        after = _NEXT_WORD.match(text, end)
        if after and after.group(1).lower() in self.lexicon.types:
            return True
        if b < len(tokens) and tokens[b].cap and _CHAIN_GAP.fullmatch(tokens[b].gap):
            return True
        before = _TYPE_OF.search(text, max(0, tokens[a].start - 30), tokens[a].start)
        return bool(before and before.group(1).lower() in self.lexicon.types)

    def _descriptions(
        self, text: str, spans: list[Span], demonyms: list[Demonym]
    ) -> tuple[list[Span], list[Demonym]]:
        """ "the Afghan capital" names Kabul: a span whose one candidate is that capital."""
        if "capital" not in text:
            return spans, demonyms
        found: list[Span] = []
        for m in _CAPITAL_OF.finditer(text):
            key = normalize(m.group(1).replace("-", " "))
            code = self.lexicon.demonyms.get(key)
            if not code or key in self.lexicon.demonym_places:
                continue  # "the Dagestani capital" is Makhachkala, not Moscow: left unread
            if code not in self._capitals:
                self._capitals[code] = self.gazetteer.capital(code)
            capital = self._capitals[code]
            if capital is None:
                continue
            start, end = m.span()
            found.append(
                Span(text[start:end], start, end, normalize(capital.name), (capital,),
                     kind="description", cue=True)
            )  # fmt: skip
        if not found:
            return spans, demonyms
        spans = sorted(spans + found, key=lambda s: s.start)
        demonyms = [d for d in demonyms if not any(f.start <= d.start < f.end for f in found)]
        return spans, demonyms

    # -- matching ---------------------------------------------------------------------------

    def _match_at(
        self, tokens: Sequence[_Token], i: int, masked: set[int], persons: set[int]
    ) -> tuple[int, str, list[Place]] | None:
        first = tokens[i].norm
        keys = self._is_key
        limit = self._limits[first]
        n = len(tokens)
        nxt = tokens[i + 1] if i + 1 < n else None
        possessive = nxt is not None and nxt.gap[:1] in _APOSTROPHE_GAPS
        if limit > 1 or possessive:
            # most words start a longer key, but the next word seldom continues a name (the
            # first test of the loop below, made once here): then one word only
            if nxt is not None and not (
                i + 1 in masked
                or not nxt.join
                or (not nxt.cap and nxt.text.lower() not in CONNECTORS)
            ):
                found = self._longer_match(tokens, i, masked, limit, possessive)
                if found is not None:
                    return found
            if not tokens[i].cap:
                return None
        # one word: the common case, a word that starts no longer name
        if keys[first] and not self._doomed(tokens, i):
            places = self.gazetteer.lookup_key(first)
            if places:
                return i + 1, first, places
        return None

    def _shorter(
        self,
        text: str,
        tokens: Sequence[_Token],
        i: int,
        j: int,
        masked: set[int],
        title_lines: _TitleLines,
        person_words: set[str],
        lower_doc: bool,
    ) -> tuple[Span, int] | None:
        """The longest name that starts at ``i`` and ends before ``j``, when the name
        ``i:j`` is no place here ("Long Beach Airport": the airport's name in everyday words)."""
        found = self._longer_match(tokens, i, masked, j - i - 1, False) if j - i > 2 else None
        if found is None:
            if not tokens[i].cap or not self._is_key[tokens[i].norm] or self._doomed(tokens, i):
                return None
            places = self.gazetteer.lookup_key(tokens[i].norm)
            if not places:
                return None
            found = (i + 1, tokens[i].norm, places)
        k, key, places = found
        span = self._span_at(text, tokens, i, k, key, places, title_lines, person_words, lower_doc)
        if span is None or not self._keep(span, tokens, i, k, text):
            return None
        return span, k

    def _longer_match(
        self, tokens: Sequence[_Token], i: int, masked: set[int], limit: int, possessive: bool
    ) -> tuple[int, str, list[Place]] | None:
        """The longest key of two words or more at ``i`` (see :meth:`_match_at`)."""
        n = len(tokens)
        limit = min(limit, MAX_TOKENS)
        if possessive:
            # a possessive: "People's Republic" is keyed "peoples republic"
            limit = max(limit, min(self._longest.get(tokens[i].norm + "s", 1), MAX_TOKENS))
        j_max = i + 1
        simple = j_max  # tokens[i:simple] are joined by spaces and hyphens only
        while j_max < n and j_max - i < limit:
            nxt = tokens[j_max]
            if j_max in masked or not nxt.join:
                break
            if not nxt.cap and nxt.text.lower() not in CONNECTORS:
                break
            j_max += 1
            if simple == j_max - 1 and nxt.gap in _SIMPLE_GAPS:
                simple = j_max
        # the longest name of two words or more first (often the next word joins none)
        keys = self._is_key
        for j in range(j_max, i + 1, -1):
            if not tokens[j - 1].cap:
                continue
            key = self._key_of(tokens, i, j, simple)
            if keys[key]:
                places = self.gazetteer.lookup_key(key)
                if places:
                    return j, key, places
        return None

    def _never_one_word(self, word: str) -> bool:
        # the tests of _span_at and _rejected on one word alone (single letters, "In", "He")
        return (
            len(word) < 2
            or (len(word) <= 2 and not word.isupper())
            or word.lower() in self.lexicon.never_alone
        )

    def _doomed(self, tokens: Sequence[_Token], i: int) -> bool:
        """Whether a one-word match at ``i`` is rejected whatever the gazetteer holds, so the
        caller may as well see no match (a look-up and its places saved: "He", "In", "of").

        These are the tests of :meth:`_span_at` and :meth:`_rejected` that need no candidate;
        a word before another thing's word ("Metro") is looked up all the same, because the
        caller then skips that word too, and whether it does depends on the place.
        """
        lex = self.lexicon
        if not (
            self._never_one[tokens[i].text]
            or (
                i >= 2
                and tokens[i - 1].text == "of"
                and tokens[i - 2].text.lower() in lex.before_of
            )
        ):
            return False
        if i + 1 < len(tokens):
            nxt = tokens[i + 1]
            return not (nxt.join and nxt.text.lower().rstrip(".") in lex.after)
        return True

    def _key_of(self, tokens: Sequence[_Token], i: int, j: int, simple: int) -> str:
        """The gazetteer key tokens ``i:j`` (two or more) are looked up as; those up to
        ``simple`` are joined by spaces and hyphens only."""
        if j <= simple:
            return " ".join([t.norm for t in tokens[i:j]])
        whole = normalize(tokens[i].text + "".join(t.gap + t.text for t in tokens[i + 1 : j]))
        if any(t.gap[:1] in _APOSTROPHE_GAPS for t in tokens[i + 1 : j]):
            # a possessive inside the name keeps its "s" ("People's Republic of China"); one
            # that ends a name is no part of the next ("Washington's Dulles Airport")
            return whole
        key = normalize(" ".join([t.text for t in tokens[i:j]]))
        return key if self._is_key[key] or not self._is_key[whole] else whole

    def _span_at(
        self,
        text: str,
        tokens: Sequence[_Token],
        i: int,
        j: int,
        key: str,
        places: list[Place],
        title_lines: _TitleLines,
        person_words: set[str],
        lower_doc: bool = False,
    ) -> Span | None:
        """The span of tokens ``i:j`` matched as ``key``, or None when the cheap evidence of
        :meth:`_rejected` or :meth:`_person_here` already says it is no place here (most
        matches: "He", "In", "Malik said")."""
        start, end = tokens[i].start, tokens[j - 1].end
        if end - start < 2:
            return None
        if j - i == 1 and self._person_here(tokens, i, places[0], person_words):
            return None  # before the case and type word are read, which it needs neither of
        surface = text[start:end]
        if self._rejected(surface, places[0], tokens, i, j, text, start, end):
            return None
        if surface.isupper() and len(surface) > 3:
            # a dateline ("CHARLESTON, W.Va. --") is a place; an all-caps headline says nothing
            uncertain = _line_mostly_upper(text, start)
        else:
            # what the case says is weighed only for a name that is also an English word
            # ("May", "Police"): the headline lines are looked for only then
            uncertain = lower_doc or (
                surface.lower() in self.lexicon.common
                and (_sentence_initial(text, start) or title_lines.contain(start))
            )
        hint = ""
        after = _NEXT_WORD.match(text, end)
        if after and after.group(1).lower() in self.lexicon.types:
            hint = after.group(1).lower()
        if not hint and "of" in text[max(0, start - 12) : start]:  # cheap test first
            before = _TYPE_OF.search(text, max(0, start - 30), start)
            if before and before.group(1).lower() in self.lexicon.types:
                hint = before.group(1).lower()
        cue = key in self._named_villages
        return _new_span(
            surface, start, end, key, self._candidates(places), uncertain, hint, "toponym", cue
        )

    def _rejected(
        self,
        surface: str,
        top: Place,
        tokens: Sequence[_Token],
        i: int,
        j: int,
        text: str,
        start: int,
        end: int,
    ) -> bool:
        """The evidence against a match that needs neither its case nor its type word."""
        lex = self.lexicon
        single = j - i == 1
        if single and len(surface) <= 2 and not surface.isupper():
            return True
        if single and surface.lower() in lex.never_alone:
            return True
        # Acronyms (NATO, ISI, CIA) are places only when they abbreviate a country or region;
        # a dateline ("KABUL (Reuters) -", "PESHAWAR:") is a place written in capitals.
        if (
            surface.isupper()
            and len(surface.replace(".", "")) <= 5
            and top.feature_class != "A"
            and not _dateline(text, start, end)
        ):
            return True
        # A place word followed by "Street", "University", "Times"...: another thing's name.
        if j < len(tokens) and tokens[j].cap and tokens[j].join:
            nxt = tokens[j].text.lower()
            if nxt in lex.after or nxt.rstrip(".") in lex.after:
                return True
        # "University of Texas", "Voice of America".
        return i >= 2 and tokens[i - 1].text == "of" and tokens[i - 2].text.lower() in lex.before_of

    def _candidates(self, places: list[Place]) -> tuple[Place, ...]:
        """One tuple per list the gazetteer returns, so later stages can remember by identity."""
        got = self._tuples.get(id(places))
        if got is not None and got[0] is places:
            return got[1]
        found = tuple(places)
        if len(self._tuples) >= 200_000:
            self._tuples.clear()
        self._tuples[id(places)] = (places, found)
        return found

    def _demonym_at(self, text: str, tokens: Sequence[_Token], i: int) -> Demonym | None:
        first = tokens[i].norm
        if first not in self._demonym_first:
            return None
        for j in (i + 2, i + 1):
            if j > len(tokens) or (j == i + 2 and not tokens[i + 1].join):
                continue
            key = " ".join(t.norm for t in tokens[i:j])
            cc = self.lexicon.demonyms.get(key)
            if cc is not None:
                start, end = tokens[i].start, tokens[j - 1].end
                region = self.lexicon.demonym_places.get(key, "")
                return Demonym(text[start:end], start, end, cc, region)
        return None

    # -- evidence ---------------------------------------------------------------------------

    def _person_here(
        self, tokens: Sequence[_Token], i: int, top: Place, person_words: set[str]
    ) -> bool:
        """Whether the one word at ``i``, best read as ``top``, is a person's name or title
        here rather than a place."""
        word = tokens[i].text
        if word in person_words and top.feature_code not in _COUNTRY_OR_ADM1:
            return True
        # "`Mir's` shop", "Malik said": a title or name, not a village abroad
        return (
            _prominent(top) == 0
            and word.lower().rstrip(".") in self.lexicon.titles
            and not (i > 0 and tokens[i - 1].text.lower() in _TITLE_PLACE_PREPOSITIONS)
        )

    def _keep(
        self,
        span: Span,
        tokens: Sequence[_Token],
        i: int,
        j: int,
        text: str = "",
    ) -> bool:
        """Apply the evidence that a matched name is not a place here, past :meth:`_rejected`
        and :meth:`_person_here` (tried in :meth:`_span_at`)."""
        top = span.candidates[0]
        # "South West England", "North East Nigeria": compass words before a name say which
        # part of it, they are not the first-level unit they also name (Cameroon's South-West)
        if (
            j < len(tokens)
            and tokens[j].cap
            and tokens[j].gap == " "
            and _COMPASS.issuperset(span.key.replace("-", " ").split())
        ):
            return False
        prominent = _prominent(top)
        # a river named alone is "the Indus", "the Nile"; "Ebola" and "Nile virus" are diseases
        if (
            j - i == 1
            and top.feature_code in _STREAMS
            and span.type_hint != "river"
            and not tokens[i].gap.lower().endswith("the ")
            and not (i > 0 and tokens[i - 1].text.lower() == "the")
        ):
            return False
        if j - i == 1 and not self._single_word_plausible(span, tokens, i, prominent, text):
            return False
        return self._plausible_word(span, prominent)

    def _single_word_plausible(
        self, span: Span, tokens: Sequence[_Token], i: int, prominent: int, text: str = ""
    ) -> bool:
        """Evidence against a one-word name: tail of another name, first name, stripped key."""
        lex = self.lexicon
        word = span.text
        zipf = lex.common.get(word.lower(), 0.0)
        prev = tokens[i - 1] if i > 0 else None
        # "Knox Park", "Memorial Day", "Athens Regional Park": a common word ending another name
        if (
            zipf >= 3.5
            and prominent == 0
            and prev is not None
            and prev.cap
            and len(prev.text) > 1
            and lex.common.get(prev.text.lower(), 0.0) < 5.0
            and tokens[i].join
            and not span.uncertain_case
        ):
            return False
        if prominent == 0 and word in lex.common_given:
            return False
        # "the Cantonment (area)", "the Gorge": a common noun with an article, not a small
        # place; "the Danghara District", "the Dasu area of Kohistan" name one (the regular
        # expressions last: most names have no article)
        if (
            prominent == 0
            and span.candidates[0].feature_class == "P"
            and (
                (prev is not None and prev.text.lower() == "the" and tokens[i].gap == " ")
                or tokens[i].gap.lower().endswith(" the ")
            )
            and not (span.type_hint and _NAMED_UNIT.match(text, span.end))
            and not _ROUTE_PAIR.match(text, span.end)  # "the Khash–Zahedan road": two towns
        ):
            return False
        if (
            text
            and text[span.start - 1 : span.start] in _OPEN_QUOTES
            and _QUOTED_BUSINESS.match(text, span.end)
        ):
            return False  # Haji Gul's "Shinwari" shop: the shop's name
        if prev is not None and tokens[i].join and prev.text.lower() in {"st", "saint", "ste"}:
            return False  # "St. Patrick's Day", "St. Mary's": a saint, else "St. X" would match
        # "Chamber of Commerce", "Department of Energy": a small place after "<Name> of"
        if (
            prominent == 0
            and i >= 2
            and prev is not None
            and prev.text == "of"
            and tokens[i - 2].cap
            and prev.join
        ):
            return False
        # Only "Hall County" is called "hall" (the gazetteer's key without "County"): a common
        # word or a surname standing alone is not that county.
        # A curated alias ("Sinai" of the Sinai Peninsula) is a name, not a stripped key; so is
        # a sea's or a region's name after "the" ("the Atlantic" of the Atlantic Ocean).
        top = span.candidates[0]
        stripped = (
            prominent < 2
            and not self.is_exact(span.key, top)
            and self.gazetteer.name_kind(span.key, top) == KIND_STRIPPED
            and not (
                top.feature_class in _TAKES_ARTICLE and prev is not None and prev.text == "the"
            )
        )
        return not stripped or not (zipf >= 3.0 or word in lex.surnames or word in lex.given)

    def _plausible_word(self, span: Span, prominent: int) -> bool:
        """Weigh how common the word is against how prominent the place is."""
        if " " in span.key:
            # "Liberty Square": everyday English words that only a small place has as an
            # alternate name. Names of Arabic or Persian words that English also uses ("Tal
            # Afar", "Abu Kamal") are rarer than that, and an admin unit ("Swat District") is
            # not a small place.
            common = self.lexicon.common
            top = span.candidates[0]
            return not (
                prominent == 0
                and top.feature_class != "A"
                and all(
                    common.get(w, 0.0) >= COMMON_NAME_WORD and w not in _ABBREVIATED
                    for w in span.key.split()
                )
                and not self.is_primary(span.key, top)
            )
        zipf = self.lexicon.common.get(span.text.lower())
        if zipf is None:
            return True
        if span.type_hint in _UNIT_WORDS and span.text[:1].isupper() and zipf < 5.0:
            # "Tank district", "Kurram agency": the type word of an admin unit that a reading of
            # the name is says it is that unit, unless the word is among English's commonest
            # ("Police District 9", "School District"); "town", "city", "valley" follow everyday
            # words too ("But town leaders", "Emerald City")
            codes = self.lexicon.types.get(span.type_hint, ())
            if any(c.feature_code in codes for c in span.candidates):
                return True
        # A common word that names a place only as an alternate name ("Google" for Topeka,
        # "United" for Uttar Pradesh), unless a country or a province is known by it ("Britain").
        top = span.candidates[0]
        if zipf >= 5.0 and not (
            self.is_exact(span.key, top)
            or (prominent >= 2 and self.gazetteer.name_kind(span.key, top) == KIND_PRIMARY)
        ):
            return False  # a country's own or curated name is kept: "America" (aliases.tsv)
        if zipf >= 3.5 and prominent < 2 and not self.is_primary(span.key, top):
            return False
        if span.uncertain_case:
            if zipf >= 5.0:
                return prominent >= 2
            if zipf >= 3.0:
                # "AT A CAR WASH." in capitals: an English word is a place only by its own name
                # ("WASH" is an alternate name of Washington state)
                return prominent >= 1 and self.is_primary(span.key, top)
            return True
        if zipf >= 4.0:
            return prominent >= 1
        return True

    def _mask_organisations(self, tokens: Sequence[_Token]) -> set[int]:
        masked: set[int] = set()
        for a, b in self._orgs.find(tokens):
            masked.update(range(a, b))
        for a, b in self._orgs_exact.find(tokens):
            masked.update(range(a, b))
        return masked

    def _mask_persons(
        self, tokens: Sequence[_Token], masked: set[int], text: str = ""
    ) -> tuple[set[int], set[str]]:
        """Token indexes inside person names, and the words of those names (for later mentions).

        A title or honorific before a name ("President Obama", "Qari Zakir", "Mullah Omar",
        and lower-case "president Vladimir Putin") is masked with the name, unless the two
        start a longer place name ("Mir Ali").
        """
        lex = self.lexicon
        persons: set[int] = set()
        words: set[str] = set()
        cue = self._cues
        cues = [i for i, t in enumerate(tokens[:-1]) if t.cap and cue[t.text]]
        if text:
            self._lower_titles(text, tokens, masked, persons, words)
        end = 0
        for i in cues:
            if i < end or i in masked:
                continue
            tok = tokens[i]
            word = tok.text
            nxt = tokens[i + 1]
            linked = (
                (nxt.cap or nxt.text.lower() in _NAME_PARTICLES)
                and nxt.join
                and "\n" not in nxt.gap
                and nxt.gap[:1] not in ("'", "’")  # "John's Kabul trip": a possessive
            )
            is_title = word.lower().rstrip(".") in lex.titles
            if (linked and is_title and not self._longer_place(tokens, i)) or (
                linked
                and word in lex.given
                and self._name_like(nxt.text)
                and not self._longer_place(tokens, i)
            ):
                end = self._name_end(tokens, i + 1)
                persons.update(range(i, end))
                words.update(t.text for t in tokens[i + 1 : end])
        return persons, words

    def _lower_titles(
        self,
        text: str,
        tokens: Sequence[_Token],
        masked: set[int],
        persons: set[int],
        words: set[str],
    ) -> None:
        """Mask names after a lower-case title: "president Vladimir Putin", "cleric Qari Zakir"."""
        titles = self.lexicon.titles
        # two capitalised words at least: a title is not before a place (the pairs found in
        # one comprehension, no loop body per token)
        pairs = [
            i
            for i, (tok, nxt) in enumerate(itertools.pairwise(tokens))
            if tok.cap and nxt.cap and nxt.join and nxt.gap == " "
        ]
        for i in pairs:
            if i in masked or i in persons:
                continue
            tok = tokens[i]
            # the regular expression only where the last word before may be a title: an
            # alphabetic word that is none is no title ("said Obama", most pairs)
            last = text[max(0, tok.start - 20) : tok.start].rsplit(None, 1)[-1:]
            if not last:
                continue
            word = last[0][:-1] if last[0].endswith(".") else last[0]
            if word not in titles and word.isalpha():
                continue
            before = _WORD_BEFORE.search(text, max(0, tok.start - 20), tok.start)
            if before is None or before.group(1) not in titles:
                continue
            if self._longer_place(tokens, i):
                continue
            end = self._name_end(tokens, i)
            persons.update(range(i, end))
            words.update(t.text for t in tokens[i:end])

    def _person_cue(self, word: str) -> bool:
        """Whether a capitalised word is a title or a given name (remembered per word)."""
        return self._cues[word]

    def _person_cue_uncached(self, word: str) -> bool:
        starts = self._person_starts
        return word in starts or word.lower().rstrip(".") in starts

    def _name_like(self, word: str) -> bool:
        lex = self.lexicon
        if word.lower() in _NAME_PARTICLES:
            return True
        if word in lex.surnames or word in lex.given:
            return True
        lower = word.lower()
        return lower not in lex.titles and lower not in lex.after and lex.common.get(lower, 0) < 4.0

    def _longer_place(self, tokens: Sequence[_Token], i: int) -> bool:
        """True when the given name starts a longer gazetteer name (Virginia Beach)."""
        found = self._match_at(tokens, i, set(), set())
        return found is not None and found[0] > i + 1

    def _name_end(self, tokens: Sequence[_Token], j: int) -> int:
        """End of a person's name that continues at token j (capitalised words and particles)."""
        n = len(tokens)
        start = j
        while j < n and (tokens[j].cap or tokens[j].text.lower() in _NAME_PARTICLES):
            if tokens[j].text.lower() in self.lexicon.after:
                break
            j += 1
            if j >= n or "\n" in tokens[j].gap or not tokens[j].join:
                break
            if tokens[j].gap[:1] in ("'", "’"):  # "Obama's Kabul visit": the name ended
                break
        while j > start and tokens[j - 1].text.lower() in _NAME_PARTICLES:
            j -= 1
        return j


_STREAMS = frozenset({"STM", "STMI"})
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "central"}
)  # fmt: skip
#: After a name, a type word that is part of a proper name ("Danghara District") or places the
#: name inside another ("the Dasu area of Upper Kohistan").
_NAMED_UNIT = re.compile(r"[ \t]+(?:[A-Z][a-z]+\b|[a-z]+[ \t]+(?:of|in)[ \t]+(?:the[ \t]+)?[A-Z])")
_COUNTRY_OR_ADM1 = frozenset({"PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "PCL", "ADM1", "TERR"})


#: Feature classes English names with "the" (seas, rivers, lakes; ranges, deserts; regions).
_TAKES_ARTICLE = frozenset("HTL")
_SEA_CODES = frozenset({"SEA", "OCN"})
#: Settlement and district words after which one unknown capitalised word is a place's name
#: ("the Surankote area", "in Mirali tehsil"); "province" and "state" name known units.
_UNKNOWN_TYPES = frozenset(
    {"area", "district", "tehsil", "village", "town", "sector", "neighbourhood",
     "neighborhood", "subdistrict", "valley"}
)  # fmt: skip
#: ... or before it, with "of": "the village of Zarvanek", "the town of Zarvanek".
_UNKNOWN_TYPES_BEFORE = frozenset({"village", "town", "city", "district", "tehsil"})
_UNKNOWN_TYPE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_UNKNOWN_TYPES | _UNKNOWN_TYPES_BEFORE)) + r")\b"
)
_TYPE_WORDS = tuple(sorted(_UNKNOWN_TYPES | _UNKNOWN_TYPES_BEFORE))
#: Where :data:`_TYPE_OF` may end (at the match's end): after "of" and maybe "the".
_AFTER_OF = re.compile(r"of\s+(?:the\s+)?")
#: "the" or a preposition of place right before the word.
_PLACE_LEAD = re.compile(r"\b(?:the|in|of|near|at|from|to|into|outside)\s+$", re.IGNORECASE)
#: An unknown word this common in English (log frequency) is no place's name ("the Monday
#: area", "the Border district").
UNKNOWN_COMMON = 2.5
#: A word this common in English (log frequency, ``common_words.tsv``) after "the" is not read
#: as a sea's first word: "the North", "the Black", "the Red", "the White", "the Indian".
BARE_SEA_COMMON = 4.5
#: Words that may follow "the <sea's first word>": a preposition, conjunction or verb of being,
#: not a noun the word would qualify ("the Mediterranean coast", "the Baltic states").
_AFTER_BARE_SEA = frozenset(
    {
        "in", "on", "at", "to", "from", "and", "or", "but", "by", "for", "with", "near", "off",
        "since", "into", "toward", "towards", "between", "where", "which", "that", "was",
        "were", "is", "are", "has", "have", "had", "as", "after", "before", "until", "during",
        "via", "through", "across", "when", "while", "over", "last", "this", "each", "every",
    }
)  # fmt: skip


#: Countries whose first-level units are municipalities (Malta's local councils, Slovenia's
#: municipalities): such an ADM1 unit weighs as a second-level unit, not a province.
SMALL_ADMIN1 = frozenset(line.split("\t", 1)[0] for line in _data_lines("small_admin1.tsv"))


#: The ids of Natural Earth's 1:10m geography regions (``gazetteer/vendor_sources.py``): islands,
#: ranges, peninsulas, deserts drawn as polygons at that scale, so large enough to be notable
#: (Java, Luzon, Sumatra, the Hindu Kush) though they carry no population.
NE_REGION_PREFIX = "ne:rg:"


#: Type words of admin units only (see Recognizer._plausible_word).
_UNIT_WORDS = frozenset(
    {"district", "province", "tehsil", "agency", "governorate", "oblast", "prefecture", "raion"}
)


def notable_feature(place: Place) -> bool:
    """Whether ``place`` is a named physical feature or region notable though it has no
    population: a Natural Earth 1:10m geography region, or a feature (not a settlement or a
    site) of the hand-reviewed ``gazetteer/curated.tsv`` (the Sinai, the Strait of Hormuz)."""
    return place.id.startswith(NE_REGION_PREFIX) or (
        place.source == "curated" and place.feature_class in _TAKES_ARTICLE
    )


def _municipal(place: Place) -> bool:
    """Whether ``place`` is a first-level unit that is a municipality (:data:`SMALL_ADMIN1`)."""
    return place.feature_code == "ADM1" and place.country_code in SMALL_ADMIN1


def _prominent(place: Place) -> int:
    """0 a small place, 1 a notable one (>= 100,000 people, a capital, a region, an ocean or a
    sea, a Natural Earth geography region; not a curated feature, whose aliases may be common
    words: "Gulf" of the Persian Gulf), 2 a major one (a country, a first-level unit
    other than a municipality of :data:`SMALL_ADMIN1`, a city of a million)."""
    if place.population >= 1_000_000 or (
        place.feature_code in _COUNTRY_OR_ADM1 and not _municipal(place)
    ):
        return 2
    if (
        place.population >= 100_000
        or place.feature_code in {"PPLC", "CONT", "RGN", "OCN", "SEA"}
        or place.id.startswith(NE_REGION_PREFIX)
    ):
        return 1
    return 0


class _Phrases:
    """Multi-word phrases matched on token sequences (hyphens, spaces, line breaks alike)."""

    def __init__(self, phrases: Iterable[str], *, case_sensitive: bool) -> None:
        self._case_sensitive = case_sensitive
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        self.lower: set[str] = set()
        for phrase in phrases:
            tokens = tokenize(phrase, every_word=True)
            self.lower.update(t.text for t in tokens if not t.cap)
            words = tuple(self._word(t) for t in tokens)
            if words:
                self._by_first.setdefault(words[0], []).append(words)
        for seqs in self._by_first.values():
            seqs.sort(key=len, reverse=True)

    def _word(self, token: _Token) -> str:
        return token.text if self._case_sensitive else token.norm

    def find(self, tokens: Sequence[_Token]) -> list[tuple[int, int]]:
        """(first, last + 1) token indexes of each phrase found, longest first, no overlaps."""
        out: list[tuple[int, int]] = []
        n = len(tokens)
        by_first = self._by_first
        col = 2 if self._case_sensitive else 6  # _Token.text or _Token.norm
        end = 0
        for i in [i for i, t in enumerate(tokens) if t[col] in by_first]:
            if i < end:
                continue
            for seq in by_first[str(tokens[i][col])]:
                k = len(seq)
                if i + k <= n and all(
                    tokens[i + m][col] == seq[m] and tokens[i + m].join for m in range(1, k)
                ):
                    out.append((i, i + k))
                    end = i + k
                    break
        return out


def _ranges(indexes: set[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in sorted(indexes):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


_DATELINE_AFTER = re.compile(r"[ \t]*(?:\(|,|:|[-–—]{1,2}[ \t])")


def _dateline(text: str, start: int, end: int) -> bool:
    """True for a name in capitals that opens a line and is followed by "(", ",", ":" or a dash."""
    if not text or (start and text[start - 1] != "\n"):
        return False
    return _DATELINE_AFTER.match(text, end) is not None


def _sentence_initial(text: str, start: int) -> bool:
    """True at the start of the text, of a paragraph, or after a sentence's end."""
    k = start - 1
    while k >= 0 and (text[k] in " \t\r\u00a0" or text[k] in _OPENERS):
        k -= 1
    if k < 0:
        return True
    if text[k] == "\n":
        # a line break: a new paragraph if the line before is blank or ends a sentence
        m = k - 1
        while m >= 0 and text[m] in " \t\r":
            m -= 1
        return m < 0 or text[m] == "\n" or text[m] in _SENTENCE_END or text[m] in ':”"'
    return text[k] in _SENTENCE_END or text[k] == ":"


#: A word of four characters or more (a shorter word is skipped whole: no word starts inside).
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


_QUOTED = re.compile(r"[“\"]([^“”\"\n]{10,200}+)[”\"]")  # possessive: no backtracking
#: The most characters from the opening quotation mark of a _QUOTED title to a position in it.
_QUOTED_REACH = 201


def _mostly_capitalised(segment: str, common: Mapping[str, float]) -> bool:
    """Most longer words capitalised, two of them common words ("Attack", "Kills"), not names."""
    words = _TITLE_WORD.findall(segment)
    caps = [w for w in words if w[0].isupper()]
    if len(words) < 3 or len(caps) < 3 or len(caps) < 0.75 * len(words):
        return False
    return sum(1 for w in caps if common.get(w.lower(), 0.0) >= 4.5) >= 2


class _TitleLines:
    """The headline-like stretches of a text: lines, or quoted titles, where most longer words
    are capitalised (:func:`_mostly_capitalised`). A line or a quoted title is judged when a
    position in it is first asked about: most texts have a few candidate names at a sentence
    start or none."""

    def __init__(self, text: str, common: Mapping[str, float]) -> None:
        self._text = text
        self._common = common
        self._starts: list[int] | None = None  # offset of each line (``str.splitlines``)
        self._lines: list[str] = []
        self._quoted: list[tuple[int, int]] | None = None  # in text order, disjoint
        self._quoted_starts: list[int] = []
        self._judged: dict[tuple[int, int], bool] = {}

    def contain(self, pos: int) -> bool:
        if self._starts is None:
            self._lines = self._text.splitlines(keepends=True)
            self._starts = [0, *itertools.accumulate(map(len, self._lines))]
        n = bisect.bisect_right(self._starts, pos) - 1
        if n < len(self._lines):
            line = self._lines[n]
            if len(line) < 300 and self._judge(self._starts[n], self._starts[n] + len(line)):
                return True
        if self._quoted is None:
            # no quotation mark within reach before pos: no quoted title holds it (most texts
            # are then never searched for quoted titles)
            near = self._text[max(0, pos - _QUOTED_REACH) : pos + 1]
            if '"' not in near and "“" not in near:
                return False
            self._quoted = list(map(_SPAN, _QUOTED.finditer(self._text), itertools.repeat(1)))
            self._quoted_starts = [a for a, _ in self._quoted]
        k = bisect.bisect_right(self._quoted_starts, pos) - 1  # the one title that may hold pos
        return k >= 0 and pos < self._quoted[k][1] and self._judge(*self._quoted[k])

    def _judge(self, a: int, b: int) -> bool:
        got = self._judged.get((a, b))
        if got is None:
            got = self._judged[a, b] = _mostly_capitalised(self._text[a:b], self._common)
        return got


#: A dash joining a name to the next capitalised one: a route or a pair of places ("the
#: Khash–Zahedan road", "the Kabul-Jalalabad highway").
_ROUTE_PAIR = re.compile(r"\s?[-‐‑–—]\s?[A-Z]")


#: A name in quotation marks followed by what it names ('the "Shinwari" shop'): a business's or
#: a thing's name, not a place.
_OPEN_QUOTES = frozenset("\"“‘'")
_QUOTED_BUSINESS = re.compile(
    r"[\"”’']\s+(?:shop|store|restaurant|hotel|guesthouse|cafe|café|bakery|pharmacy|"
    r"company|brand|market|supermarket|bank|clinic|cinema|wedding\s+hall|school|madrassa)s?\b",
    re.I,
)


#: Prepositions after which a title word that is also a village's name is that village.
_TITLE_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "outside", "into"})


class _Intervals:
    """Half-open intervals, asked whether any overlaps or contains a given one in O(log n).

    Built once from (start, end) pairs: sorted by start, with the running maximum of ends.
    """

    __slots__ = ("_max_ends", "_starts")

    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(pairs)
        self._starts = [a for a, _ in ordered]
        self._max_ends = list(itertools.accumulate((b for _, b in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether an interval (a, b) has a < end and start < b."""
        k = bisect.bisect_left(self._starts, end)
        return k > 0 and self._max_ends[k - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """Whether an interval (a, b) has a <= start and end <= b."""
        k = bisect.bisect_right(self._starts, start)
        return k > 0 and self._max_ends[k - 1] >= end

    def holds(self, pos: int) -> bool:
        """Whether an interval (a, b) has a <= pos < b."""
        return self.contains(pos, pos + 1)


#: The words before a bracket that may be the long form of a short form in it.
_LONG_FORM = re.compile(r"(?:[A-Za-z][\w'’-]*[ \t]+){1,8}$")


def _without_defined_short_forms(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` without the short forms brackets define (:func:`_defined_short_form`)."""
    if "(" not in text:
        return spans
    ends = {s.end for s in spans}
    kept: list[Span] = []
    for span in spans:
        if _defined_short_form(text, span):
            before = span.start - 1  # the bracket; a place's name may end just before it
            while before > 0 and text[before - 1] in " \t":
                before -= 1
            if before not in ends:
                continue
        kept.append(span)
    return kept


def _defined_short_form(text: str, span: Span) -> bool:
    """Whether a name in capitals is the short form a bracket defines for the words before it
    ("Light Infantry Battalion (LIB)", "Border Security Force (BSF)"): a name, not a place (the
    Marshall Islands' Lib). Schwartz & Hearst (2003): its letters appear in order in the long
    form, the first starting a word; the long form here is capitalised words, at most twice as
    many as the short form has letters. A place's own short form ("Khyber Pakhtunkhwa (KP)",
    "Democratic Republic of Congo (DRC)") stays a mention of it, as GeoVirus annotates it."""
    short = span.text
    if not (2 <= len(short) <= 6 and short.isupper() and short.isalpha()):
        return False
    if text[span.start - 1 : span.start] != "(" or text[span.end : span.end + 1] != ")":
        return False
    before = _LONG_FORM.search(text, max(0, span.start - 120), span.start - 1)
    if before is None:
        return False
    words = before.group().split()[-2 * len(short) :]
    capitalised = [w for w in words if w[:1].isupper()]
    if len(capitalised) < len(short) - 1:
        return False
    return abbreviates(short, " ".join(words))


def _line_mostly_upper(text: str, pos: int) -> bool:
    """True when the line around ``pos`` (up to 80 characters each side) is mostly capitals."""
    a = max(text.rfind("\n", 0, pos) + 1, pos - 80)
    b = text.find("\n", pos)
    b = min(b if b >= 0 else len(text), pos + 80)
    letters = list(filter(str.isalpha, text[a:b]))  # in C, character by character
    return len(letters) > 20 and sum(map(str.isupper, letters)) > 0.6 * len(letters)


# -- text preparation -------------------------------------------------------------------------


def _nfc(text: str) -> tuple[str, list[int]]:
    """``text`` in NFC, and for each of its offsets (and its end) the offset in ``text``."""
    combining = unicodedata.combining
    parts: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and combining(text[j]):
            j += 1
        part = unicodedata.normalize("NFC", text[i:j]) if j > i + 1 else text[i]
        parts.append(part)
        where.extend([i] * len(part))
        i = j
    where.append(n)
    return "".join(parts), where


_LETTER = re.compile(r"[^\W\d_]")


def _main_script(text: str) -> str:
    """The script of most letters of ``text`` when it is not Latin, else ``""``."""
    head = text[:20_000]
    if len(head.encode("utf-8")) < 1.3 * len(head):
        return ""  # mostly one-byte characters: Latin script
    sample = _LETTER.findall(head)
    if len(sample) < 40:
        return ""
    latin = sum(1 for c in sample if c < "\u0250")
    if latin * 2 >= len(sample):
        return ""
    scripts: dict[str, int] = {}
    for c in sample:
        if c >= "\u0250":
            name = unicodedata.name(c, "OTHER").split(" ")[0]
            scripts[name] = scripts.get(name, 0) + 1
    return max(scripts, key=scripts.__getitem__).title()


_CAPITAL = re.compile(r"[A-Z]")


def _mostly_lowercase(text: str) -> bool:
    """True for a text written in lower case: almost no capital letter (news prose has one in
    every six or seven words)."""
    sample = text[:50_000]
    words = sample.count(" ")
    if words < 5:
        return False
    limit = 0.02 * words
    return all(n <= limit for n, _ in enumerate(_CAPITAL.finditer(sample), start=1))


#: Lower-case words after which a place name may follow in lower-case text.
_PLACE_PREPOSITIONS = frozenset(
    [
        "in",
        "near",
        "at",
        "from",
        "into",
        "across",
        "outside",
        "around",
        "towards",
        "toward",
        "through",
        "via",
        "inside",
        "within",
        "between",
        "of",
        "to",
    ]
)
#: Verbs of attack and movement whose object in lower-case text may be a place ("militants
#: stormed kunduz", "troops recaptured palmyra"); an article after them introduces a thing.
_PLACE_VERBS = frozenset(
    {"stormed", "attacked", "captured", "recaptured", "seized", "shelled", "bombed", "raided",
     "besieged", "overran", "entered", "reached", "fled", "evacuated", "liberated", "occupied"}
)  # fmt: skip
#: Words that end the stretch read as a name after a preposition.
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "on",
        "in",
        "at",
        "of",
        "to",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "said",
        "says",
        "after",
        "before",
        "when",
        "while",
        "where",
        "which",
        "who",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "on",
        "near",
        "during",
        "since",
        "until",
        "over",
        "under",
        "against",
        "about",
    ]
)
_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*")
#: A lower-case word right after a preposition of place, or right before a type word, in a text
#: in normal case ("in ramadi", "kunduz province"); see Recognizer._capitalise_stray. After a
#: preposition: the preposition (group 1) and the word (group 2), every preposition in one scan,
#: the word in a look-ahead so that a match of one preposition does not hide an overlapping one
#: of another ("from inside kunduz"). Before a type word: one pattern per word, each starting
#: with a literal (scanned fast), not one alternation.
_STRAY_AFTER_ANY = re.compile(
    r" (in|near|outside|inside|across|around|from)(?=[ \t]+([a-z]{4,})\b(?![-'’]))"
)
_STRAY_BEFORE = tuple(
    (" " + word, re.compile(" " + word + r"\b"))
    for word in ("province", "district", "city", "governorate", "oblast", "tehsil")
)
#: A word that opens a line and a dateline: a comma and a day or month, an agency in brackets,
#: a colon or a dash ("peshawar, 26 march 2026:", "kunduz (afp) -", "idlib: ...").
_STRAY_DATELINE = re.compile(
    r"(?m)^[ \t]*([a-z]{4,})(?=[ \t]*(?:,[ \t]*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\b)|\(|:[ \t]|[-‐‑–—]{1,2}[ \t]))"
)
#: _STRAY_DATELINE without its line start, tried at each line start (after each "\n", where
#: (?m)^ matches) instead of at every position of the text.
_STRAY_DATELINE_AT = re.compile(_STRAY_DATELINE.pattern.removeprefix("(?m)^"))


def _dateline_words(text: str) -> list[tuple[int, str]]:
    """(offset, word) of each _STRAY_DATELINE match, in text order."""
    found = []
    pos = 0
    while True:
        m = _STRAY_DATELINE_AT.match(text, pos)
        if m is not None:
            found.append((m.start(1), m.group(1)))
        pos = text.find("\n", pos) + 1
        if not pos:
            return found


#: The word right before a type word, not after an article ("the northeastern province").
_WORD_BEFORE_TYPE = re.compile(
    r"(?<![\w'’-])(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )([a-z]{4,})[ \t]+$"
)
#: How common (wordfreq Zipf) a lower-case word may be and still be read as a stray place name.
STRAY_ZIPF = 3.7
_WORD_GAP = re.compile(r"[ \t-]+|,[ \t]*")


def _capitalise_cued(text: str, lexicon: Lexicon) -> str:
    """Lower-case text with the words that the context makes place names capitalised.

    Up to four words after a preposition of place ("in north waziristan") or a verb of attack
    or movement with no article after it ("stormed kunduz"), up to three before
    a type word ("kunar province"), the words of a chain after a comma ("..., pakistan") and
    a dateline's first word ("peshawar, 2 may 2023:") are capitalised; the length of the text
    does not change.
    """
    chars = list(text)
    words = [(m.start(), m.end(), m.group()) for m in _LOWER_WORD.finditer(text)]
    marked: set[int] = set()
    for n, (_, _end, word) in enumerate(words):
        if word in _PLACE_PREPOSITIONS or word in _PLACE_VERBS:
            first = n + 2 if n + 1 < len(words) and words[n + 1][2] == "the" else n + 1
            if word in _PLACE_VERBS and first != n + 1:
                continue  # "stormed the compound": a thing, not a place's name
            k = first
            while k < len(words) and k <= first + 3 and words[k][2] not in _STOP_WORDS:
                if k > first and not _WORD_GAP.fullmatch(text, words[k - 1][1], words[k][0]):
                    break
                marked.add(k)
                k += 1
        elif word in lexicon.types:
            for k in range(n - 1, max(-1, n - 4), -1):
                if words[k][2] in _STOP_WORDS:
                    break
                marked.add(k)
    dateline_starts = {at for at, _ in _dateline_words(text)}
    marked.update(k for k, (start, _end, _word) in enumerate(words) if start in dateline_starts)
    for k in sorted(marked):
        start = words[k][0]
        upper = chars[start].upper()
        if len(upper) == 1:
            chars[start] = upper
    return "".join(chars)


#: The kinds of address, each with what every match of it holds: "://" or "www." (a link), "@"
#: (an e-mail address, a handle), or a dot and a top-level domain (a bare domain).
_ADDRESS_KINDS = (
    (r"(?:https?://|www\.)[^\s<>\"')\]]+", "link"),
    (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "at"),
    (r"(?<![\w@])@\w+", "at"),
    (
        r"(?<![\w.])(?:[\w-]+\.)+(?:com|org|net|gov|edu|info|io|pk|af|ir|iq|sy|in|ru|uk|tv)\b"
        r"(?:/[^\s]*)?",
        "domain",
    ),
)
#: What every address has (in this case): "://", "www.", "@" (found with ``in``), or a dot and
#: a top-level domain.
_ADDRESS_HINT = re.compile(r"\.(?:com|org|net|gov|edu|info|io|pk|af|ir|iq|sy|in|ru|uk|tv)\b")


#: The same in any case: every match of _ADDRESS has one of these (or "@", "://", "www.").
_ADDRESS_HINT_ANY_CASE = re.compile(_ADDRESS_HINT.pattern, re.IGNORECASE)


def _hide_addresses(text: str) -> str:
    """Blank out URLs, e-mail addresses, domains and handles (same length): no place there."""
    if (
        "@" not in text
        and "://" not in text
        and "www." not in text
        and _ADDRESS_HINT.search(text) is None
    ):
        return text
    # An address holds no whitespace, so none spans two lines or two words: only the lines
    # with a hint of one are searched, each with the kinds of address its hints allow (the
    # expression is slow, tried at every position of a line), and the words with an "@" apart
    # from the rest of their line (an e-mail address's part is tried from every letter).
    out = []
    for line in text.splitlines(keepends=True):
        if "@" not in line:
            out.append(_without_addresses(line))
            continue
        end = 0
        for word in _AT_WORD.finditer(line):
            out.append(_without_addresses(line[end : word.start()]))
            out.append(_without_addresses(word.group()))
            end = word.end()
        out.append(_without_addresses(line[end:]))
    return "".join(out)


#: A word with an "@" (an e-mail address, a handle), whitespace around it.
_AT_WORD = re.compile(r"\S*@\S*")


def _without_addresses(piece: str) -> str:
    """``piece`` (a line, or a stretch of one between whitespace) with its addresses blanked."""
    kinds = _address_kinds(piece)
    return _addresses(kinds).sub(_blank, piece) if kinds else piece


def _address_kinds(piece: str) -> frozenset[str]:
    """The kinds of address (see _ADDRESS_KINDS) that ``piece`` may hold."""
    kinds = set()
    if "://" in piece or "www." in piece.lower():
        kinds.add("link")
    if "@" in piece:
        kinds.add("at")
    if _ADDRESS_HINT_ANY_CASE.search(piece) is not None:
        kinds.add("domain")
    return frozenset(kinds)


@cache
def _addresses(kinds: frozenset[str]) -> re.Pattern[str]:
    """The alternatives of _ADDRESS_KINDS of these kinds: at every position of a piece of text
    that holds no other kind, the same alternative matches first as with all of them, so the
    same addresses are found."""
    alternatives = [alt for alt, kind in _ADDRESS_KINDS if kind in kinds]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _blank(match: re.Match[str]) -> str:
    return "|" * len(match.group())


def _restore(
    found: Recognition, original: str, where: Sequence[int] | None, script: str
) -> Recognition:
    """Recognition on a prepared text, with offsets and surface strings of ``original``."""

    def at(pos: int) -> int:
        return where[pos] if where is not None else pos

    spans = tuple(
        replace(s, text=original[at(s.start) : at(s.end)], start=at(s.start), end=at(s.end))
        for s in found.places
    )
    demonyms = tuple(
        replace(d, text=original[at(d.start) : at(d.end)], start=at(d.start), end=at(d.end))
        for d in found.demonyms
    )
    masked = tuple((at(a), at(b)) for a, b in found.masked)
    return Recognition(spans, demonyms, masked, script)


_EZAFE = frozenset({"e", "i", "ye", "yi"})
_APOSTROPHE_GAPS = ("'", "’")
_SIMPLE_GAPS = (" ", "-")
#: Links inside one name of a run; "and", "of", "the" join two names or a thing and a place.
_RUN_LINKS = CONNECTORS - {"and", "of", "the", "on", "upon", "y", "wa"}
#: The gap between two names of a chain: "Zhar Sahib, Helmand".
_CHAIN_GAP = re.compile(r",[ \t]*")
#: "the Afghan capital", "the Syrian capital Damascus" (a name after it is the toponym instead).
_CAPITAL_OF = re.compile(
    r"\b[Tt]he\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+capital\b(?!\s+(?:of\s+|city\s+)?[A-Z])"
)


def _runs(
    tokens: Sequence[_Token], blocked: set[int], singles: Iterable[int]
) -> list[tuple[int, int]]:
    """Runs of capitalised words joined by spaces, hyphens or particles (token ranges), in text
    order: every run of two capitalised words or more, and the one-word runs at ``singles``.

    A run starts at a capitalised token that is not blocked and takes the tokens after it that
    join it and continue it (a capitalised word or a particle, "Ras al-Ain", after no
    possessive, dot or line break), up to its last capitalised one. Only the few tokens that
    join the one before are looked at; every other capitalised token is a one-word run.
    """
    joining = [  # in text order, in one comprehension (no call per token)
        k
        for k, t in enumerate(tokens)
        if t.join
        and k not in blocked
        and t.gap[:1] not in _RUN_BREAKS
        and "\n" not in t.gap
        and (t.cap or t.text.lower() in _RUN_LINKS)
    ]
    joined = set(joining)
    out: list[tuple[int, int]] = []
    covered: set[int] = set()
    i = 0  # the first token no run has taken yet
    for k in joining:
        start = k - 1
        if start < i or not tokens[start].cap or start in blocked:
            continue
        j = k
        last = start + 1
        while j in joined:
            j += 1
            if tokens[j - 1].cap:
                last = j
        if last - start > 1:
            out.append((start, last))
            covered.update(range(start, last))
        i = max(last, start + 1)
    out.extend(
        (k, k + 1) for k in singles if k not in covered and k not in blocked and tokens[k].cap
    )
    out.sort()
    return out


#: The first characters of a gap after which no run continues: a possessive, a dot.
_RUN_BREAKS = ("'", "’", ".")


#: Arabic-script letters (Arabic, Persian, Pashto, Urdu), and a stretch of them with the
#: spaces, zero-width non-joiners and diacritics between words.
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_ARABIC_RUN = re.compile(
    r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]"
    r"[\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ff \t\u200c]*"
)


def _fold_arabic(run: str) -> tuple[str, list[int]]:
    """A stretch of Arabic-script text in the gazetteer's key form (see
    :func:`mapper.gazetteer.normalize`: diacritics dropped, letter variants folded, word gaps
    as one space), and for each folded character its offset in ``run``."""
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(run):
        if unicodedata.combining(c) or c == "\u0640":
            continue  # a vowel mark or the tatweel: part of the word
        k = normalize(c) if not c.isspace() and c != "\u200c" else ""
        if not k:
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            continue
        out.append(k)
        where.extend([i] * len(k))
    folded = "".join(out).rstrip()
    return folded, where[: len(folded)]


_RECOGNIZERS: dict[int, tuple[Gazetteer, Recognizer]] = {}


def recognizer_for(gazetteer: Gazetteer) -> Recognizer:
    """The recognizer for a gazetteer, built on first use and kept in memory."""
    got = _RECOGNIZERS.get(id(gazetteer))
    if got is not None and got[0] is gazetteer:
        return got[1]
    if len(_RECOGNIZERS) >= 4:
        _RECOGNIZERS.clear()
    recognizer = Recognizer(gazetteer)
    _RECOGNIZERS[id(gazetteer)] = (gazetteer, recognizer)
    return recognizer


def recognize(text: str, gazetteer: Gazetteer) -> Recognition:
    """Find the spans of ``text`` that may name places in ``gazetteer`` (see the module doc)."""
    return recognizer_for(gazetteer).recognize(text)
