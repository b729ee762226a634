"""Russian entities: natasha/slovnet PER/ORG/LOC, patched with our posts, organisations and quoted names.

Person/post linking: a post right before a name ('аким Атырауской области Нурлан Ногаев') or right
after it behind a comma or dash ('Шахаров, аким области', 'Жанар Омарбекова – руководитель
управления …') becomes the person's ``role``, in its nominative citation form ('по мнению акима
Мангистауской области …' -> 'аким Мангистауской области'). Names go to the nominative by the given
name's gender, else by the post's case or natasha's case of the surname ('Жанар Омарбековой' ->
'Жанар Омарбекова', 'акима … Ералы Тогжанова' -> 'Ералы Тогжанов'; see ``names.ru_name_nominative``).

Patches to natasha: a post or title word it put in front of a name is dropped ('Мажилиса Бауыржан
Бекетов'); Kazakh names it missed are added (a known Kazakh given name + a surname, two capitalised
words after a post, a bare surname before ', <post>'); a region or city name ('Актобе') is never a
person and continues a post ('аким Актобе'); unions and international organisations it reads as
places ('ЕС', 'Евросоюз') are ORG (``data/entities/ru_org_names.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from aimaq.ner.natasha_ru import RuSpan, TaggedToken, analyse
from aimaq.ner.posts_ru import (
    Context,
    RoleHit,
    find_orgs,
    find_roles,
    is_org_head,
    is_post_head,
    nominative_phrase,
)
from aimaq.ner.quoted_names import Quoted, find_quoted, quoted_mentions
from aimaq.ner.region_matcher import find_regions
from aimaq.records import Mention, MentionType
from aimaq.resources import load_lines
from aimaq.text.morph import ru as ru_morph
from aimaq.text.names import given_gender, has_surname_suffix, is_capitalised, ru_name_nominative
from aimaq.text.tokens import adjacent

_CYRILLIC = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ]")
_APPOSITION_GAPS = frozenset({",", "–", "—", "-"})


def person_norm(normal: str, case: str | None) -> str:
    """natasha's normal form of a name put in the nominative by gender or case (see ``names``)."""
    return " ".join(ru_name_nominative(normal.split(), case))


def _kk_names(
    toks: Sequence[TaggedToken], people: Sequence[RuSpan], roles: Sequence[RoleHit], text: str, places: frozenset[int]
) -> list[RuSpan]:
    """Names natasha missed: a Kazakh given name + a surname, or two capitalised words after a post.

    Words natasha put in a place or organisation count only as a given name + surname pair.
    """
    taken = {t.start for t in toks for p in people if p.start <= t.start < p.end}
    ends = {r.mention.end for r in roles}
    out: list[RuSpan] = []
    for a, b in zip(toks, toks[1:], strict=False):
        if a.start in taken or b.start in taken or not (_cyrillic_name(a.text) and _cyrillic_name(b.text)):
            continue
        if not adjacent(text, a.end, b.start):
            continue
        named = bool(given_gender(a.text)) and has_surname_suffix(b.text)
        after_post = any(adjacent(text, e, a.start) for e in ends) and not {a.start, b.start} & places
        if after_post or named:
            out.append(RuSpan("PER", a.start, b.end, text[a.start : b.end], f"{a.text} {b.text}"))
            taken |= {a.start, b.start}
    return out


def _surnames_before_posts(
    toks: Sequence[TaggedToken], people: Sequence[RuSpan], roles: Sequence[RoleHit], text: str
) -> list[RuSpan]:
    """A bare surname natasha missed (or took for a place) right before a post behind a comma or dash
    ('Шахаров, аким области')."""
    taken = _starts(toks, people)
    out = []
    for i, tok in enumerate(toks[:-1]):
        if tok.start in taken or not (_cyrillic_name(tok.text) and has_surname_suffix(tok.text)):
            continue
        gap, nxt = toks[i + 1], toks[i + 2] if i + 2 < len(toks) else None
        if i > 0 and _cyrillic_name(toks[i - 1].text) and adjacent(text, toks[i - 1].end, tok.start):
            continue  # the last word of a longer name, not a bare surname
        if gap.text in _APPOSITION_GAPS and nxt and any(h.mention.start == nxt.start and not h.bare for h in roles):
            out.append(RuSpan("PER", tok.start, tok.end, tok.text, tok.text))
    return out


def _with_surname(span: RuSpan, toks: Sequence[TaggedToken], text: str) -> RuSpan:
    """A lone given name natasha cut off its Kazakh surname, extended ('Жанар' + 'Әбілова')."""
    if " " in span.text or not given_gender(span.text):
        return span
    nxt = next((t for t in toks if t.start >= span.end), None)
    if nxt is None or not adjacent(text, span.end, nxt.start):
        return span
    if not (_cyrillic_name(nxt.text) and has_surname_suffix(nxt.text)):
        return span
    return RuSpan("PER", span.start, nxt.end, text[span.start : nxt.end], f"{span.normal} {nxt.text}")


