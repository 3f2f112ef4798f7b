"""One unreadable element of a PNR is left empty with a warning that names the PNR,
the segment and the element; the PNR, its travellers and their documents are kept.
Only a PNR without record locator is lost, and that is an error."""

from __future__ import annotations

import pytest

from liaison.domain.passenger import Booking
from liaison.formats import read_pnrgov
from liaison.formats.jsondoc import message_json


def pnrgov(*pnrs: str, flight: str = "TVL+010124:1000:010124:1800+CDG+JFK+XX+1'", eqn: str = "1") -> bytes:
    """An interchange in the shape airlines push: header, the pushed flight, the PNRs."""
    segments = ["UNH+M1+PNRGOV:11:1:IA'", "MSG+:22'", "ORG+XX'", flight, f"EQN+{eqn}'", *pnrs]
    count = sum(s.count("'") for s in segments) + 1
    text = "UNA:+.? 'UNB+IATA:1+XX+YY+240101:1200+I1'" + "".join(segments) + f"UNT+{count}+M1'UNZ+1+I1'"
    return text.encode()


# UNB #0, UNH #1, MSG #2, ORG #3, TVL #4, EQN #5, then SRC #6, RCI #7, TIF #8, SSR #9, TVL #10...
PNR = (
    "SRC'RCI+XX:ABC123::010124:1200'TIF+DOE+JANE MS:A:1'"
    "SSR+DOCS:HK:1:XX:::::/P/FRA/12AB345/FRA/01JAN80/F/01JAN30/DOE/JANE'"
    "TVL+010124:1000:010124:1800+CDG+JFK+XX+1:Y'"
    "TVL+020124:0900::4321+JFK+BOS+XX+2:Y'"
)


def only_booking(data: bytes) -> Booking:
    result = read_pnrgov(data)
    assert result.errors == ()
    [message] = result.messages
    [booking] = message.bookings
    assert set(booking.warnings) <= set(message.warnings), "the message repeats its bookings' warnings"
    return booking


def test_an_unreadable_arrival_time_leaves_the_arrival_empty_and_keeps_the_pnr() -> None:
    data = pnrgov(PNR)
    booking = only_booking(data)
    assert booking.record_locator == "ABC123"
    [jane] = booking.travellers
    assert (jane.surname, jane.documents[0].number) == ("DOE", "12AB345")
    first, second = booking.itinerary
    assert first.arrival is not None
    assert (second.origin, second.departure is not None, second.arrival) == ("JFK", True, None)
    assert booking.warnings == (
        "PNR ABC123: segment TVL #11 element 01:4: arrival time 4321 is not HHMM; left empty",
    )
    [doc] = message_json(read_pnrgov(data).messages[0])["bookings"]
    assert doc["warnings"] == list(booking.warnings)


SEGMENT = {"RCI": 7, "TIF": 8, "SSR": 9, "TVL": 10}


@pytest.mark.parametrize(
    ("old", "new", "tag", "element", "what", "empty"),
    [
        (
            "RCI+XX:ABC123::010124:1200",
            "RCI+XX:ABC123::013224:1200",
            "RCI",
            "01:4",
            "creation date",
            "created",
        ),
        ("1200'TIF", "1200'DAT+700:010124:2561'TIF", "DAT", "01:2", "last change date", "last_modified"),
        ("/01JAN80/", "/31FOO80/", "SSR", "01:9 (DOCS date of birth)", "DOCS date of birth", "birth_date"),
        ("/01JAN30/", "/1JANUARY30/", "SSR", "01:9 (DOCS expiry)", "DOCS expiry date", "expiry"),
        ("/F/01JAN30", "/Q/01JAN30", "SSR", "01:9 (DOCS gender)", "DOCS gender", "gender"),
        (
            "TVL+010124:1000:",
            "TVL+320124:1000:",
            "TVL",
            "01:1",
            "departure date 320124 is not DDMMYY",
            "departure",
        ),
        (
            "TVL+010124:1000:",
            "TVL+010124:10h0:",
            "TVL",
            "01:2",
            "departure time 10h0 is not HHMM",
            "departure",
        ),
        (":010124:1800+CDG", ":01012:1800+CDG", "TVL", "01:3", "arrival date 01012 is not DDMMYY", "arrival"),
    ],
)
def test_each_unreadable_element_is_left_empty_with_a_warning_naming_it(
    old: str, new: str, tag: str, element: str, what: str, empty: str
) -> None:
    assert old in PNR
    booking = only_booking(pnrgov(PNR.replace(old, new, 1)))
    number = SEGMENT[tag] if tag != "DAT" else 8
    warnings = [w for w in booking.warnings if "4321" not in w]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"PNR ABC123: segment {tag} #{number} element {element}: {what}")
    assert warnings[0].endswith("; left empty")
    [jane] = booking.travellers
    holders = {"created": booking, "last_modified": booking, "departure": booking.itinerary[0]}
    holders |= {"arrival": booking.itinerary[0], "expiry": jane.documents[0]}
    assert getattr(holders.get(empty, jane), empty) is None
    assert jane.documents[0].number == "12AB345", "the rest of the DOCS is kept"


