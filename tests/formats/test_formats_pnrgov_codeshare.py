"""Codeshares: the operating flight comes in ``TRA`` (PNRGOV 13 onwards) or in a
follow-up ``TVL+++++624``; both give the leg's operating carrier and flight number
and a ``codeshares`` entry."""

from __future__ import annotations

from liaison.domain.passenger import Codeshare
from liaison.formats import read_pnrgov
from liaison.formats.jsondoc import message_json
from tests.formats.test_formats_pnrgov_elements import pnrgov

HEAD = "SRC'RCI+SQ:CSH001::010124:1200'TIF+TAN+MEI LING MS:A:1'"


def test_tra_gives_the_operating_flight_of_a_codeshare() -> None:
    pnr = HEAD + "TVL+050324:2235:060324:0615+SIN+CPH+SQ:SK+5678:C'TRA+SK+1524'RPI+1+HK'"
    result = read_pnrgov(pnrgov(pnr))
    assert result.errors == ()
    [booking] = result.messages[0].bookings
    [leg] = booking.itinerary
    assert (leg.carrier, leg.flight_number, leg.operating_carrier, leg.operating_flight_number) == (
        "SQ",
        "5678",
        "SK",
        "1524",
    )
    assert leg.status == "HK"
    assert booking.codeshares == (Codeshare("SQ5678", "SK1524"),)
    assert booking.warnings == ()
    doc = message_json(result.messages[0])["bookings"][0]
    assert doc["codeshares"] == [{"marketing": "SQ5678", "operating": "SK1524"}]


def test_tra_names_the_operating_carrier_when_tvl_does_not() -> None:
    pnr = HEAD + "TVL+050324:2235:060324:0615+SIN+CPH+SQ+5678:C'TRA+SK+1524:C'"
    [booking] = read_pnrgov(pnrgov(pnr)).messages[0].bookings
    [leg] = booking.itinerary
    assert (leg.operating_carrier, leg.operating_flight_number) == ("SK", "1524")
    assert booking.codeshares == (Codeshare("SQ5678", "SK1524"),)


def test_tra_and_follow_up_tvl_on_several_legs_and_on_the_pushed_flight() -> None:
    pnr = (
        HEAD
        + "TVL+050324:2235:060324:0615+SIN+CPH+SQ:SK+5678'TRA+SK+1524'"
        + "TVL+060324:0800:060324:0900+CPH+OSL+SQ:SK+9012'TVL+++++1466'"
        + "TVL+070324:0800:070324:0900+OSL+CPH+SK+1467'"
    )
    data = pnrgov(pnr, flight="TVL+050324:2235:060324:0615+SIN+CPH+SQ:SK+5678'TRA+SK+1524'")
    [message] = read_pnrgov(data).messages
    assert message.flight is not None
    assert (message.flight.operating_carrier, message.flight.operating_flight_number) == ("SK", "1524")
    [booking] = message.bookings
    assert [(leg.operating_carrier, leg.operating_flight_number) for leg in booking.itinerary] == [
        ("SK", "1524"),
        ("SK", "1466"),
        (None, None),
    ]
    assert booking.codeshares == (Codeshare("SQ5678", "SK1524"), Codeshare("SQ9012", "SK1466"))
