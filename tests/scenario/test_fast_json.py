"""The fast path for JSON files gives the full reader's scenario or declines; a file it declines
is read by the full reader, so every message is the full reader's — also in a large file."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ressourcemodel.engine.model import Scenario
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.scenario.fast_json import fast_scenario
from ressourcemodel.scenario.load import load_scenario, parse_scenario
from ressourcemodel.scenario.readers import ScenarioError

from .test_fuzz import BASE, mutated_documents

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from generate import generate

LARGE = scenario_to_dict(generate(300))


def full_reader(raw: bytes) -> Scenario | str:
    try:
        return parse_scenario(raw.decode("utf-8"), json_format=True)
    except ScenarioError as e:
        return str(e)


def agrees(raw: bytes) -> Scenario | None:
    """The fast path's answer, checked against the full reader's."""
    fast = fast_scenario(raw)
    full = full_reader(raw)
    if isinstance(full, str):
        assert fast is None, full
    elif fast is not None:
        assert fast == full
    return fast


def dumps(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, default=str).encode("utf-8")


def message(tmp_path: Path, raw: bytes) -> str:
    path = tmp_path / "s.json"
    path.write_bytes(raw)
    with pytest.raises(ScenarioError) as e:
        load_scenario(path)
    assert str(e.value) == full_reader(raw)
    return str(e.value)


def test_plain_files_take_the_fast_path() -> None:
    assert agrees(dumps(BASE)) is not None
    assert agrees(dumps(LARGE)) is not None
    assert agrees(json.dumps(LARGE, indent=2).encode()) is not None


def test_stays_share_the_facilitys_own_id() -> None:
    """One string per facility id and paying municipality in a fast-read scenario: the engine's
    look-ups by facility meet the very key."""
    sc = agrees(dumps(LARGE))
    assert sc is not None
    ids = {f.id: f.id for f in sc.facilities}
    stays = [s for c in sc.citizens for s in c.stays]
    assert stays
    assert all(s.facility is ids[s.facility] for s in stays)
    paying: dict[str, str] = {}
    assert all(paying.setdefault(c.paying_municipality, c.paying_municipality)
               is c.paying_municipality for c in sc.citizens)  # fmt: skip


def test_a_thousand_corrupted_files_agree() -> None:
    for name, content, suffix in mutated_documents(1000, seed=1707):
        if suffix == ".json":
            try:
                agrees(content)
            except AssertionError:
                pytest.fail(name)


@pytest.mark.parametrize(
    "text",
    [
        '"days": ["mon"], "days": ["tue"]',  # a duplicate key deep in the file
        '"days": ["mon"], "d\\u0061ys": ["tue"]',  # the same key, escaped
        '"days": ["mon"], "note": "1.5", "note": "2"',
        '"days": ["mon"], "staff": 1.0',  # a float
        '"days": ["mon"], "extra": 1.5',  # a float where no field is read
        '"days": ["mon"], "note": "' + "[" * 41 + '"',  # the nesting check counts these too
        '"days": ["Mon"]',  # another spelling: the full reader reads it
        '"days": ["mon"], "note": "kl\\u003a 8"',  # an escaped colon
        '"days": ["mon"], "extra": [' + "[" * 20 + "]" * 20 + "]",
    ],
)
def test_a_changed_entry_late_in_a_large_file(tmp_path: Path, text: str) -> None:
    doc = copy.deepcopy(LARGE)
    entry = doc["citizens"][-1]["assessments"][-1]["entries"][-1]
    entry.pop("days")
    raw = dumps(doc)
    marker = json.dumps(entry, ensure_ascii=False)[1:-1]
    changed = raw.replace(marker.encode(), f"{text}, {marker}".encode())
    assert changed != raw
    agrees(changed)
    full = full_reader(changed)
    if isinstance(full, str):
        assert message(tmp_path, changed) == full


def test_the_first_duplicate_citizen_is_named(tmp_path: Path) -> None:
    doc = copy.deepcopy(LARGE)
    doc["citizens"][250]["id"] = doc["citizens"][100]["id"]
    doc["citizens"][290]["id"] = doc["citizens"][10]["id"]
    cid = doc["citizens"][100]["id"]
    assert message(tmp_path, dumps(doc)) == f"citizens[250].id: borger '{cid}' findes to gange"


def test_messages_of_a_large_file(tmp_path: Path) -> None:
    doc = copy.deepcopy(LARGE)
    doc["citizens"][200]["stays"][0]["move_in"] = "2026-02-30"
    cid = doc["citizens"][200]["id"]
    assert message(tmp_path, dumps(doc)) == (
        f"citizens[200] (borger {cid}).stays[0].move_in: '2026-02-30' er ikke en gyldig dato"
    )
    raw = dumps(LARGE).replace(b'"days": ["mon"', b'"days": ["mon"], "days": ["mon"', 1)
    assert message(tmp_path, raw) == "days: feltet står to gange i samme objekt"
    name = dumps(LARGE).replace(b'"name": "Tilbud 0"', b'"name": "' + b"{" * 41 + b'"')
    assert message(tmp_path, name) == "filen er indlejret dybere end 40 niveauer"


def test_what_the_fast_path_leaves_to_the_full_reader_loads_the_same() -> None:
    doc = copy.deepcopy(BASE)
    doc["citizens"][0]["assessments"][0]["entries"][0]["days"] = ["Mon", " tue"]
    doc["citizens"][1]["id"] = 42
    doc["citizens"][1]["assessments"].append({"effective_from": "2026-11-01", "entries": []})
    raw = dumps(doc)
    assert fast_scenario(raw) is None
    assert parse_scenario(raw.decode(), json_format=True) == parse_scenario(
        json.dumps(doc, default=str), json_format=True
    )
    doc["citizens"][0]["assessments"][0]["entries"][0]["days"] = ["mon", "tue"]
    assert agrees(dumps(doc)) is not None  # an int id and an empty døgnskema are plain


def test_the_json_result_is_the_json_modules() -> None:
    from ressourcemodel.engine.compute import compute
    from ressourcemodel.scenario.output import result_to_dict, result_to_json

    result = compute(parse_scenario(dumps(LARGE).decode(), json_format=True))
    expected = json.dumps(result_to_dict(result), ensure_ascii=False, indent=2)
    assert result_to_json(result).decode("utf-8") == expected


BESIDE = """
import os, sys
from pathlib import Path
from ressourcemodel.scenario.fast_json import _Beside, fast_scenario
from ressourcemodel.scenario.load import ScenarioError, load_scenario

