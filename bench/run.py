"""`make bench`: extraction speed per stage on one core, written to bench/results.md.

    .venv/bin/python bench/run.py [--rounds 5] [--out bench/results.md]

The corpus is the project's hand-checked documents (tests/corpus) plus the shared samples when
../shared is beside the project. Each document is read once, then every stage of the default pipeline is
timed separately over `rounds` passes (after one warm-up pass that loads the models). Figures are
documents/s and tokens/s (whitespace tokens) on this machine, single process.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from aimaq.cli import BLAS_THREADS
from aimaq.pipeline import STAGES, Pipeline, Stage, State
from aimaq.records import RawDocument
from aimaq.settings import Settings
from aimaq.stages.read import iter_documents

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "corpus", ROOT.parent / "shared" / "samples"]  # their *.txt documents


def _timed(stage: Stage, clock: dict[str, float]) -> Stage:
    def run(state: State) -> dict:
        t0 = time.perf_counter()
        out = stage.run(state)
        clock[stage.name] = clock.get(stage.name, 0.0) + time.perf_counter() - t0
        return out

    return Stage(stage.name, stage.requires, stage.assigns, run)


def load() -> list[RawDocument]:
    paths = [str(p) for folder in SOURCES if folder.is_dir() for p in sorted(folder.glob("*.txt"))]
    return [d for d in iter_documents(paths, Settings()) if isinstance(d, RawDocument)]


def measure(docs: list[RawDocument], rounds: int) -> tuple[dict[str, float], float]:
    clock: dict[str, float] = {}
    pipeline = Pipeline([_timed(s, clock) for s in STAGES])
    for raw in docs:  # warm-up: loads natasha, lingua and the Kazakh lexicon
        pipeline(raw)
    clock.clear()
    t0 = time.perf_counter()
    for _ in range(rounds):
        for raw in docs:
            pipeline(raw)
    return clock, time.perf_counter() - t0


def table(docs: list[RawDocument], clock: dict[str, float], total: float, rounds: int) -> str:
    n = len(docs) * rounds
    tokens = sum(len(d.text.split()) for d in docs) * rounds
    rows = [
        "| stage | seconds | share | docs/s | tokens/s |",
        "|---|---:|---:|---:|---:|",
    ]
    for stage in STAGES:
        sec = clock.get(stage.name, 0.0)
        rows.append(f"| {stage.name} | {sec:.3f} | {sec / total:.0%} | {n / sec:,.0f} | {tokens / sec:,.0f} |"
                    if sec else f"| {stage.name} | 0 | 0% | - | - |")
    rows.append(f"| **total** | {total:.3f} | 100% | {n / total:,.1f} | {tokens / total:,.0f} |")
    head = (
        f"# aimaq extract speed\n\n"
        f"Command: `make bench` (`.venv/bin/python bench/run.py --rounds {rounds}`).\n"
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs, "
        f"Python {platform.python_version()}; one process, one thread of work.\n"
        f"Corpus: {len(docs)} documents ({tokens // rounds:,} tokens) × {rounds} rounds = {n} extractions; "
        f"documents from tests/corpus and ../shared/samples.\n\n"
    )
    return head + "\n".join(rows) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args()
    for name in BLAS_THREADS:  # as the CLI does; the stages import numpy lazily, after this
        os.environ.setdefault(name, "1")
    docs = load()
    clock, total = measure(docs, args.rounds)
    text = table(docs, clock, total, args.rounds)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
