"""Risk rules through real HTTP: written, back-tested, approved by another
supervisor, activated, firing on pushed bookings with their explanation,
and counted in the effectiveness report."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from liaison.domain.codes import Role
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Leg, Payment, PnrMessage, Traveller
from liaison.formats import write_pnrgov
from liaison.services.identity import accounts
from liaison.services.runtime import Runtime
from liaison.store.schema import Agency, AuditEvent, Hit
from liaison.store.types import utcnow
from tests.api.clients import Actor, fresh_client
from tests.api.world import PASSWORD, World

RULE_YAML = """
name: Late one-way cash bookings from Beirut through Istanbul
description: Facilitators book late, one way, pay cash, and change planes in Istanbul.
when:
  all:
    - departs_from: {lists: [departure points of concern]}
    - transits: {airports: [IST]}
    - one_way: true
    - booked_before_departure: {max_hours: 72}
    - payment: {types: [cash]}
"""


# Tomorrow, whenever the test runs: activation screens upcoming flights.
DEPARTURE = (utcnow() + timedelta(days=1)).replace(minute=0, second=0, microsecond=0, tzinfo=None)


def _pnr(reference: str, locator: str, *, booked_hours_before: float, payment: str) -> bytes:
    first = Leg("TK", "827", "BEY", "IST", DEPARTURE, DEPARTURE + timedelta(hours=2))
    second = Leg("TK", "1951", "IST", "AMS", DEPARTURE + timedelta(hours=4), DEPARTURE + timedelta(hours=7))
    traveller = Traveller(
        surname="HADDAD", given_names="KARIM", reference="1", birth_date=PartialDate(1990, 1, 2)
    )
    booking = Booking(
        record_locator=locator,
        record_locator_owner="TK",
        created=DEPARTURE - timedelta(hours=booked_hours_before),
        itinerary=(first, second),
        travellers=(traveller,),
        payments=(Payment(payment, amount="450.00", currency="EUR"),),
    )
    return write_pnrgov(
        PnrMessage(
            sender="TK",
            reference=reference,
            interchange_reference=reference,
            flight=second,
            bookings=(booking,),
        )
    )


def _push(airline: Actor, body: bytes) -> None:
    answer = airline.post("/api/v1/messages", content=body, headers={"Content-Type": "application/edifact"})
    assert answer.status_code == 202, answer.text


def test_rule_life_cycle_hits_backtest_and_report(runtime: Runtime, world: World) -> None:
    with runtime.transaction() as session:
        nl = session.scalar(select(Agency).where(Agency.code == "NL-PIU"))
        assert nl is not None
        accounts.create_user(
            session,
            agency=nl,
            username="supervisor2.nl",
            display_name="second",
            roles={Role.SUPERVISOR},
            password=PASSWORD,
        )
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    supervisor = Actor(fresh_client(runtime), username="supervisor.nl")
    second = Actor(fresh_client(runtime), username="supervisor2.nl")
    dpo = Actor(fresh_client(runtime), username="dpo.nl")
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])

    # Bookings arrive before the rule exists: the back-test will look at them.
    _push(airline, _pnr("0001", "LATE01", booked_hours_before=20, payment="CA"))
    _push(airline, _pnr("0002", "EARLY1", booked_hours_before=24 * 30, payment="CA"))
    _push(airline, _pnr("0003", "CARD01", booked_hours_before=20, payment="CC"))

    saved = analyst.put(
        "/api/v1/rules/lists",
        json={"name": "departure points of concern", "kind": "airports", "entries": ["bey", "DAM"]},
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["entries"] == ["BEY", "DAM"]
    bad_list = analyst.put("/api/v1/rules/lists", json={"name": "x", "kind": "airports", "entries": ["QQQ"]})
    assert bad_list.status_code == 422
    assert "entries[0]" in bad_list.json()["detail"]

    sensitive = analyst.post(
        "/api/v1/rules",
        json={"definition": {"name": "n", "description": "d", "when": {"meal": {"codes": ["MOML"]}}}},
    )
    assert sensitive.status_code == 422
    assert "rule.when.meal" in sensitive.json()["detail"]
    assert "religion" in sensitive.json()["detail"]

    created = analyst.post("/api/v1/rules", json={"text": RULE_YAML})
    assert created.status_code == 201, created.text
    draft = created.json()
    rule_id = draft["rule_id"]
    assert (draft["status"], draft["version"]) == ("draft", 1)
    assert draft["lists"]["departure points of concern"]["entries"] == ["BEY", "DAM"]

    assert analyst.post(f"/api/v1/rules/{rule_id}/versions/1/approve").status_code == 403, (
        "analysts cannot approve"
    )
    not_tested = supervisor.post(f"/api/v1/rules/{rule_id}/versions/1/approve")
    assert not_tested.status_code == 409
    assert "back-test" in not_tested.json()["detail"]

    now = utcnow()
    figures = analyst.post(
        f"/api/v1/rules/{rule_id}/versions/1/backtest",
        json={"start": (now - timedelta(days=1)).isoformat(), "end": (now + timedelta(hours=1)).isoformat()},
    )
    assert figures.status_code == 200, figures.text
    summary = figures.json()["summary"]
    assert summary["bookings_evaluated"] == 3
    assert summary["travellers_selected"] == 1, "only the late cash booking"
    assert {f["flight"] for f in figures.json()["flights"]} == {"TK827 BEY-IST", "TK1951 IST-AMS"}

    # A supervisor's own draft needs another supervisor.
    own = supervisor.post("/api/v1/rules", json={"text": RULE_YAML.replace("Late", "Own")}).json()
    supervisor.post(
        f"/api/v1/rules/{own['rule_id']}/versions/1/backtest",
        json={"start": (now - timedelta(days=1)).isoformat(), "end": now.isoformat()},
    )
    refused = supervisor.post(f"/api/v1/rules/{own['rule_id']}/versions/1/approve")
    assert refused.status_code == 403
    assert "author" in refused.json()["detail"]
    assert second.post(f"/api/v1/rules/{own['rule_id']}/versions/1/approve").json()["status"] == "approved"

    approved = supervisor.post(f"/api/v1/rules/{rule_id}/versions/1/approve")
    assert approved.json()["status"] == "approved", approved.text
    assert approved.json()["backtest"]["summary"]["travellers_selected"] == 1
    activated = supervisor.post(f"/api/v1/rules/{rule_id}/versions/1/activate", json={})
    assert activated.json()["status"] == "active", activated.text

    def rule_hits() -> dict[str, dict[str, Any]]:
        found = analyst.get("/api/v1/hits").json()["items"]
        return {h["record_locator"]: h for h in found if h["explanation"]["kind"] == "rule"}

    # Tomorrow's bookings already received are screened when the rule comes in force.
    assert set(rule_hits()) == {"LATE01"}

    # A new late cash booking raises a rule hit with its reasons.
    _push(airline, _pnr("0004", "LATE02", booked_hours_before=10, payment="CA"))
    _push(airline, _pnr("0005", "CARD02", booked_hours_before=10, payment="CC"))
    assert set(rule_hits()) == {"LATE01", "LATE02"}
    hit = rule_hits()["LATE02"]
    explanation = hit["explanation"]
    assert explanation["rule"].startswith("Late one-way")
    conditions = {c["condition"]: c for c in explanation["conditions"]["all"]}
    assert conditions["departs_from"]["values"] == {"origin": "BEY"}
    assert conditions["transits"]["values"] == {"transits": ["IST"]}
    assert conditions["booked_before_departure"]["values"] == {"hours": 10.0}
    assert conditions["payment"]["values"] == {"payment_types": ["cash"]}
    assert all(c["satisfied"] for c in conditions.values())

    _push(airline, _pnr("0006", "LATE02", booked_hours_before=10, payment="CA"))  # the airline pushes again
    assert len(rule_hits()) == 2, "a new push updates the rule hit, it does not repeat it"

    hit_id = hit["id"]
    analyst.post(
        f"/api/v1/hits/{hit_id}/review", json={"action": "confirm", "reason": "Facilitator known to CT unit"}
    )
    report = {r["rule_id"]: r for r in analyst.get("/api/v1/rules/report").json()}
    assert (report[rule_id]["hits"], report[rule_id]["confirmed"], report[rule_id]["open"]) == (2, 1, 1)
    assert sum(week["confirmed"] for week in report[rule_id]["by_week"].values()) == 1

    # A revision is a new draft; the active version stays in force until it is replaced.
    revised = analyst.post(f"/api/v1/rules/{rule_id}/versions", json={"text": RULE_YAML.replace("72", "24")})
    assert (revised.json()["version"], revised.json()["status"]) == (2, "draft")
    versions = analyst.get(f"/api/v1/rules/{rule_id}/versions").json()
    assert [(v["version"], v["status"]) for v in versions] == [(1, "active"), (2, "draft")]

    # The data protection officer reads the rules and their history, and cannot write them.
    assert dpo.get("/api/v1/rules").status_code == 200
    assert dpo.post("/api/v1/rules", json={"text": RULE_YAML}).status_code == 403
    with runtime.sessions() as session:
        actions = set(session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "risk_rule")))
        assert {
            "risk_rule_drafted",
            "risk_rule_backtested",
            "risk_rule_approved",
            "risk_rule_activated",
        } <= actions
        assert session.scalar(select(Hit.rule_ref).where(Hit.id == hit_id)) == f"rule:{rule_id}"


def test_a_disguised_protected_word_is_refused_in_a_rule_and_a_list_name(
    runtime: Runtime, world: World
) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    disguised = "Musl\u0456m\u200b travellers"  # a Cyrillic і and a zero-width space
    text = RULE_YAML.replace("Late one-way cash bookings from Beirut through Istanbul", disguised)
    refused = analyst.post("/api/v1/rules", json={"text": text})
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"].startswith("rule.name: 'muslim' (written with invisible")
    listed = analyst.put(
        "/api/v1/rules/lists",
        json={"name": "\uff4a\uff45\uff57\uff49\uff53\uff48 areas", "kind": "airports", "entries": ["TLV"]},
    )
    assert listed.status_code == 422, listed.text
    assert listed.json()["detail"].startswith("name: 'jewish'")
    assert analyst.get("/api/v1/rules").json() == []
    assert analyst.get("/api/v1/rules/lists").json() == []
