"""The tariff year's tables as a workbook ("Hent som Excel"): levels with their service tariffs,
the staff mix, and the facilities' base tariffs — the page's data as the engine gave it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ressourcemodel.spreadsheets.tables import Column, Table


def tariff_tables(page: dict[str, Any], year: int) -> list[Table]:
    result = page["result"]
    levels = Table(
        _("Niveauer"),
        [
            Column(_("Niveau")),
            Column(_("Timer pr. døgn fra"), "dec"),
            Column(_("Timer pr. døgn til"), "dec"),
            Column(_("Prissat ved"), "dec"),
            Column(_("Servicetakst pr. døgn"), "kr"),
        ],
        [[lv.code, lv.lower, lv.upper, lv.priced_hours, lv.service_tariff] for lv in result.levels],
        caption=_("Takstår %(year)s, timepris %(cost)s kr.")
        % {"year": year, "cost": result.hourly_cost},
    )
    staff = Table(
        _("Personale"),
        [Column(_("Personalekategori")), Column(_("Andel"), "pct"), Column(_("Årsløn"), "kr")],
        [[s.category, s.share, s.annual_cost] for s in page["staff_mix"]],
    )
    facilities = Table(
        _("Basistakster"),
        [
            Column(_("Kode")),
            Column(_("Tilbud")),
            Column(_("Pladser"), "int"),
            Column(_("Belægning brugt"), "pct"),
            Column(_("Faste udgifter"), "kr"),
            Column(_("Efterregulering"), "kr"),
            Column(_("Basistakst pr. døgn"), "kr"),
        ],
        [
            [
                f.id,
                f.name,
                f.places,
                f.occupancy_rate,
                f.fixed_costs_total,
                f.regulation,
                f.base_tariff,
            ]
            for f in page["facilities"]
        ],
    )
    return [levels, staff, facilities]
