"""The engine as the last check of a write: after a change, inside its transaction, each year it
touches must still compute; otherwise the engine's Danish message is raised and the transaction
rolls back, so nothing is half-saved."""

from __future__ import annotations

from collections.abc import Iterable

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.web.calculation.mappers import scenario_for_year

from .errors import ServiceError


def engine_accepts(years: Iterable[int]) -> None:
    """Raise ``ServiceError`` with the engine's message when one of ``years`` no longer computes."""
    try:
        for year in years:
            compute(scenario_for_year(year))
    except EngineError as e:
        raise ServiceError(str(e)) from e
