"""`liaison messages failed|retry` and `liaison workers status`: the operator's view
of pushed messages set aside as failed, and of running workers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from liaison.domain.errors import InvalidInput
from liaison.services.pipeline import dead_letters
from liaison.services.pipeline.worker_state import read_status
from liaison.services.runtime import open_runtime
from liaison.settings import load_settings

messages_app = typer.Typer(help="Pushed passenger messages.", no_args_is_help=True)
workers_app = typer.Typer(help="Running `liaison worker` processes.", no_args_is_help=True)


def list_failed() -> None:
    """Print the messages set aside after failing processing again and again (no content)."""
    runtime = open_runtime(load_settings())
    try:
        found = dead_letters.list_failed(runtime)
    finally:
        runtime.dispose()
    for message in found:
        typer.echo(
            f"{message.id}\t{message.agency}\t{message.format or '-'}\t{message.reference or '-'}\t"
            f"{message.received_at.isoformat()}\tattempts {message.attempts}\t{message.error or ''}"
        )
    typer.echo(f"failed messages: {len(found)}", err=True)


def retry(
    ids: Annotated[list[int] | None, typer.Argument(help="Ids of failed messages.", min=1)] = None,
    all_failed: Annotated[bool, typer.Option("--all", help="Retry every failed message.")] = False,
) -> None:
    """Put failed messages back in the queue with a fresh count of attempts."""
    if bool(ids) == all_failed:
        raise InvalidInput("id: give the ids of failed messages or --all, not both")
    runtime = open_runtime(load_settings())
    try:
        retried = dead_letters.retry(runtime, None if all_failed else list(ids or []))
    finally:
        runtime.dispose()
    listed = f" ({', '.join(map(str, retried))})" if retried else ""
    typer.echo(f"messages retried: {len(retried)}{listed}")


def status(
    health_file: Annotated[Path, typer.Argument(help="The file given to `liaison worker --health-file`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the worker's report as JSON.")] = False,
) -> None:
    """Say what a worker is doing; exit status 1 unless it is ready and reported recently."""
    found = read_status(health_file)
    typer.echo(json.dumps(found.report) if as_json else found.summary)
    if not found.healthy:
        raise typer.Exit(1)
