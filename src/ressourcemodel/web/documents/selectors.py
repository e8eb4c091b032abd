"""Reads for the documents: the year's scenario and result, and what the tariff year says
about itself (version, publication, decisions)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from ressourcemodel.documents.build import Year
from ressourcemodel.documents.info import TariffYearInfo
from ressourcemodel.engine.billing import BillingLine, billing_lines, overdue, total
from ressourcemodel.engine.compute import compute
from ressourcemodel.web.calculation.mappers import scenario_for_year, tariff_year_row
from ressourcemodel.web.calculation.results import NoDataForYear, computed
from ressourcemodel.web.records import models as m


def tariff_year_info(year: int) -> TariffYearInfo:
    ty = tariff_year_row(year)
    return TariffYearInfo(
        version=ty.version,
        status=str(ty.get_status_display()),
        published=timezone.localdate(ty.published_at) if ty.published_at else None,
        published_by=ty.published_by.get_username() if ty.published_by else "",
        decisions={str(k): str(v) for k, v in ty.decisions.items()},
        printed=timezone.localdate(),
    )


def document_year(year: int, *, external_ids: bool = False) -> Year:
    """The live year. With ``external_ids`` citizens are named by their imported ids (the
    command line); otherwise by database id (the web app, through the result cache)."""
    if not m.TariffYear.objects.filter(year=year, superseded_at__isnull=True).exists():
        raise NoDataForYear(year)
    if external_ids:
        scenario = scenario_for_year(year, external_ids=True)
        result = compute(scenario, today=timezone.localdate())
    else:
        c = computed(year)
        scenario, result = c.scenario, c.result
    p = scenario.parameters
    return Year(
        scenario=scenario,
        result=result,
        info=tariff_year_info(year),
        municipality=f"{p.municipality_name} Kommune ({p.municipality_code})",
        facility_names={f.id: f.name for f in scenario.facilities},
        citizen_names={c.id: c.name or c.id for c in scenario.citizens},
    )


@dataclass(frozen=True)
class StatementRow:
    municipality: str
    month: int
    lines: int
    days: int
    amount: Decimal
    invoiced: bool
    overdue: bool  # older than 12 months and not invoiced (SEL §174 stk. 2)


def statement_rows(year: int, *, municipality: str | None = None) -> list[StatementRow]:
    """One row per paying municipality and month with the engine's billing totals."""
    y = document_year(year)
    lines = [
        ln
        for ln in billing_lines(y.scenario)
        if municipality is None or ln.municipality == municipality
    ]
    marks = set(m.InvoiceMark.objects.filter(year=year).values_list("municipality", "month"))
    late = {(mu, mo) for mu, mo, _ in overdue(lines, year=year, invoiced=marks,
                                              today=timezone.localdate())}  # fmt: skip
    groups: dict[tuple[str, int], list[BillingLine]] = {}
    for ln in lines:
        groups.setdefault((ln.municipality, ln.month), []).append(ln)
    return [
        StatementRow(mu, mo, len(g), sum(ln.days for ln in g), total(g), (mu, mo) in marks,
                     (mu, mo) in late)
        for (mu, mo), g in sorted(groups.items())
    ]  # fmt: skip
