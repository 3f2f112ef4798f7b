"""``liaison score-pairs`` and ``liaison screen``: the matching figures, checkable by anyone.

Both commands read CSV files, call :mod:`liaison.matching` and write CSV;
the last line they print is the figure to check (precision/recall/F1, or
travellers per second and peak memory).
"""

from __future__ import annotations

import csv
import io
import json
import resource
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, TextIO

import typer

from liaison.domain.errors import InvalidInput
from liaison.matching import DEFAULT_THRESHOLD, EntityKind, Record, score_prepared
from liaison.matching.index import CandidateIndex
from liaison.matching.screen import screen_one

PAIR_COLUMNS = ("schema", "name1", "name2")
SCREEN_COLUMNS = ("full_name",)


def _read_csv(path: Path, required: Iterable[str]) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            fields = list(reader.fieldnames or [])
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InvalidInput(f"{path}: not a UTF-8 CSV file: {exc}") from exc
    missing = [c for c in required if c not in fields]
    if missing:
        raise InvalidInput(f"{path}: missing column(s) {', '.join(missing)}")
    return fields, rows


def _open_out(out: Path | None) -> TextIO:
    if out is None:
        return sys.stdout
    try:
        return out.open("w", newline="", encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"{out}: cannot write: {exc.strerror or exc}") from exc


def _pair_record(row: dict[str, str], side: str) -> Record:
    return Record.of(
        row[f"name{side}"],
        kind=EntityKind.from_schema(row.get("schema")),
        birth_date=(row.get(f"birth_date{side}") or "").strip() or None,
        gender=(row.get(f"gender{side}") or "").strip() or None,
        nationality=(row.get(f"nationality{side}") or "").strip() or None,
    )


def _label(value: str | None) -> bool | None:
    text = (value or "").strip().lower()
    if text in ("true", "1", "yes", "y", "t"):
        return True
    if text in ("false", "0", "no", "n", "f"):
        return False
    return None


def _fail(exc: InvalidInput) -> typer.Exit:
    typer.echo(f"liaison: error: {exc.message}", err=True)
    return typer.Exit(1)


def score_pairs(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV with schema,name1,name2 (optionally is_match, birth_date1/2, "
            "nationality1/2, gender1/2).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the scored CSV here instead of standard output."),
    ] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", help="Score at which a pair counts as a match.")
    ] = DEFAULT_THRESHOLD,
) -> None:
    """Score every name pair; add `score`, `match` and `explanation` (JSON, as
    the hit page shows it: aligned parts and their rules) columns. With labels
    (`is_match`), the last line printed is precision, recall and F1."""
    try:
        fields, rows = _read_csv(file, PAIR_COLUMNS)
        handle = _open_out(out)
    except InvalidInput as exc:
        raise _fail(exc) from None
    buffer = io.StringIO() if out is None else None
    target: TextIO = buffer if buffer is not None else handle
    writer = csv.DictWriter(
        target, fieldnames=[*fields, "score", "match", "explanation"], lineterminator="\n"
    )
    writer.writeheader()
    tp = fp = fn = labelled = 0
    for row in rows:
        match = score_prepared(_pair_record(row, "1").prepared, _pair_record(row, "2").prepared, threshold)
        predicted = match.score >= threshold
        writer.writerow(
            {
                **row,
                "score": f"{match.score:.4f}",
                "match": str(predicted).lower(),
                "explanation": json.dumps(match.explanation.to_dict(), ensure_ascii=False),
            }
        )
        truth = _label(row.get("is_match"))
        if truth is None:
            continue
        labelled += 1
        tp += truth and predicted
        fp += (not truth) and predicted
        fn += truth and not predicted
    if buffer is not None:
        typer.echo(buffer.getvalue(), nl=False)
    elif handle is not sys.stdout:
        handle.close()
    if labelled:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        typer.echo(
            f"pairs={labelled} threshold={threshold:.2f} "
            f"precision={precision:.3f} recall={recall:.3f} f1={f1:.3f}"
        )


def _screen_record(row: dict[str, str]) -> Record:
    return Record.of(
        row["full_name"],
        birth_date=(row.get("date_of_birth") or "").strip() or None,
        gender=(row.get("gender") or "").strip() or None,
        nationality=(row.get("nationality") or "").strip() or None,
        place_of_birth=(row.get("place_of_birth") or "").strip() or None,
    )


def screen(
    register: Annotated[
        Path,
        typer.Option(
            "--register",
            help="Register CSV (full_name, gender, date_of_birth, place_of_birth, nationality).",
            show_default=False,
        ),
    ],
    travellers: Annotated[
        Path,
        typer.Option("--travellers", help="Travellers CSV, same columns.", show_default=False),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write hits here instead of standard output."),
    ] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", help="Keep hits scoring at least this.")
    ] = DEFAULT_THRESHOLD,
    top_k: Annotated[int, typer.Option("--top-k", help="Hits kept per traveller.")] = 5,
) -> None:
    """Screen every traveller against the register; one CSV row per hit
    (traveller_row, register_row, score, explanation as JSON). The last line
    printed is travellers per second and peak memory."""
    try:
        _, register_rows = _read_csv(register, SCREEN_COLUMNS)
        _, traveller_rows = _read_csv(travellers, SCREEN_COLUMNS)
        handle = _open_out(out)
    except InvalidInput as exc:
        raise _fail(exc) from None
    start = time.perf_counter()
    index = CandidateIndex.build(
        (number, _screen_record(row).prepared) for number, row in enumerate(register_rows)
    )
    buffer = io.StringIO() if out is None else None
    writer = csv.writer(buffer if buffer is not None else handle, lineterminator="\n")
    writer.writerow(["traveller_row", "register_row", "score", "explanation"])
    screen_start = time.perf_counter()
    hits = 0
    for number, row in enumerate(traveller_rows):
        for hit in screen_one(
            _screen_record(row), index, threshold=threshold, top_k=top_k, traveller_id=number
        ):
            hits += 1
            writer.writerow(
                [
                    number,
                    hit.record,
                    f"{hit.score:.4f}",
                    json.dumps(hit.match.explanation.to_dict(), ensure_ascii=False),
                ]
            )
    elapsed = time.perf_counter() - screen_start
    if buffer is not None:
        typer.echo(buffer.getvalue(), nl=False)
    elif handle is not sys.stdout:
        handle.close()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = len(traveller_rows) / elapsed if elapsed > 0 else float("inf")
    typer.echo(
        f"travellers={len(traveller_rows)} register={len(register_rows)} hits={hits} "
        f"build_s={screen_start - start:.2f} travellers_per_s={rate:.0f} "
        f"peak_memory_mib={peak_mib:.0f}"
    )
