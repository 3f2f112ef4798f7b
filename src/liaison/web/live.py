"""Live updates: server-sent events telling a signed-in reader that their agency has
new hits or new messages, so the queue and the inbox refresh without a reload.

An event carries counts and ids only, never personal data: the page then asks for
itself again through the ordinary (audited) route."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import func, or_, select

from liaison.domain.codes import NotificationKind
from liaison.domain.permissions import Permission
from liaison.http.deps import PrincipalDep, RuntimeDep
from liaison.services.identity.principals import Principal
from liaison.services.runtime import Runtime
from liaison.store import schema

router = APIRouter(include_in_schema=False)

POLL_SECONDS = 1.0
HEARTBEAT_SECONDS = 15.0
STREAM_SECONDS = 300.0  # then the browser reconnects (EventSource does so by itself)


@dataclass(frozen=True)
class Marks:
    """The newest hit and message notification the reader has been told of."""

    hit: int
    message: int

    def event_id(self) -> str:
        return f"{self.hit}.{self.message}"

    @classmethod
    def parse(cls, value: str | None) -> Marks | None:
        parts = (value or "").split(".")
        if len(parts) == 2 and all(part.isdigit() for part in parts):
            return cls(int(parts[0]), int(parts[1]))
        return None


def _newest(runtime: Runtime, principal: Principal) -> Marks:
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
        return Marks(hit, message)


def _event(name: str, marks: Marks, data: dict[str, int]) -> str:
    return f"id: {marks.event_id()}\nevent: {name}\ndata: {json.dumps(data)}\n\n"


@router.get("/events")
async def events(request: Request, runtime: RuntimeDep, principal: PrincipalDep) -> StreamingResponse:
    """`hits` when the agency has new hits, `messages` when a message reached it."""
    loop = asyncio.get_running_loop()

    async def stream() -> AsyncIterator[str]:
        now = await asyncio.to_thread(_newest, runtime, principal)
        marks = Marks.parse(request.headers.get("last-event-id")) or now
        yield f"retry: 3000\nid: {marks.event_id()}\n\n"
        ends, quiet_since = loop.time() + STREAM_SECONDS, loop.time()
        while loop.time() < ends and not await request.is_disconnected():
            if now.hit > marks.hit:
                yield _event("hits", now, {"newest": now.hit, "since": marks.hit})
                quiet_since = loop.time()
            if now.message > marks.message:
                yield _event("messages", now, {"newest": now.message, "since": marks.message})
                quiet_since = loop.time()
            if loop.time() - quiet_since > HEARTBEAT_SECONDS:
                yield ": still here\n\n"
                quiet_since = loop.time()
            marks = Marks(max(marks.hit, now.hit), max(marks.message, now.message))
            await asyncio.sleep(POLL_SECONDS)
            now = await asyncio.to_thread(_newest, runtime, principal)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"X-Accel-Buffering": "no"})
