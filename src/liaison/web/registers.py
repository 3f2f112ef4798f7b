"""Registers in the workbench: the agency's registers, their records (search, add,
edit, invalidate, sharing, handling and evaluation codes) and the import of a
file with a preview of what will change.

Thin over `services.registers.registers` and `services.registers.changes`, with the same
calls as the API (`api/routers/registers.py`): what follows a change (the index
refreshed, the change re-screened in the same transaction) is the service's."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from liaison.domain.codes import (
    DocumentStatus,
    Gender,
    HandlingCode,
    InformationAccuracy,
    PersonCategory,
    RecordStatus,
    RegisterKind,
    SourceReliability,
)
from liaison.domain.errors import Conflict, Forbidden, InvalidInput, PayloadTooLarge
from liaison.domain.permissions import Permission
from liaison.http.deps import CardKeyDep, DbDep, Id, RuntimeDep
from liaison.i18n import N_
from liaison.services.paging import PageRequest
from liaison.services.registers import changes as register_changes
from liaison.services.registers import imports, registers, releases
from liaison.services.registers.imports import ImportFormat
from liaison.services.registers.records import CodesInput, RecordInput, RecordUpdate, RecordView
from liaison.web.deps import Reader, ReaderDep
from liaison.web.exchange import parsed
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
# The page lists this many warnings; the command line and the API give them all.
SHOWN_WARNINGS = 200

IMPORT_FORMATS: dict[str, str] = {
    "auto": N_("Recognise from the content"),
    "ftm": N_("FollowTheMoney entities (JSON lines)"),
    "un-xml": N_("UN Security Council consolidated list (XML)"),
    "csv": N_("CSV with a header line"),
}
CHOICES: dict[str, Any] = {
    "handling_codes": list(HandlingCode),
    "reliabilities": list(SourceReliability),
    "accuracies": list(InformationAccuracy),
    "categories": list(PersonCategory),
    "document_statuses": list(DocumentStatus),
    "genders": list(Gender),
    "register_kinds": list(RegisterKind),
    "record_statuses": list(RecordStatus),
    "import_formats": IMPORT_FORMATS,
}
# Words of the register vocabulary, translated where they are shown.
WORDS = {
    RegisterKind.PERSONS.value: N_("Persons"),
    RegisterKind.DOCUMENTS.value: N_("Travel documents"),
    RegisterKind.CARDS.value: N_("Payment cards"),
    PersonCategory.WANTED.value: N_("Wanted"),
    PersonCategory.FOREIGN_TERRORIST_FIGHTER.value: N_("Foreign terrorist fighter"),
    PersonCategory.MISSING.value: N_("Missing"),
    PersonCategory.SUSPECT.value: N_("Suspect"),
    PersonCategory.WITNESS.value: N_("Witness"),
    DocumentStatus.STOLEN.value: N_("Stolen"),
    DocumentStatus.LOST.value: N_("Lost"),
    DocumentStatus.REVOKED.value: N_("Revoked"),
    DocumentStatus.INVALIDATED.value: N_("Invalidated"),
    RecordStatus.ACTIVE.value: N_("Active"),
    Gender.FEMALE.value: N_("Female"),
    Gender.MALE.value: N_("Male"),
    Gender.UNKNOWN.value: N_("Unknown"),
}
_SCRIPT = re.compile(r"^(.*?)\s*\[([A-Z][a-z]{3})\]$")


def _words(value: str) -> list[str]:
    return [word for word in value.replace(",", " ").split() if word]


# --- registers ----------------------------------------------------------------


@router.get("/registers", response_class=HTMLResponse)
def register_list(request: Request, db: DbDep, reader: ReaderDep) -> Response:
    return _registers(request, db, reader)


def _registers(
    request: Request,
    db: Session,
    reader: Reader,
    *,
    error: str | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    found = registers.list_registers(db, reader.principal)
    return render(
        request,
        "registers/list.html",
        {"registers": found, "error": error, "form": form or {}, "words": WORDS, **CHOICES},
        user=reader.user,
        status_code=422 if error else 200,
    )


@router.post("/registers")
def create_register(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    name: Annotated[str, Form(max_length=200)],
    kind: Annotated[str, Form()],
    description: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    form = {"name": name, "kind": kind, "description": description}
    try:
        try:
            register_kind = RegisterKind(kind)
        except ValueError:
            raise InvalidInput(f"kind: one of {', '.join(k.value for k in RegisterKind)}") from None
        made = registers.create_register(
            db, reader.principal, name=name, kind=register_kind, description=description
        )
    except (InvalidInput, Conflict) as refused:
        return _registers(request, db, reader, error=refused.message, form=form)
    return RedirectResponse(f"/registers/{made.id}", status_code=303)


@router.get("/registers/{register_id}", response_class=HTMLResponse)
def register_page(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    register_id: Id,
    reference: Annotated[str, Query(max_length=64)] = "",
    status: RecordStatus | None = None,
    handling_code: HandlingCode | None = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """The records of one of the agency's registers, searched by reference and codes
    (listing them is audited by the service)."""
    register = registers.own_register(db, reader.principal, register_id)
    found, total = registers.list_records(
        db,
        reader.principal,
        register_id,
        PageRequest(limit=PAGE_SIZE, offset=offset),
        status=status,
        reference=reference or None,
        handling_code=handling_code.value if handling_code else None,
    )
    return render(
        request,
        "registers/register.html",
        {
            "register": register,
            "records": found,
            "total": total,
            "filters": {"reference": reference, "status": status, "handling_code": handling_code},
            "offset": offset,
            "page_size": PAGE_SIZE,
            "words": WORDS,
            **CHOICES,
        },
        user=reader.user,
    )


# --- one record ------------------------------------------------------------------


def _names_text(details: dict[str, Any]) -> str:
    lines = []
    for name in details.get("names", []):
        script = name.get("script") or "Latn"
        lines.append(name["full_name"] + ("" if script == "Latn" else f" [{script}]"))
    return "\n".join(lines)


def _documents_text(details: dict[str, Any]) -> str:
    return "\n".join(
        " ".join(part for part in (d["document_type"], d["number"], d.get("issuing_country") or "") if part)
        for d in details.get("documents", [])
    )


def form_of(record: RecordView) -> dict[str, Any]:
    """A record as the form shows it (the clear card number is never kept: left empty)."""
    d = record.details
    codes = record.codes
    form: dict[str, Any] = {
        "reference": record.reference,
        "handling_code": codes.handling_code.value,
        "handling_restriction": codes.handling_restriction or "",
        "source_reliability": codes.source_reliability.value,
        "information_accuracy": codes.information_accuracy.value,
        "valid_from": codes.valid_from.isoformat(),
        "valid_until": codes.valid_until.isoformat() if codes.valid_until else "",
        "shared_with": " ".join(record.shared_with or []),
    }
    if d["kind"] == "persons":
        form |= {
            "category": d["category"],
            "names": _names_text(d),
            "birth_dates": " ".join(d["birth_dates"]),
            "gender": d["gender"],
            "place_of_birth": d.get("place_of_birth") or "",
            "nationalities": " ".join(d["nationalities"]),
            "documents": _documents_text(d),
            "remarks": d.get("remarks") or "",
        }
    elif d["kind"] == "documents":
        form |= {
            "number": d["number"],
            "document_type": d["document_type"],
            "issuing_country": d["issuing_country"],
            "document_status": d["document_status"],
            "reported_on": d.get("reported_on") or "",
        }
    else:
        form |= {"number": "", "scheme": d.get("scheme") or "", "reported_on": d.get("reported_on") or ""}
    return form


def _details(
    kind: RegisterKind, form: dict[str, str], before: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The details part of a record from the form; None for a card whose number was
    not typed again (the rest of the card then stays as it is)."""
    if kind is RegisterKind.PERSONS:
        known = {n["full_name"]: n for n in (before or {}).get("names", [])}
        names = []
        for i, line in enumerate(form.get("names", "").splitlines()):
            line = line.strip()
            if not line:
                continue
            matched = _SCRIPT.match(line)
            full, script = (matched.group(1), matched.group(2)) if matched else (line, "Latn")
            kept = known.get(full, {})
            names.append(
                {
                    "full_name": full,
                    "given_names": kept.get("given_names"),
                    "surname": kept.get("surname"),
                    "script": script,
                    "is_primary": i == 0,
                }
            )
        documents: list[dict[str, str | None]] = []
        for line in form.get("documents", "").splitlines():
            parts = line.split()
            if not parts:
                continue
            if len(parts) == 1:
                documents.append({"number": parts[0]})
            else:
                documents.append(
                    {
                        "document_type": parts[0],
                        "number": parts[1],
                        "issuing_country": parts[2] if len(parts) > 2 else None,
                    }
                )
        return {
            "kind": "persons",
            "category": form.get("category", ""),
            "names": names,
            "birth_dates": _words(form.get("birth_dates", "")),
            "gender": form.get("gender") or Gender.UNKNOWN.value,
            "place_of_birth": form.get("place_of_birth") or None,
            "nationalities": _words(form.get("nationalities", "")),
            "documents": documents,
            "remarks": form.get("remarks", ""),
        }
    if kind is RegisterKind.DOCUMENTS:
        return {
            "kind": "documents",
            "number": form.get("number", ""),
            "document_type": form.get("document_type") or "P",
            "issuing_country": form.get("issuing_country", ""),
            "document_status": form.get("document_status", ""),
            "reported_on": form.get("reported_on") or None,
        }
    if before is not None and not form.get("number", "").strip():
        return None
    return {
        "kind": "cards",
        "number": form.get("number", ""),
        "scheme": form.get("scheme") or None,
        "reported_on": form.get("reported_on") or None,
    }


