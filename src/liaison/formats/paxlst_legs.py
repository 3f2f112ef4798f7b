"""PAXLST legs (the ``TDT`` group) and the date forms PAXLST uses.

UN variant: ``LOC+125`` departure / ``LOC+87`` arrival airport, or ``LOC+92`` twice
(a routing leg), ``DTM+189``/``DTM+232`` scheduled departure/arrival. The US
(pre-UN CBP) variant uses the general UN/EDIFACT codes ``LOC+5`` place of
departure / ``LOC+8`` place of destination (also zero-padded, ``005``/``008``)
and ``DTM+136``/``DTM+132``; both are read.

A leg is lost only when it has no flight number; a date that cannot be read is
left empty with a ``paxlst-leg-date-unreadable`` warning and the leg is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Leg
from liaison.formats.catalogue import warning
from liaison.formats.edifact import Segment
from liaison.formats.values import two_digit_year


class GroupError(Exception):
    """A group that cannot be read: ``element`` at fault and, when catalogued, ``code``."""

    def __init__(self, reason: str, element: str, code: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.element = element
        self.code = code
        self.segment: Segment | None = None  # set by the reader that knows which segment it was


def dtm(value: str, fmt: str = "") -> datetime | None:
    """DTM values: 201 ``YYMMDDHHMM``, 203 ``CCYYMMDDHHMM``, 101/102 dates."""
    v = value.strip()
    if not v:
        return None
    if not v.isdigit():
        raise ValueError(f"{v!r} is not a date")
    if len(v) == 10:
        return datetime(2000 + int(v[0:2]), int(v[2:4]), int(v[4:6]), int(v[6:8]), int(v[8:10]))
    if len(v) == 12:
        return datetime(int(v[0:4]), int(v[4:6]), int(v[6:8]), int(v[8:10]), int(v[10:12]))
    if len(v) == 6:
        return datetime(2000 + int(v[0:2]), int(v[2:4]), int(v[4:6]))
    if len(v) == 8:
        return datetime(int(v[0:4]), int(v[4:6]), int(v[6:8]))
    raise ValueError(f"{v!r} is not a date in format {fmt or '201'}")


def partial(value: str, pivot: int, past: bool) -> PartialDate | None:
    """``YYMMDD`` or ``CCYYMMDD``; a two-digit birth year is never after ``pivot``."""
    v = value.strip()
    if not v:
        return None
    if not v.isdigit() or len(v) not in (6, 8):
        raise ValueError(f"{v!r} is not a date YYMMDD or CCYYMMDD")
    if len(v) == 8:
        return PartialDate(int(v[0:4]), int(v[4:6]), int(v[6:8]))
    return PartialDate(two_digit_year(int(v[0:2]), pivot, past), int(v[2:4]), int(v[4:6]))


def split_flight(text: str, carrier: str) -> tuple[str, str]:
    text = text.strip().replace(" ", "")
    if carrier and text.startswith(carrier):
        return carrier, text[len(carrier) :]
    if not carrier and len(text) > 2:
        return text[:2], text[2:]
    return carrier, text


DEPARTURE_PLACES = frozenset({"125", "5"})
ARRIVAL_PLACES = frozenset({"87", "8"})
DEPARTURE_TIMES = frozenset({"189", "136"})
ARRIVAL_TIMES = frozenset({"232", "132"})
LEG_PLACES = DEPARTURE_PLACES | ARRIVAL_PLACES | {"92"}
LEG_TIMES = DEPARTURE_TIMES | ARRIVAL_TIMES


def qualifier(seg: Segment) -> str:
    """Element 1 component 1, without the zero padding some senders add (``005``)."""
    q = seg.get(1, 1).strip().upper()
    return q.lstrip("0") or q


def read_leg(segs: Sequence[Segment], unread: list[str], warnings: list[str], where: str = "") -> Leg:
    """One ``TDT`` group; segments it does not read are added to ``unread``, and a
    warning for each date left empty to ``warnings`` (``where`` names the message)."""
    tdt = segs[0]
    carrier, number = split_flight(tdt.get(2, 1), tdt.get(5, 1).strip())
    if not number:
        raise GroupError("the leg has no flight number", "TDT 02", code="paxlst-leg-without-flight-number")
    origin = destination = ""
    departure = arrival = None
    last_loc = ""
    for seg in segs[1:]:
        if seg.tag == "LOC":
            q, place = qualifier(seg), seg.get(2, 1).strip()
            if q in DEPARTURE_PLACES or (q == "92" and not origin):
                origin, last_loc = place, "dep"
            elif q in ARRIVAL_PLACES or q == "92":
                destination, last_loc = place, "arr"
            else:
                unread.append(f"LOC+{q}")
        elif seg.tag == "DTM":
            q = qualifier(seg)
            if q in DEPARTURE_TIMES or (not q and last_loc == "dep"):
                departure = _leg_time(seg, q, f"{where}leg {carrier}{number} (TDT #{tdt.number})", warnings)
            elif q in ARRIVAL_TIMES or (not q and last_loc == "arr"):
                arrival = _leg_time(seg, q, f"{where}leg {carrier}{number} (TDT #{tdt.number})", warnings)
            else:
                unread.append(f"DTM+{q}")
        else:
            unread.append(seg.tag)
    return Leg(carrier, number, origin, destination, departure, arrival)


def _leg_time(seg: Segment, q: str, leg: str, warnings: list[str]) -> datetime | None:
    """A leg's ``DTM`` 01:2, or None with a warning quoting it (a flight's time is not personal)."""
    value = seg.get(1, 2)
    try:
        return dtm(value, seg.get(1, 3))
    except ValueError:
        text = (
            f"DTM+{q or '(no qualifier)'} {value.strip()!r} is not a date and time "
            "(YYMMDDHHMM, CCYYMMDDHHMM, YYMMDD or CCYYMMDD); left empty"
        )
        warnings.append(
            f"{leg}: segment {seg.tag} #{seg.number} element 01:2: "
            + warning("paxlst-leg-date-unreadable", text)
        )
        return None
