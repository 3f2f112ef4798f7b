"""PNRGOV XML as airlines send it: data carried in SSR free text, contact lists,
check-in elements and a second booking reference is read, not dropped."""

from __future__ import annotations

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Traveller
from liaison.formats import read_message_bytes
from liaison.formats.pnrgov_xml import read_pnrgov_xml
from liaison.formats.ssr_docs import read_doca, read_doco, read_docs

from .xml_messages import FLIGHT, SECOND_FLIGHT, notification, passenger, ref

DOCS = "/P/POL/BA5345321/POL/12JUL64/M/23AUG29/KOWALSKI/JAN"


def one_booking(data: bytes) -> Booking:
    result = read_pnrgov_xml(data)
    assert result.errors == ()
    (message,) = result.messages
    (booking,) = message.bookings
    return booking


def by_surname(b: Booking, surname: str) -> Traveller:
    (t,) = [t for t in b.travellers if t.surname == surname]
    return t


def test_docs_in_ssr_text_under_the_passenger() -> None:
    b = one_booking(
        notification(
            ref("ABC123")
            + passenger(
                "1",
                "KOWALSKI",
                "JAN MR",
                f'<SSR SSRCode="DOCS" Status="HK" ServiceQuantity="1" Text="{DOCS}"/>',
            )
            + FLIGHT
        )
    )
    (t,) = b.travellers
    assert t.birth_date == PartialDate(1964, 7, 12)
    assert t.gender is Gender.MALE
    assert t.nationality == "POL"
    (doc,) = t.documents
    assert (doc.kind, doc.type, doc.number, doc.issuing_country, doc.expiry) == (
        "DOCS",
        "P",
        "BA5345321",
        "POL",
        PartialDate(2029, 8, 23),
    )
    assert b.special_requests == ()
    assert b.warnings == ()


def test_ssr_free_text_at_pnr_level_linked_by_rph_in_every_shape() -> None:
    """``@Code`` or ``@SSRCode``; ``@Text`` or a ``Text`` child; with or without the
    leading slash or the status; linked by RPH; DOCO and DOCA too."""
    b = one_booking(
        notification(
            ref("ABC123")
            + passenger("1", "KOWALSKI", "JAN")
            + passenger("2", "NOWAK", "EWA")
            + '<SSR Code="DOCS" RPH="2">'
            + "<Text>HK1/P/POL/EE1234567/POL/03MAR90/F/01JAN30/NOWAK/EWA</Text></SSR>"
            + f'<SSR SSRCode="DOCS" TravelerRefNumberRPHList="1" Text="{DOCS[1:]}"/>'
            + '<SSR SSRCode="DOCO" RPH="1" Text="/WARSAW/V/US998877/KRAKOW/12JAN23/USA"/>'
            + '<SSR SSRCode="DOCA" RPH="1" Text="/D/USA/12 MAIN ST/NEW YORK/NY/10001"/>'
            + FLIGHT
        )
    )
    jan, ewa = by_surname(b, "KOWALSKI"), by_surname(b, "NOWAK")
    assert jan.birth_date == PartialDate(1964, 7, 12)
    assert [d.number for d in jan.documents] == ["BA5345321", "US998877"]
    visa = jan.documents[1]
    assert (visa.kind, visa.type, visa.issuing_country, visa.place_of_issue, visa.issued) == (
        "DOCO",
        "V",
        "USA",
        "KRAKOW",
        PartialDate(2023, 1, 12),
    )
    assert jan.birth_place == "WARSAW"
    (address,) = jan.addresses
    assert (address.kind, address.street, address.city, address.postal_code, address.country) == (
        "D",
        "12 MAIN ST",
        "NEW YORK",
        "10001",
        "USA",
    )
    assert (ewa.birth_date, ewa.gender, ewa.documents[0].number) == (
        PartialDate(1990, 3, 3),
        Gender.FEMALE,
        "EE1234567",
    )


def test_docs_without_rph_is_given_to_the_passenger_it_names() -> None:
    b = one_booking(
        notification(
            ref("ABC123")
            + passenger("1", "NOWAK", "EWA")
            + passenger("2", "KOWALSKI", "JAN")
            + f'<SSR SSRCode="DOCS" Text="{DOCS}-1KOWALSKI/JANMR"/>'
        )
    )
    assert by_surname(b, "KOWALSKI").documents[0].number == "BA5345321"
    assert by_surname(b, "NOWAK").documents == ()


