"""Speed of the ENTITIES stage on the shared samples, and PER scores on KazNERD (kk) / NEREL (ru).

    .venv/bin/python bench/bench_entities.py [--kaznerd ../shared/data/kaznerd/IOB2_valid.txt]
                                             [--nerel ../shared/data/nerel/NEREL-v1.1/dev]

Sentences come from the project's own clean/segment/lang stages. Scores are exact-span matches;
KazNERD and NEREL annotate by their own conventions (bare first names, no posts), so read them as
a floor for our press-release domain, not as its accuracy.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from pathlib import Path

from aimaq.records import Lang, Sentence
from aimaq.stages.clean import clean
from aimaq.stages.entities import find_entities
from aimaq.stages.lang import detect_language, detect_sentence_language
from aimaq.stages.segment import split_sentences

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def sentences(text: str, lang: Lang | None = None) -> list[Sentence]:
    doc_lang = lang or detect_language(text)
    return [
        Sentence(s.start, s.end, lang or detect_sentence_language(text[s.start : s.end], doc_lang))
        for s in split_sentences(text)
    ]


def bench_samples(rounds: int = 5) -> None:
    docs = [clean(p.read_text(encoding="utf-8")).text for p in sorted(SAMPLES.glob("*.txt"))]
    prepared = [(t, sentences(t)) for t in docs]
    for text, sents in prepared:  # warm-up: natasha models, Kazakh lexicon
        find_entities(text, sents)
    for (text, sents), path in zip(prepared, sorted(SAMPLES.glob("*.txt")), strict=True):
        t0 = time.perf_counter()
        for _ in range(rounds):
            find_entities(text, sents)
        dt = (time.perf_counter() - t0) / rounds
        print(
            f"{path.name[:3]} ({sents[0].lang}): {len(sents)} sentences, {len(sents) / dt:,.0f} sentences/s"
        )


def _kaznerd(path: Path) -> Iterator[tuple[str, set[tuple[int, int]]]]:
    """KazNERD sentences (tokens joined by spaces) with their PERSON spans."""
    text, spans = "", []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line:
            if text:
                yield text, {(s, e) for s, e in spans}
            text, spans = "", []
            continue
        word, _, tag = line.rpartition(" ")
        start = len(text) + (1 if text else 0)
        text = f"{text} {word}" if text else word
        if tag == "B-PERSON":
            spans.append([start, len(text)])
        elif tag == "I-PERSON" and spans:
            spans[-1][1] = len(text)


def _nerel(folder: Path) -> Iterator[tuple[str, set[tuple[int, int]]]]:
    for txt in sorted(folder.glob("*.txt")):
        gold = set()
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[1].startswith("PERSON ") and ";" not in parts[1]:
                _, a, b = parts[1].split(" ")
                gold.add((int(a), int(b)))
        yield txt.read_text(encoding="utf-8"), gold


def score(items: Iterator[tuple[str, set[tuple[int, int]]]], lang: Lang | None, name: str) -> None:
    tp = fp = fn = n = 0
    elapsed = 0.0
    for text, gold in items:
        sents = [Sentence(0, len(text), lang)] if lang else sentences(text, "ru")
        n += len(sents)
        t0 = time.perf_counter()
        pred = {(m.start, m.end) for m in find_entities(text, sents) if m.type == "PER"}
        elapsed += time.perf_counter() - t0
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * p * r / max(1e-9, p + r)
    print(f"{name}: PER P={p:.3f} R={r:.3f} F1={f1:.3f} ({n} sentences, {n / elapsed:,.0f} sentences/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kaznerd", type=Path, help="KazNERD IOB2 file (Kazakh PER scores)")
    parser.add_argument("--nerel", type=Path, help="NEREL brat folder (Russian PER scores)")
    args = parser.parse_args()
    if SAMPLES.exists():
        bench_samples()
    if args.kaznerd:
        score(_kaznerd(args.kaznerd), "kk", "KazNERD")
    if args.nerel:
        score(_nerel(args.nerel), None, "NEREL")


if __name__ == "__main__":
    main()
