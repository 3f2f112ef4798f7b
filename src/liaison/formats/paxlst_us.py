"""US-format PAXLST: the traveller named in one ``PDT`` segment.

CBP's pre-UN APIS layout (``UNH+…+PAXLST:001:000…`` and similar; GTAS tells it
from the UN variant by ``PDT+P``/``PDT+V``/``PDT+A``) gives each traveller's
document, status and name in ``PDT``; ``DTM``, ``LOC``, ``NAT``, ``ATT``,
``RFF`` may follow as in the UN variant and are read the same way. Assumed
layout, from the CBP guide and GTAS's reader (no published sample is at hand,
so the components after the surname are read by their shape, not only their
position)::

    PDT+P:123456789:USA:301231+FL+DOE:JOHN:Q:700101:M+USA+CAN'
        01  travel document: type (P passport, V visa, A alien registration…) :
            number : issuing country : date : date — one date is the expiry;
            of two, the later is the expiry and the earlier the issue date
        02  status: FL/PAX/P passenger, FM/CRW/CREW/C crew, DDT/IN/INT/TRN/T
            passenger in transit, DDU crew in transit (left out: a passenger)
        03  name: surname : given names… ; after the names (in this element or
            the next ones), by shape: the first all-digit value is the birth
            date, a gender code (M, F, U, X) the gender, and the first two 2-3
            letter codes the nationality and the country of residence

A ``PDT`` right after a ``NAD`` that names the same person (or no one) adds to
that traveller: the ``NAD``'s name is kept (``NAD+FL`` for the name, ``PDT``
for the document, as some US senders lay it out).

Six-digit dates are ``YYMMDD`` as in the UN variant; one that is not a calendar
date that way but is as the US ``MMDDYY`` is read so, with a warning
(``paxlst-us-date-order``); eight digits likewise ``CCYYMMDD``/``MMDDCCYY``.
A date that is neither is left empty with a warning (``paxlst-element-unreadable``).
"""

from __future__ import annotations

from liaison.domain.codes import TravellerRole
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.formats.catalogue import warning
from liaison.formats.edifact import Segment
from liaison.formats.paxlst_legs import GroupError, partial
from liaison.formats.paxlst_traveller import Details, DocDraft, refuse_control_characters
from liaison.formats.values import gender, two_digit_year

PASSENGER_STATUS = frozenset({"FL", "PAX", "P", "DDT", "IN", "INT", "TRN", "T", "COT"})
CREW_STATUS = frozenset({"FM", "CRW", "CREW", "C", "DDU"})
STATUS = PASSENGER_STATUS | CREW_STATUS


def _comps(seg: Segment, element: int) -> list[str]:
    return [c.strip() for c in seg.elements[element]] if element < len(seg.elements) else []


def _is_status(comps: list[str]) -> bool:
    """A lone short code: the status element (known or not), never a name."""
    filled = [c for c in comps if c]
    return len(filled) == 1 and len(comps) == 1 and len(filled[0]) <= 4 and filled[0].isalpha()


def layout(seg: Segment) -> tuple[int | None, int | None]:
    """The positions of the status and of the name element of a ``PDT``."""
    status = name = None
    for e in range(2, len(seg.elements)):
        comps = _comps(seg, e)
        if not any(comps):
            continue
        if status is None and name is None and _is_status(comps):
            status = e
        elif name is None and any(c.isalpha() or c.replace(" ", "").isalpha() for c in comps if c):
            name = e
            break
    return status, name


def name_elements(seg: Segment) -> tuple[int, ...]:
    """Every element but the document's may hold part of the name or its status."""
    return tuple(range(2, len(seg.elements)))


def us_date(
    seg: Segment, value: str, pivot: int, past: bool, element: str, d: Details, what: str
) -> PartialDate | None:
    """``YYMMDD``/``CCYYMMDD``, else the US order ``MMDDYY``/``MMDDCCYY`` with a warning;
    neither: None, with a warning (the traveller is kept). No warning quotes the value:
    it may be a birth date."""
    v = value.strip()
    try:
        return partial(v, pivot, past)
    except (ValueError, InvalidInput):
        pass
    try:
        if len(v) == 6 and v.isdigit():
            found = PartialDate(two_digit_year(int(v[4:6]), pivot, past), int(v[0:2]), int(v[2:4]))
        elif len(v) == 8 and v.isdigit():
            found = PartialDate(int(v[4:8]), int(v[0:2]), int(v[2:4]))
        else:
            raise ValueError(v)
    except (ValueError, InvalidInput):
        d.unreadable(seg, element, f"{what} is not a date YYMMDD, CCYYMMDD or MMDDYY")
        return None
    d.note(
        seg,
        element,
        warning("paxlst-us-date-order", f"{what} is not YYMMDD but is MMDDYY: read as month-day-year"),
    )
    return found


