"""Shared helpers for the matching benchmarks: fixture paths, readers, machine."""

from __future__ import annotations

import csv
import os
import platform
from pathlib import Path

from liaison.matching import Record

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "fixtures"
SCREENING = SHARED / "screening"
BASELINE_PY = ROOT / "bench" / "baseline" / ".venv" / "bin" / "python"


def machine() -> str:
    """CPU model, core count and Python version, for the benchmark header."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


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
