"""How alike unrelated documents are: the synthetic releases against the real ones (issue 17).

    .venv/bin/python bench/text_similarity.py [--shared ../shared] [--docs 200] [--out bench/results_similarity.md]

For every two documents of one language: the Jaccard similarity of their word 3-shingle sets and whether they
share an LSH band key (``aimaq.store.dedup``: what makes a stored document a near-duplicate candidate of a new
one), over the real releases of ``../shared/data/real-releases`` and over ``--docs`` synthetic releases
(``aimaq.synth``, seed 2, the seed of bench_ingest's full store). The cost of placing a new document grows with
how many stored documents share a band with it, so this says how far the synthetic full store of
``bench_ingest.py`` stands for a real archive.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from pathlib import Path

from aimaq.pipeline import extract_text
from aimaq.records import Document
from aimaq.store import dedup
from aimaq.synth import Options, generate

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results_similarity.md"


def similarity(docs: list[Document]) -> tuple[int, float, float, float]:
    """(same-language pairs, median Jaccard, 99th percentile, share of the pairs sharing a band key)."""
    shingle_sets = [dedup.shingles(d.text) for d in docs]
    bands = [set(dedup.band_keys(s)) for s in shingle_sets]
    values, sharing = [], 0
    for a, b in itertools.combinations(range(len(docs)), 2):
        if docs[a].lang == docs[b].lang:
            values.append(dedup.jaccard(shingle_sets[a], shingle_sets[b]))
            sharing += bool(bands[a] & bands[b])
    values.sort()
    return len(values), statistics.median(values), values[int(0.99 * (len(values) - 1))], sharing / len(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    paths = sorted((args.shared / "data" / "real-releases").glob("*.txt"))
    real = [extract_text(p.read_text(encoding="utf-8"), str(p)) for p in paths]
    synthetic = [extract_text(r["text"], r["url"], r["date"], r["title"])
                 for r in itertools.islice(generate(Options(docs=args.docs, seed=2)), args.docs)]
    lines = ["# Similarity of unrelated documents: synthetic against real releases\n",
             f"Command: `{' '.join(['.venv/bin/python bench/text_similarity.py', *sys.argv[1:]])}`.  ",
             "Pairs: every two documents of one language. Jaccard: of their word 3-shingle sets "
             "(`aimaq.store.dedup.shingles`); band: they share an LSH band key (`dedup.band_keys`).\n",
             "| documents | pairs | median Jaccard | 99th percentile | pairs sharing a band |",
             "|---|---:|---:|---:|---:|"]
    for name, docs in ((f"real releases ({len(real)})", real), (f"synthetic, seed 2 ({len(synthetic)})", synthetic)):
        pairs, median, p99, share = similarity(docs)
        lines.append(f"| {name} | {pairs:,} | {median:.3f} | {p99:.3f} | {share:.1%} |")
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
