"""The owner's registers and records."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from liaison.api.deps import CardKeyDep, DbDep, PageDep, PrincipalDep
from liaison.api.schemas import Page
from liaison.domain.codes import HandlingCode, RecordStatus, RegisterKind
from liaison.services import registers, releases
from liaison.services.records import RecordInput, RecordUpdate, RecordView

router = APIRouter(prefix="/api/v1", tags=["registers"])


class RegisterView(BaseModel):
    id: int
    name: str
    kind: RegisterKind
    description: str


class RegisterInput(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    kind: RegisterKind
    description: str = Field(default="", max_length=2000)


@router.get("/registers")
def list_registers(db: DbDep, principal: PrincipalDep, page: PageDep) -> Page[RegisterView]:
    found = registers.list_registers(db, principal)
    items = [RegisterView(id=r.id, name=r.name, kind=r.kind, description=r.description) for r in found]
    return Page.of(items[page.offset : page.offset + page.limit], page, len(items))


@router.post("/registers", status_code=201)
def create_register(db: DbDep, principal: PrincipalDep, data: RegisterInput) -> RegisterView:
    r = registers.create_register(db, principal, name=data.name, kind=data.kind, description=data.description)
    return RegisterView(id=r.id, name=r.name, kind=r.kind, description=r.description)


@router.get("/registers/{register_id}/records")
def list_records(
    db: DbDep,
    principal: PrincipalDep,
    page: PageDep,
    register_id: int,
    status: Annotated[RecordStatus | None, Query()] = None,
    reference: Annotated[str | None, Query(max_length=64)] = None,
    handling_code: Annotated[HandlingCode | None, Query()] = None,
) -> Page[RecordView]:
    items, total = registers.list_records(
        db, principal, register_id, page, status=status, reference=reference, handling_code=handling_code
    )
    return Page.of(items, page, total)


@router.post("/registers/{register_id}/records", status_code=201)
def create_record(
    db: DbDep, principal: PrincipalDep, key: CardKeyDep, register_id: int, data: RecordInput
) -> RecordView:
    return registers.create_record(db, principal, register_id, data, key)


@router.get("/records/{record_id}")
def read_record(
    db: DbDep,
    principal: PrincipalDep,
    record_id: int,
    purpose: Annotated[str | None, Query(max_length=500)] = None,
) -> RecordView:
    return registers.read_record(db, principal, record_id, purpose)


@router.patch("/records/{record_id}")
def update_record(
    db: DbDep, principal: PrincipalDep, key: CardKeyDep, record_id: int, changes: RecordUpdate
) -> RecordView:
    return registers.update_record(db, principal, record_id, changes, key)


class Reason(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


@router.post("/records/{record_id}/invalidate")
def invalidate_record(db: DbDep, principal: PrincipalDep, record_id: int, body: Reason) -> RecordView:
    return registers.invalidate_record(db, principal, record_id, body.reason)


class PassOn(BaseModel):
    to_agency: str = Field(min_length=2, max_length=32)
    purpose: str = Field(min_length=1, max_length=2000)


@router.post("/records/{record_id}/pass-on", status_code=204)
def pass_on(db: DbDep, principal: PrincipalDep, record_id: int, body: PassOn) -> None:
    """Give a further agency access to a record; refused under H2 unless you own it."""
    releases.pass_on(db, principal, record_id, body.to_agency, body.purpose)
