"""What a user may ask for: region codes or names, fact types, languages, dates, limits.

The CLI and the API check their filters here, so both accept the same spellings and refuse the same
mistakes with the same message: a ``UsageError`` that lists what is valid (exit status 2 on the command
line, 422 from the API). Regions are taken as ISO 3166-2:KZ codes in any case ('kz-71') or by name in
Kazakh, Russian or English ('Астана', 'astana', 'Ақтөбе облысы', 'Aktobe Region').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from aimaq.errors import UsageError
from aimaq.resources import load_json

LANGUAGES = ("kk", "ru", "en", "other")
_CODE = re.compile(r"^kz-?(\d{2})$", re.I)


@dataclass(frozen=True)
class Region:
    code: str
    kind: str  # region | city
    names: dict[str, str]  # kk, ru, en


@cache
def regions() -> tuple[Region, ...]:
    """The 20 units of the 2022 division, in code order."""
    return tuple(Region(u["code"], u["type"], dict(u["names"])) for u in load_json("regions.json")["units"])


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("ё", "е").split())


def _spellings() -> list[tuple[str, str]]:
    """(name, code) as the data writes them: official names first, then each region's short names."""
    units = load_json("regions.json")["units"]
    found = [(name, u["code"]) for u in units for name in u["names"].values()]
    found += [(name, u["code"]) for u in units for group in u["groups"] if group["kind"] == "region"
              for lang in ("kk", "ru", "en") for name in group.get(lang, [])]
    return found


@cache
def _region_names() -> dict[str, str]:
    """Folded name -> code; a short name already taken by an official one ('Almaty') keeps the official code."""
    names: dict[str, str] = {}
    for name, code in _spellings():
        names.setdefault(_key(name), code)
    return names


def region_spellings() -> list[str]:
    """Every code and name ``region_code`` takes as written in the data (any case of them is taken too)."""
    return list(dict.fromkeys([r.code for r in regions()] + [name for name, _ in _spellings()]))


def region_code(value: str) -> str:
    """The ISO code of a region given by code or name; ``UsageError`` listing the codes otherwise."""
    m = _CODE.match(value.strip())
    codes = {r.code for r in regions()}
    if m and f"KZ-{m.group(1)}" in codes:
        return f"KZ-{m.group(1)}"
    found = _region_names().get(_key(value))
    if found:
        return found
    listed = ", ".join(f"{r.code} {r.names['en']}" for r in regions())
    raise UsageError(f"unknown region {value!r}; use a code or name of one of: {listed} (see `aimaq regions`)")


@cache
def fact_types() -> tuple[str, ...]:
    """The fact types of ``data/fact_types.json``, in the order it lists them."""
    return tuple(load_json("fact_types.json")["types"])


def fact_type(value: str) -> str:
    key = value.strip().lower()
    if key in fact_types():
        return key
    raise UsageError(f"unknown fact type {value!r}; one of: {', '.join(fact_types())} (see `aimaq types`)")


def language(value: str) -> str:
    key = value.strip().lower()
    if key in LANGUAGES:
        return key
    raise UsageError(f"unknown language {value!r}; one of: {', '.join(LANGUAGES)}")


def iso_date(value: str) -> date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise UsageError(f"bad date {value!r}; write a date as YYYY-MM-DD, e.g. 2025-01-31")


def positive(value: str | int, what: str = "limit") -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise UsageError(f"bad {what} {value!r}; it must be a whole number of at least 1")
    return number


def fact_type_kinds() -> list[tuple[str, list[str]]]:
    """Each fact type with the kinds of amount it takes (money, count, percent)."""
    return [(name, list(spec["kinds"])) for name, spec in load_json("fact_types.json")["types"].items()]
