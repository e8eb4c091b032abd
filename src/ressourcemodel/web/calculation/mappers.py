"""ORM rows ⇄ engine dataclasses, both ways, in one place. Only approved assessments reach the
engine. A døgnskema entry has one representation outside the engine:
``ressourcemodel.scenario.dump.entry_to_dict`` (scenario files, the editor's JSON, audit
snapshots, the indsigt export); rows are built from and read into ``ScheduleEntry`` here."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from decimal import Decimal

from django.db.models import Q, QuerySet

from ressourcemodel.engine.model import (
    WEEKDAYS,
    CarriedResult,
    LegalBasis,
    Scenario,
    ScheduleEntry,
    SupportForm,
)
from ressourcemodel.engine.model import Assessment as EngineAssessment
from ressourcemodel.engine.model import Citizen as EngineCitizen
from ressourcemodel.engine.model import Facility as EngineFacility
from ressourcemodel.engine.model import Stay as EngineStay
from ressourcemodel.engine.parameters import (
    LevelChangeRule,
    LevelDef,
    LevelUnit,
    Parameters,
    StaffShare,
    TailRule,
    default_levels,
    default_staff_mix,
)
from ressourcemodel.web.records import models as m


def exact(value: Decimal | int) -> Decimal:
    """A database decimal as its exact text value (SQLite REAL round trips give 334.0000)."""
    return Decimal(str(value)).normalize() + 0


def exact_or_none(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else exact(value)


# --- tariff years -----------------------------------------------------------------------------


def parameters_from_row(ty: m.TariffYear) -> Parameters:
    levels = tuple(
        LevelDef(lv.code, exact(lv.lower), exact(lv.upper), exact(lv.priced_hours))
        for lv in ty.levels.all()
    )
    mix = tuple(
        StaffShare(s.category, exact(s.share), exact(s.annual_cost)) for s in ty.staff_mix.all()
    )
    return Parameters(
        year=ty.year,
        municipality_code=ty.municipality_code,
        municipality_name=ty.municipality_name,
        levels=levels or default_levels(),
        level_unit=LevelUnit(ty.level_unit),
        hourly_cost=exact_or_none(ty.hourly_cost),
        staff_mix=mix or default_staff_mix(),
        annual_norm_hours=exact(ty.annual_norm_hours),
        productive_hours_per_fte=exact(ty.productive_hours_per_fte),
        indirect_share=exact(ty.indirect_share),
        occupancy_rate=exact(ty.occupancy_rate),
        occupancy_min=exact(ty.occupancy_min),
        occupancy_max=exact(ty.occupancy_max),
        overhead_rate=exact(ty.overhead_rate),
        tail_rule=TailRule(ty.tail_rule),
        billing_tail_rule=TailRule(ty.billing_tail_rule),
        level_change_rule=LevelChangeRule(ty.level_change_rule),
        regulation_lag_years=ty.regulation_lag_years,
    )


# --- døgnskema entries ------------------------------------------------------------------------


def entry_from_row(r: m.ScheduleEntryRow) -> ScheduleEntry:
    return ScheduleEntry(
        days=frozenset(WEEKDAYS.index(d) for d in r.days.split(",") if d),
        start=r.start_minute,
        end=r.end_minute,
        form=SupportForm(r.form),
        staff=r.staff,
        participants=r.participants,
        theme=r.theme,
        legal_basis=LegalBasis(r.legal_basis),
        sub_theme=r.sub_theme,
        staff_category=r.staff_category,
        note=r.note,
    )


def entry_to_row(e: ScheduleEntry, assessment: m.Assessment) -> m.ScheduleEntryRow:
    return m.ScheduleEntryRow(
        assessment=assessment,
        days=",".join(WEEKDAYS[d] for d in sorted(e.days)),
        start_minute=e.start,
        end_minute=e.end,
        form=e.form.value,
        staff=e.staff,
        participants=e.participants,
        theme=e.theme,
        sub_theme=e.sub_theme,
        legal_basis=e.legal_basis.value,
        staff_category=e.staff_category,
        note=e.note,
    )


def entries_of(a: m.Assessment) -> tuple[ScheduleEntry, ...]:
    return tuple(entry_from_row(e) for e in a.entries.all())


def assessment_from_row(a: m.Assessment) -> EngineAssessment:
    return EngineAssessment(
        effective_from=a.effective_from,
        entries=() if a.manual_level else entries_of(a),
        level=a.manual_level or None,
        daily_amount=exact_or_none(a.daily_amount),
        reason=a.reason,
        review_date=a.review_date,
    )


# --- facilities -------------------------------------------------------------------------------


def facility_from_rows(f: m.Facility, fy: m.FacilityYear | None) -> EngineFacility:
    history = tuple((h.year, exact(h.rate)) for h in f.occupancy_history.all())
    if fy is None:
        return EngineFacility(
            id=f.code, name=f.name, area=f.area.name, places=f.places, fixed_costs=(),
            occupancy_history=history,
        )  # fmt: skip
    return EngineFacility(
        id=f.code,
        name=f.name,
        area=f.area.name,
        places=f.places,
        fixed_costs=tuple((c.category, exact(c.amount)) for c in fy.fixed_costs.all()),
        occupancy_rate=exact_or_none(fy.occupancy_rate),
        occupancy_history=history,
        regulation=exact(fy.regulation),
        results=tuple(
            CarriedResult(r.origin_year, exact(r.amount), r.reason) for r in fy.carried.all()
        ),
        actual_fte=exact_or_none(fy.actual_fte),
        actuals=tuple((a.month, exact(a.amount)) for a in fy.actuals.all()),
        old_budget=exact_or_none(fy.old_budget),
        previous_budget=exact_or_none(fy.previous_budget),
    )


# --- the whole year ---------------------------------------------------------------------------


def _in_force(qs: QuerySet[m.TariffYear], as_of: datetime | None) -> QuerySet[m.TariffYear]:
    if as_of is None:
        return qs.filter(superseded_at__isnull=True)
    return qs.filter(recorded_at__lte=as_of).filter(
        Q(superseded_at__isnull=True) | Q(superseded_at__gt=as_of)
    )


def tariff_year_row(year: int, *, as_of: datetime | None = None) -> m.TariffYear:
    """The version of ``year`` in force now, or as the system knew it at ``as_of``."""
    qs = m.TariffYear.objects.filter(year=year).prefetch_related("levels", "staff_mix")
    return _in_force(qs, as_of).get()


def facility_year_rows(year: int, *, as_of: datetime | None = None) -> dict[int, m.FacilityYear]:
    qs = m.FacilityYear.objects.filter(year=year).prefetch_related(
        "fixed_costs", "actuals", "carried"
    )
    if as_of is None:
        qs = qs.filter(superseded_at__isnull=True)
    else:
        qs = qs.filter(recorded_at__lte=as_of).filter(
            Q(superseded_at__isnull=True) | Q(superseded_at__gt=as_of)
        )
    return {fy.facility_id: fy for fy in qs}


def scenario_for_year(
    year: int, *, as_of: datetime | None = None, external_ids: bool = False
) -> Scenario:
    """The live data of ``year`` as one engine scenario (approved assessments only) — or, with
    ``as_of``, the data as the system knew it at that moment (rows recorded by then, versions in
    force then, assessments approved by then). Citizens are identified by their database id, or
    with ``external_ids`` by the id they were imported with (exports use that)."""
    ty = tariff_year_row(year, as_of=as_of)
    fys = facility_year_rows(year, as_of=as_of)
    facilities_qs = (  # in the order recorded: an import keeps the file's order
        m.Facility.objects.select_related("area")
        .prefetch_related("occupancy_history")
        .order_by("pk")
    )
    approved = m.Assessment.objects.filter(status=m.Assessment.Status.APPROVED)
    citizens_qs = m.Citizen.objects.order_by("pk")
    stays_qs = m.Stay.objects.select_related("facility")
    if as_of is not None:
        facilities_qs = facilities_qs.filter(recorded_at__lte=as_of)
        approved = approved.filter(approved_at__lte=as_of)
        citizens_qs = citizens_qs.filter(recorded_at__lte=as_of)
        stays_qs = stays_qs.filter(recorded_at__lte=as_of)
    facilities = tuple(facility_from_rows(f, fys.get(f.pk)) for f in facilities_qs)
    citizens = _citizens(citizens_qs, stays_qs, approved.order_by("effective_from", "pk"),
                         external_ids=external_ids)  # fmt: skip
    return Scenario(parameters_from_row(ty), facilities, citizens)


def citizens_by_pk(pks: Collection[int]) -> tuple[EngineCitizen, ...]:
    """The live citizens ``pks`` in id order, mapped exactly as :func:`scenario_for_year` maps
    them (a fixed number of queries)."""
    approved = m.Assessment.objects.filter(
        status=m.Assessment.Status.APPROVED, citizen_id__in=pks
    ).order_by("effective_from", "pk")
    return _citizens(
        m.Citizen.objects.filter(pk__in=pks).order_by("pk"),
        m.Stay.objects.filter(citizen_id__in=pks).select_related("facility"),
        approved,
        external_ids=False,
    )


# Whole-register reads as plain rows (values_list), not model instances: at national scale
# (30 000 citizens, 300 000 døgnskema lines) building model objects was most of the time.
_ENTRY_COLUMNS = (
    "assessment_id", "days", "start_minute", "end_minute", "form", "staff", "participants",
    "theme", "legal_basis", "sub_theme", "staff_category", "note",
)  # fmt: skip


def _entries(approved: QuerySet[m.Assessment]) -> dict[int, list[ScheduleEntry]]:
    """The døgnskema lines of ``approved`` by assessment id, in the order entered. Equal lines
    are one (immutable) object: standard døgnskemaer repeat across citizens."""
    same: dict[tuple[object, ...], ScheduleEntry] = {}
    days_of: dict[str, frozenset[int]] = {}
    by_assessment: dict[int, list[ScheduleEntry]] = {}
    rows = (
        m.ScheduleEntryRow.objects.filter(assessment__in=approved.values("pk"))
        .order_by("pk")
        .values_list(*_ENTRY_COLUMNS)
    )
    for row in rows.iterator(chunk_size=10_000):
        key = row[1:]
        entry = same.get(key)
        if entry is None:
            days = row[1]
            if days not in days_of:
                days_of[days] = frozenset(WEEKDAYS.index(d) for d in days.split(",") if d)
            entry = same[key] = ScheduleEntry(
                days=days_of[days],
                start=row[2],
                end=row[3],
                form=SupportForm(row[4]),
                staff=row[5],
                participants=row[6],
                theme=row[7],
                legal_basis=LegalBasis(row[8]),
                sub_theme=row[9],
                staff_category=row[10],
                note=row[11],
            )
        by_assessment.setdefault(row[0], []).append(entry)
    return by_assessment


def _citizens(
    citizens_qs: QuerySet[m.Citizen],
    stays_qs: QuerySet[m.Stay],
    approved: QuerySet[m.Assessment],
    *,
    external_ids: bool,
) -> tuple[EngineCitizen, ...]:
    """Every citizen of ``citizens_qs`` with stays and approved assessments, in a fixed number of
    queries whatever the size of the register (equal to mapping row by row)."""
    stays: dict[int, list[EngineStay]] = {}
    for cid, code, move_in, move_out in (
        stays_qs.order_by("move_in", "pk")
        .values_list("citizen_id", "facility__code", "move_in", "move_out")
        .iterator(chunk_size=10_000)
    ):
        stays.setdefault(cid, []).append(EngineStay(code, move_in, move_out))
    entries = _entries(approved)
    assessments: dict[int, list[EngineAssessment]] = {}
    for pk, cid, effective, level, amount, reason, review in approved.values_list(
        "pk", "citizen_id", "effective_from", "manual_level", "daily_amount", "reason",
        "review_date",
    ).iterator(chunk_size=10_000):  # fmt: skip
        assessments.setdefault(cid, []).append(
            EngineAssessment(
                effective_from=effective,
                entries=() if level else tuple(entries.get(pk, ())),
                level=level or None,
                daily_amount=exact_or_none(amount),
                reason=reason,
                review_date=review,
            )
        )
    return tuple(
        EngineCitizen(
            id=(code or str(pk)) if external_ids else str(pk),
            paying_municipality=paying,
            stays=tuple(stays.get(pk, ())),
            assessments=tuple(assessments.get(pk, ())),
            name=name,
        )
        for pk, code, paying, name in citizens_qs.values_list(
            "pk", "code", "paying_municipality", "name"
        ).iterator(chunk_size=10_000)
    )
