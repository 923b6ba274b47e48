"""Measure a geoparser against gold toponyms with the EUPEG metrics, and read LGL and GeoVirus.

The metrics follow Wang & Hu (2019, EUPEG) and Gritta et al. (2018): a predicted toponym matches a
gold one when the midpoints of their character spans differ by less than 10 characters and their
surface strings are equal ignoring case; each prediction matches at most one gold toponym, and gold
toponyms without coordinates are left out (together with the predictions that match them).
Recognition is scored with precision, recall and F1; resolution, over the matched toponyms only,
with the haversine error in km (mean and median), Acc@161 (share of errors under 161 km) and AUC
(area under the curve of sorted ``ln(1 + error) / ln(20039)``, lower is better).

The corpora stay outside the repository; readers take their paths.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.errors import DocumentError
from mapper.geo import EARTH_RADIUS_KM, haversine_km
from mapper.model import Claim, Incident, When

if TYPE_CHECKING:
    from mapper.actors import ActorIndex
    from mapper.gazetteer import Place


#: A gold point and an incident's place closer than this agree (km).
GOLD_PLACE_KM = 25.0
#: Half the Earth's circumference (km): the largest possible error, AUC's normaliser.
MAX_ERROR_KM = 20039.0
#: Acc@161: an error under 161 km (100 miles) counts as right.
ACCURACY_KM = 161.0
#: Midpoints closer than this many characters match.
MIDPOINT_TOLERANCE = 10


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name at a span of a text, with the coordinates it refers to (None when unknown).

    Attributes
    ----------
    text
        The surface string, ``document_text[start:end]`` for gold toponyms.
    start, end
        Character offsets into the document text.
    lat, lon
        Coordinates in degrees, or None when the gold has none or the prediction is unresolved.
    """

    text: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None

    @property
    def midpoint(self) -> float:
        """Middle of the span in characters."""
        return (self.start + self.end) / 2


@dataclass(frozen=True, slots=True)
class EvalDocument:
    """One document of an evaluation corpus: its text and gold toponyms."""

    id: str
    text: str
    toponyms: tuple[Toponym, ...]


@dataclass(frozen=True, slots=True)
class Scores:
    """EUPEG figures for one corpus.

    Attributes
    ----------
    precision, recall, f1
        Recognition scores in [0, 1].
    mean_km, median_km
        Resolution error over matched toponyms (NaN when none matched).
    acc161
        Share of matched toponyms resolved within 161 km.
    auc
        Normalised area under the sorted log-error curve, in [0, 1], lower is better.
    gold, predicted, matched
        Counts behind the figures (gold and predicted exclude the ignored coordinate-less gold).
    """

    precision: float
    recall: float
    f1: float
    mean_km: float
    median_km: float
    acc161: float
    auc: float
    gold: int
    predicted: int
    matched: int


def auc(errors_km: Sequence[float]) -> float:
    """EUPEG's AUC: trapezoid area under sorted ``ln(1 + e) / ln(20039)``, spacing 1/(n - 1).

    One error gives its own normalised log error; no errors give NaN.
    """
    if not errors_km:
        return math.nan
    ys = [math.log1p(min(e, MAX_ERROR_KM)) / math.log1p(MAX_ERROR_KM) for e in sorted(errors_km)]
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(ys))
    return area / (len(ys) - 1)


def match(
    predicted: Sequence[Toponym], gold: Sequence[Toponym]
) -> tuple[list[tuple[Toponym, Toponym]], int, int]:
    """Pair predictions with gold toponyms by the midpoint-within-10-characters rule.

    Each gold and each prediction is used at most once; the closest midpoints pair first.
    Gold toponyms without coordinates are ignored, and so are predictions that match only them.

    Returns
    -------
    The (prediction, gold) pairs, the number of gold toponyms that count, and the number of
    predictions that count.
    """
    pairs: list[tuple[float, int, int]] = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            gap = abs(p.midpoint - g.midpoint)
            if gap < MIDPOINT_TOLERANCE and p.text.casefold() == g.text.casefold():
                pairs.append((gap, i, j))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched: list[tuple[Toponym, Toponym]] = []
    ignored_p = 0
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        if gold[j].lat is None or gold[j].lon is None:
            ignored_p += 1
        else:
            matched.append((predicted[i], gold[j]))
    counted_gold = sum(1 for g in gold if g.lat is not None and g.lon is not None)
    return matched, counted_gold, len(predicted) - ignored_p


def error_km(predicted: Toponym, gold: Toponym) -> float:
    """Distance between a prediction and its gold; the largest error when either has no point."""
    if predicted.lat is None or predicted.lon is None or gold.lat is None or gold.lon is None:
        return MAX_ERROR_KM
    return haversine_km(predicted.lat, predicted.lon, gold.lat, gold.lon)


