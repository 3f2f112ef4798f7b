"""A deterministic, believable day of international police cooperation.

Everything here is plain data made from a seeded random generator, so the same
seed always gives the same world. Some travellers truly are register entries
under other spellings (and some carry stolen documents), so screening has
something to find; the list of those is kept as the world's ground truth.
"""

from __future__ import annotations

import math
import random
import string
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

import airportsdata
from anyascii import anyascii

from liaison.domain.codes import (
    AgencyKind,
    DocumentStatus,
    Gender,
    HandlingCode,
    InformationAccuracy,
    PersonCategory,
    RegisterKind,
    Role,
    SourceReliability,
)
from liaison.domain.countries import country_name
from liaison.domain.duties import check_separation_of_duties
from liaison.domain.errors import InvalidInput
from liaison.services.demo.names import NameSource, PersonName, machine_readable, strip_diacritics

DEFAULT_SEED = 20260115

# Countries named in the seed articles, then partners that make the exchange realistic.
EU_PIU_COUNTRIES = ("FR", "NL", "BE", "DE", "IT", "ES", "PT", "AT", "PL", "SE", "GR", "RO", "IE", "DK")
OTHER_NCB_COUNTRIES = ("GB", "TR", "US", "CH", "MA", "TN", "AE", "UA", "NO", "CA", "JO", "DZ")
LIAISON_BUREAUS = ("US", "MA", "TR", "GB", "CH")

CARRIERS: tuple[tuple[str, str, str, str], ...] = (
    # IATA code, name, country, hub airport
    ("AF", "Air France", "FR", "CDG"),
    ("KL", "KLM Royal Dutch Airlines", "NL", "AMS"),
    ("SN", "Brussels Airlines", "BE", "BRU"),
    ("LH", "Lufthansa", "DE", "FRA"),
    ("AZ", "ITA Airways", "IT", "FCO"),
    ("IB", "Iberia", "ES", "MAD"),
    ("BA", "British Airways", "GB", "LHR"),
    ("TK", "Turkish Airlines", "TR", "IST"),
    ("TP", "TAP Air Portugal", "PT", "LIS"),
    ("EK", "Emirates", "AE", "DXB"),
)
DESTINATIONS = (
    "CDG", "AMS", "BRU", "FRA", "MUC", "FCO", "MXP", "MAD", "BCN", "LHR", "IST", "LIS", "VIE",
    "WAW", "ARN", "ATH", "OTP", "DUB", "CPH", "ZRH", "GVA", "CMN", "RAK", "TUN", "ALG", "AMM",
    "DXB", "JFK", "YUL", "OSL", "NCE", "LYS",
)  # fmt: skip
ROUTES_PER_CARRIER = 11

# How each nationality appears among travellers, by airport country; weights are rough.
NATIONALITY_POOL = (
    "FR", "NL", "BE", "DE", "IT", "ES", "GB", "TR", "PT", "AT", "PL", "SE", "GR", "RO", "US",
    "CH", "RU", "UA", "CN", "KR", "MA", "TN", "DZ", "IQ", "SY", "AE", "EG", "JO",
)  # fmt: skip


@dataclass(frozen=True)
class DemoAgency:
    code: str
    name: str
    country: str
    kind: AgencyKind


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    agency: str
    roles: frozenset[Role]
    locale: str = "en"


@dataclass(frozen=True)
class DemoRegister:
    owner: str
    name: str
    kind: RegisterKind
    description: str
    shared_with: tuple[str, ...]


@dataclass(frozen=True)
class Codes:
    handling: HandlingCode
    restriction: str | None
    reliability: SourceReliability
    accuracy: InformationAccuracy
    valid_from: date


@dataclass(frozen=True)
class DemoName:
    full_name: str
    given_names: str | None
    surname: str | None
    script: str
    is_primary: bool


