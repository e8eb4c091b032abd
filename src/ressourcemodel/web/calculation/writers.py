"""Engine objects → database rows: what imports, roll forward and facility edits save. The other
direction (rows → engine objects) is ``mappers``."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import DecimalField, Model

from ressourcemodel.engine.model import Assessment as EngineAssessment
from ressourcemodel.engine.model import Facility as EngineFacility
from ressourcemodel.engine.parameters import (
    Parameters,
)
from ressourcemodel.web.records import models as m


def fits(value: Decimal, field_name: str, model: type[Model], where: str) -> Decimal:
    """``value`` if the column holds it exactly (both databases keep the same decimals), else a
    Danish error naming ``where``."""
    field = model._meta.get_field(field_name)
    assert isinstance(field, DecimalField)
    places, digits = field.decimal_places, field.max_digits
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    whole = len(str(abs(int(value)))) if value else 1
    if decimals > places or whole > digits - places:
        raise ValueError(f"{where}: {value} har for mange cifre (højst {places} decimaler).")
    return value


def tariff_year_from_parameters(p: Parameters, *, version: int, reason: str) -> m.TariffYear:
    """An unsaved tariff-year row with ``p``; levels and staff mix by ``parameter_rows``."""
    ty = m.TariffYear
    return m.TariffYear(
        year=p.year,
        version=version,
        reason=reason,
        municipality_code=p.municipality_code,
        municipality_name=p.municipality_name,
        level_unit=p.level_unit.value,
        hourly_cost=None
        if p.hourly_cost is None
        else fits(p.hourly_cost, "hourly_cost", ty, "parameters.hourly_cost"),
        annual_norm_hours=fits(p.annual_norm_hours, "annual_norm_hours", ty, "annual_norm_hours"),
        productive_hours_per_fte=fits(
            p.productive_hours_per_fte, "productive_hours_per_fte", ty, "productive_hours_per_fte"
        ),
        indirect_share=fits(p.indirect_share, "indirect_share", ty, "indirect_share"),
        occupancy_rate=fits(p.occupancy_rate, "occupancy_rate", ty, "occupancy_rate"),
        occupancy_min=fits(p.occupancy_min, "occupancy_min", ty, "occupancy_min"),
        occupancy_max=fits(p.occupancy_max, "occupancy_max", ty, "occupancy_max"),
        overhead_rate=fits(p.overhead_rate, "overhead_rate", ty, "overhead_rate"),
        tail_rule=p.tail_rule.value,
        billing_tail_rule=p.billing_tail_rule.value,
        level_change_rule=p.level_change_rule.value,
        regulation_lag_years=p.regulation_lag_years,
    )


def parameter_rows(p: Parameters, ty: m.TariffYear) -> list[m.LevelRow | m.StaffShareRow]:
    rows: list[m.LevelRow | m.StaffShareRow] = [
        m.LevelRow(
            tariff_year=ty,
            order=i,
            code=lv.code,
            lower=fits(lv.lower, "lower", m.LevelRow, f"levels[{i}].lower"),
            upper=fits(lv.upper, "upper", m.LevelRow, f"levels[{i}].upper"),
            priced_hours=fits(lv.priced_hours, "priced_hours", m.LevelRow, f"levels[{i}]"),
        )
        for i, lv in enumerate(p.levels)
    ]
    rows += [
        m.StaffShareRow(
            tariff_year=ty,
            category=s.category,
            share=fits(s.share, "share", m.StaffShareRow, f"staff_mix[{i}].share"),
            annual_cost=fits(s.annual_cost, "annual_cost", m.StaffShareRow, f"staff_mix[{i}]"),
        )
        for i, s in enumerate(p.staff_mix)
    ]
    return rows


def facility_year_children(f: EngineFacility, fy: m.FacilityYear) -> list[Model]:
    """Fixed cost lines, actuals and carried results of ``f`` for the saved year row ``fy``."""
    where = f"tilbud {f.id}"
    rows: list[Model] = [
        m.FixedCost(facility_year=fy, category=k, amount=fits(v, "amount", m.FixedCost, where))
        for k, v in f.fixed_costs
    ]
    rows += [
        m.MonthlyActual(facility_year=fy, month=month, amount=fits(v, "amount", m.MonthlyActual,
                                                                     where))
        for month, v in f.actuals
    ]  # fmt: skip
    rows += [
        m.CarriedResult(facility_year=fy, origin_year=r.year, reason=r.reason,
                        amount=fits(r.amount, "amount", m.CarriedResult, where))
        for r in f.results
    ]  # fmt: skip
    return rows


def facility_year_from_engine(f: EngineFacility, facility: m.Facility, year: int,
                              version: int) -> m.FacilityYear:  # fmt: skip
    fy = m.FacilityYear
    where = f"tilbud {f.id}"

    def opt(v: Decimal | None, name: str) -> Decimal | None:
        return None if v is None else fits(v, name, fy, where)

    return m.FacilityYear(
        facility=facility,
        year=year,
        version=version,
        occupancy_rate=opt(f.occupancy_rate, "occupancy_rate"),
        regulation=fits(f.regulation, "regulation", fy, where),
        actual_fte=opt(f.actual_fte, "actual_fte"),
        old_budget=opt(f.old_budget, "old_budget"),
        previous_budget=opt(f.previous_budget, "previous_budget"),
    )


def assessment_from_engine(a: EngineAssessment, citizen: m.Citizen, when: datetime
                           ) -> m.Assessment:  # fmt: skip
    """An unsaved, approved assessment row (an imported assessment is in force as decided)."""
    return m.Assessment(
        citizen=citizen,
        effective_from=a.effective_from,
        status=m.Assessment.Status.APPROVED,
        manual_level=a.level or "",
        daily_amount=None
        if a.daily_amount is None
        else fits(a.daily_amount, "daily_amount", m.Assessment, f"borger {citizen.code}"),
        reason=a.reason,
        review_date=a.review_date,
        approved_at=when,
    )
