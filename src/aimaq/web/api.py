"""The JSON API under /api/: read endpoints are public; write endpoints (ingest upload, re-extract, delete) need the
server's bearer token. Listings take the same filters, page with an opaque cursor and answer as JSON,
CSV or XLSX (``?format=``, or a ``.json``/``.csv``/``.xlsx`` suffix: ``/api/facts.csv``). A JSON page holds
``total`` (rows the filters let through) and ``next`` (this URL with the next cursor); every format sends the
next page's URL in a ``Link: <...>; rel="next"`` header. ``GET /api/`` lists the endpoints."""

from __future__ import annotations

import hmac
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Generic, Literal, TypeVar
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, Response, UploadFile
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BeforeValidator
from starlette.types import ASGIApp, Receive, Scope, Send

from aimaq import choices
from aimaq.errors import CursorError, UsageError
from aimaq.records import RawDocument, Unreadable
from aimaq.stages.read import iter_documents
from aimaq.store.delete import delete_document
from aimaq.store.engine import Engine
from aimaq.store.facets import Facets, search_with_facets
from aimaq.store.filters import Filters
from aimaq.store.keyset import DEFAULT_LIMIT, Page
from aimaq.store.listings import (
    AmountItem,
    DocumentDetail,
    DocumentItem,
    EntityItem,
    PairItem,
    get_document,
    get_fact,
    list_amounts,
    list_documents,
    list_entities,
    list_facts,
    list_pairs,
)
from aimaq.store.query import FactItem
from aimaq.store.search import Hit
from aimaq.web.downloads import CSV_TYPE, XLSX_TYPE, to_csv, to_xlsx
from aimaq.web.indicators import RegionItem, region_table
from aimaq.web.views import RegionDetail, region_detail

router = APIRouter(prefix="/api", tags=["api"])
Format = Literal["json", "csv", "xlsx"]
MAX_LIMIT = 500  # rows in one JSON page
EXPORT_LIMIT = 10_000  # rows in one CSV or XLSX export
CHUNK = 1024 * 1024
DOC_ID = r"^[0-9a-f]{32}$"
REGION = r"^KZ-[0-9]{2}$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TABLE_CONTENT = {"text/csv": {"schema": {"type": "string"}},
                 XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}}
INVALID = {"description": "an invalid parameter: FastAPI's list of errors, or one message naming what is valid "
                          "(an unknown region, language or fact type)",
           "content": {"application/json": {"schema": {
               "type": "object", "required": ["detail"],
               "properties": {"detail": {"anyOf": [{"type": "string"},
                                                   {"type": "array", "items": {"type": "object"}}]}}}}}}
LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "a page of records (JSON), or the page as CSV or XLSX", "content": TABLE_CONTENT},
    400: {"description": "invalid cursor"},
    422: INVALID,
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such record"}}
TOO_MANY = {"description": "rate limit reached; retry after the seconds in Retry-After"}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "missing or wrong bearer token"}, 429: TOO_MANY,
    403: {"description": "write endpoints are disabled: the server has no token (AIMAQ_TOKEN)"},
}
bearer = HTTPBearer(auto_error=False, description="the server's AIMAQ_TOKEN")


LISTINGS = ("documents", "facts", "amounts", "entities", "pairs", "regions", "search")
SUFFIXES = {".json": "json", ".csv": "csv", ".xlsx": "xlsx"}


class FormatSuffix:
    """ASGI middleware: ``/api/facts.csv?...`` is served as ``/api/facts?...&format=csv`` (as datasette
    does), for each listing of ``LISTINGS`` and each suffix of ``SUFFIXES``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        stem, dot, suffix = path.rpartition(".")
        if dot and stem.startswith("/api/") and stem[5:] in LISTINGS and f".{suffix}" in SUFFIXES:
            query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                                                  keep_blank_values=True) if k != "format"]
            query.append(("format", SUFFIXES[f".{suffix}"]))
            scope = {**scope, "path": stem, "raw_path": stem.encode("ascii", "replace"),
                     "query_string": urlencode(query).encode("latin-1")}
        await self.app(scope, receive, send)


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


EngineDep = Annotated[Engine, Depends(engine_of)]


def require_token(request: Request,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    """Write access: the bearer token must equal the server's (compared in constant time)."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(403, "write endpoints are disabled: the server has no token (set AIMAQ_TOKEN)")
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


# what the spec lists as valid (the checks of ``aimaq.choices`` also take other spellings: kz-15, short names)

def _iso_date(value: Any) -> Any:
    """Dates only as YYYY-MM-DD (pydantic alone would also take '0' as 1970-01-01)."""
    if value is not None and not (isinstance(value, str) and re.fullmatch(DATE, value)):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


