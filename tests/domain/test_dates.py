from __future__ import annotations

from datetime import date

import pytest

from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980", PartialDate(1980)),
        ("1980-05", PartialDate(1980, 5)),
        ("1980-05-17", PartialDate(1980, 5, 17)),
    ],
)
def test_reduced_precision_dates_round_trip(text: str, expected: PartialDate) -> None:
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert parsed.isoformat() == text


def test_only_complete_dates_become_calendar_dates() -> None:
    assert PartialDate(1980, 5, 17).to_date() == date(1980, 5, 17)
    assert PartialDate(1980, 5).to_date() is None
    assert not PartialDate(1980).is_complete


@pytest.mark.parametrize("text", ["80", "1980-13", "1980-02-30", "17/05/1980", ""])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        PartialDate.parse(text)


def test_a_day_needs_a_month() -> None:
    with pytest.raises(InvalidInput, match="a day needs a month"):
        PartialDate(1980, None, 3)
