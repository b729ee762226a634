"""Documents as JSON records (the contract in data/schema/document.schema.json) and as readable summaries.

The record itself is built in one place, ``Document.to_dict`` in ``aimaq.records`` (the lowest layer, so
that the records and this module give the same one); ``to_record`` and ``to_json_line`` call it."""

from __future__ import annotations

from typing import Any

from aimaq.records import Document, number

__all__ = ["number", "summary", "to_json_line", "to_record"]


def to_record(doc: Document, debug: bool = False) -> dict[str, Any]:
    """The schema record of one document (``Document.to_dict``); ``debug`` adds the removed boilerplate
    and the deciding rules."""
    return doc.to_dict(debug)


def to_json_line(doc: Document, debug: bool = False) -> str:
    """The record as one JSONL line (``Document.to_json``)."""
    return doc.to_json(debug)


def _fmt_value(value: float | None, currency: str | None, unit: str | None) -> str:
    if value is None:
        return "?"
    num = number(value)
    text = f"{num:,}".replace(",", " ") if isinstance(num, int) else f"{num:g}"
    return " ".join(x for x in (text, currency or unit) if x)


def summary(doc: Document) -> str:
    """A short readable summary: language, date, regions, people, facts with their sentences."""
    lines = [f"== {doc.source}", f"   lang: {doc.lang}   date: {doc.date or '-'}   id: {doc.id[:12]}"]
    if doc.title:
        lines.append(f"   title: {doc.title}")
    regions = ", ".join(f"{r.code}×{r.count}" for r in doc.regions) or "-"
    lines.append(f"   regions: {regions}   main: {doc.main_region or '-'}")
    people = []
    for m in doc.mentions:
        if m.type == "PER":
            label = f"{m.norm or m.text}" + (f" ({m.role})" if m.role else "")
            if label not in people:
                people.append(label)
    lines.append("   people: " + ("; ".join(people) or "-"))
    lines.append(f"   amounts: {len(doc.amounts)}   facts: {len(doc.facts)}")
    for f in doc.facts:
        value = _fmt_value(f.value, f.currency, f.unit)
        if f.value_before is not None:
            value = f"{_fmt_value(f.value_before, None, None)} → {value}"
        where = f.region or "-"
        period = f" [{f.period.start or ''}..{f.period.end or ''}]" if f.period else ""
        lines.append(f"   - {f.type}: {value}  {where}{period}")
        lines.append(f"       «{doc.evidence(f)}»")
        lines += [f"       also «{doc.text_of(r).strip()}»" for r in f.restatements]
    return "\n".join(lines)
