"""English and French for what people read: Babel message catalogues kept as `.po`
files in `liaison/locale` (compiled in memory when first needed, so the repository
holds no binary catalogue), and dates and numbers in the reader's locale."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_datetime as _format_datetime
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALES = ("en", "fr")
DEFAULT_LOCALE = "en"
DOMAIN = "liaison"
LOCALE_DIR = Path(__file__).parent / "locale"


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate where it is shown."""
    return message


def negotiate(wanted: str | None) -> str:
    """The supported locale closest to `wanted` (`fr-BE` gives `fr`), else English."""
    if wanted:
        chosen = Locale.negotiate([wanted.replace("-", "_")], list(LOCALES))
        if chosen is not None:
            return str(chosen.language)
    return DEFAULT_LOCALE


def catalog(locale: str) -> Catalog | None:
    path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


@cache
def translations(locale: str) -> NullTranslations:
    found = catalog(negotiate(locale))
    if found is None:
        return NullTranslations()
    compiled = io.BytesIO()
    write_mo(compiled, found)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


def gettext_for(locale: str) -> Callable[[str], str]:
    return translations(locale).gettext


def format_time(value: datetime, locale: str) -> str:
    return _format_datetime(value, format="medium", locale=negotiate(locale))


def format_number(value: float, locale: str) -> str:
    return format_decimal(value, locale=negotiate(locale))
