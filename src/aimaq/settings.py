"""One settings object for the library, the CLI and (later) the web app.

Each setting is declared once, with its default and help text; the CLI builds its options from
``SETTINGS_HELP`` and environment variables ``AIMAQ_<NAME>`` override defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    # readers
    max_document_bytes: int = field(
        default=20 * MB, metadata={"help": "refuse a single document (file or record) larger than this"}
    )
    max_decompressed_bytes: int = field(
        default=200 * MB, metadata={"help": "refuse a gzip stream that inflates past this (gzip bombs)"}
    )
    jsonl_text_field: str = field(default="text", metadata={"help": "JSONL field holding the body"})
    jsonl_title_field: str = field(default="title", metadata={"help": "JSONL field holding the title"})
    jsonl_date_field: str = field(default="date", metadata={"help": "JSONL field holding the date"})
    jsonl_url_field: str = field(default="url", metadata={"help": "JSONL field holding the URL"})
    follow_symlinks: bool = field(default=False, metadata={"help": "follow symlinked directories"})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then AIMAQ_<NAME> environment variables, then explicit overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"AIMAQ_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(raw, type(f.default))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


def _coerce(raw: str, kind: type) -> object:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind is int:
        return int(raw)
    return raw


SETTINGS_HELP = {f.name: f.metadata.get("help", "") for f in fields(Settings)}
