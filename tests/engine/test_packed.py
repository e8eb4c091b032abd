"""Døgnskemaer whose numbers the loader put in columns (``engine.packed``) are read as the same
entries read one by one: the same analysis, the same calculation, and a plain tuple once copied.
(The loader's entries always have weekdays 0–6: days outside that are the plain path's, tested
in test_fastplace.)
"""

from __future__ import annotations

import copy
import json
import pickle
import random
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ressourcemodel.engine.batchplace import analyse_schedules
from ressourcemodel.engine.batchread import Candidates
from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.fastplace import WEEKDAY_MASKS, day_mask
from ressourcemodel.engine.model import Scenario, ScheduleEntry
from ressourcemodel.engine.packed import (
    CitizenArrays,
    CitizenColumns,
    Entries,
    EntryColumns,
    in_columns,
)
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.scenario.fast_json import fast_scenario

from .golden import load_cases
from .strategies import scenario_or_none, scenarios
from .test_citizen_paths import _context
from .test_fastplace import schedule
from .test_incremental import run_chain

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from generate import generate


def rows_of(entries: tuple[ScheduleEntry, ...]) -> list[tuple[int, int, int, int, int, int]]:
    """The six numbers the engine reads from each entry object."""
    forms = {"individual": 0, "double": 1}
    return [
        (
            WEEKDAY_MASKS.get(e.days, day_mask(e.days)),
            e.start,
            e.end,
            e.staff,
            e.participants,
            forms.get(e.form, 2),
        )
        for e in entries
    ]


def in_block(schedules: list[tuple[ScheduleEntry, ...]], cols: EntryColumns) -> list[Entries]:
    """The døgnskemaer as the loader hands them over: their numbers appended to ``cols``."""
    out = []
    for entries in schedules:
        first = len(cols.masks)
        for e in entries:
            cols.masks.append(day_mask(e.days))
            cols.starts.append(e.start)
            cols.ends.append(e.end)
            cols.kinds.append(cols.kind(e.form, e.staff, e.participants))
        out.append(in_columns(list(entries), cols, first))
    return out


def plain(sc: Scenario) -> Scenario:
    """``sc`` with every døgnskema a plain tuple (read entry by entry)."""
    citizens = tuple(
        replace(c, assessments=tuple(replace(a, entries=tuple(a.entries)) for a in c.assessments))
        for c in sc.citizens
    )
    return replace(sc, citizens=citizens)


@settings(max_examples=1000, deadline=None)
@given(st.lists(schedule.filter(bool), min_size=1, max_size=10), st.randoms())
def test_columns_give_the_analysis_of_the_entries(
    schedules: list[tuple[ScheduleEntry, ...]], rnd: random.Random
) -> None:
    """Valid and broken døgnskemaer alike; also a part of them in another order (what
    ``prepare`` hands on when earlier minutes are reused), and two blocks mixed."""
    packed = in_block(schedules, EntryColumns())
    assert packed == schedules
    assert analyse_schedules(list(packed), {}) == analyse_schedules(schedules, {})
    order = rnd.sample(range(len(schedules)), rnd.randint(1, len(schedules)))
    picked = [packed[i] for i in order]
    assert analyse_schedules(picked, {}) == analyse_schedules([schedules[i] for i in order], {})
    other = in_block(schedules, EntryColumns())
    mixed = [packed[0], *other[1:]]
    assert analyse_schedules(mixed, {}) == analyse_schedules(schedules, {})


def test_copied_or_pickled_a_plain_equal_tuple() -> None:
    s = (ScheduleEntry(frozenset({0, 4}), 420, 480), ScheduleEntry(frozenset({6}), 1380, 60))
    (packed,) = in_block([s], EntryColumns())
    for other in (copy.copy(packed), copy.deepcopy(packed), pickle.loads(pickle.dumps(packed))):
        assert type(other) is tuple
        assert other == packed == s
        assert hash(other) == hash(packed)


def check_file(raw: bytes) -> Scenario | None:
    """The fast reader's columns hold each entry's numbers; its calculation equals that of the
    same scenario read entry by entry (errors alike)."""
    sc = fast_scenario(raw)
    if sc is None:
        return None
    for c in sc.citizens:
        for a in c.assessments:
            if a.level is None:
                assert type(a.entries) is Entries
                cols, first = a.entries.columns, a.entries.first
                rows = [
                    (mask, start, end, *cols.kind_rows[kind])
                    for mask, start, end, kind in zip(
                        cols.masks, cols.starts, cols.ends, cols.kinds, strict=True
                    )
                ]
                assert rows[first : first + len(a.entries)] == rows_of(a.entries)
    check_citizen_columns(sc)
    assert outcome(sc) == outcome(plain(sc))
    what_if = replace(sc, parameters=replace(sc.parameters, overhead_rate=Decimal("0.125")))
    assert CitizenColumns.of(what_if) is sc.columns  # the same citizens: the same columns
    assert outcome(what_if) == outcome(plain(what_if))
    return sc


