"""The composition root: builds the app from settings, the one module that sees every side.

It assembles middleware, the error handlers (once, with the web's error page),
the API routers and the pages; `api/` and `web/` never import each other."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

import liaison
import liaison.web
from liaison.api.routers import (
    audit,
    exchange,
    identity,
    journeys,
    messages,
    operations,
    queries,
    registers,
    rules,
)
from liaison.domain.codes import Mode
from liaison.http.edge import EdgeMiddleware
from liaison.http.errors import install_error_handlers
from liaison.http.inputs import refuse_control_characters
from liaison.http.security import SecurityHeadersMiddleware
from liaison.services.exchange import deadlines
from liaison.services.runtime import Runtime, open_runtime
from liaison.settings import Settings, load_settings
from liaison.web.errors import error_page
from liaison.web.routes import protected_pages

STATIC_DIR = Path(liaison.web.__file__).with_name("static")


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> FastAPI:
    """Build the app. Fails at once (ConfigurationError) on unsafe settings or a bad database."""
    if runtime is None:
        runtime = open_runtime(settings or load_settings())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await asyncio.to_thread(runtime.warm)
        stop = asyncio.Event()
        watcher = asyncio.create_task(deadlines.watch_deadlines(runtime, stop))
        yield
        stop.set()
        await watcher
        runtime.dispose()

    app = FastAPI(
        title="Liaison",
        version=liaison.__version__,
        docs_url="/docs",
        openapi_url="/api/v1/openapi.json",
        lifespan=lifespan,
        dependencies=[Depends(refuse_control_characters)],
    )
    app.state.runtime = runtime
    production = runtime.settings.mode is Mode.PRODUCTION
    app.add_middleware(EdgeMiddleware, runtime=runtime)  # innermost: its answers get the headers too
    app.add_middleware(
        SecurityHeadersMiddleware, hsts=production, base_url=runtime.settings.public_base_url()
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=runtime.secret,
        session_cookie="liaison_session",
        # The cookie only carries the session's id: its idle and absolute limits,
        # and its revocation, are the server's (services/identity/sessions.py).
        max_age=runtime.settings.session_lifetime_hours * 3600,
        same_site="strict",
        https_only=production,
    )
    install_error_handlers(app, page=error_page)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Routes are matched in the order they are included, one by one: the machine
    # clients' busiest routes (queries, pushed messages) come first, the pages
    # (people's requests, far fewer) last. No page path overlaps an API path.
    for router in (
        queries.router,
        messages.router,
        identity.router,
        registers.router,
        exchange.router,
        rules.router,
        journeys.router,
        operations.router,
        audit.router,
    ):
        app.include_router(router)
    app.include_router(protected_pages())

    @app.get("/healthz", tags=["operations"])
    def healthz(request: Request) -> JSONResponse:
        """Liveness and database reachability, for load balancers (no personal data)."""
        if not runtime.database_reachable():
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok", "version": liaison.__version__})

    return app
