"""Write endpoints: the bearer token (none configured: disabled), uploading documents whose title and body
hold <script> and HTML (always shown as text), and deleting documents (pairs split, re-posts promoted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from aimaq.web.app import create_app
from web_store import corpus_store, store_copy

TOKEN = "s3cret-token"
NO_SUCH_DOC = "/api/documents/" + "0" * 32
XSS_TITLE = "<script>alert('title')</script> Ақтөбе облысында <b>жаңа</b> зауыт"
XSS_BODY = ("Ақтөбе облысында <img src=x onerror=alert(1)> жаңа зауыт салынды, оның құны 12,5 млрд теңге. "
            "<script>document.title='pwned'</script> Зауытта 150 жаңа жұмыс орны ашылды.")


@pytest.fixture(scope="module")
def writable() -> TestClient:
    return TestClient(create_app(store_copy("writable"), token=TOKEN))


@pytest.mark.parametrize(("server_token", "header", "status"), [
    (None, None, 403), (None, f"Bearer {TOKEN}", 403), (TOKEN, None, 401), (TOKEN, "Bearer wrong", 401),
    (TOKEN, f"Basic {TOKEN}", 401), (TOKEN, f"Bearer {TOKEN}x", 401), (TOKEN, f"Bearer {TOKEN}", 404),
])
def test_web_write_delete_needs_the_token(server_token: str | None, header: str | None, status: int,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIMAQ_TOKEN", raising=False)  # no token given and none in the environment: disabled
    client = TestClient(create_app(corpus_store(), token=server_token))
    answer = client.delete(NO_SUCH_DOC, headers={"Authorization": header} if header else {})
    assert answer.status_code == status  # 404: the token was right and the document does not exist


def test_web_write_token_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIMAQ_TOKEN", "from-env")
    client = TestClient(create_app(corpus_store()))
    assert client.delete(NO_SUCH_DOC, headers={"Authorization": "Bearer from-env"}).status_code == 404
    assert client.delete(NO_SUCH_DOC, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 401


def test_web_write_ingest_refused_without_token() -> None:
    client = TestClient(create_app(corpus_store(), token=TOKEN))
    files = {"files": ("a.txt", "Ақтөбе облысында жаңа зауыт ашылды.".encode(), "text/plain")}
    assert client.post("/api/ingest", files=files).status_code == 401


def _upload(client: TestClient) -> dict:
    record = {"title": XSS_TITLE, "text": XSS_BODY, "date": "2024-02-01", "url": "javascript:alert(2)"}
    files = {"files": ("evil.jsonl", (json.dumps(record, ensure_ascii=False) + "\n").encode(), "application/json")}
    answer = client.post("/api/ingest", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_web_write_uploaded_html_is_shown_as_text(writable: TestClient) -> None:
    report = _upload(writable)
    assert (report["read"], report["new"], report["errors"]) == (1, 1, [])
    doc = writable.get("/api/documents", params={"since": "2024-02-01"}).json()["items"][0]
    assert doc["title"] == XSS_TITLE  # stored as given
    assert doc["source"] == "upload:000_evil.jsonl#1"  # the uploaded file's name, not the server's temporary folder
    stored = writable.get(f"/api/documents/{doc['id']}").json()
    assert "<script>document.title" in stored["text"]
    for path in (f"/documents/{doc['id']}", "/documents", "/search?q=зауыт", f"/regions/{doc['regions'][0]}"):
        html = writable.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>жаңа</b>" not in html, path
        assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html, path
    page = writable.get(f"/documents/{doc['id']}").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page


def _doc_id(client: TestClient, stem: str) -> str:
    docs = client.get("/api/documents", params={"limit": 500, "duplicates": True}).json()["items"]
    return next(d["id"] for d in docs if Path(d["source"]).stem == stem)


def test_web_write_delete_a_translation_keeps_the_original_facts(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ru = _doc_id(writable, "002_ru_aktobe_investment")
    pairs_before = len(writable.get("/api/pairs").json()["items"])
    assert writable.delete(f"/api/documents/{ru}", headers=auth).status_code == 204
    assert writable.get(f"/api/documents/{ru}").status_code == 404
    assert writable.delete(f"/api/documents/{ru}", headers=auth).status_code == 404
    assert len(writable.get("/api/pairs").json()["items"]) == pairs_before - 1
    facts = writable.get("/api/facts", params={"region": "KZ-15", "type": "investment"}).json()["items"]
    kept = next(f for f in facts if f["value"] == 412_500_000_000)
    assert [e["lang"] for e in kept["evidence"]] == ["kk"]
    kk = writable.get(f"/api/documents/{kept['evidence'][0]['doc_id']}").json()
    assert kk["document"]["partner"] is None and kk["alignment"] == []
    assert writable.get("/api/search", params={"q": "инвестиций", "lang": "ru"}).status_code == 200
    assert ru not in {h["doc_id"] for h in writable.get("/api/search", params={"q": "инвестиций"}).json()["items"]}


def test_web_write_delete_a_release_promotes_its_repost(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    original, repost = _doc_id(writable, "009_ru_kostanay_hearings"), _doc_id(writable, "010_ru_kostanay_hearings_repost")
    listed = {d["id"] for d in writable.get("/api/documents", params={"limit": 500}).json()["items"]}
    assert original in listed and repost not in listed
    facts_before = writable.get("/api/facts", params={"region": "KZ-39", "limit": 500}).json()["items"]
    assert writable.delete(f"/api/documents/{original}", headers=auth).status_code == 204
    after = {d["id"]: d for d in writable.get("/api/documents", params={"limit": 500}).json()["items"]}
    assert repost in after and not after[repost]["duplicate"] and after[repost]["cluster_size"] == 1
    facts_after = writable.get("/api/facts", params={"region": "KZ-39", "limit": 500}).json()["items"]
    assert {f["value"] for f in facts_after} == {f["value"] for f in facts_before}
    assert all(e["doc_id"] == repost for f in facts_after for e in f["evidence"])


@pytest.fixture(scope="module")
def reextractable() -> TestClient:
    return TestClient(create_app(store_copy("reextract"), token=TOKEN))


def _investment_evidence(client: TestClient) -> list[str]:
    facts = client.get("/api/facts", params={"region": "KZ-15", "type": "investment"}).json()["items"]
    return sorted(e["lang"] for e in next(f for f in facts if f["value"] == 412_500_000_000)["evidence"])


def test_web_write_reextract_rebuilds_the_document_its_pair_and_merged_facts(reextractable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    kk = _doc_id(reextractable, "001_kk_aktobe_investment")
    facts_before = reextractable.get("/api/facts", params={"limit": 500}).json()["items"]
    assert _investment_evidence(reextractable) == ["kk", "ru"]
    assert reextractable.post(f"/api/documents/{kk}/reextract").status_code in (401, 403)
    answer = reextractable.post(f"/api/documents/{kk}/reextract", headers=auth)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["old_id"] == kk and body["id"] == kk  # same pipeline, same cleaned text, same id
    assert body["run"]["new"] == 1 and body["run"]["pairs"] == 1
    assert reextractable.get(f"/api/documents/{kk}").status_code == 200
    assert _investment_evidence(reextractable) == ["kk", "ru"]
    facts_after = reextractable.get("/api/facts", params={"limit": 500}).json()["items"]
    assert sorted((f["type"], f["value"]) for f in facts_after) == sorted((f["type"], f["value"]) for f in facts_before)


def test_web_write_reextract_failure_keeps_the_stored_version(reextractable: TestClient,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import aimaq.ingest.reextract as reextract

    def broken(raw: object) -> None:
        raise RuntimeError("model missing")

    monkeypatch.setattr(reextract, "extract", broken)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ru = _doc_id(reextractable, "002_ru_aktobe_investment")
    answer = reextractable.post(f"/api/documents/{ru}/reextract", headers=auth)
    assert answer.status_code == 422 and "Traceback" not in answer.text
    assert reextractable.get(f"/api/documents/{ru}").status_code == 200
    assert reextractable.post(f"{NO_SUCH_DOC}/reextract", headers=auth).status_code == 404
