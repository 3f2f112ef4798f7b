"""Two transactions meeting the same new flight at once (the PNRGOV and the PAXLST of
one flight on two workers): both go on, with one flight between them."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import func, select

from liaison.domain.passenger import Leg
from liaison.services.pipeline.ingest import _FlightCache
from liaison.services.runtime import Runtime
from liaison.store import schema

LEGS = [
    Leg("AF", "1234", "CDG", "JFK", departure=datetime(2026, 11, 23, 10, 5, tzinfo=UTC)),
    Leg("KL", "0641", "AMS", "JFK", departure=datetime(2026, 11, 23, 11, 0, tzinfo=UTC)),
]


def test_a_flight_created_meanwhile_by_another_transaction_is_taken_not_refused(runtime: Runtime) -> None:
    first_inserted, first_may_commit = threading.Event(), threading.Event()
    seen: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with runtime.sessions() as session, session.begin():
                cache = _FlightCache(session)
                cache.prefetch(LEGS)
                seen["first"] = [cache.get(leg).id for leg in LEGS]  # type: ignore[union-attr]
                first_inserted.set()
                first_may_commit.wait(10)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)
            first_inserted.set()

    def second() -> None:
        try:
            first_inserted.wait(10)
            with runtime.sessions() as session, session.begin():
                cache = _FlightCache(session)
                # Waits on the first transaction's uncommitted rows (PostgreSQL's unique
                # index, SQLite's writer), then finds them instead of failing.
                cache.prefetch(list(reversed(LEGS)))
                seen["second"] = [cache.get(leg).id for leg in LEGS]  # type: ignore[union-attr]
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_inserted.wait(10)
    threading.Timer(0.5, first_may_commit.set).start()
    for thread in threads:
        thread.join(20)
    assert errors == []
    assert seen["first"] == seen["second"]
    with runtime.sessions() as session:
        assert session.scalar(select(func.count()).select_from(schema.Flight)) == 2
