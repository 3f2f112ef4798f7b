from __future__ import annotations

import json

import pytest

from liaison.domain.dates import PartialDate
from liaison.matching import Document, Outcome, Record, score
from liaison.matching.evidence import (
    DATE_CONTRADICTS,
    DATE_EXACT,
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
    assert item.detail == "one digit of the year differs"
    assert item.adjustment > 0


@pytest.mark.parametrize(
    ("left", "right", "detail"),
    [
        ("1980-05-17", "1980-05-18", "one digit of the day differs"),
        ("1980-05-17", "1980-05-27", "one digit of the day differs"),
        ("1980-05-12", "1980-05-21", "one digit of the day differs"),  # transposed
        ("1980-03-17", "1980-08-17", "one digit of the month differs"),
        ("1980-10-17", "1980-01-17", "one digit of the month differs"),  # transposed
        ("1980-05-07", "1980-07-05", "day and month swapped"),
        ("1983-04-15", "1982-04-15", "one digit of the year differs"),
        ("1978-05-10", "1978-05-09", "one day apart"),
        ("1980-02-29", "1980-03-01", "one day apart"),
    ],
)
def test_plausible_typing_slips_in_full_dates_add_a_little(left: str, right: str, detail: str) -> None:
    for a, b in ((left, right), (right, left)):
        item = compare_birth_dates(dates(a), dates(b), 2, commonness=1.0)
        assert item.outcome == Outcome.PARTIAL
        assert item.detail == detail
        assert 0 < item.adjustment < DATE_EXACT


@pytest.mark.parametrize(
    ("left", "right", "years"),
    [
        ("1980-05-17", "1980-11-02", 0),  # same year, other birthday
        ("1980-05-17", "1980-05-29", 0),  # two digits of the day
        ("1980-05-17", "1980-06-18", 0),  # one digit each of day and month
        ("1980-05-17", "1982-03-01", 2),
        ("1980-05-17", "1981-06-17", 1),
        ("1979-05-17", "1980-06-17", 1),  # one year, but not one digit
        ("1968-05-17", "1998-05-17", 30),  # one digit, thirty years
        ("1957-02-03", "1967-02-03", 10),  # one digit, another decade
        ("1980-05-17", "1995-03-01", 15),
    ],
)
def test_different_full_dates_are_another_person(left: str, right: str, years: int) -> None:
    rare = compare_birth_dates(dates(left), dates(right), 3, commonness=0.0)
    common = compare_birth_dates(dates(left), dates(right), 3, commonness=1.0)
    assert rare.outcome == common.outcome == Outcome.DISAGREE
    assert common.adjustment < rare.adjustment <= DATE_CONTRADICTS
    assert "common name" in common.detail
    assert "common name" not in rare.detail
    assert ("same year" in rare.detail) if years == 0 else (f"{years} year" in rare.detail)


def test_another_full_birth_date_excludes_a_two_part_or_common_name() -> None:
    for name in ("Okonkwo Zbigniewska", "John Michael Smith"):
        traveller = Record.of(name, birth_date="1968-05-17", gender="M", place_of_birth="Lagos")
        listed = Record.of(name, birth_date="1998-05-17", gender="M", place_of_birth="Lagos")
        assert not score(traveller, listed).is_match, name
        # An agreeing document makes the hit all the same.
        passport = (Document("A1234567", country="NG"),)
        with_document = Record(
            names=(name,), birth_dates=("1968-05-17",), documents=passport, nationalities=("ng",)
        )
        listed_document = Record(
            names=(name,), birth_dates=("1998-05-17",), documents=passport, nationalities=("ng",)
        )
        assert score(with_document, listed_document).is_match, name


def test_a_long_name_too_rare_for_a_namesake_keeps_a_low_hit_despite_another_date() -> None:
    name = "Okonkwo Zbigniewska Tharparkar"
    match = score(Record.of(name, birth_date="1968-05-17"), Record.of(name, birth_date="1998-05-17"))
    assert match.is_match
    assert match.score < 0.8
    item = match.explanation.evidence[0]
    assert item.outcome == Outcome.DISAGREE
    assert "too rare for a namesake" in item.detail
    # The fewer namesakes expected, the milder; one expected namesake or
    # fewer than three parts: the full penalty.
    a, b = dates("1968-05-17"), dates("1998-05-17")
    eased = [
        compare_birth_dates(a, b, 3, 0.0, namesakes).adjustment for namesakes in (0.0, -2.0, -5.0, -20.0)
    ]
    assert eased[0] == DATE_CONTRADICTS < eased[1] < eased[2] == eased[3] < 0
    assert compare_birth_dates(a, b, 2, 0.0, -20.0).adjustment == DATE_CONTRADICTS
    assert compare_birth_dates(a, b, 4, 0.0, -20.0).adjustment > eased[3]


def test_a_typing_slip_in_a_full_date_keeps_the_hit() -> None:
    name = "Okonkwo Zbigniewska"
    assert score(Record.of(name, birth_date="1983-04-15"), Record.of(name, birth_date="1982-04-15")).is_match
    assert score(Record.of(name, birth_date="1983-04-15"), Record.of(name, birth_date="1983-04-16")).is_match


def test_placeholder_first_of_january_and_a_wrong_year_are_weighed_as_years() -> None:
    # 1 January stands for "year known only" in many registers.
    placeholder = compare_birth_dates(dates("1966-01-01"), dates("1966-08-28"), 2)
    assert placeholder.detail == "same year, one side less precise"
    assert placeholder.adjustment > 0
    near = compare_birth_dates(dates("1980-01-01"), dates("1983-10-01"), 2)
    assert DATE_CONTRADICTS < near.adjustment < 0
    # The same birthday a year or a few off: the year recorded wrongly.
    wrong_year = compare_birth_dates(dates("1970-11-07"), dates("1969-11-07"), 2)
    assert wrong_year.detail == "1 year apart"
    assert DATE_CONTRADICTS < wrong_year.adjustment < 0
    # Not thirty years off, even differing in one digit.
    assert compare_birth_dates(dates("1968-11-07"), dates("1998-11-07"), 2).adjustment <= DATE_CONTRADICTS


def test_year_only_dates_stay_approximate() -> None:
    # Registers write year-only dates "circa": a few years off is a small penalty.
    near = compare_birth_dates(dates("1971"), dates("1973-06-01"), 3)
    assert near.outcome == Outcome.DISAGREE
    assert DATE_CONTRADICTS < near.adjustment < 0
    assert compare_birth_dates(dates("1971"), dates("1974"), 3).adjustment > DATE_CONTRADICTS


def test_year_only_on_both_sides_is_the_same_year() -> None:
    item = compare_birth_dates(dates("1980"), dates("1980"))
    assert item.outcome == Outcome.PARTIAL
    assert item.detail == "same year"
    finer = compare_birth_dates(dates("1980"), dates("1980-05-17"))
    assert finer.detail == "same year, one side less precise"


def test_missing_date_is_not_contradiction() -> None:
    item = compare_birth_dates(dates("1980-05-17"), ())
    assert item.outcome == Outcome.MISSING
    assert item.adjustment == 0
    assert item.detail == "not known on one side"
    assert item.query_value == "1980-05-17"
    other = compare_birth_dates((), dates("1975"))
    assert other.detail == "not known on one side"
    assert other.candidate_value == "1975"
    neither = compare_birth_dates((), ())
    assert neither.detail == "not known on either side"
    assert neither.adjustment == 0


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
