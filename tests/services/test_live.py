"""The one live-update loop of the pages and the API (services.live), driven by
hand-made marks: what it tells, from where it starts, and its heartbeat."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from liaison.services import live


def _run(
    marks: Iterator[live.Marks],
    *,
    last_event_id: str | None = None,
    lines: int = 4,
) -> list[str]:
    """The first ``lines`` chunks the stream yields while ``marks`` gives each read in turn."""
    latest: list[live.Marks] = []

    def read() -> live.Marks:
        latest[:] = [next(marks, latest[0] if latest else (0, 0))]
        return latest[0]

    async def never() -> bool:
        return False

    async def collect() -> list[str]:
        out: list[str] = []
        stream = live.stream(read, live.agency_told, disconnected=never, last_event_id=last_event_id)
        async for chunk in stream:
            out.append(chunk)
            if len(out) == lines:
                break
        await stream.aclose()
        return out

    return asyncio.run(collect())


@pytest.fixture(autouse=True)
def _quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "POLL_SECONDS", 0.001)


def test_it_starts_from_now_and_tells_what_grew() -> None:
    chunks = _run(iter([(5, 7), (5, 7), (6, 7), (6, 9)]), lines=3)
    assert chunks[0] == "retry: 3000\nid: 5.7\n\n"
    assert chunks[1] == 'id: 6.7\nevent: hits\ndata: {"newest": 6, "since": 5}\n\n'
    assert chunks[2] == 'id: 6.9\nevent: messages\ndata: {"newest": 9, "since": 7}\n\n'


def test_it_resumes_from_the_last_event_id_the_reader_sent() -> None:
    chunks = _run(iter([(5, 7)]), last_event_id="3.7", lines=2)
    assert chunks[0] == "retry: 3000\nid: 3.7\n\n"
    assert chunks[1] == 'id: 5.7\nevent: hits\ndata: {"newest": 5, "since": 3}\n\n'


@pytest.mark.parametrize("sent", ["", "3", "3.x", "1.2.3", "-1.2", "9" * 20 + ".1"])
def test_an_id_not_of_this_stream_starts_from_now(sent: str) -> None:
    assert _run(iter([(5, 7)]), last_event_id=sent, lines=1) == ["retry: 3000\nid: 5.7\n\n"]
    assert live.parse_event_id(sent, 2) is None


def test_a_quiet_stream_sends_a_heartbeat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "HEARTBEAT_SECONDS", 0.0)
    chunks = _run(iter([(5, 7)]), lines=3)
    assert chunks[1:] == [": still here\n\n", ": still here\n\n"]


def test_the_room_is_told_when_any_of_its_marks_grows() -> None:
    assert live.room_told((1, 2, 3), (1, 2, 3)) == []
    assert live.room_told((1, 2, 3), (1, 2, 4)) == [("room", {"hit": 1, "report": 2, "alert": 4})]
    assert live.room_told((1, 2, 3), (0, 2, 3)) == []
