"""PNRGOV XML whose bytes are not all in its declared encoding: each run of such bytes is read on
its own (formats/xml_charset.py), every PNR is kept, and a warning names where, never the value."""

from __future__ import annotations

import re

from liaison.formats import read_pnrgov_xml
from liaison.formats.charsets import windows_1252
from liaison.formats.pnrgov_xml import iter_pnrgov_xml
from liaison.formats.xml_charset import repair
from tests.formats.xml_messages import FLIGHT, notification, passenger, ref


def _pnrs(count: int) -> list[str]:
    return [ref(f"L{i:05d}") + FLIGHT + passenger("1", f"SURNAME{i}", "ANNA") for i in range(count)]


def test_a_latin1_byte_in_a_utf8_notification_keeps_every_pnr_and_warns_on_that_one() -> None:
    data = notification(*_pnrs(4))
    data = data.replace(b"SURNAME1", "MÜLLER".encode("latin-1")).replace(b"SURNAME2", "ŁÓDŹ".encode())
    result = read_pnrgov_xml(data)
    assert result.errors == ()
    (message,) = result.messages
    names = [b.travellers[0].surname for b in message.bookings]
    assert names == ["SURNAME0", "MÜLLER", "ŁÓDŹ", "SURNAME3"]
    (warning,) = message.warnings
    assert warning.startswith("PNR L00001: PNRs/PNR[2]: bytes not valid UTF-8 at line 2 in <Surname>")
    assert "Windows-1252" in warning
    assert "LLER" not in warning  # the value is never quoted
    assert message.bookings[1].warnings == (warning,)
    assert [b.warnings for b in message.bookings if b.record_locator != "L00001"] == [(), (), ()]


def test_bytes_outside_any_pnr_warn_on_the_notification_naming_line_and_element() -> None:
    comment = b'SystemCode="1A"/>\n<!-- r\xe9sum\xe9 -->\n'
    data = notification(*_pnrs(2)).replace(b'SystemCode="1A"/>', comment, 1)
    data = data.replace(b"<PNRs", b'<Note Text="caf\xe9"/><PNRs', 1)
    (message,) = read_pnrgov_xml(data).messages
    assert len(message.bookings) == 2
    (warning,) = message.warnings
    assert "3 runs of bytes not valid UTF-8 at line 3 in a comment, line 4 in <Note>;" in warning
    assert "sum" not in warning
    assert "caf" not in warning


def test_each_notification_of_a_wrapper_carries_its_own_repairs() -> None:
    one = notification(*_pnrs(2)).split(b"?>", 1)[1]
    two = notification(*_pnrs(3)).split(b"?>", 1)[1].replace(b'EchoToken="N1"', b'EchoToken="N2"')
    two = two.replace(b"SURNAME2", b"SCH\xd6N")
    data = b'<?xml version="1.0"?><Batch>' + one + two + b"</Batch>"
    result = read_pnrgov_xml(data)
    assert result.errors == ()
    first, second = result.messages
    assert first.warnings == ()
    assert [b.travellers[0].surname for b in second.bookings][2] == "SCHÖN"
    (warning,) = second.warnings
    assert warning.startswith("PNR L00002: PNRs/PNR[3]: ")


def test_a_single_byte_declaration_is_kept_and_undefined_bytes_become_character_references() -> None:
    ascii_doc = notification(*_pnrs(2)).replace(b'encoding="UTF-8"', b'encoding="US-ASCII"')
    ascii_doc = ascii_doc.replace(b"SURNAME0", "MÜLLER".encode())  # UTF-8 where ASCII is declared
    cp1252_doc = notification(*_pnrs(2)).replace(b'encoding="UTF-8"', b'encoding="windows-1252"')
    cp1252_doc = cp1252_doc.replace(b"SURNAME0", b"M\xdcLLER").replace(b"<PNRs", b"<!-- \x81 --><PNRs")
    (ascii_message,) = read_pnrgov_xml(ascii_doc).messages
    assert ascii_message.bookings[0].travellers[0].surname == "MÜLLER"
    assert "not valid US-ASCII" in ascii_message.warnings[0]
    assert "read as UTF-8" in ascii_message.warnings[0]
    assert b"M&#xDC;LLER" in repair(ascii_doc).data
    (cp1252_message,) = read_pnrgov_xml(cp1252_doc).messages
    assert [b.travellers[0].surname for b in cp1252_message.bookings] == ["MÜLLER", "SURNAME1"]
    (warning,) = cp1252_message.warnings  # 0x81 is undefined in Windows-1252
    assert warning.startswith("bytes not valid windows-1252 at line 2 in a comment;")


def test_a_document_that_decodes_is_not_copied_and_other_faults_are_still_errors() -> None:
    clean = notification(*_pnrs(2)).replace(b"SURNAME0", "MÜLLER".encode())
    assert repair(clean).data is clean
    assert repair(clean).spots == {}
    broken = notification(*_pnrs(2)).replace(b"SURNAME1", b"A & B")
    (error,) = read_pnrgov_xml(broken).errors
    assert error.code == "xml-not-well-formed"


def test_runs_are_found_across_the_megabyte_chunks_of_a_large_document() -> None:
    """A valid character astride the first megabyte, a bad lead byte ending the second, and a raw
    Latin-1 byte in every seventh of 6,000 surnames: the repair is exactly the per-run reading."""
    head, tail = notification(*_pnrs(6000)).split(b"<PNRs", 1)
    note = bytearray(b"a" * (2 << 20))
    start = len(head) + len(b'<Note Text="')
    note[(1 << 20) - 1 - start : (1 << 20) + 1 - start] = "É".encode()
    note[(2 << 20) - 2 - start] = 0xE9
    data = head + b'<Note Text="' + bytes(note) + b'"/><PNRs' + tail
    data = re.sub(
        rb"SURNAME(\d+)(?=<)",
        lambda m: b"S\xdcN\xe9" + m.group(1) if int(m.group(1)) % 7 == 0 else m.group(0),
        data,
    )
    expected = re.sub(
        "[\udc80-\udcff]+",
        lambda m: windows_1252(m.group(0).encode("utf-8", "surrogateescape")),
        data.decode("utf-8", "surrogateescape"),
    ).encode()
    repaired = repair(data)
    assert bytes(repaired.data) == expected
    assert sum(spot.count for spot in repaired.spots.values()) == 1 + 2 * len(range(0, 6000, 7))
    parts = [p for p in iter_pnrgov_xml(data, chunk=1000) if not isinstance(p, Exception)]
    bookings = [b for p in parts for b in p.bookings]
    assert len(bookings) == 6000
    assert bookings[7].travellers[0].surname == "SÜNÉ7"
    assert sum(1 for b in bookings if b.warnings) == len(range(0, 6000, 7))
    assert "line 2 in <Note>" in parts[0].warnings[0]
