"""Train the Kazakh NER model (a CRF, python-crfsuite) on KazNERD: `make train-kk-ner`.

    python tools/train_kk_ner.py                       # train + dev -> src/aimaq/data/models/kk_ner.crfsuite
    python tools/train_kk_ner.py --tune --c1 0 0.05 --c2 0.01 0.1   # grid on train, scored on dev

The split (see aimaq.ner.kaznerd) is fixed: tuning never sees the test part, and the released model
is fitted on train + dev with the settings chosen on dev. Training is deterministic (L-BFGS).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite

from aimaq.ner import iob, kaznerd
from aimaq.ner.features_kk import GROUPS, sentence_features

MODEL = Path(__file__).resolve().parents[1] / "src" / "aimaq" / "data" / "models" / "kk_ner.crfsuite"
C1, C2, ITERATIONS = 0.05, 0.01, 150  # chosen on dev, see data/models/kk_ner.md


def labels_of(sentence: kaznerd.TaggedSentence, collapse: bool) -> list[str]:
    return iob.map_tags(sentence.tags, iob.output_types() if collapse else None)


def train(sentences: list[kaznerd.TaggedSentence], out: Path, c1: float, c2: float, iterations: int,
          groups: frozenset[str], collapse: bool) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(sentence_features(s.tokens, groups), labels_of(s, collapse))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(out))


def evaluate(model: Path, sentences: list[kaznerd.TaggedSentence], groups: frozenset[str]) -> dict[str, iob.Counts]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    keep = iob.output_types()
    gold = [iob.map_tags(s.tags, keep) for s in sentences]
    pred = [iob.map_tags(tagger.tag(sentence_features(s.tokens, groups)), keep) for s in sentences]
    return iob.score(gold, pred)


def tune(args: argparse.Namespace, groups: frozenset[str]) -> None:
    train_part, dev_part = kaznerd.load(("train",), args.data), kaznerd.load(("dev",), args.data)
    keys = [*iob.output_types(), "ALL"]
    print("c1\tc2\titer\t" + "\t".join(keys) + "\tseconds", flush=True)
    for c1 in args.c1:
        for c2 in args.c2:
            started = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "m.crfsuite"
                train(train_part, path, c1, c2, args.iterations, groups, args.collapse)
                scores = evaluate(path, dev_part, groups)
            figures = "\t".join(f"{scores.get(k, iob.Counts()).f1:.3f}" for k in keys)
            print(f"{c1}\t{c2}\t{args.iterations}\t{figures}\t{time.perf_counter() - started:.0f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=kaznerd.DEFAULT_DIR, help="the KazNERD folder")
    parser.add_argument("--out", type=Path, default=MODEL, help="where the model is written")
    parser.add_argument("--c1", type=float, nargs="+", default=[C1], help="L1 weight(s)")
    parser.add_argument("--c2", type=float, nargs="+", default=[C2], help="L2 weight(s)")
    parser.add_argument("--iterations", type=int, default=ITERATIONS, help="L-BFGS iterations")
    parser.add_argument("--drop", nargs="*", default=[], choices=GROUPS, help="feature groups to leave out")
    parser.add_argument("--collapse", action="store_true", help="train on the output types only")
    parser.add_argument("--tune", action="store_true", help="train on train, print dev F1 per setting")
    args = parser.parse_args(argv)
    groups = frozenset(GROUPS) - frozenset(args.drop)
    if not (args.data / kaznerd.ID_FILE).is_file():
        print(f"aimaq: error: {args.data}: KazNERD not found", file=sys.stderr)
        return 1
    if args.tune:
        tune(args, groups)
        return 0
    started = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    train(kaznerd.load(("train", "dev"), args.data), args.out, args.c1[0], args.c2[0], args.iterations, groups,
          args.collapse)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
