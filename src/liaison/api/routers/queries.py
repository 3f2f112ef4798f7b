"""Hit / no-hit queries and the road from a hit to the details."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from liaison.api.schemas import Page
from liaison.api.transactions import INLINE_ITEMS, in_transaction
from liaison.http.deps import CardKeyDep, DbDep, Id, PrincipalDep, RuntimeDep, paging
from liaison.http.errors import ERROR_RESPONSES
from liaison.services.paging import PageRequest
from liaison.services.registers import queries, query_hits, releases
from liaison.services.registers.queries import BatchAnswer, CardQuery, DocumentQuery, PersonQuery
from liaison.services.registers.query_hits import QueryHitView
from liaison.services.registers.releases import DetailRequestView, NotificationView

router = APIRouter(prefix="/api/v1", tags=["hit / no-hit"], responses=ERROR_RESPONSES)


class DocumentQueries(BaseModel):
    purpose: str = Field(min_length=1, max_length=2000, description="why you ask; required and audited")
    items: list[DocumentQuery] = Field(min_length=1, max_length=queries.MAX_BATCH)


class PersonQueries(BaseModel):
    purpose: str = Field(min_length=1, max_length=2000, description="why you ask; required and audited")
    items: list[PersonQuery] = Field(min_length=1, max_length=queries.MAX_BATCH)


class CardQueries(BaseModel):
    purpose: str = Field(min_length=1, max_length=2000)
    items: list[CardQuery] = Field(min_length=1, max_length=queries.MAX_BATCH)


# The hit / no-hit routes open their own transaction, held only while the
# query runs: on SQLite the writer lock is then not held across the rest of
# the request (bench/api.py: 114 -> 139 queries/s served). Short document and
# card batches run on the event loop (see liaison.api.transactions).


@router.post("/queries/documents")
async def query_documents(runtime: RuntimeDep, principal: PrincipalDep, body: DocumentQueries) -> BatchAnswer:
    return await in_transaction(
        runtime,
        lambda db: queries.query_documents(db, principal, body.items, body.purpose),
        short=len(body.items) <= INLINE_ITEMS,
    )


@router.post("/queries/persons")
def query_persons(runtime: RuntimeDep, principal: PrincipalDep, body: PersonQueries) -> BatchAnswer:
    """Names in any script or spelling, with birth date and nationality when known."""
    # Always in the thread pool: the matching engine may first rebuild an index.
    with runtime.transaction() as db:
        return queries.query_persons(db, principal, body.items, body.purpose, runtime.person_indexes)


@router.post("/queries/cards")
async def query_cards(
    runtime: RuntimeDep, principal: PrincipalDep, key: CardKeyDep, body: CardQueries
) -> BatchAnswer:
    return await in_transaction(
        runtime,
        lambda db: queries.query_cards(db, principal, body.items, body.purpose, key),
        short=len(body.items) <= INLINE_ITEMS,
    )


@router.get("/query-hits/{query_hit_id}")
def read_query_hit(db: DbDep, principal: PrincipalDep, query_hit_id: Id) -> QueryHitView:
    """A hit of your agency's queries (score and explanation once the owner released
    the details) or on your agency's records (always in full)."""
    return query_hits.read_query_hit(db, principal, query_hit_id)


class Justification(BaseModel):
    justification: str = Field(min_length=1, max_length=4000)


@router.post("/query-hits/{query_hit_id}/detail-requests", status_code=201)
def request_details(
    db: DbDep, principal: PrincipalDep, query_hit_id: Id, body: Justification
) -> DetailRequestView:
    return releases.request_details(db, principal, query_hit_id, body.justification)


@router.get("/detail-requests")
def list_detail_requests(
    db: DbDep,
    principal: PrincipalDep,
    page: Annotated[PageRequest, paging(*releases.REQUEST_SORTS)],
    direction: Annotated[Literal["incoming", "outgoing"], Query()] = "incoming",
) -> Page[DetailRequestView]:
    return Page.of(releases.list_requests(db, principal, direction, page), page)


class Decision(BaseModel):
    reason: str = Field(default="", max_length=2000)


@router.post("/detail-requests/{request_id}/approve")
def approve(db: DbDep, principal: PrincipalDep, request_id: Id, body: Decision) -> DetailRequestView:
    return releases.decide(db, principal, request_id, approve=True, reason=body.reason)


@router.post("/detail-requests/{request_id}/refuse")
def refuse(db: DbDep, principal: PrincipalDep, request_id: Id, body: Decision) -> DetailRequestView:
    return releases.decide(db, principal, request_id, approve=False, reason=body.reason)


@router.get("/notifications")
def list_notifications(
    db: DbDep,
    principal: PrincipalDep,
    page: Annotated[PageRequest, paging(*releases.NOTIFICATION_SORTS)],
    unread: Annotated[bool, Query()] = False,
) -> Page[NotificationView]:
    return Page.of(releases.notifications(db, principal, page, unread), page)
