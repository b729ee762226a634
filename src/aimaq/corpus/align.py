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
Only cells near the diagonal are searched (``band``), so long documents stay fast.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

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


Cover = tuple[int, int, int, int]  # bit masks: kk words, kk anchors, ru words, ru anchors covered


def cover(kk: Side, ru: Side) -> Cover:
    """Which words and anchors of a kk and a ru sentence the other sentence covers, as bit masks."""
    table = load_lexicon()
    kk_words = ru_words = kk_anchors = ru_anchors = 0
    for k, (lem, cog) in enumerate(kk.words):
        if (cog and cog in ru.cognates) or not table.get(lem, frozenset()).isdisjoint(ru.lemmas):
            kk_words |= 1 << k
    for k, (lem, cog) in enumerate(ru.words):
        if lem in kk.translations or (cog and cog in kk.cognates):
            ru_words |= 1 << k
    shared = set(kk.anchors).intersection(ru.anchors)
    if shared:
        kk_anchors = sum(1 << k for k, a in enumerate(kk.anchors) if a in shared)
        ru_anchors = sum(1 << k for k, a in enumerate(ru.anchors) if a in shared)
    return kk_words, kk_anchors, ru_words, ru_anchors


def _share(words: int, anchors: int, side: Side) -> float:
    total = side.weight
    return (words.bit_count() + ANCHOR_WEIGHT * anchors.bit_count()) / total if total else 0.0


class Scorer:
    """Bead costs for one document pair, with the coverage of each sentence pair computed once."""

    def __init__(self, kk: Sequence[Side], ru: Sequence[Side]) -> None:
        self.kk, self.ru = kk, ru
        self._cover: list[list[Cover | None]] = [[None] * len(ru) for _ in kk]
        self._kk_weight = [s.weight for s in kk]
        self._ru_weight = [s.weight for s in ru]
        self._kk_at = _prefix([s.length for s in kk])  # characters before each sentence
        self._ru_at = _prefix([s.length for s in ru])
        self._kk_share: dict[tuple[int, int, int], float] = {}  # (i, j, dr): kk i covered by ru j..j+dr-1
        self._ru_share: dict[tuple[int, int, int], float] = {}  # (j, i, dk): ru j covered by kk i..i+dk-1

    def cover(self, i: int, j: int) -> Cover:
        row = self._cover[i]
        found = row[j]
        if found is None:
            found = row[j] = cover(self.kk[i], self.ru[j])
        return found

    def coverage(self, ks: range, rs: range) -> list[float]:
        """For each sentence of the bead, the share of its words and anchors the other side covers."""
        return ([self.kk_covered(i, rs.start, len(rs)) for i in ks]
                + [self.ru_covered(j, ks.start, len(ks)) for j in rs])

    def kk_covered(self, i: int, j: int, dr: int) -> float:
        """The share of kk sentence i that ru sentences j..j+dr-1 cover."""
        key = (i, j, dr)
        found = self._kk_share.get(key)
        if found is None:
            words = anchors = 0
            for x in range(j, j + dr):
                c = self.cover(i, x)
                words, anchors = words | c[0], anchors | c[1]
            found = self._kk_share[key] = _weighed(words, anchors, self._kk_weight[i])
        return found

    def ru_covered(self, j: int, i: int, dk: int) -> float:
        """The share of ru sentence j that kk sentences i..i+dk-1 cover."""
        key = (j, i, dk)
        found = self._ru_share.get(key)
        if found is None:
            words = anchors = 0
            for x in range(i, i + dk):
                c = self.cover(x, j)
                words, anchors = words | c[2], anchors | c[3]
            found = self._ru_share[key] = _weighed(words, anchors, self._ru_weight[j])
        return found

    def cost(self, i: int, j: int, dk: int, dr: int) -> float:
        """Cost of the bead of kk sentences i..i+dk-1 and ru sentences j..j+dr-1."""
        if not dk or not dr:
            return SKIP
        kk_len = self._kk_at[i + dk] - self._kk_at[i] + LENGTH_SMOOTH
        ru_len = self._ru_at[j + dr] - self._ru_at[j] + LENGTH_SMOOTH
        length = LENGTH_WEIGHT * (math.log(ru_len / kk_len) - LENGTH_MEAN) ** 2
        merge = MERGE * (dk + dr - 2)
        lacking = 0.0
        for x in range(i, i + dk):
            lacking += 1.0 - self.kk_covered(x, j, dr)
        for x in range(j, j + dr):
            lacking += 1.0 - self.ru_covered(x, i, dk)
        return lacking / 2 + length + merge


def _prefix(lengths: Sequence[int]) -> list[int]:
    out = [0]
    for n in lengths:
        out.append(out[-1] + n)
    return out


def _weighed(words: int, anchors: int, total: float) -> float:
    """``_share`` with the sentence's weight given."""
    return (words.bit_count() + ANCHOR_WEIGHT * anchors.bit_count()) / total if total else 0.0


def band(n: int, m: int) -> int:
    """Half-width of the search band around the diagonal."""
    return max(BAND_MIN, int(BAND_SHARE * max(n, m)), abs(n - m) + 2)


def _in_band(i: int, j: int, n: int, m: int, width: int) -> bool:
    return abs(i * m - j * n) <= width * max(n, m, 1)


def _search(scorer: Scorer, n: int, m: int) -> dict[Link, tuple[float, Link | None]]:
    width = band(n, m)
    best: dict[Link, tuple[float, Link | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0) or not _in_band(i, j, n, m, width):
                continue
            options = []
            for dk, dr in MOVES:
                prev = (i - dk, j - dr)
                if prev in best:
                    options.append((best[prev][0] + scorer.cost(prev[0], prev[1], dk, dr), prev))
            if options:
                best[(i, j)] = min(options)
    return best


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
    best = _search(scorer, n, m)
    links: list[Link] = []
    matched = 0.0
    cell: Link = (n, m)
    while cell != (0, 0):
        prev = best[cell][1]
        assert prev is not None
        ks, rs = range(prev[0], cell[0]), range(prev[1], cell[1])
        if ks and rs:
            links.extend((i, j) for i in ks for j in rs)
            matched += sum(scorer.coverage(ks, rs))
        cell = prev
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
