"""Card numbers masked in a raw message before it is stored.

Airlines should send forms of payment masked, and some do not. The raw
message is kept as received so that nothing is lost, with one exception:
a card number in a form of payment (EDIFACT ``FOP`` segments, PNRGOV XML
``AccountNbr`` attributes) keeps only its BIN and last four digits, as the
readers do, before anything is written. Only digit runs of card length that
pass the Luhn check are touched, so amounts and dates stay as they were.
"""

from __future__ import annotations

import re

from liaison.domain.cards import luhn_valid

_FOP = re.compile(rb"FOP\+(?:[^'?]|\?.)*'")
_ACCOUNT = re.compile(rb'(AccountNbr\s*=\s*")([^"]*)(")')
_DIGITS = re.compile(rb"\d(?:[ -]?\d){11,18}")


def _mask_run(match: re.Match[bytes]) -> bytes:
    run = match.group(0)
    digits = bytes(ch for ch in run if 48 <= ch <= 57)
    if not 12 <= len(digits) <= 19 or not luhn_valid(digits.decode("ascii")):
        return run
    return digits[:6] + b"X" * (len(digits) - 10) + digits[-4:]


def _mask_segment(match: re.Match[bytes]) -> bytes:
    return _DIGITS.sub(_mask_run, match.group(0))


def _mask_attribute(match: re.Match[bytes]) -> bytes:
    return match.group(1) + _DIGITS.sub(_mask_run, match.group(2)) + match.group(3)


def mask_card_numbers(body: bytes) -> bytes:
    """The message with every clear card number in a form of payment masked."""
    if b"FOP+" in body:
        body = _FOP.sub(_mask_segment, body)
    if b"AccountNbr" in body:
        body = _ACCOUNT.sub(_mask_attribute, body)
    return body
