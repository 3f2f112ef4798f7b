"""What the exchange accepts and answers (API bodies and views)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from liaison.domain.codes import HandlingCode, InformationAccuracy, SourceReliability
from liaison.domain.exchange import CaseStatus, CrimeArea, EntityKind, MessageKind, RequestStatus, Urgency
from liaison.store import schema
from liaison.store.types import MAX_ID


class _Input(BaseModel):
    """Text is taken without surrounding blanks, so length limits apply to the words."""

    model_config = ConfigDict(str_strip_whitespace=True)


class EntityIn(_Input):
    kind: EntityKind
    value: str = Field(min_length=1, max_length=300)
    detail: dict[str, object] = Field(default_factory=dict)


class Codes(_Input):
    handling_code: HandlingCode
    handling_restriction: str | None = Field(default=None, max_length=2000, description="H3 only, required")
    source_reliability: SourceReliability
    information_accuracy: InformationAccuracy


class MessageIn(Codes):
    kind: MessageKind = MessageKind.INFORMATION
    body: str = Field(min_length=1, max_length=100_000)
    language: str = Field(
        default="en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$", description="the message's own language"
    )
    to: list[str] | None = Field(
        default=None,
        description="recipient agency codes, all in the case; default: every other agency of the case",
    )
    urgency: Urgency | None = Field(default=None, description="requests only; default normal (7 days)")
    entities: list[EntityIn] = Field(default_factory=list, max_length=500)


class ReplyIn(Codes):
    kind: MessageKind = Field(description="answer, refusal or clarification_request")
    body: str = Field(min_length=1, max_length=100_000)
    language: str = Field(default="en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    entities: list[EntityIn] = Field(default_factory=list, max_length=500)


class CaseIn(_Input):
    subject: str = Field(min_length=3, max_length=300)
    crime_area: CrimeArea
    agencies: list[str] = Field(default_factory=list, description="codes of the other agencies involved")


class ForwardIn(_Input):
    case_id: int = Field(
        ge=1,
        le=MAX_ID,
        description="the case to pass the message on into (the reader's agency must be in it)",
    )
    to: list[str] | None = Field(
        default=None, description="recipient codes; default: every other agency of that case"
    )


class AgencyIn(_Input):
    agency: str = Field(min_length=2, max_length=32)


class EntityView(BaseModel):
    kind: EntityKind
    value: str
    detail: dict[str, object]


class AttachmentView(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str

    @classmethod
    def of(cls, row: schema.MessageAttachment) -> AttachmentView:
        return cls(
            id=row.id, filename=row.filename, content_type=row.content_type, size=row.size, sha256=row.sha256
        )


class RecipientView(BaseModel):
    agency: str
    delivered_at: datetime | None
    read_at: datetime | None
    request_status: RequestStatus | None
    due_at: datetime | None = Field(description="this agency's deadline (moved on after a clarification)")
    overdue: bool


class MessageView(BaseModel):
    id: int
    case_id: int
    case_reference: str
    kind: MessageKind
    sender: str
    provider: str = Field(description="the agency whose information this is")
    body: str
    language: str
    handling_code: HandlingCode
    handling_marking: str | None = Field(description="carried with the message wherever it goes")
    source_reliability: SourceReliability
    information_accuracy: InformationAccuracy
    urgency: Urgency | None
    due_at: datetime | None
    in_reply_to: int | None
    forwarded_from: int | None
    created_at: datetime
    entities: list[EntityView]
    attachments: list[AttachmentView]
    recipients: list[RecipientView] = Field(
        description="receipts: all of them for the sender, one's own otherwise"
    )
    detail: dict[str, object] = Field(
        description="structured content of built-in flows, e.g. a hit's explanation"
    )


class CaseView(BaseModel):
    id: int
    reference: str
    subject: str
    crime_area: CrimeArea
    status: CaseStatus
    lead: str
    agencies: list[str]
    opened_at: datetime


class InboxItem(BaseModel):
    message_id: int
    case_id: int
    case_reference: str
    kind: MessageKind
    sender: str
    handling_code: HandlingCode
    urgency: Urgency | None
    due_at: datetime | None
    request_status: RequestStatus | None
    overdue: bool
    read: bool
    created_at: datetime


class SearchHit(BaseModel):
    message_id: int
    case_id: int
    case_reference: str
    subject: str
    snippet: str
    handling_code: HandlingCode
    handling_marking: str | None


class Facet(BaseModel):
    kind: EntityKind
    value: str
    messages: int


class SearchAnswer(BaseModel):
    hits: list[SearchHit]
    facets: list[Facet]
