"""A kk→ru word translation table (lemma to lemmas), learned with IBM Model 1 from parallel lines.

The shipped table ``data/corpus/kk_ru_lexicon.tsv`` is built by

    python -m aimaq.corpus.lexicon ../shared/data/apertium-kaz-rus-corpus/CORPUS

from the line-aligned Apertium kk/ru files (equal line counts only). The alignment there is noisy, so a
line pair is kept only when both lines have ``MIN_WORDS`` words, their lengths are within ``MAX_RATIO``
of each other and they hold the same digit sequences. Model 1 is trained both ways; a kk lemma keeps
the ru lemmas whose probability both ways passes ``MIN_PROB`` (at most ``TOP`` of them).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from aimaq.resources import data_path

LEXICON = "corpus/kk_ru_lexicon.tsv"
MIN_WORDS = 3
MAX_RATIO = 1.8
MIN_PROB = 0.05
TOP = 4
MIN_COUNT = 2
ITERATIONS = 6
NULL = ""

# (kk file, ru file) of the Apertium CORPUS folder with the same number of lines on both sides
APERTIUM_PAIRS = (
    ("afn-kaz-1550", "afn-ru"), ("akorda-kaz-12", "akorda-rus"), ("almaty-gov-kaz-150", "almatygov-ru"),
    ("bolashak-kaz-242", "bolashak-ru"), ("conscouncil-kaz-250", "constcouncil-ru"),
    ("dingov-kaz.tmx", "dingov-rus.tmx"), ("egov-kaz-130", "egov-ru"), ("election-kaz-660", "election-ru-660"),
    ("enu1-kaz.tmx", "enu1-rus.tmx"), ("government-kaz-235", "government-ru"), ("iak-kaz-125", "iak-ru"),
    ("inform-kaz-370", "inform-rus"), ("knb-kaz-1010", "knb-ru"), ("kyzmet-kaz.tmx", "kyzmet-rus.tmx"),
    ("minplan-kaz-734", "minplan-ru"), ("muftyat+kaz+500", "muuftyat+ru"), ("muftyat-kaz-725", "muftyat-ru"),
    ("nationalbank-kaz-530", "nationalbank-ru"), ("pravstat-kaz-130", "pravstat-ru"),
    ("prokuror-kaz-40", "prokuror-ru"), ("resurs-kaz-300", "resurs-ru"), ("supcourt-kaz-380", "supcourt-ru"),
)

_DIGITS = re.compile(r"\d+")
Table = dict[str, frozenset[str]]


@cache
def load_lexicon() -> Table:
    """kk lemma -> the ru lemmas it translates to (empty when the data file is absent)."""
    path = data_path(LEXICON)
    if not path.is_file():
        return {}
    table: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kk, ru, *_ = line.split("\t")
            table[kk].add(ru)
    return {k: frozenset(v) for k, v in table.items()}


def keep_line_pair(kk: str, ru: str) -> bool:
    """A line pair that looks like a translation: enough words, similar length, the same numbers."""
    if len(kk.split()) < MIN_WORDS or len(ru.split()) < MIN_WORDS:
        return False
    ratio = (len(kk) + 1) / (len(ru) + 1)
    if not 1 / MAX_RATIO <= ratio <= MAX_RATIO:
        return False
    return Counter(_DIGITS.findall(kk)) == Counter(_DIGITS.findall(ru))


def read_apertium(folder: Path) -> Iterator[tuple[str, str]]:
    """Distinct kept (kk line, ru line) pairs of the equal-length Apertium files."""
    seen: set[tuple[str, str]] = set()
    for kk_name, ru_name in APERTIUM_PAIRS:
        kk_lines = (folder / kk_name).read_text(encoding="utf-8").splitlines()
        ru_lines = (folder / ru_name).read_text(encoding="utf-8").splitlines()
        if len(kk_lines) != len(ru_lines):
            continue
        for kk, ru in zip(kk_lines, ru_lines, strict=True):
            pair = (kk.strip(), ru.strip())
            if pair not in seen and keep_line_pair(*pair):
                seen.add(pair)
                yield pair


def train_model1(pairs: Sequence[tuple[list[str], list[str]]], iterations: int = ITERATIONS) -> dict[str, dict[str, float]]:
    """IBM Model 1 t(target | source), with a NULL source word; sources and targets are token lists."""
    t: dict[str, dict[str, float]] = defaultdict(dict)
    for src, tgt in pairs:
        for s in [NULL, *src]:
            row = t[s]
            for w in tgt:
                row[w] = 1.0
    for _ in range(iterations):
        counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for src, tgt in pairs:
            sources = [NULL, *src]
            for w in tgt:
                probs = [t[s].get(w, 1e-9) for s in sources]
                total = sum(probs)
                for s, p in zip(sources, probs, strict=True):
                    counts[s][w] += p / total
        t = defaultdict(dict)
        for s, row in counts.items():
            norm = sum(row.values())
            t[s] = {w: c / norm for w, c in row.items() if c / norm > 1e-4}
    return t


def symmetric_table(kk_ru: dict[str, dict[str, float]], ru_kk: dict[str, dict[str, float]],
                    min_prob: float = MIN_PROB, top: int = TOP) -> list[tuple[str, str, float]]:
    """(kk, ru, score) where score = sqrt(t(ru|kk) t(kk|ru)) passes ``min_prob``; ``top`` per kk lemma."""
    out: list[tuple[str, str, float]] = []
    for kk, row in kk_ru.items():
        if kk == NULL:
            continue
        scored = [(math.sqrt(p * ru_kk.get(ru, {}).get(kk, 0.0)), ru) for ru, p in row.items()]
        best = sorted((s, ru) for s, ru in scored if s >= min_prob)[::-1][:top]
        out.extend((kk, ru, round(s, 3)) for s, ru in best)
    return sorted(out)


def _frequent(docs: Iterable[list[str]]) -> set[str]:
    counts = Counter(w for d in docs for w in d)
    return {w for w, c in counts.items() if c >= MIN_COUNT}


def build(line_pairs: Iterable[tuple[str, str]], min_prob: float = MIN_PROB, top: int = TOP) -> list[tuple[str, str, float]]:
    """Train both directions on lemmatised line pairs; rare lemmas (< ``MIN_COUNT``) are left out."""
    from aimaq.corpus.pairing_keys import lemmas

    tokenised = [(lemmas(kk, "kk"), lemmas(ru, "ru")) for kk, ru in line_pairs]
    keep_kk = _frequent(k for k, _ in tokenised)
    keep_ru = _frequent(r for _, r in tokenised)
    pairs = [([w for w in k if w in keep_kk], [w for w in r if w in keep_ru]) for k, r in tokenised]
    pairs = [(k, r) for k, r in pairs if k and r]
    kk_ru = train_model1(pairs)
    ru_kk = train_model1([(r, k) for k, r in pairs])
    return symmetric_table(kk_ru, ru_kk, min_prob, top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("apertium", type=Path, help="the Apertium kaz-rus CORPUS folder")
    parser.add_argument("--out", type=Path, default=Path(str(data_path(LEXICON))))
    parser.add_argument("--min-prob", type=float, default=MIN_PROB, help="lowest sqrt(t(ru|kk) t(kk|ru)) kept")
    parser.add_argument("--top", type=int, default=TOP, help="most ru lemmas kept per kk lemma")
    args = parser.parse_args(argv)
    line_pairs = list(read_apertium(args.apertium))
    rows = build(line_pairs, args.min_prob, args.top)
    header = (f"# kk lemma\tru lemma\tscore (IBM Model 1 both ways, sqrt of the product); version 1\n"
              f"# built by `python -m aimaq.corpus.lexicon` from {len(line_pairs)} line pairs of the Apertium "
              f"kaz-rus CORPUS (GPL-3.0, see its README)\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(header + "".join(f"{k}\t{r}\t{s}\n" for k, r, s in rows), encoding="utf-8")
    print(f"{len(rows)} entries from {len(line_pairs)} line pairs -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
