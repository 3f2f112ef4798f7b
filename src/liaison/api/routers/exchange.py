"""Information exchange between agencies: cases, messages, receipts, search.

The same operations as the workbench, so national case-management systems can
take part without a person in between."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from liaison.api.schemas import Page
from liaison.domain.errors import NotFound, PayloadTooLarge
from liaison.domain.exchange import CaseStatus, CrimeArea
from liaison.http.deps import DbDep, Id, PrincipalDep, RuntimeDep, allow_body, paging
from liaison.http.errors import ERROR_RESPONSES
from liaison.services.exchange import attachments, cases, messages, search
from liaison.services.exchange.views import (
    AgencyIn,
    AttachmentView,
    CaseIn,
    CaseView,
    ForwardIn,
    InboxItem,
    MessageIn,
    MessageView,
    ReplyIn,
    SearchAnswer,
)
from liaison.services.exchange.vocabulary import Vocabulary, vocabulary
from liaison.services.paging import PageRequest

router = APIRouter(prefix="/api/v1/exchange", tags=["exchange"], responses=ERROR_RESPONSES)


@router.get("/vocabulary")
def read_vocabulary(
    principal: PrincipalDep,
    lang: Annotated[str | None, Query(max_length=35, description="en or fr; default: English")] = None,
) -> Vocabulary:
    """The labels of crime areas, codes, message kinds, urgencies and statuses, in English or French."""
    return vocabulary(lang)


@router.post("/cases", status_code=201)
def open_case(db: DbDep, principal: PrincipalDep, body: CaseIn) -> CaseView:
    return cases.case_view(db, cases.open_case(db, principal, body))


@router.get("/cases")
def list_cases(
    db: DbDep,
    principal: PrincipalDep,
    page: Annotated[PageRequest, paging(*cases.CASE_SORTS)],
    status: CaseStatus | None = None,
    crime_area: CrimeArea | None = None,
) -> Page[CaseView]:
    found, total = cases.list_cases(db, principal, page, status=status, crime_area=crime_area)
    return Page.of(found, page, total)


@router.get("/cases/{case_id}")
def read_case(db: DbDep, principal: PrincipalDep, case_id: Id) -> CaseView:
    return cases.read_case(db, principal, case_id)


@router.post("/cases/{case_id}/agencies")
def add_agency(db: DbDep, principal: PrincipalDep, case_id: Id, body: AgencyIn) -> CaseView:
    return cases.add_agency(db, principal, case_id, body.agency)


@router.post("/cases/{case_id}/close")
def close_case(db: DbDep, principal: PrincipalDep, case_id: Id) -> CaseView:
    return cases.close_case(db, principal, case_id)


@router.get("/cases/{case_id}/messages")
def case_messages(
    db: DbDep,
    principal: PrincipalDep,
    case_id: Id,
    page: Annotated[PageRequest, paging(*messages.MESSAGE_SORTS)],
) -> Page[MessageView]:
    found, total = messages.case_messages(db, principal, case_id, page)
    return Page.of(found, page, total)


@router.post("/cases/{case_id}/messages", status_code=201)
def send_message(db: DbDep, principal: PrincipalDep, case_id: Id, body: MessageIn) -> MessageView:
    return messages.send(db, principal, case_id, body)


@router.get("/inbox")
def inbox(
    db: DbDep,
    principal: PrincipalDep,
    page: Annotated[PageRequest, paging(*messages.MESSAGE_SORTS)],
    open_requests: Annotated[bool, Query(description="only requests still waiting for your answer")] = False,
) -> Page[InboxItem]:
    found, total = messages.inbox(db, principal, page, open_requests_only=open_requests)
    return Page.of(found, page, total)


@router.get("/messages/{message_id}")
def read_message(db: DbDep, principal: PrincipalDep, message_id: Id) -> MessageView:
    """Opening a message addressed to your agency is its read receipt."""
    return messages.read_message(db, principal, message_id)


@router.post("/messages/{message_id}/replies", status_code=201)
def reply(db: DbDep, principal: PrincipalDep, message_id: Id, body: ReplyIn) -> MessageView:
    """Answer, refuse (with a reason) or ask for clarification of a request."""
    return messages.reply(db, principal, message_id, body)


@router.post("/messages/{message_id}/pass-on", status_code=201)
def pass_on(db: DbDep, principal: PrincipalDep, message_id: Id, body: ForwardIn) -> MessageView:
    """Pass a message on into a case; under H2 only with the provider's recorded permission."""
    return messages.forward(db, principal, message_id, body)


@router.post("/messages/{message_id}/pass-on-permissions", status_code=204)
def permit_pass_on(db: DbDep, principal: PrincipalDep, message_id: Id, body: AgencyIn) -> None:
    """The provider permits passing its H2 message on to one more agency."""
    messages.permit_forward(db, principal, message_id, body.agency)


@router.post(
    "/messages/{message_id}/attachments",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def add_attachment(
    request: Request,
    runtime: RuntimeDep,
    principal: PrincipalDep,
    message_id: Id,
    filename: Annotated[str, Query(min_length=1, max_length=255)],
) -> AttachmentView:
    """The request body is the file; it is written to disk as it arrives."""

    def check() -> None:
        with runtime.transaction() as db:
            attachments.check_can_attach(db, principal, message_id)

    await run_in_threadpool(check)  # before a byte is written
    settings = runtime.settings
    allow_body(request, settings.max_attachment_bytes)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_attachment_bytes:
        raise PayloadTooLarge(f"the attachment is larger than the {settings.max_attachment_bytes}-byte limit")
    upload = await attachments.receive_upload(
        request.stream(), settings.data_dir, settings.max_attachment_bytes
    )

    def keep() -> AttachmentView:
        with runtime.transaction() as db:
            return attachments.attach(
                db,
                principal,
                message_id,
                filename=filename,
                content_type=request.headers.get("content-type", "application/octet-stream"),
                upload=upload,
                data_dir=settings.data_dir,
            )

    try:
        return await run_in_threadpool(keep)
    finally:
        upload.path.unlink(missing_ok=True)  # kept files were moved away already


@router.get("/attachments/{attachment_id}", response_class=FileResponse)
def read_attachment(runtime: RuntimeDep, principal: PrincipalDep, attachment_id: Id) -> FileResponse:
    # The transaction ends before the file is sent: on SQLite it would otherwise
    # hold the writer for the whole transfer.
    with runtime.transaction() as db:
        row, path = attachments.open_attachment(db, principal, attachment_id, runtime.settings.data_dir)
        media_type, filename = attachments.served_content_type(row.content_type), row.filename
    if not path.exists():
        raise NotFound(f"attachment {attachment_id}: the file is missing from the store")
    # Always a download, never rendered in our origin, never sniffed into something else.
    return FileResponse(
        path,
        media_type=media_type,
        filename=filename,
        content_disposition_type="attachment",
        headers={"X-Content-Type-Options": "nosniff"},
    )


@router.get("/search")
def search_messages(
    db: DbDep,
    principal: PrincipalDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words that must all appear")],
    limit: Annotated[int, Query(ge=1, le=search.MAX_HITS)] = 50,
) -> SearchAnswer:
    """Cases and messages your agency may read, with the entity values of the hits as facets."""
    return search.search(db, principal, q, limit=limit)
