"""Name commonness learned from the data the system holds and screens.

The matching engine reads one process-wide table of name-part counts
(:func:`liaison.matching.frequency.learned`). This service feeds it from two
sources: every person of every persons register, counted again whenever the
register's index is rebuilt (so a deleted record stops counting), and every
screened traveller, counted once as a person (the screening service passes
only travellers not stored before, see ``screening.newly_seen``) and kept in
the ``name_part_counts`` table so that a restart does not forget the
traffic (registers need no such table: they are read in full at start
anyway).

The table must not become a list of travellers' names: a part is written
only once at least ``min_persons`` travellers (the setting
``name_count_min_persons``, 5 by default) bore it, with all of them;
rarer parts stay in this process's memory and are forgotten at a restart,
which leaves them rare (the cautious side: a rare name weighs more).

Travellers are counted after their batch is screened: a batch is screened and
explained against one unchanging table, so a hit's score and its
explanation's agree, and a traveller's own name never makes itself common.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from liaison.matching import Prepared, Record
from liaison.matching.frequency import NameFrequencies, learned, set_learned
from liaison.store import schema

# The row of name_part_counts that holds how many travellers were counted.
PERSONS_ROW = ""
# Rows written per statement.
BATCH_ROWS = 1000
# Travellers who must bear a part before it is written to name_part_counts.
MIN_PERSONS = 5


class NameCounts:
    """The registers' and the traffic's counts in one process, published as one table."""

    def __init__(self, min_persons: int = MIN_PERSONS) -> None:
        self._lock = threading.Lock()
        self._registers: dict[int, NameFrequencies] = {}
        self._traffic: NameFrequencies | None = None
        # A part is persisted once this many travellers bore it (privacy).
        self.min_persons = min_persons
        # Parts that have a row in name_part_counts (read at start or written).
        self._stored: set[str] = set()

    def counting(
        self, register_id: int, records: Iterable[tuple[Hashable, Record]]
    ) -> Iterator[tuple[Hashable, Prepared]]:
        """Pass a register's records through (prepared, as the index wants them),
        counting each person; the register's table replaces its old one once
        all have passed (call :meth:`publish` then)."""
        table = NameFrequencies()
        for key, record in records:
            prepared = record.prepared
            table.observe(prepared.names)
            yield key, prepared
        with self._lock:
            self._registers[register_id] = table

    def keep_registers(self, register_ids: Iterable[int]) -> None:
        """Forget the counts of registers that are gone."""
        keep = set(register_ids)
        with self._lock:
            for register_id in list(self._registers):
                if register_id not in keep:
                    del self._registers[register_id]

    def load_traffic(self, session: Session) -> None:
        """Read the travellers' counts once per process."""
        if self._traffic is not None:
            return
        traffic = NameFrequencies()
        for part, persons in session.execute(select(schema.NamePartCount.part, schema.NamePartCount.persons)):
            if part == PERSONS_ROW:
                traffic.persons = int(persons)
            else:
                traffic.counts[part] = int(persons)
        with self._lock:
            if self._traffic is None:
                self._traffic = traffic
                self._stored = set(traffic.counts)

    def publish(self) -> None:
        """Make the sum of all counts the matching engine's table (between batches)."""
        combined = NameFrequencies()
        with self._lock:
            for table in self._registers.values():
                combined.update(table)
            if self._traffic is not None:
                combined.update(self._traffic)
        set_learned(combined)

    def observe_travellers(self, session: Session, travellers: Iterable[Prepared]) -> None:
        """Count travellers seen for the first time: in memory, in the
        published table and, for parts borne by ``min_persons`` travellers
        or more, in ``name_part_counts`` (one upsert per thousand parts, in
        the caller's transaction)."""
        batch = NameFrequencies()
        for traveller in travellers:
            batch.observe(traveller.names)
        if not batch.persons:
            return
        self.load_traffic(session)
        written = NameFrequencies(persons=batch.persons)
        with self._lock:
            traffic = self._traffic
            assert traffic is not None
            traffic.update(batch)
            for part, count in batch.counts.items():
                if part in self._stored:
                    written.counts[part] = count
                elif traffic.counts[part] >= self.min_persons:
                    # Reaches k now: write every bearer this process has seen.
                    written.counts[part] = traffic.counts[part]
                    self._stored.add(part)
        learned().update(batch)
        _persist(session, written)


def _persist(session: Session, batch: NameFrequencies) -> None:
    # A part longer than the column (a run-together name of 64 letters) is left out.
    rows = [{"part": part, "persons": count} for part, count in batch.counts.items() if len(part) <= 64]
    rows.append({"part": PERSONS_ROW, "persons": batch.persons})
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    model = schema.NamePartCount
    for start in range(0, len(rows), BATCH_ROWS):
        statement = insert(model).values(rows[start : start + BATCH_ROWS])
        statement = statement.on_conflict_do_update(
            index_elements=["part"], set_={"persons": model.persons + statement.excluded.persons}
        )
        session.execute(statement)
