"""End-to-end passenger-data throughput: receive, store, read, screen, commit.

Register: the 100,000 innocent people of ../shared/fixtures/screening/negatives_*.csv
(every name in its own script), loaded straight into a persons register shared with
the receiving unit. Messages: the demo world's day (one PNRGOV and one PAXLST per
flight: about 50,000 traveller records at the default scale), plus one 300-passenger flight pushed as a
single PNRGOV message.

Printed side by side, in one run: parse-only throughput (the baseline: what reading
alone costs) and end-to-end throughput, so each stage's cost is visible.

Workload: the demo world's day at ``--scale 5`` by default, which gives its 213
flights about 115 passengers each (real short-haul flights carry 120–150:
an A320-family aircraft at an 80 % load factor). ``--scale 1`` is the demo
as `make demo` builds it, 23 passengers a flight; there the fixed costs of
each message (about ten statements and a commit) weigh five times as much.

Run: .venv/bin/python bench/pipeline.py [--scale 5.0] [--database-url postgresql+psycopg://…]
     [--workers N [--backlog]]   (N `liaison worker` processes behind NATS; with --backlog the
     day waits in the stream before they start, and their peak memory shows it is not held)
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, make_url, text

from liaison.domain.codes import (
    READ_STATUSES,
    AgencyKind,
    HandlingCode,
    InformationAccuracy,
    PersonCategory,
    RegisterKind,
    SourceReliability,
)
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Document, Leg, PnrMessage, Traveller
from liaison.formats import read_message_bytes, write_pnrgov
from liaison.services.demo.messages import Push, pushes
from liaison.services.demo.world import generate_world
from liaison.services.identity import accounts
from liaison.services.identity.installation import initialise
from liaison.services.pipeline import broker, pipeline
from liaison.services.runtime import Runtime, open_runtime
from liaison.settings import Settings
from liaison.store import schema

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api import fresh_postgres
from machine import describe

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "screening"


def load_register(settings: Settings, receiving_codes: list[str]) -> int:
    """Bulk-load the negatives as one shared persons register; returns its size."""
    rows = []
    for name in ("negatives_global.csv", "negatives_us.csv"):
        with (SHARED / name).open(encoding="utf-8") as handle:
            rows += list(csv.DictReader(handle))
    runtime = open_runtime(settings)
    with runtime.transaction() as session:
        owner = accounts.create_agency(session, code="EU-HUB", name="Hub", country="NL", kind=AgencyKind.HUB)
        receivers = [
            accounts.create_agency(
                session, code=code, name=code, country=code[:2], kind=AgencyKind.PASSENGER_INFORMATION_UNIT
            ).id
            for code in receiving_codes
        ]
        register = schema.Register(owner_agency_id=owner.id, kind=RegisterKind.PERSONS, name="Negatives")
        session.add(register)
        session.flush()
        ids = list(
            session.scalars(
                insert(schema.Record).returning(schema.Record.id, sort_by_parameter_order=True),
                [
                    {
                        "register_id": register.id,
                        "kind": RegisterKind.PERSONS,
                        "reference": f"N{i}",
                        "handling_code": HandlingCode.H0,
                        "source_reliability": SourceReliability.B,
                        "information_accuracy": InformationAccuracy.KNOWN_TO_SOURCE,
                        "valid_from": date(2020, 1, 1),
                    }
                    for i in range(len(rows))
                ],
            )
        )
        session.execute(
            insert(schema.RecordShare), [{"record_id": rid, "agency_id": a} for rid in ids for a in receivers]
        )
        session.execute(
            insert(schema.PersonRecord),
            [{"record_id": rid, "category": PersonCategory.WANTED, "remarks": ""} for rid in ids],
        )
        session.execute(
            insert(schema.PersonName),
            [
                {"record_id": rid, "full_name": row["full_name"], "is_primary": True, "script": "Latn"}
                for rid, row in zip(ids, rows, strict=True)
            ],
        )
        dates = []
        for rid, row in zip(ids, rows, strict=True):
            try:
                dates.append({"record_id": rid, "value": PartialDate.parse(row["date_of_birth"]).isoformat()})
            except Exception:
                continue
        session.execute(insert(schema.PersonBirthDate), dates)
    runtime.dispose()
    return len(rows)


def big_flight() -> bytes:
    leg = Leg("TK", "1821", "IST", "FRA", datetime(2026, 11, 23, 8, 0), datetime(2026, 11, 23, 10, 30))
    travellers = tuple(
        Traveller(
            surname=f"PASSENGER{i:03d}",
            given_names="TEST",
            reference=str(i),
            birth_date=PartialDate(1960 + i % 40, 1 + i % 12, 1 + i % 28),
            documents=(Document("DOCS", "P", f"TR{i:07d}", "TUR"),),
        )
        for i in range(300)
    )
    bookings = tuple(
        Booking(
            record_locator=f"BIG{i:03d}",
            record_locator_owner="TK",
            itinerary=(leg,),
            travellers=travellers[i : i + 3],
        )
        for i in range(0, 300, 3)
    )
    return write_pnrgov(
        PnrMessage(
            sender="TK", reference="BIG", interchange_reference="BIG300", flight=leg, bookings=bookings
        )
    )


def through_workers(
    settings: Settings,
    runtime: Runtime,
    messages: list[Push],
    agency_ids: dict[str, int],
    workers: int,
    batch: int = 10,
    backlog: bool = False,
) -> tuple[float, int]:
    """Receive and publish every message while `workers` processes read and screen them
    (or, with `backlog`, all of them before the workers start; timed from when they are ready)."""
    env = {
        **os.environ,
        "LIAISON_DATA_DIR": str(settings.data_dir),
        "LIAISON_BROKER_URL": settings.broker_url or "",
        "LIAISON_BROKER_STREAM": settings.broker_stream,
    }
    if settings.database_url:
        env["LIAISON_DATABASE_URL"] = settings.database_url
    read = ", ".join(f"'{status.value}'" for status in READ_STATUSES)  # done: read in whole or in part
    count_done = text(f"SELECT count(*) FROM inbound_messages WHERE status IN ({read})")
    with runtime.sessions() as session:
        before = session.scalar(text("SELECT count(*) FROM travellers")) or 0
        done_before = session.scalar(count_done) or 0

    def receive_and_publish() -> None:
        pending: list[int] = []
        for push in messages:
            receipt = pipeline.receive(
                runtime, agency_id=agency_ids[push.receiving_agency], machine_client_id=None, body=push.body
            )
            pending.append(receipt.message_id)
            if len(pending) == 20:
                broker.publish(runtime, pending)
                pending = []
        if pending:
            broker.publish(runtime, pending)

    if backlog:  # the whole day waits in the stream before any worker starts
        began = time.perf_counter()
        receive_and_publish()
        waited = time.perf_counter() - began
        print(f"(backlog of {len(messages)} messages received and published in {waited:.1f} s)")
    # Worker logs go to files (a pipe nobody reads would stall a worker once full).
    logs = [settings.data_dir / f"worker-{n}.log" for n in range(workers)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "liaison.cli", "worker", "--batch", str(batch)],
            env=env,
            stderr=log.open("w"),
            text=True,
        )
        for log in logs
    ]
    try:
        for log in logs:  # each worker builds its register index first
            while "ready" not in log.read_text():
                time.sleep(0.1)
        began = time.perf_counter()
        if not backlog:
            receive_and_publish()
            published = time.perf_counter() - began
            print(f"(all {len(messages)} messages received and published after {published:.1f} s)")
        while True:
            with runtime.sessions() as session:
                done = session.scalar(count_done) or 0
            if done - done_before >= len(messages):
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - began
        with runtime.sessions() as session:
            travellers = (session.scalar(text("SELECT count(*) FROM travellers")) or 0) - before
        peaks = [_peak_rss_mib(process.pid) for process in processes]
        print(f"(worker peak memory: {', '.join(f'{peak:,.0f} MiB' for peak in peaks)})")
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)
    warnings = sum(log.read_text().count(" WARNING ") + log.read_text().count(" ERROR ") for log in logs)
    if warnings:
        print(f"workers logged {warnings} warnings or errors; the first:")
        for log in logs:
            lines = log.read_text().splitlines()
            flagged = [n for n, line in enumerate(lines) if " WARNING " in line or " ERROR " in line]
            if flagged:
                print("\n".join(lines[flagged[0] : flagged[0] + 12]))
                break
    return travellers / elapsed, travellers


def _peak_rss_mib(pid: int) -> float:
    """A live process's peak resident memory (Linux), to see that a backlog does not grow it."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        type=float,
        default=5.0,
        help="passenger loads of the demo day (5.0, the default: about 115 passengers per flight, "
        "as an A320-family flight at a usual load factor; 1.0: the demo's 23, a regional turboprop's)",
    )
    parser.add_argument(
        "--database-url", help="postgresql+psycopg://… (default: SQLite in a temporary directory)"
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="`liaison worker` processes behind NATS (0: in-process)"
    )
    parser.add_argument("--broker-url", default="nats://127.0.0.1:4222")
    parser.add_argument(
        "--backlog",
        action="store_true",
        help="with --workers: publish the whole day before the workers start",
    )
    args = parser.parse_args()
    print(describe())
    world = generate_world(date(2026, 11, 22), scale=args.scale)
    messages = pushes(world)
    receivers = sorted({p.receiving_agency for p in messages})
    with tempfile.TemporaryDirectory() as directory:
        url = None
        if args.database_url:
            url = fresh_postgres(args.database_url)
        settings = Settings(
            data_dir=Path(directory),
            database_url=url,
            broker_url=args.broker_url if args.workers else None,
            broker_stream=f"BENCH{int(time.time())}",
        )
        initialise(settings)
        began = time.perf_counter()
        size = load_register(settings, receivers)
        database = make_url(settings.effective_database_url).get_backend_name()
        print(
            f"register: {size:,} persons shared with {len(receivers)} units, "
            f"loaded in {time.perf_counter() - began:.1f} s; {database}, one process"
        )

        began = time.perf_counter()
        parsed = sum(
            len(getattr(m, "travellers", ())) + sum(len(b.travellers) for b in getattr(m, "bookings", ()))
            for push in messages
            for m in read_message_bytes(push.body).messages
        )
        parse_rate = parsed / (time.perf_counter() - began)

        runtime = open_runtime(settings)
        with runtime.sessions() as session:
            agency_ids = {
                code: session.scalar(text("SELECT id FROM agencies WHERE code = :c"), {"c": code})
                for code in receivers
            }
        pipeline.process_one(
            runtime,
            pipeline.receive(
                runtime, agency_id=agency_ids[receivers[0]], machine_client_id=None, body=big_flight()
            ).message_id,
        )  # warm the index
        if args.workers:
            rate, travellers = through_workers(
                settings, runtime, messages, agency_ids, args.workers, backlog=args.backlog
            )
            runtime.dispose()
            if args.backlog:
                # The first worker ready starts on the backlog before the clock does:
                # this run is for memory, not for a rate.
                print(f"backlog of {travellers:,} travellers drained; see the workers' peak memory above")
                return
            print(f"parse only (baseline):   {parse_rate:10,.0f} travellers/s")
            print(
                f"end to end, {args.workers} workers:   {rate:10,.0f} travellers/s   "
                f"({len(messages)} messages, {travellers:,} travellers, "
                f"{travellers / len(messages):.0f} a message)"
            )
            print(f"ratio end-to-end / parse-only: {rate / parse_rate:.3f}")
            return
        latencies, travellers, hits = [], 0, 0
        began = time.perf_counter()
        for push in messages:
            start = time.perf_counter()
            receipt = pipeline.receive(
                runtime, agency_id=agency_ids[push.receiving_agency], machine_client_id=None, body=push.body
            )
            result = pipeline.process_one(runtime, receipt.message_id)
            latencies.append(time.perf_counter() - start)
            travellers += result.travellers
            hits += result.hits
        elapsed = time.perf_counter() - began
        end_to_end = travellers / elapsed
        big = []
        for attempt in range(5):
            body = big_flight().replace(b"BIG300", f"BIG{attempt:03d}".encode())
            start = time.perf_counter()
            receipt = pipeline.receive(
                runtime, agency_id=agency_ids[receivers[0]], machine_client_id=None, body=body
            )
            pipeline.process_one(runtime, receipt.message_id)
            big.append(time.perf_counter() - start)
        runtime.dispose()
    print(f"parse only (baseline):   {parse_rate:10,.0f} travellers/s")
    print(
        f"end to end:              {end_to_end:10,.0f} travellers/s   "
        f"({len(messages)} messages, {travellers:,} travellers, {travellers / len(messages):.0f} a message, "
        f"{hits} hits; p95 per message {statistics.quantiles(latencies, n=20)[18] * 1000:.0f} ms)"
    )
    print(f"ratio end-to-end / parse-only: {end_to_end / parse_rate:.3f}")
    print(
        "300-passenger flight, receipt to hits committed: "
        f"median {statistics.median(big) * 1000:.0f} ms, worst {max(big) * 1000:.0f} ms (5 pushes)"
    )


if __name__ == "__main__":
    main()
