"""Score candidate pairs of screening rows with nomenklatura logic-v2.

Runs inside bench/baseline/.venv. Reads JSON lines on stdin, each
{"q": row, "c": row} with the columns of the screening fixtures; writes
one score per line, then a final JSON line {"seconds_per_pair": float}.
"""

import json
import sys
import time

from followthemoney import EntityProxy
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig


def entity(row: dict[str, str], ident: str) -> EntityProxy:
    props: dict[str, list[str]] = {"name": [row["full_name"]]}
    for column, prop in (
        ("date_of_birth", "birthDate"),
        ("nationality", "nationality"),
        ("gender", "gender"),
        ("place_of_birth", "birthPlace"),
    ):
        value = (row.get(column) or "").strip()
        if value:
            props[prop] = [value]
    return EntityProxy.from_dict({"id": ident, "schema": "Person", "properties": props})


def main() -> None:
    algorithm = get_algorithm("logic-v2")
    assert algorithm is not None
    config = ScoringConfig.defaults()
    pairs = [json.loads(line) for line in sys.stdin if line.strip()]
    entities = [(entity(p["q"], f"q{i}"), entity(p["c"], f"c{i}")) for i, p in enumerate(pairs)]
    if entities:
        algorithm.compare(entities[0][0], entities[0][1], config)
    start = time.perf_counter()
    out = sys.stdout
    for q, c in entities:
        out.write(f"{algorithm.compare(q, c, config).score:.4f}\n")
    elapsed = (time.perf_counter() - start) / max(1, len(entities))
    out.write(json.dumps({"seconds_per_pair": elapsed}) + "\n")


if __name__ == "__main__":
    main()
