"""Thin views: parse the request, check the role, call a selector or a service.

No figure is calculated here: budgets, tariffs, hours and key figures all come from the engine's
result (``selectors.result_for_year``)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ressourcemodel.engine.model import (
    FIXED_COST_CATEGORIES,
    FIXED_COST_LABELS_DA,
    THEMES,
    WEEKDAYS,
)
from ressourcemodel.engine.money import round_2
from ressourcemodel.engine.pot import (
    compare_models,
    cost_of_hours,
    fte_from_amount,
    hours_per_resident_per_month,
)
from ressourcemodel.formatting import parse_user_number
from ressourcemodel.scenario.pot_file import load_pot_file
from ressourcemodel.web.accounts.models import Role
from ressourcemodel.web.accounts.permissions import (
    APPROVE,
    BUDGETS,
    EDIT_SCHEDULE,
    FINANCE,
    PERSONAL_DATA,
    can,
    facility_scope,
    require,
    visible_citizen_ids,
)
from ressourcemodel.web.audit.services import access_record

from . import charts, selectors, services
from . import models as m
from .mappers import entry_from_row


def home(request: HttpRequest) -> HttpResponse:
    role = request.user.role  # type: ignore[union-attr]
    if role == Role.KOBENDE:
        return redirect("citizens")
    year = selectors.current_year()
    result = selectors.result_for_year(year, request)
    pending = (
        m.Assessment.objects.filter(status=m.Assessment.Status.SUBMITTED).select_related("citizen")
        if can(request.user, APPROVE)
        else []
    )
    return render(
        request,
        "web/home.html",
        {
            "year": year,
            "total": result.overview.total,
            "pending": pending,
            "specials": result.overview.special_cases,
            "warnings": result.warnings[:10],
        },
    )


def overview(request: HttpRequest) -> HttpResponse:
    require(request.user, BUDGETS)
    year = int(request.GET.get("aar", selectors.current_year()))
    result = selectors.result_for_year(year, request)
    o = result.overview
    scope = facility_scope(request.user)
    facilities = [f for f in result.facilities if scope is None or f.id in scope]
    own_areas = {f.area for f in facilities}
    areas = [a for a in o.areas if scope is None or a.name in own_areas]
    return render(
        request,
        "web/overview.html",
        {
            "year": year,
            "result": result,
            "overview": o,
            "areas": areas,
            "show_total": scope is None,
            "area_chart": charts.bars(
                [
                    (
                        a.name.replace("Område ", ""),
                        [a.fixed_budget, a.activity_budget, a.sales_income],
                    )
                    for a in areas
                ],
                series=["Fast budget", "Aktivitetsbudget", "Salgsindtægt"],
            ),
            "level_chart": charts.bars(
                [
                    (f"Niv. {c}", [Decimal(n)])
                    for c, n in (o.total if scope is None else areas[0]).residents_per_level
                ]
                if areas
                else [],
                series=["Beboere"],
                money=False,
            ),
            "facilities": sorted(facilities, key=lambda f: (f.area, f.name)),
            "show_people": can(request.user, PERSONAL_DATA),
        },
    )


def facility(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, BUDGETS)
    f = get_object_or_404(m.Facility, code=code)
    if request.user.role == Role.LEDER and not _leader_sees(request.user, f):  # type: ignore[union-attr]
        raise PermissionDenied
    year = int(request.GET.get("aar", selectors.current_year()))
    result = selectors.result_for_year(year, request)
    fr = next(x for x in result.facilities if x.id == code)
    ids = {str(s.citizen_id) for s in f.stays.all()}
    residents = [
        (c, m.Citizen.objects.get(pk=int(c.id)))
        for c in result.citizens
        if c.id in ids and any(p.facility == code for p in c.periods)
    ]
    return render(
        request,
        "web/facility.html",
        {
            "year": year,
            "f": fr,
            "facility": f,
            "residents": residents,
            "chart": charts.bars(
                [
                    (f"{mr.month}", [mr.fixed, mr.activity, mr.actual or Decimal(0)])
                    for mr in fr.months
                ],
                series=["Fast", "Aktivitet", "Forbrug"],
                stacked_first=2,
            ),
            "show_people": can(request.user, PERSONAL_DATA) and request.user.role != Role.KOBENDE,  # type: ignore[union-attr]
        },
    )


def _leader_sees(user: Any, f: m.Facility) -> bool:
    return (
        user.areas.filter(pk=f.area_id).exists()
        or user.facilities.filter(pk=f.pk).exists()
        or not (user.areas.exists() or user.facilities.exists())
    )


def citizens(request: HttpRequest) -> HttpResponse:
    require(request.user, PERSONAL_DATA)
    year = selectors.current_year()
    ty = m.TariffYear.objects.get(year=year)
    # The search is posted, so a CPR number typed into it never appears in a URL or access log.
    params = request.POST if request.method == "POST" else request.GET
    qs = selectors.citizens_search(
        operating=ty.municipality_code,
        q=params.get("q", "").strip(),
        facility=params.get("tilbud", ""),
        area=params.get("omraade", ""),
        sold=params.get("solgt", ""),
    )
    qs = visible_citizen_ids(request.user, qs).distinct()
    result = selectors.result_for_year(year, request)
    current = {c.id: (c.periods[-1] if c.periods else None) for c in result.citizens}
    rows = [(c, current.get(str(c.pk))) for c in qs]
    return render(
        request,
        "web/citizens.html",
        {
            "rows": rows,
            "areas": m.Area.objects.all(),
            "facilities": m.Facility.objects.all(),
            "q": request.GET,
            "year": year,
        },
    )


def _citizen_for(request: HttpRequest, pk: int) -> m.Citizen:
    """The citizen if the user may see them; every such view is written to the access log."""
    require(request.user, PERSONAL_DATA)
    qs = visible_citizen_ids(request.user, m.Citizen.objects.filter(pk=pk))
    c = qs.first()
    if c is None:
        raise Http404
    page = request.resolver_match.url_name if request.resolver_match else ""
    access_record(user=request.user, citizen_id=c.pk, what=page or "")
    return c


def citizen(request: HttpRequest, pk: int) -> HttpResponse:
    c = _citizen_for(request, pk)
    year = selectors.current_year()
    result = selectors.result_for_year(year, request)
    cr = next((x for x in result.citizens if x.id == str(c.pk)), None)
    return render(
        request,
        "web/citizen.html",
        {
            "c": c,
            "cr": cr,
            "year": year,
            "stays": c.stays.select_related("facility"),
            "assessments": c.assessments.prefetch_related("entries", "ratings"),
            "can_edit": can(request.user, EDIT_SCHEDULE),
        },
    )


def schedule_editor(
    request: HttpRequest, pk: int, assessment_id: int | None = None
) -> HttpResponse:
    c = _citizen_for(request, pk)
    a = get_object_or_404(m.Assessment, pk=assessment_id, citizen=c) if assessment_id else None
    if a is None:
        latest = c.assessments.filter(manual_level="").order_by("-effective_from").first()
        entries = [entry_from_row(e) for e in latest.entries.all()] if latest else []
        ratings = (
            {r.theme: (r.function_level, r.support_level) for r in latest.ratings.all()}
            if latest
            else {}
        )
    else:
        entries = [entry_from_row(e) for e in a.entries.all()]
        ratings = {r.theme: (r.function_level, r.support_level) for r in a.ratings.all()}
    editable = can(request.user, EDIT_SCHEDULE) and (a is None or a.status == a.Status.DRAFT)
    return render(
        request,
        "web/editor.html",
        {
            "c": c,
            "a": a,
            "year": selectors.current_year(),
            "editable": editable,
            "can_submit": a is not None
            and a.status == a.Status.DRAFT
            and can(request.user, EDIT_SCHEDULE),
            "can_approve": a is not None
            and a.status == a.Status.SUBMITTED
            and can(request.user, APPROVE),
            "entries_json": json.dumps(services.entries_to_json(tuple(entries))),
            "themes": THEMES,
            "ratings": ratings,
            "scale": range(5),
            "weekdays": list(
                zip(WEEKDAYS, ["Man", "Tir", "Ons", "Tor", "Fre", "Lør", "Søn"], strict=True)
            ),
            "default_from": date.today().replace(day=1).isoformat(),  # noqa: DTZ011
        },
    )


def _json_body(request: HttpRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"{}")
    except json.JSONDecodeError:
        raise services.ServiceError("Forespørgslen kunne ikke læses.") from None
    if not isinstance(body, dict):
        raise services.ServiceError("Forespørgslen kunne ikke læses.")
    return body


@require_POST
def placement_api(request: HttpRequest) -> JsonResponse:
    """Live total for the døgnskema editor: the engine's hours, level and tariff."""
    require(request.user, BUDGETS)  # a pure calculation on posted entries, no personal data
    try:
        body = _json_body(request)
        p = services.placement_preview(
            year=selectors.current_year(),
            raw_entries=body.get("entries", []),
            label=str(body.get("citizen", "")),
        )
    except services.ServiceError as e:
        return JsonResponse({"ok": False, "error": str(e)}, status=400)
    return JsonResponse(
        {
            "ok": True,
            "hours_per_day": str(round_2(p.hours_per_day)) if p.hours_per_day is not None else None,
            "level": p.level,
            "service_tariff": str(p.service_tariff),
        }
    )


