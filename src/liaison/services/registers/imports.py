"""Bulk import of persons into a register, all or nothing.

A file with any unreadable entry is refused whole, naming each entry at fault,
and a failure while writing rolls back to the register as it was. Records are
matched on the source's own identifier, so importing a newer edition of a list
updates what changed instead of duplicating it. Nothing is left out silently:
every value the readers or the record cannot hold is a warning naming the
entry, the field and the value, and the report counts them by kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import Gender, PersonCategory, RecordStatus, RegisterKind
from liaison.domain.countries import country_code
from liaison.domain.errors import InvalidInput
from liaison.domain.permissions import Permission
from liaison.domain.registers import RegisterDocument, RegisterPerson
from liaison.formats.catalogue import warning
from liaison.formats.errors import ParseError
from liaison.formats.registers import (
    RegisterReadResult,
    RegisterWarning,
    read_ftm_jsonl,
    read_screening_csv,
    read_un_consolidated_xml,
)
from liaison.formats.registers_common import DOCUMENT, DOCUMENT_COUNTRY, NATIONALITY
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.registers import registers
from liaison.services.registers.records import (
    CodesInput,
    NameInput,
    PersonDocumentInput,
    PersonInput,
    RecordInput,
    RecordUpdate,
)
from liaison.store import schema

_T = TypeVar("_T")
ImportFormat = Literal["auto", "ftm", "un-xml", "csv"]
MAX_ERRORS_REPORTED = 50
MAX_PREVIEW_ENTRIES = 1000
# What a record holds at most (services.registers.records); beyond it a value is left out with a warning.
MAX_NAMES, MAX_BIRTH_DATES, MAX_NATIONALITIES, MAX_DOCUMENTS = 50, 10, 10, 20
MAX_NAME, MAX_PLACE, MAX_NUMBER, MAX_REMARKS = 400, 200, 40, 4000


@dataclass
class ImportReport:
    """What an import did: entries read, added, updated, unchanged, rejected,
    and every value left out, as warnings and as counts by kind."""

    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)
    details: list[RegisterWarning] = field(default_factory=list)
    # Each entry's reference and what happens to it (added, updated, unchanged),
    # in file order, for the preview of an import; at most MAX_PREVIEW_ENTRIES.
    entries: list[tuple[str, str]] = field(default_factory=list)
    # The records added or updated (not those unchanged): what is screened again.
    # Empty after a dry run, whose records were never kept.
    changed_records: list[int] = field(default_factory=list)

    def note(self, reference: str, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        if len(self.entries) < MAX_PREVIEW_ENTRIES:
            self.entries.append((reference, outcome))

    def warn(self, found: Iterable[RegisterWarning]) -> None:
        for item in found:
            self.details.append(item)
            self.warnings.append(item.text)

    @property
    def left_out(self) -> dict[str, int]:
        """Values left out by kind (``nationality: 3``), the most frequent first."""
        return dict(Counter(item.field for item in self.details).most_common())

    def summary(self) -> str:
        """One line for a person: the counts, then what was left out by kind."""
        counts = (
            f"read {self.read}, added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"rejected {self.rejected}"
        )
        left_out = ", ".join(f"{kind}: {count}" for kind, count in self.left_out.items())
        return f"{counts}; values left out: {left_out or 'none'}"


class ImportRefused(InvalidInput):
    """The file has entries that cannot be read; nothing was written."""

    def __init__(self, errors: tuple[ParseError, ...], read: int = 0) -> None:
        shown = "; ".join(str(error) for error in errors[:MAX_ERRORS_REPORTED])
        more = f" (and {len(errors) - MAX_ERRORS_REPORTED} more)" if len(errors) > MAX_ERRORS_REPORTED else ""
        super().__init__(
            f"import refused, nothing was changed: {len(errors)} unreadable entries "
            f"({read} readable): {shown}{more}"
        )
        self.errors = errors
        self.read = read


def detect_register_format(data: bytes) -> ImportFormat:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"{":
        return "ftm"
    if head == b"<":
        return "un-xml"
    return "csv"


def read_persons(data: bytes, format: ImportFormat = "auto") -> RegisterReadResult:
    chosen = detect_register_format(data) if format == "auto" else format
    readers = {"ftm": read_ftm_jsonl, "un-xml": read_un_consolidated_xml, "csv": read_screening_csv}
    return readers[chosen](data)


class _Limits:
    """Keeps what a record can hold and reports the rest as left out."""

    def __init__(self, entry: str) -> None:
        self.entry = entry
        self.warnings: list[RegisterWarning] = []

    def left_out(self, kind: str, value: str, reason: str) -> None:
        text = warning("register-value-left-out", f"{self.entry}: {kind} {value!r} left out: {reason}")
        self.warnings.append(RegisterWarning("register-value-left-out", self.entry, kind, value, text))

    def at_most(self, kind: str, values: list[_T], limit: int, shown: Callable[[_T], str]) -> list[_T]:
        for value in values[limit:]:
            self.left_out(kind, shown(value), f"a record holds at most {limit}")
        return values[:limit]

    def text(self, kind: str, value: str | None, limit: int) -> str | None:
        if value is not None and len(value) > limit:
            self.left_out(kind, value[limit:], f"a record holds at most {limit} characters")
            return value[:limit]
        return value


def _document_remark(document: RegisterDocument) -> str | None:
    """What the record's document cannot hold: the source's type words, date
    and place of issue, and the list's note."""
    extra = [
        f"type {document.type}" if document.type and document.type.lower() != document.kind else "",
        f"issued {document.issued}" if document.issued else "",
        f"at {document.place_of_issue}" if document.place_of_issue else "",
        f"note: {document.note}" if document.note else "",
    ]
    said = ", ".join(p for p in extra if p)
    return f"document {document.number}: {said}" if said else None


