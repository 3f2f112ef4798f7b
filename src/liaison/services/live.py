"""Live updates as server-sent events, one loop for the pages and the API.

A stream watches a few "marks" (the newest id of hits, messages, field reports…
the reader may see) and tells what grew, with the marks as the event's id. A
browser that reconnects sends the last id it saw (`Last-Event-ID`) and is told
what it missed; a quiet stream sends a comment now and then so proxies do not
cut it; after a few minutes it ends and the browser reconnects by itself.

An event carries counts and ids only, never personal data: the page or client
then asks again through the ordinary (audited) route.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator, Awaitable, Callable

from sqlalchemy import func, or_, select

from liaison.domain.codes import NotificationKind
from liaison.domain.permissions import Permission
from liaison.services.identity.principals import Principal
from liaison.services.operations import operations
from liaison.services.runtime import Runtime
from liaison.store import schema

POLL_SECONDS = 1.0
HEARTBEAT_SECONDS = 15.0
STREAM_SECONDS = 300.0  # then the browser reconnects (EventSource does so by itself)
RETRY_MILLISECONDS = 3000
MEDIA_TYPE = "text/event-stream"
HEADERS = {"X-Accel-Buffering": "no"}  # nginx would hold the events back otherwise

Marks = tuple[int, ...]
Told = list[tuple[str, dict[str, int]]]


def event_id(marks: Marks) -> str:
    return ".".join(str(mark) for mark in marks)


def parse_event_id(value: str | None, size: int) -> Marks | None:
    """The marks a `Last-Event-ID` names, if it is one of ours of this size."""
    parts = (value or "").split(".")
    if len(parts) == size and all(part.isdigit() and len(part) <= 19 for part in parts):
        return tuple(int(part) for part in parts)
    return None


async def stream(
    read: Callable[[], Marks],
    told: Callable[[Marks, Marks], Told],
    *,
    disconnected: Callable[[], Awaitable[bool]],
    last_event_id: str | None = None,
    first: Marks | None = None,
) -> AsyncGenerator[str]:
    """The event stream: ``read`` gives the current marks (run in a thread: it asks the
    database), ``told`` the events between what the reader knows and now. Starts from
    ``last_event_id`` when the reader sent one, else from now (``first`` if read already)."""
    loop = asyncio.get_running_loop()
    now = first if first is not None else await asyncio.to_thread(read)
    marks = parse_event_id(last_event_id, len(now)) or now
    yield f"retry: {RETRY_MILLISECONDS}\nid: {event_id(marks)}\n\n"
    ends, quiet_since = loop.time() + STREAM_SECONDS, loop.time()
    while loop.time() < ends and not await disconnected():
        events = told(marks, now)
        marks = tuple(max(known, seen) for known, seen in zip(marks, now, strict=True))
        for name, data in events:
            yield f"id: {event_id(marks)}\nevent: {name}\ndata: {json.dumps(data)}\n\n"
            quiet_since = loop.time()
        if loop.time() - quiet_since > HEARTBEAT_SECONDS:
            yield ": still here\n\n"
            quiet_since = loop.time()
        await asyncio.sleep(POLL_SECONDS)
        now = await asyncio.to_thread(read)


# --- what the pages watch: the agency's hits and the messages that reached it ------


def agency_marks(runtime: Runtime, principal: Principal) -> Marks:
    """The newest hit and case-message notification the reader may see (0 without the right)."""
    with runtime.autocommit() as session:
        hit = 0
        if principal.can(Permission.REVIEW_HITS):
            hit = (
                session.scalar(
                    select(func.max(schema.Hit.id)).where(schema.Hit.agency_id == principal.agency_id)
                )
                or 0
            )
        message = 0
        if principal.can(Permission.EXCHANGE_READ):
            message = (
                session.scalar(
                    select(func.max(schema.Notification.id)).where(
                        schema.Notification.agency_id == principal.agency_id,
                        schema.Notification.kind == NotificationKind.CASE_MESSAGE,
                        or_(
                            schema.Notification.user_id.is_(None),
                            schema.Notification.user_id == principal.user_id,
                        ),
                    )
                )
                or 0
            )
        return (hit, message)


def agency_told(known: Marks, now: Marks) -> Told:
    """`hits` when the agency has new hits, `messages` when a message reached it."""
    events: Told = []
    for name, before, newest in zip(("hits", "messages"), known, now, strict=True):
        if newest > before:
            events.append((name, {"newest": newest, "since": before}))
    return events


# --- what an operation's room watches ------------------------------------------------


def room_marks(runtime: Runtime, principal: Principal, operation_id: int) -> Marks:
    """The newest hit of the participants, field report and fraud alert: the room
    changes when one of them does (NotFound if the reader's agency takes no part)."""
    with runtime.autocommit() as session:
        _, participants = operations.readable(session, principal, operation_id)
        hit = session.scalar(select(func.max(schema.Hit.id)).where(schema.Hit.agency_id.in_(participants)))
        report = session.scalar(
            select(func.max(schema.FieldReport.id)).where(schema.FieldReport.operation_id == operation_id)
        )
        alert = session.scalar(select(func.max(schema.FraudAlert.id)))
        return (hit or 0, report or 0, alert or 0)


def room_told(known: Marks, now: Marks) -> Told:
    """`room` whenever a hit, a field report or a fraud alert arrived."""
    if any(newest > before for before, newest in zip(known, now, strict=True)):
        return [("room", {"hit": now[0], "report": now[1], "alert": now[2]})]
    return []
