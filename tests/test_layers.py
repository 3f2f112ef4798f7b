"""The house has no loops and no upward imports (../shared/DESIGN.md, "Shape of the code").

The import graph is read from the source with `ast`, every import statement
counted wherever it stands: at module level, inside a function, under
`if TYPE_CHECKING:`. A function-level import hides a cycle from Python, not
from this test. `from package import name` counts as an import of the module
`package.name` when there is one, else of the package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

import liaison

SOURCE = Path(liaison.__file__).parent

# Lowest first. A module may import from its own part and from lower layers; never
# from a higher layer, and never from another part of its own layer (api, web and
# commands do not import each other; nor do formats, matching and criteria).
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"liaison", "domain", "i18n"}),  # plain objects, pure rules, translations
    frozenset({"formats", "matching", "criteria"}),  # pure libraries over the domain
    frozenset({"journeys"}),  # identity resolution and trips, over matching and criteria
    frozenset({"settings"}),
    frozenset({"store"}),
    frozenset({"services"}),
    frozenset({"http"}),  # what api and web share
    frozenset({"api", "web", "commands"}),
    frozenset({"app"}),  # the composition root
    frozenset({"cli"}),  # the `liaison` command: its sub-commands, and `serve` runs the app
)

Graph = Mapping[str, frozenset[str]]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(tree: ast.AST, module: str, is_package: bool, known: frozenset[str]) -> frozenset[str]:
    """The liaison modules one source file imports, wherever the statement stands."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.add(submodule if submodule in known else target)
    return frozenset(name for name in found if name == "liaison" or name.startswith("liaison."))


