"""Re-extract one stored document with the current pipeline (after a model or rule update).

The stored raw text (what the reader produced) is extracted again first, so a document the current
pipeline cannot handle is left as it is; only then is the old version deleted and the new one ingested,
with its clusters, pairs and merged facts rebuilt by the ordinary ingest.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from aimaq.ingest.run import IngestReport, ingest
from aimaq.pipeline import document_id, extract
from aimaq.records import RawDocument
from aimaq.store.delete import delete_document
from aimaq.store.schema import DocumentRow


@dataclass(frozen=True)
class Reextracted:
    old_id: str
    new_id: str
    report: IngestReport


def stored_raw(engine: Engine, doc_id: str) -> RawDocument | None:
    """The document as its reader gave it, rebuilt from the store; None when there is no such document."""
    with engine.connect() as conn:
        row = conn.execute(select(DocumentRow.source, DocumentRow.raw_text, DocumentRow.title, DocumentRow.date,
                                  DocumentRow.url, DocumentRow.format).where(DocumentRow.id == doc_id)).first()
    if row is None:
        return None
    source, raw_text, title, day, url, fmt = row
    return RawDocument(source=source, text=raw_text, title=title, date=day.isoformat() if day else None,
                       url=url, format=fmt)


def reextract_document(engine: Engine, doc_id: str) -> Reextracted | None:
    """Replace a stored document by a fresh extraction of its raw text; None when there is no such document.

    Raises what the pipeline raises when the raw text cannot be extracted (the stored version then stays).
    """
    raw = stored_raw(engine, doc_id)
    if raw is None:
        return None
    new_id = document_id(extract(raw).text)
    delete_document(engine, doc_id)
    report = ingest([f"re-extract:{doc_id}"], engine=engine, items=[raw])
    return Reextracted(doc_id, new_id, report)
