"""The dashboard pages over the hand-checked corpus: the tile map, a region, a fact with its evidence in
both languages, search with facets, the interface language switch, export links, security headers."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from aimaq.web.app import create_app
from aimaq.web.i18n import COOKIE, region_names
from web_store import corpus_store


@pytest.fixture(scope="module")
def app():  # noqa: ANN201 - a FastAPI app
    return create_app(corpus_store(), token=None)


@pytest.fixture
def client(app) -> TestClient:  # noqa: ANN001
    return TestClient(app)  # a fresh cookie jar for each test


def _aktobe_fact_id(client: TestClient) -> int:
    facts = client.get("/api/facts", params={"region": "KZ-15", "type": "investment"}).json()["items"]
    return next(f["id"] for f in facts if f["value"] == 412_500_000_000)


def _marks(html: str) -> list[str]:
    return [unescape(m) for m in re.findall(r'<mark class="evidence">(.*?)</mark>', html, re.S)]


def test_web_pages_map_has_a_linked_tile_per_region(client: TestClient) -> None:
    html = client.get("/").text
    tiles = re.findall(r'<a href="/regions/(KZ-\d\d)" class="tile"', html)
    assert sorted(tiles) == sorted(region_names())
    assert re.search(r'id="tile-KZ-15"[^>]*data-value="412500000000', html)


@pytest.mark.parametrize(("indicator", "value"), [("investment", "412500000000.0"), ("jobs", "3200.0"),
                                                  ("projects", "7.0"), ("documents", "2.0"), ("nonsense", "412500000000.0")])
def test_web_pages_map_colours_by_the_chosen_indicator(client: TestClient, indicator: str, value: str) -> None:
    html = client.get("/", params={"indicator": indicator}).text
    assert f'id="tile-KZ-15" data-code="KZ-15" data-value="{value}"' in html
    chosen = indicator if indicator != "nonsense" else "investment"
    assert f'<option value="{chosen}" selected>' in html


def test_web_pages_region_shows_charts_people_and_documents(client: TestClient) -> None:
    html = client.get("/regions/KZ-15").text
    assert "<h1 id=\"region-name\">Aktobe Region</h1>" in html
    assert 'id="chart-investment"' in html and 'id="chart-jobs"' in html
    assert "<title>2022: 412.5\u00a0bn</title>" in html
    assert "Тілеуберлиев" in html
    assert html.count('class="doc-link"') == 2
    assert f'href="/facts/{_aktobe_fact_id(client)}"' in html


def test_web_pages_fact_shows_both_languages_side_by_side(client: TestClient) -> None:
    html = client.get(f"/facts/{_aktobe_fact_id(client)}").text
    assert 'id="parallel"' in html
    kk, ru = _marks(html)
    assert "412,5 млрд теңге" in kk and "412,5 млрд тенге" in ru
    rows = re.findall(r"<tr>\s*<td lang=\"kk\"[^>]*>(.*?)</td>\s*<td lang=\"ru\"[^>]*>(.*?)</td>", html, re.S)
    assert rows[0][0].count("sentence") == rows[0][1].count("sentence") == 1  # the titles, side by side
    assert any("evidence" in kk_cell and "evidence" in ru_cell for kk_cell, ru_cell in rows)  # aligned in one row


def test_web_pages_fact_without_translation_marks_its_sentence(client: TestClient) -> None:
    facts = client.get("/api/facts", params={"region": "KZ-71", "type": "investment"}).json()["items"]
    f = facts[0]  # 014: a Russian release without a Kazakh version
    html = client.get(f"/facts/{f['id']}").text
    assert 'id="single"' in html and 'id="parallel"' not in html
    assert [" ".join(m.split()) for m in _marks(html)] == [f["evidence"][0]["text"]]


def test_web_pages_document_marks_the_asked_sentence(client: TestClient) -> None:
    doc = client.get("/api/documents", params={"region": "KZ-71"}).json()["items"][0]
    html = client.get(f"/documents/{doc['id']}", params={"s": 1}).text
    sentence = client.get(f"/api/documents/{doc['id']}").json()["sentences"][1]["text"]
    assert _marks(html) == [sentence]


@pytest.mark.parametrize("path", ["/regions/KZ-00", "/facts/999999", "/facts/abc", "/documents/nope", "/nowhere"])
def test_web_pages_unknown_pages_are_404_pages(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html") and "Not found" in answer.text


def test_web_pages_search_lists_hits_and_facets(client: TestClient) -> None:
    html = client.get("/search", params={"q": "инвестиция"}).text
    assert 'id="facet-region"' in html and 'id="facet-lang"' in html and 'id="facet-type"' in html
    assert re.search(r'href="/search\?q=%D0%B8[^"]*region=KZ-15"', html)
    assert html.count('class="hit-link"') == int(re.search(r'id="total">(\d+)<', html).group(1))
    ru_only = client.get("/search", params={"q": "инвестиция", "doclang": "ru"}).text
    assert '<span class="lang-tag">kk</span> <span class="date">' not in ru_only
    assert '<span class="lang-tag">ru</span> <span class="date">' in ru_only


def test_web_pages_search_without_query_browses_documents(client: TestClient) -> None:
    html = client.get("/search", params={"region": "KZ-15"}).text
    assert html.count('class="doc-link"') == 2
    assert 'data-facet="year" data-value="2023"' in html


@pytest.mark.parametrize(("lang", "heading"), [("kk", "Қазақстан өңірлері"), ("ru", "Регионы Казахстана"),
                                               ("en", "Regions of Kazakhstan")])
def test_web_pages_language_switch_is_remembered(client: TestClient, lang: str, heading: str) -> None:
    first = client.get("/", params={"lang": lang})
    assert f'<html lang="{lang}">' in first.text and heading in first.text
    assert first.cookies.get(COOKIE) == lang or client.cookies.get(COOKIE) == lang
    again = client.get("/regions/KZ-15")  # no parameter: the cookie decides
    assert f'<html lang="{lang}">' in again.text
    assert region_names()["KZ-15"][lang] in again.text


@pytest.mark.parametrize(("accept", "lang"), [("ru-RU,ru;q=0.9", "ru"), ("kk", "kk"), ("de-DE", "en"), ("", "en")])
def test_web_pages_language_from_the_browser(client: TestClient, accept: str, lang: str) -> None:
    assert f'<html lang="{lang}">' in client.get("/", headers={"Accept-Language": accept}).text


def test_web_pages_language_switch_keeps_the_page(client: TestClient) -> None:
    html = client.get("/facts", params={"region": "KZ-15", "type": "jobs"}).text
    assert 'href="/facts?region=KZ-15&amp;type=jobs&amp;lang=kk"' in html


def test_web_pages_fact_table_exports_its_rows(client: TestClient) -> None:
    html = client.get("/facts", params={"region": "KZ-15", "doclang": "kk"}).text
    link = unescape(re.search(r'href="([^"]+)" class="export-csv"', html).group(1))
    assert link.startswith("/api/facts?") and "region=KZ-15" in link and "lang=kk" in link
    rows = list(csv.DictReader(io.StringIO(client.get(link).text)))
    assert len(rows) == html.count('class="fact-link"') > 0
    assert {r["region"] for r in rows} == {"KZ-15"}


def test_web_pages_table_pager_follows_the_cursor(client: TestClient) -> None:
    first = client.get("/facts").text
    nxt = unescape(re.search(r'href="([^"]+)" rel="next"', first).group(1))
    second = client.get(nxt).text
    ids = set(re.findall(r'href="/facts/(\d+)" class="fact-link"', first))
    assert ids and not ids & set(re.findall(r'href="/facts/(\d+)" class="fact-link"', second))


@pytest.mark.parametrize("path", ["/facts", "/documents", "/search", "/search?q=%D0%B0%D0%BA%D0%B8%D0%BC"])
def test_web_pages_forged_cursor_shows_the_first_page(client: TestClient, path: str) -> None:
    first = client.get(path).text
    sep = "&" if "?" in path else "?"
    forged = client.get(f"{path}{sep}cursor=not-a-cursor")
    assert forged.status_code == 200
    links = r'href="/(?:facts|documents)/([^"?]+)"'
    assert re.findall(links, forged.text) == re.findall(links, first) != []


def test_web_pages_have_security_headers_and_only_local_assets(client: TestClient) -> None:
    answer = client.get("/")
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r'(src|href)="(https?:)?//', answer.text)
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', answer.text):
        assert client.get(asset).status_code == 200
    assert "content-security-policy" not in client.get("/api/regions").headers
