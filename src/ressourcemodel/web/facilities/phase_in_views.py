"""The phase-in page (SPEC §3.8): the plan by year on the engine's figures; finance types the
old budgets. Thin: parse, check the role, read or call the service, render."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ressourcemodel.formatting import parse_user_number
from ressourcemodel.web.accounts.permissions import BUDGETS, RECORDS_FINANCE, can, require
from ressourcemodel.web.calculation.results import years_with_data
from ressourcemodel.web.common import charts
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.http import parse_percent, year_param

from . import phase_in
from .services import facility_old_budgets


def _percent(raw: str, label: str) -> Decimal | None:
    return parse_percent(raw, label, low=Decimal(0), high=Decimal(100))


def _settings(query: Any) -> tuple[list[Decimal] | None, Decimal | None]:
    model = str(query.get("model", "andel"))
    if model == "loft":
        cap = _percent(str(query.get("loft", "")), _("Loft"))
        if cap is None:
            raise ServiceError(_("Angiv loftet over den årlige ændring i procent."))
        return [Decimal(1)] * 3, cap
    shares = [_percent(str(query.get(f"andel{i}", "")), _("Andel")) for i in range(1, 4)]
    given = [s for s in shares if s is not None]
    return (given or None), None


def _save(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, RECORDS_FINANCE)
    budgets: dict[str, Decimal | None] = {}
    try:
        for key, raw in request.POST.items():
            if key.startswith("gammelt_"):
                text = str(raw).strip()[:30]
                budgets[key.removeprefix("gammelt_")[:20]] = (
                    parse_user_number(text) if text else None
                )
        n = facility_old_budgets(user=request.user, year=year, budgets=budgets)
    except (ServiceError, ValueError) as e:
        messages.error(request, _("Intet er gemt: %(error)s") % {"error": e})
        return redirect(f"/indfasning/?aar={year}")
    messages.success(request, _("%(n)s gamle budgetter er gemt.") % {"n": n})
    return redirect(f"/indfasning/?aar={year}")


def page(request: HttpRequest) -> HttpResponse:
    require(request.user, BUDGETS)
    year = year_param(request)
    if request.method == "POST":
        return _save(request, year)
    context: dict[str, Any] = {
        "year": year,
        "years_with_data": years_with_data(),
        "q": request.GET,
        "can_edit": can(request.user, RECORDS_FINANCE),
    }
    try:
        shares, cap = _settings(request.GET)
        p = phase_in.plan(request.user, year, shares=shares, cap_rate=cap)
    except ServiceError as e:
        context["error"] = str(e)
        return render(request, "web/phase_in.html", context, status=400)
    context["plan"] = p
    context["chart"] = charts.bars(
        [(_("Gammel model"), [p.old_total])]
        + [(str(y), [t]) for y, t in p.year_totals]
        + [(_("Ny model"), [p.new_total])],
        series=[_("Budget i alt")],
    )
    return render(request, "web/phase_in.html", context)
