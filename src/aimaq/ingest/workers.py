"""Where ingest extracts and writes: in this process, in a local process pool, or on a Dask cluster.

Each batch of raw documents is one task (``run_task``): extract it (the same library call as on one
machine), write its documents' rows to the store in one transaction (``aimaq.store.batches.write_rows``;
every worker writes to the database itself), and, on a cluster or in a pool that leaves the ingesting process a
core (``ahead_pays``), verify the batch's likely translation pairs ahead of time, with what else settling needs
(``aimaq.store.settle.prepare_ahead``). The
task's outcome comes back to the ingesting process *in the order the batches were read*, where each batch
is settled (clusters, pairs, counts: ``aimaq.store.settle``), so every way of running ends with the store a
single process makes. At most ``max_in_flight`` batches are out at once, so memory stays bounded however
long the input is.

On Dask a worker that dies takes its running batches with it; the scheduler runs them again elsewhere. A
batch whose rows were written before its worker died writes nothing the second time and counts as it
counted the first time (``aimaq.store.batches``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Protocol

from aimaq.errors import ParallelError
from aimaq.ingest.collection import worker_collection
from aimaq.pipeline import Failure, extract_stream
from aimaq.records import Document, RawDocument
from aimaq.settings import one_blas_thread
from aimaq.store.batches import write_rows
from aimaq.store.engine import Engine, make_engine
from aimaq.store.runs import RunCounts
from aimaq.store.settle import Ahead, prepare_ahead

Result = Document | Failure
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: enough to keep it busy while a result is written


@dataclass(frozen=True)
class Task:
    """One batch to extract and write: the store's URL (with its password), the run, the batch's number."""

    url: str
    run_id: int
    number: int
    raws: list[RawDocument]
    ahead: bool = True  # verify likely pairs ahead of settling (useless in the settling process itself)


@dataclass
class Done:
    """What a task did: a result per raw document (in order), what writing counted, what it prepared."""

    results: list[Result]
    written: RunCounts
    ahead: Ahead


def extract_batch(raws: list[RawDocument]) -> list[Result]:
    """Extract a batch of raw documents; a document that fails becomes a Failure."""
    return [r for r in extract_stream(raws) if isinstance(r, (Document, Failure))]


_ENGINES: dict[str, Engine] = {}


def _engine(url: str) -> Engine:
    """One engine per store URL and worker process (the ingest migrated the store before any task)."""
    if url not in _ENGINES:
        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


def run_task(task: Task, engine: Engine | None = None) -> Done:
    """Extract a batch and write its documents (runs in a worker, or in the ingesting process)."""
    engine = engine or _engine(task.url)
    results = extract_batch(task.raws)
    docs = [(raw, r) for raw, r in zip(task.raws, results, strict=True) if isinstance(r, Document)]
    written = write_rows(engine, task.run_id, task.number, docs)
    ahead = prepare_ahead(engine, [d for _, d in docs]) if task.ahead else Ahead()
    return Done(results, written, ahead)


class Extractor(Protocol):
    """Runs tasks, giving their outcomes back in the order given."""

    def map(self, tasks: Iterable[Task]) -> Iterator[Done]: ...

    def close(self) -> None: ...


@dataclass
class Inline:
    """Tasks in this process, one at a time (the default), on the ingest's own engine."""

    engine: Engine

    def map(self, tasks: Iterable[Task]) -> Iterator[Done]:
        return (run_task(replace(t, ahead=False), self.engine) for t in tasks)

    def close(self) -> None:
        return None


def ordered(submit: Callable[[Task], Any], tasks: Iterable[Task], max_in_flight: int) -> Iterator[Done]:
    """Submit tasks, keeping at most ``max_in_flight`` out, and yield their outcomes in submission order.

    ``submit`` returns a future (``concurrent.futures`` or ``distributed``): anything with ``.result()``.
    """
    pending: deque[Any] = deque()
    for task in tasks:
        pending.append(submit(task))
        if len(pending) >= max_in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def usable_cores() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this platform (macOS, Windows)
        return os.cpu_count() or 1


def ahead_pays(workers: int, cores: int) -> bool:
    """Whether ``workers`` pool workers should verify pairs ahead of settling on a machine of ``cores`` CPUs.

    Verifying ahead moves the costly part of pairing out of the ingesting process, which settles the batches
    one after the other, into the workers; it costs CPU of its own (each batch's candidates, index and quick
    scores are made twice, its keys travel back). That pays when the ingesting process has a core to itself
    and its settling bounds the run; when the workers take every core it only adds work. On this project's
    2-core machine, two PostgreSQL workers ingested 2 000 synthetic releases in 19.9 s without it against
    21.7 s with it (two rounds each, alternating; into SQLite 17.4 against 17.5 s)."""
    return cores > workers


@dataclass
class Pool:
    """Tasks in a local process pool of ``workers`` processes (``ahead``: whether they verify pairs ahead of
    settling; by default when ``ahead_pays`` on this machine)."""

    workers: int
    ahead: bool | None = None

    def __post_init__(self) -> None:
        if self.ahead is None:
            self.ahead = ahead_pays(self.workers, usable_cores())
        context = multiprocessing.get_context("spawn")  # no inherited connections, locks or threads
        self._executor: Executor = ProcessPoolExecutor(self.workers, mp_context=context,
                                                          initializer=_start_worker)

    def map(self, tasks: Iterable[Task]) -> Iterator[Done]:
        return ordered(lambda t: self._executor.submit(run_task, replace(t, ahead=bool(self.ahead))), tasks,
                       self.workers * IN_FLIGHT_PER_WORKER)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _start_worker() -> None:
    """A pool worker's settings: one BLAS thread (``aimaq.settings.BLAS_THREADS``), the ingest's collector
    thresholds (``aimaq.ingest.collection``)."""
    one_blas_thread()
    worker_collection()


class DaskCluster:
    """Tasks on the Dask cluster whose scheduler is at ``address`` (``tcp://host:8786``); its workers must
    reach the store (PostgreSQL, or a SQLite file on a disk they share)."""

    def __init__(self, address: str, timeout: float = 30) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # third-party distributed, the optional dask extra
            raise ParallelError("Dask is not installed (pip install 'aimaq[dask]')") from exc
        try:
            self._client = Client(address, timeout=timeout, set_as_default=False)
        except OSError as exc:
            raise ParallelError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        workers = len(self._client.scheduler_info().get("workers", {}))
        self._in_flight = max(1, workers) * IN_FLIGHT_PER_WORKER

    def map(self, tasks: Iterable[Task]) -> Iterator[Done]:
        # pure=False: a batch read twice (a re-run) is a new task, not a cached result
        return ordered(lambda t: self._client.submit(run_task, t, pure=False), tasks, self._in_flight)

    def close(self) -> None:
        self._client.close()


def extractor(workers: int = 1, scheduler: str | None = None, engine: Engine | None = None) -> Extractor:
    """The backend for ``aimaq ingest --workers N`` / ``--dask ADDRESS`` (``engine``: the store, for one
    worker in this process)."""
    if scheduler:
        return DaskCluster(scheduler)
    if workers < 1:
        raise ParallelError(f"--workers must be at least 1, not {workers}")
    if workers > 1:
        return Pool(workers)
    if engine is None:
        raise ParallelError("one worker in this process needs the store's engine")
    return Inline(engine)
