"""Read-only pages over the audit trail and the access log (nothing here can change them)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressourcemodel.web.accounts.permissions import AUDIT, require

from . import selectors


def audit(request: HttpRequest) -> HttpResponse:
    require(request.user, AUDIT)
    g = request.GET
    return render(
        request,
        "web/audit.html",
        {
            "changes": selectors.audit_search(
                q=g.get("q", ""), action=g.get("handling", ""), user=g.get("bruger", "")
            ),
            "views": selectors.access_search(
                citizen_id=g.get("borger", ""), user=g.get("bruger", "")
            ),
            "q": g,
        },
    )
