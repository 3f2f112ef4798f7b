"""Airports and countries as rules name them, checked against real data
(``airportsdata`` for IATA airport codes, ``pycountry`` for ISO countries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import airportsdata

from liaison.criteria.wording import Gettext, english
from liaison.domain.countries import country_code
from liaison.domain.errors import InvalidInput


@cache
def _airports() -> dict[str, Any]:
    loaded: dict[str, Any] = airportsdata.load("IATA")
    return loaded


def is_airport(code: str) -> bool:
    return code.upper() in _airports()


@lru_cache(maxsize=8192)
def airport_country(code: str) -> str:
    """ISO alpha-2 country of an IATA airport, or ``""`` when unknown."""
    found = _airports().get(code.upper())
    return str(found["country"]) if found else ""


def airport_position(code: str) -> tuple[float, float] | None:
    """Latitude and longitude of an IATA airport, or None when unknown."""
    found = _airports().get(code.upper())
    return (float(found["lat"]), float(found["lon"])) if found else None


def airport_label(code: str) -> str:
    found = _airports().get(code.upper())
    return f"{code} ({found['city']})" if found else code


def country(value: str) -> str | None:
    """ISO alpha-2 code for an alpha-2 or alpha-3 code, or None."""
    try:
        return country_code(value)
    except InvalidInput:
        return None


@cache
def _airports_by_country() -> dict[str, frozenset[str]]:
    grouped: dict[str, set[str]] = {}
    for code, found in _airports().items():
        grouped.setdefault(str(found["country"]), set()).add(code)
    return {country: frozenset(codes) for country, codes in grouped.items()}


def airports_in(country_code: str) -> frozenset[str]:
    return _airports_by_country().get(country_code, frozenset())


@dataclass(frozen=True, slots=True)
class Places:
    """A set of airports and countries (from a rule, or a named list).

    ``codes`` holds every airport matched, the countries' airports included,
    so that testing an airport is one set lookup."""

    airports: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    codes: frozenset[str] = field(default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        codes = set(self.airports)
        for code in self.countries:
            codes |= airports_in(code)
        object.__setattr__(self, "codes", frozenset(codes))

    def __or__(self, other: Places) -> Places:
        return Places(self.airports | other.airports, self.countries | other.countries)

    def __contains__(self, airport: object) -> bool:
        return airport in self.codes

    def __bool__(self) -> bool:
        return bool(self.airports or self.countries)

    def describe(self, _: Gettext = english) -> str:
        """The airports and countries, the first six named (``_`` translates)."""
        parts = sorted(self.airports) + [_("country {code}").format(code=c) for c in sorted(self.countries)]
        if len(parts) > 6:
            return _("{places} and {count} more").format(places=", ".join(parts[:6]), count=len(parts) - 6)
        return ", ".join(parts)
