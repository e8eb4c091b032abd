"""Writes to tariff years. A change never edits a row in place: it records a new version and
supersedes the old one (ADR 0006), so a result can be recomputed as the system knew it."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressourcemodel.engine.compare import budget_changes
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.results import Result
from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.calculation.results import bump_data_version, computed
from ressourcemodel.web.common.checks import frame_changed_result
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.trial import rolled_back
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
    """Change parameters of a tariff year as a new version (SPEC §3.9). A published year is
    locked: a change to it needs a reason, and the new version is published at once (by whom
    and when is kept). The engine must accept the whole year with the new values before
    anything is kept."""
    for k in changes:
        if k not in EDITABLE:
            raise ServiceError(f"Feltet '{k}' kan ikke ændres her.")
    with transaction.atomic():
        old = m.TariffYear.objects.select_for_update().get(pk=tariff_year.pk)
        if old.superseded_at is not None:
            raise ServiceError("Takståret er ændret af en anden. Genindlæs siden.")
        published = old.status == m.TariffYear.Status.PUBLISHED
        if published and not reason.strip():
            raise ServiceError(
                "Takståret er offentliggjort og låst: en ændring bliver en ny version og kræver "
                "en begrundelse."
            )
        new = tariff_year_new_version(
            old=old, changes=changes, decisions=decisions or {}, reason=reason
        )
        if published:
            new.published_at = timezone.now()
            new.published_by = user if getattr(user, "pk", None) else None
            new.save(update_fields=["published_at", "published_by"])
        try:
            frame_changed_result(new.year)  # from the kept calculation where there is one
        except EngineError as e:
            transaction.set_rollback(True)
            raise ServiceError(str(e)) from e
        bump_data_version(frame=True)
        audit_record(
            user=user, action="tariff_year.update", obj=new, before=_values(old),
            after=_values(new),
        )  # fmt: skip
    return new


def tariff_year_publish(*, user: Any, tariff_year: m.TariffYear, version: int) -> m.TariffYear:
    """Draft → published: locked, with the date and who (SPEC §3.9)."""
    with transaction.atomic():
        ty = m.TariffYear.objects.select_for_update().get(pk=tariff_year.pk)
        if ty.superseded_at is not None or ty.version != version:
            raise ServiceError("Takståret er ændret af en anden. Genindlæs siden.")
        if ty.status == m.TariffYear.Status.PUBLISHED:
            raise ServiceError("Takståret er allerede offentliggjort.")
        before = {"status": ty.status, "version": ty.version}
        ty.status = m.TariffYear.Status.PUBLISHED
        ty.published_at = timezone.now()
        ty.published_by = user if getattr(user, "pk", None) else None
        ty.save(update_fields=["status", "published_at", "published_by"])
        audit_record(
            user=user,
            action="tariff_year.publish",
            obj=ty,
            before=before,
            after={"status": ty.status, "version": ty.version},
        )
    return ty


def tariff_year_preview(
    *, tariff_year: m.TariffYear, changes: Mapping[str, Decimal | str | None]
) -> list[tuple[str, str, Decimal, Decimal, Decimal]]:
    """Each facility's total budget now and with ``changes`` (code, name, now, after, change),
    the last row the total; nothing is saved (the change is made and rolled back)."""
    for k in changes:
        if k not in EDITABLE:
            raise ServiceError(f"Feltet '{k}' kan ikke ændres her.")
    before = computed(tariff_year.year).result  # the cached result of the data now

    def work() -> Result:
        old = m.TariffYear.objects.select_for_update().get(pk=tariff_year.pk)
        tariff_year_new_version(old=old, changes=changes, decisions={}, reason="")
        return frame_changed_result(tariff_year.year)

    try:
        after = rolled_back(work)
    except EngineError as e:
        raise ServiceError(str(e)) from e
    changes_ = budget_changes(before, after)  # the engine's differences, the total last
    return [(c.facility, c.name, c.before, c.after, c.change) for c in changes_]