def read_graph(root: Path) -> dict[str, frozenset[str]]:
    """Module -> the liaison modules it imports, for every .py file under `root`."""
    files = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    known = frozenset(files)
    return {
        module: imports_of(
            ast.parse(path.read_text(encoding="utf-8")), module, path.stem == "__init__", known
        )
        for module, path in files.items()
    }


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components with more than one module (or a module
    importing itself), each sorted: every one is an import cycle (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:
        # Iterative, so that a long chain of imports cannot exhaust the recursion limit.
        work: list[tuple[str, Iterable[str]]] = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in graph.get(node, ()):
                        found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def part_of(module: str) -> str:
    """`liaison.services.pipeline.ingest` -> `services`; the root package is `liaison`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def layer_of(part: str) -> int:
    for level, parts in enumerate(LAYERS):
        if part in parts:
            return level
    raise LookupError(part)


def misplaced(graph: Graph) -> list[str]:
    """Every import that goes up a layer or sideways within one, and every part
    of the tree that no layer names (a new package must be given its place)."""
    problems: set[str] = set()
    for module, targets in graph.items():
        for name in (module, *targets):
            try:
                layer_of(part_of(name))
            except LookupError:
                problems.add(f"{name}: `{part_of(name)}` is in no layer of LAYERS")
        if any(problem.startswith(f"{module}:") for problem in problems):
            continue
        source = part_of(module)
        for target in sorted(targets):
            aim = part_of(target)
            if aim == source:
                continue
            if layer_of(aim) > layer_of(source):
                problems.add(f"{module} imports {target}: `{aim}` is above `{source}`")
            elif layer_of(aim) == layer_of(source):
                problems.add(f"{module} imports {target}: `{aim}` and `{source}` may not import each other")
    return sorted(problems)


@pytest.fixture(scope="module")
def graph() -> dict[str, frozenset[str]]:
    return read_graph(SOURCE)


def test_the_graph_is_read_whole(graph: Graph) -> None:
    """The reader sees every module and the imports a mere text search would miss."""
    assert len(graph) == len(list(SOURCE.rglob("*.py")))
    assert "liaison.web.routes" in graph["liaison.app"]
    assert "liaison.services.pipeline.heap" in graph["liaison.services.registers.person_search"]


def test_no_import_cycle(graph: Graph) -> None:
    assert cycles(graph) == []


def test_no_upward_or_sideways_import(graph: Graph) -> None:
    assert misplaced(graph) == []


def test_a_function_level_and_a_type_checking_import_are_counted(tmp_path: Path) -> None:
    root = tmp_path / "liaison"
    (root / "web").mkdir(parents=True)
    (root / "api").mkdir()
    (root / "__init__.py").write_text("")
    (root / "web" / "__init__.py").write_text("def routers():\n    from liaison.api import app\n")
    (root / "api" / "__init__.py").write_text("")
    (root / "api" / "app.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from liaison import web\n"
        "from . import deps\n"
    )
    (root / "api" / "deps.py").write_text("import os\n")
    planted = read_graph(root)
    assert planted["liaison.web"] == {"liaison.api.app"}
    assert planted["liaison.api.app"] == {"liaison.web", "liaison.api.deps"}
    assert cycles(planted) == [["liaison.api.app", "liaison.web"]]
    assert misplaced(planted) == [
        "liaison.api.app imports liaison.web: `web` and `api` may not import each other",
        "liaison.web imports liaison.api.app: `api` and `web` may not import each other",
    ]


def test_a_planted_cycle_and_upward_import_are_found() -> None:
    planted: dict[str, frozenset[str]] = {
        "liaison.domain.codes": frozenset(),
        "liaison.matching.names": frozenset({"liaison.domain.codes", "liaison.store.schema"}),
        "liaison.store.schema": frozenset({"liaison.domain.codes"}),
        "liaison.services.a": frozenset({"liaison.services.b"}),
        "liaison.services.b": frozenset({"liaison.services.c"}),
        "liaison.services.c": frozenset({"liaison.services.a", "liaison.http.deps"}),
        "liaison.http.deps": frozenset({"liaison.store.schema"}),
        "liaison.scratch": frozenset(),
    }
    assert cycles(planted) == [["liaison.services.a", "liaison.services.b", "liaison.services.c"]]
    assert misplaced(planted) == [
        "liaison.matching.names imports liaison.store.schema: `store` is above `matching`",
        "liaison.scratch: `scratch` is in no layer of LAYERS",
        "liaison.services.c imports liaison.http.deps: `http` is above `services`",
    ]
    planted["liaison.services.c"] = frozenset({"liaison.store.schema"})
    planted["liaison.matching.names"] = frozenset({"liaison.domain.codes"})
    del planted["liaison.scratch"]
    assert cycles(planted) == []
    assert misplaced(planted) == []


# The adapters and the composition root may name a Session (a dependency's type), never
# build or run a query: every query lives in `store` or `services`.
ADAPTERS = ("api", "web", "commands", "http", "app.py")
ALLOWED_SQLALCHEMY = frozenset({("sqlalchemy.orm", "Session"), ("sqlalchemy.exc", "InterfaceError"),
                                ("sqlalchemy.exc", "OperationalError")})  # fmt: skip
QUERY_CALLS = frozenset({"execute", "scalar", "scalars", "query"})


def queries_in(tree: ast.AST) -> list[str]:
    """What in one adapter's source builds or runs a query: a SQLAlchemy import other
    than a type, or a call of a session's query methods."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.split(".")[0] == "sqlalchemy"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            found += [
                f"from {node.module} import {a.name}"
                for a in node.names
                if (node.module, a.name) not in ALLOWED_SQLALCHEMY
            ]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in QUERY_CALLS
        ):
            found.append(f"line {node.lineno}: .{node.func.attr}(…)")
    return found


def test_no_adapter_queries_the_database() -> None:
    offenders: dict[str, list[str]] = {}
    for name in ADAPTERS:
        target = SOURCE / name
        for path in [target] if target.is_file() else sorted(target.rglob("*.py")):
            found = queries_in(ast.parse(path.read_text(), str(path)))
            if found:
                offenders[str(path.relative_to(SOURCE))] = found
    assert offenders == {}


def test_a_query_in_an_adapter_is_found() -> None:
    planted = ast.parse(
        "from sqlalchemy import select\nfrom sqlalchemy.orm import Session\n"
        "def page(db: Session):\n    return db.scalars(select(1)).all()\n"
    )
    assert queries_in(planted) == ["from sqlalchemy import select", "line 4: .scalars(…)"]
