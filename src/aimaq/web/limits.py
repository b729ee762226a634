"""Request limits of the web app: the largest request body, and per-client rate limits (token buckets in
memory) on search and on the write endpoints. Both are pure ASGI middleware, so an oversized upload is
refused from its Content-Length (or, when it is streamed, as soon as the bytes read pass the limit) without
the body being read into memory.

The limits are ``aimaq.settings.WebLimits``, declared there with their defaults; ``AIMAQ_<NAME>``
environment variables override them (a rate of 0 turns that limit off).
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from aimaq.errors import BodyTooLargeError
from aimaq.settings import WebLimits

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SEARCH_PATHS = frozenset({"/api/search", "/search"})
MAX_CLIENTS = 10_000  # buckets kept; the least recently seen client is forgotten first


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
                raise BodyTooLargeError
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if exceeded:  # the app caught BodyTooLargeError (FastAPI turns a parsing error into a 400): 413
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _refuse(scope, send, 413, detail, {"Connection": "close"})
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLargeError:
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
