"""From a hit to the details: the querying agency asks, the owner decides, and
a release lets that agency alone read the record under its handling code."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from liaison.domain.cards import mask_card_numbers_in_text
from liaison.domain.codes import DetailRequestStatus, HandlingCode, NotificationKind, RecordStatus
from liaison.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from liaison.domain.permissions import Permission
from liaison.services.exchange import flows
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.notifications import notify
from liaison.services.paging import PageRequest, apply_page, count_rows
from liaison.services.registers.records import H2_MARKING
from liaison.services.registers.registers import readable_record
from liaison.store import schema
from liaison.store.types import utcnow


class DetailRequestView(BaseModel):
    id: int
    query_hit_id: int
    record_id: int
    requesting_agency: str
    owner: str
    justification: str
    status: DetailRequestStatus
    decision_reason: str | None


def _codes(session: Session, *ids: int) -> dict[int, str]:
    rows = session.execute(select(schema.Agency.id, schema.Agency.code).where(schema.Agency.id.in_(ids)))
    return {row[0]: row[1] for row in rows}


def _view(session: Session, request: schema.DetailRequest) -> DetailRequestView:
    codes = _codes(session, request.requesting_agency_id, request.owner_agency_id)
    return DetailRequestView(
        id=request.id,
        query_hit_id=request.query_hit_id,
        record_id=request.record_id,
        requesting_agency=codes[request.requesting_agency_id],
        owner=codes[request.owner_agency_id],
        justification=request.justification,
        status=request.status,
        decision_reason=request.decision_reason,
    )


def request_details(
    session: Session, principal: Principal, query_hit_id: int, justification: str
) -> DetailRequestView:
    principal.require(Permission.REQUEST_DETAILS)
    justification = mask_card_numbers_in_text(justification)
    if len(justification.strip()) < 5:
        raise InvalidInput("justification: say why your agency needs the details")
    hit = session.get(schema.QueryHit, query_hit_id)
    if hit is None or hit.query.agency_id != principal.agency_id:
        raise NotFound(f"no hit {query_hit_id} among your agency's queries")
    if hit.owner_agency_id == principal.agency_id:
        raise Conflict("the record is your agency's own")
    existing = session.scalar(select(schema.DetailRequest).where(schema.DetailRequest.query_hit_id == hit.id))
    if existing is not None:
        raise Conflict(f"details for hit {query_hit_id} were already requested (request {existing.id})")
    request = schema.DetailRequest(
        query_hit_id=hit.id,
        record_id=hit.record_id,
        requesting_agency_id=principal.agency_id,
        owner_agency_id=hit.owner_agency_id,
        requested_by_id=principal.user_id,
        justification=justification.strip(),
    )
    session.add(request)
    session.flush()
    # The request is also a message in the record's case, due like any request.
    message_id = flows.details_requested(session, principal, request, hit)
    notify(
        session,
        hit.owner_agency_id,
        NotificationKind.DETAILS_REQUESTED,
        {
            "detail_request_id": request.id,
            "record_id": hit.record_id,
            "by": principal.agency_code,
            "message_id": message_id,
        },
    )
    audit.record(
        session, "details_requested", principal=principal, object_type="detail_request", object_id=request.id
    )
    return _view(session, request)


def decide(
    session: Session, principal: Principal, request_id: int, *, approve: bool, reason: str
) -> DetailRequestView:
    principal.require(Permission.DECIDE_DETAILS)
    reason = mask_card_numbers_in_text(reason)
    request = session.get(schema.DetailRequest, request_id)
    if request is None or request.owner_agency_id != principal.agency_id:
        raise NotFound(f"no detail request {request_id} for your agency")
    if request.status is not DetailRequestStatus.PENDING:
        raise Conflict(f"detail request {request_id} was already {request.status.value}")
    if not approve and len(reason.strip()) < 3:
        raise InvalidInput("reason: a refusal needs a reason")
    request.status = DetailRequestStatus.APPROVED if approve else DetailRequestStatus.REFUSED
    request.decided_by_id = principal.user_id
    request.decided_at = utcnow()
    request.decision_reason = reason.strip() or None
    if approve:
        _release(session, request.record_id, request.requesting_agency_id, principal.agency_id, request.id)
    flows.details_decided(session, principal, request)
    notify(
        session,
        request.requesting_agency_id,
        NotificationKind.DETAILS_APPROVED if approve else NotificationKind.DETAILS_REFUSED,
        {"detail_request_id": request.id, "record_id": request.record_id, "reason": reason.strip()},
    )
    audit.record(
        session,
        "details_approved" if approve else "details_refused",
        principal=principal,
        object_type="detail_request",
        object_id=request.id,
    )
    session.flush()
    return _view(session, request)


def _release(
    session: Session, record_id: int, agency_id: int, by_agency_id: int, request_id: int | None
) -> None:
    if session.get(schema.RecordRelease, (record_id, agency_id)) is None:
        session.add(
            schema.RecordRelease(
                record_id=record_id,
                agency_id=agency_id,
                released_by_agency_id=by_agency_id,
                detail_request_id=request_id,
            )
        )


REQUEST_SORTS = {"id": schema.DetailRequest.id, "created_at": schema.DetailRequest.created_at}


def _requests(
    principal: Principal, direction: Literal["incoming", "outgoing"], status: DetailRequestStatus | None
) -> Select[schema.DetailRequest]:
    if not (principal.can(Permission.REQUEST_DETAILS) or principal.can(Permission.DECIDE_DETAILS)):
        raise Forbidden("this needs the details:request or details:decide permission")
    column = (
        schema.DetailRequest.owner_agency_id
        if direction == "incoming"
        else schema.DetailRequest.requesting_agency_id
    )
    query = select(schema.DetailRequest).where(column == principal.agency_id)
    if status is not None:
        query = query.where(schema.DetailRequest.status == status)
    return query


def list_requests(
    session: Session,
    principal: Principal,
    direction: Literal["incoming", "outgoing"],
    page: PageRequest,
    *,
    status: DetailRequestStatus | None = None,
) -> list[DetailRequestView]:
    """The agency's detail requests, one page; audited, since justifications may name people."""
    query = _requests(principal, direction, status)
    rows = session.scalars(apply_page(query, page, REQUEST_SORTS, default="-id"))
    found = [_view(session, r) for r in rows]
    if found:
        audit.record(
            session,
            "detail_requests_read",
            principal=principal,
            object_type="detail_request",
            detail={"direction": direction, "ids": [view.id for view in found]},
        )
    return found


