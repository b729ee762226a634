"""`aimaq extract`: documents in, one schema record (or a readable summary) per document out."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from aimaq.commands._common import add_settings, progress, settings_from


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.export import summary, to_json_line
    from aimaq.pipeline import Failure, extract_stream
    from aimaq.records import ReadError
    from aimaq.stages.read import iter_documents

    out, err = out or sys.stdout, err or sys.stderr
    bar = progress(err, not args.no_progress)
    failed = done = 0
    for item in extract_stream(iter_documents(args.paths, settings_from(args))):
        if bar is not None:
            bar.update(1)
        if isinstance(item, (Failure, ReadError)):
            failed += 1
            message = f"aimaq: error: {item}"
            (bar.write(message, file=err) if bar is not None else print(message, file=err))
            continue
        done += 1
        print(to_json_line(item, args.debug) if args.jsonl else summary(item) + "\n", file=out)
    if bar is not None:
        bar.close()
    if failed or not args.jsonl:
        print(f"aimaq: {done} document(s) extracted, {failed} error(s)", file=err)
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    ex = sub.add_parser("extract", help="extract documents (text, HTML, JSONL, WARC, gzip, directories)")
    ex.add_argument("paths", nargs="+", help="files or directories")
    ex.add_argument("--jsonl", action="store_true", help="one JSON record per document (the schema) on stdout")
    ex.add_argument("--debug", action="store_true", help="with --jsonl: add removed lines and deciding rules")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    add_settings(ex)
    ex.set_defaults(func=run)
