"""Files from the web: the attachment response, and "Hent som Excel" for a page's tables.

A page offers its tables as a workbook at its own URL with ``?format=xlsx``: the same view, the
same permission check and the same selector output as the page, so the figures are the page's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from ressourcemodel.spreadsheets.tables import Table, tables_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def wants_excel(request: HttpRequest) -> bool:
    """``?format=xlsx``, or a posted form's "Hent som Excel" button (the citizen search)."""
    return "xlsx" in (request.GET.get("format"), request.POST.get("format"))


def excel(tables: list[Table], name: str) -> HttpResponse:
    return attachment(tables_bytes(tables), f"{name}.xlsx", XLSX_TYPE)
