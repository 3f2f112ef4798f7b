"""PNRGOV XML (``IATA_PNRGOV_NotifRQ``, XML implementation guide 13.1 to 16.1), streamed.

Read into the same domain objects as the EDIFACT reader. Parsed incrementally
with ``defusedxml``'s ``iterparse`` (a DTD is refused, so are entity
declarations and external references: the input comes from outside); each
``PNR`` is read when its end tag arrives and then removed from the tree, so
memory holds one PNR and the part being yielded, not the document. Namespaces
are ignored, because airlines send the schema namespace of their guide
version, or none. The notification's ``Originator`` and ``FlightLeg`` are read
where the schema puts them, before ``PNRs``. Several notifications inside a
wrapper (a SOAP envelope, a batch) are each a message.

What one PNR yields is in ``pnrgov_xml_pnr``; what is read, warned about and
refused is listed in docs/formats.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XmlParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from liaison.domain.codes import MessageFormat
from liaison.domain.passenger import Booking, Leg, PnrMessage
from liaison.formats.catalogue import warning
from liaison.formats.errors import ParseError
from liaison.formats.pnrgov_xml_pnr import read_booking, read_leg
from liaison.formats.pnrgov_xml_tree import attr, local
from liaison.formats.pnrgov_xml_values import Notes, date_time
from liaison.formats.result import ReadResult
from liaison.formats.xml_charset import Repaired, repair

NOTIFICATION = "IATA_PNRGOV_NotifRQ"


class _Notification:
    """One notification being read: its header, and the PNRs not yet yielded."""

    def __init__(self, el: Element, number: int, chunk: int, repaired: Repaired) -> None:
        self.el = el
        self.repaired = repaired
        self.number = number
        self.chunk = max(1, chunk)
        self.reference = attr(el, "EchoToken", "TransactionIdentifier") or str(number)
        self.version = attr(el, "Version")
        self.notes = Notes()
        self.prepared = date_time(el, NOTIFICATION, self.notes, "TimeStamp")
        self.sender: str | None = None
        self.flight: Leg | None = None
        self.expected: str | None = None
        self.pending: list[Booking] = []
        self.legs: dict[Leg, Leg] = {}  # one object per distinct leg: PNRs of a push share their flights
        self.told = 0  # header warnings already in a part
        self.seen = 0  # PNR elements met
        self.parts = 0
        self._charset(0, self.notes.items, "")

    def _charset(self, pnr: int, into: list[str], prefix: str) -> None:
        """The catalogued warning for bytes repaired in that PNR (0: outside any PNR)."""
        spot = self.repaired.spots.pop((self.number, pnr), None)
        if spot is not None:
            where = f"PNRs/PNR[{pnr}]: " if pnr else ""
            text = spot.describe(self.repaired.encoding)
            into.append(warning("xml-charset-guessed", f"{prefix}{where}{text}"))

    @property
    def pivot_year(self) -> int | None:
        if self.prepared is not None:
            return self.prepared.year
        if self.flight is not None and self.flight.departure is not None:
            return self.flight.departure.year
        return None

    def header(self, el: Element, name: str) -> None:
        if name == "Originator":
            self.sender = attr(el, "AirlineCode", "CompanyCode", "Code")
        elif name == "FlightLeg":
            self.flight = read_leg(el, "FlightLeg", self.notes)

    def pnr(self, el: Element) -> Iterator[PnrMessage | ParseError]:
        self.seen += 1
        where = f"PNRs/PNR[{self.seen}]"
        try:
            booking, errors = read_booking(el, where, self.pivot_year, self.sender, self.flight)
        except ParseError as exc:
            self._charset(self.seen, self.notes.items, "")
            yield exc.located(reference=self.reference, tag="PNR", segment_index=self.seen - 1)
            return
        repaired: list[str] = []
        self._charset(self.seen, repaired, f"PNR {booking.record_locator}: ")
        if repaired:
            booking = replace(booking, warnings=(*booking.warnings, *repaired))
        for error in errors:
            yield error.located(reference=self.reference, tag="Passenger", segment_index=self.seen - 1)
        if booking.itinerary:
            booking = replace(booking, itinerary=tuple(self.legs.setdefault(x, x) for x in booking.itinerary))
        self.pending.append(booking)
        if len(self.pending) >= self.chunk:
            yield self.part()

    def part(self, final: bool = False) -> PnrMessage:
        warnings = self.notes.items[self.told :]
        self.told = len(self.notes.items)
        for booking in self.pending:
            warnings.extend(booking.warnings)
        if final and self.expected is not None and self.expected != str(self.seen):
            warnings.append(
                warning(
                    "xml-pnr-count",
                    f"PNRs/@NumberOfPnrs says {self.expected} PNRs, the message has {self.seen}",
                )
            )
        message = PnrMessage(
            sender=self.sender,
            reference=self.reference,
            prepared=self.prepared,
            version=self.version,
            flight=self.flight,
            bookings=tuple(self.pending),
            format=MessageFormat.PNRGOV_XML,
            warnings=tuple(warnings),
        )
        self.pending = []
        self.parts += 1
        return message

    def finish(self) -> Iterator[PnrMessage]:
        for _, pnr in [key for key in self.repaired.spots if key[0] == self.number]:
            self._charset(pnr, self.notes.items, "")  # in a PNR element the reader did not meet
        count_differs = self.expected is not None and self.expected != str(self.seen)
        if self.pending or not self.parts or self.told < len(self.notes.items) or count_differs:
            yield self.part(final=True)


def _numbered(data: bytes, chunk: int) -> Iterator[tuple[int, PnrMessage | ParseError]]:
    """Parts and errors, each with the number of the notification it belongs to. Bytes the
    declared encoding cannot decode are repaired first (``xml_charset``), with a warning."""
    repaired = repair(data)
    stack: list[Element] = []
    notification: _Notification | None = None
    number = 0
    root: str | None = None
    events = iterparse(_Source(repaired.data), events=("start", "end"), forbid_dtd=True)
    while True:
        try:
            event, el = next(events)
        except StopIteration:
            break
        except DefusedXmlException as exc:
            yield from _cut_short(notification)
            yield (
                number,
                ParseError(
                    f"unsafe XML refused (a DTD, entity or external reference): {exc}", code="xml-unsafe"
                ),
            )
            return
        except (XmlParseError, ValueError, LookupError) as exc:
            yield from _cut_short(notification)
            yield (
                number,
                ParseError(
                    f"not well-formed XML: {exc}; the PNRs before this point are read",
                    code="xml-not-well-formed",
                ),
            )
            return
        name = local(el.tag)
        if event == "start":
            root = root or name
            if name == NOTIFICATION and notification is None:
                number += 1
                notification = _Notification(el, number, chunk, repaired)
            elif name == "PNRs" and notification is not None and stack[-1] is notification.el:
                notification.expected = attr(el, "NumberOfPnrs")
            stack.append(el)
            continue
        stack.pop()
        parent = stack[-1] if stack else None
        if notification is None:
            el.clear()  # outside any notification: nothing to read
        elif el is notification.el:
            for part in notification.finish():
                yield number, part
            notification = None
            if parent is not None:
                parent.remove(el)
        elif parent is notification.el:
            notification.header(el, name)
            parent.remove(el)
        elif parent is not None and local(parent.tag) == "PNRs" and stack[-2] is notification.el:
            if name == "PNR":
                for item in notification.pnr(el):
                    yield number, item
            parent.remove(el)
    if number == 0:
        yield 0, ParseError(f"root element is {root!r}, not {NOTIFICATION}", code="xml-not-pnrgov")


class _Source:
    """A file over bytes or the repaired bytearray, read by the parser 16 KB at a time,
    without copying the whole (``BytesIO`` would copy a bytearray)."""

    def __init__(self, data: bytes | bytearray) -> None:
        self.view = memoryview(data)
        self.pos = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.view) if size < 0 else self.pos + size
        chunk = bytes(self.view[self.pos : end])
        self.pos += len(chunk)
        return chunk


def _cut_short(notification: _Notification | None) -> Iterator[tuple[int, PnrMessage]]:
    """The PNRs of a notification read before the XML broke off."""
    if notification is not None and notification.pending:
        yield notification.number, notification.part()


def iter_pnrgov_xml(data: bytes, chunk: int = 500) -> Iterator[PnrMessage | ParseError]:
    """Messages and errors as they are read: each notification in parts of at most
    ``chunk`` bookings with the same header (see ``formats.iter_message_bytes``).
    A part's warnings are those of its bookings, the header's in the first part
    and the PNR count's in the last."""
    for _, item in _numbered(data, chunk):
        yield item


def read_pnrgov_xml(data: bytes) -> ReadResult[PnrMessage]:
    """Read every ``IATA_PNRGOV_NotifRQ`` of a document: the streamed parts of
    one notification merged back into one message."""
    return ReadResult.collect(_merged(_numbered(data, 500)))


def _merged(items: Iterator[tuple[int, PnrMessage | ParseError]]) -> Iterator[PnrMessage | ParseError]:
    parts: list[PnrMessage] = []
    current = -1
    for number, item in items:
        if isinstance(item, ParseError):
            yield item
            continue
        if number != current and parts:
            yield _join(parts)
            parts = []
        current = number
        parts.append(item)
    if parts:
        yield _join(parts)


def _join(parts: list[PnrMessage]) -> PnrMessage:
    if len(parts) == 1:
        return parts[0]
    return replace(
        parts[0],
        flight=next((p.flight for p in parts if p.flight is not None), None),
        bookings=tuple(b for p in parts for b in p.bookings),
        warnings=tuple(w for p in parts for w in p.warnings),
    )
