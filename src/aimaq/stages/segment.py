"""SEGMENT stage: sentences and tokens, for Kazakh and Russian alike.

Sentences. Line breaks are decided first: a blank line always ends a sentence, and so does a
single line break, unless it is a hard wrap (no end punctuation before it and a lowercase letter
after it). Inside a block, each '.', '?', '!', '…' (plus closing quotes or brackets) followed by
a space, or stuck to a capitalised word ('области.Аким'), is a candidate. An ordered list of
small named rules (``RULES``) decides each one: the first rule with an opinion wins, and the
default is to split. ``explain_sentences`` returns each decision and the rule that made it.

Abbreviations are data (``data/abbreviations/ru.txt``, ``kk.txt``) and come in kinds. A prefix
('ул.', 'им.', 'т.е.') never ends a sentence. A unit ('млрд.', 'обл.') joins before a digit or
a lowercase word and splits before a capitalised word, a dash or a quote. A closer ('т.д.',
'т.б.') joins only before a lowercase word. A year ('г.', 'ж.', 'гг.') works like a unit, with
one exception, the **fronted date rule**: when the sentence so far is only a date, i.e. at most
``FRONTED_DATE_WORDS`` words, each a number, a preposition or a month name
(``data/segment/fronted_date_words.txt``), the date is fronted and the sentence goes on
('В 2013 г. Правительство утвердило ...', '2013 ж. Маңғыстау облысында ...'). Otherwise a
year abbreviation before a capitalised word ends the sentence ('... до 2020 г. Это позволит').
An entry can give a second kind for use when it does not follow a number: after '2013', 'г.'
is a year (год), but in 'г. Актау' it is a prefix (город).

Initials ('А. Айдарбаев', 'Н.А. Назарбаев') join, except after a surname-shaped word when the
next word is not surname-shaped ('... Айдарбаев А.Б. Он отметил' splits).
Tokens: words (hyphens and apostrophes inside), numbers ('7,8', '7.8', '2016-2020', '41-ден',
'3-х'; digit groups of '6 288 000' stay separate tokens), '...', and every other character.

Entry point: ``run(cleaned, language) -> Segmented``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from aimaq.records import Cleaned, Language, Segmented, Sentence, Span
from aimaq.resources import load_lines
from aimaq.stages.lang import detect_sentence_language

FRONTED_DATE_WORDS = 5  # 'За 9 месяцев 2019 г.' is a fronted date, a longer run is a sentence
KINDS = ("prefix", "unit", "year", "closer")

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_GAP = re.compile(rf"\s*[{_LINE_BREAKS}]\s*")
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOWER = "a-zа-яёәғқңөұүһі"
_CANDIDATE = re.compile(rf"(\.{{2,}}|…|[.?!]+)([»\"”“’')\]]*)(\s+|(?=[{_UPPER}][{_LOWER}]))")
_SPEECH = re.compile(r"[-–—]+\s*([^\W\d_])")
_AFTER_NUMBER = re.compile(r"(?:\d|(?<![^\W\d_])[IVXLC]+)\s*$")
_DATE_WORD = re.compile(r"[^\W_][^\W_-]*(?:-[^\W_]+)*")
_FIRST_WORD = re.compile(r"\W*([^\W\d_]+)")
_TERMINAL = '.?!…:;»"”'


@dataclass(frozen=True)
class Boundary:
    """One decision of the sentence splitter: end a sentence at ``offset`` or not, and why."""

    offset: int
    split: bool
    rule: str


@dataclass(frozen=True)
class Candidate:
    """What the rules see at a possible sentence end."""

    delim: str  # '.', '?', '!?', '...', '…'
    chain: tuple[str, ...]  # period-joined words before the delimiter: 'т. д' -> ('т', 'д')
    before: str  # up to 40 characters of the sentence before ``chain``
    abbrev: str | None  # the kind of abbreviation the delimiter closes, if any
    fronted: bool  # the sentence so far is short (fronted date rule)
    gap: str  # the whitespace after the delimiter ('' when stuck to the next word)
    next: str  # up to 40 characters after the gap


@cache
def abbreviations() -> dict[str, tuple[str, str]]:
    """'млрд.' -> (kind after a number, kind otherwise), from the ru and kk data files."""
    table: dict[str, tuple[str, str]] = {}
    for lang in ("ru", "kk"):
        for line in load_lines(f"abbreviations/{lang}.txt"):
            abbr, kind, *rest = line.split()
            other = rest[0] if rest else kind
            if kind not in KINDS or other not in KINDS:
                raise ValueError(f"abbreviations/{lang}.txt: unknown kind in {line!r}")
            table[abbr.lower()] = (kind, other)
    return table


@cache
def _surname_pattern() -> re.Pattern[str]:
    parts = dict(line.split(":", 1) for line in load_lines("segment/surname_endings.txt"))
    stems, cases = parts["stems"].split(), parts["cases"].split()
    return re.compile(rf"[{_UPPER}]\w*(?:{'|'.join(stems)})(?:{'|'.join(cases)})?$")


def _is_surname(word: str) -> bool:
    return bool(_surname_pattern().match(word))


def _chain(text: str, end: int, lo: int) -> list[tuple[str, int]]:
    """Words joined by periods that end at ``end`` ('Н.А', 'т. д'), latest first, with offsets."""
    pieces: list[tuple[str, int]] = []
    while len(pieces) < 4:
        j = end
        while j > lo and (
            text[j - 1].isalpha() or (text[j - 1] == "-" and j - 2 >= lo and text[j - 2].isalpha())
        ):
            j -= 1
        if j == end or (pieces and end - j > 5):
            break
        pieces.append((text[j:end], j))
        if j - 1 >= lo and text[j - 1] == ".":
            end = j - 1
        elif j - 2 >= lo and text[j - 2 : j] == ". ":
            end = j - 2
        else:
            break
    return pieces


def _abbreviation(text: str, pieces: list[tuple[str, int]], lo: int) -> tuple[str | None, int]:
    """The kind of the longest known abbreviation among the chain's tails, and where it starts."""
    table = abbreviations()
    for k in range(len(pieces), 0, -1):
        key = ".".join(p for p, _ in reversed(pieces[:k])).lower() + "."
        if key in table:
            start = pieces[k - 1][1]
            after_number = _AFTER_NUMBER.search(text, max(lo, start - 12), start) is not None
            kinds = table[key]
            return (kinds[0] if after_number else kinds[1]), start
    return None, pieces[0][1] if pieces else -1


