"""One fact per stated figure: a figure stated again for the same thing (in the title and the body, in the
lead and a quote: '1 300 человек' … '1,3 мың адам') is one fact, whose other statements become
``Fact.restatements``. The first statement stays the evidence, unless a later one states the figure more
precisely ('более 70' in the title, '76' in the body): that one gives the value and the evidence.

"The same thing" is decided conservatively. Two statements are one fact when they are in different
sentences and have the same type, currency, unit, region and earlier value, values each within what the
other statement allows ('1,3 мың' stands for 1 250-1 350, 'более 70' for 70-79; a one-digit '3 трлн' and
a figure in plain digits only for themselves), no conflicting words between the number and its noun ('3 өтпелі жоба' is not '3 жаңа жоба'),
and either one of them in the headline (the first sentence that states a fact: the title, or the lead), a word near both numbers in common (other than currency, scale and filler words), or another
figure both sentences state.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from aimaq.records import Amount, Fact, Span
from aimaq.resources import load_json
from aimaq.stages.facts.vocabulary import fact_types

STEM = 4  # letters of a word compared
MIN_DIGITS = 2  # significant digits a figure needs before a rounded restatement of it counts

_WORD = re.compile(r"[^\W\d_][\w-]*")


@dataclass(frozen=True)
class Statement:
    """A fact with the amount that states it."""

    fact: Fact
    amount: Amount


@cache
def _spec() -> tuple[int, re.Pattern[str], re.Pattern[str]]:
    spec = load_json("fact_types.json")["restatement"]
    ignore = re.compile(r"(?:" + "|".join(spec["ignore"]) + ")", re.I)
    scale = re.compile(r"(?<!\w)(?:" + "|".join(spec["scale_words"]) + ")", re.I)
    return spec["window"], ignore, scale


@cache
def _generic() -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(load_json("fact_types.json")["restatement"]["generic_modifiers"]) + ")", re.I)


def step(amount: Amount) -> float:
    """The step of the last stated digit: '1,3 мың' → 100, '70' → 10, '1 300' → 100, '76' → 1."""
    if amount.value <= 0:
        return 0.0
    digits = re.sub(r"\D", "", amount.text).rstrip("0") or "0"
    return float(10 ** (math.floor(math.log10(amount.value)) - len(digits) + 1))


def span(amount: Amount) -> tuple[float, float]:
    """The values a statement allows: 'более 70' → [70, 80); '1,3 мың' → [1 250, 1 350]; '3 трлн' (one
    digit) and a figure in plain digits ('1 300') → only themselves; 'около 4 мың' → [3 500, 4 500]."""
    v, s = amount.value, step(amount)
    if amount.qualifier == "more_than":
        return v, v + s
    if amount.qualifier in ("less_than", "up_to"):
        return v - s, v
    _, _, scale = _spec()
    digits = re.sub(r"\D", "", amount.text).rstrip("0")
    if amount.qualifier == "approx" or (scale.search(amount.text) and len(digits) >= MIN_DIGITS):
        return v - s / 2, v + s / 2
    return v, v


def _close(a: Amount, b: Amount) -> bool:
    """Each value within what the other statement allows (a plain figure allows only itself)."""
    (a0, a1), (b0, b1) = span(a), span(b)
    eps = 1e-9 * max(abs(a.value), 1.0)
    return a0 - eps <= b.value <= a1 + eps or b0 - eps <= a.value <= b1 + eps


def _stems(words: list[str], unit: str | None, cues: re.Pattern[str] | None = None) -> set[str]:
    _, ignore, _ = _spec()
    head = (unit or "")[:STEM].lower()
    return {w.lower()[:STEM] for w in words
            if len(w) >= STEM and not ignore.fullmatch(w) and not (head and w.lower().startswith(head))
            and not (cues is not None and cues.match(w))}


@cache
def _cues(ftype: str) -> re.Pattern[str] | None:
    """A type's own keywords: every statement of the type shares them, so they tell nothing."""
    return next((t.keywords for t in fact_types() if t.name == ftype), None)


def _context(text: str, s: Statement) -> set[str]:
    """Stems of the words around the number, inside its evidence."""
    window, _, _ = _spec()
    ev = s.fact.evidence
    before = _WORD.findall(text[ev.start : s.amount.start])[-window:]
    after = _WORD.findall(text[s.amount.end : ev.end])[:window]
    return _stems(before + after, s.fact.unit, _cues(s.fact.type))


