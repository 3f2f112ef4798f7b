"""The life cycle of a risk rule: draft → approved → active → retired.

Every version is kept. A draft is written by an analyst or supervisor; it is
back-tested over stored bookings, and the figures are kept with it, because
an approver must see what a rule would select before approving it. Approval
needs a supervisor who is not the author (also a CHECK in the database).
Activation gives the approved version its scope and validity and retires
the version it replaces. A scope naming another agency asks that agency:
the version runs on its passengers only once one of its supervisors has
accepted it (:mod:`liaison.services.criteria.acceptance`). Every change
writes an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.criteria import ActiveRule, RuleError, load_text, parse_rule
from liaison.criteria.places import is_airport
from liaison.domain.cards import mask_card_numbers_in_text
from liaison.domain.codes import RuleAcceptance, RuleStatus
from liaison.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from liaison.domain.permissions import Permission
from liaison.services.criteria import lists as named
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.store import schema
from liaison.store.types import utcnow


class RuleIn(BaseModel):
    """A rule as JSON (``definition``) or as YAML / JSON text (``text``): name,
    description and ``when`` (see docs/criteria.md)."""

    model_config = ConfigDict(extra="forbid")

    definition: dict[str, Any] | None = None
    text: str | None = Field(default=None, max_length=100_000)

    def read(self) -> Any:
        if (self.definition is None) == (self.text is None):
            raise InvalidInput("body: give either definition or text")
        if self.text is not None:
            try:
                return load_text(self.text)
            except RuleError as refused:
                raise InvalidInput(f"text: {refused}") from None
        return self.definition


class ScopeIn(BaseModel):
    """Where an active rule applies: bookings touching these airports, on these
    flights ("TK1591"), received by these agencies (codes) besides the owner."""

    model_config = ConfigDict(str_strip_whitespace=True)

    airports: list[str] = Field(default_factory=list, max_length=500)
    flights: list[str] = Field(default_factory=list, max_length=500)
    agencies: list[str] = Field(default_factory=list, max_length=200)


class AcceptanceView(BaseModel):
    """Another agency's answer to a version scoped to its passengers, as the owner sees it."""

    agency: str
    status: RuleAcceptance
    reason: str | None
    requested_at: datetime
    decided_at: datetime | None


class RuleVersionView(BaseModel):
    rule_id: int
    version: int
    agency: str
    name: str
    description: str
    status: RuleStatus
    definition: dict[str, Any]
    lists: dict[str, Any]
    author_id: int | None
    created_at: datetime
    backtest: dict[str, Any] | None
    approved_by_id: int | None
    approved_at: datetime | None
    scope: dict[str, Any]
    valid_from: datetime | None
    valid_until: datetime | None
    activated_at: datetime | None
    retired_at: datetime | None
    # Agencies of the scope other than the owner: the version runs on their
    # passengers only while their answer is "accepted".
    acceptances: list[AcceptanceView] = Field(default_factory=list)

    @classmethod
    def of(
        cls, row: schema.RiskRuleVersion, agency: str, acceptances: list[AcceptanceView] | None = None
    ) -> RuleVersionView:
        return cls(
            rule_id=row.rule_id,
            version=row.version,
            agency=agency,
            name=row.name,
            description=row.description,
            status=row.status,
            definition=row.definition,
            lists=row.lists,
            author_id=row.author_id,
            created_at=row.created_at,
            backtest=row.backtest,
            approved_by_id=row.approved_by_id,
            approved_at=row.approved_at,
            scope=row.scope,
            valid_from=row.valid_from,
            valid_until=row.valid_until,
            activated_at=row.activated_at,
            retired_at=row.retired_at,
            acceptances=acceptances or [],
        )


def acceptances_of(session: Session, version_ids: list[int]) -> dict[int, list[AcceptanceView]]:
    """Each version's answers from the other agencies of its scope."""
    found: dict[int, list[AcceptanceView]] = {}
    if not version_ids:
        return found
    rows = session.execute(
        select(schema.RiskRuleAcceptance, schema.Agency.code)
        .join(schema.Agency, schema.Agency.id == schema.RiskRuleAcceptance.agency_id)
        .where(schema.RiskRuleAcceptance.version_id.in_(version_ids))
        .order_by(schema.Agency.code)
    )
    for answer, code in rows:
        found.setdefault(answer.version_id, []).append(
            AcceptanceView(
                agency=code,
                status=answer.status,
                reason=answer.reason,
                requested_at=answer.requested_at,
                decided_at=answer.decided_at,
            )
        )
    return found


