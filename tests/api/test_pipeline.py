"""Pushed passenger data through real HTTP: stored, read, screened, reviewed."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from liaison.domain.codes import Gender, MessageStatus
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Document, Leg, Payment, PnrMessage, Seat, Traveller
from liaison.formats import write_pnrgov
from liaison.services.runtime import Runtime
from liaison.store.schema import BookingVersion, Hit, InboundMessage
from tests.api.clients import Actor, fresh_client
from tests.api.world import SHARED_CARD, SHARED_DOCUMENT, World

FLIGHT = Leg("KL", "1234", "IST", "AMS", datetime(2026, 11, 23, 9, 30), datetime(2026, 11, 23, 12, 45))


def _message(reference: str, seat: str = "12A") -> bytes:
    wanted = Traveller(
        surname="ABDURAKHMANOV",
        given_names="MAGHOMED",
        reference="1",
        birth_date=PartialDate(1985, 3, 12),
        gender=Gender.MALE,
        documents=(
            Document("DOCS", "P", "7512345678", "RUS", nationality="RUS", expiry=PartialDate(2030, 1, 1)),
        ),
        seats=(Seat(seat, "IST", "AMS"),),
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
        record_locator="X7K2LM",
        record_locator_owner="KL",
        created=datetime(2026, 11, 1, 10, 0),
        itinerary=(FLIGHT,),
        travellers=(wanted, stolen, innocent),
    )
    return write_pnrgov(
        PnrMessage(
            sender="KL",
            reference=reference,
            interchange_reference=reference,
            flight=FLIGHT,
            bookings=(booking,),
        )
    )


def _push(airline: Actor, body: bytes) -> dict[str, object]:
    answer = airline.post("/api/v1/messages", content=body, headers={"Content-Type": "application/edifact"})
    assert answer.status_code == 202, answer.text
    result: dict[str, object] = answer.json()
    return result


def test_push_store_screen_review(runtime: Runtime, world: World) -> None:
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")

    receipt = _push(airline, _message("0001"))
    assert receipt["status"] == "received"
    assert receipt["reference"] == "0001"
    status = airline.get(f"/api/v1/messages/{receipt['receipt']}").json()
    assert status["status"] == "processed"

    found = analyst.get("/api/v1/hits").json()
    assert found["total"] == 2
    by_kind = {hit["explanation"]["kind"]: hit for hit in found["items"]}
    person, document = by_kind["person"], by_kind["document"]
    assert person["traveller"]["surname"] == "ABDURAKHMANOV"
    assert person["owner"] == "FR-NCB"
    assert person["record_details_released"] is False
    assert "Абдурахманов" not in str(person["explanation"]), "the owner's spelling stays with the owner"
    assert "withheld by the owner" in str(person["explanation"])
    assert "name" not in person["explanation"], "how the owner's record compares stays with the owner"
    assert person["score"] is None
    assert document["traveller"]["surname"] == "JANSEN"
    assert document["record_locator"] == "X7K2LM"

    again = _push(airline, _message("0001"))
    assert again["status"] == "duplicate"
    assert again["duplicate_of"] == receipt["receipt"]

    _push(airline, _message("0002", seat="14C"))
    assert analyst.get("/api/v1/hits").json()["total"] == 2, (
        "a new push updates hits, it does not repeat them"
    )
    with runtime.sessions() as session:
        versions = session.scalars(select(BookingVersion).order_by(BookingVersion.version)).all()
    assert [v.version for v in versions] == [1, 2]
    assert versions[1].changes["changed"]["seats"]["added"] == ["ABDURAKHMANOV/MAGHOMED/1985-03-12 14C"]

    hit_id = person["id"]
    refused = analyst.post(f"/api/v1/hits/{hit_id}/review", json={"action": "confirm", "reason": ""})
    assert refused.status_code == 422
    assert (
        analyst.post(f"/api/v1/hits/{hit_id}/review", json={"action": "start"}).json()["status"]
        == "in_review"
    )
    confirmed = analyst.post(
        f"/api/v1/hits/{hit_id}/review", json={"action": "confirm", "reason": "Same passport photo"}
    )
    assert confirmed.json()["status"] == "confirmed"
    assert (
        analyst.post(
            f"/api/v1/hits/{hit_id}/review", json={"action": "dismiss", "reason": "x" * 5}
        ).status_code
        == 409
    )
    kinds = [n["kind"] for n in owner.get("/api/v1/notifications").json()["items"]]
    assert "hit_confirmed" in kinds
    # ...and hears of it in the record's case, with the traveller and the hit's explanation.
    inbox = owner.get("/api/v1/exchange/inbox").json()["items"]
    told = [item for item in inbox if item["sender"] == "NL-PIU" and item["kind"] == "information"]
    assert len(told) == 1
    message = owner.get(f"/api/v1/exchange/messages/{told[0]['message_id']}").json()
    assert f"record {world.records['shared_person']}" in message["body"]
    assert "ABDURAKHMANOV" in message["body"]
    # The unit reads its own message too: nothing of the owner's record is in it.
    sent = analyst.get(f"/api/v1/exchange/messages/{message['id']}")
    assert sent.status_code == 200
    assert "FR-SHARED-PERSON" not in sent.text
    assert "Абдурахманов" not in sent.text
    assert "same date" not in sent.text, "nor how it compares"
    assert "score" not in message["detail"], "the unit reads this message too"
    confirmed_note = next(
        n for n in owner.get("/api/v1/notifications").json()["items"] if n["kind"] == "hit_confirmed"
    )
    assert confirmed_note["payload"]["explanation"]["evidence"], "the owner sees why it matched"
    assert {e["kind"] for e in message["entities"]} >= {"hit", "record", "person", "flight"}
    assert message["handling_code"] == "H2"
    case = owner.get(f"/api/v1/exchange/cases/{message['case_id']}").json()
    assert case["agencies"] == ["FR-NCB", "NL-PIU"]
    assert case["lead"] == "FR-NCB"


def test_a_message_that_cannot_be_read_is_kept_with_its_error(runtime: Runtime, world: World) -> None:
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    body = b"UNA:+.? 'UNB+IATA:1+KL+NLPIU+261122:0930+0099'UNH+1+PNRGOV:11:1:IA+X'TVL+BROKEN'"
    receipt = _push(airline, body)
    status = airline.get(f"/api/v1/messages/{receipt['receipt']}").json()
    assert status["status"] == "rejected"
    assert status["error"]
    with runtime.sessions() as session:
        stored = session.get(InboundMessage, receipt["receipt"])
        assert stored is not None
        assert stored.body == body
        assert stored.status is MessageStatus.REJECTED


def test_only_pushing_clients_push(runtime: Runtime, world: World) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    assert analyst.post("/api/v1/messages", content=_message("0003")).status_code == 403
    stranger = Actor(fresh_client(runtime), token="lsn_not-a-token")
    assert stranger.post("/api/v1/messages", content=_message("0003")).status_code == 401
    other = Actor(fresh_client(runtime), username="analyst.be")
    assert other.get("/api/v1/hits").json()["total"] == 0


def test_hits_of_one_agency_are_not_anothers(runtime: Runtime, world: World) -> None:
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    _push(airline, _message("0004"))
    other = Actor(fresh_client(runtime), username="analyst.be")
    hit_id = Actor(fresh_client(runtime), username="analyst.nl").get("/api/v1/hits").json()["items"][0]["id"]
    assert other.get(f"/api/v1/hits/{hit_id}").status_code == 404
    assert replace(FLIGHT).carrier == "KL"


def test_a_new_record_catches_a_traveller_already_pushed(runtime: Runtime, world: World) -> None:
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).replace(tzinfo=None, second=0, microsecond=0)
    leg = Leg("KL", "1010", "KBP", "AMS", tomorrow, tomorrow + timedelta(hours=3))
    traveller = Traveller(
        surname="PETRENKO", given_names="OKSANA", reference="1", birth_date=PartialDate(1990, 2, 14)
    )
    booking = Booking(
        record_locator="R3SCRN", record_locator_owner="KL", itinerary=(leg,), travellers=(traveller,)
    )
    _push(airline, write_pnrgov(PnrMessage(sender="KL", reference="0100", flight=leg, bookings=(booking,))))
    assert analyst.get("/api/v1/hits").json()["total"] == 0

    record = {
        "reference": "FR-NEW-1",
        "shared_with": ["NL-PIU"],
        "details": {
            "kind": "persons",
            "category": "wanted",
            "names": [{"full_name": "Оксана Петренко", "script": "Cyrl"}],
            "birth_dates": ["1990-02-14"],
        },
    }
    created = owner.post(f"/api/v1/registers/{world.registers['persons']}/records", json=record)
    assert created.status_code == 201, created.text
    found = analyst.get("/api/v1/hits").json()["items"]
    assert len(found) == 1
    assert found[0]["traveller"]["surname"] == "PETRENKO"
    assert "register changed" in found[0]["rule"]


def test_a_compromised_card_in_the_form_of_payment_raises_a_weak_hit(runtime: Runtime, world: World) -> None:
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    payer = Traveller(surname="MOREAU", given_names="LUC", reference="1", birth_date=PartialDate(1981, 4, 4))
    booking = Booking(
        record_locator="CARD01",
        record_locator_owner="KL",
        itinerary=(FLIGHT,),
        travellers=(payer,),
        payments=(
            Payment(
                "CC", "VI", SHARED_CARD[:6] + "XXXXXX" + SHARED_CARD[-4:], amount="420.00", currency="EUR"
            ),
        ),
    )
    _push(
        airline, write_pnrgov(PnrMessage(sender="KL", reference="0200", flight=FLIGHT, bookings=(booking,)))
    )
    found = analyst.get("/api/v1/hits").json()["items"]
    assert [hit["explanation"]["kind"] for hit in found] == ["card"]
    assert found[0]["score"] is None, "FR-NCB's record: its score stays with the owner"
    with runtime.sessions() as session:
        stored = session.scalar(select(Hit.score).where(Hit.id == found[0]["id"]))
    assert stored is not None
    assert stored < 1.0, "BIN and last four are a lead, not an identification"
    assert found[0]["traveller"]["surname"] == "MOREAU"


def test_the_sender_reads_how_its_message_was_read(runtime: Runtime, world: World) -> None:
    """Read with warnings, partly read and read as sent are three statuses, each with what
    was left out or doubted; the same reference with other content is read and flagged."""
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    clean = _push(airline, _message("0300"))
    assert airline.get(f"/api/v1/messages/{clean['receipt']}").json()["warnings"] == []
    counted = re.sub(rb"UNT\+\d+\+", b"UNT+99+", _message("0301"))
    warned = airline.get(f"/api/v1/messages/{_push(airline, counted)['receipt']}").json()
    assert warned["status"] == "read_with_warnings"
    assert [w for w in warned["warnings"] if "UNT says 99" in w]
    lost = _message("0302").replace(b"TIF+JANSEN", b"TVL+999999:1200+IST+AMS+KL+1'TIF+JANSEN")
    partly = airline.get(f"/api/v1/messages/{_push(airline, lost)['receipt']}").json()
    assert partly["status"] == "partly_read", partly
    assert partly["error"].startswith("partly read: ")
    other = _push(airline, _message("0300", seat="14C"))
    assert (other["status"], other["duplicate_of"]) == ("received", None)
    flagged = airline.get(f"/api/v1/messages/{other['receipt']}").json()
    assert flagged["status"] == "read_with_warnings"
    assert f"in message {clean['receipt']}" in flagged["warnings"][0]
