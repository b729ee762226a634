"""What a kk/ru candidate pair offers as evidence of being one text in two languages.

Each feature is a function of a ``Candidate`` (two documents' keys, ``aimaq.corpus.index``). The quick
ones need the documents' keys only; the verified ones (``Feature.verify``) need the sentence alignment
(``aimaq.corpus.align``) and the similarity of every kk sentence with every ru sentence, computed for
the few candidates that are verified. ``aimaq.corpus.pairing`` weighs them with a fitted model.

The sentence-level features are shares and differences, not sums, so that a long translation gets
no lower a value than a short one:

- ``linked_rank``: a translated sentence's counterpart is the most similar sentence of the other side,
  whatever the lexicon covers of its words; in two stories on one topic the aligned sentences are no
  more alike than any others. It asks where each sentence's aligned partner ranks.
- ``alignment_contrast``: how much more alike the aligned sentence pairs are than all sentence pairs.

Sentence similarity here weighs each word and anchor by how few sentences of its own document hold
it, so that a topic word found in every sentence (a country, a party, 'өңір') does not make every
sentence look like every other.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from aimaq.corpus.align import ANCHOR_WEIGHT, Alignment, Scorer, Side, align_sides, derived
from aimaq.corpus.index import Index, Keys
from aimaq.corpus.lexicon import load_lexicon

LENGTH_MEAN = 0.08  # mean log(ru length / kk length) of translated documents
# Dates further apart than this count against a pair; the store also looks for a stored partner of a new
# document only among those dated this close (a translation is published within days of the original).
DATE_DAYS = 3
RANK_PRIOR = 2  # sentences of chance rank (0.5) added to a pair's ranks: a few sentences prove little

Weights = tuple[tuple[float, ...], tuple[float, ...], float]  # per word, per anchor, their sum


@dataclass
class Candidate:
    """A kk/ru document pair under consideration; its alignment is computed when first asked for."""

    index: Index
    kk: Keys
    ru: Keys
    _scorer: Scorer | None = field(default=None, repr=False)
    _alignment: Alignment | None = field(default=None, repr=False)
    _similarity: np.ndarray | None = field(default=None, repr=False)

    def reuse(self, verification: tuple[Alignment, np.ndarray]) -> None:
        """Take the alignment and the sentence similarities of an earlier verification of the same two documents."""
        self._alignment, self._similarity = verification

    @property
    def verified(self) -> bool:
        """Aligned already (or given an earlier verification): the sentences are not needed again."""
        return self._alignment is not None and self._similarity is not None

    @property
    def scorer(self) -> Scorer:
        if self._scorer is None:
            self._scorer = Scorer(self.kk.sides, self.ru.sides)
        return self._scorer

    @property
    def alignment(self) -> Alignment:
        if self._alignment is None:
            self._alignment = align_sides(self.kk.sides, self.ru.sides, self.scorer)
        return self._alignment

    @property
    def similarity(self) -> np.ndarray:
        """Similarity (0..1) of every kk sentence (rows) with every ru sentence (columns), as one array: an
        ingest keeps a batch's verifications until the batch is settled, one allocation each rather than a list
        of floats per sentence."""
        if self._similarity is None:
            covered = self.scorer.covered
            kk = _weighted_shares(covered.kk_words, covered.kk_anchors, derived(self.kk.sides, "weights", sentence_weights))
            ru = _weighted_shares(covered.ru_words, covered.ru_anchors, derived(self.ru.sides, "weights", sentence_weights))
            self._similarity = (kk + ru.T) / 2
        return self._similarity


def sentence_weights(sides: Sequence[Side]) -> list[Weights]:
    """Weights of each sentence's words and anchors: log(1 + sentences / sentences that hold it)."""
    n = len(sides)
    words = Counter(lem for s in sides for lem in {lem for lem, _ in s.words})
    anchors = Counter(a for s in sides for a in set(s.anchors))
    out = []
    for s in sides:
        w = tuple(math.log(1 + n / words[lem]) for lem, _ in s.words)
        a = tuple(ANCHOR_WEIGHT * math.log(1 + n / anchors[x]) for x in s.anchors)
        out.append((w, a, sum(w) + sum(a)))
    return out


def _weighted_shares(words: np.ndarray, anchors: np.ndarray, weights: Sequence[Weights]) -> np.ndarray:
    """``[sentence, other]``: the weighted share of a sentence's words and anchors that the other sentence
    covers (``aimaq.corpus.align.Covered``). Weights are added one item after the other, as a scalar sum
    over the covered items would add them."""
    rows, others = words.shape[0], words.shape[2]
    out = np.zeros((rows, others))
    for marks, part in ((words, [w[0] for w in weights]), (anchors, [w[1] for w in weights])):
        values = np.zeros(marks.shape[:2])
        for n, item_weights in enumerate(part):
            values[n, : len(item_weights)] = item_weights
        total = np.zeros((rows, others))
        for k in range(marks.shape[1]):
            total += np.where(marks[:, k, :], values[:, k, None], 0.0)
        out = total if marks is words else out + total
    totals = np.array([w[2] for w in weights], dtype=float)[:, None]
    shares = np.zeros((rows, others))
    np.divide(out, totals, out=shares, where=totals != 0)
    return shares


