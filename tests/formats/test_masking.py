"""Card numbers in forms of payment are masked in the raw message; nothing else moves."""

from __future__ import annotations

import base64
import email
import quopri
import re
from pathlib import Path

import pytest

from liaison.domain.cards import luhn_valid
from liaison.domain.passenger import PnrMessage
from liaison.formats import read_message_bytes
from liaison.formats.edifact import iter_located, iter_segments, read_una
from liaison.formats.masking import mask_card_numbers

FIXTURES = Path(__file__).parents[1] / "fixtures" / "formats"

PAN = "4539578763621486"  # passes the Luhn check


def test_edifact_fop_keeps_bin_and_last_four_only() -> None:
    raw = f"TIF+MOREAU+LUC'FOP+CC::980.00:VI:{PAN}:0128'TKT+0571234567890:T:1'".encode()
    masked = mask_card_numbers(raw)
    assert PAN.encode() not in masked
    assert b"FOP+CC::980.00:VI:453957XXXXXX1486:0128'" in masked
    assert b"TKT+0571234567890:T:1'" in masked, "a ticket number outside FOP is left as it is"


def test_released_apostrophes_and_numbers_that_are_no_card_stay() -> None:
    raw = b"FOP+CC::1234567890123:VI:O?'BRIEN'"  # fails the Luhn check: not a card
    assert mask_card_numbers(raw) == raw


def test_xml_account_numbers_are_masked() -> None:
    raw = f'<PaymentInfo PaymentType="CC" AccountNbr="{PAN[:4]} {PAN[4:8]} {PAN[8:12]} {PAN[12:]}"/>'.encode()
    masked = mask_card_numbers(raw)
    # masked in place, the sender's layout kept: the reader reads 453957XXXXXX1486
    assert b'AccountNbr="4539 57XX XXXX 1486"' in masked


# --- issue 20: what the reader understands, and the safety net -------------------------

VISA = "4012888888881881"  # passes the Luhn check
AMEX = "378282246310005"  # passes the Luhn check


def _fop_number(body: bytes) -> str | None:
    """The card number of the one form of payment, as the reader reads it."""
    (message,) = read_message_bytes(body).messages
    assert isinstance(message, PnrMessage)
    (payment,) = message.bookings[0].payments
    return payment.masked_number


EDIFACT_NOTATIONS = {
    "una_other_separators": b"UNA:*.? 'UNB*IATA:1*DL**101209:2100*1'UNH*1*PNRGOV:11:1:IA'SRC'"
    b"RCI*KL:CARD01'FOP*CC:::VI:4012888888881881:1228'TIF*MOREAU*LUC::1'UNT*6*1'UNZ*1*1'",
    "typographic_terminator": "UNB+IATA:1+DL++101209:2100+1’UNH+1+PNRGOV:11:1:IA’SRC’RCI+KL:CARD01’"
    "FOP+CC:::VI:4012888888881881:1228’TIF+MOREAU+LUC::1’UNT+6+1’UNZ+1+1’".encode(),
    "release_inside": b"UNB+IATA:1+DL++101209:2100+1'UNH+1+PNRGOV:11:1:IA'SRC'RCI+KL:CARD01'"
    b"FOP+CC:::VI:4012?888888?88188?1:1228'TIF+MOREAU+LUC::1'UNT+6+1'UNZ+1+1'",
    "dots": b"UNB+IATA:1+DL++101209:2100+1'UNH+1+PNRGOV:11:1:IA'SRC'RCI+KL:CARD01'"
    b"FOP+CC:::VI:4012.8888.8888.1881:1228'TIF+MOREAU+LUC::1'UNT+6+1'UNZ+1+1'",
    "line_break": b"UNB+IATA:1+DL++101209:2100+1'UNH+1+PNRGOV:11:1:IA'SRC'RCI+KL:CARD01'"
    b"FOP+CC:::VI:40128888\r\n88881881:1228'TIF+MOREAU+LUC::1'UNT+6+1'UNZ+1+1'",
    "other_release_character": b"UNA:+.! 'UNB+IATA:1+DL++101209:2100+1'UNH+1+PNRGOV:11:1:IA'SRC'"
    b"RCI+KL:CARD01'FOP+CC:::VI:4012!88888888!1881:1228'TIF+MOREAU+LUC::1'UNT+6+1'UNZ+1+1'",
}


def _no_clear_number(body: bytes, number: str = VISA) -> None:
    decoded = re.sub(rb"&#(\d+);", lambda m: bytes([int(m.group(1))]), body)
    decoded = re.sub(rb"&#x([0-9a-f]+);", lambda m: bytes([int(m.group(1), 16)]), decoded, flags=re.I)
    digits = re.sub(rb"[^0-9]", b"", decoded)
    assert number.encode() not in digits, body
    assert number.encode() not in body.replace(b"\r\n", b"").replace(b"?", b"").replace(b"!", b"")


