"""Where ingest runs the extraction: in this process, in a local process pool, or on a Dask cluster.

Extraction is CPU-bound and writing is a small share of an ingest, so only extraction is spread out: each
batch of raw documents is one task (``extract_batch``, the same library call as on one machine), and the
results come back to the ingesting process *in the order the batches were read*, where they are written in
one transaction per batch. Writing in reading order makes a parallel ingest store exactly what a
single-process one stores (ids, facts, clusters, pairs). At most ``max_in_flight`` batches are out at
once, so memory stays bounded however long the input is.

On Dask a worker that dies takes its running batches with it; the scheduler runs them again elsewhere,
and since nothing is written until a batch's result arrives (and writes are keyed by content hashes),
a retried batch adds nothing twice.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from aimaq.errors import ParallelError
from aimaq.pipeline import Failure, extract_stream
from aimaq.records import Document, RawDocument
from aimaq.settings import one_blas_thread

Result = Document | Failure
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: enough to keep it busy while a result is written


def extract_batch(raws: list[RawDocument]) -> list[Result]:
    """Extract a batch of raw documents (runs in a worker); a document that fails becomes a Failure."""
    return [r for r in extract_stream(raws) if isinstance(r, (Document, Failure))]


class Extractor(Protocol):
    """Maps batches of raw documents to their results, in the order given."""

    def map(self, batches: Iterable[list[RawDocument]]) -> Iterator[list[Result]]: ...

    def close(self) -> None: ...


class Inline:
    """Extraction in this process, one batch at a time (the default)."""

    def map(self, batches: Iterable[list[RawDocument]]) -> Iterator[list[Result]]:
        return (extract_batch(b) for b in batches)

    def close(self) -> None:
        return None


def ordered(submit: Callable[[list[RawDocument]], Any], batches: Iterable[list[RawDocument]],
            max_in_flight: int) -> Iterator[list[Result]]:
    """Submit batches, keeping at most ``max_in_flight`` out, and yield their results in submission order.

    ``submit`` returns a future (``concurrent.futures`` or ``distributed``): anything with ``.result()``.
    """
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= max_in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@dataclass
class Pool:
    """Extraction in a local process pool of ``workers`` processes."""

    workers: int

    def __post_init__(self) -> None:
        context = multiprocessing.get_context("spawn")  # no inherited connections, locks or threads
        self._executor: Executor = ProcessPoolExecutor(self.workers, mp_context=context,
                                                          initializer=one_blas_thread)

    def map(self, batches: Iterable[list[RawDocument]]) -> Iterator[list[Result]]:
        return ordered(lambda b: self._executor.submit(extract_batch, b), batches,
                       self.workers * IN_FLIGHT_PER_WORKER)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """Extraction on the Dask cluster whose scheduler is at ``address`` (``tcp://host:8786``)."""

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

    def map(self, batches: Iterable[list[RawDocument]]) -> Iterator[list[Result]]:
        # pure=False: a batch read twice (a re-run) is a new task, not a cached result
        return ordered(lambda b: self._client.submit(extract_batch, b, pure=False), batches, self._in_flight)

    def close(self) -> None:
        self._client.close()


def extractor(workers: int = 1, scheduler: str | None = None) -> Extractor:
    """The backend for ``aimaq ingest --workers N`` / ``--dask ADDRESS``."""
    if scheduler:
        return DaskCluster(scheduler)
    if workers < 1:
        raise ParallelError(f"--workers must be at least 1, not {workers}")
    return Inline() if workers == 1 else Pool(workers)
