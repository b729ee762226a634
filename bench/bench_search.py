"""Search latency on stores of 10 000 and 100 000 synthetic documents (issue 4: median < 50 ms at 100k on SQLite).

    .venv/bin/python bench/bench_search.py [--sizes 10000,100000] [--base 2000] [--repeat 10] [--postgres]

``--sizes 1000000`` builds a store of a million (light) documents (the write rate goes to stderr every 50 000
documents); ``--out`` keeps the 10k/100k tables apart from such a run.

Writes bench/results_search.md (with --postgres: bench/results_search_pg.md, on a throwaway server that
scripts/pg_start.sh starts, one database per size) and prints the same Markdown table.

How a store of N documents is built (full extraction runs at about 30 documents/s here, so 100 000 would
take about an hour): the corpus is ``aimaq.synth.generate(Options(docs=N, seed=SEED))``, N distinct texts.
* The first ``base`` records (2 000 by default) go through the full pipeline (``extract_stream``).
* Every other record is a *light* document: its own text, title, date and language; sentences split at
  sentence-final punctuation; its region and facts from the generator's ground truth (``truth``: type,
  value, value before, currency, region; the evidence span is its second sentence); no mentions and no
  amounts. Its search keys are computed from its own text by the store's own code.
* The fully extracted documents are written with ``aimaq.store.write.write_document`` (the code ingest uses:
  rows, search keys, FTS5 index or PostgreSQL's ``search_vector``); the light ones ``BULK_EVERY`` at a time by
  ``bulk_store.write_documents``, which writes the same rows (computed by the store's own
  ``aimaq.store.write.document_rows``) with one executemany per table on SQLite and COPY on PostgreSQL
  (tests/test_bench_bulk_store.py: both stores equal, row for row). Near-duplicate clusters and kk/ru
  pairs are taken from the generator's truth (a re-post joins the cluster of its original; the kk and ru
  versions of a release are paired, sentences aligned 1-1) instead of running dedup and the pairer.
Latency is the wall time of ``aimaq.store.search.search(engine, query, filters, limit=20)`` (ranking,
filters, translations, snippets), one warm-up call per query, then ``repeat`` timed calls of each query.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

import bulk_store
import throwaway_pg
from sqlalchemy import Engine, insert, text, update

from aimaq.pipeline import Failure, document_id, extract_stream
from aimaq.records import Document, Fact, RawDocument, RegionCount, Sentence, Span, Unreadable
from aimaq.store.engine import open_store
from aimaq.store.filters import Filters
from aimaq.store.runs import insert_run
from aimaq.store.schema import Cluster, IngestRun, PairRow
from aimaq.store.search import search
from aimaq.store.write import write_document
from aimaq.synth import Options, generate

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results_search.md"
RESULTS_PG = HERE / "results_search_pg.md"
SEED = 1
BASE = 2000
REPEAT = 10
GOAL_MS = 50.0
COMMIT_EVERY = 2000
BULK_EVERY = 5000  # light documents per bulk write (bulk_store.write_documents), one transaction
PROGRESS_EVERY = 50_000  # a line on stderr with the write rate (a store of 1 000 000 takes hours)
_SET_CLUSTER = text("UPDATE documents SET cluster_id = :c WHERE id = :d")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

QUERIES = (  # (label, query): Kazakh, Russian and mixed words, frequent and rarer
    ("kk word", "инвестициялар"),
    ("kk word, rarer", "кәсіпорындар"),
    ("ru word", "предприятий"),
    ("ru two words", "рабочих мест"),
    ("kk+ru words", "инвестиции Ақтөбе"),
)
FILTERS = (
    ("none", Filters()),
    ("region", Filters(region="KZ-15")),
    ("dates", Filters(since=date(2022, 1, 1), until=date(2022, 12, 31))),
    ("region+dates", Filters(region="KZ-15", since=date(2022, 1, 1), until=date(2022, 12, 31))),
)


def _raw(rec: dict[str, Any], index: int) -> RawDocument:
    return RawDocument(f"{rec['url']}#{index}", rec["text"], rec["title"], rec["date"], rec["url"], "jsonl")


def base_documents(records: Sequence[dict[str, Any]]) -> list[Document | None]:
    """The records extracted by the full pipeline (None where extraction failed)."""
    out: list[Document | None] = []
    for item in extract_stream(_raw(rec, i) for i, rec in enumerate(records)):
        out.append(None if isinstance(item, (Failure, Unreadable)) else item)
    return out


def _sentences(text: str, lang: str) -> tuple[Sentence, ...]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append(Sentence(start, m.start(), lang))
        start = m.end()
    if start < len(text):
        spans.append(Sentence(start, len(text), lang))
    return tuple(spans)


def light_document(rec: dict[str, Any], index: int) -> Document:
    """A document without NER or amount extraction: sentences, region and facts from the generator's truth."""
    text, lang = rec["text"], rec["lang"]
    sentences = _sentences(text, lang)
    where = sentences[min(1, len(sentences) - 1)]
    facts = tuple(Fact(t["type"], t["value"], t["value_before"], t["currency"], None, t["region"], None, None,
                       Span(where.start, where.end), "synth-truth") for t in rec["truth"])
    regions = (RegionCount(rec["truth"][0]["region"], 1),) if rec["truth"] else ()
    return Document(id=document_id(text), source=_raw(rec, index).source, lang=lang, date=rec["date"],
                    title=rec["title"], text=text, sentences=sentences, regions=regions, facts=facts)


