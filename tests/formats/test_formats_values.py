"""Small value rules: card masking, IATA e-mail encoding, titles, dates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import decode_iata_email, encode_iata_email, mask_card_number
from liaison.formats.values import ddmmmyy, gender, seat_number, split_title


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("4111111111111111", "411111XXXXXX1111"),
        ("4111 1111 1111 1111", "411111XXXXXX1111"),
        ("XXXXXXXX1186", "XXXXXXXX1186"),
        ("370266XXXXX6916", "370266XXXXX6916"),
        ("37026612345916", "370266XXXX5916"),
        ("12345678", "XXXX5678"),
    ],
)
def test_card_numbers_keep_at_most_bin_and_last_four(number: str, masked: str) -> None:
    assert mask_card_number(number) == masked


@given(st.text("0123456789", min_size=12, max_size=19))
def test_masking_never_shows_the_middle_digits(pan: str) -> None:
    masked = mask_card_number(pan)
    assert masked[:6] == pan[:6]
    assert masked[-4:] == pan[-4:]
    assert set(masked[6:-4]) <= {"X"}
    assert mask_card_number(masked) == masked


def test_iata_email_encoding() -> None:
    assert decode_iata_email("LUCY..SLOCOMBE//GMAIL.COM") == "LUCY_SLOCOMBE@GMAIL.COM"
    assert decode_iata_email("A./B//X.ORG") == "A-B@X.ORG"
    assert encode_iata_email("A-B_C@X.ORG") == "A./B..C//X.ORG"


@pytest.mark.parametrize(
    ("raw", "given", "title"),
    [
        ("JOHNMR", "JOHN", "MR"),
        ("LORELEIMRS", "LORELEI", "MRS"),
        ("ISABELLE MRS", "ISABELLE", "MRS"),
        ("KONG CHUN MRS", "KONG CHUN", "MRS"),
        ("PETER", "PETER", None),
        ("MR", None, "MR"),
        ("", None, None),
    ],
)
def test_titles(raw: str, given: str | None, title: str | None) -> None:
    name = split_title(raw)
    assert (name.given, name.title) == (given, title)


def test_docs_dates_and_genders() -> None:
    assert ddmmmyy("12JUL64", 2010, past=True) == PartialDate(1964, 7, 12)
    assert ddmmmyy("12JUL08", 2010, past=True) == PartialDate(2008, 7, 12)
    assert ddmmmyy("23AUG19", 2010, past=False) == PartialDate(2019, 8, 23)
    assert ddmmmyy("JUL64", 2010, past=True) == PartialDate(1964, 7)
    with pytest.raises(ValueError, match="DDMMMYY"):
        ddmmmyy("1964-07-12", 2010, past=True)
    assert gender("FI") == (Gender.FEMALE, True)
    assert gender("M") == (Gender.MALE, False)
    with pytest.raises(ValueError, match="gender"):
        gender("Q")
    assert seat_number("039G") == "39G"
    assert seat_number("XXX") is None
