from __future__ import annotations

import pytest

from liaison.domain.cards import (
    card_digits_to_mask,
    fingerprint_card,
    luhn_valid,
    mask_card_numbers_in_text,
)
from liaison.domain.errors import InvalidInput

KEY = b"installation-secret-for-tests"


def test_fingerprint_keeps_only_bin_last_four_and_keyed_hash() -> None:
    fingerprint = fingerprint_card("4111 1111 1111 1111", KEY)
    assert fingerprint.bin == "411111"
    assert fingerprint.last_four == "1111"
    assert "4111111111111111" not in fingerprint.card_hash
    assert fingerprint.masked == "411111XXXXXX1111"


def test_same_card_same_hash_whatever_the_spacing() -> None:
    assert fingerprint_card("4111-1111-1111-1111", KEY) == fingerprint_card("4111111111111111", KEY)


def test_hash_depends_on_the_installation_key() -> None:
    assert fingerprint_card("4111111111111111", KEY) != fingerprint_card("4111111111111111", b"other")


def test_luhn() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")


@pytest.mark.parametrize(("number", "reason"), [("4111111111111112", "Luhn"), ("41111", "12 to 19 digits")])
def test_bad_numbers_are_refused_with_the_reason(number: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        fingerprint_card(number, KEY)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("card 4111111111111111 used 2 times", "card 411111XXXXXX1111 used 2 times"),
        ("4111 1111 1111 1111", "4111 11XX XXXX 1111"),
        ("4111-1111-1111-1111.", "4111-11XX-XXXX-1111."),
        ("4111.1111.1111.1111", "4111.11XX.XXXX.1111"),
        ("paid with 41111111\n11111111 at the desk", "paid with 411111XX\nXXXX1111 at the desk"),
        ("amex 3782 822463 10005, expires 12/28", "amex 3782 82XXXX X0005, expires 12/28"),
        ("4111111111111111+4012888888881881", "411111XXXXXX1111+401288XXXXXX1881"),
        ("ref 12 4111111111111111 7", "ref 12 411111XXXXXX1111 7"),
        ("４１１１１１１１１１１１１１１１", "４１１１１１XXXXXX１１１１"),
    ],
)
def test_card_numbers_in_free_text_keep_bin_and_last_four(text: str, masked: str) -> None:
    assert mask_card_numbers_in_text(text) == masked
    assert mask_card_numbers_in_text(masked) == masked


@pytest.mark.parametrize(
    "text",
    [
        "ticket 0571234567890, total 2957.94 GBP on 20261207144600",
        "card 4111111111111112 (fails the check digit)",
        "phone +33 1 23 45 67 89",
        "a 20-digit reference 41111111111111111111",
        "411111XXXXXX1111 is already masked",
        "",
    ],
)
def test_text_without_a_card_number_is_left_exactly(text: str) -> None:
    assert mask_card_numbers_in_text(text) == text


def test_overlapping_numbers_mask_more_not_less() -> None:
    groups = ["4111", "1111", "1111", "1111", "0"]
    masked = card_digits_to_mask(groups)
    assert set(range(6, 12)) <= masked
