"""The operations of /api/v1/. Each checks the role like the web app and calls the same
selectors and services; no figure is computed here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema

from ressourcemodel.engine.money import round_2
from ressourcemodel.engine.pot import cost_of_hours, fte_from_amount, hours_per_resident_per_month
from ressourcemodel.engine.statements import takstgrundlag
from ressourcemodel.scenario.explain_output import facility_explanation_to_dict
from ressourcemodel.scenario.output import citizen_to_dict, result_to_dict
from ressourcemodel.web.accounts.models import Role
from ressourcemodel.web.accounts.permissions import (
    APPROVE,
    BUDGETS,
    EDIT_SCHEDULE,
    PERSONAL_DATA,
    require,
    sees_facility,
)
from ressourcemodel.web.audit.services import access_record, access_record_many
from ressourcemodel.web.calculation.import_ids import with_import_ids
from ressourcemodel.web.calculation.results import NoDataForYear, computed
from ressourcemodel.web.citizens import selectors as citizen_selectors
from ressourcemodel.web.citizens import services as citizen_services
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.explanations.selectors import facility_explanation
from ressourcemodel.web.records import models as m

from .app import api

V1 = "/v1"


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise ServiceError(f"Året {year} er ikke et gyldigt takstår (2000–2100).")
    if not m.TariffYear.objects.filter(year=year, superseded_at__isnull=True).exists():
        raise NoDataForYear(year)
    return year


MAX_PAGE_SIZE = 5000


def _paging(page: int, page_size: int) -> None:
    if not 1 <= page <= 1_000_000:
        raise ServiceError("Siden skal være et tal fra 1 til 1.000.000.")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ServiceError(f"Sidestørrelsen skal være 1–{MAX_PAGE_SIZE}.")


def _pages(count: int, page_size: int) -> int:
    return max(1, -(-count // page_size))


@api.get(V1 + "/years/{year}/result", tags=["Resultat"])
def year_result(
    request: HttpRequest, year: int, page: int = 1, page_size: int = 1000
) -> dict[str, Any]:
    """The SPEC §4 result of the live data — what `compute` gives on `export-scenario` — with
    its citizens a page at a time (`page`, `page_size` ≤ 5000; a page past the last has none).
    Added fields: `page`, `page_size`, `pages` and `citizens_count` (of every citizen)."""
    require(request.user, BUDGETS)
    _paging(page, page_size)
    result = computed(_year(year)).result  # the cached result, citizens named by import id
    count = len(result.citizens)
    out = result_to_dict(with_import_ids(result, (page - 1) * page_size, page * page_size))
    return out | {
        "page": page,
        "page_size": page_size,
        "pages": _pages(count, page_size),
        "citizens_count": count,
    }


def _facility(f: Any) -> dict[str, Any]:
    return {
        "id": f.id,
        "name": f.name,
        "area": f.area,
        "places": f.places,
        "base_tariff": str(f.base_tariff),
        "fixed_budget": str(f.fixed_budget),
        "activity_budget": str(f.activity_budget),
        "total_budget": str(f.total_budget),
        "sales_income": str(f.sales_income),
        "occupied_days": f.occupied_days,
    }


@api.get(V1 + "/years/{year}/facilities", tags=["Tilbud"])
def facilities(request: HttpRequest, year: int) -> list[dict[str, Any]]:
    require(request.user, BUDGETS)
    c = computed(_year(year))
    return [_facility(f) for f in c.result.facilities if sees_facility(request.user, f.id)]


@api.get(V1 + "/years/{year}/facilities/{code}", tags=["Tilbud"])
def facility(request: HttpRequest, year: int, code: str) -> dict[str, Any]:
    require(request.user, BUDGETS)
    f = computed(_year(year)).facilities.get(code)
    if f is None or not sees_facility(request.user, code):
        from django.http import Http404

        raise Http404
    months = [
        {
            "month": mr.month,
            "fixed": str(mr.fixed),
            "activity": str(mr.activity),
            "sales_income": str(mr.sales_income),
            "occupied_days": mr.occupied_days,
            "funded_fte": str(mr.funded_fte),
            "actual": None if mr.actual is None else str(mr.actual),
        }
        for mr in f.months
    ]
    return {**_facility(f), "months": months}


@api.get(V1 + "/years/{year}/facilities/{code}/explanation", tags=["Forklaring"])
def facility_explain(
    request: HttpRequest, year: int, code: str, month: int | None = None
) -> dict[str, Any]:
    require(request.user, BUDGETS)
    if not sees_facility(request.user, code):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    if month is not None and not 1 <= month <= 12:
        raise ServiceError("Måneden skal være 1–12.")
    return facility_explanation_to_dict(facility_explanation(_year(year), code, month))


@api.get(V1 + "/years/{year}/citizens", tags=["Borgere"])
def citizens(
    request: HttpRequest, response: HttpResponse, year: int, page: int = 1, page_size: int = 500
) -> list[dict[str, Any]]:
    """Citizens the user may see (a buying municipality: only its own), in name order, a page at
    a time (`page`, `page_size` ≤ 5000; a page past the last is empty). The headers `X-Total-Count`,
    `X-Page`, `X-Pages` and `Link` (`rel="next"`) tell the pages. Every citizen whose name is
    sent is written to the access log, as the web list does."""
    require(request.user, PERSONAL_DATA)
    _paging(page, page_size)
    rows, count = citizen_selectors.citizen_rows_slice(
        request.user, year=_year(year), offset=(page - 1) * page_size, limit=page_size
    )
    pages = _pages(count, page_size)
    response["X-Total-Count"] = str(count)
    response["X-Page"] = str(page)
    response["X-Pages"] = str(pages)
    if page < pages:
        response["Link"] = f'<{request.path}?page={page + 1}&page_size={page_size}>; rel="next"'
    access_record_many(user=request.user, citizen_ids=[r.id for r in rows], what="api citizens")
    return [
        {
            "id": r.id,
            "name": r.name,
            "paying_municipality": r.paying_municipality,
            "level": r.period.placement.level if r.period else None,
            "service_tariff": str(r.period.placement.service_tariff) if r.period else None,
        }
        for r in rows
    ]


@api.get(V1 + "/years/{year}/citizens/{pk}", tags=["Borgere"])
def citizen(request: HttpRequest, year: int, pk: int) -> dict[str, Any]:
    """A citizen's periods and the figures of the takstgrundlag."""
    require(request.user, PERSONAL_DATA)
    c = citizen_selectors.visible_citizen(request.user, pk)
    if c is None:
        from django.http import Http404

        raise Http404
    access_record(user=request.user, citizen_id=c.pk, what="api citizen")
    comp = computed(_year(year))
    cr = comp.citizens.get(str(c.pk))
    if cr is None:
        return {"id": c.pk, "name": c.name, "periods": [], "takstgrundlag": []}
    sheet = takstgrundlag(comp.scenario, comp.result, str(c.pk))
    parts = [
        {
            "facility": t.facility,
            "from": t.start.isoformat(),
            "to": t.end.isoformat(),
            "base_tariff": str(t.base_tariff),
            "service_tariff": str(t.service_tariff),
            "overhead_rate": str(t.overhead_rate),
            "daily_rate": str(t.daily_rate),
        }
        for t in sheet.tariffs
    ]
    return {**citizen_to_dict(cr), "id": c.pk, "name": c.name, "takstgrundlag": parts}


