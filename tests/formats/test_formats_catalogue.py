"""docs/formats.md lists what the readers tolerate, warn about and refuse; the
list must be exactly `liaison.formats.catalogue`, every warning and error code
must be used by a reader (and every code a reader uses must be catalogued), and
every case names a test that exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from liaison.formats.catalogue import BY_CODE, CASES, Treatment

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
ROW = re.compile(
    r"^\| `([a-z0-9-]+)` \| (tolerated|warning|error) \| (.+?) \| `(tests/[\w/]+\.py)::(\w+)` \|$", re.M
)
SOURCES = ROOT / "src" / "liaison"


def _rows() -> list[tuple[str, str, str, str]]:
    return [(m.group(1), m.group(2), m.group(4), m.group(5)) for m in ROW.finditer(DOC)]


def _codes_used_in_sources() -> dict[str, set[str]]:
    """Codes passed as `warning("code", ...)` anywhere under src/liaison, or as
    `code="code"` in a call under src/liaison/formats."""
    used: dict[str, set[str]] = {}
    for path in SOURCES.rglob("*.py"):
        if path.name == "catalogue.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            if name == "warning" and node.args and isinstance(node.args[0], ast.Constant):
                used.setdefault(str(node.args[0].value), set()).add(str(path.relative_to(ROOT)))
            if "formats" not in path.parts:
                continue
            for keyword in node.keywords:
                if keyword.arg == "code" and isinstance(keyword.value, ast.Constant) and keyword.value.value:
                    used.setdefault(str(keyword.value.value), set()).add(str(path.relative_to(ROOT)))
    return used


def test_the_page_lists_exactly_the_catalogue() -> None:
    listed = {(code, treatment) for code, treatment, _, _ in _rows()}
    assert listed == {(case.code, str(case.treatment)) for case in CASES}
    assert len(_rows()) == len(listed), "a code is listed twice"


def test_every_warning_and_error_is_used_by_a_reader_and_nothing_else_is() -> None:
    used = _codes_used_in_sources()
    unknown = set(used) - set(BY_CODE)
    assert not unknown, f"codes used but not catalogued: {sorted(unknown)}"
    unused = {case.code for case in CASES if case.treatment is not Treatment.TOLERATED} - set(used)
    assert not unused, f"catalogued warnings or errors no reader uses: {sorted(unused)}"


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


@pytest.mark.parametrize(("code", "path", "name"), [(c, p, n) for c, _, p, n in _rows()])
def test_every_case_names_a_test_that_exists(code: str, path: str, name: str) -> None:
    file = ROOT / path
    assert file.is_file(), f"{code}: docs/formats.md names {path}, which does not exist"
    assert name in _test_names(file), f"{code}: docs/formats.md names {path}::{name}, which does not exist"
