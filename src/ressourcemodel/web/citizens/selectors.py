"""Reads about citizens: the scoped, CPR-safe search and the citizen page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, prefetch_related_objects
from django.utils.safestring import SafeString

from ressourcemodel.engine.model import ScheduleEntry
from ressourcemodel.engine.results import CitizenPeriod, CitizenResult
from ressourcemodel.web.accounts.permissions import visible_citizens
from ressourcemodel.web.calculation.mappers import entries_of
from ressourcemodel.web.calculation.results import Computed, computed
from ressourcemodel.web.common.paging import Page, page_of
from ressourcemodel.web.records import models as m


@dataclass(frozen=True)
class CitizenRow:
    id: int
    name: str
    cpr_masked: str
    facilities: str  # current stays
    paying_municipality: str
    period: CitizenPeriod | None  # the latest period of the year


def _search(
    qs: QuerySet[m.Citizen], *, operating: str, q: str, facility: str, area: str, sold: str
) -> QuerySet[m.Citizen]:
    if q:
        digits = q.replace("-", "")
        if len(digits) == 6 and digits.isdigit():
            qs = qs.filter(Q(name__icontains=q) | Q(cpr_birth=digits))
        elif len(digits) == 10 and digits.isdigit():
            qs = qs.filter(Q(name__icontains=q) | Q(pk__in=m.Citizen.objects.by_cpr(digits)))
        else:
            qs = qs.filter(name__icontains=q)
    # Stays as subqueries, not joins: no duplicate rows, so no DISTINCT over the register.
    if facility:
        qs = qs.filter(pk__in=m.Stay.objects.filter(facility__code=facility).values("citizen_id"))
    if area:
        qs = qs.filter(pk__in=m.Stay.objects.filter(facility__area__name=area).values("citizen_id"))
    if sold == "1":
        qs = qs.exclude(paying_municipality=operating)
    elif sold == "0":
        qs = qs.filter(paying_municipality=operating)
    return qs


PAGE_SIZE = 50


def _scoped(user: Any, c: Computed, filters: dict[str, str]) -> QuerySet[m.Citizen]:
    qs = visible_citizens(user, m.Citizen.objects.all())
    return (
        _search(
            qs,
            operating=c.scenario.parameters.municipality_code,
            q=filters.get("q", ""),
            facility=filters.get("tilbud", ""),
            area=filters.get("omraade", ""),
            sold=filters.get("solgt", ""),
        )
        .order_by("name", "pk")
        .only("pk", "name", "cpr_birth", "paying_municipality")
    )


def _rows(citizens: Iterable[m.Citizen], c: Computed) -> list[CitizenRow]:
    """Rows for ``citizens`` (their stays prefetched); the figures come from the cached result."""
    rows = []
    for citizen in citizens:
        cr = c.citizens.get(str(citizen.pk))
        rows.append(
            CitizenRow(
                id=citizen.pk,
                name=citizen.name,
                cpr_masked=citizen.cpr_masked,
                facilities=", ".join(
                    s.facility.name for s in citizen.stays.all() if s.move_out is None
                ),
                paying_municipality=citizen.paying_municipality,
                period=cr.periods[-1] if cr and cr.periods else None,
            )
        )
    return rows


def citizen_rows(user: Any, *, year: int, filters: dict[str, str]) -> list[CitizenRow]:
    """Every citizen the user may see that matches ``filters`` (the Excel file and the API)."""
    c = computed(year)
    qs = _scoped(user, c, filters).prefetch_related("stays__facility")
    return _rows(qs, c)


def citizen_rows_slice(
    user: Any, *, year: int, offset: int, limit: int
) -> tuple[list[CitizenRow], int]:
    """``limit`` rows from ``offset`` of every citizen the user may see, in name order, and the
    count of them all (the API's pages): a fixed number of queries."""
    c = computed(year)
    qs = _scoped(user, c, {})
    citizens = list(qs[offset : offset + limit])
    prefetch_related_objects(citizens, "stays__facility")
    return _rows(citizens, c), qs.count()


class CitizenList(Page[CitizenRow]):
    """One page of the citizen list: ``PAGE_SIZE`` rows, the page number and the totals."""


def citizen_list(user: Any, *, year: int, filters: dict[str, str], page: str) -> CitizenList:
    """Page ``page`` (1-based; out of range or not a number gives the nearest page) of the
    citizens the user may see that match ``filters``, in name order. A fixed number of queries
    whatever the number of citizens: one count, one page of rows, their stays."""
    c = computed(year)
    citizens, number, pages, count = page_of(_scoped(user, c, filters), PAGE_SIZE, page)
    prefetch_related_objects(citizens, "stays__facility")
    return CitizenList(_rows(citizens, c), number, pages, count)


def filter_choices(year: int, selected_facility: str = "") -> dict[str, Any]:
    """The areas, and the facilities as ready ``<option>`` elements: a national register has
    1 500 facilities, and a template loop over them cost more than the rest of the page, so
    they are escaped once per cached result (its facilities are the register's, by area and
    name) and a request only marks the chosen one."""
    return {
        "areas": list(m.Area.objects.values_list("name", flat=True)),
        "facility_options": SafeString(
            "".join(
                f"{head}{' selected' if code == selected_facility else ''}{tail}"
                for code, head, tail in computed(year).facility_options
            )
        ),
    }


def visible_citizen(user: Any, pk: int) -> m.Citizen | None:
    return visible_citizens(user, m.Citizen.objects.filter(pk=pk)).first()


@dataclass(frozen=True)
class CitizenPage:
    record: m.Citizen
    result: CitizenResult | None
    stays: list[m.Stay]
    assessments: list[m.Assessment]


def citizen_page(citizen: m.Citizen, year: int) -> CitizenPage:
    return CitizenPage(
        record=citizen,
        result=computed(year).citizens.get(str(citizen.pk)),
        stays=list(citizen.stays.select_related("facility")),
        assessments=list(citizen.assessments.prefetch_related("entries", "ratings")),
    )


def assessment_of(citizen: m.Citizen, assessment_id: int) -> m.Assessment | None:
    return m.Assessment.objects.filter(pk=assessment_id, citizen=citizen).first()


def latest_schedule(citizen: m.Citizen) -> m.Assessment | None:
    return (
        citizen.assessments.filter(manual_level="")
        .prefetch_related("entries", "ratings")
        .order_by("-effective_from")
        .first()
    )


def editor_schedule(
    citizen: m.Citizen, assessment: m.Assessment | None
) -> tuple[tuple[ScheduleEntry, ...], dict[str, tuple[int, int]]]:
    """The entries and VUM ratings the editor opens with: the assessment's own, or for a new
    døgnskema a copy of the citizen's latest."""
    source = assessment or latest_schedule(citizen)
    if source is None:
        return (), {}
    ratings = {r.theme: (r.function_level, r.support_level) for r in source.ratings.all()}
    return entries_of(source), ratings


def record_choices() -> dict[str, object]:
    """Facilities and level codes for the citizen and stay forms."""
    return {
        "facilities": list(m.Facility.objects.order_by("name").values_list("code", "name")),
        "levels": sorted(
            set(m.LevelRow.objects.values_list("code", flat=True)), key=lambda c: (len(c), c)
        ),
        "end_reasons": m.Stay.END_REASONS,
    }


def stay_of(citizen: m.Citizen, stay_id: int) -> m.Stay | None:
    return m.Stay.objects.filter(pk=stay_id, citizen=citizen).first()


def leader_choices(user: Any, citizen: m.Citizen) -> dict[str, object]:
    """A leader's own facilities to propose a move to, and the citizen's pending proposals."""
    from ressourcemodel.web.accounts.permissions import facility_scope

    scope = facility_scope(user) or frozenset()
    return {
        "own_facilities": list(
            m.Facility.objects.filter(code__in=scope).order_by("name").values_list("code", "name")
        ),
        "end_reasons": m.Stay.END_REASONS,
        "pending": list(citizen.proposals.filter(status=m.StayProposal.Status.PENDING)),
    }
