"""Operation pages: the list, the coordination room (live), the field report
page for a phone or tablet, and the printable final report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from liaison.domain.codes import FieldOutcome
from liaison.http.deps import DbDep, Id
from liaison.i18n import N_
from liaison.journeys.pictures import airports_map
from liaison.services.operations import operations
from liaison.web.deps import ReaderDep
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)

# The words the pages show for an operation's status and a field outcome (translated when shown).
LABELS = {
    "planned": N_("Planned"),
    "running": N_("Running"),
    "finished": N_("Finished"),
    FieldOutcome.ARREST.value: N_("Arrest"),
    FieldOutcome.REFUSED_BOARDING.value: N_("Refused boarding"),
    FieldOutcome.RELEASED.value: N_("Released"),
    FieldOutcome.SEIZURE.value: N_("Seizure"),
    FieldOutcome.NO_ACTION.value: N_("No action"),
}


@router.get("/operations", response_class=HTMLResponse)
def operations_page(request: Request, db: DbDep, reader: ReaderDep) -> Response:
    found = operations.list_operations(db, reader.principal)
    return render(request, "operations.html", {"operations": found, "labels": LABELS}, user=reader.user)


def _map(room: operations.Room) -> Markup:
    counts = room.figures.by_airport
    points = [(code, sum(counts.get(code, {}).values())) for code in room.figures.airports]
    return Markup(airports_map(points))  # noqa: S704 (our own SVG, every text escaped)


@router.get("/operations/{operation_id}", response_class=HTMLResponse)
def room_page(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    operation_id: Id,
    airport: Annotated[str | None, Query(max_length=3)] = None,
    country: Annotated[str | None, Query(max_length=2)] = None,
) -> Response:
    room = operations.room(db, reader.principal, operation_id, airport or None, country or None)
    return render(
        request,
        "room.html",
        {
            "room": room,
            "map": _map(room),
            "airport": airport or "",
            "country": country or "",
            "live": "room",
            "labels": LABELS,
            "events": f"/api/v1/operations/{operation_id}/events",
        },
        user=reader.user,
    )


@router.get("/operations/{operation_id}/report", response_class=HTMLResponse)
def report_page(request: Request, db: DbDep, reader: ReaderDep, operation_id: Id) -> Response:
    room = operations.room(db, reader.principal, operation_id)
    return render(
        request,
        "operation_report.html",
        {"room": room, "map": _map(room), "labels": LABELS},
        user=reader.user,
    )


@router.get("/operations/{operation_id}/field", response_class=HTMLResponse)
def field_page(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    operation_id: Id,
    done: Annotated[int | None, Query()] = None,
) -> Response:
    room = operations.room(db, reader.principal, operation_id)
    own = [hit for hit in room.hits if hit.traveller is not None]
    return render(
        request,
        "field_report.html",
        {"room": room, "hits": own, "outcomes": list(FieldOutcome), "done": done, "labels": LABELS},
        user=reader.user,
    )


@router.post("/operations/{operation_id}/field")
def field_report(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    operation_id: Id,
    hit_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
    outcome: Annotated[FieldOutcome, Form()],
    airport: Annotated[str, Form(min_length=3, max_length=3)],
    text: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    report = operations.report_outcome(db, reader.principal, operation_id, hit_id, outcome, airport, text)
    return RedirectResponse(f"/operations/{operation_id}/field?done={report.hit_id}", status_code=303)