def _checked(convert: Callable[[str], Any], value: str | None, name: str) -> Any:
    """A filter value checked by ``aimaq.choices`` (as the CLI does): 422 in FastAPI's validation shape, its
    message listing what is valid."""
    if value is None:
        return None
    try:
        return convert(value)
    except UsageError as exc:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", name), "msg": str(exc),
                                       "input": value}]) from None


def filters(
    region: Annotated[str | None, Query(max_length=80, json_schema_extra={"enum": choices.region_spellings()},
                                        description="ISO 3166-2:KZ code (KZ-15) or a region's name in kk, ru or "
                                                    "en, in any case (`aimaq regions`)")] = None,
    lang: Annotated[str | None, Query(max_length=8, json_schema_extra={"enum": list(choices.LANGUAGES)},
                                      description="document language: kk, ru, en or other")] = None,
    type_: Annotated[str | None, Query(alias="type", max_length=32, json_schema_extra={"enum": list(choices.fact_types())},
                                       description="fact type (`aimaq types`)")] = None,
    since: Annotated[date | None, BeforeValidator(_iso_date), Query(description="published on or after")] = None,
    until: Annotated[date | None, BeforeValidator(_iso_date), Query(description="published on or before")] = None,
    entity: Annotated[str | None, Query(min_length=1, max_length=200,
                                        description="a person or organisation the document names, any spelling "
                                                    "or language")] = None,
    duplicates: Annotated[bool, Query(description="also re-posts, not only one document per cluster")] = False,
) -> Filters:
    return Filters(region=_checked(choices.region_code, region, "region"),
                   lang=_checked(choices.language, lang, "lang"), type=_checked(choices.fact_type, type_, "type"),
                   since=since, until=until, entity=entity,
                   duplicates=duplicates)


@dataclass(frozen=True)
class Paging:
    cursor: str | None
    limit: int
    format: Format
    request: Request | None = None
    response: Response | None = None


def paging(
    request: Request, response: Response,
    cursor: Annotated[str | None, Query(max_length=400, description="next_cursor of the previous page")] = None,
    limit: Annotated[int | None, Query(ge=1, le=EXPORT_LIMIT,
                                       description="rows per page (JSON: at most 500, default 50; "
                                                   "CSV/XLSX: default and at most 10000)")] = None,
    format: Annotated[Format, Query(description="json, csv or xlsx")] = "json",  # noqa: A002
) -> Paging:
    ceiling = MAX_LIMIT if format == "json" else EXPORT_LIMIT
    return Paging(cursor, clamp(limit or (None if format == "json" else ceiling), ceiling), format, request, response)


def clamp(limit: int | None, ceiling: int = MAX_LIMIT) -> int:
    return max(1, min(limit or DEFAULT_LIMIT, ceiling))


FiltersDep = Annotated[Filters, Depends(filters)]
PagingDep = Annotated[Paging, Depends(paging)]


T = TypeVar("T")


@dataclass(frozen=True)
class Listing(Generic[T]):
    """A page of a listing as JSON: ``total`` rows pass the filters; ``next`` is this URL with the next
    cursor (null on the last page)."""

    items: list[T]
    total: int
    next_cursor: str | None
    next: str | None


def next_url(request: Request | None, cursor: str | None) -> str | None:
    """The request's path and query with ``cursor`` in place of its own; None without a next cursor."""
    if request is None or not cursor:
        return None
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"] + [("cursor", cursor)]
    return f"{request.url.path}?{urlencode(query)}"


def served(kind: type, page: Page[Any], p: Paging, name: str) -> Any:
    """The page as JSON (with its total and next URL) or as a CSV/XLSX download (next cursor in
    ``X-Next-Cursor``); the next page's URL in a ``Link`` header either way."""
    nxt = next_url(p.request, page.next_cursor)
    link = {"Link": f'<{nxt}>; rel="next"'} if nxt else {}
    if p.format == "json":
        if p.response is not None:
            p.response.headers.update(link)
        total = page.total if page.total is not None else len(page.items)
        return Listing(page.items, total, page.next_cursor, nxt)
    headers = {"Content-Disposition": f'attachment; filename="aimaq-{name}.{p.format}"', **link}
    if page.next_cursor:
        headers["X-Next-Cursor"] = page.next_cursor
    if p.format == "csv":
        return Response(to_csv(kind, page.items), media_type=CSV_TYPE, headers=headers)
    return Response(to_xlsx(kind, page.items, name), media_type=XLSX_TYPE, headers=headers)


def listing(run: Any, engine: Engine, f: Filters, p: Paging) -> Any:
    """One page of store listing ``run``, counted (one COUNT with the same filters) when served as JSON."""
    try:
        return run(engine, f, p.cursor, p.limit, count=p.format == "json")
    except CursorError as exc:
        raise HTTPException(400, str(exc)) from exc