def _modifiers(text: str, s: Statement) -> set[str]:
    """Stems of the words between a count and its counted noun ('3 өтпелі жобаны' → {'өтпе'}), but for
    generic ones ('новых', 'жаңа')."""
    if not s.fact.unit:
        return set()
    words = _WORD.findall(text[s.amount.end : s.fact.evidence.end])[:4]
    head = s.fact.unit[:STEM].lower()
    for i, w in enumerate(words):
        if w.lower().startswith(head):
            return _stems([m for m in words[:i] if not _generic().fullmatch(m)], None)
    return set()


def _shared_figure(a: Statement, b: Statement, amounts: Sequence[Amount]) -> bool:
    def others(s: Statement) -> list[Amount]:
        ev = s.fact.evidence
        return [x for x in amounts if ev.start <= x.start < ev.end and x.start != s.amount.start]

    return any(x.kind == y.kind and _close(x, y) for x in others(a) for y in others(b))


SUBHEADING_WORDS = 14
_TERMINAL = ".!?…:;"


def _subheading_over(text: str, heading: Span, body: Span) -> bool:
    """``heading`` is a subheading (a line of its own, at most ``SUBHEADING_WORDS`` words, no closing
    punctuation) and ``body`` lies in the paragraph right under it: a section that opens by stating its figure
    and then says it again ('14 детсадов за год' / 'В области ввели 14 детских садов …')."""
    if body.start < heading.end:
        return False
    line_start = text.rfind("\n", 0, heading.start) + 1
    line_end = text.find("\n", heading.end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    if text[heading.start:heading.end].strip() != line or not line or line[-1] in _TERMINAL:
        return False
    if len(line.split()) > SUBHEADING_WORDS:
        return False
    return "\n" not in text[heading.end:body.start].strip()  # nothing but the start of its paragraph between


@cache
def _same_unit() -> dict[str, str]:
    return dict(load_json("amounts/units.json")["same_unit"]["units"])


def _unit_key(unit: str) -> str:
    """One name for a unit written two ways ('детсад' / 'детский сад'), so a restatement is recognised."""
    low = unit.lower()
    return _same_unit().get(low, low)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def same_figure(text: str, a: Statement, b: Statement, amounts: Sequence[Amount], headline: Span | None = None) -> bool:
    """Whether ``b`` restates ``a`` (see the module docstring)."""
    fa, fb = a.fact, b.fact
    if _overlap(fa.evidence, fb.evidence) or (fa.type, fa.currency, fa.region) != (fb.type, fb.currency, fb.region):
        return False
    if fa.unit and fb.unit and _unit_key(fa.unit) != _unit_key(fb.unit):
        return False
    if (fa.value_before is None) != (fb.value_before is None) or not _close(a.amount, b.amount):
        return False
    if fa.value_before is not None and fb.value_before is not None and abs(fa.value_before - fb.value_before) > 1e-9:
        return False
    ma, mb = _modifiers(text, a), _modifiers(text, b)
    if ma and mb and not ma & mb:
        return False
    if headline is not None and (_overlap(fa.evidence, headline) or _overlap(fb.evidence, headline)):
        return True
    if _subheading_over(text, fa.evidence, fb.evidence) or _subheading_over(text, fb.evidence, fa.evidence):
        return True
    return bool(_context(text, a) & _context(text, b)) or _shared_figure(a, b, amounts)


def merge_restatements(text: str, statements: Sequence[Statement], amounts: Sequence[Amount],
                       headline: Span | None = None) -> list[Fact]:
    """The facts in the order of their evidence, each figure's other statements folded into one fact."""
    groups: list[list[Statement]] = []
    for s in sorted(statements, key=lambda s: (s.fact.evidence.start, s.amount.start)):
        group = next((g for g in groups if any(same_figure(text, m, s, amounts, headline) for m in g)), None)
        if group is None:
            groups.append([s])
        else:
            group.append(s)
    return sorted((_one_fact(g) for g in groups), key=lambda f: (f.evidence.start, f.evidence.end))


def _one_fact(group: list[Statement]) -> Fact:
    """The group's fact: the first statement, unless a later one is more precise ('76' after 'более 70')."""
    width = [span(m.amount)[1] - span(m.amount)[0] for m in group]
    main = min(range(len(group)), key=lambda i: (width[i], i))
    rest = tuple(m.fact.evidence for i, m in enumerate(group) if i != main)
    return replace(group[main].fact, restatements=rest)
