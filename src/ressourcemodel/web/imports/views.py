"""Importing a workbook: upload → preview → confirm, and the empty template. Økonomi and
Administrator only. Thin: parse, check the role, call the service, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcemodel.spreadsheets.errors import WorkbookError
from ressourcemodel.spreadsheets.write import template_workbook, workbook_bytes
from ressourcemodel.web.accounts.permissions import RECORDS_FINANCE, require
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.xlsx import XLSX_TYPE, attachment

from . import workbooks

IMPORT = RECORDS_FINANCE


def upload(request: HttpRequest) -> HttpResponse:
    require(request.user, IMPORT)
    context: dict[str, object] = {"max_mb": workbooks.MAX_UPLOAD_BYTES // (1024 * 1024)}
    if request.method != "POST":
        return render(request, "web/import_upload.html", context)
    f = request.FILES.get("regneark")
    try:
        pending = workbooks.workbook_stage(
            user=request.user, filename=(f.name or "") if f else "", data=f.read() if f else b""
        )
    except WorkbookError as e:
        context.update(errors=e.errors[:500], error_count=len(e.errors), filename=f and f.name)
        return render(request, "web/import_upload.html", context, status=400)
    except ServiceError as e:
        context.update(message=str(e), filename=f and f.name)
        return render(request, "web/import_upload.html", context, status=400)
    return redirect("import_preview", pk=pending.pk)


def preview(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, IMPORT)
    pending = workbooks.pending_for(request.user, pk)
    if pending is None:
        raise Http404
    return render(request, "web/import_preview.html", {"p": pending, "v": pending.preview})


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, IMPORT)
    pending = workbooks.pending_for(request.user, pk)
    if pending is None:
        raise Http404
    try:
        summary = workbooks.workbook_confirm(
            user=request.user, pending=pending, sha256=str(request.POST.get("sha256", ""))
        )
    except (ServiceError, WorkbookError) as e:
        return render(
            request,
            "web/import_preview.html",
            {"p": pending, "v": pending.preview, "message": str(e)},
            status=400,
        )
    messages.success(
        request,
        _("%(file)s er indlæst for takstår %(year)s.")
        % {"file": pending.filename, "year": summary["year"]},
    )
    return redirect(f"/oversigt/?aar={summary['year']}")


def template(request: HttpRequest) -> HttpResponse:
    require(request.user, IMPORT)
    return attachment(
        workbook_bytes(template_workbook()), "ressourcemodel-skabelon.xlsx", XLSX_TYPE
    )
