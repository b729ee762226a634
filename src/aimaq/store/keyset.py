"""Keyset pagination of the store's listings: a page ends with an opaque cursor holding the sort key of its
last row, and the next page starts strictly after that key, so pages stay stable while rows are added.

A cursor is URL-safe base64 of a JSON list; dates travel as ISO strings and are turned back into dates
by the types the listing gives when it decodes. Callers (the API, the pages) pass cursors through as
strings and never look inside.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select
from sqlalchemy.sql import Select

from aimaq.errors import CursorError

T = TypeVar("T")
DEFAULT_LIMIT = 50
NO_DATE = date(1, 1, 1)  # undated rows sort last in newest-first listings


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing; ``next_cursor`` is None on the last page; ``total`` counts every row the
    filters let through (None when the caller did not ask for it)."""

    items: list[T]
    next_cursor: str | None
    total: int | None = None


def encode(values: Sequence[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, date) else v for v in values]
    raw = json.dumps(plain, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(cursor: str, types: Sequence[Callable[[Any], Any]]) -> tuple[Any, ...]:
    """The key values of ``cursor``, each passed through its type (``date.fromisoformat``, ``int``, ``str``)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw.decode("utf-8"))
        if not isinstance(values, list) or len(values) != len(types):
            raise CursorError("invalid cursor")
        return tuple(kind(v) for kind, v in zip(types, values, strict=True))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError, TypeError, ValueError) as exc:
        raise CursorError("invalid cursor") from exc


def after(keys: Sequence[tuple[Any, bool]], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in the order of ``keys`` ((column, descending) pairs), lexicographically."""
    clauses = []
    for i, (column, descending) in enumerate(keys):
        equal = [col == v for (col, _), v in zip(keys[:i], values[:i], strict=True)]
        beyond = column < values[i] if descending else column > values[i]
        clauses.append(and_(*equal, beyond))
    return or_(*clauses)


def order(keys: Sequence[tuple[Any, bool]]) -> list[Any]:
    return [col.desc() if descending else col.asc() for col, descending in keys]


def count_rows(conn: Connection, stmt: Select) -> int:
    """How many rows ``stmt`` gives: one COUNT over it, with its filters and without a cursor."""
    return int(conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one())


def paged(conn: Connection, stmt: Select, keys: list[tuple[Any, bool]], types: Sequence[Any],
          cursor: str | None, limit: int) -> tuple[Sequence[Any], str | None]:
    """Rows of ``stmt`` after ``cursor`` in the order of ``keys``; the rows and the next cursor."""
    if cursor:
        stmt = stmt.where(after(keys, decode(cursor, types)))
    labels = [f"_k{i}" for i in range(len(keys))]
    stmt = stmt.add_columns(*[col.label(name) for (col, _), name in zip(keys, labels, strict=True)])
    rows = conn.execute(stmt.order_by(*order(keys)).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode([getattr(rows[-1], name) for name in labels]) if more and rows else None
    return rows, next_cursor
