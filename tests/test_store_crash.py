"""Crash safety: an ingest killed with SIGKILL mid-run and run again ends with exactly the documents, facts,
pairs and clusters of one clean run. The releases are generated here: short Kazakh texts, some also in
Russian (slower to extract, so a few), some re-posted, some given twice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, text

from aimaq.ingest.run import ingest
from aimaq.store.engine import make_engine, open_store
from aimaq.store.url import resolve_url

BATCH = 10
RELEASES = 180
RU_SHARE = 0.1  # Russian texts are the slow ones to extract (natasha); a few suffice for pairs
REGIONS = [("Ақтөбе облысында", "в Актюбинской области"), ("Павлодар облысында", "в Павлодарской области"),
           ("Қостанай облысында", "в Костанайской области"), ("Жамбыл облысында", "в Жамбылской области"),
           ("Атырау облысында", "в Атырауской области")]
SENTENCES = [  # (kk, ru); {r} region, {n} a number
    ("{r} {year} жылы {n} жаңа кәсіпорын іске қосылды.", "{R} в {year} году запущено {n} новых предприятий."),
    ("Олардың жалпы құны {n},{d} млрд теңгені құрады.", "Их общая стоимость составила {n},{d} млрд тенге."),
    ("Жобалар аясында {n} жаңа жұмыс орны ашылды.", "В рамках проектов создано {n} новых рабочих мест."),
    ("Шағын бизнес өкілдеріне {n} грант берілді.", "Представителям малого бизнеса выдано {n} грантов."),
    ("Өңірдегі {n} ауылға ауыз су жеткізілді.", "Питьевая вода подведена к {n} селам региона."),
    ("Бұл туралы облыс әкімінің орынбасары брифингте айтты.", "Об этом на брифинге сообщил заместитель акима."),
]


def _release(rng: random.Random, i: int) -> tuple[str, str]:
    kk_region, ru_region = rng.choice(REGIONS)
    year, day = rng.choice([2022, 2023, 2024]), f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    chosen = [0] + sorted(rng.sample(range(1, 5), rng.randint(1, 3))) + [5]
    kk, ru = [], []
    for s in chosen:
        values = {"r": kk_region, "R": ru_region[0].upper() + ru_region[1:], "year": year,
                  "n": rng.randint(2, 990) + i * 1000, "d": rng.randint(1, 9)}
        kk.append(SENTENCES[s][0].format(**values))
        ru.append(SENTENCES[s][1].format(**values))
    return f" date {day} Өңірде жаңа жобалар\n" + " ".join(kk) + "\n", f" date {day} Новые проекты\n" + " ".join(ru) + "\n"


def make_corpus(folder: Path, releases: int = RELEASES, seed: int = 7) -> int:
    """Write the generated releases under ``folder``; the number of files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    count = 0
    for i in range(releases):
        kk, ru = _release(rng, i)
        texts = {"kk": kk, "ru": ru} if rng.random() < RU_SHARE else {"kk": kk}
        if i % 25 == 3:  # a re-post with a different date line and a source line
            texts["kk_repost"] = kk.replace(" date 2024", " date 2025") + "Дереккөз: облыс әкімдігі.\n"
        if i % 30 == 5:  # the same file given twice
            texts["copy"] = next(iter(texts.values()))
        for tag, body in texts.items():
            (folder / f"{i:04d}_{tag}.txt").write_text(body, encoding="utf-8")
            count += 1
    return count


def snapshot(engine: Engine) -> dict[str, list]:
    """Everything an ingest decides, without row ids and timestamps."""
    with engine.connect() as conn:
        q = lambda sql: sorted(tuple(r) for r in conn.execute(text(sql)))  # noqa: E731
        evidence: dict[int, list[str]] = {}
        for fact_id, doc_id, idx in conn.execute(text("SELECT fact_id, doc_id, sentence_idx FROM fact_evidence")):
            evidence.setdefault(fact_id, []).append(f"{doc_id}:{idx}")
        facts = sorted(
            (f.type, f.value, f.value_before, f.currency, f.unit, f.region, f.period_start, f.period_end, f.subject,
             str(f.date), tuple(sorted(evidence.get(f.id, []))))
            for f in conn.execute(text("SELECT * FROM facts"))
        )
        return {
            "documents": q("SELECT id, cluster_id FROM documents"),
            "sources": q("SELECT doc_id, source FROM sources"),
            "facts": facts,
            "pairs": q("SELECT kk_id, ru_id FROM pairs"),
            "clusters": q("SELECT id, representative_id, size FROM clusters"),
            "sentences": q("SELECT count(*) FROM sentences"),
            "lsh": q("SELECT count(*) FROM lsh_keys"),
        }


def committed(url: str) -> int:
    """Documents committed so far in the store at ``url`` (0 while it does not exist yet)."""
    engine = make_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
    except Exception:
        return 0
    finally:
        engine.dispose()


def kill_mid_run(corpus: Path, db: str, after: int) -> int:
    """Run `aimaq ingest` in a subprocess and SIGKILL it once ``after`` documents are committed."""
    cmd = [sys.executable, "-m", "aimaq.cli", "ingest", "--db", db, "--batch-size", str(BATCH), "--no-progress",
           str(corpus)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if committed(db) >= after:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait()
    return proc.returncode


def crash_and_compare(corpus: Path, files: int, clean_db: str, crash_db: str) -> None:
    """Clean run into ``clean_db``; killed run, then re-run, into ``crash_db``; both end the same."""
    clean = ingest([str(corpus)], engine=open_store(clean_db), batch_size=BATCH)
    assert clean.new + clean.unchanged + clean.repeated == files and not clean.errors
    status = kill_mid_run(corpus, crash_db, after=3 * BATCH)
    assert status == -signal.SIGKILL, "ingest finished before it could be killed"
    half = committed(crash_db)
    assert 0 < half < clean.new
    crashed = open_store(crash_db)
    resumed = ingest([str(corpus)], engine=crashed, batch_size=BATCH)
    assert resumed.new == clean.new - half and resumed.read == files
    assert snapshot(crashed) == snapshot(open_store(clean_db))
    again = ingest([str(corpus)], engine=crashed, batch_size=BATCH)
    assert again.new == 0 and snapshot(crashed) == snapshot(open_store(clean_db))


def test_store_crash_generated_corpus_is_what_it_claims(tmp_path: Path) -> None:
    files = make_corpus(tmp_path / "c")
    assert 150 <= files <= 260 and len(list((tmp_path / "c").glob("*_ru.txt"))) > 10


def test_store_crash_sigkill_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    files = make_corpus(tmp_path / "corpus")
    crash_and_compare(tmp_path / "corpus", files, str(tmp_path / "clean.db"), str(tmp_path / "crash.db"))
