"""One PNR (an ``SRC`` group of a PNRGOV message) read into a ``Booking``.

Levels are told apart by position, as the PADIS implementation guide defines
them: PNR header (``RCI``, ``DAT``, ``IFT``, ``ORG``, ``ADD``) -> travellers
(``TIF`` group) -> itinerary (``TVL`` groups with seats and bags per traveller)
-> split PNRs (``EQN``) -> non-air segments (``MSG+8``) -> history
(``ABI``/``SAC``, ``LTS``), whose contents never become current data.

The unit of loss is the element, not the PNR: an element that cannot be read
(a date, a time, a count, a gender, a seat for a traveller the PNR does not
name) is left empty and becomes a warning naming the PNR, the segment and the
element, in the booking's and the message's ``warnings``. The PNR is lost only
when it has no record locator; a traveller only when its ``TIF`` cannot be
trusted (no surname, control characters in the name) -- both are
``ParseError``s naming the PNR. Every ``TIF`` of the current data either becomes
a traveller or an error: never fewer travellers than the PNR names, silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
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
    Seat,
    Ticket,
    decode_iata_email,
    mask_card_number,
)
from liaison.formats.catalogue import warning
from liaison.formats.edifact import Segment
from liaison.formats.pnrgov_itinerary import is_operating_flight_tvl, operated_by, read_leg
from liaison.formats.ssr_docs import DocsText, Problem, read_doca, read_doco, read_docs
from liaison.formats.traveller_builder import TravellerBuilder, names_someone_else
from liaison.formats.values import ddmmyy, int_or_none, seat_number, split_title

_WEIGHT_UNITS = {"700": "KG", "701": "LB", "K": "KG", "L": "LB", "KG": "KG", "LB": "LB"}
_TKNE = re.compile(r"(?<!\d)(INF)?(\d{13})(?!\d)")
_CTC = re.compile(r"\bCTC\s?([A-Z])\b[\s/]*(.+)")
_CTC_CITY = re.compile(r"\bCTC([A-Z]{3})\s+(.+)")


# TIF elements that hold the name: surname (C322 01:1) and given name (C324 02:1).
_NAME_ELEMENTS = frozenset({"01:1", "02:1"})


@dataclass(frozen=True, slots=True)
class Refusal:
    """A unit of the PNR (the PNR itself, or one traveller) that could not be read;
    the caller turns it into a located ``ParseError`` with ``code``."""

    segment: Segment
    element: str | None
    reason: str
    code: str


@dataclass(frozen=True, slots=True)
class Note:
    """A warning about one element of the PNR (the element was left empty)."""

    number: int
    tag: str
    element: str
    text: str


def _dedup(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


# The SSR free-text fields a reader may fail to read: how a warning names each, and what it expects.
_SSR_FIELDS = {
    "date of birth": ("date of birth", "DDMMMYY"),
    "expiry": ("expiry date", "DDMMMYY"),
    "date of issue": ("issue date", "DDMMMYY"),
    "gender": ("gender", "M, F, U, X, MI or FI"),
}


@dataclass(slots=True)
class _Trav(TravellerBuilder):
    """The EDIFACT reader's traveller: it also knows whether the TIF says an infant
    travels with it, the DOCS of that infant filed under it, and its ticket's total."""

    has_infant: bool = False
    infant_documents: list[tuple[Document, PartialDate | None, Gender | None, str, str, Segment]] = field(
        default_factory=list
    )
    currency: str | None = None
    total: str | None = None


@dataclass(slots=True)
class _LegB:
    leg: Leg
    traveller: _Trav | None = None
    stranger: bool = False  # the last TIF of the leg named no traveller of the PNR
    status: str | None = None
    operating_carrier: str | None = None
    operating_flight_number: str | None = None

    def freeze(self) -> Leg:
        leg = self.leg
        if self.status is None and self.operating_flight_number is None and self.operating_carrier is None:
            return leg
        return Leg(  # not dataclasses.replace: this runs for most legs, and replace is slow
            leg.carrier,
            leg.flight_number,
            leg.origin,
            leg.destination,
            leg.departure,
            leg.arrival,
            self.operating_carrier or leg.operating_carrier,
            self.operating_flight_number or leg.operating_flight_number,
            leg.booking_class,
            self.status or leg.status,
        )


