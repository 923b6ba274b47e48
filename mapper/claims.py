"""Claims from sentences: responsibility, denial, allegation, threat and condemnation.

Claim patterns from ``mapper/data/triggers.json`` propose claims; each takes its claimant (the
subject of its clause, "claimed by X", "..., criticized X"), what it is about (the actor accused,
threatened or condemned; backers named with "supported by" go to ``also_about``), the incidents of
the sentence (or the one told just before), the places named, the channel (a named outlet, or a
spokesman/statement of the claimant's own) and the hedges.  A group telling of its own attacks
("ISKP recalls how they carried out...") claims them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from mapper._rules import (
    BLAME_END,
    CLAIM_REFERENCE,
    GENERIC_CHANNELS,
    ClaimDraft,
    DocContext,
    Draft,
    Sentence,
    actor_at,
    channel_key,
    clean,
    date_for,
    subject_of,
    within,
)
from mapper.actors import specialise
from mapper.dates import edge_lines
from mapper.model import Claim, ClaimType, Source, When

if TYPE_CHECKING:
    from mapper.actors import ActorIndex
    from mapper.gazetteer import Place
    from mapper.model import Incident

_TEMPORAL = re.compile(r"\b(?:after|before|following|since|during|like)\s+(?:the\s+)?$", re.I)


_EVENT_ANAPHOR = re.compile(
    r"\b(?:the|this|that|both|these|those)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|bombings?|blasts?|explosions?|assaults?|killings?|ambush(?:es)?|strikes?|"
    r"incident|operation|massacre|shooting|jail[\s-]?breaks?|prison\s+breaks?|raids?|"
    r"kidnappings?|abductions?|executions?|beheadings?|assassinations?|arrests?)\b",
    re.IGNORECASE,
)


# "had earlier claimed it", "blamed the TTP for it": a pronoun standing for the incident.
_EVENT_PRONOUN = re.compile(r"^\s+(?:it|them)\b|^[^,;]{0,60}?\bfor\s+(?:it|them)\b", re.I)


_CLAIM_CLAUSE = re.compile(r"[,;:][”\"’]?\s|\b(?:but|while|whereas|since|because)\s", re.IGNORECASE)


def claims_in(
    ctx: DocContext, sentence: Sentence, incidents: list[Draft], first_key: int
) -> list[ClaimDraft]:
    """The claims of one sentence, one per claim type and claimant.

    Parameters
    ----------
    ctx
        The document being read (its earlier incidents are ``ctx.drafts``).
    sentence
        The sentence, its subject already resolved.
    incidents
        The incidents this sentence proposed; claims link to them (or to the one told just
        before), and responsibility claims mark them as claimed.
    first_key
        The key of the first claim made here (keys number a document's claims).
    """
    text = ctx.text
    if text[sentence.start : sentence.end].rstrip().endswith("?"):
        return []
    worded = ctx.search(ctx.rules.any_claim, sentence.start, sentence.end) is not None
    if not worded and not incidents:
        return []  # no claim word, and no act a group could be telling of its own
    negated = bool(ctx.search(ctx.rules.negations, sentence.start, sentence.end))
    generic = bool(ctx.search(ctx.rules.generic, sentence.start, sentence.end))
    found: dict[tuple[str, str], ClaimDraft] = {}
    for claim_type, regex in ctx.rules.claims if worded else ():
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


def _claimant(
    ctx: DocContext, sentence: Sentence, match: re.Match[str], claim_type: str
) -> str | None:
    text = ctx.text
    after = text[match.end() : min(sentence.end, match.end() + 40)]
    by = re.match(r"\s*(?:\([^)]*\)\s*)?by\s+", after)
    if by is not None and match.group().rstrip().lower().endswith(("ed", "en")):
        # "was claimed by IS": the claimant; not "was a false flag operation by the army"
        return actor_at(ctx, sentence, match.end() + by.end(), min(sentence.end, match.end() + 110))
    who = _WHO.search(text, max(sentence.start, match.start() - 30), match.start())
    if who is not None:
        # "according to the Taliban's deputy spokesman, who blamed the Pakistani military": the
        # one the relative clause is about, named just before it
        named = within(ctx.actors, max(sentence.start, who.start() - 60), who.start())
        if named:
            return str(named[-1].actor)
        owner = _OWNER_BEFORE.search(text, max(sentence.start, who.start() - 60), who.start())
        return ctx.index.metonym(owner.group(1), ctx.reference.date) if owner else None
    before = text[max(sentence.start, match.start() - 3) : match.start()]
    if re.search(r"[,”\"]\s*$", before) and not _APPOSITIVE_BEFORE.search(
        text, sentence.start, match.start()
    ):
        tail = text[match.end() : sentence.end]
        named = within(ctx.actors, match.end(), sentence.end)
        # "“...”, criticized the IS.": the speaker is all that follows the verb.
        if (
            re.fullmatch(r"\s+(?:the\s+)?[\w\s'’-]{1,40}?[.!]?\s*", tail)
            and named
            and re.fullmatch(r"[\s.!]*", text[named[-1].end : sentence.end])
        ):
            return str(named[-1].actor)
    # The subject of the claim's own clause ("..., but the TTP denied"), else of the sentence
    # when it comes before the claim word ("Residents blamed ISKP" has no claimant).
    boundaries = list(_CLAIM_CLAUSE.finditer(text, sentence.start, match.start()))
    clause_start = boundaries[-1].end() if boundaries else sentence.start
    if _FIRST_PERSON.fullmatch(text, sentence.start, match.start()):
        # "We assume responsibility for ...", "2. We categorically reject ...": the group whose
        # statement it is
        author = statement_author(ctx)
        if author is not None:
            return author
    local, local_at = subject_of(ctx, sentence, clause_start, match.start())
    if local is not None:
        return local
    if local_at is not None and clause_start > sentence.start:
        # the clause has its own subject, one that is not a group we track: a state's office
        # or none ("..., but security officials blamed IS")
        return _state_force_claimant(ctx, sentence, clause_start, match.start(), claim_type)
    own = _NAME_BEFORE.search(ctx.text, max(clause_start, match.start() - 40), match.start())
    if (
        own is not None
        and clause_start > sentence.start
        and not _listed(ctx, own.start(), clause_start)
    ):
        # "..., a charge Kabul denied": the clause's own subject, an actor only as a metonym
        return _metonym_claimant(ctx, clause_start, match.start())
    if sentence.subject is not None and (sentence.subject_start or 0) < match.start():
        return sentence.subject
    return _metonym_claimant(ctx, clause_start, match.start()) or _state_force_claimant(
        ctx, sentence, clause_start, match.start(), claim_type
    )


#: A state's force, office or officials named without their country, right before the claim
#: word: "The army blamed the ELN", "Police said ... and blamed", "the military has denied", "but
#: security officials blamed", "An army spokesman rejected", "Defence Headquarters blamed",
#: "Balochistan's home minister blamed". The head may take only the qualifiers of an office
#: ("hospital officials", "rebel officials" are no state's).
_STATE_FORCE = re.compile(
    r"(?:^|\b(?:but|and|while|whereas)\s+|[,;:]\s+|[\w-]+['’]s\s+"
    # after an article, a place or office may be named first: "The Taiz governorate"
    r"|\b(?:the|a|an)\s+(?-i:[A-Z][\w'’-]+\s+){0,2})"
    r"(?:(?:security|government|military|army|police|provincial|district|local|state|federal|"
    r"regional|county|senior|top|intelligence|defen[cs]e|interior|home|foreign|information|"
    r"counter-?terrorism)\s+){0,3}"
    r"(?:army|military|armed\s+forces|security\s+forces|police|government|authorities|"
    r"officials?|spokes(?:man|woman|person)|ministers?|ministry|headquarters|commanders?|"
    r"governor|governorate|administration|secretariat|prefecture|presidency|department)"
    # what the office is of or for, then the name of its holder: "The army spokesman for the
    # Sokola 1 operations, Lieutenant Marc Elongo,", "Secretariat of Public Security (SSP)"
    r"(?:\s+(?:of|for|in)\s+[^,;()\n]{1,40}?)?(?:\s+\([^()\n]{1,15}\))?"
    r"(?:,\s+[^,;()\n]{1,50},)?"
    r"\s+(?:(?:has|had|have|also|later|strongly|flatly|categorically|swiftly)\s+)*$",
    re.I,
)


def _state_force_claimant(
    ctx: DocContext, sentence: Sentence, clause_start: int, at: int, claim_type: str
) -> str | None:
    """ "The army blamed the ELN": the state of the country the report's places there lie in,
    when the data lists it as a metonym; None otherwise. The places are those of the claim's
    sentence and the one before it, else of the whole document, and must all lie in one
    country (a digest of several countries says whose army only item by item; "Police blamed
    al-Shabaab militants crossing from neighbouring Somalia" after a Kenyan sentence says
    nothing sure). An accusation must name the group it accuses, one we track or one named or
    quoted, and not the state's own forces (local officials blaming the army speak for no
    state)."""
    if (
        _STATE_FORCE.search(ctx.text[clause_start:at]) is None
        and _STATE_FORCE.search(ctx.text[sentence.start : at]) is None  # the holder named apart
    ):
        return None
    if claim_type == "allegation" and not within(ctx.actors, at, sentence.end):
        named = _UNTRACKED_GROUP.match(ctx.text, at, sentence.end)
        if named is None or within(ctx.places, named.start("name"), named.end("name")):
            return None  # "Officials blamed reckless driving": an accusation of no group
    first = ctx.sentences[max(0, sentence.index - 1)].start
    state = None
    for start, end in ((first, sentence.end), (ctx.document.body_start, len(ctx.text))):
        countries = {m.place.country for m in within(ctx.places, start, end) if m.place}
        if len(countries) == 1:
            state = ctx.index.metonym(countries.pop(), ctx.reference.date)
            break
        if countries:
            return None
    if state is not None and claim_type == "allegation":
        stop = ctx.text.find(";", at, sentence.end)
        accused = [m.actor for m in within(ctx.actors, at, sentence.end if stop < 0 else stop)]
        if accused and all(ctx.index.related(actor, state) for actor in accused):
            return None  # "Local officials attributed the strike to the ENDF": not the state's
    return state


#: A group we do not track, accused by name or in quotes right after the claim word: "blamed
#: Los Chone Killers", "blamed \u201cremnants of the defunct regime\u201d" (not "blamed reckless
#: driving").
_UNTRACKED_GROUP = re.compile(
    r"\w+\s+(?:the\s+)?(?P<name>[\"“][^\"“”\n]{3,60}[\"”]|(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+))",
    re.IGNORECASE,
)


#: A name set off by commas right before a claim word, its subject's holder: "The army
#: spokesman, Colonel Ali Noor, blamed" (not "The Taliban had betrayed the jihad, criticized
#: the IS.": a clause, its speaker named after the verb).
_APPOSITIVE_BEFORE = re.compile(r"\w,\s+(?-i:[A-Z])[^,;:\"“”]{1,50},\s*$")


#: A statement's own voice before a claim word: "We", "Our organisation", "2. We categorically".
_FIRST_PERSON = re.compile(
    r"\W*(?:\d{1,2}[.)]\s*)?(?:we|our\s+(?:organi[sz]ation|movement|group|command|leadership|"
    r"front|party))\s+(?:(?:have|has|had|hereby|also|categorically|firmly|strongly|formally|"
    r"once\s+again|again)\s+)*",
    re.IGNORECASE,
)
#: A masthead or foot line that says the text is a statement of its own: "PUBLIC COMMUNIQUE",
#: "Press release", "STATEMENT No. 12".
_STATEMENT_WORD = re.compile(
    r"\b(?:communiqu[eé]s?|statement|press\s+release|declaration|announcement|bulletin)\b",
    re.IGNORECASE,
)
#: How many non-empty lines at a statement's top and foot may name whose statement it is.
STATEMENT_HEAD_LINES = 6
STATEMENT_FOOT_LINES = 4


def statement_author(ctx: DocContext) -> str | None:
    """The actor a document speaks for, when it is a statement of its own: its masthead calls
    it one ("PUBLIC COMMUNIQUE", "Press release") and its masthead or foot (the lines before
    its first paragraph, and its last short lines: a signature) name one tracked actor and no
    other ("NATIONAL LIBERATION ARMY – ELN", "ELN – Eastern War Front"). None otherwise: a
    report quoting a group's "we" does not speak for it.

    Returns
    -------
    str or None
        The actor's id.
    """
    text, body = ctx.text, ctx.document.body_start
    head: list[tuple[int, int]] = []
    for a, b in edge_lines(text, body, STATEMENT_HEAD_LINES):
        if b - a >= 120:
            break  # the first paragraph
        head.append((a, b))
    foot = [
        (a, b) for a, b in edge_lines(text, body, STATEMENT_FOOT_LINES, last=True) if b - a < 100
    ]
    if not any(_STATEMENT_WORD.search(text, a, b) for a, b in head):
        return None
    named = {str(m.actor) for a, b in head + foot for m in within(ctx.actors, a, b)}
    return named.pop() if len(named) == 1 else None


#: A relative clause opening just before a claim word: "..., who blamed".
_WHO = re.compile(r",?\s+who\s+(?:(?:has|had|have|also|later)\s+)*$", re.I)

#: The owner of a speaker named right before a relative clause: "Pakistan's interior minister".
_OWNER_BEFORE = re.compile(r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s\s+[a-z][\w\s-]{0,40}$")

_NAME_BEFORE = re.compile(
    r"(?:\bthe\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
    r"(?:['’]s\s+(?:foreign|interior|defen[cs]e|information)\s+(?:ministry|office|minister)|"
    r"['’]s\s+(?:government|military|army|president|prime\s+minister|officials|authorities))?"
    r"\s+(?:(?:has|had|have)\s+)?$"
)


# "Pakistan's foreign ministry": the country whose office speaks.
_OFFICE = re.compile(r"['’]s\s+.*$|\s+(?:has|had|have)\s*$")


def _listed(ctx: DocContext, at: int, clause_start: int = 0) -> bool:
    """Whether a name at ``at`` is one of a list ("countries like Iran, China, and Uzbekistan
    in their sights"), not a subject ("..., and Kabul denied": a clause's own subject)."""
    if re.fullmatch(r"\s*(?:and|but|while)\s+(?:the\s+)?", ctx.text[clause_start:at]):
        # "..., and Kabul denied": a clause's own subject, unless the clause before is a name of
        # a list ("Iran, China, and Uzbekistan in their sights")
        previous = ctx.text[max(0, clause_start - 40) : clause_start].rstrip(" ,")
        return bool(
            re.search(
                r"(?:,|\blike|\bsuch\s+as)\s*(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?$", previous
            )
        )
    before = ctx.text[max(0, at - 8) : at]
    return re.search(r"(?:,|\band|\bor|\blike|\bas|\bthan)\s*$", before) is not None


def _metonym_claimant(ctx: DocContext, clause_start: int, at: int) -> str | None:
    """ "..., which Islamabad rejected": a country or capital that stands for its government,
    written right before the claim word."""
    name = _NAME_BEFORE.search(ctx.text, max(clause_start, at - 40), at)
    if name is None:
        return None
    if _listed(ctx, name.start(), clause_start):
        return None
    written = _OFFICE.sub("", name.group().strip()).strip()
    on = ctx.reference.date
    return ctx.index.metonym(written, on)


def _claim(
    ctx: DocContext,
    sentence: Sentence,
    claim_type: str,
    match: re.Match[str],
    incidents: list[Draft],
    key: int,
) -> ClaimDraft | None:
    text = ctx.text
    claimant = _claimant(ctx, sentence, match, claim_type)
    if claimant is None:
        return None
    linked = _linked_incidents(ctx, claim_type, match, incidents)
    refers_back = False
    # "claimed responsibility", "Responsibility was claimed by": the word for the act is said
    responsibility = "responsib" in text[
        max(sentence.start, match.start() - 40) : match.end()
    ].lower() or bool(_OWN_MAN.search(match.group()))
    if not linked and claim_type != "threat":
        bare = claim_type == "denial" or responsibility
        refers_back = _refers_back(ctx, sentence, match, bare)
    if claim_type == "responsibility" and not linked and not refers_back and not responsibility:
        return None
    about, also_about = _about(ctx, sentence, claim_type, claimant, match, incidents, linked)
    places = (
        [m.place for m in ctx.places if sentence.start <= m.start < sentence.end and m.place]
        if claim_type in ("allegation", "threat")
        else []
    )
    if claim_type == "threat" and about is None and not places:
        return None  # a threat against no one named: a warning, not a claim
    return ClaimDraft(
        key=key,
        sentence=sentence.index,
        trigger_start=match.start(),
        claimant=claimant,
        claim_type=claim_type,
        about=about,
        also_about=also_about,
        incidents=linked,
        places=_unique_places(places),
        channel=_channel(ctx, sentence, claimant),
        channel_stated=_stated_channel(ctx, sentence, claimant) is not None,
        when=date_for(ctx, match.start(), sentence.start, sentence.end),
        hedges=_hedges(ctx, sentence),
        sources=[
            Source(
                ctx.document.id, text[sentence.start : sentence.end], sentence.start, sentence.end
            )
        ],
        refers_back=refers_back,
    )


#: "named the man ..., one of its soldiers": the group owns the attacker, so the attack.
_OWN_MAN = re.compile(
    r"\b(?:its|their)\s+(?:own\s+)?(?:soldiers?|fighters?|members?|mujahideen|martyrs?)\b", re.I
)


def _refers_back(ctx: DocContext, sentence: Sentence, match: re.Match[str], bare: bool) -> bool:
    """Whether a claim with no incident in its sentence is about one told before: "The TTP
    claimed the attack", "claimed responsibility", "denied involvement", "had claimed it"."""
    follows = ctx.text[match.end() : sentence.end]
    return bool(
        _EVENT_ANAPHOR.search(follows)
        or _EVENT_PRONOUN.search(follows)
        or (bare and not re.match(r"\s+for\b", follows))
        or re.match(
            r"\s+(?:responsibility\s+)?for\s+(?:the|this|that|these|those|its|their|both)\b",
            follows,
            re.I,
        )
    )


def _unique_places(places: Iterable[Place]) -> list[Place]:
    seen: dict[str, Place] = {}
    for place in places:
        seen.setdefault(place.id, place)
    return list(seen.values())


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s")
#: A blame whose sentence ends after whom it blames, or says "for it" / "for the attack".
_BARE_BLAME = re.compile(
    rf"blam\w*\s+(?:the\s+)?[^.;:,()\n]{{1,50}}?(?:\s+for\s+(?:it|this|that|the\s+\w+))?{BLAME_END}",
    re.IGNORECASE,
)


def _linked_incidents(
    ctx: DocContext, claim_type: str, match: re.Match[str], incidents: list[Draft]
) -> list[int]:
    if (
        claim_type == "allegation"
        and not incidents
        and ctx.drafts
        and _BARE_BLAME.match(ctx.text, match.start())
    ):
        # "A bomb killed five in Kabul. The Taliban blamed the Islamic State.": a bare blame
        # (no "of ..." or "that ..." saying what for) is about the event just told
        last = ctx.drafts[-1]
        between = ctx.text[last.trigger_end : match.start()]
        if len(between) <= 400 and len(_SENTENCE_BREAK.findall(between)) <= 1:
            return [last.key]
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


_BACKED = re.compile(
    r"\b(?:supported|backed|funded|financed|sponsored|armed|trained|aided|sheltered|run)\s+"
    r"(?:\w+\s+)?by\s+(?:the\s+)?$|\bwith\s+the\s+(?:help|support|backing)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)(?:the\s+)?")


def _about(
    ctx: DocContext,
    sentence: Sentence,
    claim_type: str,
    claimant: str,
    match: re.Match[str],
    incidents: list[Draft],
    linked: list[int],
) -> tuple[str | None, list[str]]:
    """Whom a claim is about, and the other actors it names (targets listed after the first,
    backers named with "supported by").

    The actor written just before the claim word owns it ("ISKP training centres"); else the
    first actor after it ("accused the Taliban", "accusing the movement" resolved), else the
    last before it, else the perpetrator of a linked incident.
    """
    if claim_type in ("responsibility", "denial"):
        return claimant, []
    text = ctx.text
    targets: list[str] = []
    backers: list[str] = []
    last_end: int | None = None
    for mention in within(ctx.actors, match.end(), sentence.end):
        if ctx.index.related(mention.actor, claimant):
            continue
        if _BACKED.search(text, max(match.end(), mention.start - 40), mention.start):
            backers.append(str(mention.actor))
        elif last_end is None or _COORDINATED.fullmatch(text, last_end, mention.start):
            targets.append(str(mention.actor))  # "accusing Al Qaeda and the Taliban"
            last_end = mention.end
    anaphor = (
        ctx.rules.anaphors.match(text, match.end() + 1)
        if text[match.end() : match.end() + 1] == " "
        else None
    )
    if anaphor is not None and anaphor.group().lower() not in ("it", "they", "its", "their"):
        resolved = _other_party(ctx, sentence, match.start(), claimant)
        if resolved is not None:
            targets.insert(0, resolved)
    before = [
        m
        for m in within(ctx.actors, sentence.start, match.start())
        if not ctx.index.related(m.actor, claimant)
    ]
    owner = (
        str(before[-1].actor)
        if before and re.fullmatch(r"(?:['’]s)?\s*", text[before[-1].end : match.start()])
        else None
    )
    # "accused Kabul of failing to act": a capital standing for its government, named first
    name = re.match(r"\s+([A-Z][\w-]*)", text[match.end() : match.end() + 30])
    direct = None if name is None else ctx.index.metonym(name.group(1), ctx.reference.date)
    about: str | None = owner or direct or (targets[0] if targets else None)
    if about is None and before:
        about = str(before[-1].actor)
    if about is None:
        about = next(
            (
                d.perpetrator
                for d in incidents
                if d.key in linked
                and d.perpetrator is not None
                and not ctx.index.related(d.perpetrator, claimant)
            ),
            None,
        )
    others = [a for a in dict.fromkeys(targets + backers) if a != about]
    return about, others


def _other_party(ctx: DocContext, sentence: Sentence, at: int, claimant: str) -> str | None:
    """What "the movement" or "the group" after an accusation stands for: the last armed group
    named before it, in its sentence or the three before, that is not the accuser."""
    first = ctx.sentences[max(0, sentence.index - 3)].start
    for mention in reversed(within(ctx.actors, first, at)):
        if ctx.index.is_militant(mention.actor) and not ctx.index.related(mention.actor, claimant):
            return str(mention.actor)
    return None


def _channel(ctx: DocContext, sentence: Sentence, claimant: str) -> str | None:
    """The outlet or spokesman a claim was made through: one named in its sentence that is not
    another actor's ("the spokesman for the Taliban" is not ISKP's channel; Al-Mersaad is the
    Taliban's), else the claimant's own outlet named earlier in the document."""
    stated = _stated_channel(ctx, sentence, claimant)
    if stated is not None:
        return stated
    # The latest publication of the claimant's named so far; the studio that produced it
    # ("Voice of Khurasan, produced by Al-Azaim Foundation") only when no publication is named.
    own = [
        (ctx.rules.channel_kinds.get(channel_key(outlet)) == "media foundation", -position, outlet)
        for position, outlet in ctx.outlets
        if ctx.index.related(ctx.rules.channel_owners.get(channel_key(outlet)), claimant)
    ]
    return min(own)[2] if own else None


def _stated_channel(ctx: DocContext, sentence: Sentence, claimant: str) -> str | None:
    """The channel named in the claim's sentence: a named outlet ("a statement published by
    Amaq": Amaq) before a generic word ("statement"), and never another actor's."""
    generic: str | None = None
    for match in ctx.rules.channels.finditer(ctx.text, sentence.start, sentence.end):
        name = clean(match.group())
        owner = ctx.rules.channel_owners.get(channel_key(name))
        is_generic = name.lower() in GENERIC_CHANNELS
        if owner is None and is_generic:
            owner = _attached_actor(ctx, match.start(), match.end())
        if owner is not None and not ctx.index.related(owner, claimant):
            continue
        if not is_generic:
            return name
        generic = generic or name
    return generic


def carry_hedges(ctx: DocContext, sentence: Sentence, claims: Sequence[ClaimDraft]) -> None:
    """Give a hedge said of a claim in a later sentence ("The claim could not be independently
    verified.") to the claims of the two sentences before it."""
    if any(c.sentence == sentence.index for c in claims):
        return
    if not ctx.search(CLAIM_REFERENCE, sentence.start, sentence.end):
        return
    hedges = _hedges(ctx, sentence)
    if not hedges:
        return
    recent = [c for c in claims if 0 < sentence.index - c.sentence <= 2]
    if not recent:
        return
    last = max(c.sentence for c in recent)
    for claim in recent:
        if claim.sentence == last and claim.claim_type in ("responsibility", "allegation"):
            claim.hedges.extend(h for h in hedges if h not in claim.hedges)


def settle_channels(ctx: DocContext, claims: Sequence[ClaimDraft]) -> None:
    """Name the outlet of claims made through "its newspaper" or through nothing said, once the
    whole document has been read: the channel of the claimant's claim in the sentence before, the
    claimant's own outlet of that kind named anywhere in the document, or (no channel said) its
    own outlet named within two sentences."""
    previous: ClaimDraft | None = None
    for claim in sorted(claims, key=lambda c: c.trigger_start):
        # "And they add, in a leaked audio message, ... They declared ...": a claim that names no
        # channel, by the claimant of a claim in the sentence before, goes on in that channel.
        if (
            not claim.channel_stated
            and previous is not None
            and previous.channel_stated
            and 0 <= claim.sentence - previous.sentence <= 1
            and ctx.index.related(previous.claimant, claim.claimant)
        ):
            claim.channel, claim.channel_stated = previous.channel, True
            claim.hedges.extend(h for h in previous.hedges if h not in claim.hedges)
        previous = claim
    for claim in claims:
        generic = claim.channel is not None and claim.channel.lower() in GENERIC_CHANNELS
        if claim.channel is not None and not generic:
            continue
        sentence = ctx.sentences[claim.sentence]
        near = (
            ctx.sentences[max(0, sentence.index - 2)].start,
            ctx.sentences[min(len(ctx.sentences) - 1, sentence.index + 2)].end,
        )
        own = []
        for position, outlet in ctx.outlets:
            key = channel_key(outlet)
            owner = ctx.rules.channel_owners.get(key)
            if owner is None or not ctx.index.related(owner, claim.claimant):
                continue
            same_kind = ctx.rules.channel_kinds.get(key) == (claim.channel or "").lower()
            close = near[0] <= position < near[1]
            if (generic and same_kind) or (not generic and close):
                own.append((abs(position - claim.trigger_start), outlet))
        if own:
            claim.channel = min(own)[1]


def _attached_actor(ctx: DocContext, start: int, end: int) -> str | None:
    """The actor a spokesman or statement belongs to: "Taliban spokesman", "the spokesman for
    the Taliban", "spokesman Zabiullah Mujahid", "its spokesman" (None when not said)."""
    text = ctx.text
    for mention in ctx.actors:
        if end <= mention.start <= end + 30 and re.fullmatch(
            r"\s*(?:(?:for|of)\s+(?:the\s+)?)?", text[end : mention.start]
        ):
            return str(mention.actor)
        if start - 40 <= mention.end <= start and re.fullmatch(
            r"(?:['’]s)?(?:\s+[A-Z][\w-]*)*\s*", text[mention.end : start]
        ):
            return str(mention.actor)
    return None


def _hedges(ctx: DocContext, sentence: Sentence) -> list[str]:
    found = [
        clean(m.group()) for m in ctx.rules.hedges.finditer(ctx.text, sentence.start, sentence.end)
    ]
    return list({h.lower(): h for h in reversed(found)}.values())[::-1]


def _self_report(
    ctx: DocContext, sentence: Sentence, incidents: list[Draft], key: int
) -> ClaimDraft | None:
    """A group telling of its own attacks ("ISKP recalls how they carried out...") claims them."""
    subject = sentence.subject
    if subject is None or not ctx.index.is_militant(subject) or not incidents:
        return None
    verb = next(
        (
            m
            for m in ctx.rules.self_report.finditer(
                ctx.text, sentence.start, incidents[0].trigger_start
            )
            if m.group()[:1].islower() and not ctx.actors.overlapping(m.start(), m.end())
        ),
        None,
    )
    if verb is None or sentence.subject_start is None or sentence.subject_start > verb.start():
        return None  # "Police said they had arrested...": the group is not the one speaking
    own = [
        d
        for d in incidents
        if d.trigger_start > verb.start()
        and d.perpetrator is not None
        and ctx.index.related(d.perpetrator, subject)
    ]  # "ISKP recalls how they carried out ...": the group tells of its own act
    if not own:
        return None
    return ClaimDraft(
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


# --- freezing ---------------------------------------------------------------------------------


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


def _better_when(a: When, b: When) -> When:
    if not a.known:
        return b if b.known or (b.text and not a.text) else a
    if not b.known or a.start is None or a.end is None or b.start is None or b.end is None:
        return a
    return b if (b.end - b.start) < (a.end - a.start) else a


def freeze_claims(
    ctx: DocContext,
    claims: Sequence[ClaimDraft],
    links: Sequence[Sequence[str]],
    incidents: Sequence[Incident],
    named: set[str],
) -> list[Claim]:
    """A document's claims as frozen values with ids ``<doc>:c<n>``: claims of one claimant
    about one incident (or one target) merged, each linked to the incident ids in ``links``
    (parallel to ``claims``)."""
    actors = ctx.index
    by_id = {i.id: i for i in incidents}
    merged: list[ClaimDraft] = []
    linked_ids: list[list[str]] = []
    for claim, ids in zip(claims, links, strict=True):
        claim.incidents = [int(i.rsplit(":i", 1)[1]) for i in ids]
        target = next((m for m in merged if _same_claim(m, claim, actors)), None)
        if target is None:
            merged.append(claim)
            linked_ids.append(list(ids))
            continue
        position = merged.index(target)
        common = [a for a in _targets_of(target) if a in _targets_of(claim)]
        every = list(dict.fromkeys(_targets_of(target) + _targets_of(claim)))
        target.about = (common[0] if common else None) or target.about or claim.about
        target.also_about = [a for a in every if a != target.about]
        target.places = list({p.id: p for p in target.places + claim.places}.values())
        target.incidents = sorted(set(target.incidents) | set(claim.incidents))
        linked_ids[position] = list(dict.fromkeys(linked_ids[position] + list(ids)))
        target.hedges.extend(h for h in claim.hedges if h not in target.hedges)
        target.sources.extend(s for s in claim.sources if s not in target.sources)
        target.channel = target.channel or claim.channel
        target.when = _better_when(target.when, claim.when)
    out: list[Claim] = []
    for n, (claim, ids) in enumerate(zip(merged, linked_ids, strict=True)):
        linked = tuple(i for i in ids if i in by_id)
        places = [by_id[i].place for i in linked if by_id[i].place is not None]
        claimant = specialise(claim.claimant, (places or claim.places or [None])[0], named, actors)
        if claim.claim_type == "responsibility" and linked:
            claimant = actors.more_specific(
                claimant, next((by_id[i].perpetrator for i in linked if by_id[i].perpetrator), None)
            )
        about = claimant if claim.claim_type in ("responsibility", "denial") else claim.about
        out.append(
            Claim(
                id=f"{ctx.document.id}:c{n + 1}",
                claimant=claimant,
                claim_type=cast(ClaimType, claim.claim_type),  # checked by Claim
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
    return out
