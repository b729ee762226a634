"""Ingest orchestration: read, extract (in this process, a pool or a Dask cluster) and write to the store.

``ingest(paths, db)`` in ``aimaq.ingest.run`` is the entry point of ``aimaq ingest`` and of uploads;
``aimaq.ingest.reextract`` extracts stored documents again (``aimaq reextract``, the API's re-extract).
"""

# Documents per batch (a transaction, and a task for a worker). A batch's settling holds what its documents and
# their candidates make at once, and the allocators keep the highest such peak: with 200 a one-worker ingest
# grew from 510 MiB at document 2 000 to 588 MiB at 20 000, with 100 from 492 to 542 (live objects flat), at
# about 2.5% more time.
BATCH_SIZE = 100
