"""Messages in a case: sending, replies to requests, receipts, and passing on under
the handling codes. An agency sees a message it sent or one addressed to it, and
only while it is in the message's case."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from liaison.domain.cards import mask_card_numbers_in_text
from liaison.domain.codes import NotificationKind
from liaison.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from liaison.domain.exchange import (
    REPLY_KINDS,
    REPLY_STATUS,
    CaseStatus,
    EntityKind,
    MessageKind,
    RequestStatus,
    Urgency,
    check_codes,
    check_forward,
    due_at,
    is_overdue,
    normalise_entity,
)
from liaison.domain.permissions import Permission
from liaison.services.exchange.cases import (
    agency_ids,
    codes_of,
    exchange_agency,
    member_case,
    require_exchange,
)
from liaison.services.exchange.views import (
    AttachmentView,
    Codes,
    EntityIn,
    EntityView,
    ForwardIn,
    InboxItem,
    MessageIn,
    MessageView,
    RecipientView,
    ReplyIn,
)
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.notifications import notify
from liaison.services.paging import PageRequest, apply_page, count_rows
from liaison.services.registers.records import marking
from liaison.store import schema
from liaison.store.types import utcnow

MESSAGE_SORTS = {"id": schema.CaseMessage.id, "created_at": schema.CaseMessage.created_at}


def fold(text: str) -> str:
    """Lower case without accents: the form full-text search stores and asks in, so
    `securite` finds `Sécurité` on PostgreSQL as FTS5 does on SQLite."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _search_text(
    case: schema.Case, body: str, entities: Sequence[EntityIn], files: Sequence[str] = ()
) -> str:
    parts = [case.reference, case.subject, body, *(e.value for e in entities), *files]
    return fold("\n".join(parts))


def _masked_entity(entity: EntityIn) -> EntityIn:
    """The entity with a card number in its value masked; a phone number (at most
    15 digits, E.164) is an identifier of its own and kept as written."""
    if entity.kind is EntityKind.PHONE and sum(ch.isdigit() for ch in entity.value) <= 15:
        return entity
    value = mask_card_numbers_in_text(entity.value)
    return entity if value == entity.value else entity.model_copy(update={"value": value})


def visible_message(session: Session, principal: Principal, message_id: int) -> schema.CaseMessage:
    """The message, if the principal's agency sent it or received it and is in its case."""
    require_exchange(session, principal, Permission.EXCHANGE_READ)
    message = session.scalar(visible_messages(principal.agency_id).where(schema.CaseMessage.id == message_id))
    if message is None:
        raise NotFound(f"no message {message_id} for your agency")
    return message


def visible_messages(agency_id: int) -> Select[schema.CaseMessage]:
    received = (
        select(schema.MessageRecipient.message_id)
        .where(
            schema.MessageRecipient.message_id == schema.CaseMessage.id,
            schema.MessageRecipient.agency_id == agency_id,
        )
        .exists()
    )
    return (
        select(schema.CaseMessage)
        .join(schema.CaseAgency, schema.CaseAgency.case_id == schema.CaseMessage.case_id)
        .where(
            schema.CaseAgency.agency_id == agency_id,
            or_(schema.CaseMessage.sender_agency_id == agency_id, received),
        )
    )


def _recipients_in_case(
    session: Session, principal: Principal, case: schema.Case, codes: list[str] | None, field: str = "to"
) -> list[int]:
    members = agency_ids(session, case.id)
    if codes is None:
        chosen = sorted(members - {principal.agency_id})
    else:
        chosen = []
        for code in dict.fromkeys(codes):
            agency = exchange_agency(session, code, field)
            if agency.id not in members:
                raise InvalidInput(f"{field}: {agency.code} is not in case {case.reference}; add it first")
            if agency.id == principal.agency_id:
                raise InvalidInput(f"{field}: {agency.code} is your own agency")
            chosen.append(agency.id)
    if not chosen:
        raise InvalidInput(f"{field}: the case has no other agency to send to; add one first")
    return chosen


