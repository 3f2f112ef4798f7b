"""The owner's side of a register: create, list, read, change, invalidate, share.

Only the owner agency sees its records, except a record it has released to
another agency (see services.registers.releases). Every read of a record is audited.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from liaison.domain.cards import fingerprint_card, mask_card_numbers_in_text
from liaison.domain.codes import RecordStatus, RegisterKind
from liaison.domain.documents import document_number_key
from liaison.domain.errors import Conflict, InvalidInput, NotFound
from liaison.domain.permissions import Permission
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.paging import PageRequest, apply_page, count_rows
from liaison.services.registers.records import (
    CardInput,
    CodesInput,
    Details,
    DocumentInput,
    PersonInput,
    RecordInput,
    RecordUpdate,
    RecordView,
    codes_view,
    details_view,
)
from liaison.store import schema
from liaison.store.types import utcnow


def list_registers(session: Session, principal: Principal) -> list[schema.Register]:
    principal.require(Permission.REGISTER_READ)
    query = (
        select(schema.Register)
        .where(schema.Register.owner_agency_id == principal.agency_id)
        .order_by(schema.Register.name)
    )
    return list(session.scalars(query))


def create_register(
    session: Session, principal: Principal, *, name: str, kind: RegisterKind, description: str = ""
) -> schema.Register:
    principal.require(Permission.REGISTER_WRITE)
    name = mask_card_numbers_in_text(name.strip())
    description = mask_card_numbers_in_text(description)
    if not name:
        raise InvalidInput("name: must not be empty")
    exists = select(schema.Register).where(
        schema.Register.owner_agency_id == principal.agency_id, schema.Register.name == name
    )
    if session.scalar(exists) is not None:
        raise Conflict(f"your agency already has a register named {name!r}")
    register = schema.Register(
        owner_agency_id=principal.agency_id, kind=kind, name=name, description=description
    )
    session.add(register)
    session.flush()
    audit.record(
        session, "register_created", principal=principal, object_type="register", object_id=register.id
    )
    return register


def own_register(session: Session, principal: Principal, register_id: int) -> schema.Register:
    """The register if the principal's agency owns it; otherwise it does not exist for them."""
    register = session.get(schema.Register, register_id)
    if register is None or register.owner_agency_id != principal.agency_id:
        raise NotFound(f"no register {register_id}")
    return register


RECORD_SORTS = {
    "id": schema.Record.id,
    "reference": schema.Record.reference,
    "created_at": schema.Record.created_at,
    "updated_at": schema.Record.updated_at,
    "handling_code": schema.Record.handling_code,
}


def list_records(
    session: Session,
    principal: Principal,
    register_id: int,
    page: PageRequest,
    *,
    status: RecordStatus | None = None,
    reference: str | None = None,
    handling_code: str | None = None,
) -> tuple[list[RecordView], int]:
    principal.require(Permission.REGISTER_READ)
    register = own_register(session, principal, register_id)
    query: Select[schema.Record] = select(schema.Record).where(schema.Record.register_id == register.id)
    if status is not None:
        query = query.where(schema.Record.status == status)
    if reference:
        query = query.where(schema.Record.reference.contains(reference, autoescape=True))
    if handling_code:
        query = query.where(schema.Record.handling_code == handling_code)
    total = count_rows(session, query)
    records = session.scalars(apply_page(_with_details(query), page, RECORD_SORTS, default="id")).all()
    audit.record(
        session,
        "records_listed",
        principal=principal,
        object_type="register",
        object_id=register.id,
        detail={"record_ids": [r.id for r in records]},
    )
    return [view(record, principal) for record in records], total


def _with_details(query: Select[schema.Record]) -> Select[schema.Record]:
    return query.options(
        selectinload(schema.Record.shares),
        selectinload(schema.Record.person).selectinload(schema.PersonRecord.names),
        selectinload(schema.Record.person).selectinload(schema.PersonRecord.nationalities),
        selectinload(schema.Record.person).selectinload(schema.PersonRecord.documents),
        selectinload(schema.Record.document),
        selectinload(schema.Record.card),
        selectinload(schema.Record.register),
    )


