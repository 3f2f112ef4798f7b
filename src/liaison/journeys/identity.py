"""Identity resolution: which traveller records are one travelling person.

Each record is one traveller as one message stated them (one push of one
booking, or one API manifest). Records are linked when the evidence
supports it, strongest first:

- the same travel document: number and issuing country, strength 1.0; the
  number with one side not stating the country and names agreeing, 0.95;
- the same frequent-flyer number with the same airline: 0.95;
- the same full birth date and names the matching engine scores as the
  same person (a typo, another romanisation, a missing middle name): the
  name score;
- the same name in two pushes of one booking: 1.0;
- the same contact detail (compared as keyed hashes, never in clear) and a
  name scoring as the same person, birth dates not disagreeing: 0.8. A
  shared phone alone is a family, not a person.

Links never join records whose full birth dates disagree, and an analyst's
decisions come first: a join is a link of strength 1.0, a split forbids any
link that would put the two records in one person again. Every link keeps
its evidence, so the person can be explained and undone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from liaison.matching.compare import name_score
from liaison.matching.names import Name, parse_name

NAME_THRESHOLD = 0.85
CONTACT_STRENGTH = 0.8
FREQUENT_FLYER_STRENGTH = 0.95
DOCUMENT_NO_COUNTRY = 0.95
# A block of records sharing a key larger than this is a data error or a
# placeholder ("UNKNOWN", "0000000"), not a person.
MAX_BLOCK = 500


@dataclass(frozen=True, slots=True)
class TravellerRecord:
    """One traveller as one message stated them (what identity resolution reads)."""

    id: int
    surname: str
    given_names: str = ""
    birth_date: str | None = None  # ISO, possibly partial ("1985", "1985-03")
    documents: tuple[tuple[str, str | None], ...] = ()  # (number key, issuing country)
    frequent_flyers: tuple[str, ...] = ()  # "LH:992200331"
    contacts: tuple[str, ...] = ()  # keyed hashes of e-mail addresses and phone numbers
    booking: int | None = None

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()

    @property
    def full_birth_date(self) -> str | None:
        return self.birth_date if self.birth_date and len(self.birth_date) == 10 else None


@dataclass(frozen=True, slots=True)
class Link:
    """Why two records are taken for one person."""

    a: int
    b: int
    strength: float
    evidence: str  # document, frequent_flyer, name_and_birth_date, same_booking, contact_and_name, analyst
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    """An analyst's decision on two records: the same person or not."""

    a: int
    b: int
    same: bool


@dataclass
class Person:
    """One travelling person: the records and the links that joined them."""

    records: list[int]
    links: list[Link] = field(default_factory=list)

    @property
    def strength(self) -> float:
        """The weakest link: how sure the grouping is as a whole."""
        return min((link.strength for link in self.links), default=1.0)


@lru_cache(maxsize=200_000)
def _parsed(name: str) -> Name:
    return parse_name(name)


def name_similarity(a: TravellerRecord, b: TravellerRecord) -> float:
    if a.full_name.upper() == b.full_name.upper():
        return 1.0
    return name_score(_parsed(a.full_name), _parsed(b.full_name))[0]


def _dates_disagree(a: TravellerRecord, b: TravellerRecord) -> bool:
    if not a.birth_date or not b.birth_date:
        return False
    shorter = min(len(a.birth_date), len(b.birth_date))
    return a.birth_date[:shorter] != b.birth_date[:shorter]


def candidate_links(records: Sequence[TravellerRecord]) -> list[Link]:
    """Every link the evidence supports (see the module docstring)."""
    links: list[Link] = []
    by_document: dict[str, list[TravellerRecord]] = {}
    by_flyer: dict[str, list[TravellerRecord]] = {}
    by_contact: dict[str, list[TravellerRecord]] = {}
    by_birth: dict[tuple[str, str], list[TravellerRecord]] = {}
    by_booking: dict[int, list[TravellerRecord]] = {}
    for record in records:
        if record.booking is not None:
            by_booking.setdefault(record.booking, []).append(record)
        for number, _country in record.documents:
            if number:
                by_document.setdefault(number, []).append(record)
        for flyer in record.frequent_flyers:
            by_flyer.setdefault(flyer, []).append(record)
        for contact in record.contacts:
            by_contact.setdefault(contact, []).append(record)
        born = record.full_birth_date
        if born is not None and record.surname:
            # Blocked by birth date and the surname's first letter: typos keep it,
            # and different people born the same day rarely share it as well.
            by_birth.setdefault((born, record.surname[:1].upper()), []).append(record)
            for given in record.given_names.split()[:1]:
                # A swapped name order (given name recorded as surname) stays findable.
                by_birth.setdefault((born, given[:1].upper()), []).append(record)
    for number, group in by_document.items():
        links += _document_links(number, group)
    for flyer, group in by_flyer.items():
        for a, b in _pairs(_distinct_forms(group)):
            if not _dates_disagree(a, b) and name_similarity(a, b) >= NAME_THRESHOLD:
                links.append(Link(a.id, b.id, FREQUENT_FLYER_STRENGTH, "frequent_flyer", flyer.split(":")[0]))
    seen_names: set[tuple[int, int]] = set()
    for (born, _initial), group in by_birth.items():
        for a, b in _pairs(_distinct_forms(group)):
            key = (min(a.id, b.id), max(a.id, b.id))
            if key in seen_names:
                continue
            seen_names.add(key)
            similarity = name_similarity(a, b)
            if similarity >= NAME_THRESHOLD:
                links.append(Link(a.id, b.id, round(similarity, 3), "name_and_birth_date", born))
    for group in by_contact.values():
        for a, b in _pairs(_distinct_forms(group)):
            if _dates_disagree(a, b):
                continue
            if name_similarity(a, b) >= NAME_THRESHOLD:
                links.append(Link(a.id, b.id, CONTACT_STRENGTH, "contact_and_name"))
    # Records spelled exactly alike in a block were left out above: tie them to their form.
    links += _same_form_links(records)
    links += _booking_links(by_booking)
    return links


