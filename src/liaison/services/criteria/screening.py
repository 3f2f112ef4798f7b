"""Rule hits in screening: the seam the pipeline calls after storing a message.

The receiving agency's rules in force (its own, and other agencies' rules
whose scope names it and that it accepted) are compiled once and kept until the set of active
versions changes. A rule hit is stored like a register hit, with the rule
as its reason, and reviewed by a person like any other.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from liaison.criteria import BookingFacts, LegFacts, RuleSet
from liaison.criteria.conditions import BrokenTravel
from liaison.domain.codes import RuleAcceptance
from liaison.services.criteria import acceptance, rules
from liaison.services.criteria.facts import leg_facts
from liaison.services.criteria.rules import compile_version
from liaison.services.identity.principals import Principal
from liaison.services.pipeline.screening import Booked, Found, Subject, record_hits, subject_key
from liaison.services.registers.rescreening import as_domain, travellers_in_window
from liaison.store import schema
from liaison.store.types import utcnow

RULE_SCORE = 1.0  # a rule either selects a traveller or not: no graded score to show


class RuleCache:
    """Compiled rule sets per receiving agency, rebuilt when rules change.

    Whether they changed is asked of the database at most every
    ``CHECK_SECONDS`` (one small query, not one per message); a change made
    in this process (:meth:`invalidate`) is seen at once, one made by another
    process within that time."""

    CHECK_SECONDS = 2.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation: tuple[Any, ...] | None = None
        self._checked = 0.0
        self._active: list[rules.InForce] = []
        self._sets: dict[int, RuleSet] = {}
        self._codes: dict[int, str] = {}

    def invalidate(self) -> None:
        with self._lock:
            self._generation = None

    def for_agency(self, session: Session, agency_id: int) -> RuleSet:
        with self._lock:
            now = time.monotonic()
            if self._generation is None or now - self._checked >= self.CHECK_SECONDS:
                generation = rules.rules_generation(session)
                self._checked = now
                if generation != self._generation:
                    self._active = rules.active_rules(session)
                    self._sets = {}
                    self._codes = {}
                    self._generation = generation
            found = self._sets.get(agency_id)
            if found is None:
                code = self._codes.get(agency_id)
                if code is None:
                    code = (
                        session.scalar(select(schema.Agency.code).where(schema.Agency.id == agency_id)) or ""
                    )
                    self._codes[agency_id] = code
                found = RuleSet(
                    r.rule for r in self._active if r.owner_agency_id == agency_id or code in r.agencies
                )
                self._sets[agency_id] = found
            return found


def screen_rules(
    session: Session, agency_id: int, booked: list[Booked], cache: RuleCache
) -> list[schema.Hit]:
    """Rule hits for these stored bookings, created or updated."""
    if not booked:
        return []
    rule_set = cache.for_agency(session, agency_id)
    if not len(rule_set):
        return []
    if rule_set.needs_other_bookings:
        booked = with_other_legs(session, agency_id, booked)
    now = utcnow()
    found: list[Found] = []
    for item in booked:
        for hit in rule_set.evaluate(item.facts, at=now):
            if hit.traveller < len(item.subjects):
                found.append(
                    Found(item.subjects[hit.traveller], None, RULE_SCORE, hit.explanation, hit.rule.ref)
                )
    return record_hits(session, agency_id, found)


def with_other_legs(session: Session, agency_id: int, booked: list[Booked]) -> list[Booked]:
    """The same bookings, each with the legs its travellers booked elsewhere
    around the same days (same surname, given names and birth date), for the
    broken-travel condition. One query for the whole message."""
    people = {
        (s.traveller.surname, s.traveller.given_names or "", s.traveller.birth_date.isoformat())
        for item in booked
        for s in item.subjects
        if s.traveller.birth_date is not None
    }
    departures = [leg.departure for item in booked for leg in item.facts.legs if leg.departure]
    if not people or not departures:
        return booked
    margin = BrokenTravel(timedelta(0)).within + timedelta(days=2)
    rows = session.execute(
        select(
            schema.TravellerIdentity.surname,
            schema.TravellerIdentity.given_names,
            schema.TravellerIdentity.birth_date,
            schema.BookingVersion.booking_id,
            schema.Flight,
        )
        .join(schema.Traveller, schema.Traveller.id == schema.TravellerIdentity.traveller_id)
        .join(schema.BookingVersion, schema.BookingVersion.id == schema.Traveller.booking_version_id)
        .join(schema.BookingLeg, schema.BookingLeg.booking_version_id == schema.BookingVersion.id)
        .join(schema.Flight, schema.Flight.id == schema.BookingLeg.flight_id)
        .where(
            schema.Traveller.receiving_agency_id == agency_id,
            tuple_(
                schema.TravellerIdentity.surname,
                schema.TravellerIdentity.given_names,
                schema.TravellerIdentity.birth_date,
            ).in_(list(people)),
            schema.Flight.scheduled_departure >= min(departures) - margin,
            schema.Flight.scheduled_departure <= max(departures) + margin,
        )
    )
    legs_of: dict[tuple[str, str, str], dict[int, set[LegFacts]]] = {}
    for surname, given, born, booking_id, flight in rows:
        if born is None:
            continue
        legs_of.setdefault((surname, given, born), {}).setdefault(booking_id, set()).add(leg_facts(flight))
    out = []
    for item in booked:
        others: set[LegFacts] = set()
        for s in item.subjects:
            if s.traveller.birth_date is None:
                continue
            person = (s.traveller.surname, s.traveller.given_names or "", s.traveller.birth_date.isoformat())
            for booking_id, legs in legs_of.get(person, {}).items():
                if booking_id != item.booking_id:
                    others |= legs
        ordered = tuple(sorted(others, key=lambda leg: (leg.departure is None, leg.departure, leg.origin)))
        out.append(replace(item, facts=replace(item.facts, other_legs=ordered)) if ordered else item)
    return out


def screen_upcoming(
    session: Session,
    row: schema.RiskRuleVersion,
    *,
    past: timedelta = timedelta(hours=24),
    future: timedelta = timedelta(hours=72),
    now: datetime | None = None,
    agencies: set[int] | None = None,
) -> int:
    """A version just put in force (or just accepted by another agency), run
    over the bookings already received for recent and upcoming flights
    (airlines push 24 to 48 hours ahead: without this a new rule would miss
    tomorrow's passengers); returns the hits made. It runs on the owner's
    passengers and on those of the agencies that accepted it, or on
    ``agencies`` among them."""
    rule = compile_version(row)
    rule_set = RuleSet([rule])
    owner = session.scalar(select(schema.RiskRule.agency_id).where(schema.RiskRule.id == row.rule_id))
    codes = list(rules.accepted_agencies(session, row.id).get(row.id, ()))
    audience = {owner} | set(session.scalars(select(schema.Agency.id).where(schema.Agency.code.in_(codes))))
    if agencies is not None:
        audience &= agencies
    by_version: dict[int, list[schema.Traveller]] = {}
    now = now or utcnow()
    for waiting in travellers_in_window(session, [a for a in audience if a is not None], past, future, now):
        if waiting.booking_version_id is not None:
            by_version.setdefault(waiting.booking_version_id, []).append(waiting)
    if not by_version:
        return 0
    versions = session.execute(
        select(schema.BookingVersion.id, schema.BookingVersion.booking_id, schema.BookingVersion.facts).where(
            schema.BookingVersion.id.in_(list(by_version))
        )
    ).all()
    booked_by_agency: dict[int, list[Booked]] = {}
    for version_id, booking_id, facts in versions:
        rows = sorted(by_version[version_id], key=lambda t: t.id)  # stored in the order of the facts
        subjects = []
        for stored in rows:
            traveller = as_domain(stored)
            if traveller is not None:
                subjects.append(
                    Subject(
                        stored.id,
                        traveller,
                        subject_key(traveller, booking_id=booking_id, flight=None),
                        booking_id,
                        (),
                    )
                )
        if facts and len(subjects) == len(rows):
            booked_by_agency.setdefault(rows[0].receiving_agency_id, []).append(
                Booked(booking_id, version_id, BookingFacts.from_dict(facts), tuple(subjects))
            )
    made = 0
    for agency_id, booked in booked_by_agency.items():
        if rule_set.needs_other_bookings:
            booked = with_other_legs(session, agency_id, booked)
        found = [
            Found(item.subjects[hit.traveller], None, RULE_SCORE, hit.explanation, hit.rule.ref)
            for item in booked
            for hit in rule_set.evaluate(item.facts, at=now)
            if hit.traveller < len(item.subjects)
        ]
        made += len(record_hits(session, agency_id, found))
    return made


def put_in_force(
    session: Session,
    principal: Principal,
    cache: RuleCache,
    rule_id: int,
    number: int,
    scope: rules.ScopeIn,
    valid_from: datetime | None,
    valid_until: datetime | None,
) -> schema.RiskRuleVersion:
    """Activate an approved version, screen the bookings already received with
    it, and make this process's screening see it at once (API and pages alike)."""
    row = rules.activate(session, principal, rule_id, number, scope, valid_from, valid_until)
    screen_upcoming(session, row)
    cache.invalidate()
    return row


def retire(
    session: Session, principal: Principal, cache: RuleCache, rule_id: int, number: int
) -> schema.RiskRuleVersion:
    """Retire a version; this process's screening stops using it at once."""
    row = rules.retire(session, principal, rule_id, number)
    cache.invalidate()
    return row


def decide(
    session: Session,
    principal: Principal,
    cache: RuleCache,
    rule_id: int,
    number: int,
    decision: str,
    reason: str,
) -> acceptance.Request:
    """Another agency's rule version accepted, declined or withdrawn by the
    principal's agency. Once accepted it screens the agency's bookings already
    received, as activation does for the owner's; this process's screening
    follows the answer at once."""
    found = acceptance.decide(session, principal, rule_id, number, decision, reason)
    if found.answer.status == RuleAcceptance.ACCEPTED:
        screen_upcoming(session, found.version, agencies={principal.agency_id})
    cache.invalidate()
    return found
