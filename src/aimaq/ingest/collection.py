"""How often Python's cycle collector runs while an ingest holds its caches.

An ingest keeps the pairing keys and shingles of about a thousand recent documents between its batches
(``aimaq.store.translation_pairs.PairingCache``, ``aimaq.store.dedup.ShingleCache``), millions of objects
the collector's full passes walk again and again although they are freed by reference counting, not by
the collector. With the interpreter's thresholds (700, 10, 10) the collector took about 6% of a one-worker
ingest of 2 000 synthetic releases (2.0 s of 31.5 s, 1.6 s of it in 15 full passes; timed with
``gc.callbacks``); extraction alone spends 1% in it. ``INGEST_THRESHOLDS`` lets the youngest generation grow
to 10 000 objects before a pass: the same ingest ran one full pass and spent 0.56 s in the collector. The
other two thresholds stay as they were, so a full pass still comes after a hundred passes of the youngest
generation, and garbage in reference cycles is still collected during the run.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

INGEST_THRESHOLDS = (10_000, 10, 10)


@contextmanager
def ingest_collection() -> Iterator[None]:
    """Run the block with ``INGEST_THRESHOLDS``; the caller's thresholds are back afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*INGEST_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def worker_collection() -> None:
    """``INGEST_THRESHOLDS`` for the rest of a process that only runs ingest tasks (a pool worker)."""
    gc.set_threshold(*INGEST_THRESHOLDS)
