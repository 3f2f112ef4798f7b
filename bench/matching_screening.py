"""Screening benchmark: UN + US-congress register against 100,683 travellers.

Register: positives_un_untreated + positives_us_congress_untreated.
Travellers: negatives_global + negatives_us + positives_un_treated.
Reports, for Liaison at several thresholds: recall of treated UN rows
against their untreated twin, and how many of the 100,000 negatives raise
any alert; the index's recall against scoring the twin directly; speed.
Then nomenklatura logic-v2 (bench/baseline/.venv) scores the *same*
candidate pairs, and its recall and alert count are printed beside ours.
"""

from __future__ import annotations

import argparse
import json
import time

from liaison.matching import DEFAULT_THRESHOLD, score_prepared
from liaison.matching.index import CandidateIndex
from machine import describe
from matching_common import BASELINE_PY, SCREENING, read_rows, row_record, run_baseline

THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="print N false alarms and misses")
    args = parser.parse_args()

    register_rows = read_rows(SCREENING / "positives_un_untreated.csv") + read_rows(
        SCREENING / "positives_us_congress_untreated.csv"
    )
    negatives = read_rows(SCREENING / "negatives_global.csv") + read_rows(SCREENING / "negatives_us.csv")
    treated = read_rows(SCREENING / "positives_un_treated.csv")
    travellers = negatives + treated
    n_neg = len(negatives)

    start = time.perf_counter()
    register = [row_record(r).prepared for r in register_rows]
    index = CandidateIndex.build(enumerate(register))
    build = time.perf_counter() - start

    start = time.perf_counter()
    prepared = [row_record(r).prepared for r in travellers]
    parse = time.perf_counter() - start

    best: list[float] = []
    twin: list[float] = []
    pairs: list[tuple[int, int]] = []
    hits_detail: dict[int, tuple[float, int, str]] = {}
    start = time.perf_counter()
    for t, query in enumerate(prepared):
        top = 0.0
        twin_score = 0.0
        for number, candidate in index.candidates(query):
            assert isinstance(number, int)
            pairs.append((t, number))
            match = score_prepared(query, candidate)
            if match.score > top:
                top = match.score
                hits_detail[t] = (match.score, number, match.explanation.summary())
            if t >= n_neg and number == t - n_neg:
                twin_score = match.score
        best.append(top)
        twin.append(twin_score)
    screen_time = time.perf_counter() - start

    direct = [score_prepared(prepared[n_neg + i], register[i]).score for i in range(len(treated))]

    print(describe())
    print(
        f"register {len(register)} names, travellers {len(travellers)} "
        f"({n_neg} negatives, {len(treated)} treated UN positives)"
    )
    print(
        f"liaison: index build {build:.2f}s, parse {parse / len(travellers) * 1e6:.0f} µs/traveller, "
        f"screen {screen_time / len(travellers) * 1e6:.0f} µs/traveller "
        f"({len(travellers) / (screen_time + parse):.0f} travellers/s incl. parsing, 1 core), "
        f"{len(pairs) / len(travellers):.2f} candidates/traveller"
    )
    print(f"{'threshold':>9}  {'twin recall':>11}  {'negatives alerted':>18}  {'index/direct':>12}")
    for th in THRESHOLDS:
        recall = sum(1 for s in twin[n_neg:] if s >= th) / len(treated)
        alerts = sum(1 for s in best[:n_neg] if s >= th)
        direct_hits = sum(1 for s in direct if s >= th)
        found = sum(1 for s, d in zip(twin[n_neg:], direct, strict=True) if s >= th and d >= th)
        ratio = found / direct_hits if direct_hits else 1.0
        mark = "  <- default" if th == DEFAULT_THRESHOLD else ""
        print(f"{th:>9.2f}  {recall:>11.4f}  {alerts:>7} ({alerts / n_neg * 100:.3f}%)  {ratio:>12.4f}{mark}")

    if args.show:
        alerts_list = sorted(
            (hits_detail[t] + (t,) for t in range(n_neg) if best[t] >= DEFAULT_THRESHOLD),
            reverse=True,
        )
        for s, number, summary, t in alerts_list[: args.show]:
            print(
                f"  alert {s:.2f} {travellers[t]['full_name']} | "
                f"{register_rows[number]['full_name']} :: {summary}"
            )
        for i, s in enumerate(twin[n_neg:]):
            if s < DEFAULT_THRESHOLD:
                print(f"  miss {s:.2f} {treated[i]['full_name']} | {register_rows[i]['full_name']}")

    if args.no_baseline or not BASELINE_PY.exists():
        return
    payload = "".join(json.dumps({"q": travellers[t], "c": register_rows[c]}) + "\n" for t, c in pairs)
    lines = run_baseline("logic_v2_screen.py", stdin=payload).strip().splitlines()
    per_pair = json.loads(lines[-1])["seconds_per_pair"]
    scores = [float(x) for x in lines[:-1]]
    v2_best = [0.0] * len(travellers)
    v2_twin = [0.0] * len(travellers)
    for (t, c), s in zip(pairs, scores, strict=True):
        v2_best[t] = max(v2_best[t], s)
        if t >= n_neg and c == t - n_neg:
            v2_twin[t] = s
    print(
        f"logic-v2 on the same {len(pairs)} candidate pairs: {per_pair * 1e6:.0f} µs/pair "
        f"(liaison {screen_time / max(1, len(pairs)) * 1e6:.0f} µs/pair incl. candidate lookup)"
    )
    for th in (0.7, 0.8):
        recall = sum(1 for s in v2_twin[n_neg:] if s >= th) / len(treated)
        alerts = sum(1 for s in v2_best[:n_neg] if s >= th)
        print(
            f"logic-v2 @ {th:.2f}: twin recall {recall:.4f}, negatives alerted {alerts} "
            f"({alerts / n_neg * 100:.3f}%)"
        )


if __name__ == "__main__":
    main()
