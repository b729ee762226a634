"""Amounts stage: Kazakh suffixes on '%' and scale words, two-word and adjective+noun units, durations that
are no amounts, and parts of a stated count after 'из них' (own example sentences, kk and ru)."""

from __future__ import annotations

import pytest

from aimaq.records import Amount
from aimaq.stages.amounts import find_amounts


def _amounts(text: str, lang: str) -> list[Amount]:
    found = find_amounts(text, lang=lang)  # type: ignore[arg-type]
    for a in found:
        assert text[a.start : a.end] == a.text
    return found


def _view(found: list[Amount]) -> list[tuple[str, float, str, str | None]]:
    return [(a.kind, a.value, a.qualifier, a.unit) for a in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ауданның егіс алқабының 28%-ы суармалы жер.", [("percent", 28.0, "exact", None)]),
        ("Қонақтардың 17%-ы шетелден келді.", [("percent", 17.0, "exact", None)]),
        ("Тұрғындардың 55%-дан астамы таза ауыз сумен қамтылған.", [("percent", 55.0, "more_than", None)]),
        ("Кәсіпкерлердің 9%-ға жуығы несие алды.", [("percent", 9.0, "approx", None)]),
    ],
)
def test_amounts_kk_suffixes_percent_with_a_case_suffix(text: str, expected: list) -> None:
    assert _view(_amounts(text, "kk")) == expected


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("Өткен жылы облысқа 2,4 млн-нан астам турист келді.", 2_400_000, "more_than", "турист"),
        ("Көрмеге 1,5 мың-нан астам адам қатысты.", 1_500, "more_than", "адам"),
        ("Жобаға 3 млн-ға жуық тұрғын тартылды.", 3_000_000, "approx", "тұрғын"),
    ],
)
def test_amounts_kk_suffixes_case_suffix_on_a_scale_word(text: str, value: float, qualifier: str, unit: str) -> None:
    (found,) = _amounts(text, "kk")
    assert (found.kind, found.value, found.qualifier, found.unit) == ("count", value, qualifier, unit)


def test_amounts_kk_suffixes_money_after_a_scale_is_still_money() -> None:
    (found,) = _amounts("Жобаның құны 4,5 млрд теңгені құрады.", "kk")
    assert (found.kind, found.value, found.currency) == ("money", 4_500_000_000, "KZT")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Биыл 18 елді мекенді ауыз сумен қамту жоспарланған.", 18, "елді мекен"),
        ("Ауданда 7 елді мекен газдандырылды.", 7, "елді мекен"),
        ("Қалада 12 көпқабатты үй пайдалануға берілді.", 12, "үй"),
        ("Ауданда 6 мектепті жөндеуден өткізді.", 6, "мектеп"),
    ],
)
def test_amounts_kk_suffixes_compound_and_adjective_units(text: str, value: float, unit: str) -> None:
    (found,) = _amounts(text, "kk")
    assert (found.kind, found.value, found.unit) == ("count", value, unit)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("kk", "Нысан екі жылда салынады."),
        ("kk", "Жол төрт айда жөнделді."),
        ("kk", "Бағдарлама үш жыл ішінде іске асады."),
        ("kk", "Кәсіпорын он жыл бұрын ашылған."),
        ("kk", "Құрылыс 5 айда аяқталды."),
        ("ru", "Мост построят за три года."),
        ("ru", "Работы завершили за 8 месяцев."),
        ("ru", "В течение пяти лет программа не менялась."),
    ],
)
def test_amounts_kk_suffixes_durations_are_no_amounts(lang: str, text: str) -> None:
    assert _amounts(text, lang) == []


def test_amounts_kk_suffixes_a_count_of_years_is_still_read_elsewhere() -> None:
    (found,) = _amounts("Облыста 40 жыл еңбек өтілі бар 120 мұғалім марапатталды.", "kk")[-1:]
    assert (found.value, found.unit) == (120, "мұғалім")


@pytest.mark.parametrize(
    ("lang", "text", "values", "unit"),
    [
        ("ru", "На заводе создано 850 рабочих мест, из них 600 – постоянные.", [850, 600], "место"),
        ("ru", "В районе открыто 40 кружков, в том числе 12 – в сельских школах.", [40, 12], "кружок"),
        ("kk", "Ауданда 30 мектеп бар, оның ішінде 8 – шағын жинақты.", [30, 8], "мектеп"),
    ],
)
def test_amounts_kk_suffixes_part_of_a_count_after_iz_nikh(lang: str, text: str, values: list, unit: str) -> None:
    found = _amounts(text, lang)
    assert [(a.value, a.unit) for a in found] == [(v, unit) for v in values]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Износ сетей составляет более 45%."),
        ("ru", "Износ сетей составляет свыше 45 процентов."),
        ("kk", "Желілердің тозуы 45%-дан асады."),
    ],
)
def test_amounts_kk_suffixes_percent_more_than(lang: str, text: str) -> None:
    assert _view(_amounts(text, lang)) == [("percent", 45.0, "more_than", None)]
