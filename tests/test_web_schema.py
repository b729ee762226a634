"""Schemathesis against the API served over HTTP (uvicorn in a thread, over the corpus store): for
requests generated from the app's OpenAPI spec, no 5xx, status codes and content types the spec
declares, bodies that match its schemas."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

from aimaq.settings import WebLimits  # noqa: E402
from aimaq.web.app import create_app  # noqa: E402
from aimaq.web.devtools import served  # noqa: E402
from web_store import corpus_store  # noqa: E402

EXAMPLES = 25  # per operation: enough to hit filters, cursors and formats, small enough for a busy machine
TOKEN = "schemathesis-token"  # never sent: write endpoints must answer 401 as declared

# The spec does not depend on the data, so it is read from an app over an empty in-memory engine at import
# (schemathesis' lazy fixture loader does not work with pytest 9).
schema = schemathesis.openapi.from_dict(create_app(engine=create_engine("sqlite://"), token=TOKEN).openapi())


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    # rate limits off: schemathesis sends far more requests a second than a client may
    with served(create_app(corpus_store(), token=TOKEN, limits=WebLimits(search_rate=0, write_rate=0))) as base:
        yield base


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_web_schema_api_conforms_to_its_spec(case, base_url: str) -> None:  # noqa: ANN001
    # A cursor is any string to the spec, but only those the server issued are valid (others: 400), so a
    # request carrying a made-up cursor may be refused although it matches the schema.
    made_up_cursor = "cursor" in (case.query or {})
    case.call_and_validate(base_url=base_url, excluded_checks=[positive_data_acceptance] if made_up_cursor else [])
