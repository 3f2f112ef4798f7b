"""PNRGOV XML: lose an element, never a PNR; never fewer travellers than the message names."""

from __future__ import annotations

from liaison.domain.codes import Gender
from liaison.formats.pnrgov_xml import read_pnrgov_xml

from .xml_messages import FLIGHT, notification, passenger, ref


def test_unreadable_values_are_left_empty_with_a_warning_naming_path_and_locator() -> None:
    data = notification(
        '<BookingRefID ID="BAD001"/>'
        + passenger(
            "1",
            "KOWALSKI",
            "JAN",
            '<SSR SSRCode="DOCS" Text="/P/POL/BA5345321/POL/31FEB64/Q/23AUG29/KOWALSKI/JAN"/>'
            '<TicketDocument TicketDocumentNbr="1">'
            '<PaymentInfo PaymentType="CC" ExpiryDate="1399"/></TicketDocument>',
            extra=' BirthDate="1964-13-01"',
        )
        + FLIGHT.replace('DepartureDateTime="2024-03-02T09:30:00"', 'DepartureDateTime="4321"'),
        ref("GOOD01") + passenger("1", "NOWAK", "EWA"),
    )
    result = read_pnrgov_xml(data)
    assert result.errors == ()
    (message,) = result.messages
    bad, good = message.bookings
    (t,) = bad.travellers
    assert (t.surname, t.birth_date, t.gender) == ("KOWALSKI", None, None)
    assert t.documents[0].number == "BA5345321"
    assert bad.itinerary[0].departure is None
    assert bad.itinerary[0].origin == "CDG"
    assert bad.warnings == (
        "PNR BAD001: PNRs/PNR[1]/Flight[1]/@DepartureDateTime: '4321' "
        "is not an ISO 8601 date-time; left empty",
        "PNR BAD001: PNRs/PNR[1]/Passenger[1]/@BirthDate: is not a date (YYYY-MM-DD); left empty",
        "PNR BAD001: PNRs/PNR[1]/Passenger[1]/TicketDocument[1]/PaymentInfo[1]/@ExpiryDate: "
        "is not a card expiry (MMYY); left empty",
        "PNR BAD001: PNRs/PNR[1]/Passenger[1]/SSR[1]/@Text (DOCS date of birth): "
        "is not a date DDMMMYY (day is out of range for month); left empty",
        "PNR BAD001: PNRs/PNR[1]/Passenger[1]/SSR[1]/@Text (DOCS gender): is not a gender "
        "(M, F, U, X, MI, FI); left empty",
    )
    assert message.warnings == bad.warnings
    assert good.warnings == ()
    assert good.travellers[0].surname == "NOWAK"


def test_structured_doc_ssr_with_a_bad_gender_keeps_the_rest() -> None:
    data = notification(
        ref("BAD002")
        + passenger(
            "1",
            "WEBER",
            "ANNA",
            '<DOC_SSR><DOCS DocType="P" DocID="C01X00T47" Gender="Z" DateOfBirth="1983-08-12"/></DOC_SSR>',
        )
    )
    (message,) = read_pnrgov_xml(data).messages
    (t,) = message.bookings[0].travellers
    assert (t.gender, t.documents[0].number, t.birth_date is not None) == (None, "C01X00T47", True)
    assert message.warnings == (
        "PNR BAD002: PNRs/PNR[1]/Passenger[1]/DOC_SSR[1]/DOCS[1]/@Gender: is not a gender "
        "(M, F, U, X, MI, FI); left empty",
    )
    assert read_pnrgov_xml(data.replace(b'"Z"', b'"F"')).messages[0].bookings[0].travellers[0].gender is (
        Gender.FEMALE
    )


def test_a_pnr_without_booking_reference_is_a_coded_error_and_the_others_are_read() -> None:
    result = read_pnrgov_xml(
        notification(passenger("1", "LOST", "ONE"), ref("KEPT01") + passenger("1", "KEPT", "TWO"))
    )
    (message,) = result.messages
    assert [b.record_locator for b in message.bookings] == ["KEPT01"]
    (error,) = result.errors
    assert (error.code, error.reference, error.tag, error.segment_index, error.element) == (
        "xml-pnr-no-locator",
        "N1",
        "PNR",
        0,
        "PNRs/PNR[1]/BookingRefID",
    )
    assert "1 passenger(s)" in error.reason