def _codes(form: dict[str, str]) -> dict[str, Any]:
    return {
        "handling_code": form.get("handling_code") or HandlingCode.H0.value,
        "handling_restriction": form.get("handling_restriction") or None,
        "source_reliability": form.get("source_reliability") or SourceReliability.X.value,
        "information_accuracy": form.get("information_accuracy")
        or InformationAccuracy.CANNOT_BE_JUDGED.value,
        "valid_from": form.get("valid_from") or None,
        "valid_until": form.get("valid_until") or None,
    }


RECORD_FIELDS = (
    "reference",
    "handling_code",
    "handling_restriction",
    "source_reliability",
    "information_accuracy",
    "valid_from",
    "valid_until",
    "shared_with",
    "category",
    "names",
    "birth_dates",
    "gender",
    "place_of_birth",
    "nationalities",
    "documents",
    "remarks",
    "number",
    "document_type",
    "issuing_country",
    "document_status",
    "reported_on",
    "scheme",
)


async def _record_form(request: Request) -> dict[str, str]:
    """The record form's fields (a dependency, so the handler itself stays synchronous)."""
    data = await request.form()
    return {key: str(data.get(key, "")) for key in RECORD_FIELDS}


RecordFormDep = Annotated[dict[str, str], Depends(_record_form)]


