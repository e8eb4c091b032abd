"""The central budget model's tables as a workbook ("Hent som Excel"): the same scoped overview
as the page, every value as the engine gave it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ressourcemodel.spreadsheets.tables import Column, Table

from .selectors import ScopedOverview

KEY_FIGURES = [  # (attribute of KeyFigures, label, kind)
    ("fixed_budget", "Fast budget", "kr"),
    ("activity_budget", "Aktivitetsbudget", "kr"),
    ("total_budget", "Budget i alt", "kr"),
    ("sales_income", "Salgsindtægt", "kr"),
    ("net_cost", "Netto kommunal udgift", "kr"),
    ("places", "Pladser", "int"),
    ("occupied_days", "Belagte døgn", "int"),
    ("occupancy", "Faktisk belægning", "pct"),
    ("sold_places", "Solgte pladser", "dec"),
    ("sold_share", "Solgte pladser (andel)", "pct"),
    ("average_level", "Gns. niveau", "dec"),
    ("average_hours_per_day", "Gns. timer pr. døgn", "dec"),
    ("cost_per_place_per_day", "Pris pr. plads pr. døgn", "kr"),
    ("funded_fte", "Finansierede årsværk", "dec"),
    ("actual_fte", "Faktiske årsværk", "dec"),
    ("actual_to_date", "Forbrug til dato", "kr"),
    ("budget_to_date", "Budget til dato", "kr"),
    ("forecast", "Årsprognose", "kr"),
    ("old_budget", "Gammel model", "kr"),
    ("change_vs_old", "Ændring mod gammel model", "kr"),
]


def overview_tables(view: ScopedOverview) -> list[Table]:
    groups = list(view.areas) + ([view.total] if view.total else [])
    figures = Table(
        _("Nøgletal"),
        [Column(_("Nøgletal"))] + [Column(g.name, "dec") for g in groups],
        caption=_("Central budgetmodel %(year)s") % {"year": view.year},
    )
    for attr, label, _kind in KEY_FIGURES:
        figures.rows.append([_(label)] + [getattr(g, attr) for g in groups])
    facilities = Table(
        _("Tilbud"),
        [
            Column(_("Kode")),
            Column(_("Tilbud")),
            Column(_("Område")),
            Column(_("Pladser"), "int"),
            Column(_("Basistakst"), "kr"),
            Column(_("Fast"), "kr"),
            Column(_("Aktivitet"), "kr"),
            Column(_("Salg"), "kr"),
            Column(_("Belægning brugt"), "pct"),
        ],
        [
            [
                f.id,
                f.name,
                f.area,
                f.places,
                f.base_tariff,
                f.fixed_budget,
                f.activity_budget,
                f.sales_income,
                f.occupancy_rate,
            ]
            for f in view.facilities
        ],
    )
    return [figures, facilities]
