"""Kazakh entity rules: people with the post stated before or after the name, nominative names."""

from __future__ import annotations

import pytest

from aimaq.records import Sentence
from aimaq.stages.entities import find_entities
from aimaq.text.names import person_key


def _people(text: str) -> list[tuple[str, str | None, str | None]]:
    found = find_entities(text, [Sentence(0, len(text), "kk")])
    return [(m.text, m.norm, m.role) for m in found if m.type == "PER"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Жоба туралы облыс әкімі Асхат Шахаров айтты.", ("Асхат Шахаров", "Асхат Шахаров", "облыс әкімі")),
        ("Асхат Шахаров, облыс әкімі, жиынды ашты.", ("Асхат Шахаров", "Асхат Шахаров", "облыс әкімі")),
        ("Жиынға Асхат Шахаров – облыс әкімі қатысты.", ("Асхат Шахаров", "Асхат Шахаров", "облыс әкімі")),
        ("Шахаров, облыс әкімі, жиынды ашты.", ("Шахаров", "Шахаров", "облыс әкімі")),
        (
            "Атырау облысының әкімі Нұрлан Ноғаевқа хат жолданды.",
            ("Нұрлан Ноғаевқа", "Нұрлан Ноғаев", "Атырау облысының әкімі"),
        ),
        (
            "Облыс әкімінің орынбасары Айгүл Сағындықова азаматтарды қабылдады.",
            ("Айгүл Сағындықова", "Айгүл Сағындықова", "облыс әкімінің орынбасары"),
        ),
        (
            "Қаржы басқармасының басшысы Жанар Омарбекова бюджет туралы айтты.",
            ("Жанар Омарбекова", "Жанар Омарбекова", "қаржы басқармасының басшысы"),
        ),
    ],
)
def test_entities_kk_person_gets_the_post_as_stated(text: str, person: tuple[str, str, str]) -> None:
    assert person in _people(text)


def test_entities_kk_post_followed_by_a_name_is_that_name_s() -> None:
    people = {n: r for _, n, r in _people("Жиынға Асхат Шахаров, облыс әкімінің орынбасары Айгүл Сағындықова қатысты.")}
    assert people == {"Асхат Шахаров": None, "Айгүл Сағындықова": "облыс әкімінің орынбасары"}


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("Жиында Айдарбаевтың баяндамасы тыңдалды.", "Айдарбаев"),
        ("Кездесуде Жанар Омарбековамен келісім жасалды.", "Жанар Омарбекова"),
    ],
)
def test_entities_kk_inflected_names_in_the_nominative(text: str, norm: str) -> None:
    assert norm in [n for _, n, _ in _people(text)]


def test_entities_kk_and_ru_twins_give_the_same_people() -> None:
    kk = "Маңғыстау облысының әкімі Ералы Тоғжанов пен облыс әкімінің орынбасары Шолпан Илмұханбетова кездесті."
    ru = "Встретились аким Мангистауской области Ералы Тогжанов и заместитель акима области Шолпан Ильмуханбетова."
    kk_people = find_entities(kk, [Sentence(0, len(kk), "kk")])
    ru_people = find_entities(ru, [Sentence(0, len(ru), "ru")])
    keys = [{person_key(m.norm or "") for m in found if m.type == "PER"} for found in (kk_people, ru_people)]
    assert keys[0] == keys[1] == {person_key("Ералы Тогжанов"), person_key("Шолпан Ильмуханбетова")}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # a post before the name, after a discourse word that is no part of it
        ("Толығырақ облыс әкімі Ерлан Сейітов айтып берді.", ("Ерлан Сейітов", "Ерлан Сейітов", "облыс әкімі")),
        # the post right after the name, no comma, in its citation form (a headline's order)
        (
            "Айгүл Омарова Білім министрі ауылдағы мектептерді аралады.",
            ("Айгүл Омарова", "Айгүл Омарова", "білім министрі"),
        ),
        # an acting holder: 'м.у.а.' between the post and the name
        (
            "Брифингте облыстық денсаулық сақтау басқармасы басшысының м.у.а. Ерлан Сейітов сөз сөйледі.",
            (
                "Ерлан Сейітов",
                "Ерлан Сейітов",
                "облыстық денсаулық сақтау басқармасы басшысының м.у.а.",
            ),
        ),
        # a given name the analyser reads as an accusative ('Қайсын') stays with its surname
        ("Бүгін аудан әкімі Қайсын Жолдасов фермерлермен кездесті.", ("Қайсын Жолдасов", "Қайсын Жолдасов", "аудан әкімі")),
    ],
)
def test_entities_kk_post_found_around_the_name(text: str, person: tuple[str, str, str]) -> None:
    assert person in _people(text)


def test_entities_kk_post_after_the_name_inflected_is_not_its_post() -> None:
    assert _people("Айгүл Омарова облыс әкімінің орынбасарымен кездесті.") == [
        ("Айгүл Омарова", "Айгүл Омарова", None)
    ]


@pytest.mark.parametrize(
    ("text", "norms"),
    [
        # initials stay joined to the surname as written
        (
            "Жиынға энергетика вице-министрі Д.Сәрсенов пен қаржы вице-министрі А. Омаров қатысты.",
            ["Д.Сәрсенов", "А. Омаров"],
        ),
        ("Кеңесте Б.Т.Жұмабековке сөз берілді.", ["Б.Т.Жұмабеков"]),
        # a surname with no surname ending loses its case ending in a full name
        ("Қанат Жолдыбайдың айтуынша, жол биыл жөнделеді.", ["Қанат Жолдыбай"]),
    ],
)
def test_entities_kk_names_as_written_in_the_nominative(text: str, norms: list[str]) -> None:
    assert [n for _, n, _ in _people(text)] == norms


@pytest.mark.parametrize(
    "text",
    [
        "Биыл Сәтбаев қаласында жаңа аурухана ашылады.",  # a town
        "Мағжан Жұмабаев ауданының тұрғындары жиналды.",  # a district
        "Ыбырай Алтынсарин атындағы мектепте сабақ басталды.",  # named after someone
        "Екі жаңа мектеп солтүстік аудандар – Бекетов, Жанталов үшін салынады.",  # a list of districts
        "Ауылда «Мұхтар Әуезов» ЖШС жаңа цех ашты.",  # a company
        "Жиынға Жәнібек те келді.",  # one word, no surname, no post: too little to be sure of a person
    ],
)
def test_entities_kk_name_in_a_place_or_body_is_no_person(text: str) -> None:
    assert _people(text) == []


def test_entities_kk_akorda_is_no_person() -> None:
    text = "Ақордада облыс әкімі Ерлан Сейітов марапатталды."
    assert _people(text) == [("Ерлан Сейітов", "Ерлан Сейітов", "облыс әкімі")]
