"""Person names that name no person of the text, each rejected by a named rule.

A tagger or a name rule finds a name; these rules say when it is not a person the text speaks of:
a name inside a place or body name ('Сәтбаев қаласы', 'Мағжан Жұмабаев ауданы', '… атындағы мектеп',
'улица Кунаева', 'школа имени Абая'), an item of a list of places ('аудандар – Бекетов, Жанталов'), a
name inside a quoted name ('«Мұхтар Әуезов» ЖШС'), the author's by-line or a photo credit ('Павлодар. 3
марта. КазТАГ – Ольга Петренко.', 'Фото: …', a name alone on its line), a word that is no name ('КазТАГ').

``why_not(text, mention, others, lang)`` gives the name of the first rule of ``RULES`` that rejects a
PER mention, or None; ``lone_word`` is the document-level check for a one-word name nobody else explains.
Place and body words are data: ``data/entities/place_heads_kk.txt`` (a Kazakh name stands before them,
which carry a possessive ending) and ``place_heads_ru.txt`` (a Russian name stands after them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from aimaq.ner.quoted_names import find_quoted
from aimaq.records import Mention
from aimaq.resources import load_lines
from aimaq.text.morph import ru as ru_morph
from aimaq.text.names import has_surname_suffix, is_capitalised, is_initial

_CAP = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w‐-]*"
_CAP_WORDS = rf"{_CAP}(?:[ \t]+{_CAP})*"
_AND = r"(?:,|и|және|мен|пен|бен)"
_KK_TAIL = r"(?:лар|лер|дар|дер|тар|тер)?(?:сы|сі|ы|і)(?:н|ның|нің|на|не|нда|нде|ндағы|ндегі|нан|нен|мен)?"
_KK_PLURAL = r"(?:лар|лер|дар|дер|тар|тер)"
_LIST_BEFORE = re.compile(rf"(\w+)[ \t]*[:–—-][ \t]*(?:{_CAP_WORDS}[ \t]*{_AND}[ \t]*)*$")
_LIST_AFTER = re.compile(rf"^(?:[ \t]*{_AND}[ \t]*{_CAP_WORDS})*[ \t]+(\w+(?:[ \t]+\w+)?)")
_WORD_BEFORE = re.compile(r"(\w+\.?)[ \t]+$")
_AGENCY_DASH = re.compile(r"(?:\b\w*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\w*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w.]*)[ \t]*[–—-][ \t]*$")
_CREDIT = re.compile(r"^[ \t]*(?:фото|фотосурет|сурет|автор|суретті түсірген)[ \t]*[:–—-]?[ \t]*$", re.IGNORECASE)


_NAMED = frozenset({"ORG", "PROGRAMME", "EVENT"})
_QUOTES = frozenset("«»\"„“”")
_SHORT_QUOTE = 4  # words: a quoted name, not a quoted speech
_LONG_CAPS = 6  # letters: a word in capitals this long is no abbreviation


@dataclass(frozen=True)
class Seen:
    """A PER mention with what the rules read around it."""

    text: str
    mention: Mention
    others: Sequence[Mention]  # the other mentions of its sentences
    lang: str

    @property
    def line_before(self) -> str:
        return self.text[self.text.rfind("\n", 0, self.mention.start) + 1 : self.mention.start]

    @property
    def line_after(self) -> str:
        end = self.text.find("\n", self.mention.end)
        return self.text[self.mention.end : len(self.text) if end < 0 else end]


@cache
def _kk_places() -> re.Pattern[str]:
    lines = sorted(load_lines("entities/place_heads_kk.txt"), key=len, reverse=True)
    stems = "|".join(re.escape(h) for h in lines if not h.startswith("="))
    words = "|".join(re.escape(h[1:]) for h in lines if h.startswith("="))
    return re.compile(rf"(?:(?:{stems})(?:{_KK_TAIL}|{_KK_PLURAL})|{words})(?!\w)", re.IGNORECASE)


@cache
def _ru_places() -> frozenset[str]:
    return frozenset(load_lines("entities/place_heads_ru.txt"))


def _kk_place_word(words: str, plural_ok: bool = False) -> bool:
    """'ауданы', 'қаласының', 'атындағы', 'ауылдық округі' (and, with ``plural_ok``, 'аудандар')."""
    m = _kk_places().match(words)
    return m is not None and (plural_ok or not re.search(rf"{_KK_PLURAL}$", m.group(), re.IGNORECASE))


def _ru_place_word(word: str) -> bool:
    return _named_after(word) or ru_morph.lemma(word.lower()) in _ru_places()


def _named_after(word: str) -> bool:
    return word.lower() in ("имени", "им.")


def _names_a_place(seen: Seen) -> bool:
    """'Сәтбаев қаласы', 'Мағжан Жұмабаев ауданына', 'Әлия Молдағұлова атындағы мектеп'; 'имени Абая',
    'улице Кунаева' (a Russian name in an oblique case right after a place word, when no post was read
    before it: in 'В городе Асхат Шахаров открыл …' the name is the subject)."""
    if seen.lang == "kk":
        after = seen.line_after.lstrip(" \t")
        return seen.line_after[:1] in (" ", "\t") and _kk_place_word(" ".join(after.split()[:2]))
    before = _WORD_BEFORE.search(seen.line_before)
    if before is None or seen.mention.role is not None:
        return False
    if _named_after(before.group(1)):
        return True
    inflected = " ".join(seen.mention.text.split()) != seen.mention.norm  # 'улице Кунаева', not 'В городе Асхат Шахаров …'
    return inflected and _ru_place_word(before.group(1))


def _in_a_list_of_places(seen: Seen) -> bool:
    """An item of a list that a plural place word opens ('аудандар – Бекетов, Жанталов') or closes
    ('Бекетов, Жанталов және Ақсай аудандарында')."""
    opened = _LIST_BEFORE.search(seen.line_before)
    if opened and _plural_place(opened.group(1)):
        return True
    closed = _LIST_AFTER.match(seen.line_after)
    return bool(
        seen.lang == "kk"
        and closed
        and re.search(rf"(?:^|\s|,){_AND}\s", seen.line_after[: closed.start(1)])
        and _kk_place_word(closed.group(1), plural_ok=True)
    )


def _plural_place(word: str) -> bool:
    """'аудандар', 'аудандары', 'районы', 'районах': a plural place word that may open a list."""
    if re.search(_KK_PLURAL, word, re.IGNORECASE) and _kk_place_word(word, plural_ok=True):
        return not _kk_place_word(word)
    return _ru_place_word(word) and any("plur" in p.tag for p in ru_morph.parses(word.lower()))


def _inside_quotes(seen: Seen) -> bool:
    """'«Абай Дәулет» ЖШС', '«Нұрсұлтан Назарбаев» қоры': part of a quoted name (typed as an
    organisation, programme or event, or a quote of a few words; not a quoted speech)."""
    m = seen.mention
    if any(o.type in _NAMED and o.start <= m.start and m.end <= o.end and _QUOTES & set(o.text) for o in seen.others):
        return True
    lo = seen.text.rfind("\n", 0, m.start) + 1
    return any(
        q.start < m.start and m.end < q.end and len(q.name.split()) <= _SHORT_QUOTE
        for q in find_quoted(seen.text, lo, m.end + len(seen.line_after))
    )


def _byline(seen: Seen) -> bool:
    """The author after the agency in a dateline ('Павлодар. 3 марта. КазТАГ – Ольга Петренко.'), or a
    name alone on its line (an author's or photographer's line at the top or the foot of a page)."""
    after = seen.line_after.strip()
    if not seen.line_before.strip() and after in ("", "."):
        return True
    return after[:1] in ("", ".") and bool(_AGENCY_DASH.search(seen.line_before))


def _credit(seen: Seen) -> bool:
    """'Фото: Айгүл Омарова', 'фото Марата Бекова', 'Суретті түсірген …'."""
    return bool(_CREDIT.match(seen.line_before))


def _not_name_shaped(seen: Seen) -> bool:
    """A word no name is written like ('КазТАГ', 'BAQ.KZ'): every word is capitalised or an initial."""
    words = re.findall(r"[^\W\d_]+(?:[-‐'’][^\W\d_]+)*\.?", seen.mention.text)
    return not words or not all(_name_word(w) for w in words)


def _name_word(word: str) -> bool:
    """'Асхат', 'Е.', "О'Брайен", and a surname in capitals ('БЕКЕТАЕВ Марат', 'Майкл ДЖЕКСОН'), which
    an abbreviation ('ҚР', 'АОСК') is too short and too plain to be."""
    if is_capitalised(word) or is_initial(word) or (word[:1].isupper() and bool(set("'’") & set(word))):
        return True
    return word.isupper() and (has_surname_suffix(word) or len(word) >= _LONG_CAPS)


RULES: tuple[tuple[str, Callable[[Seen], bool]], ...] = (
    ("not shaped like a name", _not_name_shaped),
    ("inside a quoted name", _inside_quotes),
    ("names a place or body", _names_a_place),
    ("an item of a list of places", _in_a_list_of_places),
    ("a by-line", _byline),
    ("a credit", _credit),
)


def why_not(text: str, mention: Mention, others: Sequence[Mention], lang: str) -> str | None:
    """The name of the first rule that says a PER mention is no person of the text, else None."""
    seen = Seen(text, mention, others, lang)
    return next((name for name, rule in RULES if rule(seen)), None)


def lone_word(name: str) -> bool:
    """A one-word name that is no surname ('Жәнібек', 'Лемье', 'Аркалыке' taken for a name): kept only when a full name
    or a post of the document explains it, which the caller checks."""
    words = name.split()
    return len(words) == 1 and "." not in name and not has_surname_suffix(words[0])
