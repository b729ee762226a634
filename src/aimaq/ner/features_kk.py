"""CRF features of Kazakh tokens: spelling, our suffix analyser, stem clusters and the package gazetteers.

A token's own features and the shorter descriptions it lends to its neighbours depend on the word
alone, so they are computed once per word type (``word_info`` is cached); a sentence only adds the
offsets, the bigrams and whether the token stands inside «…».
Groups (``GROUPS``) can be switched off by name, which is how the trainer compares feature sets.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from aimaq.ner import gazetteer_kk
from aimaq.resources import load_json, load_lines
from aimaq.text.morph import kk as kk_morph
from aimaq.text.names import given_gender, has_surname_suffix

GROUPS = ("affix", "morph", "gazetteer", "context2", "bigram", "quote", "heads", "cluster", "namehead",
          "phrase", "script")
CLUSTERS = "ner/kk_clusters.tsv"  # stem -> cluster id, built by tools/build_kk_clusters.py
HEAD_WINDOW = 6  # how far right a token looks for the head noun of its phrase
_STOPS = frozenset(",.;:!?()[]—–")
_OPEN_QUOTES = frozenset("«“„")
_CLOSE_QUOTES = frozenset("»”")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_SHAPES = str.maketrans(
    {**{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZАӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"},
     **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzаәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"},
     **{c: "d" for c in "0123456789"}}
)


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What one word type contributes: its own features and, per offset, what its neighbours see."""

    own: tuple[str, ...]
    near: tuple[str, ...]  # shown at offsets -1 and +1 (not yet prefixed)
    far: tuple[str, ...]  # shown at offsets -2 and +2
    stem: str  # the analyser's stem (lower-case word when not analysed)
    head: str  # a lower-case word ending in a possessive ('орталығы' -> 'орталық'), else ''
    kind: str  # gazetteer class of a head word: post, orghead, regionhead or ''
    quote_type: str  # type a word gives a «name» it follows (data/entities/quote_types.json), else ''
    key: str  # the stem key name lists are matched on (``cluster_key``)


@dataclass(frozen=True)
class _Gazetteers:
    posts: tuple[str, ...]
    orgs: tuple[str, ...]
    endings: frozenset[str]
    regions: frozenset[str]
    places: frozenset[str]
    region_heads: frozenset[str]
    case_endings: frozenset[str]  # endings a proper name may take ('Киев' + 'ке')
    quote_types: tuple[tuple[str, str], ...]  # (stem prefix, type), longest first


@cache
def _gazetteers() -> _Gazetteers:
    regions: set[str] = set()
    for unit in load_json("regions.json")["units"]:
        for group in unit["groups"]:
            for name in group.get("kk", []):
                regions.update(w.lower() for w in name.split())
    heads = {h for head in load_json("regions.json")["heads"].values() for h in head.get("kk", [])}
    endings = frozenset("" if e == "-" else e for e in load_lines("posts/kk_endings.txt"))
    places = frozenset(line.split()[-1].lower() for line in load_lines("ner/kk_places.txt"))
    quoted = sorted(((k.lower(), v[0]) for k, v in load_json("entities/quote_types.json")["kk"].items()),
                    key=lambda kv: -len(kv[0]))
    return _Gazetteers(tuple(load_lines("posts/kk.txt")), tuple(load_lines("entities/org_heads_kk.txt")),
                       endings, frozenset(regions), places, frozenset(heads),
                       frozenset(load_lines("names/kk_case_endings.txt")), tuple(quoted))


@cache
def _clusters() -> dict[str, str]:
    """Stem key -> distributional cluster id (``data/ner/kk_clusters.tsv``)."""
    return dict(line.split("\t") for line in load_lines(CLUSTERS))


def cluster_key(word: str, stem: str | None) -> str:
    """The key a word is clustered under: its analyser stem, else the word lower-cased with digits as '0'."""
    return stem if stem is not None else _DIGIT.sub("0", kk_morph.normalise(word))


def stem_key(word: str) -> str:
    """``cluster_key`` with the analysis the features use (what tools/build_kk_clusters.py clusters)."""
    a = _analysis(word)
    return cluster_key(word, a.stem if a is not None else None)


