"""Operations: joint action days and airport action days, run from a room.

A supervisor creates an operation with a period, the agencies taking part,
crime priorities and a scope (airports, routes, registers, risk rules).
The room shows, for the participating agencies only, the hits inside that
scope as they arrive, the airlines' fraud alerts about flights in scope,
and what officers at the airports report; and the figures the seeds quote
(people checked, arrests, airports, countries, airlines), live and final.

What crosses agencies in the room is what coordination needs: the flight,
the airport, the kind of hit, its status and the outcome. Who the traveller
is stays with the agency whose hit it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from liaison.criteria.places import airport_country, airport_position, is_airport
from liaison.domain.cards import mask_card_numbers_in_text
from liaison.domain.codes import FieldOutcome, HitStatus
from liaison.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from liaison.domain.exchange import CrimeArea
from liaison.domain.permissions import Permission
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.registers.redaction import withheld_explanation
from liaison.services.travel.hits import readable_score
from liaison.store import schema
from liaison.store.types import MAX_ID, utcnow

RowId = Annotated[int, Field(ge=1, le=MAX_ID)]


class ScopeIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    airports: list[str] = Field(default_factory=list, max_length=1000)
    routes: list[str] = Field(default_factory=list, max_length=1000, description='"IST-AMS"')
    registers: list[RowId] = Field(default_factory=list, max_length=100)
    rules: list[RowId] = Field(default_factory=list, max_length=100)


class OperationIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    name: str = Field(min_length=3, max_length=200)
    starts_at: datetime
    ends_at: datetime
    agencies: list[str] = Field(
        default_factory=list, max_length=300, description="agency codes besides the lead"
    )
    crime_areas: list[CrimeArea] = Field(min_length=1)
    scope: ScopeIn = Field(default_factory=ScopeIn)


class OperationView(BaseModel):
    id: int
    name: str
    lead: str
    starts_at: datetime
    ends_at: datetime
    agencies: list[str]
    crime_areas: list[str]
    scope: dict[str, Any]
    status: str  # planned, running, finished
    closed_at: datetime | None = None


def create(session: Session, principal: Principal, body: OperationIn) -> schema.Operation:
    """A supervisor's act: the lead is the supervisor's agency; audited."""
    principal.require(Permission.OPERATIONS_MANAGE)
    if body.ends_at <= body.starts_at:
        raise InvalidInput("ends_at: must be after starts_at")
    scope = _scope(session, principal, body.scope)
    codes = sorted({code.upper() for code in body.agencies})
    agencies = {
        a.code: a.id for a in session.scalars(select(schema.Agency).where(schema.Agency.code.in_(codes)))
    }
    for i, code in enumerate(codes):
        if code not in agencies:
            raise InvalidInput(f"agencies[{i}]: no agency {code!r}")
    operation = schema.Operation(
        name=mask_card_numbers_in_text(body.name),
        lead_agency_id=principal.agency_id,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        crime_areas=sorted({area.value for area in body.crime_areas}),
        scope=scope,
        created_by_id=principal.user_id,
    )
    session.add(operation)
    session.flush()
    for agency_id in {principal.agency_id, *agencies.values()}:
        session.add(schema.OperationAgency(operation_id=operation.id, agency_id=agency_id))
    session.flush()
    audit.record(
        session,
        "operation_created",
        principal=principal,
        object_type="operation",
        object_id=operation.id,
        detail={"name": body.name, "agencies": codes, "scope": scope},
    )
    return operation


def _scope(session: Session, principal: Principal, scope: ScopeIn) -> dict[str, Any]:
    airports = sorted({a.upper() for a in scope.airports})
    for i, code in enumerate(airports):
        if not is_airport(code):
            raise InvalidInput(f"scope.airports[{i}]: {code!r} is not an IATA airport code")
    routes = sorted({r.upper().replace(" ", "") for r in scope.routes})
    for i, route in enumerate(routes):
        ends = route.split("-")
        if len(ends) != 2 or not all(is_airport(e) for e in ends):
            raise InvalidInput(f"scope.routes[{i}]: {route!r} is not a route such as IST-AMS")
    registers = _own(
        session, "registers", scope.registers, schema.Register.id, schema.Register.owner_agency_id, principal
    )
    rules = _own(session, "rules", scope.rules, schema.RiskRule.id, schema.RiskRule.agency_id, principal)
    return {"airports": airports, "routes": routes, "registers": registers, "rules": rules}


def _own(
    session: Session,
    field: str,
    wanted: list[int],
    id_column: InstrumentedAttribute[int],
    owner_column: InstrumentedAttribute[int],
    principal: Principal,
) -> list[int]:
    """The ids, sorted, once each are known to belong to the reader's agency."""
    ids = sorted(set(wanted))
    if not ids:
        return ids
    found = set(
        session.scalars(select(id_column).where(id_column.in_(ids), owner_column == principal.agency_id))
    )
    for i, value in enumerate(ids):
        if value not in found:
            raise InvalidInput(f"scope.{field}[{i}]: no {field.rstrip('s')} {value} of your agency")
    return ids


