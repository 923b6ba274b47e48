"""Write a synthetic corpus of news-like reports for the scaling benchmark.

Each report tells one or two incidents of political violence in a real place (a town of the
gazetteer with its province and country), on a date near the report's, with casualties, a
perpetrator or none, often a claim or a denial, and background sentences; the sentence patterns,
places, groups, numbers and dates vary, and about one report in four retells an event another
report told (so cross-document linking has work to do).  The text is made up: it is for timing
and memory, not for scoring.

Reports are written as JSON Lines shards of 1,000 rows (``synth-00000.jsonl``, ...), the form
wire copy often comes in; a run reads one shard at a time.

Usage: python bench/synth.py DOCS OUT_DIR [--seed N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

SHARD = 1000

#: (town, province, country): real places, so the geoparser resolves them.
PLACES = [
    ("Jalalabad", "Nangarhar", "Afghanistan"),
    ("Kabul", "Kabul", "Afghanistan"),
    ("Kandahar", "Kandahar", "Afghanistan"),
    ("Herat", "Herat", "Afghanistan"),
    ("Kunduz", "Kunduz", "Afghanistan"),
    ("Mazar-i-Sharif", "Balkh", "Afghanistan"),
    ("Ghazni", "Ghazni", "Afghanistan"),
    ("Khost", "Khost", "Afghanistan"),
    ("Lashkar Gah", "Helmand", "Afghanistan"),
    ("Asadabad", "Kunar", "Afghanistan"),
    ("Peshawar", "Khyber Pakhtunkhwa", "Pakistan"),
    ("Quetta", "Balochistan", "Pakistan"),
    ("Bannu", "Khyber Pakhtunkhwa", "Pakistan"),
    ("Dera Ismail Khan", "Khyber Pakhtunkhwa", "Pakistan"),
    ("Karachi", "Sindh", "Pakistan"),
    ("Turbat", "Balochistan", "Pakistan"),
    ("Mosul", "Nineveh", "Iraq"),
    ("Kirkuk", "Kirkuk", "Iraq"),
    ("Baghdad", "Baghdad", "Iraq"),
    ("Tikrit", "Salahuddin", "Iraq"),
    ("Raqqa", "Raqqa", "Syria"),
    ("Deir ez-Zor", "Deir ez-Zor", "Syria"),
    ("Idlib", "Idlib", "Syria"),
    ("Maiduguri", "Borno", "Nigeria"),
    ("Mogadishu", "Banaadir", "Somalia"),
    ("Kismayo", "Lower Juba", "Somalia"),
    ("Gao", "Gao", "Mali"),
    ("Menaka", "Menaka", "Mali"),
]
GROUPS = [
    "the Islamic State",
    "Islamic State Khorasan Province",
    "the Taliban",
    "the Pakistani Taliban",
    "al-Shabaab",
    "Boko Haram",
    "al-Qaeda",
]
VENUES = ["market", "mosque", "police checkpoint", "bus station", "school", "hospital gate"]
TARGETS = ["a police convoy", "an army patrol", "a militia post", "a government office"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "12", "15"]

EVENTS = [
    "A suicide bomber struck a crowded {venue} in {town}, {province}, on {when}, killing {n} "
    "people and wounding {m} others, officials said.",
    "Gunmen ambushed {target} near {town} in {province} province on {when}, killing {n} members "
    "of the security forces.",
    "A roadside bomb hit {target} in {town} district of {province} on {when}, killing {n} and "
    "injuring {m}, a local official said.",
    "An air strike on {when} killed {n} militants in {town}, {country}, the military said.",
    "Security forces arrested {n} suspected members of {group} in a raid in {town} on {when}.",
    "Militants attacked a {venue} in {town} on {when}; at least {n} people were killed.",
    "{n} civilians were killed when mortar shells hit a {venue} in {town}, {province}, on {when}.",
    "Fighters of {group} abducted {n} aid workers on the road from {town} on {when}.",
]
CLAIMS = [
    "{group} claimed responsibility for the attack in a statement on Telegram.",
    "In a statement, {group} said its fighters carried out the attack.",
    "{group} denied any involvement in the attack.",
    "Officials blamed {group} for the attack, but no group has claimed it.",
    "No group has claimed responsibility so far.",
]
BACKGROUND = [
    "The area has seen repeated violence in recent months.",
    "Residents said the {venue} was busy at the time.",
    "The provincial governor condemned the attack and ordered an investigation.",
    "Hospitals in {town} appealed for blood donations.",
    "It was the deadliest attack in {province} since {year}.",
    "Schools and shops in the district stayed closed the next day.",
    "The interior ministry said security would be tightened across {country}.",
    "Witnesses described a loud explosion followed by gunfire.",
]


def _when(rng: random.Random, report: dt.date, event: dt.date) -> str:
    """How the report dates its event: a weekday, a day and month, or 'yesterday'."""
    style = rng.random()
    if style < 0.4:
        return WEEKDAYS[event.weekday()]
    if style < 0.55 and (report - event).days == 1:
        return "yesterday"
    return f"{event.day} {event:%B} {event.year}" if style < 0.8 else f"{event:%B} {event.day}"


def _report(rng: random.Random, number: int, told: list[dict[str, object]]) -> dict[str, object]:
    """One report: a lead event, maybe a claim, a second event, background."""
    if told and rng.random() < 0.25:
        event = dict(rng.choice(told))  # another outlet retells an event
    else:
        town, province, country = rng.choice(PLACES)
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
        event = {
            "pattern": rng.randrange(len(EVENTS)),
            "town": town,
            "province": province,
            "country": country,
            "day": day,
            "n": rng.choice(NUMBERS),
            "m": rng.choice(NUMBERS),
            "group": rng.choice(GROUPS),
            "venue": rng.choice(VENUES),
            "target": rng.choice(TARGETS),
        }
        told.append(event)
        if len(told) > 500:
            del told[: len(told) - 500]
    day = event["day"]
    assert isinstance(day, dt.date)
    report = day + dt.timedelta(days=rng.choice([0, 1, 1, 2]))
    fields = {**event, "when": _when(rng, report, day), "year": day.year - rng.randint(1, 6)}
    sentences = [EVENTS[int(str(event["pattern"]))].format(**fields)]
    sentences[0] = sentences[0][0].upper() + sentences[0][1:]
    if rng.random() < 0.6:
        sentences.append(rng.choice(CLAIMS).format(**fields))
    sentences += [rng.choice(BACKGROUND).format(**fields) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.3:
        town, province, country = rng.choice(PLACES)
        other = {**fields, "town": town, "province": province, "country": country}
        other["n"] = rng.choice(NUMBERS)
        second = rng.choice(EVENTS).format(**other)
        sentences.append("Separately, " + second[0].lower() + second[1:])
    paragraphs = [" ".join(sentences[:2]), " ".join(sentences[2:])]
    return {
        "id": f"synth{number:07d}",
        "title": f"{event['town']}: {EVENTS[int(str(event['pattern']))].split(' ')[1]} report",
        "date": report.isoformat(),
        "source": "Synthetic Wire",
        "text": "\n\n".join(p for p in paragraphs if p) + "\n",
    }


def write_corpus(count: int, out: Path, seed: int = 1) -> list[Path]:
    """Write ``count`` reports into JSON Lines shards under ``out``; return the shards."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    told: list[dict[str, object]] = []
    shards = []
    for first in range(0, count, SHARD):
        path = out / f"synth-{first // SHARD:05d}.jsonl"
        rows = [_report(rng, n, told) for n in range(first, min(count, first + SHARD))]
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows),
            encoding="utf-8",
        )
        shards.append(path)
    return shards


def main() -> None:
    """Write the corpus the command line asks for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    shards = write_corpus(args.docs, args.out, args.seed)
    print(f"wrote {args.docs} reports in {len(shards)} shards under {args.out}")


if __name__ == "__main__":
    main()