@require_POST
def schedule_save(request: HttpRequest, pk: int, assessment_id: int | None = None) -> JsonResponse:
    require(request.user, EDIT_SCHEDULE)
    c = _citizen_for(request, pk)
    a = get_object_or_404(m.Assessment, pk=assessment_id, citizen=c) if assessment_id else None
    try:
        body = _json_body(request)
        try:
            eff = date.fromisoformat(str(body.get("effective_from", "")))
        except ValueError:
            raise services.ServiceError("Ikrafttrædelsesdatoen mangler eller er ugyldig.") from None
        ratings = {str(t): (int(v[0]), int(v[1])) for t, v in (body.get("ratings") or {}).items()}
        saved = services.assessment_save_draft(
            user=request.user,
            citizen=c,
            assessment=a,
            data=services.AssessmentInput(
                effective_from=eff,
                entries=body.get("entries", []),
                ratings=ratings,
                goal_type=str(body.get("goal_type", "")),
                assessor=request.user.get_full_name() or request.user.get_username(),
            ),  # type: ignore[union-attr]
            version=body.get("version"),
            year=selectors.current_year(),
        )
    except services.StaleError as e:
        return JsonResponse({"ok": False, "error": str(e), "stale": True}, status=409)
    except (services.ServiceError, ValueError, TypeError) as e:
        return JsonResponse({"ok": False, "error": str(e)}, status=400)
    return JsonResponse(
        {
            "ok": True,
            "id": saved.pk,
            "version": saved.version,
            "url": f"/borgere/{c.pk}/vurdering/{saved.pk}/",
        }
    )


