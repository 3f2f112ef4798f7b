"""The journey page: the person behind a traveller, their trips on a map and a
timeline, their co-travellers; an analyst splits a wrong link here. Personal
data of mostly innocent people: the page asks why before it shows anything,
and that purpose goes into the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.datastructures import URL

from liaison.http.deps import DbDep, Id
from liaison.services.travel import journeys
from liaison.web.deps import ReaderDep
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/travellers/{traveller_id}/journey", response_class=HTMLResponse)
def journey_page(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    traveller_id: Id,
    purpose: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    if not purpose or len(purpose.strip()) < 3:
        return render(request, "journey_purpose.html", {"traveller_id": traveller_id}, user=reader.user)
    purpose = purpose.strip()
    person = journeys.journey(db, reader.principal, traveller_id, purpose)
    pictures = {
        kind: Markup(journeys.picture(db, reader.principal, traveller_id, kind, purpose))  # noqa: S704 (our own SVG, every text escaped)
        for kind in ("map", "timeline", "network")
    }
    return render(
        request,
        "journey.html",
        {"person": person, "pictures": pictures, "purpose": purpose, "traveller_id": traveller_id},
        user=reader.user,
    )


@router.post("/travellers/{traveller_id}/journey/split")
def split(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    traveller_id: Id,
    other: Annotated[int, Form(ge=1, le=2**31 - 1)],
    reason: Annotated[str, Form(min_length=1, max_length=2000)],
    purpose: Annotated[str, Form(min_length=3, max_length=500)],
) -> Response:
    """Record that two records are not the same person, then show the journey again."""
    journeys.decide(db, reader.principal, traveller_id, other, False, reason)
    return RedirectResponse(
        URL(request.app.url_path_for("journey_page", traveller_id=traveller_id)).include_query_params(
            purpose=purpose
        ),
        status_code=303,
    )
