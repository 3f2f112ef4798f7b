"""Partial dates: registers often know only a birth year, or year and month."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from liaison.domain.errors import InvalidInput

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date of which the month and day may be unknown.

    Stored and exchanged as ISO 8601 reduced precision: ``1980``, ``1980-05``
    or ``1980-05-17``.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise InvalidInput(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise InvalidInput("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidInput(f"month {self.month} is out of range")
        if self.day is not None:
            assert self.month is not None
            date(self.year, self.month, self.day)  # raises ValueError on 31 February

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; anything else is an error."""
        match = _ISO_PARTIAL.match(text.strip())
        if match is None:
            raise InvalidInput(f"not a date (expected YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
        year, month, day = match.groups()
        try:
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        except ValueError as exc:
            raise InvalidInput(f"not a calendar date: {text!r}") from exc

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    def to_date(self) -> date | None:
        """The full date, or None when month or day is unknown."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()


def as_utc(moment: datetime | None) -> datetime | None:
    """A time as an airline sent it: no zone in the message, so read as UTC."""
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment
