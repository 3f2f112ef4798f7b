"""Access control through real HTTP requests: who may see what, and what is on record."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from liaison.domain.codes import Role
from liaison.services.runtime import Runtime
from liaison.store.schema import ApiToken, AuditEvent, RegisterQuery
from tests.api.clients import Actor, csrf_from, fresh_client
from tests.api.world import (
    PASSWORD,
    SECRET_CASE,
    SECRET_DOCUMENT,
    SECRET_NAME,
    SECRET_RULE,
    SHARED_CARD,
    SHARED_DOCUMENT,
    World,
)

# Public on purpose: the schema (no data) and the health probe (no personal data).
PUBLIC_ROUTES = {("GET", "/api/v1/openapi.json"), ("GET", "/healthz")}


def _api_routes(client: TestClient) -> list[tuple[str, str]]:
    schema = client.get("/api/v1/openapi.json").json()
    return [(method.upper(), path) for path, item in schema["paths"].items() for method in item]


def test_every_api_route_requires_authentication(app_client: TestClient) -> None:
    routes = _api_routes(app_client)
    assert len(routes) >= 20
    for method, path in routes:
        if (method, path) in PUBLIC_ROUTES:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = app_client.request(method, url, json={})
        assert response.status_code == 401, (
            f"{method} {path} answered {response.status_code} without credentials"
        )


def test_agency_b_never_receives_agency_a_unshared_data(runtime: Runtime, world: World) -> None:
    """Every GET route, as every role of NL-PIU and its machine client, with A's ids in every path."""
    markers = [
        SECRET_NAME,
        SECRET_DOCUMENT,
        "FR-SECRET-PERSON",
        "FR-SECRET-DOC",
        SHARED_DOCUMENT,
        SECRET_CASE,
        SECRET_RULE,
    ]
    ids = sorted(
        set(world.records.values())
        | set(world.registers.values())
        | set(world.cases.values())
        | set(world.rules.values())
        | {1, 2, 3}
    )
    actors: list[tuple[str, Actor]] = []
    for role in Role:
        client = fresh_client(runtime)
        actors.append((role.value, Actor(client, username=f"{role.value}.nl")))
    actors.append(("machine", Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])))
    routes = [(m, p) for m, p in _api_routes(actors[0][1].client) if m == "GET"]
    checked = 0
    for label, actor in actors:
        for _method, path in routes:
            for value in ids if "{" in path else [None]:
                url = re.sub(r"\{[^}]+\}", str(value), path)
                response = actor.get(url)
                assert response.status_code < 500, f"{url} as {label}: {response.status_code}"
                for marker in markers:
                    assert marker not in response.text, f"{url} as {label} leaked {marker}"
                checked += 1
    assert checked > 100


