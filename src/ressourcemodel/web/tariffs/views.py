"""The tariff-year page: levels, tariffs, parameters with their decisions, fixed costs."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ressourcemodel.web.accounts.permissions import BUDGETS, FINANCE, can, require
from ressourcemodel.web.calculation.mappers import tariff_year_row
from ressourcemodel.web.calculation.results import years_with_data
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.http import year_param
from ressourcemodel.web.common.xlsx import excel, wants_excel

from . import roll_forward as rf
from . import selectors, services
from .excel import tariff_tables
from .forms import PARAMETERS, parameter_changes


def tariff_year(request: HttpRequest) -> HttpResponse:
    require(request.user, BUDGETS)
    year = year_param(request)
    if request.method == "POST":
        require(request.user, FINANCE)
        try:
            changes, decisions = parameter_changes(request.POST)
            services.tariff_year_update(
                user=request.user,
                tariff_year=tariff_year_row(year),
                changes=changes,
                decisions=decisions,
                reason=str(request.POST.get("begrundelse", "")).strip()[:500],
            )
            messages.success(request, _("Takståret er opdateret."))
        except ServiceError as e:
            messages.error(request, _("Intet er gemt: %(error)s") % {"error": e})
            return _page(request, year, status=400)
        return redirect(f"{request.path}?aar={year}")
    if wants_excel(request):
        page = selectors.tariff_year_page(request.user, year)
        return excel(tariff_tables(page, year), f"takstaar-{year}")
    return _page(request, year)


def _page(request: HttpRequest, year: int, status: int = 200) -> HttpResponse:
    context = selectors.tariff_year_page(request.user, year)
    ty = context["ty"]
    context["can_edit"] = can(request.user, FINANCE) and ty.status == ty.Status.DRAFT
    context["years"] = years_with_data()
    context["can_roll"] = can(request.user, FINANCE)
    context["form_fields"] = [
        (name, label, getattr(ty, name)) for name, (label, *_rest) in PARAMETERS.items()
    ]
    return render(request, "web/tariff_year.html", context, status=status)


def roll_forward(request: HttpRequest) -> HttpResponse:
    """Roll the year forward: the new tariffs beside the old before anything is saved."""
    require(request.user, FINANCE)
    year = year_param(request)
    source = request.POST if request.method == "POST" else request.GET
    context: dict[str, object] = {
        "year": year,
        "years": years_with_data(),
        "wage": str(source.get("loen", ""))[:20],
        "price": str(source.get("pris", ""))[:20],
    }
    if not context["wage"] and request.method == "GET":
        return render(request, "web/roll_forward.html", context)
    try:
        wage = rf.percent(str(context["wage"]), _("Løn"))
        price = rf.percent(str(context["price"]), _("Priser"))
        if request.method == "POST":
            ty = rf.roll_forward(user=request.user, from_year=year, wage=wage, price=price)
            messages.success(request, _("Takstår %(year)s er gemt som kladde.") % {"year": ty.year})
            return redirect(f"/takstaar/?aar={ty.year}")
        context["view"] = rf.preview(year, wage=wage, price=price)
    except ServiceError as e:
        context["error"] = str(e)
        return render(request, "web/roll_forward.html", context, status=400)
    return render(request, "web/roll_forward.html", context)
