"""CSV with the screening fixture columns
(``full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality``).

Only ``full_name`` is required. ``nationality`` may be a code or a country name
(``Ethiopia``, ``Afghan``), read through ``formats.countries``; several are
separated by ``;``. A value that names no country is left out with a warning.
"""

from __future__ import annotations

import csv
import io

from liaison.domain.registers import RegisterPerson
from liaison.formats.errors import ParseError
from liaison.formats.registers_common import Notes, RegisterReadResult, read_dates

SCREENING_COLUMNS = (
    "full_name",
    "first_name",
    "middle_name",
    "last_name",
    "gender",
    "date_of_birth",
    "place_of_birth",
    "nationality",
)


def _cell(row: dict[str, str | None], key: str) -> str | None:
    return (row.get(key) or "").strip() or None


def read_screening_csv(data: bytes) -> RegisterReadResult:
    """CSV with a header row holding at least ``full_name``; each row is an entry ``row-N``."""
    text = data.decode("utf-8-sig", "replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "full_name" not in header:
        return RegisterReadResult(
            (),
            (
                ParseError(
                    f"the CSV header {header[:8]!r} has no full_name column "
                    f"(expected {', '.join(SCREENING_COLUMNS)})",
                    segment_index=0,
                    byte_offset=0,
                    element="header",
                    code="register-unreadable-file",
                ),
            ),
        )
    out: list[RegisterPerson] = []
    errors: list[ParseError] = []
    notes = Notes()
    for row in reader:
        line = reader.line_num
        entry = f"row-{line}"
        name = _cell(row, "full_name")
        if not name:
            errors.append(
                ParseError(
                    "full_name is empty", segment_index=line - 1, element="full_name", code="register-no-name"
                )
            )
            continue
        try:
            births = read_dates([row.get("date_of_birth") or ""], "date_of_birth")
        except ParseError as exc:
            errors.append(exc.located(segment_index=line - 1))
            continue
        out.append(
            RegisterPerson(
                source_id=entry,
                name=name,
                first_name=_cell(row, "first_name"),
                middle_name=_cell(row, "middle_name"),
                last_name=_cell(row, "last_name"),
                birth_dates=births,
                birth_place=_cell(row, "place_of_birth"),
                nationalities=notes.countries((row.get("nationality") or "").split(";"), entry),
                gender=notes.gender(row.get("gender"), entry),
                source="csv",
            )
        )
    return RegisterReadResult(tuple(out), tuple(errors), tuple(notes.warnings))
