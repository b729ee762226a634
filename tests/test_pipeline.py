import pytest

from aimaq.errors import PipelineError
from aimaq.pipeline import STAGES, Pipeline, extract_text


def test_pipeline_refuses_a_stage_before_what_it_needs() -> None:
    order = list(STAGES)
    facts = next(s for s in order if s.name == "facts")
    order.remove(facts)
    order.insert(1, facts)
    with pytest.raises(PipelineError, match="facts"):
        Pipeline(order)


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
