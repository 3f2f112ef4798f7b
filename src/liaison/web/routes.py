"""Every page router, in the order the app includes them (see `liaison.app`)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from liaison.http.security import csrf_protected
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

PAGES: tuple[APIRouter, ...] = (
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


def protected_pages() -> APIRouter:
    """Every page router under one that refuses a change without the form's CSRF
    token (`http.security.csrf_protected`): no handler checks it by hand, none can forget."""
    protected = APIRouter(dependencies=[Depends(csrf_protected)])
    for router in PAGES:
        protected.include_router(router)
    return protected
