"""Releasing and passing on over real HTTP, on SQLite and PostgreSQL: a hit's
details asked for on the pages, released or refused by the owner, read by the
asker alone; a record passed on (refused under H2 unless by the owner); an
exchange message passed on, under H2 only with the provider's permission."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from liaison.services.runtime import Runtime
from liaison.store import schema
from tests.api.clients import Actor, csrf_from, fresh_client
from tests.api.world import SECRET_CASE, SHARED_DOCUMENT, World
from tests.web.data import secret_message

PAGE = {"Accept": "text/html"}


def _post(actor: Actor, path: str, form: dict[str, str]) -> Any:
    token = csrf_from(actor.get("/", headers=PAGE).text)
    return actor.post(path, data={**form, "csrf": token}, headers=PAGE)


def _hit(asker: Actor, number: str) -> int:
    """Ask through the API, as the agency's own system would; the hit's number."""
    answer = asker.post(
        "/api/v1/queries/documents", json={"purpose": "Check at the gate", "items": [{"number": number}]}
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["answers"][0]["hits"][0]["query_hit_id"])


def _row(page: str, request_id: int) -> str:
    found = re.search(rf'<tr id="request-{request_id}".*?</tr>', page, re.S)
    assert found is not None, f"request {request_id} is not listed"
    return found.group(0)


def _actions(runtime: Runtime, action: str) -> list[str | None]:
    with runtime.sessions() as session:
        return list(
            session.scalars(select(schema.AuditEvent.object_id).where(schema.AuditEvent.action == action))
        )


def test_nobody_signed_in_is_sent_to_the_login_page(app_client: TestClient) -> None:
    answer = app_client.get("/details", headers=PAGE)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/details"


@pytest.mark.parametrize("username", ["field_officer.fr", "dpo.fr", "admin.fr"])
def test_roles_without_the_details_permissions_get_403(runtime: Runtime, world: World, username: str) -> None:
    actor = Actor(fresh_client(runtime), username=username)
    answer = actor.get("/details", headers=PAGE)
    assert answer.status_code == 403
    assert "text/html" in answer.headers["content-type"]
    assert 'href="/details"' not in actor.get("/", headers=PAGE).text
    assert (
        _post(actor, "/details", {"query_hit_id": "1", "justification": "Arrest on arrival"}).status_code
        == 403
    )


def test_details_are_asked_refused_with_a_reason_and_released_to_the_asker_alone(
    runtime: Runtime, world: World
) -> None:
    asker = Actor(fresh_client(runtime), username="analyst.nl")
    owner = Actor(fresh_client(runtime), username="supervisor.fr")
    analyst = Actor(fresh_client(runtime), username="analyst.fr")
    outsider = Actor(fresh_client(runtime), username="liaison_officer.be")
    record_id = world.records["shared_document_h2"]
    assert 'href="/details"' in asker.get("/", headers=PAGE).text, "in the navigation"

    hit_id = _hit(asker, SHARED_DOCUMENT)
    short = _post(asker, "/details", {"query_hit_id": str(hit_id), "justification": "why"})
    assert short.status_code == 422
    assert "justification: say why" in short.text
    assert 'value="' + str(hit_id) + '"' in short.text, "what was typed stays"
    unknown = _post(asker, "/details", {"query_hit_id": "999999", "justification": "Arrest on arrival"})
    assert unknown.status_code == 404
    assert 'id="request-error"' in unknown.text
    assert (
        _post(outsider, "/details", {"query_hit_id": str(hit_id), "justification": "Not our hit"}).status_code
        == 404
    )

    asked = _post(asker, "/details", {"query_hit_id": str(hit_id), "justification": "Arrest on arrival"})
    assert asked.status_code == 303, asked.text
    request_id = int(asked.headers["location"].rsplit("-", 1)[1])
    row = _row(asker.get("/details", headers=PAGE).text, request_id)
    assert "Waiting for the owner" in row
    assert f'href="/records/{record_id}"' not in row
    again = _post(asker, "/details", {"query_hit_id": str(hit_id), "justification": "Arrest on arrival"})
    assert again.status_code == 409

    board = owner.get("/", headers=PAGE).text
    assert re.search(r'id="pending-detail-total" href="/details">1<', board)
    incoming = owner.get("/details", headers=PAGE).text
    assert "Arrest on arrival" in _row(incoming, request_id)
    assert f'id="decide-{request_id}"' in incoming
    # An analyst of the owner sees the request but may not decide it.
    assert f'id="decide-{request_id}"' not in analyst.get("/details", headers=PAGE).text
    assert _post(analyst, f"/details/{request_id}/decision", {"decision": "approve"}).status_code == 403
    # Another agency sees nothing of it and cannot decide it.
    assert "Arrest on arrival" not in outsider.get("/details", headers=PAGE).text
    assert _post(outsider, f"/details/{request_id}/decision", {"decision": "approve"}).status_code == 404
    forged = owner.post(
        f"/details/{request_id}/decision", data={"decision": "approve", "csrf": "forged"}, headers=PAGE
    )
    assert forged.status_code == 403

    no_reason = _post(owner, f"/details/{request_id}/decision", {"decision": "refuse", "reason": " "})
    assert no_reason.status_code == 422
    assert "reason: a refusal needs a reason" in no_reason.text
    assert 'id="decision-error"' in no_reason.text
    assert asker.get(f"/records/{record_id}", headers=PAGE).status_code == 404

    approved = _post(owner, f"/details/{request_id}/decision", {"decision": "approve"})
    assert approved.status_code == 303, approved.text
    assert re.search(r'id="pending-detail-total" href="/details">0<', owner.get("/", headers=PAGE).text)
    row = _row(asker.get("/details", headers=PAGE).text, request_id)
    assert f'href="/records/{record_id}"' in row
    record = asker.get(f"/records/{record_id}", headers=PAGE)
    assert record.status_code == 200
    assert SHARED_DOCUMENT in record.text
    assert "released to your agency" in record.text
    assert outsider.get(f"/records/{record_id}", headers=PAGE).status_code == 404
    decided_twice = _post(owner, f"/details/{request_id}/decision", {"decision": "refuse", "reason": "No"})
    assert decided_twice.status_code == 409

    h0_record = world.records["shared_document_h0"]
    second = _post(
        asker, "/details", {"query_hit_id": str(_hit(asker, "SH0000001")), "justification": "Gate check"}
    )
    second_id = int(second.headers["location"].rsplit("-", 1)[1])
    refused = _post(
        owner, f"/details/{second_id}/decision", {"decision": "refuse", "reason": "Ongoing operation"}
    )
    assert refused.status_code == 303
    row = _row(asker.get("/details", headers=PAGE).text, second_id)
    assert "Ongoing operation" in row
    assert "Refused" in row
    assert f'href="/records/{h0_record}"' not in row
    assert asker.get(f"/records/{h0_record}", headers=PAGE).status_code == 404
    assert {str(request_id), str(second_id)} <= set(_actions(runtime, "details_requested"))
    assert str(request_id) in _actions(runtime, "details_approved")
    assert str(second_id) in _actions(runtime, "details_refused")


def _released_to_nl(runtime: Runtime, number: str) -> None:
    asker = Actor(fresh_client(runtime), username="liaison_officer.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    asked = _post(
        asker, "/details", {"query_hit_id": str(_hit(asker, number)), "justification": "Gate check"}
    )
    request_id = int(asked.headers["location"].rsplit("-", 1)[1])
    assert _post(owner, f"/details/{request_id}/decision", {"decision": "approve"}).status_code == 303


def test_a_record_under_h2_is_passed_on_by_its_owner_only(runtime: Runtime, world: World) -> None:
    _released_to_nl(runtime, SHARED_DOCUMENT)
    _released_to_nl(runtime, "SH0000001")
    holder = Actor(fresh_client(runtime), username="liaison_officer.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    third = Actor(fresh_client(runtime), username="liaison_officer.be")
    h2, h0 = world.records["shared_document_h2"], world.records["shared_document_h0"]

    page = holder.get(f"/records/{h2}", headers=PAGE).text
    assert 'id="pass-on-form"' in page
    assert 'id="pass-on-h2"' in page, "the page says before the form is sent"
    refused = _post(
        holder, f"/records/{h2}/pass-on", {"to_agency": "BE-NCB", "purpose": "Joint investigation"}
    )
    assert refused.status_code == 403
    error = re.search(r'id="pass-on-error">(.*?)</p>', refused.text, re.S)
    assert error is not None
    assert "H2" in error.group(1)
    assert "ask the owner to release it to BE-NCB" in error.group(1)
    assert 'value="BE-NCB"' in refused.text, "what was typed stays"
    assert third.get(f"/records/{h2}", headers=PAGE).status_code == 404
    assert str(h2) in _actions(runtime, "pass_on_refused"), "the refusal is audited"

    unknown = _post(
        owner, f"/records/{h2}/pass-on", {"to_agency": "XX-NONE", "purpose": "Joint investigation"}
    )
    assert unknown.status_code == 422
    assert "to_agency: unknown agency XX-NONE" in unknown.text
    no_purpose = _post(owner, f"/records/{h2}/pass-on", {"to_agency": "BE-NCB", "purpose": ""})
    assert no_purpose.status_code == 422
    assert "purpose: say why" in no_purpose.text
    forged = owner.post(
        f"/records/{h2}/pass-on",
        data={"to_agency": "BE-NCB", "purpose": "x" * 10, "csrf": "no"},
        headers=PAGE,
    )
    assert forged.status_code == 403
    assert third.get(f"/records/{h2}", headers=PAGE).status_code == 404

    passed = _post(owner, f"/records/{h2}/pass-on", {"to_agency": "be-ncb", "purpose": "Joint investigation"})
    assert passed.status_code == 303, passed.text
    shown = owner.get(passed.headers["location"], headers=PAGE).text
    assert 'id="passed-on"' in shown
    assert "BE-NCB may now read the record" in shown
    assert third.get(f"/records/{h2}", headers=PAGE).status_code == 200

    # Under H0 the holder of a released record may pass it on.
    assert third.get(f"/records/{h0}", headers=PAGE).status_code == 404
    onward = _post(
        holder, f"/records/{h0}/pass-on", {"to_agency": "BE-NCB", "purpose": "Joint investigation"}
    )
    assert onward.status_code == 303, onward.text
    assert third.get(f"/records/{h0}", headers=PAGE).status_code == 200
    # An agency that cannot read a record cannot pass it on.
    secret = world.records["secret_document"]
    assert (
        _post(third, f"/records/{secret}/pass-on", {"to_agency": "BE-NCB", "purpose": "x" * 10}).status_code
        == 404
    )


def test_an_h2_message_is_passed_on_with_the_providers_permission(runtime: Runtime, world: World) -> None:
    provider = Actor(fresh_client(runtime), username="liaison_officer.fr")
    recipient = Actor(fresh_client(runtime), username="liaison_officer.be")
    reader_only = Actor(fresh_client(runtime), username="field_officer.be")
    third = Actor(fresh_client(runtime), username="liaison_officer.nl")
    message_id = secret_message(runtime)
    opened = _post(
        recipient, "/cases", {"subject": "Courier follow-up", "crime_area": "terrorism", "agencies": "NL-PIU"}
    )
    assert opened.status_code == 303, opened.text
    case_id = int(opened.headers["location"].rsplit("/", 1)[1])
    assert third.get(f"/messages/{message_id}", headers=PAGE).status_code == 404

    page = recipient.get(f"/messages/{message_id}", headers=PAGE).text
    assert 'id="pass-on-form"' in page
    assert f'<option value="{case_id}"' in page
    assert 'id="pass-on-h2"' in page
    assert 'id="permit-form"' not in page, "only the provider permits"
    refused = _post(recipient, f"/messages/{message_id}/pass-on", {"case_id": str(case_id), "to": ""})
    assert refused.status_code == 403
    assert "H2: the provider has not permitted passing this message on to NL-PIU" in refused.text
    assert 'id="pass-on-error"' in refused.text
    assert (
        _post(recipient, f"/messages/{message_id}/pass-on-permissions", {"agency": "NL-PIU"}).status_code
        == 403
    )
    no_case = _post(recipient, f"/messages/{message_id}/pass-on", {"case_id": "", "to": ""})
    assert no_case.status_code == 422
    assert "case_id" in no_case.text

    assert 'id="pass-on-form"' not in reader_only.get(f"/messages/{message_id}", headers=PAGE).text
    assert _post(reader_only, f"/messages/{message_id}/pass-on", {"case_id": str(case_id)}).status_code == 403

    shown = provider.get(f"/messages/{message_id}", headers=PAGE).text
    assert 'id="permit-form"' in shown
    assert "No agency is permitted yet." in shown
    wrong = _post(provider, f"/messages/{message_id}/pass-on-permissions", {"agency": "XX-NONE"})
    assert wrong.status_code == 422
    assert 'id="permit-error"' in wrong.text
    permitted = _post(provider, f"/messages/{message_id}/pass-on-permissions", {"agency": "nl-piu"})
    assert permitted.status_code == 303, permitted.text
    assert "Permitted: NL-PIU" in provider.get(f"/messages/{message_id}", headers=PAGE).text
    assert "Permitted:" not in recipient.get(f"/messages/{message_id}", headers=PAGE).text

    passed = _post(recipient, f"/messages/{message_id}/pass-on", {"case_id": str(case_id), "to": "NL-PIU"})
    assert passed.status_code == 303, passed.text
    new_id = int(passed.headers["location"].rsplit("/", 1)[1])
    received = third.get(f"/messages/{new_id}", headers=PAGE)
    assert received.status_code == 200
    assert SECRET_CASE in received.text
    assert "information of FR-NCB" in received.text, "the provider travels with it"
    assert 'id="passed-on-from"' not in received.text, "the original is named only to who may read it"
    assert f'href="/messages/{message_id}"' in recipient.get(f"/messages/{new_id}", headers=PAGE).text
    assert third.get(f"/messages/{message_id}", headers=PAGE).status_code == 404, "the original stays unseen"
    assert str(new_id) in _actions(runtime, "exchange_message_passed_on")
    assert str(message_id) in _actions(runtime, "exchange_pass_on_permitted")


def test_the_details_page_reads_in_french(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="supervisor.fr")
    chosen = _post(owner, "/account/locale", {"locale": "fr", "next": "/details"})
    assert chosen.status_code == 303
    page = owner.get("/details", headers=PAGE).text
    assert "<h1>Demandes de détails</h1>" in page
    assert "Demandes sur les fiches de votre service" in page
    assert 'href="/details"' in page


def test_the_pass_on_form_is_for_those_who_decide_releases(runtime: Runtime, world: World) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.fr")
    record = world.records["shared_document_h0"]
    page = analyst.get(f"/records/{record}", headers=PAGE)
    assert page.status_code == 200
    assert 'id="pass-on-form"' not in page.text
    token = csrf_from(page.text)
    refused = analyst.post(
        f"/records/{record}/pass-on",
        data={"to_agency": "BE-NCB", "purpose": "Joint investigation", "csrf": token},
        headers=PAGE,
    )
    assert refused.status_code == 403
    assert 'id="pass-on-error"' in refused.text


PERCENT = re.compile(r"\d[\s\u00a0\u202f]?%")


def _hit_links(page: str, hit_id: int) -> list[str]:
    return re.findall(rf'<a href="/hits/{hit_id}"[^>]*>.*?</a>', page, re.S)


def test_the_pages_show_no_score_before_release_and_the_explanation_after(
    runtime: Runtime, world: World, pushed: dict[str, int]
) -> None:
    """NL-PIU's traveller hit FR-NCB's shared record: queue, hit, dashboard, traveller and
    flight pages say hit and what to do, with no score or comparison, until FR-NCB releases it."""
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    person = pushed["person"]
    queue = analyst.get("/hits?status=all", headers=PAGE).text
    row = re.search(rf'<tr data-hit="{person}".*?</tr>', queue, re.S)
    assert row is not None
    assert "withheld by the owner" in row.group(0)
    assert not PERCENT.search(row.group(0)), row.group(0)

    page = analyst.get(f"/hits/{person}", headers=PAGE).text
    summary = re.search(r'<p class="summary">.*?</p>', page, re.S)
    assert summary is not None
    assert not PERCENT.search(summary.group(0))
    assert 'id="aligned-names"' not in page
    assert 'id="evidence"' not in page
    for word in ("same date", "same year", "Name score", "Similarity"):
        assert word not in page, word
    assert 'id="what-to-do"' in page

    dashboard = analyst.get("/", headers=PAGE).text
    traveller_id = analyst.get(f"/api/v1/hits/{person}").json()["traveller"]["id"]
    traveller = analyst.get(f"/travellers/{traveller_id}", headers=PAGE).text
    with runtime.sessions() as session:
        flight_id = session.scalar(select(schema.Flight.id).where(schema.Flight.flight_number == "1234"))
    flight = analyst.get(f"/flights/{flight_id}", headers=PAGE).text
    for name, shown in (("dashboard", dashboard), ("traveller", traveller), ("flight", flight)):
        links = _hit_links(shown, person)
        assert links, f"the {name} page links the hit"
        assert not [link for link in links if PERCENT.search(link)], (name, links)
    assert '<span class="score">' not in dashboard

    # FR-NCB releases the record to NL-PIU: the hit is explained, score and all.
    answer = analyst.post(
        "/api/v1/queries/persons",
        json={
            "purpose": "Check at the gate",
            "items": [{"name": "MAGHOMED ABDURAKHMANOV", "birth_date": "1985"}],
        },
    )
    hit_id = answer.json()["answers"][0]["hits"][0]["query_hit_id"]
    made = _post(analyst, "/details", {"query_hit_id": str(hit_id), "justification": "Boarding at AMS"})
    assert made.status_code == 303, made.text
    (request,) = analyst.get("/api/v1/detail-requests", params={"direction": "outgoing"}).json()["items"]
    assert owner.post(f"/api/v1/detail-requests/{request['id']}/approve", json={}).status_code == 200
    released = analyst.get(f"/hits/{person}", headers=PAGE).text
    assert 'id="aligned-names"' in released
    assert 'id="evidence"' in released
    summary = re.search(r'<p class="summary">.*?</p>', released, re.S)
    assert summary is not None
    assert PERCENT.search(summary.group(0))
    assert 'id="what-to-do"' not in released
