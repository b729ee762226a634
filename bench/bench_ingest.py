"""Ingest against extraction, one worker against two, an empty store against a full one (issue 17).

    .venv/bin/python bench/bench_ingest.py [--docs 2000] [--store 100000] [--no-postgres] [--store-postgres]
                                           [--rss-docs N] [--rss-only] [--out bench/results_ingest.md]

One run measures, on the same `--docs` synthetic releases (`aimaq.synth`, seed 1, as `make bench`):
1. extraction alone: `extract_stream` over the documents in this process, after a warm-up (the baseline);
2. `ingest` of the documents as one JSONL file into an empty SQLite store and an empty PostgreSQL database
   (a throwaway server, bench/throwaway_pg.py), with one worker (in this process) and with two (a process
   pool: the workers extract, write their rows and verify likely pairs; this process settles batches in
   reading order); the pool's start-up (two interpreters loading the models) is inside the time; on
   PostgreSQL also of the first half of the documents, so that what the second half adds (``marginal_rate``)
   compares one worker with two without the costs a run pays once;
3. the same one-worker ingest into a store that already holds `--store` light documents (as
   bench/bench_search.py makes them, from another seed, each its own cluster, with their near-duplicate
   and pairing keys, so that every candidate lookup meets them; dated over the same years as the new
   documents), against the empty store of leg 2.
Times are wall times on this machine; the table says how many cores it has.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from aimaq.settings import one_blas_thread  # noqa: E402

one_blas_thread()

import bench_search  # noqa: E402
import run as bench_run  # noqa: E402
import throwaway_pg  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from aimaq.corpus.index import document_keys  # noqa: E402
from aimaq.ingest.run import ingest  # noqa: E402
from aimaq.pipeline import extract_stream  # noqa: E402
from aimaq.records import Document, RawDocument  # noqa: E402
from aimaq.store import dedup, pair_candidates, pair_summaries  # noqa: E402
from aimaq.store.engine import open_store  # noqa: E402
from aimaq.store.runs import insert_run  # noqa: E402
from aimaq.store.schema import Cluster, LshKey, PairingKey, PairingSummary, ShingleSet  # noqa: E402
from aimaq.store.write import write_documents  # noqa: E402
from aimaq.synth import Options, generate  # noqa: E402
from corpus import raw_documents, write_jsonl  # noqa: E402

RESULTS = HERE / "results_ingest.md"
RESULTS_RSS = HERE / "results_ingest_rss.md"
GOAL_SHARE, GOAL_TWO, GOAL_FULL = 0.8, 1.7, 0.2
STORE_SEED = 2  # the full store's documents: not the new ones (seed 1), dated over the same years
CHUNK = 2000
Row = tuple[str, int, float, float]  # label, documents, wall s, CPU s


def extraction(docs: int) -> tuple[float, float]:
    """Wall and CPU seconds to extract the documents in this process, models loaded first."""
    raws = list(raw_documents(docs))
    for _ in extract_stream(raws[:20]):
        pass
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in extract_stream(raws):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def timed_ingest(path: Path, db: str, workers: int = 1) -> tuple[int, float, float]:
    """(documents read, wall seconds, CPU seconds of this process: with workers, what settling costs)."""
    t0, c0 = time.perf_counter(), time.process_time()
    report = ingest([str(path)], db, workers=workers)
    return report.read, time.perf_counter() - t0, time.process_time() - c0


def marginal_rate(small: tuple[int, float], large: tuple[int, float]) -> float:
    """Documents a second that the larger of two ingests (documents, seconds) adds over the smaller: the costs
    paid once a run (a pool's start-up, the first settling's loading, the tail) cancel out."""
    (n_small, t_small), (n_large, t_large) = small, large
    return (n_large - n_small) / (t_large - t_small) if t_large > t_small else 0.0


def full_store(db: str, size: int) -> None:
    """``size`` light documents (``bench_search.light_document``) of another seed than the new documents, each
    its own cluster, with their LSH keys, shingle hashes, pairing keys and pairing summaries, written in chunks of
    ``CHUNK``."""
    engine = open_store(db)
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        run_id = insert_run(conn, [f"synth:{size}"], status="done")
    seen: set[str] = set()
    records = generate(Options(docs=size, seed=STORE_SEED))
    while True:
        chunk = list(itertools.islice(records, CHUNK))
        if not chunk:
            break
        new: list[tuple[Document, RawDocument]] = []
        for rec in chunk:
            doc = bench_search.light_document(rec, len(seen))
            if doc.id not in seen:
                seen.add(doc.id)
                new.append((doc, RawDocument(doc.source, rec["text"], rec["title"], rec["date"], rec["url"], "jsonl")))
        clusters, lsh, shingle_sets, anchors, summaries = [], [], [], [], []
        for doc, _ in new:
            own = dedup.shingles(doc.text)
            clusters.append({"id": doc.id, "representative_id": doc.id, "size": 1})
            lsh += [{"key": k, "doc_id": doc.id} for k in dedup.band_keys(own)]
            shingle_sets.append({"doc_id": doc.id, "hashes": dedup.shingle_hashes(own)})
            if doc.lang in ("kk", "ru"):
                keys = document_keys(doc)
                anchors += pair_candidates.key_rows(keys)
                summaries.append(pair_summaries.summary_row(keys))
        with engine.connect().execution_options(write=True) as conn, conn.begin():
            write_documents(conn, new, run_id)  # the store's own batched writer, as ingest writes a batch
            for model, rows in ((Cluster, clusters), (LshKey, lsh), (ShingleSet, shingle_sets), (PairingKey, anchors),
                                (PairingSummary, summaries)):
                if rows:
                    conn.execute(insert(model), rows)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("ANALYZE")
    engine.dispose()


def rss_run(docs: int) -> dict:
    """A one-worker ingest of ``docs`` documents in a fresh interpreter; its JSON report."""
    out = subprocess.run([sys.executable, str(HERE / "rss_ingest.py"), str(docs)], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def rss_only(docs: int, more: int, out: Path) -> int:
    """The RSS of one-worker ingests of ``docs`` and ``more`` documents, written to ``out``."""
    runs = [rss_run(n) for n in (docs, more)]
    text = "\n".join([
        "# Ingest memory: RSS from a small to a large ingest\n",
        f"Command: `.venv/bin/python bench/bench_ingest.py {' '.join(sys.argv[1:])}`.  ",
        "Each run is `bench/rss_ingest.py N` in a fresh process: one worker, one JSONL file of "
        "`aimaq.synth.generate(Options(docs=N, seed=1))`, a new SQLite store.\n",
        *bench_run.rss_table(runs), ""])
    out.write_text(text, encoding="utf-8")
    print(text)
    return 0


def _pg(folder: Path, legs: Callable[[str], None]) -> str | None:
    try:
        with throwaway_pg.server(folder) as url:
            legs(url)
    except throwaway_pg.NoServer as exc:
        return str(exc)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--store", type=int, default=100_000, help="light documents of the full store (0: none)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--store-postgres", action="store_true", help="also the full-store leg on PostgreSQL")
    parser.add_argument("--rss-docs", type=int, default=0,
                        help="also the RSS of one-worker ingests of --docs and this many documents (0: not)")
    parser.add_argument("--rss-only", action="store_true", help="only the RSS runs (to --out, default "
                        "bench/results_ingest_rss.md)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.rss_only:
        return rss_only(args.docs, args.rss_docs or 20_000, args.out or RESULTS_RSS)
    args.out = args.out or RESULTS
    rows: list[Row] = []
    notes: list[str] = []
    rows.append(("extraction alone (baseline)", args.docs, *extraction(args.docs)))
    print(rows[-1], flush=True)
    with tempfile.TemporaryDirectory(prefix="aimaq-bench-ingest-") as tmp:
        folder = Path(tmp)
        path = write_jsonl(folder / "synth.jsonl", args.docs)
        half = write_jsonl(folder / "half.jsonl", args.docs // 2)
        for workers in (1, 2):
            rows.append((f"SQLite, empty, {workers} worker{'s' * (workers > 1)}",
                         *timed_ingest(path, str(folder / f"empty{workers}.db"), workers)))
            print(rows[-1], flush=True)
        if args.store:
            db = str(folder / "full.db")
            t0 = time.perf_counter()
            full_store(db, args.store)
            notes.append(f"SQLite store of {args.store:,} light documents built in {time.perf_counter() - t0:.0f} s.")
            rows.append((f"SQLite, {args.store:,} stored, 1 worker", *timed_ingest(path, db)))
            print(rows[-1], flush=True)
        if not args.no_postgres:
            def legs(url: str) -> None:
                for workers in (1, 2):
                    label = f"PostgreSQL, empty, {workers} worker{'s' * (workers > 1)}"
                    for name, source in ((f"{label}, half the documents", half), (label, path)):
                        db = throwaway_pg.database(url, f"{'half' if source is half else 'empty'}{workers}")
                        rows.append((name, *timed_ingest(source, db, workers)))
                        print(rows[-1], flush=True)
                if args.store and args.store_postgres:
                    db = throwaway_pg.database(url, "full")
                    t0 = time.perf_counter()
                    full_store(db, args.store)
                    notes.append(f"PostgreSQL store of {args.store:,} light documents built in "
                                 f"{time.perf_counter() - t0:.0f} s.")
                    rows.append((f"PostgreSQL, {args.store:,} stored, 1 worker", *timed_ingest(path, db)))
                    print(rows[-1], flush=True)
            failed = _pg(folder, legs)
            if failed:
                notes.append(f"PostgreSQL not measured: {failed}")
    if args.rss_docs:
        runs = [rss_run(n) for n in (args.docs, args.rss_docs)]
        notes += ["", "Memory of a one-worker SQLite ingest (bench/rss_ingest.py, a fresh process each):", "",
                  *bench_run.rss_table(runs)]
    text = report(args, rows, notes)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


def _rate(row: Row) -> float:
    return row[1] / row[2] if row[2] else 0.0


def report(args: argparse.Namespace, rows: list[Row], notes: list[str]) -> str:
    by = {row[0]: _rate(row) for row in rows}
    sizes = {row[0]: (row[1], row[2]) for row in rows}
    base = by["extraction alone (baseline)"]
    lines = [
        "# Ingest: write cost, parallel writers, a full store\n",
        f"Command: `.venv/bin/python bench/bench_ingest.py {' '.join(sys.argv[1:])}`.  ",
        f"Machine: {os.cpu_count()} logical CPUs; one BLAS thread per process. Timings on a shared machine are noisy.  ",
        f"Documents: `aimaq.synth.generate(Options(docs={args.docs}, seed=1))`, as one JSONL file "
        f"(half the documents: `docs={args.docs // 2}`).\n",
        "| leg | documents | seconds | docs/s | / extraction | CPU s of this process |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, n, sec, cpu in rows:
        lines.append(f"| {label} | {n:,} | {sec:.1f} | {n / sec:.1f} | {n / sec / base:.2f}× | {cpu:.1f} |")
    lines.append("\nWith two workers the ingesting process only plans, settles (clusters, pairs, counts) and waits: "
                 "its CPU seconds are what settling costs; the workers' own CPU is not in that column.")
    marginal = {}
    for workers in ("1 worker", "2 workers"):
        label = f"PostgreSQL, empty, {workers}"
        if label in sizes and f"{label}, half the documents" in sizes:
            marginal[workers] = marginal_rate(sizes[f"{label}, half the documents"], sizes[label])
    if len(marginal) == 2:
        lines.append(f"Documents a second that the full ingest adds over the half one (fixed costs cancel: the pool's "
                     f"start-up, two fresh interpreters loading the models, which the one-worker legs, in this "
                     f"process, do not pay): PostgreSQL one worker {marginal['1 worker']:.1f}, two workers "
                     f"{marginal['2 workers']:.1f}.")
    lines += ["", *notes, "", "## Goals\n"]
    if args.rss_docs:
        lines.append("- RSS of a one-worker ingest flat within ±10% from "
                     f"{args.docs:,} to {args.rss_docs:,} documents: see the table above")
    for store in ("SQLite", "PostgreSQL"):
        one = by.get(f"{store}, empty, 1 worker")
        two = by.get(f"{store}, empty, 2 workers")
        full = by.get(f"{store}, {args.store:,} stored, 1 worker")
        if one:
            lines.append(f"- {store}, one worker ≥ {GOAL_SHARE}× extraction: {one / base:.2f}× — "
                         f"{'met' if one / base >= GOAL_SHARE else 'NOT met'}")
        if one and two and store == "PostgreSQL":
            lines.append(f"- {store}, two workers ≥ {GOAL_TWO}× one: {two / one:.2f}× with the pool's start-up — "
                         f"{'met' if two / one >= GOAL_TWO else 'NOT met'}")
            if marginal.get("1 worker") and marginal.get("2 workers"):
                ratio = marginal["2 workers"] / marginal["1 worker"]
                lines.append(f"- {store}, two workers ≥ {GOAL_TWO}× one, start-up left out (documents a second the "
                             f"full ingest adds over the half one): {ratio:.2f}× — "
                             f"{'met' if ratio >= GOAL_TWO else 'NOT met'}")
        if one and full:
            slower = 1 - full / one
            lines.append(f"- {store}, into {args.store:,} stored at most {GOAL_FULL:.0%} slower than into an empty "
                         f"store: {slower:+.1%} — {'met' if slower <= GOAL_FULL else 'NOT met'}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