def views(
    session: Session, principal: Principal, rows: list[schema.RiskRuleVersion]
) -> list[RuleVersionView]:
    """Versions of the principal's agency's rules as the API shows them."""
    answers = acceptances_of(session, [row.id for row in rows])
    return [RuleVersionView.of(row, principal.agency_code, answers.get(row.id)) for row in rows]


def _checked(session: Session, agency_id: int, definition: Any) -> tuple[dict[str, Any], Any, dict[str, Any]]:
    """The rule read and validated against the agency's lists; errors name the path."""
    lists = named.named_lists(session, agency_id)
    if isinstance(definition, dict):  # its words are people's: a card number in them stays masked
        definition = {
            k: mask_card_numbers_in_text(v) if k in ("name", "description") and isinstance(v, str) else v
            for k, v in definition.items()
        }
    try:
        parsed = parse_rule(definition, lists)
    except RuleError as refused:
        raise InvalidInput(
            f"rule.{refused.path}: {refused.message}" if refused.path else refused.message
        ) from None
    return definition, parsed, named.snapshot(lists, parsed.lists)


def _audit(
    session: Session, principal: Principal, action: str, row: schema.RiskRuleVersion, **detail: Any
) -> None:
    audit.record(
        session,
        action,
        principal=principal,
        object_type="risk_rule",
        object_id=row.rule_id,
        detail={"version": row.version, "name": row.name, **detail},
    )


def create(session: Session, principal: Principal, definition: Any) -> schema.RiskRuleVersion:
    """A new rule, as version 1, in draft."""
    principal.require(Permission.RULES_WRITE)
    definition, parsed, snapshot = _checked(session, principal.agency_id, definition)
    rule = schema.RiskRule(agency_id=principal.agency_id, created_by_id=principal.user_id)
    session.add(rule)
    session.flush()
    row = _version(rule.id, 1, definition, parsed, snapshot, principal)
    session.add(row)
    session.flush()
    _audit(session, principal, "risk_rule_drafted", row)
    return row


def revise(session: Session, principal: Principal, rule_id: int, definition: Any) -> schema.RiskRuleVersion:
    """A new draft version; the versions before it stay as they are."""
    principal.require(Permission.RULES_WRITE)
    rule = _rule(session, principal, rule_id)
    definition, parsed, snapshot = _checked(session, rule.agency_id, definition)
    last = session.scalar(
        select(func.max(schema.RiskRuleVersion.version)).where(schema.RiskRuleVersion.rule_id == rule.id)
    )
    row = _version(rule.id, (last or 0) + 1, definition, parsed, snapshot, principal)
    session.add(row)
    session.flush()
    _audit(session, principal, "risk_rule_revised", row)
    return row


def _version(
    rule_id: int,
    number: int,
    definition: dict[str, Any],
    parsed: Any,
    snapshot: dict[str, Any],
    principal: Principal,
) -> schema.RiskRuleVersion:
    return schema.RiskRuleVersion(
        rule_id=rule_id,
        version=number,
        name=parsed.name,
        description=parsed.description,
        definition=definition,
        lists=snapshot,
        status=RuleStatus.DRAFT,
        author_id=principal.user_id,
        scope={},
    )


def _rule(session: Session, principal: Principal, rule_id: int) -> schema.RiskRule:
    rule = session.get(schema.RiskRule, rule_id)
    if rule is None or rule.agency_id != principal.agency_id:
        raise NotFound(f"rule {rule_id}: not found")  # another agency's rules are not even named
    return rule


def readable(session: Session, principal: Principal, rule_id: int) -> bool:
    """Whether the principal may open this rule (its agency's own, with `rules:read`):
    a hit raised by another agency's rule does not link to it."""
    if not principal.can(Permission.RULES_READ):
        return False
    rule = session.get(schema.RiskRule, rule_id)
    return rule is not None and rule.agency_id == principal.agency_id


def version(session: Session, principal: Principal, rule_id: int, number: int) -> schema.RiskRuleVersion:
    principal.require(Permission.RULES_READ)
    _rule(session, principal, rule_id)
    row = session.scalar(
        select(schema.RiskRuleVersion).where(
            schema.RiskRuleVersion.rule_id == rule_id, schema.RiskRuleVersion.version == number
        )
    )
    if row is None:
        raise NotFound(f"rule {rule_id} version {number}: not found")
    return row


