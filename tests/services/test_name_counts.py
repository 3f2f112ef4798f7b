"""Name-part counts fed from registers and screened travellers, kept across restarts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from liaison.domain.passenger import Booking, Leg, PnrMessage, Traveller
from liaison.formats import write_pnrgov
from liaison.matching import Record
from liaison.matching.frequency import NameFrequencies, learned, set_learned
from liaison.services.pipeline import pipeline, screening
from liaison.services.pipeline.name_counts import NameCounts
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
    db.commit()
    assert stored(db)["olga"] == 3
    assert "sidorov" not in stored(db)  # one bearer since the restart


def test_no_rare_part_is_written_under_the_default_threshold(db: Session) -> None:
    counts = NameCounts()
    counts.load_traffic(db)
    counts.observe_travellers(db, travellers(*(f"Anna Zbigniewska{'x' * i}" for i in range(4))))
    db.commit()
    assert stored(db) == {"": 4}
    counts.observe_travellers(db, travellers("Anna Kowalska"))
    db.commit()
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


def test_nothing_is_counted_or_written_before_the_commit(db: Session) -> None:
    counts = NameCounts(min_persons=1)
    counts.observe_travellers(db, travellers("Ivan Petrov"))
    db.flush()
    # Not in the caller's transaction (which would hold the rows locked), not in memory.
    assert stored(db) == {}
    assert learned().persons == 0
    db.commit()
    assert stored(db) == {"": 1, "ivan": 1, "petrov": 1}
    assert learned().counts["petrov"] == 1


def test_a_rolled_back_batch_counts_nobody(db: Session) -> None:
    counts = NameCounts(min_persons=3)
    counts.load_traffic(db)
    # Three bearers of a rare surname screened in a transaction that fails:
    # a retry screens them again, and neither attempt may count them twice.
    counts.observe_travellers(db, travellers("Anna Wrzesniewska", "Ewa Wrzesniewska", "Ola Wrzesniewska"))
    db.rollback()
    assert learned().persons == 0
    assert stored(db) == {}
    # One more bearer: one person's rare surname must not be written.
    counts.observe_travellers(db, travellers("Zofia Wrzesniewska"))
    db.commit()
    assert "wrzesniewska" not in stored(db)
    assert learned().counts["wrzesniewska"] == 1
    assert stored(db) == {"": 1}


def test_a_batch_after_a_rollback_cannot_reach_the_threshold_with_it(db: Session) -> None:
    counts = NameCounts(min_persons=2)
    counts.load_traffic(db)
    counts.observe_travellers(db, travellers("Anna Wrzesniewska"))
    db.rollback()
    counts.observe_travellers(db, travellers("Ewa Wrzesniewska"))
    db.commit()
    assert "wrzesniewska" not in stored(db)  # one traveller bore it, not two


def test_a_rolled_back_savepoint_drops_its_batch_only(db: Session) -> None:
    counts = NameCounts(min_persons=1)
    counts.load_traffic(db)
    counts.observe_travellers(db, travellers("Ivan Petrov"))
    with db.begin_nested():
        counts.observe_travellers(db, travellers("Olga Sidorova"))  # kept: the savepoint is released
    savepoint = db.begin_nested()
    counts.observe_travellers(db, travellers("Pavel Kuznetsov"))
    savepoint.rollback()
    db.commit()
    assert set(stored(db)) == {"", "ivan", "petrov", "olga", "sidorova"}
    assert learned().persons == 2


def test_a_session_closed_without_commit_leaves_nothing_for_its_next_transaction(runtime: Runtime) -> None:
    counts = NameCounts(min_persons=1)
    with runtime.sessions() as session:
        counts.observe_travellers(session, travellers("Ivan Petrov"))
        session.close()
        counts.observe_travellers(session, travellers("Olga Sidorova"))
        session.commit()
        assert set(stored(session)) == {"", "olga", "sidorova"}


def test_the_published_table_is_replaced_not_changed(db: Session) -> None:
    """Other threads score against the table they read: a batch gives a new one."""
    counts = NameCounts(min_persons=1)
    before = learned()
    version = before.version
    counts.observe_travellers(db, travellers("Ivan Petrov", "Ivan Sidorov"))
    db.commit()
    assert before.persons == 0
    assert not before.counts
    assert before.version == version
    assert learned() is not before
    assert learned().counts["ivan"] == 2


def test_parts_are_written_in_sorted_order(db: Session) -> None:
    """Two workers writing overlapping parts lock the rows in one order (no deadlock)."""
    counts = NameCounts(min_persons=1)
    written: list[list[str]] = []

    def capture(_conn: object, _cursor: object, statement: str, parameters: object, *_: object) -> None:
        if "name_part_counts" in statement and statement.lstrip().upper().startswith("INSERT"):
            values = list(parameters.values()) if isinstance(parameters, dict) else parameters
            assert isinstance(values, (list, tuple))
            written.append([value for value in values if isinstance(value, str)])

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", capture)
    try:
        counts.observe_travellers(db, travellers("Zoe Young", "Adam Xu", "Mia Brown"))
        db.commit()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert written == [["", "adam", "brown", "mia", "xu", "young", "zoe"]]


def test_a_failed_message_counts_its_travellers_once_when_it_succeeds(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    with runtime.transaction() as session:
        hub = session.scalar(select(schema.Agency.id).where(schema.Agency.code == "HUB"))
        assert hub is not None
    receipt = pipeline.receive(
        runtime,
        agency_id=hub,
        machine_client_id=None,
        body=_booking("CNT003", ("SMIT", "ANNA"), ("SMIT", "PIET")),
    )

    def fail(*_: object, **__: object) -> list[schema.Hit]:
        raise RuntimeError("rules unavailable")

    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "screen_rules", fail)
        assert isinstance(pipeline.attempt(runtime, receipt.message_id), pipeline.Failure)
    assert learned().persons == 0
    pipeline.process_one(runtime, receipt.message_id)
    assert learned().persons == 2
    assert learned().counts["smit"] == 2
    with runtime.transaction() as session:
        assert (
            session.scalar(select(schema.NamePartCount.persons).where(schema.NamePartCount.part == "")) == 2
        )


def test_a_batch_is_graded_against_the_table_it_was_scored_with(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table seen while hits are recorded is the one the batch was scored with."""
    seen: list[NameFrequencies] = []
    record_hits = screening.record_hits

    def spy(*args: object, **kwargs: object) -> list[schema.Hit]:
        seen.append(learned())
        return record_hits(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(screening, "record_hits", spy)
    _push(runtime, _booking("CNT004", ("SMIT", "ANNA")))
    scored = learned()
    _push(runtime, _booking("CNT005", ("SMIT", "PIET")))
    assert seen[0].persons == 0  # Anna's own name was not yet counted
    assert seen[1] is scored
    assert learned().persons == 2
