from __future__ import annotations

import builtins
import gzip
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from aimaq.errors import DocumentReadError
from aimaq.records import RawDocument, Unreadable
from aimaq.settings import MB, Settings
from aimaq.stages.read import iter_documents
from aimaq.stages.readers.gz import open_gzip

RU = (
    "Аким области провёл совещание по развитию малого бизнеса.\n"
    "В этом году открыто 12 новых производств, создано более 500 рабочих мест.\n"
)
KK = "Маңғыстау облысының әкімі кәсіпкерлермен кездесті. Биыл өңірде 12 жаңа өндіріс ашылды.\n"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def read(*paths: object, **settings: object) -> list[RawDocument | Unreadable]:
    return list(iter_documents([str(p) for p in paths], Settings(**settings) if settings else None))


def only(items: list[RawDocument | Unreadable]) -> RawDocument | Unreadable:
    assert len(items) == 1, items
    return items[0]


def html_page(title: str, date: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'>"
        f"<title>{title} | Акимат области</title><meta property='og:title' content='{title}'>"
        f"<meta property='article:published_time' content='{date}T10:15:00+05:00'></head><body>"
        "<nav><ul><li><a href='/'>Главная</a></li><li><a href='/m'>Мобильная версия</a></li></ul></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>© Акимат области. Все права защищены.</footer></body></html>"
    )


PARAGRAPHS = [
    "В селе Шетпе открылась новая школа на 600 мест, строительство велось два года.",
    "Общая стоимость проекта составила 4,2 млрд тенге из местного бюджета.",
    "Аким области поздравил учеников и учителей с началом нового учебного года.",
]


# --------------------------------------------------------------------------- plain text and encodings


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RU, "utf-8"),
        (RU, "utf-8-sig"),
        (RU, "cp1251"),
        (RU, "koi8_r"),
        (RU, "utf-16"),  # with BOM
        (RU, "utf-16-le"),  # without BOM
        (RU, "utf-16-be"),
        (KK, "utf-8"),
        (KK, "utf-16-le"),
        (KK, "kz1048"),
        ("Аким открыл школу.", "cp1251"),
        ("Аким открыл школу.", "koi8_r"),
    ],
)
def test_read_decodes_text_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding))
    doc = only(read(path))
    assert doc == RawDocument(source=str(path), text=text, format="text")


def test_read_reports_broken_utf8_instead_of_guessing_cp1251(tmp_path: Path) -> None:
    good = RU.encode("utf-8")
    cut = good.index(b".") + 1
    path = tmp_path / "broken.txt"
    path.write_bytes(good[:cut] + b"\xff\xfe" + good[cut:])
    assert only(read(path)) == Unreadable(str(path), f"invalid UTF-8 at byte {cut}")


def test_read_reports_utf8_cut_in_the_middle_of_a_letter(tmp_path: Path) -> None:
    data = "Аким открыл школу".encode()[:-1]  # the file ends inside its last letter
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    assert only(read(path)) == Unreadable(str(path), f"invalid UTF-8 at byte {len(data) - 1}")


@pytest.mark.parametrize(
    ("content", "title", "date", "text"),
    [
        (" date 2018-08-29 Меморандум подписан\nСтороны договорились.\n", "Меморандум подписан", "2018-08-29", "Стороны договорились.\n"),
        ("date 2018-08-29 Меморандум подписан\nСтороны договорились.", "Меморандум подписан", "2018-08-29", "Стороны договорились."),
        (" date 2018-08-29 Целью меморандума является кооперация регионов.", None, "2018-08-29", "Целью меморандума является кооперация регионов."),
        (" date 2018-08-29 Целью меморандума является кооперация.\n\n", None, "2018-08-29", "Целью меморандума является кооперация."),
        (" date 2018-08-29\nСтороны договорились.", None, "2018-08-29", "Стороны договорились."),
        ("Стороны договорились о date 2018-08-29.", None, None, "Стороны договорились о date 2018-08-29."),
    ],
)  # fmt: skip
def test_read_parses_dump_header(
    tmp_path: Path, content: str, title: str | None, date: str | None, text: str
) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(content, encoding="utf-8")
    assert only(read(path)) == RawDocument(str(path), text, title, date, None, "text")


def test_read_sample_with_one_line_header() -> None:
    paths = sorted(SAMPLES.glob("003_*.txt")) if SAMPLES.is_dir() else []
    if not paths:
        pytest.skip("shared samples not available")
    doc = only(read(paths[0]))
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.date) == (None, "2018-08-29")
    assert doc.text.startswith("Целью меморандума")


# --------------------------------------------------------------------------- HTML


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.txt", "page"])
def test_read_extracts_html_main_text_title_and_date(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(html_page("Аким области открыл школу", "2023-09-01", PARAGRAPHS), encoding="utf-8")
    doc = only(read(path))
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.date, doc.format) == ("Аким области открыл школу", "2023-09-01", "html")
    assert doc.text.split("\n") == PARAGRAPHS
    assert "Мобильная версия" not in doc.text


