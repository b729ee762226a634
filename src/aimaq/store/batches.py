"""The rows of one ingest batch, written by whichever process extracted it (``write_rows``).

A batch's new documents are written with their sentences, mentions, regions, amounts, facts and sources
in one transaction, and queued in ``unsettled`` under the batch's number: placing them in their
near-duplicate clusters and pairing them is left to the ingest, which settles the batches in reading
order (``aimaq.store.settle``). Workers therefore write at the same time (PostgreSQL takes concurrent
writers; SQLite queues them with ``BEGIN IMMEDIATE``, see ``aimaq.store.engine``), and the store still ends
as a single process leaves it.

A transaction that loses a race with another writer (the same text, or the same new organisation, written
by two workers at once) is rolled back and run again: what the other wrote is then stored already.
A batch written twice (a Dask task run again after its worker died) writes nothing the second time
and counts what it counted the first time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from aimaq.records import Document, RawDocument
from aimaq.store.runs import RunCounts
from aimaq.store.schema import DocumentRow, SourceRow, Unsettled
from aimaq.store.write import add_source, raw_hash, write_documents

ATTEMPTS = 5  # transactions tried before a lost race is an error


@dataclass
class Batch:
    """What one batch brings, in reading order."""

    docs: list[tuple[RawDocument, Document]] = field(default_factory=list)  # extracted documents
    known: list[tuple[str, str, str]] = field(default_factory=list)  # (doc id, source, raw hash) stored already
    repeats: list[tuple[str, str, str]] = field(default_factory=list)  # the same, for a text read earlier this run
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)

    def __len__(self) -> int:
        return len(self.docs) + len(self.known) + len(self.repeats) + len(self.errors)


def known_raw(engine: Engine, digest: str) -> str | None:
    """The id of the stored document read from a raw text with hash ``digest``, if any."""
    return known_raws(engine, [digest]).get(digest)


def known_raws(engine: Engine, digests: Sequence[str]) -> dict[str, str]:
    """``known_raw`` of many hashes with one query: hash -> stored document id, for the hashes stored."""
    if not digests:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(select(SourceRow.raw_hash, SourceRow.doc_id).where(SourceRow.raw_hash.in_(set(digests))))
        found: dict[str, str] = {}
        for digest, doc_id in rows:
            found.setdefault(digest, doc_id)
        return found


def write_rows(engine: Engine, run_id: int, number: int, docs: Sequence[tuple[RawDocument, Document]]) -> RunCounts:
    """Write a batch's documents (not stored yet) and sources in one transaction; what it counted (new,
    unchanged, repeated, facts). The run's row is counted when the batch is settled."""
    for attempt in range(ATTEMPTS):
        try:
            with engine.connect().execution_options(write=True) as conn, conn.begin():
                return _write(conn, run_id, number, docs)
        except (IntegrityError, OperationalError):
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _write(conn: Connection, run_id: int, number: int, docs: Sequence[tuple[RawDocument, Document]]) -> RunCounts:
    got = RunCounts()
    ids = [doc.id for _, doc in docs]
    stored = dict(conn.execute(select(DocumentRow.id, DocumentRow.run_id).where(DocumentRow.id.in_(ids)))
                  .tuples().all()) if ids else {}
    ours = set(conn.execute(select(Unsettled.doc_id).where(
        Unsettled.doc_id.in_(ids), Unsettled.run_id == run_id, Unsettled.batch == number)).scalars()) if ids else set()
    new: list[tuple[Document, RawDocument]] = []
    sources: list[tuple[str, RawDocument]] = []  # of documents stored already, or new in this very batch
    for raw, doc in docs:
        if doc.id in ours:  # written by an earlier try of this very batch: count it as that try did
            ours.discard(doc.id)
            got.new += 1
            got.facts += len(doc.facts)
        elif doc.id in stored:  # the same cleaned text: stored by an earlier run, or read earlier in this one
            sources.append((doc.id, raw))
            if stored[doc.id] == run_id:
                got.repeated += 1
            else:
                got.unchanged += 1
            continue
        else:
            new.append((doc, raw))
            got.new += 1
            got.facts += len(doc.facts)
        stored[doc.id] = run_id
    write_documents(conn, new, run_id)
    if new:
        conn.execute(insert(Unsettled), [{"doc_id": doc.id, "run_id": run_id, "batch": number} for doc, _ in new])
    for doc_id, raw in sources:
        add_source(conn, doc_id, raw.source, raw_hash(raw), run_id)
    return got
