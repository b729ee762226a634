"""Speed of the Kazakh NER tagger (aimaq.ner.tagger_kk.tag_tokens), sentences/s on one core. Writes nothing.

    .venv/bin/python bench/bench_ner_kk.py [--data ../shared/data/kaznerd] [--rounds 3]

Input: the held-out test part of KazNERD, already tokenised. The process is pinned to one CPU.
'cold' is the first pass (every word analysed and featurised for the first time, as on unseen text);
'warm' is the best of the later passes (per-word features cached). Model loading is not timed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from aimaq.ner import kaznerd
from aimaq.ner.tagger_kk import tag_tokens


def passes(sentences: list[list[str]], rounds: int) -> list[float]:
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        for tokens in sentences:
            tag_tokens(tokens)
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=kaznerd.DEFAULT_DIR, help="the KazNERD folder")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the sentences (first is cold)")
    args = parser.parse_args()
    if not (args.data / kaznerd.ID_FILE).is_file():
        print(f"aimaq: error: {args.data}: KazNERD not found", file=sys.stderr)
        return 1
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sentences = [list(s.tokens) for s in kaznerd.load(("test",), args.data)]
    tag_tokens(["."])  # load the model
    seconds = passes(sentences, max(args.rounds, 2))
    n, tokens = len(sentences), sum(map(len, sentences))
    print(f"ner_kk: {n} sentences ({tokens} tokens, KazNERD test part), one core: "
          f"cold {n / seconds[0]:.0f} sentences/s, warm {n / min(seconds[1:]):.0f} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
