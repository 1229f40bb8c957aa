"""The package's layers, read from its imports: each module imports only its own layer or
those below it, no import cycle, and typer and rich only in the command line.

The layers, bottom first, are the pipeline of CONTRIBUTING.md's map; a new module gets a
row in `LAYERS` (the test fails until it has one).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dedupe"

# Module (or package) name prefixes, by layer from the bottom; the longest prefix decides.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "dedupe.model",
        "dedupe.normalize",
        "dedupe.config",
        "dedupe.rules",
        "dedupe.workers",
        "dedupe.fileerrors",
    ),
    ("dedupe.archives",),
    ("dedupe.worddiff", "dedupe.report", "dedupe.baseline"),
    ("dedupe.ingest", "dedupe.segment"),
    ("dedupe.claims",),
    ("dedupe.pairing",),
    ("dedupe.stories",),
    ("dedupe.checks",),
    ("dedupe.store",),
    ("dedupe.engines",),
    ("dedupe.emit",),
    ("dedupe.cli", "dedupe.__main__", "dedupe"),
)
# The one name every layer may take from the package itself: the version string.
SHARED_ROOT_NAMES = {"__version__"}
CLI_ONLY = ("typer", "rich")


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def layer(module: str) -> int:
    """The layer of a module: that of its longest listed prefix."""
    best = (-1, -1)
    for level, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                best = max(best, (len(prefix), level))
    assert best[1] >= 0, f"{module} has no layer in tests/test_layout.py: give it a row"
    return best[1]


def imports(path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """The modules (dotted names) ``path`` imports, with line numbers; TYPE_CHECKING-only
    imports left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                if child in known:
                    yield child, node.lineno
                elif not (node.module == "dedupe" and alias.name in SHARED_ROOT_NAMES):
                    yield node.module, node.lineno


def edges() -> dict[str, set[str]]:
    known = modules()
    return {
        name: {m for m, _ in imports(path, known) if m in known and m != name}
        for name, path in known.items()
    }


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_imports_a_higher_layer(name: str) -> None:
    known = modules()
    for imported, line in imports(known[name], known):
        if imported in known:
            assert layer(imported) <= layer(name), (
                f"{known[name]}:{line}: {name} (layer {layer(name)}) imports {imported} "
                f"(layer {layer(imported)}), which sits above it"
            )


def test_no_import_cycles() -> None:
    graph = edges()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            assert state.get(nxt) != 1, "import cycle: " + " -> ".join([*path, node, nxt])
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def test_typer_and_rich_only_in_the_command_line() -> None:
    known = modules()
    for name, path in known.items():
        if name == "dedupe.cli" or name.startswith("dedupe.cli."):
            continue
        for imported, line in imports(path, known):
            top = imported.split(".")[0]
            assert top not in CLI_ONLY, f"{path}:{line}: {name} imports {imported}"


def test_the_map_catches_an_upward_import() -> None:
    # The checks would pass vacuously if no module had a layer: a grammar may not import
    # the matcher, and the matcher may not import the checks.
    assert layer("dedupe.claims.numbers") < layer("dedupe.pairing") < layer("dedupe.checks")
    assert layer("dedupe.emit.html") > layer("dedupe.engines.local")
    assert "dedupe.checks.evidence" in edges()["dedupe.checks.numbers"]
