"""Login throttling with django-axes (ADR 0009): failures are counted per username and per
(username, address) — never per address alone, so one office behind a proxy is not locked out
by a colleague's typos."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest

from .models import normalize_username


class LoginThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """Axes' check before the password check. Calls without a request (Django's test client,
    internal use) carry no address to throttle and go straight to the password check."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def username_for_throttling(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The username axes counts under: the normalised one, as the login uses."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalize_username(str(raw))[:150]
