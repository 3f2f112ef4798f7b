"""Small value readers shared by the wire formats (dates, names, seats).

Each returns None for an empty value and raises ValueError for a value that is
present but wrong, so that the caller can name the element at fault. The pure
string functions are memoised: the same dates, names and seats recur in a push.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    )
}
MONTH_NAMES = {v: k for k, v in MONTHS.items()}


@lru_cache(maxsize=8192)
def ddmmyy(date: str, time: str = "") -> datetime | None:
    """PNRGOV dates are ``DDMMYY`` and times ``HHMM`` or ``HHMMSS``."""
    date = date.strip()
    if not date:
        return None
    if len(date) != 6 or not date.isdigit():
        raise ValueError(f"{date!r} is not a date DDMMYY")
    try:
        return _build(2000 + int(date[4:6]), int(date[2:4]), int(date[0:2]), time)
    except ValueError as exc:
        raise ValueError(f"{date}:{time} is not a date DDMMYY:HHMM ({exc})") from None


def _build(year: int, month: int, day: int, time: str) -> datetime:
    time = time.strip()
    hour = minute = second = 0
    if time:
        if not time.isdigit() or len(time) not in (4, 6):
            raise ValueError(f"{time!r} is not a time HHMM")
        hour, minute = int(time[0:2]), int(time[2:4])
        if len(time) == 6:
            second = int(time[4:6])
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise ValueError(f"not a calendar date/time: {exc}") from None


def two_digit_year(yy: int, pivot_year: int, past: bool) -> int:
    """Century of a two-digit year: birth dates are never in the future of
    ``pivot_year``; expiry dates are this century."""
    if not past:
        return 2000 + yy
    year = 2000 + yy
    return year if year <= pivot_year else 1900 + yy


@lru_cache(maxsize=8192)
def ddmmmyy(text: str, pivot_year: int, past: bool) -> PartialDate | None:
    """SSR DOCS/DOCO dates: ``12JUL64``; also ``JUL64`` and ``64``."""
    if len(text) == 7:
        month_number = MONTHS.get(text[2:5])
        if month_number is not None and text[:2].isdigit() and text[5:].isdigit():
            return PartialDate(two_digit_year(int(text[5:]), pivot_year, past), month_number, int(text[:2]))
    text = text.strip().upper()
    if not text:
        return None
    m = _DMY.match(text)
    if m is None:
        raise ValueError(f"{text!r} is not a date DDMMMYY")
    day, month, yy = m.groups()
    year = two_digit_year(int(yy), pivot_year, past)
    if month is None:
        return PartialDate(year)
    return PartialDate(year, MONTHS[month], int(day) if day else None)


_DMY = re.compile(r"^(?:(?:(\d{1,2}))?(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?(\d{2})$")


def format_ddmmmyy(date: PartialDate) -> str:
    if date.month is None:
        return f"{date.year % 100:02d}"
    day = f"{date.day:02d}" if date.day is not None else ""
    return f"{day}{MONTH_NAMES[date.month]}{date.year % 100:02d}"


def gender(code: str) -> tuple[Gender | None, bool]:
    """Gender and whether the code says infant (``MI``/``FI`` in SSR DOCS)."""
    code = code.strip().upper()
    if not code:
        return None, False
    infant = len(code) == 2 and code[1] == "I"
    g = code[0]
    if g == "M":
        return Gender.MALE, infant
    if g == "F":
        return Gender.FEMALE, infant
    if g in ("U", "X"):
        return Gender.UNKNOWN, infant
    raise ValueError(f"{code!r} is not a gender (M, F, U, X, MI, FI)")


TITLES = ("MRS", "MSTR", "MISS", "MR", "MS", "DR", "PROF", "CHD", "INF")
_GLUED_TITLES = ("MRS", "MSTR", "MISS", "MR", "MS")


@dataclass(frozen=True, slots=True)
class Name:
    given: str | None
    title: str | None


@lru_cache(maxsize=8192)
def split_title(given: str) -> Name:
    """Split a trailing title off a given name: ``JOHN MR``, ``JOHNMR``.

    A title separated by a space is always split. A title glued to the name
    (``JOHNMR``, common in PNRs) is split when the name left has at least two
    letters; the wire format cannot tell ``WILLIAMS`` from ``WILLIA MS``, so
    ``name_as_sent`` keeps the original.
    """
    given = " ".join(given.split()).upper()
    if not given:
        return Name(None, None)
    if given in TITLES:
        return Name(None, given)
    head, _, last = given.rpartition(" ")
    if head and last in TITLES:
        return Name(head, last)
    for title in _GLUED_TITLES:
        if given.endswith(title) and len(given) - len(title) >= 2 and " " not in given[-4:]:
            return Name(given[: -len(title)], title)
    return Name(given, None)


_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


@lru_cache(maxsize=8192)
def seat_number(text: str) -> str | None:
    """Seat numbers as ``15A``; ``XXX`` (not assigned) and empty give None."""
    text = text.strip().upper()
    if not text or text.strip("X") == "" or not text[0].isdigit():
        return None
    return _LEADING_ZEROS.sub("", text)


def int_or_none(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"{text!r} is not a number")
    return int(text)
