"""Fit the kk/ru pairing models of ``aimaq.corpus.pairing`` and write ``data/corpus/pairing_model.json``.

    .venv/bin/python tools/fit_pairing.py [--data ../shared/data] [--cache /tmp/fit_pairing] [--select]

Training data (never the NTREX documents that ``aimaq eval pairing`` measures):

1. **Apertium silver positions**: the Apertium kaz-rus files cut into 15-line positions as
   ``aimaq eval pairing`` cuts them, less the positions that it uses as distractors (400 by default).
   Both sides of a position are a translation (a position that repeats an earlier text, or whose
   language the pipeline detects otherwise, is left out); the other kk/ru candidates are not, except where the
   corpus repeats text under another position (``DUPLICATE`` of the 3-word shingles of one side, or
   more, are found on the same side of the other position): such candidates are left out, neither
   translations nor negatives.
2. **Real releases** (``real-releases``): the 60 kk/ru releases; the pairs of ``pairs-*.json`` are
   translations, every other candidate is not (same-region different stories among them).
3. **tests/corpus**: the hand-checked releases; ``pairs.json`` lists the translations.

Each corpus is paired on its own, as ``aimaq pair`` would pair it, and gives rows: every candidate of
the index for the **shortlist** model (quick features), and the candidates that this model shortlists
for the **decision** model (all its features). Apertium rows weigh 1 each; rows of the press releases
(real releases and tests/corpus) weigh together as much as the Apertium rows, so that neither the silver
government texts nor the few press releases decide alone. Both models are L2-penalised logistic
regressions (``LAMBDA`` on every standardised weight but the intercept, Newton's method). A pair is
taken when its decision probability is at least 0.5: more likely a translation than not.

The decision features, ``DECISION``, are one of each kind of evidence whose level does not follow how
much of a domain's vocabulary the lexicon covers: names and numbers (``anchor_overlap``), which
sentence answers which (``linked_rank``), how much more alike the aligned sentences are than the rest
of the pair (``alignment_contrast``), and the dates. The document-level lexical overlap and the
alignment's mean coverage (``sentence_match``) are left out of the decision: the lexicon was learned
from government texts and covers far fewer words of general news, so their level moves with the
domain (the NTREX misses of the old threshold were such texts). ``--select`` prints, for every
subset of ``POOL``, the log loss under grouped cross-validation on the training data alone (Apertium
files in four folds, real releases by part, tests/corpus) and where ``DECISION`` ranks: on these
domains, where the lexicon covers the words well, the subsets that hold lexical overlap do a little
better (a loss lower by less than a tenth); the choice is made for the domains it does not cover.

Held-out figures: for each part of the real releases, both models are fitted again without the rows
that hold a release of that part; all 60 releases are paired with them and the pairs holding a
release of the part are counted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import pickle
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from aimaq.corpus.index import Index, Keys, document_keys
from aimaq.corpus.pairing import MODEL, Logistic, PairModel, pair_keys, score, shortlist, sigmoid
from aimaq.corpus.pairing_features import FEATURES, Candidate
from aimaq.evaluate.pairing import (
    APERTIUM,
    DEFAULT_DATA,
    REAL,
    RealReleases,
    apertium_chunks,
    chunk_documents,
    distractor_chunks,
    read_real_releases,
    real_counts,
)
from aimaq.pipeline import extract, extract_stream
from aimaq.records import Document
from aimaq.resources import data_path
from aimaq.settings import Settings
from aimaq.stages.read import iter_documents

ROOT = Path(__file__).resolve().parents[1]
QUICK = ("anchor_overlap", "lexical_overlap", "length_mismatch", "date_distance")
DECISION = ("anchor_overlap", "date_distance", "linked_rank", "alignment_contrast")
POOL = (*QUICK, "sentence_match", "linked_rank", "alignment_contrast")
EVAL_DISTRACTORS = 400  # positions that `aimaq eval pairing` uses by default: not trained on
DUPLICATE = 0.1  # share of 3-word shingles from which two Apertium positions are taken to share text
LAMBDA = 1.0
THRESHOLD = 0.5


@dataclass
class Corpus:
    """One training corpus: prepared documents, its translations and a cross-validation group per document."""

    name: str
    keys: list[Keys]
    truth: set[tuple[str, str]]
    group: dict[str, str]  # document id -> group
    excluded: set[tuple[str, str]] = field(default_factory=set)  # candidates that are neither


@dataclass
class Row:
    corpus: Corpus
    pair: tuple[int, int]
    candidate: Candidate
    label: int
    values: dict[str, float] = field(default_factory=dict)

    def value(self, name: str) -> float:
        if name not in self.values:
            self.values[name] = FEATURES[name].value(self.candidate)
        return self.values[name]

    @property
    def groups(self) -> set[str]:
        return {self.corpus.group[self.candidate.kk.doc.id], self.corpus.group[self.candidate.ru.doc.id]}


# --- the training corpora -----------------------------------------------------------------------------


def _cached(cache: Path | None, name: str, make: Callable[[], list[Document]]) -> list[Document]:
    path = cache / f"{name}.pickle" if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    docs = make()
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(docs))
    return docs


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _containment(a: set, b: set) -> float:
    """Share of the smaller set found in the other."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def apertium_corpus(folder: Path, cache: Path | None) -> Corpus:
    chunks = apertium_chunks(folder)
    used = {(name, n) for name, n, _ in distractor_chunks(chunks, EVAL_DISTRACTORS)}
    training = [c for c in chunks if (c[0], c[1]) not in used]
    docs = _cached(cache, "apertium", lambda: [extract(raw) for c in training for raw in chunk_documents(c)])
    seen: set[str] = set()
    kept = []
    for kk, ru in zip(docs[::2], docs[1::2], strict=True):  # a position that repeats a text is left out
        if kk.id not in seen and ru.id not in seen and kk.id != ru.id:
            kept += [kk, ru]
        seen.update((kk.id, ru.id))
    position = {d.id: d.source.rsplit(".", 1)[0] for d in kept}
    side = {(position[d.id], d.source.rsplit(".", 1)[1]): d for d in kept}  # by the file's language
    truth = {(side[(p, "kk")].id, side[(p, "ru")].id) for p in set(position.values())}
    keys = [document_keys(d) for d in kept if d.lang == d.source.rsplit(".", 1)[1]]  # language detection agrees
    present = {k.doc.id for k in keys}
    truth = {(kk, ru) for kk, ru in truth if kk in present and ru in present}
    shingles = {d.id: _shingles(d.text) for d in kept}

    def same_text(kk: Document, ru: Document) -> bool:
        other_kk, other_ru = side[(position[ru.id], "kk")], side[(position[kk.id], "ru")]
        return (_containment(shingles[kk.id], shingles[other_kk.id]) >= DUPLICATE
                or _containment(shingles[ru.id], shingles[other_ru.id]) >= DUPLICATE)

    index = Index(keys)
    excluded = {(keys[a].doc.id, keys[b].doc.id) for a, b in index.candidates()
                if position[keys[a].doc.id] != position[keys[b].doc.id] and same_text(keys[a].doc, keys[b].doc)}
    group = {d.id: "apertium:" + d.source.split("/")[1].split("#")[0] for d in kept}
    return Corpus("apertium", keys, truth, group, excluded)


