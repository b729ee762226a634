"""The API under /api/ over the hand-checked corpus: filters, cursor pagination, CSV and XLSX, the kk/ru
pairs and merged facts, search across languages, regions with indicator totals, the OpenAPI spec."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from aimaq.web.app import create_app
from aimaq.web.downloads import FACT_COLUMNS
from web_store import CORPUS, corpus_store

EXPECTED = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "expected").glob("*.json"))}
PAIRS = json.loads((CORPUS / "pairs.json").read_text(encoding="utf-8"))
REPOSTS = {Path(b).stem for _, b in PAIRS["reposts"]}  # the later copy of each re-posted release


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(corpus_store(), token=None))


def _name(source: str) -> str:
    return Path(source).stem


def _all(client: TestClient, endpoint: str, **params: object) -> list[dict]:
    """Every item of a listing, following next_cursor, pages of 5."""
    items, cursor = [], None
    for _ in range(200):
        page = client.get(endpoint, params={**params, "limit": 5, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= 5
        items += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return items
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_web_api_documents_filter_by_language(client: TestClient, lang: str) -> None:
    items = client.get("/api/documents", params={"lang": lang, "limit": 500}).json()["items"]
    names = {_name(d["source"]) for d in items}
    wanted = {stem for stem, e in EXPECTED.items() if e["lang"] == lang} - REPOSTS
    assert {d["lang"] for d in items} == {lang}
    assert names == wanted


@pytest.mark.parametrize("code", ["KZ-15", "KZ-43", "KZ-33", "KZ-79"])
def test_web_api_documents_filter_by_region(client: TestClient, code: str) -> None:
    items = client.get("/api/documents", params={"region": code, "limit": 500}).json()["items"]
    assert items and all(code in d["regions"] for d in items)
    main = {stem for stem, e in EXPECTED.items() if e["main_region"] == code} - REPOSTS
    assert main <= {_name(d["source"]) for d in items}


def test_web_api_documents_filter_by_dates(client: TestClient) -> None:
    items = client.get("/api/documents", params={"since": "2023-01-01", "until": "2023-06-30"}).json()["items"]
    dated = {stem: e["date"] for stem, e in EXPECTED.items() if e["date"] and "2023-01-01" <= e["date"] <= "2023-06-30"}
    assert {_name(d["source"]) for d in items} == set(dated) - REPOSTS
    assert [d["date"] for d in items] == sorted((d["date"] for d in items), reverse=True)


def test_web_api_documents_hide_reposts_unless_asked(client: TestClient) -> None:
    default = {_name(d["source"]) for d in client.get("/api/documents", params={"limit": 500}).json()["items"]}
    every = client.get("/api/documents", params={"limit": 500, "duplicates": True}).json()["items"]
    assert default == set(EXPECTED) - REPOSTS
    assert {_name(d["source"]) for d in every} == set(EXPECTED)
    assert {_name(d["source"]) for d in every if d["duplicate"]} == REPOSTS


@pytest.mark.parametrize("name", ["Қанат Мұқашев", "Канат Мукашев", "Европейский союз", "Еуропалық одақ"])
def test_web_api_entity_filter_keeps_what_names_it(client: TestClient, name: str) -> None:
    docs = client.get("/api/documents", params={"entity": name, "limit": 500}).json()["items"]
    assert {_name(d["source"]) for d in docs} == {"011_kk_east_kz_eu_project", "012_ru_east_kz_eu_project"}
    ids = {d["id"] for d in docs}
    facts = client.get("/api/facts", params={"entity": name, "limit": 500}).json()["items"]
    stated = {f["id"] for doc_id in ids for f in client.get("/api/facts", params={"doc": doc_id}).json()["items"]}
    assert facts and {f["id"] for f in facts} == stated
    amounts = client.get("/api/amounts", params={"entity": name, "limit": 500}).json()["items"]
    assert amounts and {a["doc_id"] for a in amounts} == ids
    hits = client.get("/api/search", params={"entity": name, "q": "облыс"}).json()
    assert {h["doc_id"] for h in hits["items"]} == ids < {h["doc_id"] for h in _search(client, "облыс")}


def test_web_api_entity_filter_by_an_unknown_name_keeps_nothing(client: TestClient) -> None:
    assert client.get("/api/documents", params={"entity": "Никто Никтоев"}).json()["items"] == []
    assert client.get("/api/facts", params={"entity": "Никто Никтоев"}).json()["items"] == []


def _search(client: TestClient, q: str) -> list[dict]:
    return client.get("/api/search", params={"q": q, "limit": 500}).json()["items"]


@pytest.mark.parametrize("endpoint", ["/api/documents", "/api/facts", "/api/amounts", "/api/entities", "/api/pairs"])
def test_web_api_cursor_pages_cover_the_listing_once(client: TestClient, endpoint: str) -> None:
    whole = client.get(endpoint, params={"limit": 500}).json()
    assert whole["next_cursor"] is None
    paged = _all(client, endpoint)
    assert paged == whole["items"]


@pytest.mark.parametrize("cursor", ["garbage", "WyJ4Il0", "W10", "eyJhIjoxfQ"])
def test_web_api_bad_cursor_is_400(client: TestClient, cursor: str) -> None:
    answer = client.get("/api/facts", params={"cursor": cursor})
    assert answer.status_code == 400
    assert answer.json() == {"detail": "invalid cursor"}


@pytest.mark.parametrize("params", [{"region": "KZ-99"}, {"type": "nonsense"}, {"lang": "de"}, {"since": "yesterday"}, {"limit": 0},
                                    {"format": "pdf"}])
def test_web_api_rejects_malformed_filters(client: TestClient, params: dict) -> None:
    assert client.get("/api/documents", params=params).status_code == 422


def _aktobe_investment(client: TestClient) -> dict:
    facts = client.get("/api/facts", params={"region": "KZ-15", "type": "investment"}).json()["items"]
    return next(f for f in facts if f["value"] == 412_500_000_000)


def test_web_api_fact_stated_in_both_languages_is_one_fact_with_two_sentences(client: TestClient) -> None:
    f = _aktobe_investment(client)
    assert (f["currency"], f["period_start"], f["period_end"]) == ("KZT", "2022", "2022")
    assert [e["lang"] for e in f["evidence"]] == ["kk", "ru"]
    assert [_name(e["source"]) for e in f["evidence"]] == ["001_kk_aktobe_investment", "002_ru_aktobe_investment"]
    assert "412,5 млрд" in f["evidence"][0]["text"] and "412,5 млрд" in f["evidence"][1]["text"]
    assert client.get(f"/api/facts/{f['id']}").json() == f


def test_web_api_document_sentences_slice_its_text(client: TestClient) -> None:
    ev = _aktobe_investment(client)["evidence"][0]
    doc = client.get(f"/api/documents/{ev['doc_id']}").json()
    text = doc["text"]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in doc["sentences"])
    assert all(text[m["start"]:m["end"]] == m["text"] for m in doc["mentions"])
    assert doc["document"]["partner"] and doc["alignment"][0] == [0, 0]
    partner = client.get(f"/api/documents/{doc['document']['partner']}").json()
    assert partner["alignment"] == [[j, i] for i, j in doc["alignment"]]


@pytest.mark.parametrize(("path", "status"), [("/api/documents/" + "0" * 32, 404), ("/api/documents/nothex", 422),
                                              ("/api/facts/999999", 404), ("/api/regions/KZ-00", 404)])
def test_web_api_unknown_records(client: TestClient, path: str, status: int) -> None:
    assert client.get(path).status_code == status


def test_web_api_facts_csv_has_the_json_rows(client: TestClient) -> None:
    params = {"region": "KZ-15", "limit": 500}
    as_json = client.get("/api/facts", params=params).json()["items"]
    answer = client.get("/api/facts", params={**params, "format": "csv"})
    assert answer.headers["content-type"].startswith("text/csv")
    assert 'filename="aimaq-facts.csv"' in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == FACT_COLUMNS
    assert [int(r["id"]) for r in rows] == [f["id"] for f in as_json]
    row = next(r for r in rows if r["value"] == "412500000000")
    assert (row["type"], row["currency"], row["region"]) == ("investment", "KZT", "KZ-15")
    assert "412,5 млрд теңге" in row["evidence_kk"] and "412,5 млрд тенге" in row["evidence_ru"]


@pytest.mark.parametrize("endpoint", ["/api/documents", "/api/regions", "/api/entities", "/api/pairs"])
def test_web_api_xlsx_export_opens_with_every_row(client: TestClient, endpoint: str) -> None:
    from openpyxl import load_workbook

    answer = client.get(endpoint, params={"format": "xlsx"})
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(answer.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == len(client.get(endpoint, params={"limit": 500}).json()["items"])


def test_web_api_csv_export_pages_with_a_cursor_header(client: TestClient) -> None:
    first = client.get("/api/facts", params={"format": "csv", "limit": 10})
    assert len(first.text.strip().splitlines()) == 11
    rest = client.get("/api/facts", params={"format": "csv", "cursor": first.headers["x-next-cursor"]})
    ids = [r["id"] for r in csv.DictReader(io.StringIO(first.text))] + \
          [r["id"] for r in csv.DictReader(io.StringIO(rest.text))]
    assert ids == [str(f["id"]) for f in client.get("/api/facts", params={"limit": 500}).json()["items"]]


def test_web_api_regions_have_indicator_totals(client: TestClient) -> None:
    regions = {r["code"]: r for r in client.get("/api/regions").json()["items"]}
    assert len(regions) == 20
    aktobe = regions["KZ-15"]  # 001/002: 412,5 bn tenge invested (the 240 mn USD are not added), 3 200 jobs
    assert (aktobe["investment"], aktobe["jobs"], aktobe["projects"]) == (412_500_000_000, 3200, 7)
    assert aktobe["names"] == {"en": "Aktobe Region", "ru": "Актюбинская область", "kk": "Ақтөбе облысы"}
    assert aktobe["documents"] == 2
    assert all(r["documents"] >= 1 for r in regions.values())  # the corpus speaks of every region


def test_web_api_region_detail_by_year(client: TestClient) -> None:
    d = client.get("/api/regions/KZ-15").json()
    assert d["by_year"]["investment"] == [{"year": 2022, "value": 412_500_000_000}]
    assert d["by_year"]["jobs"] == [{"year": 2022, "value": 3200}]
    assert any("Тілеуберлиев" in e["name"] for e in d["people"])
    assert {_name(doc["source"]) for doc in d["documents"]} == {"001_kk_aktobe_investment", "002_ru_aktobe_investment"}


def test_web_api_pairs_are_the_corpus_translations(client: TestClient) -> None:
    items = client.get("/api/pairs").json()["items"]
    docs = {d["id"]: _name(d["source"]) for d in client.get("/api/documents", params={"limit": 500}).json()["items"]}
    assert {(docs[p["kk_id"]], docs[p["ru_id"]]) for p in items} == {(Path(a).stem, Path(b).stem)
                                                                     for a, b in PAIRS["translations"]}
    assert all(p["sentences"] > 0 and p["score"] > 0 for p in items)


def test_web_api_search_crosses_languages_with_facets(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "инвестиция"}).json()  # a Kazakh word form
    names = [_name(h["source"]) for h in body["items"]]
    assert "001_kk_aktobe_investment" in names and "002_ru_aktobe_investment" in names
    assert body["total"] == len(body["items"])
    langs = {c["value"]: c["count"] for c in body["facets"]["lang"]}
    assert langs == {"kk": sum(h["lang"] == "kk" for h in body["items"]),
                     "ru": sum(h["lang"] == "ru" for h in body["items"])}
    only_ru = client.get("/api/search", params={"q": "инвестиция", "lang": "ru"}).json()["items"]
    assert only_ru and {h["lang"] for h in only_ru} == {"ru"}


def test_web_api_entities_and_amounts(client: TestClient) -> None:
    people = client.get("/api/entities", params={"kind": "PER", "limit": 500}).json()["items"]
    assert people and {e["type"] for e in people} == {"PER"}
    assert [e["documents"] for e in people] == sorted((e["documents"] for e in people), reverse=True)
    doc_id = _aktobe_investment(client)["evidence"][0]["doc_id"]
    text = client.get(f"/api/documents/{doc_id}").json()["text"]
    amounts = client.get("/api/amounts", params={"doc": doc_id}).json()["items"]
    assert [a["idx"] for a in amounts] == list(range(len(amounts)))
    assert all(text[a["start"]:a["end"]] == a["text"] for a in amounts)
    assert any(a["value"] == 412_500_000_000 and a["currency"] == "KZT" for a in amounts)


def test_web_api_openapi_and_local_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/facts", "/api/facts/{fact_id}", "/api/amounts",
            "/api/entities", "/api/regions", "/api/regions/{code}", "/api/pairs", "/api/search",
            "/api/ingest"} <= set(spec["paths"])
    assert "delete" in spec["paths"]["/api/documents/{doc_id}"]
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("endpoint", ["/api/documents", "/api/facts", "/api/amounts", "/api/entities", "/api/pairs"])
def test_web_api_listing_has_total_and_next_url(client: TestClient, endpoint: str) -> None:
    every = _all(client, endpoint, duplicates="true")
    first = client.get(endpoint, params={"duplicates": "true", "limit": 2})
    body = first.json()
    assert body["total"] == len(every) and body["total"] > 2
    assert body["next"].startswith(endpoint + "?") and "duplicates=true" in body["next"]
    assert f"cursor={body['next_cursor']}" in body["next"]
    assert first.headers["link"] == f'<{body["next"]}>; rel="next"'
    second = client.get(body["next"]).json()
    assert second["total"] == body["total"]
    assert [i for i in second["items"]] == every[2:4]


def test_web_api_last_page_has_no_next(client: TestClient) -> None:
    answer = client.get("/api/facts", params={"limit": 500})
    assert answer.json()["next"] is None and "link" not in answer.headers
    regions = client.get("/api/regions").json()
    assert regions["total"] == len(regions["items"]) == 20 and regions["next"] is None


def test_web_api_search_has_next_url(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "инвестиция", "limit": 1}).json()
    assert body["total"] > 1 and body["next"].startswith("/api/search?") and "q=" in body["next"]
    assert client.get(body["next"]).json()["items"] != body["items"]


@pytest.mark.parametrize("name", ["documents", "facts", "amounts", "entities", "pairs", "regions"])
def test_web_api_format_suffixes(client: TestClient, name: str) -> None:
    as_csv = client.get(f"/api/{name}.csv", params={"limit": 3})
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text == client.get(f"/api/{name}", params={"limit": 3, "format": "csv"}).text
    as_json = client.get(f"/api/{name}.json", params={"limit": 3}).json()
    plain = client.get(f"/api/{name}", params={"limit": 3}).json()
    assert (as_json["items"], as_json["total"]) == (plain["items"], plain["total"])


def test_web_api_csv_link_header_keeps_the_format(client: TestClient) -> None:
    answer = client.get("/api/facts.csv", params={"limit": 2})
    link = answer.headers["link"]
    assert link.startswith("</api/facts?") and "format=csv" in link and link.endswith('>; rel="next"')
    assert answer.headers["x-next-cursor"] in link


def test_web_api_index_lists_the_endpoints(client: TestClient) -> None:
    answer = client.get("/api/")
    assert answer.status_code == 200
    paths = {e["path"]: e for e in answer.json()["endpoints"]}
    for name in ("documents", "facts", "amounts", "entities", "pairs", "regions", "search"):
        assert "GET" in paths[f"/api/{name}"]["methods"] and "csv" in paths[f"/api/{name}"]["formats"]
    assert paths["/api/facts"]["summary"].startswith("Facts")


def test_web_api_cors_is_off_by_default_and_on_when_asked(client: TestClient) -> None:
    origin = {"Origin": "https://example.org"}
    assert "access-control-allow-origin" not in client.get("/api/regions", headers=origin).headers
    opened = TestClient(create_app(corpus_store(), token=None, cors="https://example.org"))
    answer = opened.get("/api/facts", params={"limit": 1}, headers=origin)
    assert answer.headers["access-control-allow-origin"] == "https://example.org"
    assert "link" in answer.headers["access-control-expose-headers"].lower()


def test_web_api_facts_csv_has_the_columns_of_aimaq_facts(client: TestClient, capsys: pytest.CaptureFixture) -> None:
    from aimaq.cli import main

    assert main(["facts", "--db", corpus_store(), "--region", "KZ-15", "--format", "csv"]) == 0
    cli = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    api = list(csv.DictReader(io.StringIO(client.get("/api/facts.csv", params={"region": "KZ-15"}).text)))
    assert list(cli[0]) == list(api[0]) == FACT_COLUMNS
    assert sorted(r["id"] for r in cli) == sorted(r["id"] for r in api)
    by_id = {r["id"]: r for r in api}
    assert all(r == by_id[r["id"]] for r in cli)


def test_web_api_serve_cors_flag() -> None:
    from aimaq.cli import build_parser

    assert build_parser().parse_args(["serve"]).cors is None
    assert build_parser().parse_args(["serve", "--cors"]).cors == "*"
    assert build_parser().parse_args(["serve", "--cors", "https://example.org"]).cors == "https://example.org"
