"""Tests of the package's import graph: data flows one way, so imports do too.

Read from the source with :mod:`ast`, every import counts, those under ``TYPE_CHECKING`` too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mapper"
#: Modules that read text and extract: what the map must not need.
EXTRACTION = {"extract", "geoparse", "recognize", "coref", "claims", "link", "_rules"}
EXTRACTION |= {"_casualties", "dates", "pipeline"}


def _imports() -> tuple[dict[str, set[str]], list[str]]:
    """Each module's imports of the package, and the imports made inside functions."""
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    inside: list[str] = []
    for module in modules:
        tree = ast.parse((PACKAGE / f"{module}.py").read_text("utf-8"))
        functions = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        nested = {id(i) for f in functions for i in ast.walk(f)}
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module == "mapper":
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mapper."):
                names = [str(node.module).split(".")[1]]
            elif isinstance(node, ast.Import):
                names = [a.name.split(".")[1] for a in node.names if a.name.startswith("mapper.")]
            for name in (n for n in names if n in modules):
                graph[module].add(name)
                if id(node) in nested:
                    inside.append(f"{module}:{node.lineno} imports {name}")
    return graph, inside


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph[module])
    return seen


def test_no_module_imports_itself_through_others() -> None:
    graph, _ = _imports()
    cycles = sorted(m for m in graph if m in _reachable(graph, m))
    assert cycles == []


def test_a_cycle_would_be_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert sorted(m for m in graph if m in _reachable(graph, m)) == ["a", "b", "c"]


def test_only_the_cli_imports_the_package_inside_functions() -> None:
    _, inside = _imports()
    assert [i for i in inside if not i.startswith("cli:")] == []
    assert any(i.startswith("cli:") for i in inside)  # the check does see nested imports


def test_the_map_needs_no_extraction_and_the_core_no_scoring() -> None:
    graph, _ = _imports()
    assert _reachable(graph, "render") & EXTRACTION == set()
    for module in graph.keys() - {"evaluate"}:
        assert "evaluate" not in _reachable(graph, module), module
