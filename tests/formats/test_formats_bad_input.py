"""Input that cannot be read gives a ParseError that says where and why;
everything else in the same input is still read."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.domain.errors import InvalidInput
from liaison.domain.passenger import Booking, Leg, PnrMessage, Traveller
from liaison.formats import (
    ParseError,
    ReadResult,
    read_message_bytes,
    read_paxlst,
    read_pnrgov,
    write_pnrgov,
)
from liaison.formats.edifact import decode
from liaison.formats.pnrgov_xml import read_pnrgov_xml
from liaison.formats.registers import read_ftm_jsonl, read_screening_csv, read_un_consolidated_xml


def message(*pnrs: str, una: str = "UNA:+.? '") -> bytes:
    body = "".join(pnrs)
    segments = ["UNH+MSG42+PNRGOV:11:1:IA'", "MSG+:22'", "ORG+XX'", "EQN+1'", body]
    count = sum(s.count("'") for s in segments) + 1
    text = f"{una}UNB+IATA:1+XX+YY+240101:1200+ICR1'" + "".join(segments)
    text += f"UNT+{count}+MSG42'UNZ+1+ICR1'"
    return text.encode()


GOOD = "SRC'RCI+XX:GOOD01'TIF+DOE+JANE:A:1'SSR+DOCS:HK:1:XX:::::/P/FRA/12345/FRA/01JAN80/F/01JAN30/DOE/JANE'"


def test_parse_error_is_invalid_input() -> None:
    assert issubclass(ParseError, InvalidInput)
    assert ParseError("x").status_code == 422


def test_bad_date_names_reference_tag_index_offset_and_element() -> None:
    """A traveller without surname is an error located to the byte; a bad date only a warning."""
    bad = "SRC'RCI+XX:BAD001'TIF++RICHARD:A:1'TVL+311399:1200+CDG+JFK+XX+1'"
    data = message(GOOD, bad, GOOD.replace("GOOD01", "GOOD02"))
    result = read_pnrgov(data)
    # the broken traveller is reported, the PNR and the others are read
    assert [b.record_locator for b in result.messages[0].bookings] == ["GOOD01", "BAD001", "GOOD02"]
    (err,) = result.errors
    assert err.reference == "MSG42"
    assert err.tag == "TIF"
    assert err.element == "TIF 01:1"
    assert err.byte_offset == data.index(b"TIF++RICHARD")
    assert err.segment_index == 11
    assert "BAD001" in err.reason
    assert str(err).startswith("message MSG42 segment TIF #11 at byte")
    assert result.messages[0].bookings[1].warnings == (
        "PNR BAD001: segment TVL #12 element 01:1: departure date 311399 is not DDMMYY; left empty",
    )


def test_byte_offsets_count_bytes_not_characters() -> None:
    accented = "SRC'RCI+XX:ACC001'TIF+MÜLLER+JÜRGEN:A:1'"
    bad = "SRC'RCI+XX:BAD002'TIF++J:A:1'SSR+DOCS:HK:1:XX:::::/P/FRA/1/FRA/99XYZ80/M'"
    data = message(accented, bad)
    (err,) = read_pnrgov(data).errors
    assert err.byte_offset == data.index(b"TIF++J")
    assert err.element == "TIF 01:1"


def test_missing_record_locator() -> None:
    data = message("SRC'TIF+DOE+JANE:A:1'")
    (err,) = read_pnrgov(data).errors
    assert err.tag == "SRC"
    assert err.element == "RCI"
    assert err.byte_offset == data.index(b"SRC'")


def test_seat_for_an_unknown_traveller() -> None:
    data = message(
        "SRC'RCI+XX:SEAT01'TIF+A+B:A:1'TIF+C+D:A:2'TVL+010124:1000+CDG+JFK+XX+1'"
        "SSR+SEAT:HK:1:XX:::CDG:JFK+12A::9'"
    )
    result = read_pnrgov(data)
    assert result.errors == ()
    (booking,) = result.messages[0].bookings
    assert [t.seats for t in booking.travellers] == [(), ()]
    assert booking.warnings == (
        "PNR SEAT01: segment SSR #10 element 02:3: seat 12A is for traveller reference '9', "
        "which no traveller of this PNR has; left out",
    )


@pytest.mark.parametrize("cut", [40, 120, 200, 205])
def test_truncated_input_is_an_error_not_a_crash(cut: int) -> None:
    data = message(GOOD)[:cut]
    result = read_pnrgov(data)
    assert result.errors
    assert all(isinstance(e, ParseError) for e in result.errors)


def test_truncated_message_names_the_message() -> None:
    data = message(GOOD)
    cut = data[: data.index(b"UNT+")]
    lost, err = read_pnrgov(cut).errors
    assert err.reference == "MSG42"
    assert err.element == "UNT"
    assert (lost.code, lost.tag, lost.reference) == ("pnr-cut-short", "SRC", "MSG42")
    assert "GOOD01" in lost.reason


def test_empty_and_non_edifact_input() -> None:
    assert "empty" in str(read_pnrgov(b"").errors[0])
    (err,) = read_pnrgov(b"hello, world").errors
    assert err.segment_index == 0
    assert err.byte_offset == 0
    assert read_message_bytes(b"\x00\x01\x02").errors


def test_wrong_message_type() -> None:
    data = message(GOOD).replace(b"PNRGOV", b"PAXLST")
    (err,) = read_pnrgov(data).errors
    assert err.element == "UNH 02:1"
    assert "PAXLST" in err.reason


def test_latin1_and_utf8_and_bom_and_utf16() -> None:
    text = message("SRC'RCI+XX:ENC001'TIF+MÜLLER+JÜRGEN:A:1'").decode()
    for encoded in (
        text.encode("utf-8"),
        text.encode("latin-1"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("utf-16"),
    ):
        result = read_pnrgov(encoded)
        assert result.errors == ()
        assert result.messages[0].bookings[0].travellers[0].surname == "MÜLLER"
    assert decode(text.encode("latin-1")).encoding == "latin-1"


def test_stray_whitespace_and_line_breaks() -> None:
    data = message(GOOD).replace(b"'", b"'\r\n   ").replace(b"JANE", b"JA\r\nNE")
    result = read_pnrgov(data)
    assert result.errors == ()
    assert result.messages[0].bookings[0].travellers[0].given_names == "JANE"


def test_una_with_other_characters_and_release() -> None:
    data = (
        b"UNA^|,! ~UNB|IATA^1|XX|YY|240101^1200|I1~UNH|M1|PNRGOV^11^1^IA~"
        b"SRC~RCI|XX^REL001~IFT|4^28|CTCE A!|B..C//X.COM~UNT|5|M1~UNZ|1|I1~"
    )
    b = read_pnrgov(data).messages[0].bookings[0]
    assert b.contacts.emails == ("A|B_C@X.COM",)


def test_large_message_is_read_in_bounded_time() -> None:
    """About 10 MB, 20,000 PNRs (the 50 MB case is in bench/parse.py)."""
    booking = Booking(
        record_locator="ABC123",
        record_locator_owner="XX",
        itinerary=(Leg("XX", "1", "CDG", "JFK"),),
        travellers=(Traveller("DOE", "JANE", reference="1", name_as_sent="DOE/JANE"),),
    )
    one = write_pnrgov(PnrMessage("XX", "R", bookings=(booking,)))
    head, _, rest = one.partition(b"SRC'")
    body, _, tail = rest.rpartition(b"UNT+")
    pnr = b"SRC'" + body
    data = head + pnr * 20_000 + b"UNT+" + tail
    start = time.perf_counter()
    result = read_pnrgov(data)
    elapsed = time.perf_counter() - start
    assert len(result.messages[0].bookings) == 20_000
    assert elapsed < 60  # generous: this is a crash/blow-up check, not a benchmark


def mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randint(0, 3)
        pos = rng.randrange(len(b)) if b else 0
        if op == 0 and b:
            b[pos] = rng.choice(b"'+:?*UNHSRCTVL0123456789 \n\xff\xc3")
        elif op == 1 and b:
            del b[pos : pos + rng.randint(1, 20)]
        elif op == 2:
            b[pos:pos] = bytes(rng.choice(b"'+:?") for _ in range(rng.randint(1, 4)))
        else:
            b = b[: rng.randrange(len(b) + 1)]
    return bytes(b)


SAMPLE = message(
    GOOD,
    "SRC'RCI+XX:FUZ001::010124:1200'TIF+ROE+RICHARD:A:1'FOP+CC:::VI:XXXX1234:0125'"
    "TVL+010124:1000:010124:1300+CDG+JFK+XX:YY+1:Y'TVL+++++2'SSR+SEAT:HK:1:XX:::CDG:JFK+12A::1'"
    "TRI++1'TIF+ROE+RICHARD::1'SSD+12A'TBD++1:20:700+++XX:123::JFK'ABI+1'LTS+0/HISTORY'",
)


def test_mutated_messages_give_a_result_or_parse_errors() -> None:
    rng = random.Random(20240101)
    paxlst = (
        b"UNA:+.? 'UNB+UNOA:4+A+B+240101:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
        b"TDT+20+XX1+++XX'LOC+125+CDG'DTM+189:2401011000:201'LOC+87+JFK'"
        b"NAD+FL+++DOE:JANE'ATT+2++F'DTM+329:800101'DOC+P+123'DTM+36:300101'CNT+42:1'UNT+13+1'UNZ+1+1'"
    )
    start = time.perf_counter()
    n = 0
    while time.perf_counter() - start < 3 and n < 3000:
        for base, reader in ((SAMPLE, read_pnrgov), (paxlst, read_paxlst)):
            data = mutate(base, rng)
            result = reader(data)  # must not raise
            assert all(isinstance(e, ParseError) for e in result.errors)
            n += 1
    assert n > 100


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=400) | st.text(alphabet="UNHBSRCTVLIF+:'?* \n0123456789", max_size=400).map(str.encode)
)
def test_random_bytes_give_a_result_or_parse_errors(data: bytes) -> None:
    for result in (read_pnrgov(data), read_paxlst(data), read_message_bytes(data)):
        assert all(isinstance(e, ParseError) for e in result.errors)


def test_mutated_xml_and_register_files_give_a_result_or_parse_errors() -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
    cases: list[tuple[bytes, Callable[[bytes], ReadResult[Any]]]] = [
        ((fixtures / "pnrgov_notif.xml").read_bytes(), read_pnrgov_xml),
        ((fixtures / "un_consolidated_sample.xml").read_bytes(), read_un_consolidated_xml),
        ((fixtures / "ftm_sample.jsonl").read_bytes(), read_ftm_jsonl),
        (b"full_name,date_of_birth\nA B,1970\n", read_screening_csv),
    ]
    rng = random.Random(7)
    start = time.perf_counter()
    n = 0
    while time.perf_counter() - start < 2 and n < 2000:
        for base, reader in cases:
            result = reader(mutate(base, rng))
            assert all(isinstance(e, ParseError) for e in result.errors)
            n += 1
    assert n > 100


def test_control_characters_are_removed_with_a_warning_naming_segment_and_pnr() -> None:
    """A NUL cannot be stored on PostgreSQL: the reader removes it from a value that is
    not a name and says where; a name with one is refused (a damaged name is not matched)."""
    dirty = GOOD.replace("/DOE/JANE", "/DOE\x1b/JANE")
    named = "SRC'RCI+XX:NUL001'TIF+RO\x00E+RI\x07CHARD:A:1'TIF+ROE+ANN:A:2'IFT+4:28+VIP\x00'"
    result = read_pnrgov(message(dirty, named))
    [parsed] = result.messages
    good, nul = parsed.bookings
    traveller = good.travellers[0]
    assert (traveller.surname, traveller.given_names, traveller.documents[0].number) == (
        "DOE",
        "JANE",
        "12345",
    )
    assert good.warnings == ("PNR GOOD01: segment SSR #8 element 01:9: control characters removed",)
    assert [t.given_names for t in nul.travellers] == ["ANN"]
    assert nul.remarks == ("VIP",)
    assert nul.warnings == ("PNR NUL001: segment IFT #13 element 02:1: control characters removed",)
    assert parsed.warnings[:2] == (*good.warnings, *nul.warnings)
    (err,) = result.errors
    assert (err.code, err.tag, err.segment_index, err.element) == (
        "name-control-characters",
        "TIF",
        11,
        "TIF 01:1, 02:1",
    )
    assert "NUL001" in err.reason
    assert read_pnrgov(message(GOOD)).messages[0].warnings == (), "clean input, no warning"


def test_control_characters_declared_as_delimiters_by_una_are_kept() -> None:
    """Syntax level B uses control characters as separators: they are not data to remove."""
    levelled = message(GOOD).decode().translate(str.maketrans(":+'", "\x1f\x1d\x1c"))
    result = read_pnrgov(levelled.encode())
    assert result.errors == ()
    [parsed] = result.messages
    assert parsed.warnings == ()
    assert parsed.bookings[0].travellers[0].surname == "DOE"
