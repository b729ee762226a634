"""Synthetic Kazakh training sentences for press-release constructions KazNERD lacks (tools/data/kk_ner_templates.txt).

Slots are filled from the package data: region, city and district names from regions.json, given names
from names/kk_given.txt, surnames made from given names ('Серік' -> 'Серіков', 'Серікова', 'Серікұлы').
Deterministic: the same seed gives the same sentences.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from aimaq.ner.kaznerd import TaggedSentence
from aimaq.resources import load_json, load_lines

TEMPLATES = Path(__file__).resolve().parent / "data" / "kk_ner_templates.txt"
SEED = 20240601
_BACK = "аоұыя"
_FRONT = "әеөүі"
_SLOT = re.compile(r"\{(\w+)(?:\.(\w+))?\}")
# case -> (ending after -ов/-ев in back, front harmony); after -ова/-ева; after -ұлы/-қызы
_CASES = {
    "gen": (("тың", "тің"), "ның", "ның"),
    "dat": (("қа", "ке"), "ға", "на"),
    "acc": (("ты", "ті"), "ны", "н"),
    "ins": (("пен", "пен"), "мен", "мен"),
    "loc": (("та", "те"), "да", "нда"),
}


@dataclass(frozen=True)
class Slots:
    regions: tuple[str, ...]
    cities: tuple[str, ...]
    districts: tuple[str, ...]
    given: tuple[tuple[str, str], ...]  # (name, 'm'|'f')


def slots() -> Slots:
    found: dict[str, list[str]] = {"region": [], "city": [], "district": []}
    for unit in load_json("regions.json")["units"]:
        for group in unit["groups"]:
            kind = "city" if group["kind"] == "centre" else group["kind"]
            if kind in found:
                found[kind] += [n for n in group.get("kk", []) if n not in found[kind]]
    given = tuple(tuple(line.split("\t")[:2]) for line in load_lines("names/kk_given.txt"))
    return Slots(tuple(found["region"]), tuple(found["city"]), tuple(found["district"]), given)


def _last_vowel_back(word: str) -> bool:
    vowels = [c for c in word.lower() if c in _BACK + _FRONT]
    return not vowels or vowels[-1] in _BACK


def surname(father: str, gender: str, rng: random.Random) -> str:
    """A surname from a (father's) given name, for a person of ``gender``."""
    if rng.random() < 0.2:
        return father + ("ұлы" if gender == "m" else "қызы")
    base = father + ("ев" if father[-1].lower() in _BACK + _FRONT + "иуэюй" else "ов")
    return base + ("а" if gender == "f" else "")


def inflect(name: str, case: str) -> str:
    after_ov, after_ova, after_uly = _CASES[case]
    if name.endswith(("ұлы", "қызы")):
        return name + after_uly
    if name.endswith("а"):
        return name + after_ova
    return name + after_ov[0 if _last_vowel_back(name) else 1]


def fill(template: str, s: Slots, rng: random.Random) -> str:
    given, gender = rng.choice(s.given)
    last = surname(rng.choice([n for n, g in s.given if g == "m"]), gender, rng)
    values = {"REGION": rng.choice(s.regions), "CITY": rng.choice(s.cities),
              "DISTRICT": rng.choice(s.districts), "GIVEN": given}

    def put(m: re.Match[str]) -> str:
        if m.group(1) == "SURNAME":
            return inflect(last, m.group(2)) if m.group(2) else last
        return values[m.group(1)]

    return _SLOT.sub(put, template)


def parse(line: str, sid: str) -> TaggedSentence:
    """'[PERSON Серік Ахметов ] сөйледі .' -> tokens and KazNERD IOB2 tags."""
    tokens: list[str] = []
    tags: list[str] = []
    kind: str | None = None
    for piece in line.split():
        if piece.startswith("[") and len(piece) > 1:
            kind, first = piece[1:], True
        elif piece == "]":
            kind = None
        else:
            tokens.append(piece)
            tags.append("O" if kind is None else ("B-" if first else "I-") + kind)
            first = False
    return TaggedSentence(sid, tuple(tokens), tuple(tags))


def sentences(per_template: int, seed: int = SEED) -> list[TaggedSentence]:
    """``per_template`` filled sentences for every template."""
    rng = random.Random(seed)
    s = slots()
    templates = [t for t in load_templates() if t]
    return [parse(fill(t, s, rng), f"SYN{i}.{k}") for i, t in enumerate(templates) for k in range(per_template)]


def load_templates() -> list[str]:
    lines = TEMPLATES.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
