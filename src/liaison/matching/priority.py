"""Which hits an analyst should read first: a grade from the explanation alone.

Most automated hits on a large register are namesakes. A hit on a common name
with nothing else agreeing (``John Smith``, no birth date) is the likeliest
namesake of all; a hit whose document number agrees is the likeliest true
one. The score mixes name similarity and evidence into one number and cannot
say which of the two an 0.85 is, so the review queue sorts by this grade
first and by score within it.

The grade reads only what the explanation shows the analyst, so its reason
can be checked against the alignment and evidence tables on the hit page:

1. ``document``: a document number agrees (exactly or up to OCR confusions);
2. ``corroborated``: a rare name with a birth date, birth year or place of
   birth that agrees, or any name with a full birth date that agrees (or
   differs by a likely slip: one digit, day and month swapped) or the same
   document number issued by another country;
3. ``rare_name``: a rare name, nothing else agrees;
4. ``common_name``: a common name (or only initials), nothing else agrees
   beyond a birth year or place that thousands share.

Rare and common follow :func:`liaison.matching.frequency.commonness` of the
agreeing full parts (below ``COMMON_FROM``: rare). Gender and nationality
never corroborate: millions share them. A birth date that contradicts keeps
a year or place from corroborating a rare name (the reason says the date
differs); the score already ranks such hits lower within their grade.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from liaison.matching.compare import agreement_bits
from liaison.matching.evidence import parse_loose_date
from liaison.matching.explain import N_, EvidenceItem, Explanation, Outcome
from liaison.matching.frequency import commonness

# The commonness from which an agreeing name counts as common (the evidence
# stage says "common name" of a contradicting date from the same point).
COMMON_FROM = 0.5


class Priority(IntEnum):
    """The grade of a hit, 1 the most urgent; ``code`` is stable (API, filters)."""

    DOCUMENT = 1
    CORROBORATED = 2
    RARE_NAME = 3
    COMMON_NAME = 4

    @property
    def code(self) -> str:
        return self.name.lower()

    @property
    def label(self) -> str:
        return LABELS[self]

    @classmethod
    def of_code(cls, code: str) -> Priority:
        """The grade of a stable code; ValueError for an unknown one."""
        for member in cls:
            if member.code == code:
                return member
        raise ValueError(f"not a priority: {code!r} (one of {', '.join(m.code for m in cls)})")


LABELS: dict[Priority, str] = {
    Priority.DOCUMENT: N_("Document agrees"),
    Priority.CORROBORATED: N_("Corroborated"),
    Priority.RARE_NAME: N_("Rare name only"),
    Priority.COMMON_NAME: N_("Common name only"),
}

# Every reason a grade can give, as whole sentences (translated whole).
DOCUMENT_AGREES = N_("document number agrees")
DOCUMENT_OCR = N_("document number agrees up to OCR confusions")
RARE_DATE = N_("rare name, birth date agrees")
RARE_NEAR_DATE = N_("rare name, birth date agrees but for a likely slip")
RARE_YEAR = N_("rare name, birth year agrees")
RARE_PLACE = N_("rare name, place of birth agrees")
RARE_OTHER_COUNTRY = N_("rare name, same document number from another issuing country")
COMMON_DATE = N_("common name, full birth date agrees")
COMMON_NEAR_DATE = N_("common name, full birth date agrees but for a likely slip")
COMMON_OTHER_COUNTRY = N_("common name, same document number from another issuing country")
RARE_ONLY = N_("rare name, nothing else agrees")
RARE_DATE_DIFFERS = N_("rare name, birth date differs")
COMMON_ONLY = N_("common name, nothing else agrees")
COMMON_YEAR = N_("common name, only the birth year agrees")
COMMON_PLACE = N_("common name, only the place of birth agrees")
COMMON_DATE_DIFFERS = N_("common name, birth date differs")
REASONS = (
    DOCUMENT_AGREES, DOCUMENT_OCR,
    RARE_DATE, RARE_NEAR_DATE, RARE_YEAR, RARE_PLACE, RARE_OTHER_COUNTRY,
    COMMON_DATE, COMMON_NEAR_DATE, COMMON_OTHER_COUNTRY,
    RARE_ONLY, RARE_DATE_DIFFERS, COMMON_ONLY, COMMON_YEAR, COMMON_PLACE, COMMON_DATE_DIFFERS,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Assessment:
    """A hit's grade and the reason the page shows beside it (English; the
    sentence is one of ``REASONS``, so pages translate it whole)."""

    priority: Priority
    reason: str


def hit_priority(explanation: Explanation) -> Priority:
    return assess(explanation).priority


def is_rare(explanation: Explanation) -> bool:
    """Whether the agreeing full parts make a rare name; with none agreeing
    (initials only) the name says nothing and counts as common."""
    bits = agreement_bits(explanation.name.aligned, explanation.name.syllabic)
    if bits <= 0:
        return False
    return commonness(bits) < COMMON_FROM


def _full_dates(item: EvidenceItem) -> bool:
    """Both recorded dates have a month and a day (the item keeps the pair compared)."""
    query, candidate = parse_loose_date(item.query_value), parse_loose_date(item.candidate_value)
    return query is not None and candidate is not None and query.is_full and candidate.is_full


def assess(explanation: Explanation) -> Assessment:
    """Grade one hit (see the module's docstring for the levels)."""
    found = {item.attribute: item for item in explanation.evidence}
    document = found.get("document")
    if document is not None and document.outcome is Outcome.AGREE:
        ocr = "ocr" in document.detail.lower()
        return Assessment(Priority.DOCUMENT, DOCUMENT_OCR if ocr else DOCUMENT_AGREES)
    rare = is_rare(explanation)
    date = found.get("birth_date")
    date_agrees = date is not None and date.outcome is Outcome.AGREE
    # A positive partial agreement: a likely slip on full dates, or the same year
    # where one side gives only the year; a negative one is a different day.
    date_near = date is not None and date.outcome is Outcome.PARTIAL and date.adjustment > 0
    # A 1 January date (a register's stand-in for "year only") or the same birthday years apart is compared
    # as years ("same year…"): that is no full date nearly agreeing.
    full_near = (
        date_near and date is not None and _full_dates(date) and not date.detail.startswith("same year")
    )
    year_only = date_near and not full_near
    date_differs = date is not None and (
        date.outcome is Outcome.DISAGREE or (date.outcome is Outcome.PARTIAL and date.adjustment < 0)
    )
    place = found.get("place_of_birth")
    place_agrees = place is not None and place.outcome is Outcome.AGREE
    other_country = document is not None and document.outcome is Outcome.PARTIAL and document.adjustment > 0
    if rare:
        if date_agrees:
            return Assessment(Priority.CORROBORATED, RARE_DATE)
        if full_near:
            return Assessment(Priority.CORROBORATED, RARE_NEAR_DATE)
        if other_country:
            return Assessment(Priority.CORROBORATED, RARE_OTHER_COUNTRY)
        if date_differs:
            return Assessment(Priority.RARE_NAME, RARE_DATE_DIFFERS)
        if year_only:
            return Assessment(Priority.CORROBORATED, RARE_YEAR)
        if place_agrees:
            return Assessment(Priority.CORROBORATED, RARE_PLACE)
        return Assessment(Priority.RARE_NAME, RARE_ONLY)
    if date_agrees:
        return Assessment(Priority.CORROBORATED, COMMON_DATE)
    if full_near:
        return Assessment(Priority.CORROBORATED, COMMON_NEAR_DATE)
    if other_country:
        return Assessment(Priority.CORROBORATED, COMMON_OTHER_COUNTRY)
    if date_differs:
        return Assessment(Priority.COMMON_NAME, COMMON_DATE_DIFFERS)
    if year_only:
        return Assessment(Priority.COMMON_NAME, COMMON_YEAR)
    if place_agrees:
        return Assessment(Priority.COMMON_NAME, COMMON_PLACE)
    return Assessment(Priority.COMMON_NAME, COMMON_ONLY)


def assess_stored(explanation: Mapping[str, Any]) -> Assessment | None:
    """Grade a hit from its stored explanation: a person match as
    :func:`assess` does, a travel document matched on its number (``kind``
    ``document``) as a document agreeing; None for hits that grade nothing
    about identity (a risk rule, a payment card) or data that is not an
    explanation (a row older than these explanations)."""
    kind = explanation.get("kind")
    if kind == "document":
        return Assessment(Priority.DOCUMENT, DOCUMENT_AGREES)
    if kind not in (None, "person") or "name" not in explanation:
        return None
    try:
        parsed = Explanation.from_dict(explanation)
    except (KeyError, TypeError, ValueError):
        return None
    return assess(parsed)
