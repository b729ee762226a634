"""Amounts stage: what a count counts when the noun stands before it, elliptic counts, qualifiers inside
changes, coordinated adjectives and measure abbreviations (own example sentences, kk and ru)."""

from __future__ import annotations

import pytest

from amount_checks import amounts_of as _amounts
from amount_checks import changes_of as _changes
from amount_checks import view as _view

# --- the noun of 'число X' / 'X саны' before a count without a noun -----------------------------------------
HEAD_CHANGES = [
    ("kk", "Облыстағы шаруа қожалықтарының саны былтыр 240-тан 315-ке дейін артты.", 240, 315, "қожалық"),
    ("kk", "Аудандағы мектептер саны 18-ден 23-ке жетті.", 18, 23, "мектеп"),
    ("kk", "Жылыжайлар саны 2021 жылы 14-тен 2023 жылы 29-ға дейін көбейді.", 14, 29, "жылыжай"),
    ("kk", "Келушілер саны 80 мыңнан 120 мыңға дейін өседі деп болжанады.", 80_000, 120_000, "келуші"),
    ("kk", "Компьютерлер саны 40-тан 65-ке дейін артты.", 40, 65, "компьютер"),
    ("kk", "Журналистер саны 30-дан 45-ке жетті.", 30, 45, "журналист"),
    ("ru", "Количество фермерских хозяйств увеличилось с 210 до 287.", 210, 287, "хозяйство"),
    ("ru", "Число частных детских садов в городе выросло с 19 до 34.", 19, 34, "сад"),
    ("ru", "За последние годы численность волонтеров возросла с 800 до 1 300.", 800, 1300, "волонтер"),
]


@pytest.mark.parametrize(("lang", "text", "before", "after", "unit"), HEAD_CHANGES)
def test_amounts_units_head_noun_before_a_change(lang: str, text: str, before: float, after: float,
                                                 unit: str) -> None:
    found = _amounts(text, lang)
    assert _view(found) == [("count", before, "exact", unit), ("count", after, "exact", unit)]
    (change,) = _changes(text, lang)
    assert (change.before.value, change.after.value) == (before, after)


@pytest.mark.parametrize(("lang", "text", "value", "unit"), [
    ("kk", "Жұмыссыздар саны 5 мыңға азайды.", 5000, "жұмыссыз"),
    ("kk", "Өңірдегі туристер саны 1,2 миллионға жетті.", 1_200_000, "турист"),
    ("ru", "Число малых предприятий в районе выросло до 64.", 64, "предприятие"),
    ("ru", "По его словам, число участников, прошедших обучение, достигло 450.", 450, "участник"),
    ("ru", "Количество обращений в 2023 году составило 5 тысяч.", 5000, "обращение"),
])
def test_amounts_units_head_noun_before_a_single_count(lang: str, text: str, value: float, unit: str) -> None:
    (a,) = _amounts(text, lang)
    assert (a.kind, a.value, a.unit, a.rule) == ("count", value, unit, "count_head_noun")


@pytest.mark.parametrize(("lang", "text", "units"), [
    ("kk", "Олардың саны 12-ден 19-ға дейін өсті.", [None, None]),  # a pronoun names nothing
    ("ru", "Объем экспорта вырос с 5 до 12.", [None, None]),  # 'объем' is no 'number of'
    ("ru", "Число 5 считается счастливым.", []),
    ("ru", "Число проектов выросло. В парке 7 павильонов и 3 кафе.", ["павильон", "кафе"]),
])
def test_amounts_units_head_noun_only_where_named(lang: str, text: str, units: list[str | None]) -> None:
    assert [a.unit for a in _amounts(text, lang)] == units


@pytest.mark.parametrize(("text", "unit"), [
    ("Жолаушылар ағыны 2026 жылы 900 мыңға дейін өседі.", None),
    ("Тауарлар экспорты 2030 жылға қарай 40 мыңға дейін артады.", None),
    ("Мұражайға 12 мыңнан астам келуші келеді.", "келуші"),
])
def test_amounts_units_verb_is_never_a_unit(text: str, unit: str | None) -> None:
    (a,) = _amounts(text, "kk")
    assert a.unit == unit


# --- 'до' / 'дейін' inside a change is 'to', not 'up to' -----------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "before", "after", "currency"), [
    ("ru", "Расходы сократились с 95 млрд тенге в 2021 году до 80 млрд тенге в 2023 году.", 95e9, 80e9, "KZT"),
    ("ru", "Экспорт увеличился с 1,5 млрд долларов в 2020 г. до 2,1 млрд долларов.", 1.5e9, 2.1e9, "USD"),
    ("kk", "Салық түсімі 2020 жылы 40 млрд теңгеден 2023 жылы 55 млрд теңгеге дейін өсті.", 40e9, 55e9, "KZT"),
    ("kk", "Жолаушылар саны 2019 жылы 200 мыңнан 2024 жылы 350 мыңға дейін артты.", 2e5, 3.5e5, None),
])
def test_amounts_units_change_with_years_between(lang: str, text: str, before: float, after: float,
                                                  currency: str | None) -> None:
    found = _amounts(text, lang)
    assert [(a.value, a.qualifier, a.currency) for a in found] == [(before, "exact", currency), (after, "exact", currency)]
    (change,) = _changes(text, lang)
    assert (change.before.value, change.after.value) == (before, after)


