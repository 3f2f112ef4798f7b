"""The audit trail for the data protection officer: who read or did what, and why."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from liaison.http.deps import DbDep
from liaison.services.identity import accounts, audit
from liaison.services.paging import PageRequest
from liaison.web.deps import ReaderDep
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 100


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    action: Annotated[str | None, Query(max_length=100)] = None,
    object_type: Annotated[str | None, Query(max_length=100)] = None,
    object_id: Annotated[str | None, Query(max_length=100)] = None,
    day: date | None = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    since = datetime.combine(day, time(), tzinfo=UTC) if day else None
    where = audit.AuditFilter(
        action=action or None,
        object_type=object_type or None,
        object_id=object_id or None,
        since=since,
        until=since + timedelta(days=1) if since else None,
    )
    events, total = audit.search(db, reader.principal, where, PageRequest(limit=PAGE_SIZE, offset=offset))
    # Names of the agency's own people only (the trail is the agency's own).
    ids = {event.user_id for event in events if event.user_id is not None}
    names = accounts.names_in_agency(db, reader.principal.agency_id, ids, username=True)
    return render(
        request,
        "audit.html",
        {
            "events": events,
            "total": total,
            "filters": {"action": action, "object_type": object_type, "object_id": object_id, "day": day},
            "offset": offset,
            "page_size": PAGE_SIZE,
            "names": names,
        },
        user=reader.user,
    )
