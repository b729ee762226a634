"""Documents as JSON records (the contract in shared/schema/document.schema.json) and as readable summaries."""

from __future__ import annotations

import json
from typing import Any, overload

from aimaq.records import Amount, Document, Fact, Mention


@overload
def number(x: float) -> float | int: ...
@overload
def number(x: None) -> None: ...
@overload
def number(x: float | None) -> float | int | None: ...
def number(x: float | None) -> float | int | None:
    """Integral values as ints (7800000000, not 7.8e9), others as floats."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**63 else float(x)


def _mention(m: Mention) -> dict[str, Any]:
    return {"type": m.type, "start": m.start, "end": m.end, "text": m.text, "norm": m.norm, "role": m.role}


def _amount(a: Amount) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "value": number(a.value),
        "value_max": number(a.value_max),
        "qualifier": a.qualifier,
        "currency": a.currency,
        "unit": a.unit,
        "text": a.text,
        "start": a.start,
        "end": a.end,
    }


def _fact(f: Fact) -> dict[str, Any]:
    return {
        "type": f.type,
        "value": number(f.value),
        "value_before": number(f.value_before),
        "currency": f.currency,
        "unit": f.unit,
        "region": f.region,
        "period": {"start": f.period.start, "end": f.period.end} if f.period else None,
        "subject": f.subject,
        "evidence": {
            "start": f.evidence.start,
            "end": f.evidence.end,
            "restatements": [{"start": r.start, "end": r.end} for r in f.restatements],
        },
    }


def to_record(doc: Document, debug: bool = False) -> dict[str, Any]:
    """The schema record of one document; ``debug`` adds the removed boilerplate and the deciding rules."""
    record: dict[str, Any] = {
        "schema_version": doc.schema_version,
        "id": doc.id,
        "source": doc.source,
        "lang": doc.lang,
        "date": doc.date,
        "title": doc.title,
        "text": doc.text,
        "sentences": [{"start": s.start, "end": s.end, "lang": s.lang} for s in doc.sentences],
        "mentions": [_mention(m) for m in doc.mentions],
        "regions": [{"code": r.code, "count": r.count} for r in doc.regions],
        "main_region": doc.main_region,
        "amounts": [_amount(a) for a in doc.amounts],
        "facts": [_fact(f) for f in doc.facts],
    }
    if debug:
        record["debug"] = {
            "removed": [{"text": r.text, "reason": r.reason} for r in doc.removed],
            "amount_rules": [a.rule for a in doc.amounts],
            "fact_rules": [f.rule for f in doc.facts],
        }
    return record


def to_json_line(doc: Document, debug: bool = False) -> str:
    return json.dumps(to_record(doc, debug), ensure_ascii=False, separators=(",", ":"))


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
        lines.append(f"       «{doc.text[f.evidence.start : f.evidence.end].strip()}»")
        lines += [f"       also «{doc.text[r.start : r.end].strip()}»" for r in f.restatements]
    return "\n".join(lines)
