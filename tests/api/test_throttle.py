"""Sign-in throttling: guessing slows the guesser, never locks the owner out, and
X-Forwarded-For is believed only from the configured proxies."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from ipaddress import ip_network
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from liaison.app import create_app
from liaison.http.security import forwarded_client
from liaison.services.identity import throttle
from liaison.services.runtime import Runtime, open_runtime
from liaison.settings import Settings
from liaison.store.schema import LoginAttempt
from tests.api.clients import csrf_from
from tests.api.world import PASSWORD, World

OWNER, ATTACKER = "198.51.100.7", "203.0.113.9"


def client_at(runtime: Runtime, address: str) -> TestClient:
    return TestClient(create_app(runtime=runtime), follow_redirects=False, client=(address, 40000))


def sign_in(client: TestClient, username: str, password: str, headers: dict[str, str] | None = None) -> Any:
    csrf = csrf_from(client.get("/login").text)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf": csrf}, headers=headers or {}
    )


def move_clock(runtime: Runtime, by: timedelta) -> None:
    """Moves every recorded attempt back in time, as if `by` had passed."""
    with runtime.engine.begin() as connection:
        for at, attempt_id in connection.execute(select(LoginAttempt.at, LoginAttempt.id)).all():
            connection.execute(update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(at=at - by))


def remotes(runtime: Runtime) -> set[str]:
    with runtime.sessions() as session:
        return set(session.scalars(select(LoginAttempt.remote)))


def test_guessing_from_elsewhere_never_locks_the_owner_out(runtime: Runtime, world: World) -> None:
    attacker = client_at(runtime, ATTACKER)
    answers = [sign_in(attacker, "analyst.fr", f"guess {n}").status_code for n in range(8)]
    assert answers == [401] * throttle.FREE_FAILURES_PER_PAIR + [429] * 5
    owner = client_at(runtime, OWNER)
    assert sign_in(owner, "analyst.fr", PASSWORD).status_code == 303
    assert sign_in(attacker, "analyst.fr", PASSWORD).status_code == 429  # no oracle while slowed


def test_each_failure_from_a_pair_waits_longer(runtime: Runtime, world: World) -> None:
    guesser = client_at(runtime, ATTACKER)
    for n in range(throttle.FREE_FAILURES_PER_PAIR):
        assert sign_in(guesser, "analyst.fr", f"guess {n}").status_code == 401
    refused = sign_in(guesser, "analyst.fr", "guess 3")
    assert refused.status_code == 429
    first_wait = int(refused.headers["Retry-After"])
    assert 0 < first_wait <= throttle.FIRST_DELAY.total_seconds()
    move_clock(runtime, throttle.FIRST_DELAY)
    assert sign_in(guesser, "analyst.fr", "guess 4").status_code == 401
    refused = sign_in(guesser, "analyst.fr", PASSWORD)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > first_wait
    move_clock(runtime, throttle.LONGEST_DELAY)
    assert sign_in(guesser, "analyst.fr", PASSWORD).status_code == 303
    # the right password forgets this pair's failures
    assert sign_in(client_at(runtime, ATTACKER), "analyst.fr", "typo").status_code == 401


def test_an_address_failing_for_many_names_is_refused(runtime: Runtime, world: World) -> None:
    sprayer = client_at(runtime, ATTACKER)
    for n in range(throttle.MAX_FAILURES_PER_ADDRESS):
        assert sign_in(sprayer, f"someone.{n}", "Summer2026!").status_code == 401
    assert sign_in(sprayer, "analyst.fr", PASSWORD).status_code == 429
    assert sign_in(client_at(runtime, OWNER), "analyst.fr", PASSWORD).status_code == 303


def test_forwarded_for_from_an_untrusted_peer_is_ignored(runtime: Runtime, world: World) -> None:
    """No proxy is trusted by default, not even 127.0.0.1: a forged header changes nothing."""
    local = client_at(runtime, "127.0.0.1")
    for n in range(throttle.FREE_FAILURES_PER_PAIR):
        forged = {"X-Forwarded-For": f"192.0.2.{n + 1}"}
        assert sign_in(local, "analyst.fr", "guess", forged).status_code == 401
    assert sign_in(local, "analyst.fr", "guess", {"X-Forwarded-For": "192.0.2.99"}).status_code == 429
    assert remotes(runtime) == {"127.0.0.1"}


@pytest.fixture
def behind_proxy(settings: Settings, runtime: Runtime) -> Iterator[Runtime]:
    configured = Settings(**{**settings.model_dump(), "trusted_proxies": "10.0.0.0/8, ::1"})
    opened = open_runtime(configured)
    try:
        yield opened
    finally:
        opened.dispose()


def test_forwarded_for_from_a_trusted_proxy_names_the_client(behind_proxy: Runtime, world: World) -> None:
    proxy = client_at(behind_proxy, "10.1.2.3")
    chain = {"X-Forwarded-For": f"{ATTACKER}, 10.9.9.9"}
    for _ in range(throttle.FREE_FAILURES_PER_PAIR):
        assert sign_in(proxy, "analyst.fr", "guess", chain).status_code == 401
    assert sign_in(proxy, "analyst.fr", PASSWORD, chain).status_code == 429
    owner = {"X-Forwarded-For": OWNER}
    assert sign_in(proxy, "analyst.fr", PASSWORD, owner).status_code == 303
    outsider = client_at(behind_proxy, "192.0.2.5")
    assert sign_in(outsider, "analyst.fr", "guess", {"X-Forwarded-For": OWNER}).status_code == 401
    assert remotes(behind_proxy) == {ATTACKER, OWNER, "192.0.2.5"}


def test_forwarded_client_reads_the_chain_from_the_right() -> None:
    trusted = [ip_network("10.0.0.0/8"), ip_network("2001:db8::/32")]
    assert forwarded_client("10.0.0.1", ["198.51.100.1, 10.0.0.2"], trusted) == "198.51.100.1"
    assert forwarded_client("10.0.0.1", ["192.0.2.1, 198.51.100.1"], trusted) == "198.51.100.1"
    assert forwarded_client("10.0.0.1", ["192.0.2.1", "198.51.100.1"], trusted) == "198.51.100.1"
    assert forwarded_client("2001:db8::1", ["2001:db8::2, 2a00::5"], trusted) == "2a00::5"
    assert forwarded_client("10.0.0.1", ["not an address"], trusted) == "10.0.0.1"
    assert forwarded_client("10.0.0.1", [], trusted) == "10.0.0.1"
    assert forwarded_client("192.0.2.7", ["198.51.100.1"], trusted) == "192.0.2.7"
    assert forwarded_client("127.0.0.1", ["198.51.100.1"], []) == "127.0.0.1"