@pytest.mark.parametrize(("lang", "text", "qualifier"), [
    ("ru", "Экспорт вырастет до 5 млрд долларов.", "exact"),
    ("kk", "Экспорт 2030 жылға қарай 5 млрд долларға дейін артады.", "exact"),
    ("kk", "Грант сомасы 5 млн теңгеге дейін болады.", "up_to"),
    ("ru", "Гранты выдаются на сумму до 5 млн тенге.", "up_to"),
])
def test_amounts_units_to_after_a_change_verb_is_exact(lang: str, text: str, qualifier: str) -> None:
    (a,) = _amounts(text, lang)
    assert (a.value, a.qualifier) == (5e6 if "млн" in text else 5e9, qualifier)


# --- qualifiers and coordinated adjectives before the noun ----------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "value", "qualifier", "unit"), [
    ("kk", "Өңірде 80-нен астам шағын және орта кәсіпорын тіркелді.", 80, "more_than", "кәсіпорын"),
    ("kk", "Семинарға 100-ден астам кәсіпкер қатысты.", 100, "more_than", "кәсіпкер"),
    ("kk", "Шамамен 20 отбасы жаңа пәтерге көшті.", 20, "approx", "отбасы"),
    ("kk", "Көрмеге 30-дан астам отандық және шетелдік компания қатысады.", 30, "more_than", "компания"),
    ("ru", "Более 40 малых и средних предприятий получили гранты.", 40, "more_than", "предприятие"),
    ("ru", "Около 300 человек приняли участие в ярмарке.", 300, "approx", "человек"),
    ("ru", "Свыше 25 сельских или районных библиотек обновили фонды.", 25, "more_than", "библиотека"),
])
def test_amounts_units_qualified_counts_with_coordinated_adjectives(lang: str, text: str, value: float,
                                                                   qualifier: str, unit: str) -> None:
    (a,) = _amounts(text, lang)
    assert (a.kind, a.value, a.qualifier, a.unit) == ("count", value, qualifier, unit)


def test_amounts_units_conjunction_before_a_noun_still_stops() -> None:
    # 'қалалық және қала маңындағы бағыт': the conjunction joins an adjective and a noun phrase
    assert _amounts("Ауданда 24 қалалық және қала маңындағы бағыт бар.", "kk") == []


# --- elliptic counts: 'было 35 предприятий, сейчас – 49' --------------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "before", "after", "unit", "change"), [
    ("ru", "В 2019 году в районе работало 8 детских садов, сегодня – 14.", 8, 14, "сад", True),
    ("ru", "Раньше было 120 фермерских хозяйств, сейчас — 175.", 120, 175, "хозяйство", True),
    ("kk", "2019 жылы ауданда 8 балабақша болса, қазір – 14.", 8, 14, "балабақша", True),
    ("ru", "В этом году проведено 12 встреч, в 2022 году – 9.", 12, 9, "встреча", False),
])
def test_amounts_units_elliptic_count_after_a_dash(lang: str, text: str, before: float, after: float, unit: str,
                                                   change: bool) -> None:
    found = _amounts(text, lang)
    assert _view(found) == [("count", before, "exact", unit), ("count", after, "exact", unit)]
    assert found[1].rule == "count_elided_noun"
    changes = _changes(text, lang)
    assert [(c.before.value, c.after.value) for c in changes] == ([(before, after)] if change else [])


@pytest.mark.parametrize("text", [
    "Проект стартовал в 2019 году – 2020 год стал пиковым.",
    "Сейчас – 15 часов, совещание начнется позже.",
    "Открыто 3 школы. Сейчас – 49.",
])
def test_amounts_units_no_elliptic_count_without_an_earlier_count(text: str) -> None:
    assert all(a.rule != "count_elided_noun" for a in _amounts(text, "ru"))


# --- units of measure keep their abbreviation ------------------------------------------------------------------
@pytest.mark.parametrize(("text", "unit"), [
    ("Отремонтировано 45 км дорог.", "км"),
    ("Засеяно 1 200 га пшеницы.", "га"),
    ("Введена станция мощностью 50 МВт.", "мвт"),
    ("На форум приехали 350 чел. из соседних стран.", "человек"),
    ("Собрано 300 тонн зерна.", "тонна"),
])
def test_amounts_units_measure_abbreviation_kept(text: str, unit: str) -> None:
    (a,) = _amounts(text, "ru")
    assert (a.kind, a.unit) == ("count", unit)
