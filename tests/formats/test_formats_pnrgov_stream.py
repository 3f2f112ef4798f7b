"""``iter_pnrgov`` streams: each PNR is read on its own and a message comes in parts of
at most ``chunk`` bookings with the same header; ``read_pnrgov`` merges the parts
back into one message per ``UNH``."""

from __future__ import annotations

import gc

from liaison.domain.passenger import Booking, Leg, PnrMessage, Traveller
from liaison.formats import ParseError, iter_message_bytes, read_pnrgov, write_pnrgov
from liaison.formats.pnrgov import iter_pnrgov
from tests.formats.test_formats_pnrgov_elements import pnrgov


def pnr(n: int, extra: str = "") -> str:
    return f"SRC'RCI+XX:P{n:05d}'TIF+DOE+JANE{n}:A:1'TVL+010124:1000:010124:1800+CDG+JFK+XX+1'{extra}"


def test_parts_of_at_most_chunk_bookings_with_the_same_header_and_warnings_last() -> None:
    pnrs = [pnr(n, "TBD++X'" if n == 4 else "") for n in range(7)]
    data = pnrgov(*pnrs, eqn="9").replace(b"UNT+", b"UNT+1", 1)
    items = list(iter_pnrgov(data, chunk=3))
    assert all(isinstance(i, PnrMessage) for i in items)
    parts = [i for i in items if isinstance(i, PnrMessage)]
    assert [len(p.bookings) for p in parts] == [3, 3, 1]
    assert {(p.sender, p.reference, p.interchange_reference, p.flight) for p in parts} == {
        (parts[0].sender, "M1", "I1", parts[0].flight)
    }
    assert parts[0].flight is not None
    assert parts[0].warnings == ()
    # the bag count's warning is with its booking's part; the counts' with the last part
    assert parts[1].warnings == (parts[1].bookings[1].warnings[0],)
    assert "P00004" in parts[1].warnings[0]
    assert parts[2].warnings[0].startswith("UNT says 1")
    assert parts[2].warnings[1] == "EQN says 9 PNRs, the message has 7"
    [whole] = read_pnrgov(data).messages
    assert whole.bookings == tuple(b for p in parts for b in p.bookings)
    assert whole.warnings == tuple(w for p in parts for w in p.warnings)
    assert [len(m.bookings) for m in iter_message_bytes(data, chunk=3) if isinstance(m, PnrMessage)] == [
        3,
        3,
        1,
    ]


def test_read_pnrgov_gives_one_message_per_unh_and_the_interchange_warnings_to_each() -> None:
    one = pnrgov(*(pnr(n) for n in range(5)), eqn="5").decode()
    head, _, rest = one.partition("UNH+")
    message = "UNH+" + rest.rpartition("UNZ+")[0]
    data = (head + message + message.replace("M1", "M2") + "UNZ+2+OTHER'").encode()
    result = read_pnrgov(data)
    assert result.errors == ()
    assert [(m.reference, len(m.bookings)) for m in result.messages] == [("M1", 5), ("M2", 5)]
    unz = "UNZ control reference 'OTHER' differs from UNB's 'I1'"
    assert all(m.warnings == (unz,) for m in result.messages)
    parts = [p for p in iter_pnrgov(data, chunk=2) if isinstance(p, PnrMessage)]
    sizes = [(p.reference, len(p.bookings)) for p in parts]
    assert sizes == [("M1", 2), ("M1", 2), ("M1", 1), ("M2", 2), ("M2", 2), ("M2", 1)]
    assert [p.warnings for p in parts] == [()] * 5 + [(unz,)], "the stream's last part says it"


def test_a_message_cut_short_keeps_the_pnrs_read_before_the_cut() -> None:
    data = pnrgov(*(pnr(n) for n in range(4)))
    cut = data[: data.index(b"TVL", data.index(b"P00003"))]
    result = read_pnrgov(cut)
    assert [b.record_locator for b in result.messages[0].bookings] == ["P00000", "P00001", "P00002"]
    lost, truncated = result.errors
    assert (lost.code, lost.tag, lost.reference) == ("pnr-cut-short", "SRC", "M1")
    assert lost.byte_offset == cut.index(b"SRC'RCI+XX:P00003")
    assert (
        lost.reason == "PNR P00003: the message ends inside this PNR; it is not read (it names 1 traveller)"
    )
    assert "truncated" in truncated.reason
    assert read_pnrgov(data[: data.index(b"SRC'")]).messages == (), "nothing read, nothing kept"


def live_bookings() -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, Booking))


def test_the_stream_never_holds_all_the_bookings_of_a_message() -> None:
    booking = Booking(
        record_locator="ABC123",
        itinerary=(Leg("XX", "1", "CDG", "JFK"),),
        travellers=(Traveller("DOE", "JANE", reference="1"),),
    )
    one = write_pnrgov(PnrMessage("XX", "R", bookings=(booking,)))
    head, _, rest = one.partition(b"SRC'")
    body, _, tail = rest.rpartition(b"UNT+")
    data = head + (b"SRC'" + body) * 2000 + b"UNT+" + tail
    del booking, one
    # Set aside what the test process already holds (gc.get_objects skips frozen objects):
    # in a worker that ran hundreds of tests, counting over its whole heap took 25 s.
    gc.freeze()
    try:
        before = live_bookings()
        most = read = 0
        for n, item in enumerate(iter_pnrgov(data, chunk=20)):
            assert not isinstance(item, ParseError)
            read += len(item.bookings)
            if n % 10 == 5:
                most = max(most, live_bookings() - before)
            del item
    finally:
        gc.unfreeze()
    assert read == 2000
    assert 20 <= most <= 3 * 20  # the part in hand, the one held back, the one being read
