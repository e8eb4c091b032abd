from typing import Any

from django.http import HttpRequest

from .models import Role


def role(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    r = getattr(user, "role", None)
    return {"role": r, "Role": Role, "role_label": Role(r).label if r else ""}
