"""`liaison exchange ...`: exchange housekeeping from the console (or a timer)."""

from __future__ import annotations

import typer

from liaison.services.exchange.deadlines import flag_overdue
from liaison.services.runtime import open_runtime
from liaison.settings import load_settings

app = typer.Typer(help="Information exchange between agencies.", no_args_is_help=True)


@app.command("flag-overdue")
def flag_overdue_command() -> None:
    """Flag requests past their answer deadline to the receiving agency and its supervisors.

    `liaison serve` and every `liaison worker` already do this each minute; this is for a
    system timer where neither runs."""
    runtime = open_runtime(load_settings())
    try:
        with runtime.transaction() as session:
            flagged = flag_overdue(session)
    finally:
        runtime.dispose()
    typer.echo(f"overdue requests flagged: {flagged}")
