"""Pictures of journeys as self-contained SVG: a map of the person's flights,
a timeline, and the co-traveller network.

No tile server, no script, no network access: a page embeds the SVG as it
is, and an analyst can save it into a report. The map is an equirectangular
projection of the airports' coordinates (airportsdata) over a graticule;
every element has a title, so a screen reader and a tooltip say what it is.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from liaison.criteria.places import airport_label, airport_position
from liaison.journeys.network import Tie
from liaison.journeys.trips import Trip, in_schengen

LEGEND = "◯ thick ring: airport in the Schengen area"
# One colour per trip, for its label on the timeline and its lines on the map: each has 4.5:1 or
# more on both backgrounds (#fff, #f4f7fb), as tests/web/test_accessibility.py checks.
COLOURS = ("#1f5fa8", "#b3261e", "#2e7d32", "#8e24aa", "#b34a00", "#007580", "#5d4037")


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label, {chr(34): "&quot;"})}" '
        'font-family="system-ui, sans-serif" font-size="12">' + "".join(body) + "</svg>"
    )


def journey_map(trips: list[Trip], width: int = 960, height: int = 520) -> str:
    """The person's flights on a map, one colour per trip, Schengen airports ringed."""
    airports = {a for trip in trips for leg in trip.legs for a in (leg.origin, leg.destination)}
    placed = {a: p for a in airports if (p := airport_position(a)) is not None}
    if not placed:
        return _svg(width, height, "no flights to show", ['<text x="20" y="30">No flights</text>'])
    lats = [p[0] for p in placed.values()]
    lons = [p[1] for p in placed.values()]
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * height / width, 10.0) * 1.4
    centre_lat, centre_lon = (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2
    lat_span, lon_span = span, span * width / height

    def xy(position: tuple[float, float]) -> tuple[float, float]:
        lat, lon = position
        return (
            width / 2 + (lon - centre_lon) / lon_span * width,
            height / 2 - (lat - centre_lat) / lat_span * height,
        )

    body = [f'<rect width="{width}" height="{height}" fill="#f4f7fb"/>']
    step = 10 if span > 30 else 5
    for lat in range(-90, 91, step):
        y = xy((lat, centre_lon))[1]
        if 0 <= y <= height:
            body.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#d5dde8"/>')
            body.append(f'<text x="4" y="{y - 3:.1f}" fill="#5b6b7f" font-size="10">{lat}°</text>')
    for lon in range(-180, 181, step):
        x = xy((centre_lat, lon))[0]
        if 0 <= x <= width:
            body.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#d5dde8"/>')
            body.append(f'<text x="{x + 3:.1f}" y="{height - 4}" fill="#5b6b7f" font-size="10">{lon}°</text>')
    for number, trip in enumerate(trips):
        colour = COLOURS[number % len(COLOURS)]
        for leg in trip.legs:
            if leg.origin not in placed or leg.destination not in placed:
                continue
            (x1, y1), (x2, y2) = xy(placed[leg.origin]), xy(placed[leg.destination])
            # A gentle curve, so that a return flight does not hide the outbound one.
            mx, my = (x1 + x2) / 2 - (y2 - y1) * 0.15, (y1 + y2) / 2 + (x2 - x1) * 0.15
            body.append(
                f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}" fill="none" '
                f'stroke="{colour}" stroke-width="2.5" marker-end="url(#arrow)">'
                f"<title>{escape(leg.label)} (trip {number + 1})</title></path>"
            )
    body.insert(
        1,
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
    )
    for code, position in sorted(placed.items()):
        x, y = xy(position)
        ring = (
            ' stroke="#0b3d91" stroke-width="3"' if in_schengen(code) else ' stroke="#333" stroke-width="1"'
        )
        title = escape(airport_label(code)) + (" (Schengen area)" if in_schengen(code) else "")
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#fff"{ring}>'
            f"<title>{title}</title></circle>"
            f'<text x="{x + 7:.1f}" y="{y - 7:.1f}" font-weight="600">{escape(code)}</text>'
        )
    body.append(f'<text x="{width - 10}" y="20" fill="#0b3d91" text-anchor="end">{LEGEND}</text>')
    return _svg(
        width, height, f"map of {sum(len(t.legs) for t in trips)} flights in {len(trips)} trips", body
    )


