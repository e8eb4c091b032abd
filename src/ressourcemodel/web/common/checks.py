"""The engine as the last check of a write: after a change, inside its transaction, each year it
touches must still compute; otherwise the engine's Danish message is raised and the transaction
rolls back, so nothing is half-saved."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.incremental import update
from ressourcemodel.engine.model import Citizen, Scenario
from ressourcemodel.engine.results import Result
from ressourcemodel.web.calculation.frame import frame_for_year
from ressourcemodel.web.calculation.mappers import citizens_by_pk, scenario_for_year
from ressourcemodel.web.calculation.results import kept_state, live_scenario, years_with_data

from .errors import ServiceError


def engine_accepts(years: Iterable[int]) -> None:
    """Raise ``ServiceError`` with the engine's message when one of ``years`` no longer computes."""
    try:
        for year in years:
            compute(scenario_for_year(year))
    except EngineError as e:
        raise ServiceError(str(e)) from e


def frame_changed_result(year: int) -> Result:
    """The result of ``year`` as this connection sees it after a change to the year's parameters
    or facilities (a write's or a preview's own rows included). From this process's kept
    calculation of the year, only the frame and the citizens changed since are read and the
    incremental engine recomputes what the change touches (the same result and error as a full
    calculation, ADR 0015); without one, the whole year is mapped and computed. Raises the
    engine's ``EngineError``."""
    live = live_scenario(year)
    if live is None:
        return compute(scenario_for_year(year))
    return update(*live).result


def engine_accepts_frame(year: int) -> None:
    """After a change to ``year``'s parameters or facilities (inside the write's transaction,
    before the data version is bumped): the year must still compute
    (:func:`frame_changed_result`), or ``ServiceError`` with the engine's message."""
    try:
        frame_changed_result(year)
    except EngineError as e:
        raise ServiceError(str(e)) from e


def citizen_years(since: date | None) -> list[int]:
    """The years with data that a change to a citizen's stays from ``since`` on touches: that
    year and later (a stay counts only in the years it overlaps). ``None``: every year (a new
    approved level is priced in every year)."""
    return [y for y in years_with_data() if since is None or y >= since.year]


def engine_accepts_citizens(pks: Iterable[int], *, since: date | None) -> None:
    """After a change to citizens ``pks`` (inside the write's transaction, before the data
    version is bumped): each year the change touches (:func:`citizen_years`) must still compute
    with them, or ``ServiceError`` with the engine's message. Only the changed citizens are
    read: from this process's kept calculation of the year the incremental engine recomputes
    just them (the same result and error as a full calculation); without one, the year's
    parameters and facilities are computed with the changed citizens alone, which gives the
    same error, as the engine's rules for a citizen look at that citizen, the parameters and
    the facilities only (never the whole register: seconds at national scale)."""
    years = citizen_years(since)
    if not years:
        return
    changed = citizens_by_pk(set(pks))
    try:
        for year in years:
            state = kept_state(year)
            if state is not None:
                update(
                    state,
                    _with(state.scenario, changed),
                    changed_citizens={c.id for c in changed},
                )
            else:
                compute(replace(frame_for_year(year), citizens=changed))
    except EngineError as e:
        raise ServiceError(str(e)) from e


def _with(scenario: Scenario, changed: tuple[Citizen, ...]) -> Scenario:
    """``scenario`` with ``changed`` in place of the citizens of the same id (new ones last, in
    id order, as the register is mapped)."""
    new = {c.id: c for c in changed}
    citizens = [new.pop(c.id, c) for c in scenario.citizens]
    citizens += sorted(new.values(), key=lambda c: int(c.id))
    return replace(scenario, citizens=tuple(citizens))
