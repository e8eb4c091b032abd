"""Reads for the explanation pages: the engine's explanation of a figure, on the cached year."""

from __future__ import annotations

from typing import Any

from ressourcemodel.engine.explain import (
    CitizenExplanation,
    FacilityExplanation,
    explain_citizen,
    explain_facility,
)
from ressourcemodel.engine.results import FacilityResult, KeyFigures
from ressourcemodel.web.accounts.permissions import facility_scope
from ressourcemodel.web.calculation.mappers import tariff_year_row
from ressourcemodel.web.calculation.results import computed


def facility_explanation(year: int, code: str, month: int | None) -> FacilityExplanation:
    return explain_facility(computed(year).scenario, code, month)


def citizen_explanation(year: int, pk: int) -> CitizenExplanation | None:
    c = computed(year)
    if str(pk) not in c.citizen_inputs:
        return None
    return explain_citizen(c.scenario, str(pk))


def decisions(year: int) -> dict[str, str]:
    return {str(k): str(v) for k, v in tariff_year_row(year).decisions.items()}


def area_explanation(
    user: Any, year: int, area: str | None
) -> tuple[list[FacilityResult], KeyFigures | None]:
    """The facilities whose budgets sum to an area's (or, with None, the total) figures, and
    the engine's figures for the area. A leader sees only their own areas, never the total."""
    scope = facility_scope(user)
    o = computed(year).result.overview
    figures = o.total if area is None else next((a for a in o.areas if a.name == area), None)
    facilities = sorted(
        (f for f in computed(year).result.facilities
         if (area is None or f.area == area) and (scope is None or f.id in scope)),
        key=lambda f: f.name,
    )  # fmt: skip
    if scope is not None and (
        area is None
        or any(f.area == area and f.id not in scope for f in computed(year).result.facilities)
    ):
        return facilities, None  # fmt: skip
    return facilities, figures