def test_infant_docs_under_the_adult_make_the_infant_a_traveller() -> None:
    b = one_booking(
        notification(
            ref("ABC123")
            + passenger(
                "1",
                "KOWALSKI",
                "JAN",
                '<SSR SSRCode="DOCS" Text="/P/POL/IN0000001/POL/01FEB23/MI/01FEB28/KOWALSKI/ADAM"/>'
                + f'<SSR SSRCode="DOCS" Text="{DOCS}"/>',
            )
        )
    )
    jan, adam = b.travellers
    assert (jan.birth_date, [d.number for d in jan.documents]) == (PartialDate(1964, 7, 12), ["BA5345321"])
    assert (adam.surname, adam.given_names, adam.is_infant) == ("KOWALSKI", "ADAM", True)
    assert (adam.birth_date, adam.gender, adam.documents[0].number) == (
        PartialDate(2023, 2, 1),
        Gender.MALE,
        "IN0000001",
    )


def test_other_ssr_codes_are_special_requests_and_tkne_a_ticket() -> None:
    b = one_booking(
        notification(
            ref("ABC123")
            + passenger(
                "1",
                "KOWALSKI",
                "JAN",
                '<SSR SSRCode="TKNE" Status="HK" Text="1251234567890C1"><Airline Code="XA"/></SSR>',
            )
            + '<SSR SSRCode="WCHR" Status="HK" ServiceQuantity="1" BoardPoint="CDG" OffPoint="JFK"/>'
        )
    )
    assert b.special_requests == ("TKNE HK XA 1251234567890C1", "WCHR HK1 CDGJFK")
    assert [(t.number, t.type) for t in b.travellers[0].tickets] == [("1251234567890", "TKNE")]


def test_contacts_as_elements_and_attributes_several_of_each() -> None:
    b = one_booking(
        notification(
            ref("ABC123")
            + '<ContactInfo EmailAddress="jan@example.pl">'
            + "<Email>second@example.pl</Email><EmailAddress>THIRD//EXAMPLE.PL</EmailAddress>"
            + '<Telephone PhoneNumber="48221234567"/><Telephone CountryAccessCode="48" AreaCityCode="22" '
            + 'PhoneNumber="7654321"/><PhoneNumber>+48 600 100 200</PhoneNumber></ContactInfo>'
            + '<ContactInfo><Email EmailAddress="fourth@example.pl"/></ContactInfo>'
            + passenger(
                "1", "KOWALSKI", "JAN", '<ContactInfo><Telephone PhoneNumber="600200300"/></ContactInfo>'
            )
        )
    )
    assert b.contacts.emails == (
        "jan@example.pl",
        "second@example.pl",
        "THIRD@EXAMPLE.PL",
        "fourth@example.pl",
    )
    assert b.contacts.phones == ("48221234567", "+48 22 7654321", "+48 600 100 200", "600200300")


def test_checkin_seats_under_the_flight_and_the_passenger_tied_to_passenger_and_leg() -> None:
    flight_with_checkin = FLIGHT.replace(
        "</Flight>",
        '<CheckInInfo RPH="2" CheckInStatus="CI" SeatNumber="031C"/>'
        '<CheckInInfo><TravelerRefNumber RPH="1"/><SeatNumber>31B</SeatNumber></CheckInInfo></Flight>',
    )
    b = one_booking(
        notification(
            ref("ABC123")
            + passenger("1", "KOWALSKI", "JAN", '<BoardingInfo FlightRPH="2" BoardingSeat="12A"/>')
            + passenger("2", "NOWAK", "EWA")
            + flight_with_checkin
            + SECOND_FLIGHT
        )
    )
    jan, ewa = b.travellers
    assert [(s.number, s.origin, s.destination) for s in jan.seats] == [
        ("12A", "JFK", "YVR"),
        ("31B", "CDG", "JFK"),
    ]
    assert [(s.number, s.origin, s.destination) for s in ewa.seats] == [("31C", "CDG", "JFK")]


