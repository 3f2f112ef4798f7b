"""Candidate index recall on mangled names, against scoring directly.

Register: the screening register names (UN + US congress, untreated) and
Faker names in many locales, each with a birth date. Travellers: mangled
spellings of register names (tests/matching/mangling.py: typos of every
kind in one or two parts, shifted capitals, moved spaces, glued, dropped
and swapped parts, initials, upper case, up to three at once), half of them
with the register person's birth date. Index recall = variants whose true
record is proposed by the index (and so scores >= the threshold) / variants
scoring >= the threshold directly against their true record. Prints the
misses, the key arrays' size and the time per traveller.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from liaison.matching import DEFAULT_THRESHOLD, Record, score_prepared
from liaison.matching.index import CandidateIndex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.matching.mangling import faker_names, variants

from machine import describe
from matching_common import SCREENING, read_rows


def register_names(faker: int, seed: int) -> list[str]:
    rows = read_rows(SCREENING / "positives_un_untreated.csv")
    rows += read_rows(SCREENING / "positives_us_congress_untreated.csv")
    names = dict.fromkeys(r["full_name"] for r in rows)
    names.update(dict.fromkeys(faker_names(faker, seed)))
    return list(names)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--faker", type=int, default=20_000, help="Faker names added to the register")
    parser.add_argument("--variants", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", type=int, default=40, help="print at most N misses")
    args = parser.parse_args()

    names = register_names(args.faker, args.seed)
    rng = random.Random(args.seed)
    dates = [
        f"{rng.randrange(1940, 2005)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}" for _ in names
    ]
    start = time.perf_counter()
    register = [Record.of(n, birth_date=d).prepared for n, d in zip(names, dates, strict=True)]
    index = CandidateIndex.build(enumerate(register))
    build = time.perf_counter() - start

    matched = proposed = 0
    by_step: Counter[str] = Counter()
    missed_by_step: Counter[str] = Counter()
    misses: list[tuple[float, str, str, tuple[str, ...]]] = []
    lookup = 0.0
    for i, v in enumerate(variants(names, args.variants, args.seed + 1)):
        query = Record.of(v.text, birth_date=dates[v.target] if i % 2 else None).prepared
        if score_prepared(query, register[v.target]).score < DEFAULT_THRESHOLD:
            continue
        matched += 1
        by_step.update(v.steps)
        start = time.perf_counter()
        found = {number for number, _ in index.candidates(query)}
        lookup += time.perf_counter() - start
        if v.target in found:
            proposed += 1
        else:
            missed_by_step.update(v.steps)
            misses.append((score_prepared(query, register[v.target]).score, v.text, names[v.target], v.steps))

    print(describe())
    print(
        f"register {len(register)} names, {args.variants} variants, {matched} score >= {DEFAULT_THRESHOLD} "
        f"directly; index build {build:.1f}s, key arrays {index.memory_bytes() / 2**20:.1f} MiB, "
        f"candidates {lookup / max(matched, 1) * 1e6:.0f} µs/traveller"
    )
    print(f"index recall {proposed / max(matched, 1):.4f} ({matched - proposed} misses)")
    print(
        "misses by kind of slip: "
        + ", ".join(f"{k} {missed_by_step[k]}/{by_step[k]}" for k in sorted(by_step))
    )
    for value, text, true, steps in sorted(misses, reverse=True)[: args.show]:
        print(f"  {value:.3f}  {text!r} / {true!r}  ({', '.join(steps)})")


if __name__ == "__main__":
    main()
