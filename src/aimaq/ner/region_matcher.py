"""The region matcher: mentions of Kazakhstan's regions and cities, normalised to ISO 3166-2:KZ codes.

The matcher is a token trie built once from ``data/regions.json``: every inflected form of every name
(Kazakh forms from ``aimaq.text.morph.kk.inflections``, Russian forms from the word's ending) is expanded,
with the head noun that may go with it ('Маңғыстау облысының', 'Мангистауской области', 'г. Актау').
Matching is greedy longest-match over word tokens, so 'Алматы облысы' (KZ-19) beats 'Алматы' (KZ-75).
The REGIONS stage (``aimaq.stages.regions``) runs it on each sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import product

from aimaq.records import Lang, Mention, RegionCount
from aimaq.resources import load_json
from aimaq.text.morph import kk

DATA = "regions.json"

TOKEN = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*|[^\w\s]")
CODE = re.compile(r"^KZ-\d\d$")
ADJ_ENDINGS = ("ий", "ый", "ой", "ая", "яя", "ого", "его", "ому", "ему", "им", "ым", "ом", "ем", "ое", "ее",
               "ую", "юю", "ою", "ею", "ие", "ые", "их", "ых", "ими", "ыми", "ей")
ADJ_BARE_ENDINGS = ("ая", "ой", "ую", "ою", "ие", "их", "ими")  # feminine (область) and plural (области)
ADJ_NOMINATIVE = ("ий", "ый", "ой", "ая", "ое")
HEADED_BARE = ("region",)  # heads whose adjectives may stand alone
NONE, CAP, UPPER = "", "cap", "upper"  # what a token's capitalisation must be


@dataclass(frozen=True)
class Hit:
    """What a complete path of the trie names."""

    code: str
    kind: str  # region | city | centre | district | former | abbr
    bare: bool  # a name without a head noun: context guards apply
    surname: bool = False  # the name is also a surname (Қонаев)


@dataclass
class _Node:
    next: dict[tuple[str, str], _Node] = field(default_factory=dict)
    hit: Hit | None = None


Slot = tuple[frozenset[str], str]  # alternative token keys, capitalisation required


def key(token: str) -> str:
    """Token as the trie stores it: lower-case, one hyphen, Kazakh look-alike letters mapped."""
    return kk.normalise(token.replace("\u2010", "-").replace("\u2011", "-"))


def _fixed(words: str | Sequence[str], req: str = NONE) -> tuple[Slot, ...]:
    tokens = [t for w in ([words] if isinstance(words, str) else words) for t in TOKEN.findall(w)]
    return tuple((frozenset({key(t)}), req) for t in tokens)


def ru_noun_forms(word: str) -> frozenset[str]:
    """Case forms of a Russian place name, declined by its ending ('Астана' -> 'Астане', 'Актау' -> itself)."""
    low = key(word)
    head, _, last = low.rpartition("-")
    prefix = head + "-" if head else ""
    if last.endswith("а"):
        stem = last[:-1]
        gen = "и" if stem[-1:] in "гкхжшчщ" else "ы"
        forms = [stem + e for e in ("а", gen, "е", "у", "ой", "ою")]
    elif last.endswith("ь"):
        forms = [last[:-1] + e for e in ("ь", "и", "ью", "ей", "ям", "ях")]
    elif last.endswith("й"):
        forms = [last[:-1] + e for e in ("й", "я", "ю", "ем", "е")]
    elif last[-1:] in "оеуыиюэя":
        forms = [last]  # indeclinable: Актау, Алматы, Актобе
    else:
        forms = [last + e for e in ("", "а", "у", "ом", "е", "ы", "ов")]
    return frozenset(prefix + f for f in forms)


def ru_adj_forms(adjective: str, endings: Sequence[str] = ADJ_ENDINGS) -> frozenset[str]:
    """Case forms of a Russian adjective given in the nominative ('Мангистауская' -> 'мангистауской', ...)."""
    low = key(adjective)
    stem = next((low[: -len(e)] for e in ADJ_NOMINATIVE if low.endswith(e)), low)
    return frozenset(stem + e for e in endings)


@cache
def _data() -> dict:
    return load_json(DATA)


def _kk_head(head: dict) -> frozenset[str]:
    return frozenset().union(*(kk.inflections(w) for w in head["kk"])) | {key(w) for w in head["kk_fixed"]}


def _ru_after(head: dict) -> Iterator[tuple[Slot, ...]]:
    nouns = frozenset().union(*(ru_noun_forms(w) for w in head["ru_after"]))
    adjectives = frozenset().union(*(ru_adj_forms(w) for w in head["ru_after_adj"]))
    if nouns | adjectives:
        yield ((nouns | adjectives, NONE),)
    for fixed in head["ru_after_fixed"]:
        yield _fixed(fixed)


def _ru_before(head: dict) -> Iterator[tuple[Slot, ...]]:
    nouns = frozenset().union(*(ru_noun_forms(w) for w in head["ru_before"]))
    if nouns:
        yield ((nouns, NONE),)
    for fixed in head["ru_before_fixed"]:
        yield _fixed(fixed)


def _kk_patterns(group: dict, head: dict | None) -> Iterator[tuple[Slot, ...]]:
    for name in group.get("kk", ()):
        words = _fixed(name, CAP)
        if group.get("bare"):
            yield (*words[:-1], (kk.inflections(name.split()[-1]), CAP))
        if head:
            yield (*_fixed(name), (_kk_head(head), NONE))


def _ru_patterns(group: dict, head: dict | None) -> Iterator[tuple[Slot, ...]]:
    for name in group.get("ru", ()):
        forms = (ru_noun_forms(name), CAP)
        if group.get("bare"):
            yield (forms,)
        for before in _ru_before(head) if head else ():
            yield (*before, forms)
    for adjective in group.get("ru_adj", ()):
        for after in _ru_after(head) if head else ():
            yield ((ru_adj_forms(adjective), NONE), *after)
        if group.get("head") in HEADED_BARE and group.get("adj_bare", True):
            yield ((ru_adj_forms(adjective, ADJ_BARE_ENDINGS), CAP),)


def _en_patterns(group: dict, head: dict | None) -> Iterator[tuple[Slot, ...]]:
    for name in group.get("en", ()):
        if group.get("bare"):
            yield _fixed(name, CAP)
        for word in head["en"] if head else ():
            yield (*_fixed(name, CAP), (frozenset({key(word)}), NONE))


def _abbr_patterns(group: dict) -> Iterator[tuple[Slot, ...]]:
    for abbr in group.get("abbr", ()):
        low = key(abbr)
        forms = {low} | {f"{low}-{form[len(low):]}" for form in kk.inflections(low) if form != low}
        yield ((frozenset(forms), UPPER),)


def patterns() -> Iterator[tuple[tuple[Slot, ...], Hit]]:
    """Every (token slots, hit) the data file describes."""
    heads = _data()["heads"]
    for unit in _data()["units"]:
        for group in unit["groups"]:
            head = heads.get(group.get("head", ""))
            hit_headed = Hit(unit["code"], group["kind"], False)
            hit_bare = Hit(unit["code"], group["kind"], True, bool(group.get("surname")))
            for slots in (*_kk_patterns(group, head), *_ru_patterns(group, head), *_en_patterns(group, head),
                          *_abbr_patterns(group)):
                yield slots, hit_bare if len(slots) == 1 or group["kind"] == "abbr" else hit_headed


def _insert(root: _Node, slots: tuple[Slot, ...], hit: Hit) -> None:
    for path in product(*[[(k, req) for k in keys] for keys, req in slots]):
        node = root
        for edge in path:
            child = node.next.get(edge)
            if child is None:
                child = node.next[edge] = _Node()
            node = child
        if node.hit is not None and node.hit.code != hit.code:
            raise ValueError(f"{DATA}: {' '.join(k for k, _ in path)!r} is both {node.hit.code} and {hit.code}")
        if node.hit is None or node.hit.bare and not hit.bare:
            node.hit = hit


@cache
def matcher() -> _Node:
    """The trie of every name form (built once; raises ValueError if the data maps one form to two codes)."""
    root = _Node()
    for slots, hit in patterns():
        _insert(root, slots, hit)
    return root


@lru_cache(maxsize=1 << 13)
def _edges(token: str) -> tuple[tuple[str, str], ...]:
    """The trie edges a token may follow (remembered: every sentence is matched token by token)."""
    low = key(token)
    edges = [(low, NONE)]
    if token[:1].isupper():
        edges.append((low, CAP))
        if token.isupper() or "-" in token and token.split("-")[0].isupper():
            edges.append((low, UPPER))
    return tuple(edges)


def _longest(tokens: list[re.Match[str]], i: int, node: _Node | None = None) -> tuple[int, Hit] | None:
    """The longest path of the trie the tokens from i on follow: (end token, hit)."""
    node = node or matcher()
    best: tuple[int, Hit] | None = None
    if i >= len(tokens):
        return None
    for edge in _edges(tokens[i].group()):
        nxt = node.next.get(edge)
        if nxt is None:
            continue
        here = (i + 1, nxt.hit) if nxt.hit is not None else None
        deeper = _longest(tokens, i + 1, nxt) if nxt.next else None
        for cand in (deeper, here):
            if cand is not None and (best is None or cand[0] > best[0]):
                best = cand
    return best


def _is_surname(token: str) -> bool:
    return token[:1].isupper() and kk.stem(token).endswith(tuple(_data()["guards"]["surname_endings"]))


def _first_name(tokens: list[re.Match[str]], i: int) -> bool:
    """Token i may be a first name: capitalised, and not a common word opening a sentence ('Бүгін')."""
    word = tokens[i].group()
    if not word[:1].isupper() or not word[:1].isalpha():
        return False
    opens_sentence = i == 0 or tokens[i - 1].group() in {".", "!", "?"}
    return not opens_sentence or kk.stem(word) not in kk.lexicon()


_QUOTES = frozenset("«»\"“”„")


def _guarded(tokens: list[re.Match[str]], i: int, j: int, hit: Hit) -> bool:
    """A bare name in a context that makes it no region: a street, a person's name."""
    guards = _data()["guards"]
    before = [t.group() for t in tokens[max(0, i - 2): i]]
    if before and key(before[-1]) in guards["not_after"]:
        return True
    if before[-2:-1] and before[-1] in _QUOTES and key(before[-2]) in guards["not_after"]:
        return True  # 'в микрорайоне «Астана»'
    if guards["not_after_initial"] and len(before) == 2 and before[1] == "." and len(before[0]) == 1 \
            and before[0].isupper():
        return True
    if hit.surname and before and _first_name(tokens, i - 1):
        return True
    quoted = j < len(tokens) and tokens[j].group() in _QUOTES
    after = [t.group() for t in tokens[j + quoted : j + quoted + 2]]
    if not after:
        return False
    stems = guards["not_before_kk_stems"]
    two_words = len(after) == 2 and key(after[0]) + kk.stem(after[1]) in stems  # 'шағын ауданында'
    return kk.stem(after[0]) in stems or two_words or (not quoted and _is_surname(after[0]))


