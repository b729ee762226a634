"""Ingest: read, extract and store documents, one transaction per batch, so that a run can be repeated or
killed at any point and re-run to the same end state.

* Idempotent: a document is keyed by the hash of its cleaned text; what a reader produced is also hashed,
  so a file read again is recognised before it is extracted and adds nothing.
* Transactional per batch: a batch's document rows are committed together by the process that extracted
  it (``aimaq.store.batches``), and the batch is then settled, in reading order, in one more transaction:
  clusters, pairs, sources of known texts, errors and the run's counters (``aimaq.store.settle``). A killed
  run loses at most its open batches; the next run redoes them, or settles what was written.
* Bad input: every unreadable file or record, and every document the pipeline fails on, is one error
  (``SOURCE: reason``) passed to ``on_error`` and stored with the run; the rest goes on.
* Parallel: the items are planned in batches here (read errors, raw texts already stored), the rest is
  extracted and written in this process, a process pool or a Dask cluster (``aimaq.ingest.workers``), and
  each batch is settled here, in reading order, so every way of running ends with the same store.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from aimaq.ingest import BATCH_SIZE
from aimaq.ingest import workers as parallel
from aimaq.ingest.collection import ingest_collection, release_free_memory
from aimaq.ingest.workers import Result, Task
from aimaq.pipeline import Failure
from aimaq.records import RawDocument, Unreadable
from aimaq.settings import Settings
from aimaq.stages.read import iter_documents
from aimaq.store import translation_pairs as pairs
from aimaq.store.batches import Batch, known_raw, known_raws
from aimaq.store.checkpoint import background_checkpoints
from aimaq.store.engine import Engine, open_store
from aimaq.store.runs import RunCounts, finish_run, start_run, utc_now
from aimaq.store.settle import PAIRING, Settler, leftovers, settle
from aimaq.store.write import raw_hash


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did (also the JSON run report)."""

    run_id: int
    db: str
    paths: tuple[str, ...]
    started_at: str
    finished_at: str
    seconds: float
    read: int
    new: int
    unchanged: int  # stored by an earlier run
    repeated: int  # copies of a text read earlier in this run (an exact re-post given twice)
    duplicates: int
    pairs: int
    facts: int
    errors: tuple[tuple[str, str], ...]  # (source, reason)

    def summary(self) -> str:
        return (f"aimaq: ingest: {self.read} documents read, {self.new} new, {self.unchanged} unchanged, "
                f"{self.repeated} repeated, {self.duplicates} duplicates, {self.pairs} pairs, {self.facts} facts, {len(self.errors)} errors "
                f"({self.seconds:.1f} s)")

    def to_json(self) -> dict[str, Any]:
        record = asdict(self)
        record["paths"] = list(self.paths)
        record["errors"] = [{"source": s, "reason": r} for s, r in self.errors]
        record["documents_per_second"] = round(self.read / self.seconds, 2) if self.seconds else None
        return record


@dataclass
class _Batch(Batch):
    hashes: dict[str, str] = field(default_factory=dict)  # raw hash -> doc id, within the batch
    read: int = 0  # documents read (all but the read errors)


@dataclass
class _Run:
    """One ingest run while it goes: where it writes, what it has counted, who hears of errors."""

    engine: Engine
    run_id: int
    on_error: Callable[[str], None]
    settler: Settler
    total: RunCounts = field(default_factory=RunCounts)
    seen: set[str] = field(default_factory=set)  # raw hashes sent to extraction in this run
    failed: dict[str, str] = field(default_factory=dict)  # raw hash -> why its extraction failed

    def error(self, batch: _Batch, source: str, reason: str) -> None:
        batch.errors.append((source, reason))
        self.on_error(f"{source}: {reason}")

    def count(self, counts: RunCounts, pairing_failed: str | None) -> None:
        self.total.add(counts)
        if pairing_failed:
            self.on_error(f"{PAIRING}: {pairing_failed}")


@dataclass(frozen=True)
class _Planned:
    """One reader item, as seen before extraction: a read error, a raw text stored already (``known``),
    one given earlier in this run (``repeat``), or one to extract (``extract``)."""

    kind: str
    source: str
    raw: RawDocument | None = None
    digest: str = ""
    detail: str = ""  # the stored document id (known) or the read error (error)


def _plan(run: _Run, items: Iterable[RawDocument | Unreadable], batch_size: int,
          planned: deque[list[_Planned]]) -> Iterator[Task]:
    """Cut the reader's items into batches; per batch, queue its plan and yield the task that extracts and
    writes its new raw documents."""
    url = run.engine.url.render_as_string(hide_password=False)
    reading = iter(items)
    for number in itertools.count(1):
        chunk = list(itertools.islice(reading, batch_size))
        if not chunk:
            return
        planned.append(_plan_chunk(run, chunk))
        yield Task(url, run.run_id, number, _to_extract(planned[-1]))


def _to_extract(chunk: list[_Planned]) -> list[RawDocument]:
    """The raw documents of a batch's plan that go to extraction (an ``extract`` item always holds one)."""
    return [p.raw for p in chunk if p.kind == "extract" and p.raw is not None]


