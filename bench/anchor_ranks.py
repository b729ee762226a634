"""Where a document's true translation ranks among the stored candidates the store would read for it.

    .venv/bin/python bench/anchor_ranks.py [--data ../shared/data] [--cache /tmp/fit_pairing]

``aimaq.store.pair_candidates`` reads, for a new document, the ``PER_DOCUMENT`` representatives of the other
language that share the most hashed anchors with it (ties by id). This counts, for every translation pair of
the corpora ``tools/fit_pairing.py`` trains on (the Apertium silver positions of its training part, the real
releases, tests/corpus), where each side's partner ranks in that order among all documents of the other
language of its corpus, in both directions, dates left aside (every document is in reach). A rank beyond
``PER_DOCUMENT`` is a translation the store would not find when the partner is stored first. Prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import fit_pairing  # noqa: E402

from aimaq.store.pair_candidates import PER_DOCUMENT, key_hash  # noqa: E402

SHOWN = (1, 2, 3, 4, PER_DOCUMENT)


def ranks(corpus: fit_pairing.Corpus) -> list[int | None]:
    """The partner's rank (1: the first read) for each side of each translation; None if no anchor is shared."""
    hashed = {k.doc.id: {key_hash(a) for a in k.anchors} for k in corpus.keys}
    lang = {k.doc.id: k.lang for k in corpus.keys}
    out: list[int | None] = []
    for kk, ru in sorted(corpus.truth):
        for me, partner in ((kk, ru), (ru, kk)):
            shared = {o: len(hashed[me] & hashed[o]) for o in hashed if lang[o] != lang[me]}
            order = sorted((o for o, n in shared.items() if n), key=lambda o: (-shared[o], o))
            out.append(order.index(partner) + 1 if partner in order else None)
    return out


def table(rows: Sequence[tuple[str, list[int | None]]]) -> str:
    head = "| corpus | directions | " + " | ".join(f"within {n}" for n in SHOWN) + " | further | no anchor shared |"
    lines = [head, "|---|---:|" + "---:|" * (len(SHOWN) + 2)]
    for name, found in rows:
        count = Counter(found)
        total = len(found)
        within = [sum(v for r, v in count.items() if r is not None and r <= n) for n in SHOWN]
        further = sum(v for r, v in count.items() if r is not None and r > PER_DOCUMENT)
        cells = [f"{w / total:.1%} ({w})" for w in within] + [str(further), str(count[None])]
        lines.append(f"| {name} | {total} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=fit_pairing.DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--cache", type=Path, help="keep the extracted documents here between runs")
    args = parser.parse_args(argv)
    releases = fit_pairing._cached(args.cache, "real", lambda: [fit_pairing.read_real_releases(
        args.data / fit_pairing.REAL)])[0]
    corpora = [fit_pairing.apertium_corpus(args.data / fit_pairing.APERTIUM, args.cache),
               fit_pairing.real_corpus(releases),
               fit_pairing.tests_corpus(ROOT / "tests" / "corpus", args.cache)]
    print(f"Stored candidates read per new document: {PER_DOCUMENT}.\n")
    print(table([(c.name, ranks(c)) for c in corpora]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