@router.get("/", responses={200: {"description": "the API's endpoints, each with its methods and summary"}})
def index() -> dict[str, Any]:
    """The endpoints of the API (as datasette's ``/.json``): each path with its methods and what it serves;
    listings also answer at ``PATH.json`` and ``PATH.csv``."""
    endpoints = []
    for route in router.routes:
        path = getattr(route, "path", "")
        if path.startswith("/api/") and path != "/api/" and getattr(route, "include_in_schema", False):
            doc = (getattr(route, "description", "") or "").strip().split("\n\n")[0]
            endpoints.append({"path": path, "methods": sorted(getattr(route, "methods", None) or ()),
                              "summary": " ".join(doc.split()),
                              "formats": ["json", "csv", "xlsx"] if path[5:] in LISTINGS else ["json"]})
    return {"endpoints": endpoints, "openapi": "/openapi.json", "docs": "/docs"}


@router.get("/documents", response_model=Listing[DocumentItem], responses=LIST_RESPONSES)
def documents(engine: EngineDep, f: FiltersDep, p: PagingDep) -> Any:
    """Documents, newest first (undated last)."""
    return served(DocumentItem, listing(list_documents, engine, f, p), p, "documents")


@router.get("/documents/{doc_id}", response_model=DocumentDetail, responses=NOT_FOUND)
def document(engine: EngineDep, doc_id: Annotated[str, PathParam(pattern=DOC_ID)]) -> Any:
    """One document: text, sentences, mentions, facts, alignment with its translation, sources."""
    found = get_document(engine, doc_id)
    if found is None:
        raise HTTPException(404, "no such document")
    return found


@router.delete("/documents/{doc_id}", status_code=204, dependencies=[Depends(require_token)],
               responses={**WRITE_RESPONSES, **NOT_FOUND})
def remove_document(engine: EngineDep, doc_id: Annotated[str, PathParam(pattern=DOC_ID)]) -> Response:
    """Delete a document with its facts; its translation keeps its own facts."""
    if not delete_document(engine, doc_id):
        raise HTTPException(404, "no such document")
    return Response(status_code=204)


@router.post("/documents/{doc_id}/reextract", dependencies=[Depends(require_token)],
             responses={200: {"description": "the old and new document id and the ingest run's report"},
                        422: {"description": "the current pipeline cannot extract the stored text"},
                        **WRITE_RESPONSES, **NOT_FOUND})
def reextract(engine: EngineDep, doc_id: Annotated[str, PathParam(pattern=DOC_ID)]) -> JSONResponse:
    """Extract a stored document again with the current pipeline and replace its facts and mentions."""
    from aimaq.ingest.reextract import reextract_document

    try:
        done = reextract_document(engine, doc_id)
    except Exception as exc:  # the stored version is kept; the reason goes back to the caller, not a traceback
        raise HTTPException(422, f"cannot re-extract: {type(exc).__name__}") from exc
    if done is None:
        raise HTTPException(404, "no such document")
    return JSONResponse({"old_id": done.old_id, "id": done.new_id, "run": done.report.to_json()})


@router.get("/facts", response_model=Listing[FactItem], responses=LIST_RESPONSES)
def facts(engine: EngineDep, f: FiltersDep, p: PagingDep,
          doc: Annotated[str | None, Query(pattern=DOC_ID, description="only facts stated in this document")] = None,
          ) -> Any:
    """Facts with their evidence sentences (a fact stated in both languages once, with both), newest first."""
    f = replace(f, doc=doc)
    return served(FactItem, listing(list_facts, engine, f, p), p, "facts")


@router.get("/facts/{fact_id}", response_model=FactItem, responses=NOT_FOUND)
def fact(engine: EngineDep, fact_id: Annotated[int, PathParam(ge=1, le=2**62)]) -> Any:
    """One fact with its evidence (a fact merged into its translation's fact gives that fact)."""
    found = get_fact(engine, fact_id)
    if found is None:
        raise HTTPException(404, "no such fact")
    return found


@router.get("/amounts", response_model=Listing[AmountItem], responses=LIST_RESPONSES)
def amounts(engine: EngineDep, f: FiltersDep, p: PagingDep,
            doc: Annotated[str | None, Query(pattern=DOC_ID)] = None,
            kind: Annotated[Literal["money", "count", "percent"] | None, Query()] = None) -> Any:
    """Every amount read (money, counts, percentages), in text order within each document."""
    f = replace(f, doc=doc, kind=kind)
    return served(AmountItem, listing(list_amounts, engine, f, p), p, "amounts")


