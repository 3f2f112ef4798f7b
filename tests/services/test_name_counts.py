"""Name-part counts fed from registers and screened travellers, kept across restarts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.passenger import Booking, Leg, PnrMessage, Traveller
from liaison.formats import write_pnrgov
from liaison.matching import Record
from liaison.matching.frequency import NameFrequencies, learned, set_learned
from liaison.services import pipeline
from liaison.services.name_counts import NameCounts
from liaison.services.runtime import Runtime
from liaison.store import schema

FLIGHT = Leg("KL", "1234", "IST", "AMS", datetime(2026, 11, 23, 9, 30), datetime(2026, 11, 23, 12, 45))


@pytest.fixture(autouse=True)
def fresh_table() -> Iterator[None]:
    before = learned()
    set_learned(NameFrequencies())
    yield
    set_learned(before)


def travellers(*names: str) -> list:  # type: ignore[type-arg]
    return [Record.of(name).prepared for name in names]


def stored(db: Session) -> dict[str, int]:
    return dict(db.execute(select(schema.NamePartCount.part, schema.NamePartCount.persons)).all())


def test_screened_travellers_are_counted_and_survive_a_restart(db: Session) -> None:
    counts = NameCounts(min_persons=2)
    counts.load_traffic(db)
    counts.observe_travellers(db, travellers("Ivan Petrov", "Ivan Sidorov", "Olga Petrova"))
    counts.observe_travellers(db, travellers("Ivan Kuznetsov", "Olga Ivanova"))
    db.commit()
    assert learned().counts["ivan"] == 3
    assert learned().counts["petrov"] == 1
    assert learned().persons == 5
    # Only parts borne by two travellers or more are written: Olga with both
    # bearers once the second came; no surname borne by one traveller.
    assert stored(db) == {"ivan": 3, "olga": 2, "": 5}
    restarted = NameCounts(min_persons=2)
    set_learned(NameFrequencies())
    restarted.load_traffic(db)
    restarted.publish()
    assert learned().counts["ivan"] == 3
    assert learned().counts["petrov"] == 0  # rare parts are forgotten, so stay rare
    assert learned().persons == 5
    restarted.observe_travellers(db, travellers("Olga Sidorova", "Pavel Sidorov"))
    assert stored(db)["olga"] == 3
    assert "sidorov" not in stored(db)  # one bearer since the restart


def test_no_rare_part_is_written_under_the_default_threshold(db: Session) -> None:
    counts = NameCounts()
    counts.load_traffic(db)
    counts.observe_travellers(db, travellers(*(f"Anna Zbigniewska{'x' * i}" for i in range(4))))
    assert stored(db) == {"": 4}
    counts.observe_travellers(db, travellers("Anna Kowalska"))
    assert stored(db) == {"anna": 5, "": 5}


def test_a_rebuilt_register_replaces_its_counts(db: Session) -> None:
    counts = NameCounts()
    counts.load_traffic(db)
    people = [(1, Record.of("Ivan Petrov")), (2, Record.of("Ivan Sidorov"))]
    prepared = list(counts.counting(7, people))
    assert [key for key, _ in prepared] == [1, 2]
    counts.publish()
    assert learned().counts["ivan"] == 2
    list(counts.counting(7, people[:1]))  # the register lost a record
    counts.publish()
    assert learned().counts["ivan"] == 1
    counts.keep_registers([])
    counts.publish()
    assert learned().persons == 0


def _booking(locator: str, *names: tuple[str, str]) -> bytes:
    booking = Booking(
        locator,
        "KL",
        itinerary=(FLIGHT,),
        travellers=tuple(Traveller(surname, given, str(i + 1)) for i, (surname, given) in enumerate(names)),
    )
    return write_pnrgov(
        PnrMessage("KL", locator, interchange_reference=locator, flight=FLIGHT, bookings=(booking,))
    )


def _push(runtime: Runtime, body: bytes) -> None:
    with runtime.transaction() as session:
        hub = session.scalar(select(schema.Agency.id).where(schema.Agency.code == "HUB"))
        assert hub is not None
    receipt = pipeline.receive(runtime, agency_id=hub, machine_client_id=None, body=body)
    pipeline.process_one(runtime, receipt.message_id)


def test_a_traveller_is_counted_once_however_often_pushed(runtime: Runtime) -> None:
    _push(runtime, _booking("CNT001", ("SMIT", "ANNA"), ("JANSEN", "PIET")))
    # A new version of the booking (a traveller added) and another booking of Anna's.
    _push(runtime, _booking("CNT001", ("SMIT", "ANNA"), ("JANSEN", "PIET"), ("VRIES", "KEES")))
    _push(runtime, _booking("CNT002", ("SMIT", "ANNA")))
    assert learned().persons == 3
    assert learned().counts["anna"] == 1
