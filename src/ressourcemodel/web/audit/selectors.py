from __future__ import annotations

from django.db.models import QuerySet

from .models import AccessLog, AuditLog


def audit_search(*, q: str = "", action: str = "", user: str = "") -> QuerySet[AuditLog]:
    qs = AuditLog.objects.select_related("user")
    if action:
        qs = qs.filter(action__startswith=action)
    if user:
        qs = qs.filter(user__username=user)
    if q:
        qs = qs.filter(object_id=q) | qs.filter(object_type__icontains=q)
    return qs[:500]


def access_search(*, citizen_id: str = "", user: str = "") -> QuerySet[AccessLog]:
    qs = AccessLog.objects.select_related("user")
    if citizen_id:
        qs = qs.filter(citizen_id=citizen_id)
    if user:
        qs = qs.filter(user__username=user)
    return qs[:500]
