"""The UN Security Council consolidated list (``CONSOLIDATED_LIST`` XML), individuals.

The list writes countries as UN names (``Iran (Islamic Republic of)``,
``occupied Palestinian territory``), not codes: nationalities
(``NATIONALITY/VALUE``, one per ``VALUE``) and the documents' issuing country
(``INDIVIDUAL_DOCUMENT/ISSUING_COUNTRY``, or ``COUNTRY_OF_ISSUE``) are read
through ``formats.countries``, and a value that names no current country is
left out with a warning. A document keeps its words (``TYPE_OF_DOCUMENT``,
``TYPE_OF_DOCUMENT2``), ``DATE_OF_ISSUE``, ``CITY_OF_ISSUE`` and ``NOTE``; one
without ``NUMBER`` is reported, not kept. ``NAME_ORIGINAL_SCRIPT`` is an alias.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XmlParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from liaison.domain.registers import RegisterDocument, RegisterPerson
from liaison.formats.errors import ParseError
from liaison.formats.registers_common import Notes, RegisterReadResult, read_dates

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _t(el: Element | None) -> str:
    return " ".join((el.text or "").split()) if el is not None else ""


def _values(ind: Element, tag: str) -> list[str]:
    """Texts of ``tag/VALUE`` (or of ``tag`` itself when it has no ``VALUE``)."""
    out: list[str] = []
    for el in ind.findall(tag):
        values = el.findall("VALUE")
        out += [_t(v) for v in values] if values else [_t(el)]
    return [v for v in out if v]


def _document(doc: Element, entry: str, notes: Notes) -> RegisterDocument | None:
    kind_words = " ".join(
        p for p in (_t(doc.find("TYPE_OF_DOCUMENT")), _t(doc.find("TYPE_OF_DOCUMENT2"))) if p
    )
    issuing = _t(doc.find("ISSUING_COUNTRY"))
    country_of_issue = _t(doc.find("COUNTRY_OF_ISSUE"))
    note = _t(doc.find("NOTE"))
    if issuing and country_of_issue and issuing != country_of_issue:
        note = "; ".join(p for p in (note, f"country of issue: {country_of_issue}") if p)
    return notes.document(
        entry,
        _t(doc.find("NUMBER")),
        kind="passport" if "passport" in kind_words.lower() else "id",
        country=issuing or country_of_issue or None,
        type=kind_words or None,
        issued=_t(doc.find("DATE_OF_ISSUE")) or None,
        place_of_issue=_t(doc.find("CITY_OF_ISSUE")) or None,
        note=note or None,
    )


def _person(ind: Element, dataid: str, notes: Notes) -> RegisterPerson:
    parts = [_t(ind.find(t)) for t in _NAME_PARTS]
    name = " ".join(p for p in parts if p)
    if not name:
        raise ParseError("the INDIVIDUAL has no name", element="FIRST_NAME", code="register-no-name")
    raw_dates: list[str] = []
    for d in ind.iter("INDIVIDUAL_DATE_OF_BIRTH"):
        raw_dates.append(_t(d.find("DATE")) or _t(d.find("YEAR")))
        raw_dates += [_t(y) for y in d.findall("FROM_YEAR") + d.findall("TO_YEAR")]
    births = read_dates(raw_dates, "INDIVIDUAL_DATE_OF_BIRTH")
    aliases = [_t(a.find("ALIAS_NAME")) for a in ind.iter("INDIVIDUAL_ALIAS")]
    aliases.append(_t(ind.find("NAME_ORIGINAL_SCRIPT")))
    place_el = ind.find("INDIVIDUAL_PLACE_OF_BIRTH")
    place = (
        ", ".join(p for p in (_t(place_el.find(t)) for t in ("CITY", "STATE_PROVINCE", "COUNTRY")) if p)
        if place_el is not None
        else ""
    )
    documents = (_document(doc, dataid, notes) for doc in ind.iter("INDIVIDUAL_DOCUMENT"))
    return RegisterPerson(
        source_id=dataid,
        name=name,
        aliases=tuple(dict.fromkeys(a for a in aliases if a and a != name)),
        first_name=parts[0] or None,
        last_name=(parts[1] or None) if len([p for p in parts if p]) > 1 else None,
        birth_dates=births,
        birth_place=place or None,
        nationalities=notes.countries(_values(ind, "NATIONALITY"), dataid),
        gender=notes.gender(_t(ind.find("GENDER")), dataid),
        documents=tuple(dict.fromkeys(d for d in documents if d is not None)),
        source="un",
    )


def read_un_consolidated_xml(data: bytes) -> RegisterReadResult:
    """Every ``INDIVIDUAL``; one that cannot be read is one error, the others are read."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except (XmlParseError, DefusedXmlException, ValueError, LookupError) as exc:
        return RegisterReadResult(
            (), (ParseError(f"not well-formed or unsafe XML: {exc}", code="register-unreadable-file"),)
        )
    out: list[RegisterPerson] = []
    errors: list[ParseError] = []
    notes = Notes()
    for index, ind in enumerate(root.iter("INDIVIDUAL")):
        dataid = _t(ind.find("DATAID")) or _t(ind.find("REFERENCE_NUMBER")) or str(index)
        try:
            out.append(_person(ind, dataid, notes))
        except ParseError as exc:
            errors.append(exc.located(tag=dataid, segment_index=index))
    return RegisterReadResult(tuple(out), tuple(errors), tuple(notes.warnings))
