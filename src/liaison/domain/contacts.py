"""Contact details compared without being kept: keyed hashes of e-mail
addresses and phone numbers, normalised first so that the same contact
written two ways gives the same hash."""

from __future__ import annotations

import hashlib
import hmac

PHONE_DIGITS = 9  # the subscriber part: +33 6 12 34 56 78 and 06 12 34 56 78 agree


def normalise_contact(value: str) -> str | None:
    text = value.strip()
    if "@" in text:
        return "e:" + text.lower()
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) < 7:
        return None  # too short to say anything about a person
    return "p:" + digits[-PHONE_DIGITS:]


def contact_hash(value: str, key: bytes) -> str | None:
    """HMAC-SHA256 of the normalised contact, or None when it is no contact."""
    normal = normalise_contact(value)
    if normal is None:
        return None
    return hmac.new(key, normal.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
