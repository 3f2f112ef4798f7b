"""A traveller as a PNR reader fills it in, before it becomes a frozen ``Traveller``.

Both PNRGOV readers (EDIFACT and XML) meet a traveller's data in pieces —
name first, then documents, seats and tickets from segments or elements
anywhere in the PNR — so they share this mutable builder and one rule for
what the frozen traveller keeps (one document per kind, number and type; each
seat, address and frequent-flyer entry once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Address, Document, FrequentFlyer, Seat, Ticket, Traveller


@dataclass(slots=True)
class TravellerBuilder:
    surname: str
    given: str | None
    title: str | None
    reference: str | None
    passenger_type: str | None
    is_infant: bool
    name_as_sent: str
    birth_date: PartialDate | None = None
    gender: Gender | None = None
    nationality: str | None = None
    birth_place: str | None = None
    documents: list[Document] = field(default_factory=list)
    seats: list[Seat] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    frequent_flyers: list[FrequentFlyer] = field(default_factory=list)
    tickets: list[Ticket] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    def freeze(self) -> Traveller:
        docs: dict[tuple[str, str | None, str | None], Document] = {}
        for d in self.documents:
            docs.setdefault((d.kind, d.number, d.type), d)
        return Traveller(
            surname=self.surname,
            given_names=self.given,
            reference=self.reference,
            title=self.title,
            passenger_type=self.passenger_type,
            is_infant=self.is_infant,
            birth_date=self.birth_date,
            gender=self.gender,
            nationality=self.nationality,
            birth_place=self.birth_place,
            documents=tuple(docs.values()),
            seats=tuple(dict.fromkeys(self.seats)),
            addresses=tuple(dict.fromkeys(self.addresses)),
            frequent_flyers=tuple(dict.fromkeys(self.frequent_flyers)),
            tickets=tuple(self.tickets),
            references=tuple(dict.fromkeys(r for r in self.references if r)),
            name_as_sent=self.name_as_sent,
        )


def names_someone_else(
    traveller: TravellerBuilder,
    surname: str | None,
    given: str | None,
    others: Sequence[TravellerBuilder] = (),
) -> bool:
    """Whether a DOCS naming ``surname``/``given`` clearly names another person than
    ``traveller``: a document or birth date must never be given to the wrong person.

    Tolerant of how reservation names are written: spaces, hyphens and apostrophes are
    ignored, and a surname cut short or with a suffix glued on (``SMITHJR``) still
    agrees. Given names are often written otherwise in the booking than in the passport
    (``JOHN``, ``MRJONATHON``), so they only tell persons apart when another traveller
    of the PNR (``others``) has both names the DOCS gives."""
    if surname and traveller.surname and not _agree(surname, traveller.surname):
        return True
    if not _given_agrees(traveller, given):
        return any(
            o is not traveller
            and surname
            and _agree(surname, o.surname)
            and _given_agrees(o, given, strict=True)
            for o in others
        )
    return False


def _given_agrees(traveller: TravellerBuilder, given: str | None, strict: bool = False) -> bool:
    mine = (traveller.given or "").split()
    theirs = (given or "").split()
    if not mine or not theirs:
        return not strict
    return _agree(theirs[0], mine[0])


def _agree(a: str, b: str) -> bool:
    x, y = _compact(a), _compact(b)
    return bool(x and y) and (x.startswith(y) or y.startswith(x))


def _compact(name: str) -> str:
    return "".join(c for c in name.upper() if c.isalnum())
