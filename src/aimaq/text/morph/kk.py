"""Rule-based Kazakh suffix analyser driven by ``data/kk_suffixes.json`` and ``data/kk_stems.tsv``.

Suffixes are stripped right to left in slot order (plural < possessive < case). Each allomorph is legal
only after the sound classes and in the vowel harmony the table gives, so 'облыстың' can be облыс+тың
but never облы+стың. Candidate analyses are scored with the stem lexicon (a frequency list built by
``tools/build_kk_lexicon.py``): a known stem wins, otherwise the per-suffix priors decide.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from aimaq.resources import load_json, load_lines

SUFFIXES = "kk_suffixes.json"
STEMS = "kk_stems.tsv"
MIN_STEM = 3  # shortest stem accepted when it is not in the lexicon
KNOWN_BONUS = 3.0
SUFFIX_COST = 0.3  # per suffix, among analyses with known stems
CASE_NAMES = {"GEN": "gen", "ACC": "acc", "DAT": "dat", "LOC": "loc", "ABL": "abl", "INS": "ins",
              "LOC_ATTR": "loc_attr", "ATTR": "attr"}
POSS_NAMES = {"P1SG": "1sg", "P2SG": "2sg", "P2POL": "2pol", "P1PL": "1pl", "P3": "3"}
_LOOKALIKES = str.maketrans({"i": "і", "ə": "ә", "ӊ": "ң", "ҕ": "ғ"})


@dataclass(frozen=True)
class Analysis:
    """One reading of a word: stem + suffixes; ``score`` ranks readings (higher is better)."""

    stem: str  # lower-case, stem alternations undone ('кітабы' -> 'кітап')
    suffixes: tuple[str, ...]  # surface suffixes, left to right
    case: str  # nom gen acc dat loc abl ins loc_attr attr
    possessive: str | None  # 1sg 2sg 2pol 1pl 3
    plural: bool
    score: float
    tags: tuple[str, ...] = ()  # suffix tags parallel to ``suffixes`` (PL, P3, GEN, ...)
    known: bool = False  # the stem is in the lexicon (or a closed-class / irregular word)


@dataclass(frozen=True)
class _Allo:
    surface: str
    tag: str
    slot: int
    harmony: str | None  # back | front | None (neutral)
    after: frozenset[str]
    out: str | None  # class the next suffix sees (P3, P12), else that of the last letter
    stem_only: bool
    prior: float
    final_prior: float
    prior_after: tuple[tuple[str, float], ...] = ()  # prior by the stem's last letter
    final_after: tuple[tuple[str, float], ...] = ()  # final prior by the stem's last letter


@dataclass(frozen=True)
class _Tables:
    back: str
    front: str
    classes: dict[str, str]  # letter -> class
    voicing: dict[str, str]  # voiceless -> voiced (п -> б)
    epenthetic: dict[str, str]
    epenthesis_before: str
    consonant_u: str
    free_endings: tuple[str, ...]
    allos: tuple[_Allo, ...]
    irregular: dict[str, str]
    closed: frozenset[str]
    ordinals: tuple[str, ...]


@cache
def _tables() -> _Tables:
    data = load_json(SUFFIXES)
    letters = data["letters"]
    classes = {ch: name for name, chars in letters["classes"].items() for ch in chars}
    slots = {name: i for i, name in enumerate(data["slots"])}
    allos = []
    for suf in data["suffixes"]:
        for allo in suf["allomorphs"]:
            forms = allo["forms"]
            harmonies = ("back", "front") if len(forms) == 2 else (None,)  # one form: harmony-neutral
            for form, harmony in zip(forms, harmonies, strict=True):
                allos.append(_Allo(form, suf["tag"], slots[suf["slot"]], harmony, frozenset(allo["after"]),
                                   suf.get("out"), bool(suf.get("stem_only")), float(suf["prior"]),
                                   float(suf.get("final_prior", suf["prior"])),
                                   tuple(suf.get("prior_after", {}).items()),
                                   tuple(suf.get("final_prior_after", {}).items())))
    return _Tables(letters["back_vowels"], letters["front_vowels"], classes, letters["voicing"],
                   letters["epenthetic"], letters["epenthesis_before"], letters["consonant_u"],
                   tuple(data["harmony_free_endings"]),
                   tuple(sorted(allos, key=lambda a: -len(a.surface))), data["irregular"],
                   frozenset(data["closed_class"]), tuple(data["ordinal_after_digits"]))


@cache
def lexicon() -> dict[str, int]:
    """Known stems with their corpus frequency (``data/kk_stems.tsv``)."""
    out: dict[str, int] = {}
    for line in load_lines(STEMS):
        stem, _, count = line.partition("\t")
        out[stem] = int(count or 1)
    return out


def suffix_forms() -> frozenset[str]:
    """Every suffix allomorph and ordinal ending of the table (a stem can never be one of these)."""
    t = _tables()
    return frozenset(a.surface for a in t.allos) | frozenset(t.ordinals)


def closed_class() -> frozenset[str]:
    """Function words and irregular forms the analyser answers from the table, not from the lexicon."""
    t = _tables()
    return t.closed | frozenset(t.irregular)


def normalise(word: str) -> str:
    """Lower-case, with Latin look-alikes some sites type for Kazakh letters mapped to Cyrillic."""
    return word.lower().translate(_LOOKALIKES)


def sound_class(text: str) -> str:
    """Class (V R L N Z T) of the last letter of ``text``."""
    return _tables().classes.get(text[-1], "T") if text else "V"


def harmonies(stem: str) -> frozenset[str]:
    """Vowel harmonies a stem's suffixes may take: the last back/front vowel decides; loans allow both."""
    t = _tables()
    if stem.endswith(t.free_endings):
        return frozenset({"back", "front"})
    for i in range(len(stem) - 1, -1, -1):
        ch = stem[i]
        if ch in t.back:
            return frozenset({"back", "front"}) if stem[-1] in "кг" else frozenset({"back"})
        if ch in t.front:
            return frozenset({"front"})
        if ch in t.consonant_u and i > 0 and sound_class(stem[i - 1]) != "V":
            return frozenset({"back"}) | harmonies(stem[:i])  # референдум-нан; көру-ге
    return frozenset({"back", "front"})