@cache
def _name_heads() -> dict[str, str]:
    """Stem -> kind of ``data/ner/kk_name_heads.tsv``."""
    return dict(line.split("\t") for line in load_lines("ner/kk_name_heads.tsv"))


def _name_head_features(tokens: Sequence[str], infos: Sequence[WordInfo]) -> list[list[str]]:
    """'nk=KIND' when the next word (a closing quote skipped) is a name-kind noun of kk_name_heads.tsv.

    'Астана' in 'Эйр Астана әуекомпаниясы' gets 'nk=org': a name before a company noun is an ORG.
    """
    out: list[list[str]] = [[] for _ in tokens]
    for i in range(len(tokens) - 1):
        j = i + 2 if tokens[i + 1] in _CLOSE_QUOTES and i + 2 < len(tokens) else i + 1
        if tokens[j].islower():
            kind = _name_heads().get(infos[j].stem, "")
            if kind:
                out[i].append("nk=" + kind)
    return out


def shape(word: str) -> str:
    """Letters to X/x, digits to d, runs of one symbol cut to two: 'Астана' -> 'Xxx', '2024-ті' -> 'dd-xx'."""
    return re.sub(r"(.)\1{2,}", r"\1\1", word.translate(_SHAPES))


def _is_head(low: str, stem: str, heads: Sequence[str], endings: frozenset[str]) -> bool:
    return stem in heads or any(low.startswith(h) and low[len(h):] in endings for h in heads)


def _in_names(low: str, stem: str, names: frozenset[str], endings: frozenset[str]) -> bool:
    """The word or its stem is a name, or the word is a name plus a case ending."""
    if stem in names or low in names:
        return True
    return any(low[:k] in names and low[k:] in endings for k in range(len(low) - 4, len(low) - 1))


def _gazetteer_flags(word: str, low: str, stem: str) -> list[str]:
    g = _gazetteers()
    flags = []
    if given_gender(word) or (stem != low and given_gender(stem)):
        flags.append("given")
    if has_surname_suffix(stem) or has_surname_suffix(low):
        flags.append("surname")
    if _is_head(low, stem, g.posts, g.endings):
        flags.append("post")
    if _is_head(low, stem, g.orgs, g.endings):
        flags.append("orghead")
    if _in_names(low, stem, g.regions, g.case_endings):
        flags.append("region")
    if _in_names(low, stem, g.places, g.case_endings):
        flags.append("place")
    if stem in g.region_heads:
        flags.append("regionhead")
    return flags


def _analysis(word: str) -> kk_morph.Analysis | None:
    return kk_morph.best(word) if _LETTER.search(word) and not word.isascii() else None


def _frequency_band(stem: str) -> str:
    """How common the stem is in the analyser's lexicon: '-' unknown, then 0..5 by orders of magnitude."""
    count = kk_morph.lexicon().get(stem)
    return "-" if count is None else str(min(len(str(count)) - 1, 5))


def _quote_type(low: str) -> str:
    return next((t for prefix, t in _gazetteers().quote_types if low.startswith(prefix)), "")


@lru_cache(maxsize=200_000)
def word_info(word: str, groups: frozenset[str] = frozenset(GROUPS)) -> WordInfo:
    """Features of one word type (cached)."""
    low = word.lower()
    sh = shape(word)
    title = word[:1].isupper() and not word.isupper()
    own = ["b", "w=" + low, "sh=" + sh[:6], "ti" if title else ("up" if word.isupper() else "lo")]
    if any(c.isdigit() for c in word):
        own.append("dg")
    if "-" in word:
        own.append("hy")
    a = _analysis(word) if "morph" in groups or "gazetteer" in groups else None
    stem = a.stem if a is not None else low
    if "affix" in groups:
        own += [f"p{n}={low[:n]}" for n in (2, 3, 4) if len(low) > n]
        own += [f"x{n}={low[-n:]}" for n in (1, 2, 3, 4, 5) if len(low) > n]
    case = "-"
    if a is not None and "morph" in groups:
        case = a.case + ("P" if a.possessive else "")
        own += ["s=" + stem, "c=" + case, "t=" + "+".join(a.tags), "k" if a.known else "u",
                "sx3=" + stem[-3:], "fq=" + _frequency_band(stem)]
    flags = _gazetteer_flags(word, low, stem) if "gazetteer" in groups else []
    own += flags
    if "script" in groups and re.search("[A-Za-z]", word):
        own.append("lat")
    key = cluster_key(word, a.stem if a is not None else None)
    if "cluster" in groups and (cluster := _clusters().get(key)):
        own.append("cl=" + cluster)
    near = ["w=" + low, "sh=" + sh[:4], "ti" if title else "", "x3=" + low[-3:], "c=" + case,
            *(["s=" + stem] if a is not None and "morph" in groups else []), *flags]
    far = ["w=" + low, "ti" if title else ""]
    head = stem if a is not None and a.possessive == "3" and word.islower() else ""
    kind = next((f for f in flags if f in ("post", "orghead", "regionhead")), "")
    # interned: most feature strings recur across words ('x2=ың', 'c=GEN'), and this cache holds many words
    return WordInfo(tuple(map(sys.intern, own)), tuple(sys.intern(f) for f in near if f),
                    tuple(sys.intern(f) for f in far if f), stem, head, kind,
                    _quote_type(low) if "gazetteer" in groups else "", key)


