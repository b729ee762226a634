"""The corpus store: the only code that writes SQL.

``open_store(db)`` opens (and migrates) the database at an SQLAlchemy URL or SQLite path;
``ingest.ingest`` fills it; ``search.search`` and ``query.query_facts`` read it.
"""
