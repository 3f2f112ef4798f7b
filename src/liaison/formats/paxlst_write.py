"""Writing PAXLST (UN variant, D05B): for tests, benchmarks and demonstrations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from liaison.domain.codes import TravellerRole
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import PaxlstMessage, Traveller
from liaison.formats.edifact import DEFAULT_DELIMITERS, Delimiters, format_segment

_UNITS = {"KG": "KGM", "LB": "LBR"}


def _yymmdd(d: PartialDate | None) -> str:
    if d is None or d.month is None or d.day is None:
        return ""
    return f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"


def _dt201(value: datetime | None) -> str:
    return value.strftime("%y%m%d%H%M") if value is not None else ""


def _nad(t: Traveller) -> list[Sequence[str] | str]:
    code = "FM" if t.role is TravellerRole.CREW else "FL"
    given = (t.given_names or "").split(" ") if t.given_names else []
    elements: list[Sequence[str] | str] = [code, "", "", [t.surname, *given]]
    if t.addresses:
        a = t.addresses[0]
        elements += [
            [a.street or ""],
            a.city or "",
            [a.state or ""],
            a.postal_code or "",
            a.country or "",
        ]
    return elements


def write_paxlst(message: PaxlstMessage, delimiters: Delimiters = DEFAULT_DELIMITERS) -> bytes:
    """One interchange holding ``message`` (UN variant, D05B)."""
    d = delimiters
    prepared = message.prepared or datetime(2000, 1, 1)
    ctrl = message.interchange_reference or message.reference
    out: list[str] = [d.una()]
    seg = out.append

    def s(tag: str, *elements: Sequence[str] | str) -> None:
        seg(format_segment(tag, elements, d))

    s(
        "UNB",
        ["UNOA", "4"],
        [message.sender or ""],
        [message.recipient or ""],
        [prepared.strftime("%y%m%d"), prepared.strftime("%H%M")],
        ctrl,
    )
    out_len = len(out)
    s("UNH", message.reference, ["PAXLST", "D", "05B", "UN", "IATA"])
    s("BGM", message.document_type or "745")
    for leg in message.legs:
        s("TDT", "20", f"{leg.carrier}{leg.flight_number}", "", "", [leg.carrier])
        s("LOC", "125", leg.origin)
        s("DTM", ["189", _dt201(leg.departure), "201"])
        s("LOC", "87", leg.destination)
        s("DTM", ["232", _dt201(leg.arrival), "201"])
    for t in message.travellers:
        s("NAD", *_nad(t))
        if t.gender is not None:
            s("ATT", "2", "", t.gender.value)
        if t.birth_date is not None:
            s("DTM", ["329", _yymmdd(t.birth_date)])
        for bag in t.bags:
            s("MEA", "CT", "", ["", str(bag.count)])
            if bag.weight is not None:
                unit = bag.weight_unit or ""
                s("MEA", "WT", "", [_UNITS.get(unit, unit), str(bag.weight)])
            for tag in bag.tags:
                s("FTX", "BAG", "", "", [tag, "1"])
        if t.embarkation:
            s("LOC", "178", t.embarkation)
        if t.debarkation:
            s("LOC", "179", t.debarkation)
        if t.residence_country:
            s("LOC", "174", t.residence_country)
        if t.birth_place or t.birth_country:
            place = "" if t.birth_place == t.birth_country else t.birth_place or ""
            s("LOC", "180", [t.birth_country or "", "", "", place])
        if t.nationality:
            s("NAT", "2", t.nationality)
        for ref in t.references:
            q, _, v = ref.partition(":")
            s("RFF", [q, v])
        for seat in t.seats:
            s("RFF", ["SEA", seat.number])
        for doc in t.documents:
            s("DOC", [doc.type or "", "110", "111"], doc.number or "")
            if doc.expiry is not None:
                s("DTM", ["36", _yymmdd(doc.expiry)])
            if doc.issued is not None:
                s("DTM", ["182", _yymmdd(doc.issued)])
            if doc.issuing_country:
                s("LOC", "91", doc.issuing_country)
    s("CNT", ["42", str(len(message.travellers))])
    body = out[out_len:]
    s("UNT", str(len(body) + 1), message.reference)
    s("UNZ", "1", ctrl)
    return "".join(out).encode("utf-8")
