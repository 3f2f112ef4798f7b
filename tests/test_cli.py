"""The command line, run as people run it: in a subprocess, over real HTTP."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import text

import liaison
from liaison.services.demo import DemoResult
from liaison.services.identity.installation import InitResult
from liaison.settings import Settings
from liaison.store.db import make_engine
from tests.conftest import DEMO_DAY, DEMO_SCALE
from tests.databases import Level, Templates, make_settings

LIAISON = [sys.executable, "-m", "liaison.cli"]


def run(
    args: list[str], env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")}
    environment.update(env or {})
    return subprocess.run(
        LIAISON + args, capture_output=True, text=True, env=environment, timeout=timeout, check=False
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_version() -> None:
    result = run(["--version"])
    assert result.returncode == 0
    assert result.stdout.strip() == f"liaison {liaison.__version__}"


def test_init_creates_the_admin_once(database_url: str, tmp_path: Path) -> None:
    env = {"LIAISON_DATABASE_URL": database_url, "LIAISON_DATA_DIR": str(tmp_path)}
    first = run(["init"], env)
    assert first.returncode == 0, first.stderr
    assert "migrated from empty" in first.stdout
    assert re.search(r"password:\s+\S{16,}", first.stdout)
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT password_hash FROM users")).scalar_one()
    finally:
        engine.dispose()
    # Argon2id at its library's defaults (RFC 9106's second choice): the test processes
    # hash more cheaply (tests/conftest.py), the app never does.
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$"), stored
    second = run(["init"], env)
    assert second.returncode == 0, second.stderr
    assert "up to date" in second.stdout
    assert "password" not in second.stdout


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"LIAISON_DATABASE_URL": "mysql://root@127.0.0.1/test"}, "only sqlite:// and postgresql://"),
        ({"LIAISON_DATABASE_URL": "not a url"}, "LIAISON_DATABASE_URL"),
        ({"LIAISON_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}, "cannot reach database"),
        ({"LIAISON_MODE": "production"}, "LIAISON_SECRET_KEY must be set"),
        ({"LIAISON_MODE": "production", "LIAISON_SECRET_KEY": "changeme"}, "default or too short"),
        ({"LIAISON_MODE": "chaos"}, "LIAISON_MODE"),
    ],
)
def test_bad_settings_give_one_line(env: dict[str, str], fragment: str, tmp_path: Path) -> None:
    assert_one_line_error(run(["init"], {"LIAISON_DATA_DIR": str(tmp_path), **env}), fragment)


def test_bad_arguments_give_usage_and_no_traceback() -> None:
    result = run(["serve", "--port", "seventy"])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--port" in result.stderr


def test_serve_needs_an_initialised_database(tmp_path: Path) -> None:
    result = run(["serve", "--port", str(free_port())], {"LIAISON_DATA_DIR": str(tmp_path)})
    assert_one_line_error(result, "liaison init")


def test_serve_refuses_an_occupied_port(initialised_dir: Path) -> None:
    env = {"LIAISON_DATA_DIR": str(initialised_dir)}
    with socket.socket() as occupant:
        occupant.bind(("127.0.0.1", 0))
        occupant.listen()
        port = occupant.getsockname()[1]
        assert_one_line_error(run(["serve", "--port", str(port)], env), "already in use", str(port))


def test_serve_restarts_on_a_port_left_in_time_wait(tmp_path: Path) -> None:
    """After a crash the port's closed connections linger in TIME_WAIT for a minute; the
    server binds with SO_REUSEADDR, so the pre-flight check must not call the port in use."""
    with socket.socket() as listener:  # a server as uvicorn runs it
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)) as client:
            accepted, _ = listener.accept()
            accepted.close()  # the server side closes first: its end stays in TIME_WAIT
            client.recv(1)
    with socket.socket() as plain, pytest.raises(OSError):  # the state the check used to refuse
        plain.bind(("127.0.0.1", port))
    result = run(["serve", "--port", str(port)], {"LIAISON_DATA_DIR": str(tmp_path)})
    assert_one_line_error(result, "liaison init")  # past the port check, stopped at the database


def test_newer_database_is_refused(initialised_dir: Path) -> None:
    env = {"LIAISON_DATA_DIR": str(initialised_dir)}
    import sqlite3

    with sqlite3.connect(initialised_dir / "liaison.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999future'")
    assert_one_line_error(run(["init"], env), "newer version")


@pytest.fixture
def initialised_dir(tmp_path: Path, templates: Templates) -> Path:
    """A data directory as `liaison init` leaves it (tested above on both backends): a copy
    of this process's initialised SQLite template, not a subprocess migrating from empty."""
    settings = make_settings(tmp_path, f"sqlite:///{(tmp_path / 'liaison.db').as_posix()}")
    templates.install(templates.get("sqlite", Level.INITIALISED), settings)
    return tmp_path


