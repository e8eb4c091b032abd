"""The døgnskema editor, its live total, saving and the draft → submitted → approved steps."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcemodel.engine.model import THEMES, WEEKDAYS
from ressourcemodel.engine.money import round_2
from ressourcemodel.scenario.dump import entry_to_dict
from ressourcemodel.web.accounts.models import User
from ressourcemodel.web.accounts.permissions import (
    APPROVE,
    BUDGETS,
    EDIT_SCHEDULE,
    can,
    require,
    sees_schedules,
)
from ressourcemodel.web.calculation.results import current_year
from ressourcemodel.web.common.access import citizen_for
from ressourcemodel.web.common.errors import ServiceError, StaleError
from ressourcemodel.web.common.http import json_body

from . import selectors, services

if TYPE_CHECKING:
    from ressourcemodel.web.records import models as m


def _labels() -> dict[str, Any]:
    names = [_("Man"), _("Tir"), _("Ons"), _("Tor"), _("Fre"), _("Lør"), _("Søn")]
    return {
        "days": dict(zip(WEEKDAYS, names, strict=True)),
        "forms": {
            "individual": _("Individuel"),
            "group": _("Gruppe"),
            "double": _("Dobbeltbemanding"),
        },
        "unavailable": _("Beregningen kunne ikke hentes. Prøv igen."),
    }


def _assessment(c: m.Citizen, assessment_id: int | None) -> m.Assessment | None:
    if assessment_id is None:
        return None
    a = selectors.assessment_of(c, assessment_id)
    if a is None:
        raise Http404
    return a


def schedule_editor(
    request: HttpRequest, pk: int, assessment_id: int | None = None
) -> HttpResponse:
    if not sees_schedules(request.user):
        raise PermissionDenied("En købende kommune ser takstgrundlaget, ikke døgnskemaet.")
    c = citizen_for(request, pk)
    a = _assessment(c, assessment_id)
    entries, ratings = selectors.editor_schedule(c, a)
    may_edit = can(request.user, EDIT_SCHEDULE)
    labels = _labels()
    return render(
        request,
        "web/editor.html",
        {
            "c": c,
            "a": a,
            "year": current_year(),
            "editable": may_edit and (a is None or a.status == a.Status.DRAFT),
            "live": can(request.user, BUDGETS),
            "can_submit": a is not None and a.status == a.Status.DRAFT and may_edit,
            "can_approve": a is not None
            and a.status == a.Status.SUBMITTED
            and can(request.user, APPROVE),
            "can_withdraw": a is not None and a.status == a.Status.SUBMITTED and may_edit,
            "four_eyes": a is not None and request.user.pk in (a.drawn_by_id, a.submitted_by_id),
            "entries_json": [entry_to_dict(e) for e in entries],
            "labels": labels,
            "themes": THEMES,
            "ratings": ratings,
            "scale": range(5),
            "weekdays": list(labels["days"].items()),
            "default_from": timezone.localdate().replace(day=1).isoformat(),
        },
    )


@require_POST
def placement_api(request: HttpRequest) -> JsonResponse:
    """Live total for the døgnskema editor: the engine's hours, level and tariff."""
    require(request.user, BUDGETS)  # a pure calculation on posted entries, no personal data
    try:
        body = json_body(request)
        p = services.placement_preview(
            year=current_year(),
            raw_entries=body.get("entries", []),
            label=str(body.get("citizen", ""))[:120],
        )
    except ServiceError as e:
        return JsonResponse({"ok": False, "error": str(e)}, status=400)
    return JsonResponse(
        {
            "ok": True,
            "hours_per_day": str(round_2(p.hours_per_day)) if p.hours_per_day is not None else None,
            "level": p.level,
            "service_tariff": str(p.service_tariff),
        }
    )


