"""Interchanges relayed by Type-B gateways and e-mail are read inside their envelopes;
what is cut away is either envelope (silent), a cover note (a warning) or data (an error)."""

from __future__ import annotations

import base64
import quopri
import re
from datetime import datetime

import pytest

from liaison.domain.codes import MessageFormat
from liaison.domain.passenger import Leg, PaxlstMessage, PnrMessage, Traveller
from liaison.formats import (
    ParseError,
    detect_format,
    iter_message_bytes,
    read_message_bytes,
    read_paxlst,
    read_pnrgov,
    write_paxlst,
)
from liaison.formats.envelope import interchange_reference
from liaison.formats.gateway import open_envelope

NAMES = [("ADOMAT", "JULIE"), ("STEUR", "ANDREA"), ("O'BRIEN", "PAT"), ("NAKAMURA", "KEN")]


def paxlst() -> bytes:
    """A PAXLST of four passengers, as an airline's API system writes it."""
    travellers = tuple(
        Traveller(surname=s, given_names=g, reference=str(i + 1)) for i, (s, g) in enumerate(NAMES)
    )
    message = PaxlstMessage(
        "XA",
        "PAX001",
        interchange_reference="ICR77",
        prepared=datetime(2026, 3, 13, 6, 30),
        legs=(Leg("XA", "401", "FRA", "JFK", datetime(2026, 3, 14, 10), datetime(2026, 3, 14, 13)),),
        travellers=travellers,
    )
    return write_paxlst(message)


def pnrgov(*pnrs: str) -> bytes:
    segments = ["UNH+MSG42+PNRGOV:11:1:IA'", "MSG+:22'", "ORG+XX'", f"EQN+{len(pnrs)}'", *pnrs]
    count = sum(s.count("'") for s in segments) + 1
    text = "UNA:+.? 'UNB+IATA:1+XX+YY+260313:0630+ICR1'" + "".join(segments)
    return (text + f"UNT+{count}+MSG42'UNZ+1+ICR1'").encode()


GOOD = "SRC'RCI+XX:GOOD01'TIF+DOE+JANE:A:1'"
# A PNR that cannot be read at all: its record locator is empty.
BAD = "SRC'RCI+XX:'TIF+ROE+RICHARD:A:1'TVL+311299:1200+CDG+JFK+XX+1'"


def surnames(data: bytes) -> list[str]:
    result = read_paxlst(data)
    assert result.errors == (), result.errors
    return [t.surname for m in result.messages for t in m.travellers]


def wrap(text: bytes, width: int, eol: bytes = b"\r\n", first: int = 0) -> bytes:
    """Hard line breaks every ``width`` columns, wherever they fall, as gateways do
    (the first line ``first`` columns shorter)."""
    lines = [text[: width - first]]
    lines += [text[i : i + width] for i in range(width - first, len(text), width)]
    return eol.join(lines)


TYPE_B_HEADINGS = {
    "address and origin lines": b"QU HDQRMXH FRAPIXH\r\n.HDQCRA9 130630\r\n",
    "tab between address and origin": b"QU HDQRMXH FRAPIXH\t.HDQCRA9 130630\r\n",
    "short address, tab and space": b"CICA\t .HDQCRA9 130630\r\n",
    "SOH/STX framing, message identity": b"\x01QU HDQRMXH\r\n.HDQCRA9 130630/0612ABCD\r\n\x02",
    "SMI block": (
        b"=HEADER\r\n=PRIORITY\r\nQU\r\n=DESTINATION TYPE B\r\nSTX,HDQRMXH\r\n"
        b"=ORIGIN\r\nHDQCRA9\r\n=DBLSIG\r\nAB1234\r\n=MSGID\r\n130630ABCD\r\n=SMI\r\nTXT\r\n=TEXT\r\n"
    ),
}


