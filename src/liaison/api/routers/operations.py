"""Operations and their coordination room; airlines' fraud reports. Thin over
:mod:`liaison.services.operations.operations` and :mod:`liaison.services.travel.fraud`."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from liaison.domain.codes import FieldOutcome
from liaison.http.deps import CardKeyDep, DbDep, Id, PrincipalDep, RuntimeDep
from liaison.http.errors import ERROR_RESPONSES
from liaison.services import live
from liaison.services.operations import operations
from liaison.services.operations.operation_report import report_pdf
from liaison.services.operations.operations import OperationIn, OperationView
from liaison.services.travel import fraud
from liaison.store.types import MAX_ID

router = APIRouter(tags=["operations"], responses=ERROR_RESPONSES)


class ReportIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    hit_id: int = Field(ge=1, le=MAX_ID)
    outcome: FieldOutcome
    airport: str = Field(min_length=3, max_length=3)
    text: str = Field(default="", max_length=4000)


class ReportOut(BaseModel):
    id: int
    hit_id: int
    outcome: FieldOutcome
    airport: str


class CardsOut(BaseModel):
    added: int
    duplicates: int
    rejected: list[int]


class AlertOut(BaseModel):
    id: int
    carrier: str
    record_locator: str


@router.post("/api/v1/operations", status_code=201)
def create_operation(db: DbDep, principal: PrincipalDep, body: OperationIn) -> OperationView:
    """A joint or airport action day (a supervisor's act; the supervisor's agency leads)."""
    operation = operations.create(db, principal, body)
    return operations.readable_view(db, principal, operation.id)


@router.get("/api/v1/operations")
def list_operations(db: DbDep, principal: PrincipalDep) -> list[OperationView]:
    """The operations the agency takes part in."""
    return operations.list_operations(db, principal)


@router.get("/api/v1/operations/{operation_id}")
def read_operation(db: DbDep, principal: PrincipalDep, operation_id: Id) -> OperationView:
    return operations.readable_view(db, principal, operation_id)


@router.post("/api/v1/operations/{operation_id}/close")
def close_operation(db: DbDep, principal: PrincipalDep, operation_id: Id) -> OperationView:
    """The lead closes the operation; its figures and report are final."""
    return operations.close(db, principal, operation_id)


@router.get("/api/v1/operations/{operation_id}/room")
def read_room(
    db: DbDep,
    principal: PrincipalDep,
    operation_id: Id,
    airport: Annotated[str | None, Query(min_length=3, max_length=3)] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
) -> dict[str, Any]:
    """Hits in scope for every participating agency (the traveller named only to the hit's
    own agency), airlines' fraud alerts, field reports, figures and active airports."""
    room = operations.room(db, principal, operation_id, airport, country)
    return {**asdict(room), "operation": room.operation.model_dump(mode="json")}


@router.get(
    "/api/v1/operations/{operation_id}/report.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "the report"}},
)
def final_report(db: DbDep, principal: PrincipalDep, operation_id: Id) -> Response:
    """The operation's report as PDF: figures by day and by airport, hits and outcomes, no names."""
    room = operations.room(db, principal, operation_id)
    name = f"operation-{operation_id}-report.pdf"
    return Response(
        report_pdf(room),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.post("/api/v1/operations/{operation_id}/reports", status_code=201)
def field_report(db: DbDep, principal: PrincipalDep, operation_id: Id, body: ReportIn) -> ReportOut:
    """What officers at the airport did about one of the agency's hits."""
    report = operations.report_outcome(
        db, principal, operation_id, body.hit_id, body.outcome, body.airport, body.text
    )
    return ReportOut(id=report.id, hit_id=report.hit_id, outcome=report.outcome, airport=report.airport)


@router.get(
    "/api/v1/operations/{operation_id}/events",
    response_class=StreamingResponse,
    responses={200: {"content": {live.MEDIA_TYPE: {}}, "description": "server-sent events"}},
)
async def room_events(
    request: Request, runtime: RuntimeDep, principal: PrincipalDep, operation_id: Id
) -> StreamingResponse:
    """Server-sent events: `room` whenever a hit, a field report or a fraud alert arrives.
    Carries ids only; the room itself is read again through its (audited) route. Each
    event's id names what it told: sent back as `Last-Event-ID`, the stream tells what
    was missed; a quiet stream sends a comment line every few seconds."""
    first = await asyncio.to_thread(live.room_marks, runtime, principal, operation_id)  # 404 before streaming
    stream = live.stream(
        partial(live.room_marks, runtime, principal, operation_id),
        live.room_told,
        disconnected=request.is_disconnected,
        last_event_id=request.headers.get("last-event-id"),
        first=first,
    )
    return StreamingResponse(stream, media_type=live.MEDIA_TYPE, headers=live.HEADERS)


@router.post("/api/v1/fraud/cards")
def upload_cards(db: DbDep, principal: PrincipalDep, card_key: CardKeyDep, body: fraud.CardsIn) -> CardsOut:
    """Compromised card numbers from an airline or card issuer: kept as keyed hashes, BIN and
    last four only; a card already reported is counted as a duplicate."""
    outcome = fraud.upload_cards(db, principal, body, card_key)
    return CardsOut(added=outcome.added, duplicates=outcome.duplicates, rejected=outcome.rejected)


@router.post("/api/v1/fraud/alerts", status_code=201)
def raise_alert(db: DbDep, principal: PrincipalDep, body: fraud.AlertIn) -> AlertOut:
    """An airline's alert about a booking it believes fraudulent; it reaches the rooms of
    operations covering the flight."""
    alert = fraud.raise_alert(db, principal, body)
    return AlertOut(id=alert.id, carrier=alert.carrier, record_locator=alert.record_locator)
