"""Server-rendered pages: sign-in and the first overview page."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

import liaison
from liaison.api.deps import USER_SESSION_KEY, DbDep, UserDep
from liaison.api.security import check_csrf, csrf_token
from liaison.domain.errors import Forbidden
from liaison.services import accounts, audit, overview, throttle

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
templates.env.globals["version"] = liaison.__version__
router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never let a login link send people elsewhere."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    return templates.TemplateResponse(
        request,
        "login.html",
        {"csrf": csrf_token(request), "next": _safe_next(next), "error": None},
    )


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    db: DbDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    check_csrf(request, csrf)
    remote = request.client.host if request.client else "unknown"
    try:
        throttle.check_allowed(db, username, remote)
    except throttle.TooManyAttempts as refused:
        audit.record(db, "login_throttled", detail={"username": username[:100], "remote": remote})
        return templates.TemplateResponse(
            request,
            "login.html",
            {"csrf": csrf_token(request), "next": _safe_next(next), "error": refused.message},
            status_code=429,
        )
    user = accounts.authenticate(db, username, password)
    throttle.note_attempt(db, username, remote, succeeded=user is not None)
    if user is None:
        audit.record(db, "login_failed", detail={"username": username[:100], "remote": remote})
        return templates.TemplateResponse(
            request,
            "login.html",
            {
                "csrf": csrf_token(request),
                "next": _safe_next(next),
                "error": "Unknown user or wrong password.",
            },
            status_code=401,
        )
    request.session.clear()
    request.session[USER_SESSION_KEY] = user.id
    audit.record(db, "login", user=user)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]) -> Response:
    try:
        check_csrf(request, csrf)
    except Forbidden:
        return RedirectResponse("/", status_code=303)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    db: DbDep,
    user: UserDep,
    day: Annotated[date | None, Query(description="flights of this day (default: today, UTC)")] = None,
) -> Response:
    shown_day = day or datetime.now(UTC).date()
    return templates.TemplateResponse(
        request,
        "index.html",
        {
            "user": user,
            "csrf": csrf_token(request),
            "day": shown_day,
            "counts": overview.table_counts(db),
            "agencies": overview.agencies(db),
            "registers": overview.registers(db),
            "flights": overview.flights_on(db, shown_day),
        },
    )
