"""`make bench`: speed, memory and ingest figures on synthetic releases, written to bench/results.md.

    .venv/bin/python bench/run.py [--docs 2000] [--rss-docs 20000] [--quick] [--no-postgres]
                                  [--out bench/results.md] [--shared ../shared] [--real-docs 1000]
                                  [--rounds 1] [--real-only]

One process, one BLAS thread. The corpus is `aimaq.synth.generate(Options(docs=N, seed=1))` (kk and ru
releases). In the same run: documents/s and tokens/s (whitespace tokens) per stage and per language;
natasha's own pipeline on the Russian documents (bench/natasha_side.py); peak RSS of a streaming
extraction of N and `--rss-docs` documents in fresh subprocesses (bench/rss.py); ingest into SQLite and
PostgreSQL (bench/ingest_bench.py); search latency from bench/bench_search.py when that file exists.
The real-text leg (bench/real.py): the real releases of SHARED/data/real-releases (the Makefile's
SHARED, ../shared by default) repeated to `--real-docs` documents: docs/s and tokens/s per language,
and aimaq against natasha on the Russian ones, each in a fresh process, start-up included.
`--real-only` runs that leg alone and writes bench/results_real.md.
`--quick`: 200 documents, no large RSS run, 120 real documents.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from aimaq.settings import one_blas_thread  # noqa: E402  (after the bench folder is importable)

one_blas_thread()  # as the CLI does; the stages import numpy lazily, after this

import ingest_bench  # noqa: E402
import natasha_side  # noqa: E402
import real  # noqa: E402
import speed  # noqa: E402

from aimaq.pipeline import default_pipeline  # noqa: E402
from corpus import raw_documents  # noqa: E402

GOAL_DOCS_S, GOAL_RATIO, GOAL_RSS = 50.0, 3.0, 0.10
KINDS = ("PER", "LOC", "ORG", "money", "amounts", "facts", "dates")


def _rate(n: float, sec: float) -> str:
    return f"{n / sec:,.1f}" if sec else "-"


def stage_table(sp: speed.Speed) -> list[str]:
    rows = ["| stage | seconds | share | docs/s | tokens/s |", "|---|---:|---:|---:|---:|"]
    for stage in default_pipeline().stages:
        sec = sp.stages.get(stage.name, 0.0)
        rows.append(f"| {stage.name} | {sec:.2f} | {sec / sp.total:.0%} | {_rate(sp.docs, sec)} | "
                    f"{_rate(sp.tokens, sec)} |")
    for lang, (n, toks, sec) in sorted(sp.by_lang.items()):
        rows.append(f"| all stages, {lang} documents ({n}) | {sec:.2f} | {sec / sp.total:.0%} | "
                    f"{_rate(n, sec)} | {_rate(toks, sec)} |")
    rows.append(f"| **total** | {sp.total:.2f} | 100% | **{_rate(sp.docs, sp.total)}** | "
                f"{_rate(sp.tokens, sp.total)} |")
    rows.append(f"\nSeconds are wall time. CPU time of the same pass: {sp.cpu:.2f} s, "
                f"{_rate(sp.docs, sp.cpu)} docs/s, {_rate(sp.tokens, sp.cpu)} tokens/s.")
    return rows


def natasha_table(sp: speed.Speed, nat_sec: float, nat_found: Counter) -> list[str]:
    n, toks, sec = sp.by_lang.get("ru", [0, 0, 0.0])
    ours, theirs = n / sec if sec else 0.0, n / nat_sec if nat_sec else 0.0
    ratio = ours / theirs if theirs else 0.0
    found = sp.found.get("ru", Counter())
    rows = [
        f"Russian documents: {n} ({toks:,} tokens). aimaq runs all its stages; natasha runs segmenter, morph, "
        "NER, span normalisation, names on PER spans, MoneyExtractor and DatesExtractor.\n",
        "| system | seconds | docs/s | tokens/s | " + " | ".join(KINDS) + " |",
        "|---|---:|---:|---:|" + "---:|" * len(KINDS),
        f"| aimaq | {sec:.2f} | {ours:,.1f} | {_rate(toks, sec)} | "
        + " | ".join(str(found.get(k, "-")) for k in KINDS) + " |",
        f"| natasha | {nat_sec:.2f} | {theirs:,.1f} | {_rate(toks, nat_sec)} | "
        + " | ".join(str(nat_found.get(k, "-")) for k in KINDS) + " |",
        f"\n**aimaq / natasha: {ratio:.2f}×** in docs/s (goal ≥ {GOAL_RATIO:.0f}×). "
        "aimaq's `amounts` also counts counts and percentages; natasha has no facts; aimaq keeps dates as "
        "fact periods, not as separate mentions.",
    ]
    return rows


def rss_run(docs: int) -> dict:
    """Streaming extraction of `docs` documents in a fresh interpreter; its JSON report."""
    out = subprocess.run([sys.executable, str(HERE / "rss.py"), str(docs)], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def rss_table(runs: list[dict]) -> list[str]:
    rows = ["| documents | seconds | peak RSS (MiB) | RSS at 10% / 50% / 100% (MiB) |", "|---:|---:|---:|---|"]
    for r in runs:
        marks = " / ".join(f"{v / 1024:.0f}" for _, v in sorted(r["rss_kb_at"].items(), key=lambda kv: int(kv[0])))
        rows.append(f"| {r['docs']:,} | {r['seconds']} | {r['peak_rss_kb'] / 1024:.0f} | {marks} |")
    if len(runs) > 1:
        peak, end = (runs[-1][k] / runs[0][k] - 1 for k in ("peak_rss_kb", "end_rss_kb"))
        rows.append(f"\n{runs[0]['docs']:,} → {runs[-1]['docs']:,} documents: peak RSS **{peak:+.1%}**, RSS at "
                    f"the end **{end:+.1%}** (goal within ±{GOAL_RSS:.0%}). The peak is reached while the "
                    "models load; the RSS at the end is what the stream itself holds.")
    return rows


def ingest_table(found: dict[str, tuple[int, float] | str]) -> list[str]:
    rows = ["| store | documents | seconds | docs/s |", "|---|---:|---:|---:|"]
    for store, got in found.items():
        rows.append(f"| {store} | {got[0]:,} | {got[1]:.1f} | {_rate(got[0], got[1])} |" if isinstance(got, tuple)
                    else f"| {store} | - | - | not measured: {got} |")
    return rows


def search_section(quick: bool) -> list[str]:
    """bench/bench_search.py's `bench_search(quick=...) -> str` (Markdown), when that file exists."""
    path = HERE / "bench_search.py"
    if not path.exists():
        return ["\n## Search latency\n", "Not measured: bench/bench_search.py is not there yet."]
    spec = importlib.util.spec_from_file_location("bench_search", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fn = getattr(module, "bench_search", None)
    if fn is None:
        return ["\n## Search latency\n", "Not measured: bench/bench_search.py has no `bench_search(quick)`."]
    return ["", str(fn(quick=quick)).strip()]  # a Markdown section with its own heading


def ner_section() -> list[str]:
    """Tagging speed next to F1: `aimaq eval ner --lang kk` (KazNERD test part) and `aimaq eval ner-ru`."""
    import contextlib
    import io

    from aimaq.evaluate import ner, ner_ru

    rows = ["\n## Named-entity taggers: F1 and speed\n"]
    for label, module, argv in (("Kazakh CRF", ner, ["--lang", "kk"]), ("Russian (factRuEval devset)", ner_ru, [])):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            status = module.main(argv)
        rows += [f"### {label}\n", out.getvalue().strip() if status == 0 else f"Not measured: {out.getvalue().strip()}", ""]
    return rows


def header(args: argparse.Namespace, sp: speed.Speed) -> list[str]:
    cmd = " ".join(["bench/run.py", *sys.argv[1:]])
    return [
        "# aimaq benchmark\n",
        f"Command: `make bench` (here: `.venv/bin/python {cmd}`).  ",
        machine(),
        f"Corpus: `aimaq.synth.generate(Options(docs={args.docs}, seed=1))`: {sp.docs} documents, "
        f"{sp.tokens:,} tokens ({', '.join(f'{k} {v[0]}' for k, v in sorted(sp.by_lang.items()))}).",
    ]


def goals(sp: speed.Speed, ratio: float, runs: list[dict]) -> list[str]:
    docs_s = sp.docs / sp.total
    rows = [f"- full extract ≥ {GOAL_DOCS_S:.0f} docs/s: {docs_s:.1f} — {'met' if docs_s >= GOAL_DOCS_S else 'NOT met'}",
            f"- ≥ {GOAL_RATIO:.0f}× natasha: {ratio:.2f}× — {'met' if ratio >= GOAL_RATIO else 'NOT met'}"]
    if len(runs) > 1:
        growth = max((runs[-1][k] / runs[0][k] - 1 for k in ("peak_rss_kb", "end_rss_kb")), key=abs)
        rows.append(f"- RSS flat ±{GOAL_RSS:.0%} (peak and end): {growth:+.1%} — "
                    f"{'met' if abs(growth) <= GOAL_RSS else 'NOT met'}")
    return rows


def machine() -> str:
    return (f"Machine: {platform.machine()}, {os.cpu_count()} logical CPUs, Python {platform.python_version()}; "
            "one process, one BLAS thread. Timings on a shared machine are noisy.  ")


def real_only(args: argparse.Namespace) -> str:
    """bench/results_real.md: the real-text leg alone."""
    rows, goal_rows = real.measure(args.shared, args.real_docs, args.rounds)
    cmd = " ".join(["bench/run.py", *sys.argv[1:]])
    return "\n".join(["# aimaq benchmark: real releases\n", f"Command: `.venv/bin/python {cmd}` "
                      "(`make bench BENCH_ARGS=--real-only`; a full `make bench` writes the same section into "
                      "bench/results.md).  ", machine(), *rows, "\n## Goals\n", *goal_rows]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rss-docs", type=int, default=20000, help="the large streaming run (0: none)")
    parser.add_argument("--quick", action="store_true", help="200 documents, no large RSS run, 120 real ones")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--out", type=Path, help="default: bench/results.md (bench/results_real.md with --real-only)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data (../shared)")
    parser.add_argument("--real-docs", type=int, default=1000, help="real releases repeated to this many documents")
    parser.add_argument("--rounds", type=int, default=1, help="aimaq/natasha process races on the real releases")
    parser.add_argument("--real-only", action="store_true", help="only the real-text leg: bench/results_real.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.rss_docs, args.real_docs = 200, 0, 120
    if args.real_only:
        text = real_only(args)
        (args.out or HERE / "results_real.md").write_text(text, encoding="utf-8")
        print(text)
        return 0
    docs = list(raw_documents(args.docs))
    sp = speed.measure(docs)
    ru = [d.text for d, lang in zip(docs, sp.langs, strict=True) if lang == "ru"]
    nat_sec, nat_found = natasha_side.measure(ru)
    n, _, sec = sp.by_lang.get("ru", [0, 0, 0.0])
    ratio = (n / sec) / (len(ru) / nat_sec) if sec and nat_sec else 0.0
    runs = [rss_run(d) for d in sorted({args.docs, args.rss_docs} - {0})]
    stores = ingest_bench.measure(args.docs, postgres=not args.no_postgres)
    real_rows, real_goals = real.measure(args.shared, args.real_docs, args.rounds)
    parts = [
        *header(args, sp), "\n## Extraction per stage\n", *stage_table(sp),
        "\n## Side by side with natasha (Russian documents)\n", *natasha_table(sp, nat_sec, nat_found),
        "\n## Peak memory of a streaming extraction\n", *rss_table(runs),
        "\n## Ingest (extraction included)\n", *ingest_table(stores),
        *real_rows,
        *search_section(args.quick),
        *ner_section(),
        "\n## Goals\n", *goals(sp, ratio, runs), *real_goals,
    ]
    text = "\n".join(parts) + "\n"
    (args.out or HERE / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
