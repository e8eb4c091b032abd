"""Backup, restore and GDPR housekeeping. Each operation is all-or-nothing."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max, Q

from ressourcemodel.scenario.dump import entry_to_dict

from .audit.models import AccessLog, AuditLog
from .audit.services import audit_record
from .calculation.mappers import entries_of
from .calculation.results import bump_data_version
from .records import models as m

APPS = ["accounts", "audit", "care"]


def backup(path: str | Path) -> int:
    """Write every row of the product's tables to a JSON file (gzip when it ends in .gz).
    Works the same on SQLite and PostgreSQL. Returns the number of objects written."""
    buf = io.StringIO()
    call_command("dumpdata", *APPS, format="json", indent=None, stdout=buf)
    text = buf.getvalue()
    p = Path(path)
    if p.suffix == ".gz":
        p.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        p.write_text(text, encoding="utf-8")
    return len(json.loads(text))


def restore(path: str | Path) -> int:
    """Replace all data with the backup's, in one transaction: on any error nothing changes."""
    p = Path(path)
    raw = p.read_bytes()
    text = gzip.decompress(raw).decode("utf-8") if p.suffix == ".gz" else raw.decode("utf-8")
    objects = list(serializers.deserialize("json", text))  # parse fully before touching data
    with transaction.atomic():
        for model in (
            AccessLog,
            AuditLog,
            m.VumRating,
            m.ScheduleEntryRow,
            m.Assessment,
            m.Stay,
            m.Citizen,
            m.MonthlyActual,
            m.FixedCost,
            m.CarriedResult,
            m.FacilityYear,
            m.OccupancyHistory,
            m.LevelRow,
            m.StaffShareRow,
            m.TariffYear,
            m.DataVersion,
        ):
            model.objects.all()._raw_delete(model.objects.db)
        from .accounts.models import LoginFailure, User

        LoginFailure.objects.all().delete()
        User.objects.all().delete()
        m.Facility.objects.all().delete()
        m.Area.objects.all().delete()
        for obj in objects:
            obj.save()
        bump_data_version()
    return len(objects)


def anonymise(*, years: int, today: date, user: Any = None) -> list[int]:
    """Anonymise citizens whose last stay ended more than ``years`` years before ``today`` and
    who have no ongoing stay. Stays, levels and amounts stay (budgets of closed years must still
    add up); name, CPR and free text are removed. One audit row per citizen."""
    cutoff = today - timedelta(days=round(365.25 * years))
    qs = (
        m.Citizen.objects.annotate(last=Max("stays__move_out"))
        .filter(last__lt=cutoff)
        .exclude(stays__move_out__isnull=True)
        .exclude(name__startswith="Anonymiseret")
    )
    ids = list(qs.values_list("pk", flat=True))
    done: list[int] = []
    with transaction.atomic():
        # PostgreSQL allows no FOR UPDATE with an aggregate: lock the chosen rows by id.
        for c in m.Citizen.objects.filter(pk__in=ids).select_for_update():
            before = {"name": "(skjult)", "cpr": "(skjult)"}
            c.name = f"Anonymiseret borger {c.pk}"
            c.cpr = ""
            c.save()
            m.ScheduleEntryRow.objects.filter(assessment__citizen=c).update(note="")
            m.Assessment.objects.filter(citizen=c).update(assessor="", goal_type="")
            bump_data_version()
            audit_record(
                user=user,
                action="citizen.anonymise",
                obj=c,
                before=before,
                after={"name": c.name, "cpr": ""},
            )
            done.append(c.pk)
    return done


def citizen_export(citizen_id: int) -> dict[str, Any]:
    """Everything stored about one citizen (indsigt, GDPR art. 15)."""
    c = m.Citizen.objects.get(pk=citizen_id)
    assessments = []
    for a in c.assessments.prefetch_related("entries", "ratings").order_by("effective_from"):
        assessments.append(
            {
                "effective_from": a.effective_from.isoformat(),
                "status": a.status,
                "manual_level": a.manual_level,
                "daily_amount": None if a.daily_amount is None else str(a.daily_amount),
                "reason": a.reason,
                "goal_type": a.goal_type,
                "assessor": a.assessor,
                "recorded_at": a.recorded_at.isoformat(),
                "entries": [entry_to_dict(e) for e in entries_of(a)],
                "vum": {
                    r.theme: {"funktionsevne": r.function_level, "stoettebehov": r.support_level}
                    for r in a.ratings.all()
                },
            }
        )
    ids = [str(c.pk)] + [str(a.pk) for a in c.assessments.all()]
    return {
        "citizen": {
            "id": c.pk,
            "name": c.name,
            "cpr": c.cpr,
            "paying_municipality": c.paying_municipality,
            "recorded_at": c.recorded_at.isoformat(),
        },
        "stays": [
            {
                "facility": s.facility.name,
                "move_in": s.move_in.isoformat(),
                "move_out": s.move_out.isoformat() if s.move_out else None,
            }
            for s in c.stays.select_related("facility")
        ],
        "assessments": assessments,
        "changes": [
            {
                "at": a.at.isoformat(),
                "user": a.user.username if a.user else None,
                "action": a.action,
                "object": f"{a.object_type} {a.object_id}",
            }
            for a in AuditLog.objects.filter(
                Q(object_type="Citizen", object_id=str(c.pk))
                | Q(object_type="Assessment", object_id__in=ids[1:])
            )
        ],
        "views": [
            {"at": v.at.isoformat(), "user": v.user.username if v.user else None, "page": v.what}
            for v in AccessLog.objects.filter(citizen_id=str(c.pk))
        ],
    }