def _participants(session: Session, operation_id: int) -> set[int]:
    return set(
        session.scalars(
            select(schema.OperationAgency.agency_id).where(
                schema.OperationAgency.operation_id == operation_id
            )
        )
    )


def readable(session: Session, principal: Principal, operation_id: int) -> tuple[schema.Operation, set[int]]:
    """The operation, if the reader's agency takes part (else 404: not even named)."""
    principal.require(Permission.OPERATIONS_READ)
    operation = session.get(schema.Operation, operation_id)
    participants = _participants(session, operation_id) if operation is not None else set()
    if operation is None or principal.agency_id not in participants:
        raise NotFound(f"operation {operation_id}: not found")
    return operation, participants


def _codes(session: Session, agency_ids: set[int] | None) -> dict[int, str]:
    query = select(schema.Agency.id, schema.Agency.code)
    if agency_ids is not None:
        query = query.where(schema.Agency.id.in_(agency_ids))
    return {row.id: row.code for row in session.execute(query)}


def view(session: Session, operation: schema.Operation, participants: set[int]) -> OperationView:
    codes = _codes(session, participants)
    now = utcnow()
    if operation.closed_at is not None or now >= operation.ends_at:
        status = "finished"
    else:
        status = "planned" if now < operation.starts_at else "running"
    return OperationView(
        id=operation.id,
        name=operation.name,
        lead=codes.get(operation.lead_agency_id, ""),
        starts_at=operation.starts_at,
        ends_at=operation.ends_at,
        agencies=sorted(codes.values()),
        crime_areas=operation.crime_areas,
        scope=operation.scope,
        status=status,
        closed_at=operation.closed_at,
    )


def list_operations(session: Session, principal: Principal) -> list[OperationView]:
    principal.require(Permission.OPERATIONS_READ)
    ids = session.scalars(
        select(schema.OperationAgency.operation_id).where(
            schema.OperationAgency.agency_id == principal.agency_id
        )
    ).all()
    out = []
    for operation in session.scalars(
        select(schema.Operation)
        .where(schema.Operation.id.in_(ids))
        .order_by(schema.Operation.starts_at.desc())
    ):
        out.append(view(session, operation, _participants(session, operation.id)))
    return out


# --- the room -----------------------------------------------------------------------


@dataclass
class RoomHit:
    hit_id: int
    agency: str
    kind: str
    rule: str
    score: float | None  # None on another agency's record not released to the reader's
    status: str
    flight: str
    airports: list[str]
    departure: datetime
    carrier: str
    created_at: datetime
    traveller: str | None  # only for the hit's own agency
    outcomes: list[str] = field(default_factory=list)


@dataclass
class Figures:
    people_checked: int
    hits: int
    confirmed: int
    outcomes: dict[str, int]
    airports: list[str]
    countries: list[str]
    airlines: list[str]
    by_day: dict[str, dict[str, int]]
    by_airport: dict[str, dict[str, int]]


@dataclass
class Room:
    operation: OperationView
    hits: list[RoomHit]
    alerts: list[dict[str, Any]]
    reports: list[dict[str, Any]]
    figures: Figures
    airports: list[dict[str, Any]]  # active airports with coordinates, for the map


