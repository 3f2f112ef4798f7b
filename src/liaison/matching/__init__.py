"""Name and evidence matching: normalise, index, score and explain. Pure, no I/O.

Public API:

- :func:`score` / :class:`Record` / :class:`Match` — compare two records.
- :class:`Explanation` — the reasons, as data (``to_dict()`` for JSON).
- :func:`parse_name` — one name in comparable form.
"""

from liaison.matching.evidence import Document
from liaison.matching.explain import (
    EvidenceItem,
    Explanation,
    NameExplanation,
    Outcome,
    PartAlignment,
)
from liaison.matching.names import EntityKind, Name, parse_name
from liaison.matching.score import (
    DEFAULT_THRESHOLD,
    Match,
    Prepared,
    Record,
    score,
    score_prepared,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "Document",
    "EntityKind",
    "EvidenceItem",
    "Explanation",
    "Match",
    "Name",
    "NameExplanation",
    "Outcome",
    "PartAlignment",
    "Prepared",
    "Record",
    "parse_name",
    "score",
    "score_prepared",
]
