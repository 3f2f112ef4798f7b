"""Journeys through real HTTP: three bookings of one person (one with a typo)
become one journey with broken travel and a Schengen entry; a namesake stays
apart; a companion is a co-traveller; an analyst's split is kept."""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

from sqlalchemy import select

from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Contacts, Document, Leg, PnrMessage, Seat, Traveller
from liaison.formats import write_pnrgov
from liaison.services.runtime import Runtime
from liaison.store.schema import AuditEvent, BookingVersion, TravellerIdentity
from liaison.store.types import utcnow
from tests.api.clients import Actor, fresh_client
from tests.api.world import World

START = (utcnow() + timedelta(days=1)).replace(hour=6, minute=0, second=0, microsecond=0, tzinfo=None)
PHONE = "+961 3 123 456"


def _leg(carrier: str, number: str, origin: str, destination: str, hours: float) -> Leg:
    departure = START + timedelta(hours=hours)
    return Leg(carrier, number, origin, destination, departure, departure + timedelta(hours=3))


def _traveller(
    surname: str, given: str, ref: str, born: PartialDate | None, seat: Leg | None, row: str, **kw: object
) -> Traveller:
    seats = (Seat(row, seat.origin, seat.destination),) if seat else ()
    return Traveller(surname=surname, given_names=given, reference=ref, birth_date=born, seats=seats, **kw)  # type: ignore[arg-type]


def _push(
    airline: Actor,
    reference: str,
    locator: str,
    leg: Leg,
    travellers: tuple[Traveller, ...],
    phone: str | None = None,
) -> None:
    booking = Booking(
        record_locator=locator,
        record_locator_owner=leg.carrier,
        created=START - timedelta(days=3),
        itinerary=(leg,),
        travellers=travellers,
        contacts=Contacts(phones=(phone,) if phone else ()),
    )
    body = write_pnrgov(
        PnrMessage(
            sender=leg.carrier,
            reference=reference,
            interchange_reference=reference,
            flight=leg,
            bookings=(booking,),
        )
    )
    answer = airline.post("/api/v1/messages", content=body, headers={"Content-Type": "application/edifact"})
    assert answer.status_code == 202, answer.text


