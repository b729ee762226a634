"""The counted noun after a number: '143 проектов' -> 'проект', '12 өндіріс' -> 'өндіріс'.

Russian: the first word that pymorphy3 reads as a noun, skipping adjectives and participles
('новых', 'туристических'); a word read first as a verb counts only when it also reads as a plural
genitive noun ('10 сел' -> 'село'). Kazakh: the first word that is not a known adjective, participle,
qualifier ('астам') or number, lemmatised by :func:`aimaq.morph.kk.lemma`; a function word or a verb
ends the search. A noun is looked for in the next ``WINDOW`` words, never across punctuation.
"""

from __future__ import annotations

from collections.abc import Sequence

from aimaq.morph import kk as kk_morph
from aimaq.stages.amounts.context import has_kk_letters, ru_analyses
from aimaq.stages.amounts.lexicon import Lexicon
from aimaq.stages.amounts.tokens import Tok

WINDOW = 3
_RU_SKIP = frozenset({"ADJF", "PRTF", "ADJS", "NUMR", "Apro"})


def _ends(word: str, suffixes: list[str], margin: int = 2) -> bool:
    return any(word.endswith(s) and len(word) > len(s) + margin for s in suffixes)


def _ru_noun(tok: Tok, lex: Lexicon) -> str | None | bool:
    """Lemma of a Russian noun, True to skip the word (adjective), None to stop."""
    abbreviations = lex.ru["unit_abbreviations"]
    if tok.low in abbreviations:
        return abbreviations[tok.low]
    parsed = ru_analyses(tok.low)
    if not parsed or "LATN" in parsed[0].tag or "UNKN" in parsed[0].tag:
        return None
    first = parsed[0]
    if tok.low.startswith("летн"):
        return None  # '13-ти летний': an age adjective, not a counted noun
    if first.tag.POS in _RU_SKIP or "Apro" in first.tag:
        return True
    if first.tag.POS == "NOUN":
        return first.normal_form
    if first.tag.POS != "VERB":
        return None
    plural_genitive = next((p for p in parsed if p.tag.POS == "NOUN" and {"gent", "plur"} <= p.tag.grammemes), None)
    return plural_genitive.normal_form if plural_genitive is not None else None


def _kk_noun(tok: Tok, lex: Lexicon) -> str | None | bool:
    """Lemma of a Kazakh noun, True to skip the word (adjective, qualifier), None to stop."""
    kk, low = lex.kk, tok.low
    if low in kk["qualifier_pronouns"] or low in kk["pronouns"]:
        return None
    if low in lex.qual_after_kk or low in kk["adjectives"]:
        return True
    if low in kk["stop_words"] or low in lex.numbers or low in kk["excluded_forms"] or _ends(low, kk["verb_suffixes"]):
        return None
    if _ends(low, kk["participle_suffixes"]) or _ends(low, kk["adjective_suffixes"], 3):
        return True
    lemma = kk_morph.lemma(tok.text).lower()
    return None if lemma in lex.numbers else lemma


def _kk_fallback(tok: Tok, lex: Lexicon) -> str | None:
    """An '-лық/-лік' word that no noun followed is itself the noun ('кәсіпкерлік')."""
    if _ends(tok.low, lex.kk["noun_like_adjective_suffixes"], 3):
        return kk_morph.lemma(tok.text).lower()
    return None


def counted_noun(toks: Sequence[Tok], j: int, lang: str, lex: Lexicon) -> tuple[str, int] | None:
    """(lemma, token index) of the counted noun at or after token ``j``, or None."""
    fallback: tuple[str, int] | None = None
    for k in range(j, min(j + WINDOW + 1, len(toks))):
        tok = toks[k]
        if tok.kind == "punct" and tok.text == "." and k > j and toks[k - 1].low in lex.ru["unit_abbreviations"]:
            continue
        if tok.kind != "word":
            break
        kazakh = lang == "kk" or has_kk_letters(tok.low)
        found = _kk_noun(tok, lex) if kazakh else _ru_noun(tok, lex)
        if found is None:
            if tok.low in lex.kk["conjunctions"]:
                fallback = None  # '24 қалалық және қала маңындағы': an adjective of a coordinated phrase
            break
        if found is True:
            noun_like = _kk_fallback(tok, lex) if kazakh else None
            fallback = fallback or ((noun_like, k) if noun_like else None)
            continue
        assert isinstance(found, str)
        if found in lex.ru["no_unit_nouns"] or found in lex.kk["no_unit_nouns"]:
            return None
        return found, k
    return fallback
