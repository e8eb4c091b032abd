"""A facility's budget page (SPEC §3.5): months, chart, residents."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
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
from ressourcemodel.web.calculation.results import years_with_data
from ressourcemodel.web.common import charts
from ressourcemodel.web.common.dates import month_abbr
from ressourcemodel.web.common.http import year_param
from ressourcemodel.web.common.xlsx import excel, wants_excel

from . import selectors
from .excel import facility_tables


def facility(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, BUDGETS)
    year = year_param(request)
    page = selectors.facility_page(request.user, code, year)
    if page is None:
        raise Http404("Tilbuddet findes ikke, eller du har ikke adgang til det.")
    fr = page.figures
    show_people = can(request.user, PERSONAL_DATA) and getattr(request.user, "role", None) != (
        Role.KOBENDE
    )
    if show_people:
        access_record_many(
            user=request.user, citizen_ids=[r.id for r in page.residents], what="facility"
        )
    if wants_excel(request):
        return excel(facility_tables(page, year, show_people), f"tilbud-{code}-{year}")
    return render(
        request,
        "web/facility.html",
        {
            "year": year,
            "years": years_with_data(),
            "f": fr,
            "facility": page.record,
            "residents": page.residents,
            "chart": charts.bars(
                [
                    (month_abbr(mr.month), [mr.fixed, mr.activity, mr.actual or Decimal(0)])
                    for mr in fr.months
                ],
                series=[_("Fast"), _("Aktivitet"), _("Forbrug")],
                stacked_first=2,
            ),
            "show_people": show_people,
            "can_edit": can(request.user, RECORDS_FINANCE),
        },
    )
