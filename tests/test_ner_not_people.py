"""Names that name no person of the text: each rejected by the rule that says why (aimaq.ner.not_people)."""

from __future__ import annotations

import pytest

from aimaq.ner.not_people import RULES, lone_word, why_not
from aimaq.records import Mention, Sentence
from aimaq.stages.entities import rejected_people


def _per(text: str, name: str, norm: str | None = None, role: str | None = None) -> Mention:
    start = text.index(name)
    return Mention("PER", start, start + len(name), name, norm or name, role)


@pytest.mark.parametrize(
    ("text", "name", "lang", "rule"),
    [
        ("Биыл Сәтбаев қаласында аурухана ашылады.", "Сәтбаев", "kk", "names a place or body"),
        ("Мағжан Жұмабаев ауданына жол салынды.", "Мағжан Жұмабаев", "kk", "names a place or body"),
        ("Ыбырай Алтынсарин атындағы мектеп ашылды.", "Ыбырай Алтынсарин", "kk", "names a place or body"),
        ("Тұрғындар Абай көшесінде жиналды.", "Абай", "kk", "names a place or body"),
        ("Новый сквер открыли на улице Кунаева.", "Кунаева=Кунаев", "ru", "names a place or body"),
        ("Выступил хор школы имени Абая.", "Абая", "ru", "names a place or body"),
        ("Мектептер аудандар – Бекетов, Жанталов үшін салынады.", "Жанталов", "kk", "an item of a list of places"),
        ("Жол Бекетов, Жанталов және Ақсай аудандарында салынады.", "Бекетов", "kk", "an item of a list of places"),
        ("Ауылда «Мұхтар Әуезов» ЖШС цех ашты.", "Мұхтар Әуезов", "kk", "inside a quoted name"),
        ("Павлодар. 3 марта. КазТАГ – Ольга Петренко. Аким открыл школу.", "Ольга Петренко", "ru", "a by-line"),
        ("Жаңалықтар\nАйгүл Омарова\nСурет: баспасөз қызметі", "Айгүл Омарова", "kk", "a by-line"),
        ("Фото: Ерлан Сейітов", "Ерлан Сейітов", "kk", "a credit"),
        ("Об этом сообщает КазТАГ.", "КазТАГ", "ru", "not shaped like a name"),
    ],
)
def test_not_people_rule_names_why(text: str, name: str, lang: str, rule: str) -> None:
    written, _, norm = name.partition("=")  # 'as written=nominative' where the two differ
    assert why_not(text, _per(text, written, norm or None), [], lang) == rule


@pytest.mark.parametrize(
    ("text", "name", "lang", "norm", "role"),
    [
        ("Облыс әкімі Асхат Шахаров ауданға барды.", "Асхат Шахаров", "kk", None, "облыс әкімі"),  # no possessive
        ("Қасым-Жомарт Тоқаев атынан әкім құттықтады.", "Қасым-Жомарт Тоқаев", "kk", None, None),  # on behalf of
        ("В городе Ерлан Сейтов открыл школу.", "Ерлан Сейтов", "ru", None, None),  # the subject, in the nominative
        ("Слово дали акиму района Ерлану Сейтову.", "Ерлану Сейтову", "ru", "Ерлан Сейтов", "аким района"),
        ("«Ерлан Сейтов облыста жаңа мектеп ашылатынын айтты», – делінген хабарламада.", "Ерлан Сейтов", "kk", None, None),
        ("Об этом сообщил БЕКЕТАЕВ Марат Бакытжанович.", "БЕКЕТАЕВ Марат Бакытжанович", "ru", None, None),
        ("АСТАНА. KAZINFORM – Ерлан Сейтов посетил завод.", "Ерлан Сейтов", "ru", None, None),
    ],
)
def test_not_people_keeps_people(text: str, name: str, lang: str, norm: str | None, role: str | None) -> None:
    assert why_not(text, _per(text, name, norm, role), [], lang) is None


def test_not_people_rules_have_distinct_names() -> None:
    names = [name for name, _ in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("name", "lone"),
    [("Жәнібек", True), ("Чекмарь", True), ("Шахаров", False), ("Е. Шахаров", False), ("Асхат Шахаров", False)],
)
def test_not_people_lone_word(name: str, lone: bool) -> None:
    assert lone_word(name) is lone


def test_not_people_a_place_rejects_the_name_elsewhere_in_the_document() -> None:
    text = "Сәтбаев қаласында зауыт салынады. Бұл жоба туралы Сәтбаевтың тұрғындары айтты."
    sentences = [Sentence(0, 33, "kk"), Sentence(34, len(text), "kk")]
    assert [(m.text, why) for m, why in rejected_people(text, sentences)] == [
        ("Сәтбаев", "names a place or body"),
        ("Сәтбаевтың", "names a place elsewhere in the document"),
    ]
