"""How a read message's warnings are listed, shared by ``liaison parse`` and ingest.

A PNR's warnings are listed with the message's, so each must say which PNR it
is about: pure text work, kept here beside the readers that write the warnings.
"""

from __future__ import annotations

from liaison.domain.passenger import Booking


def booking_warnings(booking: Booking) -> list[str]:
    """A PNR's warnings as the message lists them: each names the record locator."""
    locator = booking.record_locator
    return [text if locator in text else f"PNR {locator}: {text}" for text in booking.warnings]
