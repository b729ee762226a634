"""kk ↔ ru translation pairs among the documents of a corpus, with their sentence alignment.

1. **Keys and candidates** (``aimaq.corpus.index``): anchors (numbers, amount values, dates, names
   folded across the two alphabets, quoted names, region codes) and lexical keys in an inverted index;
   each document keeps its best partners by shared rare keys.
2. **Shortlist**: a logistic model over the quick features of ``aimaq.corpus.pairing_features``
   (anchor overlap, lexical overlap, length ratio, date distance) ranks each document's candidates;
   its ``VERIFY`` best are verified, unless the quick model finds them hopeless (``VERIFY_FLOOR``).
3. **Verification**: each shortlisted pair is aligned sentence by sentence (``aimaq.corpus.align``),
   and every kk sentence is compared with every ru sentence. In a translation each sentence's aligned
   partner is the sentence most like it (``linked_rank``), and the aligned pairs are far more alike
   than the others (``alignment_contrast``). Two releases on one event share names and words, but
   not sentence after sentence.
4. **Decision**: a logistic model turns the features into the probability that the two documents are
   one text in two languages. Its weights are fitted, not set by hand: ``tools/fit_pairing.py`` fits
   them on the silver Apertium kk/ru positions (same position: a translation; the others: not), the
   real kk/ru releases of ``../shared/data/real-releases`` (same-region different stories are the hard
   negatives) and the hand-checked ``tests/corpus``, never on the NTREX documents that
   ``aimaq eval pairing`` measures, and writes them with their provenance to
   ``data/corpus/pairing_model.json``. A pair needs a probability of at least the model's threshold,
   0.5: more likely a translation than not. (This replaces a hand-weighted sum whose threshold was
   set on the 41 NTREX dev documents and missed long plain translations among 82 unseen ones.)
5. **Assignment**: greedy one-to-one by probability. Documents of one language never pair, so
   re-posts of a release are not taken for its translation.

``explain_pair`` gives each feature's share of a pair's log-odds.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from aimaq.corpus.align import Alignment
from aimaq.corpus.index import Index, Keys, document_keys
from aimaq.corpus.pairing_features import FEATURES, Candidate
from aimaq.records import Document
from aimaq.resources import load_json

MODEL = "corpus/pairing_model.json"
VERIFY = 2  # candidates per document that are aligned before the decision
# ... when the quick model gives them at least this probability. The lowest a listed translation of the
# training data gets is 0.79 (real releases); a shortlisted candidate below 0.01 was never taken there nor
# on NTREX (``aimaq eval pairing``, whose lowest true pair gets 0.037), and 70% of the real releases'
# shortlisted candidates are below it: alignment is the costly part of pairing.
VERIFY_FLOOR = 0.01


@dataclass(frozen=True)
class DocumentPair:
    """A kk document and its ru translation, with the links between their sentences."""

    kk_id: str
    ru_id: str
    score: float  # the probability that the two are a translation pair
    sentences: tuple[tuple[int, int], ...]  # (kk sentence index, ru sentence index)


@dataclass(frozen=True)
class Logistic:
    """Log-odds = intercept + sum of weight * feature value."""

    intercept: float
    weights: tuple[tuple[str, float], ...]  # (feature name, weight)

    def shares(self, c: Candidate) -> dict[str, float]:
        """The intercept's and each feature's share of the candidate's log-odds."""
        return {"intercept": self.intercept} | {name: w * FEATURES[name].value(c) for name, w in self.weights}

    def probability(self, c: Candidate) -> float:
        return sigmoid(sum(self.shares(c).values()))


@dataclass(frozen=True)
class PairModel:
    """The fitted models of ``data/corpus/pairing_model.json``."""

    shortlist: Logistic  # quick features only: ranks the candidates worth aligning
    decision: Logistic  # all features: the probability that a pair is a translation
    threshold: float  # lowest decision probability of a pair


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def _logistic(data: dict[str, Any], verify: bool) -> Logistic:
    weights = tuple((name, float(w)) for name, w in data["weights"].items())
    for name, _ in weights:
        if name not in FEATURES or (FEATURES[name].verify and not verify):
            raise ValueError(f"pairing model: unknown or misplaced feature {name!r}")
    return Logistic(float(data["intercept"]), weights)


def model_from_json(data: dict[str, Any]) -> PairModel:
    """A ``PairModel`` from the parsed model file (see ``tools/fit_pairing.py``)."""
    return PairModel(_logistic(data["shortlist"], False), _logistic(data["decision"], True),
                     float(data["decision"]["threshold"]))


@cache
def load_model() -> PairModel:
    """The shipped model, ``data/corpus/pairing_model.json``."""
    return model_from_json(load_json(MODEL))


def explain_pair(c: Candidate, verify: bool = True, model: PairModel | None = None) -> dict[str, float]:
    """The intercept's and each feature's share of the candidate's log-odds (quick model if not ``verify``)."""
    model = model or load_model()
    return (model.decision if verify else model.shortlist).shares(c)


def score(c: Candidate, verify: bool = True, model: PairModel | None = None) -> float:
    """The probability that the candidate is a translation pair (by the quick model if not ``verify``)."""
    return sigmoid(sum(explain_pair(c, verify, model).values()))


def explain_documents(kk: Document, ru: Document, corpus: Sequence[Document] = ()) -> dict[str, float]:
    """Shares of the log-odds of one kk/ru document pair; rarity is counted over ``corpus`` too."""
    keys = [document_keys(kk), document_keys(ru)] + [document_keys(d) for d in corpus if d.lang in ("kk", "ru")]
    return explain_pair(Candidate(Index(keys), keys[0], keys[1]))


