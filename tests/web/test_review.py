"""Confirming and dismissing hits through the pages' forms, and the live stream's scope."""

from __future__ import annotations

import asyncio
import contextlib
import json
from concurrent.futures import ThreadPoolExecutor

import httpx2
from sqlalchemy import select

from liaison.domain.codes import HitStatus
from liaison.services.runtime import Runtime
from liaison.store import schema
from tests.api.clients import Actor, csrf_from, fresh_client
from tests.api.world import PASSWORD
from tests.web import data
from tests.web.server import serving

PAGE = {"Accept": "text/html"}


def _status(runtime: Runtime, hit_id: int) -> HitStatus:
    with runtime.sessions() as session:
        hit = session.get(schema.Hit, hit_id)
        assert hit is not None
        return hit.status


def test_a_dismissal_needs_the_form_token_and_a_reason(runtime: Runtime, pushed: dict[str, int]) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    hit = pushed["document"]
    forged = analyst.post(f"/hits/{hit}/review", data={"action": "dismiss", "reason": "wrong", "csrf": "x"})
    assert forged.status_code == 403
    token = csrf_from(analyst.get(f"/hits/{hit}", headers=PAGE).text)
    short = analyst.post(f"/hits/{hit}/review", data={"action": "dismiss", "reason": "no", "csrf": token})
    assert short.status_code == 422
    assert 'id="review-error"' in short.text
    assert _status(runtime, hit) is HitStatus.NEW
    done = analyst.post(
        f"/hits/{hit}/review",
        data={"action": "dismiss", "reason": "Passport renewed, the old one was reported", "csrf": token,
              "back": "/hits?status=new"},
    )  # fmt: skip
    assert done.status_code == 303
    assert done.headers["location"] == "/hits?status=new"
    assert _status(runtime, hit) is HitStatus.DISMISSED
    again = analyst.post(
        f"/hits/{hit}/review", data={"action": "confirm", "reason": "changed", "csrf": token}
    )
    assert again.status_code == 409
    page = analyst.get(f"/hits/{hit}", headers=PAGE).text
    assert "Passport renewed" in page
    assert "Review started" not in page


def test_a_hit_in_review_is_not_started_again_by_another_analyst(
    runtime: Runtime, pushed: dict[str, int]
) -> None:
    first = Actor(fresh_client(runtime), username="analyst.nl")
    second = Actor(fresh_client(runtime), username="supervisor.nl")
    hit = pushed["document"]
    token = csrf_from(first.get(f"/hits/{hit}", headers=PAGE).text)
    assert first.post(f"/hits/{hit}/review", data={"action": "start", "csrf": token}).status_code == 303
    assert first.post(f"/hits/{hit}/review", data={"action": "start", "csrf": token}).status_code == 303, (
        "the reviewer may open it again"
    )
    other_token = csrf_from(second.get(f"/hits/{hit}", headers=PAGE).text)
    taken = second.post(f"/hits/{hit}/review", data={"action": "start", "csrf": other_token})
    assert taken.status_code == 409
    assert "already being reviewed by analyst.nl" in taken.text
    decided = second.post(
        f"/hits/{hit}/review",
        data={"action": "confirm", "reason": "Same passport, confirmed by phone", "csrf": other_token},
    )
    assert decided.status_code == 303, "a colleague may still decide it"
    assert _status(runtime, hit) is HitStatus.CONFIRMED


def test_the_review_never_sends_the_reader_off_site(runtime: Runtime, pushed: dict[str, int]) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    token = csrf_from(analyst.get("/hits", headers=PAGE).text)
    started = analyst.post(
        f"/hits/{pushed['person']}/review",
        data={"action": "start", "csrf": token, "back": "//evil.example/"},
    )
    assert started.status_code == 303
    assert started.headers["location"] == f"/hits/{pushed['person']}?back=%2F"
    assert _status(runtime, pushed["person"]) is HitStatus.IN_REVIEW
    history = analyst.get(f"/hits/{pushed['person']}", headers=PAGE).text
    assert "Review started" in history


def test_the_queue_filters_by_register_flight_score_and_status(
    runtime: Runtime, pushed: dict[str, int]
) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    with runtime.sessions() as session:
        persons = session.scalar(select(schema.Register.id).where(schema.Register.name == "Wanted persons"))
        flight = session.scalar(select(schema.Flight.id).where(schema.Flight.flight_number == "1234"))
    assert flight is not None
    by_register = analyst.get(f"/hits?register={persons}", headers=PAGE).text
    assert "ABDURAKHMANOV" in by_register
    assert "JANSEN" not in by_register
    assert "JANSEN" in analyst.get(f"/hits?flight={flight}", headers=PAGE).text
    assert "JANSEN" not in analyst.get(f"/hits?flight={flight + 1000}", headers=PAGE).text
    assert "ABDURAKHMANOV" not in analyst.get("/hits?status=confirmed", headers=PAGE).text
    assert analyst.get("/hits?min_score=2", headers=PAGE).status_code == 422


def test_the_live_stream_tells_only_the_agency_that_got_the_hits(
    runtime: Runtime, pushed: dict[str, int]
) -> None:
    async def first_events(base: str, username: str, seconds: float) -> list[tuple[str, dict[str, int]]]:
        async with httpx2.AsyncClient(base_url=base, timeout=10) as client:
            form = (await client.get("/login")).text
            await client.post(
                "/login", data={"username": username, "password": PASSWORD, "csrf": csrf_from(form)}
            )
            seen: list[tuple[str, dict[str, int]]] = []
            # Last-Event-ID "0.0": as if the reader had been told of nothing yet.
            async with client.stream("GET", "/events", headers={"Last-Event-ID": "0.0"}) as stream:
                assert stream.status_code == 200
                name = ""

                async def read() -> None:
                    nonlocal name
                    async for line in stream.aiter_lines():
                        if line.startswith("event: "):
                            name = line.removeprefix("event: ")
                        elif line.startswith("data: ") and name:
                            seen.append((name, json.loads(line.removeprefix("data: "))))
                            if name == "hits":
                                return  # what this test waits for; no need to read on

                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(read(), timeout=seconds)
            return seen

    # In a thread of its own: Playwright's sync API (the browser tests, earlier in the
    # session) keeps an event loop running in this one, where asyncio.run() is refused.
    with serving(runtime) as base, ThreadPoolExecutor(1) as pool:
        own = pool.submit(asyncio.run, first_events(base, "analyst.nl", 20)).result()  # the first event
        other = pool.submit(asyncio.run, first_events(base, "analyst.be", 4)).result()
        anonymous = httpx2.get(f"{base}/events")
    assert ("hits", {"newest": max(pushed.values()), "since": 0}) in own
    assert [name for name, _ in other if name == "hits"] == []
    assert anonymous.status_code == 401


def test_pushed_hits_count_on_the_dashboard(runtime: Runtime, pushed: dict[str, int]) -> None:
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    board = analyst.get("/", headers=PAGE).text
    assert 'id="new-hit-total" href="/hits?status=new">2<' in board
    assert "KL1234" in board
    data.push(runtime, "NL-PIU", data.pnr("0002", locator="Y8L3MN", leg=data.todays_leg("1240")))
    board = analyst.get("/", headers=PAGE).text
    assert 'id="new-hit-total" href="/hits?status=new">4<' in board
    assert "KL1240" in board
    assert "KL1234" not in Actor(fresh_client(runtime), username="analyst.be").get("/", headers=PAGE).text
