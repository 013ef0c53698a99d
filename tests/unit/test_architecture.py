"""The shape of the import graph: no cycles among CookieDesk's modules, Qt only in the window,
and the core layers never reaching up into the CLI or the window.

Read from the source with `ast`, so nothing is imported and every import counts, at module
level or inside a function (a function-level import still makes the two modules depend on
each other; it only defers the cost). Imports under `if TYPE_CHECKING:` do not count: they
never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import cookiedesk

PACKAGE = "cookiedesk"
SOURCE = Path(cookiedesk.__file__).parent

# Cycles that lie in files this change must not touch, each named, so that the test still
# fails on any new one. Remove an entry when its cycle is gone (the test says so).
# (Issue 13's safety/delete → safari_write → restore → delete is already gone: the outcome
# records moved to safety/outcomes.) The stores ↔ safety cycle is a cycle between layers, not
# modules: test_the_readers_never_import_the_safety_layer keeps it away.
KNOWN_CYCLES: dict[frozenset[str], str] = {}
# The Qt-free core under the command line and the window (operations: issue 13's new layer).
CORE_LAYERS = ("cookiedesk.stores", "cookiedesk.classify", "cookiedesk.safety",
               "cookiedesk.operations")
UPPER_LAYERS = ("cookiedesk.cli", "cookiedesk.ui")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: all but those under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                yield from _imports_in(child)
            continue
        yield from _imports_in(node)


def _imports_in(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _imports(node)


def _package_of(module: str) -> str:
    return module if modules()[module].name == "__init__.py" else module.rpartition(".")[0]


def imported_names(module: str) -> set[str]:
    """Every module name `module` imports (CookieDesk's and others', as written)."""
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            package = _package_of(module).split(".")
            anchor = ".".join(package[: len(package) - node.level + 1])
            base = f"{anchor}.{base}" if base else anchor
        # `from package import module` depends on the module, `from module import name` on
        # the module it names (a package's __init__ included)
        submodules = {f"{base}.{alias.name}" for alias in node.names
                      if f"{base}.{alias.name}" in modules()}
        names.update(submodules)
        if len(submodules) < len(node.names):
            names.add(base)
    return names


@cache
def graph() -> dict[str, frozenset[str]]:
    """Module → the CookieDesk modules it imports by name. Importing a.b.c also runs the
    package a.b's __init__ first, but that is no dependency of a.b.c's: a package that imports
    its own submodules to re-export them (cli/__init__ → cli.main) is no cycle, while a
    submodule that imports a name from its package's __init__ is an edge to it here."""
    return {
        module: frozenset(
            name for name in imported_names(module) if name in modules() and name != module)
        for module in modules()
    }


def cycles(edges: dict[str, frozenset[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(edges[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _in(module: str, layers: tuple[str, ...]) -> bool:
    return any(module == layer or module.startswith(layer + ".") for layer in layers)


def test_the_source_is_found() -> None:
    assert {"cookiedesk.stores.scan", "cookiedesk.safety.delete", "cookiedesk.ui.app",
            "cookiedesk"} <= set(modules())
    assert "cookiedesk.stores.snapshot" in graph()["cookiedesk.stores.chromium"]


def test_the_import_graph_has_no_new_cycles() -> None:
    found = cycles(graph())
    new = [sorted(c) for c in found if c not in KNOWN_CYCLES]
    assert new == [], f"import cycles: {new}"
    gone = [reason for c, reason in KNOWN_CYCLES.items() if c not in found]
    assert gone == [], f"fixed, so take them off KNOWN_CYCLES: {gone}"


def test_only_the_window_imports_qt() -> None:
    offenders = sorted(
        module for module in modules() if not _in(module, ("cookiedesk.ui",))
        and any(name == "PySide6" or name.startswith("PySide6.")
                for name in imported_names(module))
    )
    assert offenders == []


def test_the_core_never_imports_the_cli_or_the_window() -> None:
    offenders = sorted(
        (module, dependency) for module, dependencies in graph().items()
        if _in(module, CORE_LAYERS)
        for dependency in dependencies if _in(dependency, UPPER_LAYERS)
    )
    assert offenders == []


def test_the_readers_never_import_the_safety_layer() -> None:
    # safety/ builds on stores/ (it deletes what the readers read), so the arrow points one way
    offenders = sorted(
        (module, dependency) for module, dependencies in graph().items()
        if _in(module, ("cookiedesk.stores", "cookiedesk.classify"))
        for dependency in dependencies if _in(dependency, ("cookiedesk.safety",))
    )
    assert offenders == []


def test_a_planted_cycle_is_found() -> None:
    edges = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}),
             "d": frozenset({"a"})}
    assert cycles(edges) == [frozenset({"a", "b", "c"})]


def test_type_checking_imports_do_not_count_and_function_imports_do() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import only_for_types\n"
        "def later():\n    import inside_a_function\n")
    names = {alias.name for node in _imports(tree) for alias in node.names}
    assert names == {"TYPE_CHECKING", "inside_a_function"}
