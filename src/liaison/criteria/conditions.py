"""The condition types a risk rule is made of.

Each condition is a small frozen object with a clear name (``title``), a
sentence saying what it checks (``describe``), a fast ``test`` and an
``evidence`` method that reports the booking values it looked at, which is
what an analyst reads on a rule hit. Conditions on places also say which
places a booking must touch for them to hold (``places``), so the engine
can skip rules that cannot fire.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

from liaison.criteria.facts import PAYMENT_TYPES, BookingFacts, LegFacts, TravellerFacts
from liaison.criteria.places import Places, country, is_airport
from liaison.criteria.wording import N_, Gettext, english

# The forms of payment (see facts.PAYMENT_KINDS), in words.
PAYMENT_WORDS = {
    "cash": N_("cash"),
    "card": N_("card"),
    "check": N_("cheque"),
    "miscellaneous": N_("miscellaneous charge order"),
    "government": N_("government transportation request"),
    "invoice": N_("invoice"),
    "other": N_("another form of payment"),
}


class RuleError(ValueError):
    """A rule that cannot be accepted; ``path`` names the part at fault."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class NamedList:
    """A list a rule refers to by name ("departure points of concern")."""

    name: str
    kind: str  # airports, countries or bins
    values: frozenset[str]


class Reader:
    """Reads condition parameters, naming the path of anything wrong."""

    def __init__(self, lists: Mapping[str, NamedList]) -> None:
        self.lists = lists
        self.used_lists: set[str] = set()

    def mapping(self, value: Any, path: str, allowed: set[str]) -> dict[str, Any]:
        if value is True and not allowed:
            return {}
        if not isinstance(value, dict):
            raise RuleError(path, "expected a mapping of parameters")
        unknown = sorted(set(value) - allowed)
        if unknown:
            known = ", ".join(sorted(allowed))
            raise RuleError(f"{path}.{unknown[0]}", f"unknown parameter (allowed: {known})")
        return value

    def number(self, params: dict[str, Any], name: str, path: str, *, required: bool = False) -> float | None:
        value = params.get(name)
        if value is None:
            if required:
                raise RuleError(f"{path}.{name}", "required")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise RuleError(f"{path}.{name}", "expected a number of 0 or more")
        return float(value)

    def strings(self, value: Any, path: str) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise RuleError(path, "expected a list of codes")
        return [v.strip().upper() for v in value]

    def named(self, name: Any, path: str, kind: str) -> NamedList:
        if not isinstance(name, str) or name not in self.lists:
            raise RuleError(path, f"no list named {name!r}")
        found = self.lists[name]
        if found.kind != kind:
            raise RuleError(path, f"list {name!r} holds {found.kind}, not {kind}")
        self.used_lists.add(name)
        return found

    def places(self, value: Any, path: str) -> Places:
        """Airports, countries and named lists of either."""
        params = self.mapping(value, path, {"airports", "countries", "lists"})
        airports: set[str] = set()
        countries: set[str] = set()
        for i, code in enumerate(self.strings(params.get("airports", []), f"{path}.airports")):
            if not is_airport(code):
                raise RuleError(f"{path}.airports[{i}]", f"{code!r} is not an IATA airport code")
            airports.add(code)
        for i, code in enumerate(self.strings(params.get("countries", []), f"{path}.countries")):
            found = country(code)
            if found is None:
                raise RuleError(f"{path}.countries[{i}]", f"{code!r} is not an ISO 3166 country code")
            countries.add(found)
        names = params.get("lists", [])
        for i, name in enumerate(names if isinstance(names, list) else [names]):
            where = f"{path}.lists[{i}]"
            if not isinstance(name, str) or name not in self.lists:
                raise RuleError(where, f"no list named {name!r}")
            found_list = self.lists[name]
            if found_list.kind == "airports":
                airports |= found_list.values
            elif found_list.kind == "countries":
                countries |= found_list.values
            else:
                raise RuleError(where, f"list {name!r} holds {found_list.kind}, not places")
            self.used_lists.add(name)
        if not airports and not countries:
            raise RuleError(path, "name at least one airport, country or list")
        return Places(frozenset(airports), frozenset(countries))


class Condition(ABC):
    """Base of every condition type."""

    kind: ClassVar[str]
    title: ClassVar[str]
    traveller_level: ClassVar[bool] = False

    @abstractmethod
    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        """Whether the booking (and traveller, for traveller-level conditions) satisfies it."""

    @abstractmethod
    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        """The booking values the condition looked at, for the explanation."""

    @abstractmethod
    def describe(self, _: Gettext = english) -> str:
        """What the condition checks, in one sentence (``_`` translates it)."""

    def places(self) -> Places | None:
        """Places a booking must touch for this condition to hold, if any."""
        return None