def _cyrillic_name(word: str) -> bool:
    return bool(_CYRILLIC.match(word)) and is_capitalised(word)


def _role_of(text: str, person: RuSpan, roles: Sequence[RoleHit], people: Sequence[RuSpan]) -> RoleHit | None:
    """The post right before the name ('аким области Асхат Шахаров'), else the post after it behind a
    comma or dash ('Шахаров, аким области'; 'Омарбекова – руководитель управления') that no other
    name follows."""
    before = next((h for h in roles if adjacent(text, h.mention.end, person.start)), None)
    if before is not None:
        return before
    for hit in roles:
        gap = text[person.end : hit.mention.start]
        if person.end > hit.mention.start or gap.strip() not in _APPOSITION_GAPS or "\n" in gap:
            continue
        if not hit.bare and not any(adjacent(text, hit.mention.end, p.start) for p in people):
            return hit
    return None


def _people(
    text: str, spans: Sequence[RuSpan], roles: Sequence[RoleHit], toks: Sequence[TaggedToken]
) -> list[Mention]:
    out = []
    for span in spans:
        hit = _role_of(text, span, roles, spans)
        if hit is not None and hit.mention.end <= span.start:
            case = hit.case
        else:
            case = next((t.case for t in reversed(toks) if span.start <= t.start < span.end), None)
        role = hit.mention.norm if hit is not None else None
        out.append(Mention("PER", span.start, span.end, span.text, person_norm(span.normal, case), role))
    return out


def _overlaps(m: Mention | RuSpan, others: Sequence[Mention]) -> bool:
    return any(m.start < o.end and o.start < m.end for o in others)


def _crosses(m: Mention | RuSpan, others: Sequence[Mention]) -> bool:
    """Overlaps without being inside ('Сегодня Аким' across the start of a post)."""
    return any(
        m.start < o.end and o.start < m.end and not (o.start <= m.start and m.end <= o.end) for o in others
    )


def _title_noun(word: str) -> bool:
    """A title or organisation before a name ('Император', 'Принц', 'Аль-Джазиры'), never a name itself.

    Every dictionary reading is an animate common noun (a title) or one reading names an organisation;
    a word with an inanimate reading may be a foreign given name ('Тору', 'Франк', 'Хван').
    """
    found = ru_morph.parses(word)
    if given_gender(word) or not found or any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in found):
        return False
    if any(p.is_known and "Orgn" in p.tag for p in found):
        return True
    return all(p.is_known and p.tag.POS == "NOUN" and p.tag.animacy == "anim" for p in found)


def _name_opener(tok: TaggedToken) -> bool:
    return is_post_head(tok) or is_org_head(tok) or _title_noun(tok.text)


def _opener_or_place(regions: frozenset[int]) -> Callable[[TaggedToken], bool]:
    """Words natasha may put in front of a name: a post, organisation or title word, or a region's name
    ('акима области Абай Нурлана Уранхаева': natasha's 'Абай Нурлана Уранхаева')."""
    return lambda tok: _name_opener(tok) or tok.start in regions


def _trim(span: RuSpan, toks: Sequence[TaggedToken], drops: Callable[[TaggedToken], bool] = _name_opener) -> RuSpan:
    """Drop a post or organisation word natasha put in front of a name ('Мажилиса Бауыржан Бекетов',
    'Аким Жетысуской области' as a place)."""
    if "\n" in span.text:  # natasha runs over line breaks: 'Нарухито\nВерхняя'
        cut = span.text.index("\n")
        words = len(span.text[:cut].split())
        span = RuSpan(
            span.type, span.start, span.start + cut, span.text[:cut], " ".join(span.normal.split()[:words])
        )
    inside = [t for t in toks if span.start <= t.start < span.end]
    drop = 0
    while drop < len(inside) - 1 and drops(inside[drop]):
        drop += 1
    if not drop or not any(t.text[:1].isupper() for t in inside[drop:]):
        return span
    start = inside[drop].start
    normal = " ".join(span.normal.split()[drop:]) or span.text[start - span.start :]
    return RuSpan(span.type, start, span.end, span.text[start - span.start :], normal)


def _region_starts(text: str, toks: Sequence[TaggedToken], start: int, end: int) -> frozenset[int]:
    """Token starts inside the names of Kazakhstan's regions and cities ('Актобе', 'Мангистауской области')."""
    spans = [(start + m.start, start + m.end) for m in find_regions(text[start:end], "ru")]
    return frozenset(t.start for t in toks for a, b in spans if a <= t.start < b)


