"""The audit trail for the data protection officer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from liaison.api.schemas import Page
from liaison.http.deps import DbDep, PrincipalDep, paging
from liaison.http.errors import ERROR_RESPONSES
from liaison.services.identity import audit
from liaison.services.identity.audit import AuditFilter
from liaison.services.paging import PageRequest
from liaison.store.types import MAX_ID

router = APIRouter(prefix="/api/v1", tags=["audit"], responses=ERROR_RESPONSES)


class AuditEventView(BaseModel):
    id: int
    at: datetime
    action: str
    user_id: int | None
    machine_client_id: int | None
    object_type: str | None
    object_id: str | None
    purpose: str | None
    detail: dict[str, Any]


def _filter(
    action: Annotated[str | None, Query(max_length=64)] = None,
    user_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    object_type: Annotated[str | None, Query(max_length=64)] = None,
    object_id: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[datetime | None, Query()] = None,
    until: Annotated[datetime | None, Query()] = None,
) -> AuditFilter:
    return AuditFilter(action, user_id, object_type, object_id, since, until)


@router.get("/audit")
def search_audit(
    db: DbDep,
    principal: PrincipalDep,
    page: Annotated[PageRequest, paging(*audit.SORTABLE)],
    action: Annotated[str | None, Query(max_length=64)] = None,
    user_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    object_type: Annotated[str | None, Query(max_length=64)] = None,
    object_id: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[datetime | None, Query()] = None,
    until: Annotated[datetime | None, Query()] = None,
) -> Page[AuditEventView]:
    where = _filter(action, user_id, object_type, object_id, since, until)
    events, total = audit.search(db, principal, where, page)
    items = [
        AuditEventView(
            id=e.id,
            at=e.at,
            action=e.action,
            user_id=e.user_id,
            machine_client_id=e.machine_client_id,
            object_type=e.object_type,
            object_id=e.object_id,
            purpose=e.purpose,
            detail=e.detail,
        )
        for e in events
    ]
    return Page.of(items, page, total)


@router.get("/audit/export.csv", response_class=Response)
def export_audit(
    db: DbDep,
    principal: PrincipalDep,
    action: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[datetime | None, Query()] = None,
    until: Annotated[datetime | None, Query()] = None,
) -> Response:
    body = audit.export_csv(db, principal, _filter(action, None, None, None, since, until))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="liaison-audit.csv"'},
    )
