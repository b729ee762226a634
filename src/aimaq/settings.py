"""One settings source for the library, the CLI and the web app.

Every setting is declared once here, with its default and help text, in one of four groups: ``Settings``
(reading documents; the CLI builds its options from them), ``StoreSettings`` (where the store is),
``WebSettings`` (who may write through the web app) and ``WebLimits`` (request limits of the web app).
Each group's ``from_env`` reads the environment variable ``AIMAQ_<NAME>`` of each setting over its
default, and explicit values (command-line options, arguments) over both. ``documented()`` lists them
all for the docs (docs/settings.md, checked by tests/test_docs_drift.py).

The environment variables aimaq sets rather than reads (``BLAS_THREADS``) are declared here too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping
from dataclasses import Field, dataclass, field, fields, replace
from typing import Any, TypeVar, cast

from aimaq.errors import UsageError

MB = 1024 * 1024
ENV_PREFIX = "AIMAQ_"
T = TypeVar("T", bound="_FromEnv")


def env_name(setting: str) -> str:
    """The environment variable of a setting: ``max_upload_bytes`` -> ``AIMAQ_MAX_UPLOAD_BYTES``."""
    return ENV_PREFIX + setting.upper()


class _FromEnv:
    """``from_env`` for a settings dataclass: defaults, then ``AIMAQ_<NAME>`` variables, then overrides."""

    @classmethod
    def from_env(cls: type[T], environ: Mapping[str, str] | None = None, **overrides: object) -> T:
        """Defaults, then ``AIMAQ_<NAME>`` environment variables, then the overrides that are not None."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in _fields(cls):
            raw = env.get(env_name(f.name))
            if raw is not None:
                values[f.name] = _checked(f, _coerce(raw, type(f.default), env_name(f.name)), env_name(f.name))
        for name, value in overrides.items():
            if value is not None:
                known = [f for f in _fields(cls) if f.name == name]
                values[name] = _checked(known[0], value, "--" + name.replace("_", "-")) if known else value
        default: Any = cls()
        return cast(T, replace(default, **values))


def _fields(cls: type) -> tuple[Field[Any], ...]:
    return fields(cls)


def help_of(group: type, name: str) -> str:
    """The help text of one setting: ``help_of(StoreSettings, "db")``."""
    return next(f.metadata.get("help", "") for f in _fields(group) if f.name == name)


def _coerce(raw: str, kind: type, where: str) -> object:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            what = "a whole number" if kind is int else "a number"
            raise UsageError(f"{where}={raw!r}: not {what}") from None
    return raw


def _checked(f: Field[Any], value: object, where: str) -> object:
    """A number below the setting's ``min`` (metadata) is refused with a ``UsageError`` naming ``where``."""
    least = f.metadata.get("min")
    if least is not None and isinstance(value, (int, float)) and value < least:
        raise UsageError(f"{where}={value}: must be at least {least}")
    return value


@dataclass(frozen=True)
class Settings(_FromEnv):
    """How documents are read (``aimaq extract``, ``aimaq ingest``, ``aimaq pair``, uploads to the API)."""

    max_document_bytes: int = field(
        default=20 * MB, metadata={"help": "refuse a single document (file or record) larger than this", "min": 1}
    )
    max_decompressed_bytes: int = field(
        default=200 * MB, metadata={"help": "refuse a gzip stream that inflates past this (gzip bombs)", "min": 1}
    )
    jsonl_text_field: str = field(default="text", metadata={"help": "JSONL field holding the body"})
    jsonl_title_field: str = field(default="title", metadata={"help": "JSONL field holding the title"})
    jsonl_date_field: str = field(default="date", metadata={"help": "JSONL field holding the date"})
    jsonl_url_field: str = field(default="url", metadata={"help": "JSONL field holding the URL"})
    follow_symlinks: bool = field(default=False, metadata={"help": "follow symlinked directories"})


@dataclass(frozen=True)
class StoreSettings(_FromEnv):
    """Where the store is, when ``--db`` (or ``create_app(db_url)``) does not say."""

    db: str = field(default="aimaq.db", metadata={
        "help": "the store: an SQLAlchemy URL (sqlite:///x.db, postgresql://user@host/db) or an SQLite file path"})


@dataclass(frozen=True)
class WebSettings(_FromEnv):
    """Who may write through the web app."""

    token: str = field(default="", metadata={
        "help": "bearer token the write endpoints of the web app require (empty: they answer 403)"})


@dataclass(frozen=True)
class WebLimits(_FromEnv):
    """Request limits of the web app (``aimaq.web.limits``); a rate of 0 turns that limit off."""

    max_upload_bytes: int = field(default=20 * MB, metadata={"help": "largest request body (413 above)", "min": 1})
    search_rate: float = field(default=10.0, metadata={"help": "searches per second per client (0: no limit)", "min": 0})
    search_burst: int = field(default=60, metadata={"help": "searches a client may make at once", "min": 1})
    write_rate: float = field(default=1.0, metadata={"help": "write requests per second per client (0: no limit)", "min": 0})
    write_burst: int = field(default=10, metadata={"help": "write requests a client may make at once", "min": 1})


GROUPS: tuple[type[_FromEnv], ...] = (Settings, StoreSettings, WebSettings, WebLimits)
SETTINGS_HELP = {f.name: f.metadata.get("help", "") for f in fields(Settings)}


def documented() -> list[tuple[str, str, object, str]]:
    """Every setting as (group, name, default, help), in declaration order."""
    return [(group.__name__, f.name, f.default, f.metadata.get("help", ""))
            for group in GROUPS for f in _fields(group)]


def settings_table() -> str:
    """The Markdown table of every setting and its environment variable (the one in docs/settings.md)."""
    lines = ["| environment variable | setting | default | what it does |", "|---|---|---|---|"]
    for group, name, default, help_text in documented():
        shown = '""' if default == "" else str(default).lower() if isinstance(default, bool) else default
        lines.append(f"| `{env_name(name)}` | `{group}.{name}` | `{shown}` | {help_text} |")
    return "\n".join(lines) + "\n"


# One BLAS thread per process, set by `aimaq` for itself and for each ingest worker (Dask's nannies set it
# for theirs): the neural taggers run on small matrices, where extra threads only fight over the cores
# (ten times slower on a busy 2-core machine); parallel work goes through processes instead.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread(environ: MutableMapping[str, str] | None = None) -> None:
    """Set each ``BLAS_THREADS`` variable to 1 unless it is set; runs before numpy is first imported."""
    env = os.environ if environ is None else environ
    for name in BLAS_THREADS:
        env.setdefault(name, "1")
