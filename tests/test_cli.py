"""`aimaq extract` end to end: the schema contract, the shared samples, and bad input."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from aimaq.cli import main


def _money(record: dict) -> list[tuple[float, str | None, str]]:
    return sorted((a["value"], a["currency"], a["qualifier"]) for a in record["amounts"] if a["kind"] == "money")


def _people(record: dict) -> set[str]:
    return {m["norm"] for m in record["mentions"] if m["type"] == "PER"}


def _change(record: dict, ftype: str) -> list[tuple]:
    return [(f["value_before"], f["value"], f["region"]) for f in record["facts"]
            if f["type"] == ftype and f["value_before"] is not None]


def test_cli_records_validate_against_the_schema(sample_records: dict, schema: dict) -> None:
    assert sorted(sample_records) == ["000", "001", "003"]
    for record in sample_records.values():
        jsonschema.validate(record, schema)
        assert record["schema_version"] == 2 and "main_region" in record
        text = record["text"]
        for item in record["mentions"] + record["amounts"]:
            assert text[item["start"] : item["end"]] == item["text"]
        for fact in record["facts"]:
            assert 0 <= fact["evidence"]["start"] < fact["evidence"]["end"] <= len(text)


def test_cli_jsonl_version_2_title_is_text_dateline_is_no_region(tmp_path: Path, schema: dict) -> None:
    path = tmp_path / "release.txt"
    path.write_text(" date 2024-05-02 В Жамбылской области построят 4 школы\n"
                    "АСТАНА. KAZINFORM – Аким области рассказал, что строительство начнётся летом.\n"
                    "16:22, 2 Май 2024 | GMT +5\nФото: акимат Жамбылской области\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    from aimaq.cli import build_parser
    from aimaq.commands.extract import run as cmd_extract

    args = build_parser().parse_args(["extract", "--jsonl", "--debug", "--no-progress", str(path)])
    assert cmd_extract(args, out, err) == 0, err.getvalue()
    (record,) = [json.loads(line) for line in out.getvalue().splitlines()]
    jsonschema.validate(record, schema)
    assert record["schema_version"] == 2 and record["title"] == "В Жамбылской области построят 4 школы"
    assert record["text"] == ("В Жамбылской области построят 4 школы\n\n"
                              "АСТАНА. KAZINFORM – Аким области рассказал, что строительство начнётся летом.")
    assert [(a["text"], record["text"][a["start"]:a["end"]]) for a in record["amounts"]] == [("4", "4")]
    assert [r["code"] for r in record["regions"]] == ["KZ-31"] and record["main_region"] == "KZ-31"
    assert [r["reason"] for r in record["debug"]["removed"]] == ["timestamp", "photo_credit"]


def test_cli_samples_language_date_regions(sample_records: dict) -> None:
    assert [sample_records[k]["lang"] for k in ("000", "001", "003")] == ["kk", "ru", "ru"]
    assert [sample_records[k]["date"] for k in ("000", "001", "003")] == [None, None, "2018-08-29"]
    codes = {k: {r["code"] for r in rec["regions"]} for k, rec in sample_records.items()}
    assert codes["000"] == {"KZ-47"} and codes["001"] == {"KZ-47"}
    assert codes["003"] == {"KZ-23", "KZ-47"}


def test_cli_samples_every_money_amount(sample_records: dict) -> None:
    assert _money(sample_records["000"]) == [(7_800_000_000, "KZT", "exact")]
    assert _money(sample_records["001"]) == [(6_288_000, "EUR", "exact"), (7_800_000_000, "KZT", "more_than")]
    assert _money(sample_records["003"]) == [(500_000_000_000, "KZT", "approx"), (1_400_000_000_000, "KZT", "exact")]
    percents = [a["value"] for a in sample_records["003"]["amounts"] if a["kind"] == "percent"]
    assert percents == [30]


def test_cli_samples_changes_are_facts_of_mangystau(sample_records: dict) -> None:
    for key in ("000", "001"):
        record = sample_records[key]
        assert _change(record, "enterprises") == [(5, 12, "KZ-47")], key
        assert _change(record, "projects") == [(41, 143, "KZ-47")], key


def test_cli_samples_people(sample_records: dict) -> None:
    assert {"Алик Айдарбаев", "Траян Христеа", "Шолпан Илмұханбетова"} <= _people(sample_records["000"])
    assert {"Алик Айдарбаев", "Траян Христеа", "Шолпан Ильмуханбетова"} <= _people(sample_records["001"])
    assert {"Нурлан Ногаев", "Ералы Тогжанов", "Нурсултан Назарбаев"} <= _people(sample_records["003"])
    roles = {m["norm"]: m["role"] for m in sample_records["003"]["mentions"] if m["type"] == "PER" and m["role"]}
    assert "аким" in roles["Нурлан Ногаев"].lower()


def _bad_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    good = folder / "good.txt"
    good.write_text("В Костанайской области создано 250 рабочих мест.", encoding="utf-8")
    files = {
        "binary": folder / "scan.txt",
        "empty": folder / "empty.txt",
        "truncated": folder / "feed.txt.gz",
        "large": folder / "huge.txt",
        "utf8": folder / "broken.txt",
        "warc": folder / "crawl.warc.gz",
    }
    files["binary"].write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02")
    files["empty"].write_bytes(b"")
    packed = gzip.compress("".join(f"Шымкентте {i} жұмыс орны ашылды. " for i in range(3000)).encode())
    files["truncated"].write_bytes(packed[: len(packed) // 2])
    with files["large"].open("wb") as f:
        f.write(("Текст пресс-релиза. " * 1000 + "\n").encode() * 1400)  # ~50 MB
    files["utf8"].write_bytes("В Атырауской области ".encode() + b"\xff\xfe\xc3\x28" + "создано 10 мест.".encode() * 50)
    files["warc"].write_bytes(_broken_warc())
    return files


def _broken_warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(3):
        body = f"<html><head><title>Релиз {i}</title></head><body><p>В Туркестанской области открыто {i + 3} " \
               f"новых предприятий, создано 120 рабочих мест, привлечено 2 млрд тенге инвестиций.</p></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://example.kz/news/{i}", "response", payload=io.BytesIO(body.encode()),
                                           http_headers=headers)
        writer.write_record(record)
    data = buf.getvalue()
    return data[: len(data) - 200]  # the third record is cut in the middle


def test_cli_bad_input_reported_and_batch_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = _bad_inputs(tmp_path / "batch")
    status = main(["extract", "--jsonl", "--no-progress", str(tmp_path / "batch")])
    out, err = capsys.readouterr()
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    sources = {Path(r["source"].split("#")[0]).name for r in records}
    assert "good.txt" in sources and "crawl.warc.gz" in sources  # the two whole WARC records are kept
    assert sum(1 for r in records if r["source"].split("#")[0].endswith("crawl.warc.gz")) == 2
    errors = [line for line in err.splitlines() if line.startswith("aimaq: error:")]
    for kind, path in files.items():
        named = [line for line in errors if str(path) in line]
        assert len(named) == 1, (kind, errors)
    assert len(errors) == len(files)


def test_cli_entry_point_summary(samples_dir: Path) -> None:
    exe = Path(sys.executable).with_name("aimaq")
    result = subprocess.run([str(exe), "extract", str(samples_dir / "001_9397d92a45c2ba0d.txt")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "lang: ru" in result.stdout and "KZ-47" in result.stdout
    assert "projects: 41 → 143" in result.stdout
