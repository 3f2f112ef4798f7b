"""The `liaison` command."""

from __future__ import annotations

import errno
import functools
import socket
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer
from typer.core import TyperGroup

import liaison
from liaison.domain.errors import ConfigurationError, LiaisonError

if TYPE_CHECKING:
    from typer._click.core import Command, Context  # typer 0.29 carries its own click

    from liaison.settings import Settings

P = ParamSpec("P")
R = TypeVar("R")


def one_line_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Report LiaisonError as one line on standard error and exit 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except LiaisonError as exc:
            typer.echo(f"liaison: error: {exc.message}", err=True)
            raise typer.Exit(1) from None

    return wrapper


def _registers(into: typer.Typer) -> None:
    from liaison.commands import registers

    registers.app.command("import")(one_line_errors(registers.import_file))
    into.add_typer(registers.app, name="registers")


def _exchange(into: typer.Typer) -> None:
    from liaison.commands import exchange

    into.add_typer(exchange.app, name="exchange")


def _ingest(into: typer.Typer) -> None:
    from liaison.commands import pipeline

    into.command("ingest")(one_line_errors(pipeline.ingest))


def _worker(into: typer.Typer) -> None:
    from liaison.commands import pipeline

    into.command("worker")(one_line_errors(pipeline.worker))


def _messages(into: typer.Typer) -> None:
    from liaison.commands import messages

    messages.messages_app.command("failed")(one_line_errors(messages.list_failed))
    messages.messages_app.command("retry")(one_line_errors(messages.retry))
    into.add_typer(messages.messages_app, name="messages")


def _workers(into: typer.Typer) -> None:
    from liaison.commands import messages

    messages.workers_app.command("status")(one_line_errors(messages.status))
    into.add_typer(messages.workers_app, name="workers")


def _hits(into: typer.Typer) -> None:
    from liaison.commands import pipeline

    pipeline.hits_app.command("list")(one_line_errors(pipeline.list_hits))
    into.add_typer(pipeline.hits_app, name="hits")


def _score_pairs(into: typer.Typer) -> None:
    from liaison.commands.matching import score_pairs

    into.command("score-pairs")(score_pairs)


def _screen(into: typer.Typer) -> None:
    from liaison.commands.matching import screen

    into.command("screen")(screen)


def _parse(into: typer.Typer) -> None:
    from liaison.commands.parse import parse

    into.command(
        "parse", help="Read PNRGOV, PAXLST or PNRGOV XML files and print one JSON document per message."
    )(parse)


# Commands that belong to one capability each live in liaison.commands. Each is imported
# only when it is run (or listed by --help): importing them all pulled in the whole stack,
# 4.7 s before `liaison --version` could answer.
# In the order --help lists them: commands, then groups of commands.
CAPABILITIES: dict[str, Callable[[typer.Typer], None]] = {
    "ingest": _ingest,
    "worker": _worker,
    "score-pairs": _score_pairs,
    "screen": _screen,
    "parse": _parse,
    "registers": _registers,
    "exchange": _exchange,
    "messages": _messages,
    "workers": _workers,
    "hits": _hits,
}


@functools.cache
def _capability(name: str) -> Command:
    holder = typer.Typer()

    @holder.callback()
    def _group() -> None:
        """Makes `holder` a group, whatever it holds."""

    CAPABILITIES[name](holder)
    group = typer.main.get_command(holder)
    assert isinstance(group, TyperGroup)
    command = group.commands.get(name)
    assert command is not None
    return command


class LazyGroup(TyperGroup):
    """The root command: its own commands, plus those of CAPABILITIES loaded by name."""

    def list_commands(self, ctx: Context) -> list[str]:
        return [*super().list_commands(ctx), *CAPABILITIES]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is None and cmd_name in CAPABILITIES:
            return _capability(cmd_name)
        return found


