"""Bytes of an XML document that its declared encoding cannot decode, repaired before parsing.

A PNRGOV XML push is UTF-8 (declared, or by default) but a name typed on a
Latin-1 terminal may reach it as one raw byte (``M\\xdcLLER``). Expat then stops
with "not well-formed" and every PNR after the byte is lost. As the EDIFACT
reader does value by value (``formats/charsets.py``), each *run* of bytes that
the declared encoding cannot decode is read on its own and the rest of the
document keeps its encoding:

- UTF-8 (declared or by default): a run that is not valid UTF-8 is read as
  Windows-1252 (ISO 8859-1 for its five undefined bytes) and written back as
  UTF-8;
- a single-byte encoding (US-ASCII, Windows-1252…): a byte it leaves undefined
  is read as UTF-8 when the run is valid UTF-8, else as Windows-1252, and
  written back as character references (``&#xDC;``), since the declared set
  may not hold the character;
- UTF-16/32 and multi-byte sets are left to expat, which decodes them itself or
  refuses them (it cannot read multi-byte sets other than UTF-8 and UTF-16).

Assumption: inside a comment or CDATA section a character reference is not
expanded; PNRGOV XML puts names in attributes and element text, where it is.

A document that decodes cleanly is returned as it is, never copied; one that
does not is copied once, the repairs written in place. Each repair is located
(line, element, notification and PNR) so the reader can warn on the PNR it
belongs to without quoting the value.
"""

from __future__ import annotations

import codecs
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from liaison.formats.charsets import utf16_order, windows_1252

_CHUNK = 1 << 20
_SMALL_CHUNK = 1 << 12
_DECLARATION = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']""")
_COUNTED = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(IATA_PNRGOV_NotifRQ|PNR)(?=[\s/>])")
_NAME = re.compile(rb"[^\s/>=\"']+")
_PLACES_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Place:
    line: int
    element: str  # "<Surname>", "after </Surname>", "a comment"…


@dataclass(slots=True)
class Spot:
    """The repairs met in one PNR (or outside any PNR) of one notification."""

    places: list[Place] = field(default_factory=list)  # the first few, each once
    count: int = 0  # runs of bytes repaired
    elsewhere: bool = False  # some in places not listed
    guessed: set[str] = field(default_factory=set)

    def add(self, place: Place, guessed: str) -> None:
        self.count += 1
        self.guessed.add(guessed)
        if place in self.places:
            return
        if len(self.places) < _PLACES_SHOWN:
            self.places.append(place)
        else:
            self.elsewhere = True

    def describe(self, encoding: str) -> str:
        runs = f"{self.count} runs of bytes" if self.count > 1 else "bytes"
        shown = ", ".join(f"line {p.line} in {p.element}" for p in self.places)
        more = " and elsewhere" if self.elsewhere else ""
        read_as = " or ".join(sorted(self.guessed))
        return f"{runs} not valid {encoding} at {shown}{more}; read as {read_as}, a guess"


@dataclass(slots=True)
class Repaired:
    """The document to parse, and where bytes were repaired: by (notification, PNR)
    numbers, both from 1; PNR 0 is outside any PNR (notification 1 holds what
    comes before the first)."""

    data: bytes | bytearray
    encoding: str = "UTF-8"
    spots: dict[tuple[int, int], Spot] = field(default_factory=dict)


def repair(data: bytes) -> Repaired:
    """``data`` with every run its encoding cannot decode read on its own (see the module)."""
    if utf16_order(data[:4]) is not None:
        return Repaired(data)
    declared = _DECLARATION.match(data[:1024])
    label = declared.group(1).decode("ascii", "replace") if declared else "UTF-8"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return Repaired(data)  # expat reports the unknown encoding
    if codec == "utf-8":
        runs = array("Q", _utf8_invalid(data))
        as_references = False
    elif (bad := _undefined_bytes(codec)) is not None:
        runs = array("Q", (x for m in bad.finditer(data) for x in m.span()))
        as_references = True
    else:
        return Repaired(data)
    if not runs:
        return Repaired(data, label)
    return _rewrite(data, runs, label, as_references)