def test_read_html_in_cp1251_declared_by_meta(tmp_path: Path) -> None:
    page = html_page("Школа", "2021-03-04", PARAGRAPHS).replace("charset='utf-8'", "charset='windows-1251'")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    doc = only(read(path))
    assert isinstance(doc, RawDocument)
    assert doc.text.split("\n") == PARAGRAPHS


def test_read_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    assert only(read(path)) == Unreadable(str(path), "no main text found in HTML")


# --------------------------------------------------------------------------- JSONL


def test_read_jsonl_goes_on_after_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {"text": "Аким открыл школу.", "title": "Школа", "date": "2023-09-01", "url": "https://a.kz/1"}
        ),
        '{"text": "оборванная строка',
        json.dumps({"title": "Без текста"}),
        "",
        json.dumps(["не", "объект"]),
        json.dumps({"text": "<html><body><p>Первый абзац новости.</p><p>Второй абзац.</p></body></html>"}),
        json.dumps({"text": "В районе построят мост.", "date": "29.08.2018"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    src = str(path)
    assert items == [
        RawDocument(f"{src}#1", "Аким открыл школу.", "Школа", "2023-09-01", "https://a.kz/1", "jsonl"),
        Unreadable(f"{src}#2", "broken JSON (Unterminated string starting at, column 10)"),
        Unreadable(f"{src}#3", "no text in field 'text'"),
        Unreadable(f"{src}#5", "not a JSON object but list"),
        RawDocument(f"{src}#6", "Первый абзац новости.\nВторой абзац.", None, None, None, "jsonl"),
        RawDocument(f"{src}#7", "В районе построят мост.", None, "2018-08-29", None, "jsonl"),
    ]


def test_read_jsonl_uses_configured_fields_and_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "feed.ndjson"
    records = [{"body": "Короткий текст.", "headline": "Заголовок"}, {"body": "Длинный текст. " * 20}]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read(path, jsonl_text_field="body", jsonl_title_field="headline", max_document_bytes=100)
    assert items == [
        RawDocument(f"{path}#1", "Короткий текст.", "Заголовок", None, None, "jsonl"),
        Unreadable(f"{path}#2", f"too large: {len(lines[1].encode())} B > 100 B limit"),
    ]


# --------------------------------------------------------------------------- WARC


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], gzipped: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "aimaq-tests"}))
        for url, body, content_type in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def warc_pages() -> list[tuple[str, bytes, str]]:
    return [
        (
            f"https://akimat.kz/news/{i}",
            html_page(f"Новость {i}", f"2023-0{i + 1}-15", PARAGRAPHS[: i + 1]).encode("utf-8"),
            "text/html; charset=utf-8",
        )
        for i in range(3)
    ]


@pytest.mark.parametrize("gzipped", [True, False])
def test_read_warc_records_become_documents(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    pages = [*warc_pages(), ("https://akimat.kz/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png")]
    write_warc(path, pages, gzipped)
    items = read(path)
    assert [(d.source, d.url, d.title, d.date, d.format) for d in items] == [
        (f"{path}#{i + 2}", f"https://akimat.kz/news/{i}", f"Новость {i}", f"2023-0{i + 1}-15", "warc")
        for i in range(3)
    ]
    assert items[2].text.split("\n") == PARAGRAPHS


@pytest.mark.parametrize("gzipped", [True, False])
def test_read_truncated_warc_keeps_earlier_records(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_warc(path, warc_pages(), gzipped)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 60])
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Unreadable"]
    assert [i.source for i in items] == [f"{path}#2", f"{path}#3", f"{path}#4"]
    assert items[2].reason.startswith("truncated")


def test_read_warc_resource_record_with_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "res.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        record = writer.create_warc_record(
            "file:///press/1.txt",
            "resource",
            payload=io.BytesIO(RU.encode("cp1251")),
            warc_content_type="text/plain",
        )
        writer.write_record(record)
    doc = only(read(path))
    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.text, doc.url, doc.format) == (f"{path}#1", RU, "file:///press/1.txt", "warc")
    assert doc.date is not None and len(doc.date) == 10


# --------------------------------------------------------------------------- gzip


@pytest.mark.parametrize(
    ("name", "content", "expected_text"),
    [
        ("news.txt.gz", RU.encode("cp1251"), RU),
        ("news.html.gz", html_page("Школа", "2023-09-01", PARAGRAPHS).encode(), "\n".join(PARAGRAPHS)),
        ("news.jsonl.gz", json.dumps({"text": RU}).encode() + b"\n", RU),
    ],
)
def test_read_gzip_dispatches_on_inner_extension(
    tmp_path: Path, name: str, content: bytes, expected_text: str
) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(content))
    doc = only(read(path))
    assert isinstance(doc, RawDocument)
    assert doc.text == expected_text


