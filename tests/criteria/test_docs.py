"""docs/criteria.md is what supervisors write rules from: it must name every
condition type and every route, and its example rule must be accepted."""

from __future__ import annotations

import re
from pathlib import Path

from liaison.api.routers.rules import router
from liaison.criteria import NamedList, load_text, parse_rule
from liaison.criteria.conditions import BUILDERS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "criteria.md").read_text(encoding="utf-8")


def test_every_condition_type_is_documented() -> None:
    for kind in BUILDERS:
        assert f"| `{kind}` |" in DOC, f"{kind} is missing from docs/criteria.md"


def test_every_route_is_documented() -> None:
    for route in router.routes:
        path = getattr(route, "path", "").removeprefix("/api/v1/rules")
        for method in getattr(route, "methods", ()):
            assert f"| {method} | `{path}` |" in DOC, f"{method} {path} is missing from docs/criteria.md"


def test_the_example_rule_is_accepted() -> None:
    (example,) = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.DOTALL)
    lists = {
        "departure points of concern": NamedList(
            "departure points of concern", "airports", frozenset({"IST"})
        )
    }
    rule = parse_rule(load_text(example), lists)
    assert [c.kind for c in rule.leaves()] == [
        "departs_from",
        "one_way",
        "booked_before_departure",
        "payment",
    ]
