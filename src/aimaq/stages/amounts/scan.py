"""The records a rule works with: the scan context, its decision, and the amounts it found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from aimaq.records import Amount
from aimaq.stages.amounts.lexer import AmountToken
from aimaq.stages.amounts.number_words import Lexicon


@dataclass(frozen=True)
class AmountPhrase:
    """An amount and the span of its whole phrase, qualifier words included ('более 7,8 млрд тенге')."""

    amount: Amount
    start: int
    end: int


@dataclass(frozen=True)
class Decision:
    """What one rule decided about the number at ``start:end``; ``found`` is empty when it dropped it."""

    rule: str
    start: int
    end: int
    found: tuple[AmountPhrase, ...] = ()


@dataclass(frozen=True)
class Outcome:
    decision: Decision
    next: int  # token index where the scan goes on


@dataclass(frozen=True)
class Ctx:
    text: str
    toks: Sequence[AmountToken]
    lang: str  # language of the sentence (for the counted-noun lemma)
    lex: Lexicon
    sentence: bool  # the tokens are exactly one sentence
    previous: Sequence[AmountToken] = ()  # the tokens of the sentence before ('... 26 мектеп салынды. Оның 17-сі')


def skip(ctx: Ctx, rule: str, i: int, end: int) -> Outcome:
    """Drop the number over tokens ``[i, end)`` for the reason ``rule``."""
    end = max(end, i + 1)
    return Outcome(Decision(rule, ctx.toks[i].start, ctx.toks[end - 1].end), end)


def make_amount(ctx: Ctx, proto: Amount, first: int, end: int, q_first: int | None = None,
                q_end: int | None = None) -> AmountPhrase:
    """``proto`` placed over tokens ``[first, end)``; the phrase also covers ``[q_first, q_end)``."""
    start, stop = ctx.toks[first].start, ctx.toks[end - 1].end
    amount = replace(proto, text=ctx.text[start:stop], start=start, end=stop)
    p_start = ctx.toks[q_first].start if q_first is not None else start
    p_end = ctx.toks[q_end - 1].end if q_end is not None else stop
    return AmountPhrase(amount, min(p_start, start), max(p_end, stop))


def emit(rule: str, found: Sequence[AmountPhrase], next_index: int) -> Outcome:
    start = min(p.start for p in found)
    end = max(p.end for p in found)
    return Outcome(Decision(rule, start, end, tuple(found)), next_index)
