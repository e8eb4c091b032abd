"""Writes to facilities: create, edit (places, legal basis, night cover and the year's fixed cost
lines) and the year's monthly actuals. Each is one transaction with one audit row; a year's
figures are never edited in place but kept as a new facility-year version (ADR 0006); the engine
must accept the whole year before anything is kept."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressourcemodel.engine.model import FIXED_COST_CATEGORIES
from ressourcemodel.engine.model import Facility as EngineFacility
from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.calculation import mappers, writers
from ressourcemodel.web.calculation.results import bump_data_version
from ressourcemodel.web.common.checks import engine_accepts_frame
from ressourcemodel.web.common.errors import ServiceError, StaleError
from ressourcemodel.web.records import models as m

MAX_PLACES = 1000


@dataclass(frozen=True)
class FacilityInput:
    name: str
    area: str
    places: int
    legal_basis: str
    night_cover: str
    fixed_costs: dict[str, Decimal]  # category → annual kroner (0 or absent: no line)


def _check(data: FacilityInput) -> None:
    if not data.name.strip() or len(data.name) > 120:
        raise ServiceError("Navnet skal udfyldes (højst 120 tegn).")
    if not data.area.strip() or len(data.area) > 100:
        raise ServiceError("Området skal udfyldes (højst 100 tegn).")
    if not 1 <= data.places <= MAX_PLACES:
        raise ServiceError(f"Pladser skal være mellem 1 og {MAX_PLACES}.")
    if data.night_cover not in m.Facility.NightCover.values:
        raise ServiceError("Vælg en nattevagtsform.")
    if len(data.legal_basis) > 40:
        raise ServiceError("Lovgrundlaget må højst være 40 tegn.")
    for k, v in data.fixed_costs.items():
        if k not in FIXED_COST_CATEGORIES:
            raise ServiceError(f"Ukendt udgiftskategori '{k[:40]}'.")
        if not Decimal(0) <= v <= Decimal(10) ** 10:
            raise ServiceError("En fast udgift skal være mellem 0 og 10.000.000.000 kr.")


def save_year(row: m.Facility, f: EngineFacility, year: int) -> m.FacilityYear:
    """``f``'s figures for ``year`` as the next version; the current one is superseded."""
    current = m.FacilityYear.objects.select_for_update().filter(
        facility=row, year=year, superseded_at__isnull=True
    )
    old = current.first()
    if old is not None:
        current.update(superseded_at=timezone.now())
    fy = writers.facility_year_from_engine(f, row, year, (old.version + 1) if old else 1)
    fy.save()
    for child in writers.facility_year_children(f, fy):
        child.save()
    return fy


def _lines(fixed: dict[str, Decimal]) -> tuple[tuple[str, Decimal], ...]:
    return tuple((k, fixed[k]) for k in FIXED_COST_CATEGORIES if fixed.get(k))


def _snapshot(row: m.Facility, fy: m.FacilityYear | None) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "area": row.area.name,
        "places": row.places,
        "legal_basis": row.legal_basis,
        "night_cover": row.night_cover,
        "year_version": fy.version if fy else None,
        "fixed_costs": {c.category: str(c.amount) for c in fy.fixed_costs.all()} if fy else {},
        "actuals": {a.month: str(a.amount) for a in fy.actuals.all()} if fy else {},
    }


def facility_create(*, user: Any, code: str, data: FacilityInput, year: int) -> m.Facility:
    code = code.strip()
    if not code or len(code) > 20 or not code.replace("-", "").replace("_", "").isalnum():
        raise ServiceError("Koden skal være 1–20 bogstaver eller tal (fx T16).")
    _check(data)
    with transaction.atomic():
        if m.Facility.objects.filter(code=code).exists():
            raise ServiceError(f"Der findes allerede et tilbud med koden {code}.")
        area, _ = m.Area.objects.get_or_create(name=data.area.strip())
        row = m.Facility.objects.create(
            code=code, name=data.name.strip(), area=area, places=data.places,
            legal_basis=data.legal_basis.strip() or "SEL §108", night_cover=data.night_cover,
        )  # fmt: skip
        f = EngineFacility(code, row.name, area.name, row.places, _lines(data.fixed_costs))
        fy = save_year(row, f, year)
        engine_accepts_frame(year)
        bump_data_version(frame=True)
        audit_record(
            user=user, action="facility.create", obj=row, before=None, after=_snapshot(row, fy)
        )
    return row