def _has_vowel(text: str) -> bool:
    t = _tables()
    return any(ch in t.back or ch in t.front or ch in "уию" for ch in text)


def _out_class(allo: _Allo) -> str:
    return allo.out or sound_class(allo.surface)


def _chains(rest: str, chain: tuple[_Allo, ...], floor: int = 1) -> Iterator[tuple[str, tuple[_Allo, ...]]]:
    """All (stem, suffix chain) splits of ``rest`` + ``chain`` with legal suffix-to-suffix joins.

    ``floor``: the shortest stem left (0 lets the whole string be suffixes, as after a hyphen).
    """
    yield rest, chain
    right = chain[0] if chain else None
    for allo in _tables().allos:
        if len(rest) - len(allo.surface) < floor or not rest.endswith(allo.surface):
            continue
        if right is not None:
            if allo.slot >= right.slot or right.stem_only or _out_class(allo) not in right.after:
                continue
            if allo.harmony and right.harmony and allo.harmony != right.harmony:
                continue
        yield from _chains(rest[: -len(allo.surface)], (allo, *chain), floor)


def _legal_after_stem(stem: str, chain: tuple[_Allo, ...]) -> bool:
    if not chain:
        return True
    if sound_class(stem) not in chain[0].after:
        return False
    harmony = {a.harmony for a in chain if a.harmony}
    return not harmony or harmony <= harmonies(stem)


def _stem_variants(stem: str, chain: tuple[_Allo, ...]) -> Iterator[tuple[str, str]]:
    """The surface stem, then stems a vowel-initial suffix altered: ('кітап', 'devoiced'), ('орын', 'epenthesis')."""
    yield stem, ""
    t = _tables()
    if not chain or sound_class(chain[0].surface[0]) != "V" or len(stem) < 2:
        return
    devoiced = {v: k for k, v in t.voicing.items()}
    if stem[-1] in devoiced:
        yield stem[:-1] + devoiced[stem[-1]], "devoiced"
    if stem[-1] in t.epenthesis_before and sound_class(stem[-2]) not in ("V", "T") and _has_vowel(stem[:-2]):
        for harmony in sorted(harmonies(stem[:-1])):
            yield stem[:-1] + t.epenthetic[harmony] + stem[-1], "epenthesis"


