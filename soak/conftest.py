"""The soak tests reuse helpers of tests/ (the generated corpus, the store snapshot, a PostgreSQL server)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from pg_fixtures import pg_database, pg_server  # noqa: E402,F401  (fixtures, offered to the soak tests)
