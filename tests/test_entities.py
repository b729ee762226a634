"""ENTITIES stage: people with posts, organisations, programmes, posts (kk rules, ru natasha + rules)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aimaq.ner.quoted_names import find_quoted
from aimaq.records import Mention, Sentence
from aimaq.stages.entities import find_entities, person_key
from aimaq.text.names import kk_name_nominative

_KK_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)


def _sentences(text: str) -> list[Sentence]:
    """A plain splitter for the tests: lines, then . ! ? ; Kazakh when a Kazakh letter occurs."""
    out = []
    for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|$)", text, re.MULTILINE):
        a = m.start() + len(m.group()) - len(m.group().lstrip())
        b = m.end() - (len(m.group()) - len(m.group().rstrip()))
        if b > a:
            out.append(Sentence(a, b, "kk" if _KK_LETTERS.search(text[a:b]) else "ru"))
    return out


def _find(text: str, lang: str = "ru") -> list[Mention]:
    return find_entities(text, [Sentence(0, len(text), lang)])  # type: ignore[arg-type]


def _one(mentions: list[Mention], kind: str, text: str) -> Mention:
    found = [m for m in mentions if m.type == kind and m.text == text]
    assert found, f"no {kind} {text!r} in {[(m.type, m.text) for m in mentions]}"
    return found[0]


RU_CASES = [
    (
        "Участие приняли аким города Жанаозен Максат Ибагаров и другие.",
        "PER",
        "Максат Ибагаров",
        "Максат Ибагаров",
        "аким города Жанаозен",
    ),
    (
        "Ранее Жансеит Туймебаев, ректор КазНУ, встретился со студентами.",
        "PER",
        "Жансеит Туймебаев",
        "Жансеит Туймебаев",
        "ректор КазНУ",
    ),
    (
        "Аким Павлодарской области Асаин Байханов открыл завод.",
        "PER",
        "Асаин Байханов",
        "Асаин Байханов",
        "аким Павлодарской области",
    ),
    (
        "Аким Павлодарской области Асаин Байханов открыл завод.",
        "ROLE",
        "Аким Павлодарской области",
        "аким Павлодарской области",
        None,
    ),
    (
        "По мнению акима Костанайской области Кайрата Аксакалова, проект окупится.",
        "PER",
        "Кайрата Аксакалова",
        "Кайрат Аксакалов",
        "аким Костанайской области",
    ),
    (
        "Встречу провел первый заместитель акима Карагандинской области Ержан Жунусов.",
        "PER",
        "Ержан Жунусов",
        "Ержан Жунусов",
        "первый заместитель акима Карагандинской области",
    ),
    (
        "Об этом сообщил Асхат Шахаров, аким Северо-Казахстанской области.",
        "PER",
        "Асхат Шахаров",
        "Асхат Шахаров",
        "аким Северо-Казахстанской области",
    ),
    (
        "Вице-министр национальной экономики РК Мадина Абылкасымова провела совещание.",
        "PER",
        "Мадина Абылкасымова",
        "Мадина Абылкасымова",
        "вице-министр национальной экономики РК",
    ),
    (
        "Депутат Мажилиса Бауыржан Бекетов встретился с жителями села.",
        "PER",
        "Бауыржан Бекетов",
        "Бауыржан Бекетов",
        "депутат Мажилиса",
    ),
    (
        "Председатель правления АО «Фонд развития предпринимательства «Даму» Канат Шарлапаев посетил регион.",
        "ORG",
        "АО «Фонд развития предпринимательства «Даму»",
        "АО «Фонд развития предпринимательства «Даму»»",
        None,
    ),
    (
        "Проекты переданы Акимату Жамбылской области.",
        "ORG",
        "Акимату Жамбылской области",
        "Акимат Жамбылской области",
        None,
    ),
    (
        "Министерство индустрии и инфраструктурного развития РК сообщает о ремонте.",
        "ORG",
        "Министерство индустрии и инфраструктурного развития РК",
        "Министерство индустрии и инфраструктурного развития РК",
        None,
    ),
    ("Заявки направлены в ТОО «КазАвтоЖол».", "ORG", "ТОО «КазАвтоЖол»", "ТОО «КазАвтоЖол»", None),
    (
        "В СЭЗ «Хоргос – Восточные ворота» создано 300 рабочих мест.",
        "PROGRAMME",
        "СЭЗ «Хоргос – Восточные ворота»",
        "Хоргос – Восточные ворота",
        None,
    ),
    (
        "По программе «Дорожная карта бизнеса – 2025» одобрено 40 проектов.",
        "PROGRAMME",
        "«Дорожная карта бизнеса – 2025»",
        "Дорожная карта бизнеса – 2025",
        None,
    ),
    (
        "Делегация приняла участие в форуме «Астана Экономический Форум».",
        "EVENT",
        "«Астана Экономический Форум»",
        "Астана Экономический Форум",
        None,
    ),
]


@pytest.mark.parametrize(("text", "kind", "span", "norm", "role"), RU_CASES)
def test_entities_ru_mentions(text: str, kind: str, span: str, norm: str, role: str | None) -> None:
    m = _one(_find(text, "ru"), kind, span)
    assert (m.norm, m.role) == (norm, role)


KK_CASES = [
    ("Облыс әкімі Асхат Шахаров жиында сөз сөйледі.", "PER", "Асхат Шахаров", "Асхат Шахаров", "облыс әкімі"),
    (
        "Павлодар облысының әкімі Асаин Байханов зауытты аралады.",
        "ROLE",
        "Павлодар облысының әкімі",
        "Павлодар облысының әкімі",
        None,
    ),
    (
        "Бұл туралы облыс әкімінің орынбасары Ғалым Нұрмағанбетов мәлімдеді.",
        "PER",
        "Ғалым Нұрмағанбетов",
        "Ғалым Нұрмағанбетов",
        "облыс әкімінің орынбасары",
    ),
    (
        "Ұлттық экономика вице-министрі Мадина Әбілқасымова Ақтауда болды.",
        "PER",
        "Мадина Әбілқасымова",
        "Мадина Әбілқасымова",
        "ұлттық экономика вице-министрі",
    ),
    (
        "Жиынға Парламент Мәжілісінің депутаты Ерлан Саиров қатысты.",
        "PER",
        "Ерлан Саиров",
        "Ерлан Саиров",
        "Парламент Мәжілісінің депутаты",
    ),
    ("Кездесуде Асаин Байхановтың ұсынысы қолдау тапты.", "PER", "Асаин Байхановтың", "Асаин Байханов", None),
    (
        "Мемлекет басшысы Қасым-Жомарт Тоқаев Жолдауында атап өтті.",
        "PER",
        "Қасым-Жомарт Тоқаев",
        "Қасым-Жомарт Тоқаев",
        "мемлекет басшысы",
    ),
    ("Құжаттар облыс әкімдігіне жіберілді.", "ORG", "облыс әкімдігіне", "Облыс әкімдігі", None),
    ("Жобалар «Ғылым қоры» АҚ-на ұсынылды.", "ORG", "«Ғылым қоры» АҚ-на", "«Ғылым қоры» АҚ", None),
    (
        "Қаржы «Даму» кәсіпкерлікті дамыту қоры» АҚ арқылы бөлінді.",
        "ORG",
        "«Даму» кәсіпкерлікті дамыту қоры» АҚ",
        "««Даму» кәсіпкерлікті дамыту қоры» АҚ",
        None,
    ),
    (
        "Несиелер «Бизнестің жол картасы – 2025» бағдарламасы бойынша берілді.",
        "PROGRAMME",
        "«Бизнестің жол картасы – 2025»",
        "Бизнестің жол картасы – 2025",
        None,
    ),
    (
        "«Хоргос – Шығыс қақпасы» АЭА аумағында үш зауыт салынды.",
        "PROGRAMME",
        "«Хоргос – Шығыс қақпасы» АЭА",
        "Хоргос – Шығыс қақпасы",
        None,
    ),
]


@pytest.mark.parametrize(("text", "kind", "span", "norm", "role"), KK_CASES)
def test_entities_kk_mentions(text: str, kind: str, span: str, norm: str, role: str | None) -> None:
    m = _one(_find(text, "kk"), kind, span)
    assert (m.norm, m.role) == (norm, role)


@pytest.mark.parametrize(
    "text",
    [
        "Бүгін облыста жаңа мектеп ашылды.",
        "Алматыдан Ростовқа ұшақ ұшты.",
        "В регионе открыта новая школа на 600 мест.",
    ],
)
def test_entities_finds_no_person_in_plain_sentences(text: str) -> None:
    lang = "kk" if _KK_LETTERS.search(text) else "ru"
    assert [m for m in _find(text, lang) if m.type == "PER"] == []


def test_entities_later_bare_mention_inherits_the_role() -> None:
    text = "Аким Атырауской области Махамбет Досмухамбетов открыл школу. - Это важно, - сказал Махамбет Досмухамбетов."
    people = [m for m in find_entities(text, _sentences(text)) if m.type == "PER"]
    assert [(m.norm, m.role) for m in people] == [("Махамбет Досмухамбетов", "аким Атырауской области")] * 2


def test_entities_bare_surname_gets_the_full_name() -> None:
    text = "Облыс әкімі Асхат Шахаров жиын өткізді. Шахаровтың айтуынша, жоба аяқталды."
    people = [m for m in find_entities(text, _sentences(text)) if m.type == "PER"]
    assert [(m.text, m.norm, m.role) for m in people][-1] == ("Шахаровтың", "Асхат Шахаров", "облыс әкімі")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Шолпан Илмұханбетова", "Шолпан Ильмуханбетова"),
        ("Ералы Тоғжанов", "Ералы Тогжанов"),
        ("Нұрлан Ноғаев", "Нурлан Ногаев"),
        ("Алик Айдарбаев", "Алик Айдарбаев"),
        ("Нұрсұлтан Назарбаев", "Нурсултан Назарбаев"),
        ("Қасым-Жомарт Тоқаев", "Касым-Жомарт Токаев"),
        ("Айгүл Әлиева", "Айгуль Алиева"),
        ("Ғалым Нұрмағанбетов", "Галым Нурмаганбетов"),
    ],
)
def test_entities_person_key_matches_kk_and_ru_spellings(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Нурлан Ногаев", "Ералы Тогжанов"),
        ("Алик Айдарбаев", "Алик Айдаров"),
        ("Асхат Шахаров", "Асет Шахаров"),
    ],
)
def test_entities_person_key_differs_for_different_people(a: str, b: str) -> None:
    assert person_key(a) != person_key(b)


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("Айдарбаевтың", "Айдарбаев"),
        ("Илмұханбетованың", "Илмұханбетова"),
        ("Назарбаевқа", "Назарбаев"),
        ("Илмұханбетова", "Илмұханбетова"),
        ("Христеа", "Христеа"),
    ],
)
def test_entities_kk_name_nominative(word: str, nominative: str) -> None:
    assert kk_name_nominative(word) == nominative


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("АО «Фонд «Даму» и акимат", ["Фонд «Даму»"]),
        ("«Даму» кәсіпкерлікті дамыту қоры» АҚ", ["«Даму» кәсіпкерлікті дамыту қоры"]),
        ("«Ақтау» мен «Құрық» порттары", ["Ақтау", "Құрық"]),
        ("без кавычек", []),
    ],
)
def test_entities_quoted_names_repair_missing_quotes(text: str, names: list[str]) -> None:
    assert [q.name for q in find_quoted(text, 0, len(text))] == names


# --- the shared samples: 000 (kk) and 001 (ru) are one release, 003 (ru) another ---------------


@pytest.fixture(scope="module")
def sample_mentions(samples_dir: Path) -> dict[str, tuple[str, list[Mention]]]:
    out = {}
    for path in sorted(samples_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name[:3]] = (text, find_entities(text, _sentences(text)))
    return out


def _people(mentions: list[Mention]) -> dict[str, set[str | None]]:
    out: dict[str, set[str | None]] = {}
    for m in mentions:
        if m.type == "PER":
            out.setdefault(m.norm or "", set()).add(m.role)
    return out


def test_entities_samples_offsets_slice_back_and_are_sorted(sample_mentions: dict) -> None:
    for text, mentions in sample_mentions.values():
        assert all(text[m.start : m.end] == m.text for m in mentions)
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_entities_sample_pair_has_the_same_people(sample_mentions: dict) -> None:
    kk, ru = _people(sample_mentions["000"][1]), _people(sample_mentions["001"][1])
    assert {person_key(n) for n in kk} == {person_key(n) for n in ru}
    assert {"Алик Айдарбаев", "Траян Христеа", "Шолпан Илмұханбетова"} <= set(kk)
    assert {"Алик Айдарбаев", "Траян Христеа", "Шолпан Ильмуханбетова"} <= set(ru)
    assert kk["Алик Айдарбаев"] == {"Маңғыстау облысының әкімі"}
    assert ru["Алик Айдарбаев"] == {"аким Мангистауской области"}
    assert ru["Шолпан Ильмуханбетова"] == {"заместитель акима Мангистауской области"}
    assert kk["Шолпан Илмұханбетова"] == {"Маңғыстау облысы әкімінің орынбасары"}
    assert all("Басшысы" in r for r in kk["Траян Христеа"] if r)
    assert all(r and r.startswith("глава Представительства Европейского Союза") for r in ru["Траян Христеа"])


def test_entities_sample_pair_has_programmes_and_funds(sample_mentions: dict) -> None:
    kk = {(m.type, m.norm) for m in sample_mentions["000"][1]}
    ru = {(m.type, m.norm) for m in sample_mentions["001"][1]}
    assert {
        ("PROGRAMME", "Бизнестің жол картасы – 2020"),
        ("PROGRAMME", "Ақтау теңіз порты"),
        ("PROGRAMME", "100 нақты қадам"),
        ("ORG", "«Ғылым қоры» АҚ"),
    } <= kk
    assert {
        ("PROGRAMME", "Дорожная карта бизнеса – 2020"),
        ("PROGRAMME", "Морпорт Актау"),
        ("ORG", "АО «Фонд науки»"),
        ("ORG", "Акимат Мангистауской области"),
    } <= ru


def test_entities_sample_003_people_and_posts(sample_mentions: dict) -> None:
    people = _people(sample_mentions["003"][1])
    assert people["Нурлан Ногаев"] == {"аким Атырауской области"}
    assert people["Ералы Тогжанов"] == {"аким Мангистауской области"}
    assert people["Нурсултан Назарбаев"] == {"глава государства"}


_ALPHABET = 'АаӘәҚқОоБбЛлЫыСсЕеВвИиНнМмРрТтДдЖжУуҰұ«»"-–,. '


@settings(max_examples=40, deadline=None)
@given(text=st.text(alphabet=_ALPHABET, max_size=120), lang=st.sampled_from(["kk", "ru"]))
def test_entities_offsets_always_slice_back(text: str, lang: str) -> None:
    if not text.strip():
        return
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    for m in find_entities(text, [Sentence(start, end, lang)]):  # type: ignore[arg-type]
        assert text[m.start : m.end] == m.text and start <= m.start < m.end <= end


def _kk_doc(text: str) -> list[Mention]:
    return find_entities(text, [Sentence(0, len(text), "kk")])


def test_entities_kk_model_adds_organisations_no_rule_knows() -> None:
    text = "Жиынға Еуропалық қайта құру және даму банкінің өкілдері қатысты."
    orgs = [m.text for m in _kk_doc(text) if m.type == "ORG"]
    assert any(o.startswith("Еуропалық қайта құру және даму банкі") for o in orgs), orgs


def test_entities_kk_rules_win_where_rule_and_model_overlap() -> None:
    text = "Жиынға Қазақстан Республикасының Ұлттық экономика министрлігінің өкілдері қатысты."
    found = [(m.type, m.text) for m in _kk_doc(text)]
    assert ("ORG", "Қазақстан Республикасының Ұлттық экономика министрлігінің") in found, found
    assert not any(t == "LOC" and s.startswith("Қазақстан") for t, s in found), found


def test_entities_region_beats_a_tagged_person_of_the_same_name() -> None:
    from aimaq.pipeline import extract_text

    doc = extract_text("Абай облысында туристер саны артты. Семей қаласында жаңа қонақүй ашылды.")
    assert not [m for m in doc.mentions if m.type == "PER"]
    assert "KZ-10" in {m.norm for m in doc.mentions if m.type == "LOC"}