@router.get("/entities", response_model=Listing[EntityItem], responses=LIST_RESPONSES)
def entities(engine: EngineDep, f: FiltersDep, p: PagingDep,
             kind: Annotated[Literal["PER", "ORG"] | None, Query(description="PER or ORG")] = None) -> Any:
    """People and organisations, those named in the most documents first."""
    f = replace(f, kind=kind)
    return served(EntityItem, listing(list_entities, engine, f, p), p, "entities")


@router.get("/regions", response_model=Listing[RegionItem], responses=LIST_RESPONSES)
def regions(engine: EngineDep, request: Request,
            format: Annotated[Format, Query(description="json, csv or xlsx")] = "json",  # noqa: A002
            ) -> Any:
    """The 20 regions of the 2022 division with indicator totals (investment in tenge, jobs, projects,
    documents, facts)."""
    return served(RegionItem, Page(region_table(engine), None), Paging(None, MAX_LIMIT, format, request), "regions")


@router.get("/regions/{code}", response_model=RegionDetail, responses=NOT_FOUND)
def region(engine: EngineDep, code: Annotated[str, PathParam(pattern=REGION)]) -> Any:
    """A region: indicators by year, people and organisations, latest facts and documents."""
    found = region_detail(engine, code)
    if found is None:
        raise HTTPException(404, "no such region")
    return found


@router.get("/pairs", response_model=Listing[PairItem], responses=LIST_RESPONSES)
def pairs(engine: EngineDep, f: FiltersDep, p: PagingDep) -> Any:
    """Kazakh documents and their Russian translations."""
    return served(PairItem, listing(list_pairs, engine, f, p), p, "pairs")


@dataclass(frozen=True)
class SearchPage:
    items: list[Hit]
    next_cursor: str | None
    total: int
    facets: Facets
    next: str | None = None


@router.get("/search", response_model=SearchPage, responses={**LIST_RESPONSES, 429: TOO_MANY})
def search(engine: EngineDep, f: FiltersDep, p: PagingDep,
           q: Annotated[str, Query(min_length=1, max_length=500, description="words, any form, kk or ru")]) -> Any:
    """Documents matching every word of ``q`` (any inflected form, either language), each followed by its
    translation; with facet counts over all hits."""
    try:
        found = search_with_facets(engine, q, f, p.cursor, p.limit)
    except CursorError as exc:
        raise HTTPException(400, str(exc)) from exc
    if p.format != "json":
        return served(Hit, found.page, p, "search")
    nxt = next_url(p.request, found.page.next_cursor)
    if nxt and p.response is not None:
        p.response.headers["Link"] = f'<{nxt}>; rel="next"'
    return SearchPage(found.page.items, found.page.next_cursor, found.total, found.facets, nxt)


_UNSAFE = re.compile(r"[^\w.\-]+")


async def _save(upload: UploadFile, folder: Path, index: int, budget: int) -> int:
    """Copy one upload to ``folder`` in chunks; 413 once the request's uploads pass ``budget`` bytes."""
    name = _UNSAFE.sub("_", Path(upload.filename or "upload.txt").name).strip("._") or "upload.txt"
    used = 0
    with open(folder / f"{index:03d}_{name}", "wb") as out:
        while chunk := await upload.read(CHUNK):
            used += len(chunk)
            if used > budget:
                raise HTTPException(413, "upload larger than the server's limit (AIMAQ_MAX_UPLOAD_BYTES)")
            out.write(chunk)
    return used


def _as_uploaded(folder: Path) -> Iterator[RawDocument | Unreadable]:
    """The documents of the saved uploads, their sources named 'upload:NNN_name' rather than by the
    temporary folder ('upload:000_report.jsonl#2' for a record of a JSONL upload)."""
    prefix = str(folder) + "/"
    for item in iter_documents([str(folder)]):
        yield replace(item, source=item.source.replace(prefix, "upload:", 1))


@router.post("/ingest", dependencies=[Depends(require_token)],
             responses={200: {"description": "the ingest run's report"}, 400: {"description": "malformed upload"},
                        413: {"description": "upload too large"},
                        **WRITE_RESPONSES})
async def ingest_upload(request: Request, files: Annotated[list[UploadFile], File(description="documents")]
                        ) -> JSONResponse:
    """Store uploaded documents (text, HTML, JSONL, WARC, gzip) with their facts, clusters and pairs."""
    from starlette.concurrency import run_in_threadpool

    from aimaq.ingest.run import ingest

    folder = Path(tempfile.mkdtemp(prefix="aimaq-upload-"))
    try:
        used, limit = 0, request.app.state.limits.max_upload_bytes
        for i, upload in enumerate(files):
            used += await _save(upload, folder, i, limit - used)
        names = [f"upload:{p.name}" for p in sorted(folder.iterdir())]
        report = await run_in_threadpool(ingest, names, engine=request.app.state.engine,
                                         items=_as_uploaded(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return JSONResponse(report.to_json())
