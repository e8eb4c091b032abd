"""Who may do what. Roles of SPEC §1; a full authorisation matrix is issue 4's work."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from .models import Role

Roles = frozenset[str]
# Role values (accounts.models.Role); plain strings so the sets type-check without Django stubs.
PERSONAL_DATA: Roles = frozenset(
    {"myndighed", "leder", "okonomi", "administrator", "kobende_kommune"}
)
EDIT_SCHEDULE: Roles = frozenset({"myndighed", "leder"})
APPROVE: Roles = frozenset({"myndighed"})
FINANCE: Roles = frozenset({"okonomi"})
AUDIT: Roles = frozenset({"administrator", "myndighed"})
BUDGETS: Roles = frozenset({"myndighed", "leder", "okonomi", "ledelse", "administrator"})


def require(user: Any, roles: Roles) -> None:
    if getattr(user, "role", None) not in roles:
        raise PermissionDenied("Din rolle giver ikke adgang til denne side.")


def can(user: Any, roles: Roles) -> bool:
    return getattr(user, "role", None) in roles


def visible_citizen_ids(user: Any, qs: Any) -> Any:
    """Scope a citizen queryset to what the user may see."""
    if user.role == Role.KOBENDE:
        return qs.filter(paying_municipality=user.municipality_code)
    if user.role == Role.LEDER and (user.areas.exists() or user.facilities.exists()):
        return qs.filter(stays__facility__area__in=user.areas.all()) | qs.filter(
            stays__facility__in=user.facilities.all()
        )
    return qs


def facility_scope(user: Any) -> set[str] | None:
    """Facility codes a leader is scoped to (their areas' and their own facilities), or None
    for roles that see the whole municipality."""
    if getattr(user, "role", None) != "leder":
        return None
    from ressourcemodel.web.care.models import Facility

    qs = Facility.objects.filter(area__in=user.areas.all()) | Facility.objects.filter(
        pk__in=user.facilities.all()
    )
    codes = set(qs.values_list("code", flat=True))
    return codes or None
