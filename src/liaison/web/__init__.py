"""Server-rendered pages of the workbench, one router per part of the work."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    from liaison.web import (
        audit,
        dashboard,
        details,
        exchange,
        flights,
        hits,
        journeys,
        live,
        operations,
        pages,
        passengers,
        registers,
        rules,
    )

    return [
        pages.router,
        dashboard.router,
        hits.router,
        flights.router,
        passengers.router,
        journeys.router,
        registers.router,
        details.router,
        exchange.router,
        live.router,
        rules.router,
        operations.router,
        audit.router,
    ]
