"""The interchange reference of a message, read from its envelope alone.

Receipt needs it before the message is parsed, to recognise a message sent
twice (same sender, same reference) without processing it again.
"""

from __future__ import annotations

import re

from liaison.formats.edifact import decode, iter_segments, read_una
from liaison.formats.errors import ParseError

_XML_REFERENCE = re.compile(rb"""\b(?:EchoToken|TransactionIdentifier)\s*=\s*["']([^"']{1,64})["']""")
HEAD_BYTES = 8192


def interchange_reference(data: bytes) -> str | None:
    """UNB's interchange control reference, or an XML message's echo token; None if absent."""
    head = data[:HEAD_BYTES]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        match = _XML_REFERENCE.search(head)
        return match.group(1).decode("utf-8", "replace") if match else None
    text = decode(head).text
    try:
        delimiters, start = read_una(text)
        for segment in iter_segments(text, delimiters, start):
            if segment.tag == "UNB":
                return segment.get(5)[:64] or None
            if segment.tag == "UNH":
                return None
    except ParseError:
        return None
    return None