def stored_version(session: Session, rule_id: Any, number: Any) -> schema.RiskRuleVersion | None:
    """A version as a hit's explanation names it, unchecked: whoever reads the hit may
    have its conditions told again in their words (None if it cannot be found)."""
    return session.scalar(
        select(schema.RiskRuleVersion).where(
            schema.RiskRuleVersion.rule_id == rule_id, schema.RiskRuleVersion.version == number
        )
    )


def versions(session: Session, principal: Principal, rule_id: int) -> list[schema.RiskRuleVersion]:
    principal.require(Permission.RULES_READ)
    _rule(session, principal, rule_id)
    return list(
        session.scalars(
            select(schema.RiskRuleVersion)
            .where(schema.RiskRuleVersion.rule_id == rule_id)
            .order_by(schema.RiskRuleVersion.version)
        )
    )


def latest_versions(
    session: Session, principal: Principal, status: RuleStatus | None = None
) -> list[schema.RiskRuleVersion]:
    """The agency's rules, each by its latest version (or its versions in ``status``)."""
    principal.require(Permission.RULES_READ)
    query = (
        select(schema.RiskRuleVersion)
        .join(schema.RiskRule, schema.RiskRule.id == schema.RiskRuleVersion.rule_id)
        .where(schema.RiskRule.agency_id == principal.agency_id)
        .order_by(schema.RiskRuleVersion.rule_id, schema.RiskRuleVersion.version)
    )
    if status is not None:
        return list(session.scalars(query.where(schema.RiskRuleVersion.status == status)))
    latest: dict[int, schema.RiskRuleVersion] = {}
    for row in session.scalars(query):
        latest[row.rule_id] = row
    return list(latest.values())


def approve(session: Session, principal: Principal, rule_id: int, number: int) -> schema.RiskRuleVersion:
    """Approve a back-tested draft: a supervisor, not its author."""
    principal.require(Permission.RULES_APPROVE)
    row = version(session, principal, rule_id, number)
    if row.status != RuleStatus.DRAFT:
        raise Conflict(f"rule {rule_id} version {number} is {row.status.value}; only a draft can be approved")
    if principal.user_id is None or row.author_id == principal.user_id:
        raise Forbidden("the author of a rule may not approve it: another supervisor must")
    if row.backtest is None:
        raise Conflict("back-test this version first: its figures must be seen before approval")
    row.status = RuleStatus.APPROVED
    row.approved_by_id = principal.user_id
    row.approved_at = utcnow()
    session.flush()
    _audit(session, principal, "risk_rule_approved", row, backtest=row.backtest.get("summary"))
    return row


def activate(
    session: Session,
    principal: Principal,
    rule_id: int,
    number: int,
    scope: ScopeIn,
    valid_from: datetime | None,
    valid_until: datetime | None,
) -> schema.RiskRuleVersion:
    """Put an approved version in force for a scope and period; the rule's
    version in force before it is retired."""
    principal.require(Permission.RULES_APPROVE)
    row = version(session, principal, rule_id, number)
    if row.status != RuleStatus.APPROVED:
        raise Conflict(
            f"rule {rule_id} version {number} is {row.status.value}; only approved versions can be activated"
        )
    if valid_from and valid_until and valid_until <= valid_from:
        raise InvalidInput("valid_until: must be after valid_from")
    row.scope = _scope(session, scope)
    row.valid_from, row.valid_until = valid_from, valid_until
    now = utcnow()
    for other in session.scalars(
        select(schema.RiskRuleVersion).where(
            schema.RiskRuleVersion.rule_id == rule_id, schema.RiskRuleVersion.status == RuleStatus.ACTIVE
        )
    ):
        other.status, other.retired_at, other.retired_by_id = RuleStatus.RETIRED, now, principal.user_id
        _audit(session, principal, "risk_rule_retired", other, replaced_by=number)
    row.status, row.activated_at, row.activated_by_id = RuleStatus.ACTIVE, now, principal.user_id
    asked = _ask_others(session, row, rule_id, now)
    session.flush()
    _audit(session, principal, "risk_rule_activated", row, scope=row.scope, awaiting_acceptance=asked)
    return row


def _ask_others(session: Session, row: schema.RiskRuleVersion, rule_id: int, now: datetime) -> list[str]:
    """A pending request to each other agency of the scope: the version does
    not run on their passengers until one of their supervisors accepts it."""
    owner = session.scalar(select(schema.RiskRule.agency_id).where(schema.RiskRule.id == rule_id))
    codes = row.scope.get("agencies", [])
    asked = []
    for agency_id, code in session.execute(
        select(schema.Agency.id, schema.Agency.code).where(schema.Agency.code.in_(codes)).order_by("code")
    ):
        if agency_id != owner:
            session.add(
                schema.RiskRuleAcceptance(
                    version_id=row.id, agency_id=agency_id, status=RuleAcceptance.PENDING, requested_at=now
                )
            )
            asked.append(code)
    return asked


