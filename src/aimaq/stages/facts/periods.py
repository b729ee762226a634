"""The time span a figure covers, read from its sentence ('с 2013 года', '2016-2020 жылдарға').

Rules are small named functions tried in order; the first that matches decides. Month-counted spans
('за 10 месяцев', '10 айдың қорытындысы бойынша') and 'this year' need the document date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from aimaq.records import Period

_Y = r"((?:19|20)\d\d)"
_DASH = r"\s*[-–—]\s*"


@dataclass(frozen=True)
class _Ctx:
    sentence: str
    doc_year: int | None
    doc_month: int | None


def _year_range(c: _Ctx) -> Period | None:
    m = re.search(_Y + _DASH + _Y + r"\s*(?:гг\b|годы|годах|годов|год|жылдар|жж\b|жыл)", c.sentence, re.I)
    if m and m.group(1) < m.group(2):
        return Period(m.group(1), m.group(2))
    return None


def _since_year(c: _Ctx) -> Period | None:
    m = re.search(r"\b[сС]о?\s+" + _Y + r"\s*(?:года|г\.)", c.sentence) or re.search(
        _Y + r"\s*(?:жылдан|жылдың\s+\S+\s+бастап)", c.sentence
    )
    return Period(m.group(1), None) if m else None


def _until_year(c: _Ctx) -> Period | None:
    m = re.search(r"\b(?:до|к)\s+" + _Y + r"\s*(?:года|г\.|году)", c.sentence, re.I) or re.search(
        _Y + r"\s*жыл(?:ға|дың\s+соңына)\s+(?:дейін|шейін)", c.sentence
    )
    return Period(None, m.group(1)) if m else None


def _months_of_year(c: _Ctx) -> Period | None:
    m = re.search(r"\bза\s+(\d{1,2})\s+месяц\w*(?:\s+" + _Y + ")?", c.sentence, re.I) or re.search(
        r"(?:" + _Y + r"\s+жылдың\s+)?(\d{1,2})\s+ай(?:ында|дың|да|ы)\b", c.sentence
    )
    if not m:
        return None
    groups = [g for g in m.groups() if g]
    months = next((int(g) for g in groups if len(g) <= 2), None)
    year = next((g for g in groups if len(g) == 4), None) or (str(c.doc_year) if c.doc_year else None)
    if not year or not months or not 1 <= months <= 12:
        return None
    return Period(f"{year}-01", f"{year}-{months:02d}")


def _this_year(c: _Ctx) -> Period | None:
    if c.doc_year is None:
        return None
    if re.search(r"(?:текущ\w+|этом|нынешн\w+)\s+год|ағымдағы\s+жыл|\bбиыл", c.sentence, re.I):
        return Period(str(c.doc_year), str(c.doc_year))
    if re.search(r"прошл\w+\s+год|өткен\s+жыл|\bбылтыр", c.sentence, re.I):
        return Period(str(c.doc_year - 1), str(c.doc_year - 1))
    return None


def _single_year(c: _Ctx) -> Period | None:
    m = re.search(r"\b(?:в|за|на)\s+" + _Y + r"\s*(?:году|год|г\.)", c.sentence, re.I) or re.search(
        _Y + r"\s*(?:жылы|жылғы|жылдың|жылда|жылға)\b", c.sentence
    )
    return Period(m.group(1), m.group(1)) if m else None


RULES: tuple[Callable[[_Ctx], Period | None], ...] = (
    _year_range,
    _months_of_year,
    _since_year,
    _until_year,
    _this_year,
    _single_year,
)


def find_period(sentence: str, doc_date: str | None = None) -> Period | None:
    """The period a sentence's figures cover, or None when the sentence states none."""
    year = int(doc_date[:4]) if doc_date else None
    month = int(doc_date[5:7]) if doc_date else None
    ctx = _Ctx(sentence, year, month)
    for rule in RULES:
        period = rule(ctx)
        if period is not None:
            return period
    return None
