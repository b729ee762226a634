"""Quoted names «…» of organisations, programmes, zones, funds and events, typed by the word beside them.

Press releases often drop one of two nested quotes: 'АО «Фонд развития предпринимательства «ДАМУ»'
(outer quote never closed) and '«Даму» кәсіпкерлікті дамыту қоры» АҚ' (outer quote never opened);
``find_quoted`` rebuilds both. Russian names are typed by the word before the quote ('программы «…»',
'СЭЗ «…»', 'АО «…»'), Kazakh ones by the word after it ('«…» бағдарламасы', '«…» АЭА', '«…» АҚ').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from aimaq.records import Mention, MentionType
from aimaq.resources import load_json, load_lines
from aimaq.text.morph import ru as ru_morph

_OPEN, _CLOSE = "«„", "»”"
_QUOTES = re.compile("[" + re.escape(_OPEN + _CLOSE + '"“') + "]")  # the only characters ``find_quoted`` acts on
_WORD = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*")
_GAP_OK = re.compile(r"^[^.!?;:«»]*$")
_MAX_GAP_WORDS = 6


@dataclass(frozen=True)
class Quoted:
    start: int  # offset of the opening quote (or of the first inner quote when the outer one is missing)
    end: int  # offset after the closing quote
    name: str  # the name without its outer quotes


def find_quoted(text: str, start: int, end: int) -> list[Quoted]:
    """Top-level quoted names in ``text[start:end]``, nested and half-missing quotes repaired."""
    stack: list[int] = []
    inner_end: dict[int, int] = {}
    groups: list[Quoted] = []
    for quote in _QUOTES.finditer(text, start, end):
        i, ch = quote.start(), quote.group()
        if ch in _OPEN or (ch == '"' and not stack):
            stack.append(i)
        elif ch in _CLOSE or ch == '"' or (ch == "“" and stack):
            if stack:
                opened = stack.pop()
                if stack:
                    inner_end[stack[-1]] = i + 1
                else:
                    groups.append(Quoted(opened, i + 1, text[opened + 1 : i]))
            elif groups and _GAP_OK.match(text[groups[-1].end : i]) and _few_words(text[groups[-1].end : i]):
                first = groups.pop()
                groups.append(Quoted(first.start, i + 1, text[first.start : i]))
        elif ch == "“":
            stack.append(i)
    if stack and stack[0] in inner_end:
        opened, closed = stack[0], inner_end[stack[0]]
        groups.append(Quoted(opened, closed, text[opened + 1 : closed]))
    return sorted(groups, key=lambda q: q.start)


def _few_words(gap: str) -> bool:
    return 0 < len(_WORD.findall(gap)) <= _MAX_GAP_WORDS


@cache
def _legal_forms() -> frozenset[str]:
    return frozenset(load_lines("entities/legal_forms.txt"))


@cache
def _types(lang: str) -> dict[str, tuple[MentionType, bool]]:
    return {k: (v[0], bool(v[1])) for k, v in load_json("entities/quote_types.json")[lang].items()}


def _words_before(text: str, at: int, lo: int, n: int) -> list[re.Match[str]]:
    """Up to ``n`` words right before ``at`` with only spaces between them."""
    out: list[re.Match[str]] = []
    for m in reversed(list(_WORD.finditer(text, lo, at))):
        if text[m.end() : (out[-1].start() if out else at)].strip():
            break
        out.append(m)
        if len(out) == n:
            break
    return out


def _words_after(text: str, at: int, hi: int, n: int) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    for m in _WORD.finditer(text, at, hi):
        if text[(out[-1].end() if out else at) : m.start()].strip():
            break
        out.append(m)
        if len(out) == n:
            break
    return out


def _legal(word: str) -> str | None:
    head = re.split(r"[-‐]", word)[0]
    return head if head in _legal_forms() else None


def _ru_type(word: str) -> tuple[MentionType, bool] | None:
    types = _types("ru")
    return types.get(word) or types.get(ru_morph.lemma(word))


def _kk_type(word: str) -> tuple[MentionType, bool] | None:
    head = re.split(r"[-‐]", word)[0]
    types = _types("kk")
    if head in types:
        return types[head]
    low = word.lower()
    return next((v for k, v in types.items() if k.islower() and low.startswith(k)), None)


def quoted_mentions(text: str, start: int, end: int, lang: str) -> list[Mention]:
    """ORG / PROGRAMME / EVENT mentions for the typed quoted names of one sentence."""
    out: list[Mention] = []
    for q in find_quoted(text, start, end):
        mention = _typed(text, q, start, end, lang)
        if mention is not None:
            out.append(mention)
    return out


def _typed(text: str, q: Quoted, lo: int, hi: int, lang: str) -> Mention | None:
    before = _words_before(text, q.start, lo, 2)
    after = _words_after(text, q.end, hi, 2)
    if before and (form := _legal(before[0].group())):
        return _mention(text, before[0].start(), q.end, "ORG", f"{form} «{q.name}»")
    if after and (form := _legal(after[0].group())):
        return _mention(text, q.start, after[0].end(), "ORG", f"«{q.name}» {form}")
    typed = _type_before(before) if lang == "ru" else _type_after(after)
    if typed is None:
        return None
    (kind, include), word = typed
    s, e = (min(q.start, word.start()), max(q.end, word.end())) if include else (q.start, q.end)
    return _mention(text, s, e, kind, q.name.strip())


def _type_before(before: list[re.Match[str]]) -> tuple[tuple[MentionType, bool], re.Match[str]] | None:
    for i, m in enumerate(before):
        typed = _ru_type(m.group())
        if typed is not None:
            return (typed[0], typed[1] and i == 0), m
    return None


def _type_after(after: list[re.Match[str]]) -> tuple[tuple[MentionType, bool], re.Match[str]] | None:
    for i, m in enumerate(after):
        if i == 1 and not after[0].group()[:1].isupper():
            break
        typed = _kk_type(m.group())
        if typed is not None:
            return (typed[0], typed[1] and i == 0), m
    return None


def _mention(text: str, start: int, end: int, kind: MentionType, norm: str) -> Mention:
    return Mention(kind, start, end, text[start:end], " ".join(norm.split()))
