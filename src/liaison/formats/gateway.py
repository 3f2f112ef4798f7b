"""The EDIFACT interchange inside what gateways wrap around it.

API and PNR pushes relayed by SITA/ARINC Type-B gateways or by e-mail arrive
wrapped: a Type-B heading (priority and address line ``QU HDQRMXH FRAPIXH``,
origin line ``.HDQCRA9 130630``, sometimes on one line with a tab, SOH/STX/ETX
framing), an SMI block (``=HEADER`` … ``=TEXT``), e-mail headers, MIME parts
(multipart, base64, quoted-printable, read with the stdlib ``email`` package),
and after ``UNZ`` an end-of-message mark (``NNNN``, ETX), a signature or an
antivirus/disclaimer footer. ``open_envelope`` finds where the interchange
starts and ends; nothing is copied when the interchange is a plain slice of the
input, so byte offsets still count in the input as received. For a MIME-encoded
body (base64, quoted-printable, a multipart part) they count in that part's
decoded bytes.

What is cut away is decided line by line, never by guessing at data:

- envelope lines (Type-B heading, SMI block, e-mail headers, blank lines,
  framing characters) and a recognised footer are dropped silently;
- any other text before the interchange (a cover note) is dropped with a
  warning quoting it;
- text before it that looks like EDIFACT segments, a second interchange in an
  e-mail, and text after ``UNZ`` that is no recognised footer are errors (the
  latter reported by the envelope reader, as for any input);
- after ``UNZ``, another interchange (``UNA`` or ``UNB``), alone or behind an
  end-of-message mark and a Type-B heading, is a relay concatenated to the
  first: ``next_interchange`` finds it and the envelope reader reads it as an
  interchange of its own.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import Message

from liaison.formats.catalogue import warning
from liaison.formats.charsets import utf16_order
from liaison.formats.errors import ParseError

HEAD = 65536  # envelopes are small: where the interchange must start
TAIL = 65536  # and how much after the last UNZ a footer may take

# Where an interchange starts: UNA and its service characters, UNB with a
# syntax identifier, or a bare UNH.
_START = re.compile(rb"UNA[^A-Za-z0-9\r\n]{4}|UNB[^A-Za-z0-9\s]\s*(?:UNO[A-Z]|IAT[A-Z])|UNH[^A-Za-z0-9\s]")
_BLANK = b" \t\r\n\x00\x01\x02\x03\x04\x16\x1a\x1b"  # spaces and Type-B/teletype framing
_SMI = re.compile(rb"=[A-Z][A-Z0-9 /_-]*")
_ADDRESS = re.compile(rb"(?:[A-Z0-9]{2,8}[ \t]+)*[A-Z0-9]{2,8}")
_ORIGIN = re.compile(rb"(?:[A-Z0-9]{2,8}[ \t]+)*\.[A-Z0-9]{7}(?:[ \t/].*)?")
_HEADER_BLOCK = re.compile(
    rb"(?:From [^\r\n]*\r?\n)?(?:[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+\r?\n"
)
_HEADER_NAME = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*):", re.M)
_MAIL_HEADERS = frozenset(
    {b"from", b"to", b"subject", b"date", b"received", b"message-id", b"mime-version", b"content-type"}
)
_SEGMENT_LIKE = re.compile(rb"(?:^|['\x1c~])[ \t]*[A-Z]{3}[+*\x1d|][^\r\n]*?['\x1c~]", re.M)
_FOOTER = re.compile(
    rb"--[ \t]*$|[-_=*~#]{3,}|NNNN|=END|.*(?:virus|scanned|malware|disclaimer|confidential|intended "
    rb"recipient|privileged|this e-?mail|this message|unsubscribe|sent from|regards|thank)",
    re.I,
)


_END_MARK = re.compile(rb"NNNN|=END")
# Where a concatenated interchange starts: UNA, or UNB with a syntax identifier.
_NEXT = re.compile(rb"UNA[^A-Za-z0-9\r\n]{4}|UNB[^A-Za-z0-9\s]\s*(?:UNO[A-Z]|IAT[A-Z])")


@dataclass(frozen=True, slots=True)
class Opened:
    """Where the interchange is: ``data[start:end]``. ``data`` is the input itself,
    or the decoded MIME body or part that holds it (``decoded_part``)."""

    data: bytes
    start: int
    end: int
    envelope: str | None = None  # "type-b", "e-mail", "mime" or None
    decoded_part: bool = False
    warnings: tuple[str, ...] = ()
    errors: tuple[ParseError, ...] = ()


def _lead(data: bytes) -> int:
    at = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while at < len(data) and data[at] in b" \t\r\n":
        at += 1
    return at


def open_envelope(data: bytes) -> Opened:
    """Where the interchange in ``data`` is, and what was cut away around it."""
    if utf16_order(data[:4]) is not None:
        return Opened(data, 0, len(data))  # a UTF-16 file is a file, not a gateway relay
    lead = _lead(data)
    if data.startswith(b"<", lead):
        return Opened(data, 0, len(data))
    if _START.match(data, lead):
        return Opened(data, 0, _end(data, lead, len(data)))
    header = _HEADER_BLOCK.match(data, 0, HEAD)
    if header is not None and {n.lower() for n in _HEADER_NAME.findall(header.group())} & _MAIL_HEADERS:
        return _open_mail(data, header.end())
    return _open_text(data, 0, None, False)


def _open_mail(data: bytes, body: int) -> Opened:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    encoding = str(message.get("Content-Transfer-Encoding", "")).strip().lower()
    if not message.is_multipart() and encoding in ("", "7bit", "8bit", "binary"):
        return _open_text(data, body, "e-mail", False)  # the body is the input's own bytes
    found: list[tuple[Message, bytes]] = []
    for part in message.walk():
        payload = None if part.is_multipart() else part.get_payload(decode=True)
        if isinstance(payload, bytes) and _START.search(payload, 0, HEAD):
            found.append((part, payload))
    if not found:
        return Opened(data, 0, len(data))  # no interchange: the reader says what it sees
    opened = _open_text(found[0][1], 0, "mime", True)
    if len(found) == 1:
        return opened
    names = ", ".join(repr(part.get_filename() or part.get_content_type()) for part, _ in found)
    extra = ParseError(
        f"the e-mail holds {len(found)} interchanges ({names}); only the first is read: "
        "send each in its own message",
        element="MIME",
        code="envelope-more-interchanges",
    )
    return Opened(
        opened.data, opened.start, opened.end, "mime", True, opened.warnings, (*opened.errors, extra)
    )


def _open_text(data: bytes, begin: int, envelope: str | None, decoded: bool) -> Opened:
    """The interchange in ``data`` from ``begin``, behind Type-B or other text lines."""
    found = _START.search(data, begin, begin + HEAD)
    if found is None:
        return Opened(data, begin, len(data), envelope, decoded)
    start = found.start()
    kind, other = _classify(data[begin:start])
    warnings: list[str] = []
    errors: list[ParseError] = []
    if other:
        # the text is described, never quoted: a cover note or a stray segment may name a traveller
        lines = f"{len(other)} line{'' if len(other) == 1 else 's'}, {start - begin} bytes"
        if _SEGMENT_LIKE.search(b"\n".join(other)):
            errors.append(
                ParseError(
                    f"text before the interchange looks like EDIFACT data, not an envelope ({lines}; "
                    "a damaged or concatenated interchange?)",
                    byte_offset=None if decoded else begin,
                    element="envelope",
                    code="data-before-interchange",
                )
            )
        else:
            warnings.append(
                warning(
                    "envelope-text-removed",
                    f"text before the interchange that is no envelope was cut away ({lines})",
                )
            )
    return Opened(
        data,
        start,
        _end(data, start, len(data)),
        envelope or kind,
        decoded,
        tuple(warnings),
        tuple(errors),
    )


def _classify(prefix: bytes) -> tuple[str | None, list[bytes]]:
    """Whether ``prefix`` holds a Type-B heading or SMI block, and its lines that are
    no envelope. Address-like lines count as heading only when an origin line follows."""
    kind: str | None = None
    other: list[bytes] = []
    pending: list[bytes] = []
    in_smi = False
    for raw in prefix.split(b"\n"):
        line = raw.strip(_BLANK)
        if not line:
            continue
        if line.startswith(b"=") and _SMI.fullmatch(line):
            kind, in_smi = "type-b", line.upper() != b"=TEXT"
        elif in_smi:
            continue  # the values of an SMI block (priority, addresses, origin, message id)
        elif _ORIGIN.fullmatch(line):
            kind = "type-b"
            pending.clear()
        elif _ADDRESS.fullmatch(line):
            pending.append(line)
        else:
            other += pending
            pending.clear()
            other.append(line)
    return kind, other + pending


def _separators(data: bytes, start: int) -> tuple[bytes, bytes]:
    """The element separator (escaped for a pattern) and the terminator, as ``UNA``
    declares them (``edifact.read_una``'s rule, also without the decimal mark)."""
    if not data.startswith(b"UNA", start):
        return re.escape(b"+"), b"'"
    chars = data[start + 3 : start + 9]
    if len(chars) < 6 or chars[5:6].isspace() or chars[5:6].isalnum():
        chars = chars[:2] + b"." + chars[2:5]
    return re.escape(chars[1:2]), chars[5:6]


def _end(data: bytes, start: int, end: int) -> int:
    """Where the interchange ends: after UNZ when only an end-of-message mark or a
    recognised footer follows it; else ``end`` (the reader reports what follows)."""
    elem, term = _separators(data, start)
    window = max(start, end - TAIL)
    matches = list(re.finditer(rb"U(?:\r?\n)?N(?:\r?\n)?Z(?:\r?\n)?" + elem, data[window:end]))
    if not matches:
        return end
    after = window + matches[-1].end()
    terms = {term, "’".encode()} if term == b"'" else {term}
    stops = [k + len(t) for t in terms if (k := data.find(t, after, end)) != -1]
    if not stops:
        return end
    cut = min(stops)
    rest = data[cut:end]
    body = rest.strip(_BLANK)
    if not body:
        return cut if rest else end
    first = body.split(b"\n", 1)[0].strip()
    if _FOOTER.match(first) and not _SEGMENT_LIKE.search(body) and not _START.search(body):
        return cut
    return end


def next_interchange(after: bytes) -> int | None:
    """Where another interchange starts in ``after`` (what follows an ``UNZ``), when only
    envelope comes before it: blank lines and framing, end-of-message marks (``NNNN``,
    ``=END``), a Type-B heading or an SMI block. None when anything else does, or when no
    interchange follows within ``HEAD`` bytes (a bare ``UNH`` is no interchange)."""
    found = _NEXT.search(after, 0, HEAD)
    if found is None:
        return None
    lines = (line.strip(_BLANK) for line in after[: found.start()].split(b"\n"))
    heading = b"\n".join(line for line in lines if line and not _END_MARK.fullmatch(line))
    _, other = _classify(heading)
    return None if other else found.start()
