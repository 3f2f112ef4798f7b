"""Exchange that starts by itself: a confirmed screening hit and a details request
from hit / no-hit each become a message to the owner of the matched record, in the
case kept for that record (opened by the first such event, joined by the next)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import (
    HandlingCode,
    InformationAccuracy,
    PersonCategory,
    RegisterKind,
    SourceReliability,
)
from liaison.domain.exchange import CaseStatus, CrimeArea, EntityKind, MessageKind, Urgency
from liaison.services.exchange.cases import codes_of, join, open_case
from liaison.services.exchange.messages import reply_to, store
from liaison.services.exchange.views import CaseIn, Codes, EntityIn, ReplyIn
from liaison.services.principals import Principal
from liaison.store import schema
from liaison.store.types import utcnow

# Passenger data told to a record's owner stays with the owner unless the unit agrees.
FLOW_CODES = Codes(
    handling_code=HandlingCode.H2,
    source_reliability=SourceReliability.B,
    information_accuracy=InformationAccuracy.KNOWN_TO_SOURCE,
)


def _crime_area(session: Session, record: schema.Record) -> CrimeArea:
    if record.kind is RegisterKind.DOCUMENTS:
        return CrimeArea.DOCUMENT_FRAUD
    if record.kind is RegisterKind.CARDS:
        return CrimeArea.PAYMENT_CARD_FRAUD
    person = session.get(schema.PersonRecord, record.id)
    if person is not None and person.category is PersonCategory.FOREIGN_TERRORIST_FIGHTER:
        return CrimeArea.TERRORISM
    return CrimeArea.OTHER


def case_for_record(
    session: Session, principal: Principal, record: schema.Record, owner_agency_id: int, now: datetime
) -> schema.Case:
    """The case kept for this record, with the principal's agency in it."""
    origin = f"record:{record.id}"
    case = session.scalar(select(schema.Case).where(schema.Case.origin == origin))
    if case is None:
        owner_code = codes_of(session, [owner_agency_id])[owner_agency_id]
        return open_case(
            session,
            principal,
            CaseIn(
                subject=f"Hits on a {record.kind.value} record of {owner_code}",
                crime_area=_crime_area(session, record),
                agencies=[owner_code],
            ),
            origin=origin,
            lead_agency_id=owner_agency_id,
            now=now,
            flow=True,
        )
    join(session, case, principal.agency_id, principal.agency_id)
    case.status = CaseStatus.OPEN
    return case


def confirmed_hit(session: Session, principal: Principal, hit: schema.Hit, owner_agency_id: int) -> int:
    """Tell the owner of the matched record, in its case, that a unit confirmed a hit on it:
    the traveller, the flight and the hit's explanation. Returns the message id."""
    assert hit.record_id is not None
    now = utcnow()
    record = session.get(schema.Record, hit.record_id)
    assert record is not None
    case = case_for_record(session, principal, record, owner_agency_id, now)
    entities = [
        EntityIn(kind=EntityKind.HIT, value=str(hit.id), detail={"score": hit.score}),
        EntityIn(kind=EntityKind.RECORD, value=record.reference, detail={"record_id": record.id}),
    ]
    traveller = session.get(schema.Traveller, hit.traveller_id) if hit.traveller_id else None
    lines = [f"{principal.agency_code} confirmed a screening hit on your record {record.reference}."]
    if traveller is not None:
        identity = traveller.identity
        if identity is not None:
            name = f"{identity.surname}, {identity.given_names}".strip(", ")
            entities.append(
                EntityIn(kind=EntityKind.PERSON, value=name, detail={"birth_date": identity.birth_date})
            )
            lines.append(f"Traveller: {name}, born {identity.birth_date or 'unknown'}.")
        for document in traveller.documents:
            entities.append(
                EntityIn(
                    kind=EntityKind.DOCUMENT,
                    value=document.number,
                    detail={"type": document.document_type, "country": document.issuing_country},
                )
            )
        for flight in _flights(session, hit, traveller):
            flight_value = _flight_value(flight)
            entities.append(EntityIn(kind=EntityKind.FLIGHT, value=flight_value))
            lines.append(f"Flight: {flight_value}.")
    lines.append(f"Score {hit.score:.2f}; reviewer's reason: {hit.reason}")
    detail: dict[str, Any] = {"hit_id": hit.id, "score": hit.score, "explanation": hit.explanation}
    message = store(
        session, principal, case,
        kind=MessageKind.INFORMATION, body="\n".join(lines), language="en", codes=FLOW_CODES,
        entities=entities, recipients=[owner_agency_id], now=now, detail=detail,
    )  # fmt: skip
    return message.id


