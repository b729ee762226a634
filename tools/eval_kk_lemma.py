"""Accuracy of ``aimaq.text.morph.kk.lemma`` on the hand-labelled lists in ``tests/data/``.

``kk_lemma_heldout.tsv`` is the held-out list (the figure to report); ``kk_lemma_dev.tsv`` is the list
whose errors were looked at while the analyser was fixed. Both come from NTREX, which the lexicon never reads.

    .venv/bin/python tools/eval_kk_lemma.py [--errors]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from aimaq.text.morph import kk

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
LISTS = ("kk_lemma_heldout.tsv", "kk_lemma_dev.tsv")


def load(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, gold = line.split("\t")
            rows.append((word, gold))
    return rows


def evaluate(rows: list[tuple[str, str]]) -> tuple[float, list[tuple[str, str, str]]]:
    errors = [(w, g, kk.lemma(w)) for w, g in rows if kk.lemma(w) != g]
    return 1 - len(errors) / len(rows), errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the words lemmatised wrongly")
    args = parser.parse_args(argv)
    for name in LISTS:
        rows = load(DATA / name)
        accuracy, errors = evaluate(rows)
        inflected = [(w, g) for w, g in rows if w != g]
        acc_inflected, _ = evaluate(inflected)
        print(f"{name}: kk lemma accuracy {accuracy:.3f} on {len(rows)} words "
              f"({acc_inflected:.3f} on the {len(inflected)} inflected ones)")
        if args.errors:
            for word, gold, got in errors:
                print(f"  {word}\tgold={gold}\tgot={got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
