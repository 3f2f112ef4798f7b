"""What an agency that does not own a record may read of a hit on it before the owner
releases the details: that it is a hit, the register's kind, the owner to contact and
what to do next. Never a score, a rank or how any attribute compared: a graded score
or "same date" lets the asker read the owner's values off by asking again with other
values (issue #20: birth years and months probed out of 1.0 / 0.97 / 0.94).

The owner, and an agency the owner released the record to, read the full explanation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

WITHHELD = "withheld by the owner"

_KIND_RULES = {
    "person": "a person in the owner's register",
    "document": "a travel document in the owner's register",
    "card": "a compromised card in the owner's register",
}
_REGISTER_CHANGED = "(register changed)"


def query_instructions(owner: str, query_hit_id: int) -> str:
    """What the asker does with a hit / no-hit answer."""
    return (
        f"Do not act on this answer alone: ask {owner} for the details "
        f"(POST /api/v1/query-hits/{query_hit_id}/detail-requests, with why you need them); "
        "how the record compares stays with the owner until it releases the details."
    )


def screening_instructions(owner: str) -> str:
    """What the reviewing unit does with a screening hit on another agency's record."""
    return (
        f"Review the hit on your traveller's data: how {owner}'s record compares stays with "
        f"{owner} until it releases the details. Confirming the hit tells {owner}, who may "
        "release them; contact the owner before acting."
    )


def withheld_explanation(explanation: Mapping[str, Any], instructions: str) -> dict[str, Any]:
    """The explanation reduced to what anyone told of the hit may read: the kind, a rule
    that names only the kind (a document's status is the owner's data), why it was raised
    (a register change) and what to do. No score, outcome, alignment or record value."""
    kind = str(explanation.get("kind") or "record")
    rule = _KIND_RULES.get(kind, "a record in the owner's register")
    if str(explanation.get("rule") or "").endswith(_REGISTER_CHANGED):
        rule = f"{rule} {_REGISTER_CHANGED}"
    return {"kind": kind, "rule": rule, "withheld": WITHHELD, "what_to_do": instructions}
