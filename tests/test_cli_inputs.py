"""The ways in: standard input, lists of paths, `python -m aimaq`, and the clear refusals (URLs, empty folders,
no input); the strict filters of the CLI and the API; `aimaq regions`, `types` and `schema`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from aimaq import choices
from aimaq.cli import main
from aimaq.errors import UsageError
from aimaq.records import RawDocument, Unreadable
from aimaq.stages.read import STDIN_SOURCE, iter_documents
from aimaq.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
KK = "Ақтөбе облысында биыл 12 жаңа кәсіпорын ашылып, 5 млрд теңге инвестиция тартылды."
RU = "В Актюбинской области открыто 12 новых предприятий и привлечено 5 млрд тенге инвестиций."


def _stdin(data: bytes) -> list[RawDocument | Unreadable]:
    return list(iter_documents(["-"], stdin=io.BytesIO(data)))


def test_cli_inputs_stdin_text_is_one_document() -> None:
    (doc,) = _stdin(KK.encode("utf-8"))
    assert isinstance(doc, RawDocument) and doc.source == STDIN_SOURCE and doc.text.strip() == KK


def test_cli_inputs_stdin_jsonl_is_one_document_a_line() -> None:
    lines = [json.dumps({"text": t, "title": "T"}, ensure_ascii=False) for t in (KK, RU)]
    docs = _stdin(("\n".join(lines) + "\n").encode("utf-8"))
    assert [d.source for d in docs] == [f"{STDIN_SOURCE}#1", f"{STDIN_SOURCE}#2"]
    assert [d.text for d in docs if isinstance(d, RawDocument)] == [KK, RU]


def test_cli_inputs_stdin_html_is_sniffed() -> None:
    page = f"<!doctype html><html><head><title>Жаңалық</title></head><body><article><p>{KK}</p>" \
           f"<p>{KK}</p></article></body></html>"
    (doc,) = _stdin(page.encode("utf-8"))
    assert isinstance(doc, RawDocument) and doc.format == "html" and KK in doc.text


def test_cli_inputs_empty_stdin_is_one_error() -> None:
    (bad,) = _stdin(b"  \n")
    assert isinstance(bad, Unreadable) and bad.reason == "empty input"


def test_cli_inputs_python_m_aimaq_reads_stdin(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-m", "aimaq", "extract", "--jsonl", "-"], input=RU.encode("utf-8"),
                          capture_output=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    record = json.loads(done.stdout)
    assert record["source"] == STDIN_SOURCE and any(f["value"] == 5e9 for f in record["facts"])


def test_cli_inputs_input_file_lists_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in (("a.txt", KK), ("b.txt", RU)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# two releases\n{tmp_path / 'a.txt'}\n\n{tmp_path / 'b.txt'}\n", encoding="utf-8")
    assert main(["extract", "--jsonl", "--no-progress", "--input-file", str(listing)]) == 0
    assert [json.loads(line)["lang"] for line in capsys.readouterr().out.splitlines()] == ["kk", "ru"]


@pytest.mark.parametrize(("argv", "message"), [
    (["extract"], "no input: give paths, '-' for standard input, or --input-file LIST"),
    (["extract", "--input-file", "/nonexistent/list.txt"], "/nonexistent/list.txt: cannot read the list of paths"),
])
def test_cli_inputs_no_input_exits_2_with_one_line(argv: list[str], message: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"aimaq: error: {message}") and "\n" not in err


def test_cli_inputs_a_url_and_an_empty_folder_are_errors_not_silence(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["extract", "--jsonl", "https://example.kz/news/1", str(tmp_path / "empty")]) == 1
    err = capsys.readouterr().err
    assert "aimaq: error: https://example.kz/news/1: a URL: aimaq does not fetch pages" in err
    assert f"aimaq: error: {tmp_path / 'empty'}: no documents in this directory" in err


@pytest.mark.parametrize(("given", "code"), [("KZ-71", "KZ-71"), ("kz-71", "KZ-71"), ("astana", "KZ-71"),
                                             ("Астана", "KZ-71"), ("Ақтөбе облысы", "KZ-15"),
                                             ("Актюбинская область", "KZ-15"), ("aktobe", "KZ-15"),
                                             ("Almaty", "KZ-75"), ("Almaty Region", "KZ-19"), ("Жетісу", "KZ-33")])
def test_cli_inputs_regions_by_code_or_name_in_any_case(given: str, code: str) -> None:
    assert choices.region_code(given) == code


@pytest.mark.parametrize("bad", ["KZ-99", "kz-4", "Омбы облысы", ""])
def test_cli_inputs_unknown_regions_list_what_is_valid(bad: str) -> None:
    with pytest.raises(UsageError, match="unknown region .*KZ-10 Abai Region.*KZ-79 Shymkent"):
        choices.region_code(bad)


@pytest.mark.parametrize(("argv", "message"), [
    (["search", "x", "--region", "KZ-99"], "unknown region 'KZ-99'"),
    (["facts", "--region", "astanaa"], "unknown region 'astanaa'"),
    (["search", "x", "--type", "nonsense"], "unknown fact type 'nonsense'; one of:"),
    (["facts", "--type", "nonsense"], "unknown fact type 'nonsense'"),
    (["search", "x", "--lang", "de"], "unknown language 'de'; one of: kk, ru, en, other"),
    (["search", "x", "--limit", "0"], "bad limit '0'"),
    (["search", "x", "--limit", "-3"], "bad limit '-3'"),
    (["facts", "--since", "2025-02-30"], "bad date '2025-02-30'"),
])
def test_cli_inputs_bad_filters_exit_2_naming_what_is_valid(argv: list[str], message: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


@pytest.fixture(scope="module")
def client() -> TestClient:
    from web_store import corpus_store

    return TestClient(create_app(corpus_store(), token=None))


@pytest.mark.parametrize(("params", "message"), [
    ({"region": "KZ-99"}, "unknown region 'KZ-99'"),
    ({"type": "nonsense"}, "unknown fact type 'nonsense'"),
    ({"lang": "de"}, "unknown language 'de'"),
])
def test_cli_inputs_the_api_refuses_the_same_filters_with_422(client: TestClient, params: dict,
                                                              message: str) -> None:
    for endpoint in ("/api/documents", "/api/facts"):
        answer = client.get(endpoint, params=params)
        assert answer.status_code == 422
        (problem,) = answer.json()["detail"]
        assert problem["loc"] == ["query", next(iter(params))] and message in problem["msg"]


def test_cli_inputs_the_api_takes_region_names_and_lower_case_codes(client: TestClient) -> None:
    by_code = client.get("/api/facts", params={"region": "KZ-15", "limit": 100}).json()["items"]
    assert by_code
    for given in ("kz-15", "Ақтөбе облысы", "Aktobe"):
        assert client.get("/api/facts", params={"region": given, "limit": 100}).json()["items"] == by_code


def test_cli_inputs_regions_types_and_schema_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 20 and ["KZ-71", "Астана", "Астана", "Astana"] in rows
    assert main(["types"]) == 0
    types = dict(line.split("\t") for line in capsys.readouterr().out.splitlines())
    assert types["investment"] == "money" and "jobs" in types
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "aimaq extracted document"


def test_cli_inputs_the_packaged_schema_is_the_shared_contract() -> None:
    shared = ROOT.parent / "shared" / "schema"
    if not shared.is_dir():
        pytest.skip("../shared/schema is not beside the project")
    packaged = ROOT / "src" / "aimaq" / "data" / "schema"
    for name in ("document.schema.json", "facts.md"):
        assert (packaged / name).read_bytes() == (shared / name).read_bytes(), name


def test_cli_inputs_ctrl_c_during_ingest_says_interrupted_and_loses_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy.exc import OperationalError

    import aimaq.ingest.run as run_module

    docs = tmp_path / "docs"
    docs.mkdir()
    for i, text in enumerate((KK, RU, KK.replace("12", "14"), RU.replace("12", "16"))):
        (docs / f"{i}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "store.db")
    settle, calls = run_module.settle, []

    def interrupted_after_one_batch(settler, batch, written):  # the second batch is written, not settled
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return settle(settler, batch, written)

    def locked(*_args, **_kwargs):
        raise OperationalError("UPDATE ingest_runs", {}, Exception("database is locked"))

    monkeypatch.setattr(run_module, "settle", interrupted_after_one_batch)
    monkeypatch.setattr(run_module, "finish_run", locked)
    argv = ["ingest", "--db", db, "--no-progress", "--batch-size", "2", str(docs)]
    assert main(argv) == 130
    assert capsys.readouterr().err.strip().splitlines()[-1] == "aimaq: interrupted"
    monkeypatch.undo()
    assert main(argv) == 0
    assert main(["search", "инвестиция", "--db", db, "--jsonl", "--all", "--limit", "50"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(hits) == len({h["doc_id"] for h in hits}) == 4


@pytest.mark.parametrize("argv", [
    ["facts", "--db", "foo://bar"],
    ["search", "инвестиция", "--db", "foo://bar"],
    ["ingest", "--db", "foo://bar", "--no-progress", "-"],
    ["serve", "--db", "foo://bar", "--port", "9"],
])
def test_cli_inputs_an_unknown_database_scheme_is_one_line(argv: list[str], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert "unknown database scheme 'foo'" in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_cli_inputs_an_unknown_database_scheme_on_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "out"), "--db", "foo://bar"]) == 1
    assert "unknown database scheme 'foo'" in capsys.readouterr().err


@pytest.mark.parametrize(("env", "argv", "message"), [
    ({"AIMAQ_MAX_DOCUMENT_BYTES": "abc"}, [], "AIMAQ_MAX_DOCUMENT_BYTES='abc': not a whole number"),
    ({}, ["--max-document-bytes", "-5"], "--max-document-bytes=-5: must be at least 1"),
    ({"AIMAQ_MAX_DECOMPRESSED_BYTES": "0"}, [], "AIMAQ_MAX_DECOMPRESSED_BYTES=0: must be at least 1"),
])
def test_cli_inputs_bad_setting_values_exit_2_with_one_line(env: dict, argv: list[str], message: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    doc = tmp_path / "a.txt"
    doc.write_text(KK, encoding="utf-8")
    assert main(["extract", "--jsonl", *argv, str(doc)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"aimaq: error: {message}"
