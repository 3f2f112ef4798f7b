"""Risk rules in the workbench: the list, a rule with its versions, the draft
editor, back-tests, approval, activation and retirement, the named lists,
the effectiveness report, and other agencies' rules awaiting this agency's
acceptance.

Thin over `services.criteria`, calling the same functions in the same order as
the API (`api/routers/rules.py`): who may do what, and the four-eyes rule, are
decided there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from liaison.criteria import RuleError
from liaison.criteria.wording import Gettext
from liaison.domain.codes import ListKind, RuleStatus
from liaison.domain.errors import Conflict, Forbidden, InvalidInput
from liaison.domain.permissions import Permission
from liaison.http.deps import DbDep, Id, RuntimeDep
from liaison.services.criteria import acceptance, backtest, lists, rules
from liaison.services.criteria import screening as rule_screening
from liaison.services.criteria.rules import RuleIn, ScopeIn
from liaison.services.identity import accounts
from liaison.store import schema
from liaison.store.types import utcnow
from liaison.web.deps import Reader, ReaderDep
from liaison.web.rule_words import Plain, plain, reader_gettext
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)

NEW_RULE = """name: Short-notice one-way trips from departure points of concern
description: Travellers sent at short notice book one way, two days or less before departure.
when:
  all:
    - departs_from: {airports: [IST]}
    - one_way: true
    - booked_before_departure: {max_hours: 48}
"""
BACKTEST_DAYS = 30


@dataclass(frozen=True)
class VersionPage:
    row: schema.RiskRuleVersion
    tree: Plain | None
    problem: str | None  # a stored version that no longer reads (never expected)
    text: str  # the definition as YAML


def version_page(row: schema.RiskRuleVersion, _: Gettext) -> VersionPage:
    try:
        tree: Plain | None = plain(rules.compile_version(row).definition.when, _)
        problem = None
    except RuleError as broken:
        tree, problem = None, str(broken)
    return VersionPage(row, tree, problem, as_yaml(row.definition))


def as_yaml(definition: dict[str, Any]) -> str:
    return yaml.safe_dump(definition, sort_keys=False, allow_unicode=True, width=100)


def _names(db: Session, reader: Reader, rows: list[schema.RiskRuleVersion]) -> dict[int, str]:
    """Display names of the agency's own people named in these versions."""
    ids = {
        user_id
        for row in rows
        for user_id in (row.author_id, row.approved_by_id, row.activated_by_id, row.retired_by_id)
        if user_id is not None
    }
    return accounts.names_in_agency(db, reader.principal.agency_id, ids)


def _list_page_data(db: Session, reader: Reader) -> list[schema.CriteriaList]:
    reader.principal.require(Permission.RULES_READ)  # as the API: lists_of does not check
    return lists.lists_of(db, reader.principal.agency_id)


@router.get("/rules", response_class=HTMLResponse)
def rule_list(request: Request, db: DbDep, reader: ReaderDep, status: RuleStatus | None = None) -> Response:
    found = rules.latest_versions(db, reader.principal, status)
    # A rule whose latest version is a draft may still have an earlier version in force.
    in_force = {
        row.rule_id: row.version for row in rules.latest_versions(db, reader.principal, RuleStatus.ACTIVE)
    }
    return render(
        request,
        "rules/list.html",
        {
            "rules": found,
            "status": status,
            "statuses": list(RuleStatus),
            "in_force": in_force,
            # what the other agencies of each version's scope answered
            "answers": rules.acceptances_of(db, [row.id for row in found]),
        },
        user=reader.user,
    )


# --- the draft editor ------------------------------------------------------------


def _editor(
    request: Request,
    reader: Reader,
    *,
    text: str,
    rule_id: int | None,
    error: str | None = None,
    based_on: int | None = None,
    available: list[schema.CriteriaList] | None = None,
) -> Response:
    return render(
        request,
        "rules/edit.html",
        {
            "text": text,
            "rule_id": rule_id,
            "error": error,
            "based_on": based_on,
            "lists": available or [],
        },
        user=reader.user,
        status_code=422 if error else 200,
    )


@router.get("/rules/new", response_class=HTMLResponse)
def new_rule(request: Request, db: DbDep, reader: ReaderDep) -> Response:
    reader.principal.require(Permission.RULES_WRITE)
    return _editor(request, reader, text=NEW_RULE, rule_id=None, available=_list_page_data(db, reader))


@router.post("/rules")
def create_rule(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    text: Annotated[str, Form(max_length=100_000)],
) -> Response:
    try:
        row = rules.create(db, reader.principal, RuleIn(text=text).read())
    except InvalidInput as refused:
        return _editor(
            request,
            reader,
            text=text,
            rule_id=None,
            error=refused.message,
            available=_list_page_data(db, reader),
        )
    return RedirectResponse(f"/rules/{row.rule_id}#version-{row.version}", status_code=303)