@dataclass(frozen=True)
class DemoPerson:
    register: str
    reference: str
    category: PersonCategory
    names: tuple[DemoName, ...]
    birth_date: str | None
    gender: Gender
    nationalities: tuple[str, ...]
    documents: tuple[tuple[str, str, str], ...]  # type, number, issuing country
    codes: Codes
    source_name: PersonName


@dataclass(frozen=True)
class DemoDocument:
    register: str
    reference: str
    number: str
    document_type: str
    issuing_country: str
    status: DocumentStatus
    reported_on: date
    codes: Codes


@dataclass(frozen=True)
class DemoCard:
    """The clear number exists only in memory; the loader stores its fingerprint."""

    register: str
    reference: str
    number: str
    scheme: str
    reported_on: date
    codes: Codes


@dataclass(frozen=True)
class DemoFlight:
    carrier: str
    number: str
    origin: str
    destination: str
    departure: datetime
    arrival: datetime

    @property
    def key(self) -> tuple[str, str]:
        return (self.carrier, self.number)


@dataclass(frozen=True)
class DemoTraveller:
    reference: str
    surname: str
    given_names: str
    birth_date: str
    gender: Gender
    nationality: str
    document_type: str
    document_number: str
    document_country: str
    document_expiry: date


@dataclass(frozen=True)
class DemoBooking:
    receiving_agency: str
    carrier: str
    record_locator: str
    booked_at: datetime
    flights: tuple[tuple[str, str], ...]
    travellers: tuple[DemoTraveller, ...]


@dataclass(frozen=True)
class PlantedMatch:
    """Ground truth: a traveller who really is a register entry."""

    record_locator: str
    traveller_reference: str
    register: str
    record_reference: str
    how: str


@dataclass
class DemoWorld:
    day: date
    seed: int
    agencies: list[DemoAgency] = field(default_factory=list)
    users: list[DemoUser] = field(default_factory=list)
    registers: list[DemoRegister] = field(default_factory=list)
    persons: list[DemoPerson] = field(default_factory=list)
    documents: list[DemoDocument] = field(default_factory=list)
    cards: list[DemoCard] = field(default_factory=list)
    flights: list[DemoFlight] = field(default_factory=list)
    bookings: list[DemoBooking] = field(default_factory=list)
    planted: list[PlantedMatch] = field(default_factory=list)


@cache
def airports() -> dict[str, Any]:
    loaded: dict[str, Any] = airportsdata.load("IATA")
    return loaded


def generate_world(day: date, seed: int = DEFAULT_SEED, *, scale: float = 1.0) -> DemoWorld:
    """Build the whole world from the seed; the day only moves the timestamps.

    `scale` shrinks or grows the registers and the passengers per flight (1.0:
    about 3,000 persons of interest and 5,000 travellers); agencies and flights
    stay as they are.
    """
    if not 0.01 <= scale <= 20:
        raise InvalidInput("scale: between 0.01 and 20")
    persons, documents, cards = round(3000 * scale), round(2000 * scale), round(300 * scale)
    planted_persons, planted_documents = max(4, round(40 * scale)), max(2, round(15 * scale))
    rng = random.Random(seed)
    names = NameSource(rng, seed)
    world = DemoWorld(day=day, seed=seed)
    _agencies(world)
    _users(world)
    _registers(world)
    _persons(world, rng, names, persons)
    _documents(world, rng, documents)
    _cards(world, rng, cards)
    _flights(world, rng)
    _bookings(world, rng, names, scale)
    _plant(world, rng, planted_persons, planted_documents)
    return world


# --- agencies, users, registers ----------------------------------------------