def store(
    session: Session,
    principal: Principal,
    case: schema.Case,
    *,
    kind: MessageKind,
    body: str,
    language: str,
    codes: Codes,
    entities: Sequence[EntityIn],
    recipients: list[int],
    now: datetime,
    urgency: Urgency | None = None,
    in_reply_to: int | None = None,
    forwarded_from: int | None = None,
    provider_agency_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> schema.CaseMessage:
    restriction = check_codes(codes.handling_code, codes.handling_restriction)
    if case.status is not CaseStatus.OPEN:
        raise Conflict(f"case {case.reference} is closed")
    # Whatever is written in, a card number is kept masked (BIN and last four).
    body = mask_card_numbers_in_text(body)
    restriction = mask_card_numbers_in_text(restriction) if restriction else restriction
    entities = [_masked_entity(entity) for entity in entities]
    message = schema.CaseMessage(
        case_id=case.id,
        sender_agency_id=principal.agency_id,
        author_user_id=principal.user_id,
        author_machine_client_id=principal.machine_client_id,
        kind=kind,
        in_reply_to_id=in_reply_to,
        forwarded_from_id=forwarded_from,
        provider_agency_id=provider_agency_id or principal.agency_id,
        body=body.strip(),
        language=language,
        handling_code=codes.handling_code,
        handling_restriction=restriction,
        source_reliability=codes.source_reliability,
        information_accuracy=codes.information_accuracy,
        urgency=urgency,
        due_at=due_at(now, urgency) if urgency is not None else None,
        search_text=_search_text(case, body, entities),
        detail=detail or {},
        created_at=now,
    )
    session.add(message)
    session.flush()
    for entity in entities:
        session.add(
            schema.MessageEntity(
                message_id=message.id,
                kind=entity.kind,
                value=entity.value.strip(),
                normalised=normalise_entity(entity.kind, entity.value),
                detail=entity.detail,
            )
        )
    awaits_reply = kind in (MessageKind.REQUEST, MessageKind.CLARIFICATION_REQUEST)
    for agency_id in recipients:
        session.add(
            schema.MessageRecipient(
                message_id=message.id,
                agency_id=agency_id,
                request_status=RequestStatus.OPEN if awaits_reply else None,
                due_at=message.due_at,
            )
        )
        notify(
            session,
            agency_id,
            NotificationKind.CASE_MESSAGE,
            {
                "message_id": message.id,
                "case_id": case.id,
                "case_reference": case.reference,
                "kind": kind.value,
                "from": principal.agency_code,
                "due_at": message.due_at.isoformat() if message.due_at else None,
            },
            created_at=now,
        )
    session.flush()
    return message


def send(
    session: Session,
    principal: Principal,
    case_id: int,
    body: MessageIn,
    *,
    now: datetime | None = None,
    detail: dict[str, Any] | None = None,
) -> MessageView:
    """Send information or a request into a case."""
    require_exchange(session, principal, Permission.EXCHANGE_WRITE)
    now = now or utcnow()
    case = member_case(session, principal, case_id)
    if body.kind in REPLY_KINDS:
        raise InvalidInput(f"kind: {body.kind.value} is a reply; send it as a reply to the request")
    urgency = body.urgency
    if body.kind is MessageKind.REQUEST:
        urgency = urgency or Urgency.NORMAL
    elif urgency is not None:
        raise InvalidInput("urgency: only requests carry an urgency")
    message = store(
        session, principal, case,
        kind=body.kind, body=body.body, language=body.language, codes=body, entities=body.entities,
        recipients=_recipients_in_case(session, principal, case, body.to), now=now, urgency=urgency,
        detail=detail,
    )  # fmt: skip
    audit.record(
        session,
        "exchange_message_sent",
        principal=principal,
        object_type="case_message",
        object_id=message.id,
    )
    return message_view(session, principal, message, now)


def reply(
    session: Session, principal: Principal, message_id: int, body: ReplyIn, *, now: datetime | None = None
) -> MessageView:
    """Answer, refuse (with a reason) or ask for clarification of a request addressed to
    the principal's agency; the requester answering a clarification request reopens its request."""
    require_exchange(session, principal, Permission.EXCHANGE_WRITE)
    now = now or utcnow()
    original = visible_message(session, principal, message_id)
    message = reply_to(session, principal, original, body, now=now)
    return message_view(session, principal, message, now)


def reply_to(
    session: Session,
    principal: Principal,
    original: schema.CaseMessage,
    body: ReplyIn,
    *,
    now: datetime,
    settle: bool = False,
) -> schema.CaseMessage:
    """The reply itself, for a message the caller has already found visible.

    A request takes one answer, refusal or clarification request from each recipient;
    a clarification request takes one answer, which reopens the request with a fresh
    deadline. `settle` lets a decision taken elsewhere (a details request approved or
    refused) answer a request that is waiting for clarification."""
    if body.kind not in REPLY_KINDS:
        raise InvalidInput("kind: a reply is an answer, a refusal or a clarification_request")
    if original.kind not in (MessageKind.REQUEST, MessageKind.CLARIFICATION_REQUEST):
        raise Conflict(
            f"message {original.id} is {original.kind.value}, not a request: send a message instead"
        )
    if original.kind is MessageKind.CLARIFICATION_REQUEST and body.kind is not MessageKind.ANSWER:
        raise InvalidInput("kind: a clarification request is answered (kind answer)")
    # Locked: two people of the agency answering at once must not both succeed.
    receipt = session.get(schema.MessageRecipient, (original.id, principal.agency_id), with_for_update=True)
    if receipt is None:
        raise Conflict(f"message {original.id} was not addressed to your agency")
    waiting = {RequestStatus.OPEN, RequestStatus.CLARIFICATION_ASKED} if settle else {RequestStatus.OPEN}
    if receipt.request_status not in waiting:
        state = receipt.request_status.value if receipt.request_status else "closed"
        raise Conflict(f"message {original.id} was already {state}")
    if body.kind is MessageKind.REFUSAL and len(body.body.strip()) < 5:
        raise InvalidInput("body: a refusal needs its reason")
    case = member_case(session, principal, original.case_id)
    message = store(
        session, principal, case,
        kind=body.kind, body=body.body, language=body.language, codes=body, entities=body.entities,
        recipients=[original.sender_agency_id], now=now, in_reply_to=original.id,
    )  # fmt: skip
    receipt.replied_by_id = message.id
    receipt.request_status = REPLY_STATUS[body.kind]
    if original.kind is MessageKind.CLARIFICATION_REQUEST and original.in_reply_to_id is not None:
        # The requester clarified: the request is open again for the agency that asked,
        # with the whole answering time from now.
        asked = session.get(
            schema.MessageRecipient,
            (original.in_reply_to_id, original.sender_agency_id),
            with_for_update=True,
        )
        request = session.get(schema.CaseMessage, original.in_reply_to_id)
        if (
            asked is not None
            and request is not None
            and asked.request_status is RequestStatus.CLARIFICATION_ASKED
        ):
            asked.request_status = RequestStatus.OPEN
            asked.due_at = due_at(now, request.urgency) if request.urgency else None
            asked.overdue_flagged_at = None
    if receipt.read_at is None:
        receipt.read_at, receipt.read_by_id = now, principal.user_id
        receipt.delivered_at = receipt.delivered_at or now
    audit.record(
        session, f"exchange_{body.kind.value}", principal=principal, object_type="case_message",
        object_id=message.id, detail={"in_reply_to": original.id},
    )  # fmt: skip
    return message


def read_message(
    session: Session, principal: Principal, message_id: int, *, now: datetime | None = None
) -> MessageView:
    """Open one message: for a recipient agency this is the read receipt."""
    now = now or utcnow()
    message = visible_message(session, principal, message_id)
    receipt = session.get(schema.MessageRecipient, (message.id, principal.agency_id))
    if receipt is not None and receipt.read_at is None:
        receipt.delivered_at = receipt.delivered_at or now
        receipt.read_at, receipt.read_by_id = now, principal.user_id
    audit.record(
        session,
        "exchange_message_read",
        principal=principal,
        object_type="case_message",
        object_id=message.id,
    )
    return message_view(session, principal, message, now)


def _deliver(session: Session, principal: Principal, message_ids: list[int], now: datetime) -> None:
    """Delivery receipts: the messages reached the agency (listed in its inbox or case)."""
    if not message_ids:
        return
    for receipt in session.scalars(
        select(schema.MessageRecipient).where(
            schema.MessageRecipient.message_id.in_(message_ids),
            schema.MessageRecipient.agency_id == principal.agency_id,
            schema.MessageRecipient.delivered_at.is_(None),
        )
    ):
        receipt.delivered_at = now


def case_messages(
    session: Session, principal: Principal, case_id: int, page: PageRequest, *, now: datetime | None = None
) -> tuple[list[MessageView], int]:
    now = now or utcnow()
    require_exchange(session, principal, Permission.EXCHANGE_READ)
    member_case(session, principal, case_id)
    query = visible_messages(principal.agency_id).where(schema.CaseMessage.case_id == case_id)
    total = count_rows(session, query.with_only_columns(schema.CaseMessage.id))
    messages = list(session.scalars(apply_page(query, page, MESSAGE_SORTS, default="created_at")))
    _deliver(session, principal, [m.id for m in messages], now)
    audit.record(
        session, "case_messages_listed", principal=principal, object_type="case", object_id=case_id,
        detail={"ids": [m.id for m in messages]},
    )  # fmt: skip
    return message_views(session, principal, messages, now), total


def inbox(
    session: Session,
    principal: Principal,
    page: PageRequest,
    *,
    open_requests_only: bool = False,
    now: datetime | None = None,
) -> tuple[list[InboxItem], int]:
    """Messages addressed to the principal's agency, newest first, with where each request stands."""
    require_exchange(session, principal, Permission.EXCHANGE_READ)
    now = now or utcnow()
    query = (
        select(schema.CaseMessage, schema.MessageRecipient, schema.Case.reference)
        .join(schema.MessageRecipient, schema.MessageRecipient.message_id == schema.CaseMessage.id)
        .join(schema.Case, schema.Case.id == schema.CaseMessage.case_id)
        .join(
            schema.CaseAgency,
            (schema.CaseAgency.case_id == schema.Case.id)
            & (schema.CaseAgency.agency_id == principal.agency_id),
        )
        .where(schema.MessageRecipient.agency_id == principal.agency_id)
    )
    if open_requests_only:
        query = query.where(schema.MessageRecipient.request_status == RequestStatus.OPEN)
    total = count_rows(session, query.with_only_columns(schema.CaseMessage.id))
    rows = session.execute(apply_page(query, page, MESSAGE_SORTS, default="-created_at")).all()
    _deliver(session, principal, [message.id for message, _, _ in rows], now)
    codes = codes_of(session, {message.sender_agency_id for message, _, _ in rows})
    audit.record(
        session, "exchange_inbox_listed", principal=principal, object_type="case_message",
        detail={"ids": [message.id for message, _, _ in rows]},
    )  # fmt: skip
    return [
        InboxItem(
            message_id=message.id,
            case_id=message.case_id,
            case_reference=reference,
            kind=message.kind,
            sender=codes[message.sender_agency_id],
            handling_code=message.handling_code,
            urgency=message.urgency,
            due_at=receipt.due_at,
            request_status=receipt.request_status,
            overdue=is_overdue(receipt.due_at, receipt.request_status is RequestStatus.OPEN, now),
            read=receipt.read_at is not None,
            created_at=message.created_at,
        )
        for message, receipt, reference in rows
    ], total


def forward(
    session: Session, principal: Principal, message_id: int, body: ForwardIn, *, now: datetime | None = None
) -> MessageView:
    """Pass a message on into a case, with its codes and its provider. Under H2 an
    agency other than the provider needs the provider's permission for every agency
    that has not seen the message yet."""
    require_exchange(session, principal, Permission.EXCHANGE_WRITE)
    now = now or utcnow()
    original = visible_message(session, principal, message_id)
    target = member_case(session, principal, body.case_id)
    recipients = _recipients_in_case(session, principal, target, body.to)
    seen = {original.sender_agency_id, original.provider_agency_id} | set(
        session.scalars(
            select(schema.MessageRecipient.agency_id).where(schema.MessageRecipient.message_id == original.id)
        )
    )
    root = original.forwarded_from_id or original.id
    permitted_ids = set(
        session.scalars(
            select(schema.ForwardPermission.agency_id).where(schema.ForwardPermission.message_id == root)
        )
    )
    codes = codes_of(session, set(recipients) | permitted_ids)
    check_forward(
        original.handling_code,
        by_provider=principal.agency_id == original.provider_agency_id,
        new_agencies={codes[a] for a in recipients if a not in seen},
        permitted={codes[a] for a in permitted_ids},
    )
    entities = [
        EntityIn(kind=e.kind, value=e.value, detail=e.detail)
        for e in session.scalars(
            select(schema.MessageEntity).where(schema.MessageEntity.message_id == original.id)
        )
    ]
    message = store(
        session, principal, target,
        kind=MessageKind.INFORMATION, body=original.body, language=original.language,
        codes=Codes(
            handling_code=original.handling_code,
            handling_restriction=original.handling_restriction,
            source_reliability=original.source_reliability,
            information_accuracy=original.information_accuracy,
        ),
        entities=entities, recipients=recipients, now=now, forwarded_from=root,
        provider_agency_id=original.provider_agency_id, detail=original.detail,
    )  # fmt: skip
    for attachment in session.scalars(
        select(schema.MessageAttachment).where(schema.MessageAttachment.message_id == original.id)
    ):
        session.add(
            schema.MessageAttachment(
                message_id=message.id, filename=attachment.filename, content_type=attachment.content_type,
                size=attachment.size, sha256=attachment.sha256, stored_as=attachment.stored_as,
            )
        )  # fmt: skip
    session.flush()
    audit.record(
        session, "exchange_message_passed_on", principal=principal, object_type="case_message",
        object_id=message.id, detail={"from": original.id, "to": sorted(codes[a] for a in recipients)},
    )  # fmt: skip
    return message_view(session, principal, message, now)


def permit_forward(session: Session, principal: Principal, message_id: int, agency_code: str) -> None:
    """The provider records its permission to pass an H2 message on to one agency."""
    require_exchange(session, principal, Permission.EXCHANGE_WRITE)
    message = visible_message(session, principal, message_id)
    if message.provider_agency_id != principal.agency_id:
        raise Forbidden("only the provider of the information may permit passing it on")
    agency = exchange_agency(session, agency_code, "agency")
    root = message.forwarded_from_id or message.id
    if session.get(schema.ForwardPermission, (root, agency.id)) is None:
        session.add(
            schema.ForwardPermission(message_id=root, agency_id=agency.id, granted_by_id=principal.user_id)
        )
    audit.record(
        session, "exchange_pass_on_permitted", principal=principal, object_type="case_message",
        object_id=root, detail={"agency": agency.code},
    )  # fmt: skip


def forward_permissions(session: Session, principal: Principal, message_id: int) -> list[str]:
    """The agencies the provider has permitted to receive its message passed on (the
    provider alone learns them; anyone else gets an empty list)."""
    message = visible_message(session, principal, message_id)
    if message.provider_agency_id != principal.agency_id:
        return []
    root = message.forwarded_from_id or message.id
    return list(
        session.scalars(
            select(schema.Agency.code)
            .join(schema.ForwardPermission, schema.ForwardPermission.agency_id == schema.Agency.id)
            .where(schema.ForwardPermission.message_id == root)
            .order_by(schema.Agency.code)
        )
    )


def message_view(
    session: Session, principal: Principal, message: schema.CaseMessage, now: datetime
) -> MessageView:
    return message_views(session, principal, [message], now)[0]


def message_views(
    session: Session, principal: Principal, messages: list[schema.CaseMessage], now: datetime
) -> list[MessageView]:
    """Views of several messages in a fixed number of queries, whatever their number (a case's
    page of messages would otherwise cost six queries a message)."""
    if not messages:
        return []
    ids = [m.id for m in messages]
    receipts: dict[int, list[schema.MessageRecipient]] = defaultdict(list)
    for receipt in session.scalars(
        select(schema.MessageRecipient).where(schema.MessageRecipient.message_id.in_(ids))
    ):
        receipts[receipt.message_id].append(receipt)
    for message in messages:  # a recipient sees its own receipt only; the sender sees them all
        if message.sender_agency_id != principal.agency_id:
            receipts[message.id] = [r for r in receipts[message.id] if r.agency_id == principal.agency_id]
    entities: dict[int, list[EntityView]] = defaultdict(list)
    for e in session.scalars(
        select(schema.MessageEntity)
        .where(schema.MessageEntity.message_id.in_(ids))
        .order_by(schema.MessageEntity.id)
    ):
        entities[e.message_id].append(EntityView(kind=e.kind, value=e.value, detail=e.detail))
    files: dict[int, list[AttachmentView]] = defaultdict(list)
    for a in session.scalars(
        select(schema.MessageAttachment)
        .where(schema.MessageAttachment.message_id.in_(ids))
        .order_by(schema.MessageAttachment.id)
    ):
        files[a.message_id].append(AttachmentView.of(a))
    references = {
        row[0]: row[1]  # not dict(result): a Result has keys() and would be read as a mapping
        for row in session.execute(
            select(schema.Case.id, schema.Case.reference).where(
                schema.Case.id.in_({m.case_id for m in messages})
            )
        )
    }
    # The original of a passed-on message is named only to a reader who may see it.
    originals = {m.forwarded_from_id for m in messages if m.forwarded_from_id is not None}
    seen_originals = (
        set(
            session.scalars(
                visible_messages(principal.agency_id)
                .where(schema.CaseMessage.id.in_(originals))
                .with_only_columns(schema.CaseMessage.id)
            )
        )
        if originals
        else set()
    )
    codes = codes_of(
        session,
        {a for m in messages for a in (m.sender_agency_id, m.provider_agency_id)}
        | {r.agency_id for found in receipts.values() for r in found},
    )
    return [
        MessageView(
            id=message.id,
            case_id=message.case_id,
            case_reference=references[message.case_id],
            kind=message.kind,
            sender=codes[message.sender_agency_id],
            provider=codes[message.provider_agency_id],
            body=message.body,
            language=message.language,
            handling_code=message.handling_code,
            handling_marking=marking(message.handling_code, message.handling_restriction),
            source_reliability=message.source_reliability,
            information_accuracy=message.information_accuracy,
            urgency=message.urgency,
            due_at=message.due_at,
            in_reply_to=message.in_reply_to_id,
            forwarded_from=message.forwarded_from_id if message.forwarded_from_id in seen_originals else None,
            created_at=message.created_at,
            entities=entities[message.id],
            attachments=files[message.id],
            recipients=[
                RecipientView(
                    agency=codes[r.agency_id],
                    delivered_at=r.delivered_at,
                    read_at=r.read_at,
                    request_status=r.request_status,
                    due_at=r.due_at,
                    overdue=is_overdue(r.due_at, r.request_status is RequestStatus.OPEN, now),
                )
                for r in sorted(receipts[message.id], key=lambda r: codes[r.agency_id])
            ],
            detail=message.detail,
        )
        for message in messages
    ]
