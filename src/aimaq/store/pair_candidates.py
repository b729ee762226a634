"""Candidate translations of new documents, found through an index in the store rather than by reading every
document of the days around them: the cost of a lookup does not grow with the store.

Each settled kk or ru document's pairing anchors (``aimaq.corpus.pairing_keys``: numbers, amount
values, dates, names folded across the two alphabets, region codes; about fifteen a release) are stored
hashed in ``pairing_keys`` with the document's language and day. A new document's candidates are the
representatives of the other language dated within ``DATE_DAYS`` days of it, or undated, that share the most
anchors with it: one indexed range scan per anchor (key, language, day). An undated document looks at every
date (a release and its translation are often dated on one side only).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, union_all
from sqlalchemy.sql import Select

from aimaq.corpus.index import Keys
from aimaq.corpus.pairing_features import DATE_DAYS
from aimaq.store.schema import Cluster, PairingKey
from aimaq.store.write import parse_date

PER_DOCUMENT = 8  # stored candidates per new document (as many as the pairing index keeps per document)


def key_hash(anchor: str) -> int:
    """A signed 64-bit hash of an anchor ('n:2025', 'c:аибол')."""
    return int.from_bytes(hashlib.blake2b(anchor.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def key_rows(keys: Keys) -> list[dict[str, Any]]:
    """The ``pairing_keys`` rows of a document: its hashed anchors, with its language and day."""
    day = parse_date(keys.doc.date)
    return [{"key": k, "doc_id": keys.doc.id, "lang": keys.lang, "day": day}
            for k in sorted({key_hash(a) for a in keys.anchors})]


def write_keys(conn: Connection, keys: Keys) -> None:
    """Index a new document's anchors (settling does so once per document, in the transaction that takes it
    out of ``unsettled``; a second time would break the primary key)."""
    write_rows(conn, key_rows(keys))


def write_rows(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """``key_rows`` of one or more documents, in one statement."""
    if rows:
        conn.execute(insert(PairingKey), rows)


def candidates(conn: Connection, new: Sequence[Keys], per_document: int = PER_DOCUMENT) -> list[str]:
    """Stored representatives that may translate one of the ``new`` documents, each document's best first."""
    out: dict[str, None] = {}
    new_ids = {k.doc.id for k in new}
    for keys in new:
        hashes = sorted({key_hash(a) for a in keys.anchors})
        if not hashes:
            continue
        day = parse_date(keys.doc.date)
        params: dict[str, Any] = {"keys": hashes, "lang": "ru" if keys.lang == "kk" else "kk",
                                  "limit": per_document + len(new_ids)}
        if day:
            params |= {"first": day - timedelta(days=DATE_DAYS), "last": day + timedelta(days=DATE_DAYS)}
        rows = conn.execute(_NEAR if day else _ANY_DAY, params).all()
        found = [doc_id for doc_id, _ in rows if doc_id not in new_ids][:per_document]
        out.update(dict.fromkeys(found))
    return list(out)


def _sharing(dated: bool) -> Select:
    """Stored representatives of a language sharing the most of some anchors: dated within the days, or undated
    (``dated``), or of any date. The dated rows and the undated ones are two range scans of the index (an OR of
    the two would scan every row of a frequent anchor)."""
    rows: Any = select(PairingKey.doc_id).where(PairingKey.key.in_(bindparam("keys", expanding=True)),
                                                 PairingKey.lang == bindparam("lang"))
    if dated:
        rows = union_all(rows.where(PairingKey.day.between(bindparam("first"), bindparam("last"))),
                         rows.where(PairingKey.day.is_(None)))
    found = rows.subquery()
    shared = func.count().label("shared")
    return (select(found.c.doc_id, shared)
            .join(Cluster, Cluster.representative_id == found.c.doc_id)
            .group_by(found.c.doc_id)
            .order_by(shared.desc(), found.c.doc_id)
            .limit(bindparam("limit")))


# built once (settling runs one per new document): for a dated document, and for an undated one
_NEAR = _sharing(dated=True)
_ANY_DAY = _sharing(dated=False)