@pytest.mark.parametrize("name", sorted(EDIFACT_NOTATIONS))
def test_edifact_card_numbers_are_masked_as_the_reader_reads_them(name: str) -> None:
    raw = EDIFACT_NOTATIONS[name]
    assert _fop_number(raw) == "401288XXXXXX1881"
    masked = mask_card_numbers(raw)
    _no_clear_number(masked)
    assert _fop_number(masked) == "401288XXXXXX1881", "the reader still reads BIN and last four"
    assert b"1228" in masked, "nothing else moves"
    assert b"CARD01" in masked
    assert len(read_message_bytes(masked).errors) == len(read_message_bytes(raw).errors)


def _xml(account: str) -> bytes:
    fixture = (FIXTURES / "pnrgov_notif.xml").read_bytes()
    return fixture.replace(b'AccountNbr="4111111111111111"', account.encode())


XML_NOTATIONS = {
    "single_quotes": "AccountNbr='378282246310005'",
    "decimal_references": 'AccountNbr="' + "".join(f"&#{ord(c)};" for c in AMEX) + '"',
    "hex_references": "AccountNbr='" + "".join(f"&#x{ord(c):x};" for c in AMEX) + "'",
    "mixed_references": "AccountNbr = '3782&#56;2246&#x33;10005'",
    "dots": "AccountNbr='3782.822463.10005'",
    "line_break": "AccountNbr='3782822\n46310005'",
}


@pytest.mark.parametrize("name", sorted(XML_NOTATIONS))
def test_xml_card_numbers_are_masked_as_the_parser_decodes_them(name: str) -> None:
    raw = _xml(XML_NOTATIONS[name])
    assert _fop_number(raw) == "378282XXXXX0005"
    masked = mask_card_numbers(raw)
    _no_clear_number(masked, AMEX)
    assert _fop_number(masked) == "378282XXXXX0005"


def test_a_card_number_field_is_masked_even_when_it_fails_the_check_digit() -> None:
    raw = EDIFACT_NOTATIONS["dots"].replace(b"4012.8888.8888.1881", b"4012888888881882")
    assert b"FOP+CC:::VI:401288XXXXXX1882:1228'" in mask_card_numbers(raw)
    xml = _xml("AccountNbr='378282246310006'")
    assert b"AccountNbr='378282XXXXX0006'" in mask_card_numbers(xml)


@pytest.mark.parametrize(
    "text",
    [
        "IFT+4:28::KL+CARD 4012 8888 8888 1881 REFUSED'",
        "IFT+4:28::KL+CARD 4012-8888-8888-1881'",
        "IFT+4:28::KL+CARD 4012888888881881 USED 2 TIMES'",
        "IFT+4:28::KL+CARD 40128888\n88881881'",
        "SSR+OTHS:HK::KL:::::CC 4012?8888?88881881'",
    ],
)
def test_card_numbers_outside_a_form_of_payment_are_masked(text: str) -> None:
    raw = f"UNH+1+PNRGOV:11:1:IA'SRC'{text}UNT+3+1'".encode()
    _no_clear_number(mask_card_numbers(raw))


def test_the_safety_net_reads_character_references_utf16_and_unknown_formats() -> None:
    refs = "".join(f"&#{ord(c)};" if i % 2 else f"&#x{ord(c):X};" for i, c in enumerate(VISA))
    _no_clear_number(mask_card_numbers(f"<Remarks>paid with {refs}</Remarks>".encode()))
    utf16 = f"<Remarks>{VISA}</Remarks>".encode("utf-16")
    assert VISA not in mask_card_numbers(utf16).decode("utf-16")
    utf16_without_bom = f"<Remarks>{VISA}</Remarks>".encode("utf-16-le")
    assert VISA not in mask_card_numbers(utf16_without_bom).decode("utf-16-le")
    _no_clear_number(mask_card_numbers(f"not a message at all: {VISA}".encode()))
    latin1 = f"IFT+4:28+CAFÉ {VISA}'".encode("latin-1")
    assert mask_card_numbers(latin1) == "IFT+4:28+CAFÉ 401288XXXXXX1881'".encode("latin-1")


def test_amounts_dates_and_references_that_are_no_card_stay_exactly() -> None:
    raw = (
        b"UNA:+.? 'UNB+IATA:1+DL++101209:2100+20261207144600'UNH+1+PNRGOV:11:1:IA'SRC'"
        b"DAT+700:20261207144600'MON+B:2888.00:GBP+T:2957.94:GBP'TKT+0571234567890:T:1'"
        b"IFT+4:28+TOTAL 2888.00 GBP 2957.94 ON 2026 12 07 14 46 00'"
        b"FOP+CC::980.00:VI:XXXXXXXXXXXX1881:1228'UNT+6+1'UNZ+1+20261207144600'"
    )
    assert not luhn_valid("20261207144600")
    assert not luhn_valid("0571234567890")
    assert mask_card_numbers(raw) == raw
    xml = (FIXTURES / "pnrgov_notif.xml").read_bytes().replace(b"4111111111111111", b"XXXXXXXXXXXX1111")
    assert mask_card_numbers(xml) == xml
    gtas = (FIXTURES / "apisMessage.txt").read_bytes()
    assert mask_card_numbers(gtas) == gtas


