"""Property-based checks of the whole API against its own OpenAPI schema (schemathesis):
no server error, and every answer matches what the schema promises."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from liaison.app import create_app
from liaison.services.runtime import Runtime
from tests.api.clients import all_roles_token
from tests.api.world import World


@pytest.fixture
def database_url(tmp_path: object) -> str:
    """SQLite only: the schema does not depend on the database, and this test is long."""
    return f"sqlite:///{tmp_path}/schemathesis.db"


@pytest.fixture
def bearer(runtime: Runtime, world: World) -> str:
    """A token for a user who holds every role, so every operation is reachable."""
    return all_roles_token(runtime, "schemathesis")


def test_the_api_keeps_its_promises(runtime: Runtime, bearer: str) -> None:
    """Each operation with generated inputs. Driven through hypothesis directly: the
    schemathesis pytest plugin does not run under this pytest version.

    Every default check runs except "schema-valid data is accepted": our inputs
    carry rules JSON Schema cannot state (ISO country codes, Luhn digits, a
    purpose in words), and refusing those with 422 is the intended answer."""
    api = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(runtime=runtime))
    headers = {"Authorization": f"Bearer {bearer}"}
    operations = [result.ok() for result in api.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case) -> None:  # type: ignore[type-arg]
            case.call_and_validate(headers=headers, excluded_checks=[checks.positive_data_acceptance])

        check()
