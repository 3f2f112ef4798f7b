from __future__ import annotations

import pytest

from liaison.domain.cards import fingerprint_card, luhn_valid
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
