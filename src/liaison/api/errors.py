"""The one table that turns domain errors into HTTP answers."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from liaison.domain.errors import LiaisonError


async def _liaison_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, LiaisonError)
    return JSONResponse({"detail": exc.message}, status_code=exc.status_code)


def install_error_handlers(app: FastAPI) -> None:
    """Every LiaisonError subclass carries its status; nothing else is mapped by hand."""
    app.add_exception_handler(LiaisonError, _liaison_error)
