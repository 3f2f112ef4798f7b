from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from liaison.app import create_app
from liaison.domain.codes import Mode
from liaison.domain.errors import ConfigurationError
from liaison.services.identity.installation import InitResult
from liaison.services.runtime import Runtime
from liaison.settings import Settings
from liaison.store.schema import AuditEvent


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=runtime), follow_redirects=False) as test_client:
        yield test_client


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match is not None, "the form carries a CSRF token"
    return match.group(1)


def _sign_in(client: TestClient, username: str, password: str, next_page: str = "/") -> int:
    token = _csrf(client.get("/login").text)
    response = client.post(
        "/login", data={"username": username, "password": password, "csrf": token, "next": next_page}
    )
    return response.status_code


def test_health_reports_the_database(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_pages_need_a_signed_in_user(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/"


def test_wrong_password_is_refused_and_audited(client: TestClient, runtime: Runtime) -> None:
    assert _sign_in(client, "admin", "not-the-password") == 401
    assert client.get("/").status_code == 303
    with runtime.sessions() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "login_failed" in actions


def test_login_without_the_csrf_token_is_refused(client: TestClient, initialised: InitResult) -> None:
    assert initialised.admin is not None
    client.get("/login")
    response = client.post(
        "/login",
        data={"username": "admin", "password": initialised.admin.password, "csrf": "forged"},
    )
    assert response.status_code == 403
    assert "expired" in response.json()["detail"]


def test_signed_in_user_sees_the_overview(client: TestClient, initialised: InitResult) -> None:
    assert initialised.admin is not None
    assert _sign_in(client, "admin", initialised.admin.password) == 303
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="count-agencies">1<' in page.text
    assert "HUB" in page.text
    assert "No flights on this day." in page.text


def test_login_never_redirects_to_another_site(client: TestClient, initialised: InitResult) -> None:
    assert initialised.admin is not None
    token = _csrf(client.get("/login").text)
    response = client.post(
        "/login",
        data={
            "username": "admin",
            "password": initialised.admin.password,
            "csrf": token,
            "next": "//evil.example/",
        },
    )
    assert response.headers["location"] == "/"


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/healthz", "/login"):
        headers = client.get(path).headers
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in headers["content-security-policy"]


def test_production_app_refuses_to_start_without_a_secret(
    settings: Settings, initialised: InitResult
) -> None:
    production = settings.model_copy(update={"mode": Mode.PRODUCTION, "secret_key": None})
    with pytest.raises(ConfigurationError, match="LIAISON_SECRET_KEY"):
        create_app(production)


def test_app_refuses_a_database_never_initialised(settings: Settings) -> None:
    with pytest.raises(ConfigurationError, match="liaison init"):
        create_app(settings)
