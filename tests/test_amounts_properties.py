"""Property tests: a number rendered the way press releases write it parses back to its value."""

from __future__ import annotations

import math
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from aimaq.records import Amount
from aimaq.render import decimal_comma, group_digits, render_kk_words, render_ru_words
from aimaq.stages.amounts import find_amounts

SEPARATORS = st.sampled_from([" ", "\u00a0", "\u2009", "\u202f"])
SCALES = st.sampled_from([("млрд", 10**9), ("млн", 10**6), ("мың", 10**3), ("тыс.", 10**3), ("млн.", 10**6),
                          ("миллиарда", 10**9), ("миллион", 10**6), ("млрд.", 10**9)])
CURRENCY_AFTER = st.sampled_from([("тенге", "KZT"), ("теңге", "KZT"), ("теңгеге", "KZT"), ("теңгені", "KZT"),
                                  ("теңгеден", "KZT"), ("тг", "KZT"), ("евро", "EUR"), ("долларов", "USD"),
                                  ("АҚШ долларын", "USD"), ("рублей", "RUB"), ("юаней", "CNY")])
CURRENCY_BEFORE = st.sampled_from([("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("$ ", "USD"), ("€ ", "EUR")])
TEMPLATES_RU = ["Общая сумма составила {} на реализацию проектов.", "В рамках программы выделено {}, сообщили в акимате."]
TEMPLATES_KK = ["Жобаның жалпы құны {} құрайды.", "Облыс бойынша {} бөлінді."]
SETTINGS = settings(max_examples=60, deadline=None)


def _only(text: str, lang: str) -> Amount:
    found = find_amounts(text, lang=lang)
    assert len(found) == 1, (text, found)
    amount = found[0]
    assert text[amount.start : amount.end] == amount.text
    return amount


def _close(a: float, b: float | Decimal) -> bool:
    return math.isclose(a, float(b), rel_tol=1e-12)


@SETTINGS
@given(n=st.integers(1, 10**12), sep=SEPARATORS, cur=CURRENCY_AFTER, template=st.sampled_from(TEMPLATES_RU + TEMPLATES_KK))
def test_amounts_grouped_digits_parse_back(n: int, sep: str, cur: tuple[str, str], template: str) -> None:
    phrase = f"{group_digits(n, sep)} {cur[0]}"
    amount = _only(template.format(phrase), "ru")
    assert amount.kind == "money" and amount.currency == cur[1] and _close(amount.value, n)
    assert amount.text.startswith(group_digits(n, sep))


@SETTINGS
@given(whole=st.integers(1, 999), frac=st.integers(1, 99), scale=SCALES, cur=CURRENCY_AFTER,
       template=st.sampled_from(TEMPLATES_RU + TEMPLATES_KK))
def test_amounts_decimal_comma_with_scale(whole: int, frac: int, scale: tuple[str, int], cur: tuple[str, str],
                                          template: str) -> None:
    value = Decimal(whole) + Decimal(frac) / 100
    amount = _only(template.format(f"{decimal_comma(value)} {scale[0]} {cur[0]}"), "kk")
    assert amount.currency == cur[1] and _close(amount.value, value * scale[1])


@SETTINGS
@given(trillions=st.integers(1, 999), billions=st.integers(1, 999), cur=CURRENCY_AFTER)
def test_amounts_trillion_billion_compound(trillions: int, billions: int, cur: tuple[str, str]) -> None:
    text = f"Компании закупают товары на {trillions} трлн {billions} млрд {cur[0]} в год."
    amount = _only(text, "ru")
    assert amount.currency == cur[1] and _close(amount.value, trillions * 10**12 + billions * 10**9)


@SETTINGS
@given(whole=st.integers(1, 999), frac=st.integers(0, 9), scale=SCALES, cur=CURRENCY_BEFORE)
def test_amounts_currency_sign_before(whole: int, frac: int, scale: tuple[str, int], cur: tuple[str, str]) -> None:
    value = Decimal(whole) + Decimal(frac) / 10
    amount = _only(f"Стоимость контракта {cur[0]}{decimal_comma(value)} {scale[0]}, сообщает пресс-служба.", "ru")
    assert amount.text.startswith(cur[0].strip())
    assert amount.currency == cur[1] and _close(amount.value, value * scale[1])


@SETTINGS
@given(n=st.integers(1, 999_999), template=st.sampled_from(TEMPLATES_RU))
def test_amounts_russian_words_parse_back(n: int, template: str) -> None:
    amount = _only(template.format(f"{render_ru_words(n)} тенге"), "ru")
    assert amount.currency == "KZT" and _close(amount.value, n)


@SETTINGS
@given(n=st.integers(1, 999_999), template=st.sampled_from(TEMPLATES_KK))
def test_amounts_kazakh_words_parse_back(n: int, template: str) -> None:
    amount = _only(template.format(f"{render_kk_words(n)} теңге"), "kk")
    assert amount.currency == "KZT" and _close(amount.value, n)


@SETTINGS
@given(n=st.integers(2, 999_999), words=st.booleans())
def test_amounts_counts_parse_back(n: int, words: bool) -> None:
    number = render_ru_words(n) if words else group_digits(n)
    amount = _only(f"В конкурсе приняли участие {number} предпринимателей.", "ru")
    assert amount.kind == "count" and amount.unit == "предприниматель" and _close(amount.value, n)


@SETTINGS
@given(low=st.integers(1, 500), width=st.integers(1, 500), dash=st.sampled_from(["-", "–", "—", " – "]),
       scale=st.sampled_from([("млрд", 10**9), ("млн", 10**6), ("", 1)]))
def test_amounts_ranges_parse_back(low: int, width: int, dash: str, scale: tuple[str, int]) -> None:
    high = low + width
    assume(high <= 100 * low)  # farther apart, a bare lower end does not take the scale (pairs.py)
    text = f"На модернизацию направят {low}{dash}{high} {scale[0]} тенге.".replace("  ", " ")
    amount = _only(text, "ru")
    assert _close(amount.value, low * scale[1]) and amount.value_max is not None
    assert _close(amount.value_max, high * scale[1])


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-–%$€тенгмлрдыс№:абвАБВ\u00a0")), max_size=60))
def test_amounts_offsets_always_slice_back(text: str) -> None:
    for amount in find_amounts(text, lang="ru"):
        assert text[amount.start : amount.end] == amount.text
        assert amount.value >= 0 and (amount.value_max is None or amount.value_max > amount.value)


@SETTINGS
@given(n=st.integers(2, 999_999), words=st.booleans())
def test_amounts_kazakh_counts_parse_back(n: int, words: bool) -> None:
    number = render_kk_words(n) if words else group_digits(n)
    amount = _only(f"Өңірде {number} кәсіпорын жұмыс істейді.", "kk")
    assert amount.kind == "count" and amount.unit == "кәсіпорын" and _close(amount.value, n)
