"""`aimaq serve`: the dashboard at /, search at /search, the API under /api/ and its spec at /openapi.json."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from aimaq.store.url import DB_HELP


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.errors import StoreError
    from aimaq.store.engine import open_store
    from aimaq.store.url import redact, resolve_url

    err = err or sys.stderr
    try:  # the third-party web packages, which a slim install may lack; aimaq's own modules are not guarded
        import fastapi  # noqa: F401
        import jinja2  # noqa: F401
        import uvicorn
    except ImportError as exc:
        print(f"aimaq: error: serve: missing package {exc.name} (pip install aimaq)", file=err)
        return 1
    from aimaq.web.app import create_app

    try:
        engine = open_store(args.db, create=False)
    except StoreError as exc:
        print(f"aimaq: error: {args.db or 'store'}: {exc}", file=err)
        return 1
    app = create_app(engine=engine, cors=args.cors)
    print(f"aimaq: serving {redact(resolve_url(args.db))} at http://{args.host}:{args.port}/ "
          f"(API: /api/, spec: /openapi.json, docs: /docs)", file=err, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the dashboard and the API over a store")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"),
                   help="uvicorn log level (default: warning)")
    p.add_argument("--cors", nargs="?", const="*", default=None, metavar="ORIGIN",
                   help="let pages of ORIGIN (default: any, '*') read the API from a browser (CORS, GET only); "
                        "off unless given")
    p.set_defaults(func=run)
