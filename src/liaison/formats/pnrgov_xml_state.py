"""The state of one PNR being read from PNRGOV XML: its passengers as they
fill in, and how an element finds the passenger it belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from liaison.domain.passenger import (
    Address,
    Bag,
    Leg,
    Payment,
)
from liaison.formats.errors import ParseError
from liaison.formats.pnrgov_xml_tree import attr, child, local, text
from liaison.formats.pnrgov_xml_values import Notes
from liaison.formats.traveller_builder import TravellerBuilder, names_someone_else

PAX_REF_ATTRS = (
    "PassengerRPH",
    "TravelerRPH",
    "TravelerRefNumberRPHList",
    "TravelerRefNumber",
    "PassengerRefNumber",
    "PassengerRef",
    "SurnameRefNumber",
    "PaxRPH",
    "RPH",
)


Pax = TravellerBuilder  # a traveller being read: SSRs and check-in data anywhere in the PNR add to it


@dataclass(slots=True)
class PnrState:
    """What one PNR has read so far."""

    where: str
    pivot_year: int
    notes: Notes
    flight: Leg | None = None  # the flight pushed (the notification's FlightLeg)
    locator: str = ""
    travellers: list[Pax] = field(default_factory=list)
    by_element: dict[int, Pax] = field(default_factory=dict)
    legs: list[tuple[Element, Leg]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    bags: list[Bag] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)

    def by_refs(self, refs: list[str]) -> list[Pax]:
        return [t for t in self.travellers if t.reference is not None and t.reference in refs]


def pax_refs(el: Element) -> list[str]:
    """Passenger references an element carries (``RPH="1"``, ``TravelerRefNumberRPHList="1 2"``,
    or a ``TravelerRefNumber/@RPH`` child)."""
    raw = attr(el, *PAX_REF_ATTRS)
    if raw is None:
        ref_el = child(el, "TravelerRefNumber", "PassengerRef", "PassengerRPH")
        raw = attr(ref_el, "RPH", "RefNumber") or text(ref_el)
    return raw.replace(",", " ").split() if raw else []


def owner_pax(
    el: Element, ancestors: tuple[Element, ...], state: PnrState, surname: str | None, given: str | None
) -> tuple[Pax | None, str]:
    """The passenger an element belongs to: the ``Passenger`` it is in, else the
    one its reference names, else the one its DOCS names, else the only one.
    The second value says why none was found."""
    for a in reversed(ancestors):
        if local(a.tag) == "Passenger":
            pax = state.by_element.get(id(a))
            return pax, "its Passenger has no surname"
    refs = pax_refs(el)
    if refs:
        found = state.by_refs(refs)
        if len(found) == 1:
            return found[0], ""
        return (
            None,
            f"it names passenger {' '.join(refs)}, which the PNR has {'not' if not found else 'twice'}",
        )
    if surname or given:
        same = [t for t in state.travellers if not names_someone_else(t, surname, given, state.travellers)]
        exact = [t for t in same if t.surname == surname and (t.given or "") == (given or "")]
        for found in (exact, same):
            if len(found) == 1:
                return found[0], ""
        if not same:
            return None, "it names another person than the PNR's passengers"
        return None, f"it names no passenger and the PNR has {len(state.travellers)}"
    if len(state.travellers) == 1:
        return state.travellers[0], ""
    return None, f"it names no passenger and the PNR has {len(state.travellers)}"
