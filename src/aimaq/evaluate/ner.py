"""`aimaq eval ner --lang kk|ru [FILE]`: per-type P/R/F1 of a token tagger (exact span match), and its speed.

    aimaq eval ner --lang kk                    # the held-out test part of KazNERD
    aimaq eval ner --lang kk gold.conll         # any CoNLL file with gold IOB2 tags in the last column

FILE: one token per line (first column), the gold tag in the last column, a blank line between sentences.
Tag types may be KazNERD's (PERSON, GPE, POSITION, ...) or ours (PER, LOC, ROLE, ...); they are mapped
through ``data/ner/kaznerd_types.json`` and only PER, ORG, LOC, ROLE, PROGRAMME are scored (types the
file lists but the map does not are read as O, with a note). Scores are seqeval-style: an entity counts
when its type, first and last token all match. Speed: sentences tagged per second in this one process
(one core), model loaded beforehand.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from aimaq.errors import TaggerMissingError
from aimaq.ner import iob, kaznerd, tagger
from aimaq.ner.conll import read_sentences

Gold = list[tuple[list[str], list[str]]]  # (tokens, tags) per sentence


def read_gold(path: Path) -> tuple[Gold, set[str]]:
    """Sentences of a CoNLL file mapped to our types, and the source types the map does not know."""
    known = iob.type_map()
    out: Gold = []
    unknown: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for rows in read_sentences(fh):
            tags = [row[-1] if len(row) > 1 else "O" for row in rows]
            unknown |= {c.type for c in iob.chunks(tags) if c.type not in known}
            tags = [t if t[2:] in known else "O" for t in tags]
            out.append(([row[0] for row in rows], iob.map_tags(tags, iob.output_types())))
    return out, unknown


def kaznerd_gold(directory: Path, part: kaznerd.Part) -> Gold:
    return [(list(s.tokens), iob.map_tags(s.tags, iob.output_types())) for s in kaznerd.load((part,), directory)]


def format_report(title: str, scores: dict[str, iob.Counts], sentences: int, seconds: float) -> str:
    lines = [title, "", "| type | P | R | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    for name in [*iob.output_types(), "ALL"]:
        c = scores.get(name, iob.Counts())
        label = "all (micro)" if name == "ALL" else name
        lines.append(f"| {label} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {c.gold} | {c.pred} |")
    rate = sentences / seconds if seconds > 0 else float("inf")
    lines += ["", f"{sentences} sentences tagged in {seconds:.2f} s: {rate:.0f} sentences/s (one process)"]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aimaq eval ner", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, help="CoNLL file with gold tags in the last column")
    parser.add_argument("--lang", choices=("kk", "ru"), default="kk", help="language of the tagger")
    parser.add_argument("--data", type=Path, default=kaznerd.DEFAULT_DIR, help="KazNERD folder (no FILE, kk)")
    parser.add_argument("--part", choices=("test", "dev"), default="test", help="KazNERD part (no FILE, kk)")
    return parser


def _gold(args: argparse.Namespace) -> tuple[Gold, str] | str:
    """The gold sentences and the report title, or an error line."""
    if args.file is not None:
        if not args.file.is_file():
            return f"aimaq: error: {args.file}: no such file"
        gold, unknown = read_gold(args.file)
        if unknown:
            print(f"aimaq: note: {args.file}: types not in the type map, read as O: {', '.join(sorted(unknown))}",
                  file=sys.stderr)
        return gold, f"aimaq eval ner --lang {args.lang} {args.file}"
    if args.lang != "kk":
        return f"aimaq: error: eval ner: give a CoNLL FILE for --lang {args.lang}"
    if not (args.data / kaznerd.ID_FILE).is_file():
        return f"aimaq: error: {args.data}: KazNERD not found (give --data or a FILE)"
    what = "held out from training" if args.part == "test" else "tuning data, trained on"
    return kaznerd_gold(args.data, args.part), f"aimaq eval ner --lang kk: KazNERD {args.part} part ({what})"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(list(argv) if argv is not None else None)
    try:
        tag = tagger(args.lang)
    except TaggerMissingError as exc:
        print(f"aimaq: error: eval ner: {exc}", file=sys.stderr)
        return 1
    loaded = _gold(args)
    if isinstance(loaded, str):
        print(loaded, file=sys.stderr)
        return 1
    gold, title = loaded
    tag(["."])  # load the model before the clock starts
    started = time.perf_counter()
    predicted = [tag(tokens) for tokens, _ in gold]
    seconds = time.perf_counter() - started
    print(format_report(title, iob.score([tags for _, tags in gold], predicted), len(gold), seconds))
    return 0
