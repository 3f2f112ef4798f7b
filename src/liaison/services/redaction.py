"""What a unit may read of a hit's explanation: its own traveller's side and how well
each part agreed, never the owner's record values (names in the owner's spelling,
the record's own dates and documents)."""

from __future__ import annotations

from typing import Any

WITHHELD = "withheld by the owner"
OWNER_SIDE_KEYS = frozenset({"candidate", "candidate_name", "candidate_only", "candidate_value"})


def redact(value: Any) -> Any:
    """The explanation with the owner's side replaced, the agreement kept."""
    if isinstance(value, dict):
        return {k: (WITHHELD if k in OWNER_SIDE_KEYS and v else redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value
