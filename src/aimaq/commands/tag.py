"""`aimaq tag --lang kk|ru --format conll`: one token per line in, `token<TAB>tag` (IOB2) out."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO


def run(args: argparse.Namespace, inp: TextIO | None = None, out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    from aimaq.errors import TaggerMissingError
    from aimaq.ner import tagger
    from aimaq.ner.conll import format_sentence, read_sentences

    inp, out, err = inp or sys.stdin, out or sys.stdout, err or sys.stderr
    try:
        tag = tagger(args.lang)
    except TaggerMissingError as exc:
        print(f"aimaq: error: tag: {exc}", file=err)
        return 1
    for rows in read_sentences(inp):
        tokens = [row[0] for row in rows]
        out.write(format_sentence(tokens, tag(tokens)))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    tag = sub.add_parser("tag", help="tag tokens with PER/ORG/LOC/ROLE/PROGRAMME in IOB2 (CoNLL in and out)")
    tag.add_argument("--lang", choices=("kk", "ru"), required=True, help="language of the tokens")
    tag.add_argument("--format", choices=("conll",), default="conll",
                     help="input: one token per line (first column; further columns ignored), a blank line "
                          "between sentences; output: token<TAB>tag lines")
    tag.set_defaults(func=run)
