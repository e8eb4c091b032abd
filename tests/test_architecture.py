"""The house rules, checked: views never touch the ORM."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "ressourcemodel"
WEB = SRC / "web"


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
