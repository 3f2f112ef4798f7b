"""Every page router, in the order the app includes them (see `liaison.app`)."""

from __future__ import annotations

from fastapi import APIRouter

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

ROUTERS: tuple[APIRouter, ...] = (
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
)
