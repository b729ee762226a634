"""Settling an ingest batch, in reading order: its new documents placed in their near-duplicate clusters,
indexed for pairing and paired, the sources of documents stored already, its errors and its counts, in one
transaction.

Workers write a batch's document rows as soon as they have extracted it (``aimaq.store.batches``), in any
order; the ingest settles the batches one after the other in the order they were read. Clusters and
pairs are decided only here, among settled documents, so they do not depend on which worker finished
first: a parallel or distributed ingest stores what a single process stores, and a kk release and its
ru translation extracted at the same moment by two workers are paired when the later one is settled.

A settled document leaves the queue ``unsettled``. A document whose rows were written by a run that was
killed before settling it is settled when its text is read again, at its place in the reading order, or,
if it is not read again, at the end of the next run. PostgreSQL settles take an advisory lock, so that
concurrent ingests settle one batch at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, text

from aimaq.corpus.index import Keys
from aimaq.corpus.pairing import Verified
from aimaq.records import Document
from aimaq.store import dedup, pair_candidates, pair_summaries
from aimaq.store import translation_pairs as pairs
from aimaq.store.batches import Batch
from aimaq.store.load import load_documents
from aimaq.store.runs import RunCounts, count_run
from aimaq.store.schema import Cluster, DocumentRow, RunErrorRow, Unsettled
from aimaq.store.translation_pairs import PairingCache
from aimaq.store.write import add_source

PG_LOCK_KEY = 0x61696D6171  # 'aimaq': PostgreSQL settles take this advisory lock
PAIRING = "<pairing>"  # the source named by a pairing failure
LEFTOVERS = 200  # unsettled documents of earlier runs settled per transaction at the end of a run


@dataclass
class Settler:
    """One run's settling: where, the pairing function (None once it has failed) and what it keeps."""

    engine: Engine
    run_id: int
    pairer: Callable[..., list[Any]] | None
    cache: PairingCache = field(default_factory=PairingCache)
    shingles: dedup.ShingleCache = field(default_factory=dedup.ShingleCache)
    bands: dict[str, tuple[list[int], bytes]] = field(default_factory=dict)  # a worker's LSH keys, shingle hashes

    def take(self, ahead: Ahead) -> None:
        """What a worker prepared for settling its batch."""
        self.cache.verified.update(ahead.verified)
        for keys in ahead.keys:
            self.cache.add(keys)
        for doc_id, (shingle_set, bands, hashes) in ahead.shingles.items():
            self.shingles.put(doc_id, shingle_set)
            self.bands[doc_id] = (bands, hashes)


@dataclass
class Ahead:
    """What the worker that extracted a batch prepares for its settling: verified pairs, pairing keys, and
    each new document's shingles with its LSH keys and shingle hashes. Only a cache: settling computes what is
    missing."""

    verified: Verified = field(default_factory=dict)
    keys: list[Keys] = field(default_factory=list)
    shingles: dict[str, tuple[frozenset[str], list[int], bytes]] = field(default_factory=dict)


def prepare_ahead(engine: Engine, docs: Sequence[Document]) -> Ahead:
    """``Ahead`` for a batch's new documents (run by the worker, after their rows are written)."""
    verified, keys = pairs.verify_ahead(engine, docs)
    shingles = {}
    for doc in docs:
        own = dedup.shingles(doc.text)
        shingles[doc.id] = (own, dedup.band_keys(own), dedup.shingle_hashes(own))
    return Ahead(verified, keys, shingles)


@dataclass(frozen=True)
class Settled:
    counts: RunCounts  # what the batch added (its errors include a pairing failure)
    pairing_failed: str | None = None  # why pairing failed (no more pairs in this run), or None


def _waiting(conn: Connection, ids: Sequence[str]) -> set[str]:
    return set(conn.execute(select(Unsettled.doc_id).where(Unsettled.doc_id.in_(ids))).scalars()) if ids else set()


def _representatives(conn: Connection, docs: list[Document]) -> list[Document]:
    ids = [d.id for d in docs]
    reps = set(conn.execute(select(Cluster.representative_id).join(
        DocumentRow, DocumentRow.cluster_id == Cluster.id).where(DocumentRow.id.in_(ids))).scalars())
    return [d for d in docs if d.id in reps]


