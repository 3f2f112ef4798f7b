"""The one table that turns errors into HTTP answers, and its place in the OpenAPI schema.

Every error body is `{"detail": "<one line naming the field at fault>"}`,
whether it comes from a domain rule or from request validation.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import InterfaceError, OperationalError

from liaison.domain.errors import LiaisonError, Unavailable


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


async def _database_down(request: Request, exc: Exception) -> JSONResponse:
    return await liaison_error(request, database_down(exc))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": describe_validation_error(exc)}, status_code=422)


def install_error_handlers(app: FastAPI) -> None:
    """Every LiaisonError subclass carries its status; nothing else is mapped by hand."""
    app.add_exception_handler(LiaisonError, liaison_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for error in DATABASE_DOWN:
        app.add_exception_handler(error, _database_down)