def count_requests(
    session: Session,
    principal: Principal,
    direction: Literal["incoming", "outgoing"],
    *,
    status: DetailRequestStatus | None = None,
) -> int:
    """How many requests `list_requests` would list in all (for a page's total)."""
    return count_rows(session, _requests(principal, direction, status))


def pass_on(session: Session, principal: Principal, record_id: int, to_agency: str, purpose: str) -> None:
    """Hand a released record to a further agency; refused under H2 without the owner's leave.

    Passing a record on is a release, decided as a details request is: it needs
    ``details:decide`` as well as the right to read registers. A refusal under H2
    is audited even though the call fails (the API commits before raising).
    """
    principal.require(Permission.REGISTER_READ)
    principal.require(Permission.DECIDE_DETAILS)
    purpose = mask_card_numbers_in_text(purpose)
    record = readable_record(session, principal, record_id)
    owner_id = record.register.owner_agency_id
    if record.status is not RecordStatus.ACTIVE:
        raise Conflict(f"record {record.id} is {record.status.value}: an invalidated record is not passed on")
    target = session.scalar(select(schema.Agency).where(schema.Agency.code == to_agency.strip().upper()))
    if target is None:
        raise InvalidInput(f"to_agency: unknown agency {to_agency}")
    if target.id in (owner_id, principal.agency_id):
        raise InvalidInput(f"to_agency: {target.code} already holds record {record.id}")
    if len(purpose.strip()) < 5:
        raise InvalidInput("purpose: say why the record is passed on")
    if owner_id != principal.agency_id and record.handling_code is HandlingCode.H2:
        audit.record(
            session,
            "pass_on_refused",
            principal=principal,
            object_type="record",
            object_id=record.id,
            purpose=purpose,
            detail={"to": target.code, "handling_code": "H2"},
        )
        raise Forbidden(
            f"record {record.id} is under {H2_MARKING}; ask the owner to release it to {target.code}"
        )
    _release(session, record.id, target.id, principal.agency_id, None)
    if owner_id != principal.agency_id:
        notify(
            session,
            owner_id,
            NotificationKind.RECORD_PASSED_ON,
            {"record_id": record.id, "from": principal.agency_code, "to": target.code, "purpose": purpose},
        )
    audit.record(
        session,
        "record_passed_on",
        principal=principal,
        object_type="record",
        object_id=record.id,
        purpose=purpose,
        detail={"to": target.code},
    )


def released_to(session: Session, record_id: int, agency_code: str) -> bool:
    """Whether the record has been released to that agency."""
    found = session.scalar(
        select(schema.RecordRelease.record_id)
        .join(schema.Agency, schema.Agency.id == schema.RecordRelease.agency_id)
        .where(schema.RecordRelease.record_id == record_id, schema.Agency.code == agency_code.strip().upper())
    )
    return found is not None


class NotificationView(BaseModel):
    id: int
    kind: NotificationKind
    payload: dict[str, object]
    read: bool


NOTIFICATION_SORTS = {"id": schema.Notification.id, "created_at": schema.Notification.created_at}


def notifications(
    session: Session, principal: Principal, page: PageRequest, unread_only: bool = False
) -> list[NotificationView]:
    query = select(schema.Notification).where(
        schema.Notification.agency_id == principal.agency_id,
        # agency-wide, or meant for this person (a supervisor told of an overdue request)
        or_(schema.Notification.user_id.is_(None), schema.Notification.user_id == principal.user_id),
    )
    if unread_only:
        query = query.where(schema.Notification.read_at.is_(None))
    rows = list(session.scalars(apply_page(query, page, NOTIFICATION_SORTS, default="-id")))
    audit.record(session, "notifications_read", principal=principal, detail={"ids": [n.id for n in rows]})
    return [
        NotificationView(id=n.id, kind=n.kind, payload=n.payload, read=n.read_at is not None) for n in rows
    ]
