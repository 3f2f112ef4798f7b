"""Persons of interest as the matching engine sees them: one candidate index per
register, built on first use and rebuilt when the register changes."""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from liaison.domain.codes import Gender, RecordStatus, RegisterKind
from liaison.matching import Document, Record
from liaison.matching.index import CandidateIndex
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

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[int, tuple[Stamp, CandidateIndex]] = {}

    @staticmethod
    def _stamp(session: Session, register_id: int) -> Stamp:
        count, changed = session.execute(
            select(func.count(), func.max(schema.Record.updated_at)).where(
                schema.Record.register_id == register_id
            )
        ).one()
        return int(count), changed

    def for_register(self, session: Session, register_id: int) -> CandidateIndex:
        stamp = self._stamp(session, register_id)
        with self._lock:
            cached = self._cache.get(register_id)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            index = CandidateIndex.build(_persons(session, register_id))
            self._cache[register_id] = (stamp, index)
            return index


def person_register_ids(session: Session) -> list[int]:
    return list(
        session.scalars(select(schema.Register.id).where(schema.Register.kind == RegisterKind.PERSONS))
    )
