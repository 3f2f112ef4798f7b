"""PNRGOV EDIFACT (IATA PADIS, versions 10 to 15 as airlines send them): messages.

The syntax is ``edifact``'s; ``pnrgov_pnr`` gives one PNR (``SRC`` group) its
meaning; this module reads the message header (``MSG``, ``ORG``, the pushed
flight's ``TVL``, ``EQN``) and streams the PNRs: each is read and released on
its own, and a message is yielded in parts of at most ``chunk`` bookings, so
that memory is bounded by the input, never by what it says.

One broken PNR never loses the others, and one unreadable element never loses
its PNR (see ``pnrgov_pnr``). Message-level warnings (the header's, ``UNT`` and
``EQN`` counts, ``UNZ``) come with the last part of the message.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from liaison.domain.errors import InvalidInput
from liaison.domain.passenger import Booking, Leg, PnrMessage
from liaison.formats.catalogue import warning
from liaison.formats.edifact import EnvelopeReader, RawMessage, Segment, cleaning_warnings
from liaison.formats.errors import ParseError
from liaison.formats.pnrgov_itinerary import is_operating_flight_tvl, operated_by, read_leg
from liaison.formats.pnrgov_pnr import HANDLERS, LIVE_STATES, PnrReader
from liaison.formats.pnrgov_write import write_pnrgov
from liaison.formats.result import ReadResult
from liaison.formats.values import int_or_none

__all__ = ["iter_pnrgov", "read_pnrgov", "write_pnrgov"]


class _Part(NamedTuple):
    """A part of message number ``number`` in the interchange."""

    number: int
    message: PnrMessage


class _End(NamedTuple):
    """The interchange's own warnings (``UNZ``), known once it is read."""

    warnings: tuple[str, ...]


def _error(
    env: EnvelopeReader, reason: str, seg: Segment, reference: str, element: str | None, code: str | None
) -> ParseError:
    return ParseError(
        reason,
        reference=reference,
        tag=seg.tag,
        segment_index=seg.number,
        byte_offset=env.decoded.byte_offset(seg.offset),
        element=element,
        code=code,
    )


@dataclass(slots=True)
class _Header:
    """What the message says before its first ``SRC``."""

    flight: Leg | None = None
    operating: tuple[str | None, str | None] = (None, None)
    carrier: str | None = None
    expected: int | None = None
    warnings: list[str] = field(default_factory=list)

    def read(self, seg: Segment) -> None:
        tag = seg.tag
        if tag == "TVL":
            if self.flight is None:
                self.flight = read_leg(seg, lambda element, text: self._note(seg, element, text))
            elif is_operating_flight_tvl(seg):
                self._operated_by(seg)
        elif tag == "TRA" and self.flight is not None:
            self._operated_by(seg)
        elif tag == "ORG" and self.carrier is None:
            self.carrier = seg.get(1, 1).strip() or None
        elif tag == "EQN":
            try:
                self.expected = int_or_none(seg.get(1, 1))
            except ValueError as exc:
                self._note(seg, "01:1", warning("element-unreadable", f"number of PNRs: {exc}; left empty"))

    def _operated_by(self, seg: Segment) -> None:
        carrier, flight = operated_by(seg)
        self.operating = (carrier or self.operating[0], flight or self.operating[1])

    def _note(self, seg: Segment, element: str, text: str) -> None:
        self.warnings.append(f"segment {seg.tag} #{seg.number} element {element}: {text}")

    def leg(self) -> Leg | None:
        flight = self.flight
        carrier, number = self.operating
        if flight is None or (carrier is None and number is None):
            return flight
        return replace(
            flight,
            operating_carrier=carrier or flight.operating_carrier,
            operating_flight_number=number or flight.operating_flight_number,
        )


def _pivot_year(raw: RawMessage) -> int:
    prepared = raw.interchange.prepared
    return prepared.year if prepared else 2099


