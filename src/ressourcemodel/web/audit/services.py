from __future__ import annotations

from typing import Any

from .models import AuditLog


def audit_record(
    *, user: Any, action: str, obj: Any, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> AuditLog:
    """Write one audit row. Call inside the service's transaction."""
    return AuditLog.objects.create(
        user=user if getattr(user, "pk", None) else None,
        action=action,
        object_type=type(obj).__name__,
        object_id=str(obj.pk),
        before=before,
        after=after,
    )


def access_record(*, user: Any, citizen_id: int | str, what: str) -> None:
    """Log one view of a citizen's personal data."""
    from .models import AccessLog

    AccessLog.objects.create(
        user=user if getattr(user, "pk", None) else None, citizen_id=str(citizen_id), what=what
    )


def access_record_many(*, user: Any, citizen_ids: list[int] | list[str], what: str) -> None:
    """Log one view of several citizens' names (a list or a facility's residents)."""
    from .models import AccessLog

    who = user if getattr(user, "pk", None) else None
    AccessLog.objects.bulk_create(
        AccessLog(user=who, citizen_id=str(cid), what=what) for cid in citizen_ids
    )
