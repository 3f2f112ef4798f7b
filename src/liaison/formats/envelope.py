"""The interchange reference of a message, read from its envelope alone.

Receipt needs it before the message is parsed, to recognise a message sent
twice (same sender, same reference) without processing it again. It is read
where the readers read it: inside a Type-B or e-mail envelope, in UTF-16 too.
"""

from __future__ import annotations

import re

from liaison.formats.edifact import decode_interchange, iter_segments, read_una
from liaison.formats.errors import ParseError
from liaison.formats.gateway import open_envelope

_XML_REFERENCE = re.compile(r"""\b(?:EchoToken|TransactionIdentifier)\s*=\s*["']([^"']{1,64})["']""")
HEAD_BYTES = 8192


def interchange_reference(data: bytes) -> str | None:
    """UNB's interchange control reference, or an XML message's echo token; None if absent."""
    opened = open_envelope(data)
    end = min(opened.end, opened.start + HEAD_BYTES)
    text = decode_interchange(opened.data, opened.start, end).text
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        match = _XML_REFERENCE.search(text)
        return match.group(1) if match else None
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
