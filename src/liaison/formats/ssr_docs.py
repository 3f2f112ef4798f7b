"""The free text of SSR DOCS, DOCO and DOCA, as both PNRGOV readers receive it.

Pure functions, shared by the EDIFACT reader (SSR element 01:9) and the XML
reader (``SSR/@Text``). The slash-separated layouts are the ones of the IATA
API/PNR guidelines (AIRIMP 3.10):

- DOCS ``/type/issuing country/number/nationality/DDMMMYY birth/gender/DDMMMYY expiry/surname/given/middle/H``
- DOCO ``/place of birth/type/number/place of issue/DDMMMYY issue/country valid for/I``
- DOCA ``/type (R, D)/country/street/city/state/postal code/I``

A field that cannot be read is left empty and reported as a ``Problem`` (field,
value, reason): the caller decides whether that is an error or a warning. Text
copied from a reservation screen may start with the status and count
(``HK1/P/...``), may lack the leading slash, and may end with the name element
(``.../KOWALSKI/JAN-1KOWALSKI/JANMR``); these are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.domain.passenger import Address, Document
from liaison.formats.values import ddmmmyy, gender

_STATUS = re.compile(r"^[A-Z]{2}\d{1,3}(?=/)")
_NAME_ELEMENT = re.compile(r"-\d{1,3}[A-Z][A-Z .'-]*/[A-Z .'/-]*$")


@dataclass(frozen=True, slots=True)
class Problem:
    """A field of the free text that could not be read (and was left empty):
    ``reason`` follows the value (``'31FEB64' is not a date DDMMMYY (...)``)."""

    field: str
    value: str
    reason: str


@dataclass(frozen=True, slots=True)
class DocsText:
    """SSR DOCS: ``document`` is None when the text names no document, only the
    person (some airlines send birth date and gender alone). ``infant`` is set for
    gender ``MI``/``FI``: the document belongs to the infant travelling with the
    traveller it was filed under."""

    document: Document | None
    birth_date: PartialDate | None
    gender: Gender | None
    infant: bool
    nationality: str | None
    surname: str | None
    given_names: str | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class DocoText:
    document: Document
    birth_place: str | None
    problems: tuple[Problem, ...] = ()


def slash_fields(text: str, n: int) -> list[str]:
    """The fields of SSR free text, at least ``n`` of them (missing ones empty)."""
    text = _clean(text)
    fields = [f.strip() for f in text.split("/")]
    return [*fields, *([""] * n)][: max(n, len(fields))]


def _clean(text: str) -> str:
    text = " ".join(text.split()).upper()
    text = _STATUS.sub("", text, count=1)
    if text.startswith("/"):
        text = text[1:]
    return _NAME_ELEMENT.sub("", text, count=1)


def _date(value: str, field: str, pivot_year: int, past: bool, problems: list[Problem]) -> PartialDate | None:
    try:
        return ddmmmyy(value, pivot_year, past)
    except (ValueError, InvalidInput) as exc:
        detail = "" if "is not a date" in str(exc) else f" ({exc})"
        problems.append(Problem(field, value, f"is not a date DDMMMYY{detail}"))
        return None


def read_docs(text: str, pivot_year: int) -> DocsText:
    """SSR DOCS free text. Two-digit birth years are never later than ``pivot_year``
    (the year the message was sent); expiry years are 20xx."""
    problems: list[Problem] = []
    dtype, issuing, number, nationality, birth, sex, expiry, surname, given, middle = slash_fields(text, 11)[
        :10
    ]
    birth_date = _date(birth, "date of birth", pivot_year, True, problems)
    expiry_date = _date(expiry, "expiry", pivot_year, False, problems)
    try:
        g, infant = gender(sex)
    except ValueError:
        problems.append(Problem("gender", sex, "is not a gender (M, F, U, X, MI, FI)"))
        g, infant = None, False
    document = None
    if number or dtype or issuing or expiry_date:
        document = Document(
            kind="DOCS",
            type=dtype or None,
            number=number or None,
            issuing_country=issuing or None,
            nationality=nationality or None,
            expiry=expiry_date,
        )
    given_names = " ".join(p for p in (given, middle) if p) or None
    return DocsText(
        document, birth_date, g, infant, nationality or None, surname or None, given_names, tuple(problems)
    )


def read_doco(text: str, pivot_year: int) -> DocoText:
    """SSR DOCO free text: a visa (or other document) valid for ``issuing_country``."""
    problems: list[Problem] = []
    birth_place, dtype, number, place, issued, country = slash_fields(text, 8)[:6]
    issued_date = _date(issued, "date of issue", pivot_year, True, problems)
    document = Document(
        kind="DOCO",
        type=dtype or None,
        number=number or None,
        issuing_country=country or None,
        place_of_issue=place or None,
        issued=issued_date,
    )
    return DocoText(document, birth_place or None, tuple(problems))


def read_doca(text: str) -> Address:
    """SSR DOCA free text: the traveller's residence (``R``) or destination (``D``) address."""
    kind, country, street, city, state, postal = slash_fields(text, 8)[:6]
    return Address(
        kind=kind or None,
        street=street or None,
        city=city or None,
        state=state or None,
        postal_code=postal or None,
        country=country or None,
    )
