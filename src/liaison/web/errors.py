"""Errors as pages for people, in their reader's language with the reason.

Which answer is a page and which stays the JSON body of `http.errors` is
decided there; this only draws the page."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from liaison.web.templating import render


def error_page(request: Request, status: int, message: str | None) -> Response:
    """The error page; `message` None is "not found" without a reason to give."""
    return render(request, "error.html", {"status": status, "message": message}, status_code=status)
