"""The risk rules pages over real HTTP, on SQLite and PostgreSQL: who may read and
change them, the editor's refusals, the four-eyes approval, and a rule hit
explained on the hit page."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from liaison.domain.codes import RuleStatus
from liaison.services.runtime import Runtime
from liaison.store import schema
from liaison.store.types import utcnow
from tests.api.clients import Actor, csrf_from, fresh_client
from tests.api.world import SECRET_RULE, World

PAGE = {"Accept": "text/html"}

# Matches the booking of tests.web.data: KL1234 from Istanbul today, one way.
RULE = """name: One-way trips from Istanbul
description: Couriers fly one way out of Istanbul.
when:
  all:
    - departs_from: {airports: [IST]}
    - one_way: true
"""


def _post(actor: Actor, path: str, form: dict[str, str]) -> Any:
    token = csrf_from(actor.get("/rules", headers=PAGE).text)
    return actor.post(path, data={**form, "csrf": token}, headers=PAGE)


def _draft(actor: Actor, text: str = RULE) -> int:
    answer = _post(actor, "/rules", {"text": text})
    assert answer.status_code == 303, answer.text
    found = re.match(r"/rules/(\d+)#version-1$", answer.headers["location"])
    assert found is not None
    return int(found.group(1))


def _backtest(actor: Actor, rule_id: int, version: int = 1) -> None:
    today = utcnow().date()
    answer = _post(
        actor,
        f"/rules/{rule_id}/versions/{version}/backtest",
        {"start": (today - timedelta(days=2)).isoformat(), "end": today.isoformat()},
    )
    assert answer.status_code == 303, answer.text


def _status(runtime: Runtime, rule_id: int, version: int = 1) -> RuleStatus:
    with runtime.sessions() as session:
        found = session.scalar(
            select(schema.RiskRuleVersion.status).where(
                schema.RiskRuleVersion.rule_id == rule_id, schema.RiskRuleVersion.version == version
            )
        )
    assert found is not None
    return found


@pytest.mark.parametrize(
    "path",
    [
        "/rules",
        "/rules/new",
        "/rules/lists",
        "/rules/report",
        "/rules/requests",
        "/rules/1",
        "/rules/1/revise",
    ],
)
def test_nobody_signed_in_is_sent_to_the_login_page(app_client: TestClient, path: str) -> None:
    answer = app_client.get(path, headers=PAGE)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/login?next={path}"


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("field_officer.nl", "/rules"),
        ("liaison_officer.nl", "/rules"),
        ("admin.nl", "/rules/lists"),
        ("field_officer.nl", "/rules/report"),
        ("field_officer.nl", "/rules/requests"),
        ("dpo.nl", "/rules/new"),
        ("liaison_officer.fr", "/rules/lists"),
    ],
)
def test_roles_without_the_right_get_403(runtime: Runtime, world: World, username: str, path: str) -> None:
    answer = Actor(fresh_client(runtime), username=username).get(path, headers=PAGE)
    assert answer.status_code == 403
    assert "text/html" in answer.headers["content-type"]


def test_another_agency_never_sees_a_rule_or_its_lists(runtime: Runtime, world: World) -> None:
    fr_rule = world.rules["fr"]
    owner = Actor(fresh_client(runtime), username="analyst.fr")
    assert SECRET_RULE in owner.get("/rules", headers=PAGE).text
    assert SECRET_RULE in owner.get(f"/rules/{fr_rule}", headers=PAGE).text
    assert f"{SECRET_RULE} airports" in owner.get("/rules/lists", headers=PAGE).text
    for username in ("analyst.nl", "supervisor.be", "dpo.nl"):
        other = Actor(fresh_client(runtime), username=username)
        for path in ("/rules", "/rules/lists", "/rules/report", "/"):
            page = other.get(path, headers=PAGE)
            assert page.status_code == 200, (username, path)
            assert SECRET_RULE not in page.text, (username, path)
        assert other.get(f"/rules/{fr_rule}", headers=PAGE).status_code == 404
    outsider = Actor(fresh_client(runtime), username="supervisor.nl")
    assert outsider.get(f"/rules/{fr_rule}/revise", headers=PAGE).status_code == 404
    for action in ("approve", "retire", "activate"):
        refused = _post(outsider, f"/rules/{fr_rule}/versions/1/{action}", {})
        assert refused.status_code == 404, action
    assert _post(outsider, f"/rules/{fr_rule}/versions", {"text": RULE}).status_code == 404
    assert _status(runtime, fr_rule) is RuleStatus.DRAFT


def test_the_editor_names_the_path_at_fault_and_the_reason_of_a_refusal(
    runtime: Runtime, world: World
) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    editor = analyst.get("/rules/new", headers=PAGE)
    assert editor.status_code == 200
    assert 'for="rule-text"' in editor.text
    forged = analyst.post("/rules", data={"text": RULE, "csrf": "forged"}, headers=PAGE)
    assert forged.status_code == 403

    wrong_airport = _post(analyst, "/rules", {"text": RULE.replace("[IST]", "[XQZ]")})
    assert wrong_airport.status_code == 422
    text = wrong_airport.text
    assert 'id="rule-error"' in text
    assert "rule.when.all[0].departs_from.airports[0]" in text
    assert "XQZ" in text, "what was typed stays in the field"
    assert 'aria-describedby="rule-error"' in text

    sensitive = _post(analyst, "/rules", {"text": RULE.replace("one_way: true", "meal: {codes: [MOML]}")})
    assert sensitive.status_code == 422
    assert "rule.when.all[1].meal" in sensitive.text
    assert "religion" in sensitive.text

    broken = _post(analyst, "/rules", {"text": "name: [unclosed"})
    assert broken.status_code == 422
    assert "text:" in broken.text
    with runtime.sessions() as session:
        assert (
            session.scalar(
                select(schema.RiskRuleVersion.id).where(schema.RiskRuleVersion.name.like("One-way%"))
            )
            is None
        )

    rule_id = _draft(analyst)
    page = analyst.get(f"/rules/{rule_id}", headers=PAGE)
    assert page.status_code == 200
    assert "the journey starts at IST" in page.text, "conditions in plain words"
    assert "Not back-tested yet" in page.text
    assert 'id="approve-1"' not in page.text, "only approvers see the decisions"
    revised = _post(analyst, f"/rules/{rule_id}/versions", {"text": RULE.replace("IST", "SAW")})
    assert revised.headers["location"] == f"/rules/{rule_id}#version-2"
    both = analyst.get(f"/rules/{rule_id}", headers=PAGE).text
    assert "Version 2" in both
    assert "Version 1" in both
    assert "the journey starts at SAW" in both


def test_approval_needs_a_back_test_and_a_supervisor_who_is_not_the_author(
    runtime: Runtime, pushed: dict[str, int]
) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    supervisor = Actor(fresh_client(runtime), username="supervisor.nl")
    rule_id = _draft(analyst)

    refused = _post(analyst, f"/rules/{rule_id}/versions/1/approve", {})
    assert refused.status_code == 403, "an analyst may not approve"
    untested = _post(supervisor, f"/rules/{rule_id}/versions/1/approve", {})
    assert untested.status_code == 409
    assert "back-test this version first" in untested.text

    board = supervisor.get("/", headers=PAGE).text
    assert f'href="/rules/{rule_id}#version-1">One-way trips from Istanbul</a>' in board
    assert "to back-test" in board
    assert 'id="rule-decisions"' not in analyst.get("/", headers=PAGE).text, "only for approvers"
    _backtest(analyst, rule_id)
    page = supervisor.get(f"/rules/{rule_id}", headers=PAGE).text
    assert "backtest-figures" in page
    assert "KL1234 IST-AMS" in page, "the flights it would have selected"

    # The supervisor's own draft: the page says so, and the approval is refused with the reason.
    own = _draft(supervisor, RULE.replace("One-way", "Own one-way"))
    _backtest(supervisor, own)
    assert 'id="own-draft-1"' in supervisor.get(f"/rules/{own}", headers=PAGE).text
    self_approved = _post(supervisor, f"/rules/{own}/versions/1/approve", {})
    assert self_approved.status_code == 403
    assert "the author of a rule may not approve it" in self_approved.text
    assert 'id="action-error"' in self_approved.text
    assert _status(runtime, own) is RuleStatus.DRAFT

    approved = _post(supervisor, f"/rules/{rule_id}/versions/1/approve", {})
    assert approved.status_code == 303
    assert _status(runtime, rule_id) is RuleStatus.APPROVED
    bad_scope = _post(supervisor, f"/rules/{rule_id}/versions/1/activate", {"airports": "XQZ"})
    assert bad_scope.status_code == 422
    assert "scope.airports[0]" in bad_scope.text
    assert _post(analyst, f"/rules/{rule_id}/versions/1/activate", {}).status_code == 403
    activated = _post(supervisor, f"/rules/{rule_id}/versions/1/activate", {"airports": "ist ams"})
    assert activated.status_code == 303
    assert _status(runtime, rule_id) is RuleStatus.ACTIVE
    trail = analyst.get(f"/rules/{rule_id}", headers=PAGE).text
    assert "Approved by supervisor.nl" in trail
    assert "Put in force by supervisor.nl" in trail
    assert "AMS, IST" in trail

    # The bookings already received were screened at once: a rule hit, explained.
    with runtime.sessions() as session:
        hit_id = session.scalar(
            select(schema.Hit.id).where(schema.Hit.rule_ref == f"rule:{rule_id}").order_by(schema.Hit.id)
        )
    assert hit_id is not None
    hit = analyst.get(f"/hits/{hit_id}", headers=PAGE).text
    assert 'id="rule-explanation"' in hit
    assert "the journey starts at IST" in hit
    assert "<code>origin</code> = IST" in hit, "the booking value it looked at"
    assert hit.count('class="met"') == 2
    assert "Why does this traveller call for action?" in hit
    assert f'href="/rules/{rule_id}#version-1"' in hit

    report = analyst.get("/rules/report", headers=PAGE).text
    assert re.search(
        rf'data-rule="{rule_id}"><td><a[^>]*>One-way trips from Istanbul</a></td><td class="num">[1-9]',
        report,
    )

    revised = _post(analyst, f"/rules/{rule_id}/versions", {"text": RULE.replace("IST", "SAW")})
    assert revised.status_code == 303
    listing = analyst.get("/rules", headers=PAGE).text
    assert "version 1 in force" in listing, "the draft on top does not hide the version in force"

    retired = _post(supervisor, f"/rules/{rule_id}/versions/1/retire", {})
    assert retired.status_code == 303
    assert _status(runtime, rule_id) is RuleStatus.RETIRED

    # In French, the hit tells the same conditions in French (the stored explanation stays English).
    analyst.post("/account/locale", data={"locale": "fr", "csrf": csrf_from(analyst.get("/").text)})
    hit = analyst.get(f"/hits/{hit_id}", headers=PAGE).text
    assert "le voyage commence à IST" in hit
    assert "départ de" in hit
    assert "the journey starts at IST" not in hit
    assert "<code>origin</code> = IST" in hit


def test_named_lists_are_read_by_all_who_read_rules_and_changed_by_writers(
    runtime: Runtime, world: World
) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    saved = _post(
        analyst,
        "/rules/lists",
        {"name": "departure points of concern", "kind": "airports", "entries": "bey, dam\nIST"},
    )
    assert saved.status_code == 303
    page = analyst.get("/rules/lists", headers=PAGE).text
    assert "BEY DAM IST" in page
    refused = _post(analyst, "/rules/lists", {"name": "bad", "kind": "airports", "entries": "BEY QQQ"})
    assert refused.status_code == 422
    assert "entries[1]" in refused.text
    sensitive = _post(
        analyst, "/rules/lists", {"name": "muslim countries", "kind": "countries", "entries": "FR"}
    )
    assert sensitive.status_code == 422
    dpo = Actor(fresh_client(runtime), username="dpo.nl")
    read_only = dpo.get("/rules/lists", headers=PAGE)
    assert read_only.status_code == 200
    assert "BEY, DAM, IST" in read_only.text
    assert 'id="new-list"' not in read_only.text
    assert _post(dpo, "/rules/lists", {"name": "x", "kind": "airports", "entries": "BEY"}).status_code == 403
    rule_id = _draft(analyst, RULE.replace("{airports: [IST]}", "{lists: [departure points of concern]}"))
    assert "BEY, DAM, IST" in analyst.get(f"/rules/{rule_id}", headers=PAGE).text, (
        "the copy kept with the version"
    )


def test_the_rules_pages_in_french(runtime: Runtime, world: World) -> None:
    supervisor = Actor(fresh_client(runtime), username="supervisor.fr")
    token = csrf_from(supervisor.get("/").text)
    supervisor.post("/account/locale", data={"locale": "fr", "csrf": token})
    listing = supervisor.get("/rules", headers=PAGE).text
    assert "Règles de risque" in listing
    page = supervisor.get(f"/rules/{world.rules['fr']}", headers=PAGE).text
    assert "Brouillon" in page
    assert "transit par" in page
    assert "le voyage comporte une correspondance à" in page
    assert "la réservation est un aller simple" in page
    assert "Pas encore testée" in page


def test_another_agencys_rule_is_accepted_on_its_page_before_it_runs_there(
    runtime: Runtime, pushed: dict[str, int]
) -> None:
    """FR's rule scoped to NL-PIU: NL's queue unchanged until NL's supervisor
    accepts it on the requests page; the owner's page says what it awaits."""
    fr_analyst = Actor(fresh_client(runtime), username="analyst.fr")
    fr_supervisor = Actor(fresh_client(runtime), username="supervisor.fr")
    nl_analyst = Actor(fresh_client(runtime), username="analyst.nl")
    nl_supervisor = Actor(fresh_client(runtime), username="supervisor.nl")
    rule_id = _draft(fr_analyst)
    _backtest(fr_analyst, rule_id)
    assert _post(fr_supervisor, f"/rules/{rule_id}/versions/1/approve", {}).status_code == 303
    activated = _post(fr_supervisor, f"/rules/{rule_id}/versions/1/activate", {"agencies": "nl-piu"})
    assert activated.status_code == 303

    def nl_rule_hits() -> list[int]:
        with runtime.sessions() as session:
            return list(
                session.scalars(select(schema.Hit.id).where(schema.Hit.rule_ref == f"rule:{rule_id}"))
            )

    assert nl_rule_hits() == [], "KL1234 from Istanbul is NL's: the rule does not run on it yet"
    owner_page = fr_analyst.get(f"/rules/{rule_id}", headers=PAGE).text
    assert "Awaiting acceptance by NL-PIU" in owner_page
    assert "Awaiting acceptance by NL-PIU" in fr_analyst.get("/rules", headers=PAGE).text

    board = nl_supervisor.get("/", headers=PAGE).text
    assert f'href="/rules/requests#request-{rule_id}-1">One-way trips from Istanbul</a>' in board
    page = nl_analyst.get("/rules/requests", headers=PAGE)
    assert page.status_code == 200
    assert f'id="request-{rule_id}-1"' in page.text
    assert "the journey starts at IST" in page.text, "the conditions in plain words"
    assert "backtest-figures" not in page.text, "the owner's figures stay the owner's"
    assert 'name="decision"' not in page.text, "an analyst reads, a supervisor decides"
    path = f"/rules/requests/{rule_id}/versions/1"
    assert _post(nl_analyst, path, {"decision": "accept", "reason": "x"}).status_code == 403
    no_reason = _post(nl_supervisor, path, {"decision": "accept", "reason": ""})
    assert no_reason.status_code == 422
    assert 'id="decision-error"' in no_reason.text
    assert "reason:" in no_reason.text
    assert nl_rule_hits() == []
    assert 'value="accept"' in nl_supervisor.get("/rules/requests", headers=PAGE).text

    accepted = _post(nl_supervisor, path, {"decision": "accept", "reason": "Agreed with FR"})
    assert accepted.status_code == 303
    assert accepted.headers["location"] == f"/rules/requests#request-{rule_id}-1"
    assert nl_rule_hits(), "NL's booking already received is screened at once"
    with runtime.sessions() as session:
        owners = set(
            session.scalars(select(schema.Hit.agency_id).where(schema.Hit.rule_ref == f"rule:{rule_id}"))
        )
        nl = session.scalar(select(schema.Agency.id).where(schema.Agency.code == "NL-PIU"))
    assert owners == {nl}, "the hit is NL's"
    assert "Accepted by NL-PIU" in fr_analyst.get(f"/rules/{rule_id}", headers=PAGE).text
    assert "Agreed with FR" in fr_analyst.get(f"/rules/{rule_id}", headers=PAGE).text
    report = fr_analyst.get("/rules/report", headers=PAGE).text
    assert re.search(
        rf'data-rule="{rule_id}"><td><a[^>]*>One-way trips from Istanbul</a></td><td class="num">0<', report
    ), "FR's figures count FR's hits only"
    withdrawn = _post(nl_supervisor, path, {"decision": "withdraw", "reason": "Ended"})
    assert withdrawn.status_code == 303
    assert "Acceptance withdrawn by NL-PIU" in nl_supervisor.get("/rules/requests", headers=PAGE).text
