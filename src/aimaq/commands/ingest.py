"""`aimaq ingest`: read documents into the store (idempotent, one transaction per batch, resumable)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from aimaq.commands._common import add_inputs, add_settings, input_paths, input_total, progress, settings_from
from aimaq.ingest import BATCH_SIZE
from aimaq.store.url import DB_HELP


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.errors import ParallelError, StoreError
    from aimaq.ingest.run import ingest
    from aimaq.store.engine import open_store

    err = err or sys.stderr
    wanted = not args.no_progress and err.isatty()
    bar = progress(err, wanted, total=input_total(args) if wanted else None)

    def report_error(line: str) -> None:
        message = f"aimaq: error: {line}"
        (bar.write(message, file=err) if bar is not None else print(message, file=err, flush=True))

    try:
        engine = open_store(args.db)
        report = ingest(input_paths(args), engine=engine, settings=settings_from(args), batch_size=args.batch_size,
                        on_item=(lambda: bar.update(1)) if bar is not None else None, on_error=report_error,
                        workers=args.workers, scheduler=args.dask)
    except StoreError as exc:
        print(f"aimaq: error: {args.db or 'store'}: {exc}", file=err)
        return 1
    except ParallelError as exc:
        print(f"aimaq: error: {args.dask or 'workers'}: {exc}", file=err)
        return 1
    finally:
        if bar is not None:
            bar.close()
    print(report.summary(), file=err)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as stream:
            json.dump(report.to_json(), stream, ensure_ascii=False, indent=2)
            stream.write("\n")
    return 1 if report.errors else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="store documents (and their facts, clusters, pairs) in a database")
    add_inputs(p, "files or directories (text, HTML, JSONL, WARC, gzip)")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--report", metavar="FILE", help="write a JSON run report to FILE")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, metavar="N",
                   help=f"documents per transaction (default: {BATCH_SIZE})")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extract and write in N local processes; this one settles clusters and pairs (default: 1)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="extract and write on the Dask cluster at ADDRESS (tcp://scheduler:8786); its workers must "
                        "reach the database; needs aimaq[dask]")
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    add_settings(p)
    p.set_defaults(func=run)
