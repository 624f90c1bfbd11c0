"""Layering: lower layers never import higher ones (DESIGN.md; allowed imports in layers.toml).

Imports are read from the source with ``ast`` (including imports inside functions), so the check
does not depend on what happens to be imported at run time.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

import speciosa

ROOT = Path(__file__).resolve().parents[2]
SRC = Path(speciosa.__file__).resolve().parent
CONFIG = tomllib.loads((ROOT / "layers.toml").read_text(encoding="utf-8"))
LAYERS: list[tuple[str, list[str]]] = list(CONFIG["layers"].items())


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer_of(module: str) -> int:
    best, rank = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    if rank < 0:
        raise AssertionError(f"{module} is in no layer; add it to layers.toml")
    return rank


def _imports(path: Path, module: str | None = None) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    module = module or _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
    return found


MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[_module_name(p) for p in MODULES])
def test_no_upward_imports(path: Path) -> None:
    module = _module_name(path)
    own = _layer_of(module)
    for imported in _imports(path):
        if imported == "speciosa" or imported.startswith("speciosa."):
            assert _layer_of(imported) <= own, (
                f"{module} ({LAYERS[own][0]}) imports {imported} ({LAYERS[_layer_of(imported)][0]})"
            )


@pytest.mark.parametrize("path", MODULES, ids=[_module_name(p) for p in MODULES])
def test_wrapped_third_party(path: Path) -> None:
    module = _module_name(path)
    for package, allowed in CONFIG["third_party"].items():
        if any(i == package or i.startswith(package + ".") for i in _imports(path)):
            assert module in allowed, f"{module} imports {package}; only {allowed} may"


def test_checker_catches_an_upward_import(tmp_path: Path) -> None:
    """The test itself can fail: a knowledge module importing the CLI is flagged."""
    bad = tmp_path / "bad.py"
    bad.write_text("from speciosa.cli import main\nfrom ..cli import _app\n", encoding="utf-8")
    assert _imports(bad, "speciosa.knowledge.bad") == {"speciosa.cli"}  # absolute and relative
    assert _layer_of("speciosa.cli._app") > _layer_of("speciosa.knowledge._io")
