"""The layers show in the folders and hold in the imports: core <- formats <- cli, and no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "dlcat_cli"
LAYERS = ("core", "formats", "cli")
# What each layer may not import, anywhere in a module (lazy imports included).
FORBIDDEN = {
    "core": (
        "dlcat_cli.formats",
        "dlcat_cli.cli",
        "typer",
        "rich",
        "click",
        "yaml",
        "icalendar",
        "defusedxml",
    ),
    "formats": ("dlcat_cli.cli", "typer", "rich", "click"),
}


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@pytest.mark.parametrize("layer", list(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    """core imports no file format, no command line and no terminal library; formats no command line."""
    bad = {
        name: sorted(i for i in _imports(path) if i.startswith(FORBIDDEN[layer]))
        for name, path in MODULES.items()
        if name.startswith(f"dlcat_cli.{layer}.")
    }
    assert {name: found for name, found in bad.items() if found} == {}


def test_every_module_sits_in_a_layer() -> None:
    """Only the entry point, the version, the error class and the language of messages live outside the three
    folders: every layer raises errors and writes sentences, so those two sit under all three and import none."""
    loose = {n for n in MODULES if n.count(".") == 1 and n.split(".")[1] not in LAYERS}
    assert loose == {"dlcat_cli.__main__", "dlcat_cli.errors", "dlcat_cli.i18n"}
    for base in ("dlcat_cli.errors", "dlcat_cli.i18n"):
        assert not {i for i in _imports(MODULES[base]) if i.startswith("dlcat_cli.")}, base


def test_no_import_cycles() -> None:
    """No module reaches itself through its own imports (program and schedule once imported each other)."""
    graph = {
        name: {i for i in _imports(path) if i in MODULES and i != name and not name.startswith(i + ".")}
        for name, path in MODULES.items()
        if path.name != "__init__.py"
    }

    def reaches(start: str) -> bool:
        seen, todo = set(), list(graph.get(start, ()))
        while todo:
            here = todo.pop()
            if here == start:
                return True
            if here not in seen:
                seen.add(here)
                todo.extend(graph.get(here, ()))
        return False

    assert [name for name in graph if reaches(name)] == []
