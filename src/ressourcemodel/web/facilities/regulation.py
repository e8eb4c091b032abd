"""Efterregulering (SPEC §3.4): each facility's result of a year (budget − actuals, from the
engine's figures once all twelve months of actuals are loaded) and finance's decision on it:
carried into the base tariff of year t + lag (a carried result in that year, which keeps its
origin year and reason), or — a surplus of at most 5 % of the cost base — set aside for up to
five years. One decision per facility and year; one transaction and one audit row."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import transaction

from ressourcemodel.engine.model import CarriedResult
from ressourcemodel.web.accounts.permissions import facility_scope
from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.calculation import mappers
from ressourcemodel.web.calculation.results import bump_data_version, computed
from ressourcemodel.web.common.checks import engine_accepts_frame
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.records import models as m

from .services import save_year

SET_ASIDE_SHARE = Decimal("0.05")  # a surplus up to 5 % of the cost base may be set aside
SET_ASIDE_YEARS = 5


@dataclass(frozen=True)
class Line:
    code: str
    name: str
    budget: Decimal
    actuals: Decimal
    months: int
    result: Decimal | None  # None until all twelve months are loaded
    may_set_aside: bool
    decision: m.RegulationDecision | None


def lines(user: Any, year: int) -> list[Line]:
    """The year's result per facility the user may see, with any decision made."""
    scope = facility_scope(user)
    decided = {
        d.facility.code: d
        for d in m.RegulationDecision.objects.filter(origin_year=year).select_related("facility")
    }
    out = []
    for f in computed(year).result.facilities:
        if scope is not None and f.id not in scope:
            continue
        fc = f.forecast
        months = fc.months_with_actuals if fc else 0
        result = fc.budget_to_date - fc.actual_to_date if fc and months == 12 else None
        out.append(
            Line(
                f.id, f.name, f.total_budget, fc.actual_to_date if fc else Decimal(0), months,
                result,
                result is not None and 0 < result <= f.total_budget * SET_ASIDE_SHARE,
                decided.get(f.id),
            )
        )  # fmt: skip
    return out


def _carry(row: m.Facility, origin: int, result: Decimal, reason: str) -> int:
    lag = mappers.tariff_year_row(origin).regulation_lag_years
    target = origin + lag
    current = m.FacilityYear.objects.filter(
        facility=row, year=target, superseded_at__isnull=True
    ).first()
    if current is None:
        raise ServiceError(
            f"Takståret {target} findes ikke for tilbuddet endnu; fremskriv året først."
        )
    f = mappers.facility_from_rows(row, current)
    f = replace(f, results=(*f.results, CarriedResult(origin, result, reason)))
    save_year(row, f, target)
    engine_accepts_frame(target)
    return target


def regulation_decide(
    *, user: Any, code: str, origin_year: int, kind: str, years: int | None, reason: str
) -> m.RegulationDecision:
    line = next((x for x in lines(None, origin_year) if x.code == code), None)
    if line is None:
        raise ServiceError("Tilbuddet findes ikke i året.")
    if line.result is None:
        raise ServiceError("Resultatet kendes først, når forbruget for alle 12 måneder er indlæst.")
    if kind not in m.RegulationDecision.Kind.values:
        raise ServiceError("Vælg indregning eller henlæggelse.")
    if not reason.strip() or len(reason) > 1000:
        raise ServiceError("Skriv en begrundelse (højst 1.000 tegn).")
    if kind == "set_aside":
        if not line.may_set_aside:
            raise ServiceError(
                "Kun et overskud på højst 5 % af omkostningsgrundlaget kan henlægges."
            )
        if years is None or not 1 <= years <= SET_ASIDE_YEARS:
            raise ServiceError("Et overskud kan henlægges i 1–5 år.")
    with transaction.atomic():
        row = m.Facility.objects.select_for_update().get(code=code)
        if m.RegulationDecision.objects.filter(facility=row, origin_year=origin_year).exists():
            raise ServiceError(f"Resultatet for {origin_year} er allerede besluttet.")
        target = _carry(row, origin_year, line.result, reason.strip()) if kind == "carry" else None
        d = m.RegulationDecision.objects.create(
            facility=row, origin_year=origin_year, result=line.result, kind=kind,
            target_year=target, years=years if kind == "set_aside" else None,
            reason=reason.strip(), decided_by=user if getattr(user, "pk", None) else None,
        )  # fmt: skip
        bump_data_version(frame=True)
        audit_record(
            user=user, action="regulation.decide", obj=d, before=None,
            after={"facility": code, "origin_year": origin_year, "result": str(line.result),
                   "kind": kind, "target_year": target, "years": d.years},
        )  # fmt: skip
    return d
