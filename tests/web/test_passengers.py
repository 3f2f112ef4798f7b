"""The traveller and booking pages over real HTTP, on SQLite and PostgreSQL: only
the receiving agency sees them, only roles that may read personal data, every
view audited, every PNR version with what changed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from liaison.domain.passenger import PnrMessage
from liaison.formats import read_message_bytes
from liaison.services.pipeline import ingest, pipeline
from liaison.services.runtime import Runtime
from liaison.store import schema
from tests.api.clients import Actor, fresh_client
from tests.api.world import World
from tests.web import data

PAGE = {"Accept": "text/html"}


def _traveller(runtime: Runtime, surname: str) -> tuple[int, int]:
    """The latest stored traveller of that surname, and their booking."""
    with runtime.sessions() as session:
        row = session.execute(
            select(schema.Traveller.id, schema.BookingVersion.booking_id)
            .join(schema.TravellerIdentity, schema.TravellerIdentity.traveller_id == schema.Traveller.id)
            .join(schema.BookingVersion, schema.BookingVersion.id == schema.Traveller.booking_version_id)
            .where(schema.TravellerIdentity.surname == surname)
            .order_by(schema.Traveller.id.desc())
        ).first()
    assert row is not None
    return row[0], row[1]


def _audited(runtime: Runtime, action: str) -> list[str | None]:
    with runtime.sessions() as session:
        return list(
            session.scalars(select(schema.AuditEvent.object_id).where(schema.AuditEvent.action == action))
        )


@pytest.mark.parametrize("path", ["/travellers/1", "/bookings/1"])
def test_nobody_signed_in_is_sent_to_the_login_page(app_client: TestClient, path: str) -> None:
    answer = app_client.get(path, headers=PAGE)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/login?next={path}"


def test_the_traveller_page_shows_documents_itinerary_and_co_travellers(
    runtime: Runtime, pushed: dict[str, int]
) -> None:
    traveller_id, booking_id = _traveller(runtime, "ABDURAKHMANOV")
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    page = analyst.get(f"/travellers/{traveller_id}", headers=PAGE)
    assert page.status_code == 200
    assert "7512345678" in page.text, "the document"
    assert "KL1234" in page.text, "the itinerary"
    assert "JANSEN" in page.text
    assert "DE VRIES" in page.text, "the other travellers of the booking"
    assert f'href="/bookings/{booking_id}"' in page.text
    assert f'href="/hits/{pushed["person"]}"' in page.text, "with the traveller's hits"
    assert str(traveller_id) in _audited(runtime, "traveller_read")
    hit = analyst.get(f"/hits/{pushed['person']}", headers=PAGE).text
    assert f'href="/travellers/{traveller_id}"' in hit
    assert f'href="/bookings/{booking_id}"' in hit


def test_the_booking_page_lists_every_version_with_what_changed(
    runtime: Runtime, pushed: dict[str, int]
) -> None:
    data.push(runtime, "NL-PIU", data.pnr("0002", leg=data.todays_leg("1240")))  # the same booking, rebooked
    _, booking_id = _traveller(runtime, "ABDURAKHMANOV")
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    page = analyst.get(f"/bookings/{booking_id}", headers=PAGE)
    assert page.status_code == 200
    assert 'id="version-2"' in page.text
    assert 'id="version-1"' in page.text
    assert "First version received." in page.text
    assert 'data-field="legs"' in page.text
    assert "+ KL1240 IST-AMS" in page.text
    assert "− KL1234 IST-AMS" in page.text
    assert str(booking_id) in _audited(runtime, "booking_read")
    with runtime.sessions() as session:
        flight = session.scalar(select(schema.Flight.id).where(schema.Flight.flight_number == "1240"))
    manifest = analyst.get(f"/flights/{flight}", headers=PAGE).text
    assert f'href="/bookings/{booking_id}"' in manifest
    assert 'href="/travellers/' in manifest


def test_another_agency_and_other_roles_never_see_them(runtime: Runtime, pushed: dict[str, int]) -> None:
    traveller_id, booking_id = _traveller(runtime, "ABDURAKHMANOV")
    other = Actor(fresh_client(runtime), username="analyst.be")
    for path in (f"/travellers/{traveller_id}", f"/bookings/{booking_id}"):
        answer = other.get(path, headers=PAGE)
        assert answer.status_code == 404, path
        assert "ABDURAKHMANOV" not in answer.text
    for username in ("field_officer.nl", "liaison_officer.nl", "dpo.nl", "admin.nl"):
        actor = Actor(fresh_client(runtime), username=username)
        for path in (f"/travellers/{traveller_id}", f"/bookings/{booking_id}"):
            answer = actor.get(path, headers=PAGE)
            assert answer.status_code == 403, (username, path)
            assert "ABDURAKHMANOV" not in answer.text
    assert _audited(runtime, "traveller_read") == []
    assert _audited(runtime, "booking_read") == []


def _push_with_warnings(runtime: Runtime, warnings: tuple[str, ...]) -> int:
    """A PNR pushed to NL-PIU whose reader warned (as the PNR readers do for an element
    they leave empty); returns the booking's id."""
    body = data.pnr("0003", locator="WARN01")
    (read,) = read_message_bytes(body).messages
    assert isinstance(read, PnrMessage)
    warned = replace(read, bookings=tuple(replace(b, warnings=warnings) for b in read.bookings))
    with runtime.sessions() as session:
        agency_id = session.scalar(select(schema.Agency.id).where(schema.Agency.code == "NL-PIU"))
    assert agency_id is not None
    receipt = pipeline.receive(runtime, agency_id=agency_id, machine_client_id=None, body=body)
    with runtime.transaction() as session:
        message = session.get(schema.InboundMessage, receipt.message_id)
        assert message is not None
        ingest.keep(session, message, [warned])
        booking_id = session.scalar(
            select(schema.Booking.id).where(schema.Booking.record_locator == "WARN01")
        )
    assert booking_id is not None
    return booking_id


WARNING = "PNR WARN01: segment TVL #14 element TVL 01:4: arrival time 4321 is not a time HHMM: left empty"


def test_the_booking_page_and_api_say_what_the_reader_warned_about(runtime: Runtime, world: World) -> None:
    booking_id = _push_with_warnings(runtime, (WARNING,))
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    page = analyst.get(f"/bookings/{booking_id}", headers=PAGE)
    assert page.status_code == 200
    assert 'id="warnings-1"' in page.text
    assert "Read with warnings" in page.text
    assert "arrival time 4321 is not a time HHMM: left empty" in page.text
    answer = analyst.get(f"/api/v1/bookings/{booking_id}")
    assert answer.status_code == 200, answer.text
    (version,) = answer.json()["versions"]
    assert version["read_with_warnings"] is True
    assert version["warnings"] == [WARNING]
    assert [t["surname"] for t in version["travellers"]][:1] == ["ABDURAKHMANOV"]
    assert str(booking_id) in _audited(runtime, "booking_read")
    other = Actor(fresh_client(runtime), username="analyst.be")
    assert other.get(f"/api/v1/bookings/{booking_id}").status_code == 404


def test_a_booking_read_as_sent_shows_no_warning(runtime: Runtime, pushed: dict[str, int]) -> None:
    _, booking_id = _traveller(runtime, "ABDURAKHMANOV")
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    assert "warnings-1" not in analyst.get(f"/bookings/{booking_id}", headers=PAGE).text
    (version,) = analyst.get(f"/api/v1/bookings/{booking_id}").json()["versions"]
    assert (version["read_with_warnings"], version["warnings"]) == (False, [])
