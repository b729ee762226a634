"""Sentence alignment inside a kk/ru translation pair: dynamic programming over sentence beads.

In the spirit of vecalign and bertalign, but with keys that work for Kazakh and Russian without a
model. A bead joins one kk sentence with one, two or three ru sentences or the other way round (1-1,
1-2, 2-1, 1-3, 3-1), or leaves one sentence unaligned (1-0, 0-1). Its cost is

    sum over its sentences of (1 - coverage) / 2  +  LENGTH_WEIGHT * (log length ratio - LENGTH_MEAN)^2
    +  MERGE per sentence beyond two,

and an unaligned sentence costs ``SKIP``. The coverage of a sentence is the share of its words and
anchors that the other side of the bead covers: a kk word is covered when a translation from the
lexicon (``aimaq.corpus.lexicon``) or its cognate key occurs on the ru side, and vice versa; anchors
(numbers, names, dates, amount values; ``aimaq.corpus.pairing_keys``) count ``ANCHOR_WEIGHT`` words each.
Function words (``data/corpus/stop_<lang>.txt``) are not counted. Every sentence pays for what it
lacks, so a sentence with no counterpart is cheaper to leave out than to drag into a merge, and a
real split (one ru sentence against half of a kk sentence) leaves the half uncovered until merged.

Constants were set on the dev half of NTREX-128 kk-ru (see ``aimaq.evaluate.pairing``).
The costs of all beads are computed at once, as arrays over every sentence pair (``Scorer``; its
coverage arrays hold sentences x words x sentences booleans: 16 MB for two documents of 630 sentences);
only cells near the diagonal are searched (``band``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import numpy as np

from aimaq.corpus.lexicon import load_lexicon
from aimaq.corpus.pairing_keys import Profile, sentence_profiles
from aimaq.records import Document
from aimaq.resources import load_lines

ANCHOR_WEIGHT = 2.0
MIN_LEMMA = 2  # shorter lemmas are not counted, nor are function words (data/corpus/stop_<lang>.txt)
LENGTH_MEAN = 0.08  # mean log(ru length / kk length) of translated sentences
LENGTH_WEIGHT = 1.0
LENGTH_SMOOTH = 20  # characters added to both lengths before the ratio
SKIP = 0.7  # cost of leaving one sentence unaligned
MERGE = 0.25  # extra cost per sentence beyond two in a bead (1-2, 2-1: once; 1-3, 3-1: twice)
BAND_MIN = 6  # the search band is at least this many sentences wide either side of the diagonal
BAND_SHARE = 0.1  # ... or this share of the longer document
MOVES = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1), (1, 3), (3, 1))

Link = tuple[int, int]
T = TypeVar("T")


@dataclass(frozen=True)
class Side:
    """One sentence prepared for matching."""

    length: int
    anchors: tuple[str, ...]  # sorted
    words: tuple[tuple[str, str], ...]  # (lemma, cognate key) of the counted words
    lemmas: frozenset[str]
    cognates: frozenset[str]
    translations: frozenset[str]  # kk side: every ru lemma its words translate to; ru side: empty

    @property
    def weight(self) -> float:
        """What full coverage of this sentence counts: its words, and its anchors ``ANCHOR_WEIGHT`` each."""
        return len(self.words) + ANCHOR_WEIGHT * len(self.anchors)


class Sides(tuple[Side, ...]):
    """A document's sentences prepared for alignment, keeping what is derived from them alone (``derived``): a
    document verified against several candidates derives it once."""

    def derived(self, name: str, make: Callable[[Sides], T]) -> T:
        """``make(self)``, made on the first call with this name."""
        memo = self.__dict__
        if name not in memo:
            memo[name] = make(self)
        return memo[name]

    def __reduce__(self) -> tuple[Any, ...]:  # pickled without what was derived
        return (Sides, (tuple(self),))


def derived(sides: Sequence[Side], name: str, make: Callable[[Sequence[Side]], T]) -> T:
    """``make(sides)``, kept with the sides when they are ``Sides``."""
    return sides.derived(name, make) if isinstance(sides, Sides) else make(sides)


@cache
def stopwords(lang: str) -> frozenset[str]:
    """Function words of a language, as lemmas."""
    return frozenset(load_lines(f"corpus/stop_{lang}.txt"))


def prepare(p: Profile, lang: str) -> Side:
    """Keep the counted words of a profile and, for kk, look up their translations."""
    stop = stopwords(lang)
    words = tuple((lem, cog) for lem, cog in zip(p.lemmas, p.cognates, strict=True)
                  if len(lem) >= MIN_LEMMA and lem not in stop)
    table = load_lexicon() if lang == "kk" else {}
    translations = frozenset(t for lem in p.lemmas for t in table.get(lem, ()))
    return Side(p.length, tuple(sorted(p.anchors)), words, frozenset(p.lemmas),
                frozenset(c for c in p.cognates if c), translations)


class Covered:
    """Which words and anchors of each sentence each sentence of the other side covers, as boolean arrays.

    ``kk_words[i, k, j]``: word k of kk sentence i is covered by ru sentence j (a translation from the
    lexicon or its cognate key occurs there); ``kk_anchors[i, k, j]`` the same for its anchors; ``ru_words``
    and ``ru_anchors`` the other way round (``[j, k, i]``). Sentences are padded to the longest with False.
    """

    def __init__(self, kk: Sequence[Side], ru: Sequence[Side]) -> None:
        table = load_lexicon()
        ru_lemma, ru_cognate, ru_anchor = (_postings(ru, f) for f in ("lemmas", "cognates", "anchors"))
        kk_translation, kk_cognate, kk_anchor = (_postings(kk, f) for f in ("translations", "cognates", "anchors"))
        self.kk_words = _marks(kk, len(ru), lambda s: s.words, lambda w: (
            ru_cognate.get(w[1], ()) if w[1] else (), *(ru_lemma.get(t, ()) for t in table.get(w[0], ()))))
        self.kk_anchors = _marks(kk, len(ru), lambda s: s.anchors, lambda a: (ru_anchor.get(a, ()),))
        self.ru_words = _marks(ru, len(kk), lambda s: s.words, lambda w: (
            kk_translation.get(w[0], ()), kk_cognate.get(w[1], ()) if w[1] else ()))
        self.ru_anchors = _marks(ru, len(kk), lambda s: s.anchors, lambda a: (kk_anchor.get(a, ()),))


def _postings(sides: Sequence[Side], field: str) -> dict[str, list[int]]:
    """Each item of a ``Side`` field ('lemmas', 'anchors', ...) -> the sentences that hold it."""
    def make(sides: Sequence[Side]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for n, side in enumerate(sides):
            for item in set(getattr(side, field)):
                out.setdefault(item, []).append(n)
        return out

    return derived(sides, "postings:" + field, make)


def _marks(sides: Sequence[Side], others: int, items: Callable[[Side], Sequence[Any]],
           hits: Callable[[Any], Iterable[Iterable[int]]]) -> np.ndarray:
    """``[sentence, item, other sentence]``: the item is covered there (``hits``: lists of other sentences)."""
    width = max((len(items(s)) for s in sides), default=0)
    out = np.zeros((len(sides), width, others), dtype=bool)
    rows: list[int] = []
    cols: list[int] = []
    where: list[int] = []
    for n, side in enumerate(sides):
        for k, item in enumerate(items(side)):
            for found in hits(item):
                for x in found:
                    rows.append(n)
                    cols.append(k)
                    where.append(x)
    if rows:
        out[rows, cols, where] = True
    return out


def _windows(marks: np.ndarray, size: int) -> np.ndarray:
    """Marks covered by any of ``size`` consecutive other sentences: ``[sentence, item, first of them]``."""
    count = marks.shape[2] - size + 1
    out = marks[:, :, :count].copy()
    for d in range(1, size):
        out |= marks[:, :, d : d + count]
    return out


def _shares(words: np.ndarray, anchors: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Share of each sentence's words and anchors that are marked: ``[sentence, other]`` (0 when none counts)."""
    counted = words.sum(axis=1) + ANCHOR_WEIGHT * anchors.sum(axis=1)
    out = np.zeros(counted.shape)
    np.divide(counted, weight[:, None], out=out, where=weight[:, None] > 0)
    return out