def _cleaned(raw: RawMessage, segments: Iterable[Segment], locator: str | None) -> list[str]:
    """``control-characters-removed`` warnings of these segments (the tokenizer's words)."""
    dirty = [seg for seg in segments if seg.cleaned]
    if not dirty:
        return []
    locators = {seg.number: locator for seg in dirty} if locator else None
    return cleaning_warnings(replace(raw, cleaned=dirty, warnings=[]), locators)


def _read_message(raw: RawMessage, env: EnvelopeReader, chunk: int) -> Iterator[PnrMessage | ParseError]:
    """One UNH..UNT message in parts of at most ``chunk`` bookings, and the errors of
    its PNRs, one PNR at a time as the segments stream in. A message cut short
    keeps the PNRs read before the cut; the PNR being read is reported lost."""
    header = _Header()
    pivot = _pivot_year(raw)
    separator = env.delimiters.element
    bookings: list[Booking] = []
    warnings: list[str] = []  # of the bookings in the current part
    late: list[str] = []  # message-level, for the last part
    count = 0

    def part(extra: Iterable[str] = ()) -> PnrMessage:
        return PnrMessage(
            sender=raw.interchange.sender or header.carrier,
            reference=raw.reference,
            interchange_reference=raw.interchange.control_reference,
            recipient=raw.interchange.recipient,
            prepared=raw.interchange.prepared,
            version=raw.version or None,
            flight=header.leg(),
            bookings=tuple(bookings),
            warnings=(*warnings, *extra),
        )

    def read_pnr(segments: list[Segment], dirty: bool) -> Iterator[ParseError]:
        reader = PnrReader(pivot, None, separator)
        src = seg = segments[0]
        try:
            for seg in segments[1:]:
                handler = HANDLERS.get(seg.tag)
                if handler is not None and reader.state in LIVE_STATES:
                    handler(reader, seg)
                else:
                    reader.feed(seg)
            booking = reader.booking(src)
        except (ValueError, IndexError, KeyError, TypeError, InvalidInput) as exc:
            # a defect of this reader, not of the input: the PNR is reported, not lost silently
            yield env.error(
                f"PNR {reader.locator or '#' + str(count)}: cannot read segment: {exc}",
                seg,
                reference=raw.reference,
                element=seg.tag,
            )
            late.extend(_cleaned(raw, segments, reader.locator))
            return
        refused = set()
        if reader.refusals:
            name = f"PNR {reader.locator or '#' + str(count)}"
            for r in reader.refusals:
                yield _error(env, f"{name}: {r.reason}", r.segment, raw.reference, r.element, r.code)
                if r.code == "name-control-characters":
                    refused.add(r.segment.number)
        clean = (
            _cleaned(raw, (s for s in segments if s.number not in refused), reader.locator) if dirty else []
        )
        if booking is None:
            late.extend(clean)
            return
        if clean:
            booking = replace(booking, warnings=_in_order(clean, booking.warnings))
        bookings.append(booking)
        warnings.extend(booking.warnings)

    kept = 0  # bookings yielded in earlier parts

    def add(segments: list[Segment], dirty: bool) -> Iterator[PnrMessage | ParseError]:
        nonlocal bookings, warnings, kept
        if len(bookings) >= chunk:  # a full part, and more to come: out with it
            yield part()
            kept += len(bookings)
            bookings, warnings = [], []
        yield from read_pnr(segments, dirty)

    pnr: list[Segment] | None = None
    header_segments: list[Segment] = []  # those with control characters removed
    cut: ParseError | None = None
    mark = 0  # len(raw.cleaned) when the PNR started: whether any of its segments was cleaned
    try:
        for seg in raw.segments:
            if seg.tag == "SRC":
                if pnr is not None:
                    yield from add(pnr, len(raw.cleaned) != mark)
                mark = len(raw.cleaned) - (1 if seg.cleaned else 0)  # the SRC is this PNR's
                count += 1
                pnr = [seg]
            elif pnr is None:
                header.read(seg)
                if seg.cleaned:
                    header_segments.append(seg)
            else:
                pnr.append(seg)
    except ParseError as exc:
        cut = exc
    if pnr is not None:
        if cut is None:
            yield from add(pnr, len(raw.cleaned) != mark)
        else:
            yield _cut_short(env, raw, pnr, count)
            late.extend(_cleaned(raw, pnr, None))
    late[:0] = [*_cleaned(raw, header_segments, None), *header.warnings]
    late.extend(raw.warnings)
    if header.expected is not None and header.expected != count and cut is None:
        late.append(warning("eqn-count", f"EQN says {header.expected} PNRs, the message has {count}"))
    if cut is None or kept or bookings:
        yield part(late)
    if cut is not None:
        yield cut


