"""Who may open which page: over real HTTP (FastAPI's TestClient), on SQLite and PostgreSQL.

Agency B never sees agency A's unshared hits or messages; a role without the
right gets 403; nobody signed in is sent to the login page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from liaison.services.runtime import Runtime
from liaison.store import schema
from tests.api.clients import Actor, csrf_from, fresh_client
from tests.api.world import SECRET_CASE, SECRET_NAME, World
from tests.web.data import secret_message

PAGE = {"Accept": "text/html"}


@pytest.mark.parametrize(
    "path", ["/", "/hits", "/hits/1", "/inbox", "/cases", "/cases/1", "/messages/1", "/audit"]
)
def test_nobody_signed_in_is_sent_to_the_login_page(app_client: TestClient, path: str) -> None:
    answer = app_client.get(path, headers=PAGE)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/login?next={path}"


def test_the_login_page_comes_back_to_the_filtered_queue(app_client: TestClient) -> None:
    answer = app_client.get("/hits?status=all&min_score=0.5", headers=PAGE)
    assert answer.headers["location"] == "/login?next=/hits%3Fstatus%3Dall%26min_score%3D0.5"


def test_an_analyst_sees_the_hits_of_their_agency(runtime: Runtime, pushed: dict[str, int]) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    queue = analyst.get("/hits", headers=PAGE)
    assert queue.status_code == 200
    assert "ABDURAKHMANOV" in queue.text
    assert "JANSEN" in queue.text
    assert "KL1234" in queue.text
    page = analyst.get(f"/hits/{pushed['person']}", headers=PAGE)
    assert page.status_code == 200
    assert 'id="aligned-names"' not in page.text, "how the owner's record compares stays with the owner"
    assert 'id="what-to-do"' in page.text
    assert "MAGHOMED" in page.text
    assert "Абдурахманов" not in page.text, "the owner's spelling stays with the owner"
    assert "withheld by the owner" in page.text
    with runtime.sessions() as session:
        reads = session.scalars(
            select(schema.AuditEvent.object_id).where(schema.AuditEvent.action == "hit_read")
        ).all()
    assert str(pushed["person"]) in reads, "opening a hit is audited"


def test_another_agency_never_sees_those_hits(runtime: Runtime, pushed: dict[str, int]) -> None:
    other = Actor(fresh_client(runtime), username="analyst.be")
    queue = other.get("/hits?status=all", headers=PAGE)
    assert queue.status_code == 200
    assert "ABDURAKHMANOV" not in queue.text
    for hit_id in pushed.values():
        assert other.get(f"/hits/{hit_id}", headers=PAGE).status_code == 404
        refused = other.post(
            f"/hits/{hit_id}/review",
            data={"action": "dismiss", "reason": "not ours", "csrf": csrf_from(other.get("/").text)},
        )
        assert refused.status_code == 404
    assert "ABDURAKHMANOV" not in other.get("/", headers=PAGE).text


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("field_officer.nl", "/hits"),
        ("dpo.nl", "/hits"),
        ("liaison_officer.nl", "/hits"),
        ("admin.nl", "/inbox"),
        ("dpo.nl", "/cases"),
        ("analyst.nl", "/audit"),
        ("field_officer.nl", "/audit"),
    ],
)
def test_roles_without_the_right_get_403(runtime: Runtime, world: World, username: str, path: str) -> None:
    answer = Actor(fresh_client(runtime), username=username).get(path, headers=PAGE)
    assert answer.status_code == 403
    assert "text/html" in answer.headers["content-type"]


def test_a_field_officer_reads_exchange_but_cannot_write(runtime: Runtime, world: World) -> None:
    officer = Actor(fresh_client(runtime), username="field_officer.fr")
    assert officer.get("/inbox", headers=PAGE).status_code == 200
    case = officer.get(f"/cases/{world.cases['fr_be']}", headers=PAGE)
    assert case.status_code == 200
    assert 'id="compose"' not in case.text
    refused = officer.post(
        f"/cases/{world.cases['fr_be']}/messages",
        data={"body": "hello", "csrf": csrf_from(officer.get("/").text)},
    )
    assert refused.status_code == 403


def test_messages_of_a_case_stay_with_its_agencies(runtime: Runtime, world: World) -> None:
    secret = secret_message(runtime)
    outsider = Actor(fresh_client(runtime), username="liaison_officer.nl")
    assert outsider.get(f"/cases/{world.cases['fr_be']}", headers=PAGE).status_code == 404
    assert outsider.get(f"/messages/{secret}", headers=PAGE).status_code == 404
    for path in ("/inbox", "/cases", "/"):
        text = outsider.get(path, headers=PAGE).text
        assert SECRET_CASE not in text, path
        assert SECRET_NAME not in text, path
    insider = Actor(fresh_client(runtime), username="liaison_officer.be")
    inbox = insider.get("/inbox", headers=PAGE)
    assert f"/messages/{secret}" in inbox.text
    assert SECRET_NAME in insider.get(f"/messages/{secret}", headers=PAGE).text


def test_the_data_protection_officer_reads_the_audit_trail(runtime: Runtime, pushed: dict[str, int]) -> None:
    Actor(fresh_client(runtime), username="analyst.nl").get(f"/hits/{pushed['person']}", headers=PAGE)
    dpo = Actor(fresh_client(runtime), username="dpo.nl")
    trail = dpo.get("/audit?action=hit_read", headers=PAGE)
    assert trail.status_code == 200
    assert f"hit {pushed['person']}" in trail.text
    assert "analyst.nl" in trail.text
    assert "dpo.fr" not in dpo.get("/audit", headers=PAGE).text


def test_pages_follow_the_language_each_user_chose(runtime: Runtime, pushed: dict[str, int]) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    chosen = analyst.post(
        "/account/locale", data={"locale": "fr", "csrf": csrf_from(analyst.get("/").text), "next": "/hits"}
    )
    assert chosen.status_code == 303
    assert chosen.headers["location"] == "/hits"
    queue = analyst.get("/hits", headers=PAGE).text
    assert '<html lang="fr">' in queue
    assert "File d'examen des concordances" in queue or "File d&#39;examen des concordances" in queue
    assert "Nouveau" in queue
    page = analyst.get(f"/hits/{pushed['person']}", headers=PAGE).text
    assert "Examinez la concordance sur les données de votre voyageur" in page
    assert "retenu par le propriétaire" in page
    # Released by FR-NCB, the hit is explained, with its percentages in the French way.
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    asked = analyst.post(
        "/api/v1/queries/persons",
        json={
            "purpose": "Check at the gate",
            "items": [{"name": "MAGHOMED ABDURAKHMANOV", "birth_date": "1985"}],
        },
    ).json()
    hit_id = asked["answers"][0]["hits"][0]["query_hit_id"]
    request = analyst.post(f"/api/v1/query-hits/{hit_id}/detail-requests", json={"justification": "Boarding"})
    assert owner.post(f"/api/v1/detail-requests/{request.json()['id']}/approve", json={}).status_code == 200
    page = analyst.get(f"/hits/{pushed['person']}", headers=PAGE).text
    assert "Noms alignés" in page
    assert re.search(r"\d+\s%", page), "percentages in the French way (a space before %)"
    other = Actor(fresh_client(runtime), username="analyst.be")
    assert "Hit review queue" in other.get("/hits", headers=PAGE).text, "the choice is per user"


def test_a_language_that_is_not_offered_is_refused(runtime: Runtime, world: World) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    refused = analyst.post("/account/locale", data={"locale": "xx", "csrf": csrf_from(analyst.get("/").text)})
    assert refused.status_code == 422


def test_the_flight_page_lists_only_the_agencys_own_travellers(
    runtime: Runtime, pushed: dict[str, int]
) -> None:
    with runtime.sessions() as session:
        flight = session.scalar(select(schema.Flight.id).where(schema.Flight.flight_number == "1234"))
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    page = analyst.get(f"/flights/{flight}", headers=PAGE)
    assert page.status_code == 200
    assert "DE VRIES" in page.text, "the whole manifest"
    assert f'href="/hits/{pushed["person"]}"' in page.text, "with its hits marked"
    assert page.text.count('class="has-hit"') == 2
    assert (
        Actor(fresh_client(runtime), username="analyst.be")
        .get(f"/flights/{flight}", headers=PAGE)
        .status_code
        == 404
    )
    assert (
        Actor(fresh_client(runtime), username="field_officer.nl")
        .get(f"/flights/{flight}", headers=PAGE)
        .status_code
        == 403
    )
    with runtime.sessions() as session:
        audited = session.scalars(
            select(schema.AuditEvent.action).where(schema.AuditEvent.object_type == "flight")
        ).all()
    assert "manifest_read" in audited


def _routes(routes: Any, prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    """Every route of a route table with its full path: FastAPI keeps an included router
    whole (``original_router``, its prefix in ``include_context``) instead of copying its routes."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif (inner := getattr(route, "original_router", None)) is not None:
            yield from _routes(inner.routes, prefix + route.include_context.prefix)


