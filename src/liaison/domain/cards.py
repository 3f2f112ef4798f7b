"""Payment card numbers reduced to what may be stored: a keyed hash, BIN and last four.

The clear number is used only to compute these and is never kept, so a leaked
database reveals no card. The hash is keyed with the installation secret so it
cannot be reversed by hashing every possible number.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from liaison.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class CardFingerprint:
    card_hash: str
    bin: str
    last_four: str

    @property
    def masked(self) -> str:
        return f"{self.bin}{'X' * 6}{self.last_four}"


def normalise_card_number(number: str) -> str:
    digits = "".join(ch for ch in number if not ch.isspace() and ch != "-")
    if not digits.isdigit() or not 12 <= len(digits) <= 19:
        raise InvalidInput("card number: expected 12 to 19 digits")
    if not luhn_valid(digits):
        raise InvalidInput("card number: fails the Luhn check digit")
    return digits


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def fingerprint_card(number: str, key: bytes) -> CardFingerprint:
    digits = normalise_card_number(number)
    digest = hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()
    return CardFingerprint(card_hash=digest, bin=digits[:6], last_four=digits[-4:])


def _shown(masked: str | None) -> str:
    return "".join(ch for ch in (masked or "") if ch.isalnum())


def masked_card_bin(masked: str | None) -> str | None:
    """The BIN of a card number as airlines send it (masked or not), or None."""
    shown = _shown(masked)
    return shown[:6] if len(shown) >= 12 and shown[:6].isdigit() else None


def masked_card_parts(masked: str | None) -> tuple[str, str] | None:
    """BIN and last four of a card number as airlines send it, or None when it
    does not show both."""
    bin_, last = masked_card_bin(masked), _shown(masked)[-4:]
    return (bin_, last) if bin_ is not None and last.isdigit() else None
