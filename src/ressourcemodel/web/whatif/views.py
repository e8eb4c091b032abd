"""What-if scenarios: start from the live year, change, compare with live, save, export,
delete. Økonomi works with them; management sees saved what-ifs without personal data."""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcemodel.engine.compare import CAUSE_LABELS_DA
from ressourcemodel.engine.model import (
    FIXED_COST_CATEGORIES,
    FIXED_COST_LABELS_DA,
    THEMES,
    WEEKDAYS,
)
from ressourcemodel.web.accounts.models import Role
from ressourcemodel.web.accounts.permissions import FINANCE, can, require, roles
from ressourcemodel.web.calculation.results import current_year
from ressourcemodel.web.common import charts
from ressourcemodel.web.common.errors import ServiceError

from . import forms, selectors, services

if TYPE_CHECKING:
    from ressourcemodel.web.records.models import WhatIf

READ = roles(Role.OKONOMI, Role.LEDELSE, Role.ADMIN)


def whatif_list(request: HttpRequest) -> HttpResponse:
    require(request.user, READ)
    if request.method == "POST":
        require(request.user, FINANCE)
        try:
            w = services.whatif_create(
                user=request.user, year=current_year(), name=str(request.POST.get("navn", ""))
            )
        except ServiceError as e:
            messages.error(request, str(e))
            return redirect("whatif_list")
        return redirect("whatif", pk=w.pk)
    return render(
        request,
        "web/whatif_list.html",
        {"whatifs": selectors.whatifs(), "can_edit": can(request.user, FINANCE)},
    )


def _get(pk: int) -> WhatIf:
    w = selectors.whatif(pk)
    if w is None:
        raise Http404
    return w


def whatif(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, READ)
    w = _get(pk)
    c = selectors.comparison(w)
    editable = can(request.user, FINANCE)
    return render(
        request,
        "web/whatif.html",
        {
            "w": w,
            "c": c,
            "labels": CAUSE_LABELS_DA,
            "chart": charts.bars(
                [(CAUSE_LABELS_DA[k.cause].split(" ")[0], [k.amount]) for k in c.causes],
                series=[_("Virkning på budgettet")],
            ),
            "editable": editable,
            "show_people": editable,  # management sees no personal data
            "facilities": [(f["id"], f["name"]) for f in w.scenario["facilities"]],
            "facility_names": {f["id"]: f["name"] for f in w.scenario["facilities"]},
            "citizen_names": {x["id"]: x.get("name") or x["id"] for x in w.scenario["citizens"]},
            "citizens": sorted((c["id"], c.get("name") or c["id"]) for c in w.scenario["citizens"]),
            "categories": [(k, FIXED_COST_LABELS_DA[k]) for k in FIXED_COST_CATEGORIES],
            "themes": THEMES,
            "weekdays": list(
                zip(WEEKDAYS, ["man", "tir", "ons", "tor", "fre", "lør", "søn"], strict=True)
            ),
        },
    )


@require_POST
def whatif_change(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    require(request.user, FINANCE)
    w, post, user = _get(pk), request.POST, request.user
    try:
        if what == "parameter":
            name = str(post.get("parameter", ""))
            if name not in forms.LIMITS or name == "amount":
                raise ServiceError("Vælg en parameter.")
            services.whatif_set_parameter(
                user=user, whatif=w, name=name, value=forms.number(post, "value", name)
            )
        elif what == "fast-udgift":
            services.whatif_set_fixed_cost(
                user=user,
                whatif=w,
                facility=str(post.get("tilbud", "")),
                category=forms.category(post),
                amount=forms.number(post, "beloeb", "amount"),
            )
        elif what == "indsats":
            services.whatif_add_entry(
                user=user,
                whatif=w,
                citizen=str(post.get("borger", "")),
                effective_from=forms.day(post, "fra", "Gælder fra"),
                entry=forms.entry(post),
            )
        elif what == "fraflytning":
            services.whatif_move_out(
                user=user,
                whatif=w,
                citizen=str(post.get("borger", "")),
                move_out=forms.day(post, "dato", "Fraflytning"),
            )
        elif what == "indflytning":
            services.whatif_move_in(
                user=user,
                whatif=w,
                facility=str(post.get("tilbud", "")),
                move_in=forms.day(post, "dato", "Indflytning"),
                level=str(post.get("niveau", "1"))[:3],
                paying=str(post.get("betaler", "707"))[:3],
            )
        else:
            raise Http404
        messages.success(request, "Scenariet er ændret; sammenligningen er opdateret.")
    except ServiceError as e:
        messages.error(request, f"Intet er ændret: {e}")
        response = whatif(request, w.pk)
        response.status_code = 400
        return response
    return redirect("whatif", pk=w.pk)


def whatif_export(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, FINANCE)
    w = _get(pk)
    text = yaml.safe_dump(w.scenario, allow_unicode=True, sort_keys=False, width=100)
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hvad-nu-hvis-{w.pk}.yaml"'
    return response


@require_POST
def whatif_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, FINANCE)
    services.whatif_delete(user=request.user, whatif=_get(pk))
    messages.success(request, "Scenariet er slettet.")
    return redirect("whatif_list")