class DraftIn(Schema):
    effective_from: date
    entries: list[dict[str, Any]]
    ratings: dict[str, list[int]] = {}
    goal_type: str = ""


class TransitionIn(Schema):
    version: int


def _assessment_out(a: m.Assessment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "citizen": a.citizen_id,
        "status": a.status,
        "version": a.version,
        "effective_from": a.effective_from.isoformat(),
    }


@api.post(V1 + "/citizens/{pk}/assessments", tags=["Vurderinger"])
def assessment_create(request: HttpRequest, pk: int, data: DraftIn) -> dict[str, Any]:
    """Create a draft døgnskema (validated by the engine; nothing saved on error)."""
    require(request.user, EDIT_SCHEDULE)
    c = citizen_selectors.visible_citizen(request.user, pk)
    if c is None:
        from django.http import Http404

        raise Http404
    ratings = {}
    for theme, pair in data.ratings.items():
        if len(pair) != 2:
            raise ServiceError(f"VUM-vurderingen for '{theme[:40]}' skal være to tal 0–4.")
        ratings[theme] = (pair[0], pair[1])
    a = citizen_services.assessment_save_draft(
        user=request.user,
        citizen=c,
        assessment=None,
        data=citizen_services.AssessmentInput(
            effective_from=data.effective_from,
            entries=data.entries,
            ratings=ratings,
            goal_type=data.goal_type[:60],
            assessor=request.user.get_username()[:120],
        ),
        version=None,
        year=computed_year(),
    )
    return _assessment_out(a)


