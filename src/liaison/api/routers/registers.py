"""The owner's registers and records."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field, ValidationError

from liaison.api.schemas import Page
from liaison.domain.codes import (
    HandlingCode,
    InformationAccuracy,
    PersonCategory,
    RecordStatus,
    RegisterKind,
    SourceReliability,
)
from liaison.domain.errors import Forbidden, InvalidInput
from liaison.http.deps import CardKeyDep, DbDep, Id, PrincipalDep, RawBodyDep, RuntimeDep, paging
from liaison.http.errors import ERROR_RESPONSES
from liaison.services.paging import PageRequest
from liaison.services.registers import changes as register_changes
from liaison.services.registers import registers, releases
from liaison.services.registers.imports import ImportFormat
from liaison.services.registers.records import CodesInput, RecordInput, RecordUpdate, RecordView

router = APIRouter(prefix="/api/v1", tags=["registers"], responses=ERROR_RESPONSES)


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
def list_registers(
    db: DbDep, principal: PrincipalDep, page: Annotated[PageRequest, paging()]
) -> Page[RegisterView]:
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
    page: Annotated[PageRequest, paging(*registers.RECORD_SORTS)],
    register_id: Id,
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
    db: DbDep,
    principal: PrincipalDep,
    runtime: RuntimeDep,
    key: CardKeyDep,
    register_id: Id,
    data: RecordInput,
) -> RecordView:
    return register_changes.create_record(db, runtime, principal, register_id, data, key)


@router.get("/records/{record_id}")
def read_record(
    db: DbDep,
    principal: PrincipalDep,
    record_id: Id,
    purpose: Annotated[str | None, Query(max_length=500)] = None,
) -> RecordView:
    return registers.read_record(db, principal, record_id, purpose)


@router.patch("/records/{record_id}")
def update_record(
    db: DbDep,
    principal: PrincipalDep,
    runtime: RuntimeDep,
    key: CardKeyDep,
    record_id: Id,
    changes: RecordUpdate,
) -> RecordView:
    return register_changes.update_record(db, runtime, principal, record_id, changes, key)


class Reason(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


@router.post("/records/{record_id}/invalidate")
def invalidate_record(
    db: DbDep, principal: PrincipalDep, runtime: RuntimeDep, record_id: Id, body: Reason
) -> RecordView:
    return register_changes.invalidate_record(db, runtime, principal, record_id, body.reason)


SHOWN_WARNINGS = 100


class ImportReportView(BaseModel):
    read: int
    added: int
    updated: int
    unchanged: int
    dry_run: bool
    warnings: list[str] = Field(description="the first 100 warnings, or all with all_warnings=true")
    rejected: int = 0
    left_out: dict[str, int] = Field(default_factory=dict, description="values left out, counted by field")
    warnings_total: int = 0


@router.post(
    "/registers/{register_id}/import",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
                "application/xml": {"schema": {"type": "string"}},
            },
        }
    },
)
def import_register(
    db: DbDep,
    principal: PrincipalDep,
    runtime: RuntimeDep,
    key: CardKeyDep,
    body: RawBodyDep,
    register_id: Id,
    format: Annotated[ImportFormat, Query(description="auto, ftm (JSON lines), un-xml or csv")] = "auto",
    category: Annotated[PersonCategory, Query()] = PersonCategory.WANTED,
    handling_code: Annotated[HandlingCode, Query()] = HandlingCode.H0,
    handling_restriction: Annotated[str | None, Query(max_length=2000)] = None,
    source_reliability: Annotated[SourceReliability, Query()] = SourceReliability.X,
    information_accuracy: Annotated[InformationAccuracy, Query()] = InformationAccuracy.CANNOT_BE_JUDGED,
    shared_with: Annotated[str | None, Query(description="agency codes, commas or spaces")] = None,
    dry_run: Annotated[bool, Query(description="report what would change, change nothing")] = False,
    all_warnings: Annotated[bool, Query(description="return every warning, not only the first 100")] = False,
) -> ImportReportView:
    """Import persons from a file, all or nothing; records are matched on the source's ids.
    The entries added or updated are screened against recent and upcoming travellers."""
    try:
        codes = CodesInput(
            handling_code=handling_code,
            handling_restriction=handling_restriction,
            source_reliability=source_reliability,
            information_accuracy=information_accuracy,
        )
    except ValidationError as exc:
        raise InvalidInput(exc.errors()[0]["msg"]) from None
    report = register_changes.import_persons(
        db,
        runtime,
        principal,
        register_id,
        body,
        card_key=key,
        format=format,
        category=category,
        codes=codes,
        shared_with=registers.agency_codes(shared_with),
        dry_run=dry_run,
    )
    return ImportReportView(
        read=report.read,
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        dry_run=report.dry_run,
        warnings=report.warnings if all_warnings else report.warnings[:SHOWN_WARNINGS],
        rejected=report.rejected,
        left_out=report.left_out,
        warnings_total=len(report.warnings),
    )


class PassOn(BaseModel):
    to_agency: str = Field(min_length=2, max_length=32)
    purpose: str = Field(min_length=1, max_length=2000)


@router.post("/records/{record_id}/pass-on", status_code=204)
def pass_on(db: DbDep, principal: PrincipalDep, record_id: Id, body: PassOn) -> None:
    """Give a further agency access to a record (needs details:decide); refused under H2 unless you own it."""
    try:
        releases.pass_on(db, principal, record_id, body.to_agency, body.purpose)
    except Forbidden:
        db.commit()  # keep the audit of the refused attempt
        raise
