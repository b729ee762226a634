"""What surrounds an amount core: qualifier words, change cues, and the signs that a number is no amount.

Qualifiers (documented decision): the words are read around the core but kept out of the amount's own
span; the phrase span that :func:`aimaq.stages.amounts.find_amount_phrases` also returns includes them.
- before the number: 'около/порядка/примерно/почти/шамамен' approx, 'более/свыше/не менее/кемінде'
  more_than, 'менее/меньше' less_than, 'до/не более' up_to; one preposition may stand between
  ('примерно в 3,4 млн', 'почти на 5%');
- after it (Kazakh): 'астам/артық/аса/асады' after an ablative more_than ('100-ден астам'),
  'кем' less_than, 'жуық/тарта' after a dative approx, 'дейін' after a dative up_to, 'шамасында/шақты'
  approx; a '-дай/-дей' suffix is approx ('жүздей', 'теңгедей');
- a verb right before the number: 'превысил/превышает' more_than, 'не превышает' up_to (the verb stays out
  of the phrase);
- 'до' and 'дейін' mean 'to', not 'up to', after a word of change within three words ('выросло до 143', 'рост
  ВРП до 2,7 трлн') or before a verb of change ('143-ке дейін жетті', '-ге дейін ұлғайтып'): the qualifier
  is then exact;
- 'и более' qualifies the number before it unless a number follows ('15 стран и более 60 компаний').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from aimaq.records import Qualifier
from aimaq.stages.amounts.lexer import AmountToken
from aimaq.stages.amounts.number_words import Lexicon
from aimaq.stages.amounts.numbers import AFTER
from aimaq.stages.amounts.quantity import kk_case
from aimaq.text.fold import fold_yo
from aimaq.text.morph.ru import lemma as ru_lemma
from aimaq.text.morph.ru import parses as ru_parses

_KK_LETTERS = re.compile("[әғқңөұүһі]")


@lru_cache(maxsize=100_000)
def ru_analyses(word: str) -> tuple:
    """pymorphy3 parses of a lower-case word, cached."""
    return tuple(ru_parses(word))
_SENTENCE_END = frozenset(".!?")


def qualifier_before(toks: Sequence[AmountToken], first: int, lex: Lexicon) -> tuple[Qualifier, int] | None:
    """(qualifier, index of its first token) for the words just before token ``first``."""
    ends = [first - 1]
    if first >= 2 and toks[first - 1].low in lex.prepositions_between:
        ends.append(first - 2)
    for end in ends:
        for size in (3, 2, 1):
            start = end - size + 1
            if start < 0 or any(t.kind != "word" for t in toks[start : end + 1]):
                continue
            phrase = tuple(t.low for t in toks[start : end + 1])
            qual = lex.qual_before.get(phrase)
            if qual is None:
                continue
            if qual == "up_to" and phrase == ("до",) and _change_before(toks, start, lex):
                return None
            return qual, start
    return _verb_before(toks, first, lex)


def _change_before(toks: Sequence[AmountToken], k: int, lex: Lexicon) -> bool:
    """A word of change among the three words before token ``k`` ('выросло до', 'рост ВРП до', 'увеличить
    выпуск продукции до'): 'до' is then 'to', not 'up to'."""
    lo = k
    while lo > 0 and k - lo < 3 and toks[lo - 1].kind == "word":
        lo -= 1
    return change_cue(toks, lo, k, lex)


def _verb_before(toks: Sequence[AmountToken], first: int, lex: Lexicon) -> tuple[Qualifier, int] | None:
    """'превысил 3 трлн тенге', 'превышает 70 процентов' more_than; 'не превышает 5%' up_to. The verb
    qualifies the number without joining its phrase."""
    if first < 1 or toks[first - 1].kind != "word" or has_kk_letters(toks[first - 1].low):
        return None
    spec = lex.ru["qualifier_verbs_before"]
    parsed = ru_analyses(toks[first - 1].low)
    qual = spec["lemmas"].get(parsed[0].normal_form) if parsed else None
    if qual is None:
        return None
    if first >= 2 and toks[first - 2].low == "не":
        qual = spec["negated"].get(qual, qual)
    return qual, first


def qualifier_after(
    toks: Sequence[AmountToken], end: int, case: str | None, lex: Lexicon
) -> tuple[Qualifier, int] | None:
    """(qualifier, index after it) for the words right after token ``end - 1`` (whose case is ``case``)."""
    if end >= len(toks) or toks[end].kind != "word":
        return None
    low = toks[end].low
    if low in lex.qual_after_kk:
        qual, needs = lex.qual_after_kk[low]
        if needs is not None and needs != case:
            return None
        if qual == "up_to" and end + 1 < len(toks) and _is_change_verb(toks[end + 1], lex):
            return "exact", end + 1
        return qual, end + 1
    for phrase, qual in lex.qual_after_ru.items():
        size = len(phrase)
        if tuple(t.low for t in toks[end : end + size]) == phrase and not _number_at(toks, end + size, lex):
            return qual, end + size
    return None


def _is_change_verb(tok: AmountToken, lex: Lexicon) -> bool:
    """'жетті', 'жеткізіп', 'ұлғайтып', 'выросло': '-ге дейін' before one of them is 'to', not 'up to'."""
    return tok.low in lex.change_verbs or (tok.kind == "word" and lex.change_kk.fullmatch(tok.low) is not None)


def _number_at(toks: Sequence[AmountToken], k: int, lex: Lexicon) -> bool:
    """'с 20 странами и более 40 компаниями': 'и более' qualifies the number after it, not the one before."""
    return k < len(toks) and (toks[k].kind == "num" or toks[k].low in lex.numbers)


def word_case(tok: AmountToken, lex: Lexicon) -> str | None:
    """Kazakh case of a token: a number's glued suffix class, else the ending of a word."""
    if tok.kind in {"num", "pct"}:
        return lex.digit_suffix.get(tok.suffix) if tok.suffix else None
    return kk_case(tok.low, lex) if tok.kind == "word" else None


def clause_bounds(text: str, toks: Sequence[AmountToken], i: int, lex: Lexicon) -> tuple[int, int]:
    """Token range of the sentence around token ``i`` when no sentence spans were given."""
    lo = i
    while lo > 0 and not _boundary(text, toks, lo, lex):
        lo -= 1
    hi = i + 1
    while hi < len(toks) and not _boundary(text, toks, hi, lex):
        hi += 1
    return lo, hi


def clause_starts(text: str, toks: Sequence[AmountToken], lex: Lexicon) -> list[int]:
    """Character offsets where a sentence starts among ``toks`` (the first token included)."""
    return [toks[k].start for k in range(len(toks)) if k == 0 or _boundary(text, toks, k, lex)]


def _boundary(text: str, toks: Sequence[AmountToken], k: int, lex: Lexicon) -> bool:
    """True when a sentence starts at token ``k`` (a newline, or '.!?' before a capital not after 'млрд.')."""
    prev, tok = toks[k - 1], toks[k]
    if "\n" in text[prev.end : tok.start]:
        return True
    if prev.text not in _SENTENCE_END or not tok.text[:1].isupper():
        return False
    before = toks[k - 2].low if k >= 2 else ""
    return not (prev.text == "." and (before in lex.abbreviations or lex.year.fullmatch(before)))


def change_cue(toks: Sequence[AmountToken], lo: int, hi: int, lex: Lexicon) -> bool:
    """A verb or noun of change ('вырос', 'рост', 'өсті', 'жетті') among tokens ``[lo, hi)``."""
    for tok in toks[lo:hi]:
        if tok.kind != "word" or len(tok.low) < 3:
            continue
        if _KK_LETTERS.search(tok.low) or lex.change_kk.fullmatch(tok.low):
            if lex.change_kk.fullmatch(tok.low):
                return True
            continue
        if tok.low in lex.change_verbs or ru_lemma(tok.low) in lex.change_lemmas:
            return True
    return False


def is_adjective(tok: AmountToken, lex: Lexicon) -> bool:
    """An adjective or participle: a Kazakh one from the word list, a Russian one by pymorphy3."""
    if tok.low in lex.kk["adjectives"]:
        return True
    if has_kk_letters(tok.low):
        return False
    parsed = ru_analyses(tok.low)
    return bool(parsed) and parsed[0].tag.POS in {"ADJF", "PRTF"}


def has_kk_letters(word: str) -> bool:
    return _KK_LETTERS.search(word.lower()) is not None


def glued_to_letters(toks: Sequence[AmountToken], i: int, end: int, lex: Lexicon) -> bool:
    """'COVID-19', 'Т-34', 'A320', '5G': digits glued to letters are part of a name."""
    tok = toks[i]
    if tok.kind != "num":
        return False
    if i > 0 and not tok.space_before:
        prev = toks[i - 1]
        if prev.kind == "word":
            return True
        if prev.text in "-‐" and i > 1 and not prev.space_before and toks[i - 2].kind == "word":
            return True
    if end < len(toks) and toks[end].kind == "word" and not toks[end].space_before:
        return toks[end].low not in lex.numbers
    return False


def code_before(toks: Sequence[AmountToken], i: int, lex: Lexicon) -> bool:
    """'№ 45', 'ст. 12', 'ул. Абая 10', 'БИН 1234...': a number that names, not counts."""
    k, names = i - 1, 0
    while k >= 0:
        tok = toks[k]
        if tok.kind == "sym" and tok.text in "№#":
            return True
        if tok.kind == "punct" and tok.text in ".:,":
            k -= 1
            continue
        if tok.kind != "word":
            return False
        if lex.code_prefix.fullmatch(tok.low):
            return True
        if names or not tok.text[:1].isupper():
            return False
        names, k = names + 1, k - 1
    return False


def is_month(tok: AmountToken | None, lex: Lexicon) -> bool:
    return tok is not None and tok.kind == "word" and lex.month.fullmatch(tok.low) is not None


def is_year_word(tok: AmountToken | None, lex: Lexicon) -> bool:
    return tok is not None and tok.kind == "word" and lex.year.fullmatch(tok.low) is not None


def is_ordinal_word(tok: AmountToken, last_role: str, lex: Lexicon) -> bool:
    """A Russian ordinal ('двадцатом', 'пятого') that continues a number whose last word has ``last_role``.

    'две тысячи двадцатом' is one ordinal; 'пять первых мест' is a count of five.
    """
    if tok.kind != "word" or has_kk_letters(tok.low) or tok.low in lex.numbers:
        return False
    parsed = ru_analyses(tok.low)
    if not parsed or "Anum" not in parsed[0].tag:
        return False
    role = lex.ru["ordinal_roles"].get(fold_yo(parsed[0].normal_form))
    return role is not None and last_role in AFTER.get(role, ())