def _flights_of(session: Session, traveller_ids: list[int]) -> dict[int, list[schema.Flight]]:
    """Each traveller's flights: the legs of their booking version, or the manifest's flight."""
    out: dict[int, list[schema.Flight]] = {}
    rows = session.execute(
        select(schema.Traveller.id, schema.Flight)
        .join(schema.BookingLeg, schema.BookingLeg.booking_version_id == schema.Traveller.booking_version_id)
        .join(schema.Flight, schema.Flight.id == schema.BookingLeg.flight_id)
        .where(schema.Traveller.id.in_(traveller_ids))
        .order_by(schema.BookingLeg.sequence)
    )
    for traveller_id, flight in rows:
        out.setdefault(traveller_id, []).append(flight)
    manifest = session.execute(
        select(schema.Traveller.id, schema.Flight)
        .join(schema.Flight, schema.Flight.id == schema.Traveller.flight_id)
        .where(schema.Traveller.id.in_(traveller_ids), schema.Traveller.booking_version_id.is_(None))
    )
    for traveller_id, flight in manifest:
        out.setdefault(traveller_id, []).append(flight)
    return out


def _in_scope(operation: schema.Operation, flights: list[schema.Flight]) -> list[schema.Flight]:
    """The flights of a hit that fall in the operation's period and places."""
    scope = operation.scope
    airports, routes = set(scope.get("airports", ())), set(scope.get("routes", ()))
    chosen = []
    for flight in flights:
        if not (operation.starts_at <= flight.scheduled_departure < operation.ends_at):
            continue
        if (
            (not airports and not routes)
            or {
                flight.origin,
                flight.destination,
            }
            & airports
            or f"{flight.origin}-{flight.destination}" in routes
        ):
            chosen.append(flight)
    return chosen


def _scoped_hits(
    session: Session, operation: schema.Operation, participants: set[int]
) -> list[tuple[schema.Hit, list[schema.Flight]]]:
    scope = operation.scope
    query = select(schema.Hit).where(
        schema.Hit.agency_id.in_(participants), schema.Hit.traveller_id.is_not(None)
    )
    registers, rules = scope.get("registers", []), scope.get("rules", [])
    if registers or rules:
        conditions = []
        if registers:
            conditions.append(
                schema.Hit.record_id.in_(
                    select(schema.Record.id).where(schema.Record.register_id.in_(registers))
                )
            )
        if rules:
            conditions.append(schema.Hit.rule_ref.in_([f"rule:{r}" for r in rules]))
        query = query.where(or_(*conditions))
    hits = list(session.scalars(query.order_by(schema.Hit.id)))
    flights = _flights_of(session, [h.traveller_id for h in hits if h.traveller_id is not None])
    out = []
    for hit in hits:
        assert hit.traveller_id is not None
        chosen = _in_scope(operation, flights.get(hit.traveller_id, []))
        if chosen:
            out.append((hit, chosen))
    return out


def _room_rule(hit: schema.Hit, withheld: bool) -> str:
    """The rule a hit names; on a record withheld from the reader, only its kind."""
    if withheld:
        return str(withheld_explanation(hit.explanation, "")["rule"])
    return str(hit.explanation.get("rule") or hit.rule_ref or "")