def assign(scored: Sequence[tuple[float, int, int]], threshold: float) -> list[tuple[float, int, int]]:
    """Greedy one-to-one assignment: best score first, each document used once, scores >= threshold."""
    used: set[int] = set()
    out = []
    for value, a, b in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if value >= threshold and a not in used and b not in used:
            used.update((a, b))
            out.append((value, a, b))
    return out


def shortlist(quick: dict[tuple[int, int], float], per_doc: int = VERIFY,
              owners: Collection[int] | None = None) -> set[tuple[int, int]]:
    """Each document's ``per_doc`` best candidates by quick score; with ``owners``, only these documents'
    (positions) choose."""
    best: dict[int, list[tuple[float, tuple[int, int]]]] = defaultdict(list)
    for pair, value in quick.items():
        for side in pair:
            if owners is None or side in owners:
                best[side].append((value, pair))
    return {pair for options in best.values() for _, pair in sorted(options, reverse=True)[:per_doc]}


Verified = dict[tuple[str, str], tuple[Alignment, np.ndarray]]  # (kk id, ru id) -> verification


def verified_candidates(keys: Sequence[Keys], model: PairModel, focus: Collection[str] | None = None,
                        verified: Verified | None = None) -> list[Candidate]:
    """The shortlisted candidates among prepared documents, in a stable order.

    With ``focus``, only candidates that hold one of these document ids, and only these documents choose
    shortlisted candidates: a stored document that an ingest batch is paired with is verified with the new
    documents that choose it, not also with its own best among them (a few more verifications per stored
    candidate, nearly none of them a translation). ``verified`` holds the alignments and
    sentence similarities of pairs verified before (they depend on the two documents only): a candidate found
    there is not aligned again."""
    index = Index(keys)
    pairs = index.candidates()
    owners = None
    if focus is not None:
        owners = {n for n, k in enumerate(keys) if k.doc.id in focus}
        pairs = {(a, b) for a, b in pairs if a in owners or b in owners}
    candidates = {(a, b): Candidate(index, keys[a], keys[b]) for a, b in pairs}
    quick = {pair: score(c, False, model) for pair, c in candidates.items()}
    chosen = [candidates[pair] for pair in sorted(shortlist(quick, owners=owners)) if quick[pair] >= VERIFY_FLOOR]
    for c in chosen:
        known = (verified or {}).get((c.kk.doc.id, c.ru.doc.id))
        if known is not None:
            c.reuse(known)
    return chosen


Complete = Callable[[Sequence[Keys]], Sequence[Keys]]  # ``light`` keys -> the full keys of the same documents


def _complete(chosen: Sequence[Candidate], complete: Complete, position: dict[int, int]) -> None:
    """Give the shortlisted candidates to be aligned the full keys of their ``light`` documents (those that
    ``complete`` cannot give, a document deleted meanwhile, stay light and are not aligned)."""
    light = {id(k): k for c in chosen if not c.verified for k in (c.kk, c.ru) if k.light}
    if not light:
        return
    full = dict(zip(light, complete(list(light.values())), strict=True))
    for c in chosen:
        c.kk, c.ru = full.get(id(c.kk), c.kk), full.get(id(c.ru), c.ru)
    position.update({id(k): position[old] for old, k in full.items()})


def pair_keys(keys: Sequence[Keys], model: PairModel | None = None, focus: Collection[str] | None = None,
              verified: Verified | None = None, complete: Complete | None = None) -> list[DocumentPair]:
    """Pairs among prepared documents (see ``pair_documents``)."""
    model = model or load_model()
    position = {id(k): n for n, k in enumerate(keys)}
    chosen = verified_candidates(keys, model, focus, verified)
    if complete is not None:
        _complete(chosen, complete, position)
        chosen = [c for c in chosen if c.verified or not (c.kk.light or c.ru.light)]  # one not completed
    scored = [(score(c, True, model), position[id(c.kk)], position[id(c.ru)]) for c in chosen]
    if verified is not None:
        verified.update({(c.kk.doc.id, c.ru.doc.id): (c.alignment, c.similarity) for c in chosen})
    by_pair = {(position[id(c.kk)], position[id(c.ru)]): c for c in chosen}
    pairs = []
    for value, a, b in assign(scored, model.threshold):
        pairs.append(DocumentPair(keys[a].doc.id, keys[b].doc.id, round(value, 4), by_pair[(a, b)].alignment.links))
    return pairs


def pair_documents(docs: Sequence[Document], model: PairModel | None = None, *,
                   focus: Collection[str] | None = None, verified: Verified | None = None,
                   keys: Callable[[Document], Keys] = document_keys,
                   complete: Complete | None = None) -> list[DocumentPair]:
    """Translation pairs among kk and ru documents, best first, each document in at most one pair.

    Documents in other languages are ignored, and so are repeats of a document id (the same cleaned
    text). Each pair carries its sentence links. ``focus``: only pairs holding one of these document ids
    (the new documents of an ingest batch; the pairs among the others are stored already). ``verified``: the
    verifications of earlier calls, filled with this call's (``verified_candidates``). ``keys``: where each
    document's keys come from (a cache); they may be ``light`` (stored documents, made from their summary), when
    ``complete`` gives the full keys of those that are to be aligned.
    """
    unique = {d.id: d for d in reversed(docs) if d.lang in ("kk", "ru")}
    return pair_keys([keys(d) for d in docs if unique.get(d.id) is d], model, focus, verified, complete)
