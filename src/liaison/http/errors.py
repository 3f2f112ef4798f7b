"""The one table that turns errors into HTTP answers, and its place in the OpenAPI schema.

Every error body is `{"detail": "<one line naming the field at fault>"}`,
whether it comes from a domain rule or from request validation. A browser
asking for HTML gets a page instead, drawn by the renderer the composition
root passes in: each error is registered once, here, for both sides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from liaison.domain.errors import LiaisonError, Unavailable
from liaison.http.deps import LoginRequired

# Draws an error page: (request, status, message or None for "not found") -> response.
PageRenderer = Callable[[Request, int, str | None], Response]


class ErrorBody(BaseModel):
    detail: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "no valid credentials"},
    403: {"model": ErrorBody, "description": "not allowed for this principal"},
    404: {"model": ErrorBody, "description": "not found, or not visible to your agency"},
    409: {"model": ErrorBody, "description": "conflicts with the current state"},
    413: {"model": ErrorBody, "description": "body larger than the configured limit"},
    422: {"model": ErrorBody, "description": "invalid input; the message names the field"},
    503: {"model": ErrorBody, "description": "the database is not answering; try again"},
}
# What SQLAlchemy raises when the database cannot be reached or the connection drops.
DATABASE_DOWN = (OperationalError, InterfaceError)


def database_down(exc: Exception) -> Unavailable:
    assert isinstance(exc, DATABASE_DOWN)
    return Unavailable("the database is not answering; try again in a moment")


def describe_validation_error(exc: RequestValidationError) -> str:
    """`body.items.0.number: String should have at least 1 character; …` in one line."""
    parts = []
    for error in exc.errors()[:10]:
        location = ".".join(str(part) for part in error.get("loc", ()))
        parts.append(f"{location}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def liaison_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, LiaisonError)
    return JSONResponse({"detail": exc.message}, status_code=exc.status_code)


def wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def install_error_handlers(app: FastAPI, page: PageRenderer | None = None) -> None:
    """Every LiaisonError subclass carries its status; nothing else is mapped by hand.

    With `page`, a browser gets the error as a page (and a 404 as the "not found"
    page); programs and every `/api/` path keep the JSON body."""

    async def error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LiaisonError)
        if page is None or not wants_page(request):
            return await liaison_error(request, exc)
        return page(request, exc.status_code, exc.message)

    async def down(request: Request, exc: Exception) -> Response:
        return await error(request, database_down(exc))

    async def validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return JSONResponse({"detail": describe_validation_error(exc)}, status_code=422)

    async def not_found(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if page is None or not wants_page(request) or exc.status_code != 404:
            return await http_exception_handler(request, exc)
        return page(request, 404, None)

    app.add_exception_handler(LiaisonError, error)
    app.add_exception_handler(RequestValidationError, validation)
    for db_error in DATABASE_DOWN:
        app.add_exception_handler(db_error, down)
    app.add_exception_handler(LoginRequired, _redirect_to_login)
    if page is not None:
        app.add_exception_handler(StarletteHTTPException, not_found)


async def _redirect_to_login(request: Request, exc: Exception) -> Response:
    """A page behind sign-in sends a person to the login form, and back afterwards."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": "authentication required"}, status_code=401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)
