"""Character sets: each value is settled on its own (a UTF-8 file with one Latin-1
name keeps every other name), after what UNB declares, with a warning naming the
segment, the element and the PNR whenever a value was guessed or repaired; UTF-16
is recognised everywhere; byte offsets count bytes of the input."""

from __future__ import annotations

import codecs

import pytest

from liaison.domain.codes import MessageFormat
from liaison.formats import detect_format, read_message_bytes, read_paxlst, read_pnrgov
from liaison.formats.charsets import undo_mojibake
from liaison.formats.edifact import decode_interchange
from liaison.formats.envelope import interchange_reference


def pnrgov(*pnrs: str, syntax: str = "IATA:1") -> str:
    segments = ["UNH+MSG42+PNRGOV:11:1:IA'", "MSG+:22'", "ORG+XX'", f"EQN+{len(pnrs)}'", *pnrs]
    count = sum(s.count("'") for s in segments) + 1
    text = f"UNA:+.? 'UNB+{syntax}+XX+YY+260313:0630+ICR1'" + "".join(segments)
    return text + f"UNT+{count}+MSG42'UNZ+1+ICR1'"


MULLER = "SRC'RCI+XX:ENC001'TIF+MÜLLER+JÜRGEN:A:1'"
SOREN = "SRC'RCI+XX:ENC002'TIF+SØRENSEN+SØREN:A:1'"
# A PNR that cannot be read at all: its record locator is empty.
BAD = "SRC'RCI+XX:'TIF+ROE+RICHARD:A:1'TVL+311299:1200+CDG+JFK+XX+1'"


def names(data: bytes) -> list[tuple[str, str | None]]:
    result = read_pnrgov(data)
    return [(t.surname, t.given_names) for m in result.messages for b in m.bookings for t in b.travellers]


def test_a_utf8_file_with_one_latin1_name_keeps_every_name_and_warns_on_that_one() -> None:
    head, _, tail = pnrgov(MULLER, SOREN).partition("SRC'RCI+XX:ENC002")
    data = head.encode("utf-8") + ("SRC'RCI+XX:ENC002" + tail).encode("latin-1")
    assert b"M\xc3\x9cLLER" in data
    assert b"S\xd8RENSEN" in data
    result = read_pnrgov(data)
    assert result.errors == ()
    assert names(data) == [("MÜLLER", "JÜRGEN"), ("SØRENSEN", "SØREN")]
    (warned,) = result.messages[0].warnings
    assert warned.startswith("PNR ENC002: segment TIF #10 element 01:1, 02:1: not valid UTF-8")
    assert "Windows-1252" in warned


def test_a_value_in_another_encoding_is_warned_in_paxlst_too() -> None:
    text = (
        "UNA:+.? 'UNB+UNOY:4+XA+YY+260313:0630+ICR5'UNH+P1+PAXLST:D:05B:UN:IATA'BGM+745'"
        "TDT+20+XA401+++XA'LOC+125+FRA'DTM+189:2603141000:201'LOC+87+JFK'DTM+232:2603141300:201'"
        "NAD+FL+++ÇELİK:AYŞE'NAD+FL+++GÓMEZ:ÁNGEL'CNT+42:2'UNT+11+P1'UNZ+1+ICR5'"
    )
    head, _, tail = text.partition("NAD+FL+++GÓMEZ")
    data = head.encode() + ("NAD+FL+++GÓMEZ" + tail).encode("cp1252")
    result = read_paxlst(data)
    assert result.errors == ()
    [message] = result.messages
    assert [t.surname for t in message.travellers] == ["ÇELİK", "GÓMEZ"]
    (warned,) = message.warnings
    assert "segment NAD #9 element 04:1, 04:2" in warned
    assert "UNB declares UTF-8" in warned


def test_the_declared_single_byte_set_settles_it_silently() -> None:
    data = pnrgov(MULLER, syntax="UNOC:3").encode("latin-1")
    assert names(data) == [("MÜLLER", "JÜRGEN")]
    assert read_pnrgov(data).messages[0].warnings == ()
    greek = pnrgov("SRC'RCI+XX:ENC003'TIF+ΠΑΠΑΔΟΠΟΥΛΟΣ+ΝΙΚΟΣ:A:1'", syntax="UNOF:3").encode("iso8859-7")
    assert names(greek) == [("ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΝΙΚΟΣ")]
    assert read_pnrgov(greek).messages[0].warnings == ()