def _candidate(text: str, m: re.Match[str], sent_start: int) -> Candidate:
    delim_start = m.start(1)
    pieces = _chain(text, delim_start, sent_start) if m.group(1) == "." else []
    abbrev, abbr_start = _abbreviation(text, pieces, sent_start)
    chain_start = pieces[-1][1] if pieces else delim_start
    fronted = abbrev == "year" and _is_fronted_date(text[sent_start:abbr_start])
    return Candidate(
        delim=m.group(1),
        chain=tuple(p for p, _ in reversed(pieces)),
        before=text[max(sent_start, chain_start - 40) : chain_start],
        abbrev=abbrev,
        fronted=fronted,
        gap=m.group(3),
        next=text[m.end() : m.end() + 40],
    )


@cache
def _fronted_words() -> frozenset[str]:
    return frozenset(load_lines("segment/fronted_date_words.txt"))


def _is_fronted_date(head: str) -> bool:
    """'В 2013 ', 'С 1 января 2013 ': the sentence so far is only a date and its preposition."""
    words = _DATE_WORD.findall(head)
    known = _fronted_words()
    return len(words) <= FRONTED_DATE_WORDS and all(w[0].isdigit() or w.lower() in known for w in words)


# Rules: each returns True (split), False (join) or None (no opinion).
def glued(c: Candidate) -> bool | None:
    """'области.Аким': no space, but a lowercase word stuck to a capitalised one."""
    if c.gap:
        return None
    last = c.chain[-1] if c.chain else ""
    return c.abbrev is None and len(last) >= 3 and last.islower()


def speech_attribution(c: Candidate) -> bool | None:
    """'... жетті! - деді ол.', '... итоги? – спросил он': a dash and a lowercase verb go on."""
    m = _SPEECH.match(c.next)
    return False if m and m.group(1).islower() else None


def lowercase_next(c: Candidate) -> bool | None:
    first = c.next[:1]
    return False if first.islower() or (first and first in ",;:)") else None


def strong_punctuation(c: Candidate) -> bool | None:
    return True if c.delim != "." else None


