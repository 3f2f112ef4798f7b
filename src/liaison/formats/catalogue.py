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
    Case(
        "envelope-type-b",
        T,
        "a Type-B heading before the interchange (priority and address lines, origin line, also on one "
        "line with a tab; SOH/STX/ETX framing) or an SMI block (=HEADER … =TEXT) is cut away",
    ),
    Case(
        "envelope-email",
        T,
        "e-mail headers and MIME around the interchange (multipart, base64, quoted-printable): the part "
        "holding the interchange is read; byte offsets then count in that part's decoded body",
    ),
    Case(
        "envelope-footer",
        T,
        "after UNZ, an end-of-message mark (NNNN, ETX) or a footer whose first line is a signature or "
        "rule line or names a virus scan, disclaimer, confidentiality notice or greeting, with no segment",
    ),
    Case(
        "envelope-text-removed",
        W,
        "other text before the interchange (a cover note) is cut away; the warning quotes it",
    ),
    Case(
        "data-before-interchange",
        E,
        "text before the interchange that looks like EDIFACT segments (the interchange itself is read)",
    ),
    Case(
        "envelope-more-interchanges",
        E,
        "an e-mail holding more than one interchange: the first is read, the others are reported",
    ),
    Case(
        "text-after-interchange",
        E,
        "text after UNZ that is no end-of-message mark or recognised footer (the interchange is read)",
    ),
    Case(
        "wrapped-lines",
        T,
        "lines wrapped by a gateway at any column (64, 69…), also inside a tag or after a release character",
    ),
    Case("utf-16", T, "UTF-16 with a byte-order mark (LE or BE), or without one when it starts with UN or <"),
    Case(
        "charset-declared",
        T,
        "values that are not UTF-8 are read in the single-byte set UNB declares (UNOC ISO 8859-1 … UNOL)",
    ),
    Case(
        "charset-utf8",
        T,
        "valid UTF-8 is read as UTF-8 where UNB declares UTF-8 (UNOW, UNOY), an ASCII level, IATA or nothing",
    ),
    Case(
        "charset-guessed",
        W,
        "a value that is not valid UTF-8 where UNB declares UTF-8, ASCII or nothing is read as "
        "Windows-1252 (other values of the file are still read as UTF-8)",
    ),
    Case(
        "charset-not-as-declared",
        W,
        "a value that is valid UTF-8 where UNB declares a single-byte set is read as UTF-8",
    ),
    Case(
        "mojibake-repaired",
        W,
        "a value garbled upstream (UTF-8 read as Windows-1252 or ISO 8859-1 and encoded again) is repaired",
    ),
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
