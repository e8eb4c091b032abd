"""A facility's tables as a workbook ("Hent som Excel"): the months and, for roles that see
personal data, the residents — the same page data, every value as the engine gave it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ressourcemodel.spreadsheets.tables import Column, Table
from ressourcemodel.web.common.dates import month_name

from .selectors import FacilityPage


def facility_tables(page: FacilityPage, year: int, show_people: bool) -> list[Table]:
    f = page.figures
    months = Table(
        _("Måneder"),
        [
            Column(_("Måned")),
            Column(_("Fast"), "kr"),
            Column(_("Aktivitet"), "kr"),
            Column(_("I alt"), "kr"),
            Column(_("Salg"), "kr"),
            Column(_("Belagte døgn"), "int"),
            Column(_("Fin. årsværk"), "dec"),
            Column(_("Forbrug"), "kr"),
        ],
        [
            [
                month_name(mr.month).capitalize(),
                mr.fixed,
                mr.activity,
                mr.total,
                mr.sales_income,
                mr.occupied_days,
                mr.funded_fte,
                mr.actual,
            ]
            for mr in f.months
        ],
        caption=f"{f.name} ({f.id}) {year}",
    )
    months.rows.append(
        [
            _("I alt"),
            f.fixed_budget,
            f.activity_budget,
            f.total_budget,
            f.sales_income,
            f.occupied_days,
            f.funded_fte,
            f.forecast.actual_to_date if f.forecast else None,
        ]
    )
    return [months, _residents(page)] if show_people else [months]


def _residents(page: FacilityPage) -> Table:
    return Table(
        _("Beboere"),
        [
            Column(_("Borger")),
            Column(_("Fra"), "date"),
            Column(_("Til"), "date"),
            Column(_("Timer pr. døgn"), "hours"),
            Column(_("Niveau")),
            Column(_("Servicetakst"), "kr"),
            Column(_("Solgt til")),
        ],
        [
            [
                r.name,
                p.start,
                p.end,
                p.placement.hours_per_day,
                p.placement.level,
                p.placement.service_tariff,
                r.result.paying_municipality if r.result.sold else "",
            ]
            for r in page.residents
            for p in r.periods
        ],
    )