def test_valid_utf8_is_read_as_utf8_silently_where_nothing_else_is_declared() -> None:
    for syntax in ("IATA:1", "UNOA:4", "UNOY:4", "UNOW:4"):
        data = pnrgov(MULLER, SOREN, syntax=syntax).encode()
        assert names(data) == [("MÜLLER", "JÜRGEN"), ("SØRENSEN", "SØREN")]
        assert read_pnrgov(data).messages[0].warnings == ()


def test_utf8_where_a_single_byte_set_is_declared_is_read_as_utf8_with_a_warning() -> None:
    data = pnrgov(MULLER, syntax="UNOC:3").encode()
    assert names(data) == [("MÜLLER", "JÜRGEN")]
    (warned,) = read_pnrgov(data).messages[0].warnings
    assert warned == (
        "PNR ENC001: segment TIF #7 element 01:1, 02:1: UTF-8, not the ISO 8859-1 UNB declares (UNOC); "
        "read as UTF-8"
    )


@pytest.mark.parametrize("garbled", ["MÃœLLER", "MÃ\x9cLLER"])
def test_utf8_garbled_upstream_is_repaired_with_a_warning(garbled: str) -> None:
    data = pnrgov(f"SRC'RCI+XX:ENC004'TIF+{garbled}+JANE:A:1'").encode()
    assert names(data) == [("MÜLLER", "JANE")]
    (warned,) = read_pnrgov(data).messages[0].warnings
    assert warned.startswith("PNR ENC004: segment TIF #7 element 01:1: garbled UTF-8")


def test_what_is_not_mojibake_is_left_alone() -> None:
    assert undo_mojibake("MÜLLER") is None
    assert undo_mojibake("ΝΙΚΟΣ") is None
    assert undo_mojibake("SØREN") is None
    data = pnrgov("SRC'RCI+XX:ENC005'TIF+ÅSTRÖM+ÉLODIE:A:1'").encode()
    assert names(data) == [("ÅSTRÖM", "ÉLODIE")]
    assert read_pnrgov(data).messages[0].warnings == ()


def test_byte_offsets_count_bytes_of_the_input_in_a_mixed_file() -> None:
    head, _, tail = pnrgov(MULLER, SOREN, BAD).partition("SRC'RCI+XX:ENC002")
    data = head.encode("utf-8") + ("SRC'RCI+XX:ENC002" + tail).encode("latin-1")
    (err,) = read_pnrgov(data).errors
    assert err.byte_offset == data.index(b"RCI+XX:'")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_recognised_everywhere(codec: str) -> None:
    text = pnrgov(MULLER, BAD)
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    data = bom + text.encode(codec)
    assert detect_format(data) is MessageFormat.PNRGOV
    assert interchange_reference(data) == "ICR1"
    result = read_message_bytes(data)
    assert [b.record_locator for m in result.messages for b in m.bookings] == ["ENC001"]  # type: ignore[union-attr]
    assert names(data) == [("MÜLLER", "JÜRGEN")]
    (err,) = result.errors
    unit = "utf-16-le" if codec == "utf-16" else codec  # Python writes little-endian behind its BOM
    assert err.byte_offset == data.index("RCI+XX:'".encode(unit))


def test_utf16_paxlst_and_xml_are_detected() -> None:
    pax = "UNA:+.? 'UNB+UNOY:4+XA+YY+260313:0630+ICR5'UNH+P1+PAXLST:D:05B:UN:IATA'BGM+745'"
    assert detect_format(pax.encode("utf-16")) is MessageFormat.PAXLST
    assert detect_format(pax.encode("utf-16-be")) is MessageFormat.PAXLST
    xml = '<?xml version="1.0" encoding="UTF-16"?><IATA_PNRGOV_NotifRQ EchoToken="E42"/>'
    assert detect_format(xml.encode("utf-16")) is MessageFormat.PNRGOV_XML
    assert interchange_reference(xml.encode("utf-16")) == "E42"


def test_decoding_keeps_one_text_and_no_copy_of_the_bytes() -> None:
    data = pnrgov(MULLER).encode()
    decoded = decode_interchange(data)
    assert decoded.text == data.decode()
    assert decoded.charset is not None  # non-ASCII: values are looked at
    assert decode_interchange(pnrgov("SRC'RCI+XX:A1'").encode()).charset is None  # ASCII: nothing to do