def retire(session: Session, principal: Principal, rule_id: int, number: int) -> schema.RiskRuleVersion:
    principal.require(Permission.RULES_APPROVE)
    row = version(session, principal, rule_id, number)
    if row.status == RuleStatus.RETIRED:
        raise Conflict(f"rule {rule_id} version {number} is already retired")
    row.status, row.retired_at, row.retired_by_id = RuleStatus.RETIRED, utcnow(), principal.user_id
    session.flush()
    _audit(session, principal, "risk_rule_retired", row)
    return row


def _scope(session: Session, scope: ScopeIn) -> dict[str, Any]:
    airports = sorted({a.upper() for a in scope.airports})
    for i, code in enumerate(airports):
        if not is_airport(code):
            raise InvalidInput(f"scope.airports[{i}]: {code!r} is not an IATA airport code")
    flights = sorted({f.upper().replace(" ", "") for f in scope.flights})
    for i, flight in enumerate(flights):
        if not (3 <= len(flight) <= 8 and flight.isalnum()):
            raise InvalidInput(f"scope.flights[{i}]: {flight!r} is not a flight such as TK1591")
    codes = sorted({c.upper() for c in scope.agencies})
    known = set(session.scalars(select(schema.Agency.code).where(schema.Agency.code.in_(codes))))
    for i, code in enumerate(codes):
        if code not in known:
            raise InvalidInput(f"scope.agencies[{i}]: no agency {code!r}")
    return {"airports": airports, "flights": flights, "agencies": codes}


@dataclass(frozen=True)
class InForce:
    """An active rule version as screening uses it."""

    rule: ActiveRule
    owner_agency_id: int
    agencies: frozenset[str]  # other agencies whose passengers it runs on: those that accepted it


def active_rules(session: Session) -> list[InForce]:
    """Every active version of every agency, compiled, with the other agencies
    that accepted it (screening filters by receiving agency and validity)."""
    rows = session.execute(
        select(schema.RiskRuleVersion, schema.RiskRule.agency_id)
        .join(schema.RiskRule, schema.RiskRule.id == schema.RiskRuleVersion.rule_id)
        .where(schema.RiskRuleVersion.status == RuleStatus.ACTIVE)
        .order_by(schema.RiskRuleVersion.rule_id)
    )
    accepted = accepted_agencies(session)
    out = []
    for row, agency_id in rows:
        out.append(InForce(compile_version(row), agency_id, frozenset(accepted.get(row.id, ()))))
    return out


def accepted_agencies(session: Session, version_id: int | None = None) -> dict[int, set[str]]:
    """Per active version, the codes of the other agencies that accepted it."""
    query = (
        select(schema.RiskRuleAcceptance.version_id, schema.Agency.code)
        .join(schema.Agency, schema.Agency.id == schema.RiskRuleAcceptance.agency_id)
        .where(schema.RiskRuleAcceptance.status == RuleAcceptance.ACCEPTED)
    )
    if version_id is not None:
        query = query.where(schema.RiskRuleAcceptance.version_id == version_id)
    found: dict[int, set[str]] = {}
    for version, code in session.execute(query):
        found.setdefault(version, set()).add(code)
    return found


def compile_version(row: schema.RiskRuleVersion) -> ActiveRule:
    """A stored version as the engine runs it, with its own copy of the lists."""
    definition = parse_rule(row.definition, named.from_snapshot(row.lists))
    return ActiveRule(
        row.rule_id,
        row.version,
        definition,
        scope_airports=frozenset(row.scope.get("airports", ())),
        scope_flights=frozenset(row.scope.get("flights", ())),
        valid_from=row.valid_from,
        valid_until=row.valid_until,
    )


def rules_generation(session: Session) -> tuple[Any, ...]:
    """Changes whenever the set of active versions, or another agency's
    acceptance of one, changes (a cheap check before rebuilding the compiled rules)."""
    versions = session.execute(
        select(
            func.count(schema.RiskRuleVersion.id),
            func.max(schema.RiskRuleVersion.activated_at),
            func.max(schema.RiskRuleVersion.retired_at),
        )
    ).one()
    answers = session.execute(
        select(func.count(schema.RiskRuleAcceptance.id), func.max(schema.RiskRuleAcceptance.decided_at))
    ).one()
    return (*versions, *answers)
