from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aimaq.records import Span
from aimaq.stages.segment import (
    KINDS,
    RULES,
    abbreviations,
    explain_sentences,
    split_sentences,
)
from aimaq.text.tokens import Token, tokenize


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numbers and money: a unit joins before a lowercase word or a digit
        ("На сумму 7,8 млрд. тенге выделено средств.", 1),
        ("Жалпы құны 7,8 млрд. теңгені құрайтын жоба дайындалды.", 1),
        ("Товары закупают на 1 трлн. 400 млрд. тенге ежегодно.", 1),
        ("Выделено 500 тыс. тенге на ремонт.", 1),
        ("Жобаға 8 мың. адам қатысты.", 1),
        ("Стоимость составила 500 руб. в месяц.", 1),
        # ... and ends a sentence before a capitalised word
        ("Выделено 500 тыс. Проект одобрен.", 2),
        ("Стоимость составила 500 руб. Оплата помесячная.", 2),
        # years: 'г.' after a number; the fronted date rule
        ("В 2013 г. Правительство утвердило программу.", 1),
        ("С 1 января 2013 г. Министерство ввело новые правила.", 1),
        ("Программа завершилась в 2020 г. Это позволило создать рабочие места.", 2),
        ("Общий бюджет проекта (2013-2017 гг.) составляет 6 288 000 евро.", 1),
        ("Проект реализован в 2013-2017 гг. Затем начался второй этап.", 2),
        ("2013 ж. Маңғыстау облысында 5 кәсіпорын ашылды.", 1),
        ("Жоба 2013 ж. басталды.", 1),
        ("Жоба 2017 ж. аяқталды. Келесі кезең жоспарлануда.", 2),
        ("2016-2020 жж. арналған аумақты дамыту бағдарламасы қабылданды.", 1),
        # 'г.' before a name is a town
        ("Встреча прошла в г. Актау при участии акима.", 1),
        ("Встреча прошла в г. Актау. На ней присутствовал аким.", 2),
        # prefixes never end a sentence
        ("Работы ведутся на ул. Абая в центре города.", 1),
        ("Работы ведутся на ул. Абая. Завершение планируется летом.", 2),
        ("Школа им. Абая отметила юбилей.", 1),
        ("Подробности в приложении (см. Приложение 2) к отчёту.", 1),
        ("Это значит, т.е. Астана станет хабом.", 1),
        ("Жиынға ш. 500 адам қатысты.", 1),
        ("Ақтау қ. әкімі жиын өткізді.", 1),
        ("Бейнеуский р-н. получил средства.", 1),
        # closers end a sentence unless a lowercase word follows
        ("Строительство, ремонт и т.д. Все работы завершены.", 2),
        ("Строительство, ремонт и т. д. Все работы завершены.", 2),
        ("Строительство, ремонт и т.д. и т.п. были завершены.", 1),
        ("Құрылыс, жөндеу және т.б. Барлық жұмыстар аяқталды.", 2),
        ("Құрылыс, жөндеу және т.б. жұмыстар аяқталды.", 1),
        ("Әкім жол, су т.с.с. мәселелерді қарады.", 1),
        ("Әкім жол, су т.с.с. Келесі жиын мамырда өтеді.", 2),
        ("Траян Христеа, Т.Б. Смит и др. Все они выступили.", 2),
        # a number abbreviation followed by the true end of the sentence
        ("Жалпы құны 7,8 млрд. теңге. Келесі жылы жалғасады.", 2),
        ("Бюджет составил 7,8 млрд. тенге. Далее выступил аким.", 2),
    ],
)
def test_segment_abbreviations(text: str, expected: int) -> None:
    assert len(sentences(text)) == expected, sentences(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Выступил А. Айдарбаев на совещании.", ["Выступил А. Айдарбаев на совещании."]),
        ("Выступил Н.А. Назарбаев. Он отметил рост.", ["Выступил Н.А. Назарбаев.", "Он отметил рост."]),
        ("Айдарбаев А.Б. отметил важность проекта.", ["Айдарбаев А.Б. отметил важность проекта."]),
        (
            "С докладом выступил Айдарбаев А.Б. Он отметил важность проекта.",
            ["С докладом выступил Айдарбаев А.Б.", "Он отметил важность проекта."],
        ),
        ("Жиынға облыс әкімі А. Айдарбаев қатысты.", ["Жиынға облыс әкімі А. Айдарбаев қатысты."]),
        ("Елбасы Н.Ә. Назарбаев жолдау жариялады.", ["Елбасы Н.Ә. Назарбаев жолдау жариялады."]),
        (
            "Жиында облыс әкімі Айдарбаев А.Б. Ол жобаның маңызын атап өтті.",
            ["Жиында облыс әкімі Айдарбаев А.Б.", "Ол жобаның маңызын атап өтті."],
        ),
        ("Әкімнің орынбасары Ш. Илмұханбетова сөз сөйледі.", ["Әкімнің орынбасары Ш. Илмұханбетова сөз сөйледі."]),
    ],
)
def test_segment_initials(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Все готово? Да.", ["Все готово?", "Да."]),
        ("Бәрі дайын ба? Иә, дайын!", ["Бәрі дайын ба?", "Иә, дайын!"]),
        ("Мы рады! Работа продолжается.", ["Мы рады!", "Работа продолжается."]),
        (
            "Нурлан Ногаев подвёл итоги. - Как вы знаете, закон принят.",
            ["Нурлан Ногаев подвёл итоги.", "- Как вы знаете, закон принят."],
        ),
        (
            "Әкім жиынды ашты. – Біз бұл жобаны жалғастырамыз, - деді ол. Кейін сөз кезегі берілді.",
            ["Әкім жиынды ашты.", "– Біз бұл жобаны жалғастырамыз, - деді ол.", "Кейін сөз кезегі берілді."],
        ),
        ("Мы рады! - отметил аким. Затем он ушёл.", ["Мы рады! - отметил аким.", "Затем он ушёл."]),
        ("Бұл маңызды! – деді әкім.", ["Бұл маңызды! – деді әкім."]),
        ("Он сказал: «Мы готовы.» Затем ушёл.", ["Он сказал: «Мы готовы.»", "Затем ушёл."]),
        ("Жұмыс жалғасуда... бірақ баяу.", ["Жұмыс жалғасуда... бірақ баяу."]),
        ("Жұмыс жалғасуда… Келесі кезең басталады.", ["Жұмыс жалғасуда…", "Келесі кезең басталады."]),
        ("Аким посетил район.Аким провёл встречу.", ["Аким посетил район.", "Аким провёл встречу."]),
        ("Подробнее на сайте www.kzregdev.kz. Материалы доступны.", ["Подробнее на сайте www.kzregdev.kz.", "Материалы доступны."]),
        ("Рост составил 7.8 процента.", ["Рост составил 7.8 процента."]),
        ("2013 жылдан бастап жоба басталды. 2016 жылы аяқталды.", ["2013 жылдан бастап жоба басталды.", "2016 жылы аяқталды."]),
    ],
)
def test_segment_sentence_ends(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Заголовок\nПервое предложение. Второе.", ["Заголовок", "Первое предложение.", "Второе."]),
        ("Бірінші абзац\n\nекінші абзац", ["Бірінші абзац", "екінші абзац"]),
        ("строка продолжается\nна следующей строке.", ["строка продолжается\nна следующей строке."]),
        ("Строка закончена.\nновая строка", ["Строка закончена.", "новая строка"]),
        ("  Пресс-служба акимата  \r\n", ["Пресс-служба акимата"]),
    ],
)
def test_segment_line_breaks(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "offset", "split", "rule"),
    [
        ("7,8 млрд. теңге.", 9, False, "lowercase_next"),
        ("В 2013 г. Правительство утвердило.", 9, False, "abbrev_fronted_date"),
        ("Срок истёк в 2020 г. Это важно.", 20, True, "abbrev_end"),
        ("Выступил А. Айдарбаев.", 11, False, "initials"),
        ("Выступил Айдарбаев А.Б. Он ушёл.", 23, True, "initials_after_surname"),
        ("на ул. Абая", 6, False, "abbrev_prefix"),
        ("1 трлн. 400 млрд.", 7, False, "abbrev_before_number"),
        ("Итоги. Далее", 6, True, "default"),
        ("Мы рады! - отметил он.", 8, False, "speech_attribution"),
    ],
)
def test_segment_explain_names_the_rule(text: str, offset: int, split: bool, rule: str) -> None:
    decisions = {b.offset: b for b in explain_sentences(text)}
    assert (decisions[offset].split, decisions[offset].rule) == (split, rule)
    assert rule in {name for name, _ in RULES}


