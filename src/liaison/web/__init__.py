"""Server-rendered pages of the workbench, one router per part of the work."""

from __future__ import annotations

from fastapi import APIRouter, Depends


def routers() -> list[APIRouter]:
    """Every page router under one that refuses a change without the form's CSRF
    token (`api.security.csrf_protected`): no handler checks it by hand, none can forget."""
    from liaison.api.security import csrf_protected
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

    protected = APIRouter(dependencies=[Depends(csrf_protected)])
    for router in (
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
    ):
        protected.include_router(router)
    return [protected]