def test_masking_twice_changes_nothing_more() -> None:
    for raw in [*EDIFACT_NOTATIONS.values(), *(_xml(v) for v in XML_NOTATIONS.values())]:
        once = mask_card_numbers(raw)
        assert mask_card_numbers(once) == once


@pytest.mark.parametrize(
    "text",
    [
        "UNA:*.? 'UNH*1*X'FOP*CC:::VI:40?:12:88?*88'TIF*A?'B*C'",
        "UNH+1+X’TIF+O’BRIEN+A’FOP+CC::1.00:VI:4012 8888’",
        "UNH+1+X'FOP+CC::1?\n+2:VI:40\r\n12?\r\n'XX'FOP+?",
        "  \r\nUNH+1+X'\r\n  FOP+CC'fop+cc::1'",
    ],
)
def test_located_values_are_what_the_tokenizer_reads(text: str) -> None:
    delimiters, start = read_una(text)
    segments = list(iter_segments(text, delimiters, start))
    located = list(iter_located(text, delimiters, start))
    expected = [
        (s.tag, e, c + 1, value)
        for s in segments
        for e, comps in enumerate(s.elements)
        for c, value in enumerate(comps)
    ]
    assert [(v.tag, v.element, v.component, v.value) for v in located] == expected
    near = sorted({p for v in located for p in v.positions})
    assert list(iter_located(text, delimiters, start, near)) == located, "found again from where they are"
    for v in located:
        assert len(v.positions) == len(v.value)
        for p, ch in zip(v.positions, v.value, strict=True):
            assert text[p] == ch or (text[p] == "’" and ch == "'")


_INTERCHANGE = (
    "UNA:+.? 'UNB+IATA:1+KL+NLPIU+260313:0630+GW1'UNH+1+PNRGOV:11:1:IA'MSG+:22'ORG+KL'"
    f"SRC'RCI+KL:MAIL01'TIF+MOREAU+LUC:A:1'FOP+CC::980.00:VI:{PAN[:9]}?\r\n{PAN[9:]}:0128'UNT+7+1'UNZ+1+GW1'"
)


def _mail(transfer_encoding: str) -> bytes:
    body = _INTERCHANGE.encode()
    encoded = base64.encodebytes(body) if transfer_encoding == "base64" else quopri.encodestring(body)
    return (
        b"From: gateway@airline.example\r\nTo: piu@police.example\r\nSubject: PNRGOV KL1234\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XYZ\r\n\r\n"
        b"--XYZ\r\nContent-Type: text/plain\r\n\r\nPlease find the PNR push attached.\r\n"
        b"--XYZ\r\nContent-Type: application/edifact; name=pnr.edi\r\n"
        + f"Content-Transfer-Encoding: {transfer_encoding}\r\n\r\n".encode()
        + encoded
        + b"\r\n--XYZ--\r\n"
    )


@pytest.mark.parametrize("transfer_encoding", ["base64", "quoted-printable"])
def test_a_card_number_in_an_encoded_email_attachment_is_masked_in_its_part(transfer_encoding: str) -> None:
    """Base64 hides a card number from any search of the raw bytes: the part is decoded,
    masked and encoded again, and the e-mail still reads as before."""
    mail = _mail(transfer_encoding)
    masked = mask_card_numbers(mail)
    parts = [
        p.get_payload(decode=True) for p in email.message_from_bytes(masked).walk() if not p.is_multipart()
    ]
    attachment = next(p for p in parts if isinstance(p, bytes) and b"UNB" in p)
    joined = attachment.replace(b"?\r\n", b"").replace(b"?\n", b"")
    assert PAN.encode() not in joined
    assert f"{PAN[:6]}XXXXXX{PAN[-4:]}".encode() in joined
    [message] = read_message_bytes(masked).messages
    assert isinstance(message, PnrMessage)
    assert message.bookings[0].payments[0].masked_number == f"{PAN[:6]}XXXXXX{PAN[-4:]}"
    assert mask_card_numbers(masked) == masked, "masking twice changes nothing more"


def test_a_card_number_behind_a_type_b_heading_is_masked_as_the_reader_reads_it() -> None:
    relayed = ("QU NLPIUXH\r\n.HDQRMKL 130630\r\n" + _INTERCHANGE + "\r\nNNNN\r\n").encode()
    masked = mask_card_numbers(relayed)
    assert PAN.encode() not in masked.replace(b"?\r\n", b"")
    assert masked.startswith(b"QU NLPIUXH\r\n.HDQRMKL 130630\r\n")
    assert masked.endswith(b"\r\nNNNN\r\n")
    [message] = read_message_bytes(masked).messages
    assert isinstance(message, PnrMessage)
    assert message.bookings[0].payments[0].masked_number == f"{PAN[:6]}XXXXXX{PAN[-4:]}"
