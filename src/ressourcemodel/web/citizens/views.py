"""The citizen list and the citizen page. Every view of personal data is in the access log."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressourcemodel.web.accounts.permissions import (
    APPROVE,
    EDIT_SCHEDULE,
    LEADER,
    PERSONAL_DATA,
    can,
    require,
    sees_schedules,
)
from ressourcemodel.web.audit.services import access_record_many
from ressourcemodel.web.calculation.results import years_with_data
from ressourcemodel.web.common.access import citizen_for
from ressourcemodel.web.common.http import year_param
from ressourcemodel.web.common.xlsx import excel, wants_excel

from . import selectors
from .excel import citizen_tables

FILTERS = ("q", "omraade", "tilbud", "solgt")


def citizens(request: HttpRequest) -> HttpResponse:
    require(request.user, PERSONAL_DATA)
    year = year_param(request)
    # The search is posted, so a CPR number typed into it never appears in a URL or access log.
    source = request.POST if request.method == "POST" else request.GET
    filters = {k: source.get(k, "").strip()[:100] for k in FILTERS}
    if request.method != "POST":
        filters["q"] = ""  # a name or CPR number is searched by POST only, never from a URL
    if wants_excel(request):  # the whole filtered list
        rows = selectors.citizen_rows(request.user, year=year, filters=filters)
        access_record_many(user=request.user, citizen_ids=[r.id for r in rows], what="citizens")
        return excel(citizen_tables(rows, year), f"borgere-{year}")
    # One page at a time: the queries, the access log and the page do not grow with the register.
    listing = selectors.citizen_list(
        request.user, year=year, filters=filters, page=source.get("side", "1")
    )
    access_record_many(user=request.user, citizen_ids=[r.id for r in listing.rows], what="citizens")
    return render(
        request,
        "web/citizens.html",
        {
            "rows": listing.rows,
            "listing": listing,
            "q": filters,
            "link_filters": urlencode(
                {k: v for k, v in filters.items() if v and k != "q"} | {"aar": year}
            ),
            "year": year,
            "years": years_with_data(),
            "can_create": can(request.user, APPROVE),
            **selectors.filter_choices(year, filters["tilbud"]),
        },
    )


def citizen(request: HttpRequest, pk: int) -> HttpResponse:
    c = citizen_for(request, pk)
    year = year_param(request)
    page = selectors.citizen_page(c, year)
    return render(
        request,
        "web/citizen.html",
        {
            "c": c,
            "cr": page.result,
            "year": year,
            "years": years_with_data(),
            "stays": page.stays,
            "assessments": page.assessments if sees_schedules(request.user) else [],
            "show_schedules": sees_schedules(request.user),
            "can_edit": can(request.user, EDIT_SCHEDULE),
            "can_decide": can(request.user, APPROVE),
            "can_propose": can(request.user, LEADER),
            **(selectors.leader_choices(request.user, c) if can(request.user, LEADER) else {}),
            **(selectors.record_choices() if can(request.user, APPROVE) else {}),
        },
    )
