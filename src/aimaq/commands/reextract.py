"""`aimaq reextract`: extract stored documents again with the current pipeline (a store written by an older
output contract, or every document after a rule update), resumable."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from aimaq.store.url import DB_HELP


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.errors import StoreError
    from aimaq.ingest.reextract import Reextracted, reextract_store
    from aimaq.store.engine import open_store

    err = err or sys.stderr

    def done(item: Reextracted) -> None:
        if args.verbose:
            print(f"{item.old_id} -> {item.new_id}", file=err)

    try:
        engine = open_store(args.db, create=False)
        report = reextract_store(engine, args.ids, everything=args.all, on_done=done,
                                 on_error=lambda doc_id, reason: print(f"aimaq: error: {doc_id}: {reason}", file=err))
    except StoreError as exc:
        print(f"aimaq: error: {args.db or 'store'}: {exc}", file=err)
        return 1
    print(report.summary(), file=err)
    return 1 if report.errors else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reextract", help="extract stored documents again: those of an older schema version "
                                         "(the default), every one (--all) or the ids given")
    p.add_argument("ids", nargs="*", metavar="ID", help="stored document ids (default: every document stored by "
                                                        "an older schema version)")
    p.add_argument("--all", action="store_true", help="every stored document (after a rule or model update)")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("-v", "--verbose", action="store_true", help="print each old id and its new id")
    p.set_defaults(func=run)
