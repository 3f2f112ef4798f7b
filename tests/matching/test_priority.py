"""Hit priority: each grade, its reason, and the boundaries between them."""

from __future__ import annotations

import json

import pytest

from liaison.matching import Document, Record, score
from liaison.matching import priority as priority_module
from liaison.matching.explain import Explanation
from liaison.matching.priority import (
    COMMON_FROM,
    REASONS,
    Assessment,
    Priority,
    assess,
    assess_stored,
    hit_priority,
)

COMMON = "John Smith"
RARE = "Xelvorin Quadrabeth"  # invented: no one's name in any frequency list


def explained(
    name: str = RARE,
    other: str | None = None,
    *,
    born: tuple[str, ...] = (),
    record_born: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    record_places: tuple[str, ...] = (),
    documents: tuple[Document, ...] = (),
    record_documents: tuple[Document, ...] = (),
) -> Explanation:
    query = Record(names=(name,), birth_dates=born, places_of_birth=places, documents=documents)
    candidate = Record(
        names=(other or name,),
        birth_dates=record_born,
        places_of_birth=record_places,
        documents=record_documents,
    )
    return score(query, candidate).explanation


def test_codes_are_stable_and_ordered_most_urgent_first() -> None:
    assert [p.code for p in sorted(Priority)] == ["document", "corroborated", "rare_name", "common_name"]
    assert Priority.of_code("rare_name") is Priority.RARE_NAME
    assert all(p.label for p in Priority)
    with pytest.raises(ValueError, match="not a priority"):
        Priority.of_code("urgent")


def test_a_document_number_that_agrees_comes_first_whatever_the_name() -> None:
    passport = (Document("X1234567", "P", "FR"),)
    exact = assess(explained(COMMON, documents=passport, record_documents=passport))
    assert exact == Assessment(Priority.DOCUMENT, "document number agrees")
    ocr = assess(explained(COMMON, documents=passport, record_documents=(Document("XI234567", "P", "FR"),)))
    assert ocr == Assessment(Priority.DOCUMENT, "document number agrees up to OCR confusions")


def test_a_different_document_number_is_no_document_agreement() -> None:
    found = assess(
        explained(RARE, documents=(Document("X1234567"),), record_documents=(Document("Y7654321"),))
    )
    assert found == Assessment(Priority.RARE_NAME, "rare name, nothing else agrees")


def test_the_same_number_from_another_country_corroborates() -> None:
    found = assess(
        explained(
            COMMON,
            documents=(Document("X1234567", "P", "FR"),),
            record_documents=(Document("X1234567", "P", "DE"),),
        )
    )
    assert found.priority is Priority.CORROBORATED
    assert "another issuing country" in found.reason


def test_a_rare_name_with_its_birth_date_is_corroborated() -> None:
    found = assess(explained(born=("1971-03-09",), record_born=("1971-03-09",)))
    assert found == Assessment(Priority.CORROBORATED, "rare name, birth date agrees")
    slip = assess(explained(born=("1971-03-09",), record_born=("1971-09-03",)))
    assert slip == Assessment(Priority.CORROBORATED, "rare name, birth date agrees but for a likely slip")


def test_a_rare_name_with_its_birth_year_or_place_is_corroborated() -> None:
    year = assess(explained(born=("1971",), record_born=("1971-03-09",)))
    assert year == Assessment(Priority.CORROBORATED, "rare name, birth year agrees")
    place = assess(explained(places=("Kandahar",), record_places=("Kandahar, Afghanistan",)))
    assert place == Assessment(Priority.CORROBORATED, "rare name, place of birth agrees")


def test_a_rare_name_alone_or_with_a_contradicting_date() -> None:
    assert assess(explained()) == Assessment(Priority.RARE_NAME, "rare name, nothing else agrees")
    differs = assess(
        explained(
            born=("1971-03-09",),
            record_born=("1974-11-20",),
            places=("Kandahar",),
            record_places=("Kandahar",),
        )
    )
    # The place agrees, but the date says another person as loudly: not corroborated.
    assert differs == Assessment(Priority.RARE_NAME, "rare name, birth date differs")


def test_a_common_name_needs_a_full_birth_date_to_be_corroborated() -> None:
    full = assess(explained(COMMON, born=("1971-03-09",), record_born=("1971-03-09",)))
    assert full == Assessment(Priority.CORROBORATED, "common name, full birth date agrees")
    slip = assess(explained(COMMON, born=("1971-03-09",), record_born=("1971-03-08",)))
    assert slip.priority is Priority.CORROBORATED
    year = assess(explained(COMMON, born=("1971",), record_born=("1971-03-09",)))
    assert year == Assessment(Priority.COMMON_NAME, "common name, only the birth year agrees")
    place = assess(explained(COMMON, places=("Leeds",), record_places=("Leeds",)))
    assert place == Assessment(Priority.COMMON_NAME, "common name, only the place of birth agrees")


def test_a_common_name_alone_comes_last() -> None:
    assert assess(explained(COMMON, "Jon Smith")) == Assessment(
        Priority.COMMON_NAME, "common name, nothing else agrees"
    )
    differs = assess(explained(COMMON, born=("1971-03-09",), record_born=("1971-05-21",)))
    assert differs == Assessment(Priority.COMMON_NAME, "common name, birth date differs")


def test_gender_and_nationality_never_corroborate() -> None:
    query = Record(names=(RARE,), gender="M", nationalities=("FR",))
    found = assess(score(query, query).explanation)
    assert found.priority is Priority.RARE_NAME


def test_initials_alone_count_as_a_common_name() -> None:
    found = assess(explained("X. Q.", "X. Q."))
    assert found.priority is Priority.COMMON_NAME


@pytest.mark.parametrize(
    ("commonness", "expected"),
    [
        (COMMON_FROM - 0.01, Priority.RARE_NAME),
        (COMMON_FROM, Priority.COMMON_NAME),
        (0.0, Priority.RARE_NAME),
        (1.0, Priority.COMMON_NAME),
    ],
)
def test_rare_and_common_part_at_common_from(
    monkeypatch: pytest.MonkeyPatch, commonness: float, expected: Priority
) -> None:
    monkeypatch.setattr(priority_module, "commonness", lambda bits: commonness)
    assert hit_priority(explained()) is expected


def test_every_reason_is_one_of_the_catalogued_sentences() -> None:
    cases = [
        explained(),
        explained(COMMON),
        explained(born=("1971-03-09",), record_born=("1971-03-09",)),
        explained(COMMON, born=("1971",), record_born=("1980",)),
    ]
    assert {assess(case).reason for case in cases} <= set(REASONS)
    assert len(set(REASONS)) == len(REASONS)


def test_a_stored_explanation_grades_as_the_live_one() -> None:
    live = explained(born=("1971-03-09",), record_born=("1971-03-09",))
    stored = json.loads(json.dumps({"kind": "person", "rule": "register person matched", **live.to_dict()}))
    assert Explanation.from_dict(stored).to_dict() == live.to_dict()
    assert assess_stored(stored) == assess(live)


def test_stored_hits_that_grade_no_identity() -> None:
    assert assess_stored({"kind": "document", "rule": "travel document reported stolen", "score": 1.0}) == (
        Assessment(Priority.DOCUMENT, "document number agrees")
    )
    assert assess_stored({"kind": "rule", "rule": "cash on a long route", "score": 1.0}) is None
    assert assess_stored({"kind": "card", "score": 0.75}) is None
    assert assess_stored({"kind": "person", "name": {"query_name": "x"}}) is None
    assert assess_stored({}) is None
