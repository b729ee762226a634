"""Search over both languages: any inflected form finds a document, filters narrow, translations follow hits."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from aimaq.cli import main
from aimaq.ingest.run import ingest
from aimaq.store import search_keys as keys
from aimaq.store.engine import open_store
from aimaq.store.filters import Filters
from aimaq.store.search import fts5_query, search, tsquery

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
FILES = ["001_kk_aktobe_investment.txt", "002_ru_aktobe_investment.txt", "014_ru_astana_investment.txt",
         "015_kk_almaty_city_sme.txt", "025_kk_abai_tourism.txt", "026_kk_abai_tourism_repost.txt"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("search") / "s.db")
    ingest([str(CORPUS / f) for f in FILES], path)
    return path


def _names(hits, via: str | None = None) -> list[str]:
    return [Path(h.source).name[:3] for h in hits if via is None or h.via == via]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("инвестициялар", ("инвестиция",)),  # kk plural
        ("инвестицияның", ("инвестиция",)),  # kk genitive
        ("инвестиций", ("инвестиций", "инвестиция")),  # ru genitive plural: kk reading, ru lemma
        ("Ақтөбе", ("актобе",)),  # Kazakh letters fold to the Russian spelling
        ("2023", ("2023",)),
    ],
)
def test_store_search_query_words_become_their_possible_keys(word: str, expected: tuple[str, ...]) -> None:
    assert keys.query_alternatives(word)[: len(expected)] == expected


@pytest.mark.parametrize(
    ("query", "must_match"),
    [
        ("инвестициялар", {"001"}),  # kk form not in the text; 001 says 'инвестиция', 'инвестицияның'
        ("инвестициями", {"002", "014"}),  # ru instrumental, not in any text
        ("кәсіпорындарының", {"001"}),  # kk plural + possessive + genitive of 'кәсіпорын'
        ("предприятие", {"002"}),
        ("инвестиции Ақтөбе", {"001"}),  # every word must match; Ақтөбе and Актобе meet
    ],
)
def test_store_search_finds_any_inflected_form(db: str, query: str, must_match: set[str]) -> None:
    hits = search(open_store(db), query)
    assert must_match <= set(_names(hits, "match"))


def test_store_search_misses_documents_without_every_word(db: str) -> None:
    assert "014" not in _names(search(open_store(db), "инвестиции Ақтөбе"))
    assert search(open_store(db), "гидроэлектростанция") == []


@pytest.mark.parametrize(("lang", "expected"), [(None, ["001", "002"]), ("ru", ["002"]), ("kk", ["001"])])
def test_store_search_a_query_in_one_language_finds_the_translation(db: str, lang: str | None,
                                                                   expected: list[str]) -> None:
    hits = search(open_store(db), "кәсіпорындар", Filters(lang=lang))
    assert _names(hits)[:2] == expected
    if lang == "ru":
        assert hits[0].via == "pair" and "предприятий" in hits[0].snippet


@pytest.mark.parametrize(
    ("filters", "present", "absent"),
    [
        (Filters(region="KZ-15"), {"001"}, {"014", "025"}),
        (Filters(since=date(2023, 5, 1)), {"014", "025"}, {"001"}),
        (Filters(until=date(2023, 5, 1)), {"001"}, {"014", "025"}),
        (Filters(lang="ru"), {"002", "014"}, {"001", "025"}),
        (Filters(type="project_cost"), {"001"}, set()),
        (Filters(entity="Ерболат Тлеуберлиев"), {"002"}, {"014", "025"}),
    ],
)
def test_store_search_filters(db: str, filters: Filters, present: set[str], absent: set[str]) -> None:
    names = set(_names(search(open_store(db), "инвестиция", filters), "match"))
    assert present <= names and not (absent & names)


def test_store_search_shows_one_document_per_repost_cluster(db: str) -> None:
    engine = open_store(db)
    assert _names(search(engine, "туризм")) == ["025"]
    assert sorted(_names(search(engine, "туризм", Filters(duplicates=True)))) == ["025", "026"]


@pytest.mark.parametrize("query", ['"', 'инвестиция" OR "*', "NEAR(a b)", "'; DROP TABLE documents; --", "   "])
def test_store_search_survives_hostile_queries(db: str, query: str) -> None:
    engine = open_store(db)
    search(engine, query)
    assert search(engine, "инвестиция")


def test_store_search_query_syntax_quotes_every_key() -> None:
    alts = [("а", "б"), ("в",)]
    assert fts5_query(alts) == '("а" OR "б") AND ("в")'
    assert tsquery(alts) == "(а | б) & (в)"


def test_store_search_cli_jsonl(db: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["search", "--db", db, "--jsonl", "--limit", "2", "инвестициялар"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2 and Path(lines[0]["source"]).name.startswith("001")
    assert set(lines[0]) >= {"doc_id", "source", "lang", "date", "title", "score", "snippet", "via"}
    assert "инвестиция" in lines[0]["snippet"]


def test_store_search_cli_without_a_store_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    missing = tmp_path / "none.db"
    assert main(["search", "--db", str(missing), "x"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("aimaq: error: ") and str(missing) in err and not missing.exists()
