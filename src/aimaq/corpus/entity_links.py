"""Organisations named in both versions of a kk/ru release, linked mention to mention.

People need no help here: their canonical key (``aimaq.text.names.person_key``) already folds the
two spellings. An organisation's name is translated, not transliterated ('Маңғыстау облысының
әкімдігі' / 'акимат Мангистауской области'), so two mentions are linked when

- they stand in sentences the alignment joined (``aimaq.corpus.align``), and
- their words meet as a sentence pair's words do: a kk word meets a ru word it translates to
  (``aimaq.corpus.lexicon``), that shares its cognate key (names, loan words) or that names the same
  region; a ru word likewise. Every word of both names must meet one of the other, except generic ones
  (``data/corpus/org_generic.txt``, organisation heads, legal forms: 'облыс', 'акимат', 'АО'), and each
  name must be met at least ``MIN_COVER``; the pair scores the mean of the two shares.

Within one sentence pair the best-scoring pairs are taken first, each mention at most once. A wrong
link would merge two organisations in every later count, so a name of which too little is covered is
left unlinked rather than guessed ('ЕС' / 'Еуропалық Одақ' stays apart).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from aimaq.corpus.align import MIN_LEMMA, stopwords
from aimaq.corpus.lexicon import load_lexicon
from aimaq.corpus.pairing_keys import WORD, cognate, lemma
from aimaq.records import Document, Mention
from aimaq.resources import load_lines
from aimaq.text.tokens import sentence_at

LINKED_TYPES = ("ORG",)
MIN_COVER = 0.6  # share of each name's counted words (and anchors) the other name must cover


@dataclass(frozen=True)
class MentionLink:
    """Mention ``kk`` of the Kazakh document names what mention ``ru`` of the Russian one names."""

    kk: int  # index into the kk document's mentions
    ru: int  # index into the ru document's mentions
    score: float  # mean share of each name covered by the other (MIN_COVER..1)


@dataclass(frozen=True)
class NameWord:
    """One counted word of a name: its lemma, the keys it meets the other language by, and (kk) the ru
    lemmas it translates to. A generic word ('облыс', 'акимат', 'АО') may go unmatched."""

    lemma: str
    keys: frozenset[str]  # cognate keys of lemma and word, 'r:KZ-61' inside a region's name
    translations: frozenset[str]
    generic: bool


@cache
def generic_words() -> frozenset[str]:
    """Lemmas (both languages' readings) of the words many organisation names share."""
    words = [*load_lines("corpus/org_generic.txt"), *load_lines("entities/org_heads_kk.txt"),
             *load_lines("entities/org_heads_ru.txt"), *load_lines("entities/legal_forms.txt")]
    return frozenset(lemma(w, lang) for w in words for lang in ("kk", "ru"))


def _region_codes(doc: Document, m: Mention) -> list[tuple[int, int, str]]:
    return [(r.start, r.end, r.norm) for r in doc.mentions
            if r.type == "LOC" and r.norm and r.norm.startswith("KZ-") and m.start <= r.start < m.end]


def name_words(doc: Document, m: Mention) -> tuple[NameWord, ...]:
    """The words of the mention that count (no function words, no one-letter words)."""
    lang = "kk" if doc.lang == "kk" else "ru"
    stop = stopwords(lang)
    table = load_lexicon() if lang == "kk" else {}
    regions = _region_codes(doc, m)
    words = []
    for found in WORD.finditer(doc.text, m.start, m.end):
        word = found.group()
        lem = lemma(word, lang)
        if len(lem) < MIN_LEMMA or lem in stop:
            continue
        keys = {k for k in (cognate(lem), cognate(word.lower())) if k}
        keys.update("r:" + code for a, b, code in regions if a <= found.start() < b)
        translations = frozenset(table.get(lem, ())) | frozenset(table.get(word.lower(), ()))
        words.append(NameWord(lem, frozenset(keys), translations, lem in generic_words()))
    return tuple(words)


def _meets(k: NameWord, r: NameWord) -> bool:
    return r.lemma in k.translations or not k.keys.isdisjoint(r.keys)


def name_cover(kk: Sequence[NameWord], ru: Sequence[NameWord]) -> tuple[float, float]:
    """Shares of the kk name's words and of the ru name's words that meet a word of the other; 0 for a
    name with a word that is not generic and meets nothing ('Түркістан' against 'Акмолинской')."""
    if not kk or not ru:
        return 0.0, 0.0
    kk_met = [any(_meets(k, r) for r in ru) for k in kk]
    ru_met = [any(_meets(k, r) for k in kk) for r in ru]
    if not all(met or w.generic for met, w in [*zip(kk_met, kk, strict=True), *zip(ru_met, ru, strict=True)]):
        return 0.0, 0.0
    return sum(kk_met) / len(kk), sum(ru_met) / len(ru)


def _by_sentence(doc: Document, types: Sequence[str]) -> dict[int, list[int]]:
    """Indexes of the doc's mentions of ``types``, grouped by the sentence they start in."""
    grouped: dict[int, list[int]] = defaultdict(list)
    for k, m in enumerate(doc.mentions):
        i = sentence_at(doc.sentences, m.start) if m.type in types else None
        if i is not None:
            grouped[i].append(k)
    return grouped


def _candidates(kk: Document, ru: Document, links: Iterable[tuple[int, int]],
                types: Sequence[str]) -> dict[tuple[int, int], float]:
    kk_at, ru_at = _by_sentence(kk, types), _by_sentence(ru, types)
    kk_words = {a: name_words(kk, kk.mentions[a]) for group in kk_at.values() for a in group}
    ru_words = {b: name_words(ru, ru.mentions[b]) for group in ru_at.values() for b in group}
    seen: set[tuple[int, int]] = set()
    scored: dict[tuple[int, int], float] = {}
    for i, j in links:
        for a in kk_at.get(i, ()):
            for b in ru_at.get(j, ()):
                if (a, b) in seen or kk.mentions[a].type != ru.mentions[b].type:
                    continue
                seen.add((a, b))
                shares = name_cover(kk_words[a], ru_words[b])
                if min(shares) >= MIN_COVER:
                    scored[(a, b)] = sum(shares) / 2
    return scored


def link_mentions(kk: Document, ru: Document, links: Iterable[tuple[int, int]],
                  types: Sequence[str] = LINKED_TYPES) -> list[MentionLink]:
    """Links between the mentions of ``types`` in aligned sentences, best first, each mention once."""
    scored = _candidates(kk, ru, links, types)
    used_kk: set[int] = set()
    used_ru: set[int] = set()
    chosen: list[MentionLink] = []
    for (a, b), score in sorted(scored.items(), key=lambda item: (-item[1], item[0])):
        if a in used_kk or b in used_ru:
            continue
        used_kk.add(a)
        used_ru.add(b)
        chosen.append(MentionLink(a, b, round(score, 4)))
    return sorted(chosen, key=lambda link: (link.kk, link.ru))