def test_bags_with_count_weight_unit_and_tags() -> None:
    b = one_booking(
        notification(
            ref("ABC123")
            + passenger(
                "1",
                "KOWALSKI",
                "JAN",
                '<CheckedBags Quantity="2" Weight="32.4" UnitOfMeasureCode="KGS" Destination="JFK">'
                '<BagTag TagNumber="0057123456" Airline="XA"/><BagTag>0057123457</BagTag></CheckedBags>',
            )
            + FLIGHT.replace(
                "</Flight>", '<BagTag RPH="1" BagTagNumber="0057123456" Weight="40LB"/></Flight>'
            )
        )
    )
    first, second = b.bags
    assert (first.count, first.weight, first.weight_unit, first.destination, first.tags) == (
        2,
        32,
        "KG",
        "JFK",
        ("0057123456", "0057123457"),
    )
    assert first.traveller_reference == "1"
    assert (second.count, second.weight, second.weight_unit, second.tags, second.traveller_reference) == (
        1,
        40,
        "LB",
        ("0057123456",),
        "1",
    )


def test_second_booking_reference_is_the_reservation_reference() -> None:
    b = one_booking(
        notification(
            '<BookingRefID ID="Z9Y8X7"><CompanyName Code="1A"/></BookingRefID>'
            + ref("ABC123")
            + passenger("1", "KOWALSKI", "JAN")
        )
    )
    # the sender's own locator is the record locator, whatever the order
    assert (b.record_locator, b.record_locator_owner) == ("ABC123", "XA")
    assert (b.reservation_reference, b.reservation_reference_owner) == ("Z9Y8X7", "1A")
    b = one_booking(
        notification(
            '<BookingRefID ID="QQ1111" Type="14"/><BookingRefID ID="RR2222" Type="GDS"/>'
            + passenger("1", "KOWALSKI", "JAN")
        )
    )
    assert (b.record_locator, b.reservation_reference, b.reservation_reference_owner) == (
        "QQ1111",
        "RR2222",
        "GDS",
    )


def test_namespace_prefixes_are_ignored() -> None:
    data = notification(prefix="pnr").replace(b"<pnr:PNRs", b"<pnr:PNRs") + b""
    text = data.decode().replace(
        "</pnr:PNRs>",
        '<pnr:PNR><pnr:BookingRefID ID="PFX001"/><pnr:Passenger RPH="1"><pnr:Surname>DOE</pnr:Surname>'
        "</pnr:Passenger></pnr:PNR></pnr:PNRs>",
    )
    result = read_pnrgov_xml(text.encode())
    assert result.errors == ()
    (message,) = result.messages
    assert read_message_bytes(text.encode()).messages == (message,)
    assert message.flight is not None
    assert message.flight.origin == "CDG"
    assert message.bookings[0].travellers[0].surname == "DOE"


def test_unknown_elements_and_attributes_are_skipped() -> None:
    b = one_booking(
        notification(
            ref("ABC123")
            + '<Fee Amount="10" Foo="bar"><Something/></Fee>'
            + passenger("1", "KOWALSKI", "JAN", '<Loyalty Tier="X"/>', extra=' Unknown="1"')
        )
    )
    assert b.travellers[0].surname == "KOWALSKI"
    assert b.warnings == ()


def test_ssr_docs_text_is_read_by_a_pure_function() -> None:
    docs = read_docs("HK1/P/GBR/123456789/GBR/12JUL64/FI/23AUG19/SMITH/ANNA/MARIA/H", 2024)
    assert docs.document is not None
    assert docs.document.number == "123456789"
    assert (docs.infant, docs.gender, docs.given_names) == (True, Gender.FEMALE, "ANNA MARIA")
    bad = read_docs("/P/GBR/1/GBR/31FEB64/Q/XX/SMITH", 2024)
    assert [p.field for p in bad.problems] == ["date of birth", "expiry", "gender"]
    assert (bad.birth_date, bad.gender, bad.document and bad.document.expiry) == (None, None, None)
    assert read_doco("/LONDON/V/1/NYC/01JAN20/USA", 2024).document.issuing_country == "USA"
    assert read_doca("R/GBR/1 HIGH ST/SLOUGH//SL1").postal_code == "SL1"
