"""A leader proposes a move-in or a move-out (a death too) at their own facilities; Myndighed
approves it — then it is registered as Myndighed would register it (``records``) — or rejects
it. Each step one transaction with one audit row."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressourcemodel.web.accounts.permissions import sees_facility
from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.records import models as m

from . import records


def _shown(p: m.StayProposal) -> dict[str, Any]:
    return {
        "kind": p.kind,
        "citizen": p.citizen_id,
        "stay": p.stay_id,
        "facility": p.facility.code if p.facility else None,
        "day": p.day.isoformat(),
        "end_reason": p.end_reason,
        "status": p.status,
    }


def propose_move_out(
    *, user: Any, stay: m.Stay, day: date, reason: str, note: str = ""
) -> m.StayProposal:
    if not sees_facility(user, stay.facility.code):
        raise ServiceError("Du kan kun foreslå for dine egne tilbud.")
    if reason not in records.END_REASONS:
        raise ServiceError("Vælg fraflytning eller død.")
    if stay.move_out is not None:
        raise ServiceError("Opholdet er allerede afsluttet.")
    if day < stay.move_in:
        raise ServiceError(
            f"Fraflytningen kan ikke ligge før indflytningen ({stay.move_in:%d-%m-%Y})."
        )
    with transaction.atomic():
        p = m.StayProposal.objects.create(
            citizen=stay.citizen, kind=m.StayProposal.Kind.MOVE_OUT, stay=stay, day=day,
            end_reason=reason, note=note.strip()[:1000], proposed_by=user,
        )  # fmt: skip
        audit_record(user=user, action="stay.propose", obj=p, before=None, after=_shown(p))
    return p


def propose_move_in(
    *, user: Any, citizen: m.Citizen, facility: str, day: date, note: str = ""
) -> m.StayProposal:
    row = m.Facility.objects.filter(code=facility).first()
    if row is None or not sees_facility(user, row.code):
        raise ServiceError("Vælg et af dine egne tilbud.")
    with transaction.atomic():
        p = m.StayProposal.objects.create(
            citizen=citizen, kind=m.StayProposal.Kind.MOVE_IN, facility=row, day=day,
            note=note.strip()[:1000], proposed_by=user,
        )  # fmt: skip
        audit_record(user=user, action="stay.propose", obj=p, before=None, after=_shown(p))
    return p


def decide(*, user: Any, proposal: m.StayProposal, approve: bool) -> m.StayProposal:
    """Approve (the stay is registered, with the engine's check) or reject a pending proposal."""
    with transaction.atomic():
        p = (
            m.StayProposal.objects.select_for_update(of=("self",))
            .select_related("stay", "facility", "citizen")
            .get(pk=proposal.pk)
        )
        if p.status != m.StayProposal.Status.PENDING:
            raise ServiceError("Forslaget er allerede afgjort.")
        before = _shown(p)
        if approve and p.kind == m.StayProposal.Kind.MOVE_OUT and p.stay is not None:
            records.stay_end(user=user, stay=p.stay, move_out=p.day, reason=p.end_reason)
        elif approve and p.facility is not None:
            records.stay_move_in(
                user=user, citizen=p.citizen, facility=p.facility.code, move_in=p.day
            )
        p.status = m.StayProposal.Status.APPROVED if approve else m.StayProposal.Status.REJECTED
        p.decided_by = user if getattr(user, "pk", None) else None
        p.decided_at = timezone.now()
        p.save()
        audit_record(user=user, action="stay.decide", obj=p, before=before, after=_shown(p))
    return p


def proposal(pk: int) -> m.StayProposal | None:
    return m.StayProposal.objects.filter(pk=pk).first()
