"""CLEAN stage: boilerplate lines out, whitespace, quotes, dashes and look-alike letters normalised.

Three ordered lists of small named rules:

* ``TEXT_RULES`` rewrite the whole text (newlines, invisible characters, spaces);
* ``LINE_RULES`` rewrite each stripped line (dashes, quotes, Latin look-alikes in Cyrillic words);
* ``DROP_RULES`` decide whether a line is boilerplate; a dropped line is kept as a ``RemovedLine`` whose
  ``reason`` is the rule's name. Lone bylines are dropped only at the end (``trailing_byline``).

Dropping is conservative: a line with more than ``MAX_BOILERPLATE_WORDS`` words, or a sentence of
several words with a number in it, is never dropped (cookie notices, which are long, excepted).
``clean`` is idempotent: cleaning a cleaned text changes nothing. Entry point: ``run(raw) -> Cleaned``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from aimaq.records import Cleaned, RawDocument, RemovedLine
from aimaq.resources import load_json

MAX_BOILERPLATE_WORDS = 12
MAX_COOKIE_WORDS = 80
MIN_WORDS_OF_A_NUMBERED_SENTENCE = 4

_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")

# --------------------------------------------------------------------------- text rules


def unify_newlines(text: str) -> str:
    """CRLF, CR, line/paragraph separators, vertical tab, form feed, NEL -> '\\n'."""
    return re.sub(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]", "\n", text)


def drop_invisible(text: str) -> str:
    """Soft hyphens, zero-width and direction marks, BOMs and control characters removed."""
    return re.sub(
        r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
        r"\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]",
        "",
        text,
    )


def unify_spaces(text: str) -> str:
    """NBSP, narrow NBSP, thin and other Unicode spaces, tabs -> one plain space per run."""
    return re.sub(r"[^\S\n]+", " ", text)


TEXT_RULES: tuple[Callable[[str], str], ...] = (unify_newlines, drop_invisible, unify_spaces)

# --------------------------------------------------------------------------- line rules


def unify_dashes(line: str) -> str:
    """Em, horizontal-bar and figure dashes -> '–'; a hyphen standing between spaces (or opening a line
    of dialogue) -> '–'; hyphen variants and the minus sign -> '-'."""
    line = re.sub(r"[\u2014\u2015\u2012]", "\u2013", line)
    line = re.sub(r"[\u2010\u2011\u2212]", "-", line)
    return re.sub(r"(?:(?<= )|^)-(?= )", "\u2013", line)


_OPENING_CONTEXT = " ([{«/–-"
_QUOTES = '"\u201c\u201d\u201e\u201f'


def unify_quotes(line: str) -> str:
    """Typographic double quotes (“ ” „ ‟) and pairs of straight quotes -> « »; the side is read from
    the neighbours. Straight quotes are left alone unless all of a line's pair up."""
    if not any(q in line for q in _QUOTES):
        return line
    chars = list(line)
    # typographic quotes first, so that straight ones are read beside what a second pass would see
    typographic = {i: _quote_side(chars, i) for i, ch in enumerate(chars) if ch in _QUOTES and ch != '"'}
    for i, side in typographic.items():
        if side:
            chars[i] = side
    straight = {i: _quote_side(chars, i) for i, ch in enumerate(chars) if ch == '"'}
    if _balanced(list(straight.values())):  # so every side is decided
        for i, side in straight.items():
            if side:
                chars[i] = side
    return "".join(chars)


def _balanced(sides: list[str | None]) -> bool:
    """Every quote decided, and they open and close in proper (possibly nested) pairs."""
    depth = 0
    for side in sides:
        if side is None:
            return False
        depth += 1 if side == "«" else -1
        if depth < 0:
            return False
    return depth == 0


def _quote_side(chars: list[str], i: int) -> str | None:
    before = chars[i - 1] if i > 0 else " "
    after = chars[i + 1] if i + 1 < len(chars) else " "
    opens = before in _OPENING_CONTEXT or before == "«" or chars[i] in "\u201e\u201f"
    if opens and after != " ":
        return "«"
    if before != " " and before != "«":
        return "»"
    return None


