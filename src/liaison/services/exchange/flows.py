"""Exchange that starts by itself: a confirmed screening hit and a details request
from hit / no-hit each become a message to the owner of the matched record, in the
case kept for that record (opened by the first such event, joined by the next)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from liaison.domain.codes import (
    DetailRequestStatus,
    HandlingCode,
    InformationAccuracy,
    PersonCategory,
    RegisterKind,
    SourceReliability,
)
from liaison.domain.errors import Conflict
from liaison.domain.exchange import CaseStatus, CrimeArea, EntityKind, MessageKind, Urgency
from liaison.services.exchange.cases import codes_of, open_case
from liaison.services.exchange.messages import reply_to, store
from liaison.services.exchange.views import CaseIn, Codes, EntityIn, ReplyIn
from liaison.services.identity.principals import Principal
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
    """The open case between the owner and the principal's agency about this record.

    One per agency: an agency must not learn from a shared case that another one
    matched the same record. A closed case stays closed; the next event opens a new one."""
    origin = f"record:{record.id}:agency:{principal.agency_id}"
    case = session.scalar(select(schema.Case).where(schema.Case.origin == origin))
    if case is not None and case.status is CaseStatus.OPEN:
        return case
    if case is not None:
        case.origin = None  # closed: kept as it is, no longer the record's case
        session.flush()
    owner_code = codes_of(session, [owner_agency_id])[owner_agency_id]
    opening = CaseIn(
        subject=f"Hits on a {record.kind.value} record of {owner_code}",
        crime_area=_crime_area(session, record),
        agencies=[owner_code],
    )
    try:
        with session.begin_nested():
            return open_case(
                session, principal, opening, origin=origin, lead_agency_id=owner_agency_id, now=now, flow=True
            )
    except IntegrityError:  # another review of the same record opened it first
        found = session.scalar(select(schema.Case).where(schema.Case.origin == origin))
        assert found is not None
        return found


def confirmed_hit(session: Session, principal: Principal, hit: schema.Hit, owner_agency_id: int) -> int:
    """Tell the owner of the matched record, in its case, that a unit confirmed a hit on it:
    the traveller, the flight and the reviewer's reason. Returns the message id.

    The unit reads its own message, so it carries no score and no explanation: how the
    record compared is the owner's (its notification carries them, see `hits.review`)."""
    assert hit.record_id is not None
    now = utcnow()
    record = session.get(schema.Record, hit.record_id)
    assert record is not None
    case = case_for_record(session, principal, record, owner_agency_id, now)
    entities = [
        EntityIn(kind=EntityKind.HIT, value=str(hit.id)),
        EntityIn(kind=EntityKind.RECORD, value=str(record.id)),
    ]
    traveller = session.get(schema.Traveller, hit.traveller_id) if hit.traveller_id else None
    # Only what the reviewing unit may itself read: the record by its id, its own
    # traveller; no score or outcome (the sender reads its own message too).
    lines = [f"{principal.agency_code} confirmed a screening hit on your record {record.id}."]
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
    lines.append(f"Reviewer's reason: {hit.reason}")
    detail: dict[str, Any] = {"hit_id": hit.id, "kind": hit.explanation.get("kind")}
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
    carrying what was asked; returns the message id. The asker reads its own message, so
    how well it matched is not in it: the owner reads that at `GET /query-hits/{id}`."""
    now = utcnow()
    record = session.get(schema.Record, request.record_id)
    assert record is not None
    case = case_for_record(session, principal, record, request.owner_agency_id, now)
    query = query_hit.query
    detail: dict[str, Any] = {
        "detail_request_id": request.id,
        "query_hit_id": query_hit.id,
        "explanation": {
            "register_kind": query.kind.value,
            "asked": query.terms,
        },
        "purpose": query.purpose,
    }
    message = store(
        session, principal, case,
        kind=MessageKind.REQUEST, body=request.justification, language="en", codes=FLOW_CODES,
        entities=[EntityIn(kind=EntityKind.QUERY_HIT, value=str(query_hit.id))],
        recipients=[request.owner_agency_id], now=now, urgency=Urgency.NORMAL, detail=detail,
    )  # fmt: skip
    request.message_id = message.id
    return message.id


def details_decided(session: Session, principal: Principal, request: schema.DetailRequest) -> int | None:
    """The owner's decision as the answer (or refusal) to the request message; returns its id.

    The decision stands whatever the exchange's state: when the case was closed or the
    request already settled there, no message is added."""
    original = session.get(schema.CaseMessage, request.message_id) if request.message_id else None
    if original is None:  # a request made before the exchange existed
        return None
    case = session.get(schema.Case, original.case_id)
    if case is None or case.status is not CaseStatus.OPEN:
        return None
    approved = request.status is DetailRequestStatus.APPROVED
    body = (
        "Details released: your agency may now read the record under its handling code."
        if approved
        else f"Refused: {request.decision_reason}"
    )
    reply = ReplyIn(
        kind=MessageKind.ANSWER if approved else MessageKind.REFUSAL,
        body=body,
        language="en",
        **FLOW_CODES.model_dump(),
    )
    try:
        with session.begin_nested():
            return reply_to(session, principal, original, reply, now=utcnow(), settle=True).id
    except Conflict:
        return None


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
