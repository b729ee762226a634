"""Why the KazNERD test part scores higher than cross-validation: what each scored part shares with the
sentences its model was fitted on (the figures in src/aimaq/data/models/kk_ner.md, "The test part").

    python tools/kk_ner_split_overlap.py                 # test part vs train + dev, and the 5 folds of --cv 5
    python tools/kk_ner_split_overlap.py --fold-models   # also fit the 5 fold models (as train_kk_ner.py
                                                         # --tune --cv 5 does, ~2 min each) and score them

For the test part (fitted on train + dev) and for each of the K cross-validation folds (fitted on the
other folds, as `train_kk_ner.py --tune --cv K` does) it counts:
- entities (PER, ORG, LOC, ROLE, PROGRAMME) whose string, lower-cased, is an entity of the same type in
  the fitted part ("seen"), and organisations seen in any case form (each word's first five letters);
- sentences whose text, lower-cased with digits as 0, occurs in the fitted part under another number;
- sentences with a fitted sentence among the 5 numbers before or after theirs (KazNERD numbers
  sentences in story order, and a hash split puts neighbours in different parts);
and, with the shipped model on the test part (and, with --fold-models, with each fold's model on its
fold), recall and precision of seen and unseen entities.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from aimaq.ner import iob, kaznerd
from aimaq.ner.tagger_kk import tag_tokens

TYPES = iob.output_types()
Entity = tuple[str, str]  # (type, lower-cased text)


def entities(tokens: Sequence[str], tags: Sequence[str]) -> list[Entity]:
    return [(c.type, " ".join(tokens[c.start : c.end]).lower()) for c in iob.chunks(list(tags))]


def gold(s: kaznerd.TaggedSentence) -> list[Entity]:
    return entities(s.tokens, iob.map_tags(s.tags, TYPES))


def stem_form(e: Entity) -> Entity:
    """The entity with each word cut to its first five letters: a name in another case form ('үкіметке',
    'үкіметтің' and 'үкімет') counts as the same."""
    return e[0], " ".join(w[:5] for w in e[1].split())


def number(sentence_id: str) -> int:
    return int(sentence_id.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def text_key(s: kaznerd.TaggedSentence) -> str:
    return re.sub(r"\d", "0", " ".join(s.tokens).lower())


def overlap(fitted: list[kaznerd.TaggedSentence], scored: list[kaznerd.TaggedSentence]) -> dict[str, float]:
    """Shares of the scored part's entities, texts and numbers that the fitted part already holds."""
    known = {e for s in fitted for e in gold(s)}
    texts = {text_key(s): number(s.id) for s in fitted}
    numbers = {number(s.id) for s in fitted}
    out: dict[str, float] = {}
    for kind in TYPES:
        ents = [e for s in scored for e in gold(s) if e[0] == kind]
        out[kind] = sum(e in known for e in ents) / max(len(ents), 1)
    stems = {stem_form(e) for e in known}
    orgs = [e for s in scored for e in gold(s) if e[0] == "ORG"]
    out["ORG, any form"] = sum(stem_form(e) in stems for e in orgs) / max(len(orgs), 1)
    out["same text"] = sum(texts.get(text_key(s), number(s.id)) != number(s.id) for s in scored) / len(scored)
    out["neighbour"] = sum(
        any(number(s.id) + d in numbers for d in range(-5, 6) if d) for s in scored
    ) / len(scored)
    return out


Tagger = Callable[[list[str]], list[str]]
Counts = dict[tuple[str, bool], Counter[str]]  # (type, seen) -> gold, pred, hit


def seen_split_scores(
    fitted: list[kaznerd.TaggedSentence], scored: list[kaznerd.TaggedSentence], tag: Tagger = tag_tokens,
    counts: Counts | None = None,
) -> Counts:
    """Recall and precision of a model (the shipped one by default) on seen and unseen entities, per type."""
    known = {e for s in fitted for e in gold(s)}
    counts = {} if counts is None else counts
    for s in scored:
        want = Counter(gold(s))
        got = Counter(entities(s.tokens, tag(list(s.tokens))))
        for e in set(want) | set(got):
            c = counts.setdefault((e[0], e in known), Counter())
            c["gold"] += want[e]
            c["pred"] += got[e]
            c["hit"] += min(want[e], got[e])
    return counts


def f1(c: Counter[str]) -> float:
    return 2 * c["hit"] / max(c["gold"] + c["pred"], 1)


def reweighted_f1(counts: dict, kind: str, seen_share: float) -> float:
    """The F1 of ``kind`` had the scored part held ``seen_share`` seen entities, each half scoring as it does."""
    seen, unseen = counts.get((kind, True), Counter()), counts.get((kind, False), Counter())
    hits = preds = 0.0
    for c, share in ((seen, seen_share), (unseen, 1 - seen_share)):
        recall, precision = c["hit"] / max(c["gold"], 1), c["hit"] / max(c["pred"], 1)
        hits += share * recall
        preds += share * recall / max(precision, 1e-9)
    return 2 * hits / (1 + preds)


