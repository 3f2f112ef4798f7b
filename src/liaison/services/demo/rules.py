"""The French unit's risk rules, written as its people would: lists saved and
rules drafted by the analyst, back-tested over the day's bookings, approved
by the supervisor, put in force, and run over the flights already pushed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import ListKind
from liaison.services.criteria import backtest, lists, rules
from liaison.services.criteria import screening as rule_screening
from liaison.services.identity.principals import Principal, principal_for_user
from liaison.store import schema

SCHENGEN_EU = ["FR", "NL", "BE", "DE", "IT", "ES", "PT", "AT", "PL", "SE", "GR", "RO", "DK"]

RULES = (
    {
        "name": "Short-notice one-way trips from departure points of concern",
        "description": "Travellers sent at short notice book one way, two days or less before departure, "
        "from the airports the unit's threat assessment lists.",
        "when": {
            "all": [
                {"departs_from": {"lists": ["departure points of concern"]}},
                {"one_way": True},
                {"booked_before_departure": {"max_hours": 48}},
            ]
        },
    },
    {
        "name": "Late bookings into the Schengen area by way of a transit hub",
        "description": "A change of planes at a transit hub hides the point of departure; booked within "
        "three days of travel.",
        "when": {
            "all": [
                {
                    "any": [
                        {"transits": {"lists": ["transit hubs"]}},
                        {"departs_from": {"lists": ["transit hubs"]}},
                    ]
                },
                {"arrives_at": {"countries": SCHENGEN_EU}},
                {"booked_before_departure": {"max_hours": 72}},
            ]
        },
    },
    {
        "name": "Groups of four or more booked the day before",
        "description": "Facilitated travel: a group booked together less than a day before departure.",
        "when": {"all": [{"group_size": {"min": 4}}, {"booked_before_departure": {"max_hours": 24}}]},
    },
)


def _principal(session: Session, username: str) -> Principal:
    user = session.scalar(select(schema.User).where(schema.User.username == username))
    assert user is not None, username
    return principal_for_user(user)


def write_rules(session: Session, day: date) -> int:
    """Three rules in force at FR-PIU; returns the rule hits they raised."""
    analyst = _principal(session, "analyst.fr")
    supervisor = _principal(session, "supervisor.fr")
    lists.save_list(
        session,
        analyst,
        "departure points of concern",
        ListKind.AIRPORTS,
        ["IST", "AMM", "TUN", "ALG", "CMN", "DXB"],
    )
    lists.save_list(session, analyst, "transit hubs", ListKind.AIRPORTS, ["IST", "DXB", "FRA", "AMS"])
    start = datetime.combine(day, time(0, 0), tzinfo=UTC) - timedelta(days=3)
    noon = datetime.combine(day, time(12, 0), tzinfo=UTC)
    made = 0
    for definition in RULES:
        draft = rules.create(session, analyst, definition)
        backtest.backtest(session, analyst, draft.rule_id, draft.version, start, start + timedelta(days=5))
        rules.approve(session, supervisor, draft.rule_id, draft.version)
        active = rules.activate(
            session, supervisor, draft.rule_id, draft.version, rules.ScopeIn(), None, None
        )
        made += rule_screening.screen_upcoming(session, active, now=noon, past=timedelta(hours=14))
    return made
