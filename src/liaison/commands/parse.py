"""``liaison parse``: read wire-format files and print what they say, as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from liaison.domain.codes import MessageFormat
from liaison.formats import read_message_bytes
from liaison.formats.jsondoc import message_json

_FORMATS = {
    "auto": None,
    "pnrgov": MessageFormat.PNRGOV,
    "paxlst": MessageFormat.PAXLST,
    "pnrgov-xml": MessageFormat.PNRGOV_XML,
}


def parse(
    files: Annotated[
        list[Path],
        typer.Argument(help="Message files (PNRGOV EDIFACT or XML, PAXLST).", show_default=False),
    ],
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="auto, pnrgov, paxlst or pnrgov-xml."),
    ] = "auto",
) -> None:
    """Print one JSON document per message on standard output, one error per
    line on standard error; exit with 1 if any message could not be read."""
    if format not in _FORMATS:
        typer.echo(f"unknown format {format!r}: use one of {', '.join(_FORMATS)}", err=True)
        raise typer.Exit(2)
    failed = False
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            typer.echo(f"{path}: cannot read: {exc.strerror or exc}", err=True)
            failed = True
            continue
        result = read_message_bytes(data, _FORMATS[format])
        for message in result.messages:
            typer.echo(json.dumps(message_json(message), ensure_ascii=False, sort_keys=False))
        for error in result.errors:
            typer.echo(f"{path}: {error}", err=True)
            failed = True
    if failed:
        raise typer.Exit(1)
