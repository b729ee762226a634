"""REGIONS stage: the regions and cities each sentence names, and the region the release is about.

The matcher itself (a trie of every inflected name in ``data/regions.json``) is ``aimaq.ner.region_matcher``;
this stage runs it sentence by sentence, leaves out the dateline ('АСТАНА. KAZINFORM –' says where the
story was filed, not what it is about), counts what it found and picks the main region.

The main region is the one the release is about, not the most or the first mentioned: a name in the title
or the lead, and a name with its governor ('Ақтөбе облысының әкімі', 'аким Актюбинской области'), weigh
more than mentions further down (``main_region``). When the release calls its own unit a region or a city
without naming it ('облыстың өнімі', 'в городе'), the main region is of that type, unless its governor
speaks. A release whose title or first sentence speaks of the whole country ('по республике',
'елімізде') and names no region there has no main region; one that names none takes the region whose
administration its photo credit names ('Фото: акимат Актюбинской области'), if any. The cues are data
(``data/region_cues.json``).

Entry point: ``run(cleaned, segmented) -> Regions``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from aimaq.ner.region_matcher import find_regions, region_counts
from aimaq.records import Cleaned, Mention, RegionCount, Regions, RemovedLine, Segmented, Sentence, Span
from aimaq.resources import load_json

LEAD_SENTENCES = 2  # the lead: this many sentences of the body after the title
TITLE_WEIGHT = 3.0
GOVERNOR_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
MENTION_WEIGHT = 0.5  # each mention, up to MENTION_CAP of them
MENTION_CAP = 4


def run(cleaned: Cleaned, segmented: Segmented) -> Regions:
    """The stage as the pipeline calls it: region mentions (offsets into the cleaned text, none inside the
    dateline), their counts and the main region."""
    text = cleaned.text
    found: list[Mention] = []
    for s in segmented.sentences:
        found.extend(
            Mention(m.type, m.start + s.start, m.end + s.start, m.text, m.norm, m.role)
            for m in find_regions(text[s.start : s.end], s.lang)
        )
    if cleaned.dateline is not None:
        line = cleaned.dateline
        found = [m for m in found if not (line.start <= m.start and m.end <= line.end)]
    counts = region_counts(found)
    parts = Parts.of(cleaned, segmented.sentences)
    main = main_region(text, found, counts, parts) if counts else credited_region(cleaned.removed)
    return Regions(tuple(found), counts, main)


def credited_region(removed: Sequence[RemovedLine]) -> str | None:
    """For a text that names no region: the one region whose administration a photo credit names
    ('Фото: акимат Актюбинской области'). A credit is no text, so it gives no region mention."""
    codes = {
        m.norm
        for r in removed if r.reason == "photo_credit"
        for m in find_regions(r.text) if m.norm and with_governor(r.text, m)
    }
    return codes.pop() if len(codes) == 1 else None


@dataclass(frozen=True)
class Parts:
    """Where the title, the lead and the lead's first sentence of a document are (spans of its text)."""

    title: Span | None
    lead: Span | None
    first: Span | None

    @classmethod
    def of(cls, cleaned: Cleaned, sentences: Sequence[Sentence]) -> Parts:
        body_start = cleaned.title.end if cleaned.title else 0
        body = [s for s in sentences if s.start >= body_start and not _only_dateline(cleaned.dateline, s)]
        if not body:
            return cls(cleaned.title, None, None)
        lead = Span(body[0].start, body[min(LEAD_SENTENCES, len(body)) - 1].end)
        return cls(cleaned.title, lead, Span(body[0].start, body[0].end))


def _only_dateline(dateline: Span | None, s: Sentence) -> bool:
    return dateline is not None and dateline.start <= s.start and s.end <= dateline.end


@cache
def _cues() -> dict:
    return load_json("region_cues.json")


