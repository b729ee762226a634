"""Re-extract one stored document with the current pipeline (after a model or rule update).

The stored raw text (what the reader produced) is extracted again first, so a document the current
pipeline cannot handle is left as it is; only then is the old version deleted and the new one ingested,
with its clusters, pairs and merged facts rebuilt by the ordinary ingest.
"""

from __future__ import annotations

from dataclasses import dataclass

from aimaq.ingest.run import IngestReport, ingest
from aimaq.pipeline import document_id, extract
from aimaq.store.delete import delete_document
from aimaq.store.engine import Engine
from aimaq.store.load import load_raw


@dataclass(frozen=True)
class Reextracted:
    old_id: str
    new_id: str
    report: IngestReport


def reextract_document(engine: Engine, doc_id: str) -> Reextracted | None:
    """Replace a stored document by a fresh extraction of its raw text; None when there is no such document.

    Raises what the pipeline raises when the raw text cannot be extracted (the stored version then stays).
    """
    raw = load_raw(engine, doc_id)
    if raw is None:
        return None
    new_id = document_id(extract(raw).text)
    delete_document(engine, doc_id)
    report = ingest([f"re-extract:{doc_id}"], engine=engine, items=[raw])
    return Reextracted(doc_id, new_id, report)