@cache
def _lookalikes() -> dict[int, str]:
    return str.maketrans(load_json("lookalikes.json")["latin_to_cyrillic"])


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


def fix_lookalikes(line: str) -> str:
    """In a word that is otherwise Cyrillic, Latin look-alikes become their Cyrillic twins
    ('Aктау' -> 'Актау', 'iшкi' -> 'ішкі'); wholly Latin words stay as they are."""
    table = _lookalikes()

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        if not any(_is_cyrillic(ch) for ch in word):
            return word
        others = [ch for ch in word if not _is_cyrillic(ch)]
        if not others or any(ord(ch) not in table for ch in others):
            return word
        return word.translate(table)

    return _LETTERS.sub(fix, line)


LINE_RULES: tuple[Callable[[str], str], ...] = (unify_dashes, unify_quotes, fix_lookalikes)

# --------------------------------------------------------------------------- drop rules


@cache
def _patterns(rule: str | None) -> re.Pattern[str]:
    """One case-insensitive pattern per rule (None: all rules), from every language of boilerplate.json."""
    rules = load_json("boilerplate.json")["rules"]
    chosen = rules.values() if rule is None else [rules[rule]]
    alternatives = [p for per_lang in chosen for patterns in per_lang.values() for p in patterns]
    return re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


_SEPARATORS = re.compile(r"\s*(?:[|•·›/]|\s>\s)\s*")
_EDGE_JUNK = " :.!→>•·*►▶"


def _trim(part: str) -> str:
    return part.strip(_EDGE_JUNK)


def _matches(rule: str, line: str) -> bool:
    """The line is boilerplate of this rule, or a row of boilerplate items ('Главная | Мобильная версия')
    between separators with at least one of this rule."""
    pattern = _patterns(rule)
    if pattern.fullmatch(_trim(line)):
        return True
    parts = [p for p in map(_trim, _SEPARATORS.split(line)) if p]
    if len(parts) < 2 or not any(pattern.fullmatch(p) for p in parts):
        return False
    return all(_patterns(None).fullmatch(p) for p in parts)


def _protected(line: str) -> bool:
    """Lines that carry real content: long ones, and sentences with numbers."""
    words = len(_WORD.findall(line))
    has_number = bool(re.search(r"\d", line))
    return words > MAX_BOILERPLATE_WORDS or (has_number and words >= MIN_WORDS_OF_A_NUMBERED_SENTENCE)


def mobile_version(line: str) -> bool:
    """'Мобильная версия', 'Толық нұсқа', 'Версия для слабовидящих', 'Print version' ..."""
    return not _protected(line) and _matches("mobile_version", line)


def share(line: str) -> bool:
    """'Поделиться', 'Бөлісу', 'Подписывайтесь на наш Telegram', rows of social-network names ..."""
    return not _protected(line) and _matches("share", line)


def cookie_notice(line: str) -> bool:
    """'Мы используем файлы cookie ...'; these run long, so only a looser length cap applies."""
    return len(_WORD.findall(line)) <= MAX_COOKIE_WORDS and _matches("cookie", line)


def read_also(line: str) -> bool:
    """'Читайте также: ...', 'Оқи отырыңыз', 'По теме', 'Другие новости' ..."""
    return not _protected(line) and _matches("read_also", line)


def navigation(line: str) -> bool:
    """Menu items standing alone: 'Главная', 'Басты бет', 'Назад', 'ҚАЗ | РУС | ENG' ..."""
    return not _protected(line) and _matches("navigation", line)


def separator_only(line: str) -> bool:
    """Lines with no letter or digit at all: '|', '***', '• • •'."""
    return bool(line) and not re.search(r"[^\W_]", line)


DROP_RULES: tuple[Callable[[str], bool], ...] = (
    mobile_version,
    share,
    cookie_notice,
    read_also,
    navigation,
    separator_only,
)


