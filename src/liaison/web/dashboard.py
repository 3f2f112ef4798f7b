"""The first page after signing in: what waits for the reader's agency today."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from liaison.domain.codes import RuleAcceptance, RuleStatus
from liaison.domain.permissions import Permission
from liaison.http.deps import DbDep
from liaison.services.criteria import acceptance, rules
from liaison.services.operations import dashboard, overview
from liaison.web.deps import ReaderDep
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    day: Annotated[date | None, Query(description="flights of this day (default: today, UTC)")] = None,
) -> Response:
    shown_day = day or datetime.now(UTC).date()
    principal = reader.principal
    context: dict[str, object] = {"board": dashboard.dashboard(db, principal, shown_day), "day": shown_day}
    if principal.can(Permission.RULES_APPROVE):
        # Versions waiting for a supervisor: drafts to approve, approved ones to put in force.
        context["rule_decisions"] = rules.latest_versions(db, principal, RuleStatus.DRAFT) + (
            rules.latest_versions(db, principal, RuleStatus.APPROVED)
        )
        # Other agencies' rules in force that ask to run on this agency's passengers.
        context["rule_requests"] = [
            r
            for r in acceptance.requests(db, principal, RuleAcceptance.PENDING)
            if r.version.status == RuleStatus.ACTIVE
        ]
    if principal.can(Permission.MANAGE_AGENCIES):
        # The installation's administrator: counts and the agencies, no personal data.
        context.update(
            counts=overview.table_counts(db),
            agencies=overview.agencies(db),
            registers=overview.registers(db),
            flights=overview.flights_on(db, shown_day),
        )
    return render(request, "dashboard.html", context, user=reader.user)
