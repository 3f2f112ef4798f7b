"""Airlines push passenger data here; analysts review the hits it raises."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Query
from pydantic import BaseModel, Field

from liaison.api.schemas import Page
from liaison.domain.codes import HitStatus, MessageFormat, MessageStatus
from liaison.domain.permissions import Permission
from liaison.http.deps import DbDep, Id, PrincipalDep, RawBodyDep, RuntimeDep, paging
from liaison.http.errors import ERROR_RESPONSES
from liaison.matching.priority import Priority
from liaison.services.paging import PageRequest
from liaison.services.pipeline import broker, ingest, pipeline
from liaison.services.travel import hits, passengers
from liaison.services.travel.hits import HitView, ReviewAction

router = APIRouter(prefix="/api/v1", tags=["passenger data"], responses=ERROR_RESPONSES)


class ReceiptView(BaseModel):
    receipt: int = Field(description="the stored message's id")
    status: MessageStatus
    reference: str | None = Field(description="the interchange reference read from the envelope")
    duplicate_of: int | None


@router.post(
    "/messages",
    status_code=202,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/edifact": {"schema": {"type": "string"}},
                "application/xml": {"schema": {"type": "string"}},
            },
        }
    },
)
def push_message(
    principal: PrincipalDep, runtime: RuntimeDep, body: RawBodyDep, background: BackgroundTasks
) -> ReceiptView:
    """A PNRGOV (EDIFACT or XML) or PAXLST message. Stored before it is acknowledged;
    read and screened right after."""
    principal.require(Permission.PUSH_MESSAGES)
    receipt = pipeline.receive(
        runtime, agency_id=principal.agency_id, machine_client_id=principal.machine_client_id, body=body
    )
    if receipt.status is MessageStatus.RECEIVED:
        if runtime.settings.broker_url:  # several worker processes share the work
            background.add_task(broker.publish, runtime, [receipt.message_id])
        else:  # the embedded default: this process reads and screens it
            background.add_task(pipeline.process_pending, runtime)
    return ReceiptView(
        receipt=receipt.message_id,
        status=receipt.status,
        reference=receipt.reference,
        duplicate_of=receipt.duplicate_of,
    )


class MessageView(BaseModel):
    id: int
    format: MessageFormat | None
    reference: str | None
    size: int
    status: MessageStatus = Field(
        description="processed (read as sent), read_with_warnings, partly_read (a PNR, traveller or "
        "message could not be read; the rest was kept), duplicate, rejected, failed, or received (waiting)"
    )
    error: str | None = Field(description="why it was rejected or failed, or what was read with warnings")
    warnings: list[str] = Field(
        default_factory=list, description="what was read but changed, left out or doubted, each once"
    )
    attempts: int = Field(description="processing attempts that failed (set aside as failed at the limit)")
    received_at: datetime
    processed_at: datetime | None


@router.get("/messages/{message_id}")
def read_message(db: DbDep, principal: PrincipalDep, message_id: Id) -> MessageView:
    """A message's status and error (not its content): for the sender and its administrators."""
    message = ingest.sent_message(db, principal, message_id)
    return MessageView(
        id=message.id,
        format=message.format,
        reference=message.reference,
        size=message.size,
        status=message.status,
        error=message.error,
        warnings=message.warnings or [],
        attempts=message.attempts,
        received_at=message.received_at,
        processed_at=message.processed_at,
    )


class BookingDocumentView(BaseModel):
    document_type: str
    number: str
    issuing_country: str | None
    expiry: date | None


class BookingTravellerView(BaseModel):
    traveller_id: int
    surname: str | None = Field(description="null once depersonalised")
    given_names: str | None
    birth_date: str | None
    gender: str
    nationality: str | None
    role: str
    depersonalised: bool
    documents: list[BookingDocumentView]


class BookingLegView(BaseModel):
    flight_id: int
    flight: str
    origin: str
    destination: str
    departure: datetime
    arrival: datetime | None


class BookingVersionView(BaseModel):
    version: int
    received_at: datetime
    first: bool
    changed: dict[str, Any] = Field(description="field -> {added, removed} or {before, after}")
    masked: bool = Field(description="depersonalised: what changed is not shown")
    read_with_warnings: bool = Field(description="the reader changed, left out or doubted something")
    warnings: list[str] = Field(
        description="what the reader changed, left out or doubted in this PNR (not shown once depersonalised)"
    )
    legs: list[BookingLegView]
    travellers: list[BookingTravellerView]


class BookingView(BaseModel):
    id: int
    carrier: str
    record_locator: str
    booked_at: datetime | None
    first_received_at: datetime
    last_received_at: datetime
    versions: list[BookingVersionView] = Field(description="newest first")


@router.get("/bookings/{booking_id}")
def read_booking(db: DbDep, principal: PrincipalDep, booking_id: Id) -> BookingView:
    """A booking the agency received, with every version pushed and what the reader
    warned about in each (reading it is audited)."""
    page = passengers.booking(db, principal, booking_id)
    found = page.booking
    return BookingView(
        id=found.id,
        carrier=found.carrier,
        record_locator=found.record_locator,
        booked_at=found.booked_at,
        first_received_at=found.first_received_at,
        last_received_at=found.last_received_at,
        versions=[
            BookingVersionView(
                version=v.version,
                received_at=v.received_at,
                first=v.first,
                changed=v.changed,
                masked=v.masked,
                read_with_warnings=v.warned,
                warnings=v.warnings,
                legs=[
                    BookingLegView(
                        flight_id=leg.flight_id,
                        flight=leg.label,
                        origin=leg.origin,
                        destination=leg.destination,
                        departure=leg.departure,
                        arrival=leg.arrival,
                    )
                    for leg in v.legs
                ],
                travellers=[
                    BookingTravellerView(
                        traveller_id=p.traveller_id,
                        surname=p.surname,
                        given_names=p.given_names,
                        birth_date=p.birth_date,
                        gender=p.gender,
                        nationality=p.nationality,
                        role=p.role,
                        depersonalised=p.depersonalised,
                        documents=[BookingDocumentView(**vars(d)) for d in p.documents],
                    )
                    for p in v.travellers
                ],
            )
            for v in page.versions
        ],
    )


@router.get("/hits")
def list_hits(
    db: DbDep,
    principal: PrincipalDep,
    page: Annotated[PageRequest, paging(*hits.HIT_SORTS)],
    status: Annotated[HitStatus | None, Query()] = None,
    min_score: Annotated[float | None, Query(ge=0, le=1)] = None,
    flight_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    priority: Annotated[
        str | None,
        Query(
            pattern="^(" + "|".join(p.code for p in Priority) + ")$",
            description="only hits of this priority (withheld ones have none)",
        ),
    ] = None,
) -> Page[HitView]:
    """The agency's hits, most urgent first (priority, then score, newest first)."""
    items, total = hits.list_hits(
        db,
        principal,
        page,
        status=status,
        min_score=min_score,
        flight_id=flight_id,
        priority=Priority.of_code(priority) if priority else None,
    )
    return Page.of(items, page, total)


@router.get("/hits/{hit_id}")
def read_hit(db: DbDep, principal: PrincipalDep, hit_id: Id) -> HitView:
    return hits.read_hit(db, principal, hit_id)


class Review(BaseModel):
    action: ReviewAction
    reason: str = Field(default="", max_length=4000)


@router.post("/hits/{hit_id}/review")
def review_hit(db: DbDep, principal: PrincipalDep, hit_id: Id, body: Review) -> HitView:
    """Start the review, or confirm or dismiss with a reason."""
    return hits.review(db, principal, hit_id, body.action, body.reason)
