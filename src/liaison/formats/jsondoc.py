"""The stable JSON form of read messages (``liaison parse``; docs/formats.md).

Names here are a public interface: add keys, never rename or remove them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from liaison.domain.dates import PartialDate
from liaison.domain.passenger import (
    Address,
    Bag,
    Booking,
    Document,
    Leg,
    PaxlstMessage,
    Payment,
    PnrMessage,
    Traveller,
)
from liaison.formats.errors import ParseError

JSON = dict[str, Any]


def _dt(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _pd(value: PartialDate | None) -> str | None:
    return value.isoformat() if value is not None else None


def leg_json(leg: Leg) -> JSON:
    return {
        "carrier": leg.carrier,
        "flight_number": leg.flight_number,
        "origin": leg.origin,
        "destination": leg.destination,
        "departure": _dt(leg.departure),
        "arrival": _dt(leg.arrival),
        "operating_carrier": leg.operating_carrier,
        "operating_flight_number": leg.operating_flight_number,
        "booking_class": leg.booking_class,
        "status": leg.status,
    }


def document_json(doc: Document) -> JSON:
    return {
        "kind": doc.kind,
        "type": doc.type,
        "number": doc.number,
        "issuing_country": doc.issuing_country,
        "place_of_issue": doc.place_of_issue,
        "nationality": doc.nationality,
        "issued": _pd(doc.issued),
        "expiry": _pd(doc.expiry),
    }


def address_json(a: Address) -> JSON:
    return {
        "kind": a.kind,
        "street": a.street,
        "city": a.city,
        "state": a.state,
        "postal_code": a.postal_code,
        "country": a.country,
        "text": a.text,
    }


def traveller_json(t: Traveller) -> JSON:
    return {
        "reference": t.reference,
        "role": t.role.value,
        "surname": t.surname,
        "given_names": t.given_names,
        "title": t.title,
        "name_as_sent": t.name_as_sent,
        "passenger_type": t.passenger_type,
        "infant": t.is_infant,
        "birth_date": _pd(t.birth_date),
        "gender": t.gender.value if t.gender else None,
        "nationality": t.nationality,
        "residence_country": t.residence_country,
        "birth_place": t.birth_place,
        "embarkation": t.embarkation,
        "debarkation": t.debarkation,
        "documents": [document_json(d) for d in t.documents],
        "seats": [{"number": s.number, "origin": s.origin, "destination": s.destination} for s in t.seats],
        "addresses": [address_json(a) for a in t.addresses],
        "frequent_flyers": [
            {"airline": f.airline, "number": f.number, "tier": f.tier} for f in t.frequent_flyers
        ],
        "tickets": [
            {"number": k.number, "type": k.type, "total": k.total, "currency": k.currency} for k in t.tickets
        ],
        "references": list(t.references),
        "birth_country": t.birth_country,
        "bags": [bag_json(b) for b in t.bags],
    }


def payment_json(p: Payment) -> JSON:
    return {
        "type": p.type,
        "card_type": p.card_type,
        "masked_number": p.masked_number,
        "expiry": _pd(p.expiry),
        "amount": p.amount,
        "currency": p.currency,
        "traveller_reference": p.traveller_reference,
    }


def bag_json(b: Bag) -> JSON:
    return {
        "count": b.count,
        "airline": b.airline,
        "destination": b.destination,
        "weight": b.weight,
        "weight_unit": b.weight_unit,
        "tags": list(b.tags),
        "traveller_reference": b.traveller_reference,
    }


def booking_json(b: Booking) -> JSON:
    return {
        "record_locator": b.record_locator,
        "record_locator_owner": b.record_locator_owner,
        "reservation_reference": b.reservation_reference,
        "reservation_reference_owner": b.reservation_reference_owner,
        "created": _dt(b.created),
        "last_modified": _dt(b.last_modified),
        "group_name": b.group_name,
        "itinerary": [leg_json(leg) for leg in b.itinerary],
        "travellers": [traveller_json(t) for t in b.travellers],
        "contacts": {
            "emails": list(b.contacts.emails),
            "phones": list(b.contacts.phones),
            "addresses": [address_json(a) for a in b.contacts.addresses],
        },
        "payments": [payment_json(p) for p in b.payments],
        "bags": [bag_json(x) for x in b.bags],
        "codeshares": [{"marketing": c.marketing, "operating": c.operating} for c in b.codeshares],
        "split_record_locators": list(b.split_record_locators),
        "special_requests": list(b.special_requests),
        "remarks": list(b.remarks),
        "history": list(b.history),
        "warnings": list(b.warnings),
    }


def message_json(message: PnrMessage | PaxlstMessage) -> JSON:
    """One JSON document per message."""
    common: JSON = {
        "sender": message.sender,
        "reference": message.reference,
        "interchange_reference": message.interchange_reference,
        "recipient": message.recipient,
        "prepared": _dt(message.prepared),
        "version": message.version,
        "format": message.format.value,
    }
    if isinstance(message, PnrMessage):
        return {
            "kind": "pnr",
            **common,
            "flight": leg_json(message.flight) if message.flight else None,
            "bookings": [booking_json(b) for b in message.bookings],
            "warnings": list(message.warnings),
        }
    return {
        "kind": "paxlst",
        **common,
        "document_type": message.document_type,
        "legs": [leg_json(leg) for leg in message.legs],
        "travellers": [traveller_json(t) for t in message.travellers],
        "warnings": list(message.warnings),
    }


def error_json(error: ParseError) -> JSON:
    return {"kind": "error", **error.as_dict(), "message": error.message}


def document_text(parts: Iterable[PnrMessage | PaxlstMessage]) -> Iterator[str]:
    """``message_json`` documents, one per line, as text written from a reader's stream
    of parts (``formats.iter_message_bytes``). The parts of one message follow each
    other and share its reference (unique in an interchange), so each part's bookings
    (or travellers) are appended to the open document and its warnings close it: the
    text is exactly ``json.dumps`` of the merged message, which is never held whole."""
    current: tuple[str, str, str | None, str | None] | None = None
    items = 0
    warnings: list[str] = []
    for part in parts:
        pnr = isinstance(part, PnrMessage)
        identity = ("pnr" if pnr else "paxlst", part.reference, part.interchange_reference, part.sender)
        if identity != current:
            if current is not None:
                yield _closing(warnings)
            head = message_json(part)
            key = "bookings" if pnr else "travellers"
            del head[key], head["warnings"]
            yield json.dumps(head, ensure_ascii=False)[:-1] + f', "{key}": ['
            current, items, warnings = identity, 0, []
        values = (
            [booking_json(b) for b in part.bookings]
            if isinstance(part, PnrMessage)
            else [traveller_json(t) for t in part.travellers]
        )
        for value in values:
            yield (", " if items else "") + json.dumps(value, ensure_ascii=False)
            items += 1
        warnings.extend(part.warnings)
    if current is not None:
        yield _closing(warnings)


def _closing(warnings: list[str]) -> str:
    return '], "warnings": ' + json.dumps(warnings, ensure_ascii=False) + "}\n"