def test_a_passenger_without_surname_is_a_coded_error_and_the_rest_of_the_pnr_is_kept() -> None:
    result = read_pnrgov_xml(
        notification(
            ref("HALF01")
            + '<Passenger RPH="1"><PassengerName><GivenName>NOBODY</GivenName></PassengerName></Passenger>'
            + passenger("2", "NOWAK", "EWA")
            + FLIGHT
        )
    )
    (message,) = result.messages
    (booking,) = message.bookings
    assert [t.surname for t in booking.travellers] == ["NOWAK"]
    assert len(booking.itinerary) == 1
    (error,) = result.errors
    assert (error.code, error.tag, error.element) == (
        "xml-passenger-no-surname",
        "Passenger",
        "PNRs/PNR[1]/Passenger[1]/Surname",
    )
    assert "HALF01" in error.reason


def test_every_passenger_element_is_a_traveller_or_an_error() -> None:
    pnrs = [
        ref(f"P{i:05d}") + passenger("1", f"A{i}", "X") + (passenger("2", "", "Y") if i % 3 == 0 else "")
        for i in range(30)
    ]
    data = notification(*pnrs)
    result = read_pnrgov_xml(data)
    travellers = sum(len(b.travellers) for m in result.messages for b in m.bookings)
    assert travellers + len(result.errors) == data.count(b"<Passenger ")
    assert {e.code for e in result.errors} == {"xml-passenger-no-surname"}


def test_ssr_for_a_passenger_the_pnr_does_not_name_is_kept_with_a_warning() -> None:
    (message,) = read_pnrgov_xml(
        notification(
            ref("UNPL01")
            + passenger("1", "KOWALSKI", "JAN")
            + passenger("2", "NOWAK", "EWA")
            + '<SSR SSRCode="DOCS" RPH="7" Text="/P/POL/X1/POL/01JAN80/M/01JAN30/SMITH/JOHN"/>'
            + FLIGHT.replace("</Flight>", '<CheckInInfo SeatNumber="12C"/></Flight>')
        )
    ).messages
    (b,) = message.bookings
    assert b.special_requests == ("DOCS /P/POL/X1/POL/01JAN80/M/01JAN30/SMITH/JOHN",)
    assert all(t.documents == () and t.seats == () for t in b.travellers)
    assert b.warnings == (
        "PNR UNPL01: PNRs/PNR[1]/SSR[1]: SSR DOCS is kept as a special request: "
        "it names passenger 7, which the PNR has not",
        "PNR UNPL01: PNRs/PNR[1]/Flight[1]/CheckInInfo[1]/@SeatNumber: seat 12C is left out: "
        "it names no passenger and the PNR has 2",
    )


def test_a_flight_without_carrier_is_kept_with_a_warning() -> None:
    (message,) = read_pnrgov_xml(
        notification(
            ref("NOCA01") + passenger("1", "DOE", "J") + FLIGHT.replace('<MarketingAirline Code="XA"/>', "")
        )
    ).messages
    (leg,) = message.bookings[0].itinerary
    assert (leg.carrier, leg.flight_number, leg.origin) == ("", "123", "CDG")
    assert message.warnings[0].startswith("PNR NOCA01: PNRs/PNR[1]/Flight[1]: the flight names no carrier")


def test_a_pnr_count_that_differs_is_a_warning() -> None:
    (message,) = read_pnrgov_xml(notification(ref("ONE001"), count=3)).messages
    assert message.warnings == ("PNRs/@NumberOfPnrs says 3 PNRs, the message has 1",)


def test_a_third_booking_reference_is_named_in_a_warning() -> None:
    (message,) = read_pnrgov_xml(
        notification(ref("AAA111") + ref("BBB222", "1A") + ref("CCC333", "1S") + passenger("1", "DOE", "J"))
    ).messages
    (b,) = message.bookings
    assert (b.record_locator, b.reservation_reference) == ("AAA111", "BBB222")
    assert b.warnings == (
        "PNR AAA111: PNRs/PNR[1]/BookingRefID: a third booking reference CCC333 (1S) has no field; "
        "it is only in this warning",
    )


def test_an_unreadable_seat_or_bag_count_is_a_warning() -> None:
    (message,) = read_pnrgov_xml(
        notification(
            ref("SEAT01")
            + passenger(
                "1", "DOE", "J", '<SeatInfo SeatNumber="WINDOW"/><CheckedBags Quantity="two" Weight="20"/>'
            )
        )
    ).messages
    (b,) = message.bookings
    assert b.travellers[0].seats == ()
    assert [(x.count, x.weight) for x in b.bags] == [(1, 20)]
    assert b.warnings == (
        "PNR SEAT01: PNRs/PNR[1]/Passenger[1]/SeatInfo[1]/@SeatNumber: is not a seat number; left empty",
        "PNR SEAT01: PNRs/PNR[1]/Passenger[1]/CheckedBags[1]/@Quantity: is not a number; left empty",
    )
