"""The demo world: a deterministic day of cooperation to explore Liaison with."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from liaison.domain.errors import ConfigurationError
from liaison.services.demo.cases import write_cases
from liaison.services.demo.load import load_world
from liaison.services.demo.messages import pushes
from liaison.services.demo.operation import write_operation
from liaison.services.demo.rules import write_rules
from liaison.services.demo.world import DEFAULT_SEED, DemoWorld, generate_world
from liaison.services.identity import accounts
from liaison.services.operations import overview
from liaison.services.pipeline import pipeline
from liaison.services.runtime import Runtime, open_runtime
from liaison.settings import SECRET_FILE_NAME, Settings
from liaison.store import migrate, schema
from liaison.store.db import check_connection, make_engine, session_factory, transaction

__all__ = ["DEFAULT_SEED", "DemoResult", "build_demo"]

TRUTH_FILE = "demo_truth.json"
DATABASE_FILE = "liaison.db"


@dataclass(frozen=True)
class DemoResult:
    database_url: str
    counts: dict[str, int]
    planted: int
    login_username: str
    login_password: str
    truth_file: Path


def demo_settings(data_dir: Path, base: Settings) -> Settings:
    """The demo always runs on its own SQLite file, never on a configured database."""
    return base.model_copy(
        update={"data_dir": data_dir, "database_url": f"sqlite:///{(data_dir / DATABASE_FILE).as_posix()}"}
    )


def build_demo(
    settings: Settings, *, day: date, seed: int = DEFAULT_SEED, replace: bool = False, scale: float = 1.0
) -> DemoResult:
    """Build the demo world into the settings' data directory.

    The directory must be new or empty, unless `replace` is given: then its
    demo database is deleted first (the secret key is kept).
    """
    data_dir = settings.data_dir
    _prepare_directory(data_dir, replace=replace)
    world = generate_world(day, seed, scale=scale)
    password = accounts.generate_password()
    engine = make_engine(settings.effective_database_url)
    try:
        check_connection(engine)
        migrate.upgrade(engine)
        with transaction(session_factory(engine)) as session:
            load_world(session, world, card_key=settings.secret().encode("utf-8"), password=password)
    finally:
        engine.dispose()
    runtime = open_runtime(settings)
    try:
        _push_the_day(runtime, world)
        with runtime.transaction() as session:
            write_cases(session, day)
        with runtime.transaction() as session:
            rule_hits = write_rules(session, day)
        with runtime.transaction() as session:
            write_operation(session, day)
        with runtime.sessions() as session:
            counts = overview.table_counts(session)
            counts["cases"] = session.scalar(select(func.count()).select_from(schema.Case)) or 0
            counts["case_messages"] = (
                session.scalar(select(func.count()).select_from(schema.CaseMessage)) or 0
            )
            counts["risk_rules"] = session.scalar(select(func.count()).select_from(schema.RiskRule)) or 0
            counts["rule_hits"] = rule_hits
            counts["operations"] = session.scalar(select(func.count()).select_from(schema.Operation)) or 0
            counts["field_reports"] = (
                session.scalar(select(func.count()).select_from(schema.FieldReport)) or 0
            )
    finally:
        runtime.dispose()
    truth = data_dir / TRUTH_FILE
    truth.write_text(
        json.dumps([asdict(match) for match in world.planted], indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return DemoResult(
        database_url=settings.effective_database_url,
        counts=counts,
        planted=len(world.planted),
        login_username="analyst.fr",
        login_password=password,
        truth_file=truth,
    )


DEMO_FILES = frozenset(
    {DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm", f"{DATABASE_FILE}-journal", TRUTH_FILE}
)


def _push_the_day(runtime: Runtime, world: DemoWorld) -> None:
    """Every flight's PNRGOV and PAXLST, received and screened as airlines' pushes are."""
    with runtime.sessions() as session:
        agencies = {row[0]: row[1] for row in session.execute(select(schema.Agency.code, schema.Agency.id))}
    for push in pushes(world):
        receipt = pipeline.receive(
            runtime, agency_id=agencies[push.receiving_agency], machine_client_id=None, body=push.body
        )
        pipeline.process_one(runtime, receipt.message_id)


def _prepare_directory(data_dir: Path, *, replace: bool) -> None:
    """Refuse to touch anything but the demo's own files."""
    if data_dir.exists() and not data_dir.is_dir():
        raise ConfigurationError(f"demo data directory {data_dir} is a file")
    data_dir.mkdir(parents=True, exist_ok=True)
    present = {p.name for p in data_dir.iterdir()} - {SECRET_FILE_NAME}
    foreign = sorted(present - DEMO_FILES)
    if foreign:
        raise ConfigurationError(
            f"demo data directory {data_dir} holds files the demo did not make ({', '.join(foreign[:3])}); "
            "choose another --data-dir"
        )
    if present and not replace:
        raise ConfigurationError(
            f"demo data directory {data_dir} already holds a demo; use --replace to rebuild it"
        )
    for name in present:
        (data_dir / name).unlink()
