"""Records imported into the shared registers (persons of interest and their
documents), whatever list they came from."""

from __future__ import annotations

from dataclasses import dataclass

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate


@dataclass(frozen=True, slots=True)
class RegisterDocument:
    """An identity document named in a register (``kind`` ``passport`` or ``id``).

    ``country`` is an ISO 3166-1 alpha-3 code; ``type`` the source's words for
    the document; ``issued``, ``place_of_issue`` and ``note`` are kept as the
    source writes them (lists give dates of issue in many shapes)."""

    kind: str
    number: str
    country: str | None = None
    type: str | None = None
    issued: str | None = None
    place_of_issue: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RegisterPerson:
    """A person as a source list states them: several names, dates and
    nationalities are normal (aliases, uncertain birth years). Readers give
    nationalities as ISO 3166-1 alpha-3 codes."""

    source_id: str
    name: str
    aliases: tuple[str, ...] = ()
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    birth_dates: tuple[PartialDate, ...] = ()
    birth_place: str | None = None
    nationalities: tuple[str, ...] = ()
    gender: Gender | None = None
    documents: tuple[RegisterDocument, ...] = ()
    source: str | None = None
