"""Screening again when a register changes: a record added or changed today must
still catch the traveller who was pushed yesterday for tomorrow's flight."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from liaison.domain import passenger
from liaison.domain.codes import Gender, RecordStatus, RegisterKind
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.matching import DEFAULT_THRESHOLD
from liaison.matching.index import MAX_CANDIDATES, CandidateIndex
from liaison.matching.screen import screen_one
from liaison.services.pipeline.screening import Subject, record_hit, subject_key, traveller_record
from liaison.services.registers.person_search import matching_record
from liaison.store import schema
from liaison.store.types import utcnow


def as_domain(row: schema.Traveller) -> passenger.Traveller | None:
    """A stored traveller as the message stated it (None once depersonalised)."""
    identity = row.identity
    if identity is None:  # depersonalised: nothing left to screen
        return None
    try:
        born = PartialDate.parse(identity.birth_date) if identity.birth_date else None
    except InvalidInput:
        born = None
    return passenger.Traveller(
        surname=identity.surname,
        given_names=identity.given_names or None,
        birth_date=born,
        gender=row.gender if row.gender is not Gender.UNKNOWN else None,
        nationality=row.nationality,
        documents=tuple(
            passenger.Document("DOCS", d.document_type, d.number, d.issuing_country) for d in row.documents
        ),
    )


def _subject(row: schema.Traveller, traveller: passenger.Traveller) -> Subject:
    booking_id = row.booking_version.booking_id if row.booking_version is not None else None
    key = subject_key(traveller, booking_id=booking_id, flight=row.flight_id)
    return Subject(row.id, traveller, key, booking_id, ())


def travellers_in_window(
    session: Session,
    agency_ids: Iterable[int],
    past: timedelta,
    future: timedelta,
    now: datetime | None = None,
) -> list[schema.Traveller]:
    """Travellers received by these agencies on flights departing within the window
    around ``now`` (latest version of each booking, and manifest travellers)."""
    now = now or utcnow()
    flights = select(schema.Flight.id).where(
        schema.Flight.scheduled_departure >= now - past, schema.Flight.scheduled_departure <= now + future
    )
    newer = aliased(schema.BookingVersion)
    latest = (
        select(schema.BookingVersion.id)
        .join(schema.BookingLeg, schema.BookingLeg.booking_version_id == schema.BookingVersion.id)
        .where(schema.BookingLeg.flight_id.in_(flights))
        .where(
            ~select(newer.id)
            .where(
                newer.booking_id == schema.BookingVersion.booking_id,
                newer.version > schema.BookingVersion.version,
            )
            .exists()
        )
    )
    query = (
        select(schema.Traveller)
        .where(
            schema.Traveller.receiving_agency_id.in_(list(agency_ids)),
            or_(schema.Traveller.booking_version_id.in_(latest), schema.Traveller.flight_id.in_(flights)),
        )
        .options(
            selectinload(schema.Traveller.identity),
            selectinload(schema.Traveller.documents),
            selectinload(schema.Traveller.booking_version),
        )
    )
    return list(session.scalars(query))


def rescreen_records(
    session: Session,
    record_ids: list[int],
    *,
    past: timedelta = timedelta(hours=24),
    future: timedelta = timedelta(hours=72),
    threshold: float = DEFAULT_THRESHOLD,
) -> int:
    """Screen recent and upcoming travellers of every agency that may see these
    records against them alone; returns the number of hits created or updated.

    In bulk: records seen by the same agencies (all of one import) share one
    fetch of the travellers and one candidate index, so a list of ten thousand
    entries costs one pass over the travellers, not ten thousand."""
    records = list(
        session.scalars(
            select(schema.Record)
            .where(schema.Record.id.in_(record_ids), schema.Record.status == RecordStatus.ACTIVE)
            .options(
                selectinload(schema.Record.shares),
                selectinload(schema.Record.register),
                selectinload(schema.Record.document),
                selectinload(schema.Record.person).selectinload(schema.PersonRecord.names),
                selectinload(schema.Record.person).selectinload(schema.PersonRecord.birth_dates),
                selectinload(schema.Record.person).selectinload(schema.PersonRecord.nationalities),
                selectinload(schema.Record.person).selectinload(schema.PersonRecord.documents),
            )
            .order_by(schema.Record.id)
        )
    )
    by_audience: dict[frozenset[int], list[schema.Record]] = defaultdict(list)
    for record in records:
        seen_by = {record.register.owner_agency_id} | {share.agency_id for share in record.shares}
        by_audience[frozenset(seen_by)].append(record)
    touched = 0
    for audience, group in by_audience.items():
        persons = [r for r in group if r.kind is RegisterKind.PERSONS and r.person is not None]
        documents: dict[str, list[schema.Record]] = defaultdict(list)
        for r in group:
            if r.kind is RegisterKind.DOCUMENTS and r.document is not None:
                documents[r.document.number_key].append(r)
        if not persons and not documents:
            continue
        travellers = travellers_in_window(session, audience, past, future)
        if persons:
            touched += _rescreen_persons(session, travellers, persons, threshold)
        if documents:
            touched += _rescreen_documents(session, travellers, documents)
    return touched


def _rescreen_persons(
    session: Session, travellers: list[schema.Traveller], persons: list[schema.Record], threshold: float
) -> int:
    """Each traveller against one index of all these records: every record that
    matches on its own is a hit, as if it had been the only one changed (so the
    index's cap on a traveller's candidates is lifted to the number of records:
    thirty namesakes in one import are thirty candidates, as one by one)."""
    index = CandidateIndex.build(
        [(record.id, matching_record(record.person)) for record in persons if record.person],
        max_candidates=max(MAX_CANDIDATES, len(persons)),
    )
    touched = 0
    for row in travellers:
        traveller = as_domain(row)
        if traveller is None:
            continue
        found = screen_one(
            traveller_record(traveller).prepared, index, threshold=threshold, top_k=len(persons)
        )
        for hit in sorted(found, key=lambda hit: cast(int, hit.record)):
            explanation = {"kind": "person", "rule": "register person matched (register changed)",
                           **hit.match.explanation.to_dict()}  # fmt: skip
            record_id = cast(int, hit.record)
            record_hit(
                session, row.receiving_agency_id, _subject(row, traveller), record_id, hit.score, explanation
            )
            touched += 1
    return touched


def _rescreen_documents(
    session: Session, travellers: list[schema.Traveller], documents: dict[str, list[schema.Record]]
) -> int:
    """Each traveller's documents looked up among these reported documents by number key."""
    touched = 0
    for row in travellers:
        for document in row.documents:
            for record in documents.get(document.number_key, ()):
                traveller = as_domain(row)
                if traveller is None:
                    continue
                assert record.document is not None
                explanation = {
                    "kind": "document",
                    "rule": f"travel document reported {record.document.document_status.value}"
                    " (register changed)",
                    "score": 1.0,
                    "evidence": [
                        {"attribute": "document_number", "outcome": "agree", "query": document.number}
                    ],
                }
                record_hit(
                    session, row.receiving_agency_id, _subject(row, traveller), record.id, 1.0, explanation
                )
                touched += 1
    return touched
