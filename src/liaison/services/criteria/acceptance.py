"""Risk rules across agencies: another agency's rule runs on a unit's
passengers only with that unit's consent.

A version whose scope names other agencies asks each of them when it is put
in force (:func:`liaison.services.criteria.rules.activate`). A supervisor of
the asked agency reads the rule (its conditions and the lists it uses, not
the owner's back-test figures, which are the owner's data) and accepts,
declines or later withdraws the acceptance, always with a reason; each
answer is audited. A new version asks again. The hits a rule raises on an
agency's passengers are that agency's, in its queue and its figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.cards import mask_card_numbers_in_text
from liaison.domain.codes import RuleAcceptance, RuleStatus
from liaison.domain.errors import Conflict, InvalidInput, NotFound
from liaison.domain.permissions import Permission
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.store import schema
from liaison.store.types import utcnow

MAX_REASON = 2_000

# decision -> (the answers it may follow, the answer it gives, audit action)
_DECISIONS: dict[str, tuple[frozenset[RuleAcceptance], RuleAcceptance, str]] = {
    "accept": (
        frozenset({RuleAcceptance.PENDING, RuleAcceptance.DECLINED, RuleAcceptance.WITHDRAWN}),
        RuleAcceptance.ACCEPTED,
        "risk_rule_accepted",
    ),
    "decline": (frozenset({RuleAcceptance.PENDING}), RuleAcceptance.DECLINED, "risk_rule_declined"),
    "withdraw": (
        frozenset({RuleAcceptance.ACCEPTED}),
        RuleAcceptance.WITHDRAWN,
        "risk_rule_acceptance_withdrawn",
    ),
}
DECISIONS = tuple(_DECISIONS)


class RequestView(BaseModel):
    """Another agency's rule version as the asked agency reads it."""

    rule_id: int
    version: int
    owner: str  # the agency whose rule it is
    name: str
    description: str
    definition: dict[str, Any]
    lists: dict[str, Any]
    scope: dict[str, Any]
    valid_from: datetime | None
    valid_until: datetime | None
    rule_status: RuleStatus
    status: RuleAcceptance
    reason: str | None
    requested_at: datetime
    decided_at: datetime | None


@dataclass(frozen=True)
class Request:
    answer: schema.RiskRuleAcceptance
    version: schema.RiskRuleVersion
    owner: str

    def view(self) -> RequestView:
        row, answer = self.version, self.answer
        return RequestView(
            rule_id=row.rule_id,
            version=row.version,
            owner=self.owner,
            name=row.name,
            description=row.description,
            definition=row.definition,
            lists=row.lists,
            scope=row.scope,
            valid_from=row.valid_from,
            valid_until=row.valid_until,
            rule_status=row.status,
            status=answer.status,
            reason=answer.reason,
            requested_at=answer.requested_at,
            decided_at=answer.decided_at,
        )


def _requests_query(principal: Principal) -> Any:
    return (
        select(schema.RiskRuleAcceptance, schema.RiskRuleVersion, schema.Agency.code)
        .join(schema.RiskRuleVersion, schema.RiskRuleVersion.id == schema.RiskRuleAcceptance.version_id)
        .join(schema.RiskRule, schema.RiskRule.id == schema.RiskRuleVersion.rule_id)
        .join(schema.Agency, schema.Agency.id == schema.RiskRule.agency_id)
        .where(schema.RiskRuleAcceptance.agency_id == principal.agency_id)
    )


def requests(session: Session, principal: Principal, status: RuleAcceptance | None = None) -> list[Request]:
    """Other agencies' rule versions scoped to the principal's agency: those
    awaiting an answer first, then the newest."""
    principal.require(Permission.RULES_READ)
    query = _requests_query(principal)
    if status is not None:
        query = query.where(schema.RiskRuleAcceptance.status == status)
    found = [Request(answer, row, owner) for answer, row, owner in session.execute(query)]
    found.sort(key=lambda r: r.answer.requested_at, reverse=True)
    found.sort(key=lambda r: r.answer.status != RuleAcceptance.PENDING)
    return found


def request(session: Session, principal: Principal, rule_id: int, number: int) -> Request:
    """One request to the principal's agency; any other rule is not found (never named)."""
    principal.require(Permission.RULES_READ)
    found = session.execute(
        _requests_query(principal).where(
            schema.RiskRuleVersion.rule_id == rule_id, schema.RiskRuleVersion.version == number
        )
    ).first()
    if found is None:
        raise NotFound(f"rule {rule_id} version {number}: no request to your agency")
    answer, row, owner = found
    return Request(answer, row, owner)


def decide(
    session: Session, principal: Principal, rule_id: int, number: int, decision: str, reason: str
) -> Request:
    """Accept, decline or withdraw the acceptance of a version scoped to the
    principal's agency (a supervisor of that agency, with a reason)."""
    principal.require(Permission.RULES_APPROVE)
    if decision not in _DECISIONS:
        raise InvalidInput(f"decision: one of {', '.join(DECISIONS)}")
    reason = mask_card_numbers_in_text(" ".join(reason.split()))
    if not reason:
        raise InvalidInput("reason: say why (it is kept and shown to the rule's owner)")
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"reason: at most {MAX_REASON} characters")
    found = request(session, principal, rule_id, number)
    allowed, outcome, action = _DECISIONS[decision]
    answer, row = found.answer, found.version
    if answer.status not in allowed:
        raise Conflict(
            f"rule {rule_id} version {number} is {answer.status.value} by your agency; "
            f"it cannot be {outcome.value} now"
        )
    if outcome == RuleAcceptance.ACCEPTED and row.status != RuleStatus.ACTIVE:
        raise Conflict(
            f"rule {rule_id} version {number} is {row.status.value}; only a rule in force can be accepted"
        )
    answer.status, answer.reason = outcome, reason
    answer.decided_by_id, answer.decided_at = principal.user_id, utcnow()
    session.flush()
    audit.record(
        session,
        action,
        principal=principal,
        object_type="risk_rule",
        object_id=rule_id,
        detail={"version": number, "name": row.name, "owner": found.owner, "reason": reason},
    )
    return found
