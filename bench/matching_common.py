"""Shared helpers for the matching benchmarks: fixture paths, readers, the baseline."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

from liaison.matching import Record

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "fixtures"
SCREENING = SHARED / "screening"
BASELINE_PY = ROOT / "bench" / "baseline" / ".venv" / "bin" / "python"


def run_baseline(script: str, *args: str, stdin: str | None = None) -> str:
    """Run one of bench/baseline's scripts in the baseline virtualenv; its output."""
    return subprocess.run(
        [str(BASELINE_PY), str(ROOT / "bench" / "baseline" / script), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def row_record(row: dict[str, str]) -> Record:
    """A screening-fixture row (full_name, gender, date_of_birth, …) as a Record."""
    return Record.of(
        row["full_name"],
        birth_date=row.get("date_of_birth") or None,
        gender=row.get("gender") or None,
        nationality=row.get("nationality") or None,
        place_of_birth=row.get("place_of_birth") or None,
    )
