"""One settings source: every group reads AIMAQ_<NAME> the same way, explicit values win."""

from __future__ import annotations

import pytest

from aimaq.settings import (
    BLAS_THREADS,
    GROUPS,
    Settings,
    StoreSettings,
    WebLimits,
    WebSettings,
    documented,
    env_name,
    one_blas_thread,
)
from aimaq.store.url import resolve_url


@pytest.mark.parametrize(
    ("group", "env", "overrides", "expected"),
    [
        (Settings, {"AIMAQ_MAX_DOCUMENT_BYTES": "2048"}, {}, {"max_document_bytes": 2048}),
        (Settings, {"AIMAQ_FOLLOW_SYMLINKS": "yes"}, {}, {"follow_symlinks": True}),
        (Settings, {"AIMAQ_JSONL_TEXT_FIELD": "body"}, {"jsonl_text_field": "content"}, {"jsonl_text_field": "content"}),
        (Settings, {"AIMAQ_JSONL_TEXT_FIELD": "body"}, {"jsonl_text_field": None}, {"jsonl_text_field": "body"}),
        (StoreSettings, {"AIMAQ_DB": "/data/a.db"}, {}, {"db": "/data/a.db"}),
        (WebSettings, {"AIMAQ_TOKEN": "secret"}, {}, {"token": "secret"}),
        (WebLimits, {"AIMAQ_SEARCH_RATE": "0.5", "AIMAQ_WRITE_BURST": "3"}, {}, {"search_rate": 0.5, "write_burst": 3}),
    ],
)
def test_settings_environment_then_overrides(group: type, env: dict, overrides: dict, expected: dict) -> None:
    got = group.from_env(env, **overrides)
    assert {name: getattr(got, name) for name in expected} == expected
    assert got == group(**{**vars(group()), **expected})


def test_settings_defaults_without_environment() -> None:
    assert [group.from_env({}) for group in GROUPS] == [group() for group in GROUPS]
    assert StoreSettings().db == "aimaq.db" and WebSettings().token == ""


def test_settings_every_setting_has_help_and_one_variable() -> None:
    names = [env_name(name) for _group, name, _default, _help in documented()]
    assert len(names) == len(set(names))
    assert all(help_text for *_rest, help_text in documented())


def test_settings_db_url_reads_the_store_setting(tmp_path) -> None:
    assert resolve_url(None, {"AIMAQ_DB": str(tmp_path / "x.db")}) == f"sqlite:///{tmp_path / 'x.db'}"


def test_settings_one_blas_thread_keeps_what_is_set() -> None:
    env = {"OMP_NUM_THREADS": "4"}
    one_blas_thread(env)
    assert env == {name: "4" if name == "OMP_NUM_THREADS" else "1" for name in BLAS_THREADS}
