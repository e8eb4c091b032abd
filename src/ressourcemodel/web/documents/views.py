"""Documents in the web app: takstblad, takstgrundlag, Tilbudsportalen and billing statements.
Every figure comes from the engine through ``documents.build``; views only check and deliver."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcemodel.documents import build, tilbudsportalen
from ressourcemodel.web.accounts.models import Role
from ressourcemodel.web.accounts.permissions import (
    BUDGETS,
    FINANCE,
    can,
    require,
    sees_facility,
)
from ressourcemodel.web.calculation.results import years_with_data
from ressourcemodel.web.common.access import citizen_for
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.http import year_param
from ressourcemodel.web.common.xlsx import XLSX_TYPE, attachment

from . import selectors, services

BILLING = FINANCE | {str(Role.ADMIN)}


def takstblad(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, BUDGETS)
    if not sees_facility(request.user, code):
        raise PermissionDenied
    year = year_param(request)
    y = selectors.document_year(year)
    if code not in y.facility_names:
        raise Http404
    return attachment(
        build.takstblad_pdf(y, code), f"takstblad-{code}-{year}.pdf", "application/pdf"
    )


def takstgrundlag(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = citizen_for(request, pk)  # scoped: a buying municipality only its own; logged
    year = year_param(request)
    y = selectors.document_year(year)
    if str(citizen.pk) not in y.citizen_names:
        raise Http404
    data = build.takstgrundlag_pdf(y, str(citizen.pk))
    return attachment(data, f"takstgrundlag-{citizen.pk}-{year}.pdf", "application/pdf")


def tilbudsportalen_file(request: HttpRequest, fmt: str) -> HttpResponse:
    require(request.user, BUDGETS)
    year = year_param(request)
    result = selectors.document_year(year).result
    if fmt == "csv":
        return attachment(tilbudsportalen.to_csv(result), f"tilbudsportalen-{year}.csv",
                     "text/csv; charset=utf-8")  # fmt: skip
    if fmt == "xlsx":
        return attachment(
            tilbudsportalen.to_xlsx(result), f"tilbudsportalen-{year}.xlsx", XLSX_TYPE
        )
    raise Http404


def _own_municipality(request: HttpRequest) -> str | None:
    """A buying municipality's own code; None for finance (all municipalities)."""
    if getattr(request.user, "role", None) == Role.KOBENDE:
        return str(getattr(request.user, "municipality_code", "")) or "---"
    require(request.user, BILLING)
    return None


def billing(request: HttpRequest) -> HttpResponse:
    own = _own_municipality(request)
    year = year_param(request)
    return render(
        request,
        "web/billing.html",
        {
            "year": year,
            "years": years_with_data(),
            "rows": selectors.statement_rows(year, municipality=own),
            "can_mark": can(request.user, BILLING),
        },
    )


def statement_pdf(request: HttpRequest, municipality: str, month: int) -> HttpResponse:
    own = _own_municipality(request)
    if own is not None and own != municipality:
        raise Http404
    year = year_param(request)
    if not 1 <= month <= 12:
        raise Http404
    data = build.statement_pdf(selectors.document_year(year), municipality=municipality,
                               month=month)  # fmt: skip
    return attachment(data, f"afregning-{municipality}-{year}-{month:02d}.pdf", "application/pdf")


@require_POST
def mark_invoiced(request: HttpRequest, municipality: str, month: int) -> HttpResponse:
    require(request.user, BILLING)
    year = year_param(request)
    try:
        services.statement_mark_invoiced(
            user=request.user, municipality=municipality, year=year, month=month
        )
        messages.success(request, _("Afregningen er markeret som faktureret."))
    except ServiceError as e:
        messages.error(request, str(e))
        response = billing(request)
        response.status_code = 400
        return response
    return redirect(f"/afregning/?aar={year}")
