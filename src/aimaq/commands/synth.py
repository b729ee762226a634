"""`aimaq synth`: write a seeded corpus of invented kk/ru releases as JSONL (for benchmarks and tests)."""

from __future__ import annotations

import argparse
import json
import sys


def run(args: argparse.Namespace) -> int:
    from aimaq.synth import Options, generate

    options = Options(docs=args.docs, seed=args.seed, pair_share=args.pairs, repost_share=args.reposts)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    try:
        for record in generate(options):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if args.out:
            out.close()
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    sy = sub.add_parser("synth", help="generate invented kk/ru press releases (JSONL) for benchmarks")
    sy.add_argument("--docs", type=int, default=2000, help="number of documents (default: 2000)")
    sy.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same corpus")
    sy.add_argument("--pairs", type=float, default=0.5, help="share of releases in both languages (default: 0.5)")
    sy.add_argument("--reposts", type=float, default=0.1, help="share of releases re-posted (default: 0.1)")
    sy.add_argument("--out", default=None, help="output file (default: stdout)")
    sy.set_defaults(func=run)
