"""Backup, restore and GDPR housekeeping. Each operation is all-or-nothing."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Model, Q

from ressourcemodel.scenario.dump import entry_to_dict

from .audit.models import AccessLog, AuditLog
from .audit.services import audit_record
from .calculation.mappers import entries_of
from .calculation.results import bump_data_version, data_version
from .records import models as m

APPS = ["accounts", "audit", "care"]


def backup(path: str | Path) -> int:
    """Write every row of the product's tables to a JSON file (gzip when it ends in .gz).
    Works the same on SQLite and PostgreSQL. Returns the number of objects written."""
    buf = io.StringIO()
    call_command("dumpdata", *APPS, format="json", indent=None, stdout=buf)
    text = buf.getvalue()
    p = Path(path)
    data = gzip.compress(text.encode("utf-8")) if p.suffix == ".gz" else text.encode("utf-8")
    # Names, schedules, ratings and password hashes: readable by the owner only.
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        os.fchmod(fh.fileno(), 0o600)
        fh.write(data)
    return len(json.loads(text))


DATA_MODELS: tuple[type[Model], ...] = (
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
    m.InvoiceMark,
    m.WhatIf,
    m.DataVersion,
)


def restore(path: str | Path, *, user: Any = None) -> int:
    """Replace the data with the backup's, in one transaction: on any error nothing changes.

    The audit trail and the access log are never replaced: the file's rows are added to the
    ones here (those already present are skipped), and the restore writes its own audit row.
    Users in the file are restored; users not in it are deactivated, not deleted (their audit
    rows keep pointing at them). On PostgreSQL the id sequences are reset afterwards."""
    p = Path(path)
    raw = p.read_bytes()
    text = gzip.decompress(raw).decode("utf-8") if p.suffix == ".gz" else raw.decode("utf-8")
    objects = list(serializers.deserialize("json", text))  # parse fully before touching data
    from axes.models import AccessAttempt

    from .accounts.models import ApiToken, User

    trail = [o.object for o in objects if isinstance(o.object, AuditLog | AccessLog)]
    data = [o for o in objects if not isinstance(o.object, AuditLog | AccessLog)]
    with transaction.atomic():
        version = data_version()  # the file's version may be older: versions never go back
        models: tuple[type[Model], ...] = (*DATA_MODELS, AccessAttempt, ApiToken)
        for model in models:
            model._default_manager.all()._raw_delete(model._default_manager.db)
        m.Facility.objects.all().delete()
        m.Area.objects.all().delete()
        kept = {u.pk for u in (o.object for o in data) if isinstance(u, User)}
        User.objects.exclude(pk__in=kept).update(is_active=False)
        for obj in data:
            obj.save()
        added = _append_trail(trail)
        _reset_sequences()
        m.DataVersion.objects.update_or_create(
            pk=1, defaults={"number": max(version, data_version())}
        )
        bump_data_version()  # everything: a process behind this maps the whole year
        digest = hashlib.sha256(raw).hexdigest()
        audit_record(user=user, action="backup.restore", obj=m.DataVersion.objects.get(pk=1),
                     before=None, after={"file": p.name, "sha256": digest,
                                         "rows": len(data), "trail_rows_added": added})  # fmt: skip
    return len(objects)


def _append_trail(rows: list[Any]) -> int:
    """Add the file's audit and access rows that are not here already, as new rows."""
    added = 0
    for row in rows:
        model = type(row)
        key = (
            {"at": row.at, "action": row.action, "object_type": row.object_type,
             "object_id": row.object_id}
            if isinstance(row, AuditLog)
            else {"at": row.at, "citizen_id": row.citizen_id, "what": row.what}
        )  # fmt: skip
        if not model.objects.filter(**key).exists():
            row.pk = None
            if (
                row.user_id is not None
                and not get_user_model().objects.filter(pk=row.user_id).exists()
            ):
                row.user_id = None
            row.save()
            added += 1
    return added


def _reset_sequences() -> None:
    """After rows were saved with their ids, the next id must come after them (PostgreSQL)."""
    from django.apps import apps

    models = [mdl for app in APPS for mdl in apps.get_app_config(app).get_models()]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


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
