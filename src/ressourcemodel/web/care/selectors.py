"""Reads. Every figure a page shows comes from ``compute`` on the live scenario."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.results import Result

from . import models as m
from .mappers import scenario_for_year


def current_year() -> int:
    ty = m.TariffYear.objects.order_by("-year").first()
    return ty.year if ty else date.today().year  # noqa: DTZ011 - a calendar year, not a moment


def result_for_year(year: int, request: HttpRequest | None = None) -> Result:
    """The engine's result for ``year``, cached on the request (one computation per page)."""
    cache: dict[int, Result] | None = getattr(request, "_rm_results", None) if request else None
    if cache is not None and year in cache:
        return cache[year]
    result = compute(scenario_for_year(year), today=date.today())  # noqa: DTZ011
    if request is not None:
        if cache is None:
            cache = {}
            request._rm_results = cache  # type: ignore[attr-defined]
        cache[year] = result
    return result


def citizens_search(
    *, operating: str, q: str = "", facility: str = "", area: str = "", sold: str = ""
) -> QuerySet[m.Citizen]:
    qs = m.Citizen.objects.prefetch_related("stays__facility__area").order_by("name")
    if q:
        digits = q.replace("-", "")
        qs = (
            qs.filter(name__icontains=q) | qs.filter(cpr_birth=digits[:6])
            if len(digits) == 6
            else qs.filter(name__icontains=q) | m.Citizen.objects.by_cpr(digits)
        )
    if facility:
        qs = qs.filter(stays__facility__code=facility)
    if area:
        qs = qs.filter(stays__facility__area__name=area)
    if sold == "1":
        qs = qs.exclude(paying_municipality=operating)
    elif sold == "0":
        qs = qs.filter(paying_municipality=operating)
    return qs.distinct()
