"""PAXLST (UN/EDIFACT D02B and D05B, WCO/IATA/ICAO API guidelines; UN and US variants).

Message level: ``BGM`` (745 passengers, 250 crew), ``RFF``, reporting party
``NAD+MS``, then one ``TDT`` group per leg (``LOC`` 125/87, or 92 twice for a
routing leg; ``DTM`` 189/232). Then one ``NAD`` group per traveller: ``NAD+FL``
passenger, ``NAD+FM`` crew (``DDT``/``DDU`` in transit), ``ATT`` gender,
``DTM+329`` birth, ``LOC`` 22/178/179/174/180, ``NAT``, ``RFF``, ``DOC`` with
``DTM`` 36/182 and ``LOC+91``. Each traveller is read on its own, so one broken
traveller is reported without losing the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from liaison.domain.codes import Gender, TravellerRole
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.domain.passenger import Document, Leg, PaxlstMessage, Seat, Traveller
from liaison.formats.catalogue import warning
from liaison.formats.edifact import (
    DEFAULT_DELIMITERS,
    Delimiters,
    EnvelopeReader,
    RawMessage,
    Segment,
    cleaning_warnings,
    format_segment,
)
from liaison.formats.errors import ParseError
from liaison.formats.interchange import read_interchange
from liaison.formats.result import ReadResult
from liaison.formats.values import gender, two_digit_year

CREW_CODES = frozenset({"FM", "DDU", "CRW"})
TRAVELLER_CODES = frozenset({"FL", "FM", "DDT", "DDU", "COT", "CRW"})


class _Err(Exception):
    def __init__(self, reason: str, element: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.element = element


def _dtm(value: str, fmt: str) -> datetime | None:
    """DTM values: 201 ``YYMMDDHHMM``, 203 ``CCYYMMDDHHMM``, 101/102 dates."""
    v = value.strip()
    if not v:
        return None
    if not v.isdigit():
        raise ValueError(f"{v!r} is not a date")
    if len(v) == 10:
        return datetime(2000 + int(v[0:2]), int(v[2:4]), int(v[4:6]), int(v[6:8]), int(v[8:10]))
    if len(v) == 12:
        return datetime(int(v[0:4]), int(v[4:6]), int(v[6:8]), int(v[8:10]), int(v[10:12]))
    if len(v) == 6:
        return datetime(2000 + int(v[0:2]), int(v[2:4]), int(v[4:6]))
    if len(v) == 8:
        return datetime(int(v[0:4]), int(v[4:6]), int(v[6:8]))
    raise ValueError(f"{v!r} is not a date in format {fmt or '201'}")


def _partial(value: str, pivot: int, past: bool) -> PartialDate | None:
    v = value.strip()
    if not v:
        return None
    if not v.isdigit() or len(v) not in (6, 8):
        raise ValueError(f"{v!r} is not a date YYMMDD or CCYYMMDD")
    if len(v) == 8:
        return PartialDate(int(v[0:4]), int(v[4:6]), int(v[6:8]))
    return PartialDate(two_digit_year(int(v[0:2]), pivot, past), int(v[2:4]), int(v[4:6]))


def _split_flight(text: str, carrier: str) -> tuple[str, str]:
    text = text.strip().replace(" ", "")
    if carrier and text.startswith(carrier):
        return carrier, text[len(carrier) :]
    if not carrier and len(text) > 2:
        return text[:2], text[2:]
    return carrier, text


@dataclass(slots=True)
class _T:
    role: TravellerRole
    surname: str
    given: str | None
    name_as_sent: str
    gender: Gender | None = None
    birth: PartialDate | None = None
    nationality: str | None = None
    residence: str | None = None
    birth_place: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    docs: list[Document] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    seats: list[str] = field(default_factory=list)


def _read_traveller(segs: Sequence[Segment], pivot: int) -> Traveller:
    nad = segs[0]
    code = nad.get(1, 1).strip().upper()
    surname = nad.get(4, 1).strip()
    if not surname:
        raise _Err("the traveller has no surname", "NAD 04:1")
    given_parts = [c.strip() for c in (nad.elements[4][1:] if nad.size() >= 4 else []) if c.strip()]
    t = _T(
        role=TravellerRole.CREW if code in CREW_CODES else TravellerRole.PASSENGER,
        surname=" ".join(surname.upper().split()),
        given=" ".join(given_parts).upper() or None,
        name_as_sent=":".join(nad.elements[4]) if nad.size() >= 4 else surname,
    )
    in_doc = False
    for seg in segs[1:]:
        tag = seg.tag
        if tag == "ATT":
            if seg.get(1, 1).strip() == "2":
                try:
                    t.gender = gender(seg.get(3, 1))[0]
                except ValueError as exc:
                    raise _Err(str(exc), "ATT 03:1") from None
        elif tag == "DTM":
            q = seg.get(1, 1).strip()
            try:
                if q == "329":
                    t.birth = _partial(seg.get(1, 2), pivot, past=True)
                elif q in ("36", "182") and t.docs:
                    d = _partial(seg.get(1, 2), pivot, past=q == "182")
                    if q == "36":
                        t.docs[-1] = replace(t.docs[-1], expiry=d)
                    else:
                        t.docs[-1] = replace(t.docs[-1], issued=d)
            except (ValueError, InvalidInput) as exc:
                raise _Err(f"date {q}: {exc}", "DTM 01:2") from None
        elif tag == "LOC":
            q = seg.get(1, 1).strip()
            place = next((c.strip() for c in seg.elements[2] if c.strip()), "") if seg.size() >= 2 else ""
            if q == "91" and in_doc and t.docs:
                t.docs[-1] = replace(t.docs[-1], issuing_country=place or None)
            elif q == "178":
                t.embarkation = place or None
            elif q == "179":
                t.debarkation = place or None
            elif q == "174":
                t.residence = place or None
            elif q == "180":
                t.birth_place = place or None
        elif tag == "NAT":
            t.nationality = seg.get(2, 1).strip() or None
        elif tag == "RFF":
            q, v = seg.get(1, 1).strip(), seg.get(1, 2).strip()
            if q == "SEA" and v:
                t.seats.append(v)
            elif v:
                t.refs.append(f"{q}:{v}")
        elif tag == "DOC":
            in_doc = True
            t.docs.append(
                Document(
                    kind="DOCS",
                    type=seg.get(1, 1).strip() or None,
                    number=seg.get(2, 1).strip() or None,
                    nationality=None,
                )
            )
    docs = tuple(replace(d, nationality=t.nationality) for d in t.docs)
    return Traveller(
        surname=t.surname,
        given_names=t.given,
        role=t.role,
        birth_date=t.birth,
        gender=t.gender,
        nationality=t.nationality,
        residence_country=t.residence,
        birth_place=t.birth_place,
        embarkation=t.embarkation,
        debarkation=t.debarkation,
        documents=docs,
        seats=tuple(Seat(s, t.embarkation, t.debarkation) for s in t.seats),
        references=tuple(t.refs),
        name_as_sent=t.name_as_sent,
    )


def _read_leg(segs: Sequence[Segment]) -> Leg:
    tdt = segs[0]
    carrier, number = _split_flight(tdt.get(2, 1), tdt.get(5, 1).strip())
    if not number:
        raise _Err("the leg has no flight number", "TDT 02")
    origin = destination = ""
    departure = arrival = None
    last_loc = ""
    for seg in segs[1:]:
        if seg.tag == "LOC":
            q, place = seg.get(1, 1).strip(), seg.get(2, 1).strip()
            if q == "125" or (q == "92" and not origin):
                origin, last_loc = place, "dep"
            elif q == "87" or q == "92":
                destination, last_loc = place, "arr"
        elif seg.tag == "DTM":
            q = seg.get(1, 1).strip()
            try:
                value = _dtm(seg.get(1, 2), seg.get(1, 3))
            except ValueError as exc:
                raise _Err(f"date {q}: {exc}", "DTM 01:2") from None
            if q == "189" or (not q and last_loc == "dep"):
                departure = value
            elif q == "232":
                arrival = value
    return Leg(carrier, number, origin, destination, departure, arrival)


def read_message(raw: RawMessage, env: EnvelopeReader) -> tuple[PaxlstMessage, list[ParseError]]:
    pivot = raw.interchange.prepared.year if raw.interchange.prepared else 2099
    segs = list(raw.segments)  # a manifest is small; raises ParseError if cut short
    errors: list[ParseError] = []
    groups: list[tuple[str, list[Segment]]] = []
    doc_type: str | None = None
    expected: int | None = None
    for seg in segs:
        tag = seg.tag
        if tag == "TDT":
            groups.append(("leg", [seg]))
        elif tag == "NAD" and seg.get(1, 1).strip().upper() in TRAVELLER_CODES:
            groups.append(("trav", [seg]))
        elif tag == "NAD" or tag == "BGM" or tag == "CNT":
            groups.append(("msg", [seg]))
            if tag == "BGM":
                doc_type = seg.get(1, 1).strip() or None
            elif tag == "CNT":
                for el in seg.elements[1:]:
                    if el and el[0].strip() == "42" and len(el) > 1 and el[1].strip().isdigit():
                        expected = int(el[1].strip())
        elif groups:
            groups[-1][1].append(seg)
    legs: list[Leg] = []
    travellers: list[Traveller] = []
    for kind, group in groups:
        if kind == "msg":
            continue
        current = group[0]
        try:
            if kind == "leg":
                legs.append(_read_leg(group))
            else:
                travellers.append(_read_traveller(group, pivot))
        except _Err as exc:
            errors.append(
                env.error(
                    f"{'leg' if kind == 'leg' else 'traveller'} at {current.tag}: {exc.reason}",
                    current,
                    reference=raw.reference,
                    element=exc.element,
                )
            )
        except (ValueError, IndexError, InvalidInput) as exc:
            errors.append(env.error(str(exc), current, reference=raw.reference))
    warnings = [*cleaning_warnings(raw), *raw.warnings]
    if expected is not None and expected != len(travellers) + len(errors):
        counted = f"CNT says {expected} travellers, the message has {len(travellers)}"
        warnings.append(warning("cnt-count", counted))
    if doc_type == "250":
        travellers = [replace(t, role=TravellerRole.CREW) for t in travellers]
    message = PaxlstMessage(
        sender=raw.interchange.sender,
        reference=raw.reference,
        interchange_reference=raw.interchange.control_reference,
        recipient=raw.interchange.recipient,
        prepared=raw.interchange.prepared,
        version=raw.version or None,
        document_type=doc_type,
        legs=tuple(legs),
        travellers=tuple(travellers),
        warnings=tuple(warnings),
    )
    return message, errors


def iter_paxlst(data: bytes, chunk: int = 500) -> Iterator[PaxlstMessage | ParseError]:
    """The streaming form of ``read_paxlst`` (see ``formats.iter_message_bytes``)."""
    result = read_paxlst(data)
    yield from result.messages
    yield from result.errors


def read_paxlst(data: bytes) -> ReadResult[PaxlstMessage]:
    """Read every PAXLST message in an interchange."""
    return read_interchange(data, "PAXLST", read_message)


# --- writing ----------------------------------------------------------------


def _yymmdd(d: PartialDate | None) -> str:
    if d is None or d.month is None or d.day is None:
        return ""
    return f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"


def _dt201(value: datetime | None) -> str:
    return value.strftime("%y%m%d%H%M") if value is not None else ""


def write_paxlst(message: PaxlstMessage, delimiters: Delimiters = DEFAULT_DELIMITERS) -> bytes:
    """One interchange holding ``message`` (UN variant, D05B)."""
    d = delimiters
    prepared = message.prepared or datetime(2000, 1, 1)
    ctrl = message.interchange_reference or message.reference
    out: list[str] = [d.una()]
    seg = out.append

    def s(tag: str, *elements: Sequence[str] | str) -> None:
        seg(format_segment(tag, elements, d))

    s(
        "UNB",
        ["UNOA", "4"],
        [message.sender or ""],
        [message.recipient or ""],
        [prepared.strftime("%y%m%d"), prepared.strftime("%H%M")],
        ctrl,
    )
    body: list[str] = []
    out_len = len(out)
    s("UNH", message.reference, ["PAXLST", "D", "05B", "UN", "IATA"])
    s("BGM", message.document_type or "745")
    for leg in message.legs:
        s("TDT", "20", f"{leg.carrier}{leg.flight_number}", "", "", [leg.carrier])
        s("LOC", "125", leg.origin)
        s("DTM", ["189", _dt201(leg.departure), "201"])
        s("LOC", "87", leg.destination)
        s("DTM", ["232", _dt201(leg.arrival), "201"])
    for t in message.travellers:
        code = "FM" if t.role is TravellerRole.CREW else "FL"
        given = (t.given_names or "").split(" ") if t.given_names else []
        s("NAD", code, "", "", [t.surname, *given])
        if t.gender is not None:
            s("ATT", "2", "", t.gender.value)
        if t.birth_date is not None:
            s("DTM", ["329", _yymmdd(t.birth_date)])
        if t.embarkation:
            s("LOC", "178", t.embarkation)
        if t.debarkation:
            s("LOC", "179", t.debarkation)
        if t.residence_country:
            s("LOC", "174", t.residence_country)
        if t.birth_place:
            s("LOC", "180", ["", "", "", t.birth_place])
        if t.nationality:
            s("NAT", "2", t.nationality)
        for ref in t.references:
            q, _, v = ref.partition(":")
            s("RFF", [q, v])
        for seat in t.seats:
            s("RFF", ["SEA", seat.number])
        for doc in t.documents:
            s("DOC", [doc.type or "", "110", "111"], doc.number or "")
            if doc.expiry is not None:
                s("DTM", ["36", _yymmdd(doc.expiry)])
            if doc.issued is not None:
                s("DTM", ["182", _yymmdd(doc.issued)])
            if doc.issuing_country:
                s("LOC", "91", doc.issuing_country)
    s("CNT", ["42", str(len(message.travellers))])
    body = out[out_len:]
    s("UNT", str(len(body) + 1), message.reference)
    s("UNZ", "1", ctrl)
    return "".join(out).encode("utf-8")
