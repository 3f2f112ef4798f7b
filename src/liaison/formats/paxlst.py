"""PAXLST (UN/EDIFACT D02B and D05B, WCO/IATA/ICAO API guidelines; UN and US variants).

Message level: ``BGM`` (745 passengers, 250 crew), ``RFF``, reporting party
``NAD+MS``, then one ``TDT`` group per leg (``formats.paxlst_legs``). Then one
group per traveller (``formats.paxlst_traveller``): ``NAD+FL`` passenger,
``NAD+FM`` crew (``DDT``/``DDU`` in transit), or, in the US variant, ``PDT``
(``formats.paxlst_us``), each followed by its details.

Never fewer travellers than the message names: every segment that names a
person is read into a traveller or reported as a ``ParseError``; so is every
group of traveller details that no name opens (its ``NAD`` missing, or a second
``ATT+2``/``DTM+329`` in one traveller's group, which means the next one's
``NAD`` is missing). Each traveller is read on its own, so one broken traveller
is reported without losing the others. A traveller is lost only when it cannot
be read at all (no surname, a name with control characters): one element that
cannot be read (a gender, a date, a bag count) is left empty with a warning
naming the message, the traveller by position (``traveller 3 (NAD #21)``: the
third person the message names), the segment and the element, and the traveller
is kept; likewise a leg's date (a leg without flight number is lost).

The reader streams: segments are read one group at a time and the message is
yielded in parts of at most ``chunk`` travellers, so memory is bounded by the
input, not by the number of travellers. Every part has the message's header and
the legs read so far (all of them, when legs come first as they should); the
last part carries the warnings that need the whole message (``UNT``, ``CNT``
counts, segments not read) and, for the last message, the interchange's.
``read_paxlst`` joins the parts of each message back into one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from liaison.domain.codes import TravellerRole
from liaison.domain.errors import InvalidInput
from liaison.domain.passenger import Leg, PaxlstMessage, Traveller
from liaison.formats.catalogue import warning
from liaison.formats.edifact import EnvelopeReader, RawMessage, Segment, cleaning_warnings
from liaison.formats.errors import ParseError
from liaison.formats.paxlst_legs import LEG_PLACES, LEG_TIMES, GroupError, qualifier, read_leg
from liaison.formats.paxlst_traveller import (
    NAME_ELEMENTS,
    NOT_KEPT,
    TRAVELLER_CODES,
    Details,
    read_details,
    read_nad,
)
from liaison.formats.paxlst_us import name_elements, read_pdt, same_person
from liaison.formats.paxlst_write import write_paxlst
from liaison.formats.result import ReadResult

__all__ = ["iter_paxlst", "read_paxlst", "write_paxlst"]

# Parties named at message level: the reporting party (its contact, not a traveller).
PARTY_CODES = frozenset({"MS"})
MESSAGE_TAGS = frozenset({"BGM", "CNT", "UNS", "CTA"})
# Message-level segments read past in silence (the transaction reference, contacts).
_HEADER_NOT_KEPT = frozenset({"NAD", "COM", "CTA", "UNS", "RFF", "BGM", "CNT"})
_DETAIL_TAGS = frozenset({"ATT", "NAT", "DOC", "MEA", "QTY", "EMP", "GEI"})
_DETAIL_PLACES = frozenset({"174", "178", "179", "180", "91"})
_DETAIL_TIMES = frozenset({"329", "36", "182"})


def _is_detail(seg: Segment) -> bool:
    """A segment that only a traveller's group can hold."""
    tag = seg.tag
    if tag in _DETAIL_TAGS:
        return True
    if tag == "LOC":
        q = qualifier(seg)
        return q in _DETAIL_PLACES and q not in LEG_PLACES
    if tag == "DTM":
        q = qualifier(seg)
        return q in _DETAIL_TIMES and q not in LEG_TIMES
    return tag == "FTX" and seg.get(1, 1).strip().upper() == "BAG"