@cache
def _byline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    byline = load_json("boilerplate.json")["byline"]
    prefixes = sorted({p for ps in byline["prefixes"].values() for p in ps}, key=len, reverse=True)
    phrases = [p for ps in byline["phrases"].values() for p in ps]
    prefix = re.compile(r"(?:" + "|".join(map(re.escape, prefixes)) + r")\s*:\s*\S.*", re.IGNORECASE)
    phrase = re.compile("(?:" + "|".join(phrases) + ")", re.IGNORECASE)
    return prefix, phrase


_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
_INITIALS = re.compile(r"(?:[^\W\d_]\.){1,2}")


def _is_surname_in_caps(token: str) -> bool:
    return bool(_NAME_TOKEN.fullmatch(token)) and token.isupper() and len(token) >= 3


def _is_name_token(token: str) -> bool:
    """'Айгүл', 'Анна-Мария', 'А.', 'А.Б.'"""
    if _INITIALS.fullmatch(token):
        return token.isupper()
    parts = token.split("-")
    return bool(_NAME_TOKEN.fullmatch(token)) and all(p[:1].isupper() and p[1:].islower() for p in parts)


def _is_caps_name(line: str) -> bool:
    """'ИВАНОВ', 'Айгүл НҰРЛАНҚЫЗЫ', 'А. ПЕТРОВ': a signature with the surname in capitals."""
    tokens = line.rstrip(".").split()
    if not 1 <= len(tokens) <= 3 or not any(_is_surname_in_caps(t) for t in tokens):
        return False
    return all(_is_surname_in_caps(t) or _is_name_token(t) for t in tokens)


def trailing_byline(line: str) -> bool:
    """A short last line that only signs the text: 'Фото: ...', 'Автор: ...', a SURNAME in capitals."""
    if _protected(line):
        return False
    prefix, phrase = _byline_patterns()
    core = _trim(line)
    return bool(prefix.fullmatch(core) or phrase.fullmatch(core)) or _is_caps_name(core)


# --------------------------------------------------------------------------- entry point


def run(raw: RawDocument) -> Cleaned:
    """The stage as the pipeline calls it: the document's body cleaned."""
    return clean(raw.text)


def clean(text: str) -> Cleaned:
    """The cleaned body of a document and the lines dropped from it, each with its rule's name."""
    for rule in TEXT_RULES:
        text = rule(text)
    lines = []
    for raw in text.split("\n"):
        line = raw.strip(" ")
        for rule in LINE_RULES:
            line = rule(line)
        lines.append(line)
    kept, removed = _drop_boilerplate(lines)
    kept, removed = _drop_trailing_bylines(kept, removed)
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    return Cleaned(text=body, removed=tuple(removed))


def _drop_boilerplate(lines: list[str]) -> tuple[list[str], list[RemovedLine]]:
    kept: list[str] = []
    removed: list[RemovedLine] = []
    for line in lines:
        rule = next((r for r in DROP_RULES if line and r(line)), None)
        if rule is None:
            kept.append(line)
        else:
            removed.append(RemovedLine(line, rule.__name__))
    return kept, removed


def _drop_trailing_bylines(
    lines: list[str], removed: list[RemovedLine]
) -> tuple[list[str], list[RemovedLine]]:
    """Drop bylines from the end, one after another ('Фото: ...' under 'Иван ПЕТРОВ')."""
    lines = list(lines)
    while lines and not lines[-1]:
        lines.pop()
    tail: list[RemovedLine] = []
    while lines and trailing_byline(lines[-1]) and any(lines[:-1]):
        tail.append(RemovedLine(lines.pop(), trailing_byline.__name__))
        while lines and not lines[-1]:
            lines.pop()
    return lines, removed + tail[::-1]


def rule_names() -> tuple[str, ...]:
    """Every rule in the order it runs (for ``aimaq explain`` and the docs)."""
    rules = (*TEXT_RULES, *LINE_RULES, *DROP_RULES, trailing_byline)
    return tuple(r.__name__ for r in rules)
