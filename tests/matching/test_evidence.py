from __future__ import annotations

import json

from liaison.domain.dates import PartialDate
from liaison.matching import Document, Outcome, Record, score
from liaison.matching.evidence import (
    compare_birth_dates,
    compare_documents,
    normalise_country,
    parse_loose_date,
)

NAME = "Magomed Abdurakhmanov"


def dates(*values: str) -> tuple:  # type: ignore[type-arg]
    return tuple(d for d in (parse_loose_date(v) for v in values) if d)


def test_dirty_dates_are_read_leniently() -> None:
    date = parse_loose_date("1969-7-16")
    assert date is not None
    assert (date.year, date.month, date.day) == (1969, 7, 16)
    bad_day = parse_loose_date("1974-01-32")
    assert bad_day is not None
    assert bad_day.day is None
    assert bad_day.month == 1
    assert parse_loose_date("unknown") is None
    assert parse_loose_date(PartialDate(1980, 5)) is not None


def test_exact_date_agrees() -> None:
    item = compare_birth_dates(dates("1980-05-17"), dates("1980-05-17"))
    assert item.outcome == Outcome.AGREE
    assert item.adjustment > 0


def test_year_only_agrees_partly() -> None:
    item = compare_birth_dates(dates("1980"), dates("1980-05-17"))
    assert item.outcome == Outcome.PARTIAL
    assert item.adjustment > 0


def test_day_and_month_swapped() -> None:
    item = compare_birth_dates(dates("1980-05-07"), dates("1980-07-05"))
    assert item.detail == "day and month swapped"


def test_one_digit_off() -> None:
    item = compare_birth_dates(dates("1988-01-06"), dates("1989-01-06"))
    assert item.detail == "one digit differs"
    assert item.adjustment > 0


def test_years_apart_disagree_in_proportion() -> None:
    near = compare_birth_dates(dates("1980-05-17"), dates("1982-03-01"))
    far = compare_birth_dates(dates("1980-05-17"), dates("1995-03-01"))
    assert near.outcome == far.outcome == Outcome.DISAGREE
    assert far.adjustment < near.adjustment < 0


def test_missing_date_is_not_contradiction() -> None:
    item = compare_birth_dates(dates("1980-05-17"), ())
    assert item.outcome == Outcome.MISSING
    assert item.adjustment == 0


def test_countries_are_normalised() -> None:
    assert normalise_country("Afghanistan") == normalise_country("af") == normalise_country("AFG")


def test_document_numbers_with_ocr_confusions() -> None:
    exact = compare_documents((Document("P1234567", country="DE"),), (Document("p 1234567"),))
    ocr = compare_documents((Document("PO12I4567"),), (Document("P01214567"),))
    other = compare_documents((Document("X9999999"),), (Document("P1234567"),))
    assert exact.outcome == Outcome.AGREE
    assert exact.detail == "same number"
    assert ocr.outcome == Outcome.AGREE
    assert "OCR" in ocr.detail
    assert other.outcome == Outcome.DISAGREE


def test_same_number_from_another_country_is_weaker() -> None:
    item = compare_documents((Document("P1234567", country="DE"),), (Document("P1234567", country="FR"),))
    assert item.outcome == Outcome.PARTIAL


def test_gender_contradiction_lowers_the_score() -> None:
    same = score(Record.of(NAME, gender="M"), Record.of(NAME, gender="male")).score
    other = score(Record.of(NAME, gender="M"), Record.of(NAME, gender="F")).score
    unknown = score(Record.of(NAME, gender="M"), Record.of(NAME)).score
    assert other < unknown <= same


def test_evidence_is_in_the_explanation_and_json_ready() -> None:
    match = score(
        Record.of(NAME, birth_date="1980-05-17", nationality="Russia", gender="M"),
        Record.of(NAME, birth_date="1980", nationality="ru"),
    )
    data = match.explanation.to_dict()
    json.dumps(data)  # plain data all the way down
    by_attribute = {e["attribute"]: e for e in data["evidence"]}
    assert by_attribute["birth_date"]["outcome"] == "partial"
    assert by_attribute["nationality"]["outcome"] == "agree"
    assert by_attribute["gender"]["outcome"] == "missing"
    assert data["score"] == round(match.score, 3)
