"""The exchange's rules without a database: deadlines, handling codes, entity forms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from liaison.domain.codes import HandlingCode
from liaison.domain.errors import Forbidden, InvalidInput
from liaison.domain.exchange import (
    EntityKind,
    Urgency,
    check_codes,
    check_forward,
    due_at,
    is_overdue,
    normalise_entity,
)

SENT = datetime(2026, 11, 20, 22, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("urgency", "due"),
    [
        (Urgency.URGENT_DIRECT, datetime(2026, 11, 21, 6, 30, tzinfo=UTC)),
        (Urgency.URGENT_OTHER, datetime(2026, 11, 23, 22, 30, tzinfo=UTC)),
        (Urgency.NORMAL, datetime(2026, 11, 27, 22, 30, tzinfo=UTC)),
    ],
)
def test_answers_are_due_in_8_hours_3_days_or_7_days(urgency: Urgency, due: datetime) -> None:
    assert due_at(SENT, urgency) == due


def test_a_request_is_overdue_only_while_open_and_past_its_due_time() -> None:
    due = due_at(SENT, Urgency.URGENT_DIRECT)
    assert not is_overdue(due, True, due)
    assert is_overdue(due, True, due + timedelta(seconds=1))
    assert not is_overdue(due, False, due + timedelta(days=1)), "answered in time or late: no longer flagged"
    assert not is_overdue(None, True, due + timedelta(days=1)), "information carries no deadline"


def test_h2_needs_the_providers_permission_for_each_new_agency() -> None:
    with pytest.raises(Forbidden, match="BE-NCB"):
        check_forward(HandlingCode.H2, by_provider=False, new_agencies={"BE-NCB"}, permitted=set())
    with pytest.raises(Forbidden, match="DE-BKA"):
        check_forward(
            HandlingCode.H2, by_provider=False, new_agencies={"BE-NCB", "DE-BKA"}, permitted={"BE-NCB"}
        )
    check_forward(HandlingCode.H2, by_provider=False, new_agencies={"BE-NCB"}, permitted={"BE-NCB"})
    check_forward(HandlingCode.H2, by_provider=False, new_agencies=set(), permitted=set())  # already seen it
    check_forward(HandlingCode.H2, by_provider=True, new_agencies={"BE-NCB"}, permitted=set())


@pytest.mark.parametrize("code", [HandlingCode.H0, HandlingCode.H1, HandlingCode.H3])
def test_other_codes_travel_with_the_message(code: HandlingCode) -> None:
    check_forward(code, by_provider=False, new_agencies={"BE-NCB"}, permitted=set())


def test_h3_needs_its_restriction_in_words_and_only_h3_keeps_one() -> None:
    with pytest.raises(InvalidInput, match="H3"):
        check_codes(HandlingCode.H3, "  ")
    assert check_codes(HandlingCode.H3, " Not to Interpol ") == "Not to Interpol"
    assert check_codes(HandlingCode.H1, "ignored") is None


def test_entities_are_compared_in_one_form() -> None:
    assert normalise_entity(EntityKind.DOCUMENT, "p 12-345 67") == "P1234567"
    assert normalise_entity(EntityKind.PHONE, "+33 6 12 34 56 78") == "+33612345678"
    assert normalise_entity(EntityKind.FLIGHT, "kl 1234") == "KL1234"
    assert normalise_entity(EntityKind.PERSON, "  Jean   DUPONT ") == "jean dupont"
