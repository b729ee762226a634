"""`aimaq facts`: the stored facts by region, type and date, as CSV or JSON lines, with evidence sentences."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from aimaq.commands._common import add_filters
from aimaq.store.url import DB_HELP


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.errors import StoreError
    from aimaq.store.engine import open_store
    from aimaq.store.filters import Filters
    from aimaq.store.query import query_facts, write_csv, write_jsonl

    out, err = out or sys.stdout, err or sys.stderr
    filters = Filters(region=args.region, type=args.type, since=args.since, until=args.until, duplicates=args.all)
    try:
        facts = query_facts(open_store(args.db, create=False), filters)
        (write_csv if args.format == "csv" else write_jsonl)(facts, out)
    except StoreError as exc:
        print(f"aimaq: error: {exc}", file=err)
        return 1
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("facts", help="list stored facts (counted once per re-post cluster) as CSV or JSON lines")
    p.add_argument("--db", help=DB_HELP)
    add_filters(p, "facts")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default: csv)")
    p.add_argument("--all", action="store_true", help="also the facts of re-posts (each cluster counted once by default)")
    p.set_defaults(func=run)
