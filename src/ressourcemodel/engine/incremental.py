"""Incremental recomputation: after a change to a few citizens or facilities, recompute only
what the change touches and get the same ``Result`` as ``compute()``, to the øre.

    state = prepare(scenario, today=today)
    state = update(state, new_scenario, changed_citizens={"C1"}, changed_facilities={"F2"})
    state.result  # == compute(new_scenario, today=today)

A changed citizen's part is taken out of the sums of the facilities it touched and the new part
put in (exact integer counts); those facilities, their areas and the totals are made again.
Citizens and facilities are also compared with the previous scenario (by identity, then by
value), so a change left out of ``changed_*`` is still found; the sets say where to look first
and spare the comparison. New parameters that change prices only (``reprice.prices_only``:
no level, day or sold flag moves) re-price the parts kept (``reprice.reprice``), then any other
change is made as above. Other new parameters, or facilities added, removed or reordered, give
a full calculation that reuses the døgnskemaer's minutes per week (they depend on the entries
only). ``update`` never alters the state it is given; ``State.path`` says which way was taken.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from itertools import compress
from operator import is_not
from typing import Literal

from .accumulate import apply_part, facilities_of
from .citizen import CitizenPart, citizen_part
from .collector import collector_paused
from .compute import (
    Computation,
    Gathered,
    assemble,
    build,
    compute,
    refresh_areas,
    refresh_facility,
)
from .errors import EngineError
from .model import Citizen, Scenario
from .periods import days_in_year
from .reprice import prices_only, reprice
from .results import Result
from .tariffs import facility_terms

# How a state was made: a whole calculation, the changes only, or the parts re-priced for new
# parameters (then the other changes, if any).
Path = Literal["full", "changes", "repriced"]


@dataclass(frozen=True, slots=True)
class State:
    """A calculation with the parts it was made of."""

    computation: Computation
    path: Path = "full"

    @property
    def result(self) -> Result:
        result = self.computation.result
        assert result is not None
        return result

    @property
    def scenario(self) -> Scenario:
        return self.computation.scenario


def prepare(scenario: Scenario, *, today: date | None = None) -> State:
    """The full calculation of ``scenario``, kept in parts for ``update``."""
    with collector_paused():
        return State(build(scenario, today=today))


def update(
    state: State,
    scenario: Scenario,
    *,
    changed_citizens: Iterable[str] = (),
    changed_facilities: Iterable[str] = (),
) -> State:
    """The calculation of ``scenario``, a changed copy of ``state.scenario``. Raises the same
    ``ValidationError`` as ``compute(scenario)`` for a scenario that breaks a rule."""
    comp = state.computation
    old = comp.scenario
    path: Path = "changes"
    same_frame = [f.id for f in scenario.facilities] == [f.id for f in old.facilities]
    if scenario.parameters is not old.parameters and scenario.parameters != old.parameters:
        repriced = None
        if same_frame and prices_only(old.parameters, scenario.parameters):
            repriced = _repriced(comp, scenario)
        if repriced is None:
            # A full calculation, but the døgnskemaer's minutes per week are kept: they do not
            # depend on the parameters (SPEC §3.1); only their placement and price do.
            with collector_paused():
                return State(build(scenario, today=comp.today, weekly=comp.weekly))
        comp, path = repriced, "repriced"
        if scenario.citizens is old.citizens and scenario.facilities is old.facilities:
            return State(replace(comp, scenario=scenario), path)
    elif not same_frame:
        with collector_paused():
            return State(build(scenario, today=comp.today, weekly=comp.weekly))
    try:
        return State(_update(comp, scenario, set(changed_citizens), set(changed_facilities)), path)
    except EngineError:
        compute(scenario, today=comp.today)  # the error a full calculation gives first
        return prepare(scenario, today=comp.today)  # not reached: the error is raised above


def _repriced(comp: Computation, scenario: Scenario) -> Computation | None:
    """``reprice`` of ``comp`` with the new parameters; None where they break a rule for the
    scenario as it was (the full calculation then gives the error ``compute`` gives, or none
    if the other changes mend it)."""
    try:
        with collector_paused():
            return reprice(comp, scenario.parameters)
    except (EngineError, ArithmeticError):
        return None


def _changed_citizens(
    comp: Computation, scenario: Scenario, hint: set[str]
) -> tuple[dict[str, Citizen | None], dict[str, int] | None]:
    """Citizen id → new citizen (None: removed) for every citizen that differs; and, where
    every citizen id is where it was, each changed citizen's place in the scenario."""
    places = _same_places(comp.scenario.citizens, scenario.citizens, hint)
    if places is not None:
        now = scenario.citizens
        return {cid: now[i] for cid, i in places.items()}, places
    before = comp.citizens
    ids = [c.id for c in scenario.citizens]
    if len(set(ids)) != len(ids):
        raise EngineError("En borger findes to gange.")  # compute() names the citizen
    changed: dict[str, Citizen | None] = {
        c.id: c
        for c in scenario.citizens
        if (prev := before.get(c.id)) is not c and (prev is None or c.id in hint or prev != c)
    }
    if len(ids) != len(before) or len(changed) > 0:
        for cid in before.keys() - set(ids):
            changed[cid] = None
    return changed, None


