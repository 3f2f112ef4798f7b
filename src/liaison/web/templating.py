"""One Jinja2 environment for every page, rendered in the reader's language.

Translations are passed per request (`_`, `gettext`, `ngettext` in the context),
never installed globally: two people reading in English and French at the same
moment share the environment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from babel.dates import format_date as _format_date
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

import liaison
from liaison.domain.codes import HitStatus
from liaison.domain.permissions import Permission
from liaison.http.security import csrf_token
from liaison.i18n import LOCALES, N_, format_number, format_time, negotiate, translations
from liaison.matching.priority import Priority
from liaison.services.exchange.vocabulary import LABELS
from liaison.services.identity.principals import Principal, principal_for_user
from liaison.store.schema import User

HIT_STATUSES: dict[StrEnum, str] = {
    HitStatus.NEW: N_("New"),
    HitStatus.IN_REVIEW: N_("In review"),
    HitStatus.CONFIRMED: N_("Confirmed"),
    HitStatus.DISMISSED: N_("Dismissed"),
}
MATCH_KINDS = {
    "person": N_("Person"),
    "document": N_("Travel document"),
    "card": N_("Payment card"),
    "rule": N_("Risk rule"),
}
OUTCOMES = {
    "agree": N_("agrees"),
    "partial": N_("partly agrees"),
    "disagree": N_("disagrees"),
    "missing": N_("not available"),
}
ATTRIBUTES = {
    "birth_date": N_("Birth date"),
    "nationality": N_("Nationality"),
    "document": N_("Document"),
    "document_number": N_("Document number"),
    "issuing_country": N_("Issuing country"),
    "gender": N_("Gender"),
    "place_of_birth": N_("Place of birth"),
    "card_bin": N_("Card BIN"),
    "card_last_four": N_("Card last four digits"),
    "card_number": N_("Card number"),
}
HISTORY = {
    "raised": N_("Raised by screening"),
    "rescored": N_("Score changed by a later push"),
    "hit_start": N_("Review started"),
    "hit_confirm": N_("Confirmed"),
    "hit_dismiss": N_("Dismissed"),
}
PRIORITIES = {priority.code: priority.label for priority in Priority}
WORDS: dict[str, dict[str, str]] = {
    "kind": MATCH_KINDS,
    "priority": PRIORITIES,
    "outcome": OUTCOMES,
    "attribute": ATTRIBUTES,
    "history": HISTORY,
}

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
templates.env.globals["version"] = liaison.__version__
templates.env.globals["locales"] = LOCALES


@pass_context
def _url_path_for(context: Context, name: str, /, **path_params: Any) -> str:
    """Links as paths, never absolute: Starlette's own `url_for` copies the request's
    Host header into them, which anyone can forge."""
    request: Request = context["request"]
    return str(request.app.url_path_for(name, **path_params))


templates.env.globals["url_for"] = _url_path_for


@dataclass(frozen=True)
class NavItem:
    href: str
    label: str  # English source text, translated when shown
    key: str


# Each entry shows only to principals holding its permission (None: everyone signed in).
NAVIGATION: tuple[tuple[NavItem, Permission | None], ...] = (
    (NavItem("/", "Dashboard", "dashboard"), None),
    (NavItem("/hits", "Hits", "hits"), Permission.REVIEW_HITS),
    (NavItem("/inbox", "Inbox", "inbox"), Permission.EXCHANGE_READ),
    (NavItem("/cases", "Cases", "cases"), Permission.EXCHANGE_READ),
    (NavItem("/registers", "Registers", "registers"), Permission.REGISTER_READ),
    # Every role that decides on detail requests may also make them.
    (NavItem("/details", "Detail requests", "details"), Permission.REQUEST_DETAILS),
    (NavItem("/rules", "Rules", "rules"), Permission.RULES_READ),
    (NavItem("/operations", "Operations", "operations"), Permission.OPERATIONS_READ),
    (NavItem("/audit", "Audit", "audit"), Permission.AUDIT_READ),
)


def navigation(principal: Principal) -> list[NavItem]:
    return [item for item, needed in NAVIGATION if needed is None or principal.can(needed)]


LOCALE_SESSION_KEY = "locale"


def reader_locale(request: Request, user: User | None) -> str:
    """The signed-in user's chosen language (kept in the session too, for pages rendered
    without the user, such as errors), else what the browser asks for."""
    if user is not None:
        request.session[LOCALE_SESSION_KEY] = negotiate(user.locale)
        return negotiate(user.locale)
    kept = request.session.get(LOCALE_SESSION_KEY)
    if isinstance(kept, str):
        return negotiate(kept)
    header = request.headers.get("accept-language", "")
    return negotiate(header.split(",")[0].split(";")[0].strip() or None)


@pass_context
def _when(context: Context, value: datetime | None) -> str:
    if value is None:
        return "—"
    return format_time(value, context.get("locale", "en"))


@pass_context
def _day(context: Context, value: date | None) -> str:
    if value is None:
        return "—"
    return _format_date(value, format="medium", locale=context.get("locale", "en"))


@pass_context
def _number(context: Context, value: float | None) -> str:
    return "—" if value is None else format_number(value, context.get("locale", "en"))


@pass_context
def _percent(context: Context, value: float | None) -> str:
    """A similarity or score as a percentage, in the reader's locale (87 %)."""
    if value is None:
        return "—"
    from babel.numbers import format_percent

    return format_percent(value, locale=context.get("locale", "en"))


@pass_context
def _label(context: Context, value: Any) -> str:
    """The translated label of a vocabulary value (crime area, code, message kind…)."""
    if value is None:
        return "—"
    labels = HIT_STATUSES if isinstance(value, HitStatus) else LABELS.get(type(value))
    if labels is None:
        return str(getattr(value, "value", value))
    return _translated(context, labels[value])


def _translated(context: Context, text: str) -> str:
    gettext = context.get("gettext")
    return str(gettext(text)) if gettext else text


@pass_context
def _word(context: Context, value: object, family: str) -> str:
    """A word of the screening vocabulary (`{{ "agree"|word("outcome") }}`), translated;
    a value the vocabulary does not know is shown as it is."""
    text = WORDS[family].get(str(value))
    return _translated(context, text) if text else str(value)


templates.env.filters.update(when=_when, day=_day, number=_number, percent=_percent, label=_label, word=_word)


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    user: User | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """A page in the reader's language, with the navigation their roles allow."""
    locale = reader_locale(request, user)
    plain = translations(locale).gettext

    def gettext(message: str, **values: object) -> str:
        text = plain(message)
        return text % values if values else text

    principal = principal_for_user(user) if user is not None else None
    full = {
        "user": user,
        "principal": principal,
        "nav": navigation(principal) if principal else [],
        "csrf": csrf_token(request),
        "locale": locale,
        "_": gettext,
        "gettext": gettext,
        "ngettext": translations(locale).ngettext,
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, full, status_code=status_code)
