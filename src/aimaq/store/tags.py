"""Filter tags in the full-text index: each document's regions and month as tokens of a ``tags`` column of
``documents_fts`` on SQLite (as lexemes ``#kz15`` of ``documents.search_vector`` on PostgreSQL, see
``aimaq.store.search_vector``), so that a region or date filter narrows the matches inside the index (an
intersection of posting lists) before any row is read. The exact filters still run on what the index returns;
a tag only has to keep every document that may pass.

Tags: ``kz15`` for region KZ-15, ``m202405`` for a document dated in May 2024 (undated documents have none,
and no date filter keeps them).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

MAX_MONTHS = 240  # a date range over more months than this is not narrowed by tags


def region_tag(code: str) -> str:
    return code.lower().replace("-", "")


def month_tag(day: date) -> str:
    return f"m{day.year:04d}{day.month:02d}"


def document_tags(regions: Iterable[str], day: date | None) -> str:
    """The tags of a document, space-separated."""
    tags = [region_tag(code) for code in regions]
    if day is not None:
        tags.append(month_tag(day))
    return " ".join(tags)


def month_tags(since: date, until: date) -> list[str] | None:
    """The month tags of every month from ``since`` to ``until`` (None when there are too many)."""
    first, last = since.year * 12 + since.month - 1, until.year * 12 + until.month - 1
    if last - first + 1 > MAX_MONTHS:
        return None
    return [f"m{m // 12:04d}{m % 12 + 1:02d}" for m in range(first, last + 1)]