@pytest.fixture
def served(settings: Settings, initialised: InitResult) -> Iterator[tuple[str, str]]:
    """`liaison serve` in a subprocess on a free port, over a database as `liaison init`
    leaves it (copied from a template); yields (base URL, admin password)."""
    env = {
        "LIAISON_DATABASE_URL": settings.effective_database_url,
        "LIAISON_DATA_DIR": str(settings.data_dir),
    }
    assert initialised.admin is not None
    password = initialised.admin.password
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")} | env
    server = subprocess.Popen(
        [*LIAISON, "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx2.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx2.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("liaison serve did not answer within 30 s")
        yield base, password
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_answers_over_real_http(served: tuple[str, str]) -> None:
    base, password = served
    with httpx2.Client(base_url=base, follow_redirects=False) as client:
        assert client.get("/").status_code == 303
        form = client.get("/login").text
        token = re.search(r'name="csrf" value="([^"]+)"', form)
        assert token is not None
        answer = client.post(
            "/login", data={"username": "admin", "password": password, "csrf": token.group(1)}
        )
        assert answer.status_code == 303
        page = client.get("/")
        assert page.status_code == 200
        assert "Overview" in page.text


def test_serve_believes_no_forwarded_header_it_was_not_told_to(
    served: tuple[str, str], database_url: str
) -> None:
    """uvicorn alone would take X-Forwarded-For from 127.0.0.1 as the client's address,
    letting anyone on the machine (or behind a careless proxy) pick a new one per guess."""
    base, _password = served
    with httpx2.Client(base_url=base, follow_redirects=False) as client:
        for forged in ("192.0.2.1", "192.0.2.2"):
            token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
            assert token is not None
            answer = client.post(
                "/login",
                data={"username": "admin", "password": "a guess", "csrf": token.group(1)},
                headers={"X-Forwarded-For": forged},
            )
            assert answer.status_code == 401
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            remotes = set(connection.execute(text("SELECT remote FROM login_attempts")).scalars())
    finally:
        engine.dispose()
    assert remotes == {"127.0.0.1"}


def _counts(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"^\s{2}\w+\s+\d+$", line)]


def test_demo_is_deterministic(tmp_path: Path, demo_built: tuple[Settings, DemoResult]) -> None:
    """Two builds from the same seed and day hold the same world: the command's and
    the services' (`demo_built`), so the demo is built once here, not twice."""
    args = ["demo", "--no-serve", "--day", DEMO_DAY.isoformat(), "--scale", str(DEMO_SCALE)]
    first = run([*args, "--data-dir", str(tmp_path / "one")])
    assert first.returncode == 0, first.stderr
    assert len(_counts(first.stdout)) >= 10
    built = {name: int(count) for name, count in (line.split() for line in _counts(first.stdout))}
    assert built == demo_built[1].counts
    again = run([*args, "--data-dir", str(tmp_path / "one")])
    assert_one_line_error(again, "--replace")


def test_registers_import_is_all_or_nothing(tmp_path: Path, initialised_dir: Path) -> None:
    env = {"LIAISON_DATA_DIR": str(initialised_dir)}
    good = tmp_path / "list.csv"
    good.write_text("full_name,date_of_birth,nationality\nJANAN AGHA,1958,af\nABDULHAI SALEK,1965,af\n")
    loaded = run(["registers", "import", str(good), "--owner", "HUB", "--register", "UN"], env)
    assert loaded.returncode == 0, loaded.stderr
    assert "read 2, added 2" in loaded.stdout
    again = run(["registers", "import", str(good), "--owner", "HUB", "--register", "UN"], env)
    assert "unchanged 2" in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("full_name,date_of_birth\nJANAN AGHA,31/31/1958\n")
    assert_one_line_error(
        run(["registers", "import", str(bad), "--owner", "HUB"], env), "nothing was changed"
    )
    assert_one_line_error(run(["registers", "import", str(good), "--owner", "XX-NONE"], env), "no agency")


def test_registers_import_summarises_what_it_left_out_and_writes_every_warning(
    tmp_path: Path, initialised_dir: Path
) -> None:
    env = {"LIAISON_DATA_DIR": str(initialised_dir)}
    rows = "".join(f"Person {n},1970,Atlantis\n" for n in range(25))
    register = tmp_path / "list.csv"
    register.write_text(
        "full_name,date_of_birth,nationality\nJANAN AGHA,1958,Afghan\nLINA HADDAD,1980,Viet Nam\n" + rows
    )
    warnings = tmp_path / "warnings.txt"
    loaded = run(["registers", "import", str(register), "--owner", "HUB", "--warnings", str(warnings)], env)
    assert loaded.returncode == 0, loaded.stderr
    assert (
        "read 27, added 27, updated 0, unchanged 0, rejected 0; values left out: nationality: 25"
        in loaded.stdout
    )
    written = warnings.read_text(encoding="utf-8").splitlines()
    assert len(written) == 25
    assert all("nationality 'Atlantis' left out" in line for line in written)
    shown = [line for line in loaded.stderr.splitlines() if line.startswith("warning: ")]
    assert len(shown) == 21
    assert f"and 5 more (all in {warnings})" in shown[-1]


def test_ingest_screens_and_lists_hits(tmp_path: Path, initialised_dir: Path) -> None:
    env = {"LIAISON_DATA_DIR": str(initialised_dir)}
    register = tmp_path / "wanted.csv"
    register.write_text(
        "full_name,date_of_birth,nationality\nJohn Smithjr,1964-07-12,gb\nJANAN AGHA,1958,af\n"
    )
    assert run(["registers", "import", str(register), "--owner", "HUB"], env).returncode == 0
    message = Path(__file__).parent / "fixtures" / "formats" / "2_pnrs_basic.edi"
    first = run(["ingest", str(message)], env)
    assert first.returncode == 0, first.stderr
    assert "messages accepted 1, duplicates 0, rejected 0" in first.stdout
    assert "hits 0" not in first.stdout
    again = run(["ingest", str(message)], env)
    assert "messages accepted 0, duplicates 1" in again.stdout
    assert again.returncode == 0, "a resend is no failure"
    assert "read with warnings 1" in first.stdout, "its UNT count differs"
    assert "warning: UNT says 135 segments" in first.stderr
    listed = run(["hits", "list", "--format", "json"], env)
    assert listed.returncode == 0, listed.stderr
    found = json.loads(listed.stdout)
    assert any(hit["traveller"]["surname"].startswith("SMITH") for hit in found)
    assert all(hit["explanation"]["rule"] for hit in found)
    assert run(["hits", "list"], env).stdout.startswith("hit,status,score")


def test_ingest_never_ends_well_with_travellers_lost(tmp_path: Path, initialised_dir: Path) -> None:
    """A file with a traveller that cannot be read (no surname): the rest is kept, the output says how many
    travellers were kept and how many units lost, and the exit status is 1."""
    env = {"LIAISON_DATA_DIR": str(initialised_dir)}
    message = tmp_path / "lost.edi"
    message.write_bytes(
        b"UNB+IATA:1+KL+YY+240101:1200+LOST'UNH+M1+PNRGOV:11:1:IA'SRC'RCI+KL:OK0001'TIF+GOED+ANNA:A:1'"
        b"SRC'RCI+KL:KO0001'TIF++PIET:A:1'TVL+010124:1200+CDG+JFK+KL+1'UNT+9+M1'UNZ+1+LOST'"
    )
    result = run(["ingest", str(message)], env)
    assert result.returncode == 1, result.stdout
    assert "messages accepted 1, duplicates 0, rejected 0, travellers 1" in result.stdout
    assert "partly read 1, lost 1" in result.stdout
    assert "KO0001" in result.stderr
    assert "partly read: 1 travellers kept, 1 lost" in result.stderr


def test_the_demo_holds_live_cases_and_flags_its_overdue_request_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    built = run(["demo", "--no-serve", "--scale", "0.1", "--data-dir", str(data_dir)])
    assert built.returncode == 0, built.stderr
    counts = dict(line.split() for line in _counts(built.stdout))
    assert counts["cases"] == "3"
    assert int(counts["case_messages"]) >= 4
    env = {"LIAISON_DATA_DIR": str(data_dir)}
    first = run(["exchange", "flag-overdue"], env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "overdue requests flagged: 1"
    assert run(["exchange", "flag-overdue"], env).stdout.strip() == "overdue requests flagged: 0"
