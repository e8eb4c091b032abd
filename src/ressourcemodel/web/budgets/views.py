"""The start page and the central budget model. Thin: parse, check the role, read, render."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ressourcemodel.web.accounts.models import Role
from ressourcemodel.web.accounts.permissions import (
    BUDGETS,
    PERSONAL_DATA,
    RECORDS_FINANCE,
    can,
    require,
)
from ressourcemodel.web.audit.services import access_record_many
from ressourcemodel.web.calculation.results import computed, current_year, years_with_data
from ressourcemodel.web.common import charts
from ressourcemodel.web.common.http import year_param
from ressourcemodel.web.common.xlsx import excel, wants_excel

from . import selectors
from .excel import overview_tables


def home(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "role", None) == Role.KOBENDE:
        return redirect("citizens")
    year = current_year()
    view = selectors.scoped_overview(request.user, year)
    warnings = [
        w
        for w in computed(year).result.warnings
        if view.whole_municipality
        or (w.facility is not None and w.facility in {f.id for f in view.facilities})
    ]
    # Each list a page at a time (a national register has hundreds of special cases and can
    # have thousands waiting); the citizens whose names are shown are written to the access log.
    get = request.GET.get
    reviews = selectors.special_reviews(
        request.user, view.specials, timezone.localdate(), get("side", "1")
    )
    pending = selectors.pending_approvals(request.user, get("godkendelser", "1"))
    proposals = selectors.stay_proposals(request.user, get("forslag", "1"))
    shown = [r.citizen_pk for r in reviews.rows] + [a.citizen_id for a in pending.rows]
    shown += [p.citizen_id for p in proposals.rows]
    access_record_many(user=request.user, citizen_ids=list(dict.fromkeys(shown)), what="home")
    return render(
        request,
        "web/home.html",
        {
            "year": year,
            "tiles": [view.total] if view.total else view.areas,
            "whole_municipality": view.whole_municipality,
            "pending": pending,
            "reviews": reviews,
            "proposals": proposals,
            "warnings": warnings[:10],
        },
    )


def overview(request: HttpRequest) -> HttpResponse:
    require(request.user, BUDGETS)
    view = selectors.scoped_overview(request.user, year_param(request))
    if wants_excel(request):
        return excel(overview_tables(view), f"overblik-{view.year}")
    level_source = view.total or (view.areas[0] if view.areas else None)
    # The facilities a page at a time, of one area when chosen (a national register has 1 500);
    # the key figures stay those of every area the user sees, from the engine's result.
    area = request.GET.get("omraade", "").strip()[:100]
    listing = selectors.facility_list(view, area=area, page=request.GET.get("side", "1"))
    shown_areas, folded = selectors.area_columns(view, area)
    explain_area_url = reverse("explain_area")
    # The key figures of up to 100 areas are the page's costliest part and depend only on the
    # result, the areas shown, the total's visibility and the language: rendered once for those.
    figures = view.source.fragment(
        ("overview-figures", tuple(a.name for a in shown_areas), view.whole_municipality,
         get_language()),
        lambda: render_to_string(
            "web/_overview_figures.html",
            {"year": view.year, "overview": view, "areas": shown_areas,
             "show_total": view.whole_municipality, "explain_area_url": explain_area_url},
        ),
    )  # fmt: skip
    return render(
        request,
        "web/overview.html",
        {
            "year": view.year,
            "years": years_with_data(),
            "overview": view,
            "areas": shown_areas,
            "show_total": view.whole_municipality,
            "area_chart": charts.bars(
                [
                    (
                        a.name.replace("Område ", ""),
                        [a.fixed_budget, a.activity_budget, a.sales_income],
                    )
                    for a in view.areas
                ],
                series=[_("Fast budget"), _("Aktivitetsbudget"), _("Salgsindtægt")],
            ),
            "level_chart": charts.bars(
                [(f"Niv. {c}", [Decimal(n)]) for c, n in level_source.residents_per_level]
                if level_source
                else [],
                series=[_("Beboere")],
                money=False,
            ),
            "figures": figures,
            "areas_folded": folded,
            "facilities": listing.rows,
            "listing": listing,
            "area_names": [a.name for a in view.areas],
            "link_filters": urlencode({"aar": view.year} | ({"omraade": area} if area else {})),
            "show_people": can(request.user, PERSONAL_DATA),
            "can_create": can(request.user, RECORDS_FINANCE),
        },
    )
