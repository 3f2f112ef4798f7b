"""Explanations as data: what aligned with what, which evidence agreed.

Whoever is entitled to a hit's details (the record's owner, or an agency it
released the record to, see docs/queries.md) sees exactly this structure, and the store
keeps it as JSON (``Explanation.to_dict()``), so every field is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    """How one piece of evidence relates the two records."""

    AGREE = "agree"
    PARTIAL = "partial"
    DISAGREE = "disagree"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class PartAlignment:
    """Name parts of the query aligned with parts of the candidate.

    ``rule`` names why they were aligned: ``exact``, ``phonetic`` (same key
    after folding romanisation variants), ``nickname``, ``skeleton``
    (consonants of an abjad transliteration), ``vowels``, ``romanisation``,
    ``greek_digraph`` (``ΜΠΙΚΑ`` / ``Mpika``), ``wade_giles`` (``蔣`` /
    ``Chiang``), ``transposition``, ``spelling`` (edit distance), ``truncated`` (a part
    cut short), ``initial``, ``joined`` (``Abdul Rahman`` / ``Abdulrahman``),
    ``acronym``, ``reversed``, ``ending``, ``particle``, ``legal_form`` or
    ``number``.
    """

    query: tuple[str, ...]
    candidate: tuple[str, ...]
    similarity: float
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": list(self.query),
            "candidate": list(self.candidate),
            "similarity": round(self.similarity, 3),
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class NameExplanation:
    """How the best pair of names compared."""

    query_name: str
    candidate_name: str
    score: float
    aligned: tuple[PartAlignment, ...]
    query_only: tuple[str, ...]
    candidate_only: tuple[str, ...]
    conflicting_parts: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "query_name": self.query_name,
            "candidate_name": self.candidate_name,
            "score": round(self.score, 3),
            "aligned": [part.to_dict() for part in self.aligned],
            "query_only": list(self.query_only),
            "candidate_only": list(self.candidate_only),
            "conflicting_parts": round(self.conflicting_parts, 2),
        }


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One non-name attribute compared: its outcome and effect on the score."""

    attribute: str
    outcome: Outcome
    query_value: str | None
    candidate_value: str | None
    detail: str
    adjustment: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribute": self.attribute,
            "outcome": self.outcome.value,
            "query_value": self.query_value,
            "candidate_value": self.candidate_value,
            "detail": self.detail,
            "adjustment": round(self.adjustment, 3),
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """The full account of one score: names, then each piece of evidence."""

    name: NameExplanation
    evidence: tuple[EvidenceItem, ...] = field(default=())
    name_score: float = 0.0
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 3),
            "name_score": round(self.name_score, 3),
            "name": self.name.to_dict(),
            "evidence": [item.to_dict() for item in self.evidence],
        }

    def summary(self) -> str:
        """One line for tables and CSV files."""
        parts = [
            f"{'+'.join(a.query)}~{'+'.join(a.candidate)}:{a.rule}:{a.similarity:.2f}"
            for a in self.name.aligned
        ]
        if self.name.query_only:
            parts.append("query_only:" + "+".join(self.name.query_only))
        if self.name.candidate_only:
            parts.append("candidate_only:" + "+".join(self.name.candidate_only))
        for item in self.evidence:
            if item.outcome != Outcome.MISSING:
                parts.append(f"{item.attribute}:{item.outcome.value}({item.adjustment:+.2f})")
        return "; ".join(parts)
