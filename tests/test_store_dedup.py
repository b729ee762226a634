"""Near-duplicate clusters: re-posts land in one cluster with one representative, and their facts count once."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from datasketch import MinHashLSH
from sqlalchemy import delete, insert, select

from aimaq.ingest.run import ingest
from aimaq.store import dedup
from aimaq.store.engine import open_store
from aimaq.store.filters import Filters
from aimaq.store.query import query_facts
from aimaq.store.runs import insert_run
from aimaq.store.schema import Cluster, DocumentRow, LshKey, ShingleSet

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
REPOSTS = [tuple(p) for p in json.loads((CORPUS / "pairs.json").read_text(encoding="utf-8"))["reposts"]]
CONTROL = "001_kk_aktobe_investment.txt"
RELEASE = ("Жамбыл облысында биыл 12 жаңа кәсіпорын іске қосылды, олардың жалпы құны 34,5 млрд теңге. "
           "Жобалар аясында 870 жаңа жұмыс орны ашылды. Бұл туралы облыс әкімінің орынбасары брифингте айтты.")
WEEKLY = ("За неделю в регионе зарегистрировано {} новых субъектов малого бизнеса, из них индивидуальных "
          "предпринимателей {}. Общий объем налоговых поступлений от малого бизнеса с начала года составил "
          "{} млрд тенге. Об этом сообщили в управлении предпринимательства и индустриально-инновационного развития "
          "области, где еженедельно подводят итоги работы с предпринимателями региона.")


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        (RELEASE, RELEASE.replace("брифингте айтты", "баспасөз мәслихатында мәлім етті"), True),
        (RELEASE, " ".join(RELEASE.upper().split()) + " Дереккөз: облыс әкімдігі.", True),
        (RELEASE, RELEASE.replace("12 жаңа", "15 жаңа").replace("870", "640").replace("34,5", "21,0"), False),
        (RELEASE, "Павлодар облысында 40 ауылға ауыз су жеткізілді. Жұмыстар келесі жылы аяқталады.", False),
        (WEEKLY.format(112, 87, "41,6"), WEEKLY.format(131, 95, "44,2"), False),  # one template, other figures
        (WEEKLY.format(112, 87, "41,6"), WEEKLY.format(112, 87, "41,6").replace("области, где", "области. Там"),
         True),
    ],
)
def test_store_dedup_similarity_separates_reposts_from_other_releases(a: str, b: str, near: bool) -> None:
    assert dedup.near_duplicates(a, b) is near


def test_store_dedup_template_releases_share_words_but_not_figures() -> None:
    a, b = WEEKLY.format(112, 87, "41,6"), WEEKLY.format(131, 95, "44,2")
    assert dedup.jaccard(dedup.shingles(a), dedup.shingles(b)) >= dedup.THRESHOLD
    assert dedup.jaccard(dedup.figures(a), dedup.figures(b)) < dedup.FIGURES_THRESHOLD


def test_store_dedup_banding_is_the_one_datasketch_chooses() -> None:
    lsh = MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM)
    assert (lsh.b, lsh.r) == (dedup.BANDS, dedup.ROWS)


def test_store_dedup_band_keys_are_stable_and_shared_by_near_copies() -> None:
    one = dedup.band_keys(dedup.shingles(RELEASE))
    assert one == dedup.band_keys(dedup.shingles(RELEASE)) and len(one) == dedup.BANDS
    copy = RELEASE.replace("брифингте айтты", "брифингте мәлім етті")
    assert set(one) & set(dedup.band_keys(dedup.shingles(copy)))


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([("b", date(2023, 5, 19), 900), ("a", date(2023, 5, 18), 100)], "a"),  # earliest date wins
        ([("b", None, 900), ("a", date(2023, 5, 18), 100)], "a"),  # undated last
        ([("b", None, 900), ("a", None, 100)], "b"),  # then the longest
        ([("b", None, 100), ("a", None, 100)], "a"),  # then the smallest id
    ],
)
def test_store_dedup_representative(members, expected: str) -> None:
    assert dedup.representative(members) == expected


def _clusters(engine) -> dict[str, tuple[str, frozenset[str]]]:
    """Cluster id -> (representative file name, member file names)."""
    with engine.connect() as conn:
        docs = conn.execute(select(DocumentRow.id, DocumentRow.source, DocumentRow.cluster_id)).all()
        reps = dict(conn.execute(select(Cluster.id, Cluster.representative_id)).all())
    names = {d.id: Path(d.source).name for d in docs}
    members: dict[str, set[str]] = {}
    for d in docs:
        members.setdefault(d.cluster_id, set()).add(names[d.id])
    return {c: (names[reps[c]], frozenset(m)) for c, m in members.items()}


@pytest.fixture(scope="module", params=["forward", "reverse"])
def reposts_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    files = [CORPUS / name for pair in REPOSTS for name in pair] + [CORPUS / CONTROL]
    if request.param == "reverse":
        files.reverse()
    engine = open_store(str(tmp_path_factory.mktemp("dedup") / "d.db"))
    report = ingest([str(f) for f in files], engine=engine, batch_size=2)
    return engine, report


def test_store_dedup_reposts_form_one_cluster_with_the_original_as_representative(reposts_db) -> None:
    engine, report = reposts_db
    clusters = sorted(_clusters(engine).values(), key=lambda c: c[0])
    expected = sorted([(a, frozenset((a, b))) for a, b in REPOSTS] + [(CONTROL, frozenset([CONTROL]))])
    assert clusters == expected
    assert report.duplicates == len(REPOSTS)


def test_store_dedup_facts_of_a_cluster_count_once(reposts_db) -> None:
    engine, _ = reposts_db
    listed = list(query_facts(engine))
    everything = list(query_facts(engine, Filters(duplicates=True)))
    by_file: dict[str, int] = {}
    for f in everything:
        for e in f.evidence:
            by_file[Path(e.source).name] = by_file.get(Path(e.source).name, 0) + 1
    reposted = sum(by_file.get(b, 0) for _, b in REPOSTS)
    assert reposted > 0
    assert len(listed) == len(everything) - reposted
    assert {Path(e.source).name for f in listed for e in f.evidence}.isdisjoint({b for _, b in REPOSTS})


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (RELEASE, RELEASE.replace("брифингте айтты", "баспасөз мәслихатында мәлім етті")),
        (WEEKLY.format(112, 87, "41,6"), WEEKLY.format(131, 95, "44,2")),
        (RELEASE, WEEKLY.format(112, 87, "41,6")),
        ("", ""),
        ("Бір екі", RELEASE),
    ],
)
def test_store_dedup_hashed_shingles_give_the_same_similarity(a: str, b: str) -> None:
    sa, sb = dedup.shingles(a), dedup.shingles(b)
    assert dedup.hashed_jaccard(dedup.shingle_hashes(sa), dedup.shingle_hashes(sb)) == dedup.jaccard(sa, sb)


def test_store_dedup_one_set_against_many_gives_each_pairs_similarity() -> None:
    texts = ["", "Бір екі", RELEASE, RELEASE.replace("брифингте айтты", "баспасөз мәслихатында мәлім етті"),
             WEEKLY.format(112, 87, "41,6"), WEEKLY.format(131, 95, "44,2")]
    hashes = [dedup.shingle_hashes(dedup.shingles(t)) for t in texts]
    for own in hashes:
        assert dedup.hashed_jaccards(own, hashes) == [dedup.hashed_jaccard(own, other) for other in hashes]
    assert dedup.hashed_jaccards(hashes[2], []) == []


def _stored_clusters(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return sorted(conn.execute(select(DocumentRow.id, DocumentRow.cluster_id)).tuples().all())


def test_store_dedup_a_store_without_shingle_hashes_clusters_alike(tmp_path: Path) -> None:
    """Documents stored before ``shingle_sets`` (no hashes) are confirmed on their text instead."""
    files = [str(CORPUS / name) for pair in REPOSTS for name in pair] + [str(CORPUS / CONTROL)]
    with_hashes = open_store(str(tmp_path / "a.db"))
    ingest(files[::2], engine=with_hashes)
    ingest(files[1::2], engine=with_hashes)
    without = open_store(str(tmp_path / "b.db"))
    ingest(files[::2], engine=without)
    with without.connect() as conn, conn.begin():
        conn.execute(delete(ShingleSet))
    ingest(files[1::2], engine=without)
    assert _stored_clusters(without) == _stored_clusters(with_hashes)
    assert len({c for _, c in _stored_clusters(with_hashes)}) == len(REPOSTS) + 1


def test_store_dedup_the_closest_candidates_are_checked_first(tmp_path: Path, monkeypatch) -> None:
    """With more LSH candidates than ``MAX_CANDIDATES``, those sharing the most bands are checked: a re-post
    sharing every band is not crowded out by documents that share one band with it."""
    monkeypatch.setattr(dedup, "MAX_CANDIDATES", 2)
    engine = open_store(str(tmp_path / "c.db"))
    release, copy = RELEASE, RELEASE.replace("брифингте айтты", "брифингте мәлім етті")
    ids = ["z0"] + [f"a{n}" for n in range(1, 6)]  # the decoys come first in id order
    with engine.connect() as conn, conn.begin():
        run_id = insert_run(conn, ["test"], status="done")
        conn.execute(insert(DocumentRow), [
            {"id": ids[n], "lang": "kk", "text": text, "raw_text": text, "raw_hash": f"h{n}", "source": f"s{n}",
             "format": "text", "cluster_id": ids[n], "search_keys": "", "schema_version": 2, "run_id": run_id}
            for n, text in enumerate([release] + [f"Басқа хабар {n}." for n in range(1, 6)])])
        conn.execute(insert(Cluster), [{"id": i, "representative_id": i, "size": 1} for i in ids])
        keys = dedup.band_keys(dedup.shingles(release))
        conn.execute(insert(LshKey), [{"key": k, "doc_id": "z0"} for k in keys])
        conn.execute(insert(LshKey), [{"key": keys[0], "doc_id": i} for i in ids[1:]])
        conn.execute(insert(DocumentRow).values(
            id="new", lang="kk", text=copy, raw_text=copy, raw_hash="hn", source="sn", format="text",
            cluster_id="new", search_keys="", schema_version=2, run_id=run_id))
        placed = dedup.place(conn, "new", copy)
    assert placed.duplicate and placed.representative_id in ("z0", "new")


def test_store_dedup_a_crowded_band_key_proposes_a_bounded_number_of_documents(tmp_path: Path,
                                                                              monkeypatch) -> None:
    """A band key held by more than ``BUCKET`` stored documents (a template's) proposes only its first
    ``BUCKET`` by id, so a lookup reads at most ``BUCKET`` rows a key however large the store; a re-post sharing
    its release's other keys still finds the release."""
    monkeypatch.setattr(dedup, "BUCKET", 3)
    engine = open_store(str(tmp_path / "b.db"))
    release, copy = RELEASE, RELEASE.replace("брифингте айтты", "брифингте мәлім етті")
    keys = dedup.band_keys(dedup.shingles(release))
    crowd = [f"a{n}" for n in range(1, 8)]  # before the release in id order, each holding the release's first key
    with engine.connect() as conn, conn.begin():
        run_id = insert_run(conn, ["test"], status="done")
        conn.execute(insert(DocumentRow), [
            {"id": doc_id, "lang": "kk", "text": text, "raw_text": text, "raw_hash": f"h{doc_id}", "source": doc_id,
             "format": "text", "cluster_id": doc_id, "search_keys": "", "schema_version": 2, "run_id": run_id}
            for doc_id, text in [("z0", release), *((c, f"Басқа хабар {c}.") for c in crowd)]])
        conn.execute(insert(Cluster), [{"id": i, "representative_id": i, "size": 1} for i in ["z0", *crowd]])
        conn.execute(insert(LshKey), [{"key": k, "doc_id": "z0"} for k in keys])
        conn.execute(insert(LshKey), [{"key": keys[0], "doc_id": c} for c in crowd])
        # the crowded key proposes a1..a3, not the release, which the other keys propose
        assert dedup._stored_sharing(conn, keys, "new") == [("z0", len(keys) - 1), ("a1", 1), ("a2", 1), ("a3", 1)]
        conn.execute(insert(DocumentRow).values(
            id="new", lang="kk", text=copy, raw_text=copy, raw_hash="hn", source="sn", format="text",
            cluster_id="new", search_keys="", schema_version=2, run_id=run_id))
        placed = dedup.place(conn, "new", copy)
    assert placed.duplicate and placed.representative_id in ("z0", "new")


def test_store_dedup_a_batch_sees_its_own_unwritten_documents(tmp_path: Path) -> None:
    """Settling places a batch's documents with their rows pending (one statement per table at the end): a
    re-post placed after its release in the same batch still joins it, and a pending document's rows reach the
    store only when flushed."""
    engine = open_store(str(tmp_path / "p.db"))
    copy = RELEASE.replace("брифингте айтты", "брифингте мәлім етті")
    texts = {"r1": RELEASE, "other": "Басқа хабар: облыста 12 мектеп салынды.", "r2": copy}
    with engine.connect() as conn, conn.begin():
        run_id = insert_run(conn, ["test"], status="done")
        conn.execute(insert(DocumentRow), [
            {"id": i, "lang": "kk", "text": t, "raw_text": t, "raw_hash": f"h{i}", "source": i, "format": "text",
             "cluster_id": i, "search_keys": "", "schema_version": 2, "run_id": run_id} for i, t in texts.items()])
        pending = dedup.Pending()
        first = [dedup.place(conn, i, texts[i], pending=pending) for i in ("r1", "other")]
        assert not any(p.duplicate for p in first)
        assert conn.execute(select(LshKey.doc_id)).all() == [] and conn.execute(select(Cluster.id)).all() == []
        joined = dedup.place(conn, "r2", copy, pending=pending)  # a near-duplicate: what was pending is written
        pending.flush(conn)
        clusters = dict(conn.execute(select(DocumentRow.id, DocumentRow.cluster_id)).tuples().all())
        hashed = set(conn.execute(select(ShingleSet.doc_id)).scalars())
    assert joined.duplicate and clusters["r1"] == clusters["r2"] != clusters["other"]
    assert hashed == set(texts)
