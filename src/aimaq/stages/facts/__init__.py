"""Typed regional-development facts, each tied to the sentence that states it.

An amount becomes a fact when its counted noun (``unit``) or a keyword in its sentence names one of the
types in ``data/fact_types.json``. Changes ('с 41 до 143') give one fact with ``value_before``; a
before/after pair stated over two adjacent sentences ('до 2013 года действовало 5 предприятий. На
сегодня ... 12 производств') gives one fact whose evidence spans both sentences.

Entry point: ``run(raw, cleaned, segmented, amounts, mentions, regions) -> Facts`` (``find_facts(FactInput)``
on plain values).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from aimaq.records import (
    Amount,
    Amounts,
    Change,
    Cleaned,
    Fact,
    Facts,
    Mention,
    Mentions,
    RawDocument,
    Regions,
    Segmented,
    Sentence,
    Span,
)
from aimaq.resources import load_json
from aimaq.stages.facts.periods import find_period
from aimaq.stages.regions import main_region
from aimaq.text.tokens import sentence_at


@dataclass(frozen=True)
class FactType:
    name: str
    kinds: frozenset[str]
    priority: int
    units: frozenset[str]
    keywords: re.Pattern[str] | None
    near: re.Pattern[str] | None


@dataclass(frozen=True)
class FactInput:
    text: str
    date: str | None
    sentences: Sequence[Sentence]
    amounts: Sequence[Amount]
    changes: Sequence[Change]
    mentions: Sequence[Mention]  # region mentions carry an ISO code in ``norm``
    main_region: str | None


def _alternation(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")", re.I)


@cache
def fact_types() -> tuple[FactType, ...]:
    out = []
    for name, spec in load_json("fact_types.json")["types"].items():
        out.append(
            FactType(
                name,
                frozenset(spec["kinds"]),
                spec["priority"],
                frozenset(spec.get("units", [])),
                _alternation(spec.get("keywords", [])),
                _alternation(spec.get("near", [])),
            )
        )
    return tuple(sorted(out, key=lambda t: -t.priority))


def _type_by_unit(amount: Amount) -> str | None:
    if amount.kind != "count" or not amount.unit:
        return None
    unit = amount.unit.lower()
    for ftype in fact_types():
        if unit in ftype.units:
            return ftype.name
    return None


NEAR_WINDOW = 30  # characters between a 'near' keyword's end and the amount


def _type_by_near_keyword(amount: Amount, sentence: str, offset: int) -> str | None:
    window = sentence[max(0, amount.start - offset - NEAR_WINDOW) : amount.start - offset]
    for ftype in fact_types():
        if amount.kind in ftype.kinds and ftype.near is not None and ftype.near.search(window):
            return ftype.name
    return None


_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|;")


def _clause(amount: Amount, sentence: str, offset: int) -> tuple[int, int]:
    """Bounds (in ``sentence``) of the comma- or semicolon-delimited clause that holds the amount."""
    at = amount.start - offset
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    start = max((b + 1 for b in breaks if b < at), default=0)
    end = min((b for b in breaks if b >= amount.end - offset), default=len(sentence))
    return start, end


def _type_by_keyword(amount: Amount, sentence: str, offset: int) -> str | None:
    """Money: the highest-priority type named in the amount's clause (else in the sentence), ties to the
    nearest keyword ('бюджет программы 5 млн евро, гранты до 20 тыс. евро'). Counts: the nearest
    keyword in the sentence, ties to priority."""
    if amount.kind == "money":
        start, end = _clause(amount, sentence, offset)
        found = _best_keyword(amount, sentence, offset, start, end)
        if found is not None:
            return found
    return _best_keyword(amount, sentence, offset, 0, len(sentence))


def _best_keyword(amount: Amount, sentence: str, offset: int, start: int, end: int) -> str | None:
    best: tuple[int, int, str] | None = None
    for ftype in fact_types():
        if amount.kind not in ftype.kinds or ftype.keywords is None:
            continue
        for m in ftype.keywords.finditer(sentence, start, end):
            distance = min(abs(m.start() + offset - amount.start), abs(m.end() + offset - amount.end))
            key = (-ftype.priority, distance) if amount.kind == "money" else (distance, -ftype.priority)
            if best is None or (*key, ftype.name) < best:
                best = (*key, ftype.name)
    return best[2] if best else None


def classify(amount: Amount, sentence: str, offset: int) -> str | None:
    """The fact type of one amount in its sentence, or None when nothing names one."""
    if amount.kind == "percent":
        return "share"
    if amount.kind == "count" and amount.unit and _type_by_unit(amount) is None:
        # a count of something we have no type for (years, tonnes, hectares): no fact
        return None
    return (
        _type_by_unit(amount)
        or _type_by_near_keyword(amount, sentence, offset)
        or _type_by_keyword(amount, sentence, offset)
    )


@cache
def _unit_types() -> dict[str, str]:
    """ISO code -> unit type ('region', or 'city' for a city of republican significance)."""
    return {u["code"]: u["type"] for u in load_json("regions.json")["units"]}


@cache
def _region_references() -> dict[str, re.Pattern[str]]:
    spec = load_json("fact_types.json")["region_reference"]
    return {kind: re.compile(r"(?<!\w)(?:" + "|".join(words) + ")", re.I) for kind, words in spec.items() if kind != "comment"}


def _referred(inp: FactInput, inside: list[Mention], chosen: Mention, anchor: int) -> str | None:
    """'когда Шымкент входил в состав Южно-Казахстанской области, бюджет города составлял 157 млрд': a
    generic noun between the nearest mention and the amount that names the other unit type picks the
    nearest mention of that type in the sentence."""
    between = inp.text[chosen.end : anchor] if chosen.end <= anchor else ""
    hits = [(m.start(), kind) for kind, rx in _region_references().items() for m in rx.finditer(between)]
    if not hits:
        return None
    kind = max(hits)[1]
    if _unit_types().get(chosen.norm or "") == kind:
        return None
    same = [m for m in inside if _unit_types().get(m.norm or "") == kind]
    return min(same, key=lambda m: abs(m.start - anchor)).norm if same else None


def _region_for(inp: FactInput, span: Span, anchor: int) -> str | None:
    """The region named nearest before the amount in the evidence (unless a generic 'города/области'
    after it points to a unit of the other type), else nearest after it, else the main one."""
    inside = [
        m for m in inp.mentions
        if m.type == "LOC" and m.norm and m.norm.startswith("KZ-") and span.start <= m.start < span.end
    ]
    before = [m for m in inside if m.start < anchor]
    if before:
        chosen = max(before, key=lambda m: m.start)
        return _referred(inp, inside, chosen, anchor) or chosen.norm
    return min(inside, key=lambda m: m.start).norm if inside else inp.main_region


def _subject_for(inp: FactInput, span: Span, anchor: int) -> str | None:
    """The programme (else organisation) named in the evidence span nearest the amount."""
    for kind in ("PROGRAMME", "ORG"):
        names = [
            (abs(m.start - anchor), m.norm or m.text)
            for m in inp.mentions
            if m.type == kind and span.start <= m.start < span.end
        ]
        if names:
            return min(names)[1]
    return None


def _make(inp: FactInput, ftype: str, after: Amount, before: Amount | None, span: Span, rule: str) -> Fact:
    sentence = inp.text[span.start : span.end]
    return Fact(
        type=ftype,
        value=after.value,
        value_before=before.value if before else None,
        currency=after.currency or (before.currency if before else None),
        unit=after.unit or (before.unit if before else None),
        region=_region_for(inp, span, after.start),
        period=find_period(sentence, inp.date),
        subject=_subject_for(inp, span, after.start),
        evidence=span,
        rule=rule,
    )


_PAST = re.compile(
    r"(?<!\w)(?:до\s+(?:19|20)\d\d|(?:19|20)\d\d\s+жыл(?:ға|ы)|ранее|прежде|бұрын|было|действовал\w*)", re.I
)
_NOW = re.compile(
    r"(?<!\w)(?:на\s+сегодня\w*|сегодня|в\s+настоящее\s+время|ныне|теперь|бүгінде|бүгінгі\s+күн\w*|қазір\w*|қазіргі\s+таңда)",
    re.I,
)


def _cross_sentence_changes(inp: FactInput, typed: dict[int, str]) -> dict[int, tuple[int, Span]]:
    """Pairs (before in sentence i with a past marker, after in sentence i+1 with a 'now' marker) of one type.

    Returns {index of the 'after' amount: (index of the 'before' amount, span of both sentences)}.
    """
    found: dict[int, tuple[int, Span]] = {}
    where = {i: sentence_at(inp.sentences, a.start) for i, a in enumerate(inp.amounts)}
    for i, ftype in typed.items():
        si = where[i]
        if si is None or si + 1 >= len(inp.sentences) or inp.amounts[i].kind != "count":
            continue
        first, second = inp.sentences[si], inp.sentences[si + 1]
        if not _PAST.search(inp.text[first.start : first.end]) or not _NOW.search(
            inp.text[second.start : second.end]
        ):
            continue
        later = [
            j
            for j, t in typed.items()
            if t == ftype and where[j] == si + 1 and inp.amounts[j].kind == "count"
        ]
        if len(later) >= 1 and sum(1 for j, t in typed.items() if t == ftype and where[j] == si) == 1:
            found[later[0]] = (i, Span(first.start, second.end))
    return found


ANAPHORA_REACH = 3  # sentences back


@cache
def _anaphora() -> re.Pattern[str] | None:
    return _alternation(load_json("fact_types.json")["anaphora"]["patterns"])


def _type_by_anaphora(inp: FactInput, typed: dict[int, str], where: dict[int, int | None]) -> None:
    """'Для сравнения, в Алматы этот показатель составил 980 млрд': untyped amounts take the type that
    amounts of the same kind have in the nearest of the ANAPHORA_REACH sentences before."""
    anaphora = _anaphora()
    if anaphora is None:
        return
    for i, amount in enumerate(inp.amounts):
        si = where[i]
        if i in typed or not si:
            continue
        s = inp.sentences[si]
        if not anaphora.search(inp.text[s.start : s.end]):
            continue
        earlier = [
            (where[j], j, t)
            for j, t in typed.items()
            if si - ANAPHORA_REACH <= (where[j] or -1) < si and inp.amounts[j].kind == amount.kind
        ]
        if earlier:
            typed[i] = max(earlier)[2]


def _typed_amounts(inp: FactInput) -> dict[int, str]:
    where = {i: sentence_at(inp.sentences, a.start) for i, a in enumerate(inp.amounts)}
    typed: dict[int, str] = {}
    for i, amount in enumerate(inp.amounts):
        si = where[i]
        if si is None:
            continue
        s = inp.sentences[si]
        ftype = classify(amount, inp.text[s.start : s.end], s.start)
        if ftype:
            typed[i] = ftype
    _type_by_anaphora(inp, typed, where)
    return typed


def run(
    raw: RawDocument, cleaned: Cleaned, segmented: Segmented, amounts: Amounts, mentions: Mentions, regions: Regions
) -> Facts:
    """The stage as the pipeline calls it; a fact without a region of its own takes the main region."""
    inp = FactInput(
        text=cleaned.text,
        date=raw.date,
        sentences=segmented.sentences,
        amounts=amounts.amounts,
        changes=amounts.changes,
        mentions=mentions.mentions,
        main_region=main_region(regions.counts, regions.mentions),
    )
    return Facts(tuple(find_facts(inp)))


def find_facts(inp: FactInput) -> list[Fact]:
    """Every typed fact of a document, in text order."""
    index = {(a.start, a.end): i for i, a in enumerate(inp.amounts)}  # a change's amounts, by their offsets
    typed = _typed_amounts(inp)
    facts: list[Fact] = []
    consumed: set[int] = set()
    for change in inp.changes:
        b = index.get((change.before.start, change.before.end))
        a = index.get((change.after.start, change.after.end))
        ftype = typed.get(a) if a is not None else None
        ftype = ftype or (typed.get(b) if b is not None else None)
        si = sentence_at(inp.sentences, change.start)
        if ftype is None or si is None:
            continue
        s = inp.sentences[si]
        facts.append(
            _make(inp, ftype, change.after, change.before, Span(s.start, s.end), "change_in_sentence")
        )
        consumed.update(x for x in (a, b) if x is not None)
    for after_i, (before_i, span) in _cross_sentence_changes(inp, typed).items():
        if after_i in consumed or before_i in consumed:
            continue
        after, before = inp.amounts[after_i], inp.amounts[before_i]
        facts.append(_make(inp, typed[after_i], after, before, span, "change_across_sentences"))
        consumed.update((after_i, before_i))
    for i, ftype in typed.items():
        si = sentence_at(inp.sentences, inp.amounts[i].start)
        if i in consumed or si is None:
            continue
        s = inp.sentences[si]
        facts.append(_make(inp, ftype, inp.amounts[i], None, Span(s.start, s.end), "amount_" + ftype))
    return sorted(facts, key=lambda f: (f.evidence.start, f.evidence.end))
