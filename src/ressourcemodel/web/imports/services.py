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
from ressourcemodel.web.calculation import mappers, writers
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
            facility=row, year=y, rate=writers.fits(r, "rate", m.OccupancyHistory, f.id)
        )
        for y, r in f.occupancy_history
    )
    current = m.FacilityYear.objects.filter(facility=row, year=year, superseded_at__isnull=True)
    version = 1
    if (old := current.first()) is not None:
        current.update(superseded_at=timezone.now())
        version = old.version + 1
    fy = writers.facility_year_from_engine(f, row, year, version)
    fy.save()
    for child in writers.facility_year_children(f, fy):
        child.save()


def _existing_citizens(ids: list[str]) -> dict[str, m.Citizen]:
    """The citizens an export calls by these ids: their import code, or for a citizen created
    in the product (no code) the database id (``Citizen.external_id``)."""
    found = {c.code: c for c in m.Citizen.objects.filter(code__in=ids)}
    numbers = [int(i) for i in ids if i not in found and i.isdigit() and len(i) < 12]
    for start in range(0, len(numbers), 500):
        for c in m.Citizen.objects.filter(code="", pk__in=numbers[start : start + 500]):
            found[str(c.pk)] = c
    return found


def _citizen_rows(citizens: tuple[Citizen, ...], summary: ImportSummary) -> dict[str, m.Citizen]:
    """Create or update the file's citizens in a few statements; an updated citizen's stays and
    assessments are replaced by the file's."""
    existing = _existing_citizens([c.id for c in citizens])
    new: list[m.Citizen] = []
    for c in citizens:
        if len(c.id) > 40:
            raise ServiceError(f"Borger '{c.id[:40]}…': id må højst være 40 tegn.")
        name = _text(c.name or c.id, 120, f"Borger {c.id}: navnet")
        row = existing.get(c.id)
        if row is None:
            new.append(m.Citizen(code=c.id, name=name, paying_municipality=c.paying_municipality))
        else:
            row.name, row.paying_municipality = name, c.paying_municipality
    updated = list(existing.values())
    m.Citizen.objects.bulk_update(updated, ["name", "paying_municipality"], batch_size=500)
    for start in range(0, len(updated), 500):
        part = [c.pk for c in updated[start : start + 500]]
        m.Stay.objects.filter(citizen_id__in=part).delete()
        m.Assessment.objects.filter(citizen_id__in=part).delete()
    m.Citizen.objects.bulk_create(new, batch_size=500)
    summary.created["borgere"] += len(new)
    summary.updated["borgere"] += len(updated)
    return {**existing, **{c.code: c for c in new}}


def _citizens(citizens: tuple[Citizen, ...], codes: dict[str, m.Facility],
              summary: ImportSummary) -> None:  # fmt: skip
    rows = _citizen_rows(citizens, summary)
    m.Stay.objects.bulk_create(
        (
            m.Stay(
                citizen=rows[c.id],
                facility=codes[s.facility],
                move_in=s.move_in,
                move_out=s.move_out,
            )
            for c in citizens
            for s in c.stays
        ),
        batch_size=500,
    )
    now = timezone.now()
    pairs = [(a, writers.assessment_from_engine(a, rows[c.id], now)) for c in citizens
             for a in c.assessments]  # fmt: skip
    m.Assessment.objects.bulk_create([row for _, row in pairs], batch_size=500)
    m.ScheduleEntryRow.objects.bulk_create(
        (mappers.entry_to_row(e, row) for a, row in pairs for e in a.entries), batch_size=1000
    )
    summary.created["vurderinger"] += len(pairs)


def scenario_import(
    *,
    user: Any,
    scenario: Scenario,
    replace: bool = False,
    source: str = "",
    digest: str = "",
    checked: bool = False,
) -> ImportSummary:
    """Load ``scenario`` for its year in one transaction; on any error nothing is saved.
    ``checked``: the engine has already accepted this very scenario (a workbook's reader)."""
    try:
        if not checked:
            compute(scenario)  # the engine must accept the whole scenario first
    except EngineError as e:
        raise ServiceError(str(e)) from e
    p = scenario.parameters
    summary = ImportSummary(year=p.year)
    try:
        with transaction.atomic():
            ty = writers.tariff_year_from_parameters(
                p, version=_supersede_year(p.year, replace), reason=f"Import af {source}"[:500]
            )
            ty.save()
            for row in writers.parameter_rows(p, ty):
                row.save()
            for f in scenario.facilities:
                _facility(f, p.year, summary)
            codes = {f.code: f for f in m.Facility.objects.all()}
            _citizens(scenario.citizens, codes, summary)
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
