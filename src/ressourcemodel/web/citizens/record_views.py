"""A new citizen, moves in and out (a death too), and a new døgnskema from a copy. Myndighed
decides citizens and stays; who may edit døgnskemaer may copy one. Thin views."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcemodel.web.accounts.permissions import APPROVE, EDIT_SCHEDULE, LEADER, require
from ressourcemodel.web.common.access import citizen_for
from ressourcemodel.web.common.errors import ServiceError

from . import proposals, records, selectors


def _date(raw: Any, label: str) -> date:
    try:
        return date.fromisoformat(str(raw or "")[:10])
    except ValueError:
        raise ServiceError(f"{label} mangler eller er ikke en dato.") from None


def citizen_new(request: HttpRequest) -> HttpResponse:
    require(request.user, APPROVE)
    context: dict[str, Any] = {**selectors.record_choices(), "post": request.POST}
    if request.method != "POST":
        return render(request, "web/citizen_form.html", context)
    p = request.POST
    try:
        c = records.citizen_create(
            user=request.user,
            data=records.NewCitizen(
                name=str(p.get("navn", ""))[:200],
                cpr=str(p.get("cpr", ""))[:20],
                paying_municipality=str(p.get("betalingskommune", "")).strip()[:10],
                facility=str(p.get("tilbud", ""))[:20],
                move_in=_date(p.get("indflytning"), _("Indflytningsdatoen")),
                level=str(p.get("niveau", ""))[:10],
                reason=str(p.get("begrundelse", ""))[:500],
            ),
        )
    except ServiceError as e:
        context["error"] = str(e)
        return render(request, "web/citizen_form.html", context, status=400)
    messages.success(request, _("Borgeren er oprettet med indflytning og foreløbigt niveau."))
    return redirect("citizen", pk=c.pk)


@require_POST
def stay_new(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, APPROVE)
    c = citizen_for(request, pk)
    try:
        records.stay_move_in(
            user=request.user,
            citizen=c,
            facility=str(request.POST.get("tilbud", ""))[:20],
            move_in=_date(request.POST.get("indflytning"), _("Indflytningsdatoen")),
        )
        messages.success(request, _("Indflytningen er registreret."))
    except ServiceError as e:
        messages.error(request, _("Intet er gemt: %(error)s") % {"error": e})
    return redirect("citizen", pk=c.pk)


@require_POST
def stay_end(request: HttpRequest, pk: int, stay_id: int) -> HttpResponse:
    require(request.user, APPROVE)
    c = citizen_for(request, pk)
    stay = selectors.stay_of(c, stay_id)
    if stay is None:
        raise Http404
    try:
        records.stay_end(
            user=request.user,
            stay=stay,
            move_out=_date(request.POST.get("fraflytning"), _("Fraflytningsdatoen")),
            reason=str(request.POST.get("aarsag", ""))[:20],
        )
        messages.success(request, _("Fraflytningen er registreret."))
    except ServiceError as e:
        messages.error(request, _("Intet er gemt: %(error)s") % {"error": e})
    return redirect("citizen", pk=c.pk)


@require_POST
def assessment_copy(request: HttpRequest, pk: int, assessment_id: int) -> HttpResponse:
    require(request.user, EDIT_SCHEDULE)
    c = citizen_for(request, pk)
    source = selectors.assessment_of(c, assessment_id)
    if source is None:
        raise Http404
    try:
        a = records.assessment_copy(user=request.user, citizen=c, source=source)
    except ServiceError as e:
        messages.error(request, str(e))
        return redirect("citizen", pk=c.pk)
    messages.success(request, _("En ny kladde er lavet som kopi; ret den og indsend den."))
    return redirect("assessment", pk=c.pk, assessment_id=a.pk)


@require_POST
def propose_end(request: HttpRequest, pk: int, stay_id: int) -> HttpResponse:
    require(request.user, LEADER)
    c = citizen_for(request, pk)
    stay = selectors.stay_of(c, stay_id)
    if stay is None:
        raise Http404
    try:
        proposals.propose_move_out(
            user=request.user,
            stay=stay,
            day=_date(request.POST.get("fraflytning"), _("Fraflytningsdatoen")),
            reason=str(request.POST.get("aarsag", ""))[:20],
            note=str(request.POST.get("note", ""))[:1000],
        )
        messages.success(request, _("Forslaget er sendt til Myndighed."))
    except ServiceError as e:
        messages.error(request, _("Intet er gemt: %(error)s") % {"error": e})
    return redirect("citizen", pk=c.pk)


@require_POST
def propose_new(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, LEADER)
    c = citizen_for(request, pk)
    try:
        proposals.propose_move_in(
            user=request.user,
            citizen=c,
            facility=str(request.POST.get("tilbud", ""))[:20],
            day=_date(request.POST.get("indflytning"), _("Indflytningsdatoen")),
        )
        messages.success(request, _("Forslaget er sendt til Myndighed."))
    except ServiceError as e:
        messages.error(request, _("Intet er gemt: %(error)s") % {"error": e})
    return redirect("citizen", pk=c.pk)


@require_POST
def proposal_decide(request: HttpRequest, proposal_id: int, action: str) -> HttpResponse:
    require(request.user, APPROVE)
    p = proposals.proposal(proposal_id)
    if p is None or action not in ("godkend", "afvis"):
        raise Http404
    try:
        proposals.decide(user=request.user, proposal=p, approve=action == "godkend")
        messages.success(request, _("Forslaget er afgjort."))
    except ServiceError as e:
        messages.error(request, _("Intet er gemt: %(error)s") % {"error": e})
    return redirect("home")