def _place(conn: Connection, settler: Settler, docs: list[Document], got: RunCounts) -> list[str]:
    """Cluster and index the documents, in order; the representatives they demoted. The rows of a document that
    is no near-duplicate, and every document's pairing keys and summary, are written together at the end (nothing
    here reads them; placing reads the pending rows: ``aimaq.store.dedup.Pending``)."""
    demoted: list[str] = []
    pending, key_rows, summaries = dedup.Pending(), [], []
    for doc in docs:
        bands, hashes = settler.bands.pop(doc.id, (None, None))
        placed = dedup.place(conn, doc.id, doc.text, settler.shingles, bands, hashes, pending)
        got.duplicates += placed.duplicate
        demoted.extend(placed.demoted)
        if doc.lang in ("kk", "ru"):
            keys = settler.cache.keys(doc)
            key_rows += pair_candidates.key_rows(keys)
            summaries.append(pair_summaries.summary_row(keys))
    pending.flush(conn)
    pair_candidates.write_rows(conn, key_rows)
    pair_summaries.write_summaries(conn, summaries)
    return demoted


def _pair(conn: Connection, settler: Settler, added: list[Document], demoted: list[str], got: RunCounts) -> str | None:
    """Move pairs to new representatives and pair the batch's new documents; a pairing crash costs the pairs
    of this run, not its documents (the reason is returned)."""
    dropped, orphans = pairs.drop_demoted(conn, demoted)
    got.pairs, got.facts = got.pairs + dropped.pairs, got.facts - dropped.merged
    if settler.pairer is None or not (added or orphans):
        return None
    try:
        with conn.begin_nested():
            new = _representatives(conn, added) + settler.cache.documents(conn, orphans)
            outcome = pairs.pair_new(conn, new, settler.run_id, settler.pairer, settler.cache)
    except Exception as exc:
        return f"pairing failed, no more pairs in this run ({type(exc).__name__}: {exc})"
    got.pairs, got.facts = got.pairs + outcome.pairs, got.facts - outcome.merged
    return None


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})


def settle(settler: Settler, batch: Batch, written: RunCounts) -> Settled:
    """Settle a batch whose documents are written (``written``: what writing them counted); what it added."""
    got = RunCounts(read=written.read, new=written.new, unchanged=written.unchanged, repeated=written.repeated,
                    facts=written.facts)
    order = [doc.id for _, doc in batch.docs] + [doc_id for doc_id, _, _ in batch.known + batch.repeats]
    extracted = {doc.id: doc for _, doc in batch.docs}
    with settler.engine.connect().execution_options(write=True) as conn, conn.begin():
        _lock(conn)
        for doc_id, source, digest in batch.known + batch.repeats:
            add_source(conn, doc_id, source, digest, settler.run_id)
        got.unchanged += len(batch.known)
        got.repeated += len(batch.repeats)
        failed = _settle_documents(conn, settler, list(dict.fromkeys(order)), extracted, got)
        _count(conn, settler, got, list(batch.errors), failed)
    return _settled(settler, got, failed)


def _count(conn: Connection, settler: Settler, got: RunCounts, errors: list[tuple[str, str]],
           failed: str | None) -> None:
    """Record the errors (a pairing failure among them) and add what was counted to the run's row."""
    got.errors = errors + ([(PAIRING, failed)] if failed else [])
    if got.errors:
        conn.execute(insert(RunErrorRow), [{"run_id": settler.run_id, "source": s, "reason": r}
                                           for s, r in got.errors])
    count_run(conn, settler.run_id, got)


def _settle_documents(conn: Connection, settler: Settler, order: list[str], extracted: dict[str, Document],
                      got: RunCounts) -> str | None:
    """Place and pair those of the documents ``order`` names that wait to be settled; why pairing failed."""
    waiting = _waiting(conn, order)
    stored = {d.id: d for d in load_documents(conn, [i for i in order if i in waiting and i not in extracted])}
    docs = [extracted.get(i) or stored[i] for i in order if i in waiting and (i in extracted or i in stored)]
    demoted = _place(conn, settler, docs, got)
    if waiting:
        conn.execute(delete(Unsettled).where(Unsettled.doc_id.in_(sorted(waiting))))
    return _pair(conn, settler, docs, demoted, got)


def _settled(settler: Settler, got: RunCounts, failed: str | None) -> Settled:
    settler.cache.rest()
    settler.bands.clear()
    if failed:
        settler.pairer = None
    return Settled(got, failed)


def leftovers(settler: Settler) -> RunCounts:
    """Settle the documents that earlier runs wrote but did not settle (killed runs), smallest id first."""
    total = RunCounts()
    while True:
        got = RunCounts()
        with settler.engine.connect().execution_options(write=True) as conn, conn.begin():
            _lock(conn)
            ids = list(conn.execute(select(Unsettled.doc_id).order_by(Unsettled.doc_id).limit(LEFTOVERS)).scalars())
            if not ids:
                return total
            failed = _settle_documents(conn, settler, ids, {}, got)
            _count(conn, settler, got, [], failed)
        total.add(_settled(settler, got, failed).counts)