# --- quick features: the documents' keys only ---------------------------------------------------------


def anchor_overlap(c: Candidate) -> float:
    """idf-weighted Dice coefficient of the two documents' anchors."""
    return c.index.overlap(c.kk.anchors, c.ru.anchors)


def lexical_overlap(c: Candidate) -> float:
    """F-measure of the idf-weighted shares of each side's words that the other translates or spells alike."""
    table = load_lexicon()
    kk_idf, ru_idf = c.index.word_idf["kk"], c.index.word_idf["ru"]
    ru_cognates, ru_lemmas, kk_cognates, kk_translations = c.ru.cognates, c.ru.lemmas, c.kk.cognates, c.kk.translations
    none: frozenset[str] = frozenset()
    kk_hit = kk_all = ru_hit = ru_all = 0.0
    for lem, cog in c.kk.words.items():
        weight = kk_idf.get(lem, 0.0)
        kk_all += weight
        if (cog and cog in ru_cognates) or not table.get(lem, none).isdisjoint(ru_lemmas):
            kk_hit += weight
    for lem, cog in c.ru.words.items():
        weight = ru_idf.get(lem, 0.0)
        ru_all += weight
        if lem in kk_translations or (cog and cog in kk_cognates):
            ru_hit += weight
    p, r = (kk_hit / kk_all if kk_all else 0.0), (ru_hit / ru_all if ru_all else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def length_mismatch(c: Candidate) -> float:
    """Squared distance of log(ru length / kk length) from its mean."""
    ratio = math.log((c.ru.profile.length + 50) / (c.kk.profile.length + 50))
    return (ratio - LENGTH_MEAN) ** 2


def date_distance(c: Candidate) -> float:
    """Days between the two dates beyond ``DATE_DAYS``, in weeks (0 when a date is missing)."""
    try:
        days = abs((date.fromisoformat(c.kk.doc.date or "") - date.fromisoformat(c.ru.doc.date or "")).days)
    except ValueError:
        return 0.0
    return max(0, days - DATE_DAYS) / 7


# --- verified features: the sentence alignment and the sentence similarities ------------------------


def sentence_match(c: Candidate) -> float:
    """How well the sentences match along the alignment (see ``aimaq.corpus.align.Alignment``)."""
    return c.alignment.quality


def _ranks(values: np.ndarray, links: Sequence[tuple[int, int]]) -> list[float]:
    """For each link (row, column): the share of the row's other values below the linked value, ties counted
    half (1.0 when the row has no other value)."""
    if values.shape[1] < 2:
        return [1.0] * len(links)
    rows, columns = (np.array(x, dtype=int) for x in zip(*links, strict=True))
    linked = values[rows, columns][:, None]
    below = np.count_nonzero(values[rows] < linked, axis=1).tolist()
    ties = (np.count_nonzero(values[rows] == linked, axis=1) - 1).tolist()
    return [(b + t / 2) / (values.shape[1] - 1) for b, t in zip(below, ties, strict=True)]


def linked_ranks(c: Candidate) -> list[float]:
    """For each sentence of either side that is similar to some sentence of the other side: where its
    aligned partners rank among the sentences of the other side by similarity (1: the most similar),
    0 when the alignment leaves it out."""
    similarity = c.similarity
    if not similarity.size:
        return []
    out = []
    for values, links in ((similarity, c.alignment.links), (similarity.T, [(j, i) for i, j in c.alignment.links])):
        ranks: dict[int, list[float]] = defaultdict(list)
        for (n, _), rank in zip(links, _ranks(values, links) if links else [], strict=True):
            ranks[n].append(rank)
        for n, similar in enumerate((values.max(axis=1) > 0).tolist()):
            if similar:
                out.append(sum(ranks[n]) / len(ranks[n]) if n in ranks else 0.0)
    return out


def linked_rank(c: Candidate) -> float:
    """Mean of ``linked_ranks``, with ``RANK_PRIOR`` sentences of chance rank (0.5) added."""
    ranks = linked_ranks(c)
    return (sum(ranks) + 0.5 * RANK_PRIOR) / (len(ranks) + RANK_PRIOR)


def alignment_contrast(c: Candidate) -> float:
    """Mean similarity of the aligned sentence pairs less the mean similarity of all sentence pairs."""
    links = c.alignment.links
    if not links:
        return 0.0
    rows = c.similarity.tolist()  # summed as Python floats, one after the other
    every = sum(map(sum, rows)) / (len(rows) * len(rows[0]))
    return sum(rows[i][j] for i, j in links) / len(links) - every


@dataclass(frozen=True)
class Feature:
    name: str
    value: Callable[[Candidate], float]
    verify: bool = False  # needs the alignment: computed only for the candidates that are verified


FEATURES: dict[str, Feature] = {f.name: f for f in (
    Feature("anchor_overlap", anchor_overlap),
    Feature("lexical_overlap", lexical_overlap),
    Feature("length_mismatch", length_mismatch),
    Feature("date_distance", date_distance),
    Feature("sentence_match", sentence_match, verify=True),
    Feature("linked_rank", linked_rank, verify=True),
    Feature("alignment_contrast", alignment_contrast, verify=True),
)}
