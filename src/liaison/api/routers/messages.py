"""Airlines push passenger data here; analysts review the hits it raises."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query
from pydantic import BaseModel, Field
from sqlalchemy import select

from liaison.api.deps import DbDep, Id, PrincipalDep, RawBodyDep, RuntimeDep, paging
from liaison.api.errors import ERROR_RESPONSES
from liaison.api.schemas import Page
from liaison.domain.codes import HitStatus, MessageFormat, MessageStatus
from liaison.domain.errors import NotFound
from liaison.domain.permissions import Permission
from liaison.services import broker, hits, pipeline
from liaison.services.hits import HitView, ReviewAction
from liaison.services.paging import PageRequest
from liaison.store import schema

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
    status: MessageStatus
    error: str | None = Field(description="why it was rejected or failed, or what was read with warnings")
    attempts: int = Field(description="processing attempts that failed (set aside as failed at the limit)")
    received_at: datetime
    processed_at: datetime | None


@router.get("/messages/{message_id}")
def read_message(db: DbDep, principal: PrincipalDep, message_id: Id) -> MessageView:
    """A message's status and error (not its content): for the sender and its administrators."""
    if not (principal.can(Permission.PUSH_MESSAGES) or principal.can(Permission.MANAGE_USERS)):
        principal.require(Permission.PUSH_MESSAGES)
    message = db.scalar(
        select(schema.InboundMessage).where(
            schema.InboundMessage.id == message_id,
            schema.InboundMessage.sender_agency_id == principal.agency_id,
        )
    )
    if message is None:
        raise NotFound(f"no message {message_id} from your agency")
    return MessageView(
        id=message.id,
        format=message.format,
        reference=message.reference,
        size=message.size,
        status=message.status,
        error=message.error,
        attempts=message.attempts,
        received_at=message.received_at,
        processed_at=message.processed_at,
    )


@router.get("/hits")
def list_hits(
    db: DbDep,
    principal: PrincipalDep,
    page: Annotated[PageRequest, paging(*hits.HIT_SORTS)],
    status: Annotated[HitStatus | None, Query()] = None,
    min_score: Annotated[float | None, Query(ge=0, le=1)] = None,
    flight_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Page[HitView]:
    items, total = hits.list_hits(
        db, principal, page, status=status, min_score=min_score, flight_id=flight_id
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
