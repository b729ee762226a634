"""PostgreSQL's full-text column ``documents.search_vector``: a stored tsvector, indexed with GIN, holding a
document's search keys (``to_tsvector('simple', search_keys)``) and its filter tags (``aimaq.store.tags``:
regions and month, the same tags SQLite keeps in the ``tags`` column of ``documents_fts``).

A tag is the lexeme ``#`` + tag (``#kz15``, ``#m202405``): search keys are letters and digits only, so no key
is ever taken for a tag. A region or date filter then becomes part of the tsquery (``... && '#kz15'``) and
the GIN index intersects the posting lists before any row is read, as FTS5 does on SQLite; the exact
filters still run on what it returns.

The column is PostgreSQL's half of the full-text index, as ``documents_fts`` is SQLite's, and stays out of
the models (``aimaq.store.schema``). The tags come from ``document_regions`` as well as the row, so the
column cannot be a generated one: ``aimaq.store.write.write_documents`` fills it when it inserts the
documents (regions and date never change afterwards: ``aimaq reextract`` writes a new document).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    TableClause,
    bindparam,
    cast,
    column,
    func,
    literal,
    literal_column,
    table,
)
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR

from aimaq.store.schema import DocumentRow

NAME = "search_vector"
INDEX = "ix_documents_search_vector"
NEWEST_INDEX = "ix_documents_newest"  # (date DESC NULLS LAST, id), from migration 0007; search no longer walks it
# (aimaq.store.search_pg reads the newest matches through month tags)
TAG_MARK = "#"
CONFIG: ColumnElement[Any] = literal_column("'simple'::regconfig")

VECTOR: ColumnElement[Any] = literal_column(f"documents.{NAME}", TSVECTOR)
"""The column, in a query over ``documents`` (``DocumentRow``)."""

DOCUMENTS: TableClause = table("documents", *(column(c.name, c.type) for c in DocumentRow.__table__.columns),
                               column(NAME, TSVECTOR))
"""``documents`` with the column, for the insert that fills it."""


def lexemes(tags: str) -> str:
    """The tag lexemes of space-separated tags (``aimaq.store.tags.document_tags``), space-separated."""
    return " ".join(TAG_MARK + tag for tag in tags.split())


def vector_of(keys: ColumnElement[Any], lexemes_: ColumnElement[Any]) -> ColumnElement[Any]:
    """The value of the column from SQL expressions of a document's search keys and of its tag lexemes
    (``lexemes``, space-separated)."""
    marked = func.array_to_tsvector(func.string_to_array(lexemes_, literal(" ")))
    return func.to_tsvector(CONFIG, keys).op("||", return_type=TSVECTOR)(marked)


VECTOR_PARAMETERS: ColumnElement[Any] = vector_of(bindparam("vector_keys"), bindparam("vector_lexemes"))
"""The value of the column with the keys and tag lexemes as parameters (``parameters``): one insert of many
documents."""


def parameters(keys: str, tags: str) -> dict[str, str]:
    """The parameters of ``VECTOR_PARAMETERS`` for a document with search keys ``keys`` and tags ``tags``."""
    return {"vector_keys": keys, "vector_lexemes": lexemes(tags)}


def tag_query(regions: Sequence[str] = (), months: Sequence[str] | None = None) -> str | None:
    """The tsquery text of the filter tags: every region and any of the months (None: no tag to ask for)."""
    parts = [f"'{TAG_MARK}{tag}'" for tag in regions]
    if months is not None:
        parts.append("(" + " | ".join(f"'{TAG_MARK}{m}'" for m in months) + ")")
    return " & ".join(parts) or None


def match(keys_query: ColumnElement[Any], tags: str | None) -> ColumnElement[Any]:
    """``search_vector @@ query``: the words of ``keys_query`` and the filter tags ``tags`` (``tag_query``)."""
    query = keys_query if tags is None else keys_query.op("&&", return_type=TSQUERY)(cast(literal(tags), TSQUERY))
    return VECTOR.op("@@")(query)
