"""HTTP clients acting as the people of the test world, and the fixtures that build it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from liaison.app import create_app
from liaison.domain.codes import Role
from liaison.domain.permissions import permissions_of
from liaison.services.identity import accounts
from liaison.services.identity.principals import issue_token
from liaison.services.runtime import Runtime
from liaison.store.schema import User, UserRole
from tests.api.world import PASSWORD, World
from tests.databases import Template


@pytest.fixture
def world(runtime: Runtime, provisioned: Template) -> World:
    """The world of tests/api/world.py, already in the test's database: it was copied
    from a template built once per test process (tests/databases.py)."""
    return provisioned.fresh_world()


@pytest.fixture
def app_client(runtime: Runtime, world: World) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=runtime), follow_redirects=False) as client:
        yield client


class Actor:
    """A signed-in user (cookie session with CSRF) or a bearer token."""

    def __init__(self, client: TestClient, *, username: str | None = None, token: str | None = None) -> None:
        self.client = client
        self.headers: dict[str, str] = {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
            return
        assert username is not None
        csrf = csrf_from(client.get("/login").text)
        answer = client.post("/login", data={"username": username, "password": PASSWORD, "csrf": csrf})
        assert answer.status_code == 303, answer.text
        self.headers["X-CSRF-Token"] = csrf_from(client.get("/").text)

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.client.post(url, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def put(self, url: str, **kwargs: Any) -> Any:
        return self.client.put(url, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)


def csrf_from(page: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match is not None
    return match.group(1)


def fresh_client(runtime: Runtime) -> TestClient:
    return TestClient(create_app(runtime=runtime), follow_redirects=False)


def all_roles_token(runtime: Runtime, name: str) -> str:
    """A bearer token of a FR-NCB user who holds every role, so every operation is reachable.

    The separation of duties forbids such an account, so it is written to the
    table directly, as one created before the rule would have been."""
    with runtime.sessions() as session, session.begin():
        user = User(
            agency=accounts.get_agency(session, "FR-NCB"),
            username="everything.fr",
            display_name="All roles",
            password_hash=accounts.hash_password(PASSWORD),
            roles=[UserRole(role=role) for role in Role],
        )
        session.add(user)
        session.flush()
        # Everything a person may hold: pushing messages and reporting fraud are machines' rights.
        scopes = set(permissions_of(set(Role)))
        return issue_token(session, name=name, scopes=scopes, user=user, days=1, max_days=1).clear