@dataclass(frozen=True)
class DepartsFrom(Condition):
    where: Places
    kind: ClassVar[str] = "departs_from"
    title: ClassVar[str] = N_("departs from")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return booking.trip.origin in self.where.codes

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"origin": booking.trip.origin}

    def describe(self, _: Gettext = english) -> str:
        return _("the journey starts at {places}").format(places=self.where.describe(_))

    def places(self) -> Places:
        return self.where


@dataclass(frozen=True)
class ArrivesAt(Condition):
    where: Places
    kind: ClassVar[str] = "arrives_at"
    title: ClassVar[str] = N_("destination")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return booking.trip.destination in self.where.codes

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"destination": booking.trip.destination}

    def describe(self, _: Gettext = english) -> str:
        return _("the journey's destination is {places}").format(places=self.where.describe(_))

    def places(self) -> Places:
        return self.where


@dataclass(frozen=True)
class Transits(Condition):
    where: Places
    kind: ClassVar[str] = "transits"
    title: ClassVar[str] = N_("transits through")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return not self.where.codes.isdisjoint(booking.trip.transits)

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"transits": sorted(booking.trip.transits)}

    def describe(self, _: Gettext = english) -> str:
        return _("the journey changes planes at {places}").format(places=self.where.describe(_))

    def places(self) -> Places:
        return self.where


@dataclass(frozen=True)
class Visits(Condition):
    where: Places
    kind: ClassVar[str] = "visits"
    title: ClassVar[str] = N_("touches")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return not self.where.codes.isdisjoint(booking.trip.airports)

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"airports": sorted(a for a in booking.trip.airports if a in self.where)}

    def describe(self, _: Gettext = english) -> str:
        return _("any leg starts or ends at {places}").format(places=self.where.describe(_))

    def places(self) -> Places:
        return self.where


@dataclass(frozen=True)
class Route(Condition):
    """Consecutive legs A→B→C…, the whole within ``within`` when given."""

    stops: tuple[Places, ...]
    within: timedelta | None
    kind: ClassVar[str] = "route"
    title: ClassVar[str] = N_("route")

    def _matches(self, booking: BookingFacts) -> list[LegFacts] | None:
        legs = booking.trip.legs
        hops = len(self.stops) - 1
        for start in range(len(legs) - hops + 1):
            run = legs[start : start + hops]
            if run[0].origin not in self.stops[0]:
                continue
            if not all(
                leg.destination in self.stops[i + 1] and (i == 0 or run[i - 1].destination == leg.origin)
                for i, leg in enumerate(run)
            ):
                continue
            if self.within is not None:
                begin, end = run[0].departure, run[-1].ends
                if begin is None or end is None or end - begin > self.within:
                    continue
            return list(run)
        return None

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return self._matches(booking) is not None

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        run = self._matches(booking)
        if run is None:
            return {"legs": [leg.label for leg in booking.trip.legs]}
        return {"legs": [leg.label for leg in run]}

    def describe(self, _: Gettext = english) -> str:
        path = " → ".join(f"[{p.describe(_)}]" for p in self.stops)
        if self.within is None:
            return _("consecutive legs {path}").format(path=path)
        hours = self.within.total_seconds() / 3600
        return _("consecutive legs {path} within {hours} hours").format(path=path, hours=f"{hours:g}")

    def places(self) -> Places:
        return self.stops[0]


@dataclass(frozen=True)
class BrokenTravel(Condition):
    """A leg of this booking connects with a leg the same traveller booked
    separately (one journey split over several bookings)."""

    within: timedelta
    kind: ClassVar[str] = "broken_travel"
    title: ClassVar[str] = N_("broken travel")

    def _links(self, booking: BookingFacts) -> list[str]:
        links = []
        for leg in booking.legs:
            for other in booking.other_legs:
                for first, then in ((other, leg), (leg, other)):
                    ends, leaves = first.ends, then.departure
                    if (
                        first.destination == then.origin
                        and ends is not None
                        and leaves is not None
                        and timedelta(0) <= leaves - ends <= self.within
                    ):
                        links.append(f"{first.label} then {then.label}")
        return links

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return bool(booking.other_legs) and bool(self._links(booking))

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"connections": self._links(booking), "other_bookings_legs": len(booking.other_legs)}

    def describe(self, _: Gettext = english) -> str:
        return _(
            "a leg connects within {hours} hours with a leg of another booking of the same traveller"
        ).format(hours=f"{self.within.total_seconds() / 3600:g}")


