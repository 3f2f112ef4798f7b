"""Payment card numbers reduced to what may be stored: a keyed hash, BIN and last four.

The clear number is used only to compute these and is never kept, so a leaked
database reveals no card. The hash is keyed with the installation secret so it
cannot be reversed by hashing every possible number.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
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


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_valid(digits: str) -> bool:
    """The check digit of ISO/IEC 7812 (every second digit from the right doubled)."""
    total = sum(int(char) for char in digits[-1::-2])
    total += sum(_DOUBLED[int(char)] for char in digits[-2::-2])
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


# --- card numbers in text --------------------------------------------------------

CARD_DIGITS = range(13, 20)
"""How many digits a card number written in text has (ISO/IEC 7812 numbers in use)."""
MASK = "X"

# Digits written apart by blanks, dots, dashes or line breaks still make one number.
_RUN = re.compile(r"\d(?:[\s.\-\u2010-\u2015]{0,8}\d){12,}")
_GROUP = re.compile(r"\d+")


def card_digits_to_mask(groups: Sequence[str]) -> set[int]:
    """Positions (in the joined digits) to mask in a run of digit groups written apart.

    Any consecutive groups holding 13 to 19 digits that pass the Luhn check are a
    card number: all but its first six and last four digits are masked. Where two
    such numbers overlap, every digit either would mask is masked (more, not less).
    A group of more than 19 digits on its own is no card number as written."""
    starts: list[int] = []
    total = 0
    for group in groups:
        starts.append(total)
        total += len(group)
    masked: set[int] = set()
    for first in range(len(groups)):
        length = 0
        for last in range(first, len(groups)):
            length += len(groups[last])
            if length > CARD_DIGITS.stop - 1:
                break
            if length in CARD_DIGITS and luhn_valid("".join(groups[first : last + 1])):
                begin = starts[first]
                masked.update(range(begin + 6, begin + length - 4))
    return masked


def mask_card_numbers_in_text(text: str) -> str:
    """The text with every card number in it masked to its BIN and last four digits.

    Free text (reasons, remarks, messages) is written by people, who paste card
    numbers as they see them: ``4111 1111 1111 1111``, with dots or dashes, or
    broken over two lines. Digit runs that are no card number (amounts, dates,
    references failing the Luhn check) are left exactly as they were."""
    if len(text) < CARD_DIGITS.start:
        return text
    return _RUN.sub(_mask_run, text)


def _mask_run(match: re.Match[str]) -> str:
    run = match.group(0)
    groups = [(m.start(), m.group(0)) for m in _GROUP.finditer(run)]
    masked = card_digits_to_mask([digits for _, digits in groups])
    if not masked:
        return run
    chars = list(run)
    index = 0
    for start, digits in groups:
        for offset in range(len(digits)):
            if index in masked:
                chars[start + offset] = MASK
            index += 1
    return "".join(chars)
