"""Workbench pages: how long each main page of the demo world takes to render.

Builds the demo world (`make demo`'s, at ``--scale``, default 1.0), serves the
real app with uvicorn in this process, signs in as the demo's people and asks
for every main page ``--rounds`` times over one kept-alive HTTP connection per
person. The time is taken at the client over loopback, so it includes the
HTTP exchange (well under a millisecond here); the figure that counts is the
slowest round of each page, against issue #8's 300 ms.

Side by side in the same run, the baseline: `/healthz`, which renders nothing
and reads nothing, shows what the framework and transport cost on their own.

Run: ``.venv/bin/python bench/pages.py [--scale 1.0] [--rounds 5]``. Prints
figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx2 as httpx
from sqlalchemy import select

from liaison.domain.codes import Mode
from liaison.services import demo
from liaison.services.runtime import Runtime, open_runtime
from liaison.settings import Settings
from liaison.store import schema

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe
from serving import serving

LIMIT_MS = 300.0
PURPOSE = "bench: journey of a traveller with a hit"


def tours(runtime: Runtime) -> dict[str, list[str]]:
    """The pages each of the demo's people opens in a working day."""
    with runtime.sessions() as session:
        analyst = session.scalar(select(schema.User).where(schema.User.username == "analyst.fr"))
        assert analyst is not None
        agency = analyst.agency_id
        hit = session.scalar(
            select(schema.Hit).where(schema.Hit.agency_id == agency).order_by(schema.Hit.score.desc())
        )
        assert hit is not None, "the demo world has hits"
        rule_hit = session.scalar(
            select(schema.Hit.id)
            .where(schema.Hit.agency_id == agency, schema.Hit.rule_ref.is_not(None))
            .order_by(schema.Hit.id)
        )
        case_id = session.scalar(
            select(schema.CaseAgency.case_id).where(schema.CaseAgency.agency_id == agency)
        )
        message_id = session.scalar(
            select(schema.MessageRecipient.message_id).where(schema.MessageRecipient.agency_id == agency)
        )
        rule_id = session.scalar(select(schema.RiskRule.id).where(schema.RiskRule.agency_id == agency))
        register_id = session.scalar(
            select(schema.Register.id).where(schema.Register.owner_agency_id == agency)
        )
        record_id = session.scalar(
            select(schema.Record.id)
            .where(schema.Record.register_id == register_id)
            .order_by(schema.Record.id)
        )
        flight_id = session.scalar(
            select(schema.BookingLeg.flight_id)
            .join(schema.BookingVersion, schema.BookingVersion.id == schema.BookingLeg.booking_version_id)
            .where(schema.BookingVersion.booking_id == hit.booking_id)
        )
        operation_id = session.scalar(select(schema.Operation.id).order_by(schema.Operation.id))
    analyst_pages = [
        "/",
        "/hits",
        "/hits?status=all",
        f"/hits/{hit.id}",
        *([f"/hits/{rule_hit}"] if rule_hit else []),
        f"/travellers/{hit.traveller_id}",
        f"/travellers/{hit.traveller_id}/journey?purpose={PURPOSE}",
        f"/bookings/{hit.booking_id}",
        *([f"/flights/{flight_id}"] if flight_id else []),
        "/inbox",
        "/cases",
        *([f"/cases/{case_id}"] if case_id else []),
        *([f"/messages/{message_id}"] if message_id else []),
        "/rules",
        *([f"/rules/{rule_id}"] if rule_id else []),
        "/rules/lists",
        "/rules/report",
        "/registers",
        *([f"/registers/{register_id}"] if register_id else []),
        *([f"/records/{record_id}"] if record_id else []),
    ]
    operations = ["/operations", *([f"/operations/{operation_id}"] if operation_id else [])]
    return {
        "analyst.fr": analyst_pages,
        "supervisor.fr": ["/", "/rules"],
        "liaison.ncb.be": ["/", "/inbox", "/cases"],
        "coordinator.hub": ["/", *operations],
        "dpo.fr": ["/", "/audit"],
        "field.de": ["/", "/inbox"],
    }


def sign_in(client: httpx.Client, username: str, password: str) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None, "the login form carries its token"
    answer = client.post(
        "/login", data={"username": username, "password": password, "csrf": token.group(1), "next": "/"}
    )
    assert answer.status_code == 303, f"{username} could not sign in ({answer.status_code})"


def timed(client: httpx.Client, path: str, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        answer = client.get(path, headers={"Accept": "text/html"})
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, f"{path}: {answer.status_code}"
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="the demo world's size (make demo: 1.0)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(describe())
    with tempfile.TemporaryDirectory() as scratch:
        base = Settings(mode=Mode.DEVELOPMENT, data_dir=Path(scratch))
        settings = demo.demo_settings(Path(scratch) / "demo", base)
        started = time.perf_counter()
        built = demo.build_demo(settings, day=datetime.now(UTC).date(), scale=args.scale)
        counts = ", ".join(f"{count:,} {name}" for name, count in built.counts.items())
        print(f"demo world at scale {args.scale} built in {time.perf_counter() - started:.0f} s: {counts}")
        runtime = open_runtime(settings)
        rows: list[tuple[str, str, list[float]]] = []
        with serving(runtime) as url:
            with httpx.Client(base_url=url, follow_redirects=False, timeout=60) as anonymous:
                baseline = timed(anonymous, "/healthz", args.rounds * 4)
            for username, paths in tours(runtime).items():
                with httpx.Client(base_url=url, follow_redirects=False, timeout=60) as client:
                    sign_in(client, username, built.login_password)
                    for path in paths:
                        timed(client, path, 1)  # the first visit fills the caches: not counted
                        rows.append((username, path, timed(client, path, args.rounds)))
        runtime.dispose()
    floor = statistics.median(baseline)
    print(f"baseline /healthz: median {floor:.1f} ms")
    print(f"{'slowest':>8} {'median':>8} {'÷ base':>7}  who              page")
    for username, path, times in sorted(rows, key=lambda row: -max(row[2])):
        worst, middle = max(times), statistics.median(times)
        flag = "  OVER 300 ms" if worst > LIMIT_MS else ""
        print(f"{worst:7.1f}  {middle:7.1f}  {middle / floor:6.1f}x  {username:16} {path}{flag}")
    over = sum(1 for _, _, times in rows if max(times) > LIMIT_MS)
    slowest = max(max(times) for _, _, times in rows)
    print(
        f"{len(rows)} pages, {args.rounds} rounds each: slowest {slowest:.0f} ms; "
        f"{over} over {LIMIT_MS:.0f} ms (issue #8: none may take more)"
    )


if __name__ == "__main__":
    main()