def view(record: schema.Record, principal: Principal) -> RecordView:
    owner = record.register.owner_agency_id == principal.agency_id
    return RecordView(
        id=record.id,
        register_id=record.register_id,
        owner=record.register.owner.code,
        kind=record.kind,
        reference=record.reference,
        status=record.status,
        codes=codes_view(record),
        shared_with=sorted(_agency_codes(record)) if owner else None,
        released=not owner,
        details=details_view(record),
    )


def _agency_codes(record: schema.Record) -> list[str]:
    session = Session.object_session(record)
    assert session is not None
    ids = [share.agency_id for share in record.shares]
    if not ids:
        return []
    return list(session.scalars(select(schema.Agency.code).where(schema.Agency.id.in_(ids))))


def readable_record(session: Session, principal: Principal, record_id: int) -> schema.Record:
    """A record the principal's agency owns or has had released to it."""
    record = session.scalar(_with_details(select(schema.Record).where(schema.Record.id == record_id)))
    if record is None:
        raise NotFound(f"no record {record_id}")
    if record.register.owner_agency_id == principal.agency_id:
        return record
    released = session.get(schema.RecordRelease, (record.id, principal.agency_id))
    if released is None:
        raise NotFound(f"no record {record_id}")
    return record


def read_record(
    session: Session, principal: Principal, record_id: int, purpose: str | None = None
) -> RecordView:
    principal.require(Permission.REGISTER_READ)
    record = readable_record(session, principal, record_id)
    audit.record(
        session,
        "record_read",
        principal=principal,
        object_type="record",
        object_id=record.id,
        purpose=purpose,
    )
    return view(record, principal)


def create_record(
    session: Session,
    principal: Principal,
    register_id: int,
    data: RecordInput,
    card_key: bytes,
    *,
    audited: bool = True,
) -> RecordView:
    principal.require(Permission.REGISTER_WRITE)
    register = own_register(session, principal, register_id)
    _check_kind(register, data.details)
    duplicate = select(schema.Record.id).where(
        schema.Record.register_id == register.id, schema.Record.reference == data.reference
    )
    if session.scalar(duplicate) is not None:
        raise Conflict(f"reference: {data.reference!r} already exists in this register")
    record = schema.Record(register=register, kind=register.kind, reference=data.reference)
    _apply_codes(record, data.codes)
    _apply_details(record, data.details, card_key)
    session.add(record)
    session.flush()
    set_shares(session, principal, record, data.shared_with)
    if audited:
        audit.record(
            session, "record_created", principal=principal, object_type="record", object_id=record.id
        )
    return view(record, principal)


def update_record(
    session: Session,
    principal: Principal,
    record_id: int,
    changes: RecordUpdate,
    card_key: bytes,
    *,
    audited: bool = True,
) -> RecordView:
    principal.require(Permission.REGISTER_WRITE)
    record = _own_record(session, principal, record_id)
    if record.status is RecordStatus.INVALIDATED:
        raise Conflict(f"record {record_id} is invalidated and can no longer change")
    if changes.codes is not None:
        _apply_codes(record, changes.codes)
    if changes.details is not None:
        _check_kind(record.register, changes.details)
        _apply_details(record, changes.details, card_key)
    if changes.shared_with is not None:
        set_shares(session, principal, record, changes.shared_with)
    record.updated_at = utcnow()
    session.flush()
    if audited:
        audit.record(
            session, "record_updated", principal=principal, object_type="record", object_id=record.id
        )
    return view(record, principal)


def invalidate_record(session: Session, principal: Principal, record_id: int, reason: str) -> RecordView:
    principal.require(Permission.REGISTER_WRITE)
    if not reason.strip():
        raise InvalidInput("reason: say why the record is invalidated")
    record = _own_record(session, principal, record_id)
    record.status = RecordStatus.INVALIDATED
    record.valid_until = min(date.today(), record.valid_until or date.today())
    if record.valid_until < record.valid_from:
        record.valid_until = record.valid_from
    record.updated_at = utcnow()
    audit.record(
        session,
        "record_invalidated",
        principal=principal,
        object_type="record",
        object_id=record.id,
        detail={"reason": reason},
    )
    return view(record, principal)


