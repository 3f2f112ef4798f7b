"""The HTTP edge: what every request meets before a route runs (host, HTTPS, body
size, credentials, characters no field may hold, a database that is down)."""

from __future__ import annotations

import dataclasses
import re
import secrets

import pytest
from fastapi.testclient import TestClient

from liaison.api.app import create_app
from liaison.domain.codes import Mode
from liaison.domain.errors import ConfigurationError
from liaison.services.runtime import Runtime
from tests.api.clients import csrf_from

FORGED_HOST = "attacker.example"


def _with_settings(runtime: Runtime, **changes: object) -> Runtime:
    return dataclasses.replace(runtime, settings=runtime.settings.model_copy(update=changes))


def test_pages_never_repeat_a_forged_host_header(runtime: Runtime) -> None:
    with TestClient(create_app(runtime=runtime), follow_redirects=False) as client:
        page = client.get("/login", headers={"Host": FORGED_HOST})
        assert page.status_code == 200
        assert FORGED_HOST not in page.text
        assert re.search(r'href="/static/liaison\.css"', page.text), "links are paths on this site"


def test_a_configured_base_url_is_the_only_origin_links_use(runtime: Runtime) -> None:
    pinned = _with_settings(runtime, base_url="https://liaison.example.org")
    with TestClient(create_app(runtime=pinned), follow_redirects=False) as client:
        redirect = client.get("/hits", headers={"Host": FORGED_HOST})
        assert redirect.status_code == 303
        assert FORGED_HOST not in redirect.headers["location"]
        page = client.get("/login", headers={"Host": FORGED_HOST})
        assert FORGED_HOST not in page.text
        assert csrf_from(page.text)


def test_production_sends_hsts_and_development_does_not(runtime: Runtime) -> None:
    production = _with_settings(
        runtime,
        mode=Mode.PRODUCTION,
        secret_key=secrets.token_urlsafe(48),
        base_url="https://liaison.example.org",
    )
    with TestClient(create_app(runtime=production), base_url="https://liaison.example.org") as client:
        hsts = client.get("/healthz").headers.get("strict-transport-security", "")
        assert hsts.startswith("max-age=")
        assert int(hsts.split("=")[1].split(";")[0]) >= 31536000
    with TestClient(create_app(runtime=runtime)) as client:
        assert "strict-transport-security" not in client.get("/healthz").headers


@pytest.mark.parametrize("base_url", [None, "http://liaison.example.org"])
def test_production_refuses_to_serve_without_an_https_base_url(
    runtime: Runtime, base_url: str | None
) -> None:
    production = _with_settings(
        runtime, mode=Mode.PRODUCTION, secret_key=secrets.token_urlsafe(48), base_url=base_url
    )
    with pytest.raises(ConfigurationError, match="LIAISON_BASE_URL"):
        create_app(runtime=production)