class _Layout:
    """Clusters and pairs from the generator's truth: (release, lang) -> the first document written.

    (A plain class: bench/run.py loads this file without registering it in sys.modules, which dataclasses
    need.)
    """

    def __init__(self) -> None:
        self.original: dict[tuple[int, str], str] = {}
        self.clusters: dict[str, int] = {}

    def place(self, rec: dict[str, Any], doc_id: str) -> str:
        first = self.original.setdefault((rec["release"], rec["lang"]), doc_id)
        self.clusters[first] = self.clusters.get(first, 0) + 1
        return first


def _start_run(engine: Engine, n: int) -> int:
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        run_id = insert_run(conn, [f"synth:{n}"], status="done")
        conn.execute(update(IngestRun).where(IngestRun.id == run_id).values(read=n, new=n))
        return run_id


def _finish_layout(engine: Engine, layout: _Layout, run_id: int) -> int:
    """Write clusters (the first document of each is its representative) and kk/ru pairs; pairs written."""
    pairs = []
    for (release, lang), kk_id in layout.original.items():
        ru_id = layout.original.get((release, "ru"))
        if lang == "kk" and ru_id:
            pairs.append({"kk_id": kk_id, "ru_id": ru_id, "score": 1.0, "run_id": run_id,
                          "sentences": json.dumps([[i, i] for i in range(8)])})
    clusters = [{"id": c, "representative_id": c, "size": n} for c, n in layout.clusters.items()]
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        for rows, model in ((clusters, Cluster), (pairs, PairRow)):
            for start in range(0, len(rows), COMMIT_EVERY * 10):  # bounded statements at 1 000 000 documents
                conn.execute(insert(model), rows[start : start + COMMIT_EVERY * 10])
    return len(pairs)


def _documents(n: int, base: list[Document | None]) -> Iterable[tuple[dict[str, Any], RawDocument, Document]]:
    for i, rec in enumerate(generate(Options(docs=n, seed=SEED))):
        doc = base[i] if i < len(base) else None
        yield rec, _raw(rec, i), doc or light_document(rec, i)


def build_store(db: str, n: int, base: list[Document | None], bulk: bool = True) -> tuple[Engine, dict[str, int]]:
    """A store (a SQLite path or a database URL) of the first ``n`` generated documents; counts.

    The fully extracted documents are written one at a time by ``write_document``; the light ones, with
    ``bulk``, ``BULK_EVERY`` at a time by ``bulk_store.write_documents`` (the same rows), else one at a time
    too."""
    engine = open_store(db)
    clock = time.perf_counter()
    run_id = _start_run(engine, n)
    layout, seen = _Layout(), set()
    pending: list[tuple[Document, RawDocument, str]] = []  # light documents waiting for a bulk write
    with engine.connect().execution_options(write=True) as conn:
        for i, (rec, raw, doc) in enumerate(_documents(n, base)):
            if doc.id not in seen:
                seen.add(doc.id)
                cluster = layout.place(rec, doc.id)
                if bulk and (i >= len(base) or base[i] is None):
                    pending.append((doc, raw, cluster))
                else:
                    bulk_store.write_documents(conn, pending, run_id)  # in the order of the corpus
                    pending.clear()
                    write_document(conn, doc, raw, run_id)
                    conn.execute(_SET_CLUSTER, {"c": cluster, "d": doc.id})
            if len(pending) >= BULK_EVERY:
                bulk_store.write_documents(conn, pending, run_id)
                pending.clear()
                conn.commit()
            elif not pending and (i + 1) % COMMIT_EVERY == 0:
                conn.commit()
            if (i + 1) % PROGRESS_EVERY == 0:
                print(f"bench_search: {i + 1:,} of {n:,} written, {(i + 1) / (time.perf_counter() - clock):.0f} "
                      "documents/s", file=sys.stderr)
        bulk_store.write_documents(conn, pending, run_id)
        conn.commit()
    pairs = _finish_layout(engine, layout, run_id)
    if engine.dialect.name == "postgresql":  # planner statistics, as autovacuum keeps them on a live server
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    return engine, {"documents": len(seen), "full": sum(d is not None for d in base[:n]), "pairs": pairs,
                    "clusters": len(layout.clusters)}


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(engine: Engine, repeat: int) -> list[tuple[str, str, float, float, int]]:
    """(query, filters, median ms, p95 ms, hits) for every query and filter of the fixed mix."""
    rows = []
    for label, query in QUERIES:
        for fname, filters in FILTERS:
            hits = len(search(engine, query, filters))  # warm-up
            times = []
            for _ in range(repeat):
                clock = time.perf_counter()
                search(engine, query, filters)
                times.append((time.perf_counter() - clock) * 1000)
            rows.append((f"{label}: `{query}`", fname, statistics.median(times), _percentile(times, 0.95), hits))
    return rows


