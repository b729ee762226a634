"""The real-text leg of `make bench`: the hand-checked real releases of ../shared/data/real-releases.

    .venv/bin/python bench/run.py --real-only [--shared ../shared] [--real-docs 1000] [--rounds 1]

The 60 releases (30 kk, 30 ru; third-party text, read from ../shared, never copied) are repeated in
order until there are at least `--real-docs` documents. In this process: extraction docs/s and
tokens/s per language (all stages, after a warm-up over every release, so that neither language pays
for loading the other's models, e.g. natasha for a Russian sentence in a Kazakh text; wall and CPU
time of each document, summed by language over one pass in the releases' order, where kk and ru
alternate, so that a host whose speed drifts meets both alike; bench/speed.py). Then aimaq
against natasha's own pipeline on the Russian documents, each side in a fresh process
(bench/real_side.py) that imports its library, loads its models and extracts every document, timed
from outside: process start included; each side also reports its time without start-up. The same race
then runs on as many distinct Russian news texts (NEREL, in ../shared/data/nerel), none repeated: what
the repetition of the releases gives each side's caches.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import speed

from aimaq.pipeline import default_pipeline
from aimaq.records import RawDocument
from aimaq.stages.read import iter_documents

HERE = Path(__file__).resolve().parent
GOAL_RATIO, GOAL_KK = 3.0, 1.3
KINDS = ("PER", "LOC", "ORG", "money", "amounts", "facts", "dates")


@dataclass
class Race:
    """One side's fresh process: wall seconds from outside, CPU seconds, seconds after start-up."""

    side: str
    docs: int
    wall: float
    cpu: float
    after_start: float
    found: Counter


def releases(shared: Path) -> list[Path]:
    return sorted((shared / "data" / "real-releases").glob("*.txt"))