def room(
    session: Session,
    principal: Principal,
    operation_id: int,
    airport: str | None = None,
    country: str | None = None,
) -> Room:
    """The room as it stands: hits in scope, alerts, field reports and figures;
    filtered by airport or country when asked."""
    operation, participants = readable(session, principal, operation_id)
    codes = _codes(session, None)
    scoped = _scoped_hits(session, operation, participants)
    reports = list(
        session.scalars(
            select(schema.FieldReport)
            .where(schema.FieldReport.operation_id == operation.id)
            .order_by(schema.FieldReport.id)
        )
    )
    outcomes_of: dict[int, list[str]] = {}
    for report in reports:
        outcomes_of.setdefault(report.hit_id, []).append(report.outcome.value)
    own_names = _names(session, [h.traveller_id for h, _ in scoped if h.agency_id == principal.agency_id])
    rows = session.execute(
        select(schema.Hit.id, readable_score(principal.agency_id)).where(
            schema.Hit.id.in_([h.id for h, _ in scoped])
        )
    )
    scores = {row[0]: row[1] for row in rows}  # not dict(result): a Result has keys()

    def wanted(places: list[str]) -> bool:
        if airport and airport.upper() not in places:
            return False
        return not (country and country.upper() not in {airport_country(p) for p in places})

    hits = []
    for hit, flights in scoped:
        places = sorted({p for f in flights for p in (f.origin, f.destination)})
        if not wanted(places):
            continue
        first = flights[0]
        hits.append(
            RoomHit(
                hit_id=hit.id,
                agency=codes.get(hit.agency_id, ""),
                kind=str(hit.explanation.get("kind", "")),
                rule=_room_rule(hit, scores.get(hit.id) is None),
                score=scores.get(hit.id),
                status=hit.status.value,
                flight=f"{first.carrier}{first.flight_number} {first.origin}-{first.destination}",
                airports=places,
                departure=first.scheduled_departure,
                carrier=first.carrier,
                created_at=hit.created_at,
                traveller=own_names.get(hit.traveller_id or 0)
                if hit.agency_id == principal.agency_id
                else None,
                outcomes=outcomes_of.get(hit.id, []),
            )
        )
    alerts = [
        a for a in _alerts(session, operation) if wanted([p for p in (a["origin"], a["destination"]) if p])
    ]
    shown = {h.hit_id for h in hits}
    report_rows = [
        {
            "id": r.id,
            "hit_id": r.hit_id,
            "agency": codes.get(r.agency_id, ""),
            "airport": r.airport,
            "outcome": r.outcome.value,
            "text": r.text if r.agency_id == principal.agency_id else "",
            "reported_at": r.reported_at.isoformat(),
        }
        for r in reports
        if r.hit_id in shown
    ]
    figures = _figures(session, operation, participants, hits, reports)
    active = sorted({p for h in hits for p in h.airports} | {r.airport for r in reports})
    audit.record(
        session,
        "operation_room_read",
        principal=principal,
        object_type="operation",
        object_id=operation.id,
        detail={"hits": len(hits), "airport": airport, "country": country},
    )
    return Room(
        operation=view(session, operation, participants),
        hits=hits,
        alerts=alerts,
        reports=report_rows,
        figures=figures,
        airports=[
            {"code": code, "country": airport_country(code), "position": airport_position(code)}
            for code in active
        ],
    )


def _names(session: Session, traveller_ids: list[int | None]) -> dict[int, str]:
    ids = [i for i in traveller_ids if i is not None]
    rows = session.execute(
        select(
            schema.TravellerIdentity.traveller_id,
            schema.TravellerIdentity.given_names,
            schema.TravellerIdentity.surname,
        ).where(schema.TravellerIdentity.traveller_id.in_(ids))
    )
    return {i: f"{given} {surname}".strip() for i, given, surname in rows}


def _alerts(session: Session, operation: schema.Operation) -> list[dict[str, Any]]:
    airports = set(operation.scope.get("airports", ()))
    rows = session.scalars(
        select(schema.FraudAlert)
        .where(
            schema.FraudAlert.departure_date >= operation.starts_at.date(),
            schema.FraudAlert.departure_date <= operation.ends_at.date(),
        )
        .order_by(schema.FraudAlert.id)
    )
    return [
        {
            "id": a.id,
            "carrier": a.carrier,
            "record_locator": a.record_locator,
            "flight": f"{a.carrier}{a.flight_number or ''}",
            "origin": a.origin,
            "destination": a.destination,
            "departure_date": a.departure_date.isoformat() if a.departure_date else None,
            "reason": a.reason,
            "received_at": a.received_at.isoformat(),
        }
        for a in rows
        if not airports or {a.origin, a.destination} & airports
    ]


