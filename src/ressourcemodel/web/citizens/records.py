"""Writes to citizens and their stays: a new citizen with a move-in and a provisional level, a
move to another facility, a move-out or a death, and a new døgnskema from a copy of the current
one. Myndighed decides these. Each is one transaction with one audit row; the engine must accept
the whole year before anything is kept (every stay needs an approved level, SPEC §3.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressourcemodel.cpr import mask_cpr, validate_cpr
from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.calculation import mappers
from ressourcemodel.web.calculation.results import bump_data_version
from ressourcemodel.web.common.checks import engine_accepts_citizens
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.records import models as m

END_REASONS = dict(m.Stay.END_REASONS)


@dataclass(frozen=True)
class NewCitizen:
    name: str
    cpr: str  # may be empty: "CPR mangler" until it is known
    paying_municipality: str
    facility: str  # code
    move_in: date
    level: str  # the provisional level until the døgnskema is approved
    reason: str


def _stay(s: m.Stay) -> dict[str, Any]:
    return {
        "facility": s.facility.code,
        "move_in": s.move_in.isoformat(),
        "move_out": s.move_out.isoformat() if s.move_out else None,
        "end_reason": s.end_reason,
    }


def _facility(code: str) -> m.Facility:
    f = m.Facility.objects.filter(code=code).first()
    if f is None:
        raise ServiceError("Vælg et tilbud.")
    return f


def citizen_create(*, user: Any, data: NewCitizen) -> m.Citizen:
    if not data.name.strip() or len(data.name) > 120:
        raise ServiceError("Navnet skal udfyldes (højst 120 tegn).")
    if len(data.paying_municipality) != 3 or not data.paying_municipality.isdigit():
        raise ServiceError("Betalingskommunen skal være et kommunenummer med 3 cifre, fx 707.")
    levels = set(m.LevelRow.objects.values_list("code", flat=True))
    if data.level not in levels:
        raise ServiceError("Vælg et foreløbigt niveau.")
    cpr = ""
    if data.cpr.strip():
        try:
            cpr = validate_cpr(data.cpr)
        except ValueError as e:
            raise ServiceError(str(e)) from None
    with transaction.atomic():
        if cpr and m.Citizen.objects.by_cpr(cpr).exists():
            raise ServiceError("Der findes allerede en borger med det CPR-nummer.")
        c = m.Citizen(name=data.name.strip(), paying_municipality=data.paying_municipality)
        if cpr:
            c.cpr = cpr  # encrypted with its look-up hash (ADR 0005)
        c.save()
        stay = m.Stay.objects.create(
            citizen=c, facility=_facility(data.facility), move_in=data.move_in
        )
        m.Assessment.objects.create(
            citizen=c, effective_from=data.move_in, status=m.Assessment.Status.APPROVED,
            manual_level=data.level, reason=data.reason.strip()[:500] or "Foreløbigt niveau",
            approved_at=timezone.now(), approved_by=user if getattr(user, "pk", None) else None,
        )  # fmt: skip
        engine_accepts_citizens([c.pk], since=None)  # a new level: priced in every year
        bump_data_version(citizens=[c.pk])
        audit_record(
            user=user, action="citizen.create", obj=c, before=None,
            after={"name": c.name, "cpr": mask_cpr(cpr) if cpr else "", "stay": _stay(stay),
                   "level": data.level, "paying_municipality": c.paying_municipality},
        )  # fmt: skip
    return c


def stay_move_in(*, user: Any, citizen: m.Citizen, facility: str, move_in: date) -> m.Stay:
    """A move to a facility (a new stay); a stay still open before it ends the day before."""
    with transaction.atomic():
        _lock_stays_of(citizen.pk)
        open_ = list(
            m.Stay.objects.select_for_update().filter(citizen=citizen, move_out__isnull=True)
        )
        for s in open_:
            if s.move_in >= move_in:
                raise ServiceError(
                    f"Indflytningen skal ligge efter det nuværende ophold ({s.move_in:%d-%m-%Y})."
                )
        before = [_stay(s) for s in open_]
        for s in open_:
            s.move_out = date.fromordinal(move_in.toordinal() - 1)
            s.end_reason = "fraflytning"
            s.save()
        stay = m.Stay.objects.create(citizen=citizen, facility=_facility(facility), move_in=move_in)
        # the stays closed end the day before: that day's year is touched too
        since = date.fromordinal(move_in.toordinal() - 1) if open_ else move_in
        engine_accepts_citizens([citizen.pk], since=since)
        bump_data_version(citizens=[citizen.pk])
        audit_record(
            user=user, action="stay.move_in", obj=stay, before={"open": before},
            after=_stay(stay),
        )  # fmt: skip
    return stay


def _lock_stays_of(citizen_pk: int) -> None:
    """Stay writes for one citizen one at a time: the citizen's row is locked until the write's
    transaction ends, so two move-ins or move-outs at once cannot both see the same open stay."""
    m.Citizen.objects.select_for_update().filter(pk=citizen_pk).values_list("pk").first()


def stay_end(*, user: Any, stay: m.Stay, move_out: date, reason: str) -> m.Stay:
    """A move-out, or a death registered as a move-out with its date, of a stay still open (a
    stay someone else has ended is refused: nothing is overwritten unseen)."""
    if reason not in END_REASONS:
        raise ServiceError("Vælg fraflytning eller død.")
    with transaction.atomic():
        _lock_stays_of(stay.citizen_id)
        s = m.Stay.objects.select_for_update().select_related("facility").get(pk=stay.pk)
        if s.move_out is not None:  # ended by someone else since the page was shown
            raise ServiceError(
                f"Opholdet er allerede afsluttet med fraflytning {s.move_out:%d-%m-%Y}. "
                "Genindlæs siden."
            )
        if move_out < s.move_in:
            raise ServiceError(
                f"Fraflytningen kan ikke ligge før indflytningen ({s.move_in:%d-%m-%Y})."
            )
        before = _stay(s)
        since = move_out if s.move_out is None else min(move_out, s.move_out)
        s.move_out, s.end_reason = move_out, reason
        s.save()
        engine_accepts_citizens([s.citizen_id], since=since)
        bump_data_version(citizens=[s.citizen_id])
        audit_record(user=user, action="stay.end", obj=s, before=before, after=_stay(s))
    return s


def assessment_copy(*, user: Any, citizen: m.Citizen, source: m.Assessment) -> m.Assessment:
    """A new draft døgnskema from a copy of ``source`` (entries and VUM ratings), in force from
    the first of next month until it is changed; nothing else may be under way."""
    today = timezone.localdate()
    first = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    with transaction.atomic():
        busy = m.Assessment.objects.select_for_update().filter(
            citizen=citizen, status__in=[m.Assessment.Status.DRAFT, m.Assessment.Status.SUBMITTED]
        )
        if busy.exists():
            raise ServiceError("Borgeren har allerede et døgnskema under arbejde.")
        a = m.Assessment.objects.create(
            citizen=citizen, effective_from=first, status=m.Assessment.Status.DRAFT,
            goal_type=source.goal_type, assessment_date=today,
            drawn_by=user if getattr(user, "pk", None) else None,
        )  # fmt: skip
        m.ScheduleEntryRow.objects.bulk_create(
            mappers.entry_to_row(e, a) for e in mappers.entries_of(source)
        )
        m.VumRating.objects.bulk_create(
            m.VumRating(
                assessment=a,
                theme=r.theme,
                function_level=r.function_level,
                support_level=r.support_level,
            )
            for r in source.ratings.all()
        )
        audit_record(
            user=user, action="assessment.copy", obj=a, before={"source": source.pk},
            after={"effective_from": first.isoformat(), "entries": a.entries.count()},
        )  # fmt: skip
    return a