def computed_year() -> int:
    from ressourcemodel.web.calculation.results import current_year

    return current_year()


def _own_assessment(request: HttpRequest, assessment_id: int) -> m.Assessment:
    a = m.Assessment.objects.select_related("citizen").filter(pk=assessment_id).first()
    if a is None or citizen_selectors.visible_citizen(request.user, a.citizen_id) is None:
        from django.http import Http404

        raise Http404
    return a


@api.post(V1 + "/assessments/{assessment_id}/submit", tags=["Vurderinger"])
def assessment_submit(
    request: HttpRequest, assessment_id: int, data: TransitionIn
) -> dict[str, Any]:
    require(request.user, EDIT_SCHEDULE)
    a = citizen_services.assessment_submit(
        user=request.user, assessment=_own_assessment(request, assessment_id), version=data.version
    )
    return _assessment_out(a)


@api.post(V1 + "/assessments/{assessment_id}/approve", tags=["Vurderinger"])
def assessment_approve(
    request: HttpRequest, assessment_id: int, data: TransitionIn
) -> dict[str, Any]:
    require(request.user, APPROVE)
    a = citizen_services.assessment_approve(
        user=request.user, assessment=_own_assessment(request, assessment_id), version=data.version
    )
    return _assessment_out(a)


@api.get(V1 + "/pot", tags=["Puljeberegner"])
def pot(
    request: HttpRequest, amount: Decimal, hourly_wage: Decimal, residents: int
) -> dict[str, Any]:
    """The memo's pot figures (SPEC §3.10) for an amount per year."""
    require(request.user, BUDGETS)
    if not (0 < amount <= 10**10 and 0 < hourly_wage <= 100000 and 0 < residents <= 100000):
        raise ServiceError("Beløb, timeløn og beboere skal være positive og inden for grænserne.")
    hours = hours_per_resident_per_month(
        amount=amount, hourly_wage=hourly_wage, residents=residents
    )
    return {
        "hours_per_resident_per_month": str(round_2(hours)),
        "cost_of_2_hours_per_resident_per_month": str(
            cost_of_hours(hours=Decimal(2), hourly_wage=hourly_wage, residents=residents)
        ),
        "fte_at_500000": str(fte_from_amount(amount=amount, annual_cost_per_fte=Decimal(500000))),
    }


@api.get(V1 + "/years/{year}/billing", tags=["Afregning"])
def billing(
    request: HttpRequest, year: int, municipality: str | None = None, month: int | None = None
) -> dict[str, Any]:
    """Billing lines; a buying municipality gets only its own."""
    from ressourcemodel.documents.build import statement_lines
    from ressourcemodel.engine.billing import total
    from ressourcemodel.web.documents.selectors import document_year

    role = getattr(request.user, "role", None)
    if role == Role.KOBENDE:
        municipality = str(getattr(request.user, "municipality_code", "")) or "---"
    else:
        require(request.user, frozenset({str(Role.OKONOMI), str(Role.ADMIN)}))
    if month is not None and not 1 <= month <= 12:
        raise ServiceError("Måneden skal være 1–12.")
    lines = statement_lines(document_year(_year(year)), municipality=municipality, month=month)
    return {
        "year": year,
        "municipality": municipality,
        "month": month,
        "lines": [
            {
                "municipality": ln.municipality,
                "month": ln.month,
                "citizen": ln.citizen,
                "facility": ln.facility,
                "from": ln.start.isoformat(),
                "to": ln.end.isoformat(),
                "days": ln.days,
                "rate": str(ln.rate),
                "amount": str(ln.amount),
            }
            for ln in lines
        ],
        "total": str(total(lines)),
    }