def test_one_journey_over_three_bookings_with_co_traveller_and_split(runtime: Runtime, world: World) -> None:
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    born = PartialDate(1990, 1, 2)
    passport = (Document("DOCS", "P", "X1234567", "LBN"),)
    first, second, third = (
        _leg("EK", "121", "DXB", "IST", 0),
        _leg("TK", "1843", "IST", "ATH", 5),
        _leg("A3", "402", "ATH", "AMS", 10),
    )
    _push(
        airline, "J001", "JRN001", first,
        (_traveller("HADDAD", "KARIM", "1", born, first, "10A", documents=passport),
         _traveller("NASSER", "SAMIR", "2", PartialDate(1988, 7, 7), first, "10B")),
        phone=PHONE,
    )  # fmt: skip
    _push(
        airline, "J002", "JRN002", second,
        (_traveller("HADAD", "KARIM", "1", born, second, "11A"),  # a typo, no document
         _traveller("NASSER", "SAMIR", "2", PartialDate(1988, 7, 7), second, "11B")),
    )  # fmt: skip
    _push(
        airline,
        "J003",
        "JRN003",
        third,
        (_traveller("HADDAD", "KARIM", "1", None, third, "3C", documents=passport),),
    )
    _push(
        airline,
        "J004",
        "JRN004",
        _leg("KL", "1760", "AMS", "IST", 30),
        (_traveller("HADDAD", "KARIM", "1", PartialDate(1971, 5, 5), None, ""),),
    )

    with runtime.sessions() as session:
        ids = {
            (surname, born_on): traveller_id
            for traveller_id, surname, born_on in session.execute(
                select(
                    TravellerIdentity.traveller_id, TravellerIdentity.surname, TravellerIdentity.birth_date
                )
            )
        }
        hashes = session.scalars(select(BookingVersion.contact_hashes)).all()
    assert all(PHONE not in str(h) and "123456" not in str(h) for h in hashes), (
        "contacts are kept as keyed hashes"
    )
    karim = ids[("HADDAD", "1990-01-02")]

    answer = analyst.get(f"/api/v1/journeys/travellers/{karim}", params={"purpose": "hit review 42"})
    assert answer.status_code == 200, answer.text
    person = answer.json()
    assert {r["surname"] for r in person["records"]} == {"HADDAD", "HADAD"}
    assert len(person["records"]) == 3, "the namesake born in 1971 is another person"
    assert {link["evidence"] for link in person["links"]} >= {"name_and_birth_date", "document"}
    (trip,) = person["trips"]
    assert (trip["origin"], trip["destination"]) == ("DXB", "AMS")
    assert trip["broken_travel"]
    assert trip["transits"] == ["IST", "ATH"]
    assert [(c["kind"], c["airport"]) for c in trip["schengen"]] == [("entry", "ATH")]

    network = analyst.get(
        f"/api/v1/journeys/travellers/{karim}/network", params={"purpose": "hit review 42"}
    ).json()
    (tie,) = network["ties"]
    assert tie["bookings"] == 2
    assert tie["adjacent_seats"] == 2
    assert (
        "SAMIR NASSER"
        in network["persons"][str(tie["target"] if tie["source"] == network["centre"] else tie["source"])]
    )
    graphml = analyst.get(
        f"/api/v1/journeys/travellers/{karim}/network",
        params={"purpose": "export for i2", "format": "graphml"},
    )
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    assert "<graphml" in graphml.text

    for kind, words in (("map", "ATH"), ("timeline", "DXB→IST"), ("network", "SAMIR NASSER")):
        picture = analyst.get(
            f"/api/v1/journeys/travellers/{karim}/pictures/{kind}", params={"purpose": "hit review 42"}
        )
        assert picture.status_code == 200, picture.text
        assert picture.headers["content-type"].startswith("image/svg+xml")
        assert words in "".join(ET.fromstring(picture.text).itertext())

    # The page asks why first, then shows the records, the trip and the pictures.
    page = {"Accept": "text/html"}
    asked = analyst.get(f"/travellers/{karim}/journey", headers=page)
    assert 'name="purpose"' in asked.text
    assert "HADDAD" not in asked.text
    shown = analyst.get(
        f"/travellers/{karim}/journey", params={"purpose": "hit review 42"}, headers=page
    ).text
    assert "HADAD" in shown
    assert "<svg" in shown
    assert "Broken travel" in shown

    typo = ids[("HADAD", "1990-01-02")]
    in_page = analyst.client.post(
        f"/travellers/{karim}/journey/split",
        data={
            "csrf": analyst.headers["X-CSRF-Token"],
            "other": typo,
            "reason": "x",
            "purpose": "hit review 42",
        },
        headers=page,
        follow_redirects=False,
    )
    assert in_page.status_code == 303, in_page.text
    split = analyst.post(
        "/api/v1/journeys/decisions",
        json={"traveller_a": karim, "traveller_b": typo, "same": False, "reason": "different passport photo"},
    )
    assert split.status_code == 200, split.text  # the same split, now with its reason changed
    after = analyst.get(f"/api/v1/journeys/travellers/{karim}", params={"purpose": "hit review 42"}).json()
    assert {r["surname"] for r in after["records"]} == {"HADDAD"}, "the split is kept"

    # Another agency never sees NL's travellers; roles without the right are refused.
    assert (
        Actor(fresh_client(runtime), username="analyst.fr")
        .get(f"/api/v1/journeys/travellers/{karim}", params={"purpose": "curiosity"})
        .status_code
        == 404
    )
    assert (
        Actor(fresh_client(runtime), username="dpo.nl")
        .get(f"/api/v1/journeys/travellers/{karim}", params={"purpose": "audit"})
        .status_code
        == 403
    )
    assert analyst.get(f"/api/v1/journeys/travellers/{karim}").status_code == 422, "a purpose is required"
    with runtime.sessions() as session:
        purposes = session.scalars(
            select(AuditEvent.purpose).where(AuditEvent.action == "journey_read")
        ).all()
    assert purposes.count("hit review 42") >= 4  # every journey and picture read, with its purpose


def test_started_at_is_tomorrow() -> None:
    assert datetime.now() < START
