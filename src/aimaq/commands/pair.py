"""`aimaq pair`: kk↔ru translation pairs among documents, with their sentence alignment, without a database."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from aimaq.commands._common import Extraction, add_inputs, add_settings


def pair_line(kk: str, ru: str, score: float, sentences: tuple[tuple[int, int], ...]) -> str:
    """One pair as a JSON line: sources, score, and (kk sentence index, ru sentence index) links."""
    return json.dumps({"kk": kk, "ru": ru, "score": score, "sentences": [list(s) for s in sentences]},
                      ensure_ascii=False)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.corpus.pairing import pair_documents

    out, err = out or sys.stdout, err or sys.stderr
    extraction = Extraction(args, err)
    docs = list(extraction)
    failed = extraction.failed
    source: dict[str, str] = {}
    for doc in docs:
        source.setdefault(doc.id, doc.source)
    pairs = pair_documents(docs)
    for p in pairs:
        if args.jsonl:
            print(pair_line(source[p.kk_id], source[p.ru_id], p.score, p.sentences), file=out)
        else:
            print(f"{source[p.kk_id]}\t{source[p.ru_id]}\t{p.score:.3f}\t{len(p.sentences)} links", file=out)
    if failed or not args.jsonl:
        print(f"aimaq: {len(docs)} document(s) read, {len(pairs)} pair(s), {failed} error(s)", file=err)
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    pa = sub.add_parser("pair", help="find kk/ru translation pairs and align their sentences (no database)")
    add_inputs(pa, "files or directories")
    pa.add_argument("--jsonl", action="store_true",
                    help='one JSON object per pair: {"kk", "ru", "score", "sentences": [[kk_i, ru_j], ...]}')
    pa.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    add_settings(pa)
    pa.set_defaults(func=run)
