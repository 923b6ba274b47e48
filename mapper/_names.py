"""Place names as lookup keys, and where the gazetteer's files are.

The bottom of the gazetteer: :mod:`mapper._gazbuild` writes the keys that :mod:`mapper.gazetteer`
looks up, so both take :func:`normalize`, :func:`strip_generic`, :func:`translit_key`, the kinds
of key and the folders from here (:mod:`mapper.gazetteer` re-exports them).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mapper.errors import GazetteerError

#: How a key names a place, best first (the gazetteer's ranking, step 1).
KIND_PRIMARY = 0
KIND_STRIPPED = 1
KIND_VARIANT = 2
KIND_ALTERNATE = 3
KIND_TRANSLIT = 4


# --- names -------------------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "ħ": "h",
        # Arabic and Persian spellings of the same letters (Arabic yeh and kaf, alef maksura;
        # the tatweel stretches a word); "كابل" and "کابل" are one name
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ـ": "",
    }
)
_APOSTROPHES = re.compile(r"[\'\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4\u2032]")
_SEPARATORS = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Return the lookup key of a name.

    Lower-cases, removes diacritics and apostrophes, turns hyphens, dots and other punctuation
    into single spaces. Returns ``""`` for a name without a letter.

    Examples
    --------
    >>> normalize("Nangarhār  Province")
    'nangarhar province'
    >>> normalize("Velayat-e Konar'ha")
    'velayat e konarha'
    """
    if name.isascii():
        if name.isalpha():
            return name.lower()  # the common case, a plain word: what the steps below give
        # ASCII has no folds, decompositions or combining marks: only the case changes
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text)
    text = _SEPARATORS.sub(" ", text).strip()
    if not any(c.isalpha() for c in text):
        return ""
    return text


def _package_data_dir() -> Path:
    env = os.environ.get("MAPPER_GAZETTEER_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    installed = here / "_gazetteer"  # a wheel carries gazetteer/ as mapper/_gazetteer
    return installed if installed.is_dir() else here.parent / "gazetteer"


@lru_cache(maxsize=1)
def _generic_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    path = _package_data_dir() / "generic_words.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    # Longest first, so "tribal agency" is tried before "agency".
    prefixes = tuple(sorted((normalize(p) for p in data["prefixes"]), key=len, reverse=True))
    suffixes = tuple(sorted((normalize(s) for s in data["suffixes"]), key=len, reverse=True))
    return prefixes, suffixes


@lru_cache(maxsize=1)
def common_words() -> Mapping[str, float]:
    """Common English words and their Zipf frequency (``mapper/data/common_words.tsv``).

    Raises
    ------
    GazetteerError
        When the file cannot be read (one line naming it).
    """
    from importlib import resources

    try:
        text = resources.files("mapper").joinpath("data", "common_words.tsv").read_text("utf-8")
    except OSError as exc:
        msg = f"cannot read the recognition data file mapper/data/common_words.tsv: {exc}"
        raise GazetteerError(msg) from None
    out: dict[str, float] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, zipf = line.partition("\t")
            out[word] = float(zipf)
    return MappingProxyType(out)


@lru_cache(maxsize=1)
def admin_prefixes() -> tuple[str, ...]:
    """Local type words before admin unit names ("kabupaten", "huyen", "municipio de"),
    normalised, longest first (``gazetteer/generic_words.json``, ``admin_prefixes``)."""
    path = _package_data_dir() / "generic_words.json"
    words = json.loads(path.read_text(encoding="utf-8")).get("admin_prefixes", [])
    return tuple(sorted((normalize(w) for w in words), key=len, reverse=True))


def strip_generic(key: str) -> str:
    """Remove generic type words ("province", "wilayat e", "agency"...) around a key.

    Returns the key unchanged when nothing generic surrounds it or nothing would remain.
    """
    prefixes, suffixes = _generic_words()
    out = key
    changed = True
    while changed:
        changed = False
        for p in prefixes:
            if out.startswith(p + " ") and len(out) > len(p) + 1:
                out = out[len(p) + 1 :]
                changed = True
                break
        for s in suffixes:
            if out.endswith(" " + s) and len(out) > len(s) + 1:
                out = out[: -len(s) - 1]
                changed = True
                break
    return out


@lru_cache(maxsize=1)
def _translit_rules() -> dict[str, Any]:
    path = _package_data_dir() / "translit.json"
    rules: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return rules


_VOWELS = frozenset("aeiouy")


def translit_key(key: str) -> str:
    """Return a spelling-tolerant skeleton of a normalised key, for Afghan/Pakistani names.

    Applies the replacements of ``gazetteer/translit.json`` (q→k, w→v...), drops a Dari plural
    suffix, drops vowels after the first letter (a final vowel leaves a mark) and collapses
    doubled letters: ``ningarhar``, ``nangrahar`` and ``nangarhar`` all give ``ngrhr``.
    Returns ``""`` for short keys.
    """
    rules = _translit_rules()
    text = key.replace(" ", "")
    if len(text) < int(rules["min_length"]) or not text.isascii():
        return ""
    for suffix in rules["strip_suffixes"]:
        if text.endswith(suffix) and len(text) - len(suffix) >= int(rules["min_length"]):
            text = text[: -len(suffix)]
    for old, new in rules["replacements"]:
        text = text.replace(old, new)
    first = "a" if text[0] in _VOWELS else text[0]
    rest = [c for c in text[1:] if c not in _VOWELS]
    out = [first]
    for c in rest:
        if c != out[-1]:
            out.append(c)
    if text[-1] in _VOWELS and len(text) > 1:
        out.append("_")  # a final vowel is kept as a class: Al-Hol is not Al-Hilla
    return "".join(out)


# --- locations ---------------------------------------------------------------------------


def _home() -> Path | None:
    home = os.environ.get("MAPPER_HOME")
    return Path(home) if home else None


def cache_dir() -> Path:
    """Directory of the compiled gazetteer: ``$MAPPER_CACHE_DIR``, else the XDG cache dir.

    Not under ``MAPPER_HOME``, so tests that point ``MAPPER_HOME`` at a temporary user store
    still share one compiled gazetteer.
    """
    env = os.environ.get("MAPPER_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mapper"


def user_dir() -> Path:
    """Directory of the user gazetteer: ``$MAPPER_HOME``, else the XDG data dir."""
    home = _home()
    if home is not None:
        return home
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "mapper"


def data_dir() -> Path:
    """The ``gazetteer/`` folder of the source tree (sources, curated rows, rules).

    ``$MAPPER_GAZETTEER_DIR`` overrides it (for an installed, non-editable package).
    """
    return _package_data_dir()
