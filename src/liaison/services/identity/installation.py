"""Creating or migrating a database and its first administrator."""

from __future__ import annotations

from dataclasses import dataclass

from liaison.domain.codes import AgencyKind, Role
from liaison.services.identity import accounts
from liaison.settings import Settings
from liaison.store import migrate
from liaison.store.db import check_connection, make_engine, session_factory, transaction


@dataclass(frozen=True)
class InitResult:
    revision_before: str | None
    revision_after: str
    admin: accounts.NewCredentials | None


def initialise(
    settings: Settings,
    *,
    admin_username: str = "admin",
    agency_code: str = "HUB",
    agency_name: str = "Liaison hub",
    agency_country: str = "NL",
) -> InitResult:
    """Migrate to the newest schema; on a database without users, create the
    first agency and administrator and return the password, which is shown once."""
    settings.check()
    engine = make_engine(settings.effective_database_url)
    try:
        check_connection(engine)
        before = migrate.current_revision(engine)
        migrate.upgrade(engine)
        credentials = None
        with transaction(session_factory(engine)) as session:
            if accounts.count_users(session) == 0:
                agency = accounts.create_agency(
                    session,
                    code=agency_code,
                    name=agency_name,
                    country=agency_country,
                    kind=AgencyKind.HUB,
                )
                credentials = accounts.create_user(
                    session,
                    agency=agency,
                    username=admin_username,
                    display_name="Administrator",
                    roles={Role.ADMIN},
                )
        return InitResult(before, migrate.head_revision(), credentials)
    finally:
        engine.dispose()
