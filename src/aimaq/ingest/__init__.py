"""Ingest orchestration: read, extract (in this process, a pool or a Dask cluster) and write to the store.

``ingest(paths, db)`` in ``aimaq.ingest.run`` is the entry point of ``aimaq ingest`` and of uploads;
``aimaq.ingest.reextract`` extracts stored documents again (``aimaq reextract``, the API's re-extract).
"""
