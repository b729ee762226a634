"""`aimaq export OUT/`: the store's tables as files (Parquet, JSON lines or CSV), one file per table; facts
counted once (as `aimaq facts` counts them) unless ``--all-facts``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from aimaq.store.url import DB_HELP

FORMATS = ("parquet", "jsonl", "csv")
TABLES_HELP = ("documents, document_regions, sentences, mentions, amounts, facts, fact_evidence, entities, "
               "pairs, clusters")


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.errors import ExportError, StoreError
    from aimaq.store.dataset_export import TABLES, export_store
    from aimaq.store.engine import open_store

    err = err or sys.stderr
    tables = args.tables.split(",") if args.tables else list(TABLES)
    try:
        written = export_store(open_store(args.db, create=False), Path(args.out), args.format, tables,
                               all_facts=args.all_facts)
    except (StoreError, ExportError, OSError) as exc:
        print(f"aimaq: error: {args.out}: {exc}", file=err)
        return 1
    for item in written:
        print(f"{item.path}\t{item.rows}", file=out or sys.stdout)
    rows = sum(item.rows for item in written)
    print(f"aimaq: export: {len(written)} tables, {rows} rows to {args.out} ({args.format})", file=err)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the store's tables to files (Parquet, JSON lines or CSV)")
    p.add_argument("out", metavar="OUT/", help="folder to write one file per table into (created if missing)")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--format", choices=FORMATS, default="parquet", help="file format (default: parquet)")
    p.add_argument("--tables", metavar="A,B", help=f"only these tables, comma-separated (default: all: {TABLES_HELP})")
    p.add_argument("--all-facts", action="store_true",
                   help="every stored fact: also those merged into their translation's fact (merged_into set) and "
                        "those stated only in re-posts (default: each fact counted once, as `aimaq facts` does)")
    p.set_defaults(func=run)
