"""CLEAN stage: boilerplate lines out, whitespace, quotes, dashes and look-alike letters normalised.

Three ordered lists of small named rules:

* ``TEXT_RULES`` rewrite the whole text (newlines, invisible characters, spaces);
* ``LINE_RULES`` rewrite each stripped line (dashes, quotes, Latin look-alikes in Cyrillic words);
* ``DROP_RULES`` decide whether a line is boilerplate or page chrome (menus, share rows, time stamps,
  photo credits, tag rows, view counters); a dropped line is kept as a ``RemovedLine`` whose ``reason``
  is the rule's name. Lone bylines other than photo credits are dropped only at the end
  (``trailing_byline``).

Dropping is conservative: a line with more than ``MAX_BOILERPLATE_WORDS`` words, or a sentence of
several words with a number in it, is never dropped (cookie notices, which are long, and time stamps,
which must match whole, excepted). ``clean`` is idempotent: cleaning a cleaned text changes nothing.

The document's text is its title, as the first paragraph, then the cleaned body (unless the body
already starts with the title): a title is text that figures, places and people come from. The
**dateline** ('АСТАНА. KAZINFORM –', 'Астана. 18 августа.', 'ТАРАЗ. ҚазАқпарат –') at the start of
the release is found and marked (``Cleaned.dateline``): it stays text, but the place it names is where
the story was filed, not a region the release speaks of. Entry point: ``run(raw) -> Cleaned``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from aimaq.records import Cleaned, RawDocument, RemovedLine, Span
from aimaq.resources import load_json

MAX_BOILERPLATE_WORDS = 12
MAX_COOKIE_WORDS = 80
MIN_WORDS_OF_A_NUMBERED_SENTENCE = 4
DATELINE_LINES = 6  # a dateline opens one of the first lines of a release

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


def timestamp(line: str) -> bool:
    """A time stamp or publication date standing alone: '16:22, 25 Декабрь 2025 | GMT +5',
    'Опубликовано: 12.03.2024 10:15', '- октябрь 29, 2025', 'Аймақтар 22 Қазан, 2021'. The whole line must
    be one, so it needs no length guard."""
    return bool(_timestamp_pattern().fullmatch(_trim(line.strip(" –-"))))


def photo_credit(line: str) -> bool:
    """'Фото: акимат области', 'Сурет: akorda.kz', 'Фото из открытых источников', anywhere in the text."""
    return not _protected(line) and _matches("photo_credit", line)


def tags(line: str) -> bool:
    """'Тренды:', 'Теги: инвестиции, промышленность', 'Тегтер: ...'."""
    return not _protected(line) and _matches("tags", line)


def counter(line: str) -> bool:
    """View and comment counters ('67', '165 рет', 'оқылды'), currency tickers ('USD: 494.87')."""
    return not _protected(line) and _matches("counter", line)


def placeholder(line: str) -> bool:
    """'None', 'null': what a crawler writes for an empty field."""
    return _matches("placeholder", line)


DROP_RULES: tuple[Callable[[str], bool], ...] = (
    mobile_version,
    share,
    cookie_notice,
    read_also,
    navigation,
    separator_only,
    timestamp,
    photo_credit,
    tags,
    counter,
    placeholder,
)


@cache
def _boilerplate_words(section: str) -> str:
    """The alternatives of one word list of boilerplate.json (all languages), longest first."""
    spec = load_json("boilerplate.json")[section]
    words = {w for lang, ws in spec.items() if lang != "comment" for w in ws}
    return "|".join(sorted(words, key=len, reverse=True))


@cache
def _date_patterns() -> tuple[str, str]:
    """A date ('25 Декабрь 2025', 'октябрь 29, 2025', '12.03.2024', '18 августа') and a time ('16:22')."""
    month = rf"(?:{_boilerplate_words('months')})[^\W\d_]*\.?"
    year = r"(?:19|20)\d\d(?: ?(?:г|ж|года|жыл[^\W\d_]*)\.?)?"
    date = (rf"(?:\d{{1,2}} {month}(?:,? {year})?|{month} \d{{1,2}},? {year}|\d{{1,2}}[./]\d{{1,2}}[./](?:\d{{4}}|\d\d)"
            r"|\d{4}-\d\d-\d\d)")
    time = r"\d{1,2}:\d\d(?::\d\d)?"
    return date, time


@cache
def _timestamp_pattern() -> re.Pattern[str]:
    date, time = _date_patterns()
    published = rf"(?:(?:{_boilerplate_words('published')}) ?:? ?)"
    stamp = rf"(?:{time},? ?(?:{date})?|{date}(?:,? (?:в )?{time})?|{time})"
    zone = r"(?: ?\|? ?(?:GMT|UTC) ?[+-] ?\d{1,2}(?::?\d\d)?)?"
    rubric = r"(?:[^\W\d_]+ )?"  # a section name before the date: 'Аймақтар 22 Қазан, 2021'
    return re.compile(rf"(?:{published}|{rubric}){stamp}{zone}", re.IGNORECASE)


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
    """The stage as the pipeline calls it: the title as the first paragraph, then the body, cleaned; the
    title and the dateline marked."""
    return with_title(clean(raw.text), clean_title(raw.title))


def clean_title(title: str | None) -> str | None:
    """A title as one cleaned line (None when it is empty)."""
    if title is None:
        return None
    for rule in TEXT_RULES:
        title = rule(title)
    line = " ".join(title.split())
    for line_rule in LINE_RULES:
        line = line_rule(line)
    return line or None


def with_title(body: Cleaned, title: str | None) -> Cleaned:
    """The cleaned body with the title as its first paragraph (unless the body already starts with it),
    the title's span and the dateline marked."""
    text, span = body.text, None
    if title:
        starts = text[: len(title)].casefold() == title.casefold()
        if not (starts and (len(text) == len(title) or not text[len(title)].isalnum())):
            text = f"{title}\n\n{text}" if text else title
        span = Span(0, len(title))
    return Cleaned(text=text, removed=body.removed, title=span, dateline=find_dateline(text))


