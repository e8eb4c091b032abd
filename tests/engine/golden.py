"""Golden scenario cases: readable YAML files of inputs and hand-worked expected outputs.

A file holds ``cases:``; each case has ``name``, ``rule`` (the SPEC section), ``scenario``
(a SPEC §4 scenario) and either ``expect`` (a *partial* SPEC §4 result: only the fields
written are checked) or ``expect_error`` (texts the Danish error message must contain).
Lists of objects are matched by their ``id``, ``month`` or ``code`` field when they have one,
else by position.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ressourcemodel.scenario.load import _StringLoader

CASES_DIR = Path(__file__).parent / "cases"


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_StringLoader)
        for case in doc["cases"]:
            out.append((f"{path.stem}: {case['name']}", case))
    return out


def _key(item: Any) -> str | None:
    if isinstance(item, dict):
        for k in ("id", "month", "code"):
            if k in item:
                return k
    return None


def mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Differences between a partial expectation and the actual result (empty when it holds)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: forventede et objekt, fik {actual!r}"]
        errs: list[str] = []
        for k, v in expected.items():
            if k not in actual:
                errs.append(f"{path}.{k}: mangler i resultatet")
            else:
                errs += mismatches(v, actual[k], f"{path}.{k}")
        return errs
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: forventede en liste, fik {actual!r}"]
        key = _key(expected[0]) if expected else None
        errs = []
        if key:
            index = {str(a.get(key)): a for a in actual if isinstance(a, dict)}
            for e in expected:
                a = index.get(str(e[key]))
                if a is None:
                    errs.append(f"{path}[{key}={e[key]}]: mangler i resultatet")
                else:
                    errs += mismatches(e, a, f"{path}[{key}={e[key]}]")
            return errs
        if len(expected) != len(actual):
            return [f"{path}: forventede {len(expected)} elementer, fik {len(actual)}: {actual!r}"]
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            errs += mismatches(e, a, f"{path}[{i}]")
        return errs
    if expected is None:
        return [] if actual is None else [f"{path}: forventede null, fik {actual!r}"]
    if isinstance(actual, bool):
        actual = "true" if actual else "false"
    if str(expected) != str(actual):
        return [f"{path}: forventede {expected!r}, fik {actual!r}"]
    return []
