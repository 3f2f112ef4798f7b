"""Administration through real HTTP: who may create agencies, the separation of
duties, and tokens that expire and leave a trace when revoked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from liaison.domain.codes import Role
from liaison.domain.duties import IncompatibleRoles, check_separation_of_duties, clashes
from liaison.services.identity import accounts
from liaison.services.runtime import Runtime
from liaison.store.schema import ApiToken, AuditEvent
from liaison.store.types import utcnow
from tests.api.clients import Actor, fresh_client
from tests.api.world import PASSWORD, World


def hub_admin(runtime: Runtime) -> Actor:
    """The administrator of the hub `liaison init` created, signed in."""
    with runtime.sessions() as session, session.begin():
        accounts.create_user(
            session,
            agency=accounts.get_agency(session, "HUB"),
            username="admin.hub",
            display_name="Hub administrator",
            roles={Role.ADMIN},
            password=PASSWORD,
        )
    return Actor(fresh_client(runtime), username="admin.hub")


AGENCY = {"code": "XX-HUB", "name": "A second hub", "country": "FR", "kind": "hub"}


def test_only_the_hubs_administrators_create_agencies(runtime: Runtime, world: World) -> None:
    national = Actor(fresh_client(runtime), username="admin.fr")
    for kind in ("hub", "police"):
        refused = national.post("/api/v1/agencies", json={**AGENCY, "kind": kind})
        assert refused.status_code == 403, refused.text
        assert "hub" in refused.json()["detail"]
    codes = [a["code"] for a in national.get("/api/v1/agencies").json()["items"]]
    assert "XX-HUB" not in codes
    created = hub_admin(runtime).post("/api/v1/agencies", json=AGENCY)
    assert created.status_code == 201, created.text


@pytest.mark.parametrize(
    ("roles", "named"),
    [
        (["dpo", "admin"], ("dpo", "admin")),
        (["supervisor", "dpo"], ("dpo", "supervisor")),
        (["dpo", "analyst"], ("dpo", "analyst")),
        (["admin", "supervisor"], ("admin", "supervisor")),
    ],
)
def test_roles_that_break_the_separation_of_duties_are_refused(
    runtime: Runtime, world: World, roles: list[str], named: tuple[str, str]
) -> None:
    admin = Actor(fresh_client(runtime), username="admin.fr")
    refused = admin.post(
        "/api/v1/users", json={"username": "both.fr", "display_name": "Both", "roles": roles}
    )
    assert refused.status_code == 422, refused.text
    detail = refused.json()["detail"]
    assert detail.startswith("roles:"), detail
    assert all(role in detail for role in named), detail
    assert "both.fr" not in [u["username"] for u in admin.get("/api/v1/users").json()["items"]]


def test_compatible_roles_are_granted(runtime: Runtime, world: World) -> None:
    admin = Actor(fresh_client(runtime), username="admin.fr")
    created = admin.post(
        "/api/v1/users",
        json={"username": "lead.fr", "display_name": "Lead", "roles": ["supervisor", "analyst"]},
    )
    assert created.status_code == 201, created.text


def test_separation_of_duties_as_a_pure_rule() -> None:
    check_separation_of_duties({Role.SUPERVISOR, Role.ANALYST, Role.LIAISON_OFFICER})
    check_separation_of_duties({Role.DATA_PROTECTION_OFFICER})
    check_separation_of_duties({Role.ADMIN, Role.ANALYST})
    with pytest.raises(IncompatibleRoles, match="dpo cannot be combined with admin"):
        check_separation_of_duties({Role.ADMIN, Role.DATA_PROTECTION_OFFICER})
    everything = clashes(set(Role))
    assert {(a, b) for a, b, _ in everything} >= {
        (Role.DATA_PROTECTION_OFFICER, Role.ADMIN),
        (Role.DATA_PROTECTION_OFFICER, Role.SUPERVISOR),
        (Role.ADMIN, Role.SUPERVISOR),
    }


def test_revoking_a_token_is_audited(runtime: Runtime, world: World) -> None:
    user = Actor(fresh_client(runtime), username="supervisor.fr")
    created = user.post("/api/v1/tokens", json={"name": "script", "scopes": ["queries"], "days": 30})
    token_id = created.json()["token"]["id"]
    assert user.client.delete(f"/api/v1/tokens/{token_id}", headers=user.headers).status_code == 204
    with runtime.sessions() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "token_revoked")).all()
    assert [(e.object_type, e.object_id) for e in events] == [("token", str(token_id))]
    assert events[0].user_id is not None
    assert events[0].agency_id is not None


def test_every_token_expires_within_the_maximum(runtime: Runtime, world: World) -> None:
    user = Actor(fresh_client(runtime), username="supervisor.fr")
    too_long = user.post("/api/v1/tokens", json={"name": "forever", "scopes": ["queries"], "days": 3650})
    assert too_long.status_code == 422, too_long.text
    assert "days" in too_long.text
    unlimited = user.post("/api/v1/tokens", json={"name": "no expiry", "scopes": ["queries"], "days": None})
    assert unlimited.status_code == 201, unlimited.text
    given = user.post("/api/v1/tokens", json={"name": "month", "scopes": ["queries"], "days": 30})
    assert given.status_code == 201, given.text
    admin = Actor(fresh_client(runtime), username="admin.fr")
    machine = admin.post("/api/v1/machine-clients", json={"name": "gateway"})
    assert machine.status_code == 201, machine.text
    too_long = admin.post("/api/v1/machine-clients", json={"name": "forever", "days": 5000})
    assert too_long.status_code == 422, too_long.text
    assert "days" in too_long.text
    with runtime.sessions() as session:
        tokens = session.scalars(select(ApiToken).order_by(ApiToken.id)).all()
    assert tokens
    assert all(t.expires_at is not None for t in tokens)
    now = utcnow()
    by_name = {t.name: t.expires_at - now for t in tokens if t.expires_at is not None}
    assert timedelta(days=89) < by_name["no expiry"] <= timedelta(days=90)
    assert timedelta(days=29) < by_name["month"] <= timedelta(days=30)
    assert timedelta(days=364) < by_name["gateway token"] <= timedelta(days=365)
