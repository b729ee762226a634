from __future__ import annotations

from pathlib import Path

import pytest

from aimaq.stages.lang import (
    MIN_SENTENCE_WORDS,
    RULES,
    detect_language,
    detect_sentence_language,
    explain_language,
    explain_sentence_language,
)

KK_DOCUMENT = (
    "Маңғыстау облысының әкімі облыстағы шағын кәсіпкерлікті дамыту мәселелері бойынша кеңес өткізді. "
    "Жиында биыл 12 жаңа өндіріс іске қосылатыны айтылды. Жобаларды қаржыландыруға 4,5 млрд теңге бөлінді. "
    "«Бизнестің жол картасы – 2025» бағдарламасы аясында 143 жоба қолдау тапты, - деді әкім."
)
RU_DOCUMENT = (
    "Аким Мангистауской области провел совещание по вопросам развития малого бизнеса. "
    "В текущем году планируется запуск 12 новых производств. На финансирование проектов "
    "выделено 4,5 млрд тенге. В рамках программы «Бизнестің жол картасы – 2025» поддержку получили 143 проекта."
)
EN_DOCUMENT = (
    "The akimat of Mangystau region held a meeting on the development of small business. "
    "Twelve new factories will open this year, and 4.5 billion tenge has been allocated to the projects."
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (KK_DOCUMENT, "kk"),
        (RU_DOCUMENT, "ru"),
        (EN_DOCUMENT, "en"),
        ("Ерөнхийлөгч өнөөдөр аймгийн төвд ажлын айлчлал хийж, малчидтай уулзаж байна.", "other"),
        ("Україна та Казахстан підписали угоду про співпрацю в галузі освіти.", "other"),
        ("Das Projekt wurde von der Europäischen Union finanziert und läuft bis 2020.", "other"),
    ],
)
def test_lang_documents(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "2016-2020.", "6 288 000 — 7,8 %", "«»", "..."])
def test_lang_no_letters_is_other(text: str) -> None:
    assert detect_language(text) == "other"
    assert detect_sentence_language(text, "kk") == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Төл мал өсті.",  # lingua alone says Mongolian for 'Төл мал'
        "Ол өтті.",  # lingua alone says Ukrainian
        "Жер үй салынды.",
        "Жоба бар.",
        "Көп үй салынды.",
        "Мектеп салынды.",
        "Жол жөндеу жүріп жатыр.",
        "Облыс әкімі жиын өткізді.",
        "Тағы 3 жаңа өндіріс орны ашылады.",
        "ҚАЗАҚСТАННЫҢ ӨҢІРЛІК ДАМУЫ",
    ],
)
def test_lang_short_kazakh_sentences(text: str) -> None:
    assert detect_language(text) == "kk"


@pytest.mark.parametrize(
    "text",
    [
        "В рамках программы «Нұрлы жол» отремонтировано 120 километров дорог.",
        "По программе «Бизнестің жол картасы – 2020» число проектов выросло с 41 до 143.",
        "Проект «Ақтау теңіз порты» реализуется в Мангистауской области.",
        "Программа «Нұрлы жер» направлена на строительство жилья.",
        "Аким области Алик Айдарбаев посетил Жаңаөзен и Түпқараған.",
        "Фонд «Даму» и АО «Бәйтерек» профинансировали 35 проектов.",
    ],
)
def test_lang_russian_quoting_kazakh_names_stays_ru(text: str) -> None:
    assert detect_language(text) == "ru"


@pytest.mark.parametrize(
    ("text", "doc_lang", "lang"),
    [
        ("Алик Айдарбаев.", "kk", "kk"),  # names only: too short to judge
        ("Алик Айдарбаев.", "ru", "ru"),
        ("Мы видим.", "kk", "kk"),  # one word of evidence is not enough under MIN_SENTENCE_WORDS
        ("Ол өтті, - деді ол.", "ru", "kk"),  # several clear Kazakh words override
        ("Траян Христеа, Алик Айдарбаев, Шолпан Илмұханбетова.", "ru", "ru"),  # names, however long
        ("Кәсіпкерлер мен ғалымдар бірлесіп қаржы алуға 7 өтініш берді.", "ru", "kk"),
        ("Совместно с учеными подготовлены 7 заявок на финансирование.", "kk", "ru"),
        ("www.kzregdev.kz", "ru", "ru"),
    ],
)
def test_lang_sentence_inherits_when_short(text: str, doc_lang: str, lang: str) -> None:
    assert detect_sentence_language(text, doc_lang) == lang


def test_lang_short_sentence_threshold_is_a_few_words() -> None:
    assert 2 <= MIN_SENTENCE_WORDS <= 5
    assert explain_sentence_language("Алик Айдарбаев.", "kk") == ("kk", "inherit_document")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("", "no_letters"),
        (KK_DOCUMENT, "kazakh_words"),
        (RU_DOCUMENT, "russian_words"),
        (EN_DOCUMENT, "latin_english"),
    ],
)
def test_lang_explain_names_the_rule(text: str, rule: str) -> None:
    assert explain_language(text)[1] == rule
    assert rule in {name for name, _ in RULES}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "«Біз жергілікті өзін-өзі басқаруды дамытуды жалғастырамыз және бұл жұмысты алдағы уақытта да "
            "жүргіземіз», - деді облыс әкімі Алик Айдарбаев.",
            "kk",
        ),
        (
            "«Мы продолжим развитие местного самоуправления за счёт собственных средств и привлечём "
            "инвесторов», - сказал аким Алик Айдарбаев.",
            "ru",
        ),
    ],
)
def test_lang_long_quotes_are_speech_and_count(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_lang_cheap_rules_decide_ordinary_documents_without_lingua() -> None:
    for text in (KK_DOCUMENT, RU_DOCUMENT, EN_DOCUMENT):
        assert explain_language(text)[1] != "lingua"


def test_lang_falls_back_to_lingua_when_evidence_is_missing() -> None:
    lang, rule = explain_language("Программа развития территорий")
    assert (lang, rule) == ("ru", "lingua")


@pytest.mark.parametrize(("prefix", "lang"), [("000", "kk"), ("001", "ru"), ("003", "ru")])
def test_lang_samples(samples_dir: Path, prefix: str, lang: str) -> None:
    path = next(samples_dir.glob(f"{prefix}_*.txt"))
    assert detect_language(path.read_text(encoding="utf-8")) == lang
