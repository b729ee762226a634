"""`aimaq backup` / `aimaq restore`: copy the store to a file and back (SQLite backup API, pg_dump)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TextIO

from aimaq.store.url import DB_HELP


def _copy(op: Callable[[str | None, str], Any], name: str, path: str, db: str | None, err: TextIO | None) -> int:
    """Run a backup or restore of ``path``; one error line naming the file when it fails."""
    from aimaq.errors import StoreError

    err = err or sys.stderr
    try:
        info = op(db, path)
    except StoreError as exc:
        print(f"aimaq: error: {path}: {exc}", file=err)
        return 1
    print(info.summary(name), file=err)
    return 0


def run_backup(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.store.backup import backup

    return _copy(backup, "backup", args.out, args.db, err)


def run_restore(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.store.backup import restore

    return _copy(restore, "restore", args.source, args.db, err)


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("backup", help="write a consistent copy of the store to a file (SQLite or pg_dump format)")
    b.add_argument("out", metavar="OUT", help="the backup file to write (replaced atomically)")
    b.add_argument("--db", help=DB_HELP)
    b.set_defaults(func=run_backup)
    r = sub.add_parser("restore", help="replace the store with a backup written by `aimaq backup`")
    r.add_argument("source", metavar="IN", help="the backup file to read")
    r.add_argument("--db", help=DB_HELP)
    r.set_defaults(func=run_restore)
