"""Keyset pagination: cursors travel as opaque strings and come back as the key values they were made of;
a cursor this server did not make is refused."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aimaq.store import keyset


@given(st.lists(st.one_of(st.integers(-(2**40), 2**40), st.text(max_size=40), st.dates()), min_size=1, max_size=4))
def test_store_keyset_cursor_round_trip(values: list) -> None:
    kinds = [date.fromisoformat if isinstance(v, date) else type(v) for v in values]
    assert keyset.decode(keyset.encode(values), kinds) == tuple(values)


@pytest.mark.parametrize("bad", ["", "!!!", "bm90IGpzb24", "W10", "WzEsMl0", "eyJhIjoxfQ", "WyJ4Il0"])
def test_store_keyset_foreign_cursors_are_refused(bad: str) -> None:
    with pytest.raises(keyset.CursorError):
        keyset.decode(bad, (int,))
