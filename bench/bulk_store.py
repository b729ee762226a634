"""Writing thousands of new documents per statement, for bench/bench_search.py's stores of a million light
documents: the same rows as ``aimaq.store.write.write_document`` (computed by the store's own
``aimaq.store.write.document_rows``: search keys, tags, sentences, regions, facts and evidence, the source),
inserted with one executemany per table on SQLite and with COPY on PostgreSQL.

Ingest writes a batch with ``aimaq.store.write.write_documents`` (one statement per table, facts numbered by
the database, safe beside other writers); this module numbers facts itself and uses COPY, which only a single
writer building a bench store may do, so that a million documents take minutes.

What differs from calling ``write_document`` once per document, and why the rows still come out the same:
* Facts get their ids here (one more than the largest stored, in document order: what the database would
  have given them one document at a time), so that their evidence rows can go in the same batch; on
  PostgreSQL the ids' sequence is moved past them afterwards.
* Each document's cluster id is written with its row instead of by a later UPDATE.
* ``documents.search_vector`` (PostgreSQL) is computed by the server from the keys and tag lexemes
  (``aimaq.store.search_vector.lexemes``), with the store's expression (``search_vector.vector_of``):
  the documents go through a temporary table by COPY, then ``INSERT ... SELECT`` fills the column.
* Only new documents, with distinct ids, and without mentions (no entity rows to share between documents):
  light documents. A document with mentions is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, insert, literal_column, select, text
from sqlalchemy.dialects import postgresql

from aimaq.records import Document, RawDocument
from aimaq.store import search_vector
from aimaq.store.schema import (
    AmountRow,
    DocumentRow,
    FactEvidence,
    FactRow,
    RegionRow,
    SentenceRow,
    SourceRow,
)
from aimaq.store.write import FTS_INSERT, DocumentRows, document_rows

DOCUMENT_COLUMNS = [c.name for c in DocumentRow.__table__.columns]
_STAGING = "bulk_documents"
# the column's value for every staged row: the store's own expression, over the staged columns
_VECTOR_SQL = str(search_vector.vector_of(literal_column("search_keys"), literal_column("tag_lexemes")).compile(
    dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))


def write_documents(conn: Connection, items: Sequence[tuple[Document, RawDocument, str]], run_id: int) -> int:
    """Insert new documents ``(document, what its reader gave, its cluster id)``, in this order; how many."""
    batch: list[DocumentRows] = []
    for doc, raw, cluster in items:
        rows = document_rows(doc, raw, run_id)
        if rows.mentions or rows.entities:
            raise ValueError(f"bulk_store writes documents without mentions: {doc.id} has {len(rows.mentions)}")
        rows.document["cluster_id"] = cluster
        batch.append(rows)
    if not batch:
        return 0
    next_id = conn.execute(select(func.coalesce(func.max(FactRow.id), 0))).scalar_one() + 1
    facts: list[dict[str, Any]] = []
    evidence: list[dict[str, Any]] = []
    for rows in batch:
        for fact, ev in zip(rows.facts, rows.evidence, strict=True):
            facts.append({"id": next_id, **fact})
            evidence.append({"fact_id": next_id, **ev})
            next_id += 1
    tables = {
        SourceRow: [r.source for r in batch],
        SentenceRow: [s for r in batch for s in r.sentences],
        RegionRow: [g for r in batch for g in r.regions],
        AmountRow: [a for r in batch for a in r.amounts],
        FactRow: facts,
        FactEvidence: evidence,
    }
    if conn.dialect.name == "postgresql":
        _write_postgresql(conn, batch, tables)
    else:
        conn.execute(insert(DocumentRow), [r.document for r in batch])
        for model, table_rows in tables.items():
            if table_rows:
                conn.execute(insert(model), table_rows)
        conn.execute(text(FTS_INSERT), [{"d": r.document["id"], "k": r.keys, "t": r.tags} for r in batch])
    return len(batch)


def _copy(cursor: Any, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _write_postgresql(conn: Connection, batch: Sequence[DocumentRows], tables: dict[Any, list[dict[str, Any]]]) -> None:
    cursor = conn.connection.driver_connection.cursor()  # psycopg, in the connection's transaction
    try:
        cursor.execute(f"DROP TABLE IF EXISTS {_STAGING}")
        cursor.execute(f"CREATE TEMPORARY TABLE {_STAGING} ON COMMIT DROP AS "
                       "SELECT *, ''::text AS tag_lexemes, 0::bigint AS ord FROM documents WITH NO DATA")
        staged = DOCUMENT_COLUMNS + ["tag_lexemes", "ord"]
        _copy(cursor, _STAGING, staged,
              [[*(r.document[c] for c in DOCUMENT_COLUMNS), search_vector.lexemes(r.tags), i]
               for i, r in enumerate(batch)])
        names = ", ".join(f'"{c}"' for c in DOCUMENT_COLUMNS)
        cursor.execute(f'INSERT INTO documents ({names}, "{search_vector.NAME}") '
                       f"SELECT {names}, {_VECTOR_SQL} FROM {_STAGING} ORDER BY ord")
        cursor.execute(f"DROP TABLE {_STAGING}")
        for model, table_rows in tables.items():
            if not table_rows:
                continue
            columns = [c.name for c in model.__table__.columns if c.name in table_rows[0]]
            _copy(cursor, model.__tablename__, columns, [[row[c] for c in columns] for row in table_rows])
        if tables[FactRow]:
            cursor.execute("SELECT setval(pg_get_serial_sequence('facts', 'id'), (SELECT max(id) FROM facts))")
    finally:
        cursor.close()
