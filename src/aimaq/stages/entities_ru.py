"""Russian entities: natasha/slovnet PER/ORG/LOC, patched with our posts, organisations and quoted names.

Person/post linking: a post right before a name ('аким Атырауской области Нурлан Ногаев') or right
after it behind a comma ('Шахаров, аким области') becomes the person's ``role``, in its nominative
citation form ('по мнению акима Мангистауской области …' -> 'аким Мангистауской области'). The post
head's case is the name's case, which settles 'Ералы Тогжанова' (genitive) -> 'Ералы Тогжанов'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aimaq.morph import ru as ru_morph
from aimaq.records import Mention
from aimaq.stages.names import given_gender, has_surname_suffix, is_capitalised
from aimaq.stages.natasha_ru import RuSpan, RuTok, analyse
from aimaq.stages.posts_ru import (
    Context,
    RoleHit,
    find_orgs,
    find_roles,
    is_org_head,
    is_post_head,
    nominative_phrase,
)
from aimaq.stages.quoted import Quoted, find_quoted, quoted_mentions
from aimaq.stages.tokens import adjacent

_FEM_ENDINGS = ("ова", "ева", "ёва", "ина", "ына")
_MASC_ENDINGS = ("ов", "ев", "ёв", "ин", "ын")
_GIVEN_CASE_ENDINGS = ("ом", "ым", "а", "у", "е", "я", "ю")


def _name_gender(given: str) -> tuple[str, str | None]:
    """A given name put back in the nominative where our list knows it, and its gender ('m', 'f', None)."""
    gender = given_gender(given)
    if gender:
        return given, gender
    for ending in _GIVEN_CASE_ENDINGS:
        stem = given[: -len(ending)]
        if given.endswith(ending) and given_gender(stem) == "m":
            return stem, "m"
    for parse in ru_morph.parses(given):
        if "Name" in parse.tag and parse.tag.gender in ("masc", "femn"):
            return given, "m" if parse.tag.gender == "masc" else "f"
    return given, None


def person_norm(normal: str, case: str | None) -> str:
    """Fix natasha's normal form of a full name with the given name's gender or the post's case."""
    words = normal.split()
    if len(words) < 2:
        return normal
    given, gender = _name_gender(words[0])
    surname = words[-1]
    oblique = gender is None and case in ("Gen", "Acc")
    if (gender == "m" or oblique) and surname.endswith(_FEM_ENDINGS):
        surname = surname[:-1]
    elif gender == "f" and surname.endswith(_MASC_ENDINGS):
        surname += "а"
    return " ".join([given, *words[1:-1], surname])


def _kk_names(
    toks: Sequence[RuTok], people: Sequence[RuSpan], roles: Sequence[RoleHit], text: str
) -> list[RuSpan]:
    """Names natasha missed: a Kazakh given name + a surname, or two capitalised words after a post."""
    taken = {t.start for t in toks for p in people if p.start <= t.start < p.end}
    ends = {r.mention.end for r in roles}
    out: list[RuSpan] = []
    for a, b in zip(toks, toks[1:], strict=False):
        if a.start in taken or b.start in taken or not (is_capitalised(a.text) and is_capitalised(b.text)):
            continue
        if not adjacent(text, a.end, b.start):
            continue
        after_post = any(adjacent(text, e, a.start) for e in ends)
        if after_post or (given_gender(a.text) and has_surname_suffix(b.text)):
            out.append(RuSpan("PER", a.start, b.end, text[a.start : b.end], f"{a.text} {b.text}"))
            taken |= {a.start, b.start}
    return out


def _role_of(text: str, person: RuSpan, roles: Sequence[RoleHit]) -> RoleHit | None:
    for hit in roles:
        if adjacent(text, hit.mention.end, person.start):
            return hit
        gap = text[person.end : hit.mention.start]
        if person.end <= hit.mention.start and gap.strip() == "," and not hit.bare:
            return hit
    return None


