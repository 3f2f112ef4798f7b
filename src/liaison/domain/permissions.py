"""What each role may do. Token scopes are the same permissions, so a token can
only narrow what its holder's roles already allow, never widen it."""

from __future__ import annotations

from enum import StrEnum

from liaison.domain.codes import Role


class Permission(StrEnum):
    MANAGE_AGENCIES = "agencies:manage"
    MANAGE_USERS = "users:manage"
    REGISTER_READ = "registers:read"
    REGISTER_WRITE = "registers:write"
    QUERY = "queries"
    REQUEST_DETAILS = "details:request"
    DECIDE_DETAILS = "details:decide"
    REVIEW_HITS = "hits:review"
    AUDIT_READ = "audit:read"
    PUSH_MESSAGES = "messages:push"
    EXCHANGE_READ = "exchange:read"
    EXCHANGE_WRITE = "exchange:write"
    RULES_READ = "rules:read"
    RULES_WRITE = "rules:write"  # draft, back-test and revise risk rules and their lists
    RULES_APPROVE = "rules:approve"  # approve (another author's), activate and retire
    JOURNEYS_READ = "journeys:read"  # a traveller's other bookings, trips and co-travellers
    OPERATIONS_READ = "operations:read"  # the rooms of operations the agency takes part in
    OPERATIONS_MANAGE = "operations:manage"  # create an operation (a supervisor's act)
    FIELD_REPORT = "operations:report"  # record what was done about a hit at the airport
    FRAUD_REPORT = "fraud:report"  # airlines and card issuers: compromised cards, fraud alerts


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset({Permission.MANAGE_AGENCIES, Permission.MANAGE_USERS}),
    Role.ANALYST: frozenset(
        {
            Permission.REGISTER_READ,
            Permission.QUERY,
            Permission.REQUEST_DETAILS,
            Permission.REVIEW_HITS,
            Permission.EXCHANGE_READ,
            Permission.EXCHANGE_WRITE,
            Permission.RULES_READ,
            Permission.RULES_WRITE,
            Permission.JOURNEYS_READ,
            Permission.OPERATIONS_READ,
            Permission.FIELD_REPORT,
        }
    ),
    Role.SUPERVISOR: frozenset(
        {
            Permission.REGISTER_READ,
            Permission.REGISTER_WRITE,
            Permission.QUERY,
            Permission.REQUEST_DETAILS,
            Permission.DECIDE_DETAILS,
            Permission.REVIEW_HITS,
            Permission.EXCHANGE_READ,
            Permission.EXCHANGE_WRITE,
            Permission.RULES_READ,
            Permission.RULES_WRITE,
            Permission.RULES_APPROVE,
            Permission.JOURNEYS_READ,
            Permission.OPERATIONS_READ,
            Permission.OPERATIONS_MANAGE,
            Permission.FIELD_REPORT,
        }
    ),
    Role.LIAISON_OFFICER: frozenset(
        {
            Permission.REGISTER_READ,
            Permission.REGISTER_WRITE,
            Permission.QUERY,
            Permission.REQUEST_DETAILS,
            Permission.DECIDE_DETAILS,
            Permission.EXCHANGE_READ,
            Permission.EXCHANGE_WRITE,
            Permission.OPERATIONS_READ,
        }
    ),
    # The data protection officer reviews the criteria, never writes them.
    Role.DATA_PROTECTION_OFFICER: frozenset({Permission.AUDIT_READ, Permission.RULES_READ}),
    Role.FIELD_OFFICER: frozenset(
        {Permission.QUERY, Permission.EXCHANGE_READ, Permission.OPERATIONS_READ, Permission.FIELD_REPORT}
    ),
}

# Machine clients act for their agency without a person: pushing data, hit/no-hit
# queries and case exchange from national systems.
MACHINE_PERMISSIONS = frozenset(
    {
        Permission.PUSH_MESSAGES,
        Permission.QUERY,
        Permission.EXCHANGE_READ,
        Permission.EXCHANGE_WRITE,
        Permission.FRAUD_REPORT,
    }
)


def permissions_of(roles: frozenset[Role] | set[Role]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)