@cache
def _dateline_pattern() -> re.Pattern[str]:
    """PLACE[.,] [DATE[.,]] [–] [AGENCY][.,] [–]: 'АСТАНА. KAZINFORM –', 'Астана. 18 августа.',
    'АСТАНА, 29 қаңтар – Sputnik.', 'ТАРАЗ. ҚазАқпарат –'. The agency is a known one, a word in
    capitals or a '*.kz' name."""
    date, _ = _date_patterns()
    agencies = load_json("boilerplate.json")["agencies"]["names"]
    known = "|".join(sorted(agencies, key=len, reverse=True))
    agency = rf"(?:{known}|(?-i:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ.-]{{2,}})|[\w-]+\.kz)"
    place = r"(?P<place>[^\W\d_]+(?:[ -][^\W\d_]+){0,2})"
    return re.compile(
        rf"{place}[.,] (?:(?P<date>{date})(?: ?[.,])? ?)?(?:– ?)?(?P<agency>{agency})?(?:[.,])?(?: ?–)?",
        re.IGNORECASE,
    )


_NOT_A_PLACE = frozenset({"в", "во", "на", "из", "с", "со", "по", "к", "ко", "у", "о", "об", "от", "до", "при", "для",
                          "и", "а", "но", "за", "под", "над"})  # 'В Алматы, 12 марта – ...' opens a sentence


def _capitalised(words: str) -> bool:
    parts = re.split(r"[ -]", words)
    return parts[0].casefold() not in _NOT_A_PLACE and all(w[:1].isupper() for w in parts)


def find_dateline(text: str) -> Span | None:
    """The dateline opening one of the first ``DATELINE_LINES`` lines, without trailing spaces."""
    offset, seen = 0, 0
    for line in text.split("\n"):
        if line.strip():
            m = _dateline_pattern().match(line)
            if m and _capitalised(m["place"]) and (m["date"] or m["agency"]) and _ends_a_dateline(m, line):
                return Span(offset, offset + len(m.group().rstrip()))
            seen += 1
            if seen >= DATELINE_LINES:
                return None
        offset += len(line) + 1
    return None


def _ends_a_dateline(m: re.Match[str], line: str) -> bool:
    """A dateline ends with a dash or a full stop, or with the agency before a capitalised word; a
    place in capitals may take an agency in capitals that is no known name."""
    end = m.group().rstrip()
    rest = line[m.end() :].lstrip()
    closed = end.endswith(("–", ".")) or (bool(m["agency"]) and rest[:1].isupper())
    return closed and bool(rest) and (m["place"].isupper() or m["date"] is not None or _known_agency(m["agency"]))


def _known_agency(name: str | None) -> bool:
    agencies = load_json("boilerplate.json")["agencies"]["names"]
    return name is not None and any(re.fullmatch(a, name, re.IGNORECASE) for a in agencies)


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
