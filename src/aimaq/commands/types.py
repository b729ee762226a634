"""`aimaq types`: the fact types that --type and the API's type= accept, with what each records."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.choices import fact_type_kinds

    out = out or sys.stdout
    for name, kinds in fact_type_kinds():
        print(f"{name}\t{', '.join(kinds)}", file=out)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("types", help="list the fact types (and the kinds of amount each takes: money, count, percent)")
    p.set_defaults(func=run)