def test_hit_no_hit_round_trip_with_refusal_and_approval(runtime: Runtime, world: World) -> None:
    asker = Actor(fresh_client(runtime), username="analyst.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    outsider = Actor(fresh_client(runtime), username="analyst.be")
    body = {
        "purpose": "Passenger on KL1234 presented this passport",
        "items": [{"number": SHARED_DOCUMENT.lower(), "issuing_country": "FRA"}, {"number": SECRET_DOCUMENT}],
    }
    answer = asker.post("/api/v1/queries/documents", json=body)
    assert answer.status_code == 200, answer.text
    first, second = answer.json()["answers"]
    assert first["hit"] is True
    assert first["hits"][0]["owner"] == "FR-NCB"
    assert second["hit"] is False, "an unshared record must answer no hit"
    assert "FR-SHARED" not in answer.text, "the owner's reference stays with the owner"
    hit_id = first["hits"][0]["query_hit_id"]
    record_id = world.records["shared_document_h2"]

    notes = owner.get("/api/v1/notifications").json()["items"]
    told = [n for n in notes if n["kind"] == "hit_on_record"]
    assert told
    assert told[0]["payload"]["asked_by_agency"] == "NL-PIU"
    assert told[0]["payload"]["purpose"] == body["purpose"]

    assert asker.get(f"/api/v1/records/{record_id}").status_code == 404
    request = asker.post(
        f"/api/v1/query-hits/{hit_id}/detail-requests", json={"justification": "Arrest on arrival"}
    )
    assert request.status_code == 201, request.text
    request_id = request.json()["id"]
    refused = owner.post(f"/api/v1/detail-requests/{request_id}/refuse", json={"reason": "Ongoing operation"})
    assert refused.json()["status"] == "refused"
    assert asker.get(f"/api/v1/records/{record_id}").status_code == 404

    again = asker.post("/api/v1/queries/documents", json={**body, "items": body["items"][:1]})
    hit_id = again.json()["answers"][0]["hits"][0]["query_hit_id"]
    request_id = asker.post(
        f"/api/v1/query-hits/{hit_id}/detail-requests", json={"justification": "Arrest on arrival"}
    ).json()["id"]
    assert outsider.post(f"/api/v1/detail-requests/{request_id}/approve", json={}).status_code == 403
    approved = owner.post(f"/api/v1/detail-requests/{request_id}/approve", json={"reason": ""})
    assert approved.json()["status"] == "approved"
    released = asker.get(f"/api/v1/records/{record_id}")
    assert released.status_code == 200
    view = released.json()
    assert view["details"]["number"] == SHARED_DOCUMENT
    assert view["released"] is True
    assert view["shared_with"] is None
    assert view["codes"]["handling_marking"].startswith("H2")
    assert outsider.get(f"/api/v1/records/{record_id}").status_code == 404


def _release(asker: Actor, owner: Actor, number: str) -> None:
    answer = asker.post(
        "/api/v1/queries/documents", json={"purpose": "Check at the gate", "items": [{"number": number}]}
    )
    hit_id = answer.json()["answers"][0]["hits"][0]["query_hit_id"]
    request_id = asker.post(
        f"/api/v1/query-hits/{hit_id}/detail-requests", json={"justification": "Needed for the check"}
    ).json()["id"]
    assert owner.post(f"/api/v1/detail-requests/{request_id}/approve", json={}).status_code == 200


def test_h2_cannot_be_passed_on_by_the_receiving_agency(runtime: Runtime, world: World) -> None:
    asker = Actor(fresh_client(runtime), username="liaison_officer.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    third = Actor(fresh_client(runtime), username="analyst.be")
    _release(asker, owner, SHARED_DOCUMENT)
    _release(asker, owner, "SH0000001")
    h2, h0 = world.records["shared_document_h2"], world.records["shared_document_h0"]
    body = {"to_agency": "BE-NCB", "purpose": "Joint investigation team"}
    refused = asker.post(f"/api/v1/records/{h2}/pass-on", json=body)
    assert refused.status_code == 403
    assert "H2" in refused.json()["detail"]
    assert third.get(f"/api/v1/records/{h2}").status_code == 404
    assert asker.post(f"/api/v1/records/{h0}/pass-on", json=body).status_code == 204
    assert third.get(f"/api/v1/records/{h0}").status_code == 200
    kinds = [n["kind"] for n in owner.get("/api/v1/notifications").json()["items"]]
    assert "record_passed_on" in kinds
    assert owner.post(f"/api/v1/records/{h2}/pass-on", json=body).status_code == 204
    with runtime.sessions() as session:
        refusals = session.scalar(
            select(func.count()).where(
                AuditEvent.action == "pass_on_refused", AuditEvent.object_id == str(h2)
            )
        )
    assert refusals == 1, "the refused attempt stays in the audit trail though the call failed"


def test_passing_on_is_a_release_decided_by_those_who_may_decide(runtime: Runtime, world: World) -> None:
    h0 = world.records["shared_document_h0"]
    body = {"to_agency": "BE-NCB", "purpose": "Joint investigation team"}
    analyst = Actor(fresh_client(runtime), username="analyst.fr")
    refused = analyst.post(f"/api/v1/records/{h0}/pass-on", json=body)
    assert refused.status_code == 403, "reading the owner's register is not deciding its releases"
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    to_itself = owner.post(f"/api/v1/records/{h0}/pass-on", json={**body, "to_agency": "FR-NCB"})
    assert to_itself.status_code == 422
    assert "to_agency" in to_itself.json()["detail"]
    invalidated = owner.post(f"/api/v1/records/{h0}/invalidate", json={"reason": "Found to be wrong"})
    assert invalidated.status_code == 200
    gone = owner.post(f"/api/v1/records/{h0}/pass-on", json=body)
    assert gone.status_code == 409
    assert "invalidated" in gone.json()["detail"]


def test_card_queries_match_by_keyed_hash_and_never_store_the_number(runtime: Runtime, world: World) -> None:
    asker = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    answer = asker.post(
        "/api/v1/queries/cards",
        json={"purpose": "Ticket bought with this card", "items": [{"number": SHARED_CARD}]},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["answers"][0]["hit"] is True
    bad = asker.post(
        "/api/v1/queries/cards", json={"purpose": "Ticket check", "items": [{"number": "4111111111111112"}]}
    )
    assert bad.status_code == 422
    assert "items[0].number" in bad.json()["detail"]
    with runtime.sessions() as session:
        terms = session.scalars(select(RegisterQuery.terms)).all()
    assert terms
    assert SHARED_CARD not in str(terms)


def test_purpose_is_required_for_queries(runtime: Runtime, world: World) -> None:
    asker = Actor(fresh_client(runtime), username="field_officer.nl")
    answer = asker.post("/api/v1/queries/documents", json={"purpose": " ", "items": [{"number": "X1"}]})
    assert answer.status_code == 422
    assert "purpose" in answer.json()["detail"]


def test_personal_data_routes_write_audit_events(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    asker = Actor(fresh_client(runtime), username="analyst.nl")
    calls = [
        (owner, "GET", f"/api/v1/registers/{world.registers['persons']}/records", None, "records_listed"),
        (owner, "GET", f"/api/v1/records/{world.records['secret_person']}", None, "record_read"),
        (
            asker,
            "POST",
            "/api/v1/queries/documents",
            {"purpose": "Border check", "items": [{"number": "A1"}]},
            "register_queried",
        ),
        (owner, "GET", "/api/v1/notifications", None, "notifications_read"),
    ]
    for actor, method, url, body, action in calls:
        with runtime.sessions() as session:
            before = session.scalar(select(func.count()).where(AuditEvent.action == action))
        response = actor.get(url) if method == "GET" else actor.post(url, json=body)
        assert response.status_code == 200, response.text
        with runtime.sessions() as session:
            after = session.scalar(select(func.count()).where(AuditEvent.action == action))
        assert after == (before or 0) + 1, f"{url} wrote no {action} event"


def test_audit_trail_is_for_the_dpo_and_cannot_be_changed(runtime: Runtime, world: World) -> None:
    dpo = Actor(fresh_client(runtime), username="dpo.fr")
    analyst = Actor(fresh_client(runtime), username="analyst.fr")
    analyst.get(f"/api/v1/registers/{world.registers['persons']}/records")
    assert analyst.get("/api/v1/audit").status_code == 403
    page = dpo.get("/api/v1/audit", params={"action": "records_listed"})
    assert page.status_code == 200
    assert page.json()["total"] >= 1
    export = dpo.get("/api/v1/audit/export.csv")
    assert export.headers["content-type"].startswith("text/csv")
    assert "records_listed" in export.text
    with pytest.raises(DBAPIError), runtime.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events"))
    with pytest.raises(DBAPIError), runtime.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET action = 'nothing'"))


def test_tokens_are_scoped_revocable_and_stored_hashed(runtime: Runtime, world: World) -> None:
    user = Actor(fresh_client(runtime), username="supervisor.fr")
    created = user.post("/api/v1/tokens", json={"name": "script", "scopes": ["queries"], "days": 30})
    assert created.status_code == 201, created.text
    secret = created.json()["secret"]
    script = Actor(fresh_client(runtime), token=secret)
    assert script.get("/api/v1/me").json()["permissions"] == ["queries"]
    assert script.post("/api/v1/registers", json={"name": "X", "kind": "persons"}).status_code == 403
    assert script.post("/api/v1/tokens", json={"name": "t", "scopes": ["queries"]}).status_code == 403
    too_wide = user.post("/api/v1/tokens", json={"name": "wide", "scopes": ["audit:read"]})
    assert too_wide.status_code == 403
    with runtime.sessions() as session:
        stored = session.scalars(select(ApiToken.token_hash)).all()
    assert secret not in stored
    token_id = created.json()["token"]["id"]
    assert user.client.delete(f"/api/v1/tokens/{token_id}", headers=user.headers).status_code == 204
    assert script.get("/api/v1/me").status_code == 401


def test_cookie_sessions_need_the_csrf_header_for_changes(runtime: Runtime, world: World) -> None:
    user = Actor(fresh_client(runtime), username="supervisor.fr")
    user.headers.pop("X-CSRF-Token")
    refused = user.post("/api/v1/registers", json={"name": "Another", "kind": "persons"})
    assert refused.status_code == 403


def test_login_is_rate_limited(runtime: Runtime, world: World) -> None:
    client = fresh_client(runtime)
    for _ in range(3):  # then each try from this address waits longer (tests/api/test_throttle.py)
        csrf = csrf_from(client.get("/login").text)
        assert (
            client.post(
                "/login", data={"username": "analyst.fr", "password": "wrong", "csrf": csrf}
            ).status_code
            == 401
        )
    csrf = csrf_from(client.get("/login").text)
    blocked = client.post("/login", data={"username": "analyst.fr", "password": PASSWORD, "csrf": csrf})
    assert blocked.status_code == 429


def test_owner_manages_records_and_sharing(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    other = Actor(fresh_client(runtime), username="liaison_officer.nl")
    record_id = world.records["secret_person"]
    changed = owner.client.patch(
        f"/api/v1/records/{record_id}",
        headers=owner.headers,
        json={
            "shared_with": ["NL-PIU", "be-ncb"],
            "codes": {"handling_code": "H3", "handling_restriction": "Inform owner first"},
        },
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["shared_with"] == ["BE-NCB", "NL-PIU"]
    assert changed.json()["codes"]["handling_marking"] == "H3: Inform owner first"
    bad = owner.client.patch(
        f"/api/v1/records/{record_id}", headers=owner.headers, json={"codes": {"handling_code": "H3"}}
    )
    assert bad.status_code == 422
    assert "handling_restriction" in bad.text
    listing = owner.get(
        f"/api/v1/registers/{world.registers['documents']}/records", params={"sort": "-reference", "limit": 2}
    )
    page = listing.json()
    assert page["total"] == 3
    assert [r["reference"] for r in page["items"]] == ["FR-SHARED_DOCUMENT_H2", "FR-SHARED_DOCUMENT_H0"]
    assert (
        owner.get(
            f"/api/v1/registers/{world.registers['documents']}/records", params={"sort": "nope"}
        ).status_code
        == 422
    )
    assert other.get(f"/api/v1/registers/{world.registers['documents']}/records").status_code == 404
    gone = owner.post(f"/api/v1/records/{record_id}/invalidate", json={"reason": "Arrested"})
    assert gone.json()["status"] == "invalidated"


def test_person_hit_no_hit_across_scripts_and_sharing(runtime: Runtime, world: World) -> None:
    asker = Actor(fresh_client(runtime), username="field_officer.nl")
    owner = Actor(fresh_client(runtime), username="analyst.fr")
    body = {
        "purpose": "Passenger boarding at AMS",
        "items": [
            {"name": "MAGHOMED ABDURAKHMANOV", "birth_date": "1985-03-12", "nationality": "RUS"},
            {"name": SECRET_NAME, "birth_date": "1979-04-02"},
            {"name": "Jan de Vries", "birth_date": "1990-01-01"},
        ],
    }
    answer = asker.post("/api/v1/queries/persons", json=body)
    assert answer.status_code == 200, answer.text
    shared, unshared, stranger = answer.json()["answers"]
    assert shared["hit"] is True
    assert shared["hits"][0]["owner"] == "FR-NCB"
    assert "score" not in shared["hits"][0], "hit or no hit: no graded score (tests/api/test_disclosure.py)"
    assert unshared["hit"] is False, "a record not shared with the agency must answer no hit"
    assert stranger["hit"] is False
    assert "Абдурахманов" not in answer.text
    own = owner.post("/api/v1/queries/persons", json={**body, "items": [body["items"][1]]})
    assert own.json()["answers"][0]["hit"] is True, "the owner finds its own unshared record"
    notes = (
        Actor(fresh_client(runtime), username="liaison_officer.fr")
        .get("/api/v1/notifications")
        .json()["items"]
    )
    assert any(n["payload"].get("asked_by_agency") == "NL-PIU" for n in notes)


def test_person_index_follows_register_changes(runtime: Runtime, world: World) -> None:
    asker = Actor(fresh_client(runtime), username="analyst.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    body = {
        "purpose": "Check at the gate",
        "items": [{"name": "Abdurakhmanov Magomed", "birth_date": "1985"}],
    }
    assert asker.post("/api/v1/queries/persons", json=body).json()["answers"][0]["hit"] is True
    record_id = world.records["shared_person"]
    assert (
        owner.post(f"/api/v1/records/{record_id}/invalidate", json={"reason": "Arrested"}).status_code == 200
    )
    assert asker.post("/api/v1/queries/persons", json=body).json()["answers"][0]["hit"] is False


def test_reading_detail_requests_is_audited(runtime: Runtime, world: World) -> None:
    asker = Actor(fresh_client(runtime), username="liaison_officer.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    _release(asker, owner, SHARED_DOCUMENT)
    listed = owner.get("/api/v1/detail-requests", params={"direction": "incoming"})
    assert listed.status_code == 200
    (request,) = listed.json()["items"]
    with runtime.sessions() as session:
        details = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "detail_requests_read")
        ).all()
    assert {"direction": "incoming", "ids": [request["id"]]} in details, "the justifications were read"