def check_citizen_columns(sc: Scenario) -> None:
    """The loader's citizen columns say what the citizen objects say, and belong to them only."""
    cols = CitizenColumns.of(sc)
    assert cols is not None
    made = cols.arrays  # made once, when the loader finished
    assert made is not None
    now = CitizenArrays.of(cols)  # what the columns say now
    for name in CitizenArrays.__slots__:
        a, b = getattr(made, name), getattr(now, name)
        if name == "to_place":
            assert list(map(id, a.schedules)) == list(map(id, b.schedules))
            assert (a.lens, a.firsts, a.table) == (b.lens, b.firsts, b.table)
        else:
            assert a.dtype == b.dtype, name
            assert a.tolist() == b.tolist(), name
            assert not a.flags.writeable, name  # shared by every calculation of the file
    if sc.citizens:  # (no citizens: the one empty tuple, which the empty columns describe)
        assert CitizenColumns.of(plain(sc)) is None
        assert CitizenColumns.of(replace(sc, citizens=sc.citizens[1:])) is None
    try:
        ctx = _context(sc)
    except EngineError:
        return  # the calculation refuses the scenario before it reads a citizen
    got, want = Candidates.of(cols, ctx), Candidates.read(sc.citizens, ctx)
    for name in Candidates.__slots__:
        a, b = getattr(got, name), getattr(want, name)
        if name == "entries":
            assert list(map(id, a)) == list(map(id, b))
        elif b is None:  # nothing placed ahead here: each is looked up by identity
            assert a is None, name
        elif isinstance(b, list):
            assert a == b, name
        else:
            assert a.dtype == b.dtype, name
            assert a.tolist() == b.tolist(), name
    rows = cols.to_place()
    asm = [a for c in sc.citizens for a in c.assessments]
    placed = [a.entries for a in asm if a.level is None and a.entries]
    assert list(map(id, rows.schedules)) == list(map(id, placed))
    assert rows.lens == list(map(len, placed))
    assert rows.firsts == [cast(Entries, e).first for e in placed]
    assert analyse_schedules(rows.schedules, {}, rows) == analyse_schedules(placed, {})
    ctx.places.prepare((), keep=False, rows=rows)  # as ``compute`` places the rows ahead
    try:
        read = Candidates.of(cols, ctx)
        ahead = read.ahead
        assert ahead is not None
        by_row = [ahead.placements[k] for k in ahead.codes.tolist()]
        assert not ctx.places.known  # the batch takes them by row; ``know`` finds the rest's
        assert read.entries == []  # taken by row: the entries are not read
        ctx.places.know(sc.citizens)
        by_identity = [ctx.places.known.get(id(e)) for e in want.entries]
        assert all(x is y for x, y in zip(by_row, by_identity, strict=True))
    finally:
        ctx.places.forget()
    assert ctx.places.ahead is None


def outcome(sc: Scenario) -> object:
    try:
        return compute(sc)
    except Exception as err:
        return type(err), str(err)


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_drawn_files_compute_alike(doc: dict[str, Any]) -> None:
    if scenario_or_none(doc) is None:
        return
    check_file(json.dumps(doc, ensure_ascii=False).encode("utf-8"))


def test_golden_cases_and_a_generated_file_compute_alike() -> None:
    read = 0
    for _, case in load_cases():  # errors included: the same error either way
        raw = json.dumps(case["scenario"], ensure_ascii=False).encode("utf-8")
        read += check_file(raw) is not None
    assert read >= 20
    large = scenario_to_dict(generate(300, templates=True))
    assert check_file(json.dumps(large, ensure_ascii=False, default=str).encode()) is not None


@pytest.mark.parametrize("templates", [False, True])
def test_changes_to_a_file_read_in_columns_equal_full_recomputation(templates: bool) -> None:
    """``incremental`` from a scenario read by the fast reader: changed døgnskemaer are plain
    tuples beside the kept ones in columns, and every step equals ``compute``."""
    doc = scenario_to_dict(generate(300, seed=5, templates=templates))
    sc = fast_scenario(json.dumps(doc, ensure_ascii=False, default=str).encode("utf-8"))
    assert sc is not None
    run_chain(sc, random.Random(13), steps=30)