def _ratings(raw: Any) -> dict[str, tuple[int, int]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or len(raw) > len(THEMES):
        raise ServiceError("VUM-vurderingen skal være et tema med to tal (0–4) pr. tema.")
    out = {}
    for theme, pair in raw.items():
        ok = isinstance(pair, list) and len(pair) == 2
        if not ok or not all(isinstance(v, int) and not isinstance(v, bool) for v in pair):
            raise ServiceError(f"VUM-vurderingen for '{str(theme)[:40]}' skal være to tal 0–4.")
        out[str(theme)] = (pair[0], pair[1])
    return out


def _version(raw: Any) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 < raw < 2**31:
        raise ServiceError("Versionen er ugyldig; genindlæs siden.")
    return int(raw)


def _assessor(request: HttpRequest) -> str:
    user = request.user
    full = user.get_full_name() if isinstance(user, User) else ""
    return (full or user.get_username())[:120]


@require_POST
def schedule_save(request: HttpRequest, pk: int, assessment_id: int | None = None) -> JsonResponse:
    require(request.user, EDIT_SCHEDULE)
    c = citizen_for(request, pk)
    a = _assessment(c, assessment_id)
    try:
        body = json_body(request)
        try:
            eff = date.fromisoformat(str(body.get("effective_from", "")))
        except ValueError:
            raise ServiceError("Ikrafttrædelsesdatoen mangler eller er ugyldig.") from None
        saved = services.assessment_save_draft(
            user=request.user,
            citizen=c,
            assessment=a,
            data=services.AssessmentInput(
                effective_from=eff,
                entries=body.get("entries", []),
                ratings=_ratings(body.get("ratings")),
                goal_type=str(body.get("goal_type", ""))[:60],
                assessor=_assessor(request),
            ),
            version=_version(body.get("version")),
            year=current_year(),
        )
    except StaleError as e:
        return JsonResponse({"ok": False, "error": str(e), "stale": True}, status=409)
    except ServiceError as e:
        return JsonResponse({"ok": False, "error": str(e)}, status=400)
    return JsonResponse(
        {
            "ok": True,
            "id": saved.pk,
            "version": saved.version,
            "url": reverse("assessment", args=[c.pk, saved.pk]),
        }
    )


@require_POST
def assessment_transition(
    request: HttpRequest, pk: int, assessment_id: int, action: str
) -> HttpResponse:
    c = citizen_for(request, pk)
    a = _assessment(c, assessment_id)
    assert a is not None
    raw = request.POST.get("version", "")
    try:
        if not raw.isdigit() or len(raw) > 9:
            raise ServiceError("Versionen er ugyldig; genindlæs siden.")
        if action == "indsend":
            require(request.user, EDIT_SCHEDULE)
            services.assessment_submit(user=request.user, assessment=a, version=int(raw))
            messages.success(request, _("Døgnskemaet er indsendt til godkendelse."))
        elif action == "godkend":
            require(request.user, APPROVE)
            services.assessment_approve(user=request.user, assessment=a, version=int(raw))
            messages.success(request, _("Døgnskemaet er godkendt og indgår nu i budgettet."))
        elif action == "send-tilbage":
            require(request.user, APPROVE)
            services.assessment_return(
                user=request.user,
                assessment=a,
                version=int(raw),
                reason=str(request.POST.get("begrundelse", ""))[:2000],
            )
            messages.success(request, _("Døgnskemaet er sendt tilbage med din begrundelse."))
        elif action == "traek-tilbage":
            require(request.user, EDIT_SCHEDULE)
            services.assessment_withdraw(user=request.user, assessment=a, version=int(raw))
            messages.success(request, _("Døgnskemaet er trukket tilbage og er en kladde igen."))
        elif action == "slet":
            require(request.user, EDIT_SCHEDULE)
            services.assessment_delete_draft(user=request.user, assessment=a, version=int(raw))
            messages.success(request, _("Kladden er slettet."))
            return redirect("citizen", pk=c.pk)
        else:
            raise Http404
    except ServiceError as e:
        messages.error(request, str(e))
    return redirect("assessment", pk=c.pk, assessment_id=a.pk)
