"""Fact types version 2 (shared/schema/facts.md): growth versus share, the new money and count types,
allocation verbs, capacities. Every sentence here is written for this test."""

import re

import pytest

from aimaq.records import Amount
from aimaq.stages.facts import classify
from aimaq.stages.facts.counts import is_capacity


def _amount(sentence: str, needle: str, kind: str, unit: str | None = None, currency: str | None = None,
            value: float = 1.0, qualifier: str = "exact") -> Amount:
    start = sentence.index(needle)
    return Amount(kind, value, None, qualifier, currency, unit, needle, start, start + len(needle))


def _percent(sentence: str, needle: str) -> Amount:
    value = float(re.match(r"[\d,]+", needle).group().replace(",", "."))
    return _amount(sentence, needle, "percent", value=value)


@pytest.mark.parametrize(
    ("sentence", "needle", "expected"),
    [
        # growth: a change word with 'на N%' or a dative 'N%-ға', a comparative, an index, a value over 100
        ("Объём промышленного производства вырос на 12,4% за год.", "12,4%", "growth"),
        ("Грузооборот и пассажирооборот увеличились на 8% и 11% соответственно.", "11%", "growth"),
        ("Цемента выпущено на 5,5% больше, чем годом ранее.", "5,5%", "growth"),
        ("Индекс физического объёма в обрабатывающей промышленности составил 107,2%.", "107,2%", "growth"),
        ("Очередь на жильё сократилась на 18%.", "18%", "growth"),
        ("Ауыл шаруашылығы өнімінің көлемі 9,1%-ға өсті.", "9,1%-ға", "growth"),
        ("Құрылыс жұмыстарының көлемі өткен жылмен салыстырғанда 14%-ға көп.", "14%-ға", "growth"),
        ("Өңірдегі экономикалық өсім 3,8 пайызды құрады.", "3,8 пайыз", "growth"),
        ("Өнеркәсіп – 112%, сауда – 106%-ға артты.", "112%", "growth"),
        ("Өнеркәсіп – 112%, көлік (7,5%) және сауда салалары өсті.", "7,5%", "growth"),
        # share: a share word, a part suffix, a genitive after the number, a level reached
        ("Доля малого бизнеса в экономике района достигла 31%.", "31%", "share"),
        ("Около 45% выпускников остались работать в селе.", "45%", "share"),
        ("Уровень безработицы снизился до 4,2%.", "4,2%", "share"),
        ("Охват детей дошкольным образованием составил 96%.", "96%", "share"),
        ("Экспорт вырос на 17%, а на долю района приходится 6%.", "17%", "growth"),
        ("Экспорт вырос на 17%, а на долю района приходится 6%.", "6%", "share"),
        ("Тұрғындардың 64%-ы таза ауыз сумен қамтылған.", "64%-ы", "share"),
        ("Жобалардың 30 пайызы ауылда іске асады.", "30 пайыз", "share"),
        ("Газбен қамтылу деңгейі 57 пайызға дейін артады.", "57 пайыз", "share"),
        ("Өнімнің 25%-дан астамы экспортқа шығарылады.", "25%", "share"),
        ("Фермерлердің 12%-ында өнім көлемі артты.", "12%-ында", "share"),
        # neither: interest and completion rates, a gap to another region
        ("Кредиты выдаются под 6% годовых.", "6%", None),
        ("Строительство школы выполнено на 80%.", "80%", None),
        ("Мектептің құрылысы 75 пайызға орындалды.", "75 пайыз", None),
        ("Жеңілдетілген 4% несие беріледі.", "4%", None),
        ("Зарплата выросла на 9% и превысила средний уровень по стране на 12%.", "12%", None),
    ],
)
def test_facts_types_percent_is_growth_share_or_nothing(sentence: str, needle: str, expected: str | None) -> None:
    assert classify(_percent(sentence, needle), sentence, 0) == expected


