"""Writes about users: an administrator's password reset (one audit row, no password in it)."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction

from ressourcemodel.web.audit.services import audit_record

from .models import User


def user_reset_password(*, admin: Any, user: User, new_password: str | None = None) -> str:
    """Set a new password for ``user`` and return it (a random one unless given)."""
    password = new_password or secrets.token_urlsafe(12)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(
            user=admin,
            action="user.reset_password",
            obj=user,
            before=None,
            after={"user": user.get_username()},
        )
    return password


def user_create(
    *,
    admin: Any,
    username: str,
    role: str,
    areas: list[str] = (),  # type: ignore[assignment]
    facilities: list[str] = (),  # type: ignore[assignment]
    municipality: str = "",
) -> tuple[User, str]:
    """A new user with a role and scope, and a temporary password (returned once)."""
    from ressourcemodel.web.common.errors import ServiceError
    from ressourcemodel.web.records import models as m

    from .models import Role, normalize_username

    name = normalize_username(username)
    if not name or len(name) > 150:
        raise ServiceError("Brugernavnet skal have 1–150 tegn.")
    if role not in Role.values:
        raise ServiceError(f"Ukendt rolle '{role[:30]}'; brug en af: {', '.join(Role.values)}.")
    if role == Role.KOBENDE and not (len(municipality) == 3 and municipality.isdigit()):
        raise ServiceError("En købende kommune skal have en 3-cifret kommunekode (--municipality).")
    if User.objects.filter(username=name).exists():
        raise ServiceError(f"Brugeren '{name}' findes allerede.")
    area_rows = list(m.Area.objects.filter(name__in=areas))
    facility_rows = list(m.Facility.objects.filter(code__in=facilities))
    if len(area_rows) != len(set(areas)) or len(facility_rows) != len(set(facilities)):
        raise ServiceError("Et område eller tilbud findes ikke.")
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        user = User.objects.create_user(
            username=name, password=password, role=role, municipality_code=municipality
        )
        user.areas.set(area_rows)
        user.facilities.set(facility_rows)
        audit_record(
            user=admin,
            action="user.create",
            obj=user,
            before=None,
            after={
                "user": name,
                "role": role,
                "areas": sorted(areas),
                "facilities": sorted(facilities),
                "municipality": municipality,
            },
        )
    return user, password


def user_deactivate(*, admin: Any, user: User) -> None:
    """Deactivate a user (never delete: the audit trail points at them). The last active
    administrator cannot be removed."""
    from ressourcemodel.web.common.errors import ServiceError

    from .models import Role

    with transaction.atomic():
        admins = User.objects.select_for_update().filter(role=Role.ADMIN, is_active=True)
        if user.role == Role.ADMIN and admins.count() <= 1:
            raise ServiceError("Den sidste administrator kan ikke deaktiveres.")
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(
            user=admin,
            action="user.deactivate",
            obj=user,
            before=None,
            after={"user": user.get_username()},
        )


def user_update(
    *,
    admin: Any,
    user: User,
    role: str,
    areas: list[str],
    facilities: list[str],
    municipality: str = "",
) -> User:
    """Assign a role and scope. The last active administrator keeps the role."""
    from ressourcemodel.web.common.errors import ServiceError
    from ressourcemodel.web.records import models as m

    from .models import Role

    if role not in Role.values:
        raise ServiceError(f"Ukendt rolle '{role[:30]}'.")
    if role == Role.KOBENDE and not (len(municipality) == 3 and municipality.isdigit()):
        raise ServiceError("En købende kommune skal have en 3-cifret kommunekode.")
    area_rows = list(m.Area.objects.filter(name__in=areas))
    facility_rows = list(m.Facility.objects.filter(code__in=facilities))
    if len(area_rows) != len(set(areas)) or len(facility_rows) != len(set(facilities)):
        raise ServiceError("Et område eller tilbud findes ikke.")
    with transaction.atomic():
        u = User.objects.select_for_update().get(pk=user.pk)
        admins = User.objects.select_for_update().filter(role=Role.ADMIN, is_active=True)
        if u.role == Role.ADMIN and role != Role.ADMIN and admins.count() <= 1:
            raise ServiceError("Den sidste administrator skal beholde rollen.")
        before = {
            "role": u.role,
            "areas": sorted(a.name for a in u.areas.all()),
            "facilities": sorted(f.code for f in u.facilities.all()),
            "municipality": u.municipality_code,
        }
        u.role = role
        u.municipality_code = municipality if role == Role.KOBENDE else ""
        u.save(update_fields=["role", "municipality_code"])
        u.areas.set(area_rows)
        u.facilities.set(facility_rows)
        audit_record(
            user=admin,
            action="user.update",
            obj=u,
            before=before,
            after={
                "role": role,
                "areas": sorted(areas),
                "facilities": sorted(facilities),
                "municipality": u.municipality_code,
            },
        )
    return u
