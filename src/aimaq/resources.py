"""Loading the versioned language data shipped under ``aimaq/data``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def data_path(name: str):
    """A Traversable for ``aimaq/data/<name>``."""
    return resources.files("aimaq").joinpath("data", *name.split("/"))


@cache
def load_json(name: str) -> Any:
    """Parsed JSON of ``aimaq/data/<name>`` (cached; treat the result as read-only)."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty lines of ``aimaq/data/<name>``, '#' comments dropped, stripped."""
    out = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return tuple(out)
