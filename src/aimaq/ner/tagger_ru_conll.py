"""Russian IOB2 tagging of tokens (PER, ORG, LOC, ROLE, PROGRAMME), for `aimaq tag --lang ru`.

The tokens are joined back into text (``detokenize``: no space before closing punctuation, none
after an opening bracket or quote, a hyphen between two capitalised words glued: 'Жан - Мари' ->
'Жан-Мари'), the text goes through the Russian entity stage (``entities_ru.analyse_ru``:
natasha/slovnet plus our names, posts, organisations and quoted names) and the mentions are laid
onto the tokens. ``tag_document`` tags the sentences of one document in one pass (natasha and our
rules then see the whole text); ``tag_tokens`` tags one sentence.

A name followed by another in brackets is two names of one type ('Комитет защиты журналистов
(КЗЖ)', 'Джоэл Саймон (Joel Simon)'). Two conventions:

- ``aimaq`` (default, KazNERD-like, what `aimaq tag` prints): the outermost mention wins, so a post
  covers its place and organisation ('аким Мангистауской области' is one ROLE), an organisation
  keeps its legal form and its genitive continuation ('АО «Фонд науки»', 'Акимат … области'), and a
  programme or zone covers its type word when it is an abbreviation ('СЭЗ «Морпорт Актау»').
- ``names`` (OpenCorpora / factRuEval-2016): names only, no descriptors. PER are our people; ORG
  and LOC are natasha's spans outside them (unions such as 'ЕС' as ORG); the name of a quoted
  organisation is what stands inside the quotes ('ОАО «[Газпром]»'); posts, descriptor
  organisations and programmes are not tagged, so the place inside a post stays LOC ('мэра [Москвы]').
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from aimaq.ner.iob import Chunk, to_tags
from aimaq.ner.mentions_ru import RuLayers, analyse_ru
from aimaq.records import Mention

Convention = Literal["aimaq", "names"]
OUTPUT_TYPES = ("PER", "ORG", "LOC", "ROLE", "PROGRAMME")
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}»”%…")
_NO_SPACE_AFTER = frozenset("([{«„“")
_OPEN_QUOTES = {"«": "»", "„": "“", "“": "”", '"': '"'}
_CLOSE_QUOTES = frozenset(_OPEN_QUOTES.values())
_BRACKETS = frozenset("()")
_COMMA = frozenset(",")
_RANK = {"PER": 0, "ROLE": 1, "ORG": 2, "PROGRAMME": 3, "LOC": 4}


def _glued_hyphen(tokens: Sequence[str], i: int) -> bool:
    """'-' between two capitalised words is a hyphen inside a name ('Жан-Мари', 'Северо-Казахстанской')."""
    return (
        tokens[i] == "-"
        and 0 < i < len(tokens) - 1
        and all(t[:1].isupper() and t.isalpha() for t in (tokens[i - 1], tokens[i + 1]))
    )


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence the tokens most likely came from, and each token's (start, end) in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    at = 0
    for i, tok in enumerate(tokens):
        glue = tok in _NO_SPACE_BEFORE or (i and tokens[i - 1] in _NO_SPACE_AFTER)
        glue = glue or _glued_hyphen(tokens, i) or (i > 0 and _glued_hyphen(tokens, i - 1))
        if i and not glue:
            parts.append(" ")
            at += 1
        parts.append(tok)
        offsets.append((at, at + len(tok)))
        at += len(tok)
    return "".join(parts), offsets


def tag_tokens(tokens: list[str], convention: Convention = "aimaq") -> list[str]:
    """IOB2 tags (PER, ORG, LOC, ROLE, PROGRAMME or O) of one Russian sentence given as tokens."""
    return tag_document([tokens], convention)[0]


def join_document(sentences: Sequence[Sequence[str]]) -> tuple[str, list[tuple[int, int]], list[list[tuple[int, int]]]]:
    """The text of a document's sentences (joined by a space), each sentence's bounds and token offsets."""
    bounds: list[tuple[int, int]] = []
    offsets: list[list[tuple[int, int]]] = []
    texts: list[str] = []
    at = 0
    for toks in sentences:
        text, spans = detokenize(toks)
        texts.append(text)
        bounds.append((at, at + len(text)))
        offsets.append([(s + at, e + at) for s, e in spans])
        at += len(text) + 1
    return " ".join(texts), bounds, offsets


def tag_document(sentences: Sequence[list[str]], convention: Convention = "aimaq") -> list[list[str]]:
    """IOB2 tags of each sentence of one document (the sentences are analysed together)."""
    text, bounds, offsets = join_document(sentences)
    chosen = _outermost(_choose(analyse_ru(text, bounds), convention)) if text.strip() else []
    out = []
    for toks, spans in zip(sentences, offsets, strict=True):
        found = [c for m in chosen for c in _chunks(m, spans, toks, convention)]
        out.append(to_tags(_non_overlapping(found), len(toks)))
    return out


def _choose(layers: RuLayers, convention: Convention) -> list[Mention]:
    if convention == "names":
        people = [m for m in layers.mentions if m.type == "PER"]
        return [*people, *(m for m in layers.natasha if not _overlaps(m, people))]
    return [m for m in layers.mentions if m.type in _RANK]


def _overlaps(m: Mention, others: Sequence[Mention]) -> bool:
    return any(m.start < o.end and o.start < m.end for o in others)


def _outermost(mentions: Sequence[Mention]) -> list[Mention]:
    """Non-overlapping mentions, longest first (then by type rank), in text order."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start - m.end, _RANK[m.type], m.start)):
        if not _overlaps(m, kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _non_overlapping(found: Sequence[Chunk]) -> list[Chunk]:
    out: list[Chunk] = []
    for c in sorted(found, key=lambda c: c.start):
        if not out or out[-1].end <= c.start:
            out.append(c)
    return out


def _chunks(m: Mention, offsets: Sequence[tuple[int, int]], tokens: Sequence[str], convention: str) -> list[Chunk]:
    """The token chunks of one mention in one sentence (none when it lies elsewhere)."""
    inside = [i for i, (s, e) in enumerate(offsets) if s < m.end and m.start < e]
    if not inside:
        return []
    a, b = inside[0], inside[-1] + 1
    if convention == "names" and m.type == "ORG":
        a, b = _quoted_name(tokens, a, b)
    pieces = _split_at(tokens, a, b, _BRACKETS | (_COMMA if m.type == "PER" else frozenset()))
    if m.type == "ROLE":
        pieces = pieces[:1]
    return [Chunk(m.type, *_unquote(tokens, *_strip(tokens, s, e))) for s, e in pieces]


def _quoted_name(tokens: Sequence[str], a: int, b: int) -> tuple[int, int]:
    """The quoted part of an organisation name after its descriptor ('ОАО « Газпром »' -> 'Газпром')."""
    opening = next((i for i in range(a + 1, b) if tokens[i] in _OPEN_QUOTES), None)
    if opening is None:
        return a, b
    closing = next((i for i in range(b - 1, opening, -1) if tokens[i] == _OPEN_QUOTES[tokens[opening]]), b)
    return (opening + 1, closing) if closing > opening + 1 else (a, b)


def _split_at(tokens: Sequence[str], a: int, b: int, marks: frozenset[str]) -> list[tuple[int, int]]:
    """Tokens a..b cut at brackets (and commas in a name), pieces with a letter or digit kept:
    'КЗЖ ( CPJ )' -> 'КЗЖ', 'CPJ'; 'Овечкин , Фёдоров' -> 'Овечкин', 'Фёдоров'."""
    pieces: list[tuple[int, int]] = []
    start = a
    for i in range(a, b + 1):
        if i == b or tokens[i] in marks:
            if any(any(ch.isalnum() for ch in t) for t in tokens[start:i]):
                pieces.append((start, i))
            start = i + 1
    return pieces


def _strip(tokens: Sequence[str], a: int, b: int) -> tuple[int, int]:
    """Drop edge tokens without a letter or digit, quotes kept ('• Коста Рика' -> 'Коста Рика')."""
    while a < b - 1 and _bare_mark(tokens[a]) and tokens[a] not in _OPEN_QUOTES:
        a += 1
    while b > a + 1 and _bare_mark(tokens[b - 1]) and tokens[b - 1] not in _CLOSE_QUOTES:
        b -= 1
    return a, b


def _bare_mark(token: str) -> bool:
    return not any(ch.isalnum() for ch in token)


def _unquote(tokens: Sequence[str], a: int, b: int) -> tuple[int, int]:
    """Drop a quote pair around the whole name ('« Дискавери »' -> 'Дискавери')."""
    if b - a > 2 and _OPEN_QUOTES.get(tokens[a]) == tokens[b - 1]:
        return a + 1, b - 1
    return a, b
