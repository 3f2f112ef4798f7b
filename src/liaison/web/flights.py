"""The flight page: the manifest the reader's agency received, hits marked."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from liaison.http.deps import DbDep, Id
from liaison.services.travel import manifests
from liaison.web.deps import ReaderDep
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/flights/{flight_id}", response_class=HTMLResponse)
def flight_page(request: Request, db: DbDep, reader: ReaderDep, flight_id: Id) -> Response:
    found = manifests.manifest(db, reader.principal, flight_id)
    return render(request, "flight.html", {"manifest": found}, user=reader.user)
