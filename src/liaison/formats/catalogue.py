"""Every way the readers treat imperfect input, by code, in one table.

Three treatments: *tolerated* input is read as the sender meant it and says
nothing; a *warning* means the input was read but something was changed, left
out or doubted, and the message (and the booking, for PNR data) says so; an
*error* means a unit (an interchange, a message, a PNR, a traveller, a register
entry) could not be read and is reported as a ``ParseError`` with its location.

``docs/formats.md`` lists the same codes and ``tests/formats/test_formats_catalogue.py``
checks the page against this table, checks that every warning and error code is
used by a reader, and that each case names a test that exists. Each area keeps
its own tuple so that readers can be changed independently.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Treatment(StrEnum):
    TOLERATED = "tolerated"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Case:
    code: str
    treatment: Treatment
    what: str


T, W, E = Treatment.TOLERATED, Treatment.WARNING, Treatment.ERROR

# EDIFACT syntax, envelopes and character encodings (formats/edifact.py and friends).
EDIFACT_CASES: tuple[Case, ...] = (
    Case(
        "una-service-characters",
        T,
        "UNA with any service characters, also one that leaves out the decimal mark",
    ),
    Case(
        "line-breaks",
        T,
        "CR/LF and spaces between segments; CR/LF inside a segment is line wrapping and is dropped",
    ),
    Case("typographic-apostrophe", T, "the typographic apostrophe used as segment terminator"),
    Case("missing-final-terminator", T, "no terminator after the final UNZ"),
    Case("control-characters-removed", W, "control characters inside a value that is not a name are removed"),
    Case("unt-count", W, "UNT's segment count differs from the message's"),
    Case("unt-reference", W, "UNT's reference differs from UNH's"),
    Case("unz-reference", W, "UNZ's control reference differs from UNB's"),
)

# PNRGOV EDIFACT (formats/pnrgov.py).
PNRGOV_CASES: tuple[Case, ...] = (
    Case("eqn-count", W, "EQN's PNR count differs from the number of PNRs in the message"),
    Case(
        "element-unreadable",
        W,
        "an element that cannot be read (a date, a time, a bag count or weight, a DOCS gender, a card "
        "expiry, EQN's count) is left empty; the rest of the PNR is kept",
    ),
    Case(
        "leg-incomplete",
        W,
        "a TVL without departure airport, arrival airport or carrier: the leg is kept with it empty",
    ),
    Case(
        "traveller-unknown",
        W,
        "a seat or an SSR DOCS/DOCO/DOCA for a traveller the PNR does not name: the seat is left out, "
        "the document kept as text in special requests",
    ),
    Case(
        "record-locator-missing",
        E,
        "a PNR without RCI or with an empty record locator: the PNR is not read",
    ),
    Case(
        "traveller-without-surname",
        E,
        "a TIF without surname: that traveller is not read, the rest of the PNR is",
    ),
    Case(
        "name-control-characters",
        E,
        "control characters in a TIF surname or given name: that traveller is not read, the rest of "
        "the PNR is",
    ),
    Case(
        "traveller-not-read",
        E,
        "a TIF of the current data that names a traveller the traveller part does not give (inside a leg, "
        "after EQN or MSG+8): that traveller is not read",
    ),
    Case(
        "pnr-cut-short",
        E,
        "the message ends inside a PNR: that PNR is not read, those before it are",
    ),
)

# PAXLST EDIFACT (formats/paxlst.py).
PAXLST_CASES: tuple[Case, ...] = (
    Case("cnt-count", W, "CNT's traveller count differs from the number of travellers in the message"),
)

# PNRGOV XML (formats/pnrgov_xml.py).
XML_CASES: tuple[Case, ...] = ()

# Register imports (formats/registers.py).
REGISTER_CASES: tuple[Case, ...] = ()

# Receiving pushed messages (services/ingest.py).
INGEST_CASES: tuple[Case, ...] = ()

CASES: tuple[Case, ...] = (
    *EDIFACT_CASES,
    *PNRGOV_CASES,
    *PAXLST_CASES,
    *XML_CASES,
    *REGISTER_CASES,
    *INGEST_CASES,
)
BY_CODE: dict[str, Case] = {case.code: case for case in CASES}


def warning(code: str, text: str) -> str:
    """The text of a catalogued warning. An unknown code, or one catalogued as
    something else, fails loudly, so a reader cannot warn outside the table."""
    case = BY_CODE[code]
    if case.treatment is not Treatment.WARNING:
        raise ValueError(f"{code} is catalogued as {case.treatment}, not a warning")
    return text