def _same_places(
    old: tuple[Citizen, ...], now: tuple[Citizen, ...], hint: set[str]
) -> dict[str, int] | None:
    """Where every citizen id is where it was (the common change: one citizen's døgnskema or
    stay), the place of each citizen that differs — found from the places whose object is not
    the old one, one pass in C over 30.000 instead of a lookup by id each; the ids were unique
    before, so they still are. None where an id moved, came or went."""
    if len(old) != len(now):
        return None
    moved = list(compress(range(len(now)), map(is_not, old, now)))
    if any(now[i].id != old[i].id for i in moved):
        return None
    return {now[i].id: i for i in moved if now[i].id in hint or now[i] != old[i]}


def _regathered(
    comp: Computation, changed: dict[str, CitizenPart], places: dict[str, int] | None
) -> Gathered | None:
    """The citizens' results, warnings and special cases after ``changed`` (new parts at
    ``places``), from those of ``comp``: only the changed results are put in, where neither
    the old nor the new part of a changed citizen has a warning or a special case (else None:
    gathered again from every part)."""
    old = comp.gathered
    if old is None or places is None:
        return None
    for cid, part in changed.items():
        before = comp.parts[cid]
        if part.warnings or part.specials or before.warnings or before.specials:
            return None
    results = list(old.results)
    for cid, i in places.items():
        results[i] = changed[cid].result
    return Gathered(results, old.warnings, old.specials)


def _update(
    comp: Computation, scenario: Scenario, citizens: set[str], facilities: set[str]
) -> Computation:
    changed, places = _changed_citizens(comp, scenario, citizens)
    new_parts: dict[str, CitizenPart] = {}
    for cid, c in changed.items():
        if c is not None:
            new_parts[cid] = citizen_part(c, comp.ctx)
    params = scenario.parameters
    ndays = days_in_year(params.year)
    new_facilities = {
        f.id: (f, facility_terms(f, params, ndays))
        for f in scenario.facilities
        if (prev := comp.by_id[f.id]) is not f and (f.id in facilities or prev != f)
    }
    # Nothing above altered ``comp``; from here on only a copy is changed.
    touched: set[str] = set(new_facilities)
    for cid in changed:
        if cid in comp.parts:
            touched |= facilities_of(comp.parts[cid])
        if cid in new_parts:
            touched |= facilities_of(new_parts[cid])
    new = replace(
        comp,
        scenario=scenario,
        bases=dict(comp.bases),
        terms=dict(comp.terms),
        accs=dict(comp.accs),
        parts=dict(comp.parts),
        citizens=dict(comp.citizens),
        by_id=dict(comp.by_id),
        facilities=dict(comp.facilities),
        facility_warnings=dict(comp.facility_warnings),
        hours=dict(comp.hours),
        areas=dict(comp.areas),
        area_sums=dict(comp.area_sums),
        result=None,
        ordered=comp.ordered and places is not None,  # no citizen came, went or moved
    )
    for fid in touched:
        new.accs[fid] = comp.accs[fid].copy()
    _swap_parts(new, changed, new_parts)
    areas = set()
    for fid, (f, terms) in new_facilities.items():
        areas.add(comp.by_id[fid].area)
        new.by_id[fid], new.terms[fid], new.bases[fid] = f, terms, terms.base
    for fid in touched:
        refresh_facility(new, fid)
        areas.add(new.by_id[fid].area)
    refresh_areas(new, areas)
    assemble(new, _regathered(comp, new_parts, places))
    return new


def _swap_parts(
    new: Computation, changed: dict[str, Citizen | None], parts: dict[str, CitizenPart]
) -> None:
    for cid, c in changed.items():
        old = new.parts.get(cid)
        if old is not None:
            apply_part(new.accs, new.cal, old, -1, new.ctx.ref)
        if c is not None:  # put where the old part was: the order of the others is kept
            apply_part(new.accs, new.cal, parts[cid], 1, new.ctx.ref)
            new.parts[cid] = parts[cid]
            new.citizens[cid] = c
        elif old is not None:
            del new.parts[cid]
            del new.citizens[cid]