def _once(seg: Segment) -> str | None:
    """Segments a traveller has once: a second one starts the next traveller."""
    tag = seg.tag
    if tag == "ATT":
        return "ATT+2" if seg.get(1, 1).strip() == "2" else None
    if tag == "DTM":
        return "DTM+329" if qualifier(seg) == "329" else None
    return None


@dataclass(slots=True)
class _Group:
    kind: str  # leg, traveller, message, orphan (details without a name), unplaced (unknown NAD)
    segments: list[Segment]
    seen: set[str] = field(default_factory=set)
    pdt: bool = False


def _opens(seg: Segment, group: _Group | None, once: str | None) -> str | None:
    """The kind of group ``seg`` opens, or None when it belongs to ``group``
    (``once``: what ``_once`` says of ``seg``)."""
    tag = seg.tag
    if tag == "TDT":
        return "leg"
    if tag == "NAD":
        q = seg.get(1, 1).strip().upper()
        if q in TRAVELLER_CODES:
            return "traveller"
        return "message" if q in PARTY_CODES else "unplaced"
    if tag == "PDT":
        if (
            group is not None
            and group.kind == "traveller"
            and not group.pdt
            and same_person(group.segments[0], seg)
        ):
            return None  # the details of the traveller the NAD before it names
        return "traveller"
    if tag in MESSAGE_TAGS:
        return "message"
    if group is None:
        return "orphan" if _is_detail(seg) else "message"
    if group.kind in ("leg", "message"):
        return "orphan" if _is_detail(seg) else None
    if group.kind == "traveller" and once is not None and once in group.seen:
        return "orphan"
    return None


def _groups(segments: Iterator[Segment]) -> Iterator[_Group]:
    """The message's segments, one group at a time (only the current one is held)."""
    group: _Group | None = None
    for seg in segments:
        once = _once(seg)
        kind = _opens(seg, group, once)
        if kind is not None:
            if group is not None:
                yield group
            group = _Group(kind, [seg], pdt=seg.tag == "PDT")
        else:
            assert group is not None
            group.segments.append(seg)
            group.pdt = group.pdt or seg.tag == "PDT"
        if once is not None and group.kind == "traveller":
            group.seen.add(once)
    if group is not None:
        yield group


def _error(
    env: EnvelopeReader,
    raw: RawMessage,
    reason: str,
    seg: Segment,
    element: str | None = None,
    code: str | None = None,
) -> ParseError:
    return ParseError(
        reason,
        reference=raw.reference,
        tag=seg.tag,
        segment_index=seg.number,
        byte_offset=env.decoded.byte_offset(seg.offset),
        element=element,
        code=code,
    )


def _names(seg: Segment) -> tuple[int, ...]:
    """The elements of ``seg`` that name a person (refused, never cleaned)."""
    if seg.tag == "NAD" and seg.get(1, 1).strip().upper() not in PARTY_CODES:
        return NAME_ELEMENTS
    if seg.tag == "PDT":
        return name_elements(seg)
    return ()


def _cleaned(raw: RawMessage, group: _Group) -> list[str]:
    """Warnings for values the tokenizer cleaned, but names: those are refused."""
    dirty: list[Segment] = []
    for seg in group.segments:
        if seg.cleaned:
            names = _names(seg)
            kept = seg.without_controls_in(names) if names else seg
            if kept.cleaned:
                dirty.append(kept)
    return cleaning_warnings(replace(raw, cleaned=dirty)) if dirty else []


