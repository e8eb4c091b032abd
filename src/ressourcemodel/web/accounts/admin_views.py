"""User administration (Administrator): create with a role and scope (the temporary password is
shown once), change role and scope, deactivate. The last administrator cannot be removed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcemodel.web.common.errors import ServiceError

from . import selectors
from .permissions import ADMINISTRATION as ADMIN
from .permissions import require
from .services import user_create, user_deactivate, user_update


def _scope(post: Any) -> dict[str, Any]:
    return {
        "role": str(post.get("rolle", ""))[:30],
        "areas": [str(a)[:100] for a in post.getlist("omraader")][:200],
        "facilities": [str(f)[:20] for f in post.getlist("tilbud")][:500],
        "municipality": str(post.get("kommune", "")).strip()[:3],
    }


def users(request: HttpRequest) -> HttpResponse:
    require(request.user, ADMIN)
    context: dict[str, Any] = {
        "users": selectors.users(),
        **selectors.scope_choices(),
    }
    if request.method == "POST":
        try:
            user, password = user_create(
                admin=request.user,
                username=str(request.POST.get("brugernavn", ""))[:200],
                **_scope(request.POST),
            )
        except ServiceError as e:
            context["error"] = str(e)
            return render(request, "web/users.html", context, status=400)
        context["created"] = (user, password)
    return render(request, "web/users.html", context)


def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, ADMIN)
    user = selectors.user(pk)
    if user is None:
        raise Http404
    context: dict[str, Any] = {
        "u": user,
        **selectors.scope_of(user),
        **selectors.scope_choices(),
    }
    if request.method == "POST":
        try:
            user_update(admin=request.user, user=user, **_scope(request.POST))
        except ServiceError as e:
            context["error"] = str(e)
            return render(request, "web/user_edit.html", context, status=400)
        messages.success(request, _("Brugeren er gemt."))
        return redirect("users")
    return render(request, "web/user_edit.html", context)


@require_POST
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, ADMIN)
    user = selectors.user(pk)
    if user is None:
        raise Http404
    try:
        user_deactivate(admin=request.user, user=user)
        messages.success(request, _("Brugeren er deaktiveret."))
    except ServiceError as e:
        messages.error(request, str(e))
    return redirect("users")
