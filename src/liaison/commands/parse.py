"""``liaison parse``: read wire-format files and print what they say, as JSON.

It never ends well with fewer travellers than the files name: any unit that could
not be read (an interchange, a message, a PNR, a traveller) is an error line and a
non-zero exit, and a summary says how many travellers were read and how many units
were lost. Warnings alone exit 0 (nothing was lost) but are printed, and the file
is said to be read with warnings.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from liaison.domain.codes import MessageFormat
from liaison.domain.passenger import PaxlstMessage, PnrMessage
from liaison.formats import iter_message_bytes
from liaison.formats.errors import ParseError
from liaison.formats.jsondoc import document_text
from liaison.formats.warnings import booking_warnings

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
    """Print one JSON document per message on standard output, written as the message is
    read (a large one never sits whole in memory); on standard error, one
    line per error and per warning and, when anything was lost or warned about, how many
    travellers were read and how many units lost. Exit 1 if anything could not be read."""
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
        tally = _Tally()
        for text in document_text(tally.parts(path, iter_message_bytes(data, _FORMATS[format]))):
            sys.stdout.write(text)
        sys.stdout.flush()
        failed = failed or tally.lost > 0
        for text in tally.warnings:
            typer.echo(f"{path}: warning: {text}", err=True)
        if tally.lost or tally.warnings:
            typer.echo(f"{path}: {tally.summary()}", err=True)
    if failed:
        raise typer.Exit(1)


class _Tally:
    """What the summary says of a file, kept as its messages stream by: travellers read,
    units lost and warnings (each once), never the messages themselves."""

    def __init__(self) -> None:
        self.messages = 0
        self.travellers = 0
        self.lost = 0
        self.warnings: dict[str, None] = {}

    def parts(
        self, path: Path, items: Iterable[PnrMessage | PaxlstMessage | ParseError]
    ) -> Iterator[PnrMessage | PaxlstMessage]:
        """The messages' parts, counted; each error said on standard error as it comes."""
        for item in items:
            if isinstance(item, ParseError):
                typer.echo(f"{path}: {item}", err=True)
                self.lost += 1
                continue
            self.messages += 1
            self.travellers += travellers_in(item)
            self.warnings.update(dict.fromkeys(message_warnings((item,))))
            yield item

    def summary(self) -> str:
        return summary(self.travellers, self.messages > 0, self.lost, len(self.warnings))


def travellers_in(message: PnrMessage | PaxlstMessage) -> int:
    if isinstance(message, PnrMessage):
        return sum(len(booking.travellers) for booking in message.bookings)
    return len(message.travellers)


def message_warnings(messages: tuple[PnrMessage | PaxlstMessage, ...]) -> list[str]:
    """The messages' warnings and their PNRs' (named by record locator), each once."""
    found: dict[str, None] = {}
    for message in messages:
        found.update(dict.fromkeys(message.warnings))
        for booking in message.bookings if isinstance(message, PnrMessage) else ():
            found.update(dict.fromkeys(booking_warnings(booking)))
    return list(found)


def summary(read: int, anything_read: bool, lost: int, warnings: int) -> str:
    """How a file was read, in one line: travellers read, units lost, warnings."""
    state = "nothing read" if not anything_read else "partly read" if lost else "read with warnings"
    lost_text = (
        f"{lost} lost (PNRs, travellers or messages that could not be read; their travellers are not counted)"
        if lost
        else "none lost"
    )
    return f"{state}: {_many(read, 'traveller')} read, {lost_text}, {_many(warnings, 'warning')}"


def _many(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
