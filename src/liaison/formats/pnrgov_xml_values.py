"""Values of PNRGOV XML attributes, read so that a bad one loses only itself.

A value that is present but cannot be read (a date that is not a date, a gender
that is not one) is left empty and ``Notes`` records a catalogued warning naming
the element path and, for PNR data, the record locator. Nothing here raises for
bad input: the PNR around the value is kept.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.formats.catalogue import warning
from liaison.formats.values import ddmmmyy
from liaison.formats.values import gender as read_gender

_DDMMMYY = re.compile(r"^\d{0,2}[A-Z]{3}\d{2}$")
_WEIGHT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([A-Z]*)$")
WEIGHT_UNITS = {
    "KG": "KG",
    "KGS": "KG",
    "K": "KG",
    "700": "KG",
    "LB": "LB",
    "LBS": "LB",
    "L": "LB",
    "701": "LB",
}


_PERSONAL = re.compile(r"Passenger|SSR|DOC|ContactInfo|PaymentInfo|CustLoyalty|TicketDocument")


class Notes:
    """The warnings of one PNR (``prefix`` names it: ``"PNR ABC123: "``) or of a
    notification's header (no prefix)."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.items: list[str] = []

    def unreadable(self, path: str, raw: str, reason: str) -> None:
        """Flight and header values are quoted; a value of a person, a document, a contact or a
        payment is not, because warnings are stored and shown to every reader of the message."""
        shown = "" if _PERSONAL.search(path) else f"{raw!r} "
        self.items.append(
            warning("xml-value-unreadable", f"{self.prefix}{path}: {shown}{reason}; left empty")
        )

    def unplaced(self, path: str, what: str) -> None:
        self.items.append(warning("xml-unplaced", f"{self.prefix}{path}: {what}"))

    def no_carrier(self, path: str) -> None:
        self.items.append(
            warning(
                "xml-leg-no-carrier",
                f"{self.prefix}{path}: the flight names no carrier (MarketingAirline/@Code); "
                "the leg is kept with an empty carrier",
            )
        )

    def extra_reference(self, path: str, locator: str, owner: str | None) -> None:
        self.items.append(
            warning(
                "xml-booking-reference-extra",
                f"{self.prefix}{path}: a third booking reference {locator} ({owner or 'no owner'}) "
                "has no field; it is only in this warning",
            )
        )


def first_attr(el: Element | None, *names: str) -> tuple[str, str] | None:
    """The first non-blank attribute of ``names`` as (name, value)."""
    if el is None:
        return None
    for n in names:
        v = el.get(n)
        if v is not None and v.strip():
            return n, v.strip()
    return None


def date_time(el: Element | None, path: str, notes: Notes, *names: str) -> datetime | None:
    """An ISO 8601 date-time (a date alone is midnight). A zone, when sent, is
    dropped: times are local to the airport, as in PNRGOV EDIFACT."""
    found = first_attr(el, *names)
    if found is None:
        return None
    name, raw = found
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        notes.unreadable(f"{path}/@{name}", raw, "is not an ISO 8601 date-time")
        return None


def partial_date(
    el: Element | None, path: str, notes: Notes, pivot_year: int, past: bool, *names: str
) -> PartialDate | None:
    """An ISO 8601 date (``1964-07-12``, also ``1964-07`` or ``1964``), or the
    ``12JUL64`` of SSR text, which some airlines copy into attributes."""
    found = first_attr(el, *names)
    if found is None:
        return None
    name, raw = found
    return parse_partial_date(raw, f"{path}/@{name}", notes, pivot_year, past)


def parse_partial_date(raw: str, path: str, notes: Notes, pivot_year: int, past: bool) -> PartialDate | None:
    text = raw.strip().upper()
    try:
        if _DDMMMYY.match(text):
            return ddmmmyy(text, pivot_year, past)
        return PartialDate.parse(text[:10] if len(text) > 10 and text[10] in "T " else text)
    except (InvalidInput, ValueError):
        notes.unreadable(path, raw, "is not a date (YYYY-MM-DD)")
        return None


def gender(el: Element | None, path: str, notes: Notes, *names: str) -> tuple[Gender | None, bool]:
    """Gender and whether the code says infant (``MI``/``FI``)."""
    found = first_attr(el, *names)
    if found is None:
        return None, False
    name, raw = found
    code = {"MALE": "M", "FEMALE": "F"}.get(raw.upper(), raw)
    try:
        return read_gender(code)
    except ValueError:
        notes.unreadable(f"{path}/@{name}", raw, "is not a gender (M, F, U, X, MI, FI)")
        return None, False


def count(raw: str, path: str, notes: Notes) -> int | None:
    """A whole number of pieces."""
    if raw.isdigit():
        return int(raw)
    notes.unreadable(path, raw, "is not a number")
    return None


def weight(raw: str, path: str, notes: Notes) -> tuple[int | None, str | None]:
    """A weight, whole or decimal (rounded to the unit, as EDIFACT carries it),
    with a unit glued to it when sent so (``23KG``)."""
    m = _WEIGHT.match(raw.strip().upper())
    if m is None:
        notes.unreadable(path, raw, "is not a weight")
        return None, None
    try:
        amount = Decimal(m.group(1).replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        notes.unreadable(path, raw, "is not a weight")
        return None, None
    unit = m.group(2) or None
    return int(amount.to_integral_value()), unit


def weight_unit(raw: str | None, path: str, notes: Notes) -> str | None:
    """``KG`` or ``LB`` (also the EDIFACT codes 700/701)."""
    if raw is None:
        return None
    unit = WEIGHT_UNITS.get(raw.strip().upper())
    if unit is None:
        notes.unreadable(path, raw, "is not a weight unit (KG, LB)")
    return unit