def _in_order(cleaned: list[str], notes: tuple[str, ...]) -> tuple[str, ...]:
    """Both kinds of warning of one PNR by segment number (``... segment TAG #n ...``)."""

    def number(text: str) -> int:
        _, _, rest = text.partition(" #")
        digits = rest.split(" ", 1)[0]
        return int(digits) if digits.isdigit() else 0

    return tuple(sorted((*cleaned, *notes), key=number))


def _cut_short(env: EnvelopeReader, raw: RawMessage, pnr: list[Segment], count: int) -> ParseError:
    rci = next((s for s in pnr if s.tag == "RCI"), None)
    locator = rci.get(1, 2).strip() if rci is not None else ""
    tifs = sum(1 for s in pnr if s.tag == "TIF")
    return _error(
        env,
        f"PNR {locator or '#' + str(count)}: the message ends inside this PNR; it is not read"
        + (f" (it names {tifs} traveller{'s' if tifs > 1 else ''})" if tifs else ""),
        pnr[0],
        raw.reference,
        None,
        code="pnr-cut-short",
    )


def _stream(data: bytes, chunk: int) -> Iterator[_Part | ParseError | _End]:
    env = EnvelopeReader(data)
    index = 0
    for item in env.messages("PNRGOV"):
        if isinstance(item, ParseError):
            yield item
            continue
        index += 1
        for got in _read_message(item, env, chunk):
            yield _Part(index, got) if isinstance(got, PnrMessage) else got
    yield from env.errors
    yield _End(tuple(env.warnings))


def iter_pnrgov(data: bytes, chunk: int = 500) -> Iterator[PnrMessage | ParseError]:
    """The streaming form of ``read_pnrgov`` (see ``formats.iter_message_bytes``): each
    message in parts of at most ``chunk`` bookings with the same header and flight;
    message-level warnings, and the interchange's, come with the last part."""
    if chunk < 1:
        raise ValueError("chunk must be at least 1 booking")
    held: PnrMessage | None = None  # the latest part, until the interchange's warnings are known
    for item in _stream(data, chunk):
        if isinstance(item, _Part):
            if held is not None:
                yield held
            held = item.message
        elif isinstance(item, _End):
            if held is not None and item.warnings:
                held = replace(held, warnings=(*held.warnings, *item.warnings))
        else:
            yield item
    if held is not None:
        yield held


def _merge(parts: list[PnrMessage]) -> PnrMessage:
    if len(parts) == 1:
        return parts[0]
    return replace(
        parts[-1],
        bookings=tuple(b for p in parts for b in p.bookings),
        warnings=tuple(w for p in parts for w in p.warnings),
    )


def _whole(data: bytes, chunk: int) -> Iterator[PnrMessage | ParseError]:
    """Each message whole (its parts merged), the interchange's warnings on each."""
    parts: dict[int, list[PnrMessage]] = {}
    errors: list[ParseError] = []
    extra: tuple[str, ...] = ()
    for item in _stream(data, chunk):
        if isinstance(item, _Part):
            parts.setdefault(item.number, []).append(item.message)
        elif isinstance(item, _End):
            extra = item.warnings
        else:
            errors.append(item)
    for group in parts.values():
        message = _merge(group)
        yield replace(message, warnings=(*message.warnings, *extra)) if extra else message
    yield from errors


def read_pnrgov(data: bytes) -> ReadResult[PnrMessage]:
    """Read every PNRGOV message in an interchange (bytes in, messages out)."""
    return ReadResult.collect(_whole(data, 500))
