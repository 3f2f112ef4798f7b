"""Detail requests in the workbench: from a hit / no-hit answer to the details.

The requests for the details of the agency's records (approve, or refuse with a
reason) and the agency's own requests (where each stands; once approved, a link
to the released record). Thin over `services.registers.releases`, with the same calls as
the API (`api/routers/queries.py`): who may ask, decide and read is decided there."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from liaison.domain.codes import DetailRequestStatus
from liaison.domain.errors import Conflict, InvalidInput, NotFound
from liaison.domain.permissions import Permission
from liaison.http.deps import MAX_OFFSET, DbDep, Id
from liaison.i18n import N_
from liaison.services.paging import PageRequest
from liaison.services.registers import releases
from liaison.store.types import MAX_ID
from liaison.web.deps import Reader, ReaderDep
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
STATUSES = {
    DetailRequestStatus.PENDING.value: N_("Waiting"),
    DetailRequestStatus.APPROVED.value: N_("Details released"),
    DetailRequestStatus.REFUSED.value: N_("Refused"),
}


@router.get("/details", response_class=HTMLResponse)
def detail_requests(
    request: Request, db: DbDep, reader: ReaderDep, incoming: Offset = 0, outgoing: Offset = 0
) -> Response:
    return _page(request, db, reader, incoming, outgoing)


def _page(
    request: Request,
    db: Session,
    reader: Reader,
    incoming_offset: int = 0,
    outgoing_offset: int = 0,
    *,
    error: str | None = None,
    error_at: int | None = None,  # the request whose decision was refused; None: the request form
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    principal = reader.principal
    lists = {
        "incoming": releases.list_requests(
            db, principal, "incoming", PageRequest(limit=PAGE_SIZE, offset=incoming_offset)
        ),
        "incoming_total": releases.count_requests(db, principal, "incoming"),
        "outgoing": releases.list_requests(
            db, principal, "outgoing", PageRequest(limit=PAGE_SIZE, offset=outgoing_offset)
        ),
        "outgoing_total": releases.count_requests(db, principal, "outgoing"),
    }
    return render(
        request,
        "details.html",
        {
            **lists,
            "offsets": {"incoming": incoming_offset, "outgoing": outgoing_offset},
            "page_size": PAGE_SIZE,
            "statuses": STATUSES,
            "may_decide": principal.can(Permission.DECIDE_DETAILS),
            "may_request": principal.can(Permission.REQUEST_DETAILS),
            "error": error,
            "error_at": error_at,
            "form": form or {},
        },
        user=reader.user,
        status_code=status_code,
    )


@router.post("/details")
def request_details(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    query_hit_id: Annotated[str, Form(max_length=20)],
    justification: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """Ask the owner for the details of a hit, by the number the query's answer gave it
    (queries are asked through the API, often by the agency's own system)."""
    reader.principal.require(Permission.REQUEST_DETAILS)
    form = {"query_hit_id": query_hit_id, "justification": justification}
    try:
        hit_id = int(query_hit_id.strip()) if query_hit_id.strip().isdigit() else 0
        if not 1 <= hit_id <= MAX_ID:
            raise InvalidInput("query_hit_id: the number of the hit, as your query's answer gave it")
        made = releases.request_details(db, reader.principal, hit_id, justification)
    except (InvalidInput, Conflict, NotFound) as refused:
        return _page(request, db, reader, error=refused.message, form=form, status_code=refused.status_code)
    return RedirectResponse(f"/details#request-{made.id}", status_code=303)


@router.post("/details/{request_id}/decision")
def decide(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    request_id: Id,
    decision: Annotated[Literal["approve", "refuse"], Form()],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """The owner releases the record to the asking agency, or refuses with a reason."""
    try:
        releases.decide(db, reader.principal, request_id, approve=decision == "approve", reason=reason)
    except (InvalidInput, Conflict) as refused:
        return _page(
            request, db, reader, error=refused.message, error_at=request_id, form={"reason": reason},
            status_code=refused.status_code,
        )  # fmt: skip
    return RedirectResponse(f"/details#request-{request_id}", status_code=303)
