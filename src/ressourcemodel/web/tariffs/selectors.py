"""Reads for the tariff-year page, scoped: a leader sees only their own facilities' lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ressourcemodel.engine.model import FIXED_COST_CATEGORIES, FIXED_COST_LABELS_DA
from ressourcemodel.engine.results import FacilityResult
from ressourcemodel.web.accounts.permissions import facility_scope
from ressourcemodel.web.calculation.mappers import tariff_year_row
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m


def tariff_year_page(user: Any, year: int) -> dict[str, Any]:
    c = computed(year)  # raises NoDataForYear for a year without data
    ty = tariff_year_row(year)
    scope = facility_scope(user)
    facilities: list[FacilityResult] = sorted(
        (f for f in c.result.facilities if scope is None or f.id in scope),
        key=lambda f: (f.area, f.name),
    )
    fixed: dict[str, dict[str, Decimal]] = {
        f.id: dict(c.scenario_facility(f.id).fixed_costs) for f in facilities
    }
    return {
        "ty": ty,
        "result": c.result,
        "staff_mix": list(ty.staff_mix.all()),
        "facilities": facilities,
        "categories": [(k, FIXED_COST_LABELS_DA[k]) for k in FIXED_COST_CATEGORIES],
        "fixed": fixed,
        "versions": list(
            m.TariffYear.objects.filter(year=year)
            .order_by("-version")
            .values("version", "recorded_at", "reason", "status")
        ),
    }
