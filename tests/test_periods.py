import pytest

from aimaq.records import Period
from aimaq.stages.facts.periods import find_period


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        ("Программа развития территорий на 2016-2020 годы принята.", None, Period("2016", "2020")),
        ("Общий бюджет проекта (2013–2017 гг.) составляет 6 млн евро.", None, Period("2013", "2017")),
        ("2021-2025 жылдарға арналған бағдарлама бекітілді.", None, Period("2021", "2025")),
        ("С 2019 года открыто 40 предприятий.", None, Period("2019", None)),
        ("2019 жылдан бастап 40 кәсіпорын ашылды.", None, Period("2019", None)),
        ("До 2013 года действовало 5 предприятий.", None, Period(None, "2013")),
        ("2013 жылға дейін 5 кәсіпорын жұмыс істеді.", None, Period(None, "2013")),
        ("За 10 месяцев привлечено 40 млрд тенге инвестиций.", "2024-11-20", Period("2024-01", "2024-10")),
        ("10 айдың қорытындысы бойынша 40 млрд теңге тартылды.", "2024-11-20", Period("2024-01", "2024-10")),
        ("В текущем году планируется открыть 3 производства.", "2023-05-02", Period("2023", "2023")),
        ("Биыл 3 өндіріс іске қосылады.", "2023-05-02", Period("2023", "2023")),
        ("В прошлом году создано 500 рабочих мест.", "2023-05-02", Period("2022", "2022")),
        ("В 2022 году создано 500 рабочих мест.", None, Period("2022", "2022")),
        ("2022 жылы 500 жұмыс орны ашылды.", None, Period("2022", "2022")),
    ],
)
def test_periods_stated_span(sentence: str, date: str | None, expected: Period) -> None:
    assert find_period(sentence, date) == expected


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("Создано 500 рабочих мест.", "2023-05-02"),
        ("В текущем году планируется открыть 3 производства.", None),  # no document date: unknown year
        ("500 жұмыс орны ашылды.", None),
    ],
)
def test_periods_none_when_not_stated(sentence: str, date: str | None) -> None:
    assert find_period(sentence, date) is None
