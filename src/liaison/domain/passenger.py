"""Passenger data as the airlines push it: bookings (PNR), travellers, flights.

One set of objects for PNRGOV EDIFACT, PNRGOV XML and PAXLST, so that
screening and journey-following never care which wire format a traveller came in.
Values are kept as the airline sent them (codes, seat numbers, masked card
numbers); only what must be interpreted to be useful (dates, e-mail encodings)
is interpreted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from liaison.domain.codes import Gender, MessageFormat, TravellerRole
from liaison.domain.dates import PartialDate


@dataclass(frozen=True, slots=True)
class Leg:
    """One flight leg. ``carrier``/``flight_number`` are the marketing flight;
    ``operating_*`` are set when another airline flies it (codeshare)."""

    carrier: str
    flight_number: str
    origin: str
    destination: str
    departure: datetime | None = None
    arrival: datetime | None = None
    operating_carrier: str | None = None
    operating_flight_number: str | None = None
    booking_class: str | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Codeshare:
    """A marketing flight sold on another airline's operating flight."""

    marketing: str
    operating: str


@dataclass(frozen=True, slots=True)
class Document:
    """A travel document from SSR DOCS (passport, ID card) or DOCO (visa).

    ``issuing_country`` is the country that issued the document; for DOCO it is
    the country for which the visa is valid, which is the country that issued it.
    """

    kind: str  # "DOCS" or "DOCO" (PAXLST documents are "DOCS")
    type: str | None = None
    number: str | None = None
    issuing_country: str | None = None
    place_of_issue: str | None = None
    nationality: str | None = None
    issued: PartialDate | None = None
    expiry: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Seat:
    number: str
    origin: str | None = None
    destination: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address; ``text`` holds it as one line when the airline sent no fields."""

    kind: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Contacts:
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[Address, ...] = ()


@dataclass(frozen=True, slots=True)
class Payment:
    """A form of payment. ``masked_number`` never holds a clear card number:
    at most the first six and last four digits are kept (see ``mask_card_number``)."""

    type: str
    card_type: str | None = None
    masked_number: str | None = None
    expiry: PartialDate | None = None
    amount: str | None = None
    currency: str | None = None
    traveller_reference: str | None = None
    # The card holder or sponsor named by the airline (IFT 4:43 after FOP):
    # sent when the payer is not the traveller.
    payer: str | None = None


@dataclass(frozen=True, slots=True)
class Bag:
    """Checked bags of one traveller (PNRGOV ``TBD``, PAXLST ``MEA``/``FTX+BAG``):
    ``count`` pieces, tagged by ``airline`` to ``destination``, ``weight`` in all.
    Weight unit is ``KG`` or ``LB`` (PAXLST ``KGM``/``LBR`` are given so), else as sent."""

    count: int
    airline: str | None = None
    destination: str | None = None
    weight: int | None = None
    weight_unit: str | None = None
    tags: tuple[str, ...] = ()
    traveller_reference: str | None = None


@dataclass(frozen=True, slots=True)
class FrequentFlyer:
    airline: str
    number: str
    tier: str | None = None


@dataclass(frozen=True, slots=True)
class Ticket:
    number: str
    type: str | None = None
    total: str | None = None
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class Traveller:
    """A passenger or crew member as named in one message.

    ``surname``/``given_names`` are cleaned (title split off into ``title``);
    ``name_as_sent`` keeps the name exactly as the airline sent it.
    """

    surname: str
    given_names: str | None = None
    reference: str | None = None
    title: str | None = None
    role: TravellerRole = TravellerRole.PASSENGER
    passenger_type: str | None = None
    is_infant: bool = False
    birth_date: PartialDate | None = None
    gender: Gender | None = None
    nationality: str | None = None
    residence_country: str | None = None
    birth_place: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    documents: tuple[Document, ...] = ()
    seats: tuple[Seat, ...] = ()
    addresses: tuple[Address, ...] = ()
    frequent_flyers: tuple[FrequentFlyer, ...] = ()
    tickets: tuple[Ticket, ...] = ()
    references: tuple[str, ...] = ()
    name_as_sent: str | None = None
    # The country code of the birth place, when the airline sent one apart from the
    # place's name (PAXLST ``LOC+180+FRA:::PARIS``: ``birth_place`` PARIS, ``birth_country`` FRA).
    birth_country: str | None = None
    # Checked bags the message gives for this traveller (PAXLST ``MEA``/``FTX+BAG``);
    # PNR bags are the booking's (``Booking.bags``), by traveller reference.
    bags: tuple[Bag, ...] = ()


@dataclass(frozen=True, slots=True)
class Booking:
    """One PNR. ``record_locator`` is the booking's locator in ``record_locator_owner``'s
    system; ``reservation_reference`` the same booking's locator in another system
    (the operating airline or the GDS), when the airline sent one."""

    record_locator: str
    record_locator_owner: str | None = None
    reservation_reference: str | None = None
    reservation_reference_owner: str | None = None
    created: datetime | None = None
    last_modified: datetime | None = None
    group_name: str | None = None
    # IATA number of the travel agency that made the booking (ORG originator type T).
    travel_agency: str | None = None
    itinerary: tuple[Leg, ...] = ()
    travellers: tuple[Traveller, ...] = ()
    contacts: Contacts = field(default_factory=Contacts)
    payments: tuple[Payment, ...] = ()
    bags: tuple[Bag, ...] = ()
    codeshares: tuple[Codeshare, ...] = ()
    split_record_locators: tuple[str, ...] = ()
    special_requests: tuple[str, ...] = ()
    remarks: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    # What the reader changed, left out or doubted in this PNR (each names the segment and element).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PnrMessage:
    """One PNRGOV message (UNH..UNT, or one XML notification): the PNRs pushed
    for one flight."""

    sender: str | None
    reference: str
    interchange_reference: str | None = None
    recipient: str | None = None
    prepared: datetime | None = None
    version: str | None = None
    flight: Leg | None = None
    bookings: tuple[Booking, ...] = ()
    format: MessageFormat = MessageFormat.PNRGOV
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PaxlstMessage:
    """One PAXLST message: travellers (or crew) on the legs it lists."""

    sender: str | None
    reference: str
    interchange_reference: str | None = None
    recipient: str | None = None
    prepared: datetime | None = None
    version: str | None = None
    document_type: str | None = None
    legs: tuple[Leg, ...] = ()
    travellers: tuple[Traveller, ...] = ()
    format: MessageFormat = MessageFormat.PAXLST
    warnings: tuple[str, ...] = ()


def mask_card_number(number: str) -> str:
    """Keep at most the BIN (first six) and the last four digits of a card number.

    Applied to every number read, masked or not, so that a clear PAN sent by
    mistake never reaches a domain object. Separators are dropped.
    """
    chars = number.strip().upper()
    hidden = set(card_number_hidden(chars))
    return "".join("X" if i in hidden else c for i, c in enumerate(chars) if c.isalnum())


def card_number_hidden(number: str) -> list[int]:
    """Indices in ``number`` of the digits ``mask_card_number`` hides: letters and
    digits are counted (separators are not), the first six and the last four are
    kept, and of a number too short to hide anything else only the last four."""
    shown = [i for i, ch in enumerate(number) if ch.isalnum()]
    n = len(shown)
    keep_first = 6 if n > 10 else 0
    return [i for k, i in enumerate(shown) if keep_first <= k < n - 4 and number[i].isdigit()]


def decode_iata_email(text: str) -> str:
    """Undo the IATA e-mail encoding used in free text: ``//`` is ``@``,
    ``..`` is ``_`` and ``./`` is ``-``."""
    return text.strip().replace("//", "@").replace("..", "_").replace("./", "-")


def encode_iata_email(email: str) -> str:
    """The inverse of ``decode_iata_email``, for writers."""
    return email.replace("-", "./").replace("_", "..").replace("@", "//")
