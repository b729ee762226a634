"""The re-extraction queue (``reextract_queue``): a stored document's raw text and sources, kept from before
its old version is deleted until the new one is written, so that ``aimaq reextract`` killed half-way loses
nothing (``aimaq.ingest.reextract`` drives it)."""

from __future__ import annotations

import json

from sqlalchemy import Engine, delete, insert, select

from aimaq.records import RawDocument
from aimaq.store.schema import DocumentRow, ReextractRow, SourceRow
from aimaq.store.write import add_source


def outdated(engine: Engine, version: int) -> list[str]:
    """The ids of the stored documents extracted by a schema version below ``version``."""
    with engine.connect() as conn:
        return list(conn.execute(select(DocumentRow.id).where(DocumentRow.schema_version < version)
                                 .order_by(DocumentRow.id)).scalars())


def all_documents(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(DocumentRow.id).order_by(DocumentRow.id)).scalars())


def enqueue(engine: Engine, doc_id: str) -> bool:
    """Put the stored document ``doc_id`` in the queue (once); False when there is no such document."""
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        if conn.execute(select(ReextractRow.doc_id).where(ReextractRow.doc_id == doc_id)).first():
            return True
        row = conn.execute(select(DocumentRow.source, DocumentRow.raw_text, DocumentRow.title, DocumentRow.date,
                                  DocumentRow.url, DocumentRow.format).where(DocumentRow.id == doc_id)).first()
        if row is None:
            return False
        sources = conn.execute(select(SourceRow.source, SourceRow.raw_hash).where(SourceRow.doc_id == doc_id)
                               .order_by(SourceRow.id)).all()
        conn.execute(insert(ReextractRow).values(
            doc_id=doc_id, source=row.source, raw_text=row.raw_text, title=row.title, date=row.date, url=row.url,
            format=row.format, sources=json.dumps([list(s) for s in sources], ensure_ascii=False)))
    return True


def queued(engine: Engine) -> list[tuple[str, RawDocument]]:
    """(old id, the document as its reader gave it) for every queued document, oldest id first."""
    with engine.connect() as conn:
        rows = conn.execute(select(ReextractRow.__table__).order_by(ReextractRow.doc_id)).all()
    return [(r.doc_id, RawDocument(source=r.source, text=r.raw_text, title=r.title,
                                   date=r.date.isoformat() if r.date else None, url=r.url, format=r.format))
            for r in rows]


def finish(engine: Engine, old_id: str, new_id: str | None, run_id: int) -> None:
    """The new version ``new_id`` is written: give it every source of the old one and drop the queue entry."""
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        row = conn.execute(select(ReextractRow.sources).where(ReextractRow.doc_id == old_id)).first()
        if row is None:
            return
        if new_id is not None and conn.execute(select(DocumentRow.id).where(DocumentRow.id == new_id)).first():
            for source, digest in json.loads(row.sources):
                add_source(conn, new_id, source, digest, run_id)
        conn.execute(delete(ReextractRow).where(ReextractRow.doc_id == old_id))