def segmentations(word: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    """Every phonologically legal split (stem, suffixes, tags, alternation) of a word, unscored.

    ``alternation``: '' or how the stem was rebuilt ('devoiced': кітаб- -> кітап, 'epenthesis': орн- -> орын).
    """
    low = normalise(word)
    out = []
    for stem, chain in _chains(low, ()):
        if not _legal_after_stem(stem, chain):
            continue
        for variant, alternation in _stem_variants(stem, chain):
            out.append((variant, tuple(a.surface for a in chain), tuple(a.tag for a in chain), alternation))
    return out


def _score(stem: str, chain: tuple[_Allo, ...], alternation: str) -> tuple[float, bool] | None:
    count = lexicon().get(stem)
    if count is not None:
        return KNOWN_BONUS + 0.1 * math.log1p(count) - SUFFIX_COST * len(chain), True
    if alternation == "epenthesis" or len(stem) < MIN_STEM or not _has_vowel(stem):
        return None
    priors = [_prior(stem, chain, i) for i in range(len(chain))]
    bonus = 0.5 if alternation else 0.0  # native stems do not end in б/г/ғ: кітабы is кітап + ы
    return sum(priors) + bonus - 0.01 * len(chain), False


def _prior(stem: str, chain: tuple[_Allo, ...], i: int) -> float:
    """Prior of the i-th suffix of a chain on an unknown stem."""
    allo = chain[i]
    final = i == len(chain) - 1
    by_letter = dict(allo.final_after if final else allo.prior_after) if i == 0 else {}
    return by_letter.get(stem[-1], allo.final_prior if final else allo.prior)


def _make(stem: str, chain: tuple[_Allo, ...], score: float, known: bool) -> Analysis:
    tags = tuple(a.tag for a in chain)
    case = next((CASE_NAMES[t] for t in tags if t in CASE_NAMES), "nom")
    poss = next((POSS_NAMES[t] for t in tags if t in POSS_NAMES), None)
    return Analysis(stem, tuple(a.surface for a in chain), case, poss, "PL" in tags, round(score, 4),
                    tags, known)


def _hyphenated(low: str) -> list[Analysis]:
    """'ЕО-ның', '143-ке', '98-нші', 'Нұр-Сұлтанда': a suffix after a hyphen, or a hyphenated stem."""
    left, _, right = low.rpartition("-")
    if not left or not right:
        return []
    if left[-1].isdigit() and right in _tables().ordinals:
        return [Analysis(left, (right,), "nom", None, False, 2.0, ("ORD",), True)]
    for stem, chain in _chains(right, (), floor=0):
        if not stem and chain:  # the whole right part is suffixes: an abbreviation or a number
            return [_make(left, chain, 2.0, True)]
    prefix = left + "-"
    return [Analysis(prefix + a.stem, a.suffixes, a.case, a.possessive, a.plural,
                     a.score + (1.0 if prefix + a.stem in lexicon() else 0.0), a.tags, a.known)
            for a in _analyse_plain(right)]


def _analyse_plain(low: str) -> list[Analysis]:
    t = _tables()
    if low in t.closed:
        return [Analysis(low, (), "nom", None, False, 10.0, (), True)]
    if low in t.irregular:
        return [Analysis(t.irregular[low], (), "nom", None, False, 10.0, (), True)]
    found: dict[tuple[str, tuple[str, ...]], Analysis] = {}
    for stem, chain in _chains(low, ()):
        if not _legal_after_stem(stem, chain):
            continue
        for variant, alternation in _stem_variants(stem, chain):
            scored = _score(variant, chain, alternation)
            if scored is None:
                continue
            analysis = _make(variant, chain, *scored)
            key = (variant, analysis.tags)
            if key not in found or found[key].score < analysis.score:
                found[key] = analysis
    if not found:
        return [Analysis(low, (), "nom", None, False, 0.0, (), False)]
    return sorted(found.values(), key=lambda a: (-a.score, len(a.suffixes), a.stem))


@lru_cache(maxsize=200_000)
def _analyse(low: str) -> tuple[Analysis, ...]:
    if "-" in low.strip("-"):
        hyph = _hyphenated(low)
        if hyph:
            return tuple(sorted(hyph, key=lambda a: (-a.score, len(a.suffixes))))
    return tuple(_analyse_plain(low))


def analyse(word: str) -> list[Analysis]:
    """Candidate analyses of a word, best first (never empty; the last resort is the word itself)."""
    return list(_analyse(normalise(word)))


def best(word: str) -> Analysis:
    """The best analysis of a word."""
    return _analyse(normalise(word))[0]


def restore_case(original: str, stem: str) -> str:
    """Give ``stem`` (lower-case) the capitalisation of the word it came from."""
    if len(original) > 1 and original.isupper():
        return stem.upper()
    low = normalise(original)
    return "".join(original[i] if i < len(low) and low[i] == ch else ch for i, ch in enumerate(stem))


def _lemma_low(word: str) -> str:
    analysis = best(word)
    if analysis.tags == ("ATTR",):  # -ғы/-гі makes an adjective (жылғы, соңғы): a lemma of its own
        return normalise(word)
    return analysis.stem


def lemma(word: str) -> str:
    """Nominative singular, un-possessed form with the input's capitalisation ('Астанада' -> 'Астана').

    Plural, possessive, case and the locative-attributive -дағы are stripped; derivational endings
    (-лық, -шы, -ғы/-гі) are kept.
    """
    return restore_case(word, _lemma_low(word)) if word else word


def stem(word: str) -> str:
    """Lower-case lemma, for search keys."""
    return _lemma_low(word) if word else word


def strip_case(word: str) -> str:
    """The word without its case ending (possessive and plural kept): 'облысының' -> 'облысы'."""
    analysis = best(word)
    tags, sufs = analysis.tags, analysis.suffixes
    if not tags or tags[-1] not in {"GEN", "ACC", "DAT", "LOC", "ABL", "INS", "LOC_ATTR"}:
        return word
    cut = len(sufs[-1])
    if not analysis.known and analysis.possessive is None and len(word) - cut < MIN_STEM:
        return word
    kept = word[:-cut]
    return kept[:-1] if kept.endswith("-") else kept


def nominative_phrase(words: list[str]) -> str:
    """Citation form of a noun phrase: only the last word carries case.

    'Маңғыстау облысының' -> 'Маңғыстау облысы' (the izafet possessive of the head is kept);
    a single word gets its lemma ('Айдарбаевтың' -> 'Айдарбаев').
    """
    if not words:
        return ""
    if len(words) == 1:
        return lemma(words[0])
    return " ".join([*words[:-1], strip_case(words[-1])])


def _extend(surface: str, harmony: frozenset[str], prev: str, slot: int, bare: bool) -> Iterator[str]:
    t = _tables()
    for allo in t.allos:
        if allo.slot <= slot or prev not in allo.after or (allo.stem_only and not bare):
            continue
        if allo.harmony and allo.harmony not in harmony:
            continue
        base = surface
        if bare and sound_class(allo.surface[0]) == "V" and surface[-1] in t.voicing:
            base = surface[:-1] + t.voicing[surface[-1]]
        form = base + allo.surface
        yield form
        if not allo.stem_only:
            h = frozenset({allo.harmony}) if allo.harmony else harmony
            yield from _extend(form, h, _out_class(allo), allo.slot, False)


@cache
def inflections(stem_: str) -> frozenset[str]:
    """Every inflected form of a nominative stem (lower-case), itself included: 'ақтау' -> {'ақтауда', ...}."""
    low = normalise(stem_)
    word = low.rsplit("-", 1)[-1] or low
    return frozenset({low, *_extend(low, harmonies(word), sound_class(low), -1, True)})
