"""Separation of duties: roles one person may not hold together.

The data protection officer oversees everyone else's use of the system, so
holds no other role: an overseer who also manages users, approves risk rules
or reads personal data would be auditing their own acts. An administrator may
not approve risk rules either: one who could would also be able to create the
second approver the four-eyes rule relies on.
"""

from __future__ import annotations

from collections.abc import Iterable

from liaison.domain.codes import Role
from liaison.domain.errors import InvalidInput

DPO = Role.DATA_PROTECTION_OFFICER

# (role, role, why): checked in this order, so the first clash found is the one reported.
INCOMPATIBLE_ROLES: tuple[tuple[Role, Role, str], ...] = (
    (DPO, Role.ADMIN, "the data protection officer oversees user management"),
    (DPO, Role.SUPERVISOR, "the data protection officer oversees the approval of risk rules"),
    *(
        (DPO, role, "the data protection officer oversees the use of personal data")
        for role in (Role.ANALYST, Role.LIAISON_OFFICER, Role.FIELD_OFFICER)
    ),
    (
        Role.ADMIN,
        Role.SUPERVISOR,
        "an administrator who approves risk rules could create the second approver four-eyes needs",
    ),
)


class IncompatibleRoles(InvalidInput):
    """One person asked to hold roles the separation of duties keeps apart (422)."""


def clashes(roles: Iterable[Role]) -> list[tuple[Role, Role, str]]:
    """Every pair of `roles` that one person may not hold together, with the reason."""
    held = frozenset(roles)
    return [(a, b, why) for a, b, why in INCOMPATIBLE_ROLES if a in held and b in held]


def check_separation_of_duties(roles: Iterable[Role]) -> None:
    """Refuses a set of roles that breaks the separation of duties, naming the roles."""
    found = clashes(roles)
    if found:
        a, b, why = found[0]
        raise IncompatibleRoles(f"roles: {a.value} cannot be combined with {b.value} ({why})")
