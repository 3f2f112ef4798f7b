"""Live cases between agencies of different countries, in English and French, written
through the exchange services as officers would; and one confirmed screening hit, so the
record's owner is told in a case of its own."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import HandlingCode, HitStatus, InformationAccuracy, SourceReliability
from liaison.domain.exchange import CrimeArea, EntityKind, MessageKind, Urgency
from liaison.services.exchange import cases, messages
from liaison.services.exchange.views import CaseIn, Codes, EntityIn, MessageIn, ReplyIn
from liaison.services.identity.principals import Principal, principal_for_user
from liaison.services.travel import hits
from liaison.store import schema


def _principal(session: Session, username: str) -> Principal:
    user = session.scalar(select(schema.User).where(schema.User.username == username))
    assert user is not None, username
    return principal_for_user(user)


def _codes(
    handling: HandlingCode, reliability: str, accuracy: str, restriction: str | None = None
) -> dict[str, Any]:
    return Codes(
        handling_code=handling,
        handling_restriction=restriction,
        source_reliability=SourceReliability(reliability),
        information_accuracy=InformationAccuracy(accuracy),
    ).model_dump()


def write_cases(session: Session, day: date) -> int:
    """Three cases; returns how many messages they hold."""
    start = datetime.combine(day, time(7, 30), tzinfo=UTC) - timedelta(days=2)
    fr, be = _principal(session, "supervisor.fr"), _principal(session, "liaison.ncb.be")
    nl, hub = _principal(session, "analyst.nl"), _principal(session, "coordinator.hub")
    sent = 0

    # 1. In French: returning foreign terrorist fighters, a request answered in time.
    retours = cases.open_case(
        session,
        fr,
        CaseIn(
            subject="Retour présumé de combattants terroristes étrangers via Istanbul",
            crime_area=CrimeArea.TERRORISM,
            agencies=["BE-NCB"],
        ),
        now=start,
    )
    demande = messages.send(
        session,
        fr,
        retours.id,
        MessageIn(
            kind=MessageKind.REQUEST,
            urgency=Urgency.URGENT_OTHER,
            language="fr",
            body="Deux voyageurs du vol TK1823 IST-CDG présentent des billets réservés ensemble, "
            "payés en espèces. Pouvez-vous nous indiquer si les passeports belges ci-joints "
            "sont connus de vos services ?",
            entities=[
                EntityIn(kind=EntityKind.FLIGHT, value="TK1823"),
                EntityIn(kind=EntityKind.DOCUMENT, value="EP417238", detail={"country": "BE"}),
                EntityIn(kind=EntityKind.DOCUMENT, value="EP509911", detail={"country": "BE"}),
            ],
            **_codes(HandlingCode.H1, "B", "2"),
        ),
        now=start,
    )
    original = session.get(schema.CaseMessage, demande.id)
    assert original is not None
    messages.reply_to(
        session,
        be,
        original,
        ReplyIn(
            kind=MessageKind.ANSWER,
            language="fr",
            body="Le passeport EP417238 a été déclaré perdu en 2024 ; son titulaire est signalé "
            "pour un départ vers la Syrie en 2015. Le second passeport n'est pas connu.",
            **_codes(HandlingCode.H2, "A", "2"),
        ),
        now=start + timedelta(hours=20),
    )
    sent += 2

    # 2. In English: tickets bought with compromised cards, a request still unanswered
    #    (urgent, so overdue from the demo day on: `liaison exchange flag-overdue` flags it).
    cards = cases.open_case(
        session,
        hub,
        CaseIn(
            subject="Airline tickets bought with compromised cards, AMS and BCN",
            crime_area=CrimeArea.PAYMENT_CARD_FRAUD,
            agencies=["NL-PIU", "ES-PIU"],
        ),
        now=start + timedelta(hours=2),
    )
    messages.send(
        session,
        hub,
        cards.id,
        MessageIn(
            body="Card issuers report 14 compromised cards used for bookings departing AMS and BCN "
            "this week. Bookings made less than 48 hours before departure, one-way, with a "
            "third-party e-mail address.",
            entities=[
                EntityIn(kind=EntityKind.BOOKING, value="X7KQ2L"),
                EntityIn(kind=EntityKind.PHONE, value="+34 612 000 117"),
            ],
            **_codes(HandlingCode.H0, "B", "3"),
        ),
        now=start + timedelta(hours=2),
    )
    messages.send(
        session,
        nl,
        cards.id,
        MessageIn(
            kind=MessageKind.REQUEST,
            urgency=Urgency.URGENT_DIRECT,
            to=["EU-HUB"],
            body="Booking X7KQ2L has two more passengers on KL1675 tomorrow. Please send the card "
            "BINs so we can check the other bookings of that travel agency.",
            entities=[
                EntityIn(kind=EntityKind.BOOKING, value="X7KQ2L"),
                EntityIn(kind=EntityKind.FLIGHT, value="KL1675"),
            ],
            **_codes(HandlingCode.H3, "B", "2", restriction="Not to be shared with the airline"),
        ),
        now=start + timedelta(hours=3),
    )
    sent += 2

    # 3. A confirmed screening hit: the record's owner hears of it in the record's case.
    hit = session.scalar(
        select(schema.Hit)
        .join(schema.Record, schema.Record.id == schema.Hit.record_id)
        .join(schema.Register, schema.Register.id == schema.Record.register_id)
        .join(schema.Agency, schema.Agency.id == schema.Hit.agency_id)
        .where(schema.Agency.code == "FR-PIU", schema.Register.owner_agency_id != schema.Hit.agency_id)
        .order_by(schema.Hit.score.desc(), schema.Hit.id)
        .limit(1)
    )
    if hit is not None and hit.status is HitStatus.NEW:
        hits.review(session, fr, hit.id, "confirm", "Same face as the notice photo; confirmed at the gate")
        sent += 1
    return sent
