"""The amounts stage: scan each sentence's tokens and let the ordered rules decide."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from aimaq.records import Amount, Lang, Sentence
from aimaq.stages.amounts.context import clause_starts
from aimaq.stages.amounts.lexer import AmountToken, tokenize
from aimaq.stages.amounts.number_words import lexicon
from aimaq.stages.amounts.rules import RULES, starts_number
from aimaq.stages.amounts.scan import AmountPhrase, Ctx, Decision


def _segments(text: str, sentences: Sequence[Sentence] | None, lang: Lang) -> list[tuple[int, int, str, bool]]:
    if sentences:
        return [(s.start, s.end, s.lang, True) for s in sentences]
    return [(0, len(text), lang, False)]


def _scan(ctx: Ctx) -> list[Decision]:
    out: list[Decision] = []
    i = 0
    while i < len(ctx.toks):
        if not starts_number(ctx.toks, i, ctx.lex):
            i += 1
            continue
        for rule in RULES:
            outcome = rule(ctx, i)
            if outcome is not None:
                out.append(outcome.decision)
                i = max(outcome.next, i + 1)
                break
        else:
            i += 1
    return out


def _inherit_currency(ctx: Ctx, decisions: list[Decision]) -> list[Decision]:
    """'5 млрд тенге, из них 3 млрд ...': a scaled number without currency or noun takes the currency of
    the money stated before it in the same sentence, when that sentence names one currency only."""
    starts = [0] if ctx.sentence else clause_starts(ctx.text, ctx.toks, ctx.lex)
    money = [(bisect_right(starts, p.amount.start), p.amount.start, p.amount.currency)
             for d in decisions for p in d.found if p.amount.kind == "money"]
    out = []
    for d in decisions:
        found = []
        for p in d.found:
            clause = bisect_right(starts, p.amount.start)
            codes = {c for cl, start, c in money if cl == clause and start < p.amount.start}
            if p.amount.rule == "count_scaled" and len(codes) == 1:
                amount = replace(p.amount, kind="money", currency=codes.pop(), rule="money_inherited")
                p = replace(p, amount=amount)
            found.append(p)
        out.append(replace(d, found=tuple(found)) if d.found else d)
    return out


def explain_amounts(text: str, sentences: Sequence[Sentence] | None = None, lang: Lang = "ru") -> list[Decision]:
    """Every number the stage looked at, with the rule that decided it (found amounts or a drop reason)."""
    lex = lexicon()
    out: list[Decision] = []
    previous: list[AmountToken] = []
    for start, end, seg_lang, is_sentence in _segments(text, sentences, lang):
        ctx = Ctx(text, tokenize(text, start, end), seg_lang, lex, is_sentence, previous)
        out.extend(_inherit_currency(ctx, _scan(ctx)))
        previous = list(ctx.toks)
    return sorted(out, key=lambda d: (d.start, d.end))


def phrases_of(decisions: Sequence[Decision]) -> list[AmountPhrase]:
    """The amounts ``decisions`` found, with the span of their whole phrase, sorted by start."""
    found = [p for d in decisions for p in d.found]
    return sorted(found, key=lambda p: (p.amount.start, p.amount.end))


def find_amount_phrases(text: str, sentences: Sequence[Sentence] | None = None, lang: Lang = "ru") -> list[AmountPhrase]:
    """Amounts with the span of their whole phrase (qualifier words included), sorted by start."""
    return phrases_of(explain_amounts(text, sentences, lang))


def find_amounts(text: str, sentences: Sequence[Sentence] | None = None, lang: Lang = "ru") -> list[Amount]:
    """Every money amount, count and percentage in ``text``, normalised, sorted by start.

    With ``sentences``, no match crosses a sentence and each sentence's language picks the lemmatiser
    of the counted noun; otherwise the whole text is read with ``lang``. Both languages' number words,
    scales and currencies are recognised whatever the language.
    """
    return [p.amount for p in find_amount_phrases(text, sentences, lang)]