def _starts(toks: Sequence[TaggedToken], spans: Sequence[RuSpan]) -> frozenset[int]:
    return frozenset(t.start for t in toks for s in spans if s.start <= t.start < s.end)


def _may_head(words: Sequence[str]) -> bool:
    """A sentence with a possible post or organisation head needs natasha's morph tags; others do not."""
    return any(_head_word(w) for w in words)


@lru_cache(maxsize=65536)
def _head_word(word: str) -> bool:
    tok = TaggedToken(0, len(word), word, "X", None, None, None)  # untagged: the lemma alone decides
    return any(c.isalpha() for c in word) and (is_post_head(tok) or is_org_head(tok))


@cache
def _org_names() -> frozenset[str]:
    return frozenset(n.lower() for n in load_lines("entities/ru_org_names.txt"))


def _org_name(span: RuSpan) -> bool:
    """A union, international organisation or the presidential residence natasha takes for a place or a
    person ('ЕС', 'Евросоюз', 'Акорды'): by its normal form, its text or, for one word, a lemma."""
    names = _org_names()
    if span.normal.lower() in names or span.text.lower() in names:
        return True
    return " " not in span.text and any(p.normal_form in names for p in ru_morph.parses(span.text.lower()))


def _natasha_type(span: RuSpan) -> MentionType:
    """natasha's type, except that unions, international organisations and the like are ORG."""
    if span.type != "ORG" and _org_name(span):
        return "ORG"
    return "ORG" if span.type == "ORG" else "LOC"


def _natasha_norm(span: RuSpan, toks: Sequence[TaggedToken], text: str) -> str:
    """natasha's normal form for places; organisations keep their dependents as written."""
    if span.type == "ORG":
        return nominative_phrase(toks, span.start, span.end, text)
    return span.normal


@dataclass(frozen=True)
class RuLayers:
    """Russian mentions (``mentions``, what ``find_ru`` returns) beside natasha's own ORG/LOC spans."""

    mentions: list[Mention]
    natasha: list[Mention]  # natasha's ORG and LOC spans as it found them, norm = its normal form


def find_ru(text: str, sentences: Sequence[tuple[int, int]]) -> list[Mention]:
    """All Russian mentions of consecutive sentences (natasha runs once over their whole range)."""
    return analyse_ru(text, sentences).mentions


def analyse_ru(text: str, sentences: Sequence[tuple[int, int]]) -> RuLayers:
    """Our mentions and natasha's ORG/LOC spans of consecutive sentences."""
    if not sentences:
        return RuLayers([], [])
    ana = analyse(text, sentences[0][0], sentences[-1][1], tag_if=_may_head)
    groups: dict[int, Quoted] = {q.start: q for s, e in sentences for q in find_quoted(text, s, e)}
    named = [m for s, e in sentences for m in quoted_mentions(text, s, e, "ru")]
    regions = _region_starts(text, ana.tokens, sentences[0][0], sentences[-1][1])
    opens = _opener_or_place(regions)
    natasha_people = [
        _with_surname(p, ana.tokens, text)
        for p in (_trim(s, ana.tokens, opens) for s in ana.spans if s.type == "PER" and not _overlaps(s, named))
        if not _starts(ana.tokens, [p]) <= regions and not _org_name(p)
    ]
    places = _starts(ana.tokens, [s for s in ana.spans if s.type != "PER"])
    ctx = Context(groups, _starts(ana.tokens, natasha_people), places, regions)
    roles = find_roles(text, ana.tokens, ctx)
    found = [*natasha_people, *_kk_names(ana.tokens, natasha_people, roles, text, places)]
    found += _surnames_before_posts(ana.tokens, found, roles, text)
    spans = sorted(found, key=lambda s: s.start)
    ctx = Context(groups, _starts(ana.tokens, spans), places, regions)
    roles = find_roles(text, ana.tokens, ctx)
    people = _people(text, spans, roles, ana.tokens)
    kept_roles = [r.mention for r in roles if not r.bare or any(p.role == r.mention.norm for p in people)]
    orgs = [o for o in find_orgs(text, ana.tokens, ctx) if not _overlaps(o, named)]
    heads = [*orgs, *named, *people]
    natasha = [
        Mention(_natasha_type(s), s.start, s.end, s.text, _natasha_norm(s, ana.tokens, text))
        for s in (_trim(s, ana.tokens, is_post_head) for s in ana.spans if s.type in ("ORG", "LOC") or _org_name(s))
    ]
    others = [
        m for m in natasha
        if not _overlaps(m, heads) and not _crosses(m, kept_roles) and not any(r.start == m.start for r in kept_roles)
    ]  # a span that opens with a post ('Аким области' as a place) is that post
    return RuLayers([*people, *kept_roles, *orgs, *named, *others], natasha)
