"""The efterregulering page: each facility's result of a year and finance's decision on it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcemodel.web.accounts.permissions import BUDGETS, RECORDS_FINANCE, can, require
from ressourcemodel.web.calculation.results import years_with_data
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.http import year_param

from . import regulation


def page(request: HttpRequest) -> HttpResponse:
    require(request.user, BUDGETS)
    year = year_param(request)
    return render(
        request,
        "web/regulation.html",
        {
            "year": year,
            "years": years_with_data(),
            "lines": regulation.lines(request.user, year),
            "can_decide": can(request.user, RECORDS_FINANCE),
            "max_years": range(1, regulation.SET_ASIDE_YEARS + 1),
        },
    )


@require_POST
def decide(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, RECORDS_FINANCE)
    year = year_param(request)
    raw_years = str(request.POST.get("aar_henlagt", "")).strip()
    try:
        regulation.regulation_decide(
            user=request.user,
            code=code[:20],
            origin_year=year,
            kind=str(request.POST.get("beslutning", ""))[:20],
            years=int(raw_years) if raw_years.isdigit() and len(raw_years) < 3 else None,
            reason=str(request.POST.get("begrundelse", ""))[:2000],
        )
        messages.success(request, _("Beslutningen er gemt."))
    except ServiceError as e:
        messages.error(request, _("Intet er gemt: %(error)s") % {"error": e})
    return redirect(f"/efterregulering/?aar={year}")