def repeated(paths: list[Path], docs: int) -> list[Path]:
    """``paths`` again and again, in order, until there are at least ``docs``."""
    rounds = -(-docs // len(paths))
    return paths * rounds


def news_texts(shared: Path, docs: int) -> list[Path]:
    """The first ``docs`` Russian news texts of NEREL (train, then dev; each a different text)."""
    root = shared / "data" / "nerel" / "NEREL-v1.1"
    return (sorted((root / "train").glob("*.txt")) + sorted((root / "dev").glob("*.txt")))[:docs]


def lang_of(path: Path) -> str:
    """The language a release's file name states (NNN_kk_..., NNN_ru_...)."""
    return path.name.split("_")[1]


def race(side: str, listing: Path) -> Race:
    """``bench/real_side.py side listing`` in a fresh interpreter, timed from outside."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1"}  # both sides: one process, one BLAS thread, as the rest of the bench
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, str(HERE / "real_side.py"), side, str(listing)], capture_output=True,
                         text=True, check=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return Race(side, got["docs"], wall, cpu, got["seconds"], Counter(got["found"]))


def measure(shared: Path, docs: int, rounds: int = 1) -> tuple[list[str], list[str]]:
    """The Markdown section of the real-text leg and its goal lines (or why it was not measured)."""
    found = releases(shared)
    if not found:
        why = f"no releases under {shared / 'data' / 'real-releases'}"
        return ["\n## Real releases\n", f"Not measured: {why}."], [f"- real releases: not measured ({why})"]
    paths = repeated(found, docs)
    raws = [r for r in iter_documents([str(p) for p in paths]) if isinstance(r, RawDocument)]
    pipeline = default_pipeline()
    for raw in raws[: len(found)]:  # every release once: both languages' models are loaded before either is timed
        pipeline(raw)
    measured = speed.measure(raws)  # kk and ru in the releases' order, so a host that speeds up or slows down
    by_lang = by_language(measured)  # meets both languages alike (each language's pass in turn did not)
    ru = [p for p in paths if lang_of(p) == "ru"]
    news = news_texts(shared, len(ru))
    races: list[tuple[Race, Race]] = []
    news_races: list[tuple[Race, Race]] = []
    with tempfile.TemporaryDirectory() as tmp:
        listing, news_listing = Path(tmp) / "ru.txt", Path(tmp) / "news.txt"
        listing.write_text("".join(f"{p}\n" for p in ru), encoding="utf-8")
        news_listing.write_text("".join(f"{p}\n" for p in news), encoding="utf-8")
        for _ in range(rounds):  # interleaved, so that both sides meet the same load on a shared machine
            races.append((race("aimaq", listing), race("natasha", listing)))
            if news:
                news_races.append((race("aimaq", news_listing), race("natasha", news_listing)))
    rows = section(shared, found, paths, by_lang, races) + news_section(shared, news, news_races)
    return rows, goals(by_lang, races)


def news_section(shared: Path, news: list[Path], races: list[tuple[Race, Race]]) -> list[str]:
    """The race again on as many Russian news texts, none repeated: what the repetition of the releases is worth
    to each side's caches."""
    if not races:
        return [f"\nNo race on distinct texts: no NEREL texts under {shared / 'data' / 'nerel'}."]
    r = ratios(races)
    return [
        "\n### The same race on distinct Russian news texts (none repeated)\n",
        f"The first {len(news):,} texts of NEREL (`{shared / 'data' / 'nerel'}`, train then dev: Russian news, not "
        "press releases) instead of the repeated releases, so that no side's caches (word parses, span normal "
        "forms, token cuts) meet a text twice. Not a goal of its own: it shows how much of the figure above the "
        "repetition gives.\n",
        *race_table(races),
        f"\naimaq / natasha on distinct texts, process start included: **{r['wall']:.2f}×** in wall time "
        f"({r['cpu']:.2f}× in CPU time); without start-up: {r['after_start']:.2f}× (median of {len(races)} "
        f"round{'s' * (len(races) > 1)}).",
    ]


def by_language(sp: speed.Speed) -> dict[str, speed.Speed]:
    """The kk and ru documents of one timed pass, each language's own figures (the stage times stay with the
    first, so that summing over languages counts them once)."""
    out = {}
    for n, lang in enumerate(("kk", "ru")):
        docs, tokens, seconds = sp.by_lang.get(lang, [0, 0, 0.0])
        out[lang] = speed.Speed(docs, tokens, dict(sp.stages) if n == 0 else {}, {lang: [docs, tokens, seconds]},
                                cpu=sp.cpu_by_lang.get(lang, 0.0))
    return out


def _rate(n: float, sec: float) -> str:
    return f"{n / sec:,.1f}" if sec else "-"


def speed_table(by_lang: dict[str, speed.Speed]) -> list[str]:
    rows = ["| language | documents | tokens | seconds | docs/s | tokens/s | CPU s | docs/s (CPU) | tokens/s (CPU) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for lang, sp in by_lang.items():
        rows.append(f"| {lang} | {sp.docs:,} | {sp.tokens:,} | {sp.total:.2f} | {_rate(sp.docs, sp.total)} | "
                    f"{_rate(sp.tokens, sp.total)} | {sp.cpu:.2f} | {_rate(sp.docs, sp.cpu)} | "
                    f"{_rate(sp.tokens, sp.cpu)} |")
    stages = " · ".join(f"{name} {sum(sp.stages.get(name, 0.0) for sp in by_lang.values()) / sum(sp.docs for sp in by_lang.values()) * 1000:.1f}"
                        for name in next(iter(by_lang.values())).stages)
    rows.append(f"\nWall time per document and stage (ms, both languages): {stages}.")
    return rows


def race_table(races: list[tuple[Race, Race]]) -> list[str]:
    rows = ["| round | system | documents | wall s (start included) | docs/s | CPU s | s after start-up | "
            "docs/s after start-up | " + " | ".join(KINDS) + " |",
            "|---:|---|---:|---:|---:|---:|---:|---:|" + "---:|" * len(KINDS)]
    for i, pair in enumerate(races, 1):
        for r in pair:
            rows.append(f"| {i} | {r.side} | {r.docs:,} | {r.wall:.2f} | {_rate(r.docs, r.wall)} | {r.cpu:.2f} | "
                        f"{r.after_start:.2f} | {_rate(r.docs, r.after_start)} | "
                        + " | ".join(str(r.found.get(k, "-")) for k in KINDS) + " |")
    return rows


def ratios(races: list[tuple[Race, Race]]) -> dict[str, float]:
    """Median over rounds of natasha's time / aimaq's: wall with start-up, CPU, and after start-up."""
    return {what: statistics.median(getattr(n, what) / getattr(a, what) for a, n in races)
            for what in ("wall", "cpu", "after_start")}


def kk_over_ru(by_lang: dict[str, speed.Speed], clock: str = "cpu") -> float:
    """kk docs/s over ru docs/s, on CPU time ("cpu") or wall time ("total")."""
    kk, ru = by_lang["kk"], by_lang["ru"]
    return (kk.docs / getattr(kk, clock)) / (ru.docs / getattr(ru, clock))


def goals(by_lang: dict[str, speed.Speed], races: list[tuple[Race, Race]]) -> list[str]:
    r, kk = ratios(races), kk_over_ru(by_lang)
    return [f"- real releases, ≥ {GOAL_RATIO:.0f}× natasha with process start (wall): {r['wall']:.2f}× — "
            f"{'met' if r['wall'] >= GOAL_RATIO else 'NOT met'} (CPU {r['cpu']:.2f}×, without start-up "
            f"{r['after_start']:.2f}×)",
            f"- real releases, kk ≥ {GOAL_KK}× ru docs/s (CPU): {kk:.2f}× — {'met' if kk >= GOAL_KK else 'NOT met'}"]


def section(shared: Path, found: list[Path], paths: list[Path], by_lang: dict[str, speed.Speed],
            races: list[tuple[Race, Race]]) -> list[str]:
    langs = Counter(lang_of(p) for p in found)
    r = ratios(races)
    kk_ru, kk_ru_wall = kk_over_ru(by_lang), kk_over_ru(by_lang, "total")
    return [
        "\n## Real releases\n",
        f"Texts: the {len(found)} releases of `{shared / 'data' / 'real-releases'}` "
        f"({', '.join(f'{k} {v}' for k, v in sorted(langs.items()))}), repeated in order to {len(paths):,} documents. "
        "Repeating the same texts helps the word caches (pymorphy parses, lemmas) more than a stream of new "
        "texts would; both sides meet the same repetition.\n",
        "### Extraction speed per language (all stages, one process)\n",
        "One pass over the documents in the releases' order (kk and ru alternate); each document's wall and CPU "
        "time is added to its language's.\n",
        *speed_table(by_lang),
        f"\nkk / ru docs/s: **{kk_ru:.2f}×** on CPU time ({kk_ru_wall:.2f}× on wall time; goal ≥ {GOAL_KK}×).",
        "\n### aimaq against natasha on the Russian releases, process start included\n",
        "Each side is a fresh `python bench/real_side.py aimaq|natasha` (one BLAS thread) that imports its "
        "library, loads its models on one warm-up document, then extracts every Russian document; wall "
        "seconds are timed from outside, CPU seconds are the child's user + system time. aimaq runs all its "
        "stages (reading the files included); natasha runs segmenter, morph, NER, span normalisation, names "
        "on PER spans, MoneyExtractor and DatesExtractor. Rounds alternate the two sides.\n",
        *race_table(races),
        f"\n**aimaq / natasha, process start included: {r['wall']:.2f}×** in wall time "
        f"({r['cpu']:.2f}× in CPU time; goal ≥ {GOAL_RATIO:.0f}×); without start-up: {r['after_start']:.2f}× "
        f"(median of {len(races)} round{'s' * (len(races) > 1)}).",
    ]