def _agencies(world: DemoWorld) -> None:
    add = world.agencies.append
    add(DemoAgency("EU-HUB", "European coordination hub", "NL", AgencyKind.HUB))
    for country in EU_PIU_COUNTRIES:
        add(
            DemoAgency(
                f"{country}-PIU",
                f"Passenger information unit {country_name(country)}",
                country,
                AgencyKind.PASSENGER_INFORMATION_UNIT,
            )
        )
    for country in EU_PIU_COUNTRIES + OTHER_NCB_COUNTRIES:
        add(
            DemoAgency(
                f"{country}-NCB",
                f"National central bureau {country_name(country)}",
                country,
                AgencyKind.NATIONAL_CENTRAL_BUREAU,
            )
        )
    for country in LIAISON_BUREAUS:
        add(
            DemoAgency(
                f"{country}-LB",
                f"Liaison bureau of {country_name(country)} at the hub",
                country,
                AgencyKind.LIAISON_BUREAU,
            )
        )
    for code, name, country, _hub in CARRIERS:
        add(DemoAgency(f"AIR-{code}", name, country, AgencyKind.CARRIER))


def _users(world: DemoWorld) -> None:
    people = (
        ("admin", "Administrator", "EU-HUB", {Role.ADMIN}, "en"),
        ("analyst.fr", "Camille Laurent", "FR-PIU", {Role.ANALYST}, "fr"),
        ("supervisor.fr", "Henri Dubois", "FR-PIU", {Role.SUPERVISOR, Role.ANALYST}, "fr"),
        ("dpo.fr", "Sophie Martin", "FR-PIU", {Role.DATA_PROTECTION_OFFICER}, "fr"),
        ("analyst.nl", "Sanne de Vries", "NL-PIU", {Role.ANALYST}, "en"),
        ("liaison.ncb.be", "Pieter Janssens", "BE-NCB", {Role.LIAISON_OFFICER}, "fr"),
        ("coordinator.hub", "Elena Rossi", "EU-HUB", {Role.SUPERVISOR, Role.LIAISON_OFFICER}, "en"),
        ("field.de", "Jonas Becker", "DE-PIU", {Role.FIELD_OFFICER}, "en"),
    )
    for username, display, agency, roles, locale in people:
        check_separation_of_duties(roles)  # the demo's people obey the rule everyone else does
        world.users.append(DemoUser(username, display, agency, frozenset(roles), locale))


def _police_agencies(world: DemoWorld) -> tuple[str, ...]:
    return tuple(a.code for a in world.agencies if a.kind is not AgencyKind.CARRIER)


def _registers(world: DemoWorld) -> None:
    everyone = _police_agencies(world)
    european = tuple(c for c in everyone if c[:2] in EU_PIU_COUNTRIES or c == "EU-HUB")
    add = world.registers.append
    add(
        DemoRegister(
            "EU-HUB",
            "Foreign terrorist fighters",
            RegisterKind.PERSONS,
            "Persons reported by member states and partners as foreign terrorist fighters.",
            everyone,
        )
    )
    for owner in ("FR-NCB", "DE-NCB", "NL-NCB", "BE-NCB", "IT-NCB", "ES-NCB", "TR-NCB", "US-NCB"):
        add(
            DemoRegister(
                owner,
                "Wanted persons",
                RegisterKind.PERSONS,
                "Persons wanted for arrest with a view to extradition.",
                european,
            )
        )
    add(
        DemoRegister(
            "GB-NCB",
            "Missing persons",
            RegisterKind.PERSONS,
            "Missing persons, including minors at risk.",
            everyone,
        )
    )
    add(
        DemoRegister(
            "EU-HUB",
            "Stolen and lost travel documents",
            RegisterKind.DOCUMENTS,
            "Documents reported stolen, lost, revoked or invalidated.",
            everyone,
        )
    )
    add(
        DemoRegister(
            "EU-HUB",
            "Compromised payment cards",
            RegisterKind.CARDS,
            "Card numbers reported compromised by issuers and airlines.",
            everyone,
        )
    )