def test_segment_abbreviation_data() -> None:
    table = abbreviations()
    assert table["млрд."] == ("unit", "unit")
    assert table["г."] == ("year", "prefix")
    assert table["ж."] == ("year", "year")
    assert table["т.б."] == ("closer", "closer")
    assert table["ул."] == ("prefix", "prefix")
    assert all(kind in KINDS for kinds in table.values() for kind in kinds)
    assert all(abbr.endswith(".") and abbr == abbr.lower() for abbr in table)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7,8 млрд теңге", ["7,8", "млрд", "теңге"]),
        ("рост на 7.8%", ["рост", "на", "7.8", "%"]),
        ("41-ден 143-ке дейін", ["41-ден", "143-ке", "дейін"]),
        ("ещё 3-х производств", ["ещё", "3-х", "производств"]),
        ("98-нші қадам", ["98-нші", "қадам"]),
        ("на 2016-2020 годы", ["на", "2016-2020", "годы"]),
        ("6 288 000 евро", ["6", "288", "000", "евро"]),
        ("«Даму» АҚ-на", ["«", "Даму", "»", "АҚ-на"]),
        ("өзін-өзі басқару, ЕО-ның", ["өзін-өзі", "басқару", ",", "ЕО-ның"]),
        ("т.е. конец...", ["т", ".", "е", ".", "конец", "..."]),
        ("Маңғыстау облысының әкімі", ["Маңғыстау", "облысының", "әкімі"]),
        ("– деді ол.", ["–", "деді", "ол", "."]),
    ],
)
def test_segment_tokens(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == expected


def test_segment_tokens_keep_offsets_into_the_full_text() -> None:
    text = "Кіріспе. Құны 7,8 млрд. теңге."
    tokens = tokenize(text, 9, len(text))
    assert tokens[0] == Token(9, 13, "Құны")
    assert tokens[1] == Token(14, 17, "7,8")
    assert all(text[t.start : t.end] == t.text for t in tokens)


TEXT_ALPHABET = st.sampled_from(list("аәбқА ЖН.?!…«»\"-–—,:;()1 2\n\r\t\xa0") + ["г.", "млрд.", "т.б.", " А.Б. "])
ANY_TEXT = st.one_of(st.text(), st.lists(TEXT_ALPHABET, max_size=60).map("".join))


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_segment_spans_partition_the_text(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for span in spans:
        assert isinstance(span, Span)
        assert last <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        last = span.end
    covered = {i for s in spans for i in range(s.start, s.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, st.data())
def test_segment_tokens_slice_back(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    tokens = tokenize(text, start, end)
    assert all(text[t.start : t.end] == t.text and start <= t.start < t.end <= end for t in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:], strict=False))
    covered = {i for t in tokens for i in range(t.start, t.end)}
    assert all(i in covered for i in range(start, end) if not text[i].isspace())


@pytest.mark.parametrize(("prefix", "low", "high"), [("000", 22, 30), ("001", 22, 32), ("003", 26, 36)])
def test_segment_samples(samples_dir: Path, prefix: str, low: int, high: int) -> None:
    text = next(samples_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    pieces = [text[s.start : s.end] for s in split_sentences(text)]
    assert low <= len(pieces) <= high
    assert all(p[-1] in ".?!»" for p in pieces[:-1])  # the last may be a signature line
    assert not any(p.endswith(("млрд.", "млн.", "г.", "ж.")) for p in pieces)
    assert not any(p[0].islower() for p in pieces[1:])  # 003 opens with a raw "date" header