def test_unreadable_bag_count_and_weight_and_card_expiry_are_left_empty() -> None:
    pnr = (
        PNR.replace(
            "TIF+DOE+JANE MS:A:1'",
            "TIF+DOE+JANE MS:A:1'TKT+0571234567890:T'FOP+CC:::VI:4111111111111111:13X5'",
        )
        + "TRI++1'TIF+DOE+JANE::1'TBD++2X:2O:700+++XX:123456::BOS'"
    )
    booking = only_booking(pnrgov(pnr))
    [bag] = booking.bags
    assert (bag.count, bag.weight, bag.weight_unit, bag.tags) == (0, None, None, ("XX123456",))
    assert booking.payments[0].expiry is None
    assert booking.payments[0].masked_number == "411111XXXXXX1111"
    assert [w.split(": ", 2)[1] for w in booking.warnings if "4321" not in w] == [
        "segment FOP #10 element 01:6",
        "segment TBD #16 element 02:1",
        "segment TBD #16 element 02:2",
    ]


def test_a_leg_without_airport_or_carrier_is_kept_with_a_warning() -> None:
    booking = only_booking(
        pnrgov(PNR.replace("TVL+020124:0900::4321+JFK+BOS+XX+2:Y", "TVL+020124:0900+JFK+++2"))
    )
    second = booking.itinerary[1]
    assert (second.origin, second.destination, second.carrier, second.flight_number) == ("JFK", "", "", "2")
    assert booking.warnings == (
        "PNR ABC123: segment TVL #11 element 03:1: the leg has no arrival airport; left empty",
        "PNR ABC123: segment TVL #11 element 04:1: the leg has no carrier; left empty",
    )


def test_a_document_for_a_traveller_the_pnr_does_not_name_is_kept_as_text() -> None:
    pnr = PNR.replace("TIF+DOE+JANE MS:A:1'", "TIF+DOE+JANE MS:A:1'TIF+DOE+JOHN MR:A:2'").replace(
        "SSR+DOCS:HK:1:XX:::::/P/FRA/12AB345/FRA/01JAN80/F/01JAN30/DOE/JANE'",
        "SSR+DOCS:HK:1:XX:::::/P/FRA/12AB345/FRA/01JAN80/F/01JAN30/DOE/JANE+::1'"
        "SSR+DOCS:HK:1:XX:::::/P/FRA/99ZZ999/FRA/01JAN81/M/01JAN30/ROE/RICHARD+::7'",
    )
    booking = only_booking(pnrgov(pnr))
    assert [len(t.documents) for t in booking.travellers] == [1, 0]
    assert any("99ZZ999" in text for text in booking.special_requests)
    [note] = [w for w in booking.warnings if "4321" not in w]
    assert note == (
        "PNR ABC123: segment SSR #11 element 02:3: DOCS for traveller reference '7', which no traveller "
        "of this PNR has; kept as text in special requests"
    )


def test_an_unreadable_element_of_the_pushed_flight_is_a_message_warning() -> None:
    data = pnrgov(PNR, flight="TVL+010124:1000:010124:9900+CDG+JFK+XX+1'", eqn="one")
    result = read_pnrgov(data)
    assert result.errors == ()
    [message] = result.messages
    assert message.flight is not None
    assert (message.flight.origin, message.flight.departure is not None, message.flight.arrival) == (
        "CDG",
        True,
        None,
    )
    assert len(message.bookings) == 1
    assert message.warnings[-2:] == (
        "segment TVL #4 element 01:4: arrival time 9900 is not HHMM; left empty",
        "segment EQN #5 element 01:1: number of PNRs: 'one' is not a number; left empty",
    )


def test_a_pnr_without_record_locator_is_the_only_pnr_lost() -> None:
    nameless = PNR.replace("RCI+XX:ABC123", "RCI+XX:").replace(
        "JANE MS:A:1'", "JANE MS:A:1'TIF+DOE+JOHN:A:2'"
    )
    without_rci = "SRC'TIF+ROE+RICHARD:A:1'"
    result = read_pnrgov(pnrgov(nameless, without_rci, PNR, eqn="3"))
    assert [b.record_locator for b in result.messages[0].bookings] == ["ABC123"]
    empty, missing = result.errors
    assert (empty.code, empty.tag, empty.element, empty.segment_index) == (
        "record-locator-missing",
        "RCI",
        "RCI 01:2",
        7,
    )
    assert empty.reason == "PNR #1: the record locator is empty; its 2 travellers are not read"
    assert (missing.code, missing.tag, missing.element) == ("record-locator-missing", "SRC", "RCI")
    assert (
        missing.reason
        == "PNR #2: the PNR has no RCI segment with its record locator; its 1 traveller is not read"
    )


def test_control_characters_removed_are_warned_on_their_own_booking() -> None:
    second = PNR.replace("ABC123", "DEF456").replace("SRC'", "SR\x00C'").replace("+JFK+BOS", "+JFK+B\x07OS")
    result = read_pnrgov(pnrgov(PNR, second, eqn="2"))
    assert result.errors == ()
    first, other = result.messages[0].bookings
    assert [w for w in first.warnings if "control" in w] == []
    assert [w for w in other.warnings if "control" in w] == [
        "PNR DEF456: segment SRC #12 element 00:1: control characters removed",
        "PNR DEF456: segment TVL #17 element 03:1: control characters removed",
    ]
    assert other.itinerary[1].destination == "BOS"