def _record_editor(
    request: Request,
    reader: Reader,
    register: Any,
    form: dict[str, Any],
    *,
    record: RecordView | None = None,
    error: str | None = None,
) -> Response:
    return render(
        request,
        "registers/edit.html",
        {"register": register, "record": record, "form": form, "error": error, "words": WORDS, **CHOICES},
        user=reader.user,
        status_code=422 if error else 200,
    )


@router.get("/registers/{register_id}/records/new", response_class=HTMLResponse)
def new_record(request: Request, db: DbDep, reader: ReaderDep, register_id: Id) -> Response:
    reader.principal.require(Permission.REGISTER_WRITE)
    register = registers.own_register(db, reader.principal, register_id)
    form = {"handling_code": "H0", "source_reliability": "X", "information_accuracy": "4", "gender": "U"}
    return _record_editor(request, reader, register, form)


@router.post("/registers/{register_id}/records")
def create_record(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    runtime: RuntimeDep,
    key: CardKeyDep,
    register_id: Id,
    form: RecordFormDep,
) -> Response:
    register = registers.own_register(db, reader.principal, register_id)
    try:
        data = parsed(
            RecordInput,
            {
                "reference": form["reference"],
                "codes": _codes(form),
                "shared_with": registers.agency_codes(form["shared_with"]),
                "details": _details(register.kind, form, None),
            },
        )
        made = register_changes.create_record(db, runtime, reader.principal, register_id, data, key)
    except (InvalidInput, Conflict) as refused:
        return _record_editor(request, reader, register, _kept(form), error=refused.message)
    return RedirectResponse(f"/records/{made.id}", status_code=303)


