"""Typed dependencies shared by routers: runtime, database session, who is acting.

No `from __future__ import annotations` here: `paging` builds parameter
annotations from local values, which FastAPI must be able to evaluate.
"""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from liaison.domain.errors import NotAuthenticated, PayloadTooLarge
from liaison.http.security import SAFE_METHODS, check_csrf
from liaison.services.identity import sessions
from liaison.services.identity.principals import Principal, principal_for_token, principal_for_user
from liaison.services.identity.sessions import SESSION_KEY, SessionPolicy, SignedIn
from liaison.services.paging import PageRequest
from liaison.services.runtime import Runtime
from liaison.store.schema import User
from liaison.store.types import MAX_ID

# Set by `http.edge.EdgeMiddleware`, which authenticates API requests before their body is read.
PRINCIPAL_SCOPE_KEY = "liaison.principal"
# The byte limit the edge enforces on the body as it arrives; routes that take files raise it.
BODY_LIMIT_SCOPE_KEY = "liaison.body_limit"
MAX_OFFSET = 10_000_000

# A database identifier in a path: refuses values no table can hold (422, not 500).
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


# Dependencies that do no I/O, or only a bounded indexed lookup, are `async def`:
# FastAPI runs every plain `def` dependency in its thread pool, and each hop to a
# thread and back cost more than the work itself (bench/api.py).


def runtime_of(request: Request) -> Runtime:
    runtime = request.app.state.runtime
    assert isinstance(runtime, Runtime)
    return runtime


async def get_runtime(request: Request) -> Runtime:
    return runtime_of(request)


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_db(runtime: RuntimeDep) -> Iterator[Session]:
    """One session per request, committed when the handler succeeds.

    Committed before the response is sent (`scope="function"`): a client that
    follows a redirect, or reads right after a write, must find what it wrote.
    With the default scope the commit ran after the response, and a browser
    following "303 See Other" to the new message got 404 on PostgreSQL now
    and then. On SQLite it holds the process's writer lock meanwhile: a route
    using it must not open another `runtime.transaction()`, or it waits forever."""
    with runtime.transaction() as session:
        yield session


DbDep = Annotated[Session, Depends(get_db, scope="function")]


class LoginRequired(NotAuthenticated):
    """Raised for a page request without a signed-in user; the web layer redirects."""


def signed_in(request: Request, db: DbDep, runtime: RuntimeDep) -> SignedIn:
    """The signed-in user of a page request and their session, checked on the server."""
    found = sessions.resolve(db, request.session.get(SESSION_KEY), SessionPolicy.of(runtime.settings))
    if found is None:
        request.session.pop(SESSION_KEY, None)
        raise LoginRequired("sign in first")
    return found


SignedInDep = Annotated[SignedIn, Depends(signed_in)]


async def current_user(found: SignedInDep) -> User:
    return found.user


UserDep = Annotated[User, Depends(current_user)]


async def current_principal(request: Request, runtime: RuntimeDep) -> Principal:
    """A bearer token, or the signed-in user (then unsafe methods need the CSRF header).

    Resolved in an autocommit session of its own, so a route may run its work in
    one or several transactions of its own choosing (message receipt does). It
    does not queue on the SQLite writer lock: the route's own session may hold it,
    and this session writes at most a token's last use, every few minutes.
    It runs on the event loop: one to three indexed lookups by key, shorter than
    a trip to the thread pool. A session is checked on the server (revoked, idle,
    past its absolute end), its last use written every few minutes as a token's."""
    resolved = request.scope.get(PRINCIPAL_SCOPE_KEY)
    if isinstance(resolved, Principal):  # the edge did it, before reading the body
        return resolved
    header = request.headers.get("authorization", "")
    with runtime.autocommit() as db:
        if header:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise NotAuthenticated("Authorization: expected 'Bearer <token>'")
            # On the event loop it never waits for SQLite's writer: when another
            # transaction holds it, the token's last use is written next time.
            with runtime.writer_if_free() as may_write:
                return principal_for_token(db, token.strip(), record_use=may_write)
        policy = SessionPolicy.of(runtime.settings)
        with runtime.writer_if_free() as may_write:
            found = sessions.resolve(db, request.session.get(SESSION_KEY), policy, record_use=may_write)
        if found is None:
            raise NotAuthenticated("authentication required: a bearer token or a signed-in session")
        if request.method not in SAFE_METHODS:
            check_csrf(request, request.headers.get("x-csrf-token", ""))
        return principal_for_user(found.user, session_id=found.session_id)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def paging(*sortable: str) -> Any:
    """Limit, offset and (when the list can be sorted) a sort key from `sortable`,
    so the OpenAPI schema tells clients exactly which keys are accepted."""
    if not sortable:

        async def unsorted(
            limit: Annotated[int, Query(ge=1, le=500, description="items per page")] = 50,
            offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")] = 0,
        ) -> PageRequest:
            return PageRequest(limit=limit, offset=offset)

        return Depends(unsorted)
    pattern = "^-?(" + "|".join(sortable) + ")$"

    async def sorted_page(
        limit: Annotated[int, Query(ge=1, le=500, description="items per page")] = 50,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")] = 0,
        sort: Annotated[
            str | None,
            Query(pattern=pattern, description=f"one of {', '.join(sortable)}; prefix - for descending"),
        ] = None,
    ) -> PageRequest:
        return PageRequest(limit=limit, offset=offset, sort=sort)

    return Depends(sorted_page)


def allow_body(request: Request, limit: int) -> None:
    """Let this request's body grow to `limit` bytes (files, raw messages): the edge
    holds every other body to the JSON limit."""
    request.scope[BODY_LIMIT_SCOPE_KEY] = limit


async def raw_body(request: Request) -> bytes:
    """The request body as bytes, refused with 413 past the configured size."""
    limit = runtime_of(request).settings.max_upload_bytes
    allow_body(request, limit)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"the body is larger than the {limit}-byte limit")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"the body is larger than the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


RawBodyDep = Annotated[bytes, Depends(raw_body)]


async def card_key(runtime: RuntimeDep) -> bytes:
    """The installation secret keys card-number hashes, so they cannot be reversed."""
    return runtime.secret.encode("utf-8")


CardKeyDep = Annotated[bytes, Depends(card_key)]
