"""The data files shipped in ``mapper/data`` (rules, lexicons, actors), read as JSON."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from mapper.errors import ExtractionError


def read_json(name: str, what: str) -> Any:
    """The parsed contents of ``mapper/data/<name>``.

    Parameters
    ----------
    name
        The file's name in ``mapper/data`` ("actors.json").
    what
        What the file holds, for the error message ("actors data").

    Raises
    ------
    ExtractionError
        When the file cannot be read or is not JSON (one line naming the file).
    """
    path = resources.files("mapper") / "data" / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"cannot read {what} {path}: {exc}"
        raise ExtractionError(msg) from exc
