"""The review of automated hits: nothing leaves the unit before a person confirms.

A hit moves new → in review → confirmed or dismissed, with reviewer, time and
reason. Reading a hit shows the traveller's data, so every read is audited.
When the matched record belongs to another agency and has not been released,
the unit reads its own traveller, the owner, the kind and what to do, but no
score and no explanation: a score or a per-attribute outcome would give the
owner's values away (hit / no-hit: the details stay with the owner). Lists
sort and filter such hits as plain hits (score 1), so their order ranks nothing.

The queue puts the hits most likely to be the person first: by priority (a
document agreeing, then a name corroborated by other evidence, then a rare
name alone, then a common name alone; `liaison.matching.priority`), then by
score, newest first. A withheld hit's priority is withheld like its score (a
grade says whether the owner's birth date or document agrees), and it sorts,
like a hit that grades no identity (a risk rule, a card), with the most urgent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, case, exists, func, null, or_, select
from sqlalchemy.orm import Session

from liaison.domain.cards import mask_card_numbers_in_text
from liaison.domain.codes import HitStatus, NotificationKind
from liaison.domain.errors import Conflict, InvalidInput, NotFound
from liaison.domain.permissions import Permission
from liaison.matching.priority import Priority
from liaison.services.exchange import flows
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.notifications import notify
from liaison.services.paging import PageRequest, apply_page, count_rows
from liaison.services.registers.redaction import screening_instructions, withheld_explanation
from liaison.store import schema
from liaison.store.types import utcnow


class TravellerView(BaseModel):
    id: int
    surname: str | None
    given_names: str | None
    birth_date: str | None
    nationality: str | None
    documents: list[str]
    depersonalised: bool


class HitView(BaseModel):
    id: int
    status: HitStatus
    score: float | None = Field(description="null while another agency's record is not released")
    priority: str | None = Field(
        default=None,
        description="document, corroborated, rare_name or common_name (most urgent first); null for "
        "hits that grade no identity (risk rules, cards) and while another agency's record is not released",
    )
    priority_reason: str | None = Field(default=None, description="why this priority, in English")
    rule: str | None
    record_id: int | None
    owner: str | None
    record_details_released: bool
    traveller: TravellerView | None
    record_locator: str | None
    explanation: dict[str, Any]
    reason: str | None
    created_at: datetime
    reviewed_at: datetime | None


def _query(principal: Principal) -> Select[schema.Hit]:
    principal.require(Permission.REVIEW_HITS)
    return select(schema.Hit).where(schema.Hit.agency_id == principal.agency_id)


def _view(session: Session, principal: Principal, hit: schema.Hit) -> HitView:
    owner_code: str | None = None
    released = False
    if hit.record_id is not None:
        owner_id, owner_code = session.execute(
            select(schema.Agency.id, schema.Agency.code)
            .join(schema.Register, schema.Register.owner_agency_id == schema.Agency.id)
            .join(schema.Record, schema.Record.register_id == schema.Register.id)
            .where(schema.Record.id == hit.record_id)
        ).one()
        released = owner_id == principal.agency_id or (
            session.get(schema.RecordRelease, (hit.record_id, principal.agency_id)) is not None
        )
    traveller = session.get(schema.Traveller, hit.traveller_id) if hit.traveller_id else None
    traveller_view = None
    if traveller is not None:
        identity = traveller.identity
        traveller_view = TravellerView(
            id=traveller.id,
            surname=identity.surname if identity else None,
            given_names=identity.given_names if identity else None,
            birth_date=identity.birth_date if identity else None,
            nationality=traveller.nationality,
            documents=[
                f"{d.document_type} {d.number} {d.issuing_country or ''}".strip() for d in traveller.documents
            ],
            depersonalised=traveller.depersonalised_at is not None,
        )
    booking = session.get(schema.Booking, hit.booking_id) if hit.booking_id else None
    explanation = hit.explanation
    if not released and owner_code is not None:
        explanation = withheld_explanation(hit.explanation, screening_instructions(owner_code))
    disclosed = released or owner_code is None
    priority = Priority(hit.priority) if hit.priority is not None and disclosed else None
    return HitView(
        id=hit.id,
        status=hit.status,
        score=hit.score if disclosed else None,
        priority=priority.code if priority else None,
        priority_reason=hit.priority_reason if priority else None,
        rule=str(explanation.get("rule")) if explanation.get("rule") else hit.rule_ref,
        record_id=hit.record_id,
        owner=owner_code,
        record_details_released=released,
        traveller=traveller_view,
        record_locator=booking.record_locator if booking else None,
        explanation=explanation,
        reason=hit.reason,
        created_at=hit.created_at,
        reviewed_at=hit.reviewed_at,
    )


HIT_SORTS = {
    "priority": schema.Hit.priority,
    "id": schema.Hit.id,
    "score": schema.Hit.score,
    "created_at": schema.Hit.created_at,
}


def _disclosed(agency_id: int) -> ColumnElement[bool]:
    """Whether the agency may read a hit's details: a risk-rule hit, a hit on one of
    its own records, or on a record released to it."""
    owned = (
        select(schema.Register.owner_agency_id)
        .join(schema.Record, schema.Record.register_id == schema.Register.id)
        .where(schema.Record.id == schema.Hit.record_id)
        .scalar_subquery()
    )
    released = exists().where(
        schema.RecordRelease.record_id == schema.Hit.record_id, schema.RecordRelease.agency_id == agency_id
    )
    return or_(schema.Hit.record_id.is_(None), owned == agency_id, released)


def readable_score(agency_id: int) -> ColumnElement[float | None]:
    """A hit's score as the agency may read it: NULL on another agency's record that
    was not released to it (risk-rule hits and the agency's own records: the score)."""
    return case((_disclosed(agency_id), schema.Hit.score), else_=null())


def readable_priority(agency_id: int) -> ColumnElement[int | None]:
    """A hit's priority as the agency may read it: NULL where its score is withheld."""
    return case((_disclosed(agency_id), schema.Hit.priority), else_=null())


def shown_priority(agency_id: int) -> ColumnElement[int]:
    """The priority the queue sorts on: a withheld or ungraded hit sorts with the
    most urgent (as a withheld score counts as 1), so the analyst meets it first."""
    return func.coalesce(readable_priority(agency_id), int(Priority.DOCUMENT))


def shown_score(agency_id: int) -> ColumnElement[float]:
    """The score lists sort and filter on: a withheld score counts as a plain hit (1)."""
    return func.coalesce(readable_score(agency_id), 1.0)


def list_hits(
    session: Session,
    principal: Principal,
    page: PageRequest,
    *,
    status: HitStatus | None = None,
    min_score: float | None = None,
    flight_id: int | None = None,
    register_id: int | None = None,
    priority: Priority | None = None,
) -> tuple[list[HitView], int]:
    """A page of the agency's hits, most urgent first unless `page.sort` says
    otherwise; `priority` keeps the hits of that grade the agency may read (a
    withheld grade matches none)."""
    query = _query(principal)
    if register_id is not None:
        in_register = select(schema.Record.id).where(schema.Record.register_id == register_id)
        query = query.where(schema.Hit.record_id.in_(in_register))
    if status is not None:
        query = query.where(schema.Hit.status == status)
    score = shown_score(principal.agency_id)
    if min_score is not None:
        query = query.where(score >= min_score)
    if priority is not None:
        query = query.where(readable_priority(principal.agency_id) == int(priority))
    if flight_id is not None:
        on_flight = (
            select(schema.Traveller.id)
            .join(
                schema.BookingLeg, schema.BookingLeg.booking_version_id == schema.Traveller.booking_version_id
            )
            .where(schema.BookingLeg.flight_id == flight_id)
        )
        manifest = select(schema.Traveller.id).where(schema.Traveller.flight_id == flight_id)
        query = query.where(schema.Hit.traveller_id.in_(on_flight.union(manifest)))
    total = count_rows(session, query)
    sorts: dict[str, Any] = {**HIT_SORTS, "score": score, "priority": shown_priority(principal.agency_id)}
    # Within a priority, the higher score first; ties (every withheld score) in id
    # order, newest first: never in the order of the hidden scores.
    ordered = apply_page(query, page, sorts, default="priority").order_by(score.desc(), schema.Hit.id.desc())
    hits = list(session.scalars(ordered))
    audit.record(
        session, "hits_listed", principal=principal, object_type="hit", detail={"ids": [h.id for h in hits]}
    )
    return [_view(session, principal, hit) for hit in hits], total


def read_hit(session: Session, principal: Principal, hit_id: int) -> HitView:
    hit = session.scalar(_query(principal).where(schema.Hit.id == hit_id))
    if hit is None:
        raise NotFound(f"no hit {hit_id} for your agency")
    audit.record(session, "hit_read", principal=principal, object_type="hit", object_id=hit.id)
    return _view(session, principal, hit)


ReviewAction = Literal["start", "confirm", "dismiss"]


def review(session: Session, principal: Principal, hit_id: int, action: ReviewAction, reason: str) -> HitView:
    """Move a hit on; confirming or dismissing needs a reason, and a confirmed hit is
    reported to the owner of the matched record.

    The hit's row is locked for the decision, so two reviewers acting at once
    cannot both decide it; and a hit one analyst has started reviewing cannot be
    started again by another (anyone who may review can still decide it)."""
    reason = mask_card_numbers_in_text(reason)  # read by the owner too, in the record's case
    hit = session.scalar(_query(principal).where(schema.Hit.id == hit_id).with_for_update())
    if hit is None:
        raise NotFound(f"no hit {hit_id} for your agency")
    if hit.status in (HitStatus.CONFIRMED, HitStatus.DISMISSED):
        raise Conflict(f"hit {hit_id} was already {hit.status.value}")
    if (
        action == "start"
        and hit.status is HitStatus.IN_REVIEW
        and hit.reviewer_id not in (None, principal.user_id)
    ):
        reviewer = session.scalar(select(schema.User.display_name).where(schema.User.id == hit.reviewer_id))
        raise Conflict(f"hit {hit_id} is already being reviewed by {reviewer}")
    if action == "start":
        hit.status = HitStatus.IN_REVIEW
    else:
        if len(reason.strip()) < 3:
            raise InvalidInput(f"reason: say why the hit is {action}ed")
        hit.status = HitStatus.CONFIRMED if action == "confirm" else HitStatus.DISMISSED
        hit.reason = reason.strip()
        hit.reviewed_at = utcnow()
    hit.reviewer_id = principal.user_id
    audit.record(session, f"hit_{action}", principal=principal, object_type="hit", object_id=hit.id)
    if hit.status is HitStatus.CONFIRMED and hit.record_id is not None:
        owner_id = session.scalar(
            select(schema.Register.owner_agency_id)
            .join(schema.Record, schema.Record.register_id == schema.Register.id)
            .where(schema.Record.id == hit.record_id)
        )
        if owner_id is not None and owner_id != principal.agency_id:
            # The owner hears of it in the record's case, with the hit's explanation.
            message_id = flows.confirmed_hit(session, principal, hit, owner_id)
            notify(
                session,
                owner_id,
                NotificationKind.HIT_CONFIRMED,
                {
                    "record_id": hit.record_id,
                    "by": principal.agency_code,
                    "hit_id": hit.id,
                    "message_id": message_id,
                    # The owner's own record: the owner reads how it compared.
                    "score": hit.score,
                    "explanation": hit.explanation,
                },
            )
    session.flush()
    return _view(session, principal, hit)