def _kept(form: dict[str, str]) -> dict[str, str]:
    """What was typed, shown again after a refusal (never the card number)."""
    return {key: value for key, value in form.items() if key != "number"} | (
        {"number": form.get("number", "")} if form.get("document_status") else {}
    )


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record_page(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    record_id: Id,
    purpose: Annotated[str | None, Query(max_length=500)] = None,
    passed_on: Annotated[str | None, Query(max_length=32)] = None,
) -> Response:
    return _record_page(request, db, reader, record_id, purpose=purpose, passed_on=passed_on)


def _record_page(
    request: Request,
    db: Session,
    reader: Reader,
    record_id: int,
    *,
    purpose: str | None = None,
    error: str | None = None,
    pass_on_error: str | None = None,
    pass_on_form: dict[str, str] | None = None,
    passed_on: str | None = None,
    status_code: int | None = None,
) -> Response:
    record = registers.read_record(db, reader.principal, record_id, purpose or "register page")
    if passed_on is not None and not releases.released_to(db, record_id, passed_on):
        passed_on = None  # the notice comes from a link: show it only for a release that exists
    return render(
        request,
        "registers/record.html",
        {
            "record": record,
            "own": record.shared_with is not None,
            "error": error,
            "pass_on_error": pass_on_error,
            "pass_on_form": pass_on_form or {},
            "passed_on": passed_on,
            "words": WORDS,
        },
        user=reader.user,
        status_code=status_code or (422 if error else 200),
    )


@router.get("/records/{record_id}/edit", response_class=HTMLResponse)
def edit_record(request: Request, db: DbDep, reader: ReaderDep, record_id: Id) -> Response:
    reader.principal.require(Permission.REGISTER_WRITE)
    record = registers.read_record(db, reader.principal, record_id, "register page: editing")
    register = registers.own_register(db, reader.principal, record.register_id)
    return _record_editor(request, reader, register, form_of(record), record=record)


@router.post("/records/{record_id}")
def update_record(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    runtime: RuntimeDep,
    key: CardKeyDep,
    record_id: Id,
    form: RecordFormDep,
) -> Response:
    reader.principal.require(Permission.REGISTER_WRITE)
    record = registers.read_record(db, reader.principal, record_id, "register page: editing")
    register = registers.own_register(db, reader.principal, record.register_id)
    try:
        changes = parsed(
            RecordUpdate,
            {
                "codes": _codes(form),
                "shared_with": registers.agency_codes(form["shared_with"]),
                "details": _details(register.kind, form, record.details),
            },
        )
        register_changes.update_record(db, runtime, reader.principal, record_id, changes, key)
    except (InvalidInput, Conflict) as refused:
        return _record_editor(
            request, reader, register, _kept(form) | {"reference": record.reference}, record=record,
            error=refused.message,
        )  # fmt: skip
    return RedirectResponse(f"/records/{record_id}", status_code=303)


