"""Journeys and co-travellers of a traveller the agency received, and analysts'
decisions on who is whom. Thin over :mod:`liaison.services.travel.journeys`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from liaison.http.deps import DbDep, Id, PrincipalDep
from liaison.http.errors import ERROR_RESPONSES
from liaison.journeys import to_csv, to_graphml
from liaison.services.travel import journeys

router = APIRouter(prefix="/api/v1/journeys", tags=["journeys"], responses=ERROR_RESPONSES)

Purpose = Annotated[
    str, Query(min_length=3, max_length=500, description="why this person is looked at (audited)")
]


class PersonOut(BaseModel):
    traveller_id: int
    records: list[dict[str, Any]]
    links: list[dict[str, Any]]
    strength: float
    trips: list[dict[str, Any]]


class TieOut(BaseModel):
    source: int
    target: int
    strength: float
    bookings: int
    adjacent_seats: int
    shared_contacts: int
    flights: str


class NetworkOut(BaseModel):
    centre: int
    persons: dict[int, str]
    ties: list[TieOut]


class DecisionIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    traveller_a: int = Field(ge=1, le=2**31 - 1)
    traveller_b: int = Field(ge=1, le=2**31 - 1)
    same: bool
    reason: str = Field(min_length=1, max_length=2000)


class DecisionOut(BaseModel):
    traveller_a: int
    traveller_b: int
    same: bool
    reason: str


@router.get("/travellers/{traveller_id}")
def read_journey(db: DbDep, principal: PrincipalDep, traveller_id: Id, purpose: Purpose) -> PersonOut:
    """The person behind a traveller: the records joined, the evidence of each link, and their trips
    (transits, gaps, broken travel, Schengen entries and exits)."""
    view = journeys.journey(db, principal, traveller_id, purpose)
    return PersonOut(**vars(view))


@router.get(
    "/travellers/{traveller_id}/network",
    response_model=None,
    responses={
        200: {
            "content": {"application/json": {}, "application/graphml+xml": {}, "text/csv": {}},
            "description": "the network as JSON, GraphML or CSV",
        }
    },
)
def read_network(
    db: DbDep,
    principal: PrincipalDep,
    traveller_id: Id,
    purpose: Purpose,
    format: Literal["json", "graphml", "csv"] = "json",
    min_strength: Annotated[float, Query(ge=0, le=100)] = 1.0,
) -> NetworkOut | Response:
    """Co-travellers of the person: shared bookings, adjacent seats, shared contacts; as JSON,
    GraphML or CSV."""
    found = journeys.co_travellers(db, principal, traveller_id, purpose, min_strength)
    if format == "graphml":
        return Response(to_graphml(found.ties, found.labels), media_type="application/graphml+xml")
    if format == "csv":
        return PlainTextResponse(to_csv(found.ties), media_type="text/csv")
    return NetworkOut(
        centre=found.centre,
        persons=found.labels,
        ties=[TieOut.model_validate(t.to_row()) for t in found.ties],
    )


@router.get(
    "/travellers/{traveller_id}/pictures/{kind}",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}, "description": "an SVG picture"}},
)
def read_picture(
    db: DbDep,
    principal: PrincipalDep,
    traveller_id: Id,
    kind: Literal["map", "timeline", "network"],
    purpose: Purpose,
) -> Response:
    """The person's flights on a map, along a timeline, or the co-traveller network, as
    self-contained SVG (no tile server, nothing fetched from elsewhere)."""
    svg = journeys.picture(db, principal, traveller_id, kind, purpose)
    return Response(
        svg, media_type="image/svg+xml", headers={"Content-Security-Policy": "default-src 'none'"}
    )


@router.post("/decisions")
def decide(db: DbDep, principal: PrincipalDep, body: DecisionIn) -> DecisionOut:
    """Record that two traveller records are, or are not, the same person."""
    row = journeys.decide(db, principal, body.traveller_a, body.traveller_b, body.same, body.reason)
    return DecisionOut(
        traveller_a=row.traveller_a_id, traveller_b=row.traveller_b_id, same=row.same, reason=row.reason
    )