class _MessageReader:
    """One message, read group by group into parts of at most ``chunk`` travellers."""

    def __init__(self, raw: RawMessage, env: EnvelopeReader, chunk: int) -> None:
        self.raw, self.env, self.chunk = raw, env, max(1, chunk)
        self.pivot = raw.interchange.prepared.year if raw.interchange.prepared else 2099
        self.legs: list[Leg] = []
        self.part: list[Traveller] = []
        self.warnings: list[str] = []
        self.unread: Counter[str] = Counter()
        self.doc_type: str | None = None
        self.expected: int | None = None
        self.named = 0  # travellers read or refused
        self.position = 0  # the persons the message names (NAD or PDT), in order
        self.where = f"message {raw.reference}: " if raw.reference else ""

    def parts(self) -> Iterator[ParseError | tuple[PaxlstMessage, bool]]:
        """Parts (with whether it is the last) and errors, as read."""
        cut: ParseError | None = None
        groups = _groups(self.raw.segments)
        while True:
            try:
                group = next(groups, None)
            except ParseError as exc:  # cut short: the group being read is lost with the rest
                cut = exc
                break
            if group is None:
                break
            self.raw.cleaned.clear()  # read per group below; the envelope reader only collects them
            self.warnings.extend(_cleaned(self.raw, group))
            error = self._group(group)
            if error is not None:
                yield error
            if len(self.part) >= self.chunk:
                yield self._message(), False
        self.warnings.extend(self.raw.warnings)
        if self.expected is not None and self.expected != self.named:
            counted = f"CNT says {self.expected} travellers, the message has {self.named}"
            self.warnings.append(warning("cnt-count", counted))
        if self.unread:
            listed = ", ".join(f"{key} ({n})" for key, n in sorted(self.unread.items()))
            self.warnings.append(warning("paxlst-segment-not-read", f"segments not read: {listed}"))
        yield self._message(), True
        if cut is not None:
            yield cut

    def _message(self) -> PaxlstMessage:
        raw = self.raw
        travellers = self.part
        if self.doc_type == "250":
            travellers = [replace(t, role=TravellerRole.CREW) for t in travellers]
        message = PaxlstMessage(
            sender=raw.interchange.sender,
            reference=raw.reference,
            interchange_reference=raw.interchange.control_reference,
            recipient=raw.interchange.recipient,
            prepared=raw.interchange.prepared,
            version=raw.version or None,
            document_type=self.doc_type,
            legs=tuple(self.legs),
            travellers=tuple(travellers),
            warnings=tuple(self.warnings),
        )
        self.part, self.warnings = [], []
        return message

    def _group(self, group: _Group) -> ParseError | None:
        first = group.segments[0]
        kind = group.kind
        if kind == "message":
            self._header(group)
            return None
        if kind == "leg":
            return self._leg(group)
        self.named += 1
        if kind == "orphan":
            tags = ", ".join(dict.fromkeys(_key(s) for s in group.segments))
            return _error(
                self.env,
                self.raw,
                f"traveller details ({tags}) with no NAD or PDT naming the traveller before them: "
                "the traveller's name is missing or out of place",
                first,
                element="tag",
                code="paxlst-details-without-name",
            )
        if kind == "unplaced":
            self.position += 1
            q = first.get(1, 1).strip()
            return _error(
                self.env,
                self.raw,
                f"NAD qualifier {q!r} is not a traveller's ({', '.join(sorted(TRAVELLER_CODES))}) nor the "
                f"reporting party's (MS): cannot place the person it names (person {self.position})",
                first,
                element="NAD 01",
                code="paxlst-unplaced-name",
            )
        return self._traveller(group)

    def _header(self, group: _Group) -> None:
        for seg in group.segments:
            if seg.tag == "BGM":
                self.doc_type = seg.get(1, 1).strip() or None
            elif seg.tag == "CNT":
                for el in seg.elements[1:]:
                    if el and el[0].strip() == "42" and len(el) > 1 and el[1].strip().isdigit():
                        self.expected = int(el[1].strip())
            elif seg.tag not in _HEADER_NOT_KEPT:
                self.unread[_key(seg)] += 1

    def _leg(self, group: _Group) -> ParseError | None:
        unread: list[str] = []
        try:
            self.legs.append(read_leg(group.segments, unread, self.warnings, self.where))
        except GroupError as exc:
            return _error(
                self.env, self.raw, f"leg at TDT: {exc.reason}", group.segments[0], exc.element, exc.code
            )
        except (ValueError, IndexError, InvalidInput) as exc:
            return _error(self.env, self.raw, f"leg at TDT: {exc}", group.segments[0], "TDT")
        self.unread.update(u for u in unread if u not in NOT_KEPT)
        return None

    def _traveller(self, group: _Group) -> ParseError | None:
        first = group.segments[0]
        self.position += 1
        d = Details(where=f"{self.where}traveller {self.position} ({first.tag} #{first.number}): ")
        try:
            try:
                if first.tag == "PDT":
                    read_pdt(first, d, self.pivot)
                else:
                    read_nad(first, d)
            except GroupError as exc:
                exc.segment = first
                raise
            rest = []
            for seg in group.segments[1:]:
                if seg.tag == "PDT":
                    try:
                        read_pdt(seg, d, self.pivot)
                    except GroupError as exc:
                        exc.segment = seg
                        raise
                else:
                    rest.append(seg)
            traveller = read_details(rest, d, self.pivot)
        except GroupError as exc:
            seg = exc.segment or first
            return _error(
                self.env,
                self.raw,
                f"traveller at {first.tag} #{first.number}: {exc.reason}",
                seg,
                exc.element,
                exc.code,
            )
        except (ValueError, IndexError, InvalidInput) as exc:
            return _error(self.env, self.raw, f"traveller at {first.tag}: {exc}", first, first.tag)
        self.part.append(traveller)
        self.warnings.extend(d.warnings)
        self.unread.update(d.unread)
        return None