def _codes(rng: random.Random, day: date) -> Codes:
    handling = rng.choices(list(HandlingCode), weights=(60, 20, 15, 5))[0]
    restriction = None
    if handling is HandlingCode.H3:
        restriction = rng.choice(
            (
                "Not to be disclosed to the person concerned.",
                "Inform the owner before any action at the border.",
                "Use for intelligence purposes only.",
            )
        )
    return Codes(
        handling=handling,
        restriction=restriction,
        reliability=rng.choices(list(SourceReliability), weights=(30, 45, 15, 10))[0],
        accuracy=rng.choices(list(InformationAccuracy), weights=(25, 35, 30, 10))[0],
        valid_from=day - timedelta(days=rng.randint(1, 3650)),
    )


# --- register content ----------------------------------------------------------

PERSON_NATIONALITIES = (
    ("MA", 8), ("TN", 6), ("DZ", 5), ("IQ", 6), ("SY", 7), ("RU", 10), ("UA", 3), ("TR", 6),
    ("FR", 7), ("BE", 4), ("DE", 5), ("NL", 3), ("GB", 4), ("ES", 3), ("IT", 3), ("PL", 2),
    ("GR", 3), ("CN", 4), ("KR", 2), ("RO", 3), ("EG", 3), ("JO", 2), ("SE", 2), ("PT", 2),
)  # fmt: skip


def _birth_date(rng: random.Random, day: date, youngest: int = 18, oldest: int = 70) -> date:
    return day - timedelta(days=rng.randint(youngest * 365, oldest * 365))


def _document_number(rng: random.Random, country: str) -> str:
    letters, digits = string.ascii_uppercase, string.digits
    if country in ("FR", "BE"):
        return (
            "".join(rng.choices(digits, k=2))
            + "".join(rng.choices(letters, k=2))
            + "".join(rng.choices(digits, k=5))
        )
    if country in ("GB", "US"):
        return "".join(rng.choices(digits, k=9))
    if country == "DE":
        return "C" + "".join(rng.choices(letters + digits, k=8))
    return "".join(rng.choices(letters, k=2)) + "".join(rng.choices(digits, k=7))


def _person_names(rng: random.Random, source: PersonName) -> tuple[DemoName, ...]:
    """Primary name as the owner holds it, then aliases in other scripts and spellings."""
    surname_latin, given_latin = source.latin_surnames[0], source.latin_given[0]
    if source.script == "Latn":
        names = [DemoName(source.full_name, source.given_names, source.surname, "Latn", True)]
        if rng.random() < 0.3:
            names.append(
                DemoName(
                    f"{source.surname.upper()}, {source.given_names}",
                    source.given_names,
                    source.surname,
                    "Latn",
                    False,
                )
            )
        return tuple(names)
    if source.script == "Arab":
        names = [
            DemoName(f"{given_latin} {surname_latin}", given_latin, surname_latin, "Latn", True),
            DemoName(
                f"{source.given_names} {source.surname}", source.given_names, source.surname, "Arab", False
            ),
        ]
        if len(source.latin_surnames) > 2 and rng.random() < 0.4:
            names.append(
                DemoName(
                    f"{source.latin_given[-1]} {source.latin_surnames[-1]}",
                    source.latin_given[-1],
                    source.latin_surnames[-1],
                    "Latn",
                    False,
                )
            )
        return tuple(names)
    full_latin = " ".join(
        part for part in (given_latin, _romanised_patronymic(source), surname_latin) if part
    )
    names = [
        DemoName(source.full_name, source.given_names, source.surname, source.script, True),
        DemoName(
            f"{surname_latin.upper()}, {full_latin[: -len(surname_latin)].strip()}",
            full_latin[: -len(surname_latin)].strip(),
            surname_latin,
            "Latn",
            False,
        ),
    ]
    return tuple(names)


def _romanised_patronymic(source: PersonName) -> str:
    if not source.patronymic:
        return ""
    return str(anyascii(source.patronymic)).replace("'", "")


