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

Travellers count only once the transaction that screened them commits
(:meth:`NameCounts.observe_travellers` leaves the batch on the session; an
``after_commit`` event applies it): a rolled-back or retried message counts
nobody, so no rolled-back traveller can bring a part to ``min_persons`` and
have a rarer part written. The rows are then written in a short transaction
of their own, in sorted order, so that two workers neither hold the rows
locked for a whole message nor deadlock on them. The published table is
replaced by an updated copy, never changed in place, so that a batch being
screened in another thread reads one unchanging table and a hit's score and
its explanation agree; a batch's own hits are graded before it counts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction

from liaison.matching import Prepared, Record
from liaison.matching.frequency import NameFrequencies, learned, set_learned
from liaison.store import schema

log = logging.getLogger(__name__)

# The row of name_part_counts that holds how many travellers were counted.
PERSONS_ROW = ""
# Rows written per statement.
BATCH_ROWS = 1000
# Travellers who must bear a part before it is written to name_part_counts.
MIN_PERSONS = 5
# session.info keys: the batches waiting for the session's commit, and
# whether the session's events are set up.
_PENDING = "liaison.name_counts.pending"
_LISTENING = "liaison.name_counts.listening"


@dataclass(frozen=True)
class _Pending:
    """A batch of travellers screened in a transaction not yet committed."""

    counts: NameCounts
    bind: Engine
    batch: NameFrequencies
    # The savepoints open when the batch was observed: rolling back any drops it.
    savepoints: tuple[SessionTransaction, ...]


class NameCounts:
    """The registers' and the traffic's counts in one process, published as one table."""

    def __init__(self, min_persons: int = MIN_PERSONS) -> None:
        self._lock = threading.Lock()
        # One after-commit write at a time in this process: which parts reach
        # min_persons is decided from the counts the earlier write left.
        self._writing = threading.Lock()
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
            # Under the lock: a batch counted meanwhile is not lost by this swap.
            set_learned(combined)

    def observe_travellers(self, session: Session, travellers: Iterable[Prepared]) -> None:
        """Count travellers seen for the first time once the session's
        transaction commits: in memory, in the published table and, for
        parts borne by ``min_persons`` travellers or more, in
        ``name_part_counts``. A rollback (of the transaction, or of a
        savepoint open now) counts none of them."""
        batch = NameFrequencies()
        for traveller in travellers:
            batch.observe(traveller.names)
        if not batch.persons:
            return
        self.load_traffic(session)
        bind = session.get_bind()
        engine = bind.engine if isinstance(bind, Connection) else bind
        savepoints = []
        open_ = session.get_nested_transaction()
        while open_ is not None:
            if open_.nested:
                savepoints.append(open_)
            open_ = open_.parent
        _listen(session)
        session.info.setdefault(_PENDING, []).append(_Pending(self, engine, batch, tuple(savepoints)))

    def _committed(self, engine: Engine, batch: NameFrequencies) -> None:
        """Count a batch whose transaction committed: write the parts that are
        (or now become) stored, then change the counts in memory."""
        with self._writing:
            with self._lock:
                traffic = self._traffic
                assert traffic is not None  # loaded when the batch was observed
                written = NameFrequencies(persons=batch.persons)
                for part, count in batch.counts.items():
                    if part in self._stored:
                        written.counts[part] = count
                    elif traffic.counts[part] + count >= self.min_persons:
                        # Reaches k now: write every bearer this process has seen.
                        written.counts[part] = traffic.counts[part] + count
            try:
                _persist(engine, written)
            except SQLAlchemyError as exc:
                # The screening is committed; only the restart's counts miss this
                # batch. A part not written stays unstored, so it is written
                # with all its bearers later. The error names no part.
                log.warning("name counts of %s travellers not written: %s", batch.persons, type(exc).__name__)
                written.counts.clear()
            with self._lock:
                traffic.update(batch)
                self._stored.update(written.counts)
                table = learned()
                copy = NameFrequencies(table.counts, table.persons)
                copy.update(batch)
                set_learned(copy)


def _listen(session: Session) -> None:
    if session.info.get(_LISTENING):
        return
    session.info[_LISTENING] = True
    event.listen(session, "after_commit", _after_commit)
    event.listen(session, "after_soft_rollback", _after_soft_rollback)
    event.listen(session, "after_transaction_end", _after_transaction_end)


def _after_commit(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return  # a savepoint released: its batches wait for the transaction
    for pending in session.info.pop(_PENDING, ()):
        pending.counts._committed(pending.bind, pending.batch)


def _after_soft_rollback(session: Session, transaction: SessionTransaction) -> None:
    pending = session.info.get(_PENDING)
    if not pending:
        return
    if transaction.parent is None:
        session.info.pop(_PENDING)
    elif transaction.nested:
        pending[:] = [item for item in pending if transaction not in item.savepoints]


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    # Whatever the transaction left uncommitted (a session closed without
    # commit or rollback) must not ride on the session's next transaction.
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def _persist(engine: Engine, batch: NameFrequencies) -> None:
    """Add a batch's counts in a transaction of its own, rows in sorted order
    (the persons row first) so that concurrent writers lock them in one order."""
    # A part longer than the column (a run-together name of 64 letters) is left out.
    rows = [{"part": PERSONS_ROW, "persons": batch.persons}]
    rows += [
        {"part": part, "persons": batch.counts[part]} for part in sorted(batch.counts) if len(part) <= 64
    ]
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    model = schema.NamePartCount
    with engine.begin() as connection:
        for start in range(0, len(rows), BATCH_ROWS):
            statement = insert(model).values(rows[start : start + BATCH_ROWS])
            statement = statement.on_conflict_do_update(
                index_elements=["part"], set_={"persons": model.persons + statement.excluded.persons}
            )
            connection.execute(statement)