@dataclass(frozen=True)
class ReturnsWithin(Condition):
    days: float
    kind: ClassVar[str] = "returns_within_days"
    title: ClassVar[str] = N_("quick return")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        trip = booking.trip
        return (
            trip.returned_at is not None
            and trip.first_departure is not None
            and trip.returned_at - trip.first_departure <= timedelta(days=self.days)
        )

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        trip = booking.trip
        if trip.returned_at is None or trip.first_departure is None:
            return {"returns": False}
        days = (trip.returned_at - trip.first_departure).total_seconds() / 86400
        return {"returns": True, "days_away": round(days, 1)}

    def describe(self, _: Gettext = english) -> str:
        return _("returns to the origin within {days} days").format(days=f"{self.days:g}")


@dataclass(frozen=True)
class BookedBeforeDeparture(Condition):
    min_hours: float | None
    max_hours: float | None
    kind: ClassVar[str] = "booked_before_departure"
    title: ClassVar[str] = N_("time from booking to departure")

    def _hours(self, booking: BookingFacts) -> float | None:
        departure = booking.trip.first_departure
        if booking.booked_at is None or departure is None:
            return None
        return (departure - booking.booked_at).total_seconds() / 3600

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        hours = self._hours(booking)
        return _in_range(hours, self.min_hours, self.max_hours)

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        hours = self._hours(booking)
        return {"hours": None if hours is None else round(hours, 1)}

    def describe(self, _: Gettext = english) -> str:
        return _range_text(self.min_hours, self.max_hours, _BOOKED_HOURS, _)


@dataclass(frozen=True)
class OneWay(Condition):
    expected: bool
    kind: ClassVar[str] = "one_way"
    title: ClassVar[str] = N_("one-way")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return booking.trip.one_way == self.expected

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"one_way": booking.trip.one_way}

    def describe(self, _: Gettext = english) -> str:
        return _("the booking is one-way") if self.expected else _("the booking comes back to its origin")


@dataclass(frozen=True)
class PaidWith(Condition):
    types: frozenset[str]
    kind: ClassVar[str] = "payment"
    title: ClassVar[str] = N_("form of payment")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return not self.types.isdisjoint(booking.payment_types)

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"payment_types": sorted(booking.payment_types)}

    def describe(self, _: Gettext = english) -> str:
        types = _either((_(PAYMENT_WORDS[t]) for t in sorted(self.types)), _)
        return _("paid by {types}").format(types=types)


@dataclass(frozen=True)
class CardBin(Condition):
    prefixes: tuple[str, ...]
    lists: tuple[str, ...]  # the named lists the prefixes came from, for the sentence
    kind: ClassVar[str] = "card_bin"
    title: ClassVar[str] = N_("card issuer")

    def _matching(self, booking: BookingFacts) -> list[str]:
        return sorted(b for b in booking.card_bins if b.startswith(self.prefixes))

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return any(b.startswith(self.prefixes) for b in booking.card_bins)

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"card_bins": self._matching(booking) or sorted(booking.card_bins)}

    def describe(self, _: Gettext = english) -> str:
        if self.lists:
            names = ", ".join(f"«{name}»" for name in self.lists)
            return _("paid with a card whose BIN is on the list {lists}").format(lists=names)
        return _("paid with a card whose BIN starts with {bins}").format(bins=", ".join(self.prefixes))


@dataclass(frozen=True)
class ThirdPartyPayment(Condition):
    expected: bool
    kind: ClassVar[str] = "paid_by_third_party"
    title: ClassVar[str] = N_("paid by a third party")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return booking.third_party_payment == self.expected

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"third_party_payment": booking.third_party_payment}

    def describe(self, _: Gettext = english) -> str:
        return _("someone other than the travellers paid") if self.expected else _("a traveller paid")


@dataclass(frozen=True)
class TravelAgency(Condition):
    agencies: frozenset[str]
    kind: ClassVar[str] = "travel_agency"
    title: ClassVar[str] = N_("travel agency")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        agency = booking.travel_agency
        return agency is not None and (not self.agencies or agency in self.agencies)

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"travel_agency": booking.travel_agency}

    def describe(self, _: Gettext = english) -> str:
        if not self.agencies:
            return _("booked through a travel agency")
        return _("booked through travel agency {agencies}").format(agencies=", ".join(sorted(self.agencies)))


@dataclass(frozen=True)
class GroupSize(Condition):
    minimum: float | None
    maximum: float | None
    kind: ClassVar[str] = "group_size"
    title: ClassVar[str] = N_("travellers in the booking")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return _in_range(len(booking.travellers), self.minimum, self.maximum)

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"travellers": len(booking.travellers)}

    def describe(self, _: Gettext = english) -> str:
        return _range_text(self.minimum, self.maximum, _TRAVELLERS, _)