def _persons(world: DemoWorld, rng: random.Random, names: NameSource, count: int) -> None:
    person_registers = [r for r in world.registers if r.kind is RegisterKind.PERSONS]
    countries = [c for c, _ in PERSON_NATIONALITIES]
    weights = [w for _, w in PERSON_NATIONALITIES]
    for index in range(count):
        register = person_registers[0] if index % 3 == 0 else rng.choice(person_registers)
        category = _category_for(register)
        nationality = rng.choices(countries, weights)[0]
        gender = rng.choices(
            (Gender.MALE, Gender.FEMALE),
            weights=(85, 15) if category is not PersonCategory.MISSING else (50, 50),
        )[0]
        source = names.person(nationality, gender)
        born = _birth_date(rng, world.day, 14 if category is PersonCategory.MISSING else 18, 65)
        precision = rng.random()
        birth_date = born.isoformat() if precision < 0.8 else str(born.year) if precision < 0.95 else None
        nationalities = (nationality,) if rng.random() < 0.9 else (nationality, rng.choice(countries))
        documents: tuple[tuple[str, str, str], ...] = ()
        if rng.random() < 0.5:
            documents = (("P", _document_number(rng, nationality), nationality),)
        world.persons.append(
            DemoPerson(
                register=register.name + "@" + register.owner,
                reference=f"{register.owner.split('-')[0]}-P-{index + 1:06d}",
                category=category,
                names=_person_names(rng, source),
                birth_date=birth_date,
                gender=gender,
                nationalities=tuple(dict.fromkeys(nationalities)),
                documents=documents,
                codes=_codes(rng, world.day),
                source_name=source,
            )
        )


def _category_for(register: DemoRegister) -> PersonCategory:
    if register.name.startswith("Foreign terrorist"):
        return PersonCategory.FOREIGN_TERRORIST_FIGHTER
    if register.name.startswith("Missing"):
        return PersonCategory.MISSING
    return PersonCategory.WANTED


def _documents(world: DemoWorld, rng: random.Random, count: int) -> None:
    register = next(r for r in world.registers if r.kind is RegisterKind.DOCUMENTS)
    countries = [c for c, _ in PERSON_NATIONALITIES]
    for index in range(count):
        country = rng.choice(countries)
        world.documents.append(
            DemoDocument(
                register=register.name + "@" + register.owner,
                reference=f"SLTD-{index + 1:06d}",
                number=_document_number(rng, country),
                document_type=rng.choices(("P", "I"), weights=(75, 25))[0],
                issuing_country=country,
                status=rng.choices(list(DocumentStatus), weights=(55, 35, 5, 5))[0],
                reported_on=world.day - timedelta(days=rng.randint(1, 2000)),
                codes=_codes(rng, world.day),
            )
        )


CARD_BINS = (
    ("411111", "VISA"),
    ("453201", "VISA"),
    ("520082", "MASTERCARD"),
    ("545454", "MASTERCARD"),
    ("371449", "AMEX"),
)


def card_number(rng: random.Random, prefix: str, length: int = 16) -> str:
    """A Luhn-valid number with the given BIN (never a real card: random digits)."""
    body = prefix + "".join(rng.choices(string.digits, k=length - len(prefix) - 1))
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return body + str((10 - total % 10) % 10)


def _cards(world: DemoWorld, rng: random.Random, count: int) -> None:
    register = next(r for r in world.registers if r.kind is RegisterKind.CARDS)
    for index in range(count):
        prefix, scheme = rng.choice(CARD_BINS)
        world.cards.append(
            DemoCard(
                register=register.name + "@" + register.owner,
                reference=f"CARD-{index + 1:06d}",
                number=card_number(rng, prefix, 15 if scheme == "AMEX" else 16),
                scheme=scheme,
                reported_on=world.day - timedelta(days=rng.randint(1, 400)),
                codes=_codes(rng, world.day),
            )
        )


# --- flights and bookings ------------------------------------------------------------


