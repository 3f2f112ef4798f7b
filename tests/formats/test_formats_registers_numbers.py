"""Document numbers with a label in front: the label is the type, the number stays clean."""

from __future__ import annotations

import pytest

from liaison.domain.documents import document_number_key
from liaison.formats.document_numbers import split_document_number


@pytest.mark.parametrize(
    ("text", "number", "label"),
    [
        ("TIN: 183111242572", "183111242572", "TIN"),
        ("Passport No. AB123", "AB123", "Passport"),
        ("INN 7707083893", "7707083893", "INN"),
        ("National ID 12345", "12345", "National ID"),
        ("ID No: 5555", "5555", "ID"),
        ("Passport #X99", "X99", "Passport"),
        ("passport number 123", "123", "passport"),
        ("Registration Number (OGRN): 1027700132195", "1027700132195", "Registration Number (OGRN)"),
        ("Reisepass Nr. C01X00T47", "C01X00T47", "Reisepass"),
        ("Passport AB 12345", "AB 12345", "Passport"),
        ("No. 123", "123", None),
    ],
)
def test_a_leading_label_becomes_the_type(text: str, number: str, label: str | None) -> None:
    split = split_document_number(text)
    assert (split.number, split.label) == (number, label)


@pytest.mark.parametrize(
    "text", ["AB 123456", "E1234567", "09AB12345", "ABC 123", "12345", "Nationality ABC"]
)
def test_numbers_without_a_label_stay_as_they_are(text: str) -> None:
    assert split_document_number(text).number == text
    assert split_document_number(text).label is None


def test_the_clean_number_compares_as_the_bare_number() -> None:
    assert document_number_key(split_document_number("TIN: 183111242572").number) == "183111242572"
    assert split_document_number("Passport No. AB123").names_a_passport
    assert not split_document_number("TIN: 1").names_a_passport
