"""Persons of interest as the matching engine sees them: one candidate index per
register, built on first use and rebuilt when the register changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session, selectinload

from liaison.domain.codes import Gender, RecordStatus, RegisterKind
from liaison.matching import Document, Match, Prepared, Record
from liaison.matching.index import CandidateIndex
from liaison.matching.screen import Hit as ScreenHit
from liaison.matching.screen import screen_one
from liaison.services.pipeline import heap
from liaison.services.pipeline.name_counts import NameCounts
from liaison.services.registers.visibility import visible_records, visible_to
from liaison.store import schema

Stamp = tuple[int, datetime | None]


def matching_record(person: schema.PersonRecord) -> Record:
    """A register person in the matching engine's terms (every name, date, document)."""
    return Record(
        names=tuple(name.full_name for name in person.names),
        birth_dates=tuple(b.value for b in person.birth_dates),
        gender=person.gender.value if person.gender is not Gender.UNKNOWN else None,
        nationalities=tuple(n.country for n in person.nationalities),
        places_of_birth=(person.place_of_birth,) if person.place_of_birth else (),
        documents=tuple(Document(d.number, d.document_type, d.issuing_country) for d in person.documents),
    )


def _persons(session: Session, register_id: int) -> Iterable[tuple[Hashable, Record]]:
    query = (
        select(schema.PersonRecord)
        .join(schema.Record, schema.Record.id == schema.PersonRecord.record_id)
        .where(schema.Record.register_id == register_id, schema.Record.status == RecordStatus.ACTIVE)
        .options(
            selectinload(schema.PersonRecord.names),
            selectinload(schema.PersonRecord.birth_dates),
            selectinload(schema.PersonRecord.nationalities),
            selectinload(schema.PersonRecord.documents),
        )
        .execution_options(yield_per=2000)
    )
    for person in session.scalars(query):
        yield person.record_id, matching_record(person)


class PersonIndexes:
    """Per-process cache of candidate indexes, one per persons register."""

    def __init__(
        self, recheck_seconds: float = 2.0, *, freeze_heap: bool = False, name_count_min_persons: int = 5
    ) -> None:
        self._lock = threading.Lock()
        # Settle the heap after a build (settings.freeze_heap): one full collection
        # per register change instead of walking the indexes at every one.
        self.freeze_heap = freeze_heap
        self._cache: dict[int, tuple[Stamp, CandidateIndex]] = {}
        self._order: list[int] = []
        self._checked_at = -1e9
        # Checking staleness scans the records table; doing it at most every few
        # seconds keeps a stream of small messages cheap (bench/pipeline.py).
        self.recheck_seconds = recheck_seconds
        # Name commonness learned from the registers (counted at each build) and the traffic.
        self.names = NameCounts(name_count_min_persons)

    def invalidate(self) -> None:
        """Force a check at the next use (after this process changed a register)."""
        self._checked_at = -1e9

    def current(self, session: Session) -> list[CandidateIndex]:
        """An index for every persons register, each checked against its register's
        record count and last change (one query for all), rebuilt only if stale."""
        if time.monotonic() - self._checked_at < self.recheck_seconds:
            with self._lock:
                return [self._cache[register_id][1] for register_id in self._order]
        stamps: dict[int, Stamp] = {
            register_id: (int(count), changed)
            for register_id, count, changed in session.execute(
                select(schema.Register.id, func.count(schema.Record.id), func.max(schema.Record.updated_at))
                .outerjoin(schema.Record, schema.Record.register_id == schema.Register.id)
                .where(schema.Register.kind == RegisterKind.PERSONS)
                .group_by(schema.Register.id)
                .order_by(schema.Register.id)
            )
        }
        with self._lock:
            built = False
            for register_id, stamp in stamps.items():
                cached = self._cache.get(register_id)
                if cached is None or cached[0] != stamp:
                    persons = self.names.counting(register_id, _persons(session, register_id))
                    self._cache[register_id] = (stamp, CandidateIndex.build(persons))
                    built = True
            if built or set(stamps) != set(self._order):
                self.names.keep_registers(stamps)
                self.names.load_traffic(session)
                self.names.publish()
            if built and self.freeze_heap:
                heap.settle()
            self._order = list(stamps)
            self._checked_at = time.monotonic()
            return [self._cache[register_id][1] for register_id in self._order]


@dataclass(frozen=True)
class PersonHit:
    record: schema.Record
    match: Match


def search_persons(
    session: Session,
    indexes: PersonIndexes,
    agency_id: int,
    queries: list[Prepared],
    *,
    threshold: float,
    top_k: int,
) -> list[list[PersonHit]]:
    """For each query, the person records visible to the agency that score at or
    above the threshold, best first, each with the matching engine's explanation."""
    current = indexes.current(session)
    scored: list[list[ScreenHit]] = []
    for query in queries:
        found: list[ScreenHit] = []
        for index in current:
            found.extend(screen_one(query, index, threshold=threshold, top_k=top_k))
        scored.append(sorted(found, key=lambda hit: hit.score, reverse=True))
    candidate_ids = {_record_id(hit) for hits in scored for hit in hits}
    visible: dict[int, schema.Record] = {}
    if candidate_ids:
        shown = session.scalars(_visible_persons(), visible_to(agency_id, ids=sorted(candidate_ids)))
        visible = {record.id: record for record in shown}
    return [
        [PersonHit(visible[_record_id(hit)], hit.match) for hit in hits if _record_id(hit) in visible][:top_k]
        for hits in scored
    ]


@cache
def _visible_persons() -> Select[schema.Record]:
    return visible_records(RegisterKind.PERSONS).where(schema.Record.id.in_(bindparam("ids", expanding=True)))


def _record_id(hit: ScreenHit) -> int:
    """Indexes here are keyed by record id."""
    assert isinstance(hit.record, int)
    return hit.record
