"""Organisations named in both versions of a stored kk/ru pair become one canonical entity: counted once in
the entity listing, found by either name in search filters, the same whatever order the files came in."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from aimaq.ingest.run import ingest
from aimaq.store.engine import open_store
from aimaq.store.entity_groups import canonical_of, group_members
from aimaq.store.filters import Filters, document_filter
from aimaq.store.listings import list_entities
from aimaq.store.schema import DocumentRow, Entity

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
HEADER = " date 2025-05-14 {}\n"
TEXTS = {
    "release_kk": (
        "Түркістан облысының әкімдігі 2025 жылы «Бәйтерек» ұлттық басқарушы холдингімен бірлесіп 14 жоба іске "
        "асырды. Жобаларға 7,8 млрд теңге инвестиция тартылды. Ақмола облысының әкімдігі мен Қостанай облысының "
        "әкімдігі тәжірибе алмасу туралы меморандумға қол қойды."
    ),
    "release_ru": (
        "Акимат Туркестанской области в 2025 году совместно с национальным управляющим холдингом «Байтерек» "
        "реализовал 14 проектов. В проекты привлечено 7,8 млрд тенге инвестиций. Акимат Акмолинской области "
        "и акимат Костанайской области подписали меморандум об обмене опытом."
    ),
}


def _write(folder: Path, names: list[str]) -> list[str]:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(HEADER.format(name) + TEXTS[name] + "\n", encoding="utf-8")
    return [str(folder / f"{name}.txt") for name in names]


def _groups(engine) -> set[frozenset[str]]:
    with engine.connect() as conn:
        rows = conn.execute(select(Entity.id, Entity.canonical_id).where(Entity.type == "ORG")).all()
    groups: dict[str, set[str]] = {}
    for entity, canonical in rows:
        groups.setdefault(canonical or entity, set()).add(entity)
    return {frozenset(g) for g in groups.values()}


def _org_id(engine, name: str) -> str:
    with engine.connect() as conn:
        return conn.execute(select(Entity.id).where(Entity.type == "ORG", Entity.name == name)).scalar_one()


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("entities")
    engine = open_store(str(folder / "e.db"))
    report = ingest(_write(folder / "in", ["release_kk", "release_ru"]), engine=engine)
    assert report.pairs == 1
    return engine


@pytest.mark.parametrize(("kk_name", "ru_name"), [
    ("Түркістан облысының әкімдігі", "Акимат Туркестанской области"),
    ("Ақмола облысының әкімдігі", "Акимат Акмолинской области"),
    ("Қостанай облысының әкімдігі", "Акимат Костанайской области"),
])
def test_store_entities_an_organisation_and_its_translation_share_a_canonical_id(
        stored, kk_name: str, ru_name: str) -> None:
    kk, ru = _org_id(stored, kk_name), _org_id(stored, ru_name)
    with stored.connect() as conn:
        canonical = canonical_of(conn, [kk, ru])
        assert canonical[kk] == canonical[ru] == min(kk, ru)
        assert group_members(conn, [ru]) == sorted([kk, ru])


def test_store_entities_different_akimats_stay_apart(stored) -> None:
    kk, ru = _org_id(stored, "Ақмола облысының әкімдігі"), _org_id(stored, "Акимат Костанайской области")
    with stored.connect() as conn:
        canonical = canonical_of(conn, [kk, ru])
    assert canonical[kk] != canonical[ru]


def test_store_entities_listing_counts_the_pair_once(stored) -> None:
    items = list_entities(stored, Filters(kind="ORG"), limit=100).items
    akimats = [i for i in items if "туркестан" in i.id.lower() or "түркістан" in i.name.lower()]
    assert [(i.documents, i.mentions) for i in akimats] == [(2, 2)]


@pytest.mark.parametrize("name", ["Акимат Туркестанской области", "Түркістан облысының әкімдігі"])
def test_store_entities_a_filter_by_either_name_finds_both_versions(stored, name: str) -> None:
    with stored.connect() as conn:
        found = conn.execute(document_filter(select(DocumentRow.source), Filters(entity=name))).scalars().all()
    assert sorted(Path(s).stem for s in found) == ["release_kk", "release_ru"]


def test_store_entities_groups_do_not_depend_on_ingest_order(stored, tmp_path: Path) -> None:
    engine = open_store(str(tmp_path / "reversed.db"))
    ingest(_write(tmp_path / "in", ["release_ru"]), engine=engine)
    ingest(_write(tmp_path / "in", ["release_kk"]), engine=engine)
    assert _groups(engine) == _groups(stored)
    assert sum(len(g) == 2 for g in _groups(engine)) == 3  # three akimats ('Бәйтерек' is one id already)


def test_store_entities_samples_link_the_akimat_and_the_eu(tmp_path: Path) -> None:
    if not SAMPLES.is_dir():
        pytest.skip("needs ../shared/samples")
    engine = open_store(str(tmp_path / "s.db"))
    ingest([str(p) for p in sorted(SAMPLES.glob("00[01]_*.txt"))], engine=engine)
    groups = _groups(engine)
    assert frozenset({_org_id(engine, "Маңғыстау облысының әкімдігі"),
                      _org_id(engine, "Акимат Мангистауской области")}) in groups
    assert frozenset({_org_id(engine, "Еуропалық Одақ"), _org_id(engine, "Европейский Союз")}) in groups
