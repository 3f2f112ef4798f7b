"""The rules of information exchange between agencies: crime areas, message kinds,
answer deadlines and what a handling code allows. No I/O: the services apply them."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from liaison.domain.codes import HandlingCode
from liaison.domain.errors import Forbidden, InvalidInput


class CrimeArea(StrEnum):
    """The EU's crime priorities (EMPACT 2022-2025) and the mandates of Europol and
    INTERPOL that the seed articles speak of (terrorism, document and card fraud)."""

    TERRORISM = "terrorism"
    HIGH_RISK_CRIMINAL_NETWORKS = "high_risk_criminal_networks"
    CYBER_ATTACKS = "cyber_attacks"
    TRAFFICKING_IN_HUMAN_BEINGS = "trafficking_in_human_beings"
    CHILD_SEXUAL_EXPLOITATION = "child_sexual_exploitation"
    MIGRANT_SMUGGLING = "migrant_smuggling"
    DRUG_TRAFFICKING = "drug_trafficking"
    FRAUD = "fraud"
    PAYMENT_CARD_FRAUD = "payment_card_fraud"
    ORGANISED_PROPERTY_CRIME = "organised_property_crime"
    ENVIRONMENTAL_CRIME = "environmental_crime"
    FIREARMS_TRAFFICKING = "firearms_trafficking"
    MONEY_LAUNDERING = "money_laundering"
    DOCUMENT_FRAUD = "document_fraud"
    OTHER = "other"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class MessageKind(StrEnum):
    INFORMATION = "information"
    REQUEST = "request"
    ANSWER = "answer"
    REFUSAL = "refusal"
    CLARIFICATION_REQUEST = "clarification_request"


# What a reply to a request does to the request, for the replying agency.
REPLY_KINDS = (MessageKind.ANSWER, MessageKind.REFUSAL, MessageKind.CLARIFICATION_REQUEST)


class Urgency(StrEnum):
    """How soon a request must be answered (the Swedish Framework Decision's limits)."""

    URGENT_DIRECT = "urgent_direct"  # urgent, information directly available: 8 hours
    URGENT_OTHER = "urgent_other"  # urgent, other information: 3 days
    NORMAL = "normal"  # all other requests: 7 days


ANSWER_WITHIN = {
    Urgency.URGENT_DIRECT: timedelta(hours=8),
    Urgency.URGENT_OTHER: timedelta(days=3),
    Urgency.NORMAL: timedelta(days=7),
}


class RequestStatus(StrEnum):
    """Where a request stands for one recipient agency."""

    OPEN = "open"
    ANSWERED = "answered"
    REFUSED = "refused"
    CLARIFICATION_ASKED = "clarification_asked"


REPLY_STATUS = {
    MessageKind.ANSWER: RequestStatus.ANSWERED,
    MessageKind.REFUSAL: RequestStatus.REFUSED,
    MessageKind.CLARIFICATION_REQUEST: RequestStatus.CLARIFICATION_ASKED,
}


class EntityKind(StrEnum):
    PERSON = "person"
    DOCUMENT = "document"
    VEHICLE = "vehicle"
    PHONE = "phone"
    FLIGHT = "flight"
    BOOKING = "booking"
    RECORD = "record"
    HIT = "hit"
    QUERY_HIT = "query_hit"


def due_at(sent_at: datetime, urgency: Urgency) -> datetime:
    """When the answer to a request sent at `sent_at` is due."""
    return sent_at + ANSWER_WITHIN[urgency]


def is_overdue(due: datetime | None, open_: bool, now: datetime) -> bool:
    return due is not None and open_ and now > due


def check_codes(handling: HandlingCode, restriction: str | None) -> str | None:
    """The H3 restriction in words is required for H3 and meaningless otherwise."""
    restriction = (restriction or "").strip() or None
    if handling is HandlingCode.H3 and restriction is None:
        raise InvalidInput("handling_restriction: H3 needs the restriction in words")
    return restriction if handling is HandlingCode.H3 else None


def check_forward(
    handling: HandlingCode, *, by_provider: bool, new_agencies: set[str], permitted: set[str]
) -> None:
    """May a message be passed on to `new_agencies` (agencies that have not seen it)?

    The provider may always pass on its own message. Anyone else needs, under H2,
    the provider's recorded permission for each new agency. H0, H1 and H3 travel
    with their codes (H1 marked, H3's restriction shown), so they may be passed on."""
    if by_provider or handling is not HandlingCode.H2:
        return
    missing = sorted(new_agencies - permitted)
    if missing:
        raise Forbidden(
            f"H2: the provider has not permitted passing this message on to {', '.join(missing)}; "
            "ask the provider first"
        )


def normalise_entity(kind: EntityKind, value: str) -> str:
    """The form an entity value is searched and grouped by (facets)."""
    value = " ".join(value.split())
    if kind in (EntityKind.DOCUMENT, EntityKind.VEHICLE, EntityKind.FLIGHT, EntityKind.BOOKING):
        return "".join(ch for ch in value.upper() if ch.isalnum())
    if kind is EntityKind.PHONE:
        digits = "".join(ch for ch in value if ch.isdigit())
        return ("+" + digits) if value.strip().startswith("+") else digits
    return value.casefold()