@router.get("/rules/lists", response_class=HTMLResponse)
def list_page(request: Request, db: DbDep, reader: ReaderDep) -> Response:
    return _lists(request, db, reader)


def _lists(
    request: Request,
    db: Session,
    reader: Reader,
    *,
    error: str | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    return render(
        request,
        "rules/lists.html",
        {
            "lists": _list_page_data(db, reader),
            "kinds": list(ListKind),
            "error": error,
            "form": form or {},
        },
        user=reader.user,
        status_code=422 if error else 200,
    )


@router.post("/rules/lists")
def save_list(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    name: Annotated[str, Form(max_length=100)],
    kind: Annotated[str, Form()],
    entries: Annotated[str, Form(max_length=100_000)] = "",
) -> Response:
    """Create or replace a list; the entries are one per line or separated by
    spaces or commas."""
    form = {"name": name, "kind": kind, "entries": entries}
    try:
        try:
            list_kind = ListKind(kind)
        except ValueError:
            raise InvalidInput(f"kind: one of {', '.join(k.value for k in ListKind)}") from None
        values = [value for value in entries.replace(",", " ").split() if value]
        row = lists.save_list(db, reader.principal, name, list_kind, values)
    except InvalidInput as refused:
        return _lists(request, db, reader, error=refused.message, form=form)
    return RedirectResponse(f"/rules/lists#list-{row.id}", status_code=303)


@router.get("/rules/report", response_class=HTMLResponse)
def report(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    days: Annotated[int, Query(ge=1, le=3660)] = 90,
) -> Response:
    effects = backtest.effectiveness(db, reader.principal, days)
    weeks = sorted({week for effect in effects for week in effect.by_week})
    return render(
        request, "rules/report.html", {"effects": effects, "days": days, "weeks": weeks}, user=reader.user
    )


# --- other agencies' rules scoped to this one -------------------------------------


def _requests_page(
    request: Request,
    db: Session,
    reader: Reader,
    *,
    error: str | None = None,
    error_at: tuple[int, int] | None = None,
    status_code: int = 200,
) -> Response:
    _ = reader_gettext(request, reader.user)
    found = [(r, version_page(r.version, _)) for r in acceptance.requests(db, reader.principal)]
    return render(
        request,
        "rules/requests.html",
        {"requests": found, "error": error, "error_at": error_at, "max_reason": acceptance.MAX_REASON},
        user=reader.user,
        status_code=status_code,
    )


@router.get("/rules/requests", response_class=HTMLResponse)
def requests_page(request: Request, db: DbDep, reader: ReaderDep) -> Response:
    return _requests_page(request, db, reader)


@router.post("/rules/requests/{rule_id}/versions/{version}")
def decide(
    request: Request,
    db: DbDep,
    runtime: RuntimeDep,
    reader: ReaderDep,
    rule_id: Id,
    version: Id,
    decision: Annotated[str, Form(max_length=20)],
    reason: Annotated[str, Form(max_length=acceptance.MAX_REASON)] = "",
) -> Response:
    """Accept, decline or withdraw, as through the API; a refusal is shown next
    to the request it concerns."""
    reader.principal.require(Permission.RULES_APPROVE)
    try:
        rule_screening.decide(db, reader.principal, runtime.rules, rule_id, version, decision, reason)
    except (InvalidInput, Conflict) as refused:
        return _requests_page(
            request,
            db,
            reader,
            error=refused.message,
            error_at=(rule_id, version),
            status_code=refused.status_code,
        )
    return RedirectResponse(f"/rules/requests#request-{rule_id}-{version}", status_code=303)


# --- one rule ------------------------------------------------------------------


def _rule_page(
    request: Request,
    db: Session,
    reader: Reader,
    rule_id: int,
    *,
    error: str | None = None,
    error_version: int | None = None,
    status_code: int = 200,
) -> Response:
    rows = rules.versions(db, reader.principal, rule_id)
    answers = rules.acceptances_of(db, [row.id for row in rows])
    today = utcnow().date()
    return render(
        request,
        "rules/rule.html",
        {
            "rule_id": rule_id,
            "versions": [version_page(row, reader_gettext(request, reader.user)) for row in reversed(rows)],
            "latest": rows[-1],
            "names": _names(db, reader, rows),
            "error": error,
            "error_version": error_version,
            "backtest_start": today - timedelta(days=BACKTEST_DAYS),
            "backtest_end": today,
            "user_id": reader.user.id,
            "answers": answers,
        },
        user=reader.user,
        status_code=status_code,
    )


@router.get("/rules/{rule_id}", response_class=HTMLResponse)
def rule_page(request: Request, db: DbDep, reader: ReaderDep, rule_id: Id) -> Response:
    return _rule_page(request, db, reader, rule_id)


@router.get("/rules/{rule_id}/revise", response_class=HTMLResponse)
def revise_form(request: Request, db: DbDep, reader: ReaderDep, rule_id: Id) -> Response:
    reader.principal.require(Permission.RULES_WRITE)
    rows = rules.versions(db, reader.principal, rule_id)
    latest = rows[-1]
    return _editor(
        request,
        reader,
        text=as_yaml(latest.definition),
        rule_id=rule_id,
        based_on=latest.version,
        available=_list_page_data(db, reader),
    )


@router.post("/rules/{rule_id}/versions")
def revise(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    rule_id: Id,
    text: Annotated[str, Form(max_length=100_000)],
) -> Response:
    try:
        row = rules.revise(db, reader.principal, rule_id, RuleIn(text=text).read())
    except InvalidInput as refused:
        return _editor(
            request,
            reader,
            text=text,
            rule_id=rule_id,
            error=refused.message,
            available=_list_page_data(db, reader),
        )
    return RedirectResponse(f"/rules/{rule_id}#version-{row.version}", status_code=303)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _moment(value: str, field: str) -> datetime | None:
    """A `datetime-local` field (read as UTC), or nothing when left empty."""
    if not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(f"{field}: a date and time such as 2026-12-01T08:00") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _refused(
    request: Request, db: Session, reader: Reader, rule_id: int, number: int, refused: Any
) -> Response:
    """The rule page again, the reason next to the version it concerns. (The services
    refuse before they change anything, so there is nothing to undo.)"""
    return _rule_page(
        request,
        db,
        reader,
        rule_id,
        error=refused.message,
        error_version=number,
        status_code=refused.status_code,
    )


@router.post("/rules/{rule_id}/versions/{version}/backtest")
def run_backtest(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    rule_id: Id,
    version: Id,
    start: Annotated[date, Form()],
    end: Annotated[date, Form()],
) -> Response:
    """Back-test over whole days, from the start of `start` to the end of `end` (UTC)."""
    try:
        backtest.backtest(
            db, reader.principal, rule_id, version, _day_start(start), _day_start(end) + timedelta(days=1)
        )
    except (InvalidInput, Conflict) as refused:
        return _refused(request, db, reader, rule_id, version, refused)
    return RedirectResponse(f"/rules/{rule_id}#version-{version}", status_code=303)


@router.post("/rules/{rule_id}/versions/{version}/approve")
def approve(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    rule_id: Id,
    version: Id,
) -> Response:
    reader.principal.require(Permission.RULES_APPROVE)
    try:
        rules.approve(db, reader.principal, rule_id, version)
    except (Forbidden, Conflict) as refused:
        return _refused(request, db, reader, rule_id, version, refused)
    return RedirectResponse(f"/rules/{rule_id}#version-{version}", status_code=303)


@router.post("/rules/{rule_id}/versions/{version}/activate")
def activate(
    request: Request,
    db: DbDep,
    runtime: RuntimeDep,
    reader: ReaderDep,
    rule_id: Id,
    version: Id,
    airports: Annotated[str, Form(max_length=5000)] = "",
    flights: Annotated[str, Form(max_length=5000)] = "",
    agencies: Annotated[str, Form(max_length=5000)] = "",
    valid_from: Annotated[str, Form(max_length=40)] = "",
    valid_until: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """In force for a scope and period; the bookings already received for recent
    and upcoming flights are screened with it, as through the API."""
    reader.principal.require(Permission.RULES_APPROVE)

    def words(value: str) -> list[str]:
        return [word for word in value.replace(",", " ").split() if word]

    try:
        scope = ScopeIn(airports=words(airports), flights=words(flights), agencies=words(agencies))
        rule_screening.put_in_force(
            db,
            reader.principal,
            runtime.rules,
            rule_id,
            version,
            scope,
            _moment(valid_from, "valid_from"),
            _moment(valid_until, "valid_until"),
        )
    except (InvalidInput, Conflict) as refused:
        return _refused(request, db, reader, rule_id, version, refused)
    return RedirectResponse(f"/rules/{rule_id}#version-{version}", status_code=303)


@router.post("/rules/{rule_id}/versions/{version}/retire")
def retire(
    request: Request,
    db: DbDep,
    runtime: RuntimeDep,
    reader: ReaderDep,
    rule_id: Id,
    version: Id,
) -> Response:
    reader.principal.require(Permission.RULES_APPROVE)
    try:
        rule_screening.retire(db, reader.principal, runtime.rules, rule_id, version)
    except Conflict as refused:
        return _refused(request, db, reader, rule_id, version, refused)
    return RedirectResponse(f"/rules/{rule_id}#version-{version}", status_code=303)