@pytest.mark.parametrize("heading", TYPE_B_HEADINGS.values(), ids=TYPE_B_HEADINGS.keys())
def test_type_b_heading_is_cut_away(heading: bytes) -> None:
    data = heading + paxlst() + b"\r\n\x03"
    assert read_paxlst(paxlst()).errors == ()
    assert surnames(data) == [s for s, _ in NAMES]
    assert read_paxlst(data).messages[0].warnings == (), "an envelope is tolerated silently"
    assert detect_format(data) is MessageFormat.PAXLST
    assert interchange_reference(data) == "ICR77"
    assert len(read_message_bytes(data).messages[0].travellers) == 4  # type: ignore[union-attr]
    assert open_envelope(data).envelope == "type-b"


def test_byte_offsets_point_into_the_input_behind_a_type_b_heading() -> None:
    data = TYPE_B_HEADINGS["tab between address and origin"] + pnrgov(GOOD, BAD)
    result = read_pnrgov(data)
    assert [b.record_locator for b in result.messages[0].bookings] == ["GOOD01"]
    (err,) = result.errors
    assert err.byte_offset == data.index(b"RCI+XX:'")
    assert err.segment_index == 9, "segments are counted in the interchange, not the envelope"


@pytest.mark.parametrize("width", [64, 69])
@pytest.mark.parametrize("eol", [b"\r\n", b"\n"])
def test_lines_wrapped_by_a_gateway_also_inside_tags_and_after_a_release(width: int, eol: bytes) -> None:
    body = paxlst()
    split_tags = 0
    for first in range(12):
        wrapped = wrap(body, width, eol, first)
        split_tags += len(re.findall(rb"'[A-Z]{1,2}\r?\n[A-Z]", wrapped))
        data = b"QU HDQRMXH\r\n.HDQCRA9 130630\r\n" + wrapped + eol
        assert surnames(data) == [s for s, _ in NAMES]
    assert split_tags, "the wrapping splits tags"


def test_a_tag_split_across_lines_and_a_release_before_a_line_break() -> None:
    body = paxlst()
    k = body.index(b"NAD+FL")
    split = body[: k + 2] + b"\r\n" + body[k + 2 :]  # "NA\r\nD+FL"
    r = split.index(b"?'")
    split = split[: r + 1] + b"\r\n" + split[r + 1 :]  # "O?\r\n'BRIEN"
    assert b"O?\r\n'BRIEN" in split
    assert b"NA\r\nD+FL" in split
    assert surnames(split) == [s for s, _ in NAMES]


