"""Which reader a message needs, from its first bytes."""

from __future__ import annotations

from liaison.domain.codes import MessageFormat
from liaison.formats.edifact import decode_interchange
from liaison.formats.errors import ParseError
from liaison.formats.gateway import open_envelope

_HEAD = 65536


def detect_format(data: bytes) -> MessageFormat:
    """PNRGOV XML by its root element, EDIFACT by the message type in ``UNH``; in
    UTF-8, a single-byte set or UTF-16, and inside a Type-B or e-mail envelope."""
    opened = open_envelope(data)
    end = min(opened.end, opened.start + _HEAD)
    text = decode_interchange(opened.data, opened.start, end).text
    if text[:4096].lstrip("\ufeff \t\r\n").startswith("<"):
        return MessageFormat.PNRGOV_XML
    upper = text.upper()
    unh = upper.find("UNH")
    if unh != -1:
        window = upper[unh : unh + 200]
        if "PAXLST" in window:
            return MessageFormat.PAXLST
        if "PNRGOV" in window:
            return MessageFormat.PNRGOV
    if "PAXLST" in upper:
        return MessageFormat.PAXLST
    if "PNRGOV" in upper or "SRC" in upper:
        return MessageFormat.PNRGOV
    raise ParseError("cannot tell the format: no UNH naming PNRGOV or PAXLST and no XML root element")
