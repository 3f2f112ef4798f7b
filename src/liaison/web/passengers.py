"""The traveller and booking pages: documents, itinerary, co-travellers, and every
PNR version with what changed. Scoped and audited in `services.travel.passengers`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from liaison.http.deps import DbDep, Id
from liaison.services.travel import passengers
from liaison.web.deps import ReaderDep
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/travellers/{traveller_id}", response_class=HTMLResponse)
def traveller_page(request: Request, db: DbDep, reader: ReaderDep, traveller_id: Id) -> Response:
    page = passengers.traveller(db, reader.principal, traveller_id)
    return render(request, "traveller.html", {"page": page}, user=reader.user)


@router.get("/bookings/{booking_id}", response_class=HTMLResponse)
def booking_page(request: Request, db: DbDep, reader: ReaderDep, booking_id: Id) -> Response:
    page = passengers.booking(db, reader.principal, booking_id)
    return render(request, "booking.html", {"page": page}, user=reader.user)
