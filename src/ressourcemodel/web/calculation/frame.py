"""The live facilities of a year as plain rows (values_list), not model instances: a change to
parameters or facilities reads the frame again (ADR 0015), and at national scale (1 500
facilities, 18 000 monthly actuals) building model objects was most of its time. Equal to
``mappers.facility_from_rows`` over the same rows (tests/web/test_change_log.py)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from ressourcemodel.engine.model import CarriedResult, Scenario
from ressourcemodel.engine.model import Facility as EngineFacility
from ressourcemodel.web.records import models as m

from .mappers import exact, exact_or_none, parameters_from_row, tariff_year_row


def frame_for_year(year: int) -> Scenario:
    """The live parameters and facilities of ``year``, without citizens, as
    ``mappers.scenario_for_year`` maps them (a write's engine check adds the citizens it
    changed; the result cache reads it again after a change to parameters or facilities)."""
    return Scenario(parameters_from_row(tariff_year_row(year)), live_facilities(year))


def live_facilities(year: int) -> tuple[EngineFacility, ...]:
    """Every facility (in the order recorded) with its live facility year ``year``."""
    years: dict[int, tuple[Any, ...]] = {
        row[1]: row
        for row in m.FacilityYear.objects.filter(year=year, superseded_at__isnull=True).values_list(
            "pk", "facility_id", "occupancy_rate", "regulation", "actual_fte", "old_budget",
            "previous_budget",
        )
    }  # fmt: skip
    live = m.FacilityYear.objects.filter(year=year, superseded_at__isnull=True).values("pk")
    fixed, actuals, carried = _year_lines(live)
    history: dict[int, list[tuple[int, Any]]] = defaultdict(list)
    for f, y, rate in m.OccupancyHistory.objects.order_by("pk").values_list(
        "facility_id", "year", "rate"
    ):
        history[f].append((y, exact(rate)))
    out = []
    for pk, code, name, area, places in m.Facility.objects.order_by("pk").values_list(
        "pk", "code", "name", "area__name", "places"
    ):
        row = years.get(pk)
        if row is None:
            out.append(
                EngineFacility(code, name, area, places, (), occupancy_history=tuple(history[pk]))
            )
            continue
        out.append(
            EngineFacility(
                id=code,
                name=name,
                area=area,
                places=places,
                fixed_costs=tuple(fixed[row[0]]),
                occupancy_rate=exact_or_none(row[2]),
                occupancy_history=tuple(history[pk]),
                regulation=exact(row[3]),
                results=tuple(carried[row[0]]),
                actual_fte=exact_or_none(row[4]),
                actuals=tuple(actuals[row[0]]),
                old_budget=exact_or_none(row[5]),
                previous_budget=exact_or_none(row[6]),
            )
        )
    return tuple(out)


def _year_lines(
    live: QuerySet[m.FacilityYear, Any],
) -> tuple[
    dict[int, list[tuple[str, Any]]],
    dict[int, list[tuple[int, Any]]],
    dict[int, list[CarriedResult]],
]:
    """The fixed cost lines, monthly actuals and carried results of facility years ``live``,
    by facility year id, in the order ``facility_from_rows`` reads them."""
    fixed: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for fy, category, amount in (
        m.FixedCost.objects.filter(facility_year__in=live)
        .order_by("pk")
        .values_list("facility_year_id", "category", "amount")
    ):
        fixed[fy].append((category, exact(amount)))
    actuals: dict[int, list[tuple[int, Any]]] = defaultdict(list)
    for fy, month, amount in (
        m.MonthlyActual.objects.filter(facility_year__in=live)
        .order_by("month", "pk")
        .values_list("facility_year_id", "month", "amount")
    ):
        actuals[fy].append((month, exact(amount)))
    carried: dict[int, list[CarriedResult]] = defaultdict(list)
    for fy, origin, amount, reason in (
        m.CarriedResult.objects.filter(facility_year__in=live)
        .order_by("origin_year", "id")
        .values_list("facility_year_id", "origin_year", "amount", "reason")
    ):
        carried[fy].append(CarriedResult(origin, exact(amount), reason))
    return fixed, actuals, carried