def mail(body: bytes, *headers: str) -> bytes:
    head = [
        "Return-Path: <api@airline.example>",
        "Received: from gw.airline.example by mx.piu.example; Fri, 13 Mar 2026 06:31:02 +0000",
        "From: API Gateway <api@airline.example>",
        "To: pnr@piu.example",
        "Subject: PAXLST XA401/14MAR FRA-JFK",
        "Date: Fri, 13 Mar 2026 06:30:59 +0000",
        *headers,
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


FOOTERS = {
    "antivirus": b"\r\n\r\n-- \r\nThis message has been scanned for viruses by MailGuard.\r\n",
    "disclaimer": b"\r\n________________________________\r\nCONFIDENTIALITY NOTICE: this e-mail and any "
    b"attachment are confidential and intended solely for the addressee. Don't forward it.\r\n",
    "teletype end": b"\r\n\r\nNNNN\r\n",
    "greeting": b"\r\nKind regards,\r\nAPI operations\r\n",
}


@pytest.mark.parametrize("footer", FOOTERS.values(), ids=FOOTERS.keys())
def test_email_headers_and_footer_are_cut_away(footer: bytes) -> None:
    data = mail(pnrgov(GOOD, BAD) + footer)
    result = read_pnrgov(data)
    assert [b.record_locator for b in result.messages[0].bookings] == ["GOOD01"]
    (err,) = result.errors  # the bad PNR, nothing about the envelope
    assert err.byte_offset == data.index(b"RCI+XX:'"), "a plain e-mail body is the input's own bytes"
    assert result.messages[0].warnings == ()
    assert detect_format(data) is MessageFormat.PNRGOV
    assert interchange_reference(data) == "ICR1"
    assert open_envelope(data).envelope == "e-mail"


def test_email_carrying_a_type_b_message() -> None:
    data = mail(TYPE_B_HEADINGS["address and origin lines"] + paxlst() + FOOTERS["antivirus"])
    assert surnames(data) == [s for s, _ in NAMES]


def multipart(*attachments: tuple[str, bytes], encoding: str = "base64") -> bytes:
    note = "Content-Type: text/plain; charset=us-ascii\r\n\r\nPlease find the API list attached.\r\n"
    parts = [f"--BOUNDARY42\r\n{note}"]
    for name, content in attachments:
        if encoding == "base64":
            encoded = base64.encodebytes(content).decode().replace("\n", "\r\n")
        else:
            encoded = quopri.encodestring(content).decode()
        parts.append(
            f"--BOUNDARY42\r\nContent-Type: application/edifact; name={name}\r\n"
            f"Content-Transfer-Encoding: {encoding}\r\n"
            f"Content-Disposition: attachment; filename={name}\r\n\r\n{encoded}\r\n"
        )
    body = "".join(parts) + "--BOUNDARY42--\r\n"
    return mail(body.encode(), "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="BOUNDARY42"')


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable"])
def test_mime_attachment_is_read(encoding: str) -> None:
    data = multipart(("XA401.edi", paxlst()), encoding=encoding)
    assert b"NAD+FL" not in data or encoding != "base64"
    assert surnames(data) == [s for s, _ in NAMES]
    assert detect_format(data) is MessageFormat.PAXLST
    assert interchange_reference(data) == "ICR77"
    opened = open_envelope(data)
    assert (opened.envelope, opened.decoded_part) == ("mime", True)


def test_quoted_printable_body_with_soft_line_breaks() -> None:
    body = quopri.encodestring(pnrgov(GOOD, BAD) + FOOTERS["antivirus"])
    assert b"=\r\n" in body, "quopri wraps at 76 columns with soft breaks"
    data = mail(body, "Content-Transfer-Encoding: quoted-printable")
    result = read_pnrgov(data)
    assert [b.record_locator for b in result.messages[0].bookings] == ["GOOD01"]
    (err,) = result.errors
    # offsets count in the decoded body (documented): there the segment is where it was sent
    assert err.byte_offset == pnrgov(GOOD, BAD).index(b"RCI+XX:'")


def test_a_second_interchange_in_an_email_is_an_error() -> None:
    data = multipart(("one.edi", paxlst()), ("two.edi", paxlst().replace(b"ICR77", b"ICR78")))
    result = read_paxlst(data)
    assert len(result.messages[0].travellers) == 4
    (err,) = result.errors
    assert err.code == "envelope-more-interchanges"
    assert "'two.edi'" in err.reason


def test_a_cover_note_before_the_interchange_is_cut_away_with_a_warning() -> None:
    data = b"Please find below the passenger list for XA401.\r\n\r\n" + paxlst()
    result = read_paxlst(data)
    assert result.errors == ()
    (note,) = result.messages[0].warnings
    assert "Please find below" not in note, "described, never quoted: a cover note may name a traveller"
    assert note.endswith("was cut away (1 line, 51 bytes)")
    assert "cut away" in note


def test_segments_before_the_interchange_are_an_error_and_the_interchange_is_still_read() -> None:
    data = b"NAD+FL+++LOST:PASSENGER'ATT+2++M'\r\n" + paxlst()
    result = read_paxlst(data)
    assert len(result.messages[0].travellers) == 4
    (err,) = result.errors
    assert err.code == "data-before-interchange"
    assert "LOST" not in err.reason
    assert "(1 line, 35 bytes;" in err.reason


@pytest.mark.parametrize(
    "after",
    [
        b"\r\n13Nov09\r\n",  # a note: not a footer
        b"\r\n-- \r\nNAD+FL+++HIDDEN:TRAVELLER'\r\n",  # a footer line, then data
        b"\r\nUNB+UNOA:4+XA+YY+260313:0630+ICR2'",  # a second interchange
    ],
)
def test_text_after_unz_that_is_no_footer_is_an_error(after: bytes) -> None:
    data = b"QU HDQRMXH\r\n.HDQCRA9 130630\r\n" + paxlst() + after
    result = read_paxlst(data)
    assert len(result.messages[0].travellers) == 4
    (err,) = result.errors
    assert err.byte_offset is not None
    assert err.byte_offset > data.index(b"UNZ+")


def test_plain_input_is_not_copied_or_moved() -> None:
    data = paxlst()
    opened = open_envelope(data)
    assert opened.data is data
    assert (opened.start, opened.end, opened.envelope) == (0, len(data), None)


HEADING = b"QU HDQRMXH\r\n.HDQCRA9 130630\r\n"


def _second() -> bytes:
    """Another interchange of the same sender: its own reference, one traveller renamed."""
    return paxlst().replace(b"ICR77", b"ICR78").replace(b"ADOMAT", b"BERGER")


def _read_in_full(data: bytes) -> None:
    result = read_paxlst(data)
    assert result.errors == (), result.errors
    read = [(m.interchange_reference, [t.surname for t in m.travellers]) for m in result.messages]
    assert read == [("ICR77", [s for s, _ in NAMES]), ("ICR78", ["BERGER", *[s for s, _ in NAMES[1:]]])]


def test_two_type_b_relays_in_one_file_are_two_interchanges_read_in_full() -> None:
    _read_in_full(HEADING + paxlst() + b"\r\nNNNN\r\n" + HEADING + _second() + b"\r\nNNNN\r\n")


@pytest.mark.parametrize(
    "between",
    [b"", b"\r\n", b"\r\n\x03\r\n", b"\r\nNNNN\r\n\x01", b"\r\n=END\r\n" + TYPE_B_HEADINGS["SMI block"]],
    ids=["back to back", "line break", "ETX", "NNNN and SOH", "SMI block"],
)
def test_interchanges_back_to_back_are_each_read_with_their_own_reference(between: bytes) -> None:
    _read_in_full(paxlst() + between + _second())


def test_a_concatenated_interchange_without_una_or_with_other_delimiters_is_read() -> None:
    second = _second()
    without_una = second[second.index(b"UNB") :]
    other = second.replace(b"UNA:+.? '", b"UNA:*.? !").replace(b"'", b"!").replace(b"+", b"*")
    _read_in_full(paxlst() + b"\r\nNNNN\r\n" + HEADING + without_una)
    result = read_paxlst(paxlst() + b"\r\n" + other)
    assert result.errors == ()
    assert [len(m.travellers) for m in result.messages] == [4, 4]
    assert result.messages[1].travellers[2].surname == "O!BRIEN"  # released in its own delimiters


def test_text_after_unz_before_another_interchange_is_still_an_error() -> None:
    data = paxlst() + b"\r\nPLEASE IGNORE THE LIST ABOVE\r\n" + _second()
    result = read_paxlst(data)
    assert [len(m.travellers) for m in result.messages] == [4, 4]
    (err,) = result.errors
    assert err.code == "text-after-interchange"
    assert err.byte_offset == data.index(b"PLEASE")


def test_concatenated_pnrgov_relays_are_streamed_with_every_pnr() -> None:
    one = pnrgov(GOOD)
    two = pnrgov(GOOD.replace("GOOD01", "GOOD02"), GOOD.replace("GOOD01", "GOOD03")).replace(b"ICR1", b"ICR2")
    data = HEADING + one + b"\r\nNNNN\r\n" + HEADING + two + b"\r\nNNNN\r\n"
    items = list(iter_message_bytes(data, chunk=1))
    assert [x for x in items if isinstance(x, ParseError)] == []
    read = [
        (m.interchange_reference, b.record_locator)
        for m in items
        if isinstance(m, PnrMessage)
        for b in m.bookings
    ]
    assert read == [("ICR1", "GOOD01"), ("ICR2", "GOOD02"), ("ICR2", "GOOD03")]
