"""Reads for the start page and the central budget model, scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ressourcemodel.engine.results import FacilityResult, KeyFigures, SpecialCase
from ressourcemodel.web.accounts.permissions import (
    APPROVE,
    can,
    facility_scope,
    visible_citizens,
)
from ressourcemodel.web.calculation.results import Computed, computed
from ressourcemodel.web.common.paging import Page, page_of
from ressourcemodel.web.records import models as m


@dataclass(frozen=True)
class ScopedOverview:
    """The part of a year's result a user may see: all of it, or a leader's own areas."""

    year: int
    reference_date: date
    whole_municipality: bool
    facilities: list[FacilityResult]
    areas: list[KeyFigures]
    total: KeyFigures | None  # None for a leader: no municipal totals
    specials: list[SpecialCase]
    source: Computed  # the cached result these come from


def scoped_overview(user: Any, year: int) -> ScopedOverview:
    source = computed(year)
    result = source.result
    scope = facility_scope(user)
    facilities = sorted(
        (f for f in result.facilities if scope is None or f.id in scope),
        key=lambda f: (f.area, f.name),
    )
    own_areas = {f.area for f in facilities}
    o = result.overview
    return ScopedOverview(
        year=year,
        reference_date=o.reference_date,
        whole_municipality=scope is None,
        facilities=facilities,
        areas=[a for a in o.areas if scope is None or a.name in own_areas],
        total=o.total if scope is None else None,
        specials=[s for s in o.special_cases if scope is None or s.facility in scope],
        source=source,
    )


HOME_PAGE_SIZE = 50  # rows per page of each list on the start page


def pending_approvals(user: Any, page: str = "1") -> Page[m.Assessment]:
    """Submitted døgnskemaer waiting for approval, oldest first, a page at a time (counted and
    sliced in the database: a national register can have thousands waiting)."""
    if not can(user, APPROVE):
        return Page([], 1, 1, 0)
    waiting = (
        m.Assessment.objects.filter(status=m.Assessment.Status.SUBMITTED)
        .select_related("citizen")
        .order_by("effective_from", "pk")
    )
    return Page(*page_of(waiting, HOME_PAGE_SIZE, page))


@dataclass(frozen=True)
class Review:
    """An S1/S2 or hand-set level and when it is to be reviewed (SPEC §3.2)."""

    case: SpecialCase
    citizen_pk: int
    citizen_name: str
    overdue: bool


def special_reviews(
    user: Any, specials: list[SpecialCase], today: date, page: str = "1"
) -> Page[Review]:
    """Page ``page`` of the special cases the user may see, overdue reviews first (oldest first),
    then the coming ones by date, then those without a review date."""
    # Only the special cases' citizens are read (a national register has 30 000 citizens and a
    # few hundred special cases); the role's scope is applied to those.
    ids = {int(s.citizen) for s in specials if s.citizen.isdigit()}
    names = dict(
        visible_citizens(user, m.Citizen.objects.filter(pk__in=ids)).values_list("pk", "name")
    )
    rows = [
        Review(s, int(s.citizen), name, s.review_date is not None and s.review_date < today)
        for s in specials
        if s.citizen.isdigit() and (name := names.get(int(s.citizen))) is not None
    ]
    rows.sort(key=lambda r: (r.case.review_date is None, r.case.review_date or today))
    return Page(*page_of(rows, HOME_PAGE_SIZE, page))


def stay_proposals(user: Any, page: str = "1") -> Page[m.StayProposal]:
    """Leaders' proposals waiting for Myndighed, by date, a page at a time."""
    if not can(user, APPROVE):
        return Page([], 1, 1, 0)
    waiting = (
        m.StayProposal.objects.filter(status=m.StayProposal.Status.PENDING)
        .select_related("citizen", "facility", "stay__facility", "proposed_by")
        .order_by("day", "pk")
    )
    return Page(*page_of(waiting, HOME_PAGE_SIZE, page))


MAX_AREA_COLUMNS = 12  # areas shown side by side in the overview's key figures


def area_columns(view: ScopedOverview, area: str) -> tuple[list[KeyFigures], int]:
    """The areas whose key figures the overview shows beside the total, and how many were
    folded away (0: none). The chosen area alone; else every area — but a regional or national
    register has up to 100, and side by side they are no overview: beyond ``MAX_AREA_COLUMNS``
    the total stands alone until an area is chosen (every area is in the Excel file). A leader
    (no total) always sees their own areas."""
    if area:
        return [a for a in view.areas if a.name == area], 0
    if view.whole_municipality and len(view.areas) > MAX_AREA_COLUMNS:
        return [], len(view.areas)
    return view.areas, 0


FACILITY_PAGE_SIZE = 50


@dataclass(frozen=True)
class FacilityList(Page[FacilityResult]):
    """One page of the overview's facilities (``FACILITY_PAGE_SIZE`` rows), in area then name
    order, optionally of one area; ``count`` is of every match."""

    area: str


def facility_list(view: ScopedOverview, *, area: str, page: str) -> FacilityList:
    """Page ``page`` (1-based; out of range or not a number gives the nearest page) of the
    facilities in ``view``, of ``area`` when given (an unknown area gives none)."""
    matches = [f for f in view.facilities if not area or f.area == area]
    return FacilityList(*page_of(matches, FACILITY_PAGE_SIZE, page), area)
