"""Card numbers in forms of payment are masked in the raw message; nothing else moves."""

from __future__ import annotations

from liaison.formats.masking import mask_card_numbers

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
    assert b'AccountNbr="453957XXXXXX1486"' in masked
