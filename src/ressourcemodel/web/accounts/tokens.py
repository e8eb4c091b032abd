"""Personal API tokens: made, checked and revoked here (a service with an audit row each)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressourcemodel.web.audit.services import audit_record

from .models import ApiToken, User


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_create(*, user: User, expires_days: int | None = None, by: Any = None) -> str:
    """Make a token for ``user`` and return it; only its hash is kept."""
    token = "rm_" + secrets.token_urlsafe(32)
    expires = timezone.now() + timedelta(days=expires_days) if expires_days else None
    with transaction.atomic():
        row = ApiToken.objects.create(
            user=user, prefix=token[:8], digest=_digest(token), expires_at=expires
        )
        audit_record(
            user=by,
            action="token.create",
            obj=row,
            before=None,
            after={
                "user": user.get_username(),
                "prefix": row.prefix,
                "expires_at": expires.isoformat() if expires else None,
            },
        )
    return token


def token_user(token: str) -> User | None:
    """The active user of a valid token, or None."""
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if row is None or (row.expires_at is not None and row.expires_at <= now):
        return None
    if not row.user.is_active:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def token_revoke(*, user: User, by: Any = None) -> int:
    """Revoke every active token of ``user``; returns how many."""
    with transaction.atomic():
        rows = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
        ApiToken.objects.filter(pk__in=[r.pk for r in rows]).update(revoked_at=timezone.now())
        for r in rows:
            audit_record(
                user=by,
                action="token.revoke",
                obj=r,
                before=None,
                after={"user": user.get_username(), "prefix": r.prefix},
            )
    return len(rows)
