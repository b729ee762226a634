"""The number vocabulary of both languages, loaded from ``data/numbers/{ru,kk}.json``.

Both languages are always loaded together: a Russian sentence may quote 'теңге' and a Kazakh one
'млрд'. Kazakh number words are stored in their base form; their case forms ('бестен', 'мыңға',
'миллиардқа') are generated here from the suffix table in kk.json by sound class and vowel harmony.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from aimaq.records import Qualifier
from aimaq.resources import load_json

_V = TypeVar("_V")


@dataclass(frozen=True)
class WordNum:
    """One number word form."""

    value: Decimal
    role: str  # one | unit | teen | ten | hundreds | hundred | collective | scale
    case: str | None  # Kazakh case of the form (abl, dat, acc, gen, ins, approx, poss, ordinal); None for a base form
    lang: str


@dataclass(frozen=True)
class Currency:
    code: str | None  # ISO 4217; None for a currency word that needs a modifier ('крон')
    factor: Decimal  # 0.01 for subunits (тиын, цент, копейка)
    ambiguous: bool = False  # also a non-money word ('фунт' is a weight): needs a scale or a modifier


@dataclass(frozen=True)
class Lexicon:
    numbers: dict[str, WordNum]
    bare_scales: frozenset[str]
    abbreviations: frozenset[str]  # words that may carry a dot ('млрд.', 'руб.')
    currency_words: tuple[tuple[re.Pattern[str], Currency], ...]
    currency_symbols: dict[str, str]
    currency_codes: frozenset[str]
    modifiers_before: dict[str, str]  # word prefix -> code ('гонконгск' -> HKD)
    modifiers_after: dict[str, str]
    percent: re.Pattern[str]
    qual_before: dict[tuple[str, ...], Qualifier]
    qual_after_ru: dict[tuple[str, ...], Qualifier]
    qual_after_kk: dict[str, tuple[Qualifier, str | None]]
    prepositions_between: frozenset[str]
    pair_from: dict[str, str]
    pair_to: frozenset[str]
    change_lemmas: frozenset[str]
    change_kk: re.Pattern[str]
    change_verbs: frozenset[str]
    year: re.Pattern[str]
    month: re.Pattern[str]
    code_prefix: re.Pattern[str]
    digit_suffix: dict[str, str]  # glued suffix -> class (abl, dat, ..., loc, ordinal, cardinal)
    decade_suffixes: frozenset[str]
    ru_homographs: frozenset[str]
    blocked_before: dict[str, frozenset[str]]
    one_idioms_before: frozenset[str]
    one_idioms_after: frozenset[str]
    half: str
    decimal_mark: str
    decimal_denominators: dict[str, Decimal]
    kk: dict[str, Any]  # raw kk.json (unit-noun word lists)
    ru: dict[str, Any]  # raw ru.json


_ROLES = {"units": "unit", "teens": "teen", "tens": "ten", "hundreds": "hundreds", "hundred": "hundred",
          "one": "one", "collective": "collective", "scale": "scale"}


def _fullmatch(pattern: str) -> re.Pattern[str]:
    return re.compile(f"(?:{pattern})")


def _sound_class(letter: str, classes: dict[str, str]) -> list[str]:
    for name, letters in classes.items():
        if letter in letters:
            return ["voiced", "voiceless"] if name == "devoiced" else [name]
    return ["vowel"]


def _is_front(word: str, harmony: dict[str, str]) -> bool:
    for ch in reversed(word):
        if ch in harmony["back"]:
            return False
        if ch in harmony["front"]:
            return True
    return False


def kk_forms(base: str, cases: list[str], kk: dict[str, Any]) -> dict[str, str | None]:
    """Case forms of a Kazakh word: {'бес': None, 'беске': 'dat', 'бестен': 'abl', ...}."""
    forms: dict[str, str | None] = {base: None}
    front = _is_front(base, kk["harmony"])
    for case in cases:
        for cls in _sound_class(base[-1], kk["sound_classes"]):
            forms.setdefault(base + kk["cases"][case][cls][int(front)], case)
    return forms


def _kk_ordinals(base: str, kk: dict[str, Any]) -> list[str]:
    """'жеті' -> ['жетінші', 'жетісінші'], 'бес' -> ['бесінші']."""
    front = _is_front(base, kk["harmony"])
    kind = "vowel" if base[-1] in kk["sound_classes"]["vowel"] else "consonant"
    return [base + suffix for suffix in kk["ordinal_suffixes"][kind] if _is_front(suffix, kk["harmony"]) == front]


def _kk_numbers(kk: dict[str, Any]) -> dict[str, WordNum]:
    out: dict[str, WordNum] = {}
    groups = dict(kk["words"], scale=kk["scales_base"])
    for role, words in groups.items():
        cases = kk["collective_cases"] if role == "collective" else kk["generated_cases"]
        for base, value in words.items():
            for form, case in kk_forms(base, cases, kk).items():
                out[form] = WordNum(Decimal(str(value)), _ROLES[role], case, "kk")
            for glued in kk["approx_glued"]:
                out[base + glued] = WordNum(Decimal(str(value)), _ROLES[role], "approx", "kk")
    for role, words in groups.items():
        for base, value in words.items():
            for form in _kk_ordinals(base, kk):
                out.setdefault(form, WordNum(Decimal(str(value)), _ROLES[role], "ordinal", "kk"))
    for form, value in kk["scale_abbreviations"].items():
        out[form] = WordNum(Decimal(str(value)), "scale", None, "kk")
    for form in kk["excluded_forms"]:
        out.pop(form, None)
    return out


def _ru_numbers(ru: dict[str, Any]) -> dict[str, WordNum]:
    out: dict[str, WordNum] = {}
    for role, words in ru["words"].items():
        for form, value in words.items():
            out[form] = WordNum(Decimal(str(value)), _ROLES[role], None, "ru")
    for form, value in ru["scales"].items():
        out[form] = WordNum(Decimal(str(value)), "scale", None, "ru")
    for form in ru["excluded_forms"]:
        out.pop(form, None)
    return out


def _currencies(*langs: dict[str, Any]) -> tuple[tuple[re.Pattern[str], Currency], ...]:
    out = []
    for data in langs:
        for entry in data["currencies"]:
            factor = Decimal(str(entry.get("factor", 1)))
            currency = Currency(entry["code"], factor, bool(entry.get("ambiguous")))
            out.append((_fullmatch(entry["pattern"]), currency))
    return tuple(out)


def _phrases(mapping: dict[str, _V]) -> dict[tuple[str, ...], _V]:
    return {tuple(key.split()): value for key, value in mapping.items()}


def _digit_suffixes(ru: dict[str, Any], kk: dict[str, Any]) -> dict[str, str]:
    out = {suf: cls for cls, sufs in ru["digit_suffixes"].items() for suf in sufs}
    out.update({suf: cls for cls, sufs in kk["digit_suffixes"].items() for suf in sufs})
    return out


@cache
def lexicon() -> Lexicon:
    ru, kk = load_json("numbers/ru.json"), load_json("numbers/kk.json")
    numbers = {**_kk_numbers(kk), **_ru_numbers(ru)}
    kk_scales = {w for w, n in _kk_numbers(kk).items() if n.role == "scale" and w not in kk["scale_abbreviations"]}
    return Lexicon(
        numbers=numbers,
        bare_scales=frozenset(ru["bare_scales"]) | frozenset(kk_scales),
        abbreviations=frozenset(ru["dotted_abbreviations"]),
        currency_words=_currencies(ru, kk),
        currency_symbols=dict(ru["currency_symbols"]),
        currency_codes=frozenset(ru["currency_codes"]),
        modifiers_before={**ru["currency_modifiers_before"], **kk["currency_modifiers_before"]},
        modifiers_after=dict(ru["currency_modifiers_after"]),
        percent=_fullmatch(ru["percent"] + "|" + kk["percent"]),
        qual_before={**_phrases(ru["qualifiers_before"]), **_phrases(kk["qualifiers_before"])},
        qual_after_ru=_phrases(ru["qualifiers_after"]),
        qual_after_kk={w: (q, case) for w, (q, case) in kk["qualifiers_after"].items()},
        prepositions_between=frozenset(ru["prepositions_between"]),
        pair_from=dict(ru["pair_from"]),
        pair_to=frozenset(ru["pair_to"]),
        change_lemmas=frozenset(ru["change_cues"]),
        change_kk=_fullmatch("|".join(kk["change_cues"])),
        change_verbs=frozenset(ru["change_verbs_before_to"]) | frozenset(kk["change_verbs_after_to"]),
        year=_fullmatch(ru["year_words"] + "|" + kk["year_words"]),
        month=_fullmatch(ru["months"] + "|" + kk["months"]),
        code_prefix=_fullmatch(ru["code_prefixes"] + "|" + kk["code_prefixes"]),
        digit_suffix=_digit_suffixes(ru, kk),
        decade_suffixes=frozenset(ru["decade_suffixes"]),
        ru_homographs=frozenset(kk["ru_homographs"]),
        blocked_before={w: frozenset(v) for w, v in kk["blocked_before"].items()},
        one_idioms_before=frozenset(ru["one_idioms"]["before"]),
        one_idioms_after=frozenset(ru["one_idioms"]["after"]),
        half=kk["half"],
        decimal_mark=kk["decimal_mark"],
        decimal_denominators={w: Decimal(v) for w, v in kk["decimal_denominators"].items()},
        kk=kk,
        ru=ru,
    )