def read_pdt(seg: Segment, d: Details, pivot: int) -> None:
    """Fill ``d`` from one ``PDT``. After a ``NAD`` that named the traveller, the
    ``NAD``'s name is kept and the ``PDT`` adds the rest."""
    refuse_control_characters(seg, name_elements(seg))
    status_at, name_at = layout(seg)
    if status_at is not None:
        status = seg.get(status_at, 1).strip().upper()
        if status not in STATUS:
            raise GroupError(
                f"PDT status {status!r} is not a traveller's (FL, FM, DDT, DDU, PAX, CREW, IN…): "
                "cannot place the person it names",
                f"PDT {status_at:02d}:1",
                code="paxlst-unplaced-name",
            )
        d.role = TravellerRole.CREW if status in CREW_STATUS else TravellerRole.PASSENGER
    values: list[tuple[str, str]] = []
    if name_at is not None and seg.get(name_at, 1).strip():
        comps = _comps(seg, name_at)
        cut = next((i for i, c in enumerate(comps) if i and c.isdigit()), len(comps))
        if not d.surname:
            d.surname = " ".join(comps[0].upper().split())
            d.given = " ".join(c.upper() for c in comps[1:cut] if c) or None
            d.name_as_sent = ":".join(seg.elements[name_at])
        values = [(f"{name_at:02d}:{i + 1}", comps[i]) for i in range(cut, len(comps))]
    elif not d.surname:
        raise GroupError("the traveller has no surname", "PDT 03:1", code="paxlst-traveller-without-surname")
    after = (name_at or status_at or 1) + 1
    values += [(f"{e:02d}:1", seg.get(e, 1).strip()) for e in range(after, len(seg.elements))]
    _document(seg, d, pivot)
    _facts(seg, values, d, pivot)


def surname(seg: Segment) -> str:
    """The surname a ``PDT`` gives, if any: does it name the traveller of the ``NAD`` before it?"""
    _, name_at = layout(seg)
    return " ".join(seg.get(name_at, 1).upper().split()) if name_at is not None else ""


def given_names(seg: Segment) -> str:
    """The given names a ``PDT`` gives, if any."""
    _, name_at = layout(seg)
    return " ".join(seg.get(name_at, 2).upper().split()) if name_at is not None else ""


def same_person(nad: Segment, pdt: Segment) -> bool:
    """Whether a ``PDT`` right after a ``NAD`` names the same traveller: the same surname
    (or none) and given names that agree (none, or the same first given name). Two members
    of a family share a surname; their details must never be merged into one traveller."""
    named = " ".join(nad.get(4, 1).upper().split())
    if surname(pdt) not in ("", named):
        return False
    first, other = given_names(pdt).split(), " ".join(nad.get(4, 2).upper().split()).split()
    return not first or not other or first[0] == other[0]


_GENDERS = frozenset({"M", "F", "U", "X", "MI", "FI", "MALE", "FEMALE", "UNKNOWN"})


def _facts(seg: Segment, values: list[tuple[str, str]], d: Details, pivot: int) -> None:
    """What follows the names, read by shape: the birth date (digits), the gender
    code, then nationality and country of residence (2-3 letter codes)."""
    birth = sex = False
    codes = 0
    for where, value in values:
        v = value.strip().upper()
        if not v:
            continue
        if v.isdigit() and not birth:
            d.birth, birth = us_date(seg, v, pivot, True, where, d, "birth date"), True
        elif v in _GENDERS and not sex and (len(v) != 2 or codes == 0):
            d.gender, sex = gender(v)[0], True
        elif v.isalpha() and 2 <= len(v) <= 3 and codes < 2:
            if codes == 0:
                d.nationality = v
            else:
                d.residence = v
            codes += 1
        else:
            d.unread.append(f"PDT {where}")


def _document(seg: Segment, d: Details, pivot: int) -> None:
    comps = _comps(seg, 1)
    if not any(comps):
        return
    kind = comps[0].upper() or None
    number = comps[1] if len(comps) > 1 and comps[1] else None
    issuer = comps[2].upper() if len(comps) > 2 and comps[2] else None
    dates = [
        us_date(seg, c, pivot, False, f"01:{i + 1}", d, "document date")
        for i, c in enumerate(comps[3:], start=3)
        if c and c.isdigit()
    ]
    found = sorted(x for x in dates if x is not None)
    expiry = found[-1] if found else None
    issued = found[0] if len(found) > 1 else None
    d.docs.append(DocDraft(kind, number, issuer, issued, expiry))
    d.in_doc = True