def _distance_km(a: dict[str, Any], b: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _flights(world: DemoWorld, rng: random.Random) -> None:
    data = airports()
    start = datetime.combine(world.day, time(0, 0), tzinfo=UTC)
    for carrier, _name, _country, hub in CARRIERS:
        choices = [d for d in DESTINATIONS if d != hub]
        if carrier in ("TK", "EK"):  # non-EU carriers: fly into the EU
            choices = [d for d in choices if data[d]["country"] in EU_PIU_COUNTRIES]
        destinations = rng.sample(choices, ROUTES_PER_CARRIER)
        for route, destination in enumerate(destinations):
            block = timedelta(minutes=int(_distance_km(data[hub], data[destination]) / 800 * 60) + 35)
            outbound = start + timedelta(minutes=rng.randrange(5 * 60, 15 * 60, 5))
            inbound = outbound + block + timedelta(minutes=rng.randrange(50, 150, 5))
            base = 100 + route * 20
            for number, origin, dest, departure in (
                (base, hub, destination, outbound),
                (base + 1, destination, hub, inbound),
            ):
                if departure.date() != world.day:
                    continue
                world.flights.append(
                    DemoFlight(carrier, str(number), origin, dest, departure, departure + block)
                )


def _receiving_agency(flight: DemoFlight) -> str | None:
    """The passenger information unit that receives the booking: arrival country
    first, then departure country, where that country has one."""
    data = airports()
    for airport in (flight.destination, flight.origin):
        if data[airport]["country"] in EU_PIU_COUNTRIES:
            return f"{data[airport]['country']}-PIU"
    return None


def _traveller_nationality(rng: random.Random, flight: DemoFlight) -> str:
    data = airports()
    local: list[str] = [data[flight.origin]["country"], data[flight.destination]["country"]]
    local = [c for c in local if c in NATIONALITY_POOL]
    if local and rng.random() < 0.6:
        return rng.choice(local)
    return rng.choice(NATIONALITY_POOL)


def _record_locator(rng: random.Random, used: set[str]) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        locator = "".join(rng.choices(alphabet, k=6))
        if locator not in used:
            used.add(locator)
            return locator


def _bookings(world: DemoWorld, rng: random.Random, names: NameSource, scale: float) -> None:
    used: set[str] = set()
    traveller_counter = 0
    by_origin: dict[str, list[DemoFlight]] = {}
    for flight in world.flights:
        by_origin.setdefault(flight.origin, []).append(flight)
    for flight in world.flights:
        receiving = _receiving_agency(flight)
        if receiving is None:
            continue
        seats_left = max(1, round(rng.randint(12, 36) * scale))
        while seats_left > 0:
            size = min(seats_left, rng.choices((1, 2, 3, 4), weights=(60, 25, 10, 5))[0])
            seats_left -= size
            legs = [flight]
            onward = [
                f for f in by_origin.get(flight.destination, [])
                if f.departure >= flight.arrival + timedelta(hours=1) and f.destination != flight.origin
            ]  # fmt: skip
            if onward and rng.random() < 0.15:
                legs.append(rng.choice(onward))
            nationality = _traveller_nationality(rng, flight)
            family = names.person(nationality, Gender.MALE)
            travellers = []
            for member in range(size):
                traveller_counter += 1
                gender = rng.choice((Gender.MALE, Gender.FEMALE))
                person = names.person(nationality, gender)
                surname = (
                    family.latin_surnames[-1]
                    if member > 0 and rng.random() < 0.7
                    else person.latin_surnames[-1]
                )
                born = _birth_date(rng, world.day, 1 if member > 1 else 18, 80)
                travellers.append(
                    DemoTraveller(
                        reference=f"T{traveller_counter:06d}",
                        surname=machine_readable(surname),
                        given_names=machine_readable(person.latin_given[-1]),
                        birth_date=born.isoformat(),
                        gender=gender,
                        nationality=nationality,
                        document_type="P",
                        document_number=_document_number(rng, nationality),
                        document_country=nationality,
                        document_expiry=world.day + timedelta(days=rng.randint(30, 3650)),
                    )
                )
            world.bookings.append(
                DemoBooking(
                    receiving_agency=receiving,
                    carrier=flight.carrier,
                    record_locator=_record_locator(rng, used),
                    booked_at=flight.departure - timedelta(hours=rng.randint(2, 24 * 90)),
                    flights=tuple(f.key for f in legs),
                    travellers=tuple(travellers),
                )
            )


# --- ground truth ---------------------------------------------------------------


def _variant_name(rng: random.Random, person: DemoPerson) -> tuple[str, str, str]:
    """How the register person books a flight: another spelling of the same name."""
    source = person.source_name
    if source.script == "Latn":
        surname, given = strip_diacritics(source.surname), strip_diacritics(source.given_names)
        how = "Latin name without diacritics"
        if rng.random() < 0.4 and len(surname) > 4:
            position = rng.randrange(1, len(surname) - 1)
            surname = surname[:position] + surname[position + 1] + surname[position] + surname[position + 2 :]
            how = "Latin name with a typing error"
        return machine_readable(surname), machine_readable(given), how
    surname = rng.choice(source.latin_surnames)
    given = rng.choice(source.latin_given)
    scripts = {"Arab": "Arabic", "Cyrl": "Cyrillic", "Grek": "Greek", "Hani": "Chinese", "Hang": "Korean"}
    return machine_readable(surname), machine_readable(given), f"{scripts[source.script]} name romanised"


def _plant(world: DemoWorld, rng: random.Random, planted_persons: int, planted_documents: int) -> None:
    """Swap some travellers for register persons and stolen documents, keeping the truth."""
    slots = [(b, t) for b, booking in enumerate(world.bookings) for t in range(len(booking.travellers))]
    chosen = rng.sample(slots, planted_persons + planted_documents)
    wanted = rng.sample(
        [p for p in world.persons if p.category is not PersonCategory.MISSING], planted_persons
    )
    stolen = rng.sample(world.documents, planted_documents)
    for (booking_index, traveller_index), person in zip(chosen[:planted_persons], wanted, strict=True):
        surname, given, how = _variant_name(rng, person)
        booking = world.bookings[booking_index]
        old = booking.travellers[traveller_index]
        birth = person.birth_date or _birth_date(rng, world.day).isoformat()
        if len(birth) == 4:
            birth = f"{birth}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        own_document = person.documents[0] if person.documents and rng.random() < 0.5 else None
        new = DemoTraveller(
            reference=old.reference,
            surname=surname,
            given_names=given,
            birth_date=birth,
            gender=person.gender,
            nationality=person.nationalities[0],
            document_type="P",
            document_number=own_document[1] if own_document else old.document_number,
            document_country=person.nationalities[0],
            document_expiry=old.document_expiry,
        )
        _replace_traveller(world, booking_index, traveller_index, new)
        world.planted.append(
            PlantedMatch(booking.record_locator, old.reference, person.register, person.reference, how)
        )
    for (booking_index, traveller_index), document in zip(chosen[planted_persons:], stolen, strict=True):
        booking = world.bookings[booking_index]
        old = booking.travellers[traveller_index]
        new = DemoTraveller(
            reference=old.reference,
            surname=old.surname,
            given_names=old.given_names,
            birth_date=old.birth_date,
            gender=old.gender,
            nationality=document.issuing_country,
            document_type=document.document_type,
            document_number=document.number,
            document_country=document.issuing_country,
            document_expiry=old.document_expiry,
        )
        _replace_traveller(world, booking_index, traveller_index, new)
        world.planted.append(
            PlantedMatch(
                booking.record_locator,
                old.reference,
                document.register,
                document.reference,
                f"{document.status.value} document",
            )
        )


def _replace_traveller(
    world: DemoWorld, booking_index: int, traveller_index: int, new: DemoTraveller
) -> None:
    booking = world.bookings[booking_index]
    travellers = list(booking.travellers)
    travellers[traveller_index] = new
    world.bookings[booking_index] = DemoBooking(
        booking.receiving_agency,
        booking.carrier,
        booking.record_locator,
        booking.booked_at,
        booking.flights,
        tuple(travellers),
    )
