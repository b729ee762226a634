"""Request limits of the web app: the largest request body, and per-client rate limits (token buckets in
memory) on search and on the write endpoints. Both are pure ASGI middleware, so an oversized upload is
refused from its Content-Length (or, when it is streamed, as soon as the bytes read pass the limit) without
the body being read into memory.

Each limit is declared once here with its default; ``AIMAQ_<NAME>`` environment variables override them
(a rate of 0 turns that limit off).
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

MB = 1024 * 1024
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SEARCH_PATHS = frozenset({"/api/search", "/search"})
MAX_CLIENTS = 10_000  # buckets kept; the least recently seen client is forgotten first


@dataclass(frozen=True)
class WebLimits:
    max_upload_bytes: int = field(default=20 * MB, metadata={"help": "largest request body (413 above)"})
    search_rate: float = field(default=10.0, metadata={"help": "searches per second per client (0: no limit)"})
    search_burst: int = field(default=60, metadata={"help": "searches a client may make at once"})
    write_rate: float = field(default=1.0, metadata={"help": "write requests per second per client (0: no limit)"})
    write_burst: int = field(default=10, metadata={"help": "write requests a client may make at once"})

    @classmethod
    def from_env(cls, environ: MutableMapping[str, str] | None = None, **overrides: Any) -> WebLimits:
        """Defaults, then ``AIMAQ_<NAME>`` environment variables, then explicit overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"AIMAQ_{f.name.upper()}")
            if raw is not None:
                kind: type = type(f.default)  # every limit has a default of its type
                values[f.name] = kind(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


class TokenBuckets:
    """One token bucket per key: ``rate`` tokens a second up to ``burst``; thread-safe, bounded in size."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate, max(1, burst), clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take a token for ``key``: 0.0 when granted, else the seconds until one is available."""
        if self.rate <= 0:
            return 0.0
        now = self.clock()
        with self._lock:
            tokens, seen = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - seen) * self.rate)
            granted = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if granted else tokens, now)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
        return 0.0 if granted else (1.0 - tokens) / self.rate


async def _refuse(scope: Scope, send: Send, status: int, detail: str, headers: dict[str, str]) -> None:
    """A short error answer: JSON for the API, a plain page for the dashboard."""
    if scope["path"].startswith("/api/"):
        body, kind = json.dumps({"detail": detail}).encode(), "application/json"
    else:
        body, kind = f"<!doctype html><title>{status}</title><p>{status} · {detail}</p>".encode(), "text/html"
    raw = [(b"content-type", f"{kind}; charset=utf-8".encode()), (b"content-length", str(len(body)).encode()),
           (b"x-content-type-options", b"nosniff")]
    raw += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a streamed body passes the limit."""


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimit:
    """413 for a request body over ``limit`` bytes, told by Content-Length or counted while it streams."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limit <= 0:
            return await self.app(scope, receive, send)
        detail = f"request body larger than {self.limit} bytes"
        declared = _declared_length(scope)
        if declared is not None and declared > self.limit:
            return await _refuse(scope, send, 413, detail, {"Connection": "close"})
        seen, started, exceeded = 0, False, False

        async def counting_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            seen += len(message.get("body", b""))
            exceeded = exceeded or seen > self.limit
            if exceeded:
                raise BodyTooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if exceeded:  # the app caught BodyTooLarge (FastAPI turns a form-parsing error into a 400): 413
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _refuse(scope, send, 413, detail, {"Connection": "close"})
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(scope, send, 413, detail, {"Connection": "close"})


def rate_kind(method: str, path: str) -> str | None:
    """Which rate limit a request counts against: 'write', 'search' or none."""
    if method in WRITE_METHODS and path.startswith("/api/"):
        return "write"
    if method == "GET" and path in SEARCH_PATHS:
        return "search"
    return None


class RateLimit:
    """429 with Retry-After once a client (by its address) has used up its bucket for that kind."""

    def __init__(self, app: ASGIApp, limits: WebLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.buckets = {"search": TokenBuckets(limits.search_rate, limits.search_burst, clock),
                        "write": TokenBuckets(limits.write_rate, limits.write_burst, clock)}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = rate_kind(scope.get("method", ""), scope.get("path", "")) if scope["type"] == "http" else None
        if kind is not None:
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = self.buckets[kind].take(client)
            if wait > 0:
                return await _refuse(scope, send, 429, f"too many {kind} requests; retry later",
                                     {"Retry-After": str(max(1, math.ceil(wait)))})
        await self.app(scope, receive, send)
