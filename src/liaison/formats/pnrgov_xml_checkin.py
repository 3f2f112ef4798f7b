"""Check-in data of PNRGOV XML: seats and checked bags, wherever the PNR carries them.

Airlines put departure-control data under the passenger (``SeatInfo``,
``CheckInInfo``, ``BoardingInfo``…) or under the flight (``Flight/CheckInInfo``
naming the passenger by ``RPH``). Rather than one element name per guide
version, any element with a seat (``@SeatNumber``, ``@CheckInSeat``,
``@BoardingSeat``, ``@Seat``; a ``SeatNumber`` element's text; ``@Number`` on an
element whose name says Seat) or any bag element (``BagTag``, ``CheckedBags``,
``Baggage``…) is read, and tied to:

- the passenger: the ``Passenger`` it is in, else the reference it (or an
  element around it) carries (``RPH``, ``PassengerRPH``, ``TravelerRefNumberRPHList``…),
  else the only passenger of the PNR;
- the leg: ``BoardPoint``/``OffPoint`` on it or around it, else the ``Flight`` it
  is in, else the ``Flight`` its ``FlightRPH`` names, else the only leg of the PNR,
  else the leg that is the flight pushed (check-in data is sent for that flight).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from liaison.domain.passenger import Bag, Leg, Seat
from liaison.formats.pnrgov_xml_state import Pax, PnrState, pax_refs
from liaison.formats.pnrgov_xml_tree import attr, local, text
from liaison.formats.pnrgov_xml_values import count, first_attr, weight, weight_unit
from liaison.formats.values import seat_number

SEAT_ATTRS = ("SeatNumber", "CheckInSeat", "BoardingSeat", "SeatNbr", "Seat")
_SEAT_ATTR_SET = frozenset(SEAT_ATTRS)
SEAT_ELEMENTS = frozenset({"SeatNumber", "Seat", "CheckInSeat", "BoardingSeat"})
BAG_ELEMENTS = frozenset(
    {
        "BagTag",
        "BagTags",
        "Bag",
        "Bags",
        "CheckedBag",
        "CheckedBags",
        "CheckedBaggage",
        "Baggage",
        "BaggageInfo",
        "BagInfo",
    }
)
_TAG_ELEMENTS = frozenset({"BagTag", "BagTagNumber", "TagNumber"})
_TAG_ATTRS = ("BagTagNumber", "TagNumber", "TagNbr", "LicensePlate", "SerialNumber", "Number", "Tag")
_COUNT_ATTRS = ("Quantity", "Count", "NumberOfPieces", "Pieces", "BagCount", "NumberOfBags", "TotalBags")
_WEIGHT_ATTRS = ("Weight", "TotalWeight", "BagWeight")
_UNIT_ATTRS = ("Unit", "WeightUnit", "UnitOfMeasure", "UnitOfMeasureCode", "WeightUnitOfMeasure")
_AIRLINE_ATTRS = ("Airline", "AirlineCode", "CarrierCode", "IssuerCode", "Carrier")
_DESTINATION_ATTRS = ("Destination", "FinalDestination", "DestinationLocation", "ArrivalAirport", "OffPoint")
_BOARD_ATTRS = ("BoardPoint", "BoardPointCode", "Origin", "DepartureAirport")
_OFF_ATTRS = ("OffPoint", "OffPointCode", "Destination", "ArrivalAirport")
_LEG_REF_ATTRS = ("FlightRPH", "FlightRefNumberRPHList", "FlightRefNumber", "SegmentRPH", "FlightSegmentRPH")


def checkin(el: Element, name: str, path: str, ancestors: tuple[Element, ...], state: PnrState) -> None:
    """Read ``el`` if it is a seat or a bag (the caller does not look inside a bag:
    the tags in it are the bag's)."""
    if name in BAG_ELEMENTS:
        _bag(el, path, ancestors, state)
        return
    if name not in SEAT_ELEMENTS and "Seat" not in name and _SEAT_ATTR_SET.isdisjoint(el.attrib):
        return
    found = first_attr(el, *SEAT_ATTRS)
    if found is None and "Seat" in name:
        found = first_attr(el, "Number")
    if found is not None:
        _seat(found[1], f"{path}/@{found[0]}", el, ancestors, state)
    elif name in SEAT_ELEMENTS and len(el) == 0 and (raw := text(el)) is not None:
        _seat(raw, path, el, ancestors, state)


class _Context:
    """The passenger and leg an element is tied to (see the module's docstring)."""

    def __init__(self, el: Element, ancestors: tuple[Element, ...], state: PnrState) -> None:
        self.in_passenger = False
        self.pax: Pax | None = None
        self.refs: list[str] = []
        flight_el: Element | None = None
        leg_refs: list[str] = []
        self.origin: str | None = None
        self.destination: str | None = None
        open_scope = True
        for a in (el, *reversed(ancestors)):
            n = local(a.tag)
            if n == "Passenger":
                self.in_passenger = True
                self.pax = state.by_element.get(id(a))
                open_scope = False
            elif n == "Flight":
                flight_el = flight_el if flight_el is not None else a
                open_scope = False
            elif open_scope:
                self.refs = self.refs or pax_refs(a)
                leg_refs = leg_refs or (attr(a, *_LEG_REF_ATTRS) or "").split()
                self.origin = self.origin or attr(a, *_BOARD_ATTRS)
                self.destination = self.destination or attr(a, *_OFF_ATTRS)
        if not self.in_passenger:
            if self.refs:
                found = state.by_refs(self.refs)
                self.pax = found[0] if len(found) == 1 else None
            elif len(state.travellers) == 1:
                self.pax = state.travellers[0]
        self.leg = _leg(state, flight_el, leg_refs)

    def unplaced_reason(self, state: PnrState) -> str:
        if self.refs:
            return f"it names passenger {' '.join(self.refs)}, which the PNR does not have once"
        return f"it names no passenger and the PNR has {len(state.travellers)}"


def _leg(state: PnrState, flight_el: Element | None, refs: list[str]) -> Leg | None:
    if flight_el is not None:
        return next((leg for el, leg in state.legs if el is flight_el), None)
    if refs:
        for i, (el, leg) in enumerate(state.legs, start=1):
            if attr(el, "RPH") in refs or (attr(el, "RPH") is None and str(i) in refs):
                return leg
    if len(state.legs) == 1:
        return state.legs[0][1]
    pushed = state.flight
    if pushed is not None:
        same = [
            leg
            for _, leg in state.legs
            if (leg.origin, leg.destination) == (pushed.origin, pushed.destination)
            or (leg.carrier, leg.flight_number) == (pushed.carrier, pushed.flight_number)
        ]
        if len(same) == 1:
            return same[0]
    return None


def _seat(raw: str, path: str, el: Element, ancestors: tuple[Element, ...], state: PnrState) -> None:
    number = seat_number(raw)
    if number is None:
        if raw.strip().strip("Xx"):
            state.notes.unreadable(path, raw, "is not a seat number")
        return
    ctx = _Context(el, ancestors, state)
    if ctx.pax is None:
        if not ctx.in_passenger:  # a Passenger without surname is an error already
            state.notes.unplaced(path, f"seat {number} is left out: {ctx.unplaced_reason(state)}")
        return
    origin = ctx.origin or (ctx.leg.origin if ctx.leg else None) or None
    destination = ctx.destination or (ctx.leg.destination if ctx.leg else None) or None
    ctx.pax.seats.append(Seat(number, origin, destination))


def _bag(el: Element, path: str, ancestors: tuple[Element, ...], state: PnrState) -> None:
    """One bag element (with the tag elements inside it) as one ``Bag``."""
    notes = state.notes
    tags: list[str] = []
    for node in el.iter():
        tag = first_attr(node, *_TAG_ATTRS)
        if tag is not None:
            tags.append(tag[1])
        elif local(node.tag) in _TAG_ELEMENTS and len(node) == 0 and (t := text(node)) is not None:
            tags.append(t)
    pieces: int | None = None
    if (found := first_attr(el, *_COUNT_ATTRS)) is not None:
        pieces = count(found[1], f"{path}/@{found[0]}", notes)
    amount: int | None = None
    unit: str | None = None
    if (found := first_attr(el, *_WEIGHT_ATTRS)) is not None:
        amount, glued = weight(found[1], f"{path}/@{found[0]}", notes)
        unit_found = first_attr(el, *_UNIT_ATTRS)
        unit_raw = unit_found[1] if unit_found else glued
        unit_path = f"{path}/@{unit_found[0]}" if unit_found else f"{path}/@{found[0]}"
        unit = weight_unit(unit_raw, unit_path, notes) if amount is not None else None
    if pieces is None and not tags and amount is None:
        return
    ctx = _Context(el, ancestors, state)
    if ctx.pax is None and ctx.refs:
        notes.unplaced(path, f"bag kept without its passenger: {ctx.unplaced_reason(state)}")
    state.bags.append(
        Bag(
            count=pieces if pieces is not None else len(tags) or 1,
            airline=attr(el, *_AIRLINE_ATTRS),
            destination=attr(el, *_DESTINATION_ATTRS),
            weight=amount,
            weight_unit=unit,
            tags=tuple(dict.fromkeys(tags)),
            traveller_reference=ctx.pax.reference if ctx.pax else None,
        )
    )
