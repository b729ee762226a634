"""The web app: the API under /api/ and the server-rendered dashboard (``aimaq serve``). It holds no SQL:
every read and write is a call into ``aimaq.store``, whose records the API serves as JSON, CSV or XLSX.

``create_app(db_url, token)`` in ``aimaq.web.app`` builds it; ``api`` and ``pages`` are the routes (filters
parsed into ``aimaq.store.filters.Filters``, cursors passed through as opaque strings); ``views`` builds one
record per page (map classes, a region, a fact or document beside its translation) with ``indicators``
(region names beside the store's totals) and ``side_by_side``; ``i18n`` holds the interface strings,
``downloads`` the CSV and XLSX files, ``limits`` the request limits (re-extraction of a stored document is
``aimaq.ingest.reextract``); pages are rendered from ``templates/`` with ``static/`` assets.
"""
