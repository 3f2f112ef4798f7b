"""Write → read gives the same objects, over generated bookings and manifests.

The wire formats cannot tell some values apart (a given name ending in ``MS``
from a title; an empty document; a two-digit birth year more than a century
back), so the strategies stay inside what survives a round trip, and say so.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.domain.codes import Gender, TravellerRole
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import (
    Address,
    Bag,
    Booking,
    Codeshare,
    Contacts,
    Document,
    FrequentFlyer,
    Leg,
    PaxlstMessage,
    Payment,
    PnrMessage,
    Seat,
    Ticket,
    Traveller,
    mask_card_number,
)
from liaison.formats import read_paxlst, read_pnrgov, write_paxlst, write_pnrgov
from liaison.formats.edifact import Delimiters
from liaison.formats.values import TITLES

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# service characters included on purpose: the writer must release them
TEXT_CHARS = UPPER + "0123456789 .,-?+:'"

codes2 = st.text(UPPER, min_size=2, max_size=2)
codes3 = st.text(UPPER, min_size=3, max_size=3)
digits = st.text("0123456789", min_size=1, max_size=6)


def _no_title_suffix(name: str) -> bool:
    return not any(name.endswith(t) for t in TITLES)


word = st.text(UPPER, min_size=2, max_size=10).filter(_no_title_suffix)
names = st.lists(word, min_size=1, max_size=3).map(" ".join)
free_text = (
    st.text(TEXT_CHARS, min_size=1, max_size=30)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: bool(s) and "CTC" not in s)
)
minutes = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2098, 12, 1)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
seconds = minutes.flatmap(lambda d: st.integers(0, 59).map(lambda s: d.replace(second=s)))
# two-digit years: a birth date is read as at most 100 years before the message
birth_dates = st.dates(min_value=datetime(1931, 1, 1).date(), max_value=datetime(2000, 12, 31).date()).map(
    PartialDate.from_date
)
expiries = st.dates(min_value=datetime(2000, 1, 1).date(), max_value=datetime(2099, 12, 31).date()).map(
    PartialDate.from_date
)


@st.composite
def legs(draw: st.DrawFn) -> Leg:
    departure = draw(minutes)
    arrival = draw(st.none() | st.integers(30, 2000).map(lambda m: departure + timedelta(minutes=m)))
    codeshare = draw(st.booleans())
    return Leg(
        carrier=draw(codes2),
        flight_number=draw(digits),
        origin=draw(codes3),
        destination=draw(codes3),
        departure=departure,
        arrival=arrival,
        operating_carrier=draw(codes2) if codeshare else None,
        operating_flight_number=draw(st.none() | digits) if codeshare else None,
        booking_class=draw(st.none() | st.sampled_from("YJCFBM")),
        status=draw(st.none() | st.sampled_from(["HK", "KK", "TK"])),
    )


@st.composite
def bookings(draw: st.DrawFn) -> Booking:
    owner = draw(codes2)
    currency = draw(st.sampled_from(["GBP", "EUR", "USD"]))
    itinerary = tuple(draw(st.lists(legs(), max_size=3)))
    n = draw(st.integers(1, 4))
    travellers: list[Traveller] = []
    for i in range(n):
        ref = str(i + 1)
        infant = i > 0 and draw(st.integers(0, 4)) == 0  # DOCS gender MI/FI on its own TIF
        surname = draw(names)
        given = draw(st.none() | names)
        title = draw(st.none() | st.sampled_from(["MR", "MRS", "MS"]))
        docs = tuple(
            Document(
                kind="DOCS",
                type=draw(st.sampled_from(["P", "I", "A"])),
                number=draw(st.text(UPPER + "0123456789", min_size=5, max_size=12)),
                issuing_country=draw(codes3),
                nationality=nat,
                expiry=draw(st.none() | expiries),
            )
            for nat in draw(st.lists(st.none() | codes3, max_size=2))
        )
        docs += tuple(
            Document(
                kind="DOCO",
                type="V",
                number=draw(digits),
                issuing_country=draw(codes3),
                place_of_issue=draw(word),
                issued=draw(st.none() | birth_dates),
            )
            for _ in range(draw(st.integers(0, 1)))
        )
        unique: dict[tuple[str, str | None, str | None], Document] = {}
        for doc in docs:  # the reader keeps one document per kind, number and type
            unique.setdefault((doc.kind, doc.number, doc.type), doc)
        docs = tuple(unique.values())
        docs_docs = [d for d in docs if d.kind == "DOCS"]
        seats = tuple(
            Seat(f"{draw(st.integers(1, 60))}{draw(st.sampled_from('ABCDEFK'))}", leg.origin, leg.destination)
            for leg in dict.fromkeys(itinerary)
            if draw(st.booleans())
        )
        given_raw = " ".join(x for x in (given, title) if x)
        travellers.append(
            Traveller(
                surname=surname,
                given_names=given,
                reference=ref,
                title=title,
                passenger_type="IN" if infant else draw(st.none() | st.just("A")),
                is_infant=infant,
                birth_date=draw(st.none() | birth_dates),
                gender=draw(st.none() | st.sampled_from(list(Gender))),
                nationality=next((d.nationality for d in docs_docs if d.nationality), None),
                documents=docs,
                seats=tuple(dict.fromkeys(seats)),
                addresses=tuple(
                    Address(kind="R", street=draw(names), city=draw(word), country=draw(codes3))
                    for _ in range(draw(st.integers(0, 1)))
                ),
                frequent_flyers=tuple(
                    FrequentFlyer(draw(codes2), draw(digits), draw(st.none() | word))
                    for _ in range(draw(st.integers(0, 1)))
                ),
                tickets=tuple(
                    Ticket(
                        draw(st.text("0123456789", min_size=13, max_size=13)),
                        "T",
                        total,
                        currency if total else None,
                    )
                    for total in draw(st.lists(st.none() | st.just("100.00"), max_size=1))
                ),
                references=tuple(
                    draw(st.lists(st.text(UPPER + "0123456789", min_size=3, max_size=9), max_size=1))
                ),
                name_as_sent=f"{surname}/{given_raw}" if given_raw else surname,
            )
        )
    payments = tuple(
        Payment(
            type=draw(st.sampled_from(["CC", "CA", "MS"])),
            card_type=draw(st.none() | st.sampled_from(["VI", "MA", "AX"])),
            masked_number=draw(
                st.none() | st.text("0123456789", min_size=13, max_size=19).map(mask_card_number)
            ),
            expiry=draw(
                st.none()
                | st.tuples(st.integers(2000, 2099), st.integers(1, 12)).map(lambda t: PartialDate(*t))
            ),
            amount=draw(st.decimals(0, 99999, places=2).map(str)),
            currency=currency,
            traveller_reference=ref,
        )
        for ref in draw(st.lists(st.none() | st.sampled_from([t.reference for t in travellers]), max_size=3))
    )
    payments = tuple(p for p in payments if p.traveller_reference is None) + tuple(
        p for t in travellers for p in payments if p.traveller_reference == t.reference
    )
    bags: tuple[Bag, ...] = ()
    if itinerary:
        bags = tuple(
            dict.fromkeys(
                Bag(
                    count=draw(st.integers(0, 9)),
                    airline=airline,
                    destination=draw(codes3) if airline else None,
                    weight=weight,
                    weight_unit=draw(st.sampled_from(["KG", "LB"])) if weight is not None else None,
                    tags=tuple(f"{airline}{draw(digits)}" for _ in range(draw(st.integers(1, 3))))
                    if airline
                    else (),
                    traveller_reference=draw(st.sampled_from([t.reference for t in travellers])),
                )
                for airline, weight in draw(
                    st.lists(st.tuples(st.none() | codes2, st.none() | st.integers(0, 99)), max_size=2)
                )
            )
        )
    return Booking(
        record_locator=draw(st.text(UPPER + "0123456789", min_size=6, max_size=6)),
        record_locator_owner=owner,
        reservation_reference=draw(st.none() | st.text(UPPER, min_size=6, max_size=6)),
        reservation_reference_owner=None,
        created=draw(st.none() | seconds),
        last_modified=draw(st.none() | minutes),
        group_name=draw(st.none() | names),
        itinerary=itinerary,
        travellers=tuple(travellers),
        contacts=Contacts(
            emails=tuple(
                dict.fromkeys(
                    f"{a}.{b}@{c}.COM" for a, b, c in draw(st.lists(st.tuples(word, word, word), max_size=2))
                )
            ),
            phones=tuple(
                dict.fromkeys(
                    draw(
                        st.lists(
                            st.text("0123456789 ", min_size=6, max_size=14).map(str.strip).filter(bool),
                            max_size=2,
                        )
                    )
                )
            ),
            addresses=tuple(
                Address(
                    kind="700",
                    street=draw(names),
                    city=draw(word),
                    postal_code=draw(st.none() | digits),
                    country=draw(codes2),
                )
                for _ in range(draw(st.integers(0, 1)))
            ),
        ),
        payments=payments,
        bags=bags,
        codeshares=tuple(
            dict.fromkeys(
                Codeshare(
                    f"{leg.carrier}{leg.flight_number}",
                    f"{leg.operating_carrier}{leg.operating_flight_number or ''}",
                )
                for leg in itinerary
                if leg.operating_carrier and leg.operating_carrier != leg.carrier
            )
        ),
        split_record_locators=tuple(
            dict.fromkeys(draw(st.lists(st.text(UPPER, min_size=6, max_size=6), max_size=2)))
        ),
        special_requests=tuple(
            f"{c} {t}"
            for c, t in draw(
                st.lists(st.tuples(st.sampled_from(["AVML", "WCHR", "OTHS"]), free_text), max_size=2)
            )
        ),
        remarks=tuple(draw(st.lists(free_text, max_size=2))),
        history=tuple(draw(st.lists(free_text, max_size=2))),
    )


@st.composite
def pnr_messages(draw: st.DrawFn) -> PnrMessage:
    sender = draw(codes2)
    return PnrMessage(
        sender=sender,
        reference=draw(st.text(UPPER + "0123456789", min_size=1, max_size=14)),
        interchange_reference=draw(st.text("0123456789", min_size=1, max_size=14)),
        recipient=draw(st.text(UPPER, min_size=2, max_size=8)),
        prepared=draw(minutes.filter(lambda d: 2001 <= d.year <= 2030)),
        version="11:1",
        flight=draw(st.none() | legs().map(lambda g: replace(g, status=None, operating_flight_number=None))),
        bookings=tuple(draw(st.lists(bookings(), min_size=1, max_size=3))),
    )


@st.composite
def paxlst_messages(draw: st.DrawFn) -> PaxlstMessage:
    message_legs = tuple(
        Leg(
            carrier=draw(codes2),
            flight_number=draw(digits),
            origin=draw(codes3),
            destination=draw(codes3),
            departure=draw(minutes),
            arrival=draw(minutes),
        )
        for _ in range(draw(st.integers(1, 3)))
    )
    crew = draw(st.booleans())
    travellers = []
    for _ in range(draw(st.integers(1, 5))):
        surname = draw(names)
        given = draw(st.none() | names)
        nationality = draw(st.none() | codes3)
        travellers.append(
            Traveller(
                surname=surname,
                given_names=given,
                role=TravellerRole.CREW if crew else TravellerRole.PASSENGER,
                birth_date=draw(st.none() | birth_dates),
                gender=draw(st.none() | st.sampled_from(list(Gender))),
                nationality=nationality,
                residence_country=draw(st.none() | codes3),
                birth_place=draw(st.none() | word),
                embarkation=draw(st.none() | codes3),
                debarkation=draw(st.none() | codes3),
                documents=tuple(
                    Document(
                        kind="DOCS",
                        type=draw(st.sampled_from(["P", "I"])),
                        number=draw(st.text(UPPER + "0123456789", min_size=5, max_size=12)),
                        issuing_country=draw(st.none() | codes3),
                        nationality=nationality,
                        expiry=draw(st.none() | expiries),
                    )
                    for _ in range(draw(st.integers(0, 2)))
                ),
                references=tuple(
                    f"AVF:{r}" for r in draw(st.lists(st.text(UPPER, min_size=6, max_size=6), max_size=1))
                ),
                name_as_sent=":".join([surname, *(given.split(" ") if given else [])]),
            )
        )
    return PaxlstMessage(
        sender=draw(st.text(UPPER, min_size=2, max_size=8)),
        reference=draw(st.text(UPPER + "0123456789", min_size=1, max_size=14)),
        interchange_reference=draw(st.text("0123456789", min_size=1, max_size=14)),
        recipient=draw(st.text(UPPER, min_size=2, max_size=8)),
        prepared=draw(minutes.filter(lambda d: 2001 <= d.year <= 2030)),
        version="D:05B",
        document_type="250" if crew else "745",
        legs=message_legs,
        travellers=tuple(travellers),
    )


ODD = Delimiters(component="^", element="|", decimal=",", release="!", terminator="~")

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(pnr_messages())
def test_pnrgov_round_trip(message: PnrMessage) -> None:
    result = read_pnrgov(write_pnrgov(message))
    assert result.errors == ()
    (back,) = result.messages
    assert back.warnings == ()
    assert back == message


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pnr_messages())
def test_pnrgov_round_trip_with_other_service_characters(message: PnrMessage) -> None:
    result = read_pnrgov(write_pnrgov(message, ODD))
    assert result.errors == ()
    assert result.messages == (message,)


@SETTINGS
@given(paxlst_messages())
def test_paxlst_round_trip(message: PaxlstMessage) -> None:
    result = read_paxlst(write_paxlst(message))
    assert result.errors == ()
    (back,) = result.messages
    assert back.warnings == ()
    assert back == message


@settings(max_examples=25, deadline=None)
@given(paxlst_messages())
def test_paxlst_round_trip_with_other_service_characters(message: PaxlstMessage) -> None:
    result = read_paxlst(write_paxlst(message, ODD))
    assert result.errors == ()
    assert result.messages == (message,)


def test_payer_and_travel_agency_survive_the_round_trip() -> None:
    """IFT 4:43 after FOP names a payer who is not the traveller; ORG of type T
    names the travel agency (both read by risk rules)."""
    from datetime import datetime

    from liaison.domain.passenger import Booking, Leg, Payment, PnrMessage, Traveller
    from liaison.formats import read_pnrgov, write_pnrgov

    leg = Leg("TK", "827", "BEY", "IST", datetime(2026, 11, 23, 6, 0))
    booking = Booking(
        record_locator="AGT001",
        record_locator_owner="TK",
        travel_agency="12345678",
        itinerary=(leg,),
        travellers=(Traveller(surname="HADDAD", given_names="KARIM", reference="1"),),
        payments=(Payment("CC", card_type="VI", masked_number="453957XXXXXX1486", payer="NOUR TRADING LLC"),),
    )
    text = write_pnrgov(PnrMessage(sender="TK", reference="1", flight=leg, bookings=(booking,)))
    (message,) = read_pnrgov(text).messages
    (read,) = message.bookings
    assert read.travel_agency == "12345678"
    assert read.payments[0].payer == "NOUR TRADING LLC"
