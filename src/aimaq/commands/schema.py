"""`aimaq schema`: print the JSON Schema of the records `aimaq extract --jsonl` writes (version 2)."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.resources import data_path

    out = out or sys.stdout
    name = "facts.md" if args.facts else "document.schema.json"
    out.write(data_path(f"schema/{name}").read_text(encoding="utf-8"))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of `aimaq extract --jsonl` records")
    p.add_argument("--facts", action="store_true", help="print the fact types' description (facts.md) instead")
    p.set_defaults(func=run)
