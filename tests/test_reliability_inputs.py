"""Bad input matrix: one folder holding every kind of broken file a crawl brings, run through `aimaq extract`
and `aimaq ingest` once each. For every bad file (or record) there is exactly one error line naming it and
the reason; the good files around it are read; the exit status is 1; the ingest run report lists each error.

Unreadable files: the tests run as root, who can read a chmod 000 file, so when the file is still readable
after chmod 000 the reader's ``open`` is monkeypatched to raise PermissionError for that one path.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import tracemalloc
from pathlib import Path

import pytest

from aimaq.cli import build_parser
from aimaq.commands import extract as cmd_extract
from aimaq.commands import ingest as cmd_ingest
from aimaq.records import RawDocument, Unreadable
from aimaq.settings import Settings
from aimaq.stages import read as read_stage
from aimaq.stages.read import iter_documents

DOC_LIMIT = 64 * 1024
INFLATE_LIMIT = 32 * 1024
LIMITS = ["--max-document-bytes", str(DOC_LIMIT), "--max-decompressed-bytes", str(INFLATE_LIMIT)]


def release(i: int) -> str:
    """A short Russian release, different for each ``i`` (so each good file is its own document)."""
    return (f"В Актюбинской области в 2024 году запущено {i + 12} новых предприятий на сумму {i + 3},5 млрд тенге. "
            f"В рамках проектов создано {i * 10 + 140} новых рабочих мест.\n")


def release_kk(i: int) -> str:
    return f"Ақтөбе облысында 2024 жылы {i + 12} жаңа кәсіпорын іске қосылды. Жобалар аясында {i + 40} жұмыс орны ашылды.\n"


def warc_record(body: bytes, length: int | None = None, kind: str = "text/plain") -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:{len(body)}-{length}>\r\n"
            f"WARC-Target-URI: https://example.kz/{len(body)}\r\nContent-Type: {kind}\r\n"
            f"Content-Length: {len(body) if length is None else length}\r\n\r\n")
    return head.encode() + body + b"\r\n\r\n"


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9)


# name -> content; the error reason expected for the file (None: it is read), per source.
GOOD: dict[str, bytes] = {
    "cp1251.txt": release(1).encode("cp1251") * 2,
    "koi8r.txt": release(2).encode("koi8_r") * 2,
    "utf16le_no_bom.txt": release(3).encode("utf-16-le") * 2,
    "utf16be_no_bom_kk.txt": release_kk(4).encode("utf-16-be") * 2,
    "kz1048_kk.txt": release_kk(5).encode("kz1048") * 2,
    "malformed.html": (b"<html><head><title>T</title><body><p>" + release(6).encode() + b"<p><b><i></b>"
                       + release(7).encode() + b"<table><tr><td><div></p></html><<>>&&;"),
    "good.warc": warc_record(release(8).encode()),
}
BAD: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", r"empty file"),
    "scan.pdf": (b"%PDF-1.4\n" + bytes(range(256)) * 4, r"binary file \(PDF document\)"),
    "photo.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, r"binary file \(PNG image\)"),
    "photo_named.txt": (b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, r"binary file \(JPEG image\)"),
    "nul_bytes.txt": (bytes(range(256)) * 8, r"binary file"),
    "broken_utf8_middle.txt": (release(9).encode() * 3 + b"\xff\xfe\xc3" + release(9).encode() * 3,
                               r"invalid UTF-8 at byte 7\d\d"),
    "mixed_utf8_cp1251.txt": (release(10).encode() * 3 + release(10).encode("cp1251") * 3, r"invalid UTF-8 at byte"),
    "utf8_cut_short.txt": (release(11).encode()[:-3], r"invalid UTF-8 at byte"),
    "one_long_line.txt": (b"x" * (DOC_LIMIT + 10), r"too large: 64\.0 KB > 64\.0 KB limit"),
    "one_long_line.txt.gz": (gz(b"x" * (INFLATE_LIMIT - 100) + b"y" * 1000), r"too large|gzip bomb"),
    "deeply_nested.html": (b"<html><body>" + b"<div>" * 3000 + release(12).encode() + b"</div>" * 3000,
                           r"HTML nested deeper than 255 elements"),
    "no_text.html": (b"<html><head><script>var x = 1;</script></head><body><nav>menu</nav></body></html>",
                     r"no main text found in HTML"),
    "bomb.txt.gz": (gz(b"0" * (4 * 1024 * 1024)), r"gzip bomb: inflates past 32\.0 KB limit"),
    "bomb.html.gz": (gz(b"<html>" + b" " * (4 * 1024 * 1024)), r"gzip bomb"),
    "bomb.jsonl.gz": (gz(b"\n" * (4 * 1024 * 1024)), r"gzip bomb"),
    "truncated.txt.gz": (gz(release(13).encode() * 50)[:-40], r"truncated gzip"),
    "corrupt.txt.gz": (b"\x1f\x8b\x08\x00" + bytes(range(200)), r"corrupt gzip|truncated gzip"),
}
# Container files: their good and bad records.
CONTAINERS: dict[str, bytes] = {
    "broken.jsonl": b"\n".join([
        json.dumps({"text": release(20)}, ensure_ascii=False).encode(),
        b'{"text": ',
        b"[1, 2]",
        b'{"text": "\xff\xfe"}',
        b'{"title": "no body"}',
        json.dumps({"text": "a" * (DOC_LIMIT + 5)}).encode(),
        json.dumps({"text": release(21)}, ensure_ascii=False).encode(),
    ]) + b"\n",
    "lying_short.warc": warc_record(release(22).encode(), length=5) + warc_record(release(23).encode()),
    "lying_long.warc": warc_record(release(24).encode()) + warc_record(release(25).encode(), length=4000),
    "truncated.warc": warc_record(release(26).encode()) + warc_record(release(27).encode() * 20)[:-900],
    "truncated.warc.gz": gz(warc_record(release(28).encode()) + warc_record(release(29).encode() * 20))[:-60],
    "bomb.warc.gz": gz(warc_record(b"0" * (4 * 1024 * 1024))),
}
RECORD_ERRORS: dict[str, str] = {
    "broken.jsonl#2": r"broken JSON \(Expecting value, column 10\)",
    "broken.jsonl#3": r"not a JSON object but list",
    "broken.jsonl#4": r"invalid UTF-8 at byte 10 of the line",
    "broken.jsonl#5": r"no text in field 'text'",
    "broken.jsonl#6": r"too large: 64\.0 KB > 64\.0 KB limit",
    "lying_short.warc#1": r"WARC Content-Length does not match the record",
    "lying_long.warc#2": r"truncated WARC record: \d+ of 4000 bytes missing",
    "truncated.warc#2": r"truncated WARC record: 896 of \d+ bytes missing",
    "truncated.warc.gz#2": r"truncated gzip",
    "bomb.warc.gz#1": r"too large: 4\.0 MB > 32\.0 KB limit",
}
RECORDS_READ = ["broken.jsonl#1", "broken.jsonl#7", "lying_long.warc#1", "truncated.warc#1", "truncated.warc.gz#1"]
LINK_ERRORS = {
    "dangling.txt": r"broken symlink",
    "self_link.txt": r"cannot read: Too many levels of symbolic links",
    "pipe.txt": r"not a regular file",
    "locked.txt": r"permission denied",
}


def _write(folder: Path) -> None:
    folder.mkdir()
    for name, data in {**GOOD, **CONTAINERS, **{n: d for n, (d, _) in BAD.items()}}.items():
        (folder / name).write_bytes(data)
    (folder / "loop" / "inner").mkdir(parents=True)
    (folder / "loop" / "inside.txt").write_text(release(30), encoding="utf-8")
    os.symlink("..", folder / "loop" / "inner" / "up")  # a directory loop: never followed unless asked, then refused
    os.symlink("nowhere.txt", folder / "dangling.txt")
    os.symlink("self_link.txt", folder / "self_link.txt")
    os.mkfifo(folder / "pipe.txt")
    locked = folder / "locked.txt"
    locked.write_text(release(31), encoding="utf-8")
    locked.chmod(0)


def _lock_for_root(monkeypatch: pytest.MonkeyPatch, locked: Path) -> str:
    """Make ``locked`` unreadable to the reader; says how (chmod alone, or chmod plus a patched open)."""
    if not os.access(locked, os.R_OK):
        return "chmod 000"
    real_open = open

    def guarded(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(read_stage, "open", guarded, raising=False)
    return "chmod 000 + patched open (running as root)"


def _run(module, argv: list[str]) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    out, err = io.StringIO(), io.StringIO()
    status = module.run(build_parser().parse_args(argv), out, err)
    return status, err.getvalue().splitlines()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("matrix")
    folder = base / "in"
    _write(folder)
    with pytest.MonkeyPatch.context() as mp:
        how = _lock_for_root(mp, folder / "locked.txt")
        extracted = _run(cmd_extract, ["extract", "--no-progress", *LIMITS, str(folder)])
        report_file = base / "run.json"
        ingested = _run(cmd_ingest, ["ingest", "--no-progress", "--db", str(base / "x.db"), "--report",
                                     str(report_file), *LIMITS, str(folder)])
        followed = _run(cmd_extract, ["extract", "--no-progress", "--follow-symlinks", *LIMITS, str(folder / "loop")])
    return {"folder": folder, "extract": extracted, "ingest": ingested, "followed": followed, "locked_by": how,
            "report": json.loads(report_file.read_text(encoding="utf-8"))}


EXPECTED_ERRORS = {**{n: r for n, (_, r) in BAD.items()}, **RECORD_ERRORS, **LINK_ERRORS}


def _errors(lines: list[str], folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in lines:
        if line.startswith("aimaq: error: "):
            source, _, reason = line[len("aimaq: error: "):].partition(": ")
            found.setdefault(source.removeprefix(str(folder) + "/"), []).append(reason)
    return found


@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_reliability_inputs_one_clear_error_per_bad_input(runs: dict, command: str, name: str) -> None:
    status, lines = runs[command]
    reasons = _errors(lines, runs["folder"]).get(name, [])
    assert len(reasons) == 1, f"{name}: {reasons}"
    assert re.search(EXPECTED_ERRORS[name], reasons[0]), reasons[0]
    assert status == 1


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_reliability_inputs_nothing_else_is_an_error_and_nothing_leaks(runs: dict, command: str) -> None:
    _, lines = runs[command]
    assert set(_errors(lines, runs["folder"])) == set(EXPECTED_ERRORS)
    stray = [line for line in lines if not line.startswith("aimaq: ")]
    assert stray == []  # no library warnings or tracebacks between the error lines


def test_reliability_inputs_good_files_and_records_still_read(runs: dict) -> None:
    _, lines = runs["extract"]
    good = len(GOOD) + len(RECORDS_READ) + 1  # + loop/inside.txt
    assert lines[-1] == f"aimaq: {good} document(s) extracted, {len(EXPECTED_ERRORS)} error(s)"


def test_reliability_inputs_ingest_report_lists_every_error(runs: dict) -> None:
    report, folder = runs["report"], runs["folder"]
    listed = {e["source"].removeprefix(str(folder) + "/"): e["reason"] for e in report["errors"]}
    assert set(listed) == set(EXPECTED_ERRORS)
    assert all(re.search(EXPECTED_ERRORS[name], reason) for name, reason in listed.items())
    good = len(GOOD) + len(RECORDS_READ) + 1
    assert (report["read"], report["new"], report["unchanged"]) == (good, good, 0)


def test_reliability_inputs_symlink_loop_refused_when_following(runs: dict) -> None:
    status, lines = runs["followed"]
    loop = str(runs["folder"] / "loop")
    assert [line for line in lines if line.startswith("aimaq: error: ")] == [
        f"aimaq: error: {loop}/inner/up: symlink loop or duplicate: directory already read"]
    assert lines[-1] == "aimaq: 1 document(s) extracted, 1 error(s)" and status == 1


def test_reliability_inputs_unreadable_file_how(runs: dict) -> None:
    assert runs["locked_by"] in {"chmod 000", "chmod 000 + patched open (running as root)"}


@pytest.mark.parametrize("name, content", [
    ("long.jsonl", b'{"text": "' + b"x" * (12 * 1024 * 1024) + b'"}\n' + json.dumps({"text": release(40)}).encode()),
    ("long.jsonl.gz", gz(b'{"text": "' + b"x" * (12 * 1024 * 1024) + b'"}\n' + json.dumps({"text": release(41)}).encode())),
    ("long.txt.gz", gz(b"x" * (12 * 1024 * 1024))),
    ("long.warc", warc_record(b"x" * (12 * 1024 * 1024)) + warc_record(release(42).encode())),
])
def test_reliability_inputs_long_line_read_with_bounded_memory(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    settings = Settings(max_document_bytes=DOC_LIMIT, max_decompressed_bytes=64 * 1024 * 1024)
    tracemalloc.start()
    try:
        items = list(iter_documents([str(path)], settings))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    errors = [i for i in items if isinstance(i, Unreadable)]
    assert len(errors) == 1 and errors[0].reason.startswith("too large"), items
    assert peak < 4 * 1024 * 1024, f"{peak / 2**20:.1f} MB held while reading a 12 MB line"
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(docs) == (0 if name == "long.txt.gz" else 1)
