"""The final report of an operation as a PDF: the figures the press release
quotes, by day and by airport, and the hits with what was done about them.
No traveller is named: the report goes to every agency that took part."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from liaison.services.operations.operations import Room

_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _table(rows: Sequence[list[Any]]) -> Table:
    table = Table(rows, repeatRows=1)
    table.setStyle(_GRID)
    return table


def _counts(label: str, counts: dict[str, int]) -> list[str]:
    keys = ("hits", "arrest", "refused_boarding", "seizure")
    return [label, *(str(counts.get(key, 0)) for key in keys)]


def report_pdf(room: Room) -> bytes:
    styles = getSampleStyleSheet()
    operation, figures = room.operation, room.figures
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, title=f"Operation report: {operation.name}"
    )
    period = f"{operation.starts_at:%Y-%m-%d %H:%M} to {operation.ends_at:%Y-%m-%d %H:%M} UTC"
    agencies = f"{len(operation.agencies)} agencies: {', '.join(operation.agencies)}"
    headline = ["People checked", "Hits", "Confirmed", "Arrests", "Refused boarding", "Seizures"]
    headline += ["Airports", "Countries", "Airlines"]
    outcomes = figures.outcomes
    values = [figures.people_checked, figures.hits, figures.confirmed, outcomes.get("arrest", 0)]
    values += [outcomes.get("refused_boarding", 0), outcomes.get("seizure", 0), len(figures.airports)]
    values += [len(figures.countries), len(figures.airlines)]
    columns = ["Hits", "Arrests", "Refused boarding", "Seizures"]
    hits = [
        [
            h.agency,
            h.flight,
            h.kind,
            Paragraph(h.rule[:120], styles["BodyText"]),
            h.status,
            ", ".join(h.outcomes) or "-",
        ]
        for h in room.hits
    ]
    story = [
        Paragraph(f"Operation report: {operation.name}", styles["Title"]),
        Paragraph(f"{period} · lead {operation.lead} · {agencies} · {operation.status}", styles["Normal"]),
        Spacer(1, 6 * mm),
        _table([headline, [str(v) for v in values]]),
        Spacer(1, 6 * mm),
        Paragraph("By day", styles["Heading2"]),
        _table([["Day", *columns]] + [_counts(day, c) for day, c in figures.by_day.items()]),
        Spacer(1, 6 * mm),
        Paragraph("By airport", styles["Heading2"]),
        _table([["Airport", *columns]] + [_counts(code, c) for code, c in figures.by_airport.items()]),
        Spacer(1, 6 * mm),
        Paragraph("Hits and outcomes", styles["Heading2"]),
        _table([["Agency", "Flight", "Kind", "Reason", "Status", "Outcomes"], *hits]),
    ]
    document.build(story)
    return out.getvalue()
