"""Hit / no-hit throughput and latency over real HTTP.

Builds a 100,000-record stolen-documents register (shared with a second agency),
then measures the same document query two ways in one run:

- baseline: the service called in-process, one transaction per query, no HTTP;
- served: `liaison serve` (uvicorn, one process) driven by wrk on this machine.

Each query is audited and logged like a real one (query row, hits, owner
notification), so the figures include those writes.

Run: .venv/bin/python bench/api.py [--records 100000] [--seconds 15] [--connections 16]
Needs wrk (Debian package `wrk`).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx2
from sqlalchemy import create_engine, insert, make_url, text

from liaison.domain.codes import (
    AgencyKind,
    DocumentStatus,
    HandlingCode,
    InformationAccuracy,
    RegisterKind,
    SourceReliability,
)
from liaison.domain.documents import document_number_key
from liaison.domain.permissions import Permission
from liaison.services.identity import accounts
from liaison.services.identity.installation import initialise
from liaison.services.identity.principals import create_machine_client, principal_for_token
from liaison.services.registers import queries
from liaison.services.runtime import open_runtime
from liaison.settings import Settings
from liaison.store import schema

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe

WRK_SCRIPT = """
math.randomseed(7)
local numbers = {%s}
request = function()
  local number = numbers[math.random(#numbers)]
  local body = '{"purpose": "Benchmark of the border check", "items": [{"number": "' .. number .. '"}]}'
  return wrk.format("POST", "/api/v1/queries/documents", nil, body)
end
"""


def fresh_postgres(url: str) -> str:
    """A new empty database `liaison_bench` on the server of `url`."""
    server = make_url(url).set(database="postgres")
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS liaison_bench"))
        connection.execute(text("CREATE DATABASE liaison_bench"))
    engine.dispose()
    return make_url(url).set(database="liaison_bench").render_as_string(hide_password=False)


def build(data_dir: Path, records: int, database_url: str | None) -> tuple[Settings, str, list[str]]:
    settings = Settings(data_dir=data_dir, database_url=database_url)
    initialise(settings)
    runtime = open_runtime(settings)
    rng = random.Random(11)
    numbers = ["".join(rng.choices(string.ascii_uppercase, k=2)) + f"{i:07d}" for i in range(records)]
    with runtime.sessions() as session, session.begin():
        owner = accounts.create_agency(
            session, code="FR-NCB", name="NCB", country="FR", kind=AgencyKind.NATIONAL_CENTRAL_BUREAU
        )
        asker = accounts.create_agency(
            session, code="NL-PIU", name="PIU", country="NL", kind=AgencyKind.PASSENGER_INFORMATION_UNIT
        )
        register = schema.Register(owner_agency_id=owner.id, kind=RegisterKind.DOCUMENTS, name="SLTD")
        session.add(register)
        session.flush()
        ids = list(
            session.scalars(
                insert(schema.Record).returning(schema.Record.id, sort_by_parameter_order=True),
                [
                    {
                        "register_id": register.id,
                        "kind": RegisterKind.DOCUMENTS,
                        "reference": f"D{i}",
                        "handling_code": HandlingCode.H0,
                        "source_reliability": SourceReliability.B,
                        "information_accuracy": InformationAccuracy.KNOWN_TO_SOURCE,
                        "valid_from": date(2020, 1, 1),
                    }
                    for i in range(records)
                ],
            )
        )
        session.execute(
            insert(schema.RecordShare), [{"record_id": rid, "agency_id": asker.id} for rid in ids]
        )
        session.execute(
            insert(schema.DocumentRecord),
            [
                {
                    "record_id": rid,
                    "number": number,
                    "number_key": document_number_key(number),
                    "document_type": "P",
                    "issuing_country": "FR",
                    "document_status": DocumentStatus.STOLEN,
                }
                for rid, number in zip(ids, numbers, strict=True)
            ],
        )
        _client, issued = create_machine_client(
            session, agency=asker, name="bench", scopes={Permission.QUERY}
        )
        token = issued.clear
    runtime.dispose()
    # Half the queries hit, half ask for numbers no register holds.
    asked = [rng.choice(numbers) if i % 2 == 0 else f"ZZ{i:07d}" for i in range(2000)]
    return settings, token, asked


def in_process(settings: Settings, token: str, asked: list[str], count: int) -> tuple[float, float]:
    """What the server does for one request, less HTTP: the token check, then the query."""
    runtime = open_runtime(settings)
    latencies = []
    start = time.perf_counter()
    for number in asked[:count]:
        began = time.perf_counter()
        with runtime.autocommit() as session:
            principal = principal_for_token(session, token)
        with runtime.transaction() as session:
            queries.query_documents(
                session, principal, [queries.DocumentQuery(number=number)], "Benchmark check"
            )
        latencies.append(time.perf_counter() - began)
    elapsed = time.perf_counter() - start
    runtime.dispose()
    return count / elapsed, statistics.quantiles(latencies, n=100)[98] * 1000


def served(
    settings: Settings, token: str, asked: list[str], seconds: int, connections: int, workers: int
) -> tuple[float, float, int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "LIAISON_DATA_DIR": str(settings.data_dir)}
    if settings.database_url:
        env["LIAISON_DATABASE_URL"] = settings.database_url
    server = subprocess.Popen(
        [sys.executable, "-m", "liaison.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx2.get(f"{base}/healthz", timeout=1)
                break
            except httpx2.TransportError:
                time.sleep(0.1)
        time.sleep(1.0 if workers > 1 else 0)  # let every worker start
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT % ", ".join(f'"{n}"' for n in asked))
        output = subprocess.run(
            [
                "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name,
                "-H", f"Authorization: Bearer {token}", "-H", "Content-Type: application/json", base,
            ],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        os.unlink(script.name)
    finally:
        server.terminate()
        server.wait(timeout=10)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p99 = _wrk_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, p99, int(bad.group(1)) if bad else 0


def _wrk_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--database-url", help="postgresql+psycopg://… (default: SQLite in a temporary directory)"
    )
    parser.add_argument("--workers", type=int, default=1, help="uvicorn processes (PostgreSQL only)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/api.py needs wrk: apt-get install wrk")
    print(describe())
    database = make_url(args.database_url).get_backend_name() if args.database_url else "sqlite"
    print(
        f"register: {args.records:,} stolen documents shared with the asking agency; "
        f"{database}, {args.workers} worker(s)"
    )
    with tempfile.TemporaryDirectory() as directory:
        began = time.perf_counter()
        url = fresh_postgres(args.database_url) if args.database_url else None
        settings, token, asked = build(Path(directory), args.records, url)
        print(f"built in {time.perf_counter() - began:.1f} s")
        base_rate, base_p99 = in_process(settings, token, asked, 2000)
        print(f"baseline, service in-process:  {base_rate:8,.0f} queries/s   p99 {base_p99:6.1f} ms")
        rate, p99, bad = served(settings, token, asked, args.seconds, args.connections, args.workers)
        print(
            f"served, uvicorn + wrk ({args.connections} connections, {args.seconds} s): "
            f"{rate:8,.0f} queries/s   p99 {p99:6.1f} ms   non-2xx {bad}"
        )
        print(f"ratio served / in-process: {rate / base_rate:.2f}")


if __name__ == "__main__":
    main()
