"""docs/security.md says which test proves each protection: every test it names must
exist, so the page cannot keep pointing at a test that was renamed or removed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
# `tests/x.py`, `tests/x.py::name` and the short form `::name` (of the file named just before).
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`")


def _references() -> list[tuple[str, str | None]]:
    found, current = [], None
    for match in REFERENCE.finditer(DOC):
        path, name = match.group(1), match.group(2)
        if path is None and name is None:
            continue
        current = path or current
        assert current is not None, f"::{name} in docs/security.md follows no test file"
        found.append((current, name))
    return found


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_the_page_names_tests() -> None:
    assert len(_references()) >= 20


@pytest.mark.parametrize(("path", "name"), _references())
def test_every_test_the_page_names_exists(path: str, name: str | None) -> None:
    file = ROOT / path
    assert file.is_file(), f"docs/security.md names {path}, which does not exist"
    if name is not None:
        assert name in _test_names(file), f"docs/security.md names {path}::{name}, which does not exist"
