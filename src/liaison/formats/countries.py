"""Country names as register owners write them, read as ISO 3166-1 alpha-3 codes.

Lists name countries every way: codes (``fr``, ``IRQ``), official and common
names, UN-style names with parentheses (``Iran (Islamic Republic of)``), historic
names (``Zaire``, ``Burma``), and demonyms in nationality fields (``Afghan``).
OpenSanctions' ``countrynames`` knows most of these (it was made for exactly
this); ``pycountry`` adds ISO's own current names, checks the answer against
ISO 3166 and follows a former country (ISO 3166-3) to its single successor. A
value that names no current country (``Stateless``, ``Soviet Union``,
``Kosovo``, which has no ISO 3166-1 code) is not guessed: the caller gets the
reason and reports the value as left out. No distance-based guessing: a wrong
country on a watch-list entry is worse than none. For the same reason a name or
demonym that fits two countries (``Dominican``: Dominica or the Dominican
Republic; ``Korean``; ``Congolese``) is not read as either: ``_AMBIGUOUS`` lists
them and the reason names the countries it could be. ``Sudanese`` and ``Irish``
are read (Sudan, Ireland): each is the nationality of one state, and the other
(``South Sudanese``, ``Northern Irish``) is written as such. Nothing here does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import countrynames
import pycountry

# Demonyms countrynames does not list ("Chadian", "Ecuadorian", "Bruneian"):
# the stem is tried as a name, never a guess by distance.
_DEMONYM_ENDINGS = ("ian", "an", "ese", "i", "n")
_SPACES = re.compile(r"\s+")
_NOT_LETTERS = re.compile(r"[^\w]+")

# Names and demonyms register owners write for more than one country, which
# countrynames (or the demonym stem) reads as one of them: left out, saying which.
# Keys are lower case with punctuation as spaces (``St. Martin`` is ``st martin``).
_AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "dominican": ("DMA", "DOM"),
    "korean": ("KOR", "PRK"),
    "korea": ("KOR", "PRK"),
    "congolese": ("COG", "COD"),
    # ISO's short name for COG, but the DRC has been called Congo since 1997.
    "congo": ("COG", "COD"),
    "guinean": ("GIN", "GNB", "GNQ"),
    "samoan": ("WSM", "ASM"),
    "virgin islander": ("VGB", "VIR"),
    "virgin islands": ("VGB", "VIR"),
    "virgin island": ("VGB", "VIR"),
    "turkish cypriot": ("CYP", "TUR"),
    "saint martin": ("MAF", "SXM"),
    "st martin": ("MAF", "SXM"),
    "saint martiner": ("MAF", "SXM"),
}
# Where countrynames names the wrong country (it reads ``Mauritian`` as Mauritania).
_CORRECTED = {"mauritian": "MUS"}


@dataclass(frozen=True, slots=True)
class CountryReading:
    """``code`` is an ISO 3166-1 alpha-3 code, or None with ``reason`` saying why."""

    code: str | None
    reason: str | None = None


def _current(alpha_2: str) -> str | None:
    found = pycountry.countries.get(alpha_2=alpha_2)
    return str(found.alpha_3) if found is not None else None


def _successor(code: str) -> CountryReading | None:
    """A former country's code (ISO 3166-3): its single successor, or why there is none.

    The four-letter code's last two letters are the successor's alpha-2 code;
    ``HH`` (and a successor that is itself withdrawn, such as Yugoslavia's ``CS``)
    means no single successor."""
    if len(code) == 4:
        former = pycountry.historic_countries.get(alpha_4=code)
    elif len(code) == 2:
        former = pycountry.historic_countries.get(alpha_2=code)
    else:
        former = pycountry.historic_countries.get(alpha_3=code)
    if former is None:
        return None
    successor = _current(str(former.alpha_4)[2:])
    if successor is None:
        return CountryReading(None, f"{former.name} is a former country with no single successor")
    return CountryReading(successor)


def _code_of(text: str) -> str | None:
    """countrynames' code for a name (alpha-2, or a four-letter ISO 3166-3 code), if any."""
    found = countrynames.to_code(text)
    if found is not None:
        return found
    try:  # ISO's own names, which countrynames may lag behind ("Republic of Türkiye")
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        pass
    lowered = text.lower()
    for ending in _DEMONYM_ENDINGS:
        if lowered.endswith(ending) and len(text) - len(ending) >= 4:
            found = countrynames.to_code(text[: -len(ending)])
            if found is not None:
                return found
    return None


def _described(code: str) -> str:
    found = pycountry.countries.get(alpha_3=code)
    name = getattr(found, "common_name", None) or getattr(found, "name", None)
    return f"{code} ({name})" if name else code


def _ambiguity(codes: tuple[str, ...]) -> str:
    described = [_described(code) for code in codes]
    return "ambiguous: could be " + ", ".join(described[:-1]) + " or " + described[-1]


@lru_cache(maxsize=4096)
def read_country(value: str) -> CountryReading:
    """The ISO 3166-1 alpha-3 code ``value`` names, or why it names none."""
    text = _SPACES.sub(" ", value).strip()
    if not text:
        return CountryReading(None, "empty")
    key = _SPACES.sub(" ", _NOT_LETTERS.sub(" ", text.casefold())).strip()
    if key in _AMBIGUOUS:
        return CountryReading(None, _ambiguity(_AMBIGUOUS[key]))
    if key in _CORRECTED:
        return CountryReading(_CORRECTED[key])
    upper = text.upper()
    if len(upper) == 3 and (found := pycountry.countries.get(alpha_3=upper)) is not None:
        return CountryReading(str(found.alpha_3))
    code = _code_of(text)
    if code is None:
        return CountryReading(None, "not a country name or code")
    if len(code) == 2 and (alpha_3 := _current(code)) is not None:
        return CountryReading(alpha_3)
    former = _successor(code)
    if former is not None:
        return former
    return CountryReading(None, f"{code} is not an ISO 3166-1 country")


def country_alpha3(value: str) -> str | None:
    """Shorthand for ``read_country(value).code``."""
    return read_country(value).code
