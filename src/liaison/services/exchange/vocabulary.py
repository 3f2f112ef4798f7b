"""The words the exchange shows people, in English (the source) and French."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel

from liaison.domain.codes import HandlingCode, InformationAccuracy, SourceReliability
from liaison.domain.exchange import CrimeArea, EntityKind, MessageKind, RequestStatus, Urgency
from liaison.i18n import N_, gettext_for, negotiate

LABELS: dict[type[StrEnum], dict[str, str]] = {
    CrimeArea: {
        CrimeArea.TERRORISM: N_("Terrorism"),
        CrimeArea.HIGH_RISK_CRIMINAL_NETWORKS: N_("High-risk criminal networks"),
        CrimeArea.CYBER_ATTACKS: N_("Cyber-attacks"),
        CrimeArea.TRAFFICKING_IN_HUMAN_BEINGS: N_("Trafficking in human beings"),
        CrimeArea.CHILD_SEXUAL_EXPLOITATION: N_("Child sexual exploitation"),
        CrimeArea.MIGRANT_SMUGGLING: N_("Migrant smuggling"),
        CrimeArea.DRUG_TRAFFICKING: N_("Drug trafficking"),
        CrimeArea.FRAUD: N_("Fraud and economic and financial crime"),
        CrimeArea.PAYMENT_CARD_FRAUD: N_("Payment card fraud"),
        CrimeArea.ORGANISED_PROPERTY_CRIME: N_("Organised property crime"),
        CrimeArea.ENVIRONMENTAL_CRIME: N_("Environmental crime"),
        CrimeArea.FIREARMS_TRAFFICKING: N_("Firearms trafficking"),
        CrimeArea.MONEY_LAUNDERING: N_("Money laundering"),
        CrimeArea.DOCUMENT_FRAUD: N_("Document fraud"),
        CrimeArea.OTHER: N_("Other crime"),
    },
    HandlingCode: {
        HandlingCode.H0: N_("H0: for preventing and combating crime only"),
        HandlingCode.H1: N_("H1: not to be used in judicial proceedings without the provider's permission"),
        HandlingCode.H2: N_("H2: not to be passed on without the provider's permission"),
        HandlingCode.H3: N_("H3: other restrictions, stated in words"),
    },
    SourceReliability: {
        SourceReliability.A: N_("A: no doubt about the source"),
        SourceReliability.B: N_("B: source mostly reliable"),
        SourceReliability.C: N_("C: source not reliable"),
        SourceReliability.X: N_("X: source reliability cannot be judged"),
    },
    InformationAccuracy: {
        InformationAccuracy.KNOWN_TRUE: N_("1: known to be true without reservation"),
        InformationAccuracy.KNOWN_TO_SOURCE: N_("2: known personally to the source"),
        InformationAccuracy.CORROBORATED: N_("3: not known personally to the source but corroborated"),
        InformationAccuracy.CANNOT_BE_JUDGED: N_("4: accuracy cannot be judged"),
    },
    MessageKind: {
        MessageKind.INFORMATION: N_("Information"),
        MessageKind.REQUEST: N_("Request"),
        MessageKind.ANSWER: N_("Answer"),
        MessageKind.REFUSAL: N_("Refusal"),
        MessageKind.CLARIFICATION_REQUEST: N_("Request for clarification"),
    },
    Urgency: {
        Urgency.URGENT_DIRECT: N_("Urgent, directly available information (8 hours)"),
        Urgency.URGENT_OTHER: N_("Urgent, other information (3 days)"),
        Urgency.NORMAL: N_("Not urgent (7 days)"),
    },
    RequestStatus: {
        RequestStatus.OPEN: N_("Waiting for an answer"),
        RequestStatus.ANSWERED: N_("Answered"),
        RequestStatus.REFUSED: N_("Refused"),
        RequestStatus.CLARIFICATION_ASKED: N_("Clarification asked"),
    },
    EntityKind: {
        EntityKind.PERSON: N_("Person"),
        EntityKind.DOCUMENT: N_("Travel document"),
        EntityKind.VEHICLE: N_("Vehicle"),
        EntityKind.PHONE: N_("Phone number"),
        EntityKind.FLIGHT: N_("Flight"),
        EntityKind.BOOKING: N_("Booking"),
        EntityKind.RECORD: N_("Register record"),
        EntityKind.HIT: N_("Screening hit"),
        EntityKind.QUERY_HIT: N_("Hit / no-hit answer"),
    },
}


class Vocabulary(BaseModel):
    locale: str
    crime_areas: dict[str, str]
    handling_codes: dict[str, str]
    source_reliability: dict[str, str]
    information_accuracy: dict[str, str]
    message_kinds: dict[str, str]
    urgencies: dict[str, str]
    request_statuses: dict[str, str]
    entity_kinds: dict[str, str]


def label(value: StrEnum, locale: str) -> str:
    return gettext_for(locale)(LABELS[type(value)][value])


def vocabulary(locale: str | None) -> Vocabulary:
    chosen = negotiate(locale)
    _ = gettext_for(chosen)

    def of(kind: type[StrEnum]) -> dict[str, str]:
        return {str(key): _(text) for key, text in LABELS[kind].items()}

    return Vocabulary(
        locale=chosen,
        crime_areas=of(CrimeArea),
        handling_codes=of(HandlingCode),
        source_reliability=of(SourceReliability),
        information_accuracy=of(InformationAccuracy),
        message_kinds=of(MessageKind),
        urgencies=of(Urgency),
        request_statuses=of(RequestStatus),
        entity_kinds=of(EntityKind),
    )
