"""Russian posts (ROLE) and organisations (ORG) found as a head word plus its genitive continuation.

'аким Мангистауской области', 'заместитель акима области по социальным вопросам',
'Глава Представительства Европейского Союза в Республике', 'Акиматом Мангистауской области'.
The continuation takes genitive words, abbreviations (РК, ЕС), region and city names ('аким Актобе'),
a quoted name after an abbreviation or a noun ('АО «…»', 'партии «Nur Otan»'), a 'по …' phrase and a
'в <Proper name>' phrase; it stops at a comma, a verb, a person's name or any other case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from aimaq.ner.natasha_ru import TaggedToken
from aimaq.ner.quoted_names import Quoted
from aimaq.records import Mention
from aimaq.resources import load_lines
from aimaq.text.morph import ru as ru_morph

_MAX_CHAIN = 14
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM"})
_STOP_PUNCT = frozenset(",.;:!?()[]–—-")


@dataclass(frozen=True)
class RoleHit:
    mention: Mention
    case: str | None  # grammatical case of the post head: a name in apposition shares it
    bare: bool  # the head alone, no continuation ('аким сказал')


@cache
def _lines(name: str) -> frozenset[str]:
    return frozenset(load_lines(name))


def _lemma(tok: TaggedToken) -> str:
    return ru_morph.lemma(tok.text)


def _noun_lemmas(tok: TaggedToken) -> frozenset[str]:
    return _word_noun_lemmas(tok.text)


@lru_cache(maxsize=65536)
def _word_noun_lemmas(word: str) -> frozenset[str]:
    return frozenset(p.normal_form for p in ru_morph.parses(word) if p.tag.POS == "NOUN")


_HEAD_POS = frozenset({"NOUN", "PROPN", "ADJ", "X"})  # natasha sometimes tags 'Акимату' ADJ


def is_post_head(tok: TaggedToken) -> bool:
    return tok.pos in _HEAD_POS and tok.number != "Plur" and bool(_noun_lemmas(tok) & _lines("posts/ru.txt"))


def is_org_head(tok: TaggedToken) -> bool:
    heads = _lines("entities/org_heads_ru.txt")
    return tok.pos in _HEAD_POS and tok.number != "Plur" and bool(_noun_lemmas(tok) & heads)


def _is_abbrev(tok: TaggedToken) -> bool:
    """'РК', 'ЕС', 'КазНУ': letters only, two or more of them capitals."""
    return len(tok.text) >= 2 and tok.text.isalpha() and sum(c.isupper() for c in tok.text) >= 2


@dataclass(frozen=True)
class Context:
    """What the continuation of a post/organisation must know about the sentence."""

    quoted: dict[int, Quoted]  # quoted names by the offset of their opening quote
    blocked: frozenset[int]  # token starts inside people's names: a continuation stops there
    places: frozenset[int]  # token starts inside natasha's LOC/ORG spans
    regions: frozenset[int] = frozenset()  # token starts inside our region/city names ('Актобе')


def _accepts(tok: TaggedToken, mode: str, prev_lemma: str, ctx: Context) -> bool:
    if mode == "gen" and tok.start in ctx.regions:  # 'аким Актобе': a city name often does not decline;
        return True  # natasha may not even tag one in Kazakh letters ('области Ұлытау' as PUNCT)
    if tok.pos not in _NOMINAL:
        return False
    if mode == "po":
        return tok.case in ("Dat", "Gen")
    if mode == "v":
        return tok.case in ("Loc", "Gen") or tok.start in ctx.places
    return _genitive(tok) or (prev_lemma in _lines("posts/ru_apposition.txt") and tok.start in ctx.places)


def _starts_name(tok: TaggedToken) -> bool:
    """A post, an organisation or an abbreviation ('АО', 'ЕС') after 'и' starts a second name."""
    return is_post_head(tok) or is_org_head(tok) or _is_abbrev(tok)


def _agrees_with_next(tok: TaggedToken, nxt: TaggedToken | None) -> bool:
    """An adjective natasha could not read before a genitive noun ('Жетысуской области'), or a
    participle it tagged a verb ('директор управляющей компании'): genitive too."""
    if nxt is None or nxt.case != "Gen" or nxt.pos != "NOUN":
        return False
    if tok.text[:1].isupper():
        return any(p.tag.POS == "ADJF" and "gent" in p.tag for p in ru_morph.parses(tok.text))
    return tok.case == "Gen" and any(p.tag.POS == "PRTF" and "gent" in p.tag for p in ru_morph.parses(tok.text))


def _genitive(tok: TaggedToken) -> bool:
    """natasha's case; or pymorphy's for an organisation word natasha took for a name ('Мажилиса') and
    for a noun natasha read as prepositional with no preposition before it ('Аким области …' opening a
    headline: the chain holds no preposition but 'по' and 'в', which change its mode)."""
    if tok.case == "Gen":
        return True
    if tok.pos == "PROPN" and is_org_head(tok) or tok.pos == "NOUN" and tok.case == "Loc":
        return any("gent" in p.tag for p in ru_morph.parses(tok.text))
    return False


def continuation(toks: Sequence[TaggedToken], k: int, ctx: Context) -> int:
    """Index after the last token of the continuation that starts at ``toks[k]`` (== k when empty)."""
    last, i, mode, prev_lemma = k, k, "gen", ""
    while i < len(toks) and i - k < _MAX_CHAIN and toks[i].start not in ctx.blocked:
        t = toks[i]
        group = ctx.quoted.get(t.start)
        if group is not None and i > k and last == i and (_is_abbrev(toks[i - 1]) or toks[i - 1].pos == "NOUN"):
            i = next((j for j in range(i, len(toks)) if toks[j].start >= group.end), len(toks))
            last = i
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        low = t.text.lower()
        if t.text in _STOP_PUNCT:
            break
        if _is_abbrev(t) or _accepts(t, mode, prev_lemma, ctx):
            prev_lemma, i, last = _lemma(t), i + 1, i + 1
            continue
        if nxt is None or nxt.start in ctx.blocked:
            break
        if mode == "gen" and _agrees_with_next(t, nxt):
            i += 1
            continue
        if low == "по" and _lemma(nxt) not in _lines("posts/ru_po_stop.txt"):
            mode = "po"
        elif low == "в" and last > k and nxt.text[:1].isupper():
            mode = "v"
        elif not (low == "и" and last > k and _accepts(nxt, mode, prev_lemma, ctx) and not _starts_name(nxt)):
            break
        i += 1
    return last


def _nominative(word: str, pos: str, gender: str | None = None) -> str:
    """The nominative singular of a noun/adjective, capitalisation kept ('акима' -> 'аким')."""
    if _is_abbrev_word(word):
        return word
    want = {"nomn", "sing"} | ({gender} if gender else set())
    for parse in ru_morph.parses(word):
        if (pos == "ADJ") != (parse.tag.POS in ("ADJF", "PRTF")):
            continue
        form = parse.inflect(want)
        if form is not None:
            return _recase(word, form.word)
    return word


def _is_abbrev_word(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2


def _recase(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def _gender(tok: TaggedToken) -> str | None:
    return {"Masc": "masc", "Fem": "femn", "Neut": "neut"}.get(tok.gender or "")


def _modifiers(toks: Sequence[TaggedToken], i: int) -> int:
    """Index of the first post modifier before head ``toks[i]`` ('первый заместитель')."""
    j = i
    while j > 0 and _lemma(toks[j - 1]) in _lines("posts/ru_modifiers.txt"):
        j -= 1
    return j


def find_roles(text: str, toks: Sequence[TaggedToken], ctx: Context) -> list[RoleHit]:
    out: list[RoleHit] = []
    for i, tok in enumerate(toks):
        if tok.start in ctx.blocked or not is_post_head(tok):
            continue
        a, b = _modifiers(toks, i), continuation(toks, i + 1, ctx)
        start, end = toks[a].start, toks[b - 1].end
        head = [_nominative(t.text, "ADJ", _gender(tok)).lower() for t in toks[a:i]]
        head.append(_nominative(tok.text, "NOUN").lower())
        norm = " ".join([*head, *text[tok.end : end].split()])
        out.append(RoleHit(Mention("ROLE", start, end, text[start:end], norm), tok.case, b == i + 1))
    return [h for h in out if not any(o is not h and _inside(h.mention, o.mention) for o in out)]


def _org_adjectives(toks: Sequence[TaggedToken], i: int) -> int:
    """Index of the first adjective of an organisation name before its head ('Европейского Союза')."""
    j = i
    while j > 0 and toks[j - 1].pos == "ADJ" and toks[j - 1].case == toks[i].case:
        j -= 1
    while j < i and not toks[j].text[:1].isupper():
        j += 1
    return j


def find_orgs(text: str, toks: Sequence[TaggedToken], ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    for i, tok in enumerate(toks):
        if tok.start in ctx.blocked or not is_org_head(tok):
            continue
        a, b = _org_adjectives(toks, i), continuation(toks, i + 1, ctx)
        if a == i and b == i + 1 and not tok.text[:1].isupper():
            continue
        start, end = toks[a].start, toks[b - 1].end
        head = [_nominative(t.text, "ADJ", _gender(tok)) for t in toks[a:i]]
        head.append(_nominative(tok.text, "NOUN"))
        norm = " ".join([*head, *text[tok.end : end].split()])
        out.append(Mention("ORG", start, end, text[start:end], norm[:1].upper() + norm[1:]))
    return _outermost(out)


def _inside(m: Mention, o: Mention) -> bool:
    return o.start <= m.start and m.end <= o.end


def _outermost(items: list[Mention]) -> list[Mention]:
    return [m for m in items if not any(o is not m and _inside(m, o) for o in items)]


def nominative_phrase(toks: Sequence[TaggedToken], start: int, end: int, text: str) -> str:
    """A noun phrase in the nominative: adjectives and the first noun inflected, the rest kept as written."""
    inside = [t for t in toks if start <= t.start and t.end <= end]
    head = next((i for i, t in enumerate(inside) if t.pos in ("NOUN", "PROPN")), None)
    if head is None or "«" in text[start:end]:
        return " ".join(text[start:end].split())
    noun = inside[head]
    words = [_nominative(t.text, "ADJ", _gender(noun)) for t in inside[:head]]
    words.append(_nominative(noun.text, "NOUN"))
    return " ".join([*words, *text[noun.end : end].split()])