def _figures(
    session: Session,
    operation: schema.Operation,
    participants: set[int],
    hits: list[RoomHit],
    reports: list[schema.FieldReport],
) -> Figures:
    """Counts like the seeds': people checked, arrests, airports, countries, airlines."""
    flights = [
        f
        for f in session.scalars(
            select(schema.Flight).where(
                schema.Flight.scheduled_departure >= operation.starts_at,
                schema.Flight.scheduled_departure < operation.ends_at,
            )
        )
        if _in_scope(operation, [f])
    ]
    checked = 0
    if flights:
        ids = [f.id for f in flights]
        checked = len(
            set(
                session.scalars(
                    select(schema.Traveller.id).where(
                        schema.Traveller.receiving_agency_id.in_(participants),
                        or_(
                            schema.Traveller.flight_id.in_(ids),
                            schema.Traveller.booking_version_id.in_(
                                select(schema.BookingLeg.booking_version_id).where(
                                    schema.BookingLeg.flight_id.in_(ids)
                                )
                            ),
                        ),
                    )
                )
            )
        )
    outcomes = Counter(r.outcome.value for r in reports)
    by_day: dict[str, Counter[str]] = {}
    by_airport: dict[str, Counter[str]] = {}
    for hit in hits:
        by_day.setdefault(hit.departure.date().isoformat(), Counter())["hits"] += 1
        for place in hit.airports:
            by_airport.setdefault(place, Counter())["hits"] += 1
    for report in reports:
        by_day.setdefault(report.reported_at.date().isoformat(), Counter())[report.outcome.value] += 1
        by_airport.setdefault(report.airport, Counter())[report.outcome.value] += 1
    airports = sorted(by_airport)
    return Figures(
        people_checked=checked,
        hits=len(hits),
        confirmed=sum(1 for h in hits if h.status == HitStatus.CONFIRMED.value),
        outcomes={o.value: outcomes.get(o.value, 0) for o in FieldOutcome},
        airports=airports,
        countries=sorted({airport_country(a) for a in airports} - {""}),
        airlines=sorted({h.carrier for h in hits}),
        by_day={day: dict(c) for day, c in sorted(by_day.items())},
        by_airport={code: dict(c) for code, c in sorted(by_airport.items())},
    )


def close(session: Session, principal: Principal, operation_id: int) -> OperationView:
    """The lead agency's supervisor closes the operation: its figures are final."""
    principal.require(Permission.OPERATIONS_MANAGE)
    operation, participants = readable(session, principal, operation_id)
    if operation.lead_agency_id != principal.agency_id:
        raise Forbidden("only the lead agency closes an operation")
    if operation.closed_at is not None:
        raise Conflict("the operation is already closed")
    operation.closed_at = utcnow()
    session.flush()
    audit.record(
        session, "operation_closed", principal=principal, object_type="operation", object_id=operation.id
    )
    return view(session, operation, participants)


def report_outcome(
    session: Session,
    principal: Principal,
    operation_id: int,
    hit_id: int,
    outcome: FieldOutcome,
    airport: str,
    text: str,
) -> schema.FieldReport:
    """An officer at the airport records what was done about one of the agency's hits."""
    principal.require(Permission.FIELD_REPORT)
    operation, participants = readable(session, principal, operation_id)
    if operation.closed_at is not None:
        raise Conflict("the operation is closed")
    hit = session.get(schema.Hit, hit_id)
    if hit is None or hit.agency_id != principal.agency_id:
        raise NotFound(f"hit {hit_id}: not found")
    scoped = {h.id: flights for h, flights in _scoped_hits(session, operation, participants)}
    if hit_id not in scoped:
        raise Forbidden(f"hit {hit_id} is outside the operation's scope")
    code = airport.strip().upper()
    if code not in {p for f in scoped[hit_id] for p in (f.origin, f.destination)}:
        raise InvalidInput(f"airport: {airport!r} is not an airport of this hit's flights in scope")
    report = schema.FieldReport(
        operation_id=operation.id,
        hit_id=hit_id,
        agency_id=principal.agency_id,
        officer_id=principal.user_id,
        airport=code,
        outcome=outcome,
        text=mask_card_numbers_in_text(text.strip()),
    )
    session.add(report)
    session.flush()
    audit.record(
        session,
        "field_report",
        principal=principal,
        object_type="hit",
        object_id=hit_id,
        detail={"operation": operation.id, "outcome": outcome.value, "airport": code},
    )
    return report


def readable_view(session: Session, principal: Principal, operation_id: int) -> OperationView:
    operation, participants = readable(session, principal, operation_id)
    return view(session, operation, participants)
