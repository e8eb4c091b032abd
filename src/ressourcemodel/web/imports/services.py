"""Import a whole scenario (SPEC §4) into the database for its year: all or nothing.

Keyed by the ids in the file: a facility by its code, a citizen by the id it was imported with.
Without ``replace`` the year must be new. With ``replace`` the year's tariff year and the file's
facilities' year rows get new versions (the old ones are kept, superseded), and the file's
citizens get the file's stays and assessments; what the file does not name is left as it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.model import Citizen, Facility, Scenario
from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.calculation import mappers
from ressourcemodel.web.calculation.results import bump_data_version
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.records import models as m


@dataclass
class ImportSummary:
    year: int
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    untouched_citizens: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "created": dict(self.created),
            "updated": dict(self.updated),
            "untouched_citizens": self.untouched_citizens,
        }


def _text(value: str, limit: int, what: str) -> str:
    if len(value) > limit:
        raise ServiceError(f"{what} må højst være {limit} tegn.")
    return value


def _supersede_year(year: int, replace: bool) -> int:
    """The version number for the imported tariff year; the current one is superseded."""
    current = m.TariffYear.objects.filter(year=year, superseded_at__isnull=True).first()
    if current is None:
        return 1
    if not replace:
        raise ServiceError(
            f"Takståret {year} findes allerede i databasen; brug --replace for at erstatte det."
        )
    m.TariffYear.objects.filter(pk=current.pk).update(superseded_at=timezone.now())
    return current.version + 1


def _facility(f: Facility, year: int, summary: ImportSummary) -> None:
    if len(f.id) > 20:
        raise ServiceError(f"Tilbud '{f.id[:30]}': id må højst være 20 tegn.")
    area, _ = m.Area.objects.get_or_create(name=_text(f.area, 100, f"Tilbud {f.id}: området"))
    name = _text(f.name or f.id, 120, f"Tilbud {f.id}: navnet")
    row, created = m.Facility.objects.update_or_create(
        code=f.id, defaults={"name": name, "area": area, "places": f.places}
    )
    (summary.created if created else summary.updated)["tilbud"] += 1
    m.OccupancyHistory.objects.filter(facility=row).delete()
    m.OccupancyHistory.objects.bulk_create(
        m.OccupancyHistory(
            facility=row, year=y, rate=mappers.fits(r, "rate", m.OccupancyHistory, f.id)
        )
        for y, r in f.occupancy_history
    )
    current = m.FacilityYear.objects.filter(facility=row, year=year, superseded_at__isnull=True)
    version = 1
    if (old := current.first()) is not None:
        current.update(superseded_at=timezone.now())
        version = old.version + 1
    fy = mappers.facility_year_from_engine(f, row, year, version)
    fy.save()
    for child in mappers.facility_year_children(f, fy):
        child.save()


def _existing_citizen(external_id: str) -> m.Citizen | None:
    """The citizen an export calls ``external_id``: its import code, or for a citizen created in
    the product (no code) its database id (``Citizen.external_id``)."""
    row = m.Citizen.objects.filter(code=external_id).first()
    if row is None and external_id.isdigit() and len(external_id) < 12:
        row = m.Citizen.objects.filter(code="", pk=int(external_id)).first()
    return row


def _citizen(c: Citizen, codes: dict[str, m.Facility], summary: ImportSummary) -> None:
    if len(c.id) > 40:
        raise ServiceError(f"Borger '{c.id[:40]}…': id må højst være 40 tegn.")
    name = _text(c.name or c.id, 120, f"Borger {c.id}: navnet")
    row = _existing_citizen(c.id)
    created = row is None
    if row is None:
        row = m.Citizen.objects.create(
            code=c.id, name=name, paying_municipality=c.paying_municipality
        )
    else:
        row.name = name
        row.paying_municipality = c.paying_municipality
        row.save()
        row.stays.all().delete()
        row.assessments.all().delete()
    (summary.created if created else summary.updated)["borgere"] += 1
    m.Stay.objects.bulk_create(
        m.Stay(citizen=row, facility=codes[s.facility], move_in=s.move_in, move_out=s.move_out)
        for s in c.stays
    )
    now = timezone.now()
    for a in c.assessments:
        arow = mappers.assessment_from_engine(a, row, now)
        arow.save()
        m.ScheduleEntryRow.objects.bulk_create(mappers.entry_to_row(e, arow) for e in a.entries)
        summary.created["vurderinger"] += 1


def scenario_import(
    *, user: Any, scenario: Scenario, replace: bool = False, source: str = "", digest: str = ""
) -> ImportSummary:
    """Load ``scenario`` for its year in one transaction; on any error nothing is saved."""
    try:
        compute(scenario)  # the engine must accept the whole scenario first
    except EngineError as e:
        raise ServiceError(str(e)) from e
    p = scenario.parameters
    summary = ImportSummary(year=p.year)
    try:
        with transaction.atomic():
            ty = mappers.tariff_year_from_parameters(
                p, version=_supersede_year(p.year, replace), reason=f"Import af {source}"[:500]
            )
            ty.save()
            for row in mappers.parameter_rows(p, ty):
                row.save()
            for f in scenario.facilities:
                _facility(f, p.year, summary)
            codes = {f.code: f for f in m.Facility.objects.all()}
            for c in scenario.citizens:
                _citizen(c, codes, summary)
            named = {c.id for c in scenario.citizens}
            summary.untouched_citizens = m.Citizen.objects.exclude(code__in=named).count()
            bump_data_version()
            audit_record(
                user=user,
                action="scenario.import",
                obj=ty,
                before=None,
                after={"file": source, "sha256": digest, **summary.as_dict()},
            )
    except ValueError as e:
        raise ServiceError(str(e)) from e
    return summary
