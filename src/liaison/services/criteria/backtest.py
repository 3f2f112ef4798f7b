"""Back-testing and the effectiveness report: what a rule would select, and
what its hits turned out to be.

A back-test runs a rule version over the bookings the agency received in a
period (the last version of each booking in that period, from the facts kept
with it) and counts the travellers it would have selected, on which flights
and days, and how many of them carried a hit a person confirmed. The figures
are stored with the version: approval needs them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from liaison.criteria import BookingFacts, LegFacts, RuleSet
from liaison.domain.codes import HitStatus
from liaison.domain.errors import InvalidInput
from liaison.domain.permissions import Permission
from liaison.services.criteria import rules
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.store import schema
from liaison.store.types import utcnow

MAX_PERIOD = timedelta(days=366)
TOP_FLIGHTS = 20


@dataclass(frozen=True)
class _Stored:
    booking_id: int
    facts: BookingFacts
    travellers: tuple[int, ...]  # traveller ids, in the order of facts.travellers


def backtest(
    session: Session, principal: Principal, rule_id: int, number: int, start: datetime, end: datetime
) -> dict[str, Any]:
    """Run one version over the period's bookings; the figures are kept with it."""
    principal.require(Permission.RULES_WRITE)
    if end <= start:
        raise InvalidInput("end: must be after start")
    if end - start > MAX_PERIOD:
        raise InvalidInput(f"end: a back-test covers at most {MAX_PERIOD.days} days")
    row = rules.version(session, principal, rule_id, number)
    rule = rules.compile_version(row)
    rule_set = RuleSet([rule])
    stored = _bookings(session, principal.agency_id, start, end)
    if rule_set.needs_other_bookings:
        stored = _with_other_legs(session, stored)
    selected: list[tuple[_Stored, int]] = []
    for item in stored:
        for hit in rule_set.evaluate(item.facts):
            selected.append((item, hit.traveller))
    ids = [item.travellers[i] for item, i in selected if i < len(item.travellers)]
    confirmed = _confirmed(session, principal.agency_id, ids)
    flights: Counter[str] = Counter()
    days: Counter[str] = Counter()
    for item, _ in selected:
        for leg in item.facts.trip.legs:
            flights[f"{leg.carrier}{leg.flight_number} {leg.origin}-{leg.destination}"] += 1
        first = item.facts.trip.first_departure
        if first is not None:
            days[first.date().isoformat()] += 1
    summary = {
        "bookings_evaluated": len(stored),
        "travellers_evaluated": sum(len(item.facts.travellers) for item in stored),
        "travellers_selected": len(selected),
        "bookings_selected": len({item.booking_id for item, _ in selected}),
        "selected_with_confirmed_hit": len(confirmed),
    }
    figures: dict[str, Any] = {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "run_at": utcnow().isoformat(),
        "summary": summary,
        "flights": [{"flight": f, "travellers": n} for f, n in flights.most_common(TOP_FLIGHTS)],
        "by_day": dict(sorted(days.items())),
    }
    row.backtest = figures
    session.flush()
    audit.record(
        session,
        "risk_rule_backtested",
        principal=principal,
        object_type="risk_rule",
        object_id=rule_id,
        detail={"version": number, **summary},
    )
    return figures


def _bookings(session: Session, agency_id: int, start: datetime, end: datetime) -> list[_Stored]:
    """The last version of each booking received in the period, with its facts."""
    last = (
        select(schema.BookingVersion.booking_id, func.max(schema.BookingVersion.version).label("version"))
        .join(schema.Booking, schema.Booking.id == schema.BookingVersion.booking_id)
        .where(
            schema.Booking.receiving_agency_id == agency_id,
            schema.BookingVersion.received_at >= start,
            schema.BookingVersion.received_at < end,
        )
        .group_by(schema.BookingVersion.booking_id)
        .subquery()
    )
    versions = session.execute(
        select(schema.BookingVersion.id, schema.BookingVersion.booking_id, schema.BookingVersion.facts).join(
            last,
            and_(
                last.c.booking_id == schema.BookingVersion.booking_id,
                last.c.version == schema.BookingVersion.version,
            ),
        )
    ).all()
    travellers: dict[int, list[int]] = {}
    ids = [version_id for version_id, _, facts in versions if facts]
    for chunk in _chunks(ids):
        for traveller_id, version_id in session.execute(
            select(schema.Traveller.id, schema.Traveller.booking_version_id)
            .where(schema.Traveller.booking_version_id.in_(chunk))
            .order_by(schema.Traveller.id)
        ):
            if version_id is not None:
                travellers.setdefault(version_id, []).append(traveller_id)
    return [
        _Stored(booking_id, BookingFacts.from_dict(facts), tuple(travellers.get(version_id, ())))
        for version_id, booking_id, facts in versions
        if facts
    ]


