"""ENTITIES stage: people with their posts, organisations, programmes/zones/funds, posts and places.

Entry point: ``run(cleaned, segmented) -> Entities`` (``find_entities(text, sentences)`` on plain
values). Russian sentences go through natasha plus our post, organisation and quoted-name rules
(``aimaq.ner.mentions_ru``); Kazakh ones through rules (``aimaq.ner.mentions_kk``) and our CRF tagger
trained on KazNERD (``aimaq.ner.tagger_kk``), whose mentions fill in where no rule matched.

Conventions:
- PER.norm is the nominative full name; PER.role is the post in its nominative citation form
  ('по мнению акима Мангистауской области Ералы Тогжанова' -> role 'аким Мангистауской области'),
  the same string as the norm of the ROLE mention it came from. A later mention of the same person
  without a post ('- сказал Нурлан Ногаев', a bare 'Назарбаев') takes the post and, for a bare
  surname, the full name stated elsewhere in the document.
- ROLE, ORG and LOC mentions may nest (a ROLE can contain an ORG or a place); PER never overlaps a ROLE.
- PROGRAMME/EVENT norm is the quoted name without its quotes; ORG norm keeps legal form and quotes.
- A name that names no person of the text is no PER (``aimaq.ner.not_people``): part of a place or
  body name ('Сәтбаев қаласы', 'школа имени Абая'; then its other mentions without a post too), a by-line
  or credit, a word no name is written like, and a one-word name that is no surname and that no full
  name or post of the document explains ('Жәнібек', 'Лемье'). ``rejected_people`` lists them with
  the rule's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby

from aimaq.ner.mentions_kk import find_kk
from aimaq.ner.mentions_ru import find_ru
from aimaq.ner.not_people import lone_word, why_not
from aimaq.ner.tagger_kk import find_mentions as find_kk_model
from aimaq.records import Cleaned, Entities, Mention, Segmented, Sentence
from aimaq.text.names import person_key, same_person

__all__ = ["find_entities", "person_key", "rejected_people", "same_person"]

_TYPE_ORDER = {"PER": 0, "ROLE": 1, "ORG": 2, "PROGRAMME": 3, "EVENT": 4, "LOC": 5}


def run(cleaned: Cleaned, segmented: Segmented) -> Entities:
    """The stage as the pipeline calls it."""
    return Entities(tuple(find_entities(cleaned.text, segmented.sentences)))


def find_entities(text: str, sentences: Sequence[Sentence]) -> list[Mention]:
    """Mentions of people, posts, organisations, programmes and places, sorted by start."""
    return _entities(text, sentences)[0]


def rejected_people(text: str, sentences: Sequence[Sentence]) -> list[tuple[Mention, str]]:
    """The names ``find_entities`` did not keep as people, each with the rule that set it aside
    (``aimaq.ner.not_people``; 'a lone word' for a one-word name no full name or post explains)."""
    return _entities(text, sentences)[1]


def _entities(text: str, sentences: Sequence[Sentence]) -> tuple[list[Mention], list[tuple[Mention, str]]]:
    found: list[Mention] = []
    rejected: list[tuple[Mention, str]] = []
    for lang, group in groupby(sentences, key=lambda s: s.lang):
        run = list(group)
        if lang == "ru":
            found.extend(_sift(text, find_ru(text, [(s.start, s.end) for s in run]), "ru", rejected))
        elif lang == "kk":
            for s in run:
                both = with_model(find_kk(text, s.start, s.end), find_kk_model(text, s.start, s.end))
                found.extend(_sift(text, both, "kk", rejected))
    found.sort(key=lambda m: (m.start, -m.end, _TYPE_ORDER[m.type]))
    places = {person_key(m.norm or m.text) for m, why in rejected if why in _PLACE_RULES}
    kept = []
    for m in found:
        if m.type == "PER" and m.role is None and person_key(m.norm or m.text) in places:
            rejected.append((m, "names a place elsewhere in the document"))
        else:
            kept.append(m)
    linked = link_people(kept)
    rejected += [(m, "a lone word") for m in linked if _lone(m)]
    return [m for m in linked if not _lone(m)], sorted(rejected, key=lambda r: r[0].start)


_PLACE_RULES = frozenset({"names a place or body", "an item of a list of places"})


def _sift(text: str, mentions: Sequence[Mention], lang: str, rejected: list[tuple[Mention, str]]) -> list[Mention]:
    """The mentions of one run of sentences less the names that are no person (``not_people.RULES``)."""
    kept = []
    for m in mentions:
        why = why_not(text, m, mentions, lang) if m.type == "PER" else None
        if why is None:
            kept.append(m)
        else:
            rejected.append((m, why))
    return kept


def _lone(m: Mention) -> bool:
    return m.type == "PER" and m.role is None and lone_word(m.norm or m.text)


def with_model(rules: Sequence[Mention], model: Sequence[Mention]) -> list[Mention]:
    """Rule mentions, plus the model's mentions that overlap none of them.

    The rules know posts without a named place ('облыс әкімі') and quoted names, which KazNERD does not
    annotate; the model knows names and organisations no rule anticipates. Where both speak, the rule wins.
    """
    kept = list(rules)
    for m in model:
        if not any(r.start < m.end and m.start < r.end for r in rules):
            kept.append(m)
    return kept


def link_people(mentions: Sequence[Mention]) -> list[Mention]:
    """Give post-less mentions of a person the post (and a shortened name the full name) stated elsewhere.

    A shortened name ('Ногаев', 'Н. Ногаев', 'Шахаровтың' read as 'Шахаров') takes the full name when
    exactly one full name of the document is the same person (``names.same_person``); a post stated
    with any mention of the person then goes to the others.
    """
    full = {person_key(m.norm): m.norm for m in mentions if m.type == "PER" and m.norm and _is_full(m.norm)}
    named = [_full_name(m, full) if m.type == "PER" and m.norm else m for m in mentions]
    people = [m for m in named if m.type == "PER" and m.norm]
    return [
        replace(m, role=_stated_role(people, person_key(m.norm), m.start))
        if m.type == "PER" and m.norm and m.role is None
        else m
        for m in named
    ]


def _is_full(name: str) -> bool:
    """Two or more words that are not initials ('Асхат Шахаров', not 'Н. Шахаров')."""
    return sum(len(w.rstrip(".")) > 1 for w in name.split()) >= 2


def _full_name(m: Mention, full: dict[str, str]) -> Mention:
    if person_key(m.norm or "") in full:
        return m
    matches = [norm for norm in full.values() if same_person(m.norm or "", norm)]
    return replace(m, norm=matches[0]) if len(matches) == 1 else m


def _stated_role(people: Sequence[Mention], key: str, at: int) -> str | None:
    """The post stated for a person nearest before ``at``, else the first one stated after it."""
    stated = [p for p in people if p.role and person_key(p.norm or "") == key]
    before = [p for p in stated if p.start < at]
    if before:
        return before[-1].role
    return stated[0].role if stated else None
