"""The first page a person sees after signing in: what waits for their agency today.

Each part is there only for a role that may see it; lists come from the same
service functions as the API (audited the same way), counts only from the
principal's own agency."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from liaison.domain.codes import DetailRequestStatus, HitStatus
from liaison.domain.errors import Forbidden
from liaison.domain.permissions import Permission
from liaison.services.exchange import messages
from liaison.services.exchange.views import InboxItem
from liaison.services.identity.principals import Principal
from liaison.services.operations import operations
from liaison.services.operations.operations import OperationView
from liaison.services.paging import PageRequest
from liaison.services.registers import releases
from liaison.services.registers.releases import DetailRequestView
from liaison.services.travel import hits
from liaison.services.travel.hits import HitView
from liaison.store import schema
from liaison.store.types import utcnow

SHOWN = 10


@dataclass(frozen=True)
class FlightWithHits:
    flight_id: int
    label: str
    origin: str
    destination: str
    departure: datetime
    hits: int
    new_hits: int


@dataclass
class Dashboard:
    day: date
    new_hits: list[HitView] = field(default_factory=list)
    new_hit_total: int | None = None  # None: the role does not review hits
    open_requests: list[InboxItem] = field(default_factory=list)
    open_request_total: int | None = None  # None: the role takes no part in exchange
    overdue: int = 0
    flights: list[FlightWithHits] | None = None
    # Operation rooms the agency takes part in, not yet finished (None: no right to them).
    operations: list[OperationView] | None = None
    # Requests for the details of the agency's records awaiting its decision (None: no right to decide).
    pending_details: list[DetailRequestView] = field(default_factory=list)
    pending_detail_total: int | None = None


def flights_with_hits(session: Session, principal: Principal, day: date) -> list[FlightWithHits]:
    """The day's flights on which the principal's agency has hits (booked or on the manifest)."""
    principal.require(Permission.REVIEW_HITS)
    own = schema.Hit.agency_id == principal.agency_id
    booked = (
        select(schema.BookingLeg.flight_id.label("flight_id"), schema.Hit.id.label("hit_id"))
        .join(schema.BookingVersion, schema.BookingVersion.id == schema.BookingLeg.booking_version_id)
        .join(schema.Hit, schema.Hit.booking_id == schema.BookingVersion.booking_id)
        .where(own)
    )
    listed = (
        select(schema.Traveller.flight_id.label("flight_id"), schema.Hit.id.label("hit_id"))
        .join(schema.Hit, schema.Hit.traveller_id == schema.Traveller.id)
        .where(own, schema.Traveller.flight_id.is_not(None))
    )
    pairs = union_all(booked, listed).subquery()
    distinct_pairs = select(pairs.c.flight_id, pairs.c.hit_id).distinct().subquery()
    new = func.count(schema.Hit.id).filter(schema.Hit.status == HitStatus.NEW)
    rows = session.execute(
        select(schema.Flight, func.count(distinct_pairs.c.hit_id), new)
        .join(distinct_pairs, distinct_pairs.c.flight_id == schema.Flight.id)
        .join(schema.Hit, schema.Hit.id == distinct_pairs.c.hit_id)
        .where(schema.Flight.departure_date == day)
        .group_by(schema.Flight.id)
        .order_by(schema.Flight.scheduled_departure)
    )
    return [
        FlightWithHits(
            flight.id,
            f"{flight.carrier}{flight.flight_number}",
            flight.origin,
            flight.destination,
            flight.scheduled_departure,
            count,
            int(new_count or 0),
        )
        for flight, count, new_count in rows
    ]


def dashboard(session: Session, principal: Principal, day: date, *, now: datetime | None = None) -> Dashboard:
    now = now or utcnow()
    board = Dashboard(day=day)
    if principal.can(Permission.REVIEW_HITS):
        board.new_hits, board.new_hit_total = hits.list_hits(
            session, principal, PageRequest(limit=SHOWN), status=HitStatus.NEW
        )
        board.flights = flights_with_hits(session, principal, day)
    if principal.can(Permission.OPERATIONS_READ):
        board.operations = [
            o for o in operations.list_operations(session, principal) if o.status != "finished"
        ]
    if principal.can(Permission.DECIDE_DETAILS):
        pending = DetailRequestStatus.PENDING
        board.pending_details = releases.list_requests(
            session, principal, "incoming", PageRequest(limit=SHOWN), status=pending
        )
        board.pending_detail_total = releases.count_requests(session, principal, "incoming", status=pending)
    if principal.can(Permission.EXCHANGE_READ):
        try:
            items, total = messages.inbox(
                session, principal, PageRequest(limit=100), open_requests_only=True, now=now
            )
        except Forbidden:  # a carrier's staff: no part in exchange
            return board
        items.sort(key=lambda item: (not item.overdue, item.due_at or now))
        board.open_requests, board.open_request_total = items[:SHOWN], total
        board.overdue = sum(1 for item in items if item.overdue)
    return board
