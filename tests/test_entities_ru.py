"""Russian entities: people with their posts, canonical names, the IOB2 tagger and its factRuEval reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimaq.ner.tagger_ru_conll import detokenize, tag_document, tag_tokens
from aimaq.records import Mention, Sentence
from aimaq.stages.entities import find_entities
from aimaq.text.names import person_key


def _people(text: str) -> list[tuple[str, str | None, str | None]]:
    found = find_entities(text, [Sentence(0, len(text), "ru")])
    return [(m.text, m.norm, m.role) for m in found if m.type == "PER"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Об этом сообщил аким Атырауской области Нурлан Ногаев.",
            ("Нурлан Ногаев", "Нурлан Ногаев", "аким Атырауской области"),
        ),
        (
            "По словам руководителя управления финансов города Жанар Омарбековой, расходы выросли.",
            ("Жанар Омарбековой", "Жанар Омарбекова", "руководитель управления финансов города"),
        ),
        (
            "Жанар Омарбекова, руководитель управления финансов города, рассказала о бюджете.",
            ("Жанар Омарбекова", "Жанар Омарбекова", "руководитель управления финансов города"),
        ),
        (
            "Встречу провела Гульнара Ильясова – руководитель отдела предпринимательства района.",
            ("Гульнара Ильясова", "Гульнара Ильясова", "руководитель отдела предпринимательства района"),
        ),
        (
            "Шахаров, аким области, провел совещание.",
            ("Шахаров", "Шахаров", "аким области"),
        ),
        (
            "Встреча прошла с участием Нурлана Ногаева, акима Атырауской области.",
            ("Нурлана Ногаева", "Нурлан Ногаев", "аким Атырауской области"),
        ),
        (
            "По поручению акима Мангистауской области Ералы Тогжанова создана комиссия.",
            ("Ералы Тогжанова", "Ералы Тогжанов", "аким Мангистауской области"),
        ),
        (
            "Вице-министр национальной экономики РК Мадина Абылкасымова провела совещание.",
            ("Мадина Абылкасымова", "Мадина Абылкасымова", "вице-министр национальной экономики РК"),
        ),
        (
            "Аким Актобе Ерболат Досаев провел прием граждан.",
            ("Ерболат Досаев", "Ерболат Досаев", "аким Актобе"),
        ),
        (
            "Аким Жетысуской области Бейбут Шахметов посетил завод.",
            ("Бейбут Шахметов", "Бейбут Шахметов", "аким Жетысуской области"),
        ),
        (
            "Руководитель филиала АО «Бәйтерек девелопмент» Жанар Әбілова отметила рост.",
            ("Жанар Әбілова", "Жанар Әбілова", "руководитель филиала АО «Бәйтерек девелопмент»"),
        ),
        (
            "На встрече выступил председатель партии «Nur Otan» Ерлан Кошанов.",
            ("Ерлан Кошанов", "Ерлан Кошанов", "председатель партии «Nur Otan»"),
        ),
    ],
)
def test_entities_ru_person_gets_the_post_as_stated(text: str, person: tuple[str, str, str]) -> None:
    assert person in _people(text)


def test_entities_ru_post_followed_by_another_name_is_that_name_s() -> None:
    text = "В совещании участвовали Асхат Шахаров, заместитель акима области Гульнара Ильясова и другие."
    people = {norm: role for _, norm, role in _people(text)}
    assert people["Гульнара Ильясова"] == "заместитель акима области"
    assert people["Асхат Шахаров"] is None


def test_entities_ru_bare_surname_takes_the_full_name_and_post() -> None:
    text = (
        "Аким Атырауской области Нурлан Ногаев открыл школу. "
        "По словам Ногаева, строительство второй школы завершится в сентябре."
    )
    sentences = [Sentence(0, 51, "ru"), Sentence(52, len(text), "ru")]
    people = [(m.text, m.norm, m.role) for m in find_entities(text, sentences) if m.type == "PER"]
    assert people[-1] == ("Ногаева", "Нурлан Ногаев", "аким Атырауской области")


def test_entities_ru_post_stated_with_a_bare_surname_reaches_the_full_name() -> None:
    text = "Шахаров, аким области, открыл форум. Асхат Шахаров отметил рост инвестиций. А. Шахаров уехал."
    sentences = [Sentence(0, 36, "ru"), Sentence(37, 75, "ru"), Sentence(76, len(text), "ru")]
    people = [(m.text, m.norm, m.role) for m in find_entities(text, sentences) if m.type == "PER"]
    assert people == [
        ("Шахаров", "Асхат Шахаров", "аким области"),
        ("Асхат Шахаров", "Асхат Шахаров", "аким области"),
        ("А. Шахаров", "Асхат Шахаров", "аким области"),
    ]


@pytest.mark.parametrize("union", ["ЕС", "Европейского Союза", "Евросоюзом"])
def test_entities_ru_unions_are_organisations(union: str) -> None:
    text = f"Проект профинансирован {union} в рамках программы сотрудничества."
    found = find_entities(text, [Sentence(0, len(text), "ru")])
    assert [m.type for m in found if m.text == union] == ["ORG"]



@pytest.mark.parametrize(("text", "orgs"), [
    ("Акимат Акмолинской области и АО «Казахтелеком» подписали меморандум.",
     ["Акимат Акмолинской области", "АО «Казахтелеком»"]),
    ("Акимат Акмолинской области и акимат Костанайской области обменялись опытом.",
     ["Акимат Акмолинской области", "акимат Костанайской области"]),
    ("Министерство индустрии и инфраструктурного развития РК утвердило план.",
     ["Министерство индустрии и инфраструктурного развития РК"]),
])
def test_entities_ru_and_starts_a_second_organisation(text: str, orgs: list[str]) -> None:
    found = find_entities(text, [Sentence(0, len(text), "ru")])
    assert [m.text for m in found if m.type == "ORG"] == orgs

# --- the IOB2 tagger (aimaq tag --lang ru) -------------------------------------------------------


def _tagged(sentence: str, convention: str = "aimaq") -> list[tuple[str, str]]:
    tokens = sentence.split()
    return [(t, tag) for t, tag in zip(tokens, tag_tokens(tokens, convention), strict=True) if tag != "O"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Аким Мангистауской области Ералы Тогжанов посетил СЭЗ « Морпорт Актау » .",
            [
                ("Аким", "B-ROLE"), ("Мангистауской", "I-ROLE"), ("области", "I-ROLE"),
                ("Ералы", "B-PER"), ("Тогжанов", "I-PER"),
                ("СЭЗ", "B-PROGRAMME"), ("«", "I-PROGRAMME"), ("Морпорт", "I-PROGRAMME"),
                ("Актау", "I-PROGRAMME"), ("»", "I-PROGRAMME"),
            ],
        ),
        (
            "Заявки принимает АО « Фонд науки » до 1 мая .",
            [("АО", "B-ORG"), ("«", "I-ORG"), ("Фонд", "I-ORG"), ("науки", "I-ORG"), ("»", "I-ORG")],
        ),
        (
            "Кредиты выдаются по программе « Дорожная карта бизнеса – 2025 » .",
            [("Дорожная", "B-PROGRAMME"), ("карта", "I-PROGRAMME"), ("бизнеса", "I-PROGRAMME"),
             ("–", "I-PROGRAMME"), ("2025", "I-PROGRAMME")],
        ),
    ],
)
def test_entities_ru_tag_tokens_domain_convention(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _tagged(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Аким Мангистауской области Ералы Тогжанов посетил Актау .",
            [("Мангистауской", "B-LOC"), ("области", "I-LOC"), ("Ералы", "B-PER"), ("Тогжанов", "I-PER"),
             ("Актау", "B-LOC")],
        ),
        ("Глава ОАО « Газпром » выступил в Минске .", [("Газпром", "B-ORG"), ("Минске", "B-LOC")]),
        (
            "Об этом сообщил Комитет защиты журналистов ( КЗЖ ) .",
            [("Комитет", "B-ORG"), ("защиты", "I-ORG"), ("журналистов", "I-ORG"), ("КЗЖ", "B-ORG")],
        ),
    ],
)
def test_entities_ru_tag_tokens_names_convention(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _tagged(sentence, "names") == expected


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["Он", "сказал", ":", "«", "Да", "»", "."], "Он сказал: «Да»."),
        (["Жан", "-", "Мари", "Ле", "Пен"], "Жан-Мари Ле Пен"),
        (["в", "2013", "-", "2017", "годах", "(", "план", ")"], "в 2013 - 2017 годах (план)"),
    ],
)
def test_entities_ru_detokenize_offsets_slice_back(tokens: list[str], text: str) -> None:
    joined, offsets = detokenize(tokens)
    assert joined == text
    assert [joined[s:e] for s, e in offsets] == tokens


def test_entities_ru_tag_document_keeps_sentences_apart() -> None:
    doc = [["Аким", "области", "Нурлан", "Ногаев", "открыл", "школу", "."], [], ["Ногаев", "доволен", "."]]
    tags = tag_document(doc)
    assert [len(t) for t in tags] == [7, 0, 3]
    assert tags[0][2:4] == ["B-PER", "I-PER"]
    assert all(t.split("-")[-1] in ("O", "PER", "ORG", "LOC", "ROLE", "PROGRAMME") for s in tags for t in s)


# --- factRuEval gold reading (aimaq eval ner-ru) --------------------------------------------------


def test_entities_ru_factrueval_gold_follows_the_standard_reading(tmp_path: Path) -> None:
    from aimaq.evaluate.ner_ru import load_gold

    book = tmp_path / "devset"
    book.mkdir()
    text = "Глава ОАО «Газпром» Алексей Миллер прибыл в мэрию Москвы."
    tokens = ["Глава", "ОАО", "«", "Газпром", "»", "Алексей", "Миллер", "прибыл", "в", "мэрию", "Москвы", "."]
    at, lines = 0, []
    for i, tok in enumerate(tokens):
        at = text.index(tok, at)
        lines.append(f"{100 + i} {at} {len(tok)} {tok}")
        at += len(tok)
    (book / "book_1.txt").write_text(text, encoding="utf-8")
    (book / "book_1.tokens").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spans = [("1", "org_descr", 1), ("2", "org_name", 3), ("3", "name", 5), ("4", "surname", 6),
             ("5", "org_descr", 9), ("6", "loc_name", 10)]
    (book / "book_1.spans").write_text(
        "".join(f"{sid} {kind} {lines[i].split()[1]} {len(tokens[i])} {100 + i} 1\n" for sid, kind, i in spans),
        encoding="utf-8",
    )
    (book / "book_1.objects").write_text(
        "10 Org 1 2 # ОАО Газпром\n11 Person 3 4 # Алексей Миллер\n12 Org 5 6 # мэрию Москвы\n13 LocOrg 6 # Москвы\n",
        encoding="utf-8",
    )
    (sentence,) = next(load_gold(book))
    tagged = [(t.text, tag) for t, tag in zip(sentence.tokens, sentence.tags, strict=True) if tag != "O"]
    assert tagged == [("Газпром", "B-ORG"), ("Алексей", "B-PER"), ("Миллер", "I-PER"), ("Москвы", "B-LOC")]


# --- the shared samples -----------------------------------------------------------------------------


def _sample_people(record: dict) -> dict[str, set[str | None]]:
    out: dict[str, set[str | None]] = {}
    for m in record["mentions"]:
        if m["type"] == "PER":
            out.setdefault(m["norm"], set()).add(m["role"])
    return out


def test_entities_ru_samples_people_have_posts_and_match_across_languages(sample_records: dict) -> None:
    people = {name: _sample_people(rec) for name, rec in sample_records.items()}
    for name, found in people.items():
        assert found, name
        assert all(None not in roles and roles for roles in found.values()), (name, found)
    assert {person_key(n) for n in people["000"]} == {person_key(n) for n in people["001"]}
    assert people["001"]["Шолпан Ильмуханбетова"] == {"заместитель акима Мангистауской области"}
    assert people["000"]["Шолпан Илмұханбетова"] == {"Маңғыстау облысы әкімінің орынбасары"}
    assert people["003"]["Ералы Тогжанов"] == {"аким Мангистауской области"}


def test_entities_ru_mentions_slice_back(sample_records: dict) -> None:
    for rec in sample_records.values():
        mentions = [Mention(**m) for m in rec["mentions"]]
        assert all(rec["text"][m.start : m.end] == m.text for m in mentions)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # a headline opening with the post: natasha reads 'области' as prepositional there
        ("Аким области Ерлан Сейтов провел совещание", ("Ерлан Сейтов", "Ерлан Сейтов", "аким области")),
        # a region's name natasha put into the name belongs to the post
        (
            "Министр поблагодарил акима области Жетысу Ертугана Сейтова за работу.",
            ("Ертугана Сейтова", "Ертуган Сейтов", "аким области Жетысу"),
        ),
        # a region's name in Kazakh letters, which natasha tags as punctuation
        (
            "В Астане наградили акима области Ұлытау Ерлана Сейтова.",
            ("Ерлана Сейтова", "Ерлан Сейтов", "аким области Ұлытау"),
        ),
        # a participle natasha tags as a verb inside the post
        (
            "Об этом рассказал директор строящегося комбината Ерлан Сейтов.",
            ("Ерлан Сейтов", "Ерлан Сейтов", "директор строящегося комбината"),
        ),
        # after a dateline
        (
            "КАРАГАНДА. KAZINFORM – Аким области Ерлан Сейтов посетил завод.",
            ("Ерлан Сейтов", "Ерлан Сейтов", "аким области"),
        ),
        # a place word before a name in the nominative: the name is the subject, not a street's
        ("В городе Ерлан Сейтов открыл школу.", ("Ерлан Сейтов", "Ерлан Сейтов", None)),
    ],
)
def test_entities_ru_post_and_name_in_headlines_and_after_places(text: str, person: tuple[str, str, str | None]) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "Новый сквер открыли на улице Ерлана Сейтова.",  # a street named after someone
        "Студенты университета имени Ерлана Сейтова выиграли конкурс.",  # named after someone
        "Заявление опубликовано на сайте Акорды.",  # the presidential residence
        "Костанай. 3 марта. КазТАГ – Ольга Петренко. Аким области открыл школу.",  # the agency and its author
        "Ольга Петренко\nсобственный корреспондент",  # the author's line
        "фото Марата Бекова",  # a photo credit
        "Дороги отремонтируют в Лисаковске, Житикаре и Аркалыке.",  # a town natasha takes for a person
    ],
)
def test_entities_ru_name_that_is_no_person_of_the_text(text: str) -> None:
    assert _people(text) == []


def test_entities_ru_akorda_is_an_organisation() -> None:
    found = find_entities("Встреча прошла в Акорде.", [Sentence(0, 24, "ru")])
    assert [(m.type, m.text) for m in found] == [("ORG", "Акорде")]