def _booking_links(by_booking: dict[int, list[TravellerRecord]]) -> list[Link]:
    """The pushes of one booking name the same travellers again: within a
    booking, the same name (birth dates not disagreeing) is the same person."""
    links = []
    for booking, group in by_booking.items():
        first: dict[str, TravellerRecord] = {}
        for record in group:
            found = first.setdefault(record.full_name.upper(), record)
            if found is not record and not _dates_disagree(found, record):
                links.append(Link(found.id, record.id, 1.0, "same_booking", f"booking {booking}"))
    return links


def _document_links(number: str, group: list[TravellerRecord]) -> list[Link]:
    """Records stating one document number: those naming the same issuing
    country are tied to the first of them (exact evidence needs no pairwise
    comparison); a record that does not name the country is tied to another
    spelling group only when the names agree too."""
    links: list[Link] = []
    first_by_country: dict[str, TravellerRecord] = {}
    undecided: dict[tuple[str, str | None], TravellerRecord] = {}
    for record in group:
        country = dict(record.documents).get(number)
        if country is None:
            found = undecided.setdefault(_form(record), record)
            if found is not record and not _dates_disagree(found, record):
                links.append(Link(found.id, record.id, 1.0, "document", f"document {number}, same name"))
            continue
        found = first_by_country.setdefault(country, record)
        if found is not record and not _dates_disagree(found, record):
            links.append(Link(found.id, record.id, 1.0, "document", f"document {number} ({country})"))
    representatives = list(first_by_country.values()) + list(undecided.values())
    for a, b in _pairs(representatives):
        stated = [dict(a.documents).get(number), dict(b.documents).get(number)]
        if None not in stated or _dates_disagree(a, b):
            continue  # two countries: two documents that share a number
        if name_similarity(a, b) >= NAME_THRESHOLD:
            links.append(Link(a.id, b.id, DOCUMENT_NO_COUNTRY, "document", f"document {number}, names agree"))
    return links


def _pairs(group: list[TravellerRecord]) -> Iterable[tuple[TravellerRecord, TravellerRecord]]:
    if len(group) > MAX_BLOCK:
        return ()
    return combinations(group, 2)


def _form(record: TravellerRecord) -> tuple[str, str | None]:
    return (record.full_name.upper(), record.full_birth_date)


def _distinct_forms(group: list[TravellerRecord]) -> list[TravellerRecord]:
    """One record per spelling and birth date: a frequent traveller's fifty
    identical pushes are compared once, not 1,225 times."""
    out: dict[tuple[str, str | None], TravellerRecord] = {}
    for record in group:
        out.setdefault(_form(record), record)
    return list(out.values())


def _same_form_links(records: Sequence[TravellerRecord]) -> list[Link]:
    first: dict[tuple[str, str | None], TravellerRecord] = {}
    links = []
    for record in records:
        form = _form(record)
        if form[1] is None:
            continue  # a name without a full birth date says too little on its own
        found = first.setdefault(form, record)
        if found is not record:
            links.append(Link(found.id, record.id, 1.0, "name_and_birth_date", form[1]))
    return links


class _Groups:
    """Union-find over record ids that honours "not the same person" decisions."""

    def __init__(self, ids: Iterable[int]) -> None:
        self.parent = {i: i for i in ids}
        self.apart: dict[int, set[int]] = {}  # root -> roots it may never join

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def forbid(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        self.apart.setdefault(ra, set()).add(rb)
        self.apart.setdefault(rb, set()).add(ra)

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if rb in {self.find(x) for x in self.apart.get(ra, ())}:
            return False
        self.parent[rb] = ra
        moved = self.apart.pop(rb, set())
        if moved:
            self.apart.setdefault(ra, set()).update(moved)
            for other in moved:
                self.apart.setdefault(other, set()).add(ra)
        return True


def resolve(
    records: Sequence[TravellerRecord], decisions: Iterable[Decision] = (), links: list[Link] | None = None
) -> list[Person]:
    """Group records into persons: analysts' joins and splits first, then
    the links from strongest to weakest, never crossing a split."""
    known = {r.id for r in records}
    groups = _Groups(known)
    kept: list[Link] = []
    decided = [d for d in decisions if d.a in known and d.b in known]
    for decision in decided:
        if not decision.same:
            groups.forbid(decision.a, decision.b)
    for decision in decided:
        if decision.same and groups.join(decision.a, decision.b):
            kept.append(Link(decision.a, decision.b, 1.0, "analyst", "joined by an analyst"))
    found = candidate_links(records) if links is None else links
    for link in sorted(found, key=lambda link: -link.strength):
        if groups.find(link.a) != groups.find(link.b) and groups.join(link.a, link.b):
            kept.append(link)
    persons: dict[int, Person] = {}
    for record in records:
        persons.setdefault(groups.find(record.id), Person([])).records.append(record.id)
    for link in kept:
        persons[groups.find(link.a)].links.append(link)
    return list(persons.values())