def real_corpus(real: RealReleases) -> Corpus:
    return Corpus("real-releases", [document_keys(d) for d in real.docs], real.pairs,
                  {d: "real:" + p for d, p in real.part.items()})


def tests_corpus(folder: Path, cache: Path | None) -> Corpus:
    def read() -> list[Document]:
        items = iter_documents([str(p) for p in sorted(folder.glob("*.txt"))], Settings())
        return [d for d in extract_stream(items) if isinstance(d, Document)]

    docs = _cached(cache, "tests_corpus", read)
    by_name = {Path(d.source).name: d.id for d in docs}
    listed = json.loads((folder / "pairs.json").read_text(encoding="utf-8"))["translations"]
    return Corpus("tests/corpus", [document_keys(d) for d in docs], {(by_name[a], by_name[b]) for a, b in listed},
                  {d.id: "tests/corpus" for d in docs})


def candidate_rows(corpus: Corpus) -> list[Row]:
    """Every candidate of the corpus's index, labelled (excluded ones left out)."""
    index = Index(corpus.keys)
    rows = []
    for a, b in sorted(index.candidates()):
        ids = (corpus.keys[a].doc.id, corpus.keys[b].doc.id)
        if ids not in corpus.excluded:
            rows.append(Row(corpus, (a, b), Candidate(index, corpus.keys[a], corpus.keys[b]), int(ids in corpus.truth)))
    return rows


