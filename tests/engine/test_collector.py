"""The cyclic collector around a large calculation (engine/collector.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from ressourcemodel.engine.collector import collector_paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def _ids(generation: int) -> set[int]:
    return {id(o) for o in gc.get_objects(generation=generation)}


def test_paused_inside_and_on_again_after(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_objects_made_meanwhile_go_to_the_oldest_generation_without_a_walk(
    collector_on: None,
) -> None:
    with collector_paused():
        made = [[i] for i in range(1_000)]
    young, old = _ids(0), _ids(2)
    assert not any(id(x) in young for x in made)  # the next run of the collector skips them
    assert all(id(x) in old for x in made)
    assert gc.get_count()[0] < 100


def test_a_cycle_made_meanwhile_is_still_collected(collector_on: None) -> None:
    with collector_paused():
        a, b = _Node(), _Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
    del a, b
    gc.collect()
    assert gone() is None


def test_left_off_when_it_was_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            made = [[1]]
        assert not gc.isenabled()
        assert id(made[0]) in _ids(0)  # not moved either
    finally:
        if was:
            gc.enable()


def test_objects_frozen_before_stay_frozen(collector_on: None) -> None:
    """The web server's master freezes its objects before its workers fork; a calculation in a
    worker must not hand them back to the collector."""
    assert gc.get_freeze_count() == 0
    kept = [_Node()]  # tracked by the collector, alive throughout
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            made = [[1]]
        assert gc.isenabled()
        # Unfreezing would move every frozen object to the oldest generation. Frozen objects
        # that die meanwhile (an earlier test's, freed by another thread) only lower the count.
        assert 0 < gc.get_freeze_count() <= frozen
        assert all(id(kept[0]) not in _ids(g) for g in range(3))  # still frozen
        assert id(made[0]) in _ids(0)  # left where a plain switch-on leaves it
    finally:
        gc.unfreeze()
