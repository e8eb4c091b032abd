"""Every budget figure drillable (SPEC §3.11): the parts of a facility's activity budget, the
derivation of its base tariff, the døgnskema entries behind a citizen's level, and the
facilities behind an area's figures."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ressourcemodel.engine.errors import ValidationError
from ressourcemodel.web.accounts.permissions import (
    BUDGETS,
    PERSONAL_DATA,
    can,
    require,
    sees_facility,
    sees_schedules,
)
from ressourcemodel.web.common.access import citizen_for
from ressourcemodel.web.common.errors import BadParameter
from ressourcemodel.web.common.http import year_param

from . import selectors


def _month(request: HttpRequest) -> int | None:
    raw = request.GET.get("maaned", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 12:
        raise BadParameter(f"Måneden '{raw[:10]}' skal være 1–12.")
    return int(raw)


def facility(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, BUDGETS)
    if not sees_facility(request.user, code):
        raise PermissionDenied
    year, month = year_param(request), _month(request)
    try:
        x = selectors.facility_explanation(year, code, month)
    except ValidationError:
        raise Http404 from None
    return render(
        request,
        "web/explain_facility.html",
        {"x": x, "year": year, "code": code, "decisions": selectors.decisions(year),
         "show_people": can(request.user, PERSONAL_DATA)},
    )  # fmt: skip


def citizen(request: HttpRequest, pk: int) -> HttpResponse:
    if not sees_schedules(request.user):
        raise PermissionDenied("En købende kommune ser takstgrundlaget, ikke døgnskemaet.")
    c = citizen_for(request, pk)
    year = year_param(request)
    x = selectors.citizen_explanation(year, c.pk)
    if x is None:
        raise Http404
    return render(
        request,
        "web/explain_citizen.html",
        {"x": x, "c": c, "year": year, "decisions": selectors.decisions(year)},
    )


def area(request: HttpRequest) -> HttpResponse:
    require(request.user, BUDGETS)
    year = year_param(request)
    name = request.GET.get("omraade") or None
    facilities, figures = selectors.area_explanation(request.user, year, name)
    return render(
        request,
        "web/explain_area.html",
        {"facilities": facilities, "figures": figures, "year": year, "area": name},
    )