class Scorer:
    """Coverages and bead costs of one document pair, computed for every bead at once."""

    def __init__(self, kk: Sequence[Side], ru: Sequence[Side]) -> None:
        self.kk, self.ru = kk, ru
        self.covered = Covered(kk, ru)
        n, m = len(kk), len(ru)
        kk_weight = np.array([s.weight for s in kk], dtype=float)
        ru_weight = np.array([s.weight for s in ru], dtype=float)
        c = self.covered
        # kk_share[dr][i, j]: the share of kk sentence i that ru sentences j..j+dr-1 cover; ru_share likewise
        self.kk_share = {dr: _shares(_windows(c.kk_words, dr), _windows(c.kk_anchors, dr), kk_weight)
                         for dr in range(1, min(3, m) + 1)}
        self.ru_share = {dk: _shares(_windows(c.ru_words, dk), _windows(c.ru_anchors, dk), ru_weight)
                         for dk in range(1, min(3, n) + 1)}
        self._kk_at = np.array(_prefix([s.length for s in kk]), dtype=np.int64)  # characters before each sentence
        self._ru_at = np.array(_prefix([s.length for s in ru]), dtype=np.int64)

    def costs(self, dk: int, dr: int) -> np.ndarray:
        """``[i, j]``: cost of the bead of kk sentences i..i+dk-1 and ru sentences j..j+dr-1.

        Sums are taken in the order of the scalar definition (module docstring), so costs do not depend on
        how many beads are scored at once."""
        n, m = len(self.kk), len(self.ru)
        rows, cols = n - dk + 1, m - dr + 1
        if not dk or not dr:
            return np.full((rows, cols), SKIP)
        kk_len = (self._kk_at[dk:] - self._kk_at[:rows] + LENGTH_SMOOTH)[:, None]
        ru_len = (self._ru_at[dr:] - self._ru_at[:cols] + LENGTH_SMOOTH)[None, :]
        ratio = (ru_len / kk_len).ravel().tolist()
        logs = np.fromiter(map(math.log, ratio), dtype=float, count=len(ratio)).reshape(rows, cols)
        length = LENGTH_WEIGHT * (logs - LENGTH_MEAN) ** 2
        merge = MERGE * (dk + dr - 2)
        lacking = np.zeros((rows, cols))
        kk_share, ru_share = self.kk_share[dr], self.ru_share[dk]
        for x in range(dk):
            lacking += 1.0 - kk_share[x : x + rows, :]
        for y in range(dr):
            lacking += 1.0 - ru_share[y : y + cols, :].T
        return lacking / 2 + length + merge

    def coverage(self, ks: range, rs: range) -> list[float]:
        """For each sentence of the bead, the share of its words and anchors the other side covers."""
        kk_share, ru_share = self.kk_share[len(rs)], self.ru_share[len(ks)]
        return ([float(kk_share[i, rs.start]) for i in ks] + [float(ru_share[j, ks.start]) for j in rs])


