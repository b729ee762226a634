"""`aimaq search QUERY`: documents in either language whose words match, each followed by its translation."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from aimaq import choices
from aimaq.commands._common import add_filters, checked
from aimaq.store.url import DB_HELP


def _line(rank: int, hit) -> str:
    via = f"  (translation of #{hit.partner[:8]})" if hit.via == "pair" else ""
    head = f"{rank:>3}. [{hit.lang} {hit.date or '----------'}] {hit.source}{via}"
    title = f"\n     {hit.title}" if hit.title else ""
    return f"{head}{title}\n     «{hit.snippet}»"


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.errors import StoreError
    from aimaq.store.engine import open_store
    from aimaq.store.filters import Filters
    from aimaq.store.search import search

    out, err = out or sys.stdout, err or sys.stderr
    filters = Filters(region=args.region, since=args.since, until=args.until, lang=args.lang, type=args.type,
                      entity=args.entity, duplicates=args.all)
    try:
        hits = search(open_store(args.db, create=False), args.query, filters, args.limit)
    except StoreError as exc:
        print(f"aimaq: error: {exc}", file=err)
        return 1
    for rank, hit in enumerate(hits, 1):
        print(hit.to_json() if args.jsonl else _line(rank, hit), file=out)
    if not hits and not args.jsonl:
        print("aimaq: no documents match", file=err)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search the store in Kazakh and Russian (any word form)")
    p.add_argument("query", help="words to find; every word must match, in any inflected form")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--lang", type=checked(choices.language), metavar="LANG",
                   help="only documents in this language (kk, ru, en, other)")
    add_filters(p, "documents")
    p.add_argument("--entity", metavar="NAME", help="only documents naming this person or organisation")
    p.add_argument("--limit", type=checked(choices.positive), default=20, metavar="N", help="at most N results (default: 20)")
    p.add_argument("--all", action="store_true", help="list re-posts too, not only one document per cluster")
    p.add_argument("--jsonl", action="store_true", help="one JSON object per result")
    p.set_defaults(func=run)
