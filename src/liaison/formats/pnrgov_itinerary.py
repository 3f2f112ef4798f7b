"""PNRGOV flight legs: ``TVL`` (and the ``TVL``/``TRA`` that follow it for a codeshare).

A leg is read leniently: an element that cannot be read (a date, a time) or is
missing (an airport, the carrier) is left empty and reported through ``note``
as ``(element, warning text)``, so that one bad element never costs the PNR
or the message the leg belongs to.

Codeshares come in two shapes, both from the PADIS PNRGOV guides: a second
``TVL+++++624:M`` right after the leg (only the flight number element filled),
and ``TRA+SK+1524`` (operating carrier and flight number, the "operational
flight" segment of PNRGOV 13 onwards). Both give the leg's operating carrier
and flight number.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from liaison.domain.passenger import Leg
from liaison.formats.catalogue import warning
from liaison.formats.edifact import Segment
from liaison.formats.values import ddmmyy

# (element such as "01:4", warning text) for each element left empty
Note = Callable[[str, str], None]


def _when(
    date: str, time: str, what: str, date_element: str, time_element: str, note: Note
) -> datetime | None:
    """``DDMMYY`` and ``HHMM``: None (with a note naming the element at fault) when unreadable."""
    try:
        return ddmmyy(date, time)
    except ValueError:
        pass
    try:
        ddmmyy(date, "")
    except ValueError:
        note(
            date_element,
            warning("element-unreadable", f"{what} date {date.strip()} is not DDMMYY; left empty"),
        )
    else:
        note(
            time_element, warning("element-unreadable", f"{what} time {time.strip()} is not HHMM; left empty")
        )
    return None


def read_leg(seg: Segment, note: Note) -> Leg:
    """A TVL segment as a leg: ``dep date:dep time:arr date:arr time``, places,
    ``marketing:operating`` carrier, ``flight:class``. An arrival with only a time
    is on the departure day, or the next day when it would be before departure."""
    d1, t1, d2, t2 = (seg.get(1, i) for i in range(1, 5))
    arrival_time = "01:4"
    if len(d2.strip()) == 4 and not t2.strip():
        d2, t2, arrival_time = "", d2, "01:3"  # PNRGOV 13 as some airlines send it: date:time:arrival time
    departure = _when(d1, t1, "departure", "01:1", "01:2", note)
    arrival = _when(d2, t2, "arrival", "01:3", "01:4", note) if d2.strip() else None
    if not d2.strip() and t2.strip():
        if departure is None:
            note(
                arrival_time,
                warning(
                    "element-unreadable",
                    f"arrival time {t2.strip()} has no readable departure date to go with; left empty",
                ),
            )
        else:
            same_day = _when(d1, t2, "arrival", arrival_time, arrival_time, note)
            if same_day is not None and same_day < departure:
                same_day += timedelta(days=1)
            arrival = same_day
    origin = seg.get(2, 1).strip()
    destination = seg.get(3, 1).strip()
    carrier = seg.get(4, 1).strip()
    if not origin:
        note("02:1", warning("leg-incomplete", "the leg has no departure airport; left empty"))
    if not destination:
        note("03:1", warning("leg-incomplete", "the leg has no arrival airport; left empty"))
    if not carrier:
        note("04:1", warning("leg-incomplete", "the leg has no carrier; left empty"))
    return Leg(
        carrier=carrier,
        flight_number=seg.get(5, 1).strip(),
        origin=origin,
        destination=destination,
        departure=departure,
        arrival=arrival,
        operating_carrier=seg.get(4, 2).strip() or None,
        booking_class=seg.get(5, 2).strip() or None,
    )


def is_operating_flight_tvl(seg: Segment) -> bool:
    """``TVL+++++624:M``: no dates, places or carrier, only the operating flight number."""
    return all(not "".join(seg.elements[i]).strip() for i in range(1, min(5, len(seg.elements))))


def operated_by(seg: Segment) -> tuple[str | None, str | None]:
    """Operating carrier and flight number from ``TRA+carrier+flight`` or ``TVL+++++flight``."""
    if seg.tag == "TRA":
        return seg.get(1, 1).strip() or None, seg.get(2, 1).strip() or None
    return None, seg.get(5, 1).strip() or None