Span3 = tuple[int, int, Hit]  # first token, end token (exclusive), what it names


def _spans(tokens: list[re.Match[str]]) -> list[Span3]:
    spans, i = [], 0
    while i < len(tokens):
        found = _longest(tokens, i)
        if found is None or found[1].bare and _guarded(tokens, i, found[0], found[1]):
            i += 1
            continue
        spans.append((i, found[0], found[1]))
        i = found[0]
    return spans


@cache
def _region_names() -> dict[tuple[str, ...], str]:
    """Token keys of every region name that may be joined to a plural head, with its code."""
    out: dict[tuple[str, ...], str] = {}
    for unit in _data()["units"]:
        for group in unit["groups"]:
            if group.get("head") not in ("region", "region_strict"):
                continue
            for name in group.get("kk", ()):
                out[tuple(key(t) for t in TOKEN.findall(name))] = unit["code"]
            for adjective in group.get("ru_adj", ()):
                out.update({(form,): unit["code"] for form in ru_adj_forms(adjective)})
    return out


def _plural_head(token: str) -> bool:
    coord = _data()["coordination"]
    if key(token) in coord["plural_heads_ru"]:
        return True
    analysis = kk.best(token)
    return analysis.plural and analysis.stem == coord["plural_head_kk"]


def _conjuncts(tokens: list[re.Match[str]], start: int, code: str) -> Iterator[Span3]:
    """Region names joined by separators before the headed mention starting at ``start``."""
    separators, names = _data()["coordination"]["separators"], _region_names()
    k = start
    while k > 1 and key(tokens[k - 1].group()) in separators:
        for n in (2, 1):
            name = tuple(key(t.group()) for t in tokens[max(0, k - 1 - n): k - 1])
            if len(name) == n and name in names and tokens[k - 1 - n].group()[:1].isupper():
                yield k - 1 - n, k - 1, Hit(names[name], "region", False)
                k -= 1 + n
                break
        else:
            return


