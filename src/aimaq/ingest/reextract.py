"""Re-extract stored documents with the current pipeline: after a model or rule update, and to move a store
written by an older output contract (``documents.schema_version`` below ``aimaq.records.SCHEMA_VERSION``)
to the current one (``aimaq reextract``; one document: the API's POST /api/documents/{id}/reextract).

A document is extracted again from its stored raw text first, so one the current pipeline cannot handle
is left as it is. Then its raw text and sources go into the store's re-extraction queue, the old version is
deleted and the new one ingested, with its clusters, pairs and merged facts rebuilt by the ordinary ingest,
and the queue entry is dropped. The new id differs when the cleaned text does (version 2 opens the text
with the title). A run killed between the deletion and the ingest leaves the document in the queue, and
the next run (``resume``) finishes it first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from aimaq.ingest.run import IngestReport, ingest
from aimaq.pipeline import document_id, extract
from aimaq.records import SCHEMA_VERSION, RawDocument
from aimaq.store.batches import known_raw
from aimaq.store.delete import delete_document
from aimaq.store.engine import Engine
from aimaq.store.load import load_raw
from aimaq.store.reextract_queue import all_documents, enqueue, finish, outdated, queued
from aimaq.store.write import raw_hash


@dataclass(frozen=True)
class Reextracted:
    old_id: str
    new_id: str | None
    report: IngestReport


@dataclass
class ReextractReport:
    """What ``reextract_store`` did: documents replaced (their old and new ids) and those left as they were."""

    done: list[Reextracted] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (old id, reason)

    def summary(self) -> str:
        changed = sum(1 for r in self.done if r.new_id != r.old_id)
        return (f"aimaq: reextract: {len(self.done)} documents extracted again ({changed} with a new id), "
                f"{len(self.errors)} left as they were")


def reextract_document(engine: Engine, doc_id: str) -> Reextracted | None:
    """Replace a stored document by a fresh extraction of its raw text; None when there is no such document.

    Raises what the pipeline raises when the raw text cannot be extracted (the stored version then stays).
    """
    raw = load_raw(engine, doc_id)
    if raw is None:
        return None
    new_id = document_id(extract(raw).text)
    if not enqueue(engine, doc_id):
        return None
    done = _replace(engine, doc_id, raw)
    return Reextracted(doc_id, done.new_id or new_id, done.report)


def _replace(engine: Engine, old_id: str, raw: RawDocument) -> Reextracted:
    """Delete the old version (when it is still there), ingest the raw text, close the queue entry."""
    delete_document(engine, old_id)
    report = ingest([f"re-extract:{old_id}"], engine=engine, items=[raw])
    new_id = known_raw(engine, raw_hash(raw))
    finish(engine, old_id, new_id, report.run_id)
    return Reextracted(old_id, new_id, report)


def resume(engine: Engine) -> list[Reextracted]:
    """Finish the documents a killed run left in the queue."""
    return [_replace(engine, old_id, raw) for old_id, raw in queued(engine)]


def reextract_store(engine: Engine, ids: Iterable[str] = (), everything: bool = False,
                    on_done: Callable[[Reextracted], None] | None = None,
                    on_error: Callable[[str, str], None] | None = None) -> ReextractReport:
    """Re-extract the documents ``ids``, or every stored document (``everything``), or else those stored by an
    older schema version; the queue a killed run left is finished first. A document that cannot be extracted
    stays as it is and is reported; the others go on."""
    report = ReextractReport()
    for done in resume(engine):
        report.done.append(done)
        if on_done:
            on_done(done)
    wanted = list(ids) or (all_documents(engine) if everything else outdated(engine, SCHEMA_VERSION))
    for doc_id in wanted:
        try:
            done_one = reextract_document(engine, doc_id)
        except Exception as exc:  # one document the pipeline cannot handle must not stop the others
            reason = f"extraction failed: {type(exc).__name__}: {exc}"
            report.errors.append((doc_id, reason))
            if on_error:
                on_error(doc_id, reason)
            continue
        if done_one is None:
            report.errors.append((doc_id, "no such document"))
            if on_error:
                on_error(doc_id, "no such document")
            continue
        report.done.append(done_one)
        if on_done:
            on_done(done_one)
    return report
