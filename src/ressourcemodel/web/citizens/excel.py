"""The citizen list as a workbook ("Hent som Excel"): the same scoped, filtered rows as the page
(CPR masked as on the page)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ressourcemodel.spreadsheets.tables import Column, Table

from .selectors import CitizenRow


def citizen_tables(rows: list[CitizenRow], year: int) -> list[Table]:
    return [
        Table(
            _("Borgere"),
            [
                Column(_("Navn")),
                Column(_("CPR")),
                Column(_("Tilbud")),
                Column(_("Betalingskommune")),
                Column(_("Timer pr. døgn"), "hours"),
                Column(_("Niveau")),
                Column(_("Servicetakst"), "kr"),
            ],
            [
                [
                    r.name,
                    _("CPR mangler") if r.cpr_masked == "CPR mangler" else r.cpr_masked,
                    r.facilities,
                    r.paying_municipality,
                    r.period.placement.hours_per_day if r.period else None,
                    r.period.placement.level if r.period else None,
                    r.period.placement.service_tariff if r.period else None,
                ]
                for r in rows
            ],
            caption=_("Borgere %(year)s") % {"year": year},
        )
    ]
