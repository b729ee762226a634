"""The synthetic corpus generator: reproducible, realistic enough for benchmarks, its truth checkable."""

from __future__ import annotations

import itertools

import pytest

from aimaq.pipeline import extract
from aimaq.records import RawDocument
from aimaq.synth import Options, _kk_suffix, generate


def test_synth_same_seed_same_corpus() -> None:
    a = list(generate(Options(docs=50, seed=7)))
    b = list(generate(Options(docs=50, seed=7)))
    c = list(generate(Options(docs=50, seed=8)))
    assert a == b and a != c and len(a) == 50


def test_synth_pairs_and_reposts_share_their_release() -> None:
    records = list(generate(Options(docs=300, seed=2)))
    by_release: dict[int, list[dict]] = {}
    for r in records:
        by_release.setdefault(r["release"], []).append(r)
    pairs = [rs for rs in by_release.values() if {r["lang"] for r in rs} == {"kk", "ru"}]
    reposts = [rs for rs in by_release.values() if len({r["url"] for r in rs}) > len({r["lang"] for r in rs})]
    assert len(pairs) > 50 and len(reposts) > 10
    for rs in pairs:
        assert all(r["truth"] == rs[0]["truth"] for r in rs)
    assert len({r["url"] for r in records}) == len(records)


@pytest.mark.parametrize(
    ("n", "case", "suffix"),
    [(41, "abl", "ден"), (143, "dat", "ке"), (118, "dat", "ге"), (96, "dat", "ға"), (10, "abl", "нан"),
     (57, "abl", "ден"), (40, "abl", "тан"), (1000, "dat", "ға"), (30, "abl", "дан"), (65, "dat", "ке")],
)
def test_synth_kazakh_case_suffix_after_digits(n: int, case: str, suffix: str) -> None:
    assert _kk_suffix(n, case) == suffix


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_synth_extraction_recovers_the_generated_facts(lang: str) -> None:
    records = [r for r in itertools.islice(generate(Options(docs=80, seed=5)), 80) if r["lang"] == lang][:15]
    for r in records:
        doc = extract(RawDocument(source=r["url"], text=r["text"], title=r["title"], date=r["date"]))
        got = {(f.type, f.value, f.value_before, f.region) for f in doc.facts}
        truth = {(t["type"], t["value"], t["value_before"], t["region"]) for t in r["truth"]}
        assert truth <= got, (r["text"], truth - got)
        assert doc.lang == lang
