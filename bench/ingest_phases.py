"""CPU per document of each phase of an ingest, one process doing all of them in turn (issue 17).

    .venv/bin/python bench/ingest_phases.py [--docs 600] [--out bench/results_ingest_phases.md]

The `--docs` synthetic releases (`aimaq.synth`, seed 1, one JSONL file) are ingested into a new SQLite store
in batches of `aimaq.ingest.BATCH_SIZE`, in this process, as a worker and the ingesting process would split the
work: each batch is extracted (`extract_batch`), its rows written (`write_rows`), its settling prepared as a worker prepares it
(`prepare_ahead`: keys, shingles, LSH keys, verifying likely pairs), then settled (`settle`: clusters, pairs,
counts, with the prepared verifications). Each phase's CPU time (`time.process_time`) is summed over the
batches, after a warm-up ingest of 30 other documents that loads the models.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from aimaq.settings import one_blas_thread  # noqa: E402

one_blas_thread()

from aimaq.ingest import BATCH_SIZE, workers  # noqa: E402
from aimaq.ingest import run as run_module  # noqa: E402
from aimaq.ingest.run import ingest  # noqa: E402
from corpus import write_jsonl  # noqa: E402

RESULTS = HERE / "results_ingest_phases.md"
PHASES = (("extract_batch", "extraction", "worker"), ("write_rows", "writing the rows", "worker"),
          ("prepare_ahead", "preparing settling (keys, shingles, LSH keys, verifying likely pairs)", "worker"),
          ("settle", "settling (clusters, pairs, counts; verifications reused)", "ingesting process"))


def _timed(spent: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start
    return timed


def measure(docs: int) -> dict[str, float]:
    """CPU seconds per phase of one ingest of ``docs`` documents (workers' preparation included)."""
    spent: dict[str, float] = defaultdict(float)
    workers.extract_batch = _timed(spent, "extract_batch", workers.extract_batch)
    workers.write_rows = _timed(spent, "write_rows", workers.write_rows)
    workers.prepare_ahead = _timed(spent, "prepare_ahead", workers.prepare_ahead)
    run_module.settle = _timed(spent, "settle", run_module.settle)
    # as a worker runs tasks: with their settling prepared ahead
    workers.Inline.map = lambda self, tasks: (workers.run_task(dataclasses.replace(t, ahead=True), self.engine)
                                              for t in tasks)
    with tempfile.TemporaryDirectory(prefix="aimaq-phases-") as tmp:
        warm = write_jsonl(Path(tmp) / "warm.jsonl", 30, seed=7)
        ingest([str(warm)], str(Path(tmp) / "warm.db"))
        spent.clear()
        path = write_jsonl(Path(tmp) / "docs.jsonl", docs)
        ingest([str(path)], str(Path(tmp) / "phases.db"))
    return dict(spent)


def table(docs: int, spent: dict[str, float]) -> str:
    total = sum(spent.values())
    lines = ["# Ingest: CPU per document of each phase\n",
             f"Command: `.venv/bin/python bench/ingest_phases.py {' '.join(sys.argv[1:])}`.  ",
             f"Machine: {os.cpu_count()} logical CPUs; one process, one BLAS thread; SQLite.  ",
             f"Documents: `aimaq.synth.generate(Options(docs={docs}, seed=1))`, batches of {BATCH_SIZE}.\n",
             "| phase | where it runs | ms per document | share |", "|---|---|---:|---:|"]
    for name, label, where in PHASES:
        ms = spent.get(name, 0.0) * 1000 / docs
        lines.append(f"| {label} | {where} | {ms:.1f} | {spent.get(name, 0.0) / total:.0%} |")
    lines.append(f"| **all** | | **{total * 1000 / docs:.1f}** | |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    text = table(args.docs, measure(args.docs))
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
