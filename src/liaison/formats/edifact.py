"""EDIFACT syntax: service string advice, escaping, segments and envelopes.

Written here rather than taken from PyPI: the established tokenizer
(``pydifact`` 0.2.3) reads one character at a time through an iterator, gives
no segment positions (an analyst needs the byte offset of the segment at fault)
and rejects data that airlines really send (a line break after a release
character). This tokenizer splits with ``str.find``/``str.split`` — C speed —
and falls back to a character scan only inside segments that contain the
release character.

Tolerated, because real PNRGOV/PAXLST pushes contain them: CR/LF and spaces
between segments, CR/LF inside segments (dropped: they are line wrapping, not
data), the typographic apostrophe ``’`` used as segment terminator, a missing
terminator after ``UNZ``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from liaison.formats.catalogue import warning
from liaison.formats.charsets import Charset, declared_syntax, has_mojibake, utf16_order
from liaison.formats.errors import ParseError
from liaison.formats.gateway import HEAD, next_interchange, open_envelope


@dataclass(frozen=True, slots=True)
class Delimiters:
    """Service characters, from ``UNA`` or the ISO 9735 defaults."""

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    reserved: str = " "
    terminator: str = "'"

    def una(self) -> str:
        return (
            f"UNA{self.component}{self.element}{self.decimal}{self.release}{self.reserved}{self.terminator}"
        )


DEFAULT_DELIMITERS = Delimiters()


class Segment(NamedTuple):
    """One segment. ``elements[0][0]`` is the tag; ``elements[i]`` is data
    element ``i`` (1-based as in the implementation guides), a list of components.
    ``offset`` is the character offset of the tag in the decoded text."""

    tag: str
    elements: list[list[str]]
    number: int
    offset: int
    terminated: bool = True
    # Positions ("02:1") of components the tokenizer changed or doubted (control
    # characters removed, character set repaired or guessed); ``notes`` says why.
    cleaned: tuple[str, ...] = ()
    # (catalogue code, position) for each entry of ``cleaned``.
    notes: tuple[tuple[str, str], ...] = ()

    @property
    def controls_removed(self) -> tuple[str, ...]:
        """Positions whose control characters were removed (a name with them is refused);
        a value only re-decoded from another character set is not among them."""
        if not self.notes:
            return self.cleaned
        return tuple(p for code, p in self.notes if code == "control-characters-removed")

    def without_controls_in(self, elements: tuple[int, ...]) -> Segment:
        """This segment with the control-character notes of ``elements`` dropped (the
        reader refuses those values instead of warning about them)."""
        notes = tuple(
            (code, p)
            for code, p in (self.notes or [("control-characters-removed", p) for p in self.cleaned])
            if not (code == "control-characters-removed" and int(p[:2]) in elements)
        )
        return self._replace(cleaned=tuple(dict.fromkeys(p for _, p in notes)), notes=notes)

    def get(self, element: int, component: int = 1) -> str:
        """Component ``component`` of element ``element`` (both 1-based), or ``""``."""
        try:
            return self.elements[element][component - 1]
        except IndexError:
            return ""

    def size(self) -> int:
        """Number of data elements after the tag."""
        return len(self.elements) - 1


@dataclass(slots=True)
class Decoded:
    """Input bytes decoded to text, with what is needed to map back to bytes.

    ``prefix_bytes`` is where the text starts in the buffer it was decoded from
    (a byte-order mark, a gateway envelope cut away); ``charset`` says how the
    values are settled when the text is not plain UTF-8 (``charsets.Charset``)."""

    text: str
    encoding: str
    prefix_bytes: int = 0
    _cache: tuple[int, int] = (0, 0)
    errors: str = "replace"
    charset: Charset | None = None

    def byte_offset(self, char_offset: int) -> int:
        """Byte offset of a character offset. Incremental: errors come in order."""
        last_char, last_byte = self._cache
        if char_offset < last_char:
            last_char, last_byte = 0, 0
        delta = self.text[last_char:char_offset].encode(self.encoding, self.errors)
        result = last_byte + len(delta)
        self._cache = (char_offset, result)
        return result + self.prefix_bytes


def decode(data: bytes) -> Decoded:
    """Decode input whatever its character set.

    UTF-8 (UNOY, and ASCII for UNOA/UNOB) is tried first; anything that is not
    valid UTF-8 is read as ISO 8859-1 (UNOC), which never fails, so no byte is
    ever lost to decoding. UTF-16 is recognised by its byte order mark.
    """
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", "replace"), "utf-8", 3)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16", "replace"), "utf-16-le", 2)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")


def decode_interchange(data: bytes, start: int = 0, end: int | None = None) -> Decoded:
    """Decode ``data[start:end]`` for the readers, without copying the bytes.

    UTF-16 (with a byte-order mark, or recognised by its zero bytes) is decoded as
    such. Anything else is decoded as UTF-8 with ``surrogateescape`` (one lone
    surrogate per byte that is not UTF-8: nothing lost, offsets exact), and its
    values are settled one by one as ``charsets`` explains, after the character
    set ``UNB`` declares. Byte offsets count from the start of ``data``.
    """
    view = memoryview(data)[start:end]
    order = utf16_order(view)
    if order is not None:
        bom = 2 if bytes(view[:2]) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else 0
        body = view[bom:]
        text = str(body[: len(body) // 2 * 2], order, "replace")
        return Decoded(text, order, start + bom, errors="replace")
    bom = 3 if bytes(view[:3]) == codecs.BOM_UTF8 else 0
    body = view[bom:]
    mixed = False
    try:
        text = str(body, "utf-8")
    except UnicodeDecodeError:
        text = str(body, "utf-8", "surrogateescape")
        mixed = True
    syntax = declared_syntax(bytes(body[:1024]))
    non_ascii = mixed or not text.isascii()
    charset = None
    if non_ascii:
        charset = Charset(syntax, mixed, has_mojibake(text), non_ascii)
    return Decoded(text, "utf-8", start + bom, errors="surrogateescape", charset=charset)


_WS = " \t\r\n\x0b\x0c"
# C0 control characters and DEL carry no data in a passenger message: a NUL in a
# name cannot even be stored in a PostgreSQL text column. Tab, CR and LF are
# layout (CR/LF are already dropped inside segments); a delimiter declared by UNA
# is meaningful and is never counted here.
_CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))


def _control_pattern(delimiters: Delimiters) -> re.Pattern[str]:
    service = {delimiters.component, delimiters.element, delimiters.release, delimiters.terminator}
    return re.compile("[" + re.escape("".join(c for c in _CONTROLS if c not in service)) + "]")


def _clean(elements: list[list[str]], controls: re.Pattern[str]) -> list[tuple[str, str]]:
    """Remove control characters from every component in place; their positions."""
    cleaned: list[tuple[str, str]] = []
    for position, element in enumerate(elements):
        for index, value in enumerate(element):
            if controls.search(value):
                element[index] = controls.sub("", value)
                cleaned.append(("control-characters-removed", f"{position:02d}:{index + 1}"))
    return cleaned


def _notes(
    elements: list[list[str]],
    raw: str,
    charset: Charset | None,
    trigger: re.Pattern[str] | None,
    controls: re.Pattern[str] | None,
) -> list[tuple[str, str]]:
    """Settle character sets, then remove control characters: the warnings due."""
    notes: list[tuple[str, str]] = []
    if charset is not None and trigger is not None and trigger.search(raw):
        notes = _settle(elements, charset)
    if controls is not None and controls.search(raw):
        notes += _clean(elements, controls)
    return notes


def _settle(elements: list[list[str]], charset: Charset) -> list[tuple[str, str]]:
    """Settle the character set of every component in place; the warnings due."""
    notes: list[tuple[str, str]] = []
    for position, element in enumerate(elements):
        for index, value in enumerate(element):
            settled, code = charset.settle(value)
            element[index] = settled
            if code is not None:
                notes.append((code, f"{position:02d}:{index + 1}"))
    return notes


_TYPOGRAPHIC_TERMINATOR = re.compile(r"’(?=[ \t\r\n]*(?:[A-Z]{3}[^A-Za-z0-9]|\Z))")


_LEADING_WS = re.compile(f"[{_WS}]*")


def read_una(text: str, pos: int = 0) -> tuple[Delimiters, int]:
    """Delimiters and the offset where segments start (after ``UNA``, if any), from ``pos``."""
    match = _LEADING_WS.match(text, pos)
    start = match.end() if match else pos  # not lstrip: no copy of a large text
    if text.startswith("UNA", start) and len(text) >= start + 8:
        chars = text[start + 3 : start + 9]
        end = start + 9
        if len(chars) < 6 or chars[5] in _WS or chars[5].isalnum():
            # Seen in the wild: the decimal mark left out (``UNA:+\\*'``).
            chars = chars[0] + chars[1] + "." + chars[2:5]
            end = start + 8
        component, element, decimal = chars[0], chars[1], chars[2]
        release, reserved, terminator = chars[3], chars[4], chars[5]
        if terminator == "’":
            terminator = "'"
        if len({component, element, release, terminator}) < 4 or terminator in _WS.strip():
            raise ParseError(
                f"UNA declares the same character twice or a blank terminator: {chars!r}",
                tag="UNA",
                segment_index=0,
                byte_offset=start,
                element="UNA",
            )
        return Delimiters(component, element, decimal, release, reserved, terminator), end
    return DEFAULT_DELIMITERS, start


def _split_released(raw: str, element: str, component: str, release: str) -> list[list[str]]:
    """Split a segment that contains the release character, one character at a time."""
    elements: list[list[str]] = []
    comps: list[str] = []
    buf: list[str] = []
    i = 0
    n = len(raw)
    while i < n:
        ch = raw[i]
        if ch == release:
            if i + 1 < n:
                buf.append(raw[i + 1])
                i += 2
                continue
            buf.append(ch)  # a dangling release character at the end is kept as data
        elif ch == component:
            comps.append("".join(buf))
            buf = []
        elif ch == element:
            comps.append("".join(buf))
            elements.append(comps)
            comps = []
            buf = []
        else:
            buf.append(ch)
        i += 1
    comps.append("".join(buf))
    elements.append(comps)
    return elements


_CHUNK = 1 << 20


def _released(text: str, k: int, start: int, rel: str, newlines: bool) -> bool:
    """Whether the terminator at ``k`` follows an odd run of release characters; line
    breaks inside the run (a gateway wrapped the line after ``?``) do not count."""
    j = k - 1
    run = 0
    while j >= start:
        ch = text[j]
        if ch == rel:
            run += 1
        elif not (newlines and ch in "\r\n"):
            break
        j -= 1
    return run % 2 == 1


def _raw_segments(
    text: str, start: int, term: str, rel: str, newlines: bool = False
) -> Iterator[tuple[str, int, bool]]:
    """Raw segment texts with their offsets. Without release characters one
    ``str.split`` does it; with them, each terminator is checked for an odd
    run of release characters before it."""
    n = len(text)
    if not rel:
        # one split per megabyte, cut after a terminator: C speed, bounded memory
        pos = start
        while pos < n:
            limit = pos + _CHUNK
            cut = n
            if limit < n:
                k = text.rfind(term, pos, limit)
                if k == -1:
                    k = text.find(term, limit)
                if k != -1:
                    cut = k + 1
            pieces = text[pos:cut].split(term)
            for raw in pieces[:-1]:
                yield raw, pos, True
                pos += len(raw) + 1
            if cut == n and pieces[-1]:
                yield pieces[-1], pos, False
            pos = cut
        return
    find = text.find
    pos = start
    while pos < n:
        end = find(term, pos)
        while end != -1 and _released(text, end, pos, rel, newlines):
            end = find(term, end + 1)
        if end == -1:
            yield text[pos:], pos, False
            return
        yield text[pos:end], pos, True
        pos = end + 1


def _as_read(text: str, delimiters: Delimiters, start: int) -> tuple[str, bool, bool]:
    """The text as the reader reads it (a typographic terminator made plain, one
    character for one, so offsets hold), whether the release character occurs from
    ``start``, and whether line breaks may stand inside segments (then dropped)."""
    term = delimiters.terminator
    has_release = text.find(delimiters.release, start) != -1
    if term == "'" and "’" in text:
        text = _TYPOGRAPHIC_TERMINATOR.sub("'", text)
    newlines = term not in "\r\n" and ("\n" in text or "\r" in text)
    return text, has_release, newlines


def iter_segments(
    text: str,
    delimiters: Delimiters,
    start: int = 0,
    first_index: int = 0,
    charset: Charset | None = None,
) -> Iterator[Segment]:
    """Yield the segments of ``text`` from ``start``; each is split into elements only
    when reached, so a caller that streams keeps memory proportional to the input.
    ``charset`` (``Decoded.charset``) settles values that are not plain UTF-8."""
    term, elem, comp, rel = (
        delimiters.terminator,
        delimiters.element,
        delimiters.component,
        delimiters.release,
    )
    text, has_release, newlines = _as_read(text, delimiters, start)
    controls = _control_pattern(delimiters)
    dirty = controls.search(text, start) is not None  # once per input: the usual case pays nothing more
    trigger = charset.trigger() if charset is not None else None
    ws = _WS
    index = first_index
    for raw, seg_start, terminated in _raw_segments(text, start, term, rel if has_release else "", newlines):
        if not raw:
            continue
        if raw[0] in ws:
            stripped = raw.lstrip(ws)
            if not stripped:
                continue
            offset = seg_start + len(raw) - len(stripped)
        else:
            stripped = raw
            offset = seg_start
        if newlines and ("\n" in stripped or "\r" in stripped):
            stripped = stripped.replace("\r", "").replace("\n", "")
        if has_release and rel in stripped:
            elements = _split_released(stripped, elem, comp, rel)
        else:
            elements = [e.split(comp) for e in stripped.split(elem)]
        tag = elements[0][0]
        if len(tag) != 3 or not tag.isupper():
            tag = tag.strip().upper()
        if (trigger is not None and trigger.search(stripped)) or (dirty and controls.search(stripped)):
            notes = _notes(elements, stripped, charset, trigger, controls if dirty else None)
            if notes:
                cleaned = tuple(dict.fromkeys(position for _, position in notes))
                if "00:1" in cleaned:  # the tag itself was cleaned
                    tag = elements[0][0].strip().upper()
                yield Segment(tag, elements, index, offset, terminated, cleaned, tuple(notes))
                index += 1
                continue
        yield Segment(tag, elements, index, offset, terminated)
        index += 1


class Located(NamedTuple):
    """One data value as ``iter_segments`` reads it, with the offset in the text of
    each of its characters (release characters and dropped line breaks have none)."""

    tag: str
    element: int
    component: int
    value: str
    positions: tuple[int, ...]


def _segments_at(
    text: str, start: int, term: str, rel: str, near: Sequence[int], newlines: bool = False
) -> Iterator[tuple[str, int]]:
    """The raw segments holding the ascending offsets ``near``, each once, found from
    where they are (no walk from the start): a segment ends at a terminator not
    released by an odd run of release characters, as ``_raw_segments`` decides."""

    def released(k: int) -> bool:
        return _released(text, k, start, rel, newlines)

    end = start
    for offset in near:
        if offset < end or offset < start:
            continue  # in the segment already given, or in UNA
        left = offset
        while (k := text.rfind(term, start, left)) != -1 and rel and released(k):
            left = k
        begin = start if k == -1 else k + 1
        right = offset
        while (k := text.find(term, right)) != -1 and rel and released(k):
            right = k + 1
        end = len(text) if k == -1 else k
        yield text[begin:end], begin
        end += 1


def iter_located(
    text: str, delimiters: Delimiters, start: int = 0, near: Sequence[int] | None = None
) -> Iterator[Located]:
    """The data values of the segments holding one of the ascending offsets ``near``
    (of every segment if None), read
    by the same rules as ``iter_segments`` (typographic terminator, release
    character, line breaks inside segments) but one character at a time, so that
    each character of a value is known by its place in ``text``. Masking uses it
    to change exactly what the reader would read; it is not on the reading path."""
    term, elem, comp, rel = (
        delimiters.terminator,
        delimiters.element,
        delimiters.component,
        delimiters.release,
    )
    text, has_release, newlines = _as_read(text, delimiters, start)
    release = rel if has_release else ""
    if near is None:
        every = _raw_segments(text, start, term, release, newlines)
        segments: Iterator[tuple[str, int]] = ((raw, at) for raw, at, _ in every)
    else:
        segments = _segments_at(text, start, term, release, near, newlines)
    for raw, seg_start in segments:
        stripped = raw.lstrip(_WS)
        if not stripped:
            continue
        offset = seg_start + len(raw) - len(stripped)
        values: list[tuple[int, int, list[str], list[int]]] = []
        element = component = 0
        chars: list[str] = []
        places: list[int] = []
        i, n = 0, len(stripped)
        while i < n:
            ch = stripped[i]
            if newlines and ch in "\r\n":
                i += 1
                continue
            if ch == rel and has_release:
                j = i + 1
                while newlines and j < n and stripped[j] in "\r\n":
                    j += 1  # the reader drops line breaks before it reads releases
                if j < n:
                    chars.append(stripped[j])
                    places.append(offset + j)
                    i = j + 1
                    continue
                chars.append(ch)  # a dangling release character at the end is data
                places.append(offset + i)
            elif ch in (comp, elem):
                values.append((element, component, chars, places))
                chars, places = [], []
                if ch == comp:
                    component += 1
                else:
                    element, component = element + 1, 0
            else:
                chars.append(ch)
                places.append(offset + i)
            i += 1
        values.append((element, component, chars, places))
        tag = "".join(values[0][2])
        if len(tag) != 3 or not tag.isupper():
            tag = tag.strip().upper()
        for element, component, chars, places in values:
            yield Located(tag, element, component + 1, "".join(chars), tuple(places))


# --- envelopes --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interchange:
    """What ``UNB`` (and ``UNG``) say about the interchange."""

    syntax: str | None = None
    sender: str | None = None
    recipient: str | None = None
    prepared: datetime | None = None
    control_reference: str | None = None


@dataclass(slots=True)
class RawMessage:
    """One ``UNH``..``UNT`` message before its meaning is read.

    ``segments`` streams the body: it must be consumed before the next message
    is asked for, and it raises ``ParseError`` where the message is cut short
    (no ``UNT``, input ending inside a segment). Streaming keeps a 50 MB push
    from holding a million segments in memory at once. ``warnings`` and
    ``cleaned`` are complete once ``segments`` is exhausted.
    """

    reference: str
    type: str
    version: str
    unh: Segment
    interchange: Interchange
    segments: Iterator[Segment] = field(default_factory=lambda: iter(()))
    unt: Segment | None = None
    warnings: list[str] = field(default_factory=list)
    # Segments whose values were changed or doubted (see ``cleaning_warnings``).
    cleaned: list[Segment] = field(default_factory=list)
    charset: Charset | None = None

    def describe(self, code: str) -> str:
        """What a character-set warning of ``code`` says was done."""
        return self.charset.describe(code) if self.charset is not None else code


def cleaning_warnings(raw: RawMessage, locators: dict[int, str] | None = None) -> list[str]:
    """One warning per cleaned segment and kind of change (control characters
    removed, character set guessed or repaired), naming the segment, its elements
    and, when the reader knows it (``locators``: segment number to record locator),
    the PNR."""
    warnings = []
    for seg in raw.cleaned:
        locator = (locators or {}).get(seg.number)
        where = f"PNR {locator}: " if locator else ""
        by_code: dict[str, list[str]] = {}
        for code, position in seg.notes or [("control-characters-removed", p) for p in seg.cleaned]:
            by_code.setdefault(code, []).append(position)
        for code, positions in by_code.items():
            at = f"{where}segment {seg.tag} #{seg.number} element {', '.join(positions)}"
            if code == "control-characters-removed":
                warnings.append(warning("control-characters-removed", f"{at}: control characters removed"))
            elif code == "charset-guessed":
                warnings.append(warning("charset-guessed", f"{at}: {raw.describe(code)}"))
            elif code == "charset-not-as-declared":
                warnings.append(warning("charset-not-as-declared", f"{at}: {raw.describe(code)}"))
            else:
                warnings.append(warning("mojibake-repaired", f"{at}: {raw.describe(code)}"))
    return warnings


def parse_edifact_datetime(date: str, time: str = "") -> datetime | None:
    """``YYMMDD`` or ``CCYYMMDD`` with optional ``HHMM``; None when not a date."""
    date = date.strip()
    time = time.strip()
    try:
        if len(date) == 6 and date.isdigit():
            year = 2000 + int(date[:2])
            month, day = int(date[2:4]), int(date[4:6])
        elif len(date) == 8 and date.isdigit():
            year, month, day = int(date[:4]), int(date[4:6]), int(date[6:8])
        else:
            return None
        hour = minute = 0
        if len(time) >= 4 and time[:4].isdigit():
            hour, minute = int(time[:2]), int(time[2:4])
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


_SERVICE_TAGS = frozenset({"UNH", "UNT", "UNE", "UNZ", "UNB", "UNG"})


_TAG = re.compile(r"[A-Z0-9]{3}")


def _described(tag: str) -> str:
    """A segment tag as an error may show it: quoted when it is a tag, else only its
    length, because text where a tag should be may be a note that names a traveller."""
    return repr(tag) if _TAG.fullmatch(tag) else f"({len(tag)} characters of text)"


class EnvelopeReader:
    """Groups segments into messages and checks the envelopes around them.

    Errors that concern one message are attached to it by the caller; errors of
    the interchange itself (``UNZ`` not matching ``UNB``, input that is not
    EDIFACT at all) are collected in ``errors``. Interchanges written one after
    the other (gateway relays concatenated in one file) are each read as their
    own, whatever envelope lies between them (``_following``).
    """

    def __init__(self, data: bytes) -> None:
        # The interchange inside a gateway envelope, if any (``formats.gateway``):
        # byte offsets count in the input as received, or in a MIME part's body.
        self.opened = open_envelope(data)
        self.decoded = decode_interchange(self.opened.data, self.opened.start, self.opened.end)
        self.errors: list[ParseError] = list(self.opened.errors)
        self.warnings: list[str] = list(self.opened.warnings)
        self.delimiters = DEFAULT_DELIMITERS

    def error(
        self,
        reason: str,
        segment: Segment | None,
        *,
        reference: str | None = None,
        element: str | None = None,
        code: str | None = None,
    ) -> ParseError:
        """A ParseError located at ``segment`` with its byte offset."""
        if segment is None:
            return ParseError(reason, reference=reference, element=element, code=code)
        return ParseError(
            reason,
            reference=reference,
            tag=segment.tag if _TAG.fullmatch(segment.tag) else "(text)",  # free text is not quoted
            segment_index=segment.number,
            byte_offset=self.decoded.byte_offset(segment.offset),
            element=element,
            code=code,
        )

    def messages(self, expected_type: str | None = None) -> Iterator[RawMessage | ParseError]:
        """Yield each message (or the ParseError that prevents reading it)."""
        text = self.decoded.text
        try:
            delimiters, start = read_una(text)
        except ParseError as exc:
            yield exc
            return
        self.delimiters = delimiters
        charset = self.decoded.charset
        it = iter_segments(text, delimiters, start, charset=charset)
        self._pushback: list[Segment] = []  # segments to read before ``it``'s next
        self._truncated = False
        interchange = Interchange()
        seen_any = any_message = unz_seen = unb_seen = False
        last: Segment | None = None
        while True:
            seg = self._pushback.pop(0) if self._pushback else next(it, None)
            if seg is None:
                break
            last = seg
            tag = seg.tag
            if not seen_any:
                seen_any = True
                if len(tag) != 3 or not tag.isalnum():
                    yield self.error(
                        "not an EDIFACT message: the first segment tag is "
                        f"{tag[:20]!r}, expected UNA, UNB or UNH",
                        seg,
                        element="tag",
                    )
                    return
            if tag == "UNB":
                unb_seen, unz_seen = True, False
                interchange = Interchange(
                    syntax=seg.get(1, 1) or None,
                    sender=seg.get(2, 1).strip() or None,
                    recipient=seg.get(3, 1).strip() or None,
                    prepared=parse_edifact_datetime(seg.get(4, 1), seg.get(4, 2)),
                    control_reference=seg.get(5, 1).strip() or None,
                )
            elif tag == "UNH":
                any_message = True
                reference = seg.get(1, 1).strip()
                msg_type = seg.get(2, 1).strip().upper()
                version = ":".join(c for c in seg.elements[2][1:3] if c) if seg.size() >= 2 else ""
                if not reference:
                    yield self.error("UNH has no message reference", seg, element="UNH 01")
                if expected_type and msg_type and msg_type != expected_type:
                    yield self.error(
                        f"this is a {msg_type} message, not {expected_type}",
                        seg,
                        reference=reference or None,
                        element="UNH 02:1",
                    )
                    for skipped in it:
                        if skipped.tag == "UNT":
                            break
                        if skipped.tag in _SERVICE_TAGS:
                            self._pushback.append(skipped)
                            break
                    continue
                message = RawMessage(reference or "?", msg_type, version, seg, interchange, charset=charset)
                message.segments = self._body(message, it)
                yield message
                try:
                    for _ in message.segments:  # whatever the caller left unread
                        pass
                except ParseError as exc:
                    yield exc
                if self._truncated:
                    return
            elif tag == "UNT":
                yield self.error("UNT without a UNH before it", seg, element="UNT")
            elif tag == "UNZ":
                unz_seen = True
                ref = seg.get(2, 1).strip()
                ctrl = interchange.control_reference
                if ctrl is not None and ref != ctrl:
                    if seg.terminated:
                        self.warnings.append(
                            warning(
                                "unz-reference", f"UNZ control reference {ref!r} differs from UNB's {ctrl!r}"
                            )
                        )
                    else:
                        self.errors.append(
                            self.error(
                                f"the input does not end with UNZ+n+{ctrl}': found "
                                f"{ref[:40]!r} without segment terminator (damaged or "
                                "extra data after the interchange)",
                                seg,
                                element="UNZ 02",
                                code="text-after-interchange",
                            )
                        )
            elif tag in ("UNG", "UNE"):
                if tag == "UNG" and seg.get(2, 1).strip():
                    interchange = Interchange(
                        interchange.syntax,
                        interchange.sender or seg.get(2, 1).strip(),
                        interchange.recipient,
                        interchange.prepared,
                        interchange.control_reference,
                    )
            elif unz_seen and (following := self._following(text, seg, it)) is not None:
                it = following  # another interchange: read as one of its own, from its UNB
            elif not seg.terminated:
                yield self.error(
                    f"text after the last segment, without terminator: {_described(tag)} "
                    "(damaged or extra data after the interchange)",
                    seg,
                    element="tag",
                    code="text-after-interchange",
                )
            elif unz_seen:
                yield self.error(
                    f"text after the interchange (after UNZ): {_described(tag)}",
                    seg,
                    element="tag",
                    code="text-after-interchange",
                )
            else:
                yield self.error(
                    f"segment {_described(tag)} outside any message (between UNT and UNH)",
                    seg,
                    element="tag",
                )
        if not seen_any:
            yield ParseError("empty input: no EDIFACT segments")
            return
        if not any_message:
            yield self.error("no message (UNH) in the input", last, element="UNH")
        elif unb_seen and not unz_seen:
            yield self.error(
                "the interchange ends without UNZ: the input is truncated",
                last,
                element="UNZ",
            )

    def _following(self, text: str, seg: Segment, it: Iterator[Segment]) -> Iterator[Segment] | None:
        """After ``UNZ``, when ``seg`` starts another interchange (``UNA`` or ``UNB``, alone
        or behind an end-of-message mark and a Type-B heading, ``gateway.next_interchange``):
        the segments to read on, from that interchange; else None (the caller reports
        ``seg``). The tokenizer has read the envelope and the start of the interchange as
        one segment, up to the first terminator: that text is read again from the
        interchange's start; with other delimiters (its ``UNA``), all of the rest is."""
        window = text[seg.offset : seg.offset + HEAD].encode("utf-8", "surrogateescape")
        found = next_interchange(window)
        if found is None:
            return None
        begin = seg.offset + len(window[:found].decode("utf-8", "surrogateescape"))
        delimiters, start = read_una(text, begin)
        following = next(it, None)
        end = len(text) if following is None else following.offset
        charset = self.decoded.charset
        if delimiters == self.delimiters and begin < end:
            again = iter_segments(text[begin:end], delimiters, start - begin, seg.number, charset)
            self._pushback.extend(s._replace(offset=s.offset + begin) for s in again)
            if following is not None:
                self._pushback.append(following)
            return it
        self.delimiters = delimiters
        return iter_segments(text, delimiters, start, seg.number, charset=charset)

    def _body(self, message: RawMessage, it: Iterator[Segment]) -> Iterator[Segment]:
        """The segments between UNH and UNT, checked against UNT when it comes."""
        count = 0
        last = message.unh
        for seg in it:
            tag = seg.tag
            if tag in _SERVICE_TAGS:
                if tag == "UNT":
                    message.unt = seg
                    self._check_unt(message, seg, count)
                    return
                self._pushback.append(seg)
                raise self.error(
                    f"message has no UNT trailer before the next {tag} (truncated?)",
                    seg,
                    reference=message.reference,
                    element="UNT",
                )
            if not seg.terminated:
                self._truncated = True
                raise self.error(
                    "input ends inside this segment (no segment terminator "
                    f"{self.delimiters.terminator!r}): the message is truncated",
                    seg,
                    reference=message.reference,
                )
            count += 1  # noqa: SIM113 (UNT is consumed here and not counted)
            last = seg
            if seg.cleaned:
                message.cleaned.append(seg)
            yield seg
        self._truncated = True
        raise self.error(
            "input ends before the UNT trailer: the message is truncated",
            last,
            reference=message.reference,
            element="UNT",
        )

    def _check_unt(self, message: RawMessage, unt: Segment, body: int) -> None:
        count = unt.get(1, 1).strip()
        actual = body + 2
        if count and count.isdigit() and int(count) != actual:
            message.warnings.append(
                warning("unt-count", f"UNT says {int(count)} segments, the message has {actual}")
            )
        ref = unt.get(2, 1).strip()
        if ref and ref != message.reference:
            message.warnings.append(
                warning(
                    "unt-reference", f"UNT reference {ref!r} differs from UNH reference {message.reference!r}"
                )
            )


# --- writing ------------------------------------------------------------------


def escape(value: str, d: Delimiters = DEFAULT_DELIMITERS) -> str:
    """Release every service character in a data value."""
    rel = d.release
    if not any(c in value for c in (rel, d.terminator, d.element, d.component)):
        return value
    out = value.replace(rel, rel + rel)
    for c in (d.terminator, d.element, d.component):
        out = out.replace(c, rel + c)
    return out


def format_segment(
    tag: str, elements: Sequence[Sequence[str] | str], d: Delimiters = DEFAULT_DELIMITERS
) -> str:
    """One segment with trailing empty components and elements trimmed."""
    parts = [tag]
    for el in elements:
        if isinstance(el, str):
            parts.append(escape(el, d))
        else:
            comps = [escape(c, d) for c in el]
            while comps and comps[-1] == "":
                comps.pop()
            parts.append(d.component.join(comps))
    while len(parts) > 1 and parts[-1] == "":
        parts.pop()
    return d.element.join(parts) + d.terminator
