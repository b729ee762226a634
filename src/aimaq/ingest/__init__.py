"""Ingest orchestration: read, extract (in this process, a pool or a Dask cluster) and write to the store.

``ingest(paths, db)`` in ``aimaq.ingest.run`` is the entry point of ``aimaq ingest`` and of uploads;
``aimaq.ingest.reextract`` extracts stored documents again (``aimaq reextract``, the API's re-extract).
"""

# Documents per batch (a transaction, and a task for a worker). A batch's settling holds what its documents and
# their candidates make at once, and the allocators keep the highest such peak: a one-worker ingest's RSS at
# document 20 000 was 15% above its RSS at document 2 000 with batches of 200, about 10% with 100 (live objects
# flat; docs/scaling.md, Memory), for about 2.5% more time.
BATCH_SIZE = 100
