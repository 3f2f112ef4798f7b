"""Document numbers with a label in front: the label is the type, the number stays clean."""

from __future__ import annotations

import pytest

from liaison.domain.documents import document_number_key
from liaison.formats.document_numbers import LabelledNumber, split_document_number


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
        ("Iraqi passport 12345", "12345", "Iraqi passport"),
        ("I.D. 123", "123", "I.D."),
        ("Driver's licence D1234-56789", "D1234-56789", "Driver's licence"),
        ("Residence permit RP 123456", "RP 123456", "Residence permit"),
        ("Social Security 123-45-6789", "123-45-6789", "Social Security"),
        ("Visa 1234", "1234", "Visa"),
        ("Carte nationale d'identité 080123456789", "080123456789", "Carte nationale d'identité"),
        ("Permis de conduire 12AB34567", "12AB34567", "Permis de conduire"),
        ("Titre de séjour 1234567890", "1234567890", "Titre de séjour"),
        ("Numéro fiscal 1234567890123", "1234567890123", "Numéro fiscal"),
        ("Passeport numéro 123", "123", "Passeport"),
    ],
)
def test_a_leading_label_becomes_the_type(text: str, number: str, label: str | None) -> None:
    split = split_document_number(text)
    assert (split.number, split.label) == (number, label)


@pytest.mark.parametrize(
    "text",
    [
        *("AB 123456", "E1234567", "09AB12345", "ABC 123", "12345", "Nationality ABC"),
        *("ABCD 123456", "CZECH 1234", "Libya 203037", "Bureau 77 123", "12345678 Z"),
    ],
)
def test_numbers_without_a_label_stay_as_they_are(text: str) -> None:
    assert split_document_number(text).number == text
    assert split_document_number(text).label is None


def test_the_clean_number_compares_as_the_bare_number() -> None:
    assert document_number_key(split_document_number("TIN: 183111242572").number) == "183111242572"
    assert split_document_number("Passport No. AB123").names_a_passport
    assert not split_document_number("TIN: 1").names_a_passport


@pytest.mark.parametrize(
    ("text", "number", "label", "note"),
    [
        ("Passport 12345 issued in Iraq on 2002", "12345", "Passport", "issued in Iraq on 2002"),
        ("Passport AB 12345 valid until 2020", "AB 12345", "Passport", "valid until 2020"),
        ("Passeport n° 12AB34567 délivré à Paris", "12AB34567", "Passeport", "délivré à Paris"),
        ("TIN: 183111242572 (expired)", "183111242572", "TIN", "(expired)"),
        ("A1234567, issued on 12 May 2005", "A1234567", None, "issued on 12 May 2005"),
        ("No. 123 expired", "123", None, "expired"),
    ],
)
def test_words_after_the_number_are_its_note(text: str, number: str, label: str | None, note: str) -> None:
    assert split_document_number(text) == LabelledNumber(number, label, note)