@require_POST
def assessment_transition(
    request: HttpRequest, pk: int, assessment_id: int, action: str
) -> HttpResponse:
    c = _citizen_for(request, pk)
    a = get_object_or_404(m.Assessment, pk=assessment_id, citizen=c)
    try:
        version = int(request.POST.get("version", "0"))
        if action == "indsend":
            require(request.user, EDIT_SCHEDULE)
            services.assessment_submit(user=request.user, assessment=a, version=version)
            messages.success(request, "Døgnskemaet er indsendt til godkendelse.")
        elif action == "godkend":
            require(request.user, APPROVE)
            services.assessment_approve(user=request.user, assessment=a, version=version)
            messages.success(request, "Døgnskemaet er godkendt og indgår nu i budgettet.")
        else:
            raise Http404
    except services.ServiceError as e:
        messages.error(request, str(e))
    return redirect("assessment", pk=c.pk, assessment_id=a.pk)


def tariff_year(request: HttpRequest) -> HttpResponse:
    require(request.user, BUDGETS)
    year = int(request.GET.get("aar", selectors.current_year()))
    ty = get_object_or_404(m.TariffYear, year=year)
    if request.method == "POST":
        require(request.user, FINANCE)
        changes: dict[str, Any] = {}
        try:
            for field in ("hourly_cost", "indirect_share", "occupancy_rate", "overhead_rate"):
                raw = request.POST.get(field, "").strip()
                if field == "hourly_cost" and raw == "":
                    changes[field] = None
                elif raw:
                    value = parse_user_number(raw)
                    if value < 0:
                        raise services.ServiceError(f"{field} må ikke være negativ.")
                    changes[field] = value
            services.tariff_year_update(user=request.user, tariff_year=ty, changes=changes)
            messages.success(request, "Takståret er opdateret.")
        except (services.ServiceError, InvalidOperation, ValueError) as e:
            messages.error(request, f"Intet er gemt: {e}")
        return redirect(f"/takstaar/?aar={year}")
    result = selectors.result_for_year(year, request)
    return render(
        request,
        "web/tariff_year.html",
        {
            "ty": ty,
            "result": result,
            "staff_mix": ty.staff_mix.all(),
            "can_edit": can(request.user, FINANCE) and ty.status == ty.Status.DRAFT,
            "facilities": sorted(result.facilities, key=lambda f: (f.area, f.name)),
            "categories": [(c, FIXED_COST_LABELS_DA[c]) for c in FIXED_COST_CATEGORIES],
            "fixed": {
                fy.facility.code: {c.category: c.amount for c in fy.fixed_costs.all()}
                for fy in m.FacilityYear.objects.filter(year=year)
                .select_related("facility")
                .prefetch_related("fixed_costs")
            },
        },
    )


def pot(request: HttpRequest) -> HttpResponse:
    require(request.user, BUDGETS)
    pot_amount, models = load_pot_file(None)
    results = compare_models(pot_amount, models)
    calc: dict[str, Any] = {}
    error = ""
    if request.GET.get("beloeb"):
        try:
            amount = parse_user_number(request.GET["beloeb"])
            rate = parse_user_number(request.GET.get("timeloen", "244,04"))
            residents = int(request.GET.get("beboere", "182"))
            h = hours_per_resident_per_month(amount=amount, hourly_wage=rate, residents=residents)
            calc = {
                "amount": amount,
                "rate": rate,
                "residents": residents,
                "hours": round_2(h),
                "cost_2h": cost_of_hours(hours=Decimal(2), hourly_wage=rate, residents=residents),
                "fte": fte_from_amount(amount=amount, annual_cost_per_fte=Decimal(500000)),
            }
        except (InvalidOperation, ValueError) as e:
            error = f"Ugyldigt tal: {e}"
        except Exception as e:
            error = str(e)
    return render(
        request,
        "web/pot.html",
        {"pot": pot_amount, "results": results, "calc": calc, "error": error, "q": request.GET},
    )
