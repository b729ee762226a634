"""`aimaq regions`: the region codes and names that --region and the API's region= accept."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.choices import regions

    out = out or sys.stdout
    for r in regions():
        print(f"{r.code}\t{r.names['kk']}\t{r.names['ru']}\t{r.names['en']}", file=out)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("regions", help="list the 20 regions (ISO 3166-2:KZ code, Kazakh, Russian, English name)")
    p.set_defaults(func=run)
