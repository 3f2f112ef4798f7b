"""Which register records an agency may be matched against: its own and those shared
with it, active and valid today. One rule for hit / no-hit queries, screening and
the person search, kept apart so that each can import it without the others."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, Select, bindparam, or_, select

from liaison.domain.codes import RecordStatus, RegisterKind
from liaison.store import schema


def visible_records(kind: RegisterKind) -> Select[schema.Record]:
    """Active, valid records of this kind shared with an agency (or its own).

    Written with bind parameters (`visible_to(agency_id)` gives them) so that a
    statement built on it once can be kept and run again: building a statement is
    most of what a hit / no-hit query costs (bench/api.py)."""
    # EXISTS on the share's primary key: a per-row probe, where IN (subquery) would
    # materialise every record shared with the agency (bench/api.py: 65 -> 450 queries/s).
    shared = (
        select(schema.RecordShare.record_id)
        .where(
            schema.RecordShare.record_id == schema.Record.id,
            schema.RecordShare.agency_id == _AGENCY,
        )
        .exists()
    )
    return (
        select(schema.Record)
        .join(schema.Register, schema.Register.id == schema.Record.register_id)
        .where(
            schema.Record.kind == kind,
            schema.Record.status == RecordStatus.ACTIVE,
            schema.Record.valid_from <= _TODAY,
            or_(schema.Record.valid_until.is_(None), schema.Record.valid_until >= _TODAY),
            or_(schema.Register.owner_agency_id == _AGENCY, shared),
        )
    )


_AGENCY = bindparam("visible_agency_id", type_=Integer)
_TODAY = bindparam("visible_today", type_=Date)


def visible_to(agency_id: int, **more: object) -> dict[str, object]:
    """The parameters of a statement built on `visible_records`, for today."""
    return {"visible_agency_id": agency_id, "visible_today": date.today(), **more}


def visible_documents_by_key() -> Select[schema.Record]:
    """Visible stolen or lost documents whose number key is one of `keys` (a parameter)."""
    return (
        visible_records(RegisterKind.DOCUMENTS)
        .join(schema.DocumentRecord, schema.DocumentRecord.record_id == schema.Record.id)
        .where(schema.DocumentRecord.number_key.in_(bindparam("keys", expanding=True)))
    )
