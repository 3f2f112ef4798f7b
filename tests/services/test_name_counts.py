"""Name-part counts fed from registers and screened travellers, kept across restarts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.matching import Record
from liaison.matching.frequency import NameFrequencies, learned, set_learned
from liaison.services.name_counts import NameCounts
from liaison.store import schema


@pytest.fixture(autouse=True)
def fresh_table() -> Iterator[None]:
    before = learned()
    set_learned(NameFrequencies())
    yield
    set_learned(before)


def travellers(*names: str) -> list:  # type: ignore[type-arg]
    return [Record.of(name).prepared for name in names]


def test_screened_travellers_are_counted_and_survive_a_restart(db: Session) -> None:
    counts = NameCounts()
    counts.load_traffic(db)
    counts.observe_travellers(db, travellers("Kim Min-jun", "Kim Seo-yeon", "Park Min-jun"))
    counts.observe_travellers(db, travellers("Kim Ji-ho"))
    db.commit()
    assert learned().counts["kim"] == 3
    assert learned().persons == 4
    stored = dict(db.execute(select(schema.NamePartCount.part, schema.NamePartCount.persons)).all())
    assert stored["kim"] == 3
    assert stored[""] == 4  # the persons row
    restarted = NameCounts()
    set_learned(NameFrequencies())
    restarted.load_traffic(db)
    restarted.publish()
    assert learned().counts["kim"] == 3
    assert learned().persons == 4


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
