"""`aimaq eval golden`: the report's per-language, per-type and per-document figures."""

from __future__ import annotations

from aimaq.evaluate.golden import compare, main, summary_tables

TEXT = "Рост составил 113,9%. Привлечено 5 млрд тенге."


def _fact(kind: str, value: float, start: int, end: int, currency: str | None = None) -> dict:
    return {"type": kind, "value": value, "value_before": None, "currency": currency, "region": "KZ-15",
            "evidence": {"start": start, "end": end}}


def _record(facts: list[dict], main_region: str | None = "KZ-15") -> dict:
    return {"lang": "ru", "date": None, "title": None, "text": TEXT, "regions": [{"code": "KZ-15", "count": 1}],
            "main_region": main_region, "mentions": [], "amounts": [], "facts": facts}


EXPECTED = {
    "lang": "ru", "date": None, "title": None, "regions": ["KZ-15"], "main_region": "KZ-15",
    "people": [], "amounts": [],
    "facts": [
        {"type": "growth", "value": 113.9, "value_before": None, "currency": None, "region": "KZ-15",
         "evidence_contains": "113,9%"},
        {"type": "investment", "value": 5e9, "value_before": None, "currency": "KZT", "region": "KZ-15",
         "evidence_contains": "5 млрд"},
    ],
}


def test_growth_typed_share_and_facts_counted_twice_are_counted() -> None:
    found = [_fact("share", 113.9, 0, 21), _fact("investment", 5e9, 22, 47, "KZT"),
             _fact("investment", 5e9, 22, 47, "KZT")]
    report = compare(_record(found), EXPECTED, "x.txt")
    assert report.growth_as_share == 1
    assert report.counted_twice == 1
    assert report.fact_types["growth"] == [0, 1, 0]
    assert report.fact_types["share"] == [0, 0, 1]
    assert report.fact_types["investment"] == [1, 1, 2]
    assert report.counts["facts"] == [1, 2, 3]


def test_main_region_is_scored_and_the_tables_name_each_language() -> None:
    right = compare(_record([], "KZ-15"), EXPECTED, "a.txt")
    wrong = compare(_record([], "KZ-71"), EXPECTED | {"lang": "kk"}, "b.txt")
    assert right.main_region_right is True and wrong.main_region_right is False
    assert "main region: want 'KZ-15', got 'KZ-71'" in wrong.problems
    tables = summary_tables([right, wrong])
    assert "kk (1 documents)" in tables and "ru (1 documents)" in tables
    assert "| main region | 1 | 2 | 0.500 |" in tables


def test_a_missing_folder_is_an_error_not_an_empty_table(tmp_path, capsys) -> None:
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_golden_report_amount_text_is_not_found_inside_a_longer_number() -> None:
    text = "К 2030 году: 740 млрд тенге на 40 проектов."
    record = dict(_record([]), text=text, amounts=[
        {"text": "40", "kind": "count", "value": 40, "value_max": None, "qualifier": "exact", "currency": None,
         "unit": "проект", "start": 31, "end": 33}])
    expected = dict(EXPECTED, facts=[], amounts=[
        {"text": "40", "kind": "count", "value": 40, "value_max": None, "qualifier": "exact", "currency": None,
         "unit": "проект"}])
    report = compare(record, expected, "x.txt")
    assert report.counts["amounts"] == [1, 1, 1]
