"""Kazakh suffix analyser: lemmas across suffix kinds and both harmonies, analyses, phrases, generation."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimaq.text.morph import kk

DATA = Path(__file__).resolve().parent / "data"

PLURAL = [
    ("облыстар", "облыс"), ("мектептер", "мектеп"), ("кәсіпкерлер", "кәсіпкер"), ("үйлер", "үй"),
    ("қалалар", "қала"), ("аудандар", "аудан"), ("жылдар", "жыл"), ("жобалар", "жоба"),
    ("өтініштер", "өтініш"), ("материалдар", "материал"), ("құжаттар", "құжат"), ("жұмыстар", "жұмыс"),
]
POSSESSIVE = [
    ("облысы", "облыс"), ("әкімі", "әкім"), ("басшысы", "басшы"), ("қаласы", "қала"), ("ауданы", "аудан"),
    ("орынбасары", "орынбасар"), ("жұмысымызда", "жұмыс"), ("облысымыздың", "облыс"), ("елдеріміз", "ел"),
    ("әкімдігі", "әкімдік"), ("министрлігі", "министрлік"), ("кітабы", "кітап"), ("халқының", "халық"),
    ("орны", "орын"), ("сарапшылары", "сарапшы"), ("қатысушылары", "қатысушы"), ("дамуы", "даму"),
    ("бағдарламасының", "бағдарлама"),
]
GENITIVE = [
    ("облысының", "облыс"), ("жобалардың", "жоба"), ("Айдарбаевтың", "Айдарбаев"),
    ("Қазақстанның", "Қазақстан"), ("ауылдың", "ауыл"), ("Атыраудың", "Атырау"), ("облыстың", "облыс"),
    ("Павлодардың", "Павлодар"), ("Назарбаевтың", "Назарбаев"), ("Тоқаевтың", "Тоқаев"),
    ("Ізмұхамбетовтің", "Ізмұхамбетов"),
]
ACCUSATIVE = [
    ("жобаны", "жоба"), ("ауылды", "ауыл"), ("облысты", "облыс"), ("Маңғыстауды", "Маңғыстау"),
    ("облысын", "облыс"), ("тәжірибені", "тәжірибе"), ("дамытуды", "дамыту"), ("туризмді", "туризм"),
]
DATIVE = [
    ("Ақтауға", "Ақтау"), ("Алматыға", "Алматы"), ("Шымкентке", "Шымкент"), ("облысына", "облыс"),
    ("әкімдікке", "әкімдік"), ("Қызылордаға", "Қызылорда"), ("сертификатқа", "сертификат"),
    ("басқаруға", "басқару"), ("банкке", "банк"), ("форумға", "форум"),
]
LOCATIVE = [
    ("Астанада", "Астана"), ("ауылдарында", "ауыл"), ("Маңғыстауда", "Маңғыстау"), ("Шымкентте", "Шымкент"),
    ("облысында", "облыс"), ("қалада", "қала"), ("аудандарда", "аудан"), ("Түркістанда", "Түркістан"),
    ("Қарағандыда", "Қарағанды"), ("Өскеменде", "Өскемен"), ("Ақтөбеде", "Ақтөбе"), ("Оралда", "Орал"),
    ("Таразда", "Тараз"), ("Семейде", "Семей"), ("Петропавлда", "Петропавл"), ("Қостанайда", "Қостанай"),
]
ABLATIVE = [
    ("кәсіпорыннан", "кәсіпорын"), ("Алматыдан", "Алматы"), ("облыстан", "облыс"), ("облысынан", "облыс"),
    ("Қазақстаннан", "Қазақстан"), ("жылдан", "жыл"), ("кәсіпорындардан", "кәсіпорын"),
    ("референдумнан", "референдум"),
]
INSTRUMENTAL = [
    ("жобамен", "жоба"), ("облыспен", "облыс"), ("Айдарбаевпен", "Айдарбаев"), ("сарапшыларымен", "сарапшы"),
]
LOC_ATTRIBUTIVE = [
    ("облыстағы", "облыс"), ("Алматыдағы", "Алматы"), ("облысындағы", "облыс"),
    ("Қазақстандағы", "Қазақстан"), ("өңірдегі", "өңір"),
]
HYPHENATED = [
    ("ЕО-ның", "ЕО"), ("АҚ-на", "АҚ"), ("143-ке", "143"), ("41-ден", "41"), ("98-нші", "98"),
    ("Нұр-Сұлтанда", "Нұр-Сұлтан"), ("Нұр-Сұлтан", "Нұр-Сұлтан"),
]
UNCHANGED = [
    "өндіріс", "адам", "жұмыс", "облыс", "қызмет", "Алматы", "Шымкент", "Атырау", "Түркістан", "Христеа",
    "Илмұханбетова", "мемлекеттік", "кәсіпкерлік", "жергілікті", "өңірлік", "инновация", "туризм",
    "жылғы", "соңғы", "негізгі", "және", "үшін", "бойынша", "туралы", "мен",
]
IRREGULAR = [("өздеріңіз", "өз"), ("біздің", "біз"), ("оның", "ол")]
CAPITALS = [("МАҢҒЫСТАУ", "МАҢҒЫСТАУ"), ("ОБЛЫСЫНЫҢ", "ОБЛЫС"), ("ХАЛҚЫ", "ХАЛЫҚ"), ("Облысының", "Облыс")]

ALL_CASES = (PLURAL + POSSESSIVE + GENITIVE + ACCUSATIVE + DATIVE + LOCATIVE + ABLATIVE + INSTRUMENTAL
             + LOC_ATTRIBUTIVE + HYPHENATED + [(w, w) for w in UNCHANGED] + IRREGULAR + CAPITALS)


@pytest.mark.parametrize(("word", "expected"), ALL_CASES)
def test_morph_kk_lemma(word: str, expected: str) -> None:
    assert kk.lemma(word) == expected


def test_morph_kk_lemma_case_count() -> None:
    assert len(ALL_CASES) >= 80


@pytest.mark.parametrize(
    ("word", "stem", "suffixes", "case", "possessive", "plural"),
    [
        ("облысының", "облыс", ("ы", "ның"), "gen", "3", False),
        ("жобалардың", "жоба", ("лар", "дың"), "gen", None, True),
        ("ауылдарында", "ауыл", ("дар", "ы", "нда"), "loc", "3", True),
        ("Маңғыстау", "маңғыстау", (), "nom", None, False),
        ("облысындағы", "облыс", ("ы", "ндағы"), "loc_attr", "3", False),
        ("жұмысымызда", "жұмыс", ("ымыз", "да"), "loc", "1pl", False),
        ("Айдарбаевпен", "айдарбаев", ("пен",), "ins", None, False),
    ],
)
def test_morph_kk_best_analysis(word, stem, suffixes, case, possessive, plural) -> None:
    best = kk.analyse(word)[0]
    assert (best.stem, best.suffixes, best.case, best.possessive, best.plural) == (
        stem, suffixes, case, possessive, plural)


@pytest.mark.parametrize(
    ("word", "illegal_stem"),
    [
        ("жұмысде", "жұмыс"),  # front locative after a back stem
        ("кітапда", "кітап"),  # -да after a voiceless consonant (must be -та)
        ("облыстың", "облы"),  # 'стың' is no suffix; -сы only follows a vowel
        ("адамдың", "адам"),  # genitive after м is -ның
        ("үйге", "үйг"),  # nothing is left of a suffix
        ("жобалердің", "жоба"),  # front plural after a back stem
    ],
)
def test_morph_kk_harmony_and_assimilation_decide_legality(word: str, illegal_stem: str) -> None:
    assert illegal_stem not in {stem for stem, *_ in kk.segmentations(word)}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Маңғыстау", "облысының"], "Маңғыстау облысы"),
        (["Маңғыстау", "облысындағы"], "Маңғыстау облысы"),
        (["Түркістан", "облысына"], "Түркістан облысы"),
        (["Еуропалық", "Одақтың"], "Еуропалық Одақ"),
        (["Қазақстан", "халқының"], "Қазақстан халқы"),
        (["Еуропалық", "Одақ", "Өкілдігінің"], "Еуропалық Одақ Өкілдігі"),
        (["Маңғыстау", "облысы"], "Маңғыстау облысы"),
        (["Айдарбаевтың"], "Айдарбаев"),
        (["«Ғылым", "қоры»", "АҚ-на"], "«Ғылым қоры» АҚ"),
        ([], ""),
    ],
)
def test_morph_kk_nominative_phrase(words: list[str], expected: str) -> None:
    assert kk.nominative_phrase(words) == expected


@pytest.mark.parametrize("word", ["Астанада", "ОБЛЫСЫНЫҢ", "Ақтауға"])
def test_morph_kk_stem_is_lower_lemma(word: str) -> None:
    assert kk.stem(word) == kk.lemma(word).lower()


@pytest.mark.parametrize("nominative", ["облыс", "жоба", "кәсіпорын", "ақтау", "маңғыстау", "шымкент",
                                        "кітап", "өтініш", "астана", "алматы"])
def test_morph_kk_inflections_analyse_back(nominative: str) -> None:
    forms = kk.inflections(nominative)
    assert nominative in forms and len(forms) > 50
    adjectives = {f for f in forms if kk.analyse(f)[0].tags == ("ATTR",)}
    assert all(kk.stem(f) == nominative for f in forms - adjectives)


@pytest.mark.parametrize(
    ("nominative", "present", "absent"),
    [
        ("ақтау", {"ақтауда", "ақтаудың", "ақтауға", "ақтаудан", "ақтаумен", "ақтаудағы"}, {"ақтауде", "ақтауна"}),
        ("шымкент", {"шымкентте", "шымкенттің", "шымкентке", "шымкенттен"}, {"шымкентде", "шымкентта"}),
        ("облыс", {"облысы", "облысының", "облысында", "облысындағы", "облыстағы"}, {"облыссы", "облысда"}),
        ("кітап", {"кітабы", "кітапта"}, {"кітапы"}),
    ],
)
def test_morph_kk_inflections_follow_harmony(nominative: str, present: set[str], absent: set[str]) -> None:
    forms = kk.inflections(nominative)
    assert present <= forms
    assert not absent & forms


def test_morph_kk_empty_and_unknown_words() -> None:
    assert kk.lemma("") == ""
    assert kk.analyse("xyz")[0].stem == "xyz"
    assert kk.lemma("Христеа") == "Христеа"


def _accuracy(name: str) -> float:
    path = DATA / name
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return sum(kk.lemma(word) == gold for word, gold in rows) / len(rows)


@pytest.mark.parametrize(("name", "floor"), [("kk_lemma_heldout.tsv", 0.95), ("kk_lemma_dev.tsv", 0.97)])
def test_morph_kk_accuracy_floor(name: str, floor: float) -> None:
    """Quality gate: pinned floors on the hand-labelled NTREX lists (see tools/eval_kk_lemma.py)."""
    assert _accuracy(name) >= floor
