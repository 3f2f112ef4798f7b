"""Every GTAS sample message, read with the values a careful reading gives."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from liaison.domain.codes import Gender, TravellerRole
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, PaxlstMessage, PnrMessage, Traveller
from liaison.formats import read_paxlst, read_pnrgov

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GTAS = SHARED / "fixtures" / "pnr" / "gtas"
PNR_DIR = GTAS / "pnr-messages"
APIS_DIR = GTAS / "apis-messages"

pytestmark = pytest.mark.skipif(
    not GTAS.is_dir(), reason=f"GTAS sample messages not found at {GTAS} (../shared is absent)"
)


def pnr(name: str) -> PnrMessage:
    result = read_pnrgov((PNR_DIR / name).read_bytes())
    assert len(result.messages) == 1
    return result.messages[0]


def booking(message: PnrMessage, locator: str) -> Booking:
    return next(b for b in message.bookings if b.record_locator == locator)


def person(b: Booking, surname: str, given: str | None = None) -> Traveller:
    return next(t for t in b.travellers if t.surname == surname and (given is None or t.given_names == given))


def test_every_pnr_sample_is_read_and_only_damaged_ones_report_errors() -> None:
    damaged = {"pnrBadFormat.txt", "pnrMessagePg75.txt"}
    files = sorted(PNR_DIR.iterdir())
    assert len(files) == 25
    for path in files:
        result = read_pnrgov(path.read_bytes())
        assert result.messages, path.name
        assert all(m.bookings for m in result.messages), path.name
        assert bool(result.errors) == (path.name in damaged), (path.name, result.errors)


def test_two_pnrs_basic() -> None:
    m = pnr("2_pnrs_basic.edi")
    assert (m.sender, m.reference, m.version) == ("DL", "1", "10:1")
    assert m.flight is not None
    assert (m.flight.carrier, m.flight.flight_number, m.flight.origin, m.flight.destination) == (
        "DL",
        "324",
        "LHR",
        "JFK",
    )
    assert [b.record_locator for b in m.bookings] == ["MFN4TI", "23456"]
    first = booking(m, "MFN4TI")
    assert first.split_record_locators == ("ABCDEF",)
    assert [(x.carrier, x.flight_number, x.origin, x.destination) for x in first.itinerary] == [
        ("DL", "324", "LHR", "JFK"),
        ("DL", "330", "JFK", "YVR"),
    ]
    assert first.itinerary[0].departure == datetime(2010, 12, 12, 9, 15)
    assert first.itinerary[0].arrival == datetime(2010, 12, 12, 12, 30)
    smith = person(first, "SMITHJR")
    assert (smith.given_names, smith.title, smith.reference) == ("JOHN", "MR", "1")
    assert smith.birth_date == PartialDate(1964, 7, 12)
    assert smith.gender is Gender.MALE
    (doc,) = smith.documents
    assert (doc.kind, doc.type, doc.number, doc.issuing_country, doc.nationality) == (
        "DOCS",
        "P",
        "123456789",
        "GBR",
        "GBR",
    )
    assert doc.expiry == PartialDate(2019, 8, 23)
    assert [(s.number, s.origin, s.destination) for s in smith.seats] == [
        ("15A", "LHR", "JFK"),
        ("15E", "JFK", "YVR"),
    ]
    jones = person(first, "JONES")
    assert [s.number for s in jones.seats] == ["15B", "15F"]
    assert jones.documents == ()  # the DOCS gives only nationality and birth date
    assert jones.nationality == "GBR"
    assert [(f.airline, f.number, f.tier) for f in smith.frequent_flyers] == [("DL", "1234567890", "ELITE")]
    assert first.contacts.phones == ("00115555555555", "00441753637285", "7705632891")
    street = first.contacts.addresses[0]
    assert (street.street, street.city, street.postal_code, street.country) == (
        "45 HIGHSTREET",
        "SLOUGH",
        "SL1AA",
        "GB",
    )
    pay = first.payments[0]
    assert (pay.type, pay.card_type, pay.masked_number, pay.amount, pay.currency) == (
        "CC",
        "VI",
        "XXXXXXXX1186",
        "2957.94",
        "GBP",
    )
    assert pay.expiry == PartialDate(2011, 2)
    # the history (SAC/ABI) repeats legs and a misspelt traveller: never current data
    second = booking(m, "23456")
    assert [t.surname for t in second.travellers] == ["WAYNE", "COOPER"]
    assert second.contacts.addresses[0].postal_code == "SL1AA"
    cooper = person(second, "COOPER")
    assert [p.card_type for p in second.payments] == ["VI", "DC"]
    assert cooper.seats[0].number == "17B"


def test_the_one_line_copy_reads_the_same() -> None:
    one_line = pnr("pnrMessage.txt").bookings[0]
    wrapped = pnr("pnr1.txt").bookings[0]
    assert one_line.itinerary == wrapped.itinerary
    assert [t.surname for t in one_line.travellers] == ["SMITHJR", "JONES"]
    assert one_line.payments == wrapped.payments


def test_three_pnrs_group_infant_and_doca() -> None:
    m = pnr("3_pnrs.edi")
    assert [b.record_locator for b in m.bookings] == ["W9TEND", "D1RGHI", "GBFKSK"]
    w = booking(m, "W9TEND")
    assert w.created == datetime(2013, 5, 23, 18, 13, 48)
    kevin = person(w, "VANDENBERG")
    assert kevin.given_names == "KEVINMICHAEL"
    assert kevin.documents[0].number == "548721687"
    assert w.payments[0].type == "CA"
    assert (w.payments[0].amount, w.payments[0].currency) == ("1999.99", "SGD")
    assert [(x.flight_number, x.origin, x.destination) for x in w.itinerary] == [
        ("0006", "SIN", "OOL"),
        ("0005", "OOL", "SIN"),
    ]
    d = booking(m, "D1RGHI")
    assert [(x.carrier, x.flight_number) for x in d.itinerary] == [
        ("BA", "0011"),
        ("TZ", "0006"),
        ("TZ", "0005"),
        ("BA", "0012"),
    ]
    archer = person(d, "DYE", "ARCHER")
    assert archer.is_infant
    assert archer.birth_date == PartialDate(2012, 4, 15)
    assert archer.gender is Gender.MALE
    kayla = person(d, "DYE", "KAYLA")
    assert [(s.number, s.origin, s.destination) for s in kayla.seats] == [
        ("54B", "SIN", "OOL"),
        ("54B", "OOL", "SIN"),
    ]
    dolan = person(d, "DYE", "DOLAN")
    assert dolan.addresses[0].street == "13 SHORE AVENUE"
    assert dolan.addresses[0].country == "AUS"
    assert dolan.frequent_flyers[0].number == "438QZ99"
    g = booking(m, "GBFKSK")
    assert g.group_name == "ACME TEAM PARTY"
    assert len(g.travellers) == 9
    assert person(g, "CAPSON", "HUNTER").birth_date == PartialDate(1992, 4, 27)


def test_infant_documents_move_from_the_adult_to_the_infant() -> None:
    b = pnr("infant.edi").bookings[0]
    assert b.record_locator == "3PGZOV"
    mother = person(b, "BELT", "ISABELLE")
    sophy = person(b, "BELT", "SOPHY")
    assert [d.number for d in mother.documents] == ["509229987"]
    assert [d.number for d in sophy.documents] == ["512731999"]
    assert sophy.is_infant
    assert sophy.birth_date == PartialDate(2012, 9, 20)
    assert mother.seats[0].number == "11D"
    (bag,) = b.bags
    assert (bag.count, bag.weight, bag.weight_unit, bag.destination) == (3, 33, "KG", "ICN")
    assert len(b.history) > 40

    adult = pnr("adult_and_infant.edi").bookings[0]
    infant = next(t for t in adult.travellers if t.is_infant)
    assert infant.documents[0].number == "AO234000"
    assert infant.gender is Gender.FEMALE


def test_codeshare_and_reservation_reference() -> None:
    m = pnr("codeshare.edi")  # its UNA leaves out the decimal mark
    park = booking(m, "2LS6KP")
    assert (park.reservation_reference_owner, park.reservation_reference) == ("KE", "EDP2RW")
    leg = park.itinerary[0]
    assert (leg.carrier, leg.flight_number, leg.operating_carrier) == ("KE", "609", "SQ")
    assert leg.operating_flight_number == "303"
    assert [(c.marketing, c.operating) for c in park.codeshares] == [("KE609", "SQ303")]
    assert person(park, "PARK").seats[0].number == "39G"
    assert park.bags[0].tags == ("6181026000001", "6181026000002")
    kim = booking(m, "X49V9U")
    assert person(kim, "KIM").seats[0].number == "14A"

    legs = pnr("multiple_flight_leg_pnr.txt").bookings[0].itinerary
    assert [(x.carrier, x.flight_number, x.operating_carrier, x.operating_flight_number) for x in legs] == [
        ("UA", "989", None, None),
        ("UA", "8749", "LH", "624"),
        ("UA", "8750", "LH", "625"),
        ("UA", "988", None, None),
    ]


def test_contacts_emails_and_release_character() -> None:
    b = pnr("pnrAddressPhoneCTCM.txt").bookings[0]
    assert b.contacts.emails == ("MOLLY_LONT+50BB@GMAIL.COM",)
    assert b.contacts.phones == ("8675309", "5432109876")
    d = pnr("danglingMetaCharacter.txt").bookings[0]  # separators - and *
    assert d.contacts.emails == ("REUBEN_SERIO@GMAIL.COM",)
    assert "SEA 866 746-4647 CARLSON WAGONLIT TVL" in d.contacts.phones
    assert d.payments[0].type == "MS"
    assert d.bags[0].tags == ("VS48521",)
    assert person(d, "SERIO").seats[0].number == "1A"
    split = pnr("pnr_split.edi")
    assert [b.record_locator for b in split.bookings] == ["ICOXXX", "BJOXXX"]
    assert split.bookings[1].split_record_locators == ("ZLMXXX",)
    assert "MEX01 81 8336 6900 H" in split.bookings[0].contacts.phones


def test_bags_and_payments_of_a_five_traveller_booking() -> None:
    b = pnr("pnrMessageExample.txt").bookings[0]
    assert b.record_locator == "7C789A"
    assert len(b.travellers) == 5
    assert [p.masked_number for p in b.payments] == [
        "372395XXXXX9581",
        "XXXXXXXXXXXX2826",
        "XXXXXXXXXXXX4649",
        None,
        "XXXXXXXXXXXX8193",
    ]
    habte = next(x for x in b.bags if x.traveller_reference == "5")
    assert (habte.count, habte.weight, habte.tags[0], habte.destination) == (
        4,
        24,
        "ET0853",
        "FRA",
    )
    assert [s.number for s in person(b, "BOLOGNA").seats] == ["1A"]
    assert "LUCA.EULENBERGER@YAHOO.COM" in b.contacts.emails


def test_big_messages() -> None:
    big = read_pnrgov((PNR_DIR / "pnrWithBags.txt").read_bytes())
    assert not big.errors
    assert len(big.messages[0].bookings) == 127
    bigbig = read_pnrgov((PNR_DIR / "bigbigPnr.txt").read_bytes())
    assert len(bigbig.messages[0].bookings) == 47


def test_damaged_samples_keep_the_readable_pnrs() -> None:
    bad = read_pnrgov((PNR_DIR / "pnrBadFormat.txt").read_bytes())
    assert bad.messages[0].bookings[0].record_locator == "35K2IO"
    (err,) = bad.errors
    assert err.tag == "UNZ"
    assert err.element == "UNZ 02"
    assert err.byte_offset == (PNR_DIR / "pnrBadFormat.txt").read_bytes().index(b"UNZ+")
    # X49V9U's only TIF is swallowed by an unterminated ORG: the PNR is kept, the traveller that its
    # leg names is an error, and her seat and DOCS (reference 3) are warnings
    pg75 = read_pnrgov((PNR_DIR / "pnrMessagePg75.txt").read_bytes())
    assert [b.record_locator for b in pg75.messages[0].bookings] == ["2LS6KP", "X49V9U"]
    (err,) = pg75.errors
    assert (err.tag, err.element, err.code) == ("TIF", "TIF 01:1", "traveller-not-read")
    assert "X49V9U" in err.reason
    assert "(reference '3')" in err.reason
    x49 = pg75.messages[0].bookings[1]
    assert x49.travellers == ()
    assert any("seat 14A is for traveller reference '3'" in w for w in x49.warnings)


def apis(name: str) -> PaxlstMessage:
    result = read_paxlst((APIS_DIR / name).read_bytes())
    assert len(result.messages) == 1
    return result.messages[0]


def test_paxlst_crew_list() -> None:
    m = apis("Test1.txt")
    assert m.document_type == "250"
    assert len(m.travellers) == 8
    assert all(t.role is TravellerRole.CREW for t in m.travellers)
    (leg,) = m.legs
    assert (leg.carrier, leg.flight_number, leg.origin, leg.destination) == (
        "UA",
        "0989",
        "FRA",
        "IAD",
    )
    assert leg.departure == datetime(2017, 1, 27, 17, 25)
    steur = m.travellers[0]
    assert (steur.surname, steur.given_names, steur.gender) == ("STEUR", "ANDREA PAT", Gender.FEMALE)
    assert steur.birth_date == PartialDate(1978, 7, 6)
    assert (steur.residence_country, steur.birth_place) == ("GBR", "Hartford USA")
    assert steur.documents[0].number == "123456789"
    assert steur.documents[0].issuing_country == "GBR"


def test_paxlst_passengers_and_legs() -> None:
    m = apis("Test3.txt")
    assert len(m.travellers) == 260
    assert m.travellers[0].surname == "KUCHEL"
    assert m.travellers[0].documents[0].expiry == PartialDate(2019, 12, 18)
    a2 = apis("airline2.edi")  # separators * and $
    assert [t.surname for t in a2.travellers][:3] == ["BETTON", "TRIBBLE", "RIDER"]
    assert (a2.legs[0].carrier, a2.legs[0].flight_number) == ("TN", "506")
    assert a2.travellers[0].references == ("AVF:QXGYLO",)
    multi = apis("multiple_flight_leg_apis.txt")
    assert [(x.flight_number, x.origin, x.destination) for x in multi.legs] == [
        ("877", "MIA", "IAD"),
        ("827", "IAD", "JFK"),
        ("827", "JFK", "CDG"),
    ]
    barrett = multi.travellers[0]
    assert (barrett.embarkation, barrett.debarkation, barrett.nationality) == ("MIA", "CDG", "FRA")
    assert barrett.documents[0].number == "YY3478621G"
    small = apis("apisMessage.txt")
    assert [(x.flight_number, x.origin, x.destination) for x in small.legs] == [
        ("123", "ATL", "ORD"),
        ("124", "ORD", "JFK"),
    ]
    assert [t.given_names for t in small.travellers] == ["MICHAEL", "CHERYL"]


def test_trailing_note_after_the_interchange_is_reported() -> None:
    result = read_paxlst((APIS_DIR / "multiple_flight_leg_apis.txt").read_bytes())
    assert len(result.messages[0].travellers) == 2
    (err,) = result.errors
    assert err.code == "text-after-interchange"
    assert "13NOV09" not in str(err), "text where a tag should be is described, not quoted"
    assert "(7 characters of text)" in err.reason


def test_electronic_ticket_numbers_from_ssr_tkne() -> None:
    d = booking(pnr("3_pnrs.edi"), "D1RGHI")
    assert [k.number for k in person(d, "DYE", "DOLAN").tickets] == ["9631270001234"]
    assert [k.number for k in person(d, "DYE", "ARCHER").tickets] == ["9631270001236"]
    # a 14-digit number in free text is not cut to 13 digits
    assert [k.number for k in pnr("pnr4.txt").bookings[0].travellers[0].tickets] == ["03751019954019"]
