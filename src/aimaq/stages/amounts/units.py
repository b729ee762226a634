"""The counted noun after a number: '143 проектов' -> 'проект', '12 өндіріс' -> 'өндіріс'.

Russian: the first word that pymorphy3 reads as a noun, skipping adjectives and participles
('новых', 'туристических'); a word read first as a verb counts only when it also reads as a plural
genitive noun ('10 сел' -> 'село'). Kazakh: the first word that is not a known adjective, participle,
qualifier ('астам') or number, lemmatised by :func:`aimaq.text.morph.kk.lemma`; a function word or a verb
ends the search, and so does a word that reads as a verb of change ('өседі'). A noun is looked for in
the next ``WINDOW`` words, never across punctuation; a qualifier ('астам') and a conjunction between two
adjectives ('шағын және орта кәсіпорын', 'малых и средних предприятий') do not use up the window.
A unit of measure written as an abbreviation keeps it ('312 км' -> 'км'); an abbreviated noun is
expanded ('50 чел.' -> 'человек'); units of two words are read whole ('шаршы метр', 'кв. метр').
Kazakh noun phrases (data: ``kk_noun_phrase`` in units.json): a hyphenated word is one word ('бизнес-
бастамасы'); a mass noun or classifier before another noun is its modifier ('су арнасы', 'түп ағаш'); a
bare noun before a noun with the possessive ending is a compound named by the latter ('тауар түрі' ->
'түр'). Nouns of periods and multipliers ('айдың', 'есе', 'раза') make the number no amount
(:func:`not_counted`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from aimaq.resources import load_json
from aimaq.stages.amounts.context import has_kk_letters, is_adjective, ru_analyses
from aimaq.stages.amounts.lexer import AmountToken
from aimaq.stages.amounts.number_words import Lexicon
from aimaq.text.fold import fold_yo
from aimaq.text.morph import kk as kk_morph

WINDOW = 3
_RU_SKIP = frozenset({"ADJF", "PRTF", "ADJS", "NUMR", "Apro"})


def _ends(word: str, suffixes: list[str], margin: int = 2) -> bool:
    return any(word.endswith(s) and len(word) > len(s) + margin for s in suffixes)


@cache
def _loan_rules() -> dict[str, Any]:
    return load_json("amounts/units.json")["kk_loan_stems"]


def _repair_loan_stem(word: str, stem: str, plural: bool) -> str:
    """Stems of Russian loans the suffix analyser misreads: 'субъекті' -> 'субъект', 'турис' -> 'турист'.

    With ``plural`` (the head of 'X саны' is a plural), a plural suffix left on the stem is cut
    ('кооперативтер' -> 'кооператив') when the rest is a known stem.
    """
    rules, known = _loan_rules(), kk_morph.lexicon()
    for key, full in rules["cluster_simplification"].items():
        cand = stem[: -len(key)] + full
        if stem.endswith(key) and word.startswith(cand) and cand in known:
            return cand
    if stem[-1:] in rules["epenthetic_vowels"] and stem[-3:-1] in rules["epenthesis_clusters"] and stem[:-1] in known:
        return stem[:-1]
    for suffix in rules["plural_suffixes"] if plural else ():
        rest = stem[: -len(suffix)]
        if stem.endswith(suffix) and len(rest) >= rules["min_plural_stem"] and _attested(rest, suffix):
            return _repair_loan_stem(word, rest, False)
    return stem


@lru_cache(maxsize=10_000)
def _attested(stem: str, suffix: str) -> bool:
    """Whether the stem lexicon knows ``stem``, or holds two forms of it that are no ``stem + suffix``
    ('кооперативі', 'кооперативін' attest 'кооператив'; nothing attests 'компью' of 'компьютер')."""
    known = kk_morph.lexicon()
    if stem in known:
        return True
    others = (w for w in known if w.startswith(stem) and not w.startswith(stem + suffix))
    return next(others, None) is not None and next(others, None) is not None


def kk_unit_lemma(text: str, plural: bool = False) -> str:
    """Lower-case lemma of a Kazakh counted noun (see :func:`_repair_loan_stem`)."""
    stem = kk_morph.lemma(text).lower()
    return _repair_loan_stem(kk_morph.normalise(text), stem, plural) if stem else stem


def _ru_noun(tok: AmountToken, lex: Lexicon) -> str | None | bool:
    """Lemma of a Russian noun, True to skip the word (adjective), None to stop."""
    if tok.low in lex.ru["measure_abbreviations"]:
        return tok.low
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
        return fold_yo(first.normal_form)
    if first.tag.POS != "VERB":
        return None
    plural_genitive = next((p for p in parsed if p.tag.POS == "NOUN" and {"gent", "plur"} <= p.tag.grammemes), None)
    return fold_yo(plural_genitive.normal_form) if plural_genitive is not None else None


def _kk_noun(tok: AmountToken, lex: Lexicon, nxt: AmountToken | None = None) -> str | None | bool:
    """Lemma of a Kazakh noun, True to skip the word (adjective, qualifier), None to stop. ``nxt`` is the
    token after it: a possessive noun with an adjective's ending ('орталығы') is a noun only at the end
    of its phrase ('мүмкіндігі шектеулі адам' is 'people with limited abilities')."""
    kk, low = lex.kk, tok.low
    if low in kk["qualifier_pronouns"] or low in kk["pronouns"]:
        return None
    if low in lex.qual_after_kk or low in kk["adjectives"]:
        return True
    if low in kk["stop_words"] or low in lex.numbers or low in kk["excluded_forms"]:
        return None
    possessive = _possessive_noun(low)  # 'жобасын', 'орталығы': endings of verbs and adjectives on a noun
    if _is_kk_verb(low, lex) and not possessive:
        return None
    if (_adjective_ending(low, lex) and not (possessive and not _adjective_next(nxt, lex))) or _lexical_adjective(low):
        return True
    lemma = kk_unit_lemma(tok.text)
    return None if lemma in lex.numbers else lemma


def _adjective_ending(low: str, lex: Lexicon) -> bool:
    return _ends(low, lex.kk["participle_suffixes"]) or _ends(low, lex.kk["adjective_suffixes"], 3)


def _adjective_next(nxt: AmountToken | None, lex: Lexicon) -> bool:
    """Whether ``nxt`` reads as an adjective ('мүмкіндігі шектеулі адам')."""
    return nxt is not None and nxt.kind == "word" and (nxt.low in lex.kk["adjectives"] or _adjective_ending(nxt.low, lex))


@cache
def _units_data(key: str) -> Any:
    return load_json("amounts/units.json")[key]


def _lexical_adjective(low: str) -> bool:
    """'көпқабатты': an accusative-looking ending on a known stem the analyser keeps whole."""
    if not _ends(low, _units_data("kk_lexical_adjective_suffixes")["suffixes"], 3):
        return False
    return low in kk_morph.lexicon() and kk_morph.lemma(low).lower() == low


def _kk_compound(toks: Sequence[AmountToken], k: int) -> tuple[str, int] | None:
    """(unit, index of its last word) of the two-word unit starting at token ``k`` ('елді мекенді' -> 'елді
    мекен', 'шаршы метрден' -> 'шаршы метр'), else None."""
    seconds = _units_data("kk_compound_units")["units"].get(toks[k].low)
    if not seconds or k + 1 >= len(toks) or toks[k + 1].kind != "word":
        return None
    unit = seconds.get(kk_unit_lemma(toks[k + 1].text))
    return (unit, k + 1) if unit else None


def _ru_lemma(low: str) -> str:
    parsed = ru_analyses(low)
    return fold_yo(parsed[0].normal_form) if parsed else low


def _ru_compound(toks: Sequence[AmountToken], k: int) -> tuple[str, int] | None:
    """(unit, index of its last word) of a two-word unit of measure at token ``k`` ('кв. метров' -> 'кв. метр',
    'квадратных метров' -> 'квадратный метр'), else None."""
    table = _units_data("ru_compound_units")["units"]
    seconds = table.get(toks[k].low) or table.get(_ru_lemma(toks[k].low))
    m = k + 1
    if m < len(toks) and toks[m].text == "." and not toks[m].space_before:
        m += 1
    if not seconds or m >= len(toks) or toks[m].kind != "word":
        return None
    unit = seconds.get(toks[m].low) or seconds.get(_ru_lemma(toks[m].low))
    return (unit, m) if unit else None


def _compound(toks: Sequence[AmountToken], k: int, lang: str) -> tuple[str, int] | None:
    kazakh = lang == "kk" or has_kk_letters(toks[k].low)
    return _kk_compound(toks, k) if kazakh else _ru_compound(toks, k)


def _is_kk_verb(low: str, lex: Lexicon) -> bool:
    """A finite verb: a verb ending after a root of 3+ letters, a short-root ending ('өседі', 'алады'),
    or a verb of change ('өсті', 'артады')."""
    kk = lex.kk
    if _ends(low, kk["verb_suffixes"]) or _ends(low, kk["verb_suffixes_short_root"], 1):
        return True
    return lex.change_kk.fullmatch(low) is not None


def _possessive_noun(low: str) -> bool:
    """'жобасын' (жоба+сы+н), 'орталығы' (орталық+ы) are nouns, though they end like the verb 'берсін' and
    the adjective 'соңғы'."""
    best = kk_morph.best(low)
    return best.known and best.possessive == "3"


def _hyphen_end(toks: Sequence[AmountToken], k: int) -> int:
    """Index after the word at ``k`` and the parts hyphenated to it ('мұнай-газ', 'бизнес-бастамасы')."""
    m = k + 1
    while (m + 1 < len(toks) and toks[m].text in "-‐" and not toks[m].space_before and toks[m + 1].kind == "word"
           and not toks[m + 1].space_before and len(toks[m + 1].low) >= 3):
        m += 2
    return m


def _kk_first_word(toks: Sequence[AmountToken], k: int, lex: Lexicon) -> str | None:
    """What the word right after a number names when its ending would pass it for an adjective: '24
    ауылдағы' -> 'ауыл' (locative with '-ғы'); '4482 пәтерлі 76 үй' -> 'пәтер' (a number follows)."""
    low = toks[k].low
    best = kk_morph.best(low)
    closed = lex.kk["pronouns"] + lex.kk["adjectives"]  # 'ондағы', 'екі ортадағы'
    if best.case == "loc_attr" and best.known and best.stem not in lex.numbers and best.stem not in closed:
        return kk_unit_lemma(toks[k].text)
    if k + 1 < len(toks) and toks[k + 1].kind == "num" and not _is_kk_verb(low, lex):  # not '9 мыңнан тұрады 1 күнде'
        stem = next((low[: -len(s)] for s in _phrase()["having_suffixes"] if low.endswith(s)), "")
        return stem if len(stem) >= 3 and stem in kk_morph.lexicon() else None
    return None


def _kk_word(toks: Sequence[AmountToken], k: int, first: bool, lex: Lexicon) -> tuple[str | None | bool, int]:
    """(lemma, True to skip, or None to stop; index after the word) of the Kazakh word at ``k``. A hyphenated
    word is one word named by its last part ('бизнес-бастамасы' -> 'бизнес-бастама')."""
    end = _hyphen_end(toks, k)
    named = _kk_first_word(toks, k, lex) if first and end == k + 1 else None
    found = named or _kk_noun(toks[end - 1], lex, toks[end] if end < len(toks) else None)
    if not isinstance(found, str):
        return found, end
    return "".join(t.text for t in toks[k : end - 1]).lower() + found, end


def _kk_modifier(lemma: str) -> bool:
    """A mass noun or a classifier that another noun may follow as the head ('су арнасы', 'түп ағаш')."""
    return lemma.split("-")[0] in _phrase()["modifier_nouns"]


def _kk_head(toks: Sequence[AmountToken], n: int, lex: Lexicon) -> tuple[str, int] | None:
    """(lemma, index) of the head of a compound after the bare noun at ``n``: a noun with the possessive
    ending right after it or after one verbal noun ('тауар түрі' -> 'түр', 'денсаулық сақтау нысаны' ->
    'нысан'); None when there is none or it is a relational noun ('мектеп құрылысы')."""
    spec = _phrase()
    first = kk_morph.best(toks[n].low)
    if first.suffixes or first.stem in spec["measure_nouns"]:
        return None
    m = n + 1
    for _ in range(2):
        if m >= len(toks) or toks[m].kind != "word" or _hyphen_end(toks, m) != m + 1:
            return None
        noun = _kk_noun(toks[m], lex, toks[m + 1] if m + 1 < len(toks) else None)
        if not isinstance(noun, str) or _ends(noun, lex.kk["participle_suffixes"]):
            return None
        last = kk_morph.best(toks[m].low)
        verbal = noun.endswith(tuple(spec["verbal_noun_endings"])) and len(noun) >= spec["verbal_noun_min_length"]
        if last.possessive == "3":  # an action ('бала тексерілуі') is no head
            head = last.case in spec["head_cases"] and noun not in spec["relational_heads"] and not verbal
            return (noun, m) if head else None
        if last.suffixes or not verbal:
            return None
        m += 1
    return None


@cache
def _phrase() -> dict[str, Any]:
    return _units_data("kk_noun_phrase")


def _kk_fallback(tok: AmountToken, lex: Lexicon) -> str | None:
    """An '-лық/-лік' word that no noun followed is itself the noun ('кәсіпкерлік')."""
    if _ends(tok.low, lex.kk["noun_like_adjective_suffixes"], 3):
        return kk_morph.lemma(tok.text).lower()
    return None


def _word(tok: AmountToken, lang: str, lex: Lexicon) -> tuple[str | None | bool, bool]:
    """(noun lemma, True to skip, or None to stop; whether the word is Kazakh)."""
    kazakh = lang == "kk" or has_kk_letters(tok.low)
    return (_kk_noun(tok, lex) if kazakh else _ru_noun(tok, lex)), kazakh


def _coordinates(toks: Sequence[AmountToken], k: int, lang: str, lex: Lexicon) -> bool:
    """A conjunction at ``k`` between two adjectives ('шағын және орта', 'малых и средних')."""
    conj = toks[k].low in lex.kk["conjunctions"] or toks[k].low in lex.ru["coordinating_conjunctions"]
    if not conj or k + 1 >= len(toks) or toks[k + 1].kind != "word":
        return False
    return _word(toks[k + 1], lang, lex)[0] is True and toks[k + 1].low not in lex.qual_after_kk


def _adverb_before_adjective(toks: Sequence[AmountToken], k: int, lex: Lexicon) -> bool:
    """'активно действующих субъектов': an adverb before an adjective or participle is part of the phrase."""
    parsed = ru_analyses(toks[k].low)
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return bool(parsed) and parsed[0].tag.POS == "ADVB" and nxt is not None and nxt.kind == "word" and is_adjective(nxt, lex)


def _shares_noun(toks: Sequence[AmountToken], c: int, lex: Lexicon) -> bool:
    """A comma or conjunction at ``c`` before another number with an adjective: the two numbers count the
    noun after the second ('39 спортивных и 34 культурных объекта', '5 ірі және 12 шағын кәсіпорын')."""
    conj = toks[c].text == "," or toks[c].low in lex.ru["coordinating_conjunctions"] or toks[c].low in lex.kk["conjunctions"]
    if not conj or c + 2 >= len(toks) or toks[c + 1].kind != "num" or toks[c + 1].suffix:
        return False
    return toks[c + 2].kind == "word" and is_adjective(toks[c + 2], lex)


@cache
def _not_counted() -> dict[str, dict[str, str]]:
    """{'kk': {stem: 'period' | 'multiplier'}, 'ru': {lemma: ...}} from ``not_counted`` in units.json."""
    spec = _units_data("not_counted")
    out: dict[str, dict[str, str]] = {"kk": {}, "ru": {}}
    for kind, rule in (("periods", "period"), ("multipliers", "multiplier")):
        for lang in out:
            out[lang].update(dict.fromkeys(spec[kind][lang], rule))
    return out


def not_counted(toks: Sequence[AmountToken], j: int, lang: str) -> str | None:
    """'period', 'multiplier' or 'age' when the word at ``j`` says how long, how many times or how old
    ('жылда', 'айдың', 'месяцев', 'есе', 'раза', 'жастағы'), else None."""
    if j >= len(toks) or toks[j].kind != "word":
        return None
    low = toks[j].low
    if lang == "kk" or has_kk_letters(low):
        return _kk_not_counted(low)
    return _not_counted()["ru"].get(low) or _not_counted()["ru"].get(_ru_lemma(low))


def _kk_not_counted(low: str) -> str | None:
    """'period', 'multiplier' or 'age' for a Kazakh word ('айдың', 'сағаттай', 'есеге', 'жастағы'), else None."""
    spec = _units_data("not_counted")
    prefix = next((kind for p, kind in spec["kk_prefixes"].items() if low.startswith(p)), None)
    best = kk_morph.best(low)
    ages = spec["kk_ages"]
    if low in ages["words"] or (best.stem in ages["stems"] and best.suffixes and not best.plural):
        return "age"
    approx = next((low[: -len(e)] for e in spec["kk_approx_endings"] if low.endswith(e)), None)  # 'сағаттай'
    table = _not_counted()["kk"]
    return prefix or table.get(best.stem) or (table.get(approx) if approx else None)


def is_not_counted_unit(unit: str | None) -> bool:
    """Whether a counted noun's lemma names a period or a multiplier ('год', 'ай', 'раз')."""
    return unit is not None and any(unit in table for table in _not_counted().values())


def counted_noun(toks: Sequence[AmountToken], j: int, lang: str, lex: Lexicon) -> tuple[str, int] | None:
    """(lemma, token index) of the counted noun at or after token ``j``, or None."""
    fallback: tuple[str, int] | None = None
    k, budget, after_adjective = j, WINDOW + 1, False
    while k < len(toks) and budget > 0:
        tok = toks[k]
        k, budget = k + 1, budget - 1
        if tok.kind == "punct" and tok.text == "." and k - 1 > j and toks[k - 2].low in lex.ru["unit_abbreviations"]:
            continue
        if after_adjective and _shares_noun(toks, k - 1, lex):  # '39 спортивных и 34 культурных объекта'
            k, budget = k + 1, budget + 2
            continue
        if tok.kind != "word":
            break
        compound = _compound(toks, k - 1, lang)
        if compound is not None:
            return compound
        kazakh = lang == "kk" or has_kk_letters(tok.low)
        if kazakh:
            found, k = _kk_word(toks, k - 1, k - 1 == j, lex)
        else:
            found = _ru_noun(tok, lex) or (True if _adverb_before_adjective(toks, k - 1, lex) else None)
        if found is None and after_adjective and _coordinates(toks, k - 1, lang, lex):
            budget += 1
            continue
        if found is None:
            if tok.low in lex.kk["conjunctions"]:
                fallback = None  # '24 қалалық және қала маңындағы': an adjective of a coordinated phrase
            break
        if found is True:
            budget += tok.low in lex.qual_after_kk
            after_adjective = tok.low not in lex.qual_after_kk
            noun_like = _kk_fallback(tok, lex) if kazakh else None
            fallback = fallback or ((noun_like, k - 1) if noun_like else None)
            continue
        assert isinstance(found, str)
        if kazakh and _kk_modifier(found):
            fallback, after_adjective = fallback or (found, k - 1), True
            continue
        head = _kk_head(toks, k - 1, lex) if kazakh else None
        if head is not None:
            found, k = head[0], head[1] + 1
        if found in lex.ru["no_unit_nouns"] or found in lex.kk["no_unit_nouns"]:
            return None
        return found, k - 1
    return fallback
