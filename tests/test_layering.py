"""The import graph of src/charter points downward only (DESIGN §2).

Every ``import`` and ``from ... import`` in every module is read with ``ast`` (including
imports inside functions, which is where lazy imports live) and checked against the
layer table below: a package may import packages of lower layers, itself, and the
same-layer packages listed in SAME_LAYER.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "charter"

LAYERS: list[set[str]] = [
    {"diagnostics", "errors", "config", "chat", "hashing", "collector", "__init__"},
    {"spec", "providers", "nlp"},
    {"lint", "check", "diff"},
    {"run", "grade", "store"},
    {"report", "compile", "analysis"},
    {"cli", "lsp", "web", "pytest_plugin"},
]
SAME_LAYER: dict[str, set[str]] = {
    "run": {"grade", "store"},
    "grade": {"store"},
    "diagnostics": {"errors", "collector"},
    "config": {"errors"},
    "cli": {"lsp", "web"},
}
# Modules at the bottom that the package root re-exports lazily (charter.load, ...).
ROOT_LAZY = {"spec"}


def _layer(package: str) -> int:
    for index, layer in enumerate(LAYERS):
        if package in layer:
            return index
    raise AssertionError(f"package charter.{package} is not in the layer table; add it")


def _package_of(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py")


def _imports(tree: ast.AST) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
    return [(name, line) for name, line in found if name.startswith("charter.")]


def violations() -> list[str]:
    bad: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        importer = _package_of(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, line in _imports(tree):
            target = name.split(".")[1]
            if target == importer or (importer == "__init__" and target in ROOT_LAZY):
                continue
            same_ok = target in SAME_LAYER.get(importer, set())
            if _layer(target) >= _layer(importer) and not same_ok:
                bad.append(f"{path.relative_to(SRC)}:{line}: charter.{importer} imports {name}")
    return bad


def test_imports_point_downward() -> None:
    assert violations() == []


def test_checker_catches_an_upward_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "charter"
    (fake / "spec").mkdir(parents=True)
    (fake / "cli").mkdir()
    (fake / "spec" / "bad.py").write_text("from charter.cli.main import main\n")
    monkeypatch.setattr(sys.modules[__name__], "SRC", fake)
    assert violations() == ["spec/bad.py:1: charter.spec imports charter.cli.main"]
