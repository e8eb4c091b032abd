"""ORM rows → engine dataclasses. Only approved assessments reach the engine."""

from __future__ import annotations

from decimal import Decimal

from ressourcemodel.engine.model import (
    WEEKDAYS,
    LegalBasis,
    Scenario,
    ScheduleEntry,
    SupportForm,
)
from ressourcemodel.engine.model import (
    Assessment as EAssessment,
)
from ressourcemodel.engine.model import (
    Citizen as ECitizen,
)
from ressourcemodel.engine.model import (
    Facility as EFacility,
)
from ressourcemodel.engine.model import (
    Stay as EStay,
)
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

from . import models as m


def _d(value: Decimal | int | None) -> Decimal | None:
    # Normalise DB decimals (e.g. 334.0000 from SQLite REAL round trips) to their exact text.
    return None if value is None else Decimal(str(value)).normalize() + 0


def parameters_from_row(ty: m.TariffYear) -> Parameters:
    levels = (
        tuple(
            LevelDef(lv.code, _d(lv.lower), _d(lv.upper), _d(lv.priced_hours))  # type: ignore[arg-type]
            for lv in ty.levels.all()
        )
        or default_levels()
    )
    mix = (
        tuple(
            StaffShare(s.category, _d(s.share), _d(s.annual_cost))  # type: ignore[arg-type]
            for s in ty.staff_mix.all()
        )
        or default_staff_mix()
    )
    return Parameters(
        year=ty.year,
        municipality_code=ty.municipality_code,
        municipality_name=ty.municipality_name,
        levels=levels,
        level_unit=LevelUnit(ty.level_unit),
        hourly_cost=_d(ty.hourly_cost),
        staff_mix=mix,
        annual_norm_hours=_d(ty.annual_norm_hours),  # type: ignore[arg-type]
        productive_hours_per_fte=_d(ty.productive_hours_per_fte),  # type: ignore[arg-type]
        indirect_share=_d(ty.indirect_share),  # type: ignore[arg-type]
        occupancy_rate=_d(ty.occupancy_rate),  # type: ignore[arg-type]
        occupancy_min=_d(ty.occupancy_min),  # type: ignore[arg-type]
        occupancy_max=_d(ty.occupancy_max),  # type: ignore[arg-type]
        overhead_rate=_d(ty.overhead_rate),  # type: ignore[arg-type]
        tail_rule=TailRule(ty.tail_rule),
        billing_tail_rule=TailRule(ty.billing_tail_rule),
        level_change_rule=LevelChangeRule(ty.level_change_rule),
    )


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


def assessment_from_row(a: m.Assessment) -> EAssessment:
    return EAssessment(
        effective_from=a.effective_from,
        entries=tuple(entry_from_row(e) for e in a.entries.all()) if not a.manual_level else (),
        level=a.manual_level or None,
        daily_amount=_d(a.daily_amount),
        reason=a.reason,
        review_date=a.review_date,
    )


def facility_from_rows(f: m.Facility, fy: m.FacilityYear | None) -> EFacility:
    fixed = tuple((c.category, _d(c.amount)) for c in fy.fixed_costs.all()) if fy else ()
    actuals = tuple((a.month, _d(a.amount)) for a in fy.actuals.all()) if fy else ()
    return EFacility(
        id=f.code,
        name=f.name,
        area=f.area.name,
        places=f.places,
        fixed_costs=fixed,  # type: ignore[arg-type]
        occupancy_rate=_d(fy.occupancy_rate) if fy else None,
        occupancy_history=tuple((h.year, _d(h.rate)) for h in f.occupancy_history.all()),  # type: ignore[misc]
        regulation=_d(fy.regulation) if fy else Decimal(0),  # type: ignore[arg-type]
        actual_fte=_d(fy.actual_fte) if fy else None,
        actuals=actuals,  # type: ignore[arg-type]
        old_budget=_d(fy.old_budget) if fy else None,
        previous_budget=_d(fy.previous_budget) if fy else None,
    )


def scenario_for_year(year: int) -> Scenario:
    """The live data of ``year`` as one engine scenario (approved assessments only)."""
    ty = m.TariffYear.objects.prefetch_related("levels", "staff_mix").get(year=year)
    fys = {
        fy.facility_id: fy
        for fy in m.FacilityYear.objects.filter(year=year).prefetch_related(
            "fixed_costs", "actuals"
        )
    }
    facilities = tuple(
        facility_from_rows(f, fys.get(f.pk))
        for f in m.Facility.objects.select_related("area").prefetch_related("occupancy_history")
    )
    approved = m.Assessment.objects.filter(status=m.Assessment.Status.APPROVED).order_by(
        "effective_from"
    )
    citizens = []
    qs = m.Citizen.objects.prefetch_related(
        "stays__facility",
        models_prefetch("assessments", approved),
        "assessments__entries",
    ).order_by("pk")
    for c in qs:
        stays = tuple(EStay(s.facility.code, s.move_in, s.move_out) for s in c.stays.all())
        if not stays:
            continue
        citizens.append(
            ECitizen(
                id=str(c.pk),
                paying_municipality=c.paying_municipality,
                stays=stays,
                assessments=tuple(assessment_from_row(a) for a in c.assessments.all()),
                name=c.name,
            )
        )
    return Scenario(parameters_from_row(ty), facilities, tuple(citizens))


def models_prefetch(lookup: str, queryset: object) -> object:
    from django.db.models import Prefetch

    return Prefetch(lookup, queryset=queryset)  # type: ignore[arg-type]
