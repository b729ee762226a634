"""The Python API (docs/python.md): ``aimaq.extract``, ``aimaq.extract_many``, ``Document.to_dict`` /
``to_json``, evidence text, a stated language and stages turned off."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

import aimaq
from aimaq.errors import PipelineError
from aimaq.pipeline import OPTIONAL, default_pipeline, extract_text
from aimaq.records import Amounts, Entities, Facts, Mentions, RawDocument, Regions
from aimaq.serialize import to_json_line, to_record

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "src" / "aimaq" / "data" / "schema" / "document.schema.json"
KK = "Түркістан облысында 2024 жылы 12 мектеп салынды. Оған 15 млрд теңге бөлінді."
RU = "В Павлодарской области в 2023 году открыли 3 больницы. Аким области Асаин Байханов отметил рост на 12%."


@pytest.fixture(scope="module")
def ru_doc() -> aimaq.Document:
    return aimaq.extract(RU, title="Три больницы в Павлодарской области", date="2023-11-20")


def test_api_import_loads_no_pipeline_and_dir_is_the_api() -> None:
    code = "import sys, aimaq; print(sorted(m for m in sys.modules if m.startswith('aimaq.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['aimaq.records']"
    assert dir(aimaq) == sorted(aimaq.__all__)
    assert all(hasattr(aimaq, name) for name in aimaq.__all__)
    assert f'\nversion = "{aimaq.__version__}"\n' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_api_extract_is_the_pipeline_on_a_raw_document(ru_doc: aimaq.Document) -> None:
    assert ru_doc == extract_text(RU, date="2023-11-20", title="Три больницы в Павлодарской области")
    assert (ru_doc.lang, ru_doc.date, ru_doc.main_region) == ("ru", "2023-11-20", "KZ-55")


def test_api_to_dict_and_to_json_are_the_jsonl_record(ru_doc: aimaq.Document) -> None:
    record = ru_doc.to_dict()
    jsonschema.validate(record, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert record == to_record(ru_doc) and ru_doc.to_dict(debug=True) == to_record(ru_doc, debug=True)
    assert ru_doc.to_json() == to_json_line(ru_doc) and json.loads(ru_doc.to_json()) == record
    assert "\n" not in ru_doc.to_json()


def test_api_every_item_gives_its_own_characters(ru_doc: aimaq.Document) -> None:
    assert ru_doc.facts and ru_doc.mentions and ru_doc.amounts
    assert all(ru_doc.text_of(m) == m.text for m in (*ru_doc.mentions, *ru_doc.amounts))
    for fact in ru_doc.facts:
        assert ru_doc.evidence(fact) == ru_doc.text_of(fact.evidence).strip() != ""
    assert [ru_doc.text_of(s) for s in ru_doc.sentences][0] == "Три больницы в Павлодарской области"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_api_lang_states_the_language_of_the_document_and_its_sentences(lang: str) -> None:
    doc = aimaq.extract(KK, lang=lang)  # type: ignore[arg-type]
    assert doc.lang == lang and {s.lang for s in doc.sentences} == {lang}


def test_api_lang_must_be_a_language() -> None:
    with pytest.raises(ValueError, match="lang must be one of"):
        aimaq.extract(KK, lang="de")  # type: ignore[arg-type]


@pytest.mark.parametrize("stage, record", [
    ("regions", Regions), ("entities", Entities), ("mentions", Mentions), ("amounts", Amounts), ("facts", Facts),
])
def test_api_a_stage_turned_off_gives_its_records_empty(stage: str, record: type) -> None:
    full, off = aimaq.extract(RU), aimaq.extract(RU, disable=[stage])
    assert stage in aimaq.stage_names() and record in OPTIONAL
    assert off.text == full.text and off.sentences == full.sentences
    empty = {
        "regions": (off.regions, off.main_region),
        "entities": tuple(m for m in off.mentions if m.type != "LOC"),
        "mentions": off.mentions,
        "amounts": off.amounts + off.facts,
        "facts": off.facts,
    }[stage]
    assert not any(empty), empty
    assert default_pipeline().names == aimaq.stage_names()  # the default pipeline is left as it was


@pytest.mark.parametrize("stage, message", [
    ("segment", "cannot be turned off"), ("clean", "cannot be turned off"), ("tone", "no stage 'tone'"),
])
def test_api_only_optional_stages_can_be_turned_off(stage: str, message: str) -> None:
    with pytest.raises(PipelineError, match=message):
        aimaq.extract(RU, disable=[stage])


def test_api_extract_many_takes_texts_dicts_and_raw_documents() -> None:
    items = [KK, {"text": RU, "url": "https://example.kz/1", "date": "2023-11-20", "lang": "kk"},
             RawDocument("release.txt", RU, title="Три больницы")]
    docs = list(aimaq.extract_many(items))
    assert [d.source for d in docs] == ["<text #1>", "https://example.kz/1", "release.txt"]
    assert [d.lang for d in docs] == ["kk", "kk", "ru"] and docs[1].date == "2023-11-20"
    assert docs[0] == replace(aimaq.extract(KK), source="<text #1>")
    assert docs[2].title == "Три больницы"


def test_api_extract_many_streams() -> None:
    def items() -> Iterator[str]:
        yield KK
        raise AssertionError("read past the first document before it was asked for")

    assert next(aimaq.extract_many(items())).lang == "kk"


@pytest.mark.parametrize("item", [{"title": "no text"}, 42])
def test_api_extract_many_refuses_an_item_it_cannot_read(item: object) -> None:
    with pytest.raises(TypeError, match="item 1"):
        list(aimaq.extract_many([item]))  # type: ignore[list-item]
