"""What every request meets before a route reads it: a size limit on the body and,
for the API, authentication.

FastAPI reads and parses a JSON or form body before it runs any dependency, so
a check in `current_principal` came after a 200 MB body had been parsed. Here
the principal is resolved first (and handed to `current_principal` through the
scope) and the body is counted as it arrives: over the limit, the request ends
with 413 whatever the route. Routes that take files or raw messages raise the
limit for themselves (`deps.allow_body`) before they read.

Plain ASGI, like `security.SecurityHeadersMiddleware`.
"""

from __future__ import annotations

import json
import re

from fastapi import Request
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from liaison.domain.errors import LiaisonError, PayloadTooLarge
from liaison.http.deps import BODY_LIMIT_SCOPE_KEY, PRINCIPAL_SCOPE_KEY, current_principal
from liaison.http.errors import DATABASE_DOWN, database_down
from liaison.services.runtime import Runtime

# The OpenAPI document is public; every other API path needs credentials.
PUBLIC_API_PATHS = frozenset({"/api/v1/openapi.json"})
# A page whose form carries a whole register file back (base64) for the import's second step.
FILE_FORMS = re.compile(r"^/registers/\d+/import$")


class EdgeMiddleware:
    """Authenticates API requests before their body is read; holds every body to its limit."""

    def __init__(self, app: ASGIApp, *, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    def default_limit(self, path: str) -> int:
        settings = self.runtime.settings
        if FILE_FORMS.match(path):
            return settings.max_upload_bytes * 4 // 3 + settings.max_json_bytes
        return settings.max_json_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/api/") and path not in PUBLIC_API_PATHS:
            try:
                scope[PRINCIPAL_SCOPE_KEY] = await current_principal(Request(scope), self.runtime)
            except LiaisonError as exc:
                await _answer(send, exc)
                return
            except DATABASE_DOWN as exc:
                await _answer(send, database_down(exc))
                return
        scope[BODY_LIMIT_SCOPE_KEY] = self.default_limit(path)
        await _BodyLimit(self.app, scope, receive, send).run()


class _BodyLimit:
    """Counts the body as the app reads it; past the scope's limit, answers 413 instead."""

    def __init__(self, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
        self.app, self.scope, self.outer_receive, self.outer_send = app, scope, receive, send
        declared = Headers(scope=scope).get("content-length", "")
        self.declared = int(declared) if declared.isdigit() else 0
        self.received = 0
        self.refused: PayloadTooLarge | None = None
        self.started = False
        self.replaced = False

    def limit(self) -> int:
        value = self.scope[BODY_LIMIT_SCOPE_KEY]
        assert isinstance(value, int)
        return value

    def refuse(self) -> PayloadTooLarge:
        self.refused = PayloadTooLarge(f"body: larger than the {self.limit()}-byte limit")
        return self.refused

    async def receive(self) -> Message:
        if self.declared > self.limit():
            raise self.refuse()
        message = await self.outer_receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit():
                raise self.refuse()
        return message

    async def send(self, message: Message) -> None:
        if self.replaced:
            return
        if message["type"] == "http.response.start":
            # Some parsers turn the refusal into their own 400: the answer is 413 all the same.
            if self.refused is not None and message["status"] != PayloadTooLarge.status_code:
                self.replaced = True
                await _answer(self.outer_send, self.refused)
                return
            self.started = True
        await self.outer_send(message)

    async def run(self) -> None:
        try:
            await self.app(self.scope, self.receive, self.send)
        except PayloadTooLarge as exc:
            if self.started or self.replaced:
                raise
            await _answer(self.outer_send, exc)


async def _answer(send: Send, error: LiaisonError) -> None:
    """The one-line JSON error body of `http.errors`, sent before any route ran."""
    body = json.dumps({"detail": error.message}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": error.status_code,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