@router.post("/records/{record_id}/invalidate")
def invalidate_record(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    runtime: RuntimeDep,
    record_id: Id,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        register_changes.invalidate_record(db, runtime, reader.principal, record_id, reason)
    except InvalidInput as refused:
        return _record_page(request, db, reader, record_id, error=refused.message)
    return RedirectResponse(f"/records/{record_id}", status_code=303)


@router.post("/records/{record_id}/pass-on")
def pass_on_record(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    record_id: Id,
    to_agency: Annotated[str, Form(max_length=32)] = "",
    purpose: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Release a record the agency may read to one more agency; under H2 only the owner
    may (the refusal is audited by the service and shown with its reason)."""
    reader.principal.require(Permission.REGISTER_READ)
    try:
        releases.pass_on(db, reader.principal, record_id, to_agency, purpose)
    except (InvalidInput, Forbidden) as refused:
        return _record_page(
            request, db, reader, record_id, pass_on_error=refused.message,
            pass_on_form={"to_agency": to_agency, "purpose": purpose}, status_code=refused.status_code,
        )  # fmt: skip
    return RedirectResponse(
        f"/records/{record_id}?{urlencode({'passed_on': to_agency.strip().upper()})}#pass-on", status_code=303
    )


# --- import ----------------------------------------------------------------------


def _import_page(
    request: Request,
    reader: Reader,
    register: Any,
    form: dict[str, Any],
    *,
    report: imports.ImportReport | None = None,
    content: str = "",
    error: str | None = None,
    done: bool = False,
) -> Response:
    return render(
        request,
        "registers/import.html",
        {
            "register": register,
            "form": form,
            "report": report,
            "content": content,
            "error": error,
            "done": done,
            "shown_warnings": SHOWN_WARNINGS,
            "words": WORDS,
            **CHOICES,
        },
        user=reader.user,
        status_code=422 if error else 200,
    )


@router.get("/registers/{register_id}/import", response_class=HTMLResponse)
def import_form(request: Request, db: DbDep, reader: ReaderDep, register_id: Id) -> Response:
    reader.principal.require(Permission.REGISTER_WRITE)
    register = registers.own_register(db, reader.principal, register_id)
    form = {"format": "auto", "category": "wanted", "handling_code": "H0", "source_reliability": "X",
            "information_accuracy": "4"}  # fmt: skip
    return _import_page(request, reader, register, form)


@router.post("/registers/{register_id}/import")
def run_import(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    runtime: RuntimeDep,
    key: CardKeyDep,
    register_id: Id,
    step: Annotated[str, Form()] = "preview",
    file: Annotated[UploadFile | None, File()] = None,
    content: Annotated[str, Form()] = "",
    format: Annotated[str, Form()] = "auto",
    category: Annotated[str, Form()] = PersonCategory.WANTED.value,
    handling_code: Annotated[str, Form()] = HandlingCode.H0.value,
    handling_restriction: Annotated[str, Form(max_length=2000)] = "",
    source_reliability: Annotated[str, Form()] = SourceReliability.X.value,
    information_accuracy: Annotated[str, Form()] = InformationAccuracy.CANNOT_BE_JUDGED.value,
    shared_with: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """`preview` reads the file and reports what would change, changing nothing (the
    file travels on in the page); `apply` imports it, all or nothing."""
    reader.principal.require(Permission.REGISTER_WRITE)
    register = registers.own_register(db, reader.principal, register_id)
    form = {
        "format": format,
        "category": category,
        "handling_code": handling_code,
        "handling_restriction": handling_restriction,
        "source_reliability": source_reliability,
        "information_accuracy": information_accuracy,
        "shared_with": shared_with,
    }
    limit = runtime.settings.max_upload_bytes
    try:
        if file is not None and file.filename:
            body = file.file.read(limit + 1)
        else:
            try:
                body = base64.b64decode(content.encode("ascii"), validate=True)
            except (binascii.Error, UnicodeEncodeError):
                raise InvalidInput("file: the file did not come back intact; choose it again") from None
        if len(body) > limit:
            raise PayloadTooLarge(f"file: larger than the {limit}-byte limit")
        if not body:
            raise InvalidInput("file: choose a file to import")
        if format not in IMPORT_FORMATS:
            raise InvalidInput(f"format: one of {', '.join(IMPORT_FORMATS)}")
        try:
            person_category = PersonCategory(category)
        except ValueError:
            raise InvalidInput(f"category: one of {', '.join(c.value for c in PersonCategory)}") from None
        codes = parsed(
            CodesInput,
            {
                "handling_code": handling_code,
                "handling_restriction": handling_restriction or None,
                "source_reliability": source_reliability,
                "information_accuracy": information_accuracy,
            },
        )
        chosen: ImportFormat = format  # type: ignore[assignment]  # checked against IMPORT_FORMATS above
        dry_run = step != "apply"
        report = register_changes.import_persons(
            db,
            runtime,
            reader.principal,
            register_id,
            body,
            card_key=key,
            format=chosen,
            category=person_category,
            codes=codes,
            shared_with=registers.agency_codes(shared_with),
            dry_run=dry_run,
        )
    except (InvalidInput, Conflict, PayloadTooLarge) as refused:
        return _import_page(request, reader, register, form, error=refused.message)
    return _import_page(
        request,
        reader,
        register,
        form,
        report=report,
        content=base64.b64encode(body).decode("ascii") if dry_run else "",
        done=not dry_run,
    )
