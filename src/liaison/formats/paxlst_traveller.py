"""One PAXLST traveller group read into a ``Traveller``.

A group starts with the segment that names the traveller: ``NAD`` (UN variant)
or ``PDT`` (US variant, ``formats.paxlst_us``). The details after it are the
same in both: ``ATT+2`` gender, ``DTM+329`` birth, ``LOC`` 178/179/174/180,
``NAT``, ``RFF`` (``SEA`` seats), ``DOC`` with ``DTM`` 36/182 and ``LOC+91``,
and the API-PNR bag segments ``MEA+CT``/``MEA+WT`` and ``FTX+BAG``.

A name with control characters is refused, not cleaned: a name is what
screening matches on, and a name changed by the reader could match the wrong
person or miss the right one (other values are cleaned with a warning by the
tokenizer).

One element that cannot be read (a gender, a date, a bag count or weight) is
left empty with a ``paxlst-element-unreadable`` warning and the traveller is
kept, as the PNRGOV reader does for a PNR's elements: a traveller is lost only
when it cannot be read at all (no surname, a name with control characters). The
warning names the message, the traveller by position and the segment and
element, never the value: warnings are stored and shown widely, and a birth date
or a gender is personal data (a bag count is not, and is quoted).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from liaison.domain.codes import Gender, TravellerRole
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.domain.passenger import Address, Bag, Document, Seat, Traveller
from liaison.formats.catalogue import warning
from liaison.formats.edifact import Segment
from liaison.formats.paxlst_legs import GroupError, partial, qualifier
from liaison.formats.values import gender

CREW_CODES = frozenset({"FM", "DDU", "CRW"})
TRAVELLER_CODES = frozenset({"FL", "FM", "DDT", "DDU", "COT", "CRW"})
# NAD elements that hold a name: C058 name and address, C080 party name.
NAME_ELEMENTS = (3, 4)
# Segments that carry nothing Liaison keeps, read past in silence (docs/formats.md,
# ``paxlst-not-kept``): verification (GEI), contact numbers (COM), employment (EMP),
# payment (CPI), the place of customs clearance (LOC+22).
NOT_KEPT = frozenset({"GEI", "COM", "EMP", "CPI", "LOC+22"})

# C0 controls and DEL, as the tokenizer counts them (tab, CR and LF are layout).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WEIGHT_UNITS = {"KGM": "KG", "KGS": "KG", "K": "KG", "LBR": "LB", "LBS": "LB", "L": "LB"}
_SERIAL = re.compile(r"^(.*?)(\d+)$")
_MAX_RANGE = 99  # consecutive tags spelt out; a longer range keeps its first tag and its count


@dataclass(slots=True)
class DocDraft:
    """A travel document as its segments are read (``DOC``, then ``DTM``/``LOC``)."""

    type: str | None
    number: str | None
    issuing_country: str | None = None
    issued: PartialDate | None = None
    expiry: PartialDate | None = None


@dataclass(slots=True)
class Details:
    """What a traveller group says, as it is read."""

    role: TravellerRole = TravellerRole.PASSENGER
    surname: str = ""
    given: str | None = None
    name_as_sent: str | None = None
    gender: Gender | None = None
    birth: PartialDate | None = None
    nationality: str | None = None
    residence: str | None = None
    birth_place: str | None = None
    birth_country: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    docs: list[DocDraft] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    seats: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    bag_count: int | None = None
    bag_weight: float | None = None
    bag_unit: str | None = None
    bag_tags: list[str] = field(default_factory=list)
    tag_pieces: int = 0
    in_doc: bool = False
    warnings: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    # Who the warnings are about: the message and the traveller's position, never the name.
    where: str = ""

    def note(self, seg: Segment, element: str, text: str) -> None:
        """``text`` comes from ``catalogue.warning``: it says what was left empty."""
        self.warnings.append(f"{self.where}segment {seg.tag} #{seg.number} element {element}: {text}")

    def unreadable(self, seg: Segment, element: str, what: str) -> None:
        self.note(seg, element, warning("paxlst-element-unreadable", f"{what}; left empty"))

    def traveller(self) -> Traveller:
        docs = tuple(
            Document("DOCS", d.type, d.number, d.issuing_country, None, self.nationality, d.issued, d.expiry)
            for d in self.docs
        )
        return Traveller(
            surname=self.surname,
            given_names=self.given,
            role=self.role,
            birth_date=self.birth,
            gender=self.gender,
            nationality=self.nationality,
            residence_country=self.residence,
            birth_place=self.birth_place,
            embarkation=self.embarkation,
            debarkation=self.debarkation,
            documents=docs,
            seats=tuple(Seat(s, self.embarkation, self.debarkation) for s in self.seats),
            addresses=tuple(self.addresses),
            references=tuple(self.refs),
            name_as_sent=self.name_as_sent,
            birth_country=self.birth_country,
            bags=self._bags(),
        )

    def _bags(self) -> tuple[Bag, ...]:
        """One entry for all the traveller's checked bags: the count ``MEA+CT`` gives,
        else the number of tags; the total weight ``MEA+WT`` gives."""
        if self.bag_count is None and not self.tag_pieces and self.bag_weight is None:
            return ()
        count = self.bag_count if self.bag_count is not None else self.tag_pieces
        weight = int(self.bag_weight + 0.5) if self.bag_weight is not None else None
        unit = self.bag_unit if weight is not None else None
        return (Bag(count=count, weight=weight, weight_unit=unit, tags=tuple(self.bag_tags)),)


def control_characters(seg: Segment, elements: Sequence[int]) -> list[str]:
    """Positions (``04:1``) in ``elements`` of ``seg`` holding control characters, as
    received: the tokenizer removes them and says where; values it left are checked too."""
    found = [p for p in seg.controls_removed if int(p[:2]) in elements]
    for e in elements:
        if e < len(seg.elements) and _CONTROL.search("".join(seg.elements[e])):
            found.extend(
                f"{e:02d}:{i + 1}" for i, value in enumerate(seg.elements[e]) if _CONTROL.search(value)
            )
    return sorted(set(found))


def refuse_control_characters(seg: Segment, elements: Sequence[int]) -> None:
    where = control_characters(seg, elements)
    if where:
        raise GroupError(
            f"the traveller's name holds control characters (NUL or other C0/DEL) in {seg.tag} "
            f"{', '.join(where)}: refused, not cleaned, as a changed name could match the wrong person",
            f"{seg.tag} {where[0]}",
            code="paxlst-name-control-characters",
        )


def read_nad(nad: Segment, d: Details) -> None:
    """Name (C080, or the first line of C058 when C080 is empty) and address of a traveller."""
    refuse_control_characters(nad, NAME_ELEMENTS)
    code = nad.get(1, 1).strip().upper()
    d.role = TravellerRole.CREW if code in CREW_CODES else TravellerRole.PASSENGER
    element = 4 if nad.get(4, 1).strip() or nad.size() < 3 else 3
    name = [c.strip() for c in nad.elements[element]] if nad.size() >= element else []
    if not name or not name[0]:
        raise GroupError("the traveller has no surname", "NAD 04:1", code="paxlst-traveller-without-surname")
    d.surname = " ".join(name[0].upper().split())
    d.given = " ".join(c for c in name[1:] if c).upper() or None
    d.name_as_sent = ":".join(nad.elements[element])
    address = read_address(nad)
    if address is not None:
        d.addresses.append(address)


def read_address(nad: Segment) -> Address | None:
    """NAD C059 street (up to four lines), 3164 city, C819 country sub-entity (code,
    else name), 3251 postal code, 3207 country."""

    def comps(e: int) -> list[str]:
        return [c.strip() for c in nad.elements[e] if c.strip()] if nad.size() >= e else []

    street = " ".join(comps(5)) or None
    city = " ".join(comps(6)) or None
    sub = nad.get(7, 1).strip() or nad.get(7, 4).strip() or None
    postal = nad.get(8, 1).strip() or None
    country = nad.get(9, 1).strip() or None
    if not (street or city or sub or postal or country):
        return None
    return Address(street=street, city=city, state=sub, postal_code=postal, country=country)


def _place(seg: Segment) -> str:
    """The first component of element 2 that is not empty."""
    if len(seg.elements) < 3:
        return ""
    for c in seg.elements[2]:
        if c and not c.isspace():
            return c.strip()
    return ""


def _birth_place(seg: Segment, d: Details) -> None:
    """``LOC+180``: C517 3225 the country code, 3224 the place's name; C519 and C553
    (elements 3 and 4) the country sub-entity and the town, by code or by name."""
    code = seg.get(2, 1).strip()
    names = [seg.get(2, 4).strip()]
    names += [seg.get(e, 4).strip() or seg.get(e, 1).strip() for e in (3, 4)]
    text = ", ".join(n for n in names if n)
    if code and (len(code) > 3 or not code.isalpha()):
        text, code = ", ".join(n for n in (code, text) if n), ""  # a name sent as the code
    d.birth_country = code.upper() or None
    d.birth_place = text or code or None


def _number(seg: Segment, value: str, element: str, d: Details, what: str) -> float | None:
    """A count or weight (``,`` as the decimal mark too); None, with a warning, when it is not one."""
    text = value.strip().replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        d.unreadable(seg, element, f"{what} {value.strip()!r} is not a number")
        return None
    if number < 0 or number != number or number in (float("inf"), float("-inf")):
        d.unreadable(seg, element, f"{what} {value.strip()!r} is not a count or weight")
        return None
    return number


def _count(seg: Segment, value: str, element: str, d: Details, what: str) -> int | None:
    number = _number(seg, value, element, d, what)
    if number is not None and number != int(number):
        d.unreadable(seg, element, f"{what} {value.strip()!r} is not a whole number")
        return None
    return None if number is None else int(number)


def _mea(seg: Segment, d: Details) -> None:
    """``MEA+CT++:3`` bag count, ``MEA+WT++KGM:22`` total weight (also ``MEA+CT++3``)."""
    q = seg.get(1, 1).strip().upper()
    unit, value, element = seg.get(3, 1).strip().upper(), seg.get(3, 2).strip(), "03:2"
    if not value and any(ch.isdigit() for ch in unit):  # ``MEA+CT++3``: the value without its unit
        unit, value, element = "", unit, "03:1"
    if q == "CT":
        count = _count(seg, value, element, d, "bag count") if value else None
        if count is not None:
            d.bag_count = (d.bag_count or 0) + count
    elif q == "WT":
        weight = _number(seg, value, element, d, "bag weight") if value else None
        if weight is not None:
            d.bag_weight = (d.bag_weight or 0) + weight
            d.bag_unit = _WEIGHT_UNITS.get(unit, unit or None)
    else:
        d.unread.append(f"MEA+{q}")


def _tags(first: str, pieces: int) -> list[str]:
    m = _SERIAL.match(first)
    if pieces <= 1 or m is None or pieces > _MAX_RANGE:
        return [first]
    head, digits = m.groups()
    start = int(digits)
    return [f"{head}{start + i:0{len(digits)}d}" for i in range(pieces)]


def _ftx(seg: Segment, d: Details) -> None:
    """``FTX+BAG+++UA123456:3``: the first tag of a range of consecutive tags and
    how many there are (one when not given, and when it cannot be read: the first
    tag is kept alone, with a warning)."""
    if seg.get(1, 1).strip().upper() != "BAG":
        d.unread.append(f"FTX+{seg.get(1, 1).strip().upper()}")
        return
    first, pieces_text = seg.get(4, 1).strip(), seg.get(4, 2).strip()
    if not first:
        return
    pieces = _count(seg, pieces_text, "04:2", d, "number of bag tags") if pieces_text else 1
    if pieces is None:
        pieces = 1  # the first tag is there; how many follow it is not known
    d.bag_tags.extend(_tags(first, pieces))
    d.tag_pieces += pieces


def _qty(seg: Segment, d: Details) -> None:
    """``QTY+<qualifier>:<n>`` inside a traveller group: the number of checked bags
    (assumed: the traveller group has no other quantity)."""
    value = seg.get(1, 2).strip()
    count = _count(seg, value, "01:2", d, "bag count") if value else None
    if count is not None:
        d.bag_count = (d.bag_count or 0) + count


def _date(seg: Segment, d: Details, pivot: int, past: bool, what: str) -> PartialDate | None:
    """``DTM`` 01:2, ``YYMMDD`` or ``CCYYMMDD``; None, with a warning that does not quote it."""
    try:
        return partial(seg.get(1, 2), pivot, past=past)
    except (ValueError, InvalidInput):
        d.unreadable(seg, "01:2", f"{what} is not a date YYMMDD or CCYYMMDD")
        return None


def read_detail(seg: Segment, d: Details, pivot: int) -> None:
    """One detail segment after the name."""
    tag = seg.tag
    if tag == "ATT":
        if seg.get(1, 1).strip() == "2":
            try:
                d.gender = gender(seg.get(3, 1))[0]
            except ValueError:
                d.unreadable(seg, "03:1", "gender is not M, F, U or X")
        else:
            d.unread.append(f"ATT+{seg.get(1, 1).strip()}")
    elif tag == "DTM":
        q = qualifier(seg)
        if q == "329":
            d.birth = _date(seg, d, pivot, True, "birth date")
        elif q == "36" and d.docs:
            d.docs[-1].expiry = _date(seg, d, pivot, False, "document expiry date")
        elif q == "182" and d.docs:
            d.docs[-1].issued = _date(seg, d, pivot, True, "document issue date")
        else:
            d.unread.append(f"DTM+{q}")
    elif tag == "LOC":
        q = qualifier(seg)
        place = _place(seg) or None
        if q == "91" and d.in_doc and d.docs:
            d.docs[-1].issuing_country = place
        elif q == "178":
            d.embarkation = place
        elif q == "179":
            d.debarkation = place
        elif q == "174":
            d.residence = place
        elif q == "180":
            _birth_place(seg, d)
        elif f"LOC+{q}" not in NOT_KEPT:
            d.unread.append(f"LOC+{q}")
    elif tag == "NAT":
        d.nationality = seg.get(2, 1).strip() or None
    elif tag == "RFF":
        q, v = seg.get(1, 1).strip(), seg.get(1, 2).strip()
        if q == "SEA" and v:
            d.seats.append(v)
        elif v:
            d.refs.append(f"{q}:{v}")
    elif tag == "DOC":
        d.in_doc = True
        d.docs.append(DocDraft(seg.get(1, 1).strip() or None, seg.get(2, 1).strip() or None))
    elif tag == "MEA":
        _mea(seg, d)
    elif tag == "FTX":
        _ftx(seg, d)
    elif tag == "QTY":
        _qty(seg, d)
    elif tag not in NOT_KEPT:
        d.unread.append(tag)


def read_details(segs: Sequence[Segment], d: Details, pivot: int) -> Traveller:
    """The traveller, once every detail segment is read; a GroupError names its segment."""
    for seg in segs:
        try:
            read_detail(seg, d, pivot)
        except GroupError as exc:
            exc.segment = seg
            raise
    return d.traveller()