# --- fitting --------------------------------------------------------------------------------------------


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, lam: float = LAMBDA) -> tuple[float, np.ndarray]:
    """Weighted L2-penalised logistic regression on standardised columns; (intercept, weights) in raw units."""
    mean, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / sd])
    penalty = lam * np.eye(z.shape[1])
    penalty[0, 0] = 0.0
    beta = np.zeros(z.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-z @ beta))
        gradient = z.T @ (w * (p - y)) + penalty @ beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    weights = beta[1:] / sd
    return float(beta[0] - weights @ mean), weights


def _weights(rows: Sequence[Row]) -> np.ndarray:
    """Apertium rows 1 each; the press-release rows together as much as all Apertium rows."""
    silver = sum(1 for r in rows if r.corpus.name == "apertium")
    press = len(rows) - silver
    each = silver / press if press and silver else 1.0
    return np.array([1.0 if r.corpus.name == "apertium" else each for r in rows])


def fit(rows: Sequence[Row], features: Sequence[str]) -> Logistic:
    x = np.array([[r.value(f) for f in features] for r in rows])
    y = np.array([r.label for r in rows], dtype=float)
    intercept, weights = fit_logistic(x, y, _weights(rows))
    return Logistic(round(intercept, 4), tuple((f, round(float(v), 4)) for f, v in zip(features, weights, strict=True)))


def shortlisted(rows: Sequence[Row], quick: Logistic) -> list[Row]:
    """The rows that ``quick`` shortlists in their corpus."""
    model = PairModel(quick, quick, THRESHOLD)
    out = []
    for corpus in {id(r.corpus): r.corpus for r in rows}.values():
        mine = {r.pair: r for r in rows if r.corpus is corpus}
        chosen = shortlist({pair: score(r.candidate, False, model) for pair, r in mine.items()})
        out += [mine[pair] for pair in sorted(chosen)]
    return out


def fit_models(rows: Sequence[Row], decision: Sequence[str] = DECISION) -> tuple[PairModel, list[Row]]:
    """Both models, and the rows the decision model was fitted on."""
    quick = fit(rows, QUICK)
    verified = shortlisted(rows, quick)
    return PairModel(quick, fit(verified, decision), THRESHOLD), verified


def log_losses(model: Logistic, rows: Sequence[Row]) -> list[float]:
    out = []
    for r in rows:
        p = sigmoid(model.intercept + sum(w * r.value(f) for f, w in model.weights))
        p = min(max(p, 1e-9), 1 - 1e-9)
        out.append(-math.log(p) if r.label else -math.log(1 - p))
    return out


def fold_of(group: str) -> str:
    """Cross-validation fold of a document group: Apertium files in four folds, each real part, tests/corpus."""
    if group.startswith("apertium:"):
        return f"apertium-{sum(map(ord, group)) % 4}"
    return group