@pytest.mark.parametrize(
    ("sentence", "needle", "currency", "expected"),
    [
        ("Валовой региональный продукт достиг 4,1 трлн тенге.", "4,1 трлн тенге", "KZT", "grp"),
        ("Облыстың жалпы өңірлік өнімі 3,2 трлн теңгеге жетті.", "3,2 трлн теңге", "KZT", "grp"),
        ("Произведено промышленной продукции на 950 млрд тенге.", "950 млрд тенге", "KZT", "output"),
        ("Өңірде 420 млрд теңгенің өнеркәсіп өнімі өндірілді.", "420 млрд теңге", "KZT", "output"),
        ("Объём строительных работ составил 210 млрд тенге.", "210 млрд тенге", "KZT", "output"),
        ("Внешнеторговый оборот составил 1,2 млрд долларов.", "1,2 млрд долларов", "USD", "trade"),
        ("Облыстың экспорты 640 млн долларға жетті.", "640 млн доллар", "USD", "trade"),
        ("Среднемесячная заработная плата выросла до 356 тыс. тенге.", "356 тыс. тенге", "KZT", "wage"),
        ("Орташа айлық жалақы 298 мың теңгені құрады.", "298 мың теңге", "KZT", "wage"),
        ("Налоговые поступления в местный бюджет составили 88 млрд тенге.", "88 млрд тенге", "KZT", "tax_revenue"),
        ("Жергілікті бюджетке 61 млрд теңге салық түсті.", "61 млрд теңге", "KZT", "tax_revenue"),
        # allocation verbs in every form are budget
        ("На ремонт школ планируется выделить 3,4 млрд тенге.", "3,4 млрд тенге", "KZT", "budget"),
        ("На эти цели предусмотрены 700 млн тенге.", "700 млн тенге", "KZT", "budget"),
        ("Облысқа 5 млрд теңге бөлінеді.", "5 млрд теңге", "KZT", "budget"),
        ("Әкім жол жөндеуге 2 млрд теңге бөлетінін айтты.", "2 млрд теңге", "KZT", "budget"),
        ("Бағдарламаға 12 млрд теңге қарастырылған.", "12 млрд теңге", "KZT", "budget"),
        ("На дороги направлено 9 млрд тенге.", "9 млрд тенге", "KZT", "budget"),
        ("Дополнительные 300 млн тенге пока не предусмотрены.", "300 млн тенге", "KZT", None),
        # an aside in parentheses names nothing for an amount outside it
        ("Району (по программе льготных кредитов) выделено 2 млрд тенге.", "2 млрд тенге", "KZT", "budget"),
        # a figure no type records takes nothing from the rest of its sentence
        ("Зарплата учителей выросла, а среднедушевой доход составил 150 тыс. тенге.", "150 тыс. тенге", "KZT",
         None),
        # a cost keyword right before the amount yields to output named in its clause
        ("Жалпы құны 800 млрд теңге болатын өнім өндірілді.", "800 млрд теңге", "KZT", "output"),
        ("Общей стоимостью 12 млрд тенге открыт новый цех.", "12 млрд тенге", "KZT", "project_cost"),
        # investment projects have a cost; investment itself is investment
        ("Жалпы құны 90 млрд теңге болатын 12 инвестициялық жоба іске қосылды.", "90 млрд теңге", "KZT",
         "project_cost"),
        ("Реализованы 14 инвестиционных проектов на сумму 65 млрд тенге.", "65 млрд тенге", "KZT", "project_cost"),
        ("Подписано 9 меморандумов на 300 млрд тенге.", "300 млрд тенге", "KZT", "investment"),
        ("Новый цех построен за 1,8 млрд тенге.", "1,8 млрд тенге", "KZT", "project_cost"),
    ],
)
def test_facts_types_money(sentence: str, needle: str, currency: str, expected: str | None) -> None:
    assert classify(_amount(sentence, needle, "money", currency=currency), sentence, 0) == expected