for name in sys.argv[1:]:
    raw = Path(name).read_bytes()
    child = _Beside.start(raw)
    assert child is not None, "no fork in a single-threaded program"
    child.stop()
    assert fast_scenario(raw, checks_beside=True) == fast_scenario(raw), name
    try:
        load_scenario(name, checks_beside=True)
    except ScenarioError:
        pass
    try:
        os.waitpid(-1, os.WNOHANG)
        raise AssertionError("a child was left behind")
    except ChildProcessError:
        pass
print("ok", len(sys.argv) - 1)
"""


def test_the_checks_beside_answer_as_the_checks_in_line(tmp_path: Path) -> None:
    """The text checks in a forked child (the ``compute`` command) decide as in this process,
    and no child is left behind: in a new single-threaded interpreter, as the command runs
    (this test process may have threads, and then the fork is rightly not made)."""
    raw = dumps(LARGE)
    cases = [
        raw,
        raw.replace(b'"days": ["mon"', b'"days": ["mon"], "days": ["mon"', 1),
        raw.replace(b'"name": "Tilbud 0"', b'"name": "' + b"{" * 41 + b'"'),
        raw.replace(b'"days": ["mon"', b'"days": ["mon"], "note": "kl\\u003a 8"', 1),
        raw.replace(b'"move_in": "', b'"move_in": "x', 1),
        raw.replace(b'"days": ["mon"', b'"days": ["mon"], "days": [1', 1),
    ]
    names = []
    for i, case in enumerate(cases):
        assert i == 0 or case != raw
        agrees(case)
        (tmp_path / f"s{i}.json").write_bytes(case)
        names.append(str(tmp_path / f"s{i}.json"))
    src = str(Path(__file__).parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", BESIDE, *names], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["ok", str(len(cases))]
