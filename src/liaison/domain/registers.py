"""Records imported into the shared registers (persons of interest and their
documents), whatever list they came from."""

from __future__ import annotations

from dataclasses import dataclass

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate


@dataclass(frozen=True, slots=True)
class RegisterDocument:
    """An identity document named in a register (``kind`` ``passport`` or ``id``)."""

    kind: str
    number: str
    country: str | None = None
    type: str | None = None


@dataclass(frozen=True, slots=True)
class RegisterPerson:
    """A person as a source list states them: several names, dates and
    nationalities are normal (aliases, uncertain birth years)."""

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