app = typer.Typer(
    name="liaison",
    help="Liaison: an open information hub for international police cooperation.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    cls=LazyGroup,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"liaison {liaison.__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """Liaison: an open information hub for international police cooperation."""


@app.command()
@one_line_errors
def init(
    admin: Annotated[str, typer.Option(help="User name of the first administrator.")] = "admin",
    agency_code: Annotated[str, typer.Option(help="Code of the administrator's agency.")] = "HUB",
    agency_name: Annotated[str, typer.Option(help="Name of that agency.")] = "Liaison hub",
    country: Annotated[str, typer.Option(help="ISO 3166 country of that agency.")] = "NL",
) -> None:
    """Create or migrate the database; on a new one, create the first administrator."""
    from liaison.services.identity.installation import initialise
    from liaison.settings import load_settings

    settings = load_settings()
    result = initialise(
        settings,
        admin_username=admin,
        agency_code=agency_code,
        agency_name=agency_name,
        agency_country=country,
    )
    where = _display_url(settings.effective_database_url)
    if result.revision_before == result.revision_after:
        typer.echo(f"Database {where} is up to date (schema {result.revision_after}).")
    else:
        typer.echo(
            f"Database {where} migrated from {result.revision_before or 'empty'} "
            f"to schema {result.revision_after}."
        )
    if result.admin is not None:
        typer.echo("First administrator created. The password is shown only this once:")
        typer.echo(f"  user name: {result.admin.username}")
        typer.echo(f"  password:  {result.admin.password}")


@app.command()
@one_line_errors
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.", min=1, max=65535)] = None,
    workers: Annotated[int, typer.Option(help="Processes serving requests (PostgreSQL).", min=1, max=64)] = 1,
) -> None:
    """Serve the web workbench and the API (default http://127.0.0.1:8000)."""
    from liaison.settings import load_settings

    settings = load_settings()
    _serve(settings, host or settings.host, port or settings.port, workers=workers)


@app.command()
@one_line_errors
def demo(
    data_dir: Annotated[Path, typer.Option(help="Directory for the demo database.")] = Path("var/demo"),
    seed: Annotated[int | None, typer.Option(help="Seed of the generator (same seed, same world).")] = None,
    day: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Day of the flights (default: today, UTC).")
    ] = None,
    replace: Annotated[bool, typer.Option(help="Rebuild a demo that already exists there.")] = False,
    scale: Annotated[
        float, typer.Option(help="Size of registers and passenger loads (1.0: a full day).", min=0.01, max=20)
    ] = 1.0,
    serve_after: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the demo once built.")
    ] = True,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.", min=1, max=65535)] = None,
) -> None:
    """Build the demo world (a day of flights, registers, agencies) and serve it."""
    from liaison.services.demo import DEFAULT_SEED, build_demo, demo_settings
    from liaison.settings import load_settings

    settings = demo_settings(data_dir, load_settings())
    listen_host, listen_port = host or settings.host, port or settings.port
    if serve_after:
        _check_port_free(listen_host, listen_port)
    demo_day: date = day.date() if day is not None else datetime.now(UTC).date()
    result = build_demo(
        settings, day=demo_day, seed=DEFAULT_SEED if seed is None else seed, replace=replace, scale=scale
    )
    typer.echo(f"Demo world for {demo_day.isoformat()} built in {_display_url(result.database_url)}:")
    for name, count in result.counts.items():
        typer.echo(f"  {name:<17}{count:>8}")
    typer.echo(f"Ground truth ({result.planted} travellers who are register entries): {result.truth_file}")
    typer.echo(
        f"Sign in as {result.login_username} (or admin, supervisor.fr, dpo.fr, analyst.nl, "
        f"liaison.ncb.be, coordinator.hub, field.de) with password: {result.login_password}"
    )
    if serve_after:
        _serve(settings, listen_host, listen_port)


def _serve(settings: Settings, host: str, port: int, *, workers: int = 1) -> None:
    import uvicorn

    from liaison.app import create_app

    _check_port_free(host, port)
    if workers > 1 and settings.effective_database_url.startswith("sqlite"):
        raise ConfigurationError("--workers above 1 needs PostgreSQL: SQLite has a single writer")
    application = create_app(settings)  # fails here, in one line, on bad settings or database
    # proxy_headers=False: uvicorn would otherwise believe X-Forwarded-For from 127.0.0.1;
    # the app reads it itself, from LIAISON_TRUSTED_PROXIES only (http/security.py).
    typer.echo(f"Liaison is serving on http://{host}:{port}/ (Ctrl+C to stop)")
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning", proxy_headers=False)
        return
    application.state.runtime.dispose()
    # Each worker builds its own app from the same environment.
    uvicorn.run(
        "liaison.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=False,
    )


def _check_port_free(host: str, port: int) -> None:
    """Bind the way uvicorn will: with SO_REUSEADDR, so connections a crashed server
    left in TIME_WAIT do not refuse a restart, while a live listener still does."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigurationError(
                    f"port {port} on {host} is already in use; stop the other server or pass --port"
                ) from None
            raise ConfigurationError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def _display_url(url: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).render_as_string(hide_password=True)


def main() -> None:
    try:
        app()
    except LiaisonError as exc:  # raised outside a command, e.g. while reading settings
        typer.echo(f"liaison: error: {exc.message}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
