"""`liaison registers …`: register loads from the console."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import select

from liaison.domain.codes import HandlingCode, PersonCategory, RegisterKind
from liaison.domain.errors import InvalidInput
from liaison.domain.permissions import Permission
from liaison.services import imports, registers
from liaison.services.principals import command_line_principal
from liaison.services.records import CodesInput
from liaison.services.runtime import open_runtime
from liaison.settings import load_settings
from liaison.store import schema

app = typer.Typer(help="Manage registers from the command line.", no_args_is_help=True)


def import_file(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="The file to load.")
    ],
    owner: Annotated[str, typer.Option(help="Code of the owner agency, e.g. FR-NCB.")],
    kind: Annotated[RegisterKind, typer.Option(help="What the register holds.")] = RegisterKind.PERSONS,
    register: Annotated[str | None, typer.Option(help="Register name (created if missing).")] = None,
    file_format: Annotated[
        str, typer.Option("--format", help="auto, ftm (JSON lines), un-xml or csv.")
    ] = "auto",
    category: Annotated[
        PersonCategory, typer.Option(help="Category of the persons.")
    ] = PersonCategory.WANTED,
    handling_code: Annotated[
        HandlingCode, typer.Option(help="Handling code of every record.")
    ] = HandlingCode.H0,
    share_with: Annotated[str, typer.Option(help="Agency codes to share with, comma-separated.")] = "",
    dry_run: Annotated[bool, typer.Option(help="Report what would change, change nothing.")] = False,
) -> None:
    """Load a register file (FollowTheMoney JSON lines, UN list XML, or screening CSV), all or nothing."""
    if kind is not RegisterKind.PERSONS:
        raise InvalidInput(f"--kind {kind.value}: the register file formats hold persons only")
    if file_format not in ("auto", "ftm", "un-xml", "csv"):
        raise InvalidInput(f"--format {file_format}: expected auto, ftm, un-xml or csv")
    runtime = open_runtime(load_settings())
    try:
        with runtime.sessions() as session, session.begin():
            principal = command_line_principal(
                session, owner, {Permission.REGISTER_READ, Permission.REGISTER_WRITE}
            )
            name = register or f"Imported persons ({file.name})"
            found = session.scalar(
                select(schema.Register).where(
                    schema.Register.owner_agency_id == principal.agency_id, schema.Register.name == name
                )
            )
            target = found or registers.create_register(session, principal, name=name, kind=kind)
            report = imports.import_persons(
                session,
                principal,
                target.id,
                file.read_bytes(),
                card_key=runtime.secret.encode("utf-8"),
                format=file_format,  # type: ignore[arg-type]
                category=category,
                codes=CodesInput(handling_code=handling_code)
                if handling_code is not HandlingCode.H3
                else None,
                shared_with=[c for c in share_with.split(",") if c.strip()],
                dry_run=dry_run,
            )
    finally:
        runtime.dispose()
    for warning in report.warnings[:20]:
        typer.echo(f"warning: {warning}", err=True)
    verb = "dry run, nothing written" if dry_run else "written"
    typer.echo(
        f"{file.name} into {owner.upper()} / {name}: read {report.read}, added {report.added}, "
        f"updated {report.updated}, unchanged {report.unchanged} ({verb})"
    )