MAX_AGENCY_CODE = 32  # as services.identity.accounts.create_agency allows


def agency_codes(text: str | None, field: str = "shared_with") -> list[str]:
    """Agency codes typed as one line (``FR-PIU, BE-PIU`` or ``FR-PIU BE-PIU``): the
    API's query, the page's field and the command's option all read them here.
    Each is upper-cased, once; whether the agency exists is checked when sharing."""
    codes: list[str] = []
    for word in (text or "").replace(",", " ").split():
        code = word.upper()
        if len(code) > MAX_AGENCY_CODE:
            raise InvalidInput(
                f"{field}: {word[:40]!r} is not an agency code (at most {MAX_AGENCY_CODE} characters)"
            )
        if code not in codes:
            codes.append(code)
    return codes


def set_shares(
    session: Session, principal: Principal, record: schema.Record, agency_codes: list[str]
) -> None:
    codes = sorted({code.strip().upper() for code in agency_codes if code.strip()})
    agencies = {
        a.code: a for a in session.scalars(select(schema.Agency).where(schema.Agency.code.in_(codes)))
    }
    unknown = [code for code in codes if code not in agencies]
    if unknown:
        raise InvalidInput(f"shared_with: unknown agencies {', '.join(unknown)}")
    record.shares = [
        schema.RecordShare(agency_id=agency.id)
        for agency in agencies.values()
        if agency.id != principal.agency_id
    ]
    session.flush()


def _own_record(session: Session, principal: Principal, record_id: int) -> schema.Record:
    record = readable_record(session, principal, record_id)
    if record.register.owner_agency_id != principal.agency_id:
        raise NotFound(f"no record {record_id}")
    return record


def _check_kind(register: schema.Register, details: Details) -> None:
    if details.kind != register.kind.value:
        raise InvalidInput(f"details.kind: this register holds {register.kind.value}, not {details.kind}")


def _apply_codes(record: schema.Record, codes: CodesInput) -> None:
    record.handling_code = codes.handling_code
    restriction = codes.handling_restriction
    record.handling_restriction = mask_card_numbers_in_text(restriction) if restriction else restriction
    record.source_reliability = codes.source_reliability
    record.information_accuracy = codes.information_accuracy
    record.valid_from = codes.valid_from or record.valid_from or date.today()
    if codes.valid_until is not None and codes.valid_until < record.valid_from:
        # The table's check would refuse it with a 500; say which field and why.
        raise InvalidInput(
            f"codes.valid_until: {codes.valid_until.isoformat()} is before the record's valid_from "
            f"({record.valid_from.isoformat()}, today when not given)"
        )
    record.valid_until = codes.valid_until


def _apply_details(record: schema.Record, details: Details, card_key: bytes) -> None:
    if isinstance(details, PersonInput):
        record.person = schema.PersonRecord(
            category=details.category,
            birth_dates=[schema.PersonBirthDate(value=value) for value in details.birth_dates],
            gender=details.gender,
            place_of_birth=details.place_of_birth,
            remarks=mask_card_numbers_in_text(details.remarks),
            names=[
                schema.PersonName(
                    full_name=n.full_name,
                    given_names=n.given_names,
                    surname=n.surname,
                    script=n.script,
                    is_primary=n.is_primary or index == 0,
                )
                for index, n in enumerate(details.names)
            ],
            nationalities=[schema.PersonNationality(country=c) for c in details.nationalities],
            documents=[
                schema.PersonDocument(
                    document_type=d.document_type, number=d.number, issuing_country=d.issuing_country
                )
                for d in details.documents
            ],
        )
    elif isinstance(details, DocumentInput):
        record.document = schema.DocumentRecord(
            number=details.number,
            number_key=document_number_key(details.number),
            document_type=details.document_type,
            issuing_country=details.issuing_country,
            document_status=details.document_status,
            reported_on=details.reported_on,
        )
    elif isinstance(details, CardInput):
        fingerprint = fingerprint_card(details.number, card_key)
        record.card = schema.CardRecord(
            card_hash=fingerprint.card_hash,
            bin=fingerprint.bin,
            last_four=fingerprint.last_four,
            scheme=details.scheme,
            reported_on=details.reported_on,
        )
