"""REGIONS stage: ISO 3166-2:KZ codes for kk/ru/en region and city names, spans, counts, samples."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aimaq.ner import region_matcher as regions
from aimaq.records import Mention, RegionCount
from aimaq.resources import load_json

CODES_2022 = ("KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
              "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79")


def found(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.norm) for m in regions.find_regions(text)]


# (kk nominative of the region name, ru adjective stem + 'ая', code) for the 17 regions
REGIONS = [
    ("Абай", "область Абай", "KZ-10"), ("Ақмола", "Акмолинская", "KZ-11"), ("Ақтөбе", "Актюбинская", "KZ-15"),
    ("Алматы", "Алматинская", "KZ-19"), ("Атырау", "Атырауская", "KZ-23"),
    ("Батыс Қазақстан", "Западно-Казахстанская", "KZ-27"), ("Жамбыл", "Жамбылская", "KZ-31"),
    ("Жетісу", "область Жетісу", "KZ-33"), ("Қарағанды", "Карагандинская", "KZ-35"),
    ("Қостанай", "Костанайская", "KZ-39"), ("Қызылорда", "Кызылординская", "KZ-43"),
    ("Маңғыстау", "Мангистауская", "KZ-47"), ("Павлодар", "Павлодарская", "KZ-55"),
    ("Солтүстік Қазақстан", "Северо-Казахстанская", "KZ-59"), ("Түркістан", "Туркестанская", "KZ-61"),
    ("Ұлытау", "область Ұлытау", "KZ-62"), ("Шығыс Қазақстан", "Восточно-Казахстанская", "KZ-63"),
]
KK_HEADS = ["облысы", "облысының", "облысында", "облысына", "облысынан", "облысындағы", "облысымен", "облыстық"]
RU_ADJ_CASES = [("ая", "область"), ("ой", "области"), ("ую", "область"), ("ой", "областью"), ("ой", "обл.")]
RU_NOUN_HEADS = ["область", "области", "областью"]


@pytest.mark.parametrize(("kk_name", "ru_name", "code"), REGIONS)
@pytest.mark.parametrize("head", KK_HEADS)
def test_regions_kk_region_in_every_case(kk_name: str, ru_name: str, code: str, head: str) -> None:
    phrase = f"{kk_name} {head}"
    assert found(f"Бүгін {phrase} әкімі мәлімдеді.") == [(phrase, code)]


def _ru_phrases(ru_name: str) -> list[str]:
    if ru_name.startswith("область "):
        name = ru_name.split(" ", 1)[1]
        return [f"{head} {name}" for head in RU_NOUN_HEADS]
    return [f"{ru_name[:-2]}{ending} {head}" for ending, head in RU_ADJ_CASES]


@pytest.mark.parametrize(("kk_name", "ru_name", "code"), REGIONS)
def test_regions_ru_region_in_every_case(kk_name: str, ru_name: str, code: str) -> None:
    for phrase in _ru_phrases(ru_name):
        assert found(f"Аким {phrase} сообщил.") == [(phrase, code)], phrase


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Астанада өтті", [("Астанада", "KZ-71")]),
        ("Астана қаласының әкімі", [("Астана қаласының", "KZ-71")]),
        ("в Астане прошло", [("Астане", "KZ-71")]),
        ("аким г. Астана", [("г. Астана", "KZ-71")]),
        ("Алматыда", [("Алматыда", "KZ-75")]),
        ("в городе Алматы", [("городе Алматы", "KZ-75")]),
        ("Алматинский городской маслихат", [("Алматинский городской", "KZ-75")]),
        ("Шымкентке келді", [("Шымкентке", "KZ-79")]),
        ("акимат Шымкента", [("Шымкента", "KZ-79")]),
    ],
)
def test_regions_cities_of_republican_significance(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Семейде", "KZ-10"), ("Кокшетау", "KZ-11"), ("Көкшетауда", "KZ-11"), ("Актобе", "KZ-15"),
        ("Ақтөбеде", "KZ-15"), ("Конаеве", "KZ-19"), ("Қонаевқа", "KZ-19"), ("Атырау", "KZ-23"),
        ("Атырауда", "KZ-23"), ("Уральске", "KZ-27"), ("Оралда", "KZ-27"), ("Таразе", "KZ-31"),
        ("Тараздың", "KZ-31"), ("Талдыкоргане", "KZ-33"), ("Талдықорғанда", "KZ-33"), ("Караганде", "KZ-35"),
        ("Қарағандыда", "KZ-35"), ("Костанае", "KZ-39"), ("Қостанайдан", "KZ-39"), ("Кызылорде", "KZ-43"),
        ("Қызылордаға", "KZ-43"), ("Актау", "KZ-47"), ("Ақтауда", "KZ-47"), ("Павлодаре", "KZ-55"),
        ("Петропавловске", "KZ-59"), ("Петропавлда", "KZ-59"), ("Туркестане", "KZ-61"), ("Түркістанда", "KZ-61"),
        ("Жезказгане", "KZ-62"), ("Жезқазғанда", "KZ-62"), ("Усть-Каменогорске", "KZ-63"),
        ("Өскеменде", "KZ-63"), ("Жанаозене", "KZ-47"), ("Экибастузе", "KZ-55"),
    ],
)
def test_regions_centres_map_to_their_region(text: str, code: str) -> None:
    assert found(text) == [(text, code)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Южно-Казахстанской области", ("Южно-Казахстанской области", "KZ-61")),
        ("Оңтүстік Қазақстан облысында", ("Оңтүстік Қазақстан облысында", "KZ-61")),
        ("в Нур-Султане", ("Нур-Султане", "KZ-71")),
        ("Нұр-Сұлтан қаласында", ("Нұр-Сұлтан қаласында", "KZ-71")),
        ("в Целинограде", ("Целинограде", "KZ-71")),
        ("Ақмолада", ("Ақмолада", "KZ-71")),
        ("г. Капшагай", ("г. Капшагай", "KZ-19")),
        ("Қапшағайда", ("Қапшағайда", "KZ-19")),
        ("в Семипалатинске", ("Семипалатинске", "KZ-10")),
        ("Кустанайской области", ("Кустанайской области", "KZ-39")),
        ("в Алма-Ате", ("Алма-Ате", "KZ-75")),
        ("Джезказганской области", ("Джезказганской области", "KZ-62")),
        ("Мангышлакской области", ("Мангышлакской области", "KZ-47")),
        ("Гурьевской области", ("Гурьевской области", "KZ-23")),
    ],
)
def test_regions_former_names_map_to_2022_units(text: str, expected: tuple[str, str]) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "code"),
    [("СКО", "KZ-59"), ("ВКО", "KZ-63"), ("ЗКО", "KZ-27"), ("ЮКО", "KZ-61"), ("СҚО", "KZ-59"),
     ("ШҚО-да", "KZ-63"), ("БҚО-ның", "KZ-27"), ("ОҚО", "KZ-61")],
)
def test_regions_abbreviations(text: str, code: str) -> None:
    assert found(f"В {text} открыли завод") == [(text, code)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Алматы", [("Алматы", "KZ-75")]),
        ("Алматы облысы", [("Алматы облысы", "KZ-19")]),
        ("Алматинская область", [("Алматинская область", "KZ-19")]),
        ("Алматинском районе столицы", [("Алматинском районе", "KZ-71")]),
        ("Алматы ауданының әкімі", [("Алматы ауданының", "KZ-71")]),
        ("Ақмола облысы", [("Ақмола облысы", "KZ-11")]),
        ("Жетысуском районе", [("Жетысуском районе", "KZ-75")]),
        ("области Жетысу", [("области Жетысу", "KZ-33")]),
        ("В Исатайском районе выделен участок", [("Исатайском районе", "KZ-23")]),
        ("Исатай ауданында", [("Исатай ауданында", "KZ-23")]),
        ("Мангистау", [("Мангистау", "KZ-47")]),
        ("в Атырауской области", [("Атырауской области", "KZ-23")]),
        ("СЭЗ «Морпорт Актау»", [("Актау", "KZ-47")]),
        ("Бүгін Қонаевта жиын өтті", [("Қонаевта", "KZ-19")]),
        ("МАҢҒЫСТАУ ОБЛЫСЫНЫҢ ӘКІМІ", [("МАҢҒЫСТАУ ОБЛЫСЫНЫҢ", "KZ-47")]),
        ("Mangystau Region and Aktau", [("Mangystau Region", "KZ-47"), ("Aktau", "KZ-47")]),
    ],
)
def test_regions_disambiguation_and_spans(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ақмола, Батыс Қазақстан және Павлодар облыстарында",
         [("Ақмола", "KZ-11"), ("Батыс Қазақстан", "KZ-27"), ("Павлодар облыстарында", "KZ-55")]),
        ("Алматы және Жамбыл облыстарында", [("Алматы", "KZ-19"), ("Жамбыл облыстарында", "KZ-31")]),
        ("Жамбылской и Туркестанской областей", [("Жамбылской", "KZ-31"), ("Туркестанской областей", "KZ-61")]),
        ("Атырауская и Мангистауская области", [("Атырауская", "KZ-23"), ("Мангистауская области", "KZ-47")]),
        ("Астана мен Алматыда", [("Астана", "KZ-71"), ("Алматыда", "KZ-75")]),
    ],
)
def test_regions_coordinated_names_share_the_plural_head(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ТОО «Алматыэнерго» повысило тарифы",
        "Елбасы Нурсултан Назарбаев",
        "Нұрсұлтан Назарбаевтың жолдауы",
        "Абай Құнанбаевтың шығармалары",
        "Абайские чтения прошли в школе",
        "Жамбыл Жабаевтың өлеңдері",
        "Д. Қонаев атындағы университет",
        "Дінмұхамед Қонаевтың туған күні",
        "певица Алия Конаева",
        "Орал Мұхамеджановтың сөзі",
        "Қонаев көшесінде жөндеу",
        "на улице Караганда",
        "Уральский регион России",
        "Уральская сталь",
        "Есік ашық тұр",
        "родился в с. Джамбул",
        "мангистауские предприятия",
        "зко",
        "Республика Казахстан",
    ],
)
def test_regions_negatives(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Жаңа «Астана» шағын ауданында 300 пәтер салынады.", []),
        ("Қарағандыдағы Астана шағынауданында мектеп ашылды.", [("Қарағандыдағы", "KZ-35")]),
        ("В микрорайоне «Астана» открыли поликлинику.", []),
        ("Развитие Алматинской агломерации обсудили в Конаеве.", [("Алматинской агломерации", "KZ-75"),
                                                                 ("Конаеве", "KZ-19")]),
        ("Шымкент агломерациясының жол картасы бекітілді.", [("Шымкент агломерациясының", "KZ-79")]),
        ("«Астана» футбол клубы жеңіске жетті.", [("Астана", "KZ-71")]),
    ],
)
def test_regions_microdistricts_and_agglomerations(text: str, expected: list) -> None:
    assert found(text) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Маңғыстау облысының", "в Атырауской области", "Ақтауда", " ", ", ", "г.",
                                 "Алматы", "облысы", "и", "Нур-Султане", "«", "СКО", "қаласы", "x"]), max_size=12))
def test_regions_offsets_slice_back_to_the_text(parts: list[str]) -> None:
    text = " ".join(parts)
    for m in regions.find_regions(text):
        assert text[m.start:m.end] == m.text and m.type == "LOC" and m.norm in CODES_2022


def test_regions_counts_sorted_by_count_then_code() -> None:
    mentions = [Mention("LOC", 0, 1, "a", "KZ-47"), Mention("LOC", 0, 1, "a", "KZ-23"),
                Mention("LOC", 0, 1, "a", "KZ-47"), Mention("LOC", 0, 1, "a", "KZ-11"),
                Mention("PER", 0, 1, "a", "KZ-11"), Mention("LOC", 0, 1, "a", "Маңғыстау")]
    assert regions.region_counts(mentions) == (RegionCount("KZ-47", 2), RegionCount("KZ-11", 1),
                                               RegionCount("KZ-23", 1))


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [("KZ-47", "kk", "Маңғыстау облысы"), ("KZ-47", "ru", "Мангистауская область"),
     ("KZ-47", "en", "Mangystau Region"), ("KZ-71", "other", "Astana"), ("KZ-62", "kk", "Ұлытау облысы")],
)
def test_regions_region_name(code: str, lang: str, name: str) -> None:
    assert regions.region_name(code, lang) == name


def test_regions_data_is_the_2022_division() -> None:
    data = load_json(regions.DATA)
    assert data["division"] == "2022" and data["version"]
    assert regions.codes() == CODES_2022
    kinds = {g["kind"] for u in data["units"] for g in u["groups"]}
    assert kinds <= {"region", "city", "centre", "district", "former", "abbr"}


@pytest.mark.parametrize(("name", "code"), [("000", "KZ-47"), ("001", "KZ-47")])
def test_regions_samples_mangystau(samples_dir: Path, name: str, code: str) -> None:
    path = next(samples_dir.glob(f"{name}_*.txt"))
    counts = regions.region_counts(regions.find_regions(path.read_text(encoding="utf-8")))
    assert [c.code for c in counts] == [code]


def test_regions_sample_003_atyrau_and_mangystau(samples_dir: Path) -> None:
    path = next(samples_dir.glob("003_*.txt"))
    counts = regions.region_counts(regions.find_regions(path.read_text(encoding="utf-8")))
    assert {c.code for c in counts} == {"KZ-23", "KZ-47"}


def test_regions_thousands_of_sentences_per_second() -> None:
    sentences = ["Аким Мангистауской области провёл встречу с инвесторами в г. Актау.",
                 "Маңғыстау облысының әкімі Ақтауда кәсіпкерлермен кездесті.",
                 "В 2016 году в регионе действовало 12 производств."] * 700
    regions.matcher()
    start = time.perf_counter()
    for sentence in sentences:
        regions.find_regions(sentence)
    assert len(sentences) / (time.perf_counter() - start) > 2000


# --------------------------------------------------------------------------- the REGIONS stage: main region


def _document(text: str, title: str | None = None):
    from aimaq.pipeline import extract_text

    return extract_text(text, title=title)


def _codes(doc) -> set[str]:
    return {r.code for r in doc.regions}


@pytest.mark.parametrize(
    ("body", "codes", "main"),
    [
        ("АСТАНА. KAZINFORM – Павлодар облысында биыл 3 зауыт ашылды.", {"KZ-55"}, "KZ-55"),
        ("АҚТАУ. KAZINFORM – Атырау облысының әкімі жаңа жобалар туралы айтты.", {"KZ-23"}, "KZ-23"),
        ("Алматы. 14 марта. КазТАГ – В Туркестанской области построят 12 школ.", {"KZ-61"}, "KZ-61"),
        ("ТАРАЗ, 2 сәуір – Sputnik. Облыста 40 жаңа жұмыс орны ашылды.", set(), None),
    ],
)
def test_regions_dateline_is_no_region_of_the_release(body: str, codes: set[str], main: str | None) -> None:
    doc = _document(body)
    assert _codes(doc) == codes and doc.main_region == main


def test_regions_main_is_the_governors_region_not_the_most_mentioned() -> None:
    doc = _document(
        "Аким Карагандинской области Ерлан Жаксылыков встретился с инвесторами из Астаны. "
        "Инвесторы из Астаны построят завод. Соглашение подписали в Астане, сообщили в Астане."
    )
    assert doc.regions[0].code == "KZ-71" and doc.main_region == "KZ-35"


def test_regions_main_is_the_kk_governors_region() -> None:
    doc = _document(
        "Астанада өткен брифингте Қостанай облысының әкімі өңірдің жоспарларымен бөлісті. "
        "Астана мен Алматы инвесторлары облыста 5 жоба іске асырады. Астанада келісімге қол қойылды."
    )
    assert doc.main_region == "KZ-39"


def test_regions_a_region_named_only_in_the_title_counts() -> None:
    doc = _document("Облыста биыл 250 жұмыс орны ашылды. Өңір басшысы жаңа жобаларды атады.",
                    title="Түркістан облысында жаңа кәсіпорындар ашылды")
    assert _codes(doc) == {"KZ-61"} and doc.main_region == "KZ-61"
    assert [(f.type, f.region) for f in doc.facts] == [("jobs", "KZ-61")]


def test_regions_title_and_lead_weigh_more_than_later_mentions() -> None:
    doc = _document(
        "В Жамбылской области за год открыли 7 предприятий. Оборудование привезли из Алматы. "
        "Специалистов обучали в Алматы, а сырьё закупают в Алматы.",
        title="Жамбылская область: итоги индустриализации",
    )
    assert doc.regions[0].code == "KZ-75" and doc.main_region == "KZ-31"


def test_regions_a_release_that_calls_itself_a_region_has_a_region_as_main() -> None:
    doc = _document("Облыстың жол қорына биыл 20 млрд теңге бөлінді. Жобалар Түркістан облысы аумағында жүзеге асады.",
                    title="Шымкент агломерациясына жаңа жолдар салынады")
    assert _codes(doc) == {"KZ-61", "KZ-79"} and doc.main_region == "KZ-61"


def test_regions_a_national_release_has_no_main_region() -> None:
    doc = _document(
        "По республике за год создано 50 тысяч рабочих мест. "
        "Больше всего – в Туркестанской области, где открыто 9 тысяч рабочих мест.",
        title="В Казахстане подвели итоги занятости",
    )
    assert doc.main_region is None
    assert [(f.value, f.region) for f in doc.facts] == [(50000, None), (9000, "KZ-61")]


def test_regions_a_release_naming_no_region_takes_its_photo_credits_akimat() -> None:
    doc = _document("По словам акима, в области создадут 120 рабочих мест.\nФото: акимат Костанайской области\n"
                    "Строительство начнётся весной.")
    assert _codes(doc) == set() and doc.main_region == "KZ-39"
    assert "Фото" not in doc.text and [f.region for f in doc.facts] == ["KZ-39"]
