"""What the register readers share: the result with its warnings, and the
readings of values every list has (genders, dates, countries, document numbers).

A register import must lose nothing silently: a value a reader cannot use is
left out with a ``RegisterWarning`` that names the entry, the field and the
value, so that an import can count what it left out by kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.domain.registers import RegisterDocument, RegisterPerson
from liaison.formats.catalogue import warning
from liaison.formats.countries import read_country
from liaison.formats.document_numbers import split_document_number
from liaison.formats.errors import ParseError
from liaison.formats.result import ReadResult

# The kinds of value a warning names (``RegisterWarning.field``); imports count by them.
NATIONALITY = "nationality"
DOCUMENT_COUNTRY = "document issuing country"
DOCUMENT = "document"
GENDER = "gender"


@dataclass(frozen=True, slots=True)
class RegisterWarning:
    """A value left out (or changed) while reading or importing one entry."""

    code: str
    entry: str
    field: str
    value: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class RegisterReadResult(ReadResult[RegisterPerson]):
    """Persons read, entries refused (``errors``) and values left out (``warnings``)."""

    warnings: tuple[RegisterWarning, ...] = ()


@dataclass
class Notes:
    """Warnings gathered while one file is read."""

    warnings: list[RegisterWarning] = field(default_factory=list)

    def left_out(self, entry: str, kind: str, value: str, reason: str, *, code: str) -> None:
        text = warning(code, f"{entry}: {kind} {value!r} left out: {reason}")
        self.warnings.append(RegisterWarning(code, entry, kind, value, text))

    def countries(self, values: Iterable[str], entry: str, kind: str = NATIONALITY) -> tuple[str, ...]:
        """ISO alpha-3 codes for names or codes; each value that names no country is reported."""
        codes: list[str] = []
        for value in values:
            if not value.strip():
                continue
            reading = read_country(value)
            if reading.code is None:
                self.left_out(entry, kind, value, reading.reason or "", code="register-country-left-out")
            else:
                codes.append(reading.code)
        return tuple(dict.fromkeys(codes))

    def country(self, value: str | None, entry: str, kind: str = DOCUMENT_COUNTRY) -> str | None:
        found = self.countries([value or ""], entry, kind)
        return found[0] if found else None

    def gender(self, value: str | None, entry: str) -> Gender | None:
        text = (value or "").strip()
        if not text:
            return None
        found = _GENDERS.get(text.lower())
        if found is None:
            self.left_out(entry, GENDER, text, "not male, female or unknown", code="register-value-left-out")
        return found

    def document(
        self,
        entry: str,
        number: str,
        *,
        kind: str | None = None,
        country: str | None = None,
        type: str | None = None,
        issued: str | None = None,
        place_of_issue: str | None = None,
        note: str | None = None,
    ) -> RegisterDocument | None:
        """A document with its number cleaned of a leading label (which becomes
        its type) and of words after it (which join its note: ``12345 issued in
        Iraq`` keeps ``issued in Iraq``); one without a number is reported and left out."""
        split = split_document_number(number)
        if not split.number:
            described = "; ".join(p for p in (type, country, issued, place_of_issue, note) if p)
            self.left_out(
                entry, DOCUMENT, described or number, "it has no number", code="register-document-left-out"
            )
            return None
        chosen = kind or ("passport" if split.names_a_passport else "id")
        if split.names_a_passport:
            chosen = "passport"
        return RegisterDocument(
            chosen,
            split.number,
            self.country(country, entry) if country else None,
            type or split.label,
            issued or None,
            place_of_issue or None,
            "; ".join(part for part in (note, split.note) if part) or None,
        )


_GENDERS = {
    "male": Gender.MALE,
    "m": Gender.MALE,
    "female": Gender.FEMALE,
    "f": Gender.FEMALE,
    "other": Gender.UNKNOWN,
    "unknown": Gender.UNKNOWN,
    "u": Gender.UNKNOWN,
    "x": Gender.UNKNOWN,
}


def read_dates(values: Iterable[str], where: str) -> tuple[PartialDate, ...]:
    """Partial dates ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (a time after the date is
    ignored); anything else refuses the entry, as a wrong birth date would mislead."""
    out: list[PartialDate] = []
    for raw in values:
        v = raw.strip()
        if not v:
            continue
        try:
            out.append(PartialDate.parse(v[:10]))
        except (InvalidInput, ValueError):
            raise ParseError(
                f"{v!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD", element=where, code="register-date"
            ) from None
    return tuple(dict.fromkeys(out))


def lines(data: bytes) -> Iterator[tuple[int, int, str]]:
    """Line number (1-based), byte offset and text of each line."""
    offset = 0
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        yield number, offset, raw.decode("utf-8", "replace").strip()
        offset += len(raw)