@pytest.mark.parametrize(
    ("sentence", "needle", "unit", "expected"),
    [
        # facilities
        ("В районе построено 7 школ и 4 детских сада.", "7", "школа", "facilities"),
        ("В районе построено 7 школ и 4 детских сада.", "4", "сад", "facilities"),
        ("Заложено 5 интенсивных садов.", "5", "сад", None),
        ("Биыл 5 мектеп пен 3 балабақша салынады.", "3", "балабақша", "facilities"),
        ("Облыста 14 жаңа нысан пайдалануға берілді.", "14", "нысан", "facilities"),
        ("Отремонтировано 23 медицинских объекта.", "23", "объект", "facilities"),
        # housing: dwellings, square metres of housing, families given flats
        ("Введено 410 тыс. кв. метров жилья.", "410 тыс.", "кв. метр", "housing"),
        ("Введено 410 тыс. кв. метров жилья.", "410 тыс.", "метр", "housing"),
        ("Биыл 250 мың шаршы метр тұрғын үй пайдалануға беріледі.", "250 мың", "шаршы метр", "housing"),
        ("Площадь цеха – 2 000 кв. метров.", "2 000", "кв. метр", None),
        ("1 200 отбасы жаңа пәтерге қоныстанды.", "1 200", "отбасы", "housing"),
        ("300 семей получили ключи от квартир.", "300", "семья", "housing"),
        ("Жылына 60 отбасы әлеуметтік көмек алады.", "60", "отбасы", "people"),
        ("Построено 35 многоквартирных домов.", "35", "дом", "housing"),
        ("Ауданда 8 көпқабатты тұрғын үй салынды.", "8", "тұрғын", "housing"),
        ("Ауданда 8 көпқабатты тұрғын үй салынды.", "8", "тұрғын үй", "housing"),
        ("Ауылда 2 мыңнан астам тұрғын тұрады.", "2 мыңнан", "тұрғын", "people"),
        ("Ауылда 3 мәдениет үйі ашылды.", "3", "үй", "facilities"),
        # roads and networks
        ("Отремонтировано 120 км дорог.", "120", "км", "roads"),
        ("Ауданда 45 шақырым су құбыры тартылды.", "45", "шақырым", "roads"),
        ("Парк расположен в 15 км от центра.", "15", "км", None),
        # physical production
        ("Собрано 2,3 млн тонн зерна.", "2,3 млн", "тонна", "production"),
        ("Егіс алқабы 800 мың гектарға жетті.", "800 мың", "гектар", "production"),
        ("Под индустриальную зону отведено 120 гектаров земли.", "120", "гектар", None),
        ("Шаруашылықта 1 500 бас ірі қара бар.", "1 500", "бас", "production"),
        ("Построена электростанция мощностью 200 МВт.", "200", "мвт", "production"),
        ("Введён элеватор вместимостью 40 тыс. тонн.", "40 тыс.", "тонна", None),
        ("Зауыт жылына 30 млн кірпіш шығарады.", "30 млн", "кірпіш", "production"),
        ("Форум жылына 3 рет өтеді.", "3", "рет", None),
    ],
)
def test_facts_types_counts(sentence: str, needle: str, unit: str, expected: str | None) -> None:
    assert classify(_amount(sentence, needle, "count", unit=unit), sentence, 0) == expected


@pytest.mark.parametrize(
    ("sentence", "needle", "unit", "capacity"),
    [
        ("Открыта новая школа на 900 мест.", "900", "место", True),
        ("Построены 6 школ на 3 600 ученических мест.", "3 600", "место", True),
        ("Сдан детский сад вместимостью 320 мест.", "320", "место", True),
        ("Ауылда 600 орындық мектеп салынды.", "600", "орын", True),
        ("Завод на 250 рабочих мест запущен в районе.", "250", "место", False),
        ("На предприятии создано 140 рабочих мест.", "140", "место", False),
        ("Жаңа цехта 80 жұмыс орны ашылды.", "80", "орын", False),
    ],
)
def test_facts_types_places_in_a_school_are_a_capacity_not_jobs(sentence: str, needle: str, unit: str,
                                                                 capacity: bool) -> None:
    amount = _amount(sentence, needle, "count", unit=unit)
    assert is_capacity(amount, sentence, 0) is capacity
    assert classify(amount, sentence, 0) == (None if capacity else "jobs")


def test_facts_types_six_schools_for_3600_places_are_six_facilities() -> None:
    sentence = "Построены 6 школ на 3 600 ученических мест."
    schools = _amount(sentence, "6", "count", unit="школа")
    places = _amount(sentence, "3 600", "count", unit="место")
    assert (classify(schools, sentence, 0), classify(places, sentence, 0)) == ("facilities", None)
