"""PostgreSQL's half of search's ranking (``aimaq.store.search._ranked``): the matches of the query words are read
newest first, a window of months at a time, so that a frequent word is never read over the whole corpus.

A GIN index only gives bitmaps: asking it for a word alone builds the bitmap of every document holding the
word (at a million documents, tens of milliseconds for a frequent one) before a single row is read. A window
asks instead for the words and the month tags of its months (``'#m202405'``, ``aimaq.store.search_vector``):
the index walks the months' short posting lists and skips through the word's long one. The first window is
the newest month of the dates read (the date filter's, within the store's dates); each next one spans the
days that the matches per day seen so far say hold the matches still wanted, with a margin (``MARGIN``). A
window's statement returns its newest matches and how many it holds, so the windows stop as soon as more
than ``RANK_ALL`` matches are seen (the query is capped: the ``RANK_POOL`` newest that pass the filters are
ranked) or every month is read (every match is ranked).

The index walks an OR of month tags with a cost that grows faster than their number, so a window that would
need more than ``TAG_MONTHS`` months (a rare word: few matches a month) takes every month left, as a date
range on the words alone. Undated documents have no month tag and come last: when the store has some and no
date filter is set, the last window is the words alone, kept to the documents older than the windows read or
undated. The exact filters run on the ids the windows return (``_scored``), a batch at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, exists, func, literal, or_, select, text
from sqlalchemy.sql import ColumnElement, Select

from aimaq.store import search_keys, search_vector, tags
from aimaq.store.filters import Filters, document_filter
from aimaq.store.schema import DocumentRow

# The planner reads a frequent word's matches with a sequential scan, since it does not count the cost of
# reading each row's search_vector; the GIN index is cheaper every time
PLANNER = text("SET LOCAL enable_seqscan = off")
MARGIN = 1.25  # a window spans this many times the days that the density of matches so far says are needed
TAG_MONTHS = 12  # a window of more months reads the words alone, over a date range (see _size)
MAX_CHUNK = 5_000  # matches filtered at a time, at most (bound parameters)


def tsquery(alternatives: Sequence[tuple[str, ...]]) -> str:
    """``(a | b) & c`` for PostgreSQL ``to_tsquery`` (keys are letters and digits only)."""
    return " & ".join("(" + " | ".join(alts) + ")" for alts in alternatives)


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def first_day(month: int) -> date:
    return date(month // 12, month % 12 + 1, 1)


@dataclass
class _Window:
    """Months ``first`` to ``last`` (month indexes; None for none), with the undated documents or not."""

    first: int | None
    last: int | None
    undated: bool
    count: int = 0  # matches in the window
    rows: list[tuple[str, date | None]] = field(default_factory=list)  # read and not handed out, newest first
    read: int = 0  # rows read so far
    oldest: date | None = None  # the date of the last row read (None: none read, or undated reached)


class _Newest:
    """The matches of the words and region tags between the dates ``span`` (whole months of it; None: no date),
    and of the undated documents when ``undated``, newest first: latest date, undated last, then id."""

    def __init__(self, conn: Any, alternatives: Sequence[tuple[str, ...]], regions: Sequence[str],
                 span: tuple[date, date] | None, undated: bool, batch: int) -> None:
        self.conn, self.regions, self.span, self.batch = conn, list(regions), span, batch
        self.keys = func.to_tsquery(search_vector.CONFIG, tsquery(alternatives))
        # months not yet in a window: oldest .. next
        self.oldest, self.next = (month_index(span[0]), month_index(span[1])) if span else (0, -1)
        self.undated_left = undated
        self.windows: list[_Window] = []
        self.days = 0  # days of the span in the windows opened
        self.count = 0  # matches in them

    def count_beyond(self, limit: int) -> bool:
        """Whether more than ``limit`` documents match (windows are opened until that is known)."""
        while self.count <= limit and self._open(limit + 1 - self.count):
            pass
        return self.count > limit

    def read(self, n: int) -> list[str]:
        """The next matches, at most ``n``: those already read from the windows, else those of one more read
        (further into a window, or a new one); none when there are no more."""
        out: list[str] = []
        for w in self._windows(fetch=False):
            take = w.rows[: n - len(out)]
            del w.rows[: len(take)]
            out.extend(doc_id for doc_id, _ in take)
            if w.rows or w.read < w.count:  # the next window's rows come after the rest of this one
                break
        if out:
            return out
        for w in self._windows(fetch=True):
            if w.read < w.count:
                self._fetch(w, max(n, self.batch))
            if w.rows:
                return self.read(n)
        return []

    def _windows(self, fetch: bool) -> Iterator[_Window]:
        """The windows opened, newest first, then (``fetch``) new ones."""
        i = 0
        while i < len(self.windows) or (fetch and self._open(self.batch)):
            yield self.windows[i]
            i += 1

    def _days(self, first: int, last: int) -> int:
        """Days of the span in months ``first`` to ``last``."""
        assert self.span is not None
        start, end = max(self.span[0], first_day(first)), min(self.span[1], first_day(last + 1) - timedelta(1))
        return (end - start).days + 1

    def _size(self, need: int) -> int:
        """Months in the next window: one at first; then enough for about ``need`` matches at the density of
        matches (per day) seen so far, with a margin; all that is left when none was seen."""
        left = self.next - self.oldest + 1
        if left <= 0 or not self.days:
            return max(0, min(left, 1))
        if not self.count:
            return left
        wanted, size = need * self.days / self.count * MARGIN, 1
        while size < left and self._days(self.next - size + 1, self.next) < wanted:
            size += 1
        return size if size <= TAG_MONTHS else left

    def _open(self, need: int) -> bool:
        """Open the next window, sized to hold about ``need`` matches; False when none is left."""
        size = self._size(need)
        if not size and not self.undated_left:
            return False
        first, last = (self.next - size + 1, self.next) if size else (None, None)
        undated = self.undated_left and self.next - size < self.oldest  # the last window takes the undated
        w = _Window(first, last, undated)
        self.windows.append(w)
        self._fetch(w, self.batch)
        if first is not None and last is not None:
            self.days += self._days(first, last)
        self.next -= size
        self.undated_left = self.undated_left and not undated
        self.count += w.count
        return True

    def _fetch(self, w: _Window, n: int) -> None:
        """Read the next ``n`` rows of ``w`` (more when the last date ties; all of a date at a time)."""
        rows = self.conn.execute(self._statement(w, n)).all()
        if not w.read:
            w.count = rows[0][2] if rows else 0
        w.read += len(rows)
        if rows:
            w.oldest = rows[-1][1]
            if w.oldest is None:  # the undated come last, all at once
                w.read = w.count
        w.rows.extend(sorted(((doc_id, day) for doc_id, day, _ in rows), key=_newest_first))

    def _statement(self, w: _Window, n: int) -> Select:
        """The window's matches after the rows read (a materialised CTE, so that the planner reads them from
        the GIN index and sorts them, rather than walking the date index and checking each row), the newest
        ``n`` with every row of the last date, and how many there are."""
        d = DocumentRow.date
        months = None
        if w.first is not None and w.last is not None and not w.undated and w.last - w.first < TAG_MONTHS:
            months = tags.month_tags(first_day(w.first), first_day(w.last))
        conds: list[ColumnElement[bool]] = [search_vector.match(self.keys, search_vector.tag_query(self.regions,
                                                                                                  months))]
        if months is None:  # the window's months as a date range on the words alone
            if w.last is not None:
                conds.append(or_(d < first_day(w.last + 1), d.is_(None)) if w.undated else d < first_day(w.last + 1))
            if w.first is not None and not w.undated:
                conds.append(d >= first_day(w.first))
            if w.last is None:
                conds.append(d.is_(None))
        if w.read:
            conds.append(or_(d < w.oldest, d.is_(None)) if w.undated else d < w.oldest)
        window = select(DocumentRow.id, d).where(*conds).cte("window").prefix_with("MATERIALIZED")
        return (select(window.c.id, window.c.date, func.count().over())
                .order_by(window.c.date.desc().nulls_last()).fetch(n, with_ties=True))


def _newest_first(row: tuple[str, date | None]) -> tuple[bool, int, str]:
    return row[1] is None, -row[1].toordinal() if row[1] else 0, row[0]


def _span(conn: Any, f: Filters) -> tuple[tuple[date, date] | None, bool] | None:
    """The dates to read (the date filter within the store's dates; None: none) and whether the undated
    documents are read too; None when no document can pass the date filter."""
    d = DocumentRow.date
    oldest, newest, undated = conn.execute(select(
        select(func.min(d)).scalar_subquery(), select(func.max(d)).scalar_subquery(),
        exists().where(d.is_(None)) if not (f.since or f.until) else literal(False))).one()
    if oldest is None:
        return (None, undated) if undated else None
    since, until = max(f.since or oldest, oldest), min(f.until or newest, newest)
    return ((since, until), undated) if since <= until else None


def _scored(conn: Any, alternatives: Sequence[tuple[str, ...]], ids: Sequence[str], f: Filters) -> dict[str, float]:
    """The documents among ``ids`` that pass the filters, with their ts_rank."""
    if not ids:
        return {}
    keys = func.to_tsquery(search_vector.CONFIG, tsquery(alternatives))
    rank = func.ts_rank(search_vector.VECTOR, keys)
    rows = conn.execute(document_filter(select(DocumentRow.id, rank).where(DocumentRow.id.in_(list(ids))), f))
    return {doc_id: float(score) for doc_id, score in rows}


def newest(conn: Any, alternatives: Sequence[tuple[str, ...]], f: Filters, batch: int) -> _Newest | None:
    """The matches of the words and of the filters' tags, newest first, read ``batch`` or more at a time (None
    when no document can pass the date filter)."""
    span = _span(conn, f)
    if span is None:
        return None
    return _Newest(conn, alternatives, region_tags(f), span[0], span[1], batch)


def region_tags(f: Filters) -> list[str]:
    """The tag of the filter's region, if it has one that can be a tag (SQLite's FTS5 query has it too)."""
    tag = tags.region_tag(f.region) if f.region else ""
    return [tag] if tag and search_keys.KEY.match(tag) else []


def ranked(engine: Engine, alternatives: Sequence[tuple[str, ...]], f: Filters, limit: int, rank_all: int,
           rank_pool: int) -> list[tuple[str, float]]:
    """The ``limit`` best matches that pass the filters (highest ts_rank first, then id): of every match when at
    most ``rank_all`` documents match the words and the filters' tags, else of the ``max(rank_pool, limit)``
    newest matches that pass the filters."""
    want = max(rank_pool, limit)
    with engine.connect() as conn:
        conn.execute(PLANNER)  # for this transaction
        matches = newest(conn, alternatives, f, batch=2 * want)
        if matches is None:
            return []
        if not matches.count_beyond(rank_all):
            every: list[str] = []
            while batch := matches.read(rank_all + 1):
                every += batch
            scored = list(_scored(conn, alternatives, every, f).items())
        else:
            scored, size = [], 2 * want
            while len(scored) < want and (ids := matches.read(size)):
                passed = _scored(conn, alternatives, ids, f)
                scored.extend((doc_id, passed[doc_id]) for doc_id in ids if doc_id in passed)
                size = min(size * 4, MAX_CHUNK)
            scored = scored[:want]
    return sorted(scored, key=lambda x: (-x[1], x[0]))[:limit]
