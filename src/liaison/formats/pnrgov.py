"""PNRGOV EDIFACT (IATA PADIS, versions 10 to 15 as airlines send them).

The syntax is ``edifact``'s; this module gives the segments their PNRGOV
meaning. Each PNR (``SRC`` group) is read on its own so that one broken PNR is
reported without losing the others in the same message.

Levels are told apart by position, as the implementation guide defines them:
PNR header (``RCI``, ``DAT``, ``IFT``, ``ORG``, ``ADD``) → travellers (``TIF``
group) → itinerary (``TVL`` groups with seats and bags per traveller) → split
PNRs (``EQN``) → non-air segments (``MSG+8``) → history (``ABI``/``SAC``,
``LTS``), whose contents never become current data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.domain.passenger import (
    Address,
    Bag,
    Booking,
    Codeshare,
    Contacts,
    Document,
    FrequentFlyer,
    Leg,
    Payment,
    PnrMessage,
    Seat,
    Ticket,
    Traveller,
    decode_iata_email,
    encode_iata_email,
    mask_card_number,
)
from liaison.formats.catalogue import warning
from liaison.formats.edifact import (
    DEFAULT_DELIMITERS,
    Delimiters,
    EnvelopeReader,
    RawMessage,
    Segment,
    cleaning_warnings,
    format_segment,
)
from liaison.formats.errors import ParseError
from liaison.formats.interchange import read_interchange
from liaison.formats.result import ReadResult
from liaison.formats.values import (
    ddmmmyy,
    ddmmyy,
    format_ddmmmyy,
    gender,
    int_or_none,
    seat_number,
    split_title,
)

_Emit = Callable[..., None]
_WEIGHT_UNITS = {"700": "KG", "701": "LB", "K": "KG", "L": "LB", "KG": "KG", "LB": "LB"}
_TKNE = re.compile(r"(?<!\d)(INF)?(\d{13})(?!\d)")
_CTC = re.compile(r"\bCTC\s?([A-Z])\b[\s/]*(.+)")
_CTC_CITY = re.compile(r"\bCTC([A-Z]{3})\s+(.+)")


class _SegmentError(Exception):
    """Raised inside a segment handler; turned into a located ParseError."""

    def __init__(self, reason: str, element: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.element = element


def _fail(reason: str, element: str) -> _SegmentError:
    return _SegmentError(reason, element)


def _dedup(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


@dataclass(slots=True)
class _Trav:
    surname: str
    given: str | None
    title: str | None
    reference: str | None
    passenger_type: str | None
    is_infant: bool
    has_infant: bool
    name_as_sent: str
    birth_date: PartialDate | None = None
    gender: Gender | None = None
    nationality: str | None = None
    birth_place: str | None = None
    documents: list[Document] = field(default_factory=list)
    infant_documents: list[tuple[Document, PartialDate | None, Gender | None, str, str]] = field(
        default_factory=list
    )
    seats: list[Seat] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    frequent_flyers: list[FrequentFlyer] = field(default_factory=list)
    tickets: list[Ticket] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    currency: str | None = None
    total: str | None = None

    def freeze(self) -> Traveller:
        docs: dict[tuple[str, str | None, str | None], Document] = {}
        for d in self.documents:
            docs.setdefault((d.kind, d.number, d.type), d)
        return Traveller(
            surname=self.surname,
            given_names=self.given,
            reference=self.reference,
            title=self.title,
            passenger_type=self.passenger_type,
            is_infant=self.is_infant,
            birth_date=self.birth_date,
            gender=self.gender,
            nationality=self.nationality,
            birth_place=self.birth_place,
            documents=tuple(docs.values()),
            seats=tuple(dict.fromkeys(self.seats)),
            addresses=tuple(dict.fromkeys(self.addresses)),
            frequent_flyers=tuple(dict.fromkeys(self.frequent_flyers)),
            tickets=tuple(self.tickets),
            references=_dedup(self.references),
            name_as_sent=self.name_as_sent,
        )


@dataclass(slots=True)
class _LegB:
    leg: Leg
    traveller: _Trav | None = None
    status: str | None = None
    operating_flight_number: str | None = None

    def freeze(self) -> Leg:
        leg = self.leg
        if self.status is None and self.operating_flight_number is None:
            return leg
        return Leg(
            leg.carrier,
            leg.flight_number,
            leg.origin,
            leg.destination,
            leg.departure,
            leg.arrival,
            leg.operating_carrier,
            self.operating_flight_number or leg.operating_flight_number,
            leg.booking_class,
            self.status or leg.status,
        )


class _PnrReader:
    """Reads the segments of one SRC group into a Booking."""

    def __init__(self, pivot_year: int, default_currency: str | None, element_separator: str = "+") -> None:
        self.pivot_year = pivot_year
        self.element_separator = element_separator
        self.state = "pnr"
        self.locator: str | None = None
        self.owner: str | None = None
        self.res_ref: str | None = None
        self.res_owner: str | None = None
        self.created: datetime | None = None
        self.modified: datetime | None = None
        self.group: str | None = None
        self.travel_agency: str | None = None
        self.currency = default_currency
        self.travellers: list[_Trav] = []
        self.current: _Trav | None = None
        self.legs: list[_LegB] = []
        self.emails: list[str] = []
        self.phones: list[str] = []
        self.addresses: list[Address] = []
        self.payments: list[Payment] = []
        self.bags: list[Bag] = []
        self.splits: list[str] = []
        self.requests: list[str] = []
        self.remarks: list[str] = []
        self.history: list[str] = []

    # -- dispatch -------------------------------------------------------------

    def feed(self, seg: Segment) -> None:
        tag = seg.tag
        state = self.state
        handler = _HANDLERS.get(tag)
        if handler is not None and state in _LIVE_STATES:
            handler(self, seg)
            return
        if tag == "LTS":
            self.history.append(_text(seg, 1))
            return
        if tag in ("ABI", "SAC"):
            self.state = "hist"
            return
        if state == "hist":
            if tag == "IFT":
                self.history.append(_text(seg, 2))
            elif tag == "EQN":
                self.state = "split"
            return
        if tag == "EQN":
            self.state = "split"
            return
        if tag == "MSG":
            if seg.get(1, 1) == "8" or seg.get(1, 2) == "8":
                self.state = "nonair"
            return
        if state == "split":
            if tag == "RCI":
                for el in seg.elements[1:]:
                    if len(el) > 1 and el[1].strip():
                        self.splits.append(el[1].strip())
            return
        if state == "nonair":
            return

    # -- header ---------------------------------------------------------------

    def rci(self, seg: Segment) -> None:
        if self.locator is not None:
            return  # RCI inside an itinerary group repeats the locator
        owner, locator = seg.get(1, 1).strip(), seg.get(1, 2).strip()
        if not locator:
            raise _fail("the record locator is empty", "RCI 01:2")
        self.owner, self.locator = owner or None, locator
        d, t = seg.get(1, 4), seg.get(1, 5)
        third = seg.get(1, 3).strip()
        if len(third) == 6 and third.isdigit():
            d, t = third, seg.get(1, 4)  # PNRGOV 13 as some airlines send it: no type
        try:
            self.created = ddmmyy(d, t)
        except ValueError as exc:
            raise _fail(f"creation date: {exc}", "RCI 01:4") from None
        if seg.size() >= 2:
            self.res_owner = seg.get(2, 1).strip() or None
            self.res_ref = seg.get(2, 2).strip() or None

    def dat(self, seg: Segment) -> None:
        if self.state != "pnr":
            return
        for i, el in enumerate(seg.elements[1:], start=1):
            if el and el[0].strip() == "700" and len(el) > 1:
                try:
                    self.modified = ddmmyy(el[1], el[2] if len(el) > 2 else "")
                except ValueError as exc:
                    raise _fail(f"last change date: {exc}", f"DAT {i:02d}:2") from None

    def org(self, seg: Segment) -> None:
        if self.state == "pnr":
            cur = seg.get(6, 2).strip()
            if cur:
                self.currency = cur
            # Originator type T: a travel agency made the booking; its IATA number.
            if seg.get(5).strip().upper() == "T" and seg.get(2).strip():
                self.travel_agency = seg.get(2).strip()

    def add(self, seg: Segment) -> None:
        if self.state == "leg":
            return
        for el in seg.elements[2:]:
            comps = [*el, "", "", "", "", "", "", "", ""]
            kind, street, city, state, _name, country, postal, phone = comps[:8]
            has_address = any(c.strip() for c in (street, city, state, country, postal))
            if has_address:
                self.addresses.append(
                    Address(
                        kind=kind.strip() or None,
                        street=street.strip() or None,
                        city=city.strip() or None,
                        state=state.strip() or None,
                        postal_code=postal.strip() or None,
                        country=country.strip() or None,
                    )
                )
            if phone.strip():
                if has_address and sum(c.isdigit() for c in phone) < 5 and not postal.strip():
                    # a postal code sent one place too far (``::GB::SL1AA``)
                    self.addresses[-1] = replace(self.addresses[-1], postal_code=phone.strip())
                else:
                    self.phones.append(_phone(phone))

    def ift(self, seg: Segment) -> None:
        kind = seg.get(1, 2).strip()
        texts = [":".join(el).strip() for el in seg.elements[2:]]
        if kind == "43" and self.state != "leg":
            # sponsor of a form of payment: name, address, phone
            if texts and texts[0] and self.payments:
                self.payments[-1] = replace(self.payments[-1], payer=texts[0])
            if len(texts) >= 2 and texts[1]:
                self.addresses.append(Address(kind="sponsor", text=texts[1]))
            if len(texts) >= 3 and texts[2]:
                self.phones.append(texts[2])
            return
        text = self.element_separator.join(texts).strip()
        if text:
            if "CTC" in text:
                m = _CTC.search(text)
                if m is not None:
                    if m.group(1) == "E":
                        self.emails.append(decode_iata_email(m.group(2)))
                    else:
                        self.phones.append(m.group(2).strip())
                    return
                m = _CTC_CITY.search(text)
                if m is not None:
                    self.phones.append(f"{m.group(1)} {m.group(2).strip()}")
                    return
            self.remarks.append(text)

    def ebd(self, seg: Segment) -> None:
        cur, amount = seg.get(1, 1).strip(), seg.get(1, 2).strip()
        count = seg.get(2, 1).strip()
        self.remarks.append(f"EXCESS BAGGAGE {count} {amount} {cur}".strip())

    # -- travellers -----------------------------------------------------------

    def tif(self, seg: Segment) -> None:
        surname = seg.get(1, 1).strip()
        qualifier = seg.get(1, 2).strip()
        given_raw = seg.get(2, 1)
        ref = seg.get(2, 3).strip() or None
        if self.state == "leg":
            leg = self.legs[-1]
            leg.traveller = self._find(ref, surname, given_raw)
            return
        if not surname:
            raise _fail("the traveller has no surname", "TIF 01:1")
        if qualifier == "G" and not given_raw.strip():
            self.group = surname
            return
        name = split_title(given_raw)
        ptype = seg.get(2, 2).strip() or None
        trav = _Trav(
            surname=" ".join(surname.upper().split()),
            given=name.given,
            title=name.title,
            reference=ref,
            passenger_type=ptype,
            is_infant=ptype == "IN",
            has_infant=seg.get(2, 4).strip() == "1",
            name_as_sent=f"{surname}/{given_raw}" if given_raw else surname,
        )
        self.travellers.append(trav)
        self.current = trav
        self.state = "trav"

    def _find(self, ref: str | None, surname: str, given: str) -> _Trav | None:
        if ref:
            for t in self.travellers:
                if t.reference == ref:
                    return t
        surname = " ".join(surname.upper().split())
        first = split_title(given).given
        for t in self.travellers:
            if t.surname == surname and (first is None or t.given == first):
                return t
        return None

    def fti(self, seg: Segment) -> None:
        if self.current is None or self.state != "trav":
            return
        for el in seg.elements[1:]:
            comps = [*el, "", "", "", "", ""]
            if comps[1].strip():
                self.current.frequent_flyers.append(
                    FrequentFlyer(comps[0].strip(), comps[1].strip(), comps[4].strip() or None)
                )

    def ref(self, seg: Segment) -> None:
        if self.current is None or self.state != "trav":
            return
        for el in seg.elements[1:]:
            self.current.references.extend(c.strip() for c in el)

    def tkt(self, seg: Segment) -> None:
        if self.current is None or self.state != "trav":
            return
        number = seg.get(1, 1).strip()
        if number:
            self.current.tickets.append(Ticket(number, seg.get(1, 2).strip() or None))

    def mon(self, seg: Segment) -> None:
        t = self.current
        if t is None or self.state != "trav":
            return
        for el in seg.elements[1:]:
            comps = [*el, "", ""]
            if comps[0].strip() == "T":
                t.total = comps[1].strip() or None
                t.currency = comps[2].strip() or None
                if t.tickets and t.tickets[-1].total is None:
                    k = t.tickets[-1]
                    t.tickets[-1] = Ticket(k.number, k.type, t.total, t.currency)

    def fop(self, seg: Segment) -> None:
        if self.state == "leg":
            return
        t = self.current if self.state == "trav" else None
        for el in seg.elements[1:]:
            comps = [*el, "", "", "", "", "", ""]
            ptype = comps[0].strip()
            if not ptype:
                continue
            number = comps[4].strip()
            expiry = _card_expiry(comps[5])
            amount = comps[2].strip() or (t.total if t else None)
            currency = (t.currency if t else None) or self.currency
            self.payments.append(
                Payment(
                    type=ptype,
                    card_type=comps[3].strip() or None,
                    masked_number=mask_card_number(number) if number else None,
                    expiry=expiry,
                    amount=amount,
                    currency=currency,
                    traveller_reference=t.reference if t else None,
                )
            )

    def ssr(self, seg: Segment) -> None:
        comps = seg.elements[1] if len(seg.elements) > 1 else [""]
        code = comps[0].strip().upper()
        text = ":".join(comps[8:]) if len(comps) > 8 else ""
        if code in ("DOCS", "DOCO", "DOCA"):
            ref = seg.get(2, 3).strip() or None
            target = self._find(ref, "", "") if ref else None
            if target is None:
                target = self.current if self.state == "trav" else None
            if target is None and len(self.travellers) == 1:
                target = self.travellers[0]
            if target is None:
                return
            if code == "DOCS":
                self._docs(target, text)
            elif code == "DOCO":
                self._doco(target, text)
            else:
                self._doca(target, text)
            return
        if code in ("SEAT", "RQST", "NSST", "SMST"):
            origin = seg.get(1, 7).strip() or None
            destination = seg.get(1, 8).strip() or None
            leg = self.legs[-1].leg if self.legs else None
            o = origin or (leg.origin if leg else None)
            d = destination or (leg.destination if leg else None)
            for i, el in enumerate(seg.elements[2:], start=2):
                number = seat_number(el[0]) if el else None
                if number is None:
                    continue
                sref = el[2].strip() if len(el) > 2 else ""
                target = self._find(sref, "", "") if sref else None
                if target is None and len(self.travellers) == 1:
                    target = self.travellers[0]
                if target is None:
                    raise _fail(
                        f"seat {number} is for traveller reference {sref!r}, which no TIF in this PNR has",
                        f"SSR {i:02d}:3",
                    )
                target.seats.append(Seat(number, o, d))
            if code != "SEAT" or text.strip():
                self.requests.append(_ssr_text(seg, code, text))
            return
        if code == "TKNE":
            self._tkne(seg, text)
        self.requests.append(_ssr_text(seg, code, text))

    def _tkne(self, seg: Segment, text: str) -> None:
        """An e-ticket number (``9631270001234C2``: ticket and coupon) for a traveller."""
        m = _TKNE.search(text)
        if m is None:
            return
        infant, number = m.group(1), m.group(2)
        ref = seg.get(2, 3).strip()
        target = self._find(ref, "", "") if ref else None
        if target is None and self.state == "trav":
            target = self.current
        if target is None and len(self.travellers) == 1:
            target = self.travellers[0]
        if infant and (target is None or not target.is_infant):
            infants = [t for t in self.travellers if t.is_infant]
            target = infants[0] if len(infants) == 1 else None
        if target is not None and all(k.number != number for k in target.tickets):
            target.tickets.append(Ticket(number, "TKNE"))

    def _docs(self, t: _Trav, text: str) -> None:
        f = _slash_fields(text, 11)
        dtype, issuing, number, nationality, birth, sex, expiry, surname, given = f[:9]
        try:
            birth_date = ddmmmyy(birth, self.pivot_year, past=True)
        except (ValueError, InvalidInput) as exc:
            raise _fail(f"DOCS birth date: {exc}", "SSR 01:9 (DOCS date of birth)") from None
        try:
            expiry_date = ddmmmyy(expiry, self.pivot_year, past=False)
        except (ValueError, InvalidInput) as exc:
            raise _fail(f"DOCS expiry date: {exc}", "SSR 01:9 (DOCS expiry)") from None
        try:
            g, infant = gender(sex)
        except ValueError as exc:
            raise _fail(f"DOCS gender: {exc}", "SSR 01:9 (DOCS gender)") from None
        doc = Document(
            kind="DOCS",
            type=dtype.strip() or None,
            number=number.strip() or None,
            issuing_country=issuing.strip() or None,
            nationality=nationality.strip() or None,
            expiry=expiry_date,
        )
        if infant and not t.is_infant:
            t.infant_documents.append((doc, birth_date, g, surname.strip(), given.strip()))
            return
        if doc.number or doc.type or doc.issuing_country or doc.expiry:
            t.documents.append(doc)
        t.birth_date = t.birth_date or birth_date
        t.gender = t.gender or g
        t.nationality = t.nationality or doc.nationality

    def _doco(self, t: _Trav, text: str) -> None:
        f = _slash_fields(text, 8)
        birth_place, dtype, number, place, issued, country = f[:6]
        try:
            issued_date = ddmmmyy(issued, self.pivot_year, past=True)
        except (ValueError, InvalidInput) as exc:
            raise _fail(f"DOCO issue date: {exc}", "SSR 01:9 (DOCO date of issue)") from None
        t.documents.append(
            Document(
                kind="DOCO",
                type=dtype.strip() or None,
                number=number.strip() or None,
                issuing_country=country.strip() or None,
                place_of_issue=place.strip() or None,
                issued=issued_date,
            )
        )
        t.birth_place = t.birth_place or birth_place.strip() or None

    def _doca(self, t: _Trav, text: str) -> None:
        f = _slash_fields(text, 8)
        kind, country, street, city, state, postal = f[:6]
        t.addresses.append(
            Address(
                kind=kind.strip() or None,
                street=street.strip() or None,
                city=city.strip() or None,
                state=state.strip() or None,
                postal_code=postal.strip() or None,
                country=country.strip() or None,
            )
        )

    # -- itinerary ------------------------------------------------------------

    def tvl(self, seg: Segment) -> None:
        if all(not "".join(seg.elements[i]).strip() for i in range(1, min(5, len(seg.elements)))):
            # follow-up TVL: the operating flight number of the codeshare above
            if self.legs and seg.get(5, 1).strip():
                self.legs[-1].operating_flight_number = seg.get(5, 1).strip()
            return
        self.legs.append(_LegB(read_leg(seg)))
        self.state = "leg"

    def rpi(self, seg: Segment) -> None:
        if self.state == "leg" and self.legs:
            status = seg.get(2, 1).strip()
            if status:
                self.legs[-1].status = status

    def ssd(self, seg: Segment) -> None:
        if self.state != "leg" or not self.legs:
            return
        legb = self.legs[-1]
        number = seat_number(seg.get(1, 1))
        if number is None:
            return
        t = legb.traveller
        if t is None and len(self.travellers) == 1:
            t = self.travellers[0]
        if t is None:
            raise _fail(f"seat {number}: no TIF before it names the traveller", "SSD 01:1")
        t.seats.append(Seat(number, legb.leg.origin, legb.leg.destination))

    def tbd(self, seg: Segment) -> None:
        if self.state != "leg" or not self.legs:
            return
        legb = self.legs[-1]
        t = legb.traveller
        if t is None and len(self.travellers) == 1:
            t = self.travellers[0]
        try:
            count = int_or_none(seg.get(2, 1)) or 0
            weight = int_or_none(seg.get(2, 2))
        except ValueError as exc:
            raise _fail(f"bag count or weight: {exc}", "TBD 02") from None
        unit_code = seg.get(2, 3).strip().upper()
        unit = _WEIGHT_UNITS.get(unit_code, unit_code or None)
        airline = destination = None
        tags: list[str] = []
        for el in seg.elements[5:]:
            if len(el) >= 2 and el[1].strip():
                tags.append(f"{el[0].strip()}{el[1].strip()}")
                if airline is None:
                    airline = el[0].strip() or None
                    destination = el[3].strip() or None if len(el) > 3 else None
        self.bags.append(
            Bag(
                count=count,
                airline=airline,
                destination=destination,
                weight=weight,
                weight_unit=unit if weight is not None else None,
                tags=tuple(tags),
                traveller_reference=t.reference if t else None,
            )
        )

    # -- result ---------------------------------------------------------------

    def booking(self) -> Booking:
        if self.locator is None:
            raise _fail("the PNR has no RCI segment with its record locator", "RCI")
        self._place_infant_documents()
        legs = tuple(lb.freeze() for lb in self.legs)
        codeshares = tuple(
            dict.fromkeys(
                Codeshare(
                    f"{leg.carrier}{leg.flight_number}",
                    f"{leg.operating_carrier}{leg.operating_flight_number or ''}",
                )
                for leg in legs
                if leg.operating_carrier and leg.operating_carrier != leg.carrier
            )
        )
        return Booking(
            record_locator=self.locator,
            record_locator_owner=self.owner,
            reservation_reference=self.res_ref,
            reservation_reference_owner=self.res_owner,
            created=self.created,
            last_modified=self.modified,
            group_name=self.group,
            travel_agency=self.travel_agency,
            itinerary=legs,
            travellers=tuple(t.freeze() for t in self.travellers),
            contacts=Contacts(
                emails=_dedup(self.emails),
                phones=_dedup(self.phones),
                addresses=tuple(dict.fromkeys(self.addresses)),
            ),
            payments=tuple(self.payments),
            bags=tuple(dict.fromkeys(self.bags)),
            codeshares=codeshares,
            split_record_locators=_dedup(self.splits),
            special_requests=tuple(self.requests),
            remarks=tuple(self.remarks),
            history=tuple(self.history),
        )

    def _place_infant_documents(self) -> None:
        """DOCS with gender MI/FI filed under the accompanying adult belong to the infant."""
        infants = [t for t in self.travellers if t.is_infant]
        for adult in self.travellers:
            for doc, birth, g, surname, given in adult.infant_documents:
                target = next(
                    (
                        i
                        for i in infants
                        if i.surname == surname.upper()
                        and (i.given is None or given.upper().startswith(i.given))
                    ),
                    infants[0] if len(infants) == 1 else None,
                )
                if target is None:
                    continue  # an infant without TIF: nothing to attach the document to
                if doc not in target.documents:
                    target.documents.append(doc)
                target.birth_date = target.birth_date or birth
                target.gender = target.gender or g
                target.nationality = target.nationality or doc.nationality


_LIVE_STATES = frozenset({"pnr", "trav", "leg"})
_HANDLERS = {
    "RCI": _PnrReader.rci,
    "DAT": _PnrReader.dat,
    "ORG": _PnrReader.org,
    "ADD": _PnrReader.add,
    "IFT": _PnrReader.ift,
    "EBD": _PnrReader.ebd,
    "TIF": _PnrReader.tif,
    "FTI": _PnrReader.fti,
    "REF": _PnrReader.ref,
    "TKT": _PnrReader.tkt,
    "MON": _PnrReader.mon,
    "FOP": _PnrReader.fop,
    "SSR": _PnrReader.ssr,
    "TVL": _PnrReader.tvl,
    "RPI": _PnrReader.rpi,
    "SSD": _PnrReader.ssd,
    "TBD": _PnrReader.tbd,
}


def _text(seg: Segment, start: int) -> str:
    return "+".join(":".join(el) for el in seg.elements[start:]).strip()


def _ssr_text(seg: Segment, code: str, text: str) -> str:
    status = seg.get(1, 2).strip() + seg.get(1, 3).strip()
    parts = [code, status, seg.get(1, 4).strip(), seg.get(1, 7).strip() + seg.get(1, 8).strip()]
    return " ".join(p for p in [*parts, text.strip()] if p)


def _slash_fields(text: str, n: int) -> list[str]:
    text = text.strip()
    if text.startswith("/"):
        text = text[1:]
    fields = text.split("/")
    return [*fields, *([""] * n)][: max(n, len(fields))]


def _phone(text: str) -> str:
    m = _CTC.search(text)
    return m.group(2).strip() if m is not None else text.strip()


def _card_expiry(text: str) -> PartialDate | None:
    text = text.strip()
    if len(text) == 4 and text.isdigit():
        month = int(text[:2])
        if 1 <= month <= 12:
            return PartialDate(2000 + int(text[2:]), month)
    return None


def read_leg(seg: Segment) -> Leg:
    """A TVL segment as a leg: ``dep date:dep time:arr date:arr time``, places,
    ``marketing:operating`` carrier, ``flight:class``."""
    d1, t1, d2, t2 = (seg.get(1, i) for i in range(1, 5))
    if len(d2.strip()) == 4 and not t2.strip():
        d2, t2 = "", d2  # PNRGOV 13 as some airlines send it: date:time:arrival time
    try:
        departure = ddmmyy(d1, t1)
    except ValueError as exc:
        raise _fail(f"departure: {exc}", "TVL 01:1") from None
    try:
        arrival = ddmmyy(d2, t2) if d2.strip() else None
    except ValueError as exc:
        raise _fail(f"arrival: {exc}", "TVL 01:3") from None
    if arrival is None and departure is not None and t2.strip():
        try:
            same_day = ddmmyy(d1, t2)
        except ValueError as exc:
            raise _fail(f"arrival time: {exc}", "TVL 01:4") from None
        if same_day is not None and same_day < departure:
            same_day += timedelta(days=1)
        arrival = same_day
    origin = seg.get(2, 1).strip()
    destination = seg.get(3, 1).strip()
    carrier = seg.get(4, 1).strip()
    operating = seg.get(4, 2).strip() or None
    flight = seg.get(5, 1).strip()
    if not origin:
        raise _fail("the leg has no departure airport", "TVL 02")
    if not destination:
        raise _fail("the leg has no arrival airport", "TVL 03")
    if not carrier:
        raise _fail("the leg has no carrier", "TVL 04:1")
    return Leg(
        carrier=carrier,
        flight_number=flight,
        origin=origin,
        destination=destination,
        departure=departure,
        arrival=arrival,
        operating_carrier=operating,
        booking_class=seg.get(5, 2).strip() or None,
    )


def _pivot_year(raw: RawMessage) -> int:
    prepared = raw.interchange.prepared
    return prepared.year if prepared else 2099


def read_message(raw: RawMessage, env: EnvelopeReader) -> tuple[PnrMessage, list[ParseError]]:
    """Read one UNH..UNT message, one PNR at a time as the segments stream in.

    Errors of single PNRs are returned, not raised; a message cut short raises
    the envelope's ParseError.
    """
    flight: Leg | None = None
    carrier: str | None = None
    expected: int | None = None
    bookings: list[Booking] = []
    errors: list[ParseError] = []
    pivot = _pivot_year(raw)
    separator = env.delimiters.element
    pnr: list[Segment] | None = None
    count = 0
    locators: dict[int, str] = {}  # cleaned segment's number -> its PNR's record locator

    def header(seg: Segment) -> None:
        nonlocal flight, carrier, expected
        try:
            if seg.tag == "TVL" and flight is None:
                flight = read_leg(seg)
            elif seg.tag == "ORG" and carrier is None:
                carrier = seg.get(1, 1).strip() or None
            elif seg.tag == "EQN":
                expected = int_or_none(seg.get(1, 1))
        except _SegmentError as exc:
            raise env.error(exc.reason, seg, reference=raw.reference, element=exc.element) from None
        except ValueError as exc:
            raise env.error(str(exc), seg, reference=raw.reference, element="EQN 01") from None

    def finish(segments: list[Segment]) -> None:
        reader = _PnrReader(pivot, None, separator)
        handlers = _HANDLERS
        live = _LIVE_STATES
        seg = segments[0]
        try:
            for seg in segments[1:]:
                handler = handlers.get(seg.tag)
                if handler is not None and reader.state in live:
                    handler(reader, seg)
                else:
                    reader.feed(seg)
            seg = segments[0]
            bookings.append(reader.booking())
        except _SegmentError as exc:
            errors.append(
                env.error(
                    f"PNR {reader.locator or '#' + str(count)}: {exc.reason}",
                    seg,
                    reference=raw.reference,
                    element=exc.element,
                )
            )
        except (ValueError, IndexError, KeyError, TypeError, InvalidInput) as exc:
            errors.append(
                env.error(
                    f"PNR {reader.locator or '#' + str(count)}: cannot read segment: {exc}",
                    seg,
                    reference=raw.reference,
                    element=seg.tag,
                )
            )
        if reader.locator:
            locators.update((s.number, reader.locator) for s in segments if s.cleaned)

    for seg in raw.segments:
        if seg.tag == "SRC":
            if pnr is not None:
                finish(pnr)
            count += 1
            pnr = [seg]
        elif pnr is None:
            header(seg)
        else:
            pnr.append(seg)
    if pnr is not None:
        finish(pnr)
    warnings = [*cleaning_warnings(raw, locators), *raw.warnings]
    if expected is not None and expected != count:
        warnings.append(warning("eqn-count", f"EQN says {expected} PNRs, the message has {count}"))
    message = PnrMessage(
        sender=raw.interchange.sender or carrier,
        reference=raw.reference,
        interchange_reference=raw.interchange.control_reference,
        recipient=raw.interchange.recipient,
        prepared=raw.interchange.prepared,
        version=raw.version or None,
        flight=flight,
        bookings=tuple(bookings),
        warnings=tuple(warnings),
    )
    return message, errors


def iter_pnrgov(data: bytes, chunk: int = 500) -> Iterator[PnrMessage | ParseError]:
    """The streaming form of ``read_pnrgov`` (see ``formats.iter_message_bytes``)."""
    result = read_pnrgov(data)
    yield from result.messages
    yield from result.errors


def read_pnrgov(data: bytes) -> ReadResult[PnrMessage]:
    """Read every PNRGOV message in an interchange (bytes in, messages out)."""
    return read_interchange(data, "PNRGOV", read_message)


# --- writing ----------------------------------------------------------------

_UNIT_CODES = {"KG": "700", "LB": "701"}


def _d(value: datetime | None) -> str:
    return value.strftime("%d%m%y") if value is not None else ""


def _t(value: datetime | None) -> str:
    return value.strftime("%H%M") if value is not None else ""


def _leg_elements(leg: Leg) -> list[list[str]]:
    carrier = [leg.carrier, leg.operating_carrier] if leg.operating_carrier else [leg.carrier]
    return [
        [_d(leg.departure), _t(leg.departure), _d(leg.arrival), _t(leg.arrival)],
        [leg.origin],
        [leg.destination],
        carrier,
        [leg.flight_number, leg.booking_class or ""],
    ]


def _docs_text(t: Traveller, doc: Document | None) -> str:
    sex = t.gender.value if t.gender is not None else ""
    if sex and t.is_infant:
        sex += "I"
    birth = format_ddmmmyy(t.birth_date) if t.birth_date is not None else ""
    fields = [
        doc.type or "" if doc else "",
        doc.issuing_country or "" if doc else "",
        doc.number or "" if doc else "",
        doc.nationality or "" if doc else (t.nationality or ""),
        birth,
        sex,
        format_ddmmmyy(doc.expiry) if doc and doc.expiry else "",
        t.surname,
        t.given_names or "",
    ]
    return "/" + "/".join(fields)


def write_pnrgov(
    message: PnrMessage, delimiters: Delimiters = DEFAULT_DELIMITERS, version: str = "11:1"
) -> bytes:
    """One interchange holding ``message``, as PNRGOV 11.1 lays it out."""
    d = delimiters
    out: list[str] = [d.una()]

    def s(tag: str, *elements: Sequence[str] | str) -> None:
        out.append(format_segment(tag, elements, d))

    prepared = message.prepared or datetime(2000, 1, 1)
    ctrl = message.interchange_reference or message.reference
    sender = message.sender or ""
    s(
        "UNB",
        ["IATA", "1"],
        sender,
        message.recipient or "",
        [prepared.strftime("%y%m%d"), prepared.strftime("%H%M")],
        ctrl,
    )
    first = len(out)
    ver = (message.version or version).split(":")
    s("UNH", message.reference, ["PNRGOV", ver[0], ver[1] if len(ver) > 1 else "1", "IA"])
    s("MSG", ["", "22"])
    s("ORG", [sender])
    if message.flight is not None:
        s("TVL", *_leg_elements(message.flight))
    s("EQN", str(len(message.bookings)))
    for b in message.bookings:
        _write_booking(b, s)
    s("UNT", str(len(out) - first + 1), message.reference)
    s("UNZ", "1", ctrl)
    return "".join(out).encode("utf-8")


def _write_booking(b: Booking, s: _Emit) -> None:
    s("SRC")
    rci: list[Sequence[str] | str] = [
        [
            b.record_locator_owner or "",
            b.record_locator,
            "",
            _d(b.created),
            b.created.strftime("%H%M%S") if b.created else "",
        ]
    ]
    if b.reservation_reference:
        rci.append([b.reservation_reference_owner or "", b.reservation_reference])
    s("RCI", *rci)
    if b.last_modified is not None:
        s("DAT", ["700", _d(b.last_modified), _t(b.last_modified)])
    currency = next((p.currency for p in b.payments if p.currency), None)
    agency = b.travel_agency or ""
    s("ORG", [b.record_locator_owner or ""], agency, "", "", "T" if agency else "", ["", currency or ""])
    for a in b.contacts.addresses:
        if a.text is not None:
            s("IFT", ["4", "43"], "", a.text)
        else:
            s(
                "ADD",
                "",
                [
                    a.kind or "",
                    a.street or "",
                    a.city or "",
                    a.state or "",
                    "",
                    a.country or "",
                    a.postal_code or "",
                ],
            )
    for email in b.contacts.emails:
        s("IFT", ["4", "28"], "CTCE " + encode_iata_email(email))
    for phone in b.contacts.phones:
        s("IFT", ["4", "28"], "CTCP " + phone)
    for remark in b.remarks:
        s("IFT", ["4", "28"], remark)
    for request in b.special_requests:
        code, _, text = request.partition(" ")
        s("SSR", [code, "", "", "", "", "", "", "", text])
    for p in b.payments:
        if p.traveller_reference is None:
            _write_fop(p, s)
    if b.group_name:
        s("TIF", [b.group_name, "G"])
    for t in b.travellers:
        given = " ".join(x for x in (t.given_names, t.title) if x)
        s(
            "TIF",
            [t.surname],
            [given, "IN" if t.is_infant else t.passenger_type or "", t.reference or ""],
        )
        for ff in t.frequent_flyers:
            s("FTI", [ff.airline, ff.number, "", "", ff.tier or ""])
        for ref in t.references:
            s("REF", ["", ref])
        docs = [doc for doc in t.documents if doc.kind == "DOCS"]
        if not docs and (t.birth_date or t.gender):
            s("SSR", ["DOCS", "HK", "1", "", "", "", "", "", _docs_text(t, None)])
        for doc in docs:
            s("SSR", ["DOCS", "HK", "1", "", "", "", "", "", _docs_text(t, doc)])
        for doc in t.documents:
            if doc.kind == "DOCO":
                text = "/" + "/".join(
                    [
                        t.birth_place or "",
                        doc.type or "",
                        doc.number or "",
                        doc.place_of_issue or "",
                        format_ddmmmyy(doc.issued) if doc.issued else "",
                        doc.issuing_country or "",
                    ]
                )
                s("SSR", ["DOCO", "HK", "1", "", "", "", "", "", text])
        for a in t.addresses:
            text = "/" + "/".join(
                [
                    a.kind or "",
                    a.country or "",
                    a.street or "",
                    a.city or "",
                    a.state or "",
                    a.postal_code or "",
                ]
            )
            s("SSR", ["DOCA", "HK", "1", "", "", "", "", "", text])
        for k in t.tickets:
            s("TKT", [k.number, k.type or ""])
            if k.total is not None:
                s("MON", ["T", k.total, k.currency or ""])
        for p in b.payments:
            if p.traveller_reference is not None and p.traveller_reference == t.reference:
                _write_fop(p, s)
    for n, leg in enumerate(b.itinerary):
        s("TVL", *_leg_elements(leg))
        if leg.operating_flight_number:
            s("TVL", "", "", "", "", [leg.operating_flight_number])
        if leg.status:
            s("RPI", "1", leg.status)
        for t in b.travellers:
            for seat in t.seats:
                if seat.origin == leg.origin and seat.destination == leg.destination:
                    s(
                        "SSR",
                        ["SEAT", "HK", "1", leg.carrier, "", "", leg.origin, leg.destination],
                        [seat.number, "", t.reference or ""],
                    )
        if n == 0:
            for bag in b.bags:
                owner = next((t for t in b.travellers if t.reference == bag.traveller_reference), None)
                if owner is None:
                    continue
                s("TRI", "", ["1"])
                s("TIF", [owner.surname], [owner.given_names or "", "", owner.reference or ""])
                tags = [
                    [
                        bag.airline or "",
                        tag[len(bag.airline or "") :],
                        "",
                        bag.destination or "",
                    ]
                    for tag in bag.tags
                ]
                unit = _UNIT_CODES.get(bag.weight_unit or "", bag.weight_unit or "")
                weight = str(bag.weight) if bag.weight is not None else ""
                s("TBD", "", [str(bag.count), weight, unit if weight else ""], "", "", *tags)
    if b.split_record_locators:
        s("EQN", str(len(b.split_record_locators)))
        for loc in b.split_record_locators:
            s("RCI", [b.record_locator_owner or "", loc])
    for line in b.history:
        s("LTS", line)


def _write_fop(p: Payment, s: _Emit) -> None:
    expiry = f"{p.expiry.month:02d}{p.expiry.year % 100:02d}" if p.expiry and p.expiry.month else ""
    s(
        "FOP",
        [p.type, "", p.amount or "", p.card_type or "", p.masked_number or "", expiry],
    )
    if p.payer:
        s("IFT", ["4", "43"], p.payer)
