"""Small factories for tests that need their own data instead of the demo municipality.
Each builds rows through the ORM exactly as the services store them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from ressourcemodel.web.calculation.results import bump_data_version
from ressourcemodel.web.records import models as m


def tariff_year(year: int, *, hourly_cost: str | None = "334.00", **fields: object) -> m.TariffYear:
    bump_data_version()
    return m.TariffYear.objects.create(
        year=year, hourly_cost=None if hourly_cost is None else Decimal(hourly_cost), **fields
    )


def facility(
    code: str, *, year: int, places: int = 10, area: str = "Testområde", fixed: str = "1000000"
) -> m.Facility:
    bump_data_version()
    f = m.Facility.objects.create(
        code=code, name=f"Tilbud {code}", area=m.Area.objects.get_or_create(name=area)[0],
        places=places,
    )  # fmt: skip
    fy = m.FacilityYear.objects.create(facility=f, year=year, occupancy_rate=Decimal("0.97"))
    m.FixedCost.objects.create(facility_year=fy, category="nattevagt", amount=Decimal(fixed))
    return f


def citizen(
    name: str,
    *,
    at: m.Facility,
    move_in: date,
    hours_per_weekday: int = 2,
    paying: str = "707",
    move_out: date | None = None,
) -> m.Citizen:
    """A citizen with one stay and an approved døgnskema of ``hours_per_weekday`` individual
    hours every day from 08:00."""
    bump_data_version()
    c = m.Citizen.objects.create(name=name, paying_municipality=paying)
    m.Stay.objects.create(citizen=c, facility=at, move_in=move_in, move_out=move_out)
    a = m.Assessment.objects.create(
        citizen=c,
        effective_from=move_in,
        status=m.Assessment.Status.APPROVED,
        approved_at=timezone.now(),
    )
    m.ScheduleEntryRow.objects.create(
        assessment=a,
        days="mon,tue,wed,thu,fri,sat,sun",
        start_minute=8 * 60,
        end_minute=(8 + hours_per_weekday) * 60,
        sub_theme="Personlig hygiejne",
        staff_category="socialpædagog",
        note="Mål: selvstændig morgenrutine",
    )
    return c
