"""Inbox, cases and messages between agencies: read, compose and answer.

Thin over `services.exchange`: what an agency may see and send is decided there,
for these pages exactly as for the API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from liaison.domain.codes import HandlingCode, InformationAccuracy, SourceReliability
from liaison.domain.errors import Conflict, Forbidden, InvalidInput
from liaison.domain.exchange import REPLY_KINDS, CaseStatus, CrimeArea, MessageKind, RequestStatus, Urgency
from liaison.domain.permissions import Permission
from liaison.http.deps import DbDep, Id
from liaison.services.exchange import cases, messages
from liaison.services.exchange.views import (
    AgencyIn,
    CaseIn,
    CaseView,
    ForwardIn,
    MessageIn,
    MessageView,
    ReplyIn,
)
from liaison.services.paging import PageRequest
from liaison.web.deps import Reader, ReaderDep
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
M = TypeVar("M", bound=BaseModel)
CODE_CHOICES: dict[str, Any] = {
    "handling_codes": list(HandlingCode),
    "reliabilities": list(SourceReliability),
    "accuracies": list(InformationAccuracy),
    "urgencies": list(Urgency),
    "crime_areas": list(CrimeArea),
    "send_kinds": [MessageKind.INFORMATION, MessageKind.REQUEST],
    "reply_kinds": list(REPLY_KINDS),
}


def parsed(model: type[M], data: dict[str, Any]) -> M:
    """A form as the service's input model; a refusal names the field at fault."""
    try:
        return model.model_validate(data)
    except ValidationError as invalid:
        first = invalid.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        raise InvalidInput(f"{where}: {first.get('msg', 'invalid')}") from invalid


@router.get("/inbox", response_class=HTMLResponse)
def inbox(
    request: Request, db: DbDep, reader: ReaderDep, open_requests: bool = False, offset: int = 0
) -> Response:
    items, total = messages.inbox(
        db,
        reader.principal,
        PageRequest(limit=PAGE_SIZE, offset=max(offset, 0)),
        open_requests_only=open_requests,
    )
    return render(
        request,
        "exchange/inbox.html",
        {"items": items, "total": total, "open_requests": open_requests, "offset": offset},
        user=reader.user,
    )


@router.get("/cases", response_class=HTMLResponse)
def case_list(
    request: Request, db: DbDep, reader: ReaderDep, status: CaseStatus | None = None, offset: int = 0
) -> Response:
    return _case_list(request, db, reader, status, max(offset, 0))


def _case_list(
    request: Request,
    db: Session,
    reader: Reader,
    status: CaseStatus | None,
    offset: int,
    *,
    error: str | None = None,
    form: dict[str, Any] | None = None,
) -> Response:
    found, total = cases.list_cases(
        db, reader.principal, PageRequest(limit=PAGE_SIZE, offset=offset), status=status
    )
    return render(
        request,
        "exchange/cases.html",
        {
            "cases": found,
            "total": total,
            "status": status,
            "error": error,
            "form": form or {},
            **CODE_CHOICES,
        },
        user=reader.user,
        status_code=422 if error else 200,
    )


@router.post("/cases")
def open_case(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    subject: Annotated[str, Form(max_length=300)],
    crime_area: Annotated[str, Form()],
    agencies: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    form = {"subject": subject, "crime_area": crime_area, "agencies": agencies}
    try:
        body = parsed(
            CaseIn,
            {
                "subject": subject,
                "crime_area": crime_area,
                "agencies": [code for code in agencies.replace(",", " ").split() if code],
            },
        )
        case = cases.open_case(db, reader.principal, body)
    except (InvalidInput, Conflict) as refused:
        return _case_list(request, db, reader, None, 0, error=refused.message, form=form)
    return RedirectResponse(f"/cases/{case.id}", status_code=303)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, db: DbDep, reader: ReaderDep, case_id: Id) -> Response:
    return _case_page(request, db, reader, case_id)


def _case_page(
    request: Request,
    db: Session,
    reader: Reader,
    case_id: int,
    *,
    error: str | None = None,
    form: dict[str, Any] | None = None,
) -> Response:
    case = cases.read_case(db, reader.principal, case_id)
    found, total = messages.case_messages(db, reader.principal, case_id, PageRequest(limit=500))
    return render(
        request,
        "exchange/case.html",
        {
            "case": case,
            "messages": found,
            "total": total,
            "others": [code for code in case.agencies if code != reader.principal.agency_code],
            "error": error,
            "form": form or {},
            **CODE_CHOICES,
        },
        user=reader.user,
        status_code=422 if error else 200,
    )


def _codes(
    handling_code: str, handling_restriction: str, source_reliability: str, information_accuracy: str
) -> dict[str, Any]:
    return {
        "handling_code": handling_code,
        "handling_restriction": handling_restriction or None,
        "source_reliability": source_reliability,
        "information_accuracy": information_accuracy,
    }


