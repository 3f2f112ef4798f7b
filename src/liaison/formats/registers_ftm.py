"""FollowTheMoney entities, one JSON object per line (OpenSanctions' exports).

``Person`` entities give the persons; ``Passport`` and ``Identification``
entities are attached to the person their ``holder`` names. ``name`` (the first
is the name, the others aliases), ``alias`` and ``previousName`` (former names
an analyst needs) are names; ``nationality`` and ``citizenship`` are both read
as nationalities, given as codes (``ru``, ``suhh``) or as names. ``idNumber``
and ``passportNumber`` often carry a label (``TIN: 183111242572``): it becomes
the document's type, so the number compares as a number. Other schemata
(companies, sanctions, addresses) are skipped: they are not persons.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from liaison.domain.registers import RegisterDocument, RegisterPerson
from liaison.formats.errors import ParseError
from liaison.formats.registers_common import DOCUMENT, Notes, RegisterReadResult, lines, read_dates

_DOCUMENT_SCHEMATA = {"Passport": "passport", "Identification": "id"}


@dataclass(frozen=True, slots=True)
class _Entity:
    id: str
    schema: str
    values: dict[str, list[str]]
    line: int
    offset: int


def _first(values: dict[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    return found[0] if found else None


def _entity(number: int, offset: int, line: str) -> _Entity:
    try:
        entity = json.loads(line)
        if not isinstance(entity, dict):
            raise ValueError("not a JSON object")
        props = entity.get("properties") or {}
        if not isinstance(props, dict):
            raise ValueError("properties is not an object")
        eid = str(entity.get("id") or "")
        if not eid:
            raise ValueError("the entity has no id")
    except ValueError as exc:
        raise ParseError(
            f"line {number}: not a FollowTheMoney entity: {exc}",
            segment_index=number - 1,
            byte_offset=offset,
            element="json",
            code="register-unreadable-entry",
        ) from None
    values = {
        str(k): [str(x) for x in v if x is not None] if isinstance(v, list) else [str(v)]
        for k, v in props.items()
        if v is not None
    }
    return _Entity(eid, str(entity.get("schema", "")), values, number, offset)


def _documents_of(entity: _Entity, notes: Notes) -> list[RegisterDocument]:
    """A ``Passport``/``Identification`` entity's documents (one per number)."""
    v = entity.values
    holders = v.get("holder", [])
    entry = holders[0] if holders else entity.id
    found: list[RegisterDocument] = []
    numbers = v.get("number", []) or v.get("passportNumber", [])
    if not numbers:
        notes.document(entry, "", type=_first(v, "type"), country=_first(v, "country"))
    for number in numbers:
        document = notes.document(
            entry,
            number,
            kind=_DOCUMENT_SCHEMATA[entity.schema],
            country=_first(v, "country"),
            type=_first(v, "type"),
            issued=_first(v, "startDate"),
            place_of_issue=_first(v, "authority"),
            note=_first(v, "summary"),
        )
        if document is not None:
            found.append(document)
    return found


def _person(entity: _Entity, documents: list[RegisterDocument], notes: Notes) -> RegisterPerson:
    v = entity.values
    names = v.get("name", [])
    if not names:
        raise ParseError("the Person has no name", element="properties.name", code="register-no-name")
    births = read_dates(v.get("birthDate", []), "properties.birthDate")
    own = [notes.document(entity.id, n, kind="passport") for n in v.get("passportNumber", [])]
    own += [notes.document(entity.id, n, kind=None) for n in v.get("idNumber", [])]
    aliases = [*names[1:], *v.get("alias", []), *v.get("previousName", [])]
    return RegisterPerson(
        source_id=entity.id,
        name=names[0],
        aliases=tuple(dict.fromkeys(a for a in aliases if a.strip() and a != names[0])),
        first_name=_first(v, "firstName"),
        middle_name=_first(v, "middleName"),
        last_name=_first(v, "lastName"),
        birth_dates=births,
        birth_place=_first(v, "birthPlace"),
        nationalities=notes.countries([*v.get("nationality", []), *v.get("citizenship", [])], entity.id),
        gender=notes.gender(_first(v, "gender"), entity.id),
        documents=tuple(dict.fromkeys([*(d for d in own if d is not None), *documents])),
        source="ftm",
    )


def read_ftm_jsonl(data: bytes) -> RegisterReadResult:
    """Persons with their documents; a line that is not an entity, or a person
    that cannot be read, is one error and the others are still read."""
    persons: list[_Entity] = []
    documents: dict[str, list[RegisterDocument]] = {}
    errors: list[ParseError] = []
    notes = Notes()
    for number, offset, line in lines(data):
        if not line:
            continue
        try:
            entity = _entity(number, offset, line)
        except ParseError as exc:
            errors.append(exc)
            continue
        if entity.schema == "Person":
            persons.append(entity)
        elif entity.schema in _DOCUMENT_SCHEMATA:
            held = _documents_of(entity, notes)
            for holder in entity.values.get("holder", []) or [""]:
                documents.setdefault(holder, []).extend(held)
    out: list[RegisterPerson] = []
    known = {entity.id for entity in persons}
    for holder, held in documents.items():
        if holder not in known:
            for document in held:
                notes.left_out(
                    holder or "(no holder)",
                    DOCUMENT,
                    document.number,
                    "its holder is not a Person in the file",
                    code="register-document-left-out",
                )
    for entity in persons:
        try:
            out.append(_person(entity, documents.get(entity.id, []), notes))
        except ParseError as exc:
            errors.append(
                exc.located(segment_index=entity.line - 1, byte_offset=entity.offset, tag=entity.id)
            )
    return RegisterReadResult(tuple(out), tuple(errors), tuple(notes.warnings))
