"""`liaison ingest` and `liaison hits list`: the passenger-data flow from the console."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Literal

import typer

from liaison.domain.codes import HitStatus, MessageStatus
from liaison.domain.errors import ConfigurationError
from liaison.domain.permissions import Permission
from liaison.services.identity.principals import command_line_principal
from liaison.services.paging import MAX_PAGE, PageRequest
from liaison.services.pipeline import pipeline
from liaison.services.runtime import open_runtime
from liaison.services.travel import hits
from liaison.settings import load_settings

hits_app = typer.Typer(help="Hits raised by screening.", no_args_is_help=True)


def ingest(
    files: Annotated[
        list[Path], typer.Argument(exists=True, dir_okay=False, readable=True, help="Message files.")
    ],
    agency: Annotated[str, typer.Option(help="Receiving agency (its passenger information unit).")] = "HUB",
) -> None:
    """Store, read and screen PNRGOV / PAXLST files, as if pushed by an airline. Exit 1
    when any file was rejected, read in part or failed: never 0 with travellers lost.
    Warnings alone exit 0 (nothing was lost); they are printed."""
    runtime = open_runtime(load_settings())
    totals: Counter[str] = Counter()
    failed = 0
    try:
        with runtime.sessions() as session:
            principal = command_line_principal(session, agency, {Permission.PUSH_MESSAGES})
        with typer.progressbar(files, label="ingesting", file=sys.stderr) as progress:
            for path in progress:
                receipt = pipeline.receive(
                    runtime, agency_id=principal.agency_id, machine_client_id=None, body=path.read_bytes()
                )
                if receipt.status is MessageStatus.DUPLICATE:
                    totals["duplicates"] += 1
                    continue
                result = pipeline.attempt(runtime, receipt.message_id)
                if isinstance(result, pipeline.Failure):  # counted; `process_pending` below tries again
                    typer.echo(f"{path}: processing failed: {result.description}", err=True)
                    failed += 1
                    continue
                if result.status is MessageStatus.REJECTED:
                    totals["rejected"] += 1
                    totals["lost"] += len(result.errors)
                    typer.echo(f"{path}: rejected: {result.errors[0] if result.errors else ''}", err=True)
                    continue
                totals["accepted"] += 1
                totals["travellers"] += result.travellers
                totals["hits"] += result.hits
                for error in result.errors:
                    typer.echo(f"{path}: partly read: {error}", err=True)
                for text in result.warnings:
                    typer.echo(f"{path}: warning: {text}", err=True)
                if result.status is not MessageStatus.PROCESSED or result.repeated:
                    typer.echo(f"{path}: {_read(result)}", err=True)
                totals["partly-read"] += result.status is MessageStatus.PARTLY_READ
                totals["with-warnings"] += result.status is MessageStatus.READ_WITH_WARNINGS
                totals["lost"] += len(result.errors)
        pipeline.process_pending(runtime)  # anything an earlier run left unprocessed
    finally:
        runtime.dispose()
    typer.echo(
        f"messages accepted {totals['accepted']}, duplicates {totals['duplicates']}, "
        f"rejected {totals['rejected']}, travellers {totals['travellers']}, hits {totals['hits']}, "
        f"read with warnings {totals['with-warnings']}, partly read {totals['partly-read']}, "
        f"lost {totals['lost']}" + (f", failed {failed}" if failed else "")
    )
    if totals["rejected"] or totals["partly-read"] or failed:
        raise typer.Exit(1)


def _read(result: pipeline.Processed) -> str:
    """One line on how a message was read: travellers kept, units lost, warnings."""
    lost = len(result.errors)
    said = [
        f"{result.status.value.replace('_', ' ')}: {result.travellers} travellers kept",
        f"{lost} lost (PNRs, travellers or messages that could not be read)" if lost else "none lost",
        f"{len(result.warnings)} warnings",
    ]
    if result.repeated:
        said.append(f"{result.repeated} PNRs already stored as they are (not stored again)")
    return ", ".join(said)


def list_hits(
    agency: Annotated[str, typer.Option(help="Agency whose hits to list.")] = "HUB",
    status: Annotated[HitStatus | None, typer.Option(help="Only hits in this state.")] = None,
    output: Annotated[Literal["csv", "json"], typer.Option("--format", help="csv or json.")] = "csv",
) -> None:
    """Print the agency's hits with their score and explanation (reading them is audited);
    on another agency's record not released to the agency, both stay with the owner."""
    runtime = open_runtime(load_settings())
    try:
        with runtime.transaction() as session:
            principal = command_line_principal(session, agency, {Permission.REVIEW_HITS})
            found: list[hits.HitView] = []
            offset = 0
            while True:
                page, total = hits.list_hits(
                    session,
                    principal,
                    PageRequest(limit=MAX_PAGE, offset=offset, sort="-score"),
                    status=status,
                )
                found += page
                offset += MAX_PAGE
                if offset >= total:
                    break
    finally:
        runtime.dispose()
    if output == "json":
        typer.echo(json.dumps([hit.model_dump(mode="json") for hit in found], ensure_ascii=False, indent=1))
        return
    writer = csv.writer(sys.stdout)
    writer.writerow(
        [
            "hit",
            "status",
            "score",
            "rule",
            "owner",
            "traveller",
            "birth_date",
            "record_locator",
            "explanation",
        ]
    )
    for hit in found:
        traveller = hit.traveller
        writer.writerow(
            [
                hit.id,
                hit.status.value,
                "" if hit.score is None else f"{hit.score:.4f}",
                hit.rule,
                hit.owner,
                f"{traveller.surname}, {traveller.given_names}" if traveller else "",
                traveller.birth_date if traveller else "",
                hit.record_locator or "",
                json.dumps(hit.explanation, ensure_ascii=False),
            ]
        )


def worker(
    batch: Annotated[int, typer.Option(help="Receipts fetched at a time.", min=1, max=500)] = 10,
    health_file: Annotated[
        Path | None,
        typer.Option(help="Keep this file up to date with the worker's state (`liaison workers status`)."),
    ] = None,
) -> None:
    """Read and screen pushed messages handed over by the broker (LIAISON_BROKER_URL), until stopped."""
    import asyncio
    import logging
    import signal

    from liaison.services.pipeline.broker import run_worker
    from liaison.services.pipeline.worker_state import WorkerHealth

    # A worker runs unattended: what it logs must say when, how bad and where.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    settings = load_settings()
    if settings.broker_url is None:
        raise ConfigurationError("liaison worker needs LIAISON_BROKER_URL (a NATS server with JetStream)")
    runtime = open_runtime(settings)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        typer.echo(f"liaison worker: taking receipts from {runtime.settings.broker_url}", err=True)
        await run_worker(
            runtime,
            batch=batch,
            stop=stop,
            on_ready=lambda: typer.echo("liaison worker: ready", err=True),
            health=WorkerHealth(health_file),
        )

    try:
        asyncio.run(main())
    finally:
        runtime.dispose()
