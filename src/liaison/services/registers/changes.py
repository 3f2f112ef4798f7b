"""A register changed: the use cases behind every door (API, pages, command line).

Whatever changed a register — a record added, edited or invalidated, or a whole
file imported — this process's person index is told to look again, and the
records added or changed are screened against recent and upcoming travellers
in the same transaction as the change (so the change and its hits commit
together). An import re-screens its records in bulk, as one change.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from liaison.domain.codes import PersonCategory
from liaison.domain.permissions import Permission
from liaison.services.identity.principals import Principal, command_line_principal
from liaison.services.pipeline import pipeline
from liaison.services.registers import imports, registers
from liaison.services.registers.imports import ImportFormat, ImportReport
from liaison.services.registers.records import CodesInput, RecordInput, RecordUpdate, RecordView
from liaison.services.runtime import Runtime


def changed(session: Session, runtime: Runtime, record_ids: list[int]) -> int:
    """After any register change: the next search sees it, and the records added or
    changed are re-screened now; returns the hits created or updated."""
    runtime.person_indexes.invalidate()
    if not record_ids:
        return 0
    return pipeline.rescreen_in(session, runtime.settings, record_ids)


def create_record(
    session: Session,
    runtime: Runtime,
    principal: Principal,
    register_id: int,
    data: RecordInput,
    card_key: bytes,
) -> RecordView:
    # A refusal half-way (an unknown agency in shared_with, found after the record
    # is flushed) leaves nothing behind, even where the caller goes on and commits.
    with session.begin_nested():
        made = registers.create_record(session, principal, register_id, data, card_key)
    changed(session, runtime, [made.id])
    return made


def update_record(
    session: Session,
    runtime: Runtime,
    principal: Principal,
    record_id: int,
    changes: RecordUpdate,
    card_key: bytes,
) -> RecordView:
    with session.begin_nested():
        after = registers.update_record(session, principal, record_id, changes, card_key)
    changed(session, runtime, [after.id])
    return after


def invalidate_record(
    session: Session, runtime: Runtime, principal: Principal, record_id: int, reason: str
) -> RecordView:
    """An invalidated record raises no new hit: only the index is told."""
    after = registers.invalidate_record(session, principal, record_id, reason)
    changed(session, runtime, [])
    return after


def import_persons(
    session: Session,
    runtime: Runtime,
    principal: Principal,
    register_id: int,
    data: bytes,
    *,
    card_key: bytes,
    format: ImportFormat = "auto",
    category: PersonCategory = PersonCategory.WANTED,
    codes: CodesInput | None = None,
    shared_with: list[str] | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """A file into one of the agency's registers, all or nothing; the entries added
    or updated are re-screened together (a dry run changes nothing, screens nothing)."""
    report = imports.import_persons(
        session,
        principal,
        register_id,
        data,
        card_key=card_key,
        format=format,
        category=category,
        codes=codes,
        shared_with=shared_with,
        dry_run=dry_run,
    )
    if not dry_run:
        changed(session, runtime, report.changed_records)
    return report


def import_persons_named(
    runtime: Runtime,
    owner: str,
    register_name: str,
    data: bytes,
    *,
    format: ImportFormat = "auto",
    category: PersonCategory = PersonCategory.WANTED,
    codes: CodesInput | None = None,
    shared_with: list[str] | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """The command line's import: as the owner agency's console, into its register
    called ``register_name`` (created if missing), in a transaction of its own."""
    with runtime.transaction() as session:
        principal = command_line_principal(
            session, owner, {Permission.REGISTER_READ, Permission.REGISTER_WRITE}
        )
        register = imports.find_or_create_register(session, principal, register_name)
        return import_persons(
            session,
            runtime,
            principal,
            register.id,
            data,
            card_key=runtime.secret.encode("utf-8"),
            format=format,
            category=category,
            codes=codes,
            shared_with=shared_with,
            dry_run=dry_run,
        )
