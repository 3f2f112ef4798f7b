"""Name-pair benchmark: Liaison's scorer vs nomenklatura logic-v2 on the same pairs.

Reads ../shared/fixtures/names/nomenklatura_name_cases.csv (or a path given
as the first argument), scores every pair with both matchers and prints
precision, recall, F1 and time per pair, overall and per case group.
The baseline runs in its own virtualenv (bench/baseline/.venv, created by
bench/baseline/setup.sh) as a subprocess; pass --no-baseline to skip it.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict

from liaison.matching import DEFAULT_THRESHOLD, EntityKind, Record, score
from machine import describe
from matching_common import BASELINE_PY, ROOT, run_baseline

DEFAULT_FILE = ROOT.parent / "shared" / "fixtures" / "names" / "nomenklatura_name_cases.csv"


def prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    tp = sum(1 for truth, pred in pairs if truth and pred)
    fp = sum(1 for truth, pred in pairs if not truth and pred)
    fn = sum(1 for truth, pred in pairs if truth and not pred)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list Liaison's wrong answers")
    args = parser.parse_args()
    with open(args.file, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    truths = [row["is_match"].strip().lower() == "true" for row in rows]

    start = time.perf_counter()
    ours = [
        score(
            Record.of(row["name1"], kind=EntityKind.from_schema(row["schema"])),
            Record.of(row["name2"], kind=EntityKind.from_schema(row["schema"])),
        ).score
        for row in rows
    ]
    ours_time = (time.perf_counter() - start) / len(rows)

    theirs: list[float] | None = None
    theirs_time = 0.0
    if not args.no_baseline and BASELINE_PY.exists():
        result = json.loads(run_baseline("logic_v2_pairs.py", args.file))
        theirs, theirs_time = result["scores"], result["seconds_per_pair"]

    print(describe())
    print(f"pairs: {len(rows)}  file: {args.file}")
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[row["case_group"]].append(i)
    header = f"{'group':<16}{'n':>5}  {'liaison P/R/F1':>22}"
    if theirs is not None:
        header += f"  {'logic-v2 P/R/F1':>22}"
    print(header)
    for group, idx in [("ALL", list(range(len(rows)))), *sorted(groups.items())]:
        p, r, f = prf([(truths[i], ours[i] >= DEFAULT_THRESHOLD) for i in idx])
        line = f"{group:<16}{len(idx):>5}  {p:6.3f} {r:6.3f} {f:6.3f}    "
        if theirs is not None:
            p2, r2, f2 = prf([(truths[i], theirs[i] >= 0.7) for i in idx])
            line += f"  {p2:6.3f} {r2:6.3f} {f2:6.3f}   F1 diff {f - f2:+.4f}"
        print(line)
    print(f"liaison: {ours_time * 1e6:.0f} µs/pair (threshold {DEFAULT_THRESHOLD})")
    if theirs is not None:
        print(
            f"logic-v2: {theirs_time * 1e6:.0f} µs/pair (threshold 0.70); "
            f"speed ratio {theirs_time / ours_time:.1f}x"
        )
    if args.errors:
        for i, row in enumerate(rows):
            if truths[i] != (ours[i] >= DEFAULT_THRESHOLD):
                kind = "FN" if truths[i] else "FP"
                extra = f" v2={theirs[i]:.2f}" if theirs is not None else ""
                print(f"{kind} {ours[i]:.2f}{extra} {row['schema']}: {row['name1']} | {row['name2']}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
