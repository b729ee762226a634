"""`aimaq extract`: documents in, one schema record (or a readable summary) per document out."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from aimaq.commands._common import Extraction, add_inputs, add_settings


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.serialize import summary, to_json_line

    out, err = out or sys.stdout, err or sys.stderr
    documents = Extraction(args, err)
    done = 0
    for doc in documents:
        done += 1
        print(to_json_line(doc, args.debug) if args.jsonl else summary(doc) + "\n", file=out)
    if documents.failed or not args.jsonl:
        print(f"aimaq: {done} document(s) extracted, {documents.failed} error(s)", file=err)
    return 1 if documents.failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    ex = sub.add_parser("extract", help="extract documents (text, HTML, JSONL, WARC, gzip, directories)")
    add_inputs(ex, "files or directories")
    ex.add_argument("--jsonl", action="store_true", help="one JSON record per document (the schema) on stdout")
    ex.add_argument("--debug", action="store_true", help="with --jsonl: add removed lines and deciding rules")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    add_settings(ex)
    ex.set_defaults(func=run)
