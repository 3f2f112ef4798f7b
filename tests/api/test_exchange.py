"""Information exchange through real HTTP: cases, codes, receipts, deadlines, flows, search."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from liaison.domain.codes import AgencyKind
from liaison.domain.errors import PayloadTooLarge
from liaison.domain.exchange import RequestStatus
from liaison.domain.permissions import Permission
from liaison.services.exchange import attachments
from liaison.services.exchange.deadlines import flag_overdue
from liaison.services.identity import accounts
from liaison.services.identity.principals import create_machine_client
from liaison.services.runtime import Runtime
from liaison.store import schema
from liaison.store.types import utcnow
from tests.api.clients import Actor, fresh_client
from tests.api.world import SECRET_CASE, SECRET_NAME, World

CODES = {"handling_code": "H0", "source_reliability": "B", "information_accuracy": "2"}


def _actor(runtime: Runtime, username: str) -> Actor:
    return Actor(fresh_client(runtime), username=username)


def _open_case(actor: Actor, *agencies: str, subject: str = "Courier network via IST") -> dict[str, Any]:
    answer = actor.post(
        "/api/v1/exchange/cases",
        json={"subject": subject, "crime_area": "terrorism", "agencies": list(agencies)},
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def _send(actor: Actor, case_id: int, **fields: Any) -> Any:
    return actor.post(f"/api/v1/exchange/cases/{case_id}/messages", json={**CODES, **fields})


def test_a_request_is_delivered_read_and_answered_with_receipts(runtime: Runtime, world: World) -> None:
    nl, fr = _actor(runtime, "liaison_officer.nl"), _actor(runtime, "liaison_officer.fr")
    case = _open_case(nl, "FR-NCB")
    assert case["agencies"] == ["FR-NCB", "NL-PIU"]
    assert case["lead"] == "NL-PIU"
    bring_in = f"/api/v1/exchange/cases/{case['id']}/agencies"
    assert fr.post(bring_in, json={"agency": "BE-NCB"}).status_code == 403, "the lead agency decides"
    assert nl.post(bring_in, json={"agency": "XX-NONE"}).status_code == 422
    assert _send(nl, case["id"], body="   ").status_code == 422, "blank text is no message"
    sent = _send(
        nl, case["id"], kind="request", urgency="urgent_direct", body="Who rented the flat at 12 rue X?",
        entities=[{"kind": "phone", "value": "+33 6 12 34 56 78"}],
    )  # fmt: skip
    assert sent.status_code == 201, sent.text
    request = sent.json()
    assert request["due_at"] is not None
    assert request["recipients"] == [
        {
            "agency": "FR-NCB",
            "delivered_at": None,
            "read_at": None,
            "request_status": "open",
            "due_at": request["due_at"],
            "overdue": False,
        }
    ]

    inbox = fr.get("/api/v1/exchange/inbox", params={"open_requests": "true"}).json()["items"]
    assert [item["message_id"] for item in inbox] == [request["id"]]
    assert inbox[0]["read"] is False
    receipts = nl.get(f"/api/v1/exchange/messages/{request['id']}").json()["recipients"]
    assert receipts[0]["delivered_at"] is not None, "listed in FR's inbox: delivered"
    assert receipts[0]["read_at"] is None

    opened = fr.get(f"/api/v1/exchange/messages/{request['id']}").json()
    assert [r["agency"] for r in opened["recipients"]] == ["FR-NCB"], "a recipient sees its own receipt only"
    receipts = nl.get(f"/api/v1/exchange/messages/{request['id']}").json()["recipients"]
    assert receipts[0]["read_at"] is not None

    answer = fr.post(
        f"/api/v1/exchange/messages/{request['id']}/replies",
        json={**CODES, "kind": "answer", "body": "M. Dupont, since 2024.", "language": "fr"},
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["in_reply_to"] == request["id"]
    assert nl.get(f"/api/v1/exchange/messages/{request['id']}").json()["recipients"][0]["request_status"] == (
        "answered"
    )
    again = fr.post(
        f"/api/v1/exchange/messages/{request['id']}/replies",
        json={**CODES, "kind": "answer", "body": "again"},
    )
    assert again.status_code == 409
    listed = nl.get(f"/api/v1/exchange/cases/{case['id']}/messages").json()["items"]
    assert [m["kind"] for m in listed] == ["request", "answer"]
    assert listed[1]["language"] == "fr"


def test_a_refusal_needs_a_reason_and_a_clarification_reopens_the_request(
    runtime: Runtime, world: World
) -> None:
    nl, fr = _actor(runtime, "analyst.nl"), _actor(runtime, "liaison_officer.fr")
    case = _open_case(nl, "FR-NCB")
    request = _send(nl, case["id"], kind="request", body="Travel history of the subject?").json()
    reply_url = f"/api/v1/exchange/messages/{request['id']}/replies"
    assert fr.post(reply_url, json={**CODES, "kind": "refusal", "body": "no"}).status_code == 422
    clarify = fr.post(reply_url, json={**CODES, "kind": "clarification_request", "body": "Which subject?"})
    assert clarify.status_code == 201
    status = nl.get(f"/api/v1/exchange/messages/{request['id']}").json()["recipients"][0]["request_status"]
    assert status == "clarification_asked"
    clarify_url = f"/api/v1/exchange/messages/{clarify.json()['id']}/replies"
    assert (
        nl.post(clarify_url, json={**CODES, "kind": "refusal", "body": "Not telling you"}).status_code == 422
    )
    clarified = nl.post(
        clarify_url, json={**CODES, "kind": "answer", "body": "The man on KL1234 of 20 November."}
    )
    assert clarified.status_code == 201, clarified.text
    assert nl.post(clarify_url, json={**CODES, "kind": "answer", "body": "Once more"}).status_code == 409
    assert (
        nl.get(f"/api/v1/exchange/messages/{request['id']}").json()["recipients"][0]["request_status"]
        == "open"
    )
    refused = fr.post(reply_url, json={**CODES, "kind": "refusal", "body": "Ongoing judicial secrecy."})
    assert refused.status_code == 201
    assert nl.get(f"/api/v1/exchange/messages/{request['id']}").json()["recipients"][0]["request_status"] == (
        "refused"
    )
    info = _send(nl, case["id"], body="For your information.").json()
    answer_to_info = fr.post(
        f"/api/v1/exchange/messages/{info['id']}/replies", json={**CODES, "kind": "answer", "body": "Thanks"}
    )
    assert answer_to_info.status_code == 409


def test_h2_is_passed_on_only_with_the_providers_recorded_permission(runtime: Runtime, world: World) -> None:
    fr, nl, be = (
        _actor(runtime, u) for u in ("liaison_officer.fr", "liaison_officer.nl", "liaison_officer.be")
    )
    shared = _open_case(fr, "NL-PIU")
    h2 = _send(fr, shared["id"], body="Courier's new passport number", handling_code="H2").json()
    h1 = _send(fr, shared["id"], body="Seizure report", handling_code="H1").json()
    assert h2["handling_marking"].startswith("H2")
    onward = _open_case(nl, "BE-NCB", subject="Belgian leg of the route")
    url = f"/api/v1/exchange/messages/{h2['id']}/pass-on"
    refused = nl.post(url, json={"case_id": onward["id"]})
    assert refused.status_code == 403
    out_of_range = nl.post(url, json={"case_id": 2**63})  # no table holds it: bad input, not a 500
    assert out_of_range.status_code == 422, out_of_range.text
    assert "case_id" in out_of_range.text
    assert "H2" in refused.json()["detail"]
    assert [i for i in be.get("/api/v1/exchange/inbox").json()["items"] if i["sender"] == "NL-PIU"] == []
    permit = f"/api/v1/exchange/messages/{h2['id']}/pass-on-permissions"
    assert nl.post(permit, json={"agency": "BE-NCB"}).status_code == 403, "only the provider may permit"
    assert fr.post(permit, json={"agency": "BE-NCB"}).status_code == 204
    passed = nl.post(url, json={"case_id": onward["id"]})
    assert passed.status_code == 201, passed.text
    copy = be.get(f"/api/v1/exchange/messages/{passed.json()['id']}").json()
    assert copy["provider"] == "FR-NCB"
    assert copy["sender"] == "NL-PIU"
    assert copy["handling_code"] == "H2"
    assert copy["forwarded_from"] is None, "BE may not see the original, so not its id either"
    assert nl.get(f"/api/v1/exchange/messages/{passed.json()['id']}").json()["forwarded_from"] == h2["id"]
    h1_copy = nl.post(f"/api/v1/exchange/messages/{h1['id']}/pass-on", json={"case_id": onward["id"]})
    assert h1_copy.status_code == 201, "H1 travels, marked"
    assert h1_copy.json()["handling_marking"].startswith("H1")
    assert be.get(f"/api/v1/exchange/messages/{h1['id']}").status_code == 404, (
        "BE sees the copy, not the original"
    )


def test_overdue_requests_are_flagged_once_to_the_agency_and_its_supervisors(
    runtime: Runtime, world: World
) -> None:
    nl, fr = _actor(runtime, "analyst.nl"), _actor(runtime, "supervisor.fr")
    analyst_fr = _actor(runtime, "analyst.fr")
    case = _open_case(nl, "FR-NCB")
    urgent = _send(
        nl, case["id"], kind="request", urgency="urgent_direct", body="Is he still in Lyon?"
    ).json()
    normal = _send(nl, case["id"], kind="request", body="Bank records please").json()
    sent_at = utcnow()
    with runtime.transaction() as session:
        assert flag_overdue(session, now=sent_at + timedelta(hours=7, minutes=59)) == 0
    with runtime.transaction() as session:
        assert flag_overdue(session, now=sent_at + timedelta(hours=8, minutes=1)) == 1
    with runtime.transaction() as session:
        assert flag_overdue(session, now=sent_at + timedelta(hours=9)) == 0, "told once"
    supervisor_notes = fr.get("/api/v1/notifications").json()["items"]
    overdue = [n for n in supervisor_notes if n["kind"] == "request_overdue"]
    assert {n["payload"]["message_id"] for n in overdue} == {urgent["id"]}
    assert [n["payload"].get("for") for n in overdue].count("supervisor") == 1
    analyst_notes = analyst_fr.get("/api/v1/notifications").json()["items"]
    assert [n["payload"].get("for") for n in analyst_notes if n["kind"] == "request_overdue"] == [None]
    fr.post(
        f"/api/v1/exchange/messages/{normal['id']}/replies",
        json={**CODES, "kind": "answer", "body": "Attached."},
    )
    with runtime.transaction() as session:
        assert flag_overdue(session, now=sent_at + timedelta(days=8)) == 0, "answered requests are not late"
        statuses = session.scalars(select(schema.MessageRecipient.request_status)).all()
    assert RequestStatus.ANSWERED in statuses
    inbox = fr.get("/api/v1/exchange/inbox").json()["items"]
    assert not any(item["overdue"] for item in inbox), "the live flag uses the real clock"


def test_an_agency_never_finds_a_case_it_is_not_part_of(runtime: Runtime, world: World) -> None:
    fr, nl, be = (_actor(runtime, u) for u in ("analyst.fr", "analyst.nl", "analyst.be"))
    word = SECRET_CASE.split()[-1]  # "Quartz-Heron"
    for actor in (fr, be):
        found = actor.get("/api/v1/exchange/search", params={"q": word}).json()
        assert len(found["hits"]) == 1
        assert {"kind": "person", "value": SECRET_NAME.casefold(), "messages": 1} in found["facets"]
    found = nl.get("/api/v1/exchange/search", params={"q": word})
    assert found.status_code == 200
    assert found.json() == {"hits": [], "facets": []}
    assert (
        fr.get("/api/v1/exchange/search", params={"q": word})
        .json()["hits"][0]["handling_marking"]
        .startswith("H2")
    ), "search results carry the marking too"
    assert nl.get(f"/api/v1/exchange/cases/{world.cases['fr_be']}").status_code == 404
    assert nl.get("/api/v1/exchange/cases").json()["items"] == []

    case = _open_case(nl, "FR-NCB", subject="Sécurité aérienne")
    _send(nl, case["id"], body="Contrôle renforcé à l'aéroport de Nice", language="fr")
    accents = fr.get("/api/v1/exchange/search", params={"q": "controle AEROPORT"}).json()
    assert [hit["case_id"] for hit in accents["hits"]] == [case["id"]]
    assert be.get("/api/v1/exchange/search", params={"q": "controle"}).json()["hits"] == []
    syntax = fr.get("/api/v1/exchange/search", params={"q": 'NEAR( "x OR *'})
    assert syntax.status_code == 200, "search words are never read as query syntax"


def test_a_details_request_is_a_request_in_the_records_case(runtime: Runtime, world: World) -> None:
    asker, owner = _actor(runtime, "analyst.nl"), _actor(runtime, "liaison_officer.fr")
    answer = asker.post(
        "/api/v1/queries/documents",
        json={"purpose": "Passport shown at Schiphol", "items": [{"number": "SH0000001"}]},
    ).json()
    hit_id = answer["answers"][0]["hits"][0]["query_hit_id"]
    request = asker.post(
        f"/api/v1/query-hits/{hit_id}/detail-requests", json={"justification": "Arrest on arrival"}
    )
    assert request.status_code == 201
    inbox = owner.get("/api/v1/exchange/inbox", params={"open_requests": "true"}).json()["items"]
    assert len(inbox) == 1
    message = owner.get(f"/api/v1/exchange/messages/{inbox[0]['message_id']}").json()
    assert message["body"] == "Arrest on arrival"
    assert message["urgency"] == "normal"
    assert "score" not in message["detail"]["explanation"], "the asker reads its own request too"
    assert owner.get(f"/api/v1/query-hits/{hit_id}").json()["score"] == 1.0, "the owner reads the score"
    assert message["detail"]["explanation"]["asked"] == {"number": "SH0000001", "issuing_country": None}
    decided = owner.post(f"/api/v1/detail-requests/{request.json()['id']}/approve", json={})
    assert decided.status_code == 200
    thread = asker.get(f"/api/v1/exchange/cases/{message['case_id']}/messages").json()["items"]
    assert [m["kind"] for m in thread] == ["request", "answer"]
    assert thread[0]["recipients"][0]["request_status"] == "answered"
    case = asker.get(f"/api/v1/exchange/cases/{message['case_id']}").json()
    assert "FR-SHARED" not in case["subject"], "the owner's reference stays with the owner"


def test_attachments_are_streamed_kept_once_and_read_by_recipients_only(
    runtime: Runtime, world: World
) -> None:
    nl, fr, be = (_actor(runtime, u) for u in ("analyst.nl", "analyst.fr", "analyst.be"))
    case = _open_case(nl, "FR-NCB")
    message = _send(nl, case["id"], body="Boarding pass scan attached").json()
    content = b"%PDF-1.7 boarding pass\n" * 5000
    url = f"/api/v1/exchange/messages/{message['id']}/attachments"
    added = nl.post(url, params={"filename": "../../boarding pass.pdf"}, content=content,
                    headers={"Content-Type": "application/pdf"})  # fmt: skip
    assert added.status_code == 201, added.text
    view = added.json()
    assert view["filename"] == "boarding pass.pdf"
    assert view["size"] == len(content)
    assert fr.post(url, params={"filename": "x.pdf"}, content=b"abc").status_code == 404, (
        "only the sender attaches"
    )
    again = nl.post(url, params={"filename": "copy.pdf"}, content=content)
    assert again.json()["sha256"] == view["sha256"]
    stored = [p.name for p in attachments.directory(runtime.settings.data_dir).iterdir()]
    assert stored == [view["sha256"]], "one file per content, no temporary left behind"
    download = fr.get(f"/api/v1/exchange/attachments/{view['id']}")
    assert download.status_code == 200
    assert download.content == content
    assert be.get(f"/api/v1/exchange/attachments/{view['id']}").status_code == 404
    found = fr.get("/api/v1/exchange/search", params={"q": "boarding pass"}).json()["hits"]
    assert [hit["message_id"] for hit in found] == [message["id"]]


@pytest.mark.parametrize(
    ("declared", "served"),
    [
        ("text/html", "application/octet-stream"),
        ("application/javascript", "application/octet-stream"),
        ("image/svg+xml", "application/octet-stream"),
        ("TEXT/HTML; charset=utf-8", "application/octet-stream"),
        ("application/pdf", "application/pdf"),
        ("text/plain; charset=latin-1", "text/plain; charset=utf-8"),
    ],
)
def test_attachments_are_served_as_inert_downloads(
    runtime: Runtime, world: World, declared: str, served: str
) -> None:
    """A sender's text/html or script must not run in the site's origin when a recipient opens it."""
    nl, fr = _actor(runtime, "analyst.nl"), _actor(runtime, "analyst.fr")
    message = _send(nl, _open_case(nl, "FR-NCB")["id"], body="See the page attached").json()
    added = nl.post(
        f"/api/v1/exchange/messages/{message['id']}/attachments",
        params={"filename": "page.html"},
        content=b"<script>fetch('/api/v1/me').then(r => r.text()).then(alert)</script>",
        headers={"Content-Type": declared},
    )
    assert added.status_code == 201, added.text
    download = fr.get(f"/api/v1/exchange/attachments/{added.json()['id']}")
    assert download.status_code == 200
    assert download.headers["content-type"] == served
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["x-content-type-options"] == "nosniff"


def test_an_upload_past_the_limit_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b"x" * 1000

    with pytest.raises(PayloadTooLarge):
        asyncio.run(attachments.receive_upload(chunks(), tmp_path, limit=5000))
    assert list(attachments.directory(tmp_path).iterdir()) == []
    upload = asyncio.run(attachments.receive_upload(chunks(), tmp_path, limit=10_000))
    assert upload.size == 10_000


def test_national_systems_exchange_through_the_api(runtime: Runtime, world: World) -> None:
    with runtime.transaction() as session:
        agency = session.scalar(select(schema.Agency).where(schema.Agency.code == "BE-NCB"))
        assert agency is not None
        _client, issued = create_machine_client(
            session, agency=agency, name="BE case system",
            scopes={Permission.EXCHANGE_READ, Permission.EXCHANGE_WRITE},
        )  # fmt: skip
    system = Actor(fresh_client(runtime), token=issued.clear)
    case = _open_case(system, "FR-NCB", subject="Stolen cards used on flights to BRU")
    sent = _send(system, case["id"], kind="request", urgency="urgent_other", body="Card holders, please")
    assert sent.status_code == 201, sent.text
    fr = _actor(runtime, "analyst.fr")
    assert fr.get(f"/api/v1/exchange/messages/{sent.json()['id']}").json()["sender"] == "BE-NCB"
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    assert airline.get("/api/v1/exchange/inbox").status_code == 403, "a token without the exchange scope"


def test_the_vocabulary_comes_in_french(runtime: Runtime, world: World) -> None:
    fr = _actor(runtime, "analyst.fr")
    words = fr.get("/api/v1/exchange/vocabulary", params={"lang": "fr"}).json()
    assert words["locale"] == "fr"
    assert words["crime_areas"]["terrorism"] == "Terrorisme"
    assert words["handling_codes"]["H2"].startswith("H2 : ne pas transmettre")
    assert fr.get("/api/v1/exchange/vocabulary").json()["crime_areas"]["terrorism"] == "Terrorism"


def test_docs_list_every_exchange_route(app_client: TestClient) -> None:
    """docs/exchange.md is the reference for national systems: it must not fall behind."""
    documented = (Path(__file__).resolve().parents[2] / "docs" / "exchange.md").read_text(encoding="utf-8")
    schema = app_client.get("/api/v1/openapi.json").json()
    routes = [
        (method.upper(), path.removeprefix("/api/v1/exchange"))
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/exchange")
        for method in item
    ]
    assert len(routes) >= 15
    for method, path in routes:
        assert f"| {method} | `{path}` |" in documented, f"{method} {path} is missing from docs/exchange.md"


def test_carriers_take_no_part_in_exchange(runtime: Runtime, world: World) -> None:
    with runtime.transaction() as session:
        carrier = accounts.create_agency(
            session, code="AIR-KL", name="KLM", country="NL", kind=AgencyKind.CARRIER
        )
        _client, issued = create_machine_client(
            session, agency=carrier, name="KLM departure control",
            scopes={Permission.EXCHANGE_READ, Permission.EXCHANGE_WRITE},
        )  # fmt: skip
    airline = Actor(fresh_client(runtime), token=issued.clear)
    opened = airline.post(
        "/api/v1/exchange/cases",
        json={"subject": "Fraud alert", "crime_area": "fraud", "agencies": ["FR-NCB"]},
    )
    assert opened.status_code == 403
    assert "carriers" in opened.json()["detail"]
    assert airline.get("/api/v1/exchange/inbox").status_code == 403
    assert airline.get("/api/v1/exchange/search", params={"q": "Quartz"}).status_code == 403
    nl = _actor(runtime, "analyst.nl")
    named = nl.post(
        "/api/v1/exchange/cases",
        json={"subject": "With the airline", "crime_area": "fraud", "agencies": ["AIR-KL"]},
    )
    assert named.status_code == 422
    assert "carrier" in named.json()["detail"]


def test_a_details_request_waiting_for_clarification_is_still_decided(runtime: Runtime, world: World) -> None:
    asker, owner = _actor(runtime, "analyst.nl"), _actor(runtime, "liaison_officer.fr")
    answer = asker.post(
        "/api/v1/queries/documents", json={"purpose": "Gate check at AMS", "items": [{"number": "SH0000001"}]}
    ).json()
    hit_id = answer["answers"][0]["hits"][0]["query_hit_id"]
    request_id = asker.post(
        f"/api/v1/query-hits/{hit_id}/detail-requests", json={"justification": "Needed at the gate"}
    ).json()["id"]
    message_id = owner.get("/api/v1/exchange/inbox").json()["items"][0]["message_id"]
    clarify = owner.post(
        f"/api/v1/exchange/messages/{message_id}/replies",
        json={**CODES, "kind": "clarification_request", "body": "Which flight?"},
    )
    assert clarify.status_code == 201
    refused = owner.post(f"/api/v1/detail-requests/{request_id}/refuse", json={"reason": "Ongoing operation"})
    assert refused.status_code == 200, "the exchange's state never blocks the decision"
    thread = asker.get(f"/api/v1/exchange/cases/{clarify.json()['case_id']}/messages").json()["items"]
    assert [m["kind"] for m in thread] == ["request", "clarification_request", "refusal"]
    assert thread[0]["recipients"][0]["request_status"] == "refused"


def test_a_closed_case_flags_no_overdue_request(runtime: Runtime, world: World) -> None:
    nl = _actor(runtime, "analyst.nl")
    case = _open_case(nl, "FR-NCB")
    _send(nl, case["id"], kind="request", urgency="urgent_direct", body="Still needed?")
    assert _actor(runtime, "analyst.fr").post(f"/api/v1/exchange/cases/{case['id']}/close").status_code == 403
    assert nl.post(f"/api/v1/exchange/cases/{case['id']}/close").json()["status"] == "closed"
    assert _send(nl, case["id"], body="One more thing").status_code == 409
    with runtime.transaction() as session:
        assert flag_overdue(session, now=utcnow() + timedelta(days=30)) == 0


def test_a_person_details_request_carries_no_match_the_owner_reads_it_on_the_hit(
    runtime: Runtime, world: World
) -> None:
    asker, owner = _actor(runtime, "analyst.nl"), _actor(runtime, "liaison_officer.fr")
    answer = asker.post(
        "/api/v1/queries/persons",
        json={
            "purpose": "Passenger on KL1234 to Istanbul",
            "items": [{"name": "MAGOMED ABDURAKHMANOV", "birth_date": "1985-03-12"}],
        },
    ).json()
    hit_id = answer["answers"][0]["hits"][0]["query_hit_id"]
    asked = asker.post(f"/api/v1/query-hits/{hit_id}/detail-requests", json={"justification": "Boarding now"})
    assert asked.status_code == 201
    message_id = owner.get("/api/v1/exchange/inbox").json()["items"][0]["message_id"]
    as_owner = owner.get(f"/api/v1/exchange/messages/{message_id}").json()
    assert "match" not in as_owner["detail"]["explanation"], "the asker reads its request too"
    match = owner.get(f"/api/v1/query-hits/{hit_id}").json()["explanation"]
    assert match["evidence"], "the owner sees why it matched"
    as_asker = asker.get(f"/api/v1/exchange/messages/{message_id}")
    assert "Абдурахманов" not in as_asker.text
    assert "FR-SHARED-PERSON" not in as_asker.text
    assert "same date" not in as_asker.text
