"""Readers and writers of the wire formats: bytes in, domain objects out, no I/O.

``read_message_bytes`` picks the reader; each reader returns a ``ReadResult``
holding every message it could read and a ``ParseError`` for each it could not.
``iter_message_bytes`` is the streaming form, for large input: it yields
messages and errors as they are read, and a message larger than ``chunk``
bookings (or travellers) as several parts with the same header, so that memory
stays bounded by the input, not by what it says.
"""

from __future__ import annotations

from collections.abc import Iterator

from liaison.domain.codes import MessageFormat
from liaison.domain.passenger import PaxlstMessage, PnrMessage
from liaison.formats.detect import detect_format
from liaison.formats.errors import ParseError
from liaison.formats.paxlst import iter_paxlst, read_paxlst, write_paxlst
from liaison.formats.pnrgov import iter_pnrgov, read_pnrgov, write_pnrgov
from liaison.formats.pnrgov_xml import iter_pnrgov_xml, read_pnrgov_xml
from liaison.formats.registers import (
    read_ftm_jsonl,
    read_screening_csv,
    read_un_consolidated_xml,
)
from liaison.formats.result import ReadResult

__all__ = [
    "ParseError",
    "ReadResult",
    "detect_format",
    "iter_message_bytes",
    "read_ftm_jsonl",
    "read_message_bytes",
    "read_paxlst",
    "read_pnrgov",
    "read_pnrgov_xml",
    "read_screening_csv",
    "read_un_consolidated_xml",
    "write_paxlst",
    "write_pnrgov",
]


def iter_message_bytes(
    data: bytes, format: MessageFormat | None = None, chunk: int = 500
) -> Iterator[PnrMessage | PaxlstMessage | ParseError]:
    """Messages (in parts of at most ``chunk`` bookings or travellers) and errors, as read."""
    try:
        fmt = format or detect_format(data)
    except ParseError as exc:
        yield exc
        return
    if fmt is MessageFormat.PAXLST:
        yield from iter_paxlst(data, chunk)
    elif fmt is MessageFormat.PNRGOV_XML:
        yield from iter_pnrgov_xml(data, chunk)
    else:
        yield from iter_pnrgov(data, chunk)


def read_message_bytes(
    data: bytes, format: MessageFormat | None = None
) -> ReadResult[PnrMessage | PaxlstMessage]:
    """Read PNRGOV (EDIFACT or XML) or PAXLST; ``format=None`` detects it."""
    try:
        fmt = format or detect_format(data)
    except ParseError as exc:
        return ReadResult((), (exc,))
    result: ReadResult[PnrMessage] | ReadResult[PaxlstMessage]
    if fmt is MessageFormat.PAXLST:
        result = read_paxlst(data)
    elif fmt is MessageFormat.PNRGOV_XML:
        result = read_pnrgov_xml(data)
    else:
        result = read_pnrgov(data)
    return ReadResult(tuple(result.messages), result.errors)
