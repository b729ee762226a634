"""The type of a percentage: ``growth`` (a rate of change or an index: 'рост составил 113,9%', 'вырос на
15%', '24,6%-ға өсті'), ``share`` (a part of a whole or a level: 'доля ... 30%', '70%-ы', '60% продукции',
'уровень безработицы 4,7%') or no fact (an interest or completion rate: 'под 5% годовых', '85 пайызға
орындалды'). The cue words are the 'percent' section of ``data/fact_types.json``; the rules, in order,
are the RULES below.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from aimaq.records import Amount
from aimaq.resources import load_json
from aimaq.stages.facts.vocabulary import clause
from aimaq.text.morph.ru import is_genitive

NEITHER_BEFORE, NEITHER_AFTER = 25, 20  # characters around the amount searched for 'neither' words
GROWTH, SHARE = "growth", "share"
NO_FACT = ""  # a rule that decides there is no fact returns this; one that does not decide returns None


def _words(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)", re.I)


@dataclass(frozen=True)
class _Cues:
    neither: re.Pattern[str]
    level_before: re.Pattern[str]  # ends right before the amount ('до 85%')
    difference_before: re.Pattern[str]  # ends right before the amount ('на 15%')
    level_after: re.Pattern[str]  # starts right after the case suffix ('85%-ға дейін', '85%-ға жетті')
    dative: frozenset[str]
    part_suffix: frozenset[str]
    part_after: re.Pattern[str]
    comparative: re.Pattern[str]
    index: re.Pattern[str]
    growth: re.Pattern[str]
    share: re.Pattern[str]


@cache
def _cues() -> _Cues:
    spec = load_json("fact_types.json")["percent"]
    qualifier = spec["qualifiers"]

    def before(words: list[str]) -> re.Pattern[str]:
        return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")\s+(?:" + qualifier + r"\s+)?$", re.I)

    return _Cues(
        _words(spec["neither"]),
        before(spec["level_before"]),
        before(spec["difference_before"]),
        re.compile(r"\s*(?:" + "|".join(spec["level_after"]) + ")", re.I),
        frozenset(spec["dative"]),
        frozenset(spec["part_suffix"]),
        re.compile(r"\s*(?:" + "|".join(spec["part_after"]) + ")", re.I),
        re.compile(r"\s*(?:" + "|".join(spec["comparatives"]) + r")(?!\w)", re.I),
        _words(spec["index"]),
        _words(spec["growth"]),
        _words(spec["share"]),
    )


@dataclass(frozen=True)
class _Where:
    """One percentage in its sentence: the clause, the text before and after it, its case suffix."""

    amount: Amount
    sentence: str
    start: int  # of the amount, in the sentence
    end: int
    clause: tuple[int, int]
    suffix: str  # letters glued to the amount: '-ға', 'ды', '-ы', ''
    rest: str  # the clause after the suffix

    def in_clause(self, rx: re.Pattern[str]) -> bool:
        return bool(rx.search(self.sentence, *self.clause))

    def in_sentence(self, rx: re.Pattern[str]) -> bool:
        return bool(rx.search(self.sentence))

    @property
    def before(self) -> str:
        return self.sentence[self.clause[0] : self.start]


_PERCENT = re.compile(r"\d\s*(?:%|процент|пайыз)", re.I)
_SUFFIX = re.compile(r"-?[^\W\d_]*")
_INNER_SUFFIX = re.compile(r"(?:%|пайыз|процент)(-?[^\W\d_]*)$", re.I)


def _where(amount: Amount, sentence: str, offset: int) -> _Where:
    start, end = amount.start - offset, amount.end - offset
    bounds = clause(amount, sentence, offset)
    after = sentence[end : bounds[1]]
    inside = _INNER_SUFFIX.search(amount.text)  # the amounts stage may keep the suffix: '62%-ы', '96,5 пайызға'
    glued = _SUFFIX.match(after)
    suffix = (inside.group(1) if inside else "") or (glued.group() if glued else "")
    rest = after if inside and inside.group(1) else after[len(glued.group()) if glued else 0 :]
    return _Where(amount, sentence, start, end, bounds, suffix, rest)


def _neither(w: _Where, c: _Cues) -> str | None:
    near = w.sentence[max(w.clause[0], w.start - NEITHER_BEFORE) : min(w.clause[1], w.end + NEITHER_AFTER)]
    return NO_FACT if c.neither.search(near) else None


def _level(w: _Where, c: _Cues) -> str | None:
    """'до 85%', '85%-ға дейін', '85%-ға жетті': a level reached, a share if a share word says so."""
    if not (c.level_before.search(w.before) or (w.suffix and c.level_after.match(w.rest))):
        return None
    if c.index.search(w.before):
        return GROWTH
    return SHARE if w.in_clause(c.share) or w.in_sentence(c.share) else NO_FACT


def _comparative(w: _Where, c: _Cues) -> str | None:
    """'на 7,3% больше', '30%-ға көп'."""
    return GROWTH if c.comparative.match(w.rest) else None


def _difference(w: _Where, c: _Cues) -> str | None:
    """'вырос на 15%': growth when a change word says so (since the percentage before it, else in the clause,
    else in the sentence when the clause has no share word); no fact when a share word stands there first
    ('увеличившись на 14,5% и превысив средний уровень на 29%') or nothing names a change."""
    if not c.difference_before.search(w.before):
        return None
    since = w.before[max((m.end() for m in _PERCENT.finditer(w.before)), default=0) :]
    if c.growth.search(since):
        return GROWTH
    if c.share.search(since):
        return NO_FACT
    if w.in_clause(c.growth) or (w.in_sentence(c.growth) and not w.in_clause(c.share)):
        return GROWTH
    return NO_FACT


def _part(w: _Where, c: _Cues) -> str | None:
    """'18%-ы', '55 пайызы', '40%-дан астамы', '60% продукции': a part of something named."""
    if w.suffix.lstrip("-").lower() in c.part_suffix or c.part_after.match(w.suffix.lstrip("-") + w.rest):
        return SHARE
    following = re.match(r"\s*([^\W\d_][\w-]*)", w.rest)
    return SHARE if following and is_genitive(following.group(1)) else None


def _index(w: _Where, c: _Cues) -> str | None:
    """'индекс физического объема составил 108,1%', 'экономикалық өсім 4,6 пайызды', and any value over 100."""
    return GROWTH if c.index.search(w.before) or w.amount.value > 100 else None


def _change_word(w: _Where, c: _Cues) -> str | None:
    """'30%-ға артып', and lists under one change word ('Өнеркәсіп – 129%, құрылыс – 116%-ға өсті')."""
    if w.in_clause(c.growth) or (w.in_sentence(c.growth) and not w.in_clause(c.share)):
        return GROWTH
    return None


def _share_word(w: _Where, c: _Cues) -> str | None:
    return SHARE if w.in_clause(c.share) or w.in_sentence(c.share) else None


Rule = Callable[[_Where, _Cues], str | None]
RULES: tuple[Rule, ...] = (_neither, _level, _comparative, _difference, _part, _index, _change_word, _share_word)


def type_of_percent(amount: Amount, sentence: str, offset: int) -> str | None:
    """growth, share or None for one percentage: the first rule that decides wins."""
    w, c = _where(amount, sentence, offset), _cues()
    for rule in RULES:
        decided = rule(w, c)
        if decided is not None:
            return decided or None
    return None