def timeline(trips: list[Trip], width: int = 960) -> str:
    """Flights as bars along time, one row per trip."""
    legs = [leg for trip in trips for leg in trip.legs]
    row_height, top, left = 34, 30, 70
    height = top + row_height * max(len(trips), 1) + 30
    if not legs:
        return _svg(width, height, "no flights to show", ['<text x="20" y="30">No flights</text>'])
    start = min(leg.departure for leg in legs)
    end = max(leg.ends for leg in legs)
    seconds = max((end - start).total_seconds(), 3600.0)

    def x(moment: datetime) -> float:
        return left + (moment - start).total_seconds() / seconds * (width - left - 90)

    body = [f'<rect width="{width}" height="{height}" fill="#fff"/>']
    days = int(seconds // 86400) + 1
    every = max(1, days // 10)
    for day in range(0, days + 1, every):
        moment = start.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=day)
        if moment < start:
            continue
        px = x(moment)
        body.append(
            f'<line x1="{px:.1f}" y1="{top - 10}" x2="{px:.1f}" y2="{height - 20}" stroke="#e3e8ef"/>'
        )
        body.append(
            f'<text x="{px + 2:.1f}" y="{height - 6}" font-size="10" fill="#5b6b7f">{moment:%d %b}</text>'
        )
    for number, trip in enumerate(trips):
        y = top + number * row_height
        colour = COLOURS[number % len(COLOURS)]
        body.append(f'<text x="4" y="{y + 16}" fill="{colour}" font-weight="600">trip {number + 1}</text>')
        free_from = 0.0  # a label is written only where it does not run into the one before
        for leg in trip.legs:
            x1, x2 = x(leg.departure), x(leg.ends)
            route = f"{escape(leg.origin)}→{escape(leg.destination)}"
            bar = max(x2 - x1, 3)
            body.append(
                f'<rect x="{x1:.1f}" y="{y}" width="{bar:.1f}" height="20" rx="3" fill="{colour}">'
                f"<title>{escape(leg.label)}</title></rect>"
            )
            if x1 >= free_from:
                body.append(f'<text x="{x1:.1f}" y="{y + 32}" font-size="10">{route}</text>')
                free_from = x1 + 62
    return _svg(width, height, f"timeline of {len(legs)} flights", body)


def network_picture(ties: list[Tie], labels: dict[int, str], centre: int, size: int = 640) -> str:
    """The co-traveller network: the person in the middle, ties as lines as
    thick as they are strong."""
    others = sorted({p for t in ties for p in (t.a, t.b)} - {centre})
    middle = size / 2
    radius = size / 2 - 90
    where = {centre: (middle, middle)}
    for i, person in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1) - math.pi / 2
        where[person] = (middle + radius * math.cos(angle), middle + radius * math.sin(angle))
    body = [f'<rect width="{size}" height="{size}" fill="#fff"/>']
    for t in ties:
        (x1, y1), (x2, y2) = where[t.a], where[t.b]
        body.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#1f5fa8" '
            f'stroke-width="{min(1 + t.strength, 10):.1f}" stroke-opacity="0.7">'
            f"<title>strength {t.strength:g}: {len(t.bookings)} shared bookings, "
            f"{len(t.adjacent_on)} flights side by side, shared contacts: {t.contacts}</title></line>"
        )
    for person, (x, y) in where.items():
        fill = "#b3261e" if person == centre else "#fff"
        name = labels.get(person, f"person {person}")
        radius_px = 12 if person == centre else 8
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius_px}" fill="{fill}" stroke="#333">'
            f"<title>{escape(name)}</title></circle>"
            f'<text x="{x:.1f}" y="{y + 26:.1f}" text-anchor="middle">{escape(name)}</text>'
        )
    return _svg(size, size, f"co-traveller network of {len(others)} persons", body)


def airports_map(points: list[tuple[str, int]], width: int = 720, height: int = 400) -> str:
    """Airports as circles sized by their count (an operation's active airports)."""
    placed = [(code, count, p) for code, count in points if (p := airport_position(code)) is not None]
    if not placed:
        return _svg(
            width, height, "no airports to show", ['<text x="20" y="30">No active airport yet</text>']
        )
    lats = [p[0] for _, _, p in placed]
    lons = [p[1] for _, _, p in placed]
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * height / width, 8.0) * 1.4
    centre_lat, centre_lon = (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2
    body = [f'<rect width="{width}" height="{height}" fill="#f4f7fb"/>']
    for code, count, (lat, lon) in sorted(placed, key=lambda item: -item[1]):
        x = width / 2 + (lon - centre_lon) / (span * width / height) * width
        y = height / 2 - (lat - centre_lat) / span * height
        radius = 5 + min(count, 40) ** 0.5 * 3
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="#b3261e" opacity=".6" stroke="#333">'
            f"<title>{escape(airport_label(code))}: {count}</title></circle>"
            f'<text x="{x + radius + 2:.1f}" y="{y + 4:.1f}" font-weight="600">{escape(code)} {count}</text>'
        )
    return _svg(width, height, f"map of {len(placed)} active airports", body)
