"""A PNR's warnings, listed with its message's, name the PNR they are about."""

from __future__ import annotations

from liaison.domain.passenger import Booking
from liaison.formats.warnings import booking_warnings


def test_each_pnr_warning_names_its_record_locator_once() -> None:
    booking = Booking(
        "ABC123",
        warnings=("TVL element 5: arrival time '4321' left empty", "PNR ABC123: DOCS date unreadable"),
    )
    assert booking_warnings(booking) == [
        "PNR ABC123: TVL element 5: arrival time '4321' left empty",
        "PNR ABC123: DOCS date unreadable",
    ]
