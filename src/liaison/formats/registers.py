"""Register imports: FollowTheMoney JSON lines (OpenSanctions), the UN Security
Council consolidated list XML, and CSV with the screening fixture columns
(``full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality``).

Each reader returns ``ReadResult[RegisterPerson]``: a bad line or entry is one
``ParseError`` (line number and byte offset), the others are still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XmlParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.domain.registers import RegisterDocument, RegisterPerson
from liaison.formats.errors import ParseError
from liaison.formats.result import ReadResult

_GENDERS = {
    "male": Gender.MALE,
    "m": Gender.MALE,
    "female": Gender.FEMALE,
    "f": Gender.FEMALE,
    "other": Gender.UNKNOWN,
    "unknown": Gender.UNKNOWN,
    "u": Gender.UNKNOWN,
}


def _gender(value: str | None) -> Gender | None:
    return _GENDERS.get((value or "").strip().lower()) if value else None


def _dates(values: list[str], where: str) -> tuple[PartialDate, ...]:
    out: list[PartialDate] = []
    for v in values:
        v = v.strip()
        if not v:
            continue
        try:
            out.append(PartialDate.parse(v[:10]))
        except (InvalidInput, ValueError):
            raise ParseError(f"{v!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD", element=where) from None
    return tuple(dict.fromkeys(out))


def _first(values: dict[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    return found[0] if found else None


def _lines(data: bytes) -> Iterator[tuple[int, int, str]]:
    offset = 0
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        yield number, offset, raw.decode("utf-8", "replace").strip()
        offset += len(raw)


def read_ftm_jsonl(data: bytes) -> ReadResult[RegisterPerson]:
    """FollowTheMoney entities, one JSON object per line: ``Person`` entities, and
    ``Passport``/``Identification`` entities linked to them by ``holder``."""
    persons: dict[str, dict[str, Any]] = {}
    docs: dict[str, list[RegisterDocument]] = {}
    errors: list[ParseError] = []
    order: list[str] = []
    for number, offset, line in _lines(data):
        if not line:
            continue
        try:
            entity = json.loads(line)
            if not isinstance(entity, dict):
                raise ValueError("not a JSON object")
            schema = str(entity.get("schema", ""))
            props = entity.get("properties") or {}
            if not isinstance(props, dict):
                raise ValueError("properties is not an object")
            eid = str(entity.get("id") or "")
            if not eid:
                raise ValueError("the entity has no id")
        except ValueError as exc:
            errors.append(
                ParseError(
                    f"line {number}: not a FollowTheMoney entity: {exc}",
                    segment_index=number - 1,
                    byte_offset=offset,
                    element="json",
                )
            )
            continue
        values: dict[str, list[str]] = {
            k: [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in props.items()
        }
        if schema == "Person":
            persons[eid] = {"values": values, "line": number, "offset": offset}
            order.append(eid)
        elif schema in ("Passport", "Identification"):
            kind = "passport" if schema == "Passport" else "id"
            for holder in values.get("holder", []):
                for num in values.get("number", []):
                    docs.setdefault(holder, []).append(
                        RegisterDocument(
                            kind,
                            num,
                            _first(values, "country"),
                            _first(values, "type"),
                        )
                    )
    out: list[RegisterPerson] = []
    for eid in order:
        info = persons[eid]
        v: dict[str, list[str]] = info["values"]
        names = v.get("name", [])
        try:
            if not names:
                raise ParseError("the Person has no name", element="properties.name")
            births = _dates(v.get("birthDate", []), "properties.birthDate")
        except ParseError as exc:
            errors.append(exc.located(segment_index=info["line"] - 1, byte_offset=info["offset"], tag=eid))
            continue
        documents = [RegisterDocument("passport", n) for n in v.get("passportNumber", [])]
        documents += [RegisterDocument("id", n) for n in v.get("idNumber", [])]
        documents += docs.get(eid, [])
        out.append(
            RegisterPerson(
                source_id=eid,
                name=names[0],
                aliases=tuple(dict.fromkeys([*names[1:], *v.get("alias", [])])),
                first_name=_first(v, "firstName"),
                middle_name=_first(v, "middleName"),
                last_name=_first(v, "lastName"),
                birth_dates=births,
                birth_place=_first(v, "birthPlace"),
                nationalities=tuple(dict.fromkeys(v.get("nationality", []))),
                gender=_gender(_first(v, "gender")),
                documents=tuple(dict.fromkeys(documents)),
                source="ftm",
            )
        )
    return ReadResult(tuple(out), tuple(errors))


SCREENING_COLUMNS = (
    "full_name",
    "first_name",
    "middle_name",
    "last_name",
    "gender",
    "date_of_birth",
    "place_of_birth",
    "nationality",
)


def read_screening_csv(data: bytes) -> ReadResult[RegisterPerson]:
    """CSV with a header row holding at least ``full_name``."""
    text = data.decode("utf-8-sig", "replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "full_name" not in header:
        return ReadResult(
            (),
            (
                ParseError(
                    f"the CSV header {header[:8]!r} has no full_name column "
                    f"(expected {', '.join(SCREENING_COLUMNS)})",
                    segment_index=0,
                    byte_offset=0,
                    element="header",
                ),
            ),
        )
    out: list[RegisterPerson] = []
    errors: list[ParseError] = []
    for row in reader:
        line = reader.line_num
        name = (row.get("full_name") or "").strip()
        if not name:
            errors.append(ParseError("full_name is empty", segment_index=line - 1, element="full_name"))
            continue
        try:
            births = _dates([row.get("date_of_birth") or ""], "date_of_birth")
        except ParseError as exc:
            errors.append(exc.located(segment_index=line - 1))
            continue
        nat = (row.get("nationality") or "").strip()
        out.append(
            RegisterPerson(
                source_id=f"row-{line}",
                name=name,
                first_name=(row.get("first_name") or "").strip() or None,
                middle_name=(row.get("middle_name") or "").strip() or None,
                last_name=(row.get("last_name") or "").strip() or None,
                birth_dates=births,
                birth_place=(row.get("place_of_birth") or "").strip() or None,
                nationalities=(nat,) if nat else (),
                gender=_gender(row.get("gender")),
                source="csv",
            )
        )
    return ReadResult(tuple(out), tuple(errors))


def _t(el: Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def read_un_consolidated_xml(data: bytes) -> ReadResult[RegisterPerson]:
    """The UN Security Council consolidated list (``CONSOLIDATED_LIST``), individuals only."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except (XmlParseError, DefusedXmlException, ValueError, LookupError) as exc:
        return ReadResult((), (ParseError(f"not well-formed or unsafe XML: {exc}"),))
    out: list[RegisterPerson] = []
    errors: list[ParseError] = []
    for index, ind in enumerate(root.iter("INDIVIDUAL")):
        dataid = _t(ind.find("DATAID")) or _t(ind.find("REFERENCE_NUMBER")) or str(index)
        parts = [_t(ind.find(t)) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        name = " ".join(p for p in parts if p)
        if not name:
            errors.append(
                ParseError(
                    "the INDIVIDUAL has no name",
                    tag=dataid,
                    segment_index=index,
                    element="FIRST_NAME",
                )
            )
            continue
        aliases = tuple(
            dict.fromkeys(
                _t(a.find("ALIAS_NAME")) for a in ind.iter("INDIVIDUAL_ALIAS") if _t(a.find("ALIAS_NAME"))
            )
        )
        raw_dates: list[str] = []
        for d in ind.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            raw_dates.append(_t(d.find("DATE")) or _t(d.find("YEAR")))
            raw_dates += [_t(y) for y in d.findall("FROM_YEAR") + d.findall("TO_YEAR")]
        try:
            births = _dates(raw_dates, "INDIVIDUAL_DATE_OF_BIRTH")
        except ParseError as exc:
            errors.append(exc.located(tag=dataid, segment_index=index))
            continue
        place_el = ind.find("INDIVIDUAL_PLACE_OF_BIRTH")
        place = (
            ", ".join(p for p in (_t(place_el.find(t)) for t in ("CITY", "STATE_PROVINCE", "COUNTRY")) if p)
            if place_el is not None
            else ""
        )
        nationalities = tuple(
            dict.fromkeys(_t(v) for n in ind.iter("NATIONALITY") for v in n.iter("VALUE") if _t(v))
        )
        documents = tuple(
            RegisterDocument(
                "passport" if "passport" in _t(doc.find("TYPE_OF_DOCUMENT")).lower() else "id",
                _t(doc.find("NUMBER")),
                _t(doc.find("ISSUING_COUNTRY")) or None,
                _t(doc.find("TYPE_OF_DOCUMENT")) or None,
            )
            for doc in ind.iter("INDIVIDUAL_DOCUMENT")
            if _t(doc.find("NUMBER"))
        )
        out.append(
            RegisterPerson(
                source_id=dataid,
                name=name,
                aliases=aliases,
                first_name=parts[0] or None,
                last_name=(parts[1] or None) if len([p for p in parts if p]) > 1 else None,
                birth_dates=births,
                birth_place=place or None,
                nationalities=nationalities,
                gender=_gender(_t(ind.find("GENDER"))),
                documents=documents,
                source="un",
            )
        )
    return ReadResult(tuple(out), tuple(errors))
