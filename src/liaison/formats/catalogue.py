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
INGEST_CASES: tuple[Case, ...] = (
    Case(
        "same-bytes-resent",
        T,
        "the same bytes again from the same sender: kept as a duplicate of the first and not read again; "
        "the receipt names the first",
    ),
    Case(
        "same-reference-other-content",
        W,
        "an interchange reference the sender already used, with other content: read, "
        "with a warning naming the earlier message",
    ),
    Case(
        "pnr-version-repeated",
        T,
        "a PNR identical to the latest version of its booking: not stored again as a new version",
    ),
)

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
