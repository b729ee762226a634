"""Language-neutral keys of a stretch of kk or ru text, for pairing documents and aligning sentences.

A ``Profile`` holds what two translations of one text share although their words differ:

- **anchors**: numbers (digit groups and decimal commas normalised, '3 200' = '3200', '412,5' =
  '412.5'), amount values found by the amounts stage ('жеті' = 'семь' = 7), day-and-month dates
  ('28 қыркүйекте' = '28 сентября' = 'd:09-28'), names (a capitalised or quoted word, lemmatised, folded
  across the two alphabets' habits and cut to ``NAME_PREFIX`` letters: 'Трамптың' and 'Трампа' both give
  'c:трамп'), and region codes;
- **lemmas**: every word's lemma in its own language (``aimaq.text.morph.kk.stem`` / ``aimaq.text.morph.ru.lemma``),
  to be looked up in the kk→ru lexicon;
- **cognates**: the folded, cut lemma of every word, which meets loan words and names written alike
  ('президенті' / 'президента').
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from aimaq.records import Amount, Document
from aimaq.resources import load_json
from aimaq.text.fold import fold_name_letters

NAME_PREFIX = 5  # letters of a folded lemma kept as its name / cognate key
MIN_COGNATE = 4  # shorter words make no cognate key ('и', 'мен', 'для')
QUOTED_NAME = 6  # a quotation of at most this many words may be a name; a longer one is a quoted speech

WORD = re.compile(r"(?<![^\W\d_])(?<!\d[-‐])[^\W\d_]+(?:[-‐'’][^\W\d_]+)*")
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|(?<![\d.,])\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_DAY_BEFORE = re.compile(r"(?<!\d)(\d{1,2})[\s\u00a0]+$")
_QUOTED = re.compile(r"[«“„\"]([^«»“”„\"\n]{1,120})[»”“\"]")


@dataclass(frozen=True)
class Profile:
    """Keys of one sentence, bead or document (see the module doc)."""

    length: int  # characters
    anchors: frozenset[str]
    lemmas: tuple[str, ...]  # in text order, repeats kept
    cognates: tuple[str, ...]  # parallel to ``lemmas``; '' for short words
    weak: frozenset[str] = frozenset()  # name anchors given only by a first word or a long quotation


def number_key(raw: str) -> str:
    """'3 200' -> '3200', '1,000' -> '1000', '412,5' -> '412.5', '007' -> '7'."""
    text = re.sub(r"[ \u00a0\u202f]", "", raw)
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    text = text.replace(",", ".")
    whole, dot, frac = text.partition(".")
    if dot and "." not in frac:
        frac = frac.rstrip("0")
        return f"{int(whole)}.{frac}" if frac else str(int(whole))
    return text.lstrip("0") or "0"


def value_key(amount: Amount) -> str | None:
    """The amount's normalised value ('v:412500000000'), or None for a value that is not finite."""
    value = amount.value
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return f"v:{value:.6g}"


@lru_cache(maxsize=500_000)
def lemma(word: str, lang: str) -> str:
    """Lower-case lemma of a word in its own language."""
    low = word.lower()
    if lang == "kk":
        from aimaq.text.morph import kk

        return kk.stem(low)
    from aimaq.text.morph import ru

    return ru.lemma(low)


def lemmas(text: str, lang: str) -> list[str]:
    """The lemmas of the words of a text, in order."""
    return [lemma(w, lang) for w in WORD.findall(text)]


@lru_cache(maxsize=500_000)
def cognate(lemma_: str) -> str:
    """The folded lemma cut to ``NAME_PREFIX`` letters, or '' for a short word."""
    folded = fold_name_letters(lemma_)
    return folded[:NAME_PREFIX] if len(folded) >= MIN_COGNATE else ""


@cache
def _months(lang: str) -> dict[str, int]:
    return load_json("corpus/months.json").get(lang, {})


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, short) of each quotation; a short one (``QUOTED_NAME`` words at most) may be a name."""
    return [(m.start(1), m.end(1), len(m.group(1).split()) <= QUOTED_NAME) for m in _QUOTED.finditer(text, start, end)]


def profile(text: str, lang: str, start: int = 0, end: int | None = None,
            extra: Iterable[str] = ()) -> Profile:
    """Keys of ``text[start:end]`` written in ``lang`` ('kk' or 'ru'); ``extra`` anchors are added."""
    end = len(text) if end is None else end
    anchors = set(extra)
    anchors.update("n:" + number_key(m.group()) for m in _NUMBER.finditer(text, start, end))
    quoted = _quoted_spans(text, start, end)
    months = _months(lang)
    lemmas: list[str] = []
    cognates: list[str] = []
    weak: set[str] = set()
    strong: set[str] = set()
    for m in WORD.finditer(text, start, end):
        word = m.group()
        key = lemma(word, lang)
        cog = cognate(key)
        if cog:
            name = len(word) >= 2 and word[0].isupper()  # a capitalised word (inline: this loop sees every word)
            quote = next((short for a, b, short in quoted if a <= m.start() < b), None) if quoted else None
            if name or quote is not None:
                anchors.add("c:" + cog)
                (strong if quote or (name and lemmas) else weak).add("c:" + cog)
        lemmas.append(key)
        cognates.append(cog)
        month = months.get(key)
        if month:
            day = _DAY_BEFORE.search(text, max(start, m.start() - 4), m.start())
            if day and 1 <= int(day.group(1)) <= 31:
                anchors.add(f"d:{month:02d}-{int(day.group(1)):02d}")
    return Profile(end - start, frozenset(anchors), tuple(lemmas), tuple(cognates), frozenset(weak - strong))


def sentence_profiles(doc: Document) -> list[Profile]:
    """One profile per sentence of a document, with its amount values and region mentions as anchors."""
    out = []
    for s in doc.sentences:
        extra = [k for k in (value_key(a) for a in doc.amounts if s.start <= a.start < s.end) if k]
        extra += ["r:" + m.norm for m in doc.mentions if m.norm and m.norm.startswith("KZ-")
                  and s.start <= m.start < s.end]
        out.append(profile(doc.text, _lang(doc), s.start, s.end, extra))
    return out


def document_profile(doc: Document, sentences: Sequence[Profile] | None = None) -> Profile:
    """The profile of a whole document: the union of its sentences' keys (the text itself if unsegmented)."""
    parts = list(sentences) if sentences is not None else sentence_profiles(doc)
    if not parts:
        return profile(doc.text, _lang(doc))
    anchors = frozenset().union(*(p.anchors - p.weak for p in parts))
    anchors |= {"r:" + r.code for r in doc.regions}
    lemmas = tuple(x for p in parts for x in p.lemmas)
    cognates = tuple(x for p in parts for x in p.cognates)
    return Profile(len(doc.text), anchors, lemmas, cognates)


def _lang(doc: Document) -> str:
    return "kk" if doc.lang == "kk" else "ru"