def _prefix(lengths: Sequence[int]) -> list[int]:
    out = [0]
    for n in lengths:
        out.append(out[-1] + n)
    return out


def band(n: int, m: int) -> int:
    """Half-width of the search band around the diagonal."""
    return max(BAND_MIN, int(BAND_SHARE * max(n, m)), abs(n - m) + 2)


# Moves in the order of their previous cell, lowest first: among beads of equal cost the one that starts
# earliest wins. (0, 1) comes last: its previous cell is in the same row.
_ORDER = ((3, 1), (2, 1), (1, 3), (1, 2), (1, 1), (1, 0))


def _search(scorer: Scorer, n: int, m: int) -> np.ndarray:
    """The move (an index into ``MOVES``) that reaches each cell most cheaply; -1 where none does.

    Row by row, only the cells of the band: every move but (0, 1) comes from an earlier row; then (0, 1),
    leaving a ru sentence out, is taken left to right. Plain floats, not arrays: a row of the band holds a
    dozen cells or so, too few for numpy's per-call cost (the sums and comparisons are the same)."""
    span = band(n, m) * max(n, m, 1)  # cell (i, j) is in the band when |i*m - j*n| <= span
    costs = [(dk, dr, MOVES.index((dk, dr)), scorer.costs(dk, dr).tolist()) for dk, dr in _ORDER
             if dk <= n and dr <= m]
    best: list[list[float]] = []
    moves = np.full((n + 1, m + 1), -1, dtype=np.int8)
    skip = MOVES.index((0, 1))
    for i in range(n + 1):
        first, last = max(0, -((span - i * m) // n)), min(m, (i * m + span) // n)  # the band's cells of row i
        row = [math.inf] * (m + 1)
        chosen = [-1] * (m + 1)
        for dk, dr, move, cost in costs:
            if dk > i:
                continue
            before, paid = best[i - dk], cost[i - dk]
            for j in range(max(first, dr), last + 1):
                reached = before[j - dr] + paid[j - dr]
                if reached < row[j]:
                    row[j] = reached
                    chosen[j] = move
        if i == 0:
            row[0] = 0.0
        for j in range(max(first, 1), last + 1):
            if row[j - 1] + SKIP < row[j]:
                row[j] = row[j - 1] + SKIP
                chosen[j] = skip
        best.append(row)
        moves[i] = chosen
    return moves


@dataclass(frozen=True)
class Alignment:
    """The beads of an alignment, as links, and how well the two texts match along it."""

    links: tuple[Link, ...]
    quality: float  # mean coverage of all sentences of both sides, 0 for unaligned ones (0..1)


def align_sides(kk: Sequence[Side], ru: Sequence[Side], scorer: Scorer | None = None) -> Alignment:
    """The cheapest bead sequence: links (kk index, ru index); skipped sentences have none.

    A ``scorer`` of the same sentences may be passed to share its computed coverages."""
    n, m = len(kk), len(ru)
    if not n or not m:
        return Alignment((), 0.0)
    scorer = scorer or Scorer(kk, ru)
    moves = _search(scorer, n, m)
    links: list[Link] = []
    matched = 0.0
    i, j = n, m
    while (i, j) != (0, 0):
        assert moves[i, j] >= 0
        dk, dr = MOVES[moves[i, j]]
        ks, rs = range(i - dk, i), range(j - dr, j)
        if ks and rs:
            links.extend((x, y) for x in ks for y in rs)
            matched += sum(scorer.coverage(ks, rs))
        i, j = i - dk, j - dr
    return Alignment(tuple(sorted(links)), matched / (n + m))


def align_sentences(kk: Document, ru: Document) -> list[Link]:
    """Align a kk document with its ru translation: (kk sentence index, ru sentence index) links.

    1-1 beads give one link, 1-2 and 2-1 beads two links that repeat the shared index; sentences left
    unaligned (0-1, 1-0) have no link.
    """
    return list(align_sides(prepared(kk), prepared(ru)).links)


def prepared(doc: Document) -> list[Side]:
    lang = "kk" if doc.lang == "kk" else "ru"
    return [prepare(p, lang) for p in sentence_profiles(doc)]