def _key(seg: Segment) -> str:
    if seg.tag in ("LOC", "DTM", "ATT", "FTX", "MEA", "NAD"):
        return f"{seg.tag}+{seg.get(1, 1).strip().upper()}"
    return seg.tag


def _parts(data: bytes, chunk: int) -> Iterator[tuple[int, PaxlstMessage | ParseError]]:
    """Parts of messages, each with the number of its message, and errors (number 0).

    The last part of a message is held until the envelope reader has moved on, so
    that the interchange's own warnings (``UNZ``) can be added to the last message."""
    env = EnvelopeReader(data)
    held: tuple[int, PaxlstMessage] | None = None
    number = 0
    for item in env.messages("PAXLST"):
        if isinstance(item, ParseError):
            yield 0, item
            continue
        if held is not None:
            yield held
            held = None
        number += 1
        for part in _MessageReader(item, env, chunk).parts():
            if isinstance(part, ParseError):
                yield 0, part
            elif part[1]:
                held = (number, part[0])
            else:
                yield number, part[0]
    if held is not None:
        extra = tuple(env.warnings)
        yield held[0], replace(held[1], warnings=(*held[1].warnings, *extra)) if extra else held[1]
    for error in env.errors:
        yield 0, error


def iter_paxlst(data: bytes, chunk: int = 500) -> Iterator[PaxlstMessage | ParseError]:
    """The streaming form of ``read_paxlst`` (see ``formats.iter_message_bytes``):
    messages in parts of at most ``chunk`` travellers, and errors, as read."""
    for _, item in _parts(data, chunk):
        yield item


def _merged(items: Iterable[tuple[int, PaxlstMessage | ParseError]]) -> Iterator[PaxlstMessage | ParseError]:
    """The parts of each message joined into one (the last part has every leg)."""
    number = 0
    last: PaxlstMessage | None = None
    travellers: list[Traveller] = []
    warnings: list[str] = []
    for index, item in items:
        if isinstance(item, ParseError):
            yield item
            continue
        if last is not None and index != number:
            yield replace(last, travellers=tuple(travellers), warnings=tuple(warnings))
            travellers, warnings = [], []
        number, last = index, item
        travellers.extend(item.travellers)
        warnings.extend(item.warnings)
    if last is not None:
        yield replace(last, travellers=tuple(travellers), warnings=tuple(warnings))


def read_paxlst(data: bytes) -> ReadResult[PaxlstMessage]:
    """Read every PAXLST message in an interchange, each as one ``PaxlstMessage``."""
    return ReadResult.collect(_merged(_parts(data, 500)))