def _with_other_legs(session: Session, stored: list[_Stored]) -> list[_Stored]:
    """Each booking with the legs its travellers booked in the period's other
    bookings (same surname, given names and birth date), for broken travel."""
    person_of: dict[int, tuple[str, str, str]] = {}
    ids = sorted({t for item in stored for t in item.travellers})
    for chunk in _chunks(ids):
        for traveller_id, surname, given, born in session.execute(
            select(
                schema.TravellerIdentity.traveller_id,
                schema.TravellerIdentity.surname,
                schema.TravellerIdentity.given_names,
                schema.TravellerIdentity.birth_date,
            ).where(
                schema.TravellerIdentity.traveller_id.in_(chunk),
                schema.TravellerIdentity.birth_date.is_not(None),
            )
        ):
            person_of[traveller_id] = (surname, given, born or "")
    bookings_of: dict[tuple[str, str, str], list[_Stored]] = {}
    for item in stored:
        for person in {person_of[t] for t in item.travellers if t in person_of}:
            bookings_of.setdefault(person, []).append(item)
    out = []
    for item in stored:
        others: set[LegFacts] = set()
        for person in {person_of[t] for t in item.travellers if t in person_of}:
            for other in bookings_of[person]:
                if other.booking_id != item.booking_id:
                    others.update(other.facts.legs)
        if others:
            legs = tuple(sorted(others, key=lambda leg: (leg.departure is None, leg.departure, leg.origin)))
            item = replace(item, facts=replace(item.facts, other_legs=legs))
        out.append(item)
    return out


def _confirmed(session: Session, agency_id: int, traveller_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(sorted(set(traveller_ids))):
        found.update(
            session.scalars(
                select(schema.Hit.traveller_id).where(
                    schema.Hit.agency_id == agency_id,
                    schema.Hit.status == HitStatus.CONFIRMED,
                    schema.Hit.traveller_id.in_(chunk),
                )
            )
        )
    return {i for i in found if i is not None}


def _chunks(values: list[int], size: int = 5_000) -> list[list[int]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


@dataclass
class RuleEffect:
    """One rule's hits and what reviewers made of them."""

    rule_id: int
    name: str
    status: str
    version: int
    hits: int = 0
    confirmed: int = 0
    dismissed: int = 0
    open: int = 0
    by_week: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, outcome: str, created: datetime) -> None:
        self.hits += 1
        setattr(self, outcome, getattr(self, outcome) + 1)
        year, week, _ = created.isocalendar()
        entry = self.by_week.setdefault(
            f"{year}-W{week:02d}", {"hits": 0, "confirmed": 0, "dismissed": 0, "open": 0}
        )
        entry["hits"] += 1
        entry[outcome] += 1


def effectiveness(session: Session, principal: Principal, days: int = 90) -> list[RuleEffect]:
    """Per rule of the agency: its hits, confirmed, dismissed and waiting,
    in total and week by week over the last ``days``. Only the agency's own
    hits count: those its rule raised on another agency's passengers (which
    accepted it) are that agency's."""
    principal.require(Permission.RULES_READ)
    since = utcnow() - timedelta(days=days)
    report = {
        row.rule_id: RuleEffect(row.rule_id, row.name, row.status.value, row.version)
        for row in rules.latest_versions(session, principal)
    }
    refs = {f"rule:{rule_id}": rule_id for rule_id in report}
    if refs:
        rows = session.execute(
            select(schema.Hit.rule_ref, schema.Hit.status, schema.Hit.created_at).where(
                schema.Hit.rule_ref.in_(list(refs)),
                schema.Hit.agency_id == principal.agency_id,
                schema.Hit.created_at >= since,
            )
        )
        outcomes = {HitStatus.CONFIRMED: "confirmed", HitStatus.DISMISSED: "dismissed"}
        for ref, status, created in rows:
            if ref is not None:
                report[refs[ref]].count(outcomes.get(status, "open"), created)
    return list(report.values())