def test_read_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "news.txt.gz"
    data = gzip.compress((RU * 200).encode())
    path.write_bytes(data[: len(data) // 2])
    error = only(read(path))
    assert isinstance(error, Unreadable)
    assert error.reason.startswith("truncated gzip")


def test_read_truncated_jsonl_gzip_keeps_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    data = gzip.compress(
        "".join(json.dumps({"text": f"Новость номер {i}."}) + "\n" for i in range(2000)).encode()
    )
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    assert isinstance(items[-1], Unreadable) and items[-1].reason.startswith("truncated gzip")
    assert items[-1].source == str(path)
    assert len(items) > 100 and all(isinstance(i, RawDocument) for i in items[:-1])


def test_read_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"\0" * (8 * MB), compresslevel=9))
    assert only(read(path, max_decompressed_bytes=MB)) == Unreadable(
        str(path), "gzip bomb: inflates past 1.0 MB limit (max_decompressed_bytes)"
    )
    with open_gzip(str(path), limit=MB) as stream, pytest.raises(DocumentReadError):
        stream.read()
    assert stream.raw.inflated <= MB + io.DEFAULT_BUFFER_SIZE


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "zip archive"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF executable"),
        (b"\x01\x02\x03\x00\x00\x00\xfe\xff\x10\x00\x00\x07", "NUL bytes"),
    ],
)
def test_read_refuses_binary_files_naming_the_kind(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(content)
    assert only(read(path)) == Unreadable(str(path), f"binary file ({kind})")


def test_read_refuses_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.touch()
    assert only(read(path)) == Unreadable(str(path), "empty file")


def test_read_checks_size_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:  # sparse: 50 MB without writing them
        out.truncate(50 * MB)
    real_open = builtins.open

    def guarded_open(file: object, *args: object, **kwargs: object) -> object:
        assert str(file) != str(path), "a file over the limit must not be opened"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    assert only(read(path)) == Unreadable(str(path), "too large: 50.0 MB > 20.0 MB limit")


def test_read_size_limit_from_settings(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Текст. " * 400, encoding="utf-8")
    assert only(read(path, max_document_bytes=2048)) == Unreadable(
        str(path), "too large: 4.7 KB > 2.0 KB limit"
    )


def test_read_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(RU, encoding="utf-8")
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: make the open fail as it would for a normal user
        real_open = builtins.open

        def denied(file: object, *args: object, **kwargs: object) -> object:
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", denied)
    assert only(read(path)) == Unreadable(str(path), "permission denied")


def test_read_batch_goes_on_after_errors(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(RU, encoding="utf-8")
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    items = read(tmp_path / "missing.txt", pdf, good)
    assert items == [
        Unreadable(str(tmp_path / "missing.txt"), "no such file or directory"),
        Unreadable(str(pdf), "binary file (PDF document)"),
        RawDocument(str(good), RU),
    ]


# --------------------------------------------------------------------------- directories


def make_tree(root: Path) -> None:
    for rel in ["b/2.txt", "a/z.txt", "a/c/1.txt", "top.txt", ".hidden.txt", ".git/x.txt", "a/.cache/y.txt"]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Документ {rel}.", encoding="utf-8")


@pytest.mark.parametrize("given", ["news", "news/"])
def test_read_directory_sorted_recursive_hidden_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    make_tree(tmp_path / "news")
    monkeypatch.chdir(tmp_path)
    assert [d.source for d in read(given)] == [
        "news/a/c/1.txt",
        "news/a/z.txt",
        "news/b/2.txt",
        "news/top.txt",
    ]


def test_read_directory_never_follows_symlink_loops(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "b" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    plain = read(tmp_path)
    assert [i.source for i in plain if isinstance(i, RawDocument)] == [
        str(tmp_path / p) for p in ["a/c/1.txt", "a/z.txt", "b/2.txt", "top.txt"]
    ]
    assert [i for i in plain if isinstance(i, Unreadable)] == [
        Unreadable(str(tmp_path / "b" / "dangling.txt"), "broken symlink")
    ]
    followed = read(tmp_path, follow_symlinks=True)
    assert (
        Unreadable(str(tmp_path / "a" / "loop"), "symlink loop or duplicate: directory already read")
        in followed
    )
    assert len([i for i in followed if isinstance(i, RawDocument)]) == 4


def test_read_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"Новость {i}."}) for i in range(3)), encoding="utf-8")

    def paths() -> Iterator[str]:
        yield str(path)
        raise AssertionError("the second path must not be asked for before the first is read")

    items = iter_documents(paths())
    assert next(items) == RawDocument(f"{path}#1", "Новость 0.", format="jsonl")