def _utf8_invalid(data: bytes) -> Iterator[int]:
    """Start and end of each run of bytes that is not valid UTF-8, scanned without copying
    ``data``: in chunks of up to a megabyte (each decoded and dropped at once), smaller just
    after a bad byte, since the decoder sizes its output by the chunk before it stops."""
    view = memoryview(data)
    pos, size, chunk = 0, len(data), _CHUNK
    run_start = run_end = -1
    while pos < size:
        end = min(size, pos + chunk)
        final = end == size
        try:
            _, used = codecs.utf_8_decode(view[pos:end], "strict", final)
            if not used and not final:  # only an unfinished sequence: settle it now
                _, used = codecs.utf_8_decode(view[pos:end], "strict", True)
        except UnicodeDecodeError as exc:
            start, stop = pos + exc.start, pos + exc.end
            if start != run_end:
                if run_start >= 0:
                    yield run_start
                    yield run_end
                run_start = start
            run_end = stop
            pos, chunk = stop, _SMALL_CHUNK
            continue
        pos += used
        chunk = min(_CHUNK, chunk * 2)
    if run_start >= 0:
        yield run_start
        yield run_end


def _undefined_bytes(codec: str) -> re.Pattern[bytes] | None:
    """A pattern for runs of the bytes a single-byte ``codec`` leaves undefined; None for a
    multi-byte or Unicode codec, or one that defines every byte."""
    if codec.startswith(("utf-", "utf_")):
        return None
    try:
        if len(bytes(range(256)).decode(codec, "replace")) != 256:
            return None
    except (UnicodeError, LookupError, TypeError):
        return None
    bad = bytearray()
    for byte in range(256):
        try:
            bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            bad.append(byte)
    if not bad:
        return None
    return re.compile(b"[" + b"".join(re.escape(bytes([b])) for b in bad) + b"]+")


def _guess(raw: bytes, as_references: bool) -> tuple[str, str]:
    if as_references:
        try:
            return raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            pass
    return windows_1252(raw), "Windows-1252"


def _replacement(text: str, as_references: bool) -> bytes:
    if as_references:
        return "".join(f"&#x{ord(ch):X};" for ch in text).encode("ascii")
    return text.encode("utf-8")


def _rewrite(data: bytes, runs: array[int], encoding: str, as_references: bool) -> Repaired:
    """One copy of ``data`` with each run replaced, sized before it is filled."""
    size = len(data)
    for i in range(0, len(runs), 2):
        start, end = runs[i], runs[i + 1]
        text, _ = _guess(data[start:end], as_references)
        size += len(_replacement(text, as_references)) - (end - start)
    out = bytearray(size)
    view = memoryview(data)
    result = Repaired(out, encoding)
    locator = _Locator(data)
    src = dst = 0
    for i in range(0, len(runs), 2):
        start, end = runs[i], runs[i + 1]
        out[dst : dst + start - src] = view[src:start]
        dst += start - src
        text, guessed = _guess(data[start:end], as_references)
        new = _replacement(text, as_references)
        out[dst : dst + len(new)] = new
        dst += len(new)
        src = end
        key, place = locator.at(start)
        result.spots.setdefault(key, Spot()).add(place, guessed)
    out[dst:] = view[src:]
    return result


class _Locator:
    """Line, element, notification and PNR of increasing byte offsets, in one pass."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.tags = _COUNTED.finditer(data)
        self.next_tag = next(self.tags, None)
        self.offset = 0
        self.line = 1
        self.notification = 0
        self.pnr = 0
        self.in_pnr = False

    def at(self, offset: int) -> tuple[tuple[int, int], Place]:
        self.line += self.data.count(b"\n", self.offset, offset)
        self.offset = offset
        while self.next_tag is not None and self.next_tag.start() < offset:
            closing, name = self.next_tag.group(1), self.next_tag.group(2)
            if name == b"PNR":
                self.in_pnr = not closing
                self.pnr += 0 if closing else 1
            elif not closing:
                self.notification += 1
                self.pnr, self.in_pnr = 0, False
            self.next_tag = next(self.tags, None)
        key = (max(1, self.notification), self.pnr if self.in_pnr else 0)
        return key, Place(self.line, self._element(offset))

    def _element(self, offset: int) -> str:
        """The element the offset is in (or after), by the last tag before it."""
        lt = self.data.rfind(b"<", 0, offset)
        if lt < 0:
            return "the prolog"
        head = self.data[lt + 1 : min(offset, lt + 1 + 200)]
        if head.startswith(b"!--"):
            return "a comment"
        if head.startswith(b"![CDATA["):
            return "a CDATA section"
        if head.startswith((b"?", b"!")):
            return "the prolog"
        closing = head.startswith(b"/")
        match = _NAME.match(head, 1 if closing else 0)
        name = match.group(0).decode("ascii", "replace").rpartition(":")[2] if match else "?"
        return f"after </{name}>" if closing else f"<{name}>"