def details_requested(
    session: Session, principal: Principal, request: schema.DetailRequest, query_hit: schema.QueryHit
) -> int:
    """The details request as a request message to the owner (answer due in 7 days),
    carrying what was asked and how well it matched; returns the message id."""
    now = utcnow()
    record = session.get(schema.Record, request.record_id)
    assert record is not None
    case = case_for_record(session, principal, record, request.owner_agency_id, now)
    query = query_hit.query
    detail: dict[str, Any] = {
        "detail_request_id": request.id,
        "query_hit_id": query_hit.id,
        "explanation": {"register_kind": query.kind.value, "score": query_hit.score, "asked": query.terms},
        "purpose": query.purpose,
    }
    message = store(
        session, principal, case,
        kind=MessageKind.REQUEST, body=request.justification, language="en", codes=FLOW_CODES,
        entities=[EntityIn(kind=EntityKind.QUERY_HIT, value=str(query_hit.id))],
        recipients=[request.owner_agency_id], now=now, urgency=Urgency.NORMAL, detail=detail,
    )  # fmt: skip
    return message.id


def details_decided(session: Session, principal: Principal, request: schema.DetailRequest) -> int | None:
    """The owner's decision as the answer (or refusal) to the request message; returns its id."""
    original = session.scalar(
        select(schema.CaseMessage)
        .join(schema.MessageEntity, schema.MessageEntity.message_id == schema.CaseMessage.id)
        .where(
            schema.CaseMessage.kind == MessageKind.REQUEST,
            schema.CaseMessage.sender_agency_id == request.requesting_agency_id,
            schema.MessageEntity.kind == EntityKind.QUERY_HIT,
            schema.MessageEntity.normalised == str(request.query_hit_id),
        )
    )
    if original is None:  # a request made before the exchange existed
        return None
    approved = request.status.value == "approved"
    body = (
        "Details released: your agency may now read the record under its handling code."
        if approved
        else f"Refused: {request.decision_reason}"
    )
    reply = reply_to(
        session,
        principal,
        original,
        ReplyIn(
            kind=MessageKind.ANSWER if approved else MessageKind.REFUSAL,
            body=body,
            language="en",
            **FLOW_CODES.model_dump(),
        ),
        now=utcnow(),
    )
    return reply.id


def _flights(session: Session, hit: schema.Hit, traveller: schema.Traveller) -> list[schema.Flight]:
    """The flights of the traveller's booking version, or the manifest's flight for an
    API (PAXLST) traveller."""
    if traveller.booking_version_id is not None:
        return list(
            session.scalars(
                select(schema.Flight)
                .join(schema.BookingLeg, schema.BookingLeg.flight_id == schema.Flight.id)
                .where(schema.BookingLeg.booking_version_id == traveller.booking_version_id)
                .order_by(schema.BookingLeg.sequence)
            )
        )
    flight = session.get(schema.Flight, traveller.flight_id) if traveller.flight_id else None
    return [flight] if flight is not None else []


def _flight_value(flight: schema.Flight) -> str:
    number = f"{flight.carrier}{flight.flight_number}"
    return f"{number} {flight.departure_date.isoformat()} {flight.origin}-{flight.destination}"