def score(results: Iterable[tuple[Sequence[Toponym], Sequence[Toponym]]]) -> Scores:
    """Score (predicted, gold) toponym lists, one pair per document, with the EUPEG metrics."""
    n_gold = n_pred = 0
    errors: list[float] = []
    for predicted, gold in results:
        matched, g, p = match(predicted, gold)
        n_gold += g
        n_pred += p
        errors.extend(error_km(pt, gt) for pt, gt in matched)
    tp = len(errors)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        precision=precision,
        recall=recall,
        f1=f1,
        mean_km=statistics.fmean(errors) if errors else math.nan,
        median_km=statistics.median(errors) if errors else math.nan,
        acc161=sum(1 for e in errors if e < ACCURACY_KM) / tp if tp else math.nan,
        auc=auc(errors),
        gold=n_gold,
        predicted=n_pred,
        matched=tp,
    )


def _parse(path: str | Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        msg = f"cannot read {path}: not well-formed XML ({exc})"
        raise DocumentError(msg) from None


def _float(element: ET.Element | None, path: str | Path, what: str) -> float | None:
    if element is None or element.text is None or not element.text.strip():
        return None
    try:
        return float(element.text)
    except ValueError:
        msg = f"cannot read {path}: {what} {element.text!r} is not a number"
        raise DocumentError(msg) from None


def _int(element: ET.Element | None, path: str | Path, what: str) -> int:
    value = _float(element, path, what)
    if value is None:
        msg = f"cannot read {path}: a toponym has no {what}"
        raise DocumentError(msg)
    return int(value)


def read_lgl(path: str | Path) -> list[EvalDocument]:
    """Read the LGL corpus (``<article docid>``, ``<text>``, ``<toponym>`` with ``<gaztag>``).

    Toponyms without a ``gaztag`` (no GeoNames id) get no coordinates and are ignored by ``score``.
    """
    return _lgl(_parse(path), path)


def _lgl(root: ET.Element, path: str | Path) -> list[EvalDocument]:
    docs: list[EvalDocument] = []
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        toponyms: list[Toponym] = []
        for top in article.iter("toponym"):
            start = _int(top.find("start"), path, "start")
            end = _int(top.find("end"), path, "end")
            gaz = top.find("gaztag")
            lat = _float(gaz.find("lat"), path, "lat") if gaz is not None else None
            lon = _float(gaz.find("lon"), path, "lon") if gaz is not None else None
            toponyms.append(Toponym(text[start:end], start, end, lat, lon))
        docs.append(EvalDocument(article.get("docid") or str(n), text, tuple(toponyms)))
    return docs


def _align(text: str, name: str, start: int, end: int) -> int:
    """Shift a span onto ``name`` when it is off by a character or two (GeoVirus is off by +1)."""
    for shift in (0, -1, 1, -2, 2):
        if text[start + shift : end + shift] == name:
            return shift
    return 0


def read_geovirus(path: str | Path) -> list[EvalDocument]:
    """Read the GeoVirus corpus (``<article>``, ``<source>``, ``<text>``, ``<location>``).

    The published offsets are one character past the name; spans are re-aligned on ``<name>``.
    """
    return _geovirus(_parse(path), path)


def _geovirus(root: ET.Element, path: str | Path) -> list[EvalDocument]:
    docs: list[EvalDocument] = []
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        toponyms: list[Toponym] = []
        for loc in article.iter("location"):
            start = _int(loc.find("start"), path, "start")
            end = _int(loc.find("end"), path, "end")
            shift = _align(text, loc.findtext("name") or "", start, end)
            start, end = start + shift, end + shift
            lat = _float(loc.find("lat"), path, "lat")
            lon = _float(loc.find("lon"), path, "lon")
            toponyms.append(Toponym(text[start:end], start, end, lat, lon))
        source = article.findtext("source") or ""
        docs.append(EvalDocument(f"{n}:{source}", text, tuple(toponyms)))
    return docs


def read_corpus(path: str | Path) -> list[EvalDocument]:
    """Read an LGL or a GeoVirus file, telling them apart by their toponym elements."""
    return read_named_corpus(path)[1]


def read_named_corpus(path: str | Path) -> tuple[str, list[EvalDocument]]:
    """Read an LGL or a GeoVirus file; return its format name ("LGL", "GeoVirus") and documents."""
    root = _parse(path)
    if root.find(".//toponym") is not None:
        return "LGL", _lgl(root, path)
    if root.find(".//location") is not None:
        return "GeoVirus", _geovirus(root, path)
    msg = f"cannot read {path}: neither LGL (<toponym>) nor GeoVirus (<location>) XML"
    raise DocumentError(msg)


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
    return float(haversine_km(gold["lat"], gold["lon"], place.lat, place.lon)) <= GOLD_PLACE_KM


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
