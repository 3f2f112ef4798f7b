"""Risk criteria: named lists, rules and their versions, back-tests, the
effectiveness report, and other agencies' rules awaiting this agency's
acceptance. Thin over :mod:`liaison.services.criteria`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from liaison.domain.codes import ListKind, RuleAcceptance, RuleStatus
from liaison.domain.permissions import Permission
from liaison.http.deps import DbDep, Id, PrincipalDep, RuntimeDep
from liaison.http.errors import ERROR_RESPONSES
from liaison.services.criteria import acceptance, backtest, lists, rules
from liaison.services.criteria import screening as rule_screening
from liaison.services.criteria.acceptance import RequestView
from liaison.services.criteria.rules import RuleIn, RuleVersionView, ScopeIn

router = APIRouter(prefix="/api/v1/rules", tags=["risk criteria"], responses=ERROR_RESPONSES)


class ListIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    kind: ListKind
    entries: list[Annotated[str, Field(max_length=16)]] = Field(max_length=lists.MAX_ENTRIES)


class ListView(BaseModel):
    name: str
    kind: ListKind
    entries: list[str]
    updated_at: datetime


class PeriodIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: datetime
    end: datetime


class ActivationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scope: ScopeIn = Field(default_factory=ScopeIn)
    valid_from: datetime | None = None
    valid_until: datetime | None = None


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=acceptance.MAX_REASON)


class EffectView(BaseModel):
    rule_id: int
    name: str
    status: str
    version: int
    hits: int
    confirmed: int
    dismissed: int
    open: int
    by_week: dict[str, dict[str, int]]


def _view(db: Any, row: Any, principal: Any) -> RuleVersionView:
    return rules.views(db, principal, [row])[0]


@router.get("/lists")
def read_lists(db: DbDep, principal: PrincipalDep) -> list[ListView]:
    """The agency's named lists (departure points of concern, card BINs...)."""
    principal.require(Permission.RULES_READ)
    return [
        ListView(name=r.name, kind=r.kind, entries=r.entries, updated_at=r.updated_at)
        for r in lists.lists_of(db, principal.agency_id)
    ]


@router.put("/lists")
def save_list(db: DbDep, principal: PrincipalDep, body: ListIn) -> ListView:
    """Create or replace a list; rules already saved keep the copy they were saved with."""
    row = lists.save_list(db, principal, body.name, body.kind, body.entries)
    return ListView(name=row.name, kind=row.kind, entries=row.entries, updated_at=row.updated_at)


@router.get("")
def read_rules(
    db: DbDep, principal: PrincipalDep, status: Annotated[RuleStatus | None, Query()] = None
) -> list[RuleVersionView]:
    """Each rule by its latest version, or every version in ``status``."""
    return rules.views(db, principal, rules.latest_versions(db, principal, status))


@router.post("", status_code=201)
def create_rule(db: DbDep, principal: PrincipalDep, body: RuleIn) -> RuleVersionView:
    """A new rule, as a draft (version 1)."""
    return _view(db, rules.create(db, principal, body.read()), principal)


@router.get("/report")
def effectiveness(
    db: DbDep, principal: PrincipalDep, days: Annotated[int, Query(ge=1, le=3660)] = 90
) -> list[EffectView]:
    """Per rule: hits, confirmed, dismissed and open, week by week."""
    return [EffectView(**vars(effect)) for effect in backtest.effectiveness(db, principal, days)]


@router.get("/requests")
def read_requests(
    db: DbDep, principal: PrincipalDep, status: Annotated[RuleAcceptance | None, Query()] = None
) -> list[RequestView]:
    """Other agencies' rule versions whose scope names this agency: they run on
    its passengers only once one of its supervisors accepts them."""
    return [found.view() for found in acceptance.requests(db, principal, status)]


@router.get("/requests/{rule_id}/versions/{version}")
def read_request(db: DbDep, principal: PrincipalDep, rule_id: Id, version: Id) -> RequestView:
    return acceptance.request(db, principal, rule_id, version).view()


