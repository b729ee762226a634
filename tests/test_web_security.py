"""Web and API security (issue 7 part 4): hostile document strings and reflected query values are shown
escaped and never run; every filter and parameter resists SQL injection (4xx or no rows, never 500, the
database unchanged); write endpoints need the token (compared in constant time); request size and rate
limits; CSV/XLSX exports neutralise formulas; an internal error reaches the client as a generic message
while the server logs the traceback."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from aimaq.settings import WebLimits
from aimaq.web import api as web_api
from aimaq.web import pages as web_pages
from aimaq.web.app import create_app
from aimaq.web.limits import BodyLimit, TokenBuckets
from web_store import store_copy

TOKEN = "s3cret-security-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
UNLIMITED = WebLimits(search_rate=0, write_rate=0)
XSS_TITLE = "\"><img src=x onerror=alert('title')> <script>alert(\"t\")</script> Ақтөбе облысында зауыт"
XSS_BODY = ("Ақтөбе облысында <script>alert('body')</script> жаңа зауыт салынды, оның құны 12,5 млрд теңге. "
            "Зауытта '\"><img src=x onerror=alert(2)> 150 жаңа жұмыс орны ашылды.")
XSS_PER = "Асқар <script>alert(\"per\")</script> 'Мұхамедұлы\""
XSS_ORG = "\"><img src=x onerror=alert('org')> ЖШС"
XSS_SUBJECT = "</td><script>alert('subject')</script>"
XSS_QUERY = "<script>alert('q')</script>\"><img src=x onerror=alert(1)>"
FORMULAS = ("=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd",
            "\t=1+1", "\r=1+1")
RAW_TAG = re.compile(r"<script>alert|<img src=x|[\"']><img|onerror=alert\([^)]*\)>", re.IGNORECASE)


def _ingest_hostile(db: str, folder: Path) -> str:
    from aimaq.ingest.run import ingest

    record = {"title": XSS_TITLE, "text": XSS_BODY, "date": "2024-03-05", "url": "javascript:alert(3)"}
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert ingest([str(path)], db).errors == ()
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id FROM documents WHERE date = '2024-03-05'").fetchone()[0]


def _plant(db: str) -> dict[str, str]:
    """Hostile entity names and fact subjects, and formula-like strings in every exported text column."""
    with sqlite3.connect(db) as conn:
        ids: dict[str, list[str]] = {}
        for kind in ("PER", "ORG"):
            ids[kind] = [r[0] for r in conn.execute(
                "SELECT e.id FROM entities e JOIN mentions m ON m.entity_id = e.id JOIN document_regions r "
                "ON r.doc_id = m.doc_id AND r.code = 'KZ-15' WHERE e.type = ? GROUP BY e.id "
                "ORDER BY count(DISTINCT m.doc_id) DESC, e.id LIMIT 2", (kind,))]
        names = [(XSS_PER, ids["PER"][0]), (FORMULAS[1], ids["PER"][1]), (XSS_ORG, ids["ORG"][0]),
                 (FORMULAS[2], ids["ORG"][1])]
        conn.executemany("UPDATE entities SET name = ? WHERE id = ?", names)
        fact_ids = [r[0] for r in conn.execute("SELECT id FROM facts WHERE merged_into IS NULL AND region = 'KZ-15' "
                                               "ORDER BY id LIMIT 2")]
        conn.execute("UPDATE facts SET subject = ? WHERE id = ?", (XSS_SUBJECT, fact_ids[0]))
        conn.execute("UPDATE facts SET subject = ?, unit = ? WHERE id = ?", (FORMULAS[3], FORMULAS[4], fact_ids[1]))
        conn.execute("UPDATE documents SET title = ? WHERE id = (SELECT representative_id FROM clusters "
                     "ORDER BY id LIMIT 1)", (FORMULAS[0],))
        conn.execute("UPDATE amounts SET qualifier = ? WHERE rowid = (SELECT min(rowid) FROM amounts)", (FORMULAS[5],))
    return {"fact": str(fact_ids[0])}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = store_copy("security")
    doc = _ingest_hostile(db, tmp_path_factory.mktemp("hostile"))
    return {"db": db, "doc": doc, **_plant(db)}


@pytest.fixture(scope="module")
def client(hostile: dict[str, str]) -> TestClient:
    return TestClient(create_app(hostile["db"], token=TOKEN, limits=UNLIMITED))


def row_counts(db: str) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def assert_escaped(html: str, where: str) -> None:
    found = RAW_TAG.search(html)
    assert found is None, f"{where}: unescaped {found.group(0)!r}"


# ---- XSS -----------------------------------------------------------------------------------------------

def test_web_security_hostile_strings_are_escaped_in_pages(client: TestClient, hostile: dict[str, str]) -> None:
    doc, fact = hostile["doc"], hostile["fact"]
    pages = {f"/documents/{doc}": XSS_TITLE, "/documents": XSS_TITLE, "/search?q=зауыт": XSS_TITLE,
             "/regions/KZ-15": XSS_PER, f"/facts/{fact}": XSS_SUBJECT, "/facts?region=KZ-15": None}
    for path, shown in pages.items():
        answer = client.get(path)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html"), path
        assert_escaped(answer.text, path)
        assert shown is None or str(escape(shown)) in answer.text, path
    region = client.get("/regions/KZ-15").text
    assert "&lt;script&gt;alert(&#34;per&#34;)&lt;/script&gt;" in region
    assert "&#34;&gt;&lt;img src=x onerror=alert(&#39;org&#39;)&gt; ЖШС" in region
    document = client.get(f"/documents/{doc}").text
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in document and 'href="javascript:' not in document


@pytest.mark.parametrize("path", [
    "/search?q={x}", "/search?q=зауыт&region={x}&doclang={x}&type={x}&since={x}&until={x}&cursor={x}",
    "/facts?region={x}&type={x}&doclang={x}&since={x}&cursor={x}", "/documents?until={x}&cursor={x}",
    "/?indicator={x}", "/?lang={x}", "/regions/{x}", "/facts/{x}", "/documents/{x}?s={x}", "/no-such/{x}",
])
def test_web_security_reflected_query_values_are_escaped(client: TestClient, path: str) -> None:
    answer = client.get(path.replace("{x}", XSS_QUERY))
    assert answer.status_code in (200, 404) and answer.headers["content-type"].startswith("text/html")
    assert_escaped(answer.text, path)
    if path.startswith("/search?q={x}"):
        assert "&lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt;&#34;&gt;&lt;img" in answer.text


def test_web_security_api_returns_data_not_html(client: TestClient, hostile: dict[str, str]) -> None:
    found = client.get("/api/search", params={"q": "зауыт", "since": "2024-03-05", "until": "2024-03-05"})
    assert found.headers["content-type"] == "application/json"
    assert XSS_TITLE in [h["title"] for h in found.json()["items"]]  # the stored string itself, not markup
    names = {e["name"] for e in client.get("/api/entities", params={"region": "KZ-15", "limit": 500}).json()["items"]}
    assert {XSS_PER, XSS_ORG} <= names
    refused = client.get("/api/search", params={"q": XSS_QUERY, "region": XSS_QUERY})
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/json"
    assert client.get("/api/search", params={"q": XSS_QUERY}).json()["total"] == 0


# ---- SQL injection ---------------------------------------------------------------------------------------

INJECTIONS = ["' OR '1'='1", "1; DROP TABLE documents; --", "KZ-15' --", "\" OR 1=1 --",
              "') UNION SELECT name, sql, 1, 1 FROM sqlite_master --", "%", "*", "\x00'", "2024-01-01' OR 1=1 --"]
API_PARAMS = {"/api/documents": ("region", "lang", "type", "since", "until", "cursor", "duplicates", "limit"),
              "/api/facts": ("region", "type", "doc", "since", "cursor", "format"),
              "/api/amounts": ("doc", "kind", "until"), "/api/entities": ("kind", "region", "cursor"),
              "/api/pairs": ("region", "cursor"), "/api/search": ("q", "region", "lang", "type", "cursor")}


def _items(answer: object) -> list:
    body = answer.json()  # type: ignore[attr-defined]
    return body["items"]


def test_web_security_sql_injection_in_every_api_parameter(client: TestClient, hostile: dict[str, str]) -> None:
    before = row_counts(hostile["db"])
    documents = len(_items(client.get("/api/documents", params={"limit": 500})))
    for path, params in API_PARAMS.items():
        for name in params:
            for payload in INJECTIONS:
                query = {"q": "зауыт"} if path == "/api/search" else {}
                answer = client.get(path, params={**query, name: payload, "limit": 500} if name != "limit"
                                    else {**query, name: payload})
                where = f"{path}?{name}={payload!r}"
                assert 400 <= answer.status_code < 500 or answer.status_code == 200, where
                if answer.status_code == 200 and name != "q":
                    assert _items(answer) == [], where
                if answer.status_code == 200 and name == "q":
                    assert len(_items(answer)) < documents, where
    for payload in INJECTIONS:
        for path in ("/api/documents/{x}", "/api/facts/{x}", "/api/regions/{x}"):
            answer = client.get(path.replace("{x}", quote(payload, safe="")))
            assert answer.status_code in (404, 422), (path, payload)
    assert row_counts(hostile["db"]) == before


@pytest.mark.parametrize("payload", INJECTIONS)
def test_web_security_sql_injection_in_page_parameters(client: TestClient, hostile: dict[str, str],
                                                       payload: str) -> None:
    before = row_counts(hostile["db"])
    fields = ("region", "doclang", "type", "since", "until", "cursor", "q", "indicator", "s", "entity", "ids")
    for path in ("/search", "/facts", "/documents", "/", f"/documents/{hostile['doc']}"):
        answer = client.get(path, params=dict.fromkeys(fields, payload))
        assert answer.status_code == 200, (path, payload)
    for path in ("/regions/{x}", "/facts/{x}", "/documents/{x}"):
        assert client.get(path.replace("{x}", quote(payload, safe=""))).status_code == 404
    assert row_counts(hostile["db"]) == before


# ---- tokens ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "status"), [
    (None, 401), ("", 401), ("Bearer", 401), ("Bearer ", 401), ("Bearer  ", 401), (f"Bearer {TOKEN[:-1]}", 401),
    (f"Bearer {TOKEN} ", 404), (f"bearer {TOKEN}", 404), (f"Bearer {TOKEN}\u0000", 401), ("Bearer ' OR '1'='1", 401),
    (f"Token {TOKEN}", 401), (f"Bearer {TOKEN}", 404),
])
def test_web_security_write_token(client: TestClient, header: str | None, status: int,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = web_api.hmac.compare_digest
    monkeypatch.setattr(web_api.hmac, "compare_digest", lambda a, b: compared.append((a, b)) or real(a, b))
    headers = {"Authorization": header} if header is not None else {}
    answer = client.delete("/api/documents/" + "0" * 32, headers=headers)
    assert answer.status_code == status  # 404: the token was accepted and there is no such document
    if status == 404 or header not in (None, "", "Bearer", f"Token {TOKEN}"):
        assert compared and compared[-1][1] == TOKEN.encode()


def test_web_security_empty_server_token_disables_writes(hostile: dict[str, str]) -> None:
    app = TestClient(create_app(hostile["db"], token="", limits=UNLIMITED))
    assert app.delete("/api/documents/" + "0" * 32, headers={"Authorization": "Bearer "}).status_code == 403


# ---- size and rate limits ----------------------------------------------------------------------------------

def test_web_security_upload_over_the_limit_is_refused(hostile: dict[str, str]) -> None:
    before = row_counts(hostile["db"])
    small = TestClient(create_app(hostile["db"], token=TOKEN, limits=WebLimits(max_upload_bytes=4096)))
    files = {"files": ("big.txt", ("Ақтөбе облысында зауыт ашылды. " * 400).encode(), "text/plain")}
    for headers in (AUTH, {}):
        answer = small.post("/api/ingest", files=files, headers=headers)
        assert answer.status_code == 413 and "detail" in answer.json()
    assert row_counts(hostile["db"]) == before
    assert WebLimits.from_env({}).max_upload_bytes == 20 * 1024 * 1024
    assert WebLimits.from_env({"AIMAQ_MAX_UPLOAD_BYTES": "1000"}).max_upload_bytes == 1000


def _drive(limit: int, chunks: int, declared: int | None) -> tuple[int, int]:
    """Send ``chunks`` chunks of 1 KiB through BodyLimit; (status sent, chunks the app was given)."""
    read, sent = 0, []

    async def app(scope: dict, receive: object, send: object) -> None:
        while (await receive())["more_body"]:  # type: ignore[operator]
            pass

    async def receive() -> dict:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"x" * 1024, "more_body": read < chunks}

    async def send(message: dict) -> None:
        sent.append(message)

    headers = [(b"content-length", str(declared).encode())] if declared is not None else []
    scope = {"type": "http", "method": "POST", "path": "/api/ingest", "headers": headers}
    asyncio.run(BodyLimit(app, limit)(scope, receive, send))  # type: ignore[arg-type]
    return (sent[0]["status"] if sent else 200), read


@pytest.mark.parametrize(("declared", "status", "read"), [
    (100 * 1024, 413, 0),  # refused from Content-Length: nothing read
    (None, 413, 5),  # streamed: refused as soon as the count passes 4 KiB
])
def test_web_security_body_limit_does_not_read_the_body(declared: int | None, status: int, read: int) -> None:
    assert _drive(4 * 1024, 100, declared) == (status, read)
    assert _drive(4 * 1024, 3, None) == (200, 3)


def test_web_security_streamed_upload_is_cut_off(hostile: dict[str, str]) -> None:
    """A chunked multipart upload (no Content-Length) through the whole app: 413 after about the limit."""
    app = create_app(hostile["db"], token=TOKEN, limits=WebLimits(max_upload_bytes=64 * 1024, write_rate=0))
    head = (b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n")
    chunks = [head] + [b"y" * 16 * 1024] * 1000
    read, sent = 0, []

    async def receive() -> dict:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": chunks[read - 1], "more_body": read < len(chunks)}

    async def send(message: dict) -> None:
        sent.append(message)

    headers = [(b"authorization", f"Bearer {TOKEN}".encode()), (b"content-type", b"multipart/form-data; boundary=b")]
    scope = {"type": "http", "http_version": "1.1", "method": "POST", "path": "/api/ingest", "raw_path": b"/api/ingest",
             "query_string": b"", "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
             "scheme": "http", "root_path": ""}
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 413 and read <= 6
    assert json.loads(b"".join(m.get("body", b"") for m in sent[1:]))["detail"].startswith("request body larger")


def test_web_security_search_and_writes_are_rate_limited(hostile: dict[str, str]) -> None:
    limits = WebLimits(search_rate=0.5, search_burst=3, write_rate=0.5, write_burst=2)
    app = TestClient(create_app(hostile["db"], token=TOKEN, limits=limits))
    codes = [app.get("/api/search", params={"q": "зауыт"}).status_code for _ in range(3)]
    refused = app.get("/search", params={"q": "зауыт"})
    assert codes == [200, 200, 200] and refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert app.get("/api/facts").status_code == 200 and app.get("/").status_code == 200  # reads not limited
    writes = [app.delete("/api/documents/" + "0" * 32, headers=AUTH).status_code for _ in range(3)]
    assert writes == [404, 404, 429]


def test_web_security_token_bucket_refills() -> None:
    now = [0.0]
    buckets = TokenBuckets(rate=2.0, burst=2, clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a")] == [0.0, 0.0]
    assert buckets.take("a") == pytest.approx(0.5) and buckets.take("b") == 0.0
    now[0] = 0.5
    assert buckets.take("a") == 0.0 and buckets.take("a") > 0
    assert TokenBuckets(rate=0, burst=1).take("a") == 0.0


# ---- exports ---------------------------------------------------------------------------------------------

EXPORTS = ["/api/documents?duplicates=true", "/api/facts", "/api/amounts", "/api/entities", "/api/regions",
           "/api/pairs", "/api/search?q=облысы"]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _unsafe(cell: object) -> bool:
    return isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(cell)


@pytest.mark.parametrize("path", EXPORTS)
def test_web_security_exports_neutralise_formulas(client: TestClient, path: str) -> None:
    from openpyxl import load_workbook

    sep = "&" if "?" in path else "?"
    text = client.get(f"{path}{sep}format=csv").text
    cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    book = load_workbook(io.BytesIO(client.get(f"{path}{sep}format=xlsx").content), read_only=True)
    cells_xlsx = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert len(cells) > 10 and [c for c in cells + cells_xlsx if _unsafe(c)] == []
    planted = {"/api/documents?duplicates=true": FORMULAS[0], "/api/entities": FORMULAS[1],
               "/api/facts": FORMULAS[3], "/api/amounts": FORMULAS[5]}.get(path)
    if planted:
        assert "'" + planted in cells and "'" + planted in cells_xlsx


# ---- no stack traces ----------------------------------------------------------------------------------------

@pytest.fixture
def failing(hostile: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"secret detail: {hostile['db']} SELECT * FROM facts")

    monkeypatch.setattr(web_api, "list_facts", boom)
    monkeypatch.setattr(web_pages, "list_facts", boom)
    yield TestClient(create_app(hostile["db"], token=TOKEN, limits=UNLIMITED), raise_server_exceptions=False)


@pytest.mark.parametrize(("path", "kind"), [("/api/facts", "application/json"), ("/facts", "text/html"),
                                            ("/facts?lang=kk", "text/html")])
def test_web_security_internal_errors_are_generic_and_logged(failing: TestClient, path: str, kind: str,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="aimaq.web"):
        answer = failing.get(path)
    assert answer.status_code == 500 and answer.headers["content-type"].startswith(kind)
    for leak in ("Traceback", "RuntimeError", "secret detail", "SELECT", ".db", 'File "'):
        assert leak not in answer.text, leak
    if kind == "application/json":
        assert answer.json() == {"detail": "internal server error"}
    logged = [r for r in caplog.records if r.name == "aimaq.web" and r.exc_info]
    assert logged and "secret detail" in str(logged[-1].exc_info[1])
