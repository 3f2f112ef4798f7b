"""docs/operations.md lists every operations and fraud route."""

from __future__ import annotations

from pathlib import Path

from liaison.api.routers.operations import router

DOC = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text(encoding="utf-8")


def test_every_route_is_documented() -> None:
    for route in router.routes:
        path = getattr(route, "path", "")
        for method in getattr(route, "methods", ()):
            assert f"| {method} | `{path}` |" in DOC, f"{method} {path} is missing from docs/operations.md"
