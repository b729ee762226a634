"""Train the Kazakh NER model (a CRF, python-crfsuite) on KazNERD: `make train-kk-ner`.

    python tools/train_kk_ner.py                     # train + dev + synthetic -> data/models/kk_ner.crfsuite
    python tools/train_kk_ner.py --tune --c1 0.02 0.1 --c2 0.01 0.05          # fit train, score dev
    python tools/train_kk_ner.py --tune --cv 3       # 3-fold cross-validation over train + dev
    python tools/train_kk_ner.py --heldout-check dev # analyser lexicon rebuilt without dev as well

The split (see aimaq.ner.kaznerd) is fixed: tuning never sees the test part, and the released model
is fitted on train + dev (+ tools/data/kk_ner_templates.txt sentences) with the settings chosen on
dev. Training is deterministic (L-BFGS): the same data gives the same bytes.
The features read the stem-cluster table data/ner/kk_clusters.tsv, built by tools/build_kk_clusters.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite
from kk_ner_synthetic import sentences as synthetic_sentences

from aimaq.ner import iob, kaznerd
from aimaq.ner.features_kk import GROUPS, sentence_features

MODEL = Path(__file__).resolve().parents[1] / "src" / "aimaq" / "data" / "models" / "kk_ner.crfsuite"
C1, C2, ITERATIONS = 0.02, 0.01, 150  # chosen on dev, see data/models/kk_ner.md
SYNTHETIC = 8  # synthetic sentences per template (tools/data/kk_ner_templates.txt)


def labels_of(sentence: kaznerd.TaggedSentence, keep: tuple[str, ...]) -> list[str]:
    return iob.map_tags(sentence.tags, keep)


def train(sentences: list[kaznerd.TaggedSentence], out: Path, c1: float, c2: float, iterations: int,
          groups: frozenset[str], keep: tuple[str, ...]) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(sentence_features(s.tokens, groups), labels_of(s, keep))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(out))


def evaluate(model: Path, sentences: list[kaznerd.TaggedSentence],
             groups: frozenset[str]) -> dict[str, iob.Counts]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    keep = iob.output_types()
    gold = [iob.map_tags(s.tags, keep) for s in sentences]
    pred = [iob.map_tags(tagger.tag(sentence_features(s.tokens, groups)), keep) for s in sentences]
    return iob.score(gold, pred)


def folds(args: argparse.Namespace) -> list[tuple[list[kaznerd.TaggedSentence], list[kaznerd.TaggedSentence]]]:
    """(fit, score) pairs: train/dev, or with --cv K, K folds of train + dev by sentence group."""
    if not args.cv:
        return [(kaznerd.load(("train",), args.data), kaznerd.load(("dev",), args.data))]
    pool = kaznerd.load(("train", "dev"), args.data)
    return [([s for s in pool if kaznerd.bucket(s.id) % args.cv != k],
             [s for s in pool if kaznerd.bucket(s.id) % args.cv == k]) for k in range(args.cv)]


def tune(args: argparse.Namespace, groups: frozenset[str]) -> None:
    pairs = folds(args)
    keys = [*iob.output_types(), "ALL"]
    print("c1\tc2\titer\t" + "\t".join(keys) + "\tseconds", flush=True)
    for c1 in args.c1:
        for c2 in args.c2:
            started = time.perf_counter()
            scores: dict[str, iob.Counts] = {}
            for fit, held in pairs:
                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / "m.crfsuite"
                    train(fit + synthetic_sentences(args.synthetic), path, c1, c2, args.iterations, groups,
                          tuple(args.keep))
                    for k, v in evaluate(path, held, groups).items():
                        scores[k] = scores.get(k, iob.Counts()) + v
            figures = "\t".join(f"{scores.get(k, iob.Counts()).f1:.3f}" for k in keys)
            print(f"{c1}\t{c2}\t{args.iterations}\t{figures}\t{time.perf_counter() - started:.0f}", flush=True)


def heldout_check(args: argparse.Namespace, groups: frozenset[str]) -> None:
    """Scores on the test (or dev) part of a model whose analyser lexicon never saw that part either.

    The shipped lexicon (data/kk_stems.tsv) was built from all of KazNERD valid, test part included; here
    it is rebuilt from the fitted parts and Apertium only, for training and scoring alike.
    """
    import build_kk_lexicon as lexicon_tool

    from aimaq.evaluate.ner import format_report
    from aimaq.ner import features_kk
    from aimaq.text.morph import kk as kk_morph

    fitted: tuple[kaznerd.Part, ...] = ("train", "dev") if args.heldout_check == "test" else ("train",)
    fit = kaznerd.load(fitted, args.data)
    lines = [" ".join(s.tokens) for s in fit]
    counts = lexicon_tool.count_words(iter([*lines, *lexicon_tool.apertium_lines(args.data.parent)]))
    stems = lexicon_tool.select(counts, lexicon_tool.paradigms(counts))
    kk_morph.lexicon = lambda: stems  # the analyser looks the lexicon up through this name
    kk_morph._analyse.cache_clear()
    features_kk.word_info.cache_clear()
    test = kaznerd.load((args.heldout_check,), args.data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.crfsuite"
        train(fit + synthetic_sentences(args.synthetic), path, args.c1[0], args.c2[0], args.iterations, groups,
              tuple(args.keep))
        started = time.perf_counter()
        scores = evaluate(path, test, groups)
        seconds = time.perf_counter() - started
    print(format_report(f"KazNERD {args.heldout_check} part, model and lexicon ({len(stems)} stems) "
                        f"built without it", scores,
                        len(test), seconds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=kaznerd.DEFAULT_DIR, help="the KazNERD folder")
    parser.add_argument("--out", type=Path, default=MODEL, help="where the model is written")
    parser.add_argument("--c1", type=float, nargs="+", default=[C1], help="L1 weight(s)")
    parser.add_argument("--c2", type=float, nargs="+", default=[C2], help="L2 weight(s)")
    parser.add_argument("--iterations", type=int, default=ITERATIONS, help="L-BFGS iterations")
    parser.add_argument("--drop", nargs="*", default=[], choices=GROUPS, help="feature groups to leave out")
    parser.add_argument("--keep", nargs="+", default=list(iob.model_types()), help="labels the model learns")
    parser.add_argument("--synthetic", type=int, default=SYNTHETIC, help="synthetic sentences per template")
    parser.add_argument("--tune", action="store_true", help="train on train, print dev F1 per setting")
    parser.add_argument("--heldout-check", choices=("dev", "test"),
                        help="score a part with a model and lexicon built without it (writes no model)")
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="with --tune: K-fold over train + dev")
    args = parser.parse_args(argv)
    groups = frozenset(GROUPS) - frozenset(args.drop)
    if not (args.data / kaznerd.ID_FILE).is_file():
        print(f"aimaq: error: {args.data}: KazNERD not found", file=sys.stderr)
        return 1
    if args.tune:
        tune(args, groups)
        return 0
    if args.heldout_check:
        heldout_check(args, groups)
        return 0
    started = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fit = kaznerd.load(("train", "dev"), args.data) + synthetic_sentences(args.synthetic)
    train(fit, args.out, args.c1[0], args.c2[0], args.iterations, groups, tuple(args.keep))
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
