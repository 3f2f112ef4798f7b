"""PNRGOV XML is streamed: parts of at most ``chunk`` bookings, merged back by
``read_pnrgov_xml``; hostile XML is still refused."""

from __future__ import annotations

import pytest

from liaison.domain.passenger import PnrMessage
from liaison.formats import iter_message_bytes, read_message_bytes
from liaison.formats.errors import ParseError
from liaison.formats.pnrgov_xml import iter_pnrgov_xml, read_pnrgov_xml

from .xml_messages import FLIGHT, notification, passenger, ref


def pnrs(n: int) -> list[str]:
    return [ref(f"L{i:05d}") + passenger("1", f"PAX{i}", "A") + FLIGHT for i in range(n)]


def test_parts_of_at_most_chunk_bookings_with_the_same_header() -> None:
    data = notification(*pnrs(7), count=8)
    items = list(iter_pnrgov_xml(data, chunk=3))
    assert all(isinstance(i, PnrMessage) for i in items)
    parts = [i for i in items if isinstance(i, PnrMessage)]
    assert [len(p.bookings) for p in parts] == [3, 3, 1]
    assert {(p.reference, p.sender, p.flight) for p in parts} == {(parts[0].reference, "XA", parts[0].flight)}
    assert [p.warnings for p in parts] == [(), (), ("PNRs/@NumberOfPnrs says 8 PNRs, the message has 7",)]
    assert list(iter_message_bytes(data, chunk=3)) == items


def test_read_merges_the_parts_of_one_notification_back() -> None:
    data = notification(*pnrs(1200))
    (message,) = read_pnrgov_xml(data).messages
    assert len(message.bookings) == 1200
    assert [b.record_locator for b in message.bookings] == [f"L{i:05d}" for i in range(1200)]
    assert message == read_message_bytes(data).messages[0]


def test_several_notifications_in_a_wrapper_are_several_messages() -> None:
    one = notification(*pnrs(2)).split(b"?>", 1)[1]
    two = notification(*pnrs(3)).split(b"?>", 1)[1].replace(b'EchoToken="N1"', b'EchoToken="N2"')
    data = b"<Batch><Header/>" + one + two + b"</Batch>"
    result = read_pnrgov_xml(data)
    assert [(m.reference, len(m.bookings)) for m in result.messages] == [("N1", 2), ("N2", 3)]
    assert result.errors == ()


def test_xml_cut_short_keeps_the_pnrs_read_and_says_where_it_broke() -> None:
    data = notification(*pnrs(5))
    cut = data[: data.index(b"L00003")]
    result = read_pnrgov_xml(cut)
    (message,) = result.messages
    assert [b.record_locator for b in message.bookings] == ["L00000", "L00001", "L00002"]
    (error,) = result.errors
    assert error.code == "xml-not-well-formed"
    assert "line 2" in error.reason


def test_a_document_that_is_not_pnrgov_is_refused() -> None:
    result = read_pnrgov_xml(b"<OTA_AirBookRQ><PNR/></OTA_AirBookRQ>")
    assert result.messages == ()
    (error,) = result.errors
    assert (error.code, error.reason) == (
        "xml-not-pnrgov",
        "root element is 'OTA_AirBookRQ', not IATA_PNRGOV_NotifRQ",
    )


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b"<IATA_PNRGOV_NotifRQ><PNRs><PNR>&lol3;</PNR></PNRs></IATA_PNRGOV_NotifRQ>"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<IATA_PNRGOV_NotifRQ><PNRs><PNR><BookingRefID ID="&xxe;"/></PNR></PNRs></IATA_PNRGOV_NotifRQ>'
)
EXTERNAL_DTD = (
    b'<?xml version="1.0"?><!DOCTYPE IATA_PNRGOV_NotifRQ SYSTEM "http://example.org/pnrgov.dtd">'
    b"<IATA_PNRGOV_NotifRQ/>"
)


@pytest.mark.parametrize(
    "data", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD], ids=["laughs", "xxe", "dtd"]
)
def test_hostile_xml_is_refused(data: bytes) -> None:
    items = list(iter_pnrgov_xml(data))
    assert len(items) == 1
    (error,) = items
    assert isinstance(error, ParseError)
    assert error.code == "xml-unsafe"
    assert read_message_bytes(data).messages == ()


def test_an_undeclared_entity_is_not_well_formed() -> None:
    (error,) = read_pnrgov_xml(b"<IATA_PNRGOV_NotifRQ>&lol;</IATA_PNRGOV_NotifRQ>").errors
    assert error.code == "xml-not-well-formed"
