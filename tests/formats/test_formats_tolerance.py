"""One small test per case of `liaison.formats.catalogue`: what is tolerated is
read as meant, what is warned about is read and says so. docs/formats.md names
these tests."""

from __future__ import annotations

from liaison.formats import read_paxlst, read_pnrgov


def pnrgov(body: str, *, eqn: int = 1, unt: int | None = None, unz: str = "ICR1", end: str = "'") -> bytes:
    segments = ["UNH+MSG42+PNRGOV:11:1:IA'", "MSG+:22'", "ORG+XX'", f"EQN+{eqn}'", body]
    count = sum(s.count("'") for s in segments) + 1
    text = "UNA:+.? 'UNB+IATA:1+XX+YY+240101:1200+ICR1'" + "".join(segments)
    return (text + f"UNT+{count if unt is None else unt}+MSG42'UNZ+1+{unz}{end}").encode()


PNR = "SRC'RCI+XX:GOOD01'TIF+DOE+JANE:A:1'SSR+DOCS:HK:1:XX:::::/P/FRA/12345/FRA/01JAN80/F/01JAN30/DOE/JANE'"


def paxlst(travellers: str, cnt: int) -> bytes:
    body = (
        "UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+XX100+++XX'LOC+125+CDG'DTM+189:2401011200:201'"
        f"LOC+87+JFK'DTM+232:2401011500:201'{travellers}CNT+42:{cnt}'"
    )
    count = body.count("'") + 1
    return f"UNB+UNOA:4+XX+YY+240101:1200+I1'{body}UNT+{count}+1'UNZ+1+I1'".encode()


TRAVELLER = "NAD+FL+++DOE:JANE'ATT+2++F'DTM+329:800101'DOC+P:110:111+123'DTM+36:300101'"


def test_typographic_apostrophe_ends_segments() -> None:
    result = read_pnrgov(pnrgov(PNR).replace(b"'", "\u2019".encode()))
    assert result.errors == ()
    assert result.messages[0].bookings[0].travellers[0].surname == "DOE"


def test_missing_terminator_after_the_final_unz() -> None:
    result = read_pnrgov(pnrgov(PNR, end=""))
    assert result.errors == ()
    assert result.messages[0].warnings == ()


def test_segment_and_reference_counts_that_differ_are_warnings() -> None:
    result = read_pnrgov(pnrgov(PNR, eqn=3, unt=99, unz="OTHER"))
    assert result.errors == ()
    [message] = result.messages
    assert message.bookings[0].record_locator == "GOOD01"
    assert set(message.warnings) == {
        "EQN says 3 PNRs, the message has 1",
        "UNT says 99 segments, the message has 9",
        "UNZ control reference 'OTHER' differs from UNB's 'ICR1'",
    }


def test_unt_reference_that_differs_is_a_warning() -> None:
    data = pnrgov(PNR).replace(b"+MSG42'UNZ", b"+MSG43'UNZ")
    [message] = read_pnrgov(data).messages
    assert message.warnings == ("UNT reference 'MSG43' differs from UNH reference 'MSG42'",)


def test_cnt_count_that_differs_is_a_warning() -> None:
    result = read_paxlst(paxlst(TRAVELLER, cnt=2))
    assert result.errors == ()
    [message] = result.messages
    assert len(message.travellers) == 1
    assert message.warnings == ("CNT says 2 travellers, the message has 1",)
