"""A list of ids bound as one parameter: ``WHERE id IN (...)`` as a statement built once.

SQLAlchemy's ``column.in_(ids)`` renders one placeholder per id, so each call builds, keys and renders its
statement again (a different text for every length of the list). Settling asks such a question a few times per
document (the shingle hashes of ~200 near-duplicate candidates, the summaries of a batch's stored pairing
candidates): on a 100 000-document store that rendering cost about as much as the reading. Here the list is one
parameter: a JSON array read with ``json_each`` on SQLite (built in since SQLite 3.38; an older library needs its
JSON1 extension, as the store's search needs FTS5), an array compared with ``= ANY`` on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, String, any_, bindparam, func, select
from sqlalchemy.orm import QueryableAttribute

PARAM = "ids"


def in_ids(column: ColumnElement[Any] | QueryableAttribute[Any], dialect: str) -> ColumnElement[bool]:
    """``column IN`` the string ids bound as ``PARAM`` (give the value with ``ids_value``)."""
    if dialect == "postgresql":
        return column == any_(bindparam(PARAM, type_=ARRAY(String)))
    listed = func.json_each(bindparam(PARAM, type_=String)).table_valued("value")
    return column.in_(select(listed.c.value))


def ids_value(ids: Iterable[str], dialect: str) -> Any:
    """The value of ``PARAM`` for ``in_ids`` on this dialect."""
    return list(ids) if dialect == "postgresql" else json.dumps(list(ids), ensure_ascii=False)
