"""The engine stays pure: no Django, no I/O modules, no float (ADR 0001, STYLE)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).parents[2] / "src" / "ressourcemodel" / "engine"
FORBIDDEN_IMPORTS = {
    "django",
    "os",
    "io",
    "json",
    "yaml",
    "pathlib",
    "sqlite3",
    "psycopg",
    "socket",
    "subprocess",
    "shutil",
    "tempfile",
    "logging",
    "time",
    "random",
    "openpyxl",
    "ressourcemodel.scenario",
    "ressourcemodel.web",
    "ressourcemodel.cli",
    "ressourcemodel.formatting",
}
FILES = sorted(ENGINE.glob("*.py"))


def test_engine_files_found() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_engine_module_is_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            top = {name.split(".")[0], ".".join(name.split(".")[:2])}
            assert not (top & FORBIDDEN_IMPORTS), f"{path.name}:{node.lineno} importerer {name}"
        if isinstance(node, ast.Constant):
            assert not isinstance(node.value, float), f"{path.name}:{node.lineno}: float-konstant"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "float", f"{path.name}:{node.lineno}: float()"
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("open", "print", "input")
        ):
            raise AssertionError(f"{path.name}:{node.lineno}: I/O-kald {node.func.id}()")
