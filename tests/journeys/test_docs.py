"""docs/journeys.md lists every journeys route and every kind of evidence."""

from __future__ import annotations

from pathlib import Path

from liaison.api.routers.journeys import router

DOC = (Path(__file__).resolve().parents[2] / "docs" / "journeys.md").read_text(encoding="utf-8")


def test_every_route_is_documented() -> None:
    for route in router.routes:
        path = getattr(route, "path", "").removeprefix("/api/v1/journeys")
        for method in getattr(route, "methods", ()):
            assert f"| {method} | `{path}` |" in DOC, f"{method} {path} is missing from docs/journeys.md"


def test_every_kind_of_evidence_is_documented() -> None:
    for evidence in (
        "document",
        "same_booking",
        "frequent_flyer",
        "name_and_birth_date",
        "contact_and_name",
        "analyst",
    ):
        assert f"| `{evidence}` |" in DOC