def initials_after_surname(c: Candidate) -> bool | None:
    """'... Айдарбаев А.Б. Он отметил': initials closing a name, then a new sentence."""
    if not _is_initial(c):
        return None
    previous = c.before.split()[-1:] or [""]
    following = _first_word(c.next)
    if _is_surname(previous[0]) and following[:1].isupper() and not _is_surname(following):
        return True
    return None


def initials(c: Candidate) -> bool | None:
    """'А. Айдарбаев', 'Н.А. Назарбаев': a single capital letter and a period do not end a sentence."""
    return False if _is_initial(c) else None


def abbrev_prefix(c: Candidate) -> bool | None:
    return False if c.abbrev == "prefix" else None


def abbrev_fronted_date(c: Candidate) -> bool | None:
    return False if c.abbrev == "year" and c.fronted else None


def abbrev_before_number(c: Candidate) -> bool | None:
    """'1 трлн. 400 млрд. тенге': a unit before a digit goes on."""
    return False if c.abbrev in ("unit", "year") and c.next[:1].isdigit() else None


def abbrev_end(c: Candidate) -> bool | None:
    """A unit, year or closer before a capitalised word, a digit, a dash or a quote ends the sentence."""
    return True if c.abbrev is not None else None


def default(c: Candidate) -> bool | None:
    return True


def _is_initial(c: Candidate) -> bool:
    return bool(c.chain) and len(c.chain[-1]) == 1 and c.chain[-1].isupper()


def _first_word(text: str) -> str:
    m = _FIRST_WORD.match(text)
    return m.group(1) if m else ""


Rule = Callable[[Candidate], "bool | None"]
RULES: tuple[tuple[str, Rule], ...] = (
    ("glued", glued),
    ("speech_attribution", speech_attribution),
    ("lowercase_next", lowercase_next),
    ("strong_punctuation", strong_punctuation),
    ("initials_after_surname", initials_after_surname),
    ("initials", initials),
    ("abbrev_prefix", abbrev_prefix),
    ("abbrev_fronted_date", abbrev_fronted_date),
    ("abbrev_before_number", abbrev_before_number),
    ("abbrev_end", abbrev_end),
    ("default", default),
)


def decide(c: Candidate) -> tuple[bool, str]:
    """Split or not at ``c``, and the name of the deciding rule."""
    for name, rule in RULES:
        verdict = rule(c)
        if verdict is not None:
            return verdict, name
    return True, "default"  # pragma: no cover - 'default' always decides


def _line_decision(text: str, m: re.Match[str]) -> Boundary:
    gap = m.group().replace("\r\n", "\n")
    if sum(gap.count(ch) for ch in _LINE_BREAKS) >= 2:
        return Boundary(m.start(), True, "blank_line")
    before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
    if before and before not in _TERMINAL and after.islower():
        return Boundary(m.start(), False, "hard_wrap")
    return Boundary(m.start(), True, "line_break")


def _block_decisions(text: str, start: int, end: int) -> list[Boundary]:
    out: list[Boundary] = []
    sent_start = start
    for m in _CANDIDATE.finditer(text, start, end):
        split, rule = decide(_candidate(text, m, sent_start))
        out.append(Boundary(m.end(2), split, rule))
        if split:
            sent_start = m.end(2)
    return out


def explain_sentences(text: str) -> list[Boundary]:
    """Every candidate sentence end in ``text``, in order, with the rule that decided it."""
    out: list[Boundary] = []
    block_start = 0
    for m in _LINE_GAP.finditer(text):
        line = _line_decision(text, m)
        if line.split:
            out.extend(_block_decisions(text, block_start, m.start()))
            block_start = m.end()
        out.append(line)
    out.extend(_block_decisions(text, block_start, len(text)))
    return sorted(out, key=lambda b: b.offset)


def _spans(text: str, cuts: list[int]) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for end in [*cuts, len(text)]:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            left = start + len(piece) - len(piece.lstrip())
            spans.append(Span(left, left + len(stripped)))
        start = end
    return spans


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``: ordered, stripped, covering every non-space character."""
    return _spans(text, [b.offset for b in explain_sentences(text) if b.split])


def run(cleaned: Cleaned, language: Language) -> Segmented:
    """The stage as the pipeline calls it: the sentences of the cleaned text, each with its language
    (a sentence too short to judge keeps the document's)."""
    text = cleaned.text
    return Segmented(tuple(
        Sentence(s.start, s.end, detect_sentence_language(text[s.start : s.end], language.lang))
        for s in split_sentences(text)
    ))
