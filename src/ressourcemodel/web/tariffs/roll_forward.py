"""Roll a tariff year forward with KL's wage and price index (SPEC §3.9): a preview of the new
year's tariffs beside the old ones, and the new year saved as a draft.

The engine does the arithmetic (``engine.roll_forward``): the wage percentage on the hourly cost
(or the staff mix's annual costs) and on the wage-type fixed cost lines, the price percentage on
the other lines; regulation, actuals and history belong to a year and are not carried. Citizens,
stays and assessments are not year rows: the new year uses them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import transaction

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.model import Scenario
from ressourcemodel.engine.results import Result
from ressourcemodel.engine.roll_forward import roll_facility, roll_parameters
from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.calculation import mappers, writers
from ressourcemodel.web.calculation.results import bump_data_version, computed
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.http import parse_percent
from ressourcemodel.web.records import models as m

MAX_RATE = Decimal(50)  # percent: an index of more than 50 % in a year is a typing error


def percent(raw: str, label: str) -> Decimal:
    """A required percentage typed the Danish way ("3,2") or with a point, as a rate (0.032)."""
    rate = parse_percent(raw, label, low=-MAX_RATE, high=MAX_RATE)
    if rate is None:
        raise ServiceError(f"{label}: angiv en procentsats, fx 3,2.")
    return rate


def _pct(rate: Decimal) -> str:
    """0.032 → "3,2" (Danish decimal comma, no trailing zeros)."""
    text = format(rate * 100, "f")
    return (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", ",")


@dataclass(frozen=True)
class RollForward:
    from_year: int
    wage: Decimal  # rate, e.g. 0.032
    price: Decimal
    before: Result
    after: Result
    scenario: Scenario  # the new year

    def level_rows(self) -> list[tuple[str, Decimal, Decimal]]:
        old = {lv.code: lv.service_tariff for lv in self.before.levels}
        return [
            (lv.code, old.get(lv.code, Decimal(0)), lv.service_tariff) for lv in self.after.levels
        ]

    def facility_rows(self) -> list[tuple[str, str, Decimal, Decimal, Decimal, Decimal]]:
        old = {f.id: f for f in self.before.facilities}
        return [
            (
                f.id,
                f.name,
                old[f.id].base_tariff,
                f.base_tariff,
                old[f.id].total_budget,
                f.total_budget,
            )
            for f in self.after.facilities
        ]


def preview(from_year: int, *, wage: Decimal, price: Decimal) -> RollForward:
    """The next year as it would be; nothing is saved. Raises ServiceError."""
    if m.TariffYear.objects.filter(year=from_year + 1, superseded_at__isnull=True).exists():
        raise ServiceError(f"Takståret {from_year + 1} findes allerede.")
    live = computed(from_year)  # raises NoDataForYear for an unknown year
    old = mappers.scenario_for_year(from_year, external_ids=True)
    new = replace(
        old,
        parameters=roll_parameters(old.parameters, wage_rate=wage),
        facilities=tuple(
            roll_facility(f, wage_rate=wage, price_rate=price) for f in old.facilities
        ),
    )
    try:
        after = compute(new)
    except EngineError as e:
        raise ServiceError(str(e)) from e
    return RollForward(from_year, wage, price, live.result, after, new)


def roll_forward(*, user: Any, from_year: int, wage: Decimal, price: Decimal) -> m.TariffYear:
    """Save the next year as a draft tariff year with its facility years, in one transaction
    with one audit row."""
    rf = preview(from_year, wage=wage, price=price)
    p = rf.scenario.parameters
    reason = (
        f"Fremskrevet fra {from_year} med løn {_pct(wage)} % og priser {_pct(price)} % "
        "(KL's pris- og lønskøn)"
    )
    with transaction.atomic():
        ty = writers.tariff_year_from_parameters(p, version=1, reason=reason)
        ty.save()
        for row in writers.parameter_rows(p, ty):
            row.save()
        codes = {f.code: f for f in m.Facility.objects.all()}
        for f in rf.scenario.facilities:
            fy = writers.facility_year_from_engine(f, codes[f.id], p.year, 1)
            fy.save()
            for child in writers.facility_year_children(f, fy):
                child.save()
        bump_data_version()
        audit_record(
            user=user,
            action="tariff_year.roll_forward",
            obj=ty,
            before={"year": from_year},
            after={
                "year": p.year,
                "wage_percent": str(wage * 100),
                "price_percent": str(price * 100),
                "total_budget": str(rf.after.overview.total.total_budget),
            },
        )
    return ty