def _decide(
    db: Any, runtime: Any, principal: Any, rule_id: int, version: int, decision: str, body: DecisionIn
) -> RequestView:
    found = rule_screening.decide(db, principal, runtime.rules, rule_id, version, decision, body.reason)
    return found.view()


@router.post("/requests/{rule_id}/versions/{version}/accept")
def accept(
    db: DbDep, runtime: RuntimeDep, principal: PrincipalDep, rule_id: Id, version: Id, body: DecisionIn
) -> RequestView:
    """Let the version run on this agency's passengers (a supervisor, with a
    reason); the bookings already received for recent and upcoming flights are
    screened with it."""
    return _decide(db, runtime, principal, rule_id, version, "accept", body)


@router.post("/requests/{rule_id}/versions/{version}/decline")
def decline(
    db: DbDep, runtime: RuntimeDep, principal: PrincipalDep, rule_id: Id, version: Id, body: DecisionIn
) -> RequestView:
    """Refuse a pending request, with the reason the owner will read."""
    return _decide(db, runtime, principal, rule_id, version, "decline", body)


@router.post("/requests/{rule_id}/versions/{version}/withdraw")
def withdraw(
    db: DbDep, runtime: RuntimeDep, principal: PrincipalDep, rule_id: Id, version: Id, body: DecisionIn
) -> RequestView:
    """Stop an accepted version running on this agency's passengers; its hits stay in the queue."""
    return _decide(db, runtime, principal, rule_id, version, "withdraw", body)


@router.get("/{rule_id}/versions")
def read_versions(db: DbDep, principal: PrincipalDep, rule_id: Id) -> list[RuleVersionView]:
    return rules.views(db, principal, rules.versions(db, principal, rule_id))


@router.post("/{rule_id}/versions", status_code=201)
def revise_rule(db: DbDep, principal: PrincipalDep, rule_id: Id, body: RuleIn) -> RuleVersionView:
    """A new draft version; earlier versions are kept unchanged."""
    return _view(db, rules.revise(db, principal, rule_id, body.read()), principal)


@router.get("/{rule_id}/versions/{version}")
def read_version(db: DbDep, principal: PrincipalDep, rule_id: Id, version: Id) -> RuleVersionView:
    return _view(db, rules.version(db, principal, rule_id, version), principal)


@router.post("/{rule_id}/versions/{version}/backtest")
def run_backtest(
    db: DbDep, principal: PrincipalDep, rule_id: Id, version: Id, body: PeriodIn
) -> dict[str, Any]:
    """Run the version over the bookings received in the period: travellers it
    would select, on which flights, how many had a confirmed hit."""
    return backtest.backtest(db, principal, rule_id, version, body.start, body.end)


@router.post("/{rule_id}/versions/{version}/approve")
def approve(db: DbDep, principal: PrincipalDep, rule_id: Id, version: Id) -> RuleVersionView:
    """Approve a back-tested draft (a supervisor who is not its author)."""
    return _view(db, rules.approve(db, principal, rule_id, version), principal)


@router.post("/{rule_id}/versions/{version}/activate")
def activate(
    db: DbDep, runtime: RuntimeDep, principal: PrincipalDep, rule_id: Id, version: Id, body: ActivationIn
) -> RuleVersionView:
    """Put an approved version in force for a scope and period; the bookings
    already received for recent and upcoming flights are screened with it."""
    row = rule_screening.put_in_force(
        db, principal, runtime.rules, rule_id, version, body.scope, body.valid_from, body.valid_until
    )
    return _view(db, row, principal)


@router.post("/{rule_id}/versions/{version}/retire")
def retire(
    db: DbDep, runtime: RuntimeDep, principal: PrincipalDep, rule_id: Id, version: Id
) -> RuleVersionView:
    return _view(db, rule_screening.retire(db, principal, runtime.rules, rule_id, version), principal)
