"""The corpus store: the only code that writes SQL (an import-linter contract holds the rest of the package
to it). Everything above it calls these functions and gets records back; it names the ``Engine`` type through
``engine``.

Opening: ``engine.open_store(db)`` opens (and migrates, ``migrations/``) the database at an SQLAlchemy URL or
SQLite path; ``schema`` holds the tables.

Writing: ``batches.commit_batch`` writes one ingest batch in one transaction (``write``: a document's rows;
``dedup``: near-duplicate clusters; ``translation_pairs`` and ``entity_groups``: kk/ru pairs, merged facts,
one entity across languages), under an ingest run of ``runs``; ``delete`` removes a document.

Reading: ``filters.Filters`` is the one set of filters every read takes, with ``document_filter`` and
``fact_filter``; ``query.query_facts`` lists facts for ``aimaq facts``; ``search.search`` is the bilingual
search; ``listings`` pages documents, facts, amounts, entities and pairs (``keyset``: cursors) and gives one
document or fact; ``facets`` counts search hits by region, language, type and year; ``region_totals`` sums
the region indicators; ``load`` reads documents back as records; ``dataset_export`` and ``backup`` write the
tables out.
"""
