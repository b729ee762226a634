"""One ingest batch written in one transaction: its new documents with their rows and near-duplicate
clusters, the sources of documents stored already, pairs moved to new representatives and made for the new
documents, the batch's errors and the run's counters. A killed run loses at most its open batch.

PostgreSQL writers take one advisory lock per batch, so concurrent ingests write one batch at a time (SQLite
queues writers with ``BEGIN IMMEDIATE``, see ``aimaq.store.engine``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, text

from aimaq.records import Document, RawDocument
from aimaq.store import dedup
from aimaq.store import translation_pairs as pairs
from aimaq.store.load import load_documents
from aimaq.store.runs import RunCounts, count_run
from aimaq.store.schema import Cluster, DocumentRow, RunErrorRow, SourceRow
from aimaq.store.write import add_source, raw_hash, write_document

PG_LOCK_KEY = 0x61696D6171  # 'aimaq': PostgreSQL writers take this advisory lock per batch
PAIRING = "<pairing>"  # the source named by a pairing failure
Pairer = Callable[[Sequence[Document]], list[Any]]


@dataclass
class Batch:
    """What one batch brings, in reading order."""

    docs: list[tuple[RawDocument, Document]] = field(default_factory=list)  # extracted documents
    known: list[tuple[str, str, str]] = field(default_factory=list)  # (doc id, source, raw hash) stored already
    repeats: list[tuple[str, str, str]] = field(default_factory=list)  # the same, for a text read earlier this run
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)

    def __len__(self) -> int:
        return len(self.docs) + len(self.known) + len(self.repeats) + len(self.errors)


@dataclass(frozen=True)
class Committed:
    counts: RunCounts  # what the batch added (its errors include a pairing failure)
    pairing_failed: str | None = None  # why pairing failed (no more pairs in this run), or None


def known_raw(engine: Engine, digest: str) -> str | None:
    """The id of the stored document read from a raw text with hash ``digest``, if any."""
    with engine.connect() as conn:
        return conn.execute(select(SourceRow.doc_id).where(SourceRow.raw_hash == digest).limit(1)).scalar()


def _representatives(conn: Connection, docs: list[Document]) -> list[Document]:
    ids = [d.id for d in docs]
    reps = set(conn.execute(select(Cluster.representative_id).join(
        DocumentRow, DocumentRow.cluster_id == Cluster.id).where(DocumentRow.id.in_(ids))).scalars())
    return [d for d in docs if d.id in reps]


def _pair(conn: Connection, run_id: int, pairer: Pairer | None, added: list[Document], demoted: list[str],
          got: RunCounts) -> str | None:
    """Move pairs to new representatives and pair the batch's new documents; a pairing crash costs the pairs
    of this run, not its documents (the reason is returned)."""
    dropped, orphans = pairs.drop_demoted(conn, demoted)
    got.pairs, got.facts = got.pairs + dropped.pairs, got.facts - dropped.merged
    if pairer is None or not (added or orphans):
        return None
    try:
        with conn.begin_nested():
            new = _representatives(conn, added) + load_documents(conn, orphans)
            outcome = pairs.pair_new(conn, new, run_id, pairer)
    except Exception as exc:
        return f"pairing failed, no more pairs in this run ({type(exc).__name__}: {exc})"
    got.pairs, got.facts = got.pairs + outcome.pairs, got.facts - outcome.merged
    return None


def _write(conn: Connection, run_id: int, batch: Batch, pairer: Pairer | None) -> Committed:
    got = RunCounts()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
    ids = [doc.id for _, doc in batch.docs]
    stored = dict(conn.execute(select(DocumentRow.id, DocumentRow.run_id).where(DocumentRow.id.in_(ids))).tuples()
                  .all()) if ids else {}
    added: list[Document] = []
    demoted: list[str] = []
    for raw, doc in batch.docs:
        if doc.id in stored:  # the same cleaned text: stored by an earlier run, or read earlier in this one
            add_source(conn, doc.id, raw.source, raw_hash(raw), run_id)
            if stored[doc.id] == run_id:
                got.repeated += 1
            else:
                got.unchanged += 1
            continue
        stored[doc.id] = run_id
        write_document(conn, doc, raw, run_id)
        placed = dedup.place(conn, doc.id, doc.text)
        got.duplicates += placed.duplicate
        demoted.extend(placed.demoted)
        got.new += 1
        got.facts += len(doc.facts)
        added.append(doc)
    for doc_id, source, digest in batch.known + batch.repeats:
        add_source(conn, doc_id, source, digest, run_id)
    got.unchanged += len(batch.known)
    got.repeated += len(batch.repeats)
    failed = _pair(conn, run_id, pairer, added, demoted, got)
    got.errors = list(batch.errors) + ([(PAIRING, failed)] if failed else [])
    if got.errors:
        conn.execute(insert(RunErrorRow), [{"run_id": run_id, "source": s, "reason": r} for s, r in got.errors])
    return Committed(got, failed)


def commit_batch(engine: Engine, run_id: int, batch: Batch, pairer: Pairer | None, total: RunCounts) -> Committed:
    """Write ``batch`` and count it into ``total`` and the run's row, in one transaction; what it added."""
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        committed = _write(conn, run_id, batch, pairer)
        total.add(committed.counts)
        count_run(conn, run_id, total)
    return committed
