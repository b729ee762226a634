"""The dashboard: server-rendered pages (Jinja2, autoescaped) over the same read queries as the API.

Pages read their filters leniently (a malformed date is ignored, not an error page). The document
language filter is ``doclang`` here, since ``lang`` switches the interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from aimaq.errors import CursorError
from aimaq.store.facets import browse_facets, search_with_facets
from aimaq.store.filters import Filters
from aimaq.store.listings import list_documents, list_facts
from aimaq.web.i18n import LANGS, Translator, region_names
from aimaq.web.indicators import INDICATORS
from aimaq.web.views import document_view, fact_view, map_view, region_detail

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
T = TypeVar("T")
FACT_TYPES = ("investment", "funding", "budget", "procurement", "project_cost", "tax_revenue", "output", "trade",
              "grp", "wage", "jobs", "enterprises", "projects", "events", "applications", "people", "settlements",
              "facilities", "housing", "roads", "production", "share", "growth")


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def page_filters(request: Request) -> Filters:
    q = request.query_params
    region = q.get("region") if q.get("region") in region_names() else None
    doclang = q.get("doclang") if q.get("doclang") in LANGS else None
    kind = q.get("type") if q.get("type") in FACT_TYPES else None
    return Filters(region=region, lang=doclang, type=kind, since=_date(q.get("since")), until=_date(q.get("until")))


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """This page's URL (or ``path``) with query parameters changed; None removes one."""
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    if "cursor" not in changes and set(changes) - {"lang"}:
        params.pop("cursor", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return (path or request.url.path) + (f"?{query}" if query else "")


def _from_cursor(fetch: Callable[[str | None], T], cursor: str | None) -> T:
    """The page a cursor points at; the first page when the cursor is stale or forged (a page, not a 400)."""
    try:
        return fetch(cursor)
    except CursorError:
        return fetch(None)


def export_url(f: Filters, endpoint: str, fmt: str, **extra: Any) -> str:
    params = {"region": f.region, "lang": f.lang, "type": f.type, "since": f.since, "until": f.until,
              **extra, "format": fmt}
    return f"/api/{endpoint}?" + urlencode({k: str(v) for k, v in params.items() if v})


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = request.state.lang
    base = {"t": Translator(lang), "lang": lang, "langs": LANGS, "request": request,
            "url": lambda path=None, **kw: url_with(request, path, **kw), "indicators": INDICATORS,
            "fact_types": FACT_TYPES, "region_codes": sorted(region_names(), key=Translator(lang).region)}
    return request.app.state.templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


def not_found(request: Request) -> HTMLResponse:
    return render(request, "error.html", 404, status=404)


async def http_error(request: Request, exc: Exception) -> Response:
    """JSON errors for the API, an error page for the dashboard."""
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith(("/api/", "/openapi.json", "/static/")) or exc.status_code != 404:
        return await http_exception_handler(request, exc)
    if not hasattr(request.state, "lang"):
        request.state.lang = "en"
    return not_found(request)


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request, indicator: str = "investment") -> HTMLResponse:
    indicator = indicator if indicator in INDICATORS else "investment"
    view = map_view(request.app.state.engine, indicator)
    return render(request, "map.html", view=view, export=lambda fmt: f"/api/regions?format={fmt}")


@router.get("/regions/{code}", response_class=HTMLResponse)
def region_page(request: Request, code: str) -> HTMLResponse:
    detail = region_detail(request.app.state.engine, code) if code in region_names() else None
    if detail is None:
        return not_found(request)
    return render(request, "region.html", d=detail)


@router.get("/facts", response_class=HTMLResponse)
def facts_page(request: Request, cursor: str | None = None) -> HTMLResponse:
    f = page_filters(request)
    page = _from_cursor(lambda c: list_facts(request.app.state.engine, f, c, PAGE_SIZE), cursor)
    return render(request, "facts.html", f=f, page=page, cursor=cursor,
                  export=lambda fmt: export_url(f, "facts", fmt))


@router.get("/facts/{fact_id}", response_class=HTMLResponse)
def fact_page(request: Request, fact_id: str) -> HTMLResponse:
    view = fact_view(request.app.state.engine, int(fact_id)) if fact_id.isdigit() and len(fact_id) < 18 else None
    if view is None:
        return not_found(request)
    return render(request, "fact.html", v=view)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, cursor: str | None = None) -> HTMLResponse:
    f = page_filters(request)
    page = _from_cursor(lambda c: list_documents(request.app.state.engine, f, c, PAGE_SIZE), cursor)
    return render(request, "documents.html", f=f, page=page, cursor=cursor,
                  export=lambda fmt: export_url(f, "documents", fmt))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, s: str | None = None) -> HTMLResponse:
    sentence = int(s) if s and s.isdigit() and len(s) < 7 else None
    view = document_view(request.app.state.engine, doc_id[:64], sentence)
    if view is None:
        return not_found(request)
    return render(request, "document.html", r=view, sentence=sentence)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", cursor: str | None = None) -> HTMLResponse:
    f, engine, q = page_filters(request), request.app.state.engine, q.strip()[:500]
    if q:
        found = _from_cursor(lambda c: search_with_facets(engine, q, f, c, PAGE_SIZE), cursor)
        return render(request, "search.html", q=q, f=f, hits=found.page.items, next_cursor=found.page.next_cursor,
                      total=found.total, facets=found.facets, docs=None,
                      export=lambda fmt: export_url(f, "search", fmt, q=q))
    page = _from_cursor(lambda c: list_documents(engine, f, c, PAGE_SIZE), cursor)
    return render(request, "search.html", q=q, f=f, hits=None, docs=page.items, next_cursor=page.next_cursor,
                  total=None, facets=browse_facets(engine, f), export=lambda fmt: export_url(f, "documents", fmt))