@dataclass(frozen=True)
class Bags(Condition):
    minimum: float | None
    maximum: float | None
    kind: ClassVar[str] = "bags"
    title: ClassVar[str] = N_("checked bags")
    traveller_level: ClassVar[bool] = True

    @staticmethod
    def _count(booking: BookingFacts, traveller: TravellerFacts | None) -> int:
        if traveller is not None and traveller.bags is not None:
            return traveller.bags
        return booking.bags

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return _in_range(self._count(booking, traveller), self.minimum, self.maximum)

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"bags": self._count(booking, traveller)}

    def describe(self, _: Gettext = english) -> str:
        return _range_text(self.minimum, self.maximum, _BAGS, _)


# What may change between two pushes of a booking, in words.
CHANGE_WORDS = {
    "legs": N_("legs"),
    "seats": N_("seats"),
    "travellers": N_("travellers"),
    "documents": N_("documents"),
    "payments": N_("payments"),
    "bags": N_("bags"),
}
CHANGE_FIELDS = frozenset(CHANGE_WORDS)


@dataclass(frozen=True)
class ChangedSincePush(Condition):
    fields: frozenset[str]
    kind: ClassVar[str] = "changed_since_last_push"
    title: ClassVar[str] = N_("changed between pushes")

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return not self.fields.isdisjoint(booking.changed)

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"changed": sorted(booking.changed)}

    def describe(self, _: Gettext = english) -> str:
        return _("{fields} changed since the airline's previous push").format(
            fields=_either((_(CHANGE_WORDS[f]) for f in sorted(self.fields)), _)
        )


