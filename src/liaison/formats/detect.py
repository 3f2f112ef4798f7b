"""Which reader a message needs, from its first bytes."""

from __future__ import annotations

from liaison.domain.codes import MessageFormat
from liaison.formats.errors import ParseError


def detect_format(data: bytes) -> MessageFormat:
    """PNRGOV XML by its root element, EDIFACT by the message type in ``UNH``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return MessageFormat.PNRGOV_XML
    upper = data[:65536].upper()
    unh = upper.find(b"UNH")
    if unh != -1:
        window = upper[unh : unh + 200]
        if b"PAXLST" in window:
            return MessageFormat.PAXLST
        if b"PNRGOV" in window:
            return MessageFormat.PNRGOV
    if b"PAXLST" in upper:
        return MessageFormat.PAXLST
    if b"PNRGOV" in upper or b"SRC" in upper:
        return MessageFormat.PNRGOV
    raise ParseError("cannot tell the format: no UNH naming PNRGOV or PAXLST and no XML root element")
