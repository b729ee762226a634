"""Keys of whole documents and the inverted index that proposes kk/ru candidate pairs.

Each kk or ru document gets anchors (``aimaq.corpus.pairing_keys``) and lexical keys 'w:' + a ru lemma: its own
ru lemmas, or for a kk document the ru lemmas its words translate to (``aimaq.corpus.lexicon``). The
index maps each key to the kk and ru documents that hold it. Keys held by more than ``MAX_DF``
documents of a language say little and would cost much, so they propose nothing. Every kk/ru pair
sharing keys adds up their rarity weights (idf), and every document keeps its ``CANDIDATES`` best
partners.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import chain, repeat
from typing import Any

from aimaq.corpus.align import MIN_LEMMA, Sides, prepare, stopwords
from aimaq.corpus.lexicon import load_lexicon
from aimaq.corpus.pairing_keys import Profile, cognate, document_profile, sentence_profiles
from aimaq.records import Document

CANDIDATES = 8  # best partners kept per document
MAX_DF = 50  # keys in more documents of one language propose no candidates


@dataclass(frozen=True)
class Keys:
    """What pairing needs of one document."""

    doc: Document
    lang: str
    profile: Profile
    words: dict[str, str]  # counted lemma -> its cognate key ('' if none)
    lemmas: frozenset[str]  # every lemma
    cognates: frozenset[str]
    translations: frozenset[str]  # kk: the ru lemmas its words translate to; ru: empty
    sentences: tuple[Profile, ...]
    light: bool = False  # made from ``summary``: ``doc`` holds its id, language and date only, no sentences

    @property
    def anchors(self) -> frozenset[str]:
        return self.profile.anchors

    @property
    def lexical(self) -> frozenset[str]:
        """'w:' + ru lemma, for candidate generation (made when asked for: cached keys are kept small)."""
        return frozenset("w:" + w for w in (self.translations if self.lang == "kk" else self.words))

    def at_rest(self) -> Keys:
        """These keys without the prepared sentences made for a verification (``sides`` makes them again)."""
        return replace(self)

    @cached_property
    def sides(self) -> Sides:
        """The sentences, prepared for alignment: only the candidates that are verified need them, so they are
        made when first asked for."""
        if self.light:
            raise ValueError(f"document {self.doc.id}: keys made from a summary have no sentences to align")
        return Sides(prepare(p, self.lang) for p in self.sentences)


def document_keys(doc: Document) -> Keys:
    """Anchors, words and sentence profiles of a kk or ru document (its lexical keys and prepared sentences are
    made from them when asked for)."""
    sentences = sentence_profiles(doc)
    prof = document_profile(doc, sentences)
    return _keys(doc, prof, dict(zip(prof.lemmas, prof.cognates, strict=True)), tuple(sentences), light=False)


def summary(keys: Keys) -> dict[str, Any]:
    """What the document-level keys are made from, small enough to store with each document: its length, its
    anchors and its distinct lemmas in text order (``summary_keys`` makes the keys again without the text)."""
    return {"length": keys.profile.length, "anchors": sorted(keys.anchors),
            "lemmas": list(dict.fromkeys(keys.profile.lemmas))}


def summary_keys(doc: Document, data: dict[str, Any]) -> Keys:
    """The keys of a ``summary``: all but the sentences (``light``), equal to ``document_keys`` of the document
    in everything the quick pairing features and the candidate index read. ``doc`` may hold just the id, the
    language and the date."""
    cognates = {lem: cognate(lem) for lem in data["lemmas"]}  # distinct: the profile's lemmas without repeats
    prof = Profile(int(data["length"]), frozenset(data["anchors"]), tuple(cognates), tuple(cognates.values()))
    return _keys(doc, prof, cognates, (), light=True)


def _keys(doc: Document, prof: Profile, cognates: dict[str, str], sentences: tuple[Profile, ...],
          light: bool) -> Keys:
    """Keys from a document profile and its distinct lemmas in text order, each with its cognate key."""
    lang = "kk" if doc.lang == "kk" else "ru"
    stop = stopwords(lang)
    words = {lem: cog for lem, cog in cognates.items() if len(lem) >= MIN_LEMMA and lem not in stop}
    translations = frozenset(chain.from_iterable(map(load_lexicon().get, cognates, repeat(())))) if lang == "kk" \
        else frozenset()
    return Keys(doc, lang, prof, words, frozenset(cognates), frozenset(cognates.values()) - _NONE, translations,
                sentences, light)


_NONE = frozenset([""])  # the cognate key of a word that has none


class Index:
    """Inverted index over the keys of the kk and ru documents, with idf weights."""

    def __init__(self, keys: Sequence[Keys]) -> None:
        self.keys = keys
        self.postings: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for n, k in enumerate(keys):
            side = 0 if k.lang == "kk" else 1
            for key in k.anchors | k.lexical:
                self.postings[key][side].append(n)
        total = max(1, len(keys))
        self.idf = {key: math.log(1 + total / (len(a) + len(b))) for key, (a, b) in self.postings.items()}
        self.word_idf: dict[str, dict[str, float]] = {}
        for lang in ("kk", "ru"):
            docs = [k for k in keys if k.lang == lang]
            df = Counter(w for k in docs for w in k.words)
            self.word_idf[lang] = {w: math.log(1 + len(docs) / n) for w, n in df.items()}

    def candidates(self, per_doc: int = CANDIDATES) -> set[tuple[int, int]]:
        """(kk position, ru position) pairs: each document's ``per_doc`` best partners by shared idf."""
        shared: defaultdict[tuple[int, int], float] = defaultdict(float)
        for key, (kk, ru) in self.postings.items():
            if not kk or not ru or max(len(kk), len(ru)) > MAX_DF:
                continue
            weight = self.idf[key]
            for a in kk:
                for b in ru:
                    shared[(a, b)] += weight
        best: dict[int, list[tuple[float, tuple[int, int]]]] = defaultdict(list)
        for pair, weight in shared.items():
            best[pair[0]].append((weight, pair))
            best[pair[1]].append((weight, pair))
        return {pair for options in best.values() for _, pair in sorted(options, reverse=True)[:per_doc]}

    def overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """idf-weighted Dice coefficient of two key sets."""
        both = sum(self.idf.get(k, 0.0) for k in a & b)
        total = sum(self.idf.get(k, 0.0) for k in a) + sum(self.idf.get(k, 0.0) for k in b)
        return 2 * both / total if total else 0.0
