"""Screening travellers against the registers shared with the receiving agency.

Persons go through the matching engine; travel documents are compared on their
number (upper-case letters and digits) and issuing country. Every hit keeps an
explanation as data, and a hit is kept once per traveller and record however
often the airline pushes the booking: a later push updates it and says so.
Risk criteria will add rule hits through the same `record_hits`, which grades
each hit's priority from its explanation (`liaison.matching.priority`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from liaison.criteria import BookingFacts
from liaison.domain import passenger
from liaison.domain.cards import masked_card_parts
from liaison.domain.codes import HitStatus, RegisterKind
from liaison.domain.documents import document_number_key
from liaison.matching import DEFAULT_THRESHOLD, Document, Record
from liaison.matching.priority import assess_stored
from liaison.services.registers.person_search import PersonIndexes, search_persons
from liaison.services.registers.visibility import visible_documents_by_key, visible_records, visible_to
from liaison.store import schema
from liaison.store.types import utcnow

TOP_K = 3


@dataclass(frozen=True)
class Subject:
    """A stored traveller to screen, with the data as the message stated it."""

    traveller_id: int
    traveller: passenger.Traveller
    subject_key: str
    booking_id: int | None
    payments: tuple[passenger.Payment, ...]


@dataclass(frozen=True)
class Booked:
    """A stored booking version with its facts for risk rules and its travellers
    (in the order of ``facts.travellers``)."""

    booking_id: int
    version_id: int
    facts: BookingFacts
    subjects: tuple[Subject, ...]


def person_key(traveller: passenger.Traveller) -> str:
    """The same person across pushes of a booking: name and birth date as sent."""
    born = traveller.birth_date.isoformat() if traveller.birth_date else ""
    return f"{traveller.surname}/{traveller.given_names or ''}/{born}".upper()


def subject_key(traveller: passenger.Traveller, *, booking_id: int | None, flight: int | str | None) -> str:
    """What deduplicates hits: the person in their booking, or on the manifest of a
    flight when no booking is known. Ingest and re-screening must agree on it."""
    if booking_id is not None:
        return f"pnr:{booking_id}:{person_key(traveller)}"
    return f"api:{flight}:{person_key(traveller)}"


def traveller_record(traveller: passenger.Traveller) -> Record:
    name = " ".join(part for part in (traveller.given_names, traveller.surname) if part)
    nationalities = {traveller.nationality} | {d.nationality for d in traveller.documents}
    return Record(
        names=(name,),
        birth_dates=(traveller.birth_date,) if traveller.birth_date else (),
        gender=traveller.gender.value if traveller.gender else None,
        nationalities=tuple(sorted(n for n in nationalities if n)),
        places_of_birth=(traveller.birth_place,) if traveller.birth_place else (),
        documents=tuple(
            Document(d.number, d.type, d.issuing_country) for d in traveller.documents if d.number
        ),
    )


def _identity(traveller: passenger.Traveller) -> tuple[str, str, str | None]:
    """A traveller's name and birth date as ingest stores them (TravellerIdentity)."""
    born = traveller.birth_date.isoformat() if traveller.birth_date else None
    return traveller.surname[:200], (traveller.given_names or "")[:200], born


def newly_seen(session: Session, subjects: list[Subject]) -> list[bool]:
    """Whether each traveller is a person no traveller stored before was (same
    name and birth date as sent), nor an earlier one of the batch: a booking
    pushed again, its manifest, a return flight are one person, whom name
    commonness counts once. One indexed query on the surnames."""
    keys = [_identity(subject.traveller) for subject in subjects]
    first = min(subject.traveller_id for subject in subjects)
    identity = schema.TravellerIdentity
    seen = {
        (surname, given, born)
        for surname, given, born in session.execute(
            select(identity.surname, identity.given_names, identity.birth_date).where(
                identity.surname.in_({key[0] for key in keys}), identity.traveller_id < first
            )
        )
    }
    new = []
    for key in keys:
        new.append(key not in seen)
        seen.add(key)
    return new


