"""Small helpers shared by the matching tests."""

from __future__ import annotations

from liaison.matching import EntityKind, Record, score


def name_score(a: str, b: str, kind: EntityKind = EntityKind.PERSON) -> float:
    """Score two bare names (no other evidence)."""
    return score(Record.of(a, kind=kind), Record.of(b, kind=kind)).score
