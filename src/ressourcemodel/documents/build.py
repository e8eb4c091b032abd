"""From a year's scenario and result to each document's bytes: the one place the command line
and the web app both call."""

from __future__ import annotations

from dataclasses import dataclass, field

from ressourcemodel.engine.billing import BillingLine, billing_lines
from ressourcemodel.engine.model import Scenario
from ressourcemodel.engine.results import Result
from ressourcemodel.engine.statements import takstblad, takstgrundlag

from .info import TariffYearInfo
from .pdf import render_pdf
from .statement import statement_html
from .takstblad import takstblad_html
from .takstgrundlag import takstgrundlag_html


@dataclass(frozen=True)
class Year:
    scenario: Scenario
    result: Result
    info: TariffYearInfo
    municipality: str
    facility_names: dict[str, str] = field(default_factory=dict)
    citizen_names: dict[str, str] = field(default_factory=dict)


def takstblad_pdf(y: Year, facility_id: str) -> bytes:
    sheet = takstblad(y.scenario, y.result, facility_id)
    return render_pdf(takstblad_html(sheet, y.info, municipality=y.municipality))


def takstgrundlag_pdf(y: Year, citizen_id: str) -> bytes:
    sheet = takstgrundlag(y.scenario, y.result, citizen_id)
    html = takstgrundlag_html(
        sheet, y.info, municipality=y.municipality, facility_names=y.facility_names,
        hourly_cost=y.result.hourly_cost,
    )  # fmt: skip
    return render_pdf(html)


def statement_lines(y: Year, *, municipality: str | None, month: int | None) -> list[BillingLine]:
    return [
        ln
        for ln in billing_lines(y.scenario)
        if (municipality is None or ln.municipality == municipality)
        and (month is None or ln.month == month)
    ]


def statement_pdf(y: Year, *, municipality: str, month: int) -> bytes:
    lines = statement_lines(y, municipality=municipality, month=month)
    html = statement_html(
        lines, year=y.result.year, month=month, municipality=municipality,
        seller=y.municipality, facility_names=y.facility_names, citizen_names=y.citizen_names,
    )  # fmt: skip
    return render_pdf(html)
