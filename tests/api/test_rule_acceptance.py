"""A risk rule runs on another agency's passengers only once that agency's
supervisor accepts it; each agency's hits and figures stay its own."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from liaison.services.runtime import Runtime
from liaison.store.schema import Agency, AuditEvent
from liaison.store.types import utcnow
from tests.api.clients import Actor, fresh_client
from tests.api.test_rules import _pnr, _push
from tests.api.world import World

RULE = """
name: Late one-way cash bookings from Beirut
description: Facilitators book late, one way, and pay cash.
when:
  all:
    - departs_from: {airports: [BEY]}
    - one_way: true
    - booked_before_departure: {max_hours: 72}
    - payment: {types: [cash]}
"""


def _rule_hits(actor: Actor) -> set[str]:
    found = actor.get("/api/v1/hits").json()["items"]
    return {h["record_locator"] for h in found if h["explanation"]["kind"] == "rule"}


def _report(actor: Actor, rule_id: int) -> dict[str, Any]:
    report: dict[int, dict[str, Any]] = {r["rule_id"]: r for r in actor.get("/api/v1/rules/report").json()}
    return report[rule_id]


def _in_force(author: Actor, approver: Actor, rule_id: int, version: int, agencies: list[str]) -> None:
    now = utcnow()
    period = {"start": (now - timedelta(days=1)).isoformat(), "end": (now + timedelta(hours=1)).isoformat()}
    assert author.post(f"/api/v1/rules/{rule_id}/versions/{version}/backtest", json=period).status_code == 200
    assert approver.post(f"/api/v1/rules/{rule_id}/versions/{version}/approve").status_code == 200
    activated = approver.post(
        f"/api/v1/rules/{rule_id}/versions/{version}/activate", json={"scope": {"agencies": agencies}}
    )
    assert activated.status_code == 200, activated.text


def test_a_rule_runs_on_another_agencys_passengers_only_once_it_accepts(
    runtime: Runtime, world: World
) -> None:
    fr_analyst = Actor(fresh_client(runtime), username="analyst.fr")
    fr_supervisor = Actor(fresh_client(runtime), username="supervisor.fr")
    nl_analyst = Actor(fresh_client(runtime), username="analyst.nl")
    nl_supervisor = Actor(fresh_client(runtime), username="supervisor.nl")
    be_supervisor = Actor(fresh_client(runtime), username="supervisor.be")
    nl_airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    fr_airline = Actor(fresh_client(runtime), token=world.machine_tokens["FR-NCB"])

    _push(fr_airline, _pnr("0001", "FRLATE", booked_hours_before=20, payment="CA"))
    _push(nl_airline, _pnr("0001", "NLATE1", booked_hours_before=20, payment="CA"))
    nl_queue = nl_analyst.get("/api/v1/hits").json()["items"]

    rule_id = fr_analyst.post("/api/v1/rules", json={"text": RULE}).json()["rule_id"]
    _in_force(fr_analyst, fr_supervisor, rule_id, 1, ["NL-PIU", "BE-NCB", "FR-NCB"])

    # In force for FR at once; NL and BE are only asked.
    assert _rule_hits(fr_analyst) == {"FRLATE"}
    assert nl_analyst.get("/api/v1/hits").json()["items"] == nl_queue, "NL's queue is unchanged"
    version = fr_analyst.get(f"/api/v1/rules/{rule_id}/versions/1").json()
    assert [(a["agency"], a["status"]) for a in version["acceptances"]] == [
        ("BE-NCB", "pending"),
        ("NL-PIU", "pending"),
    ]
    _push(nl_airline, _pnr("0002", "NLATE2", booked_hours_before=10, payment="CA"))
    assert _rule_hits(nl_analyst) == set(), "a pending rule does not run on NL's passengers"
    assert _report(fr_analyst, rule_id)["hits"] == 1

    # NL reads the request: the rule, not the owner's back-test figures.
    asked = nl_analyst.get("/api/v1/rules/requests").json()
    assert [(r["rule_id"], r["version"], r["owner"], r["status"]) for r in asked] == [
        (rule_id, 1, "FR-NCB", "pending")
    ]
    assert asked[0]["name"] == "Late one-way cash bookings from Beirut"
    assert "backtest" not in asked[0]
    assert Actor(fresh_client(runtime), username="analyst.fr").get("/api/v1/rules/requests").json() == []

    accept = f"/api/v1/rules/requests/{rule_id}/versions/1/accept"
    assert nl_analyst.post(accept, json={"reason": "ok"}).status_code == 403, "a supervisor decides"
    assert nl_supervisor.post(accept, json={"reason": " "}).status_code == 422
    assert fr_supervisor.post(accept, json={"reason": "mine"}).status_code == 404, "the owner is not asked"
    assert (
        nl_supervisor.post(
            f"/api/v1/rules/requests/{rule_id}/versions/2/accept", json={"reason": "x"}
        ).status_code
        == 404
    )
    assert _rule_hits(nl_analyst) == set()

    accepted = nl_supervisor.post(accept, json={"reason": "Agreed in the bilateral PIU arrangement"})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    # NL's passengers already received are screened, as activation does for the owner's.
    assert _rule_hits(nl_analyst) == {"NLATE1", "NLATE2"}
    _push(nl_airline, _pnr("0003", "NLATE3", booked_hours_before=10, payment="CA"))
    assert _rule_hits(nl_analyst) == {"NLATE1", "NLATE2", "NLATE3"}
    # The hits are NL's: FR's queue and FR's figures count only FR's passengers.
    assert _rule_hits(fr_analyst) == {"FRLATE"}
    effect = _report(fr_analyst, rule_id)
    assert (effect["hits"], effect["open"]) == (1, 1)
    assert sum(week["hits"] for week in effect["by_week"].values()) == 1
    assert nl_supervisor.post(accept, json={"reason": "again"}).status_code == 409

    # BE declines; it cannot withdraw what it never accepted.
    declined = be_supervisor.post(
        f"/api/v1/rules/requests/{rule_id}/versions/1/decline", json={"reason": "Not our priority"}
    )
    assert declined.json()["status"] == "declined", declined.text
    refused = be_supervisor.post(
        f"/api/v1/rules/requests/{rule_id}/versions/1/withdraw", json={"reason": "x"}
    )
    assert refused.status_code == 409
    version = fr_analyst.get(f"/api/v1/rules/{rule_id}/versions/1").json()
    assert [(a["agency"], a["status"], a["reason"]) for a in version["acceptances"]] == [
        ("BE-NCB", "declined", "Not our priority"),
        ("NL-PIU", "accepted", "Agreed in the bilateral PIU arrangement"),
    ]

    # A new version asks again: until NL accepts it, it does not run there.
    revised = fr_analyst.post(f"/api/v1/rules/{rule_id}/versions", json={"text": RULE.replace("72", "48")})
    assert revised.json()["version"] == 2
    _in_force(fr_analyst, fr_supervisor, rule_id, 2, ["NL-PIU"])
    _push(nl_airline, _pnr("0004", "NLATE4", booked_hours_before=10, payment="CA"))
    assert "NLATE4" not in _rule_hits(nl_analyst)
    pending = nl_analyst.get("/api/v1/rules/requests", params={"status": "pending"}).json()
    assert [(r["rule_id"], r["version"]) for r in pending] == [(rule_id, 2)]
    second = f"/api/v1/rules/requests/{rule_id}/versions/2"
    assert nl_supervisor.post(f"{second}/accept", json={"reason": "Still agreed"}).status_code == 200
    assert "NLATE4" in _rule_hits(nl_analyst)

    # Withdrawn: it stops at once; the hits already raised stay in NL's queue.
    withdrawn = nl_supervisor.post(f"{second}/withdraw", json={"reason": "Arrangement ended"})
    assert withdrawn.json()["status"] == "withdrawn", withdrawn.text
    _push(nl_airline, _pnr("0005", "NLATE5", booked_hours_before=10, payment="CA"))
    assert _rule_hits(nl_analyst) == {"NLATE1", "NLATE2", "NLATE3", "NLATE4"}
    assert _report(fr_analyst, rule_id)["hits"] == 1

    with runtime.sessions() as session:
        nl = session.scalar(select(Agency.id).where(Agency.code == "NL-PIU"))
        actions = list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.agency_id == nl, AuditEvent.object_type == "risk_rule")
                .order_by(AuditEvent.id)
            )
        )
    assert actions == ["risk_rule_accepted", "risk_rule_accepted", "risk_rule_acceptance_withdrawn"]


def test_a_request_is_never_shown_to_an_agency_it_does_not_name(runtime: Runtime, world: World) -> None:
    fr_rule = world.rules["fr"]  # a FR draft: it asks nobody
    for username in ("supervisor.nl", "analyst.be", "dpo.nl"):
        other = Actor(fresh_client(runtime), username=username)
        assert other.get("/api/v1/rules/requests").json() == []
        assert other.get(f"/api/v1/rules/requests/{fr_rule}/versions/1").status_code == 404
    nl = Actor(fresh_client(runtime), username="supervisor.nl")
    answer = nl.post(f"/api/v1/rules/requests/{fr_rule}/versions/1/accept", json={"reason": "x"})
    assert answer.status_code == 404
