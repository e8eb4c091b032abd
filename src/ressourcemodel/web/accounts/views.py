"""Login with throttling: after too many failures for a username or from an address, further
attempts are refused for a while, with a clear Danish message."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from .models import LoginFailure

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": "For mange mislykkede forsøg. Vent 15 minutter, og prøv igen.",
    }

    def _ip(self) -> str | None:
        return self.request.META.get("REMOTE_ADDR") if self.request else None

    def clean(self) -> dict[str, Any]:
        username = (self.data.get("username") or "")[:150]
        since = timezone.now() - WINDOW
        recent = LoginFailure.objects.filter(at__gte=since)
        if recent.filter(username=username).count() >= MAX_FAILURES or (
            self._ip() and recent.filter(ip=self._ip()).count() >= 4 * MAX_FAILURES
        ):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            return super().clean()
        except forms.ValidationError:
            LoginFailure.objects.create(username=username, ip=self._ip())
            raise


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    form_class = ThrottledAuthenticationForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.conf import settings

        return {**super().get_context_data(**kwargs), "oidc_enabled": settings.OIDC_ENABLED}