def bootstrap_f1(scored: list[kaznerd.TaggedSentence], kind: str, rounds: int = 1000) -> tuple[float, float]:
    """A 95% interval of the shipped model's F1 for ``kind``, resampling sentence numbers (variants stay
    together) with replacement."""
    per: dict[int, Counter[str]] = {}
    for s in scored:
        want = Counter(e for e in gold(s) if e[0] == kind)
        got = Counter(e for e in entities(s.tokens, tag_tokens(list(s.tokens))) if e[0] == kind)
        c = per.setdefault(number(s.id), Counter())
        c["gold"] += sum(want.values())
        c["pred"] += sum(got.values())
        c["hit"] += sum(min(want[e], got[e]) for e in want)
    groups = list(per.values())
    rng = random.Random(0)
    scores = sorted(f1(sum((rng.choice(groups) for _ in groups), Counter())) for _ in range(rounds))
    return scores[int(0.025 * rounds)], scores[int(0.975 * rounds) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cv", type=int, default=5, metavar="K", help="cross-validation folds (5)")
    parser.add_argument("--fold-models", action="store_true", help="also fit and score the K fold models")
    args = parser.parse_args()
    pool = kaznerd.load(("train", "dev"))
    test = kaznerd.load(("test",))
    rows = [("test part (fitted on train + dev)", overlap(pool, test))]
    smaller = [overlap([s for s in pool if kaznerd.bucket(s.id) % args.cv != k], test) for k in range(args.cv)]
    rows.append((f"test part (fitted on {args.cv - 1}/{args.cv} of train + dev, mean)", _mean(smaller)))
    folds = []
    for k in range(args.cv):
        fit = [s for s in pool if kaznerd.bucket(s.id) % args.cv != k]
        score = [s for s in pool if kaznerd.bucket(s.id) % args.cv == k]
        folds.append(overlap(fit, score))
        rows.append((f"fold {k + 1} of {args.cv}", folds[-1]))
    rows.append((f"the {args.cv} folds, mean", _mean(folds)))
    heads = [*TYPES, "ORG, any form", "same text", "neighbour"]
    print("| scored part | " + " | ".join(f"seen {h}" if h in TYPES else h for h in heads) + " |")
    print("|---" * (len(heads) + 1) + "|")
    for name, row in rows:
        print(f"| {name} | " + " | ".join(f"{row[h]:.3f}" for h in heads) + " |")
    counts = seen_split_scores(pool, test)
    _print_seen_split("shipped model on the test part", counts)
    if args.fold_models:
        pooled: Counts = {}
        for k in range(args.cv):
            fit = [s for s in pool if kaznerd.bucket(s.id) % args.cv != k]
            score = [s for s in pool if kaznerd.bucket(s.id) % args.cv == k]
            seen_split_scores(fit, score, _fold_tagger(fit), pooled)
        _print_seen_split(f"fold models on their folds ({args.cv} folds pooled)", pooled)
    cv_seen = _mean(folds)["ORG"]
    low, high = bootstrap_f1(test, "ORG")
    print()
    print(f"ORG F1 on the test part: {f1(sum((c for (k, _), c in counts.items() if k == 'ORG'), Counter())):.3f}"
          f" (95% interval over sentence numbers {low:.3f}-{high:.3f}); with the folds' mean share of seen ORG"
          f" ({cv_seen:.3f}) instead of its own: {reweighted_f1(counts, 'ORG', cv_seen):.3f}")


def _print_seen_split(title: str, counts: Counts) -> None:
    print()
    print(f"| {title}: type | seen: gold, recall, precision, F1 | unseen: gold, recall, precision, F1 | all F1 |")
    print("|---|---|---|---|")
    for kind in TYPES:
        cells = []
        for seen in (True, False):
            c = counts.get((kind, seen), Counter())
            cells.append(f"{c['gold']}, {c['hit'] / max(c['gold'], 1):.3f}, {c['hit'] / max(c['pred'], 1):.3f}, {f1(c):.3f}")
        both = sum((c for (k, _), c in counts.items() if k == kind), Counter())
        print(f"| {kind} | {cells[0]} | {cells[1]} | {f1(both):.3f} |")


def _fold_tagger(fit: list[kaznerd.TaggedSentence]) -> Tagger:
    """A model fitted as `train_kk_ner.py --tune --cv K` fits one fold's: the fold's sentences + synthetic."""
    import pycrfsuite
    import train_kk_ner
    from kk_ner_synthetic import sentences as synthetic_sentences

    from aimaq.ner.features_kk import GROUPS, sentence_features

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.crfsuite"
        train_kk_ner.train(fit + synthetic_sentences(train_kk_ner.SYNTHETIC), path, train_kk_ner.C1,
                           train_kk_ner.C2, train_kk_ner.ITERATIONS, frozenset(GROUPS), iob.model_types())
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))  # read into memory: the file may go
    return lambda tokens: iob.map_tags(tagger.tag(sentence_features(tokens)), TYPES)


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: sum(r[k] for r in rows) / len(rows) for k in rows[0]}


if __name__ == "__main__":
    main()
