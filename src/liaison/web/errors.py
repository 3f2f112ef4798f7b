"""Errors as pages for people, as JSON for programs.

A browser asking for HTML gets a page in its reader's language with the
reason; the API and scripts keep the one JSON body of `http.errors`."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from liaison.domain.errors import LiaisonError
from liaison.http.errors import DATABASE_DOWN, database_down, liaison_error
from liaison.web.templating import render


def wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


async def _page_or_json(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LiaisonError)
    if not wants_page(request):
        return await liaison_error(request, exc)
    return render(
        request,
        "error.html",
        {"status": exc.status_code, "message": exc.message},
        status_code=exc.status_code,
    )


async def _not_found_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if not wants_page(request) or exc.status_code != 404:
        from fastapi.exception_handlers import http_exception_handler

        return await http_exception_handler(request, exc)
    return render(request, "error.html", {"status": 404, "message": None}, status_code=404)


async def _database_down_page(request: Request, exc: Exception) -> Response:
    return await _page_or_json(request, database_down(exc))


def install_page_errors(app: FastAPI) -> None:
    app.add_exception_handler(LiaisonError, _page_or_json)
    for error in DATABASE_DOWN:
        app.add_exception_handler(error, _database_down_page)
    app.add_exception_handler(StarletteHTTPException, _not_found_page)
