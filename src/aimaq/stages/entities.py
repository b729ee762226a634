"""ENTITIES stage: people with their posts, organisations, programmes/zones/funds, posts and places.

Entry point: ``find_entities(text, sentences)``. Russian sentences go through natasha plus our post,
organisation and quoted-name rules (``entities_ru``); Kazakh ones through rules (``entities_kk``).

Conventions:
- PER.norm is the nominative full name; PER.role is the post in its nominative citation form
  ('по мнению акима Мангистауской области Ералы Тогжанова' -> role 'аким Мангистауской области'),
  the same string as the norm of the ROLE mention it came from. A later mention of the same person
  without a post ('- сказал Нурлан Ногаев', a bare 'Назарбаев') takes the post and, for a bare
  surname, the full name stated elsewhere in the document.
- ROLE, ORG and LOC mentions may nest (a ROLE can contain an ORG or a place); PER never overlaps a ROLE.
- PROGRAMME/EVENT norm is the quoted name without its quotes; ORG norm keeps legal form and quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby

from aimaq.records import Mention, Sentence
from aimaq.stages.entities_kk import find_kk
from aimaq.stages.entities_ru import find_ru
from aimaq.stages.names import person_key, surname_key

__all__ = ["find_entities", "person_key"]

_TYPE_ORDER = {"PER": 0, "ROLE": 1, "ORG": 2, "PROGRAMME": 3, "EVENT": 4, "LOC": 5}


def find_entities(text: str, sentences: Sequence[Sentence]) -> list[Mention]:
    """Mentions of people, posts, organisations, programmes and places, sorted by start."""
    found: list[Mention] = []
    for lang, run in groupby(sentences, key=lambda s: s.lang):
        run = list(run)
        if lang == "ru":
            found.extend(find_ru(text, [(s.start, s.end) for s in run]))
        elif lang == "kk":
            for s in run:
                found.extend(find_kk(text, s.start, s.end))
    found.sort(key=lambda m: (m.start, -m.end, _TYPE_ORDER[m.type]))
    return link_people(found)


def link_people(mentions: Sequence[Mention]) -> list[Mention]:
    """Give post-less mentions of a person the post (and a bare surname the full name) stated elsewhere."""
    people = [m for m in mentions if m.type == "PER" and m.norm]
    full = {person_key(m.norm): m.norm for m in people if len(m.norm.split()) >= 2}  # type: ignore[union-attr]
    by_surname: dict[str, set[str]] = {}
    for key, norm in full.items():
        by_surname.setdefault(surname_key(norm), set()).add(key)
    out = []
    for m in mentions:
        if m.type == "PER" and m.norm:
            key = person_key(m.norm)
            if key not in full and len(by_surname.get(surname_key(m.norm), ())) == 1:
                key = next(iter(by_surname[surname_key(m.norm)]))
                m = replace(m, norm=full[key])
            if m.role is None:
                m = replace(m, role=_stated_role(people, key, m.start))
        out.append(m)
    return out


def _stated_role(people: Sequence[Mention], key: str, at: int) -> str | None:
    """The post stated for a person nearest before ``at``, else the first one stated after it."""
    stated = [p for p in people if p.role and person_key(p.norm or "") == key]
    before = [p for p in stated if p.start < at]
    if before:
        return before[-1].role
    return stated[0].role if stated else None
