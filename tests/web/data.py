"""Passenger data for the workbench tests: one booking pushed to NL-PIU that
raises a person hit (a shared FR-NCB record) and a document hit."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Document, Leg, PnrMessage, Seat, Traveller
from liaison.formats import write_pnrgov
from liaison.services.pipeline import pipeline
from liaison.services.runtime import Runtime
from liaison.store import schema
from tests.api.world import SECRET_CASE, SHARED_DOCUMENT, World


def todays_leg(number: str = "1234") -> Leg:
    """A flight leaving later today (UTC), so the dashboard counts it among today's flights."""
    day = datetime.now(UTC).date()
    departure = datetime.combine(day, time(9, 30))
    return Leg("KL", number, "IST", "AMS", departure, departure + timedelta(hours=3, minutes=15))


def pnr(reference: str, locator: str = "X7K2LM", leg: Leg | None = None) -> bytes:
    leg = leg or todays_leg()
    wanted = Traveller(
        surname="ABDURAKHMANOV",
        given_names="MAGHOMED",
        reference="1",
        birth_date=PartialDate(1985, 3, 12),
        gender=Gender.MALE,
        documents=(
            Document("DOCS", "P", "7512345678", "RUS", nationality="RUS", expiry=PartialDate(2030, 1, 1)),
        ),
        seats=(Seat("12A", leg.origin, leg.destination),),
    )
    stolen = Traveller(
        surname="JANSEN",
        given_names="PIETER",
        reference="2",
        birth_date=PartialDate(1970, 5, 5),
        documents=(Document("DOCS", "P", SHARED_DOCUMENT, "FRA"),),
    )
    innocent = Traveller(
        surname="DE VRIES", given_names="SANNE", reference="3", birth_date=PartialDate(1992, 8, 1)
    )
    booking = Booking(
        record_locator=locator,
        record_locator_owner="KL",
        created=datetime(2026, 11, 1, 10, 0),
        itinerary=(leg,),
        travellers=(wanted, stolen, innocent),
    )
    return write_pnrgov(
        PnrMessage(
            sender="KL", reference=reference, interchange_reference=reference, flight=leg, bookings=(booking,)
        )
    )


def push(runtime: Runtime, agency_code: str, body: bytes) -> None:
    """Store and screen a message as the agency's airline feed would push it."""
    with runtime.sessions() as session:
        agency_id = session.scalar(select(schema.Agency.id).where(schema.Agency.code == agency_code))
    assert agency_id is not None
    pipeline.receive(runtime, agency_id=agency_id, machine_client_id=None, body=body)
    pipeline.process_pending(runtime)


def hit_ids(runtime: Runtime, agency_code: str) -> dict[str, int]:
    """The agency's hits by kind (person, document, card)."""
    with runtime.sessions() as session:
        rows = session.execute(
            select(schema.Hit.id, schema.Hit.explanation)
            .join(schema.Agency, schema.Agency.id == schema.Hit.agency_id)
            .where(schema.Agency.code == agency_code)
        ).all()
    return {str(explanation.get("kind")): hit_id for hit_id, explanation in rows}


def secret_message(runtime: Runtime) -> int:
    """The message of the FR-BE case that NL-PIU is not part of."""
    with runtime.sessions() as session:
        found = session.scalar(
            select(schema.CaseMessage.id).where(schema.CaseMessage.body.contains(SECRET_CASE))
        )
    assert found is not None
    return found


def graded_pnr(reference: str, locator: str = "PR10R1") -> bytes:
    """A booking whose travellers hit the FR-NCB's own records at each priority: a
    stolen document, a rare name with its birth date, a rare name alone and (with
    `add_common_name`) a common name alone."""
    leg = todays_leg("5678")
    travellers = (
        Traveller(surname="JANSEN", given_names="PIETER", reference="1", birth_date=PartialDate(1970, 5, 5),
                  documents=(Document("DOCS", "P", SHARED_DOCUMENT, "FRA"),)),
        Traveller(surname="ABDURAKHMANOV", given_names="MAGHOMED", reference="2",
                  birth_date=PartialDate(1985, 3, 12), gender=Gender.MALE),
        Traveller(surname="QUARTERMAINE-OYELARAN", given_names="ZEBULON", reference="3"),
        Traveller(surname="SMITH", given_names="JOHN", reference="4"),
    )  # fmt: skip
    booking = Booking(
        record_locator=locator,
        record_locator_owner="KL",
        created=datetime(2026, 11, 1, 10, 0),
        itinerary=(leg,),
        travellers=travellers,
    )
    return write_pnrgov(
        PnrMessage(
            sender="KL", reference=reference, interchange_reference=reference, flight=leg, bookings=(booking,)
        )
    )


def add_common_name(runtime: Runtime, world: World) -> None:
    """A FR-NCB record on a name thousands bear, with no other data."""
    from liaison.domain.codes import PersonCategory
    from liaison.services.identity.principals import principal_for_user
    from liaison.services.registers import registers
    from liaison.services.registers.records import CodesInput, NameInput, PersonInput, RecordInput

    with runtime.sessions() as session, session.begin():
        owner = session.scalars(select(schema.User).where(schema.User.username == "liaison_officer.fr")).one()
        registers.create_record(
            session,
            principal_for_user(owner),
            world.registers["persons"],
            RecordInput(
                reference="FR-COMMON-NAME",
                codes=CodesInput(valid_from=date(2020, 1, 1)),
                details=PersonInput(
                    category=PersonCategory.WANTED, names=[NameInput(full_name="John Smith", is_primary=True)]
                ),
            ),
            runtime.secret.encode("utf-8"),
        )
