"""Signing in and out, and the reader's choice of language."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from liaison.domain.errors import InvalidInput
from liaison.http.deps import DbDep, RuntimeDep, UserDep
from liaison.http.security import client_address
from liaison.i18n import LOCALES, translations
from liaison.services.identity import accounts, audit, sessions, throttle
from liaison.services.identity.sessions import SESSION_KEY, SessionPolicy
from liaison.web.templating import reader_locale, render

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only same-site paths: never let a login link send people elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    db: DbDep,
    runtime: RuntimeDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    _ = translations(reader_locale(request, None)).gettext
    remote = client_address(request, runtime.settings.trusted_proxy_networks)
    try:
        throttle.check_allowed(db, username, remote)
    except throttle.TooManyAttempts as refused:
        audit.record(db, "login_throttled", detail={"username": username[:100], "remote": remote})
        page = render(
            request, "login.html", {"next": safe_next(next), "error": refused.message}, status_code=429
        )
        page.headers["Retry-After"] = str(refused.retry_after)
        return page
    user = accounts.authenticate(db, username, password)
    throttle.note_attempt(db, username, remote, succeeded=user is not None)
    if user is None:
        audit.record(db, "login_failed", detail={"username": username[:100], "remote": remote})
        return render(
            request,
            "login.html",
            {"next": safe_next(next), "error": _("Unknown user or wrong password.")},
            status_code=401,
        )
    request.session.clear()
    request.session[SESSION_KEY] = sessions.open_session(db, user, SessionPolicy.of(runtime.settings))
    audit.record(db, "login", user=user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, db: DbDep) -> Response:
    """Ends the session on the server too: a copy of the cookie is worth nothing after."""
    sessions.revoke(db, request.session.get(SESSION_KEY), "logout")
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.post("/account/locale")
def choose_locale(
    request: Request,
    user: UserDep,
    locale: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    """The language every page is shown in for this user, kept with the account."""
    if locale not in LOCALES:
        raise InvalidInput(f"locale: one of {', '.join(LOCALES)}")
    user.locale = locale
    return RedirectResponse(safe_next(next), status_code=303)
