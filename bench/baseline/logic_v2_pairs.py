"""Run nomenklatura's logic-v2 on a name-pair CSV; print scores as JSON.

Runs inside bench/baseline/.venv (see setup.sh), never in Liaison's venv.
Input: CSV with schema,name1,name2 and optional birth_date1/2,
nationality1/2, gender1/2 columns. Output: {"scores": [...],
"seconds_per_pair": float} on stdout. The first pair is scored twice and
excluded from the timing so that loading reference data is not counted.
"""

import csv
import json
import sys
import time

from followthemoney import EntityProxy
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig


def entity(schema: str, row: dict[str, str], side: str, ident: str) -> EntityProxy:
    props: dict[str, list[str]] = {"name": [row[f"name{side}"]]}
    for column, prop in (("birth_date", "birthDate"), ("nationality", "nationality"), ("gender", "gender")):
        value = (row.get(f"{column}{side}") or "").strip()
        if value and schema in ("Person", "LegalEntity"):
            props[prop] = [value]
    return EntityProxy.from_dict({"id": ident, "schema": schema, "properties": props})


def main() -> None:
    with open(sys.argv[1], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    algorithm = get_algorithm("logic-v2")
    assert algorithm is not None
    config = ScoringConfig.defaults()
    pairs = [
        (entity(r["schema"], r, "1", f"a{i}"), entity(r["schema"], r, "2", f"b{i}"))
        for i, r in enumerate(rows)
    ]
    algorithm.compare(pairs[0][0], pairs[0][1], config)  # warm up reference data
    start = time.perf_counter()
    scores = [algorithm.compare(a, b, config).score for a, b in pairs]
    elapsed = (time.perf_counter() - start) / max(1, len(pairs))
    json.dump({"scores": scores, "seconds_per_pair": elapsed}, sys.stdout)


if __name__ == "__main__":
    main()