@dataclass(frozen=True)
class DocumentIssuedRecently(Condition):
    days: float
    kind: ClassVar[str] = "document_issued_within_days"
    title: ClassVar[str] = N_("recently issued document")
    traveller_level: ClassVar[bool] = True

    def _ages(self, booking: BookingFacts, traveller: TravellerFacts | None) -> list[int]:
        departure = booking.trip.first_departure
        if traveller is None or departure is None:
            return []
        return [(departure.date() - issued).days for issued in traveller.documents_issued]

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return any(0 <= age <= self.days for age in self._ages(booking, traveller))

    def evidence(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {"document_age_days": self._ages(booking, traveller)}

    def describe(self, _: Gettext = english) -> str:
        sentence = _("a travel document issued at most {days} days before departure")
        return sentence.format(days=f"{self.days:g}")


def _in_range(value: float | None, low: float | None, high: float | None) -> bool:
    if value is None:
        return False  # a missing fact never satisfies a condition
    return (low is None or value >= low) and (high is None or value <= high)


# A range in whole sentences (between, at least, at most), so that each
# language can place the numbers where it needs them.
_BOOKED_HOURS = (
    N_("booked between {low} and {high} hours before departure"),
    N_("booked at least {low} hours before departure"),
    N_("booked at most {high} hours before departure"),
)
_TRAVELLERS = (
    N_("between {low} and {high} travellers in the booking"),
    N_("at least {low} travellers in the booking"),
    N_("at most {high} travellers in the booking"),
)
_BAGS = (
    N_("between {low} and {high} bags checked"),
    N_("at least {low} bags checked"),
    N_("at most {high} bags checked"),
)


def _range_text(low: float | None, high: float | None, sentences: tuple[str, str, str], _: Gettext) -> str:
    both, at_least, at_most = sentences
    values = {"low": "" if low is None else f"{low:g}", "high": "" if high is None else f"{high:g}"}
    if low is not None and high is not None:
        return _(both).format(**values)
    if low is not None:
        return _(at_least).format(**values)
    return _(at_most).format(**values)


def _either(words: Iterable[str], _: Gettext) -> str:
    """``cash or card``, in the reader's language."""
    return _(" or ").join(words)


def _hours(params: dict[str, Any], reader: Reader, path: str, name: str) -> timedelta | None:
    value = reader.number(params, name, path)
    return None if value is None else timedelta(hours=value)


def _range(reader: Reader, value: Any, path: str, low: str, high: str) -> tuple[float | None, float | None]:
    params = reader.mapping(value, path, {low, high})
    lo, hi = reader.number(params, low, path), reader.number(params, high, path)
    if lo is None and hi is None:
        raise RuleError(path, f"give {low}, {high} or both")
    if lo is not None and hi is not None and lo > hi:
        raise RuleError(path, f"{low} is above {high}")
    return lo, hi


def _flag(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise RuleError(path, "expected true or false")
    return value


def _route(reader: Reader, value: Any, path: str) -> Route:
    params = reader.mapping(value, path, {"stops", "within_hours"})
    stops = params.get("stops")
    if not isinstance(stops, list) or len(stops) < 2:
        raise RuleError(f"{path}.stops", "give two stops or more, in travel order")
    places = tuple(reader.places(stop, f"{path}.stops[{i}]") for i, stop in enumerate(stops))
    return Route(places, _hours(params, reader, path, "within_hours"))


def _payment(reader: Reader, value: Any, path: str) -> PaidWith:
    params = reader.mapping(value, path, {"types"})
    types = {t.lower() for t in reader.strings(params.get("types", []), f"{path}.types")}
    unknown = sorted(types - PAYMENT_TYPES)
    if unknown or not types:
        raise RuleError(f"{path}.types", f"expected some of {', '.join(sorted(PAYMENT_TYPES))}")
    return PaidWith(frozenset(types))


def _card_bin(reader: Reader, value: Any, path: str) -> CardBin:
    params = reader.mapping(value, path, {"bins", "lists"})
    prefixes = set(reader.strings(params.get("bins", []), f"{path}.bins"))
    names = params.get("lists", [])
    for i, name in enumerate(names if isinstance(names, list) else [names]):
        prefixes |= reader.named(name, f"{path}.lists[{i}]", "bins").values
    for prefix in prefixes:
        if not prefix.isdigit() or not 1 <= len(prefix) <= 8:
            raise RuleError(f"{path}.bins", f"{prefix!r} is not a card BIN prefix (1 to 8 digits)")
    if not prefixes:
        raise RuleError(path, "name BIN prefixes or a list of them")
    return CardBin(tuple(sorted(prefixes)), tuple(names if isinstance(names, list) else [names]))


def _changed(reader: Reader, value: Any, path: str) -> ChangedSincePush:
    params = reader.mapping(value, path, {"fields"})
    fields = {f.lower() for f in reader.strings(params.get("fields", []), f"{path}.fields")}
    if not fields or fields - CHANGE_FIELDS:
        raise RuleError(f"{path}.fields", f"expected some of {', '.join(sorted(CHANGE_FIELDS))}")
    return ChangedSincePush(frozenset(fields))


def _agency(reader: Reader, value: Any, path: str) -> TravelAgency:
    if value is True:
        return TravelAgency(frozenset())
    params = reader.mapping(value, path, {"agencies"})
    return TravelAgency(frozenset(reader.strings(params.get("agencies", []), f"{path}.agencies")))


def _days(reader: Reader, value: Any, path: str) -> float:
    params = reader.mapping(value, path, {"max_days"})
    days = reader.number(params, "max_days", path, required=True)
    assert days is not None
    return days


def _within(reader: Reader, value: Any, path: str) -> timedelta:
    params = reader.mapping(value, path, {"within_hours"}) if value is not True else {}
    return _hours(params, reader, path, "within_hours") or timedelta(hours=24)


Builder = Callable[[Reader, Any, str], Condition]

# The rule language: every condition type a rule may use, by its key.
BUILDERS: dict[str, Builder] = {
    DepartsFrom.kind: lambda r, v, p: DepartsFrom(r.places(v, p)),
    ArrivesAt.kind: lambda r, v, p: ArrivesAt(r.places(v, p)),
    Transits.kind: lambda r, v, p: Transits(r.places(v, p)),
    Visits.kind: lambda r, v, p: Visits(r.places(v, p)),
    Route.kind: _route,
    BrokenTravel.kind: lambda r, v, p: BrokenTravel(_within(r, v, p)),
    ReturnsWithin.kind: lambda r, v, p: ReturnsWithin(_days(r, v, p)),
    BookedBeforeDeparture.kind: lambda r, v, p: BookedBeforeDeparture(
        *_range(r, v, p, "min_hours", "max_hours")
    ),
    OneWay.kind: lambda r, v, p: OneWay(_flag(v, p)),
    PaidWith.kind: _payment,
    CardBin.kind: _card_bin,
    ThirdPartyPayment.kind: lambda r, v, p: ThirdPartyPayment(_flag(v, p)),
    TravelAgency.kind: _agency,
    GroupSize.kind: lambda r, v, p: GroupSize(*_range(r, v, p, "min", "max")),
    Bags.kind: lambda r, v, p: Bags(*_range(r, v, p, "min", "max")),
    ChangedSincePush.kind: _changed,
    DocumentIssuedRecently.kind: lambda r, v, p: DocumentIssuedRecently(_days(r, v, p)),
}