def person_input(
    person: RegisterPerson, category: PersonCategory
) -> tuple[PersonInput, list[RegisterWarning]]:
    """Map a source entry to what a record holds; returns the input and a
    warning for every value left out on the way."""
    limits = _Limits(person.source_id)
    names = [
        NameInput(
            full_name=limits.text("name", person.name, MAX_NAME) or person.name,
            given_names=(" ".join(p for p in (person.first_name, person.middle_name) if p) or None),
            surname=person.last_name,
            is_primary=True,
        )
    ]
    for alias in dict.fromkeys(person.aliases):
        if alias == person.name:
            continue
        if len(alias) > MAX_NAME:
            limits.left_out("name", alias, f"longer than {MAX_NAME} characters")
            continue
        names.append(NameInput(full_name=alias))
    nationalities = []
    for value in person.nationalities:
        try:
            nationalities.append(country_code(value))
        except InvalidInput:
            limits.left_out(NATIONALITY, value, "not an ISO 3166 country code")
    documents: list[PersonDocumentInput] = []
    remarks: list[str] = []
    for document in person.documents:
        if len(document.number) > MAX_NUMBER:
            limits.left_out(DOCUMENT, document.number, f"a number longer than {MAX_NUMBER} characters")
            continue
        country = None
        if document.country:
            try:
                country = country_code(document.country)
            except InvalidInput:
                limits.left_out(DOCUMENT_COUNTRY, document.country, "not an ISO 3166 country code")
        documents.append(
            PersonDocumentInput(
                document_type="P" if document.kind == "passport" else "I",
                number=document.number,
                issuing_country=country,
            )
        )
        remark = _document_remark(document)
        if remark:
            remarks.append(remark)
    details = PersonInput(
        category=category,
        names=limits.at_most("name", names, MAX_NAMES, lambda n: n.full_name),
        birth_dates=limits.at_most(
            "birth date", [d.isoformat() for d in person.birth_dates], MAX_BIRTH_DATES, str
        ),
        gender=person.gender or Gender.UNKNOWN,
        place_of_birth=limits.text("place of birth", person.birth_place, MAX_PLACE),
        nationalities=limits.at_most(NATIONALITY, list(dict.fromkeys(nationalities)), MAX_NATIONALITIES, str),
        documents=limits.at_most(DOCUMENT, documents, MAX_DOCUMENTS, lambda d: d.number),
        remarks=limits.text("remarks", "\n".join(remarks), MAX_REMARKS) or "",
    )
    return details, limits.warnings


def find_or_create_register(session: Session, principal: Principal, name: str) -> schema.Register:
    """The principal's agency's persons register called ``name``, created if missing."""
    found = session.scalar(
        select(schema.Register).where(
            schema.Register.owner_agency_id == principal.agency_id, schema.Register.name == name
        )
    )
    return found or registers.create_register(session, principal, name=name, kind=RegisterKind.PERSONS)


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
        raise ImportRefused(result.errors, read=len(result.messages))
    report = ImportReport(read=len(result.messages), dry_run=dry_run)
    report.warn(result.warnings)
    rows = session.execute(
        select(schema.Record.reference, schema.Record.id).where(schema.Record.register_id == register.id)
    )
    existing = {row[0]: row[1] for row in rows}
    savepoint = session.begin_nested()
    try:
        for person in result.messages:
            details, warnings = person_input(person, category)
            report.warn(warnings)
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
                if not same:
                    report.changed_records.append(record.id)
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
                report.changed_records.append(created.id)
    except Exception:
        savepoint.rollback()
        raise
    if dry_run:
        savepoint.rollback()
        report.changed_records.clear()
    else:
        savepoint.commit()
    audit.record(
        session,
        "register_import_previewed" if dry_run else "register_imported",
        principal=principal,
        object_type="register",
        object_id=register.id,
        detail={
            "read": report.read,
            "added": report.added,
            "updated": report.updated,
            "left_out": report.left_out,
        },
    )
    return report
