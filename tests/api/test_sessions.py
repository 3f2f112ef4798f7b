"""Signed-in sessions end on the server: a copied cookie is worth nothing after logout,
a password change or a suspension, nor after the idle limit or the absolute end."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from liaison.services.runtime import Runtime
from liaison.store.schema import AuditEvent, User, UserSession
from liaison.store.types import utcnow
from tests.api.clients import Actor, csrf_from, fresh_client
from tests.api.world import PASSWORD, World

COOKIE = "liaison_session"


def replay(runtime: Runtime, cookie: str) -> TestClient:
    """Another client holding a copy of someone's session cookie."""
    thief = fresh_client(runtime)
    thief.cookies.set(COOKIE, cookie)
    return thief


def signed_in(runtime: Runtime, username: str) -> tuple[Actor, str]:
    actor = Actor(fresh_client(runtime), username=username)
    cookie = actor.client.cookies.get(COOKIE)
    assert cookie
    return actor, cookie


def user_id(runtime: Runtime, username: str) -> int:
    with runtime.sessions() as session:
        found = session.scalar(select(User.id).where(User.username == username))
    assert found is not None
    return found


def test_a_copied_cookie_is_worthless_after_logout(runtime: Runtime, world: World) -> None:
    analyst, cookie = signed_in(runtime, "analyst.fr")
    assert replay(runtime, cookie).get("/api/v1/me").status_code == 200
    out = analyst.client.post("/logout", data={"csrf": analyst.headers["X-CSRF-Token"]})
    assert out.status_code == 303
    assert out.headers["location"] == "/login"
    thief = replay(runtime, cookie)
    assert thief.get("/api/v1/me").status_code == 401
    page = thief.get("/")
    assert page.status_code == 303
    assert page.headers["location"].startswith("/login")
    with runtime.sessions() as session:
        ended = session.scalars(select(UserSession.revoked_reason)).all()
    assert ended == ["logout"]


def test_a_session_ends_at_its_absolute_end_however_busy(runtime: Runtime, world: World) -> None:
    _analyst, cookie = signed_in(runtime, "analyst.fr")
    with runtime.sessions() as session:
        row = session.scalars(select(UserSession)).one()
        assert row.expires_at - row.created_at == timedelta(hours=runtime.settings.session_lifetime_hours)
    for _ in range(3):  # activity does not move the end
        assert replay(runtime, cookie).get("/api/v1/me").status_code == 200
    with runtime.sessions() as session:
        assert session.scalars(select(UserSession.expires_at)).one() == row.expires_at
    with runtime.engine.begin() as connection:  # the clock, moved to the end of the session
        connection.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert replay(runtime, cookie).get("/api/v1/me").status_code == 401
    assert replay(runtime, cookie).get("/").status_code == 303


def test_an_idle_session_ends_and_use_is_written_only_now_and_then(runtime: Runtime, world: World) -> None:
    _analyst, cookie = signed_in(runtime, "analyst.fr")
    with runtime.sessions() as session:
        seen = session.scalars(select(UserSession.last_seen_at)).one()
    assert replay(runtime, cookie).get("/api/v1/me").status_code == 200
    with runtime.sessions() as session:  # a request a moment later writes nothing
        assert session.scalars(select(UserSession.last_seen_at)).one() == seen
    idle = timedelta(minutes=runtime.settings.session_idle_minutes)
    with runtime.engine.begin() as connection:  # used a while ago, not yet idle too long
        connection.execute(update(UserSession).values(last_seen_at=utcnow() - idle + timedelta(minutes=2)))
    assert replay(runtime, cookie).get("/api/v1/me").status_code == 200
    with runtime.sessions() as session:  # and that use was written
        assert utcnow() - session.scalars(select(UserSession.last_seen_at)).one() < timedelta(minutes=1)
    with runtime.engine.begin() as connection:
        connection.execute(update(UserSession).values(last_seen_at=utcnow() - idle - timedelta(seconds=1)))
    assert replay(runtime, cookie).get("/api/v1/me").status_code == 401


def test_changing_the_password_ends_the_other_sessions(runtime: Runtime, world: World) -> None:
    here, here_cookie = signed_in(runtime, "analyst.fr")
    _elsewhere, elsewhere_cookie = signed_in(runtime, "analyst.fr")
    wrong = here.post(
        "/api/v1/me/password", json={"current_password": "guess", "new_password": "a long new passphrase"}
    )
    assert wrong.status_code == 403
    assert "current_password" in wrong.json()["detail"]
    assert replay(runtime, elsewhere_cookie).get("/api/v1/me").status_code == 200
    changed = here.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a long new passphrase"},
    )
    assert changed.status_code == 204, changed.text
    assert replay(runtime, here_cookie).get("/api/v1/me").status_code == 200
    assert replay(runtime, elsewhere_cookie).get("/api/v1/me").status_code == 401
    client = fresh_client(runtime)
    csrf = csrf_from(client.get("/login").text)
    old = client.post("/login", data={"username": "analyst.fr", "password": PASSWORD, "csrf": csrf})
    assert old.status_code == 401
    new = client.post(
        "/login", data={"username": "analyst.fr", "password": "a long new passphrase", "csrf": csrf}
    )
    assert new.status_code == 303
    with runtime.sessions() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "password_changed")).one()
    assert event.detail == {"sessions_ended": 1}


def test_suspension_ends_sessions_and_tokens_for_good(runtime: Runtime, world: World) -> None:
    analyst, cookie = signed_in(runtime, "analyst.fr")
    secret = analyst.post("/api/v1/tokens", json={"name": "script", "scopes": ["queries"]}).json()["secret"]
    script = Actor(fresh_client(runtime), token=secret)
    assert script.get("/api/v1/me").status_code == 200
    target = user_id(runtime, "analyst.fr")
    other_agency = Actor(fresh_client(runtime), username="admin.nl")
    assert other_agency.post(f"/api/v1/users/{target}/suspend").status_code == 404
    admin = Actor(fresh_client(runtime), username="admin.fr")
    itself = admin.post(f"/api/v1/users/{user_id(runtime, 'admin.fr')}/suspend")
    assert itself.status_code == 409
    assert admin.post(f"/api/v1/users/{target}/suspend").status_code == 204
    assert replay(runtime, cookie).get("/api/v1/me").status_code == 401
    assert script.get("/api/v1/me").status_code in {401, 403}
    assert admin.post(f"/api/v1/users/{target}/reactivate").status_code == 204
    # Reactivated: the person signs in again, but what was signed in before stays ended.
    assert replay(runtime, cookie).get("/api/v1/me").status_code == 401
    assert script.get("/api/v1/me").status_code == 401
    assert Actor(fresh_client(runtime), username="analyst.fr").get("/api/v1/me").status_code == 200
    with runtime.sessions() as session:
        reasons = session.scalars(
            select(UserSession.revoked_reason).where(UserSession.user_id == target)
        ).all()
    assert "user_suspended" in reasons
