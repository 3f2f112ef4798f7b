"""Live updates: server-sent events telling a signed-in reader that their agency has
new hits or new messages, so the queue and the inbox refresh without a reload.
The loop (heartbeat, `Last-Event-ID`) is `services.live`'s, shared with the API."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from liaison.http.deps import PrincipalDep, RuntimeDep
from liaison.services import live

router = APIRouter(include_in_schema=False)


@router.get("/events")
async def events(request: Request, runtime: RuntimeDep, principal: PrincipalDep) -> StreamingResponse:
    """`hits` when the agency has new hits, `messages` when a message reached it."""
    stream = live.stream(
        partial(live.agency_marks, runtime, principal),
        live.agency_told,
        disconnected=request.is_disconnected,
        last_event_id=request.headers.get("last-event-id"),
    )
    return StreamingResponse(stream, media_type=live.MEDIA_TYPE, headers=live.HEADERS)
