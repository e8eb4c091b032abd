"""The tariff-year page: levels, tariffs, parameters with their decisions, fixed costs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
        return _change(request, year)
    if wants_excel(request):
        page = selectors.tariff_year_page(request.user, year)
        return excel(tariff_tables(page, year), f"takstaar-{year}")
    return _page(request, year)


def _change(request: HttpRequest, year: int) -> HttpResponse:
    """ "Vis virkning" shows each facility's budget before and after; "Gem" saves."""
    require(request.user, FINANCE)
    try:
        changes, decisions = parameter_changes(request.POST)
        if request.POST.get("handling") == "vis":
            rows = services.tariff_year_preview(tariff_year=tariff_year_row(year), changes=changes)
            return _page(request, year, preview=rows)
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


def _page(
    request: HttpRequest, year: int, status: int = 200, preview: list[Any] | None = None
) -> HttpResponse:
    context = selectors.tariff_year_page(request.user, year)
    ty = context["ty"]
    context["can_edit"] = can(request.user, FINANCE)
    context["can_publish"] = can(request.user, FINANCE) and ty.status == ty.Status.DRAFT
    context["years"] = years_with_data()
    context["can_roll"] = can(request.user, FINANCE)
    posted = request.POST if request.method == "POST" else {}
    context["form_fields"] = [
        (name, label, posted.get(name, getattr(ty, name)))
        for name, (label, *_rest) in PARAMETERS.items()
    ]
    context["preview"] = preview
    context["posted"] = posted
    return render(request, "web/tariff_year.html", context, status=status)


@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    require(request.user, FINANCE)
    year = year_param(request)
    raw = str(request.POST.get("version", ""))
    try:
        if not raw.isdigit() or len(raw) > 9:
            raise ServiceError(_("Versionen er ugyldig; genindlæs siden."))
        services.tariff_year_publish(
            user=request.user, tariff_year=tariff_year_row(year), version=int(raw)
        )
    except ServiceError as e:
        messages.error(request, _("Intet er gemt: %(error)s") % {"error": e})
        return _page(request, year, status=400)
    messages.success(request, _("Takståret er offentliggjort og låst."))
    return redirect(f"/takstaar/?aar={year}")


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
