"""iter_paxlst streams: a message comes in parts of at most `chunk` travellers with
the same header and the legs, count warnings on the last part; read_paxlst joins
the parts again; memory stays bounded by the input, not by the travellers."""

from __future__ import annotations

import tracemalloc
from datetime import datetime

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Document, Leg, PaxlstMessage, Traveller
from liaison.formats import iter_message_bytes, read_paxlst, write_paxlst
from liaison.formats.errors import ParseError
from liaison.formats.paxlst import iter_paxlst

LEGS = (
    Leg("XX", "100", "CDG", "JFK", datetime(2024, 1, 1, 12), datetime(2024, 1, 1, 15)),
    Leg("XX", "101", "JFK", "YUL", datetime(2024, 1, 1, 17), datetime(2024, 1, 1, 19)),
)


def manifest(n: int) -> PaxlstMessage:
    travellers = tuple(
        Traveller(
            surname=f"DOE{i}",
            given_names="JANE",
            birth_date=PartialDate(1980, 1, 2),
            gender=Gender.FEMALE,
            nationality="FRA",
            documents=(Document("DOCS", "P", f"P{i:08d}", "FRA", nationality="FRA"),),
            name_as_sent=f"DOE{i}:JANE",
        )
        for i in range(n)
    )
    return PaxlstMessage("XX", "M1", "I1", "YY", datetime(2024, 1, 1, 12), "D:05B", "745", LEGS, travellers)


def test_a_large_message_comes_in_parts_with_header_and_legs() -> None:
    m = manifest(1203)
    data = write_paxlst(m).replace(b"CNT+42:1203'", b"CNT+42:1300'")
    parts = list(iter_paxlst(data, chunk=500))
    assert all(isinstance(p, PaxlstMessage) for p in parts)
    assert [len(p.travellers) for p in parts if isinstance(p, PaxlstMessage)] == [500, 500, 203]
    for p in parts:
        assert isinstance(p, PaxlstMessage)
        assert (p.sender, p.reference, p.interchange_reference, p.document_type) == ("XX", "M1", "I1", "745")
        assert p.legs == LEGS
    *first, last = [p for p in parts if isinstance(p, PaxlstMessage)]
    assert all(p.warnings == () for p in first)
    assert last.warnings == ("CNT says 1300 travellers, the message has 1203",)
    [whole] = read_paxlst(data).messages
    assert whole.travellers == m.travellers
    assert whole.warnings == last.warnings
    streamed = iter_message_bytes(data, chunk=1000)
    assert [len(p.travellers) for p in streamed if isinstance(p, PaxlstMessage)] == [1000, 203]


def test_each_message_of_an_interchange_is_joined_on_its_own() -> None:
    one = write_paxlst(manifest(7))
    body = one[one.index(b"UNH") : one.index(b"UNZ")]
    data = one[: one.index(b"UNH")] + body + body.replace(b"M1", b"M2") + b"UNZ+2+I1'"
    [a, b] = read_paxlst(data).messages
    assert (a.reference, b.reference) == ("M1", "M2")
    assert len(a.travellers) == len(b.travellers) == 7
    assert len([p for p in iter_paxlst(data, chunk=3) if isinstance(p, PaxlstMessage)]) == 6


def test_an_error_in_a_late_traveller_comes_after_the_parts_before_it() -> None:
    data = write_paxlst(manifest(30)).replace(b"NAD+FL+++DOE25:JANE'", b"NAD+FL'")
    items = list(iter_paxlst(data, chunk=10))
    kinds = ["error" if isinstance(i, ParseError) else len(i.travellers) for i in items]
    assert kinds == [10, 10, "error", 9]


def test_memory_stays_bounded_by_the_input() -> None:
    """Peak memory while the stream is consumed (about 70 times the input before it
    streamed); a fixed overhead of the tokenizer makes small inputs look worse than
    large ones: 50 MB measure about 1.3 times (see the report in docs/formats.md)."""
    data = write_paxlst(manifest(6000))
    tracemalloc.start()
    try:
        count = sum(len(p.travellers) for p in iter_paxlst(data, chunk=200) if isinstance(p, PaxlstMessage))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 6000
    assert peak < 10 * len(data), f"peak {peak / len(data):.1f} times the input"
