"""Writes to tariff years. A change never edits a row in place: it records a new version and
supersedes the old one (ADR 0006), so a result can be recomputed as the system knew it."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.calculation.results import bump_data_version
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.records import models as m

EDITABLE = (
    "hourly_cost",
    "indirect_share",
    "occupancy_rate",
    "overhead_rate",
    "productive_hours_per_fte",
    "tail_rule",
    "billing_tail_rule",
)


def _values(ty: m.TariffYear) -> dict[str, Any]:
    values: dict[str, Any] = {
        k: None if getattr(ty, k) is None else str(getattr(ty, k)) for k in EDITABLE
    }
    values["decisions"] = dict(ty.decisions)
    values["version"] = ty.version
    return values


def tariff_year_new_version(
    *, old: m.TariffYear, changes: Mapping[str, Any], decisions: dict[str, str], reason: str
) -> m.TariffYear:
    """Copy ``old`` (levels and staff mix too) as the next version with ``changes``, and mark
    ``old`` superseded. Call inside a transaction."""
    now = timezone.now()
    m.TariffYear.objects.filter(pk=old.pk).update(superseded_at=now)
    levels, mix = list(old.levels.all()), list(old.staff_mix.all())
    new = m.TariffYear.objects.get(pk=old.pk)
    new.pk = None
    new.version = old.version + 1
    new.superseded_at = None
    new.reason = reason
    new.decisions = {**old.decisions, **decisions}
    for k, v in changes.items():
        setattr(new, k, v)
    new.save()
    for level in levels:
        level.pk, level.tariff_year = None, new
        level.save()
    for share in mix:
        share.pk, share.tariff_year = None, new
        share.save()
    return new


def tariff_year_update(
    *,
    user: Any,
    tariff_year: m.TariffYear,
    changes: Mapping[str, Decimal | str | None],
    decisions: dict[str, str] | None = None,
    reason: str = "",
) -> m.TariffYear:
    """Change parameters of a draft tariff year (a published year is locked, SPEC §3.9).
    The engine must accept the whole year with the new values before anything is kept."""
    for k in changes:
        if k not in EDITABLE:
            raise ServiceError(f"Feltet '{k}' kan ikke ændres her.")
    with transaction.atomic():
        old = m.TariffYear.objects.select_for_update().get(pk=tariff_year.pk)
        if old.superseded_at is not None:
            raise ServiceError("Takståret er ændret af en anden. Genindlæs siden.")
        if old.status == m.TariffYear.Status.PUBLISHED:
            raise ServiceError(
                "Takståret er offentliggjort og låst; ændringer kræver en ny version."
            )
        new = tariff_year_new_version(
            old=old, changes=changes, decisions=decisions or {}, reason=reason
        )
        try:
            compute(scenario_for_year(new.year))
        except EngineError as e:
            transaction.set_rollback(True)
            raise ServiceError(str(e)) from e
        bump_data_version()
        audit_record(
            user=user, action="tariff_year.update", obj=new, before=_values(old),
            after=_values(new),
        )  # fmt: skip
    return new
