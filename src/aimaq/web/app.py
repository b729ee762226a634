"""The web application: the API under /api/, the dashboard pages, static files, OpenAPI at /openapi.json
and its Swagger UI at /docs (served from the swagger-ui-py package's files, no CDN).

``create_app(db_url, token)`` opens the store at ``db_url`` (default: ``$AIMAQ_DB``, else ./aimaq.db).
Write endpoints need ``token`` (default: ``$AIMAQ_TOKEN``, ``aimaq.settings.WebSettings``); with none
configured they answer 403. Request bodies and per-client request rates are limited (``limits``, default
``aimaq.settings.WebLimits.from_env()``); an unexpected error is logged with its traceback and answered
with a generic 500 that carries none.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.templating import Jinja2Templates

from aimaq import __version__
from aimaq.settings import WebLimits, WebSettings
from aimaq.store.engine import Engine, open_store
from aimaq.web import api, pages
from aimaq.web.i18n import COOKIE, LANGS, pick_lang
from aimaq.web.limits import BodyLimit, RateLimit

HERE = Path(__file__).resolve().parent
TEMPLATES, STATIC = HERE / "templates", HERE / "static"
log = logging.getLogger("aimaq.web")
COOKIE_AGE = 365 * 24 * 3600
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
DESCRIPTION = ("Facts read from Kazakh and Russian regional press releases, each with the sentence that states "
               "it. Listings take `region`, `lang`, `type`, `since`, `until`, page with `cursor` and answer as "
               "JSON, CSV or XLSX (`format`). Write endpoints need `Authorization: Bearer <AIMAQ_TOKEN>`.")


def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return Jinja2Templates(env=env)


def _swagger_static() -> Path | None:
    try:
        import swagger_ui
    except ImportError:  # third-party swagger-ui-py, optional: /docs then links the spec instead
        return None
    folder = Path(swagger_ui.__file__).resolve().parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's on a 405)."""
    scope = {**request.scope, "method": "__none__"}
    methods: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches(scope)
        if match != Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods)


async def _language_and_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Pick the interface language (``?lang=`` on a page is kept in a cookie) and add security headers."""
    is_page = not request.url.path.startswith(("/api/", "/openapi.json", "/docs", "/static/"))
    asked = request.query_params.get("lang") if is_page else None
    request.state.lang = pick_lang(asked, request.cookies.get(COOKIE), request.headers.get("accept-language"))
    response = await call_next(request)
    if response.status_code == 405:
        response.headers["Allow"] = ", ".join(_allowed_methods(request))
    if asked in LANGS and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=COOKIE_AGE, samesite="lax", httponly=True)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if is_page:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def _add_docs(app: FastAPI) -> None:
    swagger = _swagger_static()
    if swagger is not None:
        app.mount("/static/swagger", StaticFiles(directory=str(swagger)), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if swagger is None:
            return HTMLResponse('<p>Swagger UI is not installed (pip install swagger-ui-py); the spec is at '
                                '<a href="/openapi.json">/openapi.json</a>.</p>')
        return get_swagger_ui_html(openapi_url="/openapi.json", title="aimaq API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")


async def _internal_error(request: Request, exc: Exception) -> Response:
    """Log the error with its traceback; answer a generic message (JSON for the API, a page otherwise)."""
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    if request.url.path.startswith(("/api/", "/openapi.json")):
        return JSONResponse({"detail": "internal server error"}, status_code=500)
    try:
        if not hasattr(request.state, "lang"):
            request.state.lang = "en"
        return pages.render(request, "error.html", 500, status=500)
    except Exception:  # noqa: BLE001 - the error page itself must not leak a second traceback
        return HTMLResponse("<!doctype html><title>500</title><p>500 · internal server error</p>", 500)


def create_app(db_url: str | None = None, token: str | None = None, *, engine: Engine | None = None,
               limits: WebLimits | None = None, cors: str | None = None) -> FastAPI:
    """The aimaq web app over the store at ``db_url`` (or an open ``engine``); with ``cors`` (an origin, or
    ``*``) other sites' pages may read the API (GET only: no write endpoint is opened to them)."""
    app = FastAPI(title="aimaq", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.engine = engine or open_store(db_url)
    app.state.token = (token if token is not None else WebSettings.from_env().token) or None
    app.state.templates = templates()
    app.middleware("http")(_language_and_headers)
    app.include_router(api.router)
    app.include_router(pages.router)
    _add_docs(app)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_exception_handler(StarletteHTTPException, pages.http_error)
    app.add_exception_handler(Exception, _internal_error)
    app.state.limits = limits or WebLimits.from_env()
    app.add_middleware(RateLimit, limits=app.state.limits)
    app.add_middleware(BodyLimit, limit=app.state.limits.max_upload_bytes)
    app.add_middleware(api.FormatSuffix)
    if cors:
        app.add_middleware(CORSMiddleware, allow_origins=[cors], allow_methods=["GET"],
                           expose_headers=["Link", "X-Next-Cursor"])
    return app
