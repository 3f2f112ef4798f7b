"""Fixtures for the workbench: the test world with pushed passengers, a live server, a browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from liaison.services.runtime import Runtime
from tests.api.clients import app_client, world
from tests.api.world import World
from tests.web import data
from tests.web.server import chromium_path, serving

__all__ = ["app_client", "world"]


@pytest.fixture
def pushed(runtime: Runtime, world: World) -> dict[str, int]:
    """NL-PIU has a person hit and a document hit from today's KL1234; returns their ids."""
    data.push(runtime, "NL-PIU", data.pnr("0001"))
    found = data.hit_ids(runtime, "NL-PIU")
    assert {"person", "document"} <= set(found), found
    return found


@pytest.fixture
def live_server(runtime: Runtime, world: World) -> Iterator[str]:
    with serving(runtime) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser, tmp_path: Path) -> Iterator[Page]:
    """A fresh browser window of 1280×800 (its own cookies)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    context.set_default_timeout(10_000)
    opened = context.new_page()
    try:
        yield opened
    finally:
        context.close()