@router.post("/cases/{case_id}/messages")
def send(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    case_id: Id,
    body: Annotated[str, Form(max_length=100_000)],
    kind: Annotated[str, Form()] = MessageKind.INFORMATION.value,
    urgency: Annotated[str, Form()] = "",
    to: Annotated[list[str] | None, Form()] = None,
    handling_code: Annotated[str, Form()] = HandlingCode.H0.value,
    handling_restriction: Annotated[str, Form(max_length=2000)] = "",
    source_reliability: Annotated[str, Form()] = SourceReliability.X.value,
    information_accuracy: Annotated[str, Form()] = InformationAccuracy.CANNOT_BE_JUDGED.value,
) -> Response:
    data = {
        "kind": kind,
        "body": body,
        "language": reader.user.locale if reader.user.locale in ("en", "fr") else "en",
        "to": to or None,
        "urgency": urgency or None,
        **_codes(handling_code, handling_restriction, source_reliability, information_accuracy),
    }
    try:
        sent = messages.send(db, reader.principal, case_id, parsed(MessageIn, data))
    except (InvalidInput, Conflict) as refused:
        return _case_page(request, db, reader, case_id, error=refused.message, form=data)
    return RedirectResponse(f"/cases/{case_id}#message-{sent.id}", status_code=303)


def _awaits_our_reply(message: MessageView, agency_code: str) -> bool:
    if message.kind not in (MessageKind.REQUEST, MessageKind.CLARIFICATION_REQUEST):
        return False
    return any(r.agency == agency_code and r.request_status is RequestStatus.OPEN for r in message.recipients)


@router.get("/messages/{message_id}", response_class=HTMLResponse)
def message_page(request: Request, db: DbDep, reader: ReaderDep, message_id: Id) -> Response:
    return _message_page(request, db, reader, message_id)


def _message_page(
    request: Request,
    db: Session,
    reader: Reader,
    message_id: int,
    *,
    error: str | None = None,
    form: dict[str, Any] | None = None,
    pass_on_error: str | None = None,
    permit_error: str | None = None,
    status_code: int | None = None,
) -> Response:
    principal = reader.principal
    message = messages.read_message(db, principal, message_id)
    case: CaseView = cases.case_view(db, cases.member_case(db, principal, message.case_id))
    may_write = principal.can(Permission.EXCHANGE_WRITE)
    # Where the message may be passed on: the open cases the agency is in.
    targets: list[CaseView] = []
    if may_write:
        targets, _ = cases.list_cases(db, principal, PageRequest(limit=500), status=CaseStatus.OPEN)
    provider = message.provider == principal.agency_code
    return render(
        request,
        "exchange/message.html",
        {
            "message": message,
            "case": case,
            "may_reply": _awaits_our_reply(message, principal.agency_code),
            "now": datetime.now(message.created_at.tzinfo),
            "error": error,
            "form": form or {},
            "may_pass_on": may_write,
            "targets": targets,
            "may_permit": may_write and provider and message.handling_code is HandlingCode.H2,
            "permitted": messages.forward_permissions(db, principal, message_id) if provider else [],
            "pass_on_error": pass_on_error,
            "permit_error": permit_error,
            **CODE_CHOICES,
        },
        user=reader.user,
        status_code=status_code or (422 if error else 200),
    )


@router.post("/messages/{message_id}/replies")
def reply(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    message_id: Id,
    kind: Annotated[str, Form()],
    body: Annotated[str, Form(max_length=100_000)],
    handling_code: Annotated[str, Form()] = HandlingCode.H0.value,
    handling_restriction: Annotated[str, Form(max_length=2000)] = "",
    source_reliability: Annotated[str, Form()] = SourceReliability.X.value,
    information_accuracy: Annotated[str, Form()] = InformationAccuracy.CANNOT_BE_JUDGED.value,
) -> Response:
    data = {
        "kind": kind,
        "body": body,
        "language": reader.user.locale if reader.user.locale in ("en", "fr") else "en",
        **_codes(handling_code, handling_restriction, source_reliability, information_accuracy),
    }
    try:
        sent = messages.reply(db, reader.principal, message_id, parsed(ReplyIn, data))
    except (InvalidInput, Conflict) as refused:
        return _message_page(request, db, reader, message_id, error=refused.message, form=data)
    return RedirectResponse(f"/messages/{sent.id}", status_code=303)


@router.post("/messages/{message_id}/pass-on")
def pass_on(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    message_id: Id,
    case_id: Annotated[str, Form(max_length=20)] = "",
    to: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Pass the message on into a case, with its codes and its provider; under H2 the
    service refuses agencies the provider has not permitted (shown with the reason)."""
    reader.principal.require(Permission.EXCHANGE_WRITE)
    codes = [code for code in to.replace(",", " ").split() if code]
    try:
        body = parsed(ForwardIn, {"case_id": case_id, "to": codes or None})
        sent = messages.forward(db, reader.principal, message_id, body)
    except (InvalidInput, Conflict, Forbidden) as refused:
        return _message_page(
            request, db, reader, message_id, pass_on_error=refused.message,
            form={"case_id": case_id, "to": to}, status_code=refused.status_code,
        )  # fmt: skip
    return RedirectResponse(f"/messages/{sent.id}", status_code=303)


@router.post("/messages/{message_id}/pass-on-permissions")
def permit_pass_on(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    message_id: Id,
    agency: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    """The provider permits passing its H2 message on to one more agency."""
    try:
        parsed(AgencyIn, {"agency": agency.strip()})
        messages.permit_forward(db, reader.principal, message_id, agency)
    except InvalidInput as refused:
        return _message_page(
            request, db, reader, message_id, permit_error=refused.message, form={"agency": agency},
            status_code=refused.status_code,
        )  # fmt: skip
    return RedirectResponse(f"/messages/{message_id}#pass-on-permissions", status_code=303)
