"""Travel document numbers compared the way border systems compare them."""

from __future__ import annotations


def document_number_key(number: str) -> str:
    """Upper-case letters and digits only: `ab 123-456` and `AB123456` are one document."""
    return "".join(ch for ch in number.upper() if ch.isalnum())
