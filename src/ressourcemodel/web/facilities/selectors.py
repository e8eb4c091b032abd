"""Reads for a facility's page: its figures and residents, from the cached result."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied

from ressourcemodel.engine.results import CitizenPeriod, CitizenResult, FacilityResult
from ressourcemodel.web.accounts.permissions import sees_facility
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m


@dataclass(frozen=True)
class Resident:
    id: int
    name: str
    result: CitizenResult
    periods: list[CitizenPeriod]  # the periods at this facility


@dataclass(frozen=True)
class FacilityPage:
    record: m.Facility
    figures: FacilityResult
    residents: list[Resident]


def facility_page(user: Any, code: str, year: int) -> FacilityPage | None:
    """The facility as the user may see it; None when unknown; PermissionDenied outside the
    user's scope."""
    record = m.Facility.objects.select_related("area").filter(code=code).first()
    if record is None:
        return None
    if not sees_facility(user, code):
        raise PermissionDenied("Tilbuddet hører ikke til dine områder.")
    c = computed(year)
    figures = c.facilities.get(code)
    if figures is None:
        return None
    residents = [
        Resident(int(r.result.id), r.name, r.result, list(r.periods))
        for r in c.residents.get(code, ())
    ]
    return FacilityPage(record, figures, residents)


def facility_row(code: str) -> m.Facility | None:
    return m.Facility.objects.select_related("area").filter(code=code).first()


def facility_year(row: m.Facility | None, year: int) -> m.FacilityYear | None:
    """The facility's figures for ``year`` in force (the newest version)."""
    if row is None:
        return None
    return (
        m.FacilityYear.objects.filter(facility=row, year=year, superseded_at__isnull=True)
        .prefetch_related("fixed_costs", "actuals")
        .first()
    )


def fixed_lines(fy: m.FacilityYear | None) -> dict[str, Decimal]:
    return {c.category: c.amount for c in fy.fixed_costs.all()} if fy else {}


def actuals_of(fy: m.FacilityYear) -> dict[int, Decimal]:
    return {a.month: a.amount for a in fy.actuals.all()}


def area_names() -> list[str]:
    return list(m.Area.objects.values_list("name", flat=True))