def _coordinate(tokens: list[re.Match[str]], spans: list[Span3]) -> list[Span3]:
    """Re-read names coordinated with a plural region head as regions ('Ақмола, Павлодар облыстары')."""
    extra = [c for i, j, hit in spans if j - i > 1 and _plural_head(tokens[j - 1].group())
             for c in _conjuncts(tokens, i, hit.code)]
    if not extra:
        return spans
    covered = {t for i, j, _ in extra for t in range(i, j)}
    kept = [s for s in spans if not covered & set(range(s[0], s[1]))]
    return sorted(kept + extra, key=lambda s: s[0])


def _mentions(text: str) -> Iterator[Mention]:
    tokens = list(TOKEN.finditer(text))
    for i, j, hit in _coordinate(tokens, _spans(tokens)):
        start, end = tokens[i].start(), tokens[j - 1].end()
        yield Mention("LOC", start, end, text[start:end], hit.code)


def find_regions(text: str, lang: Lang = "ru") -> list[Mention]:
    """LOC mentions of Kazakhstan's regions, cities and region centres; ``norm`` is the ISO 3166-2:KZ code.

    Names of every language in the data are matched whatever ``lang`` says: kk releases cite Russian
    names and the other way round. ``lang`` is kept for a uniform stage signature.
    """
    del lang
    return list(_mentions(text))


def region_counts(mentions: Iterable[Mention]) -> tuple[RegionCount, ...]:
    """How often each region is mentioned, most mentioned first (ties by code)."""
    counts = Counter(m.norm for m in mentions if m.type == "LOC" and m.norm and CODE.match(m.norm))
    return tuple(RegionCount(code, n) for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@cache
def _names() -> dict[str, dict[str, str]]:
    return {unit["code"]: unit["names"] for unit in _data()["units"]}


def region_name(code: str, lang: str = "en") -> str:
    """The unit's name in ``lang`` (kk, ru, en; English otherwise); KeyError for an unknown code."""
    names = _names()[code]
    return names.get(lang, names["en"])


def codes() -> tuple[str, ...]:
    """The ISO 3166-2:KZ codes of the data file, in order."""
    return tuple(_names())