def screen(
    session: Session,
    agency_id: int,
    subjects: list[Subject],
    indexes: PersonIndexes,
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[schema.Hit]:
    """Hits for these travellers, created or updated; returns the hits touched."""
    if not subjects:
        return []
    found: list[Found] = []
    queries = [traveller_record(s.traveller).prepared for s in subjects]
    matched = search_persons(session, indexes, agency_id, queries, threshold=threshold, top_k=TOP_K)
    for subject, hits in zip(subjects, matched, strict=True):
        for hit in hits:
            explanation = {
                "kind": "person",
                "rule": "register person matched",
                **hit.match.explanation.to_dict(),
            }
            found.append(Found(subject, hit.record.id, hit.match.score, explanation))
    found += _document_hits(session, agency_id, subjects)
    found += _card_hits(session, agency_id, subjects)
    touched = record_hits(session, agency_id, found)
    # Counted once scored and graded, and only when the transaction commits:
    # the batch read one unchanging table, and a rolled-back one counts nobody.
    indexes.names.observe_travellers(
        session, [query for query, new in zip(queries, newly_seen(session, subjects), strict=True) if new]
    )
    return touched


@dataclass(frozen=True)
class Found:
    """A hit as screening found it, before it is stored."""

    subject: Subject
    record_id: int | None
    score: float
    explanation: dict[str, Any]
    rule_ref: str | None = None  # a risk rule's hit ("rule:12"), with no record


CARD_SCORE = 0.75  # BIN and last four are shared by many cards: a lead, not an identification


def _card_hits(session: Session, agency_id: int, subjects: list[Subject]) -> list[Found]:
    """Forms of payment against compromised cards, on BIN and last four digits (the
    airline sends the number masked; a clear number is masked by the reader)."""
    payers: dict[tuple[str, str], list[tuple[Subject, passenger.Payment]]] = {}
    seen_bookings: set[int | None] = set()
    for subject in subjects:
        if subject.booking_id in seen_bookings or not subject.payments:
            continue
        seen_bookings.add(subject.booking_id)
        for payment in subject.payments:
            parts = masked_card_parts(payment.masked_number)
            if parts is not None:
                payers.setdefault(parts, []).append((subject, payment))
    if not payers:
        return []
    rows = session.execute(
        _cards_by_bin(), visible_to(agency_id, bins=sorted({bin_ for bin_, _ in payers}))
    ).all()
    touched = []
    for record, card in rows:
        for subject, payment in payers.get((card.bin, card.last_four), []):
            explanation: dict[str, Any] = {
                "kind": "card",
                "rule": "form of payment matches a compromised card on BIN and last four digits",
                "score": CARD_SCORE,
                "evidence": [
                    {"attribute": "card_bin", "outcome": "agree", "query": card.bin},
                    {"attribute": "card_last_four", "outcome": "agree", "query": card.last_four},
                    {"attribute": "card_number", "outcome": "missing",
                     "detail": "the full number was not sent, so other cards may share these digits"},
                ],
            }  # fmt: skip
            card_subject = Subject(
                subject.traveller_id,
                subject.traveller,
                f"{subject.subject_key.rsplit(':', 1)[0]}:card:{payment.masked_number}",
                subject.booking_id,
                (),
            )
            touched.append(Found(card_subject, record.id, CARD_SCORE, explanation))
    return touched


@cache
def _cards_by_bin() -> Select[Any]:
    return (
        visible_records(RegisterKind.CARDS)
        .join(schema.CardRecord, schema.CardRecord.record_id == schema.Record.id)
        .where(schema.CardRecord.bin.in_(bindparam("bins", expanding=True)))
        .add_columns(schema.CardRecord)
    )


@cache
def _documents_by_key() -> Select[Any]:
    return visible_documents_by_key().add_columns(schema.DocumentRecord)


def _document_hits(session: Session, agency_id: int, subjects: list[Subject]) -> list[Found]:
    wanted: dict[str, list[tuple[Subject, passenger.Document]]] = {}
    for subject in subjects:
        for document in subject.traveller.documents:
            if document.number:
                wanted.setdefault(document_number_key(document.number), []).append((subject, document))
    if not wanted:
        return []
    rows = session.execute(_documents_by_key(), visible_to(agency_id, keys=sorted(wanted))).all()
    touched = []
    for record, stored in rows:
        for subject, document in wanted[stored.number_key]:
            issued_by = document.issuing_country
            country_agrees = issued_by is None or _same_country(issued_by, stored.issuing_country)
            if not country_agrees:
                continue
            explanation: dict[str, Any] = {
                "kind": "document",
                "rule": f"travel document reported {stored.document_status.value}",
                "score": 1.0,
                "evidence": [
                    {"attribute": "document_number", "outcome": "agree", "query": document.number,
                     "detail": "same letters and digits"},
                    {"attribute": "issuing_country", "outcome": "agree" if issued_by else "missing",
                     "query": issued_by, "detail": "issuing country" if issued_by else "not stated"},
                ],
            }  # fmt: skip
            touched.append(Found(subject, record.id, 1.0, explanation))
    return touched


def _same_country(stated: str, stored: str) -> bool:
    from liaison.domain.countries import country_code
    from liaison.domain.errors import InvalidInput

    try:
        return country_code(stated) == country_code(stored)
    except InvalidInput:
        return False


def record_hit(
    session: Session,
    agency_id: int,
    subject: Subject,
    record_id: int,
    score: float,
    explanation: dict[str, Any],
) -> schema.Hit:
    """Create the hit, or update the one an earlier push of the same booking raised."""
    return record_hits(session, agency_id, [Found(subject, record_id, score, explanation)])[0]


def record_hits(session: Session, agency_id: int, found: list[Found]) -> list[schema.Hit]:
    """Create each hit, or update the one an earlier push of the same booking
    raised (one query for all of them); returns them in order."""
    if not found:
        return []
    existing = {
        (hit.subject_key, hit.record_id, hit.rule_ref): hit
        for hit in session.scalars(
            select(schema.Hit).where(
                schema.Hit.agency_id == agency_id,
                schema.Hit.subject_key.in_({item.subject.subject_key for item in found}),
            )
        )
    }
    touched = []
    for item in found:
        subject, explanation = item.subject, item.explanation
        score = round(min(max(item.score, 0.0), 1.0), 4)
        key = (subject.subject_key, item.record_id, item.rule_ref)
        graded = assess_stored(explanation)
        hit = existing.get(key)
        if hit is None:
            hit = schema.Hit(
                agency_id=agency_id,
                traveller_id=subject.traveller_id,
                booking_id=subject.booking_id,
                record_id=item.record_id,
                rule_ref=item.rule_ref,
                subject_key=subject.subject_key,
                score=score,
                explanation=explanation,
                status=HitStatus.NEW,
            )
            session.add(hit)
            existing[key] = hit
        else:
            previous_score = hit.score
            hit.traveller_id = subject.traveller_id
            if hit.explanation.get("score") != explanation.get("score") or previous_score != score:
                explanation = {
                    **explanation,
                    "updated": {"at": utcnow().isoformat(), "previous_score": previous_score},
                }
            hit.explanation = explanation
            hit.score = score
        # The queue reads the priority from the explanation the hit now has.
        hit.priority = int(graded.priority) if graded else None
        hit.priority_reason = graded.reason if graded else None
        touched.append(hit)
    session.flush()
    return touched
