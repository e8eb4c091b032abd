"""Login is required on every page except the login page and static files."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

OPEN_PREFIXES = ("/static/", "/oidc/", "/api/v1/")  # the API checks its own sessions and tokens


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if (
            not request.user.is_authenticated
            and path != reverse(settings.LOGIN_URL)
            and not path.startswith(OPEN_PREFIXES)
        ):
            if path.startswith("/api/"):
                return HttpResponse(status=401)
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={path}")
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """Beside the idle timeout (SESSION_COOKIE_AGE, renewed on each request), a session ends a
    working day after login however active it is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            started = request.session.setdefault("_rm_login_at", now)
            if now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        return self.get_response(request)
