"""Cost of the candidate index alone: build CPU time, memory, and CPU time of
``candidates()`` per traveller (dated and undated), on the register and the
travellers of ``matching_speed.py``. CPU time, so that a machine shared with
other jobs still gives comparable figures; run beside an older tree with
``PYTHONPATH=<tree>/src:<tree>/bench`` for a side-by-side comparison."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import time

from machine import describe
from matching_speed import build_index, make_register, make_travellers, rss_mib


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--travellers", type=int, default=3_000)
    args = parser.parse_args()
    print(describe())
    rows = make_register(args.size)
    gc.collect()
    before = rss_mib()
    start = time.process_time()
    index = build_index(rows)
    build = time.process_time() - start
    gc.collect()
    print(
        f"register {len(index)} names: build {build:.1f} s CPU, memory +{rss_mib() - before:.0f} MiB, "
        f"key arrays {index.memory_bytes() / 2**20:.0f} MiB"
    )
    del rows
    dated = [t.prepared for t in make_travellers(args.travellers)]
    fresh = make_travellers(args.travellers, seed=9)
    undated = [dataclasses.replace(t, birth_dates=()).prepared for t in fresh]
    for query in dated[:200]:  # warm the caches every tree fills the same way
        index.candidates(query)
    for label, queries in (("dated", dated), ("undated", undated)):
        found = 0
        start = time.process_time()
        for query in queries:
            found += len(index.candidates(query))
        spent = time.process_time() - start
        print(
            f"candidates() {label}: {spent / len(queries) * 1e6:.0f} µs CPU/traveller, "
            f"{found / len(queries):.1f} candidates"
        )


if __name__ == "__main__":
    main()
