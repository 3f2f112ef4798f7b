"""PNRGOV XML and the register imports."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from liaison.domain.codes import Gender, MessageFormat
from liaison.domain.dates import PartialDate
from liaison.formats import detect_format, read_message_bytes
from liaison.formats.pnrgov_xml import read_pnrgov_xml
from liaison.formats.registers import (
    read_ftm_jsonl,
    read_screening_csv,
    read_un_consolidated_xml,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
SCREENING = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "screening"


def test_pnrgov_xml_reads_into_the_same_objects() -> None:
    data = (FIXTURES / "pnrgov_notif.xml").read_bytes()
    assert detect_format(data) is MessageFormat.PNRGOV_XML
    result = read_pnrgov_xml(data)
    (message,) = result.messages
    assert (message.sender, message.reference, message.version) == ("XA", "XML0001", "13.1")
    assert message.format is MessageFormat.PNRGOV_XML
    assert message.flight is not None
    assert message.flight.origin == "CDG"
    b = message.bookings[0]
    assert (b.record_locator, b.record_locator_owner) == ("XMLPN1", "XA")
    assert b.created == datetime(2024, 2, 1, 8, 0)
    (t,) = b.travellers
    assert (t.surname, t.given_names, t.title) == ("WEBER", "ANNA", "MRS")
    assert t.birth_date == PartialDate(1983, 8, 12)
    assert t.gender is Gender.FEMALE
    (doc,) = t.documents
    assert (doc.number, doc.issuing_country, doc.expiry) == ("C01X00T47", "DEU", PartialDate(2031, 1, 31))
    assert [(s.number, s.origin, s.destination) for s in t.seats] == [("23C", "CDG", "JFK")]
    (pay,) = b.payments
    # a clear card number in the input never reaches the domain object
    assert pay.masked_number == "411111XXXXXX1111"
    assert (pay.amount, pay.currency, pay.expiry) == ("640.20", "EUR", PartialDate(2027, 9))
    (leg,) = b.itinerary
    assert (leg.carrier, leg.flight_number, leg.operating_carrier, leg.operating_flight_number) == (
        "XB",
        "7001",
        "XA",
        "123",
    )
    assert [(c.marketing, c.operating) for c in b.codeshares] == [("XB7001", "XA123")]
    assert b.contacts.emails == ("anna.weber@example.org",)
    assert b.contacts.addresses[0].country == "FR"
    # an unreadable date loses the date, not the PNR
    assert result.errors == ()
    broken = message.bookings[1]
    assert (broken.record_locator, broken.created, broken.travellers[0].surname) == ("XMLPN2", None, "BROKEN")
    assert broken.warnings == (
        "PNR XMLPN2: PNRs/PNR[2]/@PNR_CreationDate: 'not a date' is not an ISO 8601 date-time; left empty",
    )
    assert message.warnings == broken.warnings


@pytest.mark.parametrize(
    "data",
    [
        b"<IATA_PNRGOV_NotifRQ><unclosed>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        b"<IATA_PNRGOV_NotifRQ>&a;</IATA_PNRGOV_NotifRQ>",
        b"<Something/>",
    ],
)
def test_bad_or_unsafe_xml_is_a_parse_error(data: bytes) -> None:
    result = read_message_bytes(data)
    assert result.messages == ()
    assert len(result.errors) == 1


def test_ftm_json_lines() -> None:
    result = read_ftm_jsonl((FIXTURES / "ftm_sample.jsonl").read_bytes())
    (maria,) = result.messages
    assert maria.name == "Maria Example"
    assert maria.aliases == ("Mariya Eksampl",)
    assert (maria.first_name, maria.last_name, maria.gender) == ("Maria", "Example", Gender.FEMALE)
    assert maria.birth_dates == (PartialDate(1979, 3), PartialDate(1979, 3, 4))
    assert maria.nationalities == ("FRA",)
    assert [(d.kind, d.number, d.country) for d in maria.documents] == [
        ("passport", "09AB12345", None),
        ("passport", "17CD99999", "DEU"),
        ("id", "ID-5555", "FRA"),
    ]
    bad_line, bad_date = result.errors
    assert bad_line.segment_index == 3
    assert bad_line.element == "json"
    data = (FIXTURES / "ftm_sample.jsonl").read_bytes()
    assert bad_line.byte_offset == data.index(b"not json")
    assert bad_date.element == "properties.birthDate"
    assert bad_date.tag == "p-2"


def test_un_consolidated_list() -> None:
    result = read_un_consolidated_xml((FIXTURES / "un_consolidated_sample.xml").read_bytes())
    (person,) = result.messages
    assert (person.source_id, person.name) == ("900001", "AHMAD KARIMI")
    assert person.aliases == ("Ahmed Kareemi",)
    assert person.birth_dates == (PartialDate(1970, 5, 1), PartialDate(1971))
    assert person.gender is Gender.MALE
    assert person.birth_place == "Example City, Exampleland"
    assert [(d.kind, d.number) for d in person.documents] == [("passport", "E1234567")]
    (err,) = result.errors
    assert err.tag == "900002"
    assert "yesterday" in err.reason


def test_screening_csv_small() -> None:
    data = (
        b"full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n"
        b"Patricia Lucas Wheeler,Patricia,Lucas,Wheeler,female,2002-07-14,Dar es Salaam,Ethiopia\n"
        b'"SALEK, ABDULHAI",,,,,1965,"Awlyatak Village, Afghanistan",af\n'
        b",,,,,,,\n"
        b"Bad Date,,,,,1965-13-01,,\n"
    )
    result = read_screening_csv(data)
    wheeler, salek = result.messages
    assert (wheeler.first_name, wheeler.middle_name, wheeler.gender) == ("Patricia", "Lucas", Gender.FEMALE)
    assert wheeler.birth_dates == (PartialDate(2002, 7, 14),)
    assert salek.name == "SALEK, ABDULHAI"
    assert salek.birth_dates == (PartialDate(1965),)
    assert salek.nationalities == ("AFG",)
    empty, bad = result.errors
    assert empty.element == "full_name"
    assert bad.element == "date_of_birth"
    assert read_screening_csv(b"name,dob\nx,1\n").errors[0].element == "header"


@pytest.mark.skipif(not SCREENING.is_dir(), reason=f"screening fixtures not found at {SCREENING}")
def test_screening_csv_fixtures_are_read_whole() -> None:
    result = read_screening_csv((SCREENING / "positives_un_untreated.csv").read_bytes())
    assert result.errors == ()
    assert len(result.messages) == 683
    assert result.messages[0].name == "ABDULHAI SALEK"
