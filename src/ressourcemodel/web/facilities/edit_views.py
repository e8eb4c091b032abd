"""Creating and editing facilities and typing a year's monthly actuals (Økonomi and
Administrator). Thin: parse, check the role, call the service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ressourcemodel.engine.model import FIXED_COST_CATEGORIES, FIXED_COST_LABELS_DA
from ressourcemodel.web.accounts.permissions import RECORDS_FINANCE, require
from ressourcemodel.web.calculation.results import current_year
from ressourcemodel.web.common.dates import month_name
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.http import year_param
from ressourcemodel.web.records import models as m

from . import forms, selectors, services

FORM_FIELDS = ("kode", "navn", "omraade", "pladser", "lovgrundlag", "nattevagt")


def _form_context(row: m.Facility | None, year: int, post: Any = None) -> dict[str, Any]:
    fy = selectors.facility_year(row, year) if row else None
    lines = selectors.fixed_lines(fy)
    return {
        "row": row,
        "year": year,
        "version": fy.version if fy else 0,
        "areas": selectors.area_names(),
        "night_covers": m.Facility.NightCover.choices,
        "categories": [
            (k, FIXED_COST_LABELS_DA[k], post.get(f"fast_{k}") if post else lines.get(k))
            for k in FIXED_COST_CATEGORIES
        ],
        "v": {
            "kode": "",
            "navn": row.name if row else "",
            "omraade": row.area.name if row else "",
            "pladser": row.places if row else "",
            "lovgrundlag": row.legal_basis if row else "SEL §108",
            "nattevagt": row.night_cover if row else m.Facility.NightCover.AWAKE,
            **({k: str(post.get(k, "")) for k in FORM_FIELDS} if post else {}),
        },
    }


def facility_new(request: HttpRequest) -> HttpResponse:
    require(request.user, RECORDS_FINANCE)
    year = current_year()
    if request.method == "POST":
        try:
            row = services.facility_create(
                user=request.user,
                code=str(request.POST.get("kode", ""))[:40],
                data=forms.facility_input(request.POST),
                year=year,
            )
        except ServiceError as e:
            context = {**_form_context(None, year, request.POST), "error": str(e)}
            return render(request, "web/facility_form.html", context, status=400)
        messages.success(request, _("Tilbuddet %(name)s er oprettet.") % {"name": row.name})
        return redirect("facility", code=row.code)
    return render(request, "web/facility_form.html", _form_context(None, year))


def facility_edit(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, RECORDS_FINANCE)
    row = selectors.facility_row(code)
    if row is None:
        raise Http404
    year = year_param(request)
    if request.method == "POST":
        try:
            services.facility_update(
                user=request.user,
                row=row,
                data=forms.facility_input(request.POST),
                year=year,
                version=forms.version_input(request.POST),
            )
        except ServiceError as e:
            context = {**_form_context(row, year, request.POST), "error": str(e)}
            return render(request, "web/facility_form.html", context, status=400)
        messages.success(request, _("Tilbuddet er gemt."))
        return redirect(f"/tilbud/{row.code}/?aar={year}")
    return render(request, "web/facility_form.html", _form_context(row, year))


def facility_actuals(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, RECORDS_FINANCE)
    row = selectors.facility_row(code)
    if row is None:
        raise Http404
    year = year_param(request)
    fy = selectors.facility_year(row, year)
    if fy is None:
        raise Http404
    given = selectors.actuals_of(fy)
    post = request.POST if request.method == "POST" else None
    context: dict[str, Any] = {
        "row": row,
        "year": year,
        "version": fy.version,
        "months": [
            (n, month_name(n), post.get(f"maaned_{n}") if post else given.get(n))
            for n in range(1, 13)
        ],
    }
    if post is not None:
        try:
            services.facility_actuals(
                user=request.user,
                row=row,
                year=year,
                version=forms.version_input(post),
                actuals=forms.actuals_input(post),
            )
        except ServiceError as e:
            context["error"] = str(e)
            return render(request, "web/facility_actuals.html", context, status=400)
        messages.success(request, _("Forbruget er gemt."))
        return redirect(f"/tilbud/{row.code}/?aar={year}")
    return render(request, "web/facility_actuals.html", context)
