"""Reads for user administration."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Role, User


def users() -> QuerySet[User]:
    return User.objects.order_by("username").prefetch_related("areas", "facilities")


def user(pk: int) -> User | None:
    return User.objects.filter(pk=pk).first()


def scope_choices() -> dict[str, Any]:
    from ressourcemodel.web.records import models as m

    return {
        "roles": Role.choices,
        "areas": list(m.Area.objects.values_list("name", flat=True)),
        "facilities": list(m.Facility.objects.order_by("name").values_list("code", "name")),
    }


def scope_of(u: User) -> dict[str, set[str]]:
    return {
        "own_areas": set(u.areas.values_list("name", flat=True)),
        "own_facilities": set(u.facilities.values_list("code", flat=True)),
    }
