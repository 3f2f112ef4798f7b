"""Shared helpers for the matching benchmarks: fixture paths, readers, the baseline."""

from __future__ import annotations

import csv
import random
import subprocess
from collections.abc import Sequence
from pathlib import Path

from liaison.matching import DEFAULT_THRESHOLD, Record, score

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


def report_pairs(
    label: str, pairs: Sequence[tuple[str, str]], impostors: int, rng: random.Random, shown: int
) -> None:
    """Print a cross-script group's recall (each native name against its Latin
    form) and false alarms (against the Latin forms of ``impostors`` others),
    with up to ``shown`` missed pairs."""
    hits = 0
    misses: list[str] = []
    for native, latin in pairs:
        if score(Record.of(native), Record.of(latin)).score >= DEFAULT_THRESHOLD:
            hits += 1
        elif len(misses) < shown:
            misses.append(f"{native} | {latin}")
    alarms = trials = 0
    for i, (native, _) in enumerate(pairs):
        for _ in range(impostors):
            j = rng.randrange(len(pairs))
            if pairs[j][0] == native or j == i:
                continue
            trials += 1
            alarms += score(Record.of(native), Record.of(pairs[j][1])).is_match
    print(
        f"{label:<20} recall {hits / len(pairs):.3f} ({hits}/{len(pairs)})  "
        f"false alarms {alarms / trials * 100:.2f}% ({alarms}/{trials})"
    )
    for miss in misses:
        print(f"    miss: {miss}")