class PnrReader:
    """Reads the segments of one SRC group into a Booking, with its warnings
    (``notes``) and the units it could not read (``refusals``)."""

    def __init__(self, pivot_year: int, default_currency: str | None, element_separator: str = "+") -> None:
        self.pivot_year = pivot_year
        self.element_separator = element_separator
        self.state = "pnr"
        self.notes: list[Note] = []
        self.refusals: list[Refusal] = []
        self.tifs = 0  # TIFs of the current data that name a traveller
        self.refused = 0  # of which refused (each is a Refusal)
        self.refused_keys: set[str] = set()  # references (or names) of travellers refused
        self.rci_segment: Segment | None = None
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

    # -- what could not be read ----------------------------------------------

    def note(self, seg: Segment, element: str, text: str) -> None:
        """``text`` comes from ``catalogue.warning``: it says what was left empty."""
        self.notes.append(Note(seg.number, seg.tag, element, text))

    def refuse(self, seg: Segment, element: str | None, reason: str, *, code: str) -> None:
        self.refusals.append(Refusal(seg, element, reason, code))

    # -- dispatch -------------------------------------------------------------

    def feed(self, seg: Segment) -> None:
        tag = seg.tag
        state = self.state
        handler = HANDLERS.get(tag)
        if handler is not None and state in LIVE_STATES:
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
        if tag == "TIF" and state in ("split", "nonair") and seg.get(1, 1).strip():
            # current data, but not where travellers are: say so rather than drop it
            self.tifs += 1
            self.refused += 1
            self.refuse(
                seg,
                "TIF 01:1",
                f"a traveller (reference {seg.get(2, 3).strip() or None!r}) is named after the itinerary "
                f"({'split PNRs' if state == 'split' else 'non-air segments'}), not in the traveller "
                "part of the PNR; not read",
                code="traveller-not-read",
            )
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
        if self.locator is not None or self.rci_segment is not None:
            return  # RCI inside an itinerary group repeats the locator
        self.rci_segment = seg
        owner, locator = seg.get(1, 1).strip(), seg.get(1, 2).strip()
        if not locator:
            return  # the PNR is refused when it ends (``booking``)
        self.owner, self.locator = owner or None, locator
        d, t = seg.get(1, 4), seg.get(1, 5)
        position = 4
        third = seg.get(1, 3).strip()
        if len(third) == 6 and third.isdigit():
            d, t, position = third, seg.get(1, 4), 3  # PNRGOV 13 as some airlines send it: no type
        try:
            self.created = ddmmyy(d, t)
        except ValueError as exc:
            self.note(
                seg, f"01:{position}", warning("element-unreadable", f"creation date: {exc}; left empty")
            )
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
                    self.note(
                        seg,
                        f"{i:02d}:2",
                        warning("element-unreadable", f"last change date: {exc}; left empty"),
                    )

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
            leg.stranger = leg.traveller is None and bool(surname or ref)
            if leg.stranger:
                self._named_in_leg(seg, ref, surname, given_raw)
            return
        if qualifier == "G" and surname and not given_raw.strip():
            self.group = surname
            return
        self.tifs += 1
        self.state = "trav"
        self.current = None  # until this TIF is read: what follows a refused TIF is its own
        key = ref or f"{surname}/{given_raw}"
        if not surname:
            self.refused += 1
            self.refused_keys.add(key)
            self.refuse(
                seg,
                "TIF 01:1",
                f"the traveller (reference {ref!r}) has no surname; not read",
                code="traveller-without-surname",
            )
            return
        dirty = [p for p in seg.controls_removed if p in _NAME_ELEMENTS]
        if dirty:
            # a name with a NUL or an escape in it has been damaged: matching it would be a guess
            self.refused += 1
            self.refused_keys.add(key)
            self.refuse(
                seg,
                "TIF " + ", ".join(dirty),
                f"the name of the traveller (reference {ref!r}) holds control characters; not read",
                code="name-control-characters",
            )
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

    def _named_in_leg(self, seg: Segment, ref: str | None, surname: str, given: str) -> None:
        """A TIF inside a leg names a traveller the traveller part did not give (a TIF
        swallowed by a damaged segment before it, say): the PNR names more travellers
        than were read, so that is an error, once per traveller."""
        key = ref or f"{surname}/{given}"
        if key in self.refused_keys:
            return  # refused where its TIF was: that error says so
        self.refused_keys.add(key)
        self.tifs += 1
        self.refused += 1
        self.refuse(
            seg,
            "TIF 01:1",
            f"a traveller (reference {ref!r}) is named in the itinerary but by no "
            "TIF of the traveller part; not read, and the seats and bags after it are not given to a "
            "traveller",
            code="traveller-not-read",
        )

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
        for i, el in enumerate(seg.elements[1:], start=1):
            comps = [*el, "", "", "", "", "", ""]
            ptype = comps[0].strip()
            if not ptype:
                continue
            number = comps[4].strip()
            expiry = _card_expiry(comps[5])
            if expiry is None and comps[5].strip():
                self.note(
                    seg,
                    f"{i:02d}:6",
                    warning("element-unreadable", "card expiry is not MMYY; left empty"),
                )
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
            if ref is None and self.state == "trav" and self.current is None:
                return  # in the group of a refused traveller: its error says so
            if ref:  # a reference no traveller has is not the current traveller's
                target = self._find(ref, "", "")
            else:
                target = self.current if self.state == "trav" else None
                if target is None and len(self.travellers) == 1:
                    target = self.travellers[0]
            if target is None:
                self.note(
                    seg,
                    "02:3" if ref else "01:9",
                    warning(
                        "traveller-unknown",
                        (
                            f"{code} for traveller reference {ref!r}, which no traveller of this PNR has"
                            if ref
                            else f"{code} without traveller reference, outside a traveller's TIF group"
                        )
                        + "; kept as text in special requests",
                    ),
                )
                self.requests.append(_ssr_text(seg, code, text))
                return
            if code == "DOCS":
                docs = read_docs(text, self.pivot_year)
                if self._names_another(target, docs, seg):
                    self.requests.append(_ssr_text(seg, code, text))
                    return
                self._docs(target, docs, seg)
            elif code == "DOCO":
                self._doco(target, text, seg)
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
                if sref:  # a reference no traveller has is not the only traveller's
                    target = self._find(sref, "", "")
                else:
                    target = self.travellers[0] if len(self.travellers) == 1 else None
                if target is None:
                    self.note(
                        seg,
                        f"{i:02d}:3",
                        warning(
                            "traveller-unknown",
                            f"seat {number} is for traveller reference {sref!r}, which no traveller of this "
                            "PNR has; left out",
                        ),
                    )
                    continue
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

    def _problems(self, seg: Segment, kind: str, problems: tuple[Problem, ...]) -> None:
        for p in problems:
            # the value is not quoted: a birth date is personal data, and warnings are shown widely
            what, expected = _SSR_FIELDS.get(p.field, (p.field, "readable"))
            text = f"{kind} {what} is not {expected}; left empty"
            self.note(seg, f"01:9 ({kind} {p.field})", warning("element-unreadable", text))

    def _names_another(self, t: _Trav, docs: DocsText, seg: Segment) -> bool:
        """A DOCS (not an infant's) that names another person than its traveller is kept as
        text, with a warning naming no one: its document and birth date are not that traveller's."""
        if docs.infant or not names_someone_else(t, docs.surname, docs.given_names, self.travellers):
            return False
        what = f"DOCS names another person than the traveller (reference {t.reference!r}) it is filed under"
        self.note(
            seg, "01:9 (DOCS name)", warning("docs-name-differs", f"{what}; kept as text in special requests")
        )
        return True

    def _docs(self, t: _Trav, docs: DocsText, seg: Segment) -> None:
        self._problems(seg, "DOCS", docs.problems)
        if docs.infant and not t.is_infant:
            doc = docs.document or Document(kind="DOCS")
            infant = (doc, docs.birth_date, docs.gender, docs.surname or "", docs.given_names or "", seg)
            t.infant_documents.append(infant)
            return
        if docs.document is not None:
            t.documents.append(docs.document)
        t.birth_date = t.birth_date or docs.birth_date
        t.gender = t.gender or docs.gender
        t.nationality = t.nationality or docs.nationality

    def _doco(self, t: _Trav, text: str, seg: Segment) -> None:
        doco = read_doco(text, self.pivot_year)
        self._problems(seg, "DOCO", doco.problems)
        t.documents.append(doco.document)
        t.birth_place = t.birth_place or doco.birth_place

    def _doca(self, t: _Trav, text: str) -> None:
        t.addresses.append(read_doca(text))

    # -- itinerary ------------------------------------------------------------

    def tvl(self, seg: Segment) -> None:
        if is_operating_flight_tvl(seg):
            self._operated_by(seg)  # follow-up TVL: the operating flight number of the codeshare above
            return
        self.legs.append(_LegB(read_leg(seg, lambda element, text: self.note(seg, element, text))))
        self.state = "leg"

    def tra(self, seg: Segment) -> None:
        if self.state == "leg":
            self._operated_by(seg)

    def _operated_by(self, seg: Segment) -> None:
        if not self.legs:
            return
        leg = self.legs[-1]
        carrier, flight = operated_by(seg)
        leg.operating_carrier = carrier or leg.operating_carrier
        leg.operating_flight_number = flight or leg.operating_flight_number

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
        if t is None and not legb.stranger and len(self.travellers) == 1:
            t = self.travellers[0]
        if t is None:
            self.note(
                seg,
                "01:1",
                warning(
                    "traveller-unknown",
                    f"seat {number}: no TIF before it names a traveller of this PNR; left out",
                ),
            )
            return
        t.seats.append(Seat(number, legb.leg.origin, legb.leg.destination))

    def tbd(self, seg: Segment) -> None:
        if self.state != "leg" or not self.legs:
            return
        legb = self.legs[-1]
        t = legb.traveller
        if t is None and not legb.stranger and len(self.travellers) == 1:
            t = self.travellers[0]
        count = self._number(seg, 2, 1, "bag count") or 0
        weight = self._number(seg, 2, 2, "bag weight")
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

    def _number(self, seg: Segment, element: int, component: int, what: str) -> int | None:
        try:
            return int_or_none(seg.get(element, component))
        except ValueError as exc:
            self.note(
                seg,
                f"{element:02d}:{component}",
                warning("element-unreadable", f"{what}: {exc}; left empty"),
            )
            return None

    # -- result ---------------------------------------------------------------

    def booking(self, src: Segment) -> Booking | None:
        """The booking, or None when the PNR has no record locator (then it is in ``refusals``)."""
        if self.locator is None:
            n = self.tifs
            travellers = f"; its {n} traveller{'s are' if n > 1 else ' is'} not read" if n else ""
            if self.rci_segment is None:
                self.refuse(
                    src,
                    "RCI",
                    f"the PNR has no RCI segment with its record locator{travellers}",
                    code="record-locator-missing",
                )
            else:
                self.refuse(
                    self.rci_segment,
                    "RCI 01:2",
                    f"the record locator is empty{travellers}",
                    code="record-locator-missing",
                )
            return None
        if self.tifs != len(self.travellers) + self.refused:  # a TIF no rule above accounted for
            self.refuse(
                src,
                "TIF",
                f"{self.tifs} TIFs name travellers but {len(self.travellers)} were read "
                f"and {self.refused} refused",
                code="traveller-not-read",
            )
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
            warnings=self.warnings(),
        )

    def warnings(self) -> tuple[str, ...]:
        """The notes as warnings naming the PNR, in segment order."""
        where = f"PNR {self.locator}: " if self.locator else ""
        return tuple(
            f"{where}segment {n.tag} #{n.number} element {n.element}: {n.text}"
            for n in sorted(self.notes, key=lambda n: n.number)
        )

    def _place_infant_documents(self) -> None:
        """DOCS with gender MI/FI filed under the accompanying adult belong to the infant."""
        infants = [t for t in self.travellers if t.is_infant]
        for adult in self.travellers:
            for doc, birth, g, surname, given, seg in adult.infant_documents:
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
                    self.note(
                        seg,
                        "01:9 (DOCS gender)",
                        warning(
                            "traveller-unknown",
                            "DOCS of an infant (gender MI/FI) that no TIF of this PNR names; "
                            "kept as text in special requests",
                        ),
                    )
                    self.requests.append(_ssr_text(seg, "DOCS", ":".join(seg.elements[1][8:])))
                    continue
                if doc not in target.documents:
                    target.documents.append(doc)
                target.birth_date = target.birth_date or birth
                target.gender = target.gender or g
                target.nationality = target.nationality or doc.nationality


