"""Writing PNRGOV EDIFACT as PNRGOV 11.1 lays it out (demo data, tests, benchmarks).

What ``write_pnrgov`` writes, ``read_pnrgov`` reads back to the same objects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from liaison.domain.passenger import (
    Booking,
    Document,
    Leg,
    Payment,
    PnrMessage,
    Traveller,
    encode_iata_email,
)
from liaison.formats.edifact import DEFAULT_DELIMITERS, Delimiters, format_segment
from liaison.formats.values import format_ddmmmyy

_Emit = Callable[..., None]
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
