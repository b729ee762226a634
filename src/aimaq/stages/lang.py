"""LANG stage: which language a document or a sentence is written in ("kk", "ru", "en", "other").

Cheap evidence comes first. Words are weighed by their letters and by the word lists in
``aimaq/data/lang/`` ("жылы", "бойынша" count for kk; "который", "-ения" for ru). Quoted
spans, addresses (URLs, e-mails) and capitalised words that look like names are left out, so a
Russian release that quotes «Нұрлы жол» or names «Бизнестің жол картасы» stays ru. An ordered
list of small named rules (``RULES``) reads the counts; the first rule that decides wins, and
``explain_language`` reports its name. Only when no rule decides is lingua asked. It knows just
a few languages and is built once, on first use. Mongolian, Ukrainian and the Latin-script
catchers are there only to map to "other", and they are consulted only when the text shows
foreign evidence: lingua alone takes short Kazakh ('Төл мал', 'Ол өтті') for Mongolian or
Ukrainian.

Entry point: ``run(cleaned) -> Language``; sentences get theirs in the SEGMENT stage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from aimaq.records import Cleaned, Lang, Language
from aimaq.resources import load_lines

if TYPE_CHECKING:
    from lingua import LanguageDetector

MIN_SENTENCE_WORDS = 4  # shorter sentences inherit the document language unless the evidence is clear
MAX_CHARS = 20_000  # a document is judged on its beginning; enough for any press release
MAX_QUOTED = 80  # quoted spans up to this many characters are names and are not weighed

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_QUOTE = re.compile(r"[«»“”„\"]")
_ADDRESS = re.compile(r"[^\s«»\"()]*(?:@|://|www\.)[^\s«»\"()]*")
_KK_LETTERS = re.compile(r"[әғқңөұүһі]")
_KK_STRONG = re.compile(r"[әғқұһ]")  # not shared with Kyrgyz, Mongolian or Ukrainian
_KK_NOT_I = re.compile(r"[әғқңөұүһ]")
_I_THEN_BACK = re.compile(r"і.*[ао]")  # Kazakh vowel harmony: no 'а', 'о' after 'і' in a native word
_FOREIGN = re.compile(r"[їєґўјљњћђџ]|аа|ээ|өө|үү|ыы")  # Ukrainian, Belarusian, Serbian; long vowels
_LATIN = re.compile(r"[a-zà-ɏ]")


@dataclass(frozen=True)
class Evidence:
    """Counts over the words of a text that the rules decide on."""

    total: int  # words with letters, anywhere in the text
    words: int  # words weighed for language (lowercase, outside quotes; or all, when ``weak``)
    latin: int  # weighed words in Latin script
    kk: int  # weighed words that look Kazakh (letters, word list, endings)
    kk_strong: int  # weighed words with a letter only Kazakh uses (ә ғ қ ұ һ)
    ru: int
    en: int
    other: int  # words with Ukrainian, Mongolian or Kyrgyz letters, words or endings
    weak: bool = False  # no lowercase word outside quotes: names and quotes were weighed too


@dataclass(frozen=True)
class _Lexicon:
    words: frozenset[str]
    endings: tuple[str, ...]


@cache
def _lexicon(lang: str) -> _Lexicon:
    lines = load_lines(f"lang/{lang}.txt")
    endings = tuple(line[1:] for line in lines if line.startswith("-"))
    return _Lexicon(frozenset(line for line in lines if not line.startswith("-")), endings)


def _listed(word: str, lexicon: _Lexicon) -> bool:
    return word in lexicon.words or (len(word) >= 5 and word.endswith(lexicon.endings))


_CLOSERS = {"«": "»", "„": "“”", "“": "”", '"': '"'}


def _unquoted(text: str) -> str:
    """The text without its short quoted spans: names such as «Нұрлы жол», „Даму“, "Самрук-Казына".

    Spans longer than ``MAX_QUOTED`` characters are direct speech in the writer's language and stay.
    """
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for m in _QUOTE.finditer(text):
        ch = m.group()
        if stack and ch in _CLOSERS[stack[-1][0]]:
            start = stack.pop()[1]
            if m.end() - start <= MAX_QUOTED:
                spans.append((start, m.end()))
        elif ch in _CLOSERS:
            stack.append((ch, m.start()))
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start >= last:  # spans nested in one already dropped are skipped
            pieces.append(text[last:start])
            last = end
    pieces.append(text[last:])
    return " ".join(pieces)


# word classes, computed once per distinct word form (``_classify``)
_WEIGHED, _LATIN_BIT, _KK, _UK_I, _KK_STRONG_BIT, _RU, _EN, _OTHER = (1 << i for i in range(8))


@lru_cache(maxsize=1 << 16)
def _classify(word: str) -> int:
    w = word.lower()
    kk, ru, en, other = _lexicon("kk"), _lexicon("ru"), _lexicon("en"), _lexicon("other")
    kk_listed = _listed(w, kk)
    # 'підписали', 'співпрацю': 'і' then 'а'/'о' and no other Kazakh letter looks Ukrainian
    uk_i = "і" in w and not kk_listed and not _KK_NOT_I.search(w) and bool(_I_THEN_BACK.search(w))
    # short listed words ('і', 'й') count only in lowercase: 'І', 'ІІ' are Roman numerals
    foreign = bool(_FOREIGN.search(w)) or ((len(w) > 2 or word.islower()) and _listed(w, other))
    is_kk = kk_listed or (not uk_i and not foreign and bool(_KK_LETTERS.search(w)))
    in_lists = w in kk.words or w in ru.words or w in en.words or w in other.words
    weighed = word[0].islower() or in_lists or (len(word) >= 5 and word.isupper())
    return (
        _WEIGHED * weighed
        | _LATIN_BIT * bool(_LATIN.match(w))
        | _KK * is_kk
        | _UK_I * uk_i
        | _KK_STRONG_BIT * bool(_KK_STRONG.search(w))
        | _RU * (not is_kk and _listed(w, ru))
        | _EN * (w in en.words)
        | _OTHER * foreign
    )


def _words(text: str) -> tuple[int, list[str], list[str]]:
    """How many words ``text`` has; its words once addresses are dropped; those outside quotes."""
    head = text[:MAX_CHARS]
    all_words = _WORD.findall(head)
    total = len(all_words)
    if "@" in head or "://" in head or "www." in head:
        head = _ADDRESS.sub(" ", head)
        all_words = _WORD.findall(head)
    body = _unquoted(head)
    return total, all_words, (all_words if body is head else _WORD.findall(body))


def _count(classes: list[int], bit: int) -> int:
    return sum(1 for c in classes if c & bit)


def gather(text: str) -> Evidence:
    """Count the evidence in ``text`` (see ``Evidence``)."""
    total, all_words, free = _words(text)
    classes = [_classify(w) for w in free]
    # lowercase words, listed words and long all-caps words (headlines); not Titlecase names
    weighed = [c for c in classes if c & _WEIGHED]
    weak = not weighed
    if weak:
        weighed = classes or [_classify(w) for w in all_words]
    elif not classes[0] & _WEIGHED:  # the first word is capitalised by grammar, not as a name
        weighed.append(classes[0])
    return Evidence(
        total=total,
        words=len(weighed),
        latin=_count(weighed, _LATIN_BIT),
        kk=_count(weighed, _KK),
        kk_strong=_count(weighed, _KK_STRONG_BIT),
        ru=_count(weighed, _RU),
        en=_count(weighed, _EN),
        other=_count(weighed, _UK_I) + _count(classes, _OTHER),
        weak=weak,
    )


Rule = Callable[[Evidence], Lang | None]


def no_letters(e: Evidence) -> Lang | None:
    return "other" if e.total == 0 else None


def latin_english(e: Evidence) -> Lang | None:
    return "en" if 2 * e.latin > e.words and e.en >= 1 and 10 * e.en >= e.words else None


def latin_other(e: Evidence) -> Lang | None:
    return "other" if 2 * e.latin > e.words and e.words >= 5 and e.en == 0 else None


def other_cyrillic(e: Evidence) -> Lang | None:
    """Ukrainian/Belarusian letters and words, Mongolian and Kyrgyz long vowels, without Kazakh ones."""
    return "other" if e.other >= 2 and e.other > e.kk_strong and e.other > e.kk else None


def kazakh_words(e: Evidence) -> Lang | None:
    return "kk" if e.kk >= 1 and 5 * e.kk >= e.words and e.kk > 2 * e.ru else None


def russian_words(e: Evidence) -> Lang | None:
    return "ru" if e.ru >= 1 and 3 * e.kk <= e.ru and 2 * e.latin <= e.words else None


RULES: tuple[tuple[str, Rule], ...] = (
    ("no_letters", no_letters),
    ("latin_english", latin_english),
    ("latin_other", latin_other),
    ("other_cyrillic", other_cyrillic),
    ("kazakh_words", kazakh_words),
    ("russian_words", russian_words),
)


def _decide(e: Evidence) -> tuple[Lang, str] | None:
    for name, rule in RULES:
        lang = rule(e)
        if lang is not None:
            return lang, name
    return None


_LINGUA_CODES: dict[str, Lang] = {"KAZAKH": "kk", "RUSSIAN": "ru", "ENGLISH": "en"}
_ALL = ("KAZAKH", "RUSSIAN", "ENGLISH", "MONGOLIAN", "UKRAINIAN", "GERMAN", "FRENCH", "TURKISH")
_KK_RU = ("KAZAKH", "RUSSIAN")


@cache
def _detector(names: tuple[str, ...]) -> LanguageDetector:
    from lingua import Language as LinguaLanguage
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(LinguaLanguage, n) for n in names)).build()


def _lingua(text: str, e: Evidence) -> Lang:
    """lingua's verdict on the words outside quotes (on all words when too few are left).

    Cyrillic text without foreign evidence is judged between Kazakh and Russian only.
    """
    _, all_words, free = _words(text)
    sample = " ".join(free if len(free) >= 3 else all_words)
    names = _KK_RU if e.other == 0 and 2 * e.latin <= e.words else _ALL
    found = _detector(names).detect_language_of(sample) if sample else None
    return _LINGUA_CODES.get(found.name, "other") if found is not None else "other"


def explain_language(text: str) -> tuple[Lang, str]:
    """The language of ``text`` and the name of the rule that decided it ("lingua" for the fallback)."""
    e = gather(text)
    decided = _decide(e)
    return decided if decided is not None else (_lingua(text, e), "lingua")


def detect_language(text: str) -> Lang:
    """Language of a whole document or of one sentence; "other" when it has no letters."""
    return explain_language(text)[0]


def _votes(e: Evidence, lang: Lang) -> int:
    return {"kk": e.kk, "ru": e.ru, "en": e.en, "other": e.other}[lang]


def explain_sentence_language(text: str, doc_lang: Lang) -> tuple[Lang, str]:
    """Like ``explain_language``, but a sentence too short to judge inherits ``doc_lang``.

    A sentence with no letters is "other". One under ``MIN_SENTENCE_WORDS`` words, or whose only
    words are names and quotes, keeps the document language unless a cheap rule finds two or more
    words of clear evidence for another ('Ол өтті, - деді ол.' in a Russian release is still kk).
    """
    e = gather(text)
    decided = _decide(e)
    if e.total == 0:
        return "other", "no_letters"
    if e.total < MIN_SENTENCE_WORDS or e.weak:
        if decided is not None and _votes(e, decided[0]) >= 2 and not e.weak:
            return decided
        return doc_lang, "inherit_document"
    return decided if decided is not None else (_lingua(text, e), "lingua")


def detect_sentence_language(text: str, doc_lang: Lang) -> Lang:
    """Language of one sentence; short or name-only sentences inherit ``doc_lang``."""
    return explain_sentence_language(text, doc_lang)[0]


def run(cleaned: Cleaned) -> Language:
    """The stage as the pipeline calls it: the language of the cleaned document."""
    return Language(detect_language(cleaned.text))