def facility_update(
    *, user: Any, row: m.Facility, data: FacilityInput, year: int, version: int
) -> m.Facility:
    """Edit a facility and its fixed cost lines for ``year``; ``version`` is the facility
    year's version the form was shown with (optimistic locking)."""
    _check(data)
    with transaction.atomic():
        row = m.Facility.objects.select_for_update().select_related("area").get(pk=row.pk)
        fy = m.FacilityYear.objects.filter(facility=row, year=year, superseded_at__isnull=True)
        current = fy.first()
        if (current.version if current else 0) != version:
            raise StaleError("Tilbuddet er ændret af en anden. Genindlæs siden.")
        before = _snapshot(row, current)
        area, _ = m.Area.objects.get_or_create(name=data.area.strip())
        row.name, row.area, row.places = data.name.strip(), area, data.places
        row.legal_basis = data.legal_basis.strip() or row.legal_basis
        row.night_cover = data.night_cover
        row.save()
        f = replace(
            mappers.facility_from_rows(row, current),
            name=row.name, area=area.name, places=row.places,
            fixed_costs=_lines(data.fixed_costs),
        )  # fmt: skip
        new = save_year(row, f, year)
        engine_accepts_frame(year)
        bump_data_version(frame=True)
        audit_record(
            user=user, action="facility.update", obj=row, before=before, after=_snapshot(row, new)
        )
    return row


def facility_actuals(
    *, user: Any, row: m.Facility, year: int, version: int, actuals: dict[int, Decimal]
) -> m.FacilityYear:
    """The year's monthly actual spending (months without a figure are left out)."""
    for month, amount in actuals.items():
        if not 1 <= month <= 12:
            raise ServiceError("Måneden skal være 1–12.")
        if not -(Decimal(10) ** 10) <= amount <= Decimal(10) ** 10:
            raise ServiceError(f"Forbruget for måned {month} er uden for det mulige.")
    with transaction.atomic():
        qs = m.FacilityYear.objects.select_for_update().filter(
            facility=row, year=year, superseded_at__isnull=True
        )
        current = qs.first()
        if current is None:
            raise ServiceError(f"Tilbuddet har ingen tal for {year}.")
        if current.version != version:
            raise StaleError("Forbruget er ændret af en anden. Genindlæs siden.")
        before = _snapshot(row, current)
        f = replace(
            mappers.facility_from_rows(row, current), actuals=tuple(sorted(actuals.items()))
        )
        new = save_year(row, f, year)
        engine_accepts_frame(year)
        bump_data_version(frame=True)
        audit_record(
            user=user, action="facility.actuals", obj=row, before=before, after=_snapshot(row, new)
        )
    return new


def facility_old_budgets(*, user: Any, year: int, budgets: dict[str, Decimal | None]) -> int:
    """The old model's budget per facility for ``year`` (for phase-in, SPEC §3.8); each changed
    facility year is kept as a new version. Returns the number changed."""
    for code, v in budgets.items():
        if v is not None and not Decimal(0) <= v <= Decimal(10) ** 10:
            raise ServiceError(f"Det gamle budget for {code} er uden for det mulige.")
    changed: dict[str, list[str | None]] = {}
    with transaction.atomic():
        rows = {f.code: f for f in m.Facility.objects.select_related("area")}
        for code, value in budgets.items():
            row = rows.get(code)
            if row is None:
                raise ServiceError(f"Tilbuddet {code[:20]} findes ikke.")
            current = m.FacilityYear.objects.filter(
                facility=row, year=year, superseded_at__isnull=True
            ).first()
            if current is None or current.old_budget == value:
                continue
            f = replace(mappers.facility_from_rows(row, current), old_budget=value)
            save_year(row, f, year)
            changed[code] = [
                None if current.old_budget is None else str(current.old_budget),
                None if value is None else str(value),
            ]
        if changed:
            engine_accepts_frame(year)
            bump_data_version(frame=True)
            audit_record(
                user=user, action="facility.old_budgets", obj=mappers.tariff_year_row(year),
                before=None,
                after={"year": year, "changed": changed},
            )  # fmt: skip
    return len(changed)