@cache
def _governor_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(kk: a governor word right after the name; ru: a governor word right before it)."""
    gov = _cues()["governor"]
    after = re.compile(r"\s*(?:" + "|".join(gov["kk_after"]) + r")\w*", re.I)
    before = re.compile(
        r"(?<!\w)(?:" + "|".join(gov["ru_before"]) + r")\w*\s+(?:(?:города|области|г\.)\s+)?\Z", re.I
    )
    return after, before


@cache
def national_pattern() -> re.Pattern[str]:
    """Words by which a clause speaks of the whole country ('по республике', 'елімізде')."""
    words = [w for lang in ("ru", "kk") for w in _cues()["national"][lang]]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I)


@cache
def local_pattern() -> re.Pattern[str]:
    """Generic nouns by which a clause speaks of the release's own region ('в области', 'өңірде')."""
    words = [w for lang in ("ru", "kk") for w in _cues()["local"][lang]]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I)


@cache
def _unit_type_patterns() -> dict[str, re.Pattern[str]]:
    spec = _cues()["unit_type"]
    return {kind: re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I)
            for kind, words in spec.items() if kind != "comment"}


@cache
def _unit_types() -> dict[str, str]:
    """ISO code -> unit type ('region', or 'city' for a city of republican significance)."""
    return {u["code"]: u["type"] for u in load_json("regions.json")["units"]}


def own_unit_type(text: str, mentions: Sequence[Mention]) -> str | None:
    """The type of unit ('region' or 'city') the release calls its own without naming it ('облыстың',
    'в городе'), when such words lean one way; words inside a region mention do not count."""
    votes = {
        kind: sum(1 for m in rx.finditer(text) if not any(r.start < m.end() and m.start() < r.end for r in mentions))
        for kind, rx in _unit_type_patterns().items()
    }
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    return ranked[0][0] if ranked and ranked[0][1] > (ranked[1][1] if len(ranked) > 1 else 0) else None


def with_governor(text: str, m: Mention) -> bool:
    """'Ақтөбе облысының әкімі', 'Жамбыл облысы әкімінің орынбасары', 'аким Актюбинской области',
    'акима города Шымкента', 'Аким Астаны'."""
    after, before = _governor_patterns()
    return bool(after.match(text, m.end)) or bool(before.search(text[max(0, m.start - 40) : m.start]))


def _inside(span: Span | None, m: Mention) -> bool:
    return span is not None and span.start <= m.start < span.end


def region_scores(text: str, mentions: Sequence[Mention], parts: Parts) -> dict[str, float]:
    """How strongly the release is about each region it names."""
    scores: dict[str, float] = {}
    seen: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for m in mentions:
        if not m.norm:
            continue
        code, cues = m.norm, seen.setdefault(m.norm, set())
        if _inside(parts.title, m):
            cues.add("title")
        if _inside(parts.lead, m):
            cues.add("lead")
        if with_governor(text, m):
            cues.add("governor")
        counts[code] = counts.get(code, 0) + 1
    weights = {"title": TITLE_WEIGHT, "lead": LEAD_WEIGHT, "governor": GOVERNOR_WEIGHT}
    for code, cues in seen.items():
        scores[code] = sum(weights[c] for c in cues) + MENTION_WEIGHT * min(counts[code], MENTION_CAP)
    return scores


def main_region(text: str, mentions: Sequence[Mention], counts: Sequence[RegionCount], parts: Parts) -> str | None:
    """The region the release is about: the best score of ``region_scores``, ties to the region named first;
    None when it names none, or when its title or first sentence speaks of the whole country and names no
    region."""
    if not counts:
        return None
    scores = region_scores(text, mentions, parts)
    first: dict[str, int] = {}
    for m in mentions:
        if m.norm:
            first.setdefault(m.norm, m.start)

    def best_of(candidates: dict[str, float]) -> str:
        top = max(candidates.values())
        return min((c for c, s in candidates.items() if s == top), key=lambda c: first.get(c, 0))

    code = best_of(scores)
    own = own_unit_type(text, mentions)
    same_type = {c: s for c, s in scores.items() if _unit_types().get(c) == own}
    governed = any(m.norm == code and with_governor(text, m) for m in mentions)
    if own and same_type and _unit_types().get(code) != own and not governed:
        code = best_of(same_type)
    opening = [p for p in (parts.title, parts.first) if p is not None]
    named_early = any(_inside(p, m) for p in opening for m in mentions)
    national_early = any(national_pattern().search(text, p.start, p.end) for p in opening)
    if national_early and not named_early and not any(with_governor(text, m) for m in mentions):
        return None
    return code
