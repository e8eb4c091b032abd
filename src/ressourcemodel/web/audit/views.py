"""Read-only pages over the audit trail and the access log (nothing here can change them)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressourcemodel.web.accounts.permissions import AUDIT, require
from ressourcemodel.web.common.xlsx import excel, wants_excel

from . import selectors
from .excel import audit_tables


def audit(request: HttpRequest) -> HttpResponse:
    require(request.user, AUDIT)
    g = request.GET
    changes = selectors.audit_search(
        q=g.get("q", ""), action=g.get("handling", ""), user=g.get("bruger", "")
    )
    views = selectors.access_search(citizen_id=g.get("borger", ""), user=g.get("bruger", ""))
    if wants_excel(request):
        return excel(audit_tables(list(changes), list(views)), "revisionsspor")
    return render(request, "web/audit.html", {"changes": changes, "views": views, "q": g})
