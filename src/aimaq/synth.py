"""A seeded generator of invented kk and ru press releases, for benchmarks and store tests.

Each release is written from the templates in data/synth/templates.json: a region, a date, an official
with a post, 3–6 facts and filler sentences. Some releases come in both languages (a translation pair
with the same figures), some are re-posted by a second outlet (same text, another address and an extra
source line). Every record carries what the generator put in it (`release`, `truth`), so a benchmark can
check what extraction found. The same seed always gives the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from aimaq.render import decimal_comma, group_digits, render_kk_words
from aimaq.resources import load_json, load_lines
from aimaq.stages.amounts.number_words import kk_forms
from aimaq.text.fold import fold_kazakh_letters


@dataclass(frozen=True)
class Options:
    docs: int = 2000
    seed: int = 1
    pair_share: float = 0.5  # releases published in both languages
    repost_share: float = 0.1  # releases re-posted by a second outlet
    filler: tuple[int, int] = (8, 18)  # filler sentences per release (sets the size: about 1-3 KB)


@cache
def _templates() -> dict[str, Any]:
    return load_json("synth/templates.json")


@cache
def _regions() -> list[dict[str, Any]]:
    return load_json("regions.json")["units"]


@cache
def _given() -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in load_lines("names/kk_given.txt")]
    return [(r[0], r[1]) for r in rows if len(r) == 2]


def _surname(stem: str, female: bool) -> str:
    base = stem + ("ев" if stem[-1] in "аеиоуыәөұүі" else "ов")
    if stem.endswith(("ай", "ей")):
        base = stem[:-1] + "ев"
    return base + ("а" if female else "")


def _kk_suffix(n: int, case: str) -> str:
    """The case ending written after a digit: 41 -> 'ден' (ablative), 143 -> 'ке' (dative)."""
    last = render_kk_words(n % 1_000_000 or 1000).split()[-1] if n % 1000 else "мың"
    forms = kk_forms(last, [case], load_json("numbers/kk.json"))
    form = next(f for f, c in forms.items() if c == case)
    return form[len(last):]


def _place(unit: dict[str, Any]) -> dict[str, str]:
    cities = _templates()["city_forms"]
    if unit["code"] in cities:
        return cities[unit["code"]]
    kk_base = unit["names"]["kk"].removesuffix(" облысы")
    ru = unit["names"]["ru"]
    if ru.startswith("область "):
        ru_loc, ru_gen = "в области " + ru.removeprefix("область "), "области " + ru.removeprefix("область ")
    else:
        adj = ru.split()[0]
        ru_gen = adj[:-2] + "ой области"
        ru_loc = "в " + ru_gen
    return {"ru_loc": ru_loc, "ru_gen": ru_gen, "kk_loc": f"{kk_base} облысында", "kk_gen": f"{kk_base} облысының"}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@cache
def _agree(noun: str, n: int) -> str:
    from aimaq.text.morph.ru import parses

    words = noun.split()
    if len(words) > 1:  # 'рабочее место': agree the adjective and the noun each
        return " ".join(_agree(w, n) for w in words)
    agreed = parses(noun)[0].make_agree_with_number(n)
    return agreed.word if agreed else noun


def _money(rng: random.Random) -> tuple[Decimal, str, int]:
    scale = rng.choice([10**6, 10**9])
    mantissa = Decimal(rng.randint(11, 9_999)) / 10
    return mantissa, "KZT" if rng.random() < 0.85 else "USD", scale


def _fact(rng: random.Random, ftype: str, spec: dict[str, Any]) -> dict[str, Any]:
    if spec["kind"] == "money":
        mantissa, currency, scale = _money(rng)
        return {"type": ftype, "mantissa": str(mantissa), "scale": scale, "currency": currency,
                "value": float(mantissa * scale), "value_before": None}
    if spec["kind"] == "change":
        a = rng.randint(3, 300)
        return {"type": ftype, "value": a + rng.randint(2, 300), "value_before": a, "currency": None}
    return {"type": ftype, "value": rng.choice([rng.randint(2, 99), rng.randint(100, 9_999)]),
            "value_before": None, "currency": None}


def _render_fact(fact: dict[str, Any], lang: str, place: dict[str, str]) -> str:
    t = _templates()
    spec = t["facts"][fact["type"]]
    slots = {"place_cap": _cap(place[f"{lang}_loc"])}
    if spec["kind"] == "money":
        cur, scale = t["currencies"][fact["currency"]], t["scales"][str(fact["scale"])][lang]
        number = decimal_comma(Decimal(fact["mantissa"]))
        slots["money"] = f"{number} {scale} {cur[lang]}"
        slots["money_acc"] = f"{number} {scale} {cur.get('kk_acc', cur[lang])}"
    elif spec["kind"] == "change":
        a, b = fact["value_before"], fact["value"]
        slots.update(a=str(a), b=str(b), a_abl=_kk_suffix(a, "abl"), b_dat=_kk_suffix(b, "dat"))
    else:
        n = fact["value"]
        digits = group_digits(n)
        slots["n"] = f"{digits} {_agree(spec['noun_ru'], n)}" if lang == "ru" else digits
    return spec[lang].format(**slots)


def _person(rng: random.Random) -> dict[str, Any]:
    given, gender = rng.choice(_given())
    stem, _ = rng.choice([g for g in _given() if g[1] == "m"])
    kk = f"{given} {_surname(stem, gender == 'f')}"
    return {"kk": kk, "ru": fold_kazakh_letters(kk), "female": int(gender == "f")}


def _release(rng: random.Random, number: int, options: Options) -> dict[str, Any]:
    t = _templates()
    unit = rng.choice(_regions())
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(8 * 365))
    types = rng.sample(sorted(t["facts"]), rng.randint(3, 6))
    filler = rng.sample(range(len(t["filler"])), min(len(t["filler"]), rng.randint(*options.filler)))
    return {
        "release": number,
        "region": unit["code"],
        "place": _place(unit),
        "date": day.isoformat(),
        "person": _person(rng),
        "post": rng.randrange(len(t["posts"])),
        "title": rng.randrange(len(t["titles"])),
        "opening": rng.randrange(len(t["openings"])),
        "facts": [_fact(rng, ftype, t["facts"][ftype]) for ftype in types],
        "filler": filler,
    }


def render(release: dict[str, Any], lang: str) -> tuple[str, str]:
    """(title, text) of a release in one language."""
    t, place = _templates(), release["place"]
    year = release["date"][:4]
    post = t["posts"][release["post"]][lang].format(place_gen=place[f"{lang}_gen"])
    spec = t["openings"][release["opening"]]
    ru_past = spec["ru_past"][release["person"]["female"]]
    opening = spec[lang].format(post_cap=_cap(post), person=release["person"][lang], year=year, ru_past=ru_past)
    body = [opening] + [_render_fact(f, lang, place) for f in release["facts"]]
    fill = [t["filler"][i][lang] for i in release["filler"]]
    sentences = body[:2] + fill[: len(fill) // 2] + body[2:] + fill[len(fill) // 2:]
    return t["titles"][release["title"]][lang].format(year=year), " ".join(sentences)


def _truth(release: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: f[k] for k in ("type", "value", "value_before", "currency")} | {"region": release["region"]}
            for f in release["facts"]]


def generate(options: Options = Options()) -> Iterator[dict[str, Any]]:
    """JSONL records (text, title, date, url, lang, release, truth) until `options.docs` are out."""
    rng = random.Random(options.seed)
    made = number = 0
    while made < options.docs:
        release = _release(rng, number, options)
        langs = ["kk", "ru"] if rng.random() < options.pair_share else [rng.choice(["kk", "ru"])]
        for lang in langs:
            title, text = render(release, lang)
            outlets = 2 if rng.random() < options.repost_share else 1
            for outlet in range(outlets):
                if made >= options.docs:
                    return
                extra = "\n" + _templates()["repost_lines"][outlet % 2][lang] if outlet else ""
                yield {"text": text + extra, "title": title, "date": release["date"],
                       "url": f"https://news{outlet}.example.kz/{lang}/{number}", "lang": lang,
                       "release": number, "truth": _truth(release)}
                made += 1
        number += 1