def _page_changes(client: TestClient) -> list[tuple[str, str]]:
    """Every route of the pages (not the API) that changes something, from the app's route table."""
    app: Any = client.app
    return sorted(
        (method, path)
        for path, route in _routes(app.routes)
        if not path.startswith("/api/")
        for method in (route.methods or set()) - {"GET", "HEAD", "OPTIONS"}
    )


def test_every_page_form_is_refused_without_its_csrf_token(runtime: Runtime, world: World) -> None:
    """Signed in with every right the pages ask for: without the form's token, or with
    another, each route refuses before its handler runs (the API's header does not count)."""
    supervisor = Actor(fresh_client(runtime), username="supervisor.fr")
    routes = _page_changes(supervisor.client)
    assert len(routes) >= 27
    assert ("POST", "/login") in routes
    for method, path in routes:
        url = re.sub(r"\{[^}]+\}", "1", path)
        for form in ({"reason": "x"}, {"csrf": "forged", "reason": "x"}):
            answer = supervisor.client.request(method, url, data=form, headers=supervisor.headers)
            assert answer.status_code == 403, f"{method} {path} answered {answer.status_code} to {form}"
            assert "expired" in answer.text, f"{method} {path}: {answer.text[:200]}"
    # And the same forms with the token go through to their handlers.
    token = supervisor.headers["X-CSRF-Token"]
    locale = supervisor.client.post("/account/locale", data={"csrf": token, "locale": "fr"})
    assert locale.status_code == 303
