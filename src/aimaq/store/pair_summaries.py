"""The stored documents that translation pairing scores, read from their summaries (``pairing_summaries``)
instead of their text: a new document's stored candidates (``aimaq.store.pair_candidates``) are scored on
their document-level keys, which ``aimaq.corpus.index.summary`` keeps in about a kilobyte; only the few that
are shortlisted for alignment are read in full and keyed (``complete`` in ``aimaq.corpus.pairing``).

A document stored before summaries were kept has none; it is read and keyed from its text, as before.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.sql import Select

from aimaq.corpus.index import Keys, summary, summary_keys
from aimaq.records import Document
from aimaq.store.id_lists import PARAM, ids_value, in_ids
from aimaq.store.schema import DocumentRow, PairingSummary


def summary_row(keys: Keys) -> dict[str, Any]:
    """The ``pairing_summaries`` row of a document's keys."""
    data = json.dumps(summary(keys), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return {"doc_id": keys.doc.id, "data": zlib.compress(data)}


def write_summaries(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """``summary_row`` of one or more documents, in one statement."""
    if rows:
        conn.execute(insert(PairingSummary), rows)


@cache
def _summaries_of(dialect: str) -> Select:
    """The summaries of the documents listed in one parameter (``aimaq.store.id_lists``), with what ``doc`` holds."""
    return (select(DocumentRow.id, DocumentRow.source, DocumentRow.lang, DocumentRow.date, PairingSummary.data)
            .join(PairingSummary, PairingSummary.doc_id == DocumentRow.id)
            .where(in_ids(DocumentRow.id, dialect)))


def light_keys(conn: Connection, ids: Sequence[str]) -> dict[str, Keys]:
    """The ``light`` keys of those of these stored documents that have a summary (their ``doc`` holds the id,
    the source, the language and the date)."""
    if not ids:
        return {}
    dialect = conn.dialect.name
    rows = conn.execute(_summaries_of(dialect), {PARAM: ids_value(ids, dialect)}).all()
    out = {}
    for doc_id, source, lang, day, data in rows:
        stub = Document(id=doc_id, source=source, lang="kk" if lang == "kk" else "ru", date=day.isoformat() if day else None, title=None, text="")
        out[doc_id] = summary_keys(stub, json.loads(zlib.decompress(data)))
    return out
