"""`liaison registers …`: register loads from the console."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from liaison.domain.codes import HandlingCode, PersonCategory, RegisterKind
from liaison.domain.errors import InvalidInput
from liaison.services.registers import changes as register_changes
from liaison.services.registers import registers
from liaison.services.registers.records import CodesInput
from liaison.services.runtime import open_runtime
from liaison.settings import load_settings

SHOWN_WARNINGS = 20

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
    share_with: Annotated[str, typer.Option(help="Agency codes to share with, by commas or spaces.")] = "",
    dry_run: Annotated[bool, typer.Option(help="Report what would change, change nothing.")] = False,
    warnings_file: Annotated[
        Path | None,
        typer.Option("--warnings", dir_okay=False, help="Write every warning to this file, one per line."),
    ] = None,
) -> None:
    """Load a register file (FollowTheMoney JSON lines, UN list XML, or screening CSV), all or
    nothing; the entries added or updated are screened against recent and upcoming travellers."""
    if kind is not RegisterKind.PERSONS:
        raise InvalidInput(f"--kind {kind.value}: the register file formats hold persons only")
    if file_format not in ("auto", "ftm", "un-xml", "csv"):
        raise InvalidInput(f"--format {file_format}: expected auto, ftm, un-xml or csv")
    name = register or f"Imported persons ({file.name})"
    runtime = open_runtime(load_settings())
    try:
        report = register_changes.import_persons_named(
            runtime,
            owner,
            name,
            file.read_bytes(),
            format=file_format,  # type: ignore[arg-type]
            category=category,
            codes=CodesInput(handling_code=handling_code) if handling_code is not HandlingCode.H3 else None,
            shared_with=registers.agency_codes(share_with, "--share-with"),
            dry_run=dry_run,
        )
    finally:
        runtime.dispose()
    if warnings_file is not None:
        warnings_file.write_text("".join(f"{text}\n" for text in report.warnings), encoding="utf-8")
    for text in report.warnings[:SHOWN_WARNINGS]:
        typer.echo(f"warning: {text}", err=True)
    hidden = len(report.warnings) - SHOWN_WARNINGS
    if hidden > 0:
        where = f"all in {warnings_file}" if warnings_file else "--warnings FILE writes them all"
        typer.echo(f"warning: … and {hidden} more ({where})", err=True)
    verb = "dry run, nothing written" if dry_run else "written"
    typer.echo(f"{file.name} into {owner.upper()} / {name}: {report.summary()} ({verb})")
