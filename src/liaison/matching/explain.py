"""Explanations as data: what aligned with what, which evidence agreed.

Whoever is entitled to a hit's details (the record's owner, or an agency it
released the record to, see docs/queries.md) sees exactly this structure, and the store
keeps it as JSON (``Explanation.to_dict()``), so every field is plain data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


def N_(message: str) -> str:
    """Mark English text for the Babel catalogue where it is defined (the pages
    translate it where they show it); this pure package knows no catalogue."""
    return message


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
    ``acronym``, ``reversed``, ``ending``, ``particle``, ``legal_form``,
    ``number`` or ``syllables`` (two different syllables of a Chinese,
    Korean or Japanese name: Zhou / Zou, Sato / Saito; a contradiction).
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PartAlignment:
        return cls(
            tuple(data["query"]), tuple(data["candidate"]), float(data["similarity"]), str(data["rule"])
        )


# What each alignment rule means, in plain words for the analyst (the hit page's
# glossary shows those of its hit; French in the catalogue). One line per rule: a
# new rule in the matcher adds its line here (a test checks that none is missing).
RULES: dict[str, str] = {
    "exact": N_("the same part, letter for letter"),
    "phonetic": N_("spelled differently but pronounced alike, once usual variant spellings are folded"),
    "nickname": N_("a usual short form of the other (Ted / Theodore)"),
    "skeleton": N_(
        "the same consonants: Arabic and Hebrew script usually leave short vowels out,"
        " so only the consonants can be compared"
    ),
    "vowels": N_("the same consonants with vowels written differently (Usama / Osama)"),
    "romanisation": N_("two ways of writing the same name in Latin letters (Korean Gim / Kim)"),
    "transposition": N_("two neighbouring letters swapped, a typing slip"),
    "spelling": N_("a few letters differ: a spelling variant or a typing slip"),
    "truncated": N_("one is the other cut short (a form or document field too short for the whole name)"),
    "initial": N_("an initial that is the first letter of the other"),
    "joined": N_("written as one word on one side and as several on the other (Abdul Rahman / Abdulrahman)"),
    "acronym": N_("the initials of the other's words"),
    "reversed": N_("the same letters in reverse order"),
    "ending": N_("the same name with a grammatical ending added (Lavrov / Lavrovs)"),
    "particle": N_("a name particle (bin, van, de) found on both sides"),
    "legal_form": N_("a company's legal form (Ltd, GmbH, SA)"),
    "number": N_("the same number"),
    "greek_digraph": N_("a Greek letter pair spelled another way in Latin letters (ΜΠ as B or Mp)"),
    "wade_giles": N_("a Chinese character written in the older Wade-Giles spelling (蔣 / Chiang)"),
    "hepburn": N_("one Japanese word in two romanisations (Ohno / Ono, Satou / Sato, shi / si)"),
    "morae": N_(
        "a name read from Japanese script compared sound by sound:"
        " one sound more or less is another name (Sato / Saito)"
    ),
    "transcription": N_(
        "a foreign name written in Arabic or Hebrew script, compared by its sounds"
        " (تشيت / Chet, ולנטינה / Valentina)"
    ),
    "loanword": N_(
        "a foreign name written in Korean letters, compared by its sounds"
        " (스미스 / Smith, 나카모리 / Nakamori)"
    ),
    "article": N_("the Arabic article written apart on one side and glued on the other (AL-SAYED / ELSAYED)"),
    "syllables": N_(
        "a Chinese, Korean or Japanese syllable differs: another name, not a spelling variant (Zhou / Zou)"
    ),
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
    # "same", "reversed" (every part agrees, in the other order: Chinese or
    # Hungarian order, SURNAME first) or "crossed" (a surname aligned with a
    # given name while the rest does not agree: the page flags it).
    order: str = "same"
    # The languages (``zh``, ``ko``) whose syllables the names are made of:
    # their parts are syllables of a small inventory, not whole names, when
    # weighing how rare the agreement is (see compare.agreement_bits).
    syllabic: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "query_name": self.query_name,
            "candidate_name": self.candidate_name,
            "score": round(self.score, 3),
            "aligned": [part.to_dict() for part in self.aligned],
            "query_only": list(self.query_only),
            "candidate_only": list(self.candidate_only),
            "conflicting_parts": round(self.conflicting_parts, 2),
            "order": self.order,
            "syllabic": list(self.syllabic),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NameExplanation:
        return cls(
            query_name=str(data["query_name"]),
            candidate_name=str(data["candidate_name"]),
            score=float(data["score"]),
            aligned=tuple(PartAlignment.from_dict(part) for part in data["aligned"]),
            query_only=tuple(data["query_only"]),
            candidate_only=tuple(data["candidate_only"]),
            conflicting_parts=float(data["conflicting_parts"]),
            order=str(data.get("order", "same")),
            syllabic=tuple(str(x) for x in data.get("syllabic", ())),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EvidenceItem:
        return cls(
            str(data["attribute"]),
            Outcome(data["outcome"]),
            data.get("query_value"),
            data.get("candidate_value"),
            str(data.get("detail", "")),
            float(data.get("adjustment", 0.0)),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Explanation:
        """Read back what ``to_dict`` stored (keys added beside it are ignored);
        KeyError or ValueError when the data is not such an explanation."""
        return cls(
            name=NameExplanation.from_dict(data["name"]),
            evidence=tuple(EvidenceItem.from_dict(item) for item in data.get("evidence", ())),
            name_score=float(data.get("name_score", 0.0)),
            score=float(data["score"]),
        )

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