def _plan_chunk(run: _Run, items: list[RawDocument | Unreadable]) -> list[_Planned]:
    """The plan of a batch's items, in order; which raw texts are stored already is asked once for all."""
    digests = [raw_hash(item) if isinstance(item, RawDocument) else "" for item in items]
    known = known_raws(run.engine, [d for d in digests if d and d not in run.seen])
    out = []
    for item, digest in zip(items, digests, strict=True):
        if isinstance(item, Unreadable):
            out.append(_Planned("error", item.source, detail=item.reason))
        elif digest in run.seen:  # a copy of a text read earlier in this run: repeated, not unchanged
            out.append(_Planned("repeat", item.source, item, digest))
        elif digest in known:
            out.append(_Planned("known", item.source, item, digest, known[digest]))
        else:
            run.seen.add(digest)
            out.append(_Planned("extract", item.source, item, digest))
    return out


def _assemble(run: _Run, chunk: list[_Planned], results: list[Result],
              on_item: Callable[[], None] | None) -> _Batch:
    """The batch to settle, from a batch's plan and its extraction results, in reading order."""
    batch, found = _Batch(), iter(results)
    for p in chunk:
        batch.read += p.raw is not None
        if p.kind == "error":
            run.error(batch, p.source, p.detail)
        elif p.kind == "known":
            batch.known.append((p.detail, p.source, p.digest))
        elif p.kind == "extract":
            _take(run, batch, p, next(found))
        else:
            _repeat(run, batch, p)
        if on_item is not None:
            on_item()
    return batch


def _take(run: _Run, batch: _Batch, p: _Planned, result: Result) -> None:
    if isinstance(result, Failure):
        run.failed[p.digest] = result.reason
        run.error(batch, result.source, result.reason)
        return
    assert p.raw is not None  # an ``extract`` item always holds its raw document
    batch.hashes[p.digest] = result.id
    batch.docs.append((p.raw, result))


def _repeat(run: _Run, batch: _Batch, p: _Planned) -> None:
    """A raw text given earlier in this run: stored by now (an earlier batch), in this batch, or failed."""
    known = batch.hashes.get(p.digest) or known_raw(run.engine, p.digest)
    if known:
        batch.repeats.append((known, p.source, p.digest))
    else:
        run.error(batch, p.source, run.failed.get(p.digest, "extraction failed"))


def ingest(paths: Iterable[str], db: str | None = None, *, engine: Engine | None = None,
           settings: Settings | None = None, batch_size: int = BATCH_SIZE,
           on_item: Callable[[], None] | None = None,
           on_error: Callable[[str], None] | None = None, workers: int = 1,
           scheduler: str | None = None,
           items: Iterable[RawDocument | Unreadable] | None = None) -> IngestReport:
    """Read every document under ``paths`` into the store at ``db`` (or ``engine``); the run's report.

    ``items`` gives documents already read (re-extraction of a stored document); ``paths`` then only
    names the run in its report.

    Extraction runs in this process (``workers=1``), in a pool of ``workers`` processes, or on the Dask
    cluster at ``scheduler``; the store ends the same either way (see ``aimaq.ingest.workers``).
    """
    paths = [str(p) for p in paths]
    engine = engine or open_store(db)
    started, clock = utc_now(), time.perf_counter()
    backend = parallel.extractor(workers, scheduler, engine)  # refused before a run is recorded
    run_id = start_run(engine, paths)
    run = _Run(engine, run_id, on_error or (lambda _line: None), Settler(engine, run_id, pairs.pairer()))
    total, planned = run.total, deque[list[_Planned]]()
    status = "failed"
    try:
        read = iter_documents(paths, settings or Settings()) if items is None else items
        with ingest_collection(), background_checkpoints(engine) as checkpoint:
            for done in backend.map(_plan(run, read, batch_size, planned)):
                batch = _assemble(run, planned.popleft(), done.results, on_item)
                run.settler.take(done.ahead)
                done.written.read = batch.read
                settled = settle(run.settler, batch, done.written)
                run.count(settled.counts, settled.pairing_failed)
                checkpoint()
                release_free_memory()
            run.count(leftovers(run.settler), None)
        status = "done"
    finally:
        try:
            backend.close()
            finished = finish_run(engine, run.run_id, status)
        except Exception:
            if status == "done":
                raise
            # Interrupted (Ctrl-C, a crash): what was committed stays, the run row may stay 'running', and the
            # next ingest resumes. The clean-up must not hide why the run stopped ('database is locked').
            finished = utc_now()
    return IngestReport(
        run_id=run.run_id, db=engine.url.render_as_string(hide_password=True), paths=tuple(paths),
        started_at=started.isoformat(), finished_at=finished.isoformat(),
        seconds=round(time.perf_counter() - clock, 3), read=total.read, new=total.new, unchanged=total.unchanged,
        repeated=total.repeated,
        duplicates=total.duplicates, pairs=total.pairs, facts=total.facts, errors=tuple(total.errors),
    )
