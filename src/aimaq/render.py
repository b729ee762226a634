"""Write numbers the way Kazakh and Russian press releases do, for tests and the bench corpus generator.

``render_ru_words(125342)`` -> 'сто двадцать пять тысяч триста сорок два',
``render_kk_words(125342)`` -> 'жүз жиырма бес мың үш жүз қырық екі',
``group_digits(6288000)`` -> '6 288 000', ``decimal_comma(Decimal('7.8'))`` -> '7,8'.
"""

from __future__ import annotations

from decimal import Decimal

_RU_UNITS = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_RU_TEENS = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать",
             "семнадцать", "восемнадцать", "девятнадцать"]
_RU_TENS = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"]
_RU_HUNDREDS = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"]
_KK_UNITS = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
_KK_TENS = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]


def _ru_below_thousand(n: int, feminine: bool) -> list[str]:
    words = [_RU_HUNDREDS[n // 100]]
    rest = n % 100
    if 10 <= rest < 20:
        return [w for w in [*words, _RU_TEENS[rest - 10]] if w]
    unit = _RU_UNITS[rest % 10]
    if feminine and rest % 10 in (1, 2):
        unit = "одна" if rest % 10 == 1 else "две"
    return [w for w in [*words, _RU_TENS[rest // 10], unit] if w]


def _ru_thousands_word(n: int) -> str:
    if 10 <= n % 100 < 20 or n % 10 in (0, 5, 6, 7, 8, 9):
        return "тысяч"
    return "тысяча" if n % 10 == 1 else "тысячи"


def render_ru_words(n: int) -> str:
    """Russian cardinal in the nominative, 1 <= n <= 999 999."""
    if not 1 <= n <= 999_999:
        raise ValueError(n)
    thousands, rest = divmod(n, 1000)
    words = []
    if thousands:
        words += [*_ru_below_thousand(thousands, feminine=True), _ru_thousands_word(thousands)]
    return " ".join(words + _ru_below_thousand(rest, feminine=False))


def _kk_below_thousand(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words += ["жүз"] if hundreds == 1 else [_KK_UNITS[hundreds], "жүз"]
    return [w for w in [*words, _KK_TENS[rest // 10], _KK_UNITS[rest % 10]] if w]


def render_kk_words(n: int) -> str:
    """Kazakh cardinal, 1 <= n <= 999 999 ('мың' alone for 1000, 'жүз' alone for 100)."""
    if not 1 <= n <= 999_999:
        raise ValueError(n)
    thousands, rest = divmod(n, 1000)
    words = []
    if thousands:
        words += (["мың"] if thousands == 1 else [*_kk_below_thousand(thousands), "мың"])
    return " ".join(words + _kk_below_thousand(rest))


def group_digits(n: int, sep: str = " ") -> str:
    """'6 288 000' (``sep`` may be a space, NBSP or thin space)."""
    return f"{n:,}".replace(",", sep)


def decimal_comma(value: Decimal) -> str:
    """'7,8' for Decimal('7.8'); integers stay plain."""
    return format(value.normalize(), "f").replace(".", ",")