def _people(text: str, spans: Sequence[RuSpan], roles: Sequence[RoleHit]) -> list[Mention]:
    out = []
    for span in spans:
        hit = _role_of(text, span, roles)
        case = hit.case if hit is not None and hit.mention.end <= span.start else None
        role = hit.mention.norm if hit is not None else None
        out.append(Mention("PER", span.start, span.end, span.text, person_norm(span.normal, case), role))
    return out


def _overlaps(m: Mention | RuSpan, others: Sequence[Mention]) -> bool:
    return any(m.start < o.end and o.start < m.end for o in others)


def _crosses(m: RuSpan, others: Sequence[Mention]) -> bool:
    """Overlaps without being inside ('Сегодня Аким' across the start of a post)."""
    return any(
        m.start < o.end and o.start < m.end and not (o.start <= m.start and m.end <= o.end) for o in others
    )


def _title_noun(word: str) -> bool:
    """A dictionary common noun that is never a name ('Император', 'Принц'), unknown to our name list."""
    found = ru_morph.parses(word)
    return (
        not given_gender(word)
        and bool(found)
        and all(p.is_known and p.tag.POS == "NOUN" for p in found)
        and not any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in found)
    )


def _trim(span: RuSpan, toks: Sequence[RuTok]) -> RuSpan:
    """Drop a post or organisation word natasha put in front of a name ('Мажилиса Бауыржан Бекетов')."""
    if "\n" in span.text:  # natasha runs over line breaks: 'Нарухито\nВерхняя'
        cut = span.text.index("\n")
        words = len(span.text[:cut].split())
        span = RuSpan(
            span.type, span.start, span.start + cut, span.text[:cut], " ".join(span.normal.split()[:words])
        )
    inside = [t for t in toks if span.start <= t.start < span.end]
    drop = 0
    while drop < len(inside) - 1 and (
        is_post_head(inside[drop]) or is_org_head(inside[drop]) or _title_noun(inside[drop].text)
    ):
        drop += 1
    if not drop:
        return span
    start = inside[drop].start
    normal = " ".join(span.normal.split()[drop:]) or span.text[start - span.start :]
    return RuSpan(span.type, start, span.end, span.text[start - span.start :], normal)


def _starts(toks: Sequence[RuTok], spans: Sequence[RuSpan]) -> frozenset[int]:
    return frozenset(t.start for t in toks for s in spans if s.start <= t.start < s.end)


def _natasha_norm(span: RuSpan, toks: Sequence[RuTok], text: str) -> str:
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
    ana = analyse(text, sentences[0][0], sentences[-1][1])
    groups: dict[int, Quoted] = {q.start: q for s, e in sentences for q in find_quoted(text, s, e)}
    named = [m for s, e in sentences for m in quoted_mentions(text, s, e, "ru")]
    natasha_people = [_trim(s, ana.tokens) for s in ana.spans if s.type == "PER" and not _overlaps(s, named)]
    places = _starts(ana.tokens, [s for s in ana.spans if s.type != "PER"])
    ctx = Context(groups, _starts(ana.tokens, natasha_people), places)
    roles = find_roles(text, ana.tokens, ctx)
    spans = sorted(
        [*natasha_people, *_kk_names(ana.tokens, natasha_people, roles, text)], key=lambda s: s.start
    )
    ctx = Context(groups, _starts(ana.tokens, spans), places)
    roles = find_roles(text, ana.tokens, ctx)
    people = _people(text, spans, roles)
    kept_roles = [r.mention for r in roles if not r.bare or any(p.role == r.mention.norm for p in people)]
    orgs = [o for o in find_orgs(text, ana.tokens, ctx) if not _overlaps(o, named)]
    heads = [*orgs, *named, *people]
    natasha = [
        Mention(s.type, s.start, s.end, s.text, _natasha_norm(s, ana.tokens, text))  # type: ignore[arg-type]
        for s in ana.spans
        if s.type in ("ORG", "LOC")
    ]
    others = [m for m in natasha if not _overlaps(m, heads) and not _crosses(m, kept_roles)]
    return RuLayers([*people, *kept_roles, *orgs, *named, *others], natasha)
