"""At least 1,000 bad scenario files: each ends in exit 2 with a Danish message naming the field
(or the file), or exit 0 when the input is in fact valid — no traceback, no crash. How long the
hostile files take is measured in bench/hostile_bench.py, not here (timings on a shared machine
are no test); the real-process cases below are bounded so a hang cannot stall the suite."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ressourcemodel.cli import main

ROOT = Path(__file__).resolve().parents[2]
BASE = yaml.safe_load((ROOT / "examples" / "norddjurs-eksempel.yaml").read_text("utf-8"))
PYTHON_TEXT = (
    "Traceback",
    "invalid literal",
    "NoneType",
    "InvalidOperation",
    "object has no",
    "unhashable",
    "KeyError",
    "is not subscriptable",
)
BAD_VALUES: list[Any] = [
    None,
    "",
    "abc",
    "1e999999",
    "1e30",
    "-5",
    "0",
    "99999999999999999999999",
    10**40,
    -(10**20),
    True,
    [],
    {},
    [1, 2],
    {"a": 1},
    "NaN",
    "Infinity",
    "2026-13-45",
    "31-02-2026",
    "x" * 5000,
    "12,5",
    " 7 ",
    "0.000001",
    "１２３",
    "\u0000",
    3,
    "25:00",
    "24:01",
]


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


def _delete(doc: Any, path: tuple[Any, ...]) -> None:
    for key in path[:-1]:
        doc = doc[key]
    del doc[path[-1]]


def mutated_documents(n: int, seed: int = 707) -> list[tuple[str, bytes, str]]:
    """(name, file content, suffix) of n corrupted scenario files, deterministically."""
    rnd = random.Random(seed)
    paths = _paths(BASE)
    out: list[tuple[str, bytes, str]] = []
    while len(out) < n:
        doc = copy.deepcopy(BASE)
        kind = rnd.choice(["value", "value", "value", "delete", "category", "duplicate", "type"])
        path = rnd.choice(paths)
        try:
            if kind == "value":
                _set(doc, path, copy.deepcopy(rnd.choice(BAD_VALUES)))
            elif kind == "delete":
                _delete(doc, path)
            elif kind == "category":
                doc["facilities"][0]["fixed_costs"]["kaffe"] = "1000"
            elif kind == "duplicate":
                doc["citizens"].append(copy.deepcopy(doc["citizens"][0]))
            else:
                _set(doc, path, rnd.choice(["tekst", 42, [], {}]))
        except (KeyError, IndexError, TypeError):
            continue
        suffix = rnd.choice([".yaml", ".json"])
        try:
            text = (
                json.dumps(doc, ensure_ascii=False)
                if suffix == ".json"
                else yaml.safe_dump(doc, allow_unicode=True)
            )
        except (ValueError, TypeError):
            continue
        out.append((f"{kind}:{'.'.join(map(str, path))}", text.encode("utf-8"), suffix))
    return out


HANDMADE: list[tuple[str, bytes, str]] = [
    ("deep json", b"[" * 100_000 + b"]" * 100_000, ".json"),
    ("deep yaml", b"a: " + b"[" * 100_000 + b"]" * 100_000, ".yaml"),
    (
        "alias bomb",
        "\n".join(
            ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
            + [
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]"
                for i in range(9)
            ]
            + ["year: *j"]
        ).encode(),
        ".yaml",
    ),
    ("not utf-8", b'year: 2026\nmunicipality: {name: "N\xf8rre"}\n', ".yaml"),
    ("duplicate yaml key", b"year: 2026\nyear: 2027\nfacilities: []\n", ".yaml"),
    ("duplicate json key", b'{"year": 2026, "year": 2027, "facilities": []}', ".json"),
    ("huge json integer", b'{"year": ' + b"9" * 5000 + b"}", ".json"),
    ("float in json", b'{"year": 2026, "parameters": {"hourly_cost": 334.5}}', ".json"),
    ("nan in json", b'{"year": 2026, "parameters": {"hourly_cost": NaN}}', ".json"),
    ("year out of range", b"year: 1850\n", ".yaml"),
    ("huge money", b'year: 2026\nparameters: {hourly_cost: "1e999999"}\n', ".yaml"),
    ("empty file", b"", ".yaml"),
    ("a list", b"- 1\n- 2\n", ".yaml"),
    ("binary", bytes(range(256)), ".json"),
]


def _run(
    tmp_path: Path, name: str, content: bytes, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / f"s{suffix}"
    f.write_bytes(content)
    code = main(["compute", str(f)])
    out, err = capsys.readouterr()
    assert code in (0, 2), name
    if code == 2:
        assert out == "", name
        assert err.startswith(f"Fejl i scenariet {f}: "), (name, err[:200])
        assert not any(p in err for p in PYTHON_TEXT), (name, err[:300])
        assert len(err) < 2000, (name, len(err))
    else:
        assert json.loads(out)["year"] >= 2000


def test_a_thousand_corrupted_scenario_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = mutated_documents(1000) + HANDMADE
    assert len(files) >= 1000
    for name, content, suffix in files:
        _run(tmp_path, name, content, suffix, capsys)


@pytest.mark.parametrize("case", ["deep json", "alias bomb", "huge json integer"])
def test_crash_prone_files_in_a_real_process(tmp_path: Path, case: str) -> None:
    name, content, suffix = next(h for h in HANDMADE if h[0] == case)
    f = tmp_path / f"s{suffix}"
    f.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-m", "ressourcemodel.cli", "compute", str(f)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2, (name, done.stderr[-500:])
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
