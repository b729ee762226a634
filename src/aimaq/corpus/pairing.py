"""kk ↔ ru translation pairs among the documents of a corpus, with their sentence alignment.

1. **Keys and candidates** (``aimaq.corpus.index``): anchors (numbers, amount values, dates, names
   folded across the two alphabets, quoted names, region codes) and lexical keys in an inverted index;
   each document keeps its best partners by shared rare keys.
2. **Quick score**: the cheap features of ``FEATURES`` (anchor overlap, lexical overlap, length ratio,
   date distance), summed with their weights.
3. **Verification**: each document's ``VERIFY`` best candidates that pass ``VERIFY_FLOOR`` are aligned
   sentence by sentence (``aimaq.corpus.align``); how well the sentences match along the alignment is
   one more feature. Two releases on the same event share names and words, but not sentence after
   sentence.
4. **Assignment**: greedy one-to-one by score, down to ``THRESHOLD`` (set on the NTREX dev documents,
   see ``aimaq.evaluate.pairing``). Documents of one language never pair, so re-posts of a release are
   not taken for its translation.

``explain_pair`` gives each feature's share of a pair's score.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from aimaq.corpus.align import Alignment, align_sides
from aimaq.corpus.index import Index, Keys, document_keys
from aimaq.corpus.lexicon import load_lexicon
from aimaq.records import Document

# Lowest score of a pair. On the NTREX dev documents the weakest true pair scores 0.49 and the best
# wrong one 0.45 (two reports of one earthquake); non-pairs of tests/corpus reach 0.41.
THRESHOLD = 0.45
VERIFY = 2  # candidates per document that are aligned before assignment
VERIFY_FLOOR = 0.1  # lowest quick score worth aligning
LENGTH_MEAN = 0.08  # mean log(ru length / kk length) of translated documents
# Dates further apart than this count against a pair; the store also looks for a stored partner of a new
# document only among those dated this close (a translation is published within days of the original).
DATE_DAYS = 3


@dataclass(frozen=True)
class DocumentPair:
    """A kk document and its ru translation, with the links between their sentences."""

    kk_id: str
    ru_id: str
    score: float
    sentences: tuple[tuple[int, int], ...]  # (kk sentence index, ru sentence index)


@dataclass
class Candidate:
    """A kk/ru document pair under consideration; its alignment is computed when first asked for."""

    index: Index
    kk: Keys
    ru: Keys
    _alignment: Alignment | None = field(default=None, repr=False)

    @property
    def alignment(self) -> Alignment:
        if self._alignment is None:
            self._alignment = align_sides(self.kk.sides, self.ru.sides)
        return self._alignment


# --- features: each takes a candidate and returns a value; FEATURES gives weights and stages ----------


def anchor_overlap(c: Candidate) -> float:
    """idf-weighted Dice coefficient of the two documents' anchors."""
    return c.index.overlap(c.kk.anchors, c.ru.anchors)


def lexical_overlap(c: Candidate) -> float:
    """F-measure of the idf-weighted shares of each side's words that the other translates or spells alike."""
    table = load_lexicon()
    kk_idf, ru_idf = c.index.word_idf["kk"], c.index.word_idf["ru"]
    kk_hit = kk_all = ru_hit = ru_all = 0.0
    for lem, cog in c.kk.words.items():
        weight = kk_idf.get(lem, 0.0)
        kk_all += weight
        if (cog and cog in c.ru.cognates) or not table.get(lem, frozenset()).isdisjoint(c.ru.lemmas):
            kk_hit += weight
    for lem, cog in c.ru.words.items():
        weight = ru_idf.get(lem, 0.0)
        ru_all += weight
        if lem in c.kk.translations or (cog and cog in c.kk.cognates):
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


def sentence_match(c: Candidate) -> float:
    """How well the sentences match along the alignment (see ``aimaq.corpus.align.Alignment``)."""
    return c.alignment.quality


@dataclass(frozen=True)
class Feature:
    name: str
    weight: float
    value: Callable[[Candidate], float]
    verify: bool = False  # computed only for the candidates that are verified


FEATURES: tuple[Feature, ...] = (
    Feature("anchor_overlap", 0.6, anchor_overlap),
    Feature("lexical_overlap", 1.0, lexical_overlap),
    Feature("length_mismatch", -0.3, length_mismatch),
    Feature("date_distance", -0.2, date_distance),
    Feature("sentence_match", 1.0, sentence_match, verify=True),
)


def explain_pair(c: Candidate, verify: bool = True) -> dict[str, float]:
    """Each feature's share (weight times value) of the candidate's score."""
    return {f.name: f.weight * f.value(c) for f in FEATURES if verify or not f.verify}


def score(c: Candidate, verify: bool = True) -> float:
    return sum(explain_pair(c, verify).values())


def explain_documents(kk: Document, ru: Document, corpus: Sequence[Document] = ()) -> dict[str, float]:
    """Feature shares of the score of one kk/ru document pair; rarity is counted over ``corpus`` too."""
    keys = [document_keys(kk), document_keys(ru)] + [document_keys(d) for d in corpus if d.lang in ("kk", "ru")]
    return explain_pair(Candidate(Index(keys), keys[0], keys[1]))


def assign(scored: Sequence[tuple[float, int, int]], threshold: float = THRESHOLD) -> list[tuple[float, int, int]]:
    """Greedy one-to-one assignment: best score first, each document used once, scores >= threshold."""
    used: set[int] = set()
    out = []
    for value, a, b in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if value >= threshold and a not in used and b not in used:
            used.update((a, b))
            out.append((value, a, b))
    return out


def shortlist(quick: dict[tuple[int, int], float], per_doc: int = VERIFY) -> set[tuple[int, int]]:
    """Each document's ``per_doc`` best candidates by quick score, if at least ``VERIFY_FLOOR``."""
    best: dict[int, list[tuple[float, tuple[int, int]]]] = defaultdict(list)
    for pair, value in quick.items():
        if value >= VERIFY_FLOOR:
            best[pair[0]].append((value, pair))
            best[pair[1]].append((value, pair))
    return {pair for options in best.values() for _, pair in sorted(options, reverse=True)[:per_doc]}


def scored_candidates(keys: Sequence[Keys]) -> tuple[list[tuple[float, int, int]], dict[tuple[int, int], Candidate]]:
    """Full scores of the shortlisted candidates among prepared documents."""
    index = Index(keys)
    candidates = {(a, b): Candidate(index, keys[a], keys[b]) for a, b in index.candidates()}
    quick = {pair: score(c, verify=False) for pair, c in candidates.items()}
    return [(score(candidates[pair]), *pair) for pair in shortlist(quick)], candidates


def pair_keys(keys: Sequence[Keys], threshold: float = THRESHOLD) -> list[DocumentPair]:
    """Pairs among prepared documents (see ``pair_documents``)."""
    scored, candidates = scored_candidates(keys)
    pairs = []
    for value, a, b in assign(scored, threshold):
        links = candidates[(a, b)].alignment.links
        pairs.append(DocumentPair(keys[a].doc.id, keys[b].doc.id, round(value, 4), links))
    return pairs


def pair_documents(docs: Sequence[Document], threshold: float = THRESHOLD) -> list[DocumentPair]:
    """Translation pairs among kk and ru documents, best first, each document in at most one pair.

    Documents in other languages are ignored, and so are repeats of a document id (the same cleaned
    text). Each pair carries its sentence links.
    """
    unique = {d.id: d for d in reversed(docs) if d.lang in ("kk", "ru")}
    return pair_keys([document_keys(d) for d in docs if unique.get(d.id) is d], threshold)