def _quote_features(tokens: Sequence[str], infos: Sequence[WordInfo]) -> list[list[str]]:
    """Inside «…»: 'inq', and the word after the closing quote (its stem and the type it gives)."""
    out: list[list[str]] = [[] for _ in tokens]
    opened: int | None = None
    for i, tok in enumerate(tokens):
        if tok in _CLOSE_QUOTES and opened is not None:
            after = infos[i + 1] if i + 1 < len(tokens) else None
            feats = ["inq"] if after is None else ["inq", "qh=" + after.stem, "qt=" + after.quote_type]
            for j in range(opened + 1, i):
                out[j] = feats
            opened = None
        elif tok in _OPEN_QUOTES:
            opened = i
    return out


def _head_features(tokens: Sequence[str], infos: Sequence[WordInfo]) -> list[list[str]]:
    """The nearest head noun to the right, within ``HEAD_WINDOW`` tokens and before punctuation."""
    out: list[list[str]] = [[] for _ in tokens]
    head: tuple[int, str] | None = None
    kind: tuple[int, str] | None = None
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i] in _STOPS:
            head = kind = None
            continue
        if head is not None and head[0] - i <= HEAD_WINDOW:
            out[i].append("R=" + head[1])
        if kind is not None and kind[0] - i <= HEAD_WINDOW:
            out[i].append("Rk=" + kind[1])
        if infos[i].head:
            head = (i, infos[i].head)
        if infos[i].kind:
            kind = (i, infos[i].kind)
    return out


def sentence_features(tokens: Sequence[str], groups: frozenset[str] = frozenset(GROUPS)) -> list[list[str]]:
    """Feature strings of each token of a sentence."""
    infos = [word_info(t, groups) for t in tokens]
    quoted = _quote_features(tokens, infos) if "quote" in groups else None
    heads = _head_features(tokens, infos) if "heads" in groups else None
    kinds = _name_head_features(tokens, infos) if "namehead" in groups else None
    if "phrase" in groups:
        listed = gazetteer_kk.features(tokens, [info.key for info in infos], gazetteer_kk.names(stem_key))
        kinds = [k + g for k, g in zip(kinds or [[] for _ in tokens], listed, strict=True)]
    offsets = (-2, -1, 1, 2) if "context2" in groups else (-1, 1)
    n = len(tokens)
    out = []
    for i, info in enumerate(infos):
        feats = list(info.own)
        for off in offsets:
            j = i + off
            if not 0 <= j < n:
                feats.append(f"{off}:<s>")
                continue
            feats += [f"{off}:{f}" for f in (infos[j].near if off in (-1, 1) else infos[j].far)]
        if "bigram" in groups:
            left = infos[i - 1].own[1] if i else "w=<s>"
            right = infos[i + 1].own[1] if i + 1 < n else "w=</s>"
            feats += ["-1|0:" + left + "|" + info.own[1], "0|1:" + info.own[1] + "|" + right]
        if quoted is not None:
            feats += quoted[i]
        if heads is not None:
            feats += heads[i]
        if kinds is not None:
            feats += kinds[i]
        if i == 0:
            feats.append("first")
        out.append(feats)
    return out
