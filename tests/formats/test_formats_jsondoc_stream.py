"""`liaison parse` writes each message's JSON from the reader's stream of parts: the
text must be exactly the JSON of the whole message, however many parts it came in."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from liaison.domain.passenger import Booking, Leg, PaxlstMessage, PnrMessage, Traveller
from liaison.formats import iter_message_bytes, read_message_bytes, write_paxlst, write_pnrgov
from liaison.formats.jsondoc import document_text, message_json

FLIGHT = Leg("KL", "1234", "AMS", "JFK", datetime(2026, 3, 13, 9, 30))


def _pnrgov(bookings: int, reference: str = "1") -> bytes:
    travellers = (Traveller(surname="SMIT", given_names="ANNA", reference="1"),)
    message = PnrMessage(
        sender="KL",
        reference=reference,
        flight=FLIGHT,
        bookings=tuple(Booking(f"L{i:05d}", "KL", travellers=travellers) for i in range(bookings)),
    )
    return write_pnrgov(message)


def _paxlst(travellers: int) -> bytes:
    people = tuple(Traveller(surname=f"JONG{i}", given_names="PIET") for i in range(travellers))
    return write_paxlst(PaxlstMessage(sender="KL", reference="P1", legs=(FLIGHT,), travellers=people))


def _two_messages() -> bytes:
    """One interchange, two PNRGOV messages: the second UNH..UNT of another file spliced in."""
    first, second = _pnrgov(3, "M1"), _pnrgov(2, "M2")
    body = second[second.index(b"UNH") : second.index(b"UNZ")]
    return first.replace(b"UNZ+1", body + b"UNZ+2")


@pytest.mark.parametrize(
    ("name", "data", "chunk", "count"),
    [
        ("pnrgov in three parts", _pnrgov(1201), 500, 3),
        ("pnrgov in one part", _pnrgov(3), 500, 1),
        ("two messages, parts of one booking", _two_messages(), 1, 5),
        ("paxlst in parts", _paxlst(1201), 500, 3),
    ],
)
def test_the_streamed_text_is_the_json_of_each_whole_message(
    name: str, data: bytes, chunk: int, count: int
) -> None:
    parts = [item for item in iter_message_bytes(data, chunk=chunk) if not hasattr(item, "reason")]
    whole = read_message_bytes(data)
    assert whole.errors == ()
    assert len(parts) == count
    expected = "".join(json.dumps(message_json(m), ensure_ascii=False) + "\n" for m in whole.messages)
    streamed = "".join(document_text(p for p in parts if isinstance(p, PnrMessage | PaxlstMessage)))
    assert streamed == expected
    assert [json.loads(line)["reference"] for line in streamed.splitlines()] == [
        m.reference for m in whole.messages
    ]
