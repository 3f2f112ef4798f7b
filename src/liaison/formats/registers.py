"""Register imports: FollowTheMoney JSON lines (OpenSanctions), the UN Security
Council consolidated list XML, and CSV with the screening fixture columns.

Each reader returns a ``RegisterReadResult``: the persons read; a bad line or
entry is one ``ParseError`` (line number and byte offset) and the others are
still read; every value left out (a country that names no country, a document
without a number…) is a ``RegisterWarning`` naming the entry, the field and the
value. The readers live in one module each; this one names them together.
"""

from __future__ import annotations

from liaison.formats.registers_common import RegisterReadResult, RegisterWarning
from liaison.formats.registers_csv import SCREENING_COLUMNS, read_screening_csv
from liaison.formats.registers_ftm import read_ftm_jsonl
from liaison.formats.registers_un import read_un_consolidated_xml

__all__ = [
    "SCREENING_COLUMNS",
    "RegisterReadResult",
    "RegisterWarning",
    "read_ftm_jsonl",
    "read_screening_csv",
    "read_un_consolidated_xml",
]
