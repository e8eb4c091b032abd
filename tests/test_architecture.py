"""The house rules, checked: views never touch the ORM, modules and functions stay small."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "ressourcemodel"
WEB = SRC / "web"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _python_files() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if "migrations" not in p.parts]


def test_views_do_not_query_the_database() -> None:
    offenders = []
    for path in WEB.rglob("*views.py"):
        if path.parent.name in ("accounts", "audit"):
            continue  # login and the audit search: their own small apps
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("objects", "filter", "all"):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} .{node.attr}")
    assert not offenders, "views call selectors and services, never the ORM:\n" + "\n".join(
        offenders
    )


def test_modules_and_functions_are_small() -> None:
    too_long = []
    for path in _python_files():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(SRC)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(SRC)}: {node.name}() {n} lines")
    assert not too_long, "split these:\n" + "\n".join(too_long)
