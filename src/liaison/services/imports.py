"""Bulk import of persons into a register, all or nothing.

A file with any unreadable entry is refused whole, naming each entry at fault,
and a failure while writing rolls back to the register as it was. Records are
matched on the source's own identifier, so importing a newer edition of a list
updates what changed instead of duplicating it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import Gender, PersonCategory, RecordStatus, RegisterKind
from liaison.domain.countries import country_code
from liaison.domain.errors import InvalidInput
from liaison.domain.permissions import Permission
from liaison.domain.registers import RegisterPerson
from liaison.formats.errors import ParseError
from liaison.formats.registers import read_ftm_jsonl, read_screening_csv, read_un_consolidated_xml
from liaison.formats.result import ReadResult
from liaison.services import audit, registers
from liaison.services.principals import Principal
from liaison.services.records import (
    CodesInput,
    NameInput,
    PersonDocumentInput,
    PersonInput,
    RecordInput,
    RecordUpdate,
)
from liaison.store import schema

ImportFormat = Literal["auto", "ftm", "un-xml", "csv"]
MAX_ERRORS_REPORTED = 50
MAX_PREVIEW_ENTRIES = 1000


@dataclass
class ImportReport:
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)
    # Each entry's reference and what happens to it (added, updated, unchanged),
    # in file order, for the preview of an import; at most MAX_PREVIEW_ENTRIES.
    entries: list[tuple[str, str]] = field(default_factory=list)

    def note(self, reference: str, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        if len(self.entries) < MAX_PREVIEW_ENTRIES:
            self.entries.append((reference, outcome))


class ImportRefused(InvalidInput):
    """The file has entries that cannot be read; nothing was written."""

    def __init__(self, errors: tuple[ParseError, ...]) -> None:
        shown = "; ".join(str(error) for error in errors[:MAX_ERRORS_REPORTED])
        more = f" (and {len(errors) - MAX_ERRORS_REPORTED} more)" if len(errors) > MAX_ERRORS_REPORTED else ""
        super().__init__(
            f"import refused, nothing was changed: {len(errors)} unreadable entries: {shown}{more}"
        )
        self.errors = errors


def detect_register_format(data: bytes) -> ImportFormat:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"{":
        return "ftm"
    if head == b"<":
        return "un-xml"
    return "csv"


def read_persons(data: bytes, format: ImportFormat = "auto") -> ReadResult[RegisterPerson]:
    chosen = detect_register_format(data) if format == "auto" else format
    readers = {"ftm": read_ftm_jsonl, "un-xml": read_un_consolidated_xml, "csv": read_screening_csv}
    return readers[chosen](data)


def person_input(person: RegisterPerson, category: PersonCategory) -> tuple[PersonInput, list[str]]:
    """Map a source entry to what a record holds; returns the input and any warnings."""
    warnings: list[str] = []
    names = [
        NameInput(
            full_name=person.name,
            given_names=" ".join(p for p in (person.first_name, person.middle_name) if p) or None,
            surname=person.last_name,
            is_primary=True,
        )
    ]
    names += [NameInput(full_name=alias) for alias in dict.fromkeys(person.aliases) if alias != person.name]
    nationalities = []
    for value in person.nationalities:
        try:
            nationalities.append(country_code(value))
        except InvalidInput:
            warnings.append(f"{person.source_id}: nationality {value!r} is not an ISO country code, left out")
    documents = []
    for document in person.documents:
        country = None
        if document.country:
            try:
                country = country_code(document.country)
            except InvalidInput:
                warnings.append(f"{person.source_id}: document country {document.country!r} left out")
        documents.append(
            PersonDocumentInput(
                document_type="P" if document.kind == "passport" else "I",
                number=document.number[:40],
                issuing_country=country,
            )
        )
    details = PersonInput(
        category=category,
        names=names[:50],
        birth_dates=[d.isoformat() for d in person.birth_dates][:10],
        gender=person.gender or Gender.UNKNOWN,
        place_of_birth=person.birth_place[:200] if person.birth_place else None,
        nationalities=nationalities[:10],
        documents=documents[:20],
    )
    return details, warnings


def import_persons(
    session: Session,
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
    principal.require(Permission.REGISTER_WRITE)
    register = registers.own_register(session, principal, register_id)
    if register.kind is not RegisterKind.PERSONS:
        raise InvalidInput(
            f"register {register_id} holds {register.kind.value}; only persons can be imported"
        )
    result = read_persons(data, format)
    if result.errors:
        raise ImportRefused(result.errors)
    report = ImportReport(read=len(result.messages), dry_run=dry_run)
    rows = session.execute(
        select(schema.Record.reference, schema.Record.id).where(schema.Record.register_id == register.id)
    )
    existing = {row[0]: row[1] for row in rows}
    savepoint = session.begin_nested()
    try:
        for person in result.messages:
            details, warnings = person_input(person, category)
            report.warnings.extend(warnings)
            reference = person.source_id[:64]
            if reference in existing:
                record = session.get(schema.Record, existing[reference])
                assert record is not None
                if record.status is RecordStatus.INVALIDATED:
                    report.note(reference, "unchanged")
                    continue
                before = registers.view(record, principal)
                after = registers.update_record(
                    session,
                    principal,
                    record.id,
                    RecordUpdate(details=details, codes=codes, shared_with=shared_with),
                    card_key,
                    audited=False,
                )
                same = (before.details, before.codes, before.shared_with) == (
                    after.details,
                    after.codes,
                    after.shared_with,
                )
                report.note(reference, "unchanged" if same else "updated")
            else:
                created = registers.create_record(
                    session,
                    principal,
                    register.id,
                    RecordInput(
                        reference=reference,
                        codes=codes or CodesInput(),
                        shared_with=shared_with or [],
                        details=details,
                    ),
                    card_key,
                    audited=False,
                )
                existing[reference] = created.id
                report.note(reference, "added")
    except Exception:
        savepoint.rollback()
        raise
    if dry_run:
        savepoint.rollback()
    else:
        savepoint.commit()
    audit.record(
        session,
        "register_import_previewed" if dry_run else "register_imported",
        principal=principal,
        object_type="register",
        object_id=register.id,
        detail={"read": report.read, "added": report.added, "updated": report.updated},
    )
    return report
