"""The JSON of read messages is written from the domain objects' fields: a field added
to a passenger object appears in ``liaison parse``'s output by itself, under its name,
unless docs/formats.md's interface says otherwise."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

import pytest

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
)
from liaison.formats.jsondoc import message_json, to_json

LEG = Leg("KL", "1", "AMS", "JFK", datetime(2026, 1, 1, 9), None, "DL", "2", "Y", "HK")
ADDRESS = Address("H", "1 MAIN ST", "AMSTERDAM", None, "1000", "NL", None)
BAG = Bag(2, "KL", "JFK", 20, "KG", ("T1", "T2"), "1")
TRAVELLER = Traveller(
    "SMIT",
    "ANNA",
    "1",
    "MS",
    TravellerRole.CREW,
    "A",
    True,
    PartialDate(1980, 5),
    Gender.FEMALE,
    documents=(Document("DOCS", "P", "N1", "NLD", None, "NLD", PartialDate(2020), PartialDate(2030, 1, 2)),),
    seats=(Seat("1A", "AMS", "JFK"),),
    addresses=(ADDRESS,),
    frequent_flyers=(FrequentFlyer("KL", "9", "G"),),
    tickets=(Ticket("1", "T", "10", "EUR"),),
    name_as_sent="SMIT/ANNAMS",
    bags=(BAG,),
)
BOOKING = Booking(
    "L1",
    "KL",
    travel_agency="12345678",
    itinerary=(LEG,),
    travellers=(TRAVELLER,),
    contacts=Contacts(("A@B.NL",), (), (ADDRESS,)),
    payments=(Payment("CC", "VI", "411111XXXXXX1111", PartialDate(2027, 1), "10", "EUR", "1", "J DOE"),),
    codeshares=(Codeshare("KL1", "DL2"),),
)


def test_every_field_is_written_under_its_name_but_the_documented_exceptions() -> None:
    document = message_json(PnrMessage("KL", "1", flight=LEG, bookings=(BOOKING,)))
    booking = document["bookings"][0]
    traveller = booking["travellers"][0]
    written = {
        Leg: document["flight"],
        Booking: booking,
        Traveller: traveller,
        Payment: booking["payments"][0],
        Contacts: booking["contacts"],
        Address: traveller["addresses"][0],
        Document: traveller["documents"][0],
        Bag: traveller["bags"][0],
        Seat: traveller["seats"][0],
        FrequentFlyer: traveller["frequent_flyers"][0],
        Ticket: traveller["tickets"][0],
        Codeshare: booking["codeshares"][0],
    }
    renamed = {"is_infant": "infant"}
    left_out = {"payer", "travel_agency"}  # not in docs/formats.md's interface yet
    for cls, value in written.items():
        names = [renamed.get(f.name, f.name) for f in fields(cls) if f.name not in left_out]
        assert sorted(value) == sorted(names), cls.__name__
    assert document["kind"] == "pnr"
    assert list(document)[:9] == [
        "kind", "sender", "reference", "interchange_reference", "recipient", "prepared", "version",
        "format", "flight",
    ]  # fmt: skip
    assert list(traveller)[:8] == [
        "reference", "role", "surname", "given_names", "title", "name_as_sent", "passenger_type", "infant",
    ]  # fmt: skip
    assert (traveller["role"], traveller["gender"], traveller["infant"]) == ("crew", "F", True)
    assert (traveller["birth_date"], document["flight"]["departure"]) == ("1980-05", "2026-01-01T09:00:00")
    assert traveller["bags"][0]["tags"] == ["T1", "T2"]
    assert booking["payments"][0]["masked_number"] == "411111XXXXXX1111"


def test_a_paxlst_message_is_written_as_one() -> None:
    document = message_json(
        PaxlstMessage("KL", "P1", document_type="745", legs=(LEG,), travellers=(TRAVELLER,))
    )
    assert document["kind"] == "paxlst"
    assert list(document)[-4:] == ["document_type", "legs", "travellers", "warnings"]
    assert document["travellers"][0] == to_json(TRAVELLER)


def test_a_value_with_no_json_form_is_refused() -> None:
    with pytest.raises(TypeError, match="no JSON form for complex"):
        to_json(1j)
