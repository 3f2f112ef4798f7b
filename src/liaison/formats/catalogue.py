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
        "interchanges-concatenated",
        T,
        "after UNZ, another interchange (UNA or UNB), also behind an end-of-message mark and a Type-B "
        "heading or SMI block, is read as an interchange of its own (its messages carry its UNB's reference)",
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
    Case(
        "docs-name-differs",
        W,
        "a DOCS names another person than the traveller it is filed under: kept as text, not given to them",
    ),
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
    Case("paxlst-us-variant", T, "the US (CBP) variant: a PDT segment names each traveller"),
    Case("paxlst-not-kept", T, "segments with nothing Liaison keeps (GEI, COM, EMP, CPI, LOC+22, CTA, UNS)"),
    Case("paxlst-bag-weight-rounded", T, "a bag weight with decimals is rounded to a whole number"),
    Case("paxlst-us-date-order", W, "a US-variant date that is not YYMMDD but is MMDDYY is read as MMDDYY"),
    Case("paxlst-segment-not-read", W, "segments or qualifiers the reader does not know, listed with counts"),
    Case(
        "paxlst-element-unreadable",
        W,
        "a traveller's element that cannot be read (ATT gender, DTM birth, expiry or issue date, a PDT date, "
        "MEA/QTY bag count or weight, FTX+BAG number of tags) is left empty; the traveller is kept",
    ),
    Case("paxlst-leg-date-unreadable", W, "a leg's DTM that cannot be read is left empty; the leg is kept"),
    Case("paxlst-unplaced-name", E, "a NAD or PDT naming a person with a qualifier not a traveller's"),
    Case("paxlst-details-without-name", E, "traveller details no NAD or PDT names (missing or out of place)"),
    Case("paxlst-name-control-characters", E, "control characters (NUL, C0, DEL) in a traveller's name"),
    Case("paxlst-traveller-without-surname", E, "a NAD or PDT naming a traveller without a surname"),
    Case("paxlst-leg-without-flight-number", E, "a TDT without flight number: that leg is not read"),
)

# PNRGOV XML (formats/pnrgov_xml.py).
XML_CASES: tuple[Case, ...] = (
    Case("xml-namespaces", T, "any namespace (the guide version's, or none) and any namespace prefix"),
    Case(
        "xml-unknown-content",
        T,
        "elements and attributes the reader does not list (docs/formats.md, PNRGOV XML meaning) are skipped",
    ),
    Case("xml-attribute-or-element", T, "a value sent as an attribute or as a child element's text"),
    Case(
        "xml-ssr-free-text",
        T,
        "DOCS, DOCO and DOCA as SSR free text, with or without the leading slash, status or name element",
    ),
    Case("xml-other-ssr", T, "an SSR code with no field of its own is kept as a special request's text"),
    Case(
        "xml-infant-from-docs",
        T,
        "an infant's DOCS (gender MI/FI) under an adult, with no infant Passenger: "
        "the infant becomes a traveller",
    ),
    Case("xml-weight-rounded", T, "a decimal bag weight is rounded to the unit"),
    Case("xml-value-unreadable", W, "a value that cannot be read (date, gender, number, seat) is left empty"),
    Case(
        "xml-unplaced",
        W,
        "an SSR, seat or bag naming no passenger of the PNR (or one it cannot tell apart): "
        "an SSR is kept as a special request, a bag without passenger, a seat is left out",
    ),
    Case("xml-leg-no-carrier", W, "a flight with no carrier code is kept with an empty carrier"),
    Case("xml-pnr-count", W, "PNRs/@NumberOfPnrs differs from the number of PNRs in the notification"),
    Case("xml-booking-reference-extra", W, "a third BookingRefID has no field: it is named in the warning"),
    Case(
        "xml-charset-guessed",
        W,
        "bytes the declared encoding (UTF-8 by default) cannot decode are read as Windows-1252 "
        "(or UTF-8 where a single-byte set is declared); the warning names line and element",
    ),
    Case("xml-unsafe", E, "a DTD, entity declaration or external reference: the document is refused"),
    Case("xml-not-well-formed", E, "XML that is not well-formed: the PNRs before the fault are kept"),
    Case("xml-not-pnrgov", E, "no IATA_PNRGOV_NotifRQ element in the document"),
    Case("xml-pnr-no-locator", E, "a PNR with no BookingRefID/@ID: that PNR is not read"),
    Case("xml-passenger-no-surname", E, "a Passenger with no Surname: the rest of the PNR is read"),
)

# Register imports (formats/registers*.py, services/registers/imports.py).
REGISTER_CASES: tuple[Case, ...] = (
    Case(
        "register-country-names",
        T,
        "countries given as names, UN-style names, former names with one successor or demonyms"
        " are read as ISO 3166-1 alpha-3 codes",
    ),
    Case(
        "register-document-label",
        T,
        "a label before a document number (words before a colon or number word, or ending in a known "
        "document word) becomes the document's type; other leading words stay in the number",
    ),
    Case(
        "register-document-note",
        T,
        "words after a document number (issued in …, valid until …) become the document's note",
    ),
    Case(
        "register-country-left-out",
        W,
        "a nationality or document country that names no current ISO 3166-1 country, or could name two "
        "(an ambiguous name or demonym such as Dominican or Korean), is left out",
    ),
    Case("register-document-left-out", W, "a document without a number, or whose holder is not in the file"),
    Case(
        "register-value-left-out",
        W,
        "a value the reader cannot read or the register cannot hold (a gender, names beyond the limits)",
    ),
    Case("register-unreadable-file", E, "a file that is not well-formed XML, or a CSV without full_name"),
    Case("register-unreadable-entry", E, "a FollowTheMoney line that is not an entity"),
    Case("register-no-name", E, "an entry without a name"),
    Case("register-date", E, "a birth date that is not YYYY, YYYY-MM or YYYY-MM-DD"),
)

# Receiving pushed messages (services/pipeline/ingest.py).
INGEST_CASES: tuple[Case, ...] = (
    Case(
        "same-bytes-resent",
        T,
        "the same bytes again from the same sender: kept as a duplicate of the first copy read (or waiting "
        "to be) and not read again; the receipt names it. After a rejected or failed copy, it is read",
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
