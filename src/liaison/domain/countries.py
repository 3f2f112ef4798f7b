"""Country codes checked against ISO 3166 (pycountry's data)."""

from __future__ import annotations

from functools import lru_cache

import pycountry

from liaison.domain.errors import InvalidInput


@lru_cache(maxsize=512)
def country_code(value: str) -> str:
    """The ISO 3166-1 alpha-2 code for an alpha-2 or alpha-3 code, or InvalidInput."""
    text = value.strip().upper()
    found = None
    if len(text) == 2:
        found = pycountry.countries.get(alpha_2=text)
    elif len(text) == 3:
        found = pycountry.countries.get(alpha_3=text)
    if found is None:
        raise InvalidInput(f"country: {value!r} is not an ISO 3166 country code")
    return str(found.alpha_2)


def country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_2=code.upper())
    return str(found.name) if found is not None else code
