"""The web app: the API under /api/ and the server-rendered dashboard (``aimaq serve``).

``create_app(db_url, token)`` in ``aimaq.web.app`` builds it; read queries live in ``queries``,
``related``, ``indicators`` and ``facets``; pages are rendered from ``templates/`` with ``static/`` assets.
"""
