from dataclasses import dataclass, replace

import pytest

from aimaq.errors import PipelineError
from aimaq.pipeline import (
    Pipeline,
    Stage,
    default_pipeline,
    extract,
    extract_stream,
    extract_text,
)
from aimaq.records import (
    Amounts,
    Cleaned,
    Entities,
    Facts,
    Language,
    Mentions,
    RawDocument,
    Regions,
    Segmented,
    Unreadable,
)


@dataclass(frozen=True)
class Tone:
    """A record no stage of the default pipeline gives."""

    score: float


def _stages() -> list[Stage]:
    return list(default_pipeline().stages)


def test_pipeline_default_order_and_records() -> None:
    stages = default_pipeline().stages
    assert [s.name for s in stages] == ["clean", "lang", "segment", "regions", "entities", "mentions", "amounts", "facts"]
    assert [s.gives for s in stages] == [Cleaned, Language, Segmented, Regions, Entities, Mentions, Amounts, Facts]
    assert default_pipeline() is default_pipeline()


def test_pipeline_stage_inputs_come_from_its_annotations() -> None:
    facts = next(s for s in _stages() if s.name == "facts")
    assert facts.needs == (RawDocument, Cleaned, Segmented, Amounts, Mentions, Regions)

    def tone(cleaned: Cleaned, language: Language) -> Tone:
        return Tone(0.0)

    assert Stage.of("tone", tone) == Stage("tone", tone, (Cleaned, Language), Tone)


def test_pipeline_refuses_a_stage_before_what_it_needs() -> None:
    order = _stages()
    facts = next(s for s in order if s.name == "facts")
    order.remove(facts)
    order.insert(1, facts)
    with pytest.raises(PipelineError, match="stage 'facts' needs Segmented, Amounts, Mentions, Regions before it"):
        Pipeline(order)


def test_pipeline_refuses_a_stage_reading_what_no_stage_gives() -> None:
    def report(tone: Tone, cleaned: Cleaned) -> Facts:
        return Facts(())

    order = [s for s in _stages() if s.name != "facts"] + [Stage.of("report", report)]
    with pytest.raises(PipelineError, match="stage 'report' needs Tone before it"):
        Pipeline(order)


def test_pipeline_refuses_a_missing_stage_the_document_needs() -> None:
    with pytest.raises(PipelineError, match="stage 'document' needs Mentions, Facts before it"):
        Pipeline([s for s in _stages() if s.name not in ("mentions", "facts")])


def test_pipeline_refuses_two_stages_giving_one_record() -> None:
    order = _stages()
    with pytest.raises(PipelineError, match="stage 'lang again' gives Language, which stage 'lang' gives"):
        Pipeline([*order[:2], replace(order[1], name="lang again"), *order[2:]])


def test_pipeline_refuses_a_stage_without_record_annotations() -> None:
    def untyped(cleaned):
        return Tone(0.0)

    def no_return(cleaned: Cleaned):
        return Tone(0.0)

    with pytest.raises(PipelineError, match="parameter 'cleaned' is not annotated"):
        Stage.of("untyped", untyped)
    with pytest.raises(PipelineError, match="return value is not annotated"):
        Stage.of("no_return", no_return)


def test_pipeline_runs_an_extra_stage_on_what_earlier_stages_gave() -> None:
    seen: list[tuple[str, str]] = []

    def tone(cleaned: Cleaned, language: Language) -> Tone:
        seen.append((cleaned.text, language.lang))
        return Tone(1.0)

    doc = Pipeline([*_stages(), Stage.of("tone", tone)])(RawDocument("x", " Шымкентте 300 жұмыс орны ашылды. "))
    assert seen == [(doc.text, "kk")] and doc.text == "Шымкентте 300 жұмыс орны ашылды."


def test_pipeline_stream_turns_a_crash_into_a_failure() -> None:
    def broken(cleaned: Cleaned) -> Tone:
        raise RuntimeError("boom")

    pipeline = Pipeline([*_stages(), Stage.of("tone", broken)])
    error = Unreadable("bad.gz", "not gzip")
    out = list(extract_stream([error, RawDocument("a.txt", "Текст.")], pipeline))
    assert out[0] is error
    assert str(out[1]) == "a.txt: extraction failed: RuntimeError: boom"


def test_pipeline_default_document_is_what_extract_gives() -> None:
    raw = RawDocument("a.txt", "Аким Павлодарской области сообщил, что создано 1 200 рабочих мест.", "  Заголовок \n  новости ")
    doc = extract(raw)
    assert doc == Pipeline(_stages())(raw)
    assert doc.title == "Заголовок новости" and doc.lang == "ru" and doc.regions[0].code == "KZ-55"
    assert [f.type for f in doc.facts] == ["jobs"]


def test_pipeline_offsets_slice_back_to_the_text() -> None:
    doc = extract_text(
        "Аким Павлодарской области Асаин Байханов сообщил, что в 2023 году создано 1 200 рабочих мест. "
        "Инвестиции составили 45,6 млрд тенге."
    )
    for item in (*doc.mentions, *doc.amounts):
        assert doc.text[item.start : item.end] == item.text
    for s in doc.sentences:
        assert doc.text[s.start : s.end].strip() == doc.text[s.start : s.end]


def test_pipeline_id_is_stable_and_depends_on_text() -> None:
    a = extract_text("Шымкентте 300 жұмыс орны ашылды.")
    b = extract_text("Шымкентте 300 жұмыс орны ашылды.", source="elsewhere")
    c = extract_text("Шымкентте 400 жұмыс орны ашылды.")
    assert a.id == b.id != c.id
    assert len(a.id) == 32 and int(a.id, 16) >= 0
