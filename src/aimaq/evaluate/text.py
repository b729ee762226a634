"""Language detection and sentence splitting measured on NTREX-128 kk–ru (dev portion).

    aimaq eval text [--data ../shared/data]

Language: every Kazakh and every Russian sentence is classified on its own (kk / ru / en / other),
the hardest case the pipeline meets (a document has more evidence). Sentences: each document's gold
sentences are joined with single spaces and split again; a predicted boundary is correct when it falls
at a gold boundary (precision, recall, F1 over boundaries).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from aimaq.stages.lang import detect_language
from aimaq.stages.segment import split_sentences

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
FILES = {"kk": "newstest2019-ref.kaz.txt", "ru": "newstest2019-ref.rus.txt"}


def load(folder: Path) -> tuple[list[str], dict[str, list[str]]]:
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    lines = {lang: (folder / name).read_text(encoding="utf-8").splitlines() for lang, name in FILES.items()}
    return ids, {lang: [s.strip() for s in text] for lang, text in lines.items()}


def language_scores(lines: dict[str, list[str]]) -> dict[str, tuple[int, int, Counter]]:
    out = {}
    for lang, sentences in lines.items():
        got: Counter[str] = Counter(detect_language(s) for s in sentences)
        out[lang] = (got[lang], len(sentences), got)
    return out


def boundary_scores(ids: list[str], sentences: list[str]) -> tuple[int, int, int]:
    """(correct, predicted, gold) boundaries over all documents."""
    correct = predicted = gold = 0
    docs = [[s for _, s in group] for _, group in groupby(zip(ids, sentences, strict=True), key=lambda p: p[0])]
    for doc in docs:
        text, ends, pos = "", set(), 0
        for s in doc:
            text += s + " "
            pos += len(s) + 1
            ends.add(pos - 1)
        text = text.rstrip()
        cuts = {sp.end for sp in split_sentences(text)}
        gold_cuts = {e for e in ends if e < len(text)}
        pred_cuts = {_strip_end(text, c) for c in cuts if _strip_end(text, c) < len(text)}
        correct += len(gold_cuts & pred_cuts)
        predicted += len(pred_cuts)
        gold += len(gold_cuts)
    return correct, predicted, gold


def _strip_end(text: str, end: int) -> int:
    """Sentence spans may or may not include trailing spaces: compare at the first space after the text."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def report(data: Path) -> str:
    ids, lines = load(data / "ntrex-128-kk-ru")
    rows = ["| check | lang | correct | total | score |", "|---|---|---:|---:|---:|"]
    for lang, (ok, total, got) in language_scores(lines).items():
        rows.append(f"| sentence language | {lang} | {ok} | {total} | {ok / total:.3f} |")
        wrong = {k: v for k, v in got.items() if k != lang}
        if wrong:
            rows.append(f"| (misread as) | {lang} | {dict(wrong)} | | |")
    for lang, sentences in lines.items():
        c, p, g = boundary_scores(ids, sentences)
        prec, rec = c / max(p, 1), c / max(g, 1)
        f1 = 2 * prec * rec / max(prec + rec, 1e-9)
        rows.append(f"| sentence boundaries P / R / F1 | {lang} | {c} | {g} | {prec:.3f} / {rec:.3f} / {f1:.3f} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="aimaq eval text", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the shared corpora")
    args = parser.parse_args(argv)
    if not (args.data / "ntrex-128-kk-ru").is_dir():
        print(f"aimaq: error: no ntrex-128-kk-ru under {args.data}")
        return 2
    print(report(args.data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
