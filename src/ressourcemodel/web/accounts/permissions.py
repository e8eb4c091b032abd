"""Who may do what: the roles of SPEC §1 and the one scope rule.

Scope: a leader sees the facilities of their areas and the facilities assigned to them, and the
citizens whose stays are at those facilities; a leader with no scope sees nothing (deny by
default). A buying municipality sees only the citizens it pays for. Other roles see the whole
municipality. Every view and selector asks these functions; none repeats the rule.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Role

Roles = frozenset[str]


def roles(*members: object) -> Roles:
    return frozenset(str(r) for r in members)


PERSONAL_DATA = roles(Role.MYNDIGHED, Role.LEDER, Role.OKONOMI, Role.ADMIN, Role.KOBENDE)
EDIT_SCHEDULE = roles(Role.MYNDIGHED, Role.LEDER)
APPROVE = roles(Role.MYNDIGHED)
FINANCE = roles(Role.OKONOMI)
AUDIT = roles(Role.ADMIN, Role.MYNDIGHED)
LEADER = roles(Role.LEDER)  # proposes stays at their own facilities
ADMINISTRATION = roles(Role.ADMIN)
RECORDS_FINANCE = roles(Role.OKONOMI, Role.ADMIN)  # facilities, their years, actuals, imports
BUDGETS = roles(Role.MYNDIGHED, Role.LEDER, Role.OKONOMI, Role.LEDELSE, Role.ADMIN)


def require(user: Any, roles: Roles) -> None:
    if getattr(user, "role", None) not in roles:
        raise PermissionDenied("Din rolle giver ikke adgang til denne side.")


def can(user: Any, roles: Roles) -> bool:
    return getattr(user, "role", None) in roles


def facility_scope(user: Any) -> frozenset[str] | None:
    """Facility codes a leader is scoped to, or None for roles that see the whole municipality.
    A leader with no area and no facility gets the empty set: deny by default."""
    if getattr(user, "role", None) != Role.LEDER:
        return None
    cached: frozenset[str] | None = getattr(user, "_rm_facility_scope", None)
    if cached is not None:
        return cached
    from ressourcemodel.web.records.models import Facility

    codes = frozenset(
        Facility.objects.filter(Q(area__in=user.areas.all()) | Q(pk__in=user.facilities.all()))
        .values_list("code", flat=True)
        .distinct()
    )
    user._rm_facility_scope = codes
    return codes


def sees_facility(user: Any, code: str) -> bool:
    scope = facility_scope(user)
    return scope is None or code in scope


def visible_citizens(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    """Scope a citizen queryset to what the user may see."""
    role = getattr(user, "role", None)
    if role == Role.KOBENDE:
        return qs.filter(paying_municipality=user.municipality_code)
    scope = facility_scope(user)
    if scope is None:
        return qs
    # Scoped by the stays in force: a citizen who moved to another area's facility leaves.
    today = timezone.localdate()
    in_force = Q(stays__move_out__isnull=True) | Q(stays__move_out__gte=today)
    return qs.filter(Q(stays__facility__code__in=scope) & in_force).distinct()


def sees_schedules(user: Any) -> bool:
    """A buying municipality sees its citizens' tariff statement, not their døgnskema, VUM
    ratings or notes (SPEC §1)."""
    return getattr(user, "role", None) != Role.KOBENDE