LIVE_STATES = frozenset({"pnr", "trav", "leg"})
HANDLERS = {
    "RCI": PnrReader.rci,
    "DAT": PnrReader.dat,
    "ORG": PnrReader.org,
    "ADD": PnrReader.add,
    "IFT": PnrReader.ift,
    "EBD": PnrReader.ebd,
    "TIF": PnrReader.tif,
    "FTI": PnrReader.fti,
    "REF": PnrReader.ref,
    "TKT": PnrReader.tkt,
    "MON": PnrReader.mon,
    "FOP": PnrReader.fop,
    "SSR": PnrReader.ssr,
    "TVL": PnrReader.tvl,
    "RPI": PnrReader.rpi,
    "SSD": PnrReader.ssd,
    "TBD": PnrReader.tbd,
    "TRA": PnrReader.tra,
}


def _text(seg: Segment, start: int) -> str:
    return "+".join(":".join(el) for el in seg.elements[start:]).strip()


def _ssr_text(seg: Segment, code: str, text: str) -> str:
    status = seg.get(1, 2).strip() + seg.get(1, 3).strip()
    parts = [code, status, seg.get(1, 4).strip(), seg.get(1, 7).strip() + seg.get(1, 8).strip()]
    return " ".join(p for p in [*parts, text.strip()] if p)


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
