"""Interface strings in Kazakh, Russian and English (data files under ``aimaq/data/web/locales/``), the choice
of language for a request, and numbers written the way each language writes them.

The language comes from ``?lang=`` (which the app then keeps in a cookie), else the cookie, else the
browser's Accept-Language, else English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from aimaq.resources import load_json

LANGS = ("kk", "ru", "en")
DEFAULT_LANG = "en"
COOKIE = "aimaq_lang"
# (threshold, locale key) from the largest: 412 500 000 000 -> '412.5 bn'
SCALES = ((1e12, "scale.trn"), (1e9, "scale.bn"), (1e6, "scale.mn"), (1e4, "scale.k"))
NBSP = "\u00a0"
PERCENT_TYPES = frozenset({"share", "growth"})  # fact types whose value is a percentage


@cache
def strings(lang: str) -> Mapping[str, str]:
    """The interface strings of ``lang`` (one of LANGS)."""
    return load_json(f"web/locales/{lang}.json")


@cache
def region_names() -> Mapping[str, Mapping[str, str]]:
    """ISO code -> {'kk': ..., 'ru': ..., 'en': ...} full names of the 2022 division's 20 units."""
    return {u["code"]: u["names"] for u in load_json("regions.json")["units"]}


def pick_lang(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The interface language: query parameter, then cookie, then Accept-Language, then English."""
    for given in (query, cookie):
        if given in LANGS:
            return given
    for part in (accept or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGS:
            return tag
    return DEFAULT_LANG


@dataclass(frozen=True)
class Translator:
    """Interface strings and number formatting for one language; templates call it as ``t``."""

    lang: str

    def __call__(self, key: str) -> str:
        return strings(self.lang).get(key) or strings(DEFAULT_LANG).get(key) or key

    def region(self, code: str | None) -> str:
        if not code:
            return ""
        return region_names().get(code, {}).get(self.lang) or code

    def fact_type(self, name: str) -> str:
        return self(f"type.{name}") if f"type.{name}" in strings(self.lang) else name

    def number(self, value: float | None, digits: int = 2) -> str:
        """Digits grouped by no-break spaces, the language's decimal mark: 3 200, 412,5."""
        if value is None:
            return ""
        text = f"{value:,.{digits}f}" if not float(value).is_integer() else f"{int(value):,}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
        return text.replace(",", NBSP).replace(".", self("meta.decimal"))

    def short(self, value: float | None) -> str:
        """Large values with a scale word: 412 500 000 000 -> '412,5 млрд'."""
        if value is None:
            return ""
        for threshold, key in SCALES:
            if abs(value) >= threshold:
                return f"{self.number(value / threshold, 1)}{NBSP}{self(key)}"
        return self.number(value)

    def amount(self, value: float | None, currency: str | None, unit: str | None, type_: str = "") -> str:
        """A fact's value as people write it: '412,5 млрд ₸', '3 200 орын', '18 %', '113,9 %'."""
        if value is None:
            return ""
        if type_ in PERCENT_TYPES:
            return f"{self.number(value)}{NBSP}%"
        if currency:
            return f"{self.short(value)}{NBSP}{self(f'currency.{currency}') if currency == 'KZT' else currency}"
        return f"{self.number(value)}{NBSP}{unit}" if unit else self.number(value)
