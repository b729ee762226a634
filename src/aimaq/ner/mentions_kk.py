"""Kazakh entity rules: posts (ROLE), the people who hold them (PER), organisations (ORG).

A Kazakh post is an izafet chain ending in a post head: 'Маңғыстау облысының әкімі',
'облыс әкімінің орынбасары', 'Республикадағы Еуропалық Одақ Өкілдігінің Басшысы'. In apposition
only the name after the post inflects ('облыс әкімі Асхат Шахаровқа'), so the post is already in
its citation form except when no name follows ('облыс әкіміне' -> 'облыс әкімі').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from aimaq.ner.quoted_names import Quoted, find_quoted, quoted_mentions
from aimaq.records import Mention
from aimaq.resources import load_lines
from aimaq.text.morph import kk as kk_morph
from aimaq.text.names import (
    given_gender,
    has_surname_suffix,
    is_capitalised,
    is_initial,
    kk_name_nominative,
)
from aimaq.text.tokens import Token, adjacent, name_tokens

_MAX_LEFT = 7
_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
_LOCATIVE_ADJ = re.compile(r"(?:дағы|дегі|тағы|тегі|ндағы|ндегі)$")
_POSSESSIVE = ("сы", "сі", "ы", "і")
_ADVERBIAL_CASES = frozenset({"dat", "loc", "abl", "ins", "acc"})  # 'Жиынға', 'Ақтауда' open no name
_PATRONYMIC = ("ұлы", "қызы", "улы", "кызы", "ович", "евич", "овна", "евна")
_BARE_SURNAME = ("ов", "ев", "ова", "ева", "ұлы", "қызы")
_APPOSITION_GAPS = frozenset({",", "–", "—", "-"})
_PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")


@cache
def _lines(name: str) -> frozenset[str]:
    return frozenset(load_lines(name))


@cache
def _stems(name: str) -> tuple[str, ...]:
    return tuple(sorted(load_lines(name), key=len, reverse=True))


def _endings() -> frozenset[str]:
    return frozenset("" if e == "-" else e for e in _lines("posts/kk_endings.txt"))


@lru_cache(maxsize=65536)  # bounded: every new word of a long stream comes here
def head_remainder(word: str, stems_file: str) -> str | None:
    """The ending after a head stem ('әкімінің' -> 'інің' for 'әкім'), or None when the word is no head."""
    low = word.lower()
    endings = _endings()
    for stem in _stems(stems_file):
        if low.startswith(stem) and low[len(stem) :] in endings:
            return low[len(stem) :]
    stem = kk_morph.lemma(word).lower()
    if stem != low and stem in _stems(stems_file) and low.startswith(stem):
        rest = low[len(stem) :]
        return None if rest.startswith(_PLURAL) else rest
    return None


def is_post_head(word: str) -> bool:
    return head_remainder(word, "posts/kk.txt") is not None


def is_org_head(word: str) -> bool:
    return head_remainder(word, "entities/org_heads_kk.txt") is not None


def citation(word: str, stems_file: str) -> str:
    """A head word with its case ending dropped, possessive kept ('әкімінің' -> 'әкімі')."""
    rest = head_remainder(word, stems_file)
    if not rest:
        return word
    keep = next((p for p in _POSSESSIVE if rest.startswith(p)), "")
    return word[: len(word) - len(rest)] + keep


def _may_extend(tok: Token) -> bool:
    """Can this token stand inside a post/organisation name, left of its head?"""
    word = tok.text
    if not tok.is_word or word in _lines("posts/kk_stop.txt"):
        return False
    if is_post_head(word):
        return bool(_GENITIVE.search(word.lower()))
    if word[:1].isupper():
        reading = kk_morph.best(word)
        return reading.case not in _ADVERBIAL_CASES and not reading.plural  # 'Құжаттар облыс әкімдігіне
    low = word.lower()
    return bool(
        low in _lines("posts/kk_modifiers.txt")
        or _GENITIVE.search(low)
        or _LOCATIVE_ADJ.search(low)
        or is_org_head(word)
    )


def _left_edge(toks: Sequence[Token], i: int, quoted: Sequence[Quoted], blocked: frozenset[int]) -> int:
    """Index of the first token of the name that ends with head ``toks[i]`` (never a ``blocked`` one)."""
    j = i
    while j > 0 and i - j < _MAX_LEFT and toks[j - 1].start not in blocked:
        prev = toks[j - 1]
        group = next((q for q in quoted if q.end == prev.end), None)
        if group is not None:
            j = next(k for k, t in enumerate(toks) if t.start >= group.start)
            continue
        if prev.text == "және" and j >= 2 and _may_extend(toks[j - 2]):
            j -= 2
            continue
        if not _may_extend(prev):
            break
        j -= 1
    return j


def _phrase(text: str, toks: Sequence[Token], a: int, b: int, stems_file: str) -> tuple[int, int, str]:
    """Span and citation form of tokens a..b (b is the head)."""
    start, end = toks[a].start, toks[b].end
    head = toks[b]
    norm = text[start : head.start] + citation(head.text, stems_file)
    first = toks[a].text
    if first.lower() in _lines("posts/kk_modifiers.txt") or is_post_head(first):
        norm = norm[:1].lower() + norm[1:]
    return start, end, " ".join(norm.split())


def find_roles(
    text: str, toks: Sequence[Token], quoted: Sequence[Quoted], blocked: frozenset[int] = frozenset()
) -> list[Mention]:
    out: list[Mention] = []
    for i, tok in enumerate(toks):
        if not tok.is_word or not is_post_head(tok.text):
            continue
        if i + 1 < len(toks) and toks[i + 1].is_word and is_post_head(toks[i + 1].text):
            continue
        a = _left_edge(toks, i, quoted, blocked)
        acting = _acting_after(text, tok.end)
        if a == i and not tok.text[:1].isupper() and not _name_follows(toks, i) and not acting:
            continue
        start, end, norm = _phrase(text, toks, a, i, "posts/kk.txt")
        if acting:  # 'басқарма басшысының м.у.а.': the acting holder of the post
            end = acting
            norm = " ".join((norm[: tok.start - start] + text[tok.start : end]).split())
        out.append(Mention("ROLE", start, end, text[start:end], norm))
    return out


def _acting_after(text: str, at: int) -> int | None:
    """The end of an 'acting' marker right after a post head ('басшысының м.у.а. …', 'әкімінің
    міндетін атқарушы …'; data/posts/kk_acting.txt), else None."""
    rest = text[at : at + 40]
    gap = len(rest) - len(rest.lstrip(" "))
    for marker in _stems("posts/kk_acting.txt"):
        if rest[gap:].startswith(marker) and not rest[gap + len(marker) : gap + len(marker) + 1].isalpha():
            return at + gap + len(marker)
    return None


def _name_follows(toks: Sequence[Token], i: int) -> bool:
    return i + 1 < len(toks) and is_capitalised(toks[i + 1].text)


def find_orgs(
    text: str, toks: Sequence[Token], quoted: Sequence[Quoted], blocked: frozenset[int] = frozenset()
) -> list[Mention]:
    out: list[Mention] = []
    for i, tok in enumerate(toks):
        if not tok.is_word or not is_org_head(tok.text):
            continue
        if i + 1 < len(toks) and toks[i + 1].is_word and is_org_head(toks[i + 1].text):
            continue
        a = _left_edge(toks, i, quoted, blocked)
        if a == i and (i == 0 or not tok.text[:1].isupper()):
            continue
        start, end, norm = _phrase(text, toks, a, i, "entities/org_heads_kk.txt")
        out.append(Mention("ORG", start, end, text[start:end], norm[:1].upper() + norm[1:]))
    return out


def _name_tokens(toks: Sequence[Token], i: int) -> int:
    """How many capitalised name-like words (at most 3) start at ``toks[i]``."""
    n = 0
    while i + n < len(toks) and n < 3:
        t = toks[i + n]
        if not is_capitalised(t.text) or t.text in _lines("posts/kk_stop.txt"):
            break
        if is_post_head(t.text) or is_org_head(t.text):
            break
        n += 1
        if not given_gender(t.text) and not _nominative_name_word(t.text, toks, i + n):
            break  # only the last word of a name inflects ('Алматыдан Ростовқа' is no name)
    if n == 3 and not _three_words(toks[i + 1].text, toks[i + 2].text):
        n = 2
    return n


def _nominative_name_word(word: str, toks: Sequence[Token], nxt: int) -> bool:
    """Is a capitalised word that is no known given name uninflected? The analyser's nominative, or a
    reading as accusative/possessive ('Қайсын' as 'Қайс' + 'ы' + 'н') right before a word shaped like
    a surname: a given name ending like a case form ('Қайсын Жолдасов')."""
    case = kk_morph.best(word).case
    if case == "nom":
        return True
    return case == "acc" and nxt < len(toks) and _surname_shaped(toks[nxt].text)


def _surname_shaped(word: str) -> bool:
    return is_capitalised(word) and has_surname_suffix(kk_name_nominative(word))


def _three_words(second: str, third: str) -> bool:
    """Given Patronymic Surname ('Айгүл Серікқызы Омарова') or Surname Given Patronymic."""
    third = kk_name_nominative(third).lower()
    if second.lower().endswith(_PATRONYMIC):
        return has_surname_suffix(third) and not third.endswith(_PATRONYMIC)
    return third.endswith(_PATRONYMIC)


def _initial_at(toks: Sequence[Token], i: int) -> bool:
    return i + 2 < len(toks) and toks[i + 1].text == "." and is_initial(toks[i].text + ".")


def _initials(toks: Sequence[Token], i: int) -> int:
    """How many initials ('Е.', 'Е.А.') start at ``toks[i]``: 0, 1 or 2."""
    if not _initial_at(toks, i):
        return 0
    return 2 if _initial_at(toks, i + 2) else 1


def _person_at(toks: Sequence[Token], i: int, after_post: bool) -> tuple[list[str], int] | None:
    """The name words starting at ``toks[i]`` and the index of the last token, or None."""
    if not toks[i].text[:1].isupper():  # neither an initial nor a capitalised name word: the common case
        return None
    if initials := _initials(toks, i):
        last = i + 2 * initials
        if last < len(toks) and _surname_shaped(toks[last].text):
            return [t.text for t in toks[i : last + 1]], last
        return None
    n = _name_tokens(toks, i)
    words = [t.text for t in toks[i : i + n]]
    if (
        n == 1
        and has_surname_suffix(kk_name_nominative(words[0]))
        and (after_post or _bare_surname(words[0]))
    ):
        return words, i
    if n >= 2 and (after_post or _looks_like_name(words)):
        return words, i + n - 1
    return None


def _bare_surname(word: str) -> bool:
    """A lone surname: Kazakh-style -ов/-ев/-ова/-ева/-ұлы/-қызы, a stem of 4+ letters ('Тоқаевтың')."""
    nominative = kk_name_nominative(word).lower()
    return nominative.endswith(_BARE_SURNAME) and len(nominative) >= 7


def _looks_like_name(words: Sequence[str]) -> bool:
    return bool(given_gender(words[0])) or has_surname_suffix(kk_name_nominative(words[-1]))


def person_norm(text: str, first: Token, last: Token) -> str:
    """The name from ``first`` to ``last`` as written, spaces collapsed, its last word in the nominative
    ('Қанат Жолдыбайдың' -> 'Қанат Жолдыбай'; 'Д.Сәрсеновке' -> 'Д.Сәрсенов', 'Д. Сәрсенов' stays)."""
    before = re.sub(r"\s+", " ", text[first.start : last.start])
    return before + kk_name_nominative(last.text, last_of_full=first is not last)


def _role_after(text: str, toks: Sequence[Token], last: int, roles: Sequence[Mention]) -> Mention | None:
    """A post after the name behind a comma or dash ('Асхат Шахаров, облыс әкімі, ...'), or right after
    it in its citation form ('Айгүл Омарова облыс әкімінің орынбасары болып тағайындалды'), that no other
    name follows (in 'Шахаров, облыс әкімінің орынбасары Айгүл ...' the post is Айгүл's)."""
    if last + 1 >= len(toks):
        return None
    gap = 1 if toks[last + 1].text in _APPOSITION_GAPS else 0
    if last + 1 + gap >= len(toks) or "\n" in text[toks[last].end : toks[last + 1 + gap].start]:
        return None
    role = next((r for r in roles if r.start == toks[last + 1 + gap].start), None)
    if role is None or not (gap or _in_citation_form(role)):
        return None
    after = next((k for k, t in enumerate(toks) if t.start >= role.end), None)
    if after is not None and adjacent(text, role.end, toks[after].start) and _person_at(toks, after, True):
        return None
    return role


def _in_citation_form(role: Mention) -> bool:
    """A post as the subject states it ('облыс әкімі'), not inflected ('облыс әкімімен')."""
    return " ".join(role.text.split()).lower() == (role.norm or "").lower()


def find_people(text: str, toks: Sequence[Token], roles: Sequence[Mention]) -> list[Mention]:
    """PER mentions; a name right after a post, or followed by one behind a comma, gets that post as its role."""
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        if not toks[i].text[:1].isupper():  # no name starts here (see ``_person_at``)
            i += 1
            continue
        role = next((r for r in roles if adjacent(text, r.end, toks[i].start)), None)
        found = _person_at(toks, i, role is not None)
        if found is None:
            i += 1
            continue
        words, last = found
        role = role or _role_after(text, toks, last, roles)
        start, end = toks[i].start, toks[last].end
        norm = person_norm(text, toks[i], toks[last])
        out.append(Mention("PER", start, end, text[start:end], norm, role.norm if role else None))
        i = last + 1
    return out


def find_kk(text: str, start: int, end: int) -> list[Mention]:
    """All Kazakh-rule mentions of one sentence ``text[start:end]``."""
    toks = name_tokens(text, start, end)
    quoted = find_quoted(text, start, end)
    people = find_people(text, toks, find_roles(text, toks, quoted))
    blocked = frozenset(t.start for t in toks for p in people if p.start <= t.start < p.end)
    roles = find_roles(text, toks, quoted, blocked)
    people = find_people(text, toks, roles)
    orgs = find_orgs(text, toks, quoted, blocked)
    named: list[Mention] = quoted_mentions(text, start, end, "kk")
    return [*people, *roles, *_outside(orgs, named), *named]


def _outside(items: Sequence[Mention], named: Sequence[Mention]) -> list[Mention]:
    return [m for m in items if not any(m.start < n.end and n.start < m.end for n in named)]