def select(verified: Sequence[Row]) -> None:
    """Grouped cross-validated log loss of every subset of ``POOL`` as decision features, best first: the
    mean over the three corpora of the loss of their rows, each row predicted by a model fitted without
    the documents of its fold (rows across two folds are left out)."""
    folds = sorted({fold_of(g) for r in verified for g in r.groups})
    results = []
    for k in range(1, len(POOL) + 1):
        for features in itertools.combinations(POOL, k):
            loss: dict[str, list[float]] = {}
            for f in folds:
                train = [r for r in verified if f not in {fold_of(g) for g in r.groups}]
                test = [r for r in verified if {fold_of(g) for g in r.groups} == {f}]
                if test:
                    loss.setdefault(test[0].corpus.name, []).extend(log_losses(fit(train, features), test))
            mean = {name: sum(v) / len(v) for name, v in loss.items()}
            results.append((sum(mean.values()) / len(mean), mean, features))
    ranked = sorted(results)
    for n, (total, mean, features) in enumerate(ranked, 1):
        if n <= 10 or set(features) == set(DECISION):
            print(f"{n:3}. {total:.4f}  " + "  ".join(f"{c} {v:.4f}" for c, v in sorted(mean.items()))
                  + "  " + ",".join(features) + ("  <- DECISION" if set(features) == set(DECISION) else ""))


# --- the real releases, in sample and held out ------------------------------------------------------


def real_figures(releases: RealReleases, real: Corpus, rows: Sequence[Row], part: str = "all") -> dict[str, object]:
    """Counts of the real releases of ``part`` paired by a model fitted without them (with all rows for
    'all'), and the lowest probability of a listed pair and the highest of another shortlisted one."""
    model, verified = fit_models([r for r in rows if "real:" + part not in r.groups])
    counts = real_counts(releases, pair_keys(real.keys, model), part).row()
    mine = [r for r in shortlisted([r for r in rows if r.corpus is real], model.shortlist)
            if part == "all" or "real:" + part in r.groups]
    probability = {id(r): score(r.candidate, True, model) for r in mine}
    return {"counts": counts,
            "lowest_translation": round(min(probability[id(r)] for r in mine if r.label), 3),
            "highest_other": round(max(probability[id(r)] for r in mine if not r.label), 3)}


def _logistic_json(model: Logistic) -> dict:
    return {"intercept": model.intercept, "weights": dict(model.weights)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=Path(str(data_path(MODEL))))
    parser.add_argument("--cache", type=Path, help="keep the extracted training documents here between runs")
    parser.add_argument("--select", action="store_true", help="print the feature subsets' cross-validated loss")
    args = parser.parse_args(argv)
    releases = _cached(args.cache, "real", lambda: [read_real_releases(args.data / REAL)])[0]
    corpora = [apertium_corpus(args.data / APERTIUM, args.cache), real_corpus(releases),
               tests_corpus(ROOT / "tests" / "corpus", args.cache)]
    rows = [r for c in corpora for r in candidate_rows(c)]
    model, verified = fit_models(rows)
    if args.select:
        select(verified)
        return 0
    in_sample = real_figures(releases, corpora[1], rows)
    held_out = {part: real_figures(releases, corpora[1], rows, part) for part in sorted(set(releases.part.values()))}
    training = {}
    for c in corpora:
        mine, checked = [r for r in rows if r.corpus is c], [r for r in verified if r.corpus is c]
        training[c.name] = {"documents": len(c.keys), "translations": len(c.truth),
                            "candidates": len(mine), "candidates_left_out": len(c.excluded),
                            "shortlisted": len(checked), "shortlisted_translations": sum(r.label for r in checked)}
    out = {
        "version": 1,
        "about": "kk/ru pairing models of aimaq.corpus.pairing: log-odds = intercept + sum(weight * feature)",
        "shortlist": _logistic_json(model.shortlist),
        "decision": _logistic_json(model.decision) | {"threshold": THRESHOLD},
        "fit": {
            "tool": "tools/fit_pairing.py (see its doc for the data, the labels and the method)",
            "method": f"weighted logistic regression, L2 penalty {LAMBDA} on standardised weights, Newton's method",
            "training": training,
            "weights": "Apertium rows 1 each; real-release and tests/corpus rows together as much as all Apertium rows",
            "not_used": f"NTREX-128 (measured by `aimaq eval pairing`); the {EVAL_DISTRACTORS} Apertium positions "
                        "that it uses as distractors",
            "in_sample": in_sample,
            "held_out": held_out,
        },
    }
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out["decision"]), f"\nreal releases in sample {in_sample}; held out {held_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
