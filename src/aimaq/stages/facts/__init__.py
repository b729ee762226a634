"""Typed regional-development facts, each tied to the sentence that states it.

An amount becomes a fact when its counted noun (``unit``) or a keyword in its sentence names one of the
types in ``data/fact_types.json`` (``types.py``). Changes ('с 41 до 143') give one fact with
``value_before``; a before/after pair stated over two adjacent sentences ('до 2013 года действовало 5
предприятий. На сегодня ... 12 производств') gives one fact whose evidence spans both sentences. A
figure stated again for the same thing is one fact with ``restatements`` (``restatements.py``).

Entry point: ``run(raw, cleaned, segmented, amounts, mentions, regions) -> Facts`` (``find_facts(FactInput)``
on plain values).
"""

from __future__ import annotations

import re

from aimaq.records import (
    Amount,
    Amounts,
    Cleaned,
    Fact,
    Facts,
    Mentions,
    RawDocument,
    Regions,
    Segmented,
    Span,
)
from aimaq.stages.facts.input import FactInput
from aimaq.stages.facts.periods import find_period
from aimaq.stages.facts.regions import region_for
from aimaq.stages.facts.restatements import Statement, merge_restatements
from aimaq.stages.facts.types import classify, fact_types, typed_amounts
from aimaq.text.tokens import sentence_at

__all__ = ["FactInput", "classify", "fact_types", "find_facts", "run"]


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
        region=region_for(inp, span, after.start),
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
        main_region=regions.main,
    )
    return Facts(tuple(find_facts(inp)))


def find_facts(inp: FactInput) -> list[Fact]:
    """Every typed fact of a document, in text order, each stated figure once."""
    index = {(a.start, a.end): i for i, a in enumerate(inp.amounts)}  # a change's amounts, by their offsets
    typed = typed_amounts(inp)
    made: list[Statement] = []
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
        made.append(Statement(
            _make(inp, ftype, change.after, change.before, Span(s.start, s.end), "change_in_sentence"), change.after))
        consumed.update(x for x in (a, b) if x is not None)
    for after_i, (before_i, span) in _cross_sentence_changes(inp, typed).items():
        if after_i in consumed or before_i in consumed:
            continue
        after, before = inp.amounts[after_i], inp.amounts[before_i]
        made.append(Statement(_make(inp, typed[after_i], after, before, span, "change_across_sentences"), after))
        consumed.update((after_i, before_i))
    for i, ftype in typed.items():
        si = sentence_at(inp.sentences, inp.amounts[i].start)
        if i in consumed or si is None:
            continue
        s = inp.sentences[si]
        made.append(Statement(
            _make(inp, ftype, inp.amounts[i], None, Span(s.start, s.end), "amount_" + ftype), inp.amounts[i]))
    headline = min((m.fact.evidence for m in made), key=lambda e: e.start, default=None)
    return merge_restatements(inp.text, made, inp.amounts, headline)