def table(results: dict[int, tuple[dict[str, int], float, list]], base: int, repeat: int,
          backend: str = "SQLite") -> str:
    command = "bench/bench_search.py --postgres`" if backend != "SQLite" else "bench/bench_search.py` (or `make bench`)"
    lines = [
        f"## Search latency ({backend})\n",
        f"Command: `.venv/bin/python {command}. Corpus: "
        f"`aimaq.synth.generate(Options(docs=N, seed={SEED}))`, stored once per id (an extracted re-post whose "
        "added source line the cleaner removes has its original's id, hence fewer than N). "
        f"The first {base} documents are extracted by the "
        "full pipeline; the others are *light* documents (their own text and search keys, sentences split at "
        "punctuation, region and facts from the generator's truth, no mentions or amounts); the extracted ones written by "
        "`aimaq.store.write.write_document`, the light ones with the same rows in batches of "
        f"{BULK_EVERY:,} (`bench/bulk_store.py`); clusters and kk/ru pairs from the generator's truth. "
        f"Latency of `search(engine, query, filters, limit=20)`: median and p95 of {repeat} calls per query "
        f"after one warm-up. Goal: median < {GOAL_MS:.0f} ms at 100 000 documents.\n",
        "| documents | query | filters | hits | median ms | p95 ms |",
        "|---:|---|---|---:|---:|---:|",
    ]
    for _n, (counts, _build_s, rows) in sorted(results.items()):
        for query, fname, med, p95, hits in rows:
            lines.append(f"| {counts['documents']:,} | {query} | {fname} | {hits} | {med:.1f} | {p95:.1f} |")
    lines.append("")
    for _n, (counts, build_s, rows) in sorted(results.items()):
        medians = [r[2] for r in rows]
        overall = statistics.median(medians)
        worst = max(rows, key=lambda r: r[2])
        lines.append(f"- {counts['documents']:,} documents ({counts['full']:,} fully extracted, {counts['pairs']:,} "
                     f"pairs, {counts['clusters']:,} clusters; built in {build_s:.0f} s, "
                     f"{counts['documents'] / build_s:.0f} documents/s): median of the query "
                     f"medians {overall:.1f} ms, slowest {worst[0]} / {worst[1]} {worst[2]:.1f} ms; "
                     f"{'all' if worst[2] < GOAL_MS else 'not all'} under {GOAL_MS:.0f} ms.")
    return "\n".join(lines) + "\n"


def run(sizes: Sequence[int] = (10_000, 100_000), base: int = BASE, repeat: int = REPEAT,
        workdir: Path | None = None, postgres: bool = False) -> str:
    """Build a store per size, measure the query mix on each, and return the Markdown table."""
    records = list(generate(Options(docs=min(base, max(sizes)), seed=SEED)))
    clock = time.perf_counter()
    extracted = base_documents(records)
    print(f"bench_search: {len(extracted)} base documents extracted in {time.perf_counter() - clock:.0f} s",
          file=sys.stderr)
    results = {}
    with tempfile.TemporaryDirectory(dir=workdir) as tmp, ExitStack() as stack:
        try:
            server = stack.enter_context(throwaway_pg.server(Path(tmp))) if postgres else None
        except throwaway_pg.NoServer as exc:
            raise SystemExit(f"bench_search: no PostgreSQL: {exc}") from None
        for n in sizes:
            clock = time.perf_counter()
            db = throwaway_pg.database(server, f"search_{n}") if server else str(Path(tmp) / f"search_{n}.db")
            engine, counts = build_store(db, n, extracted)
            build_s = time.perf_counter() - clock
            print(f"bench_search: {counts['documents']} documents stored in {build_s:.0f} s "
                  f"({counts['documents'] / build_s:.0f} documents/s)", file=sys.stderr)
            results[n] = (counts, build_s, measure(engine, repeat))
            engine.dispose()
    return table(results, min(base, max(sizes)), repeat, "PostgreSQL" if postgres else "SQLite")


def bench_search(quick: bool = False) -> str:
    """The entry point bench/run.py calls: 10k and 100k documents, or 1k and 10k with ``quick``."""
    return run(sizes=(1_000, 10_000), base=500) if quick else run()


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="10000,100000", help="store sizes, comma-separated")
    p.add_argument("--base", type=int, default=BASE, help="documents extracted by the full pipeline")
    p.add_argument("--repeat", type=int, default=REPEAT, help="timed calls per query")
    p.add_argument("--postgres", action="store_true", help="measure PostgreSQL (scripts/pg_start.sh) instead of SQLite")
    p.add_argument("--out", type=Path, help="where the table goes (default bench/results_search[_pg].md)")
    args = p.parse_args(argv)
    markdown = run(tuple(int(s) for s in args.sizes.split(",")), args.base, args.repeat, postgres=args.postgres)
    print(markdown)
    (args.out or (RESULTS_PG if args.postgres else RESULTS)).write_text(markdown, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
