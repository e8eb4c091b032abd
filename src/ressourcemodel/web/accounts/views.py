"""Login (throttled by django-axes, usernames normalised), password change and an
administrator's password reset."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from .models import User, normalize_username
from .permissions import ADMINISTRATION, require
from .services import user_reset_password

LOCKED = "For mange mislykkede forsøg. Vent 15 minutter, og prøv igen."


class NormalizedAuthenticationForm(AuthenticationForm):
    def clean_username(self) -> str:
        return normalize_username(self.cleaned_data.get("username") or "")


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    form_class = NormalizedAuthenticationForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "oidc_enabled": settings.OIDC_ENABLED}


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What axes answers while a username is locked: the login page with a Danish message."""
    return render(
        request,
        "web/login.html",
        {
            "form": NormalizedAuthenticationForm(request),
            "locked": LOCKED,
            "oidc_enabled": settings.OIDC_ENABLED,
        },
        status=429,
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, "Din adgangskode er skiftet.")
        return super().form_valid(form)


class ResetForm(forms.Form):
    username = forms.CharField(max_length=150, label="Brugernavn")


def password_reset(request: HttpRequest) -> HttpResponse:
    """An administrator gives a user a new temporary password (shown once)."""
    require(request.user, ADMINISTRATION)
    form = ResetForm(request.POST or None)
    new_password = ""
    if request.method == "POST" and form.is_valid():
        name = normalize_username(form.cleaned_data["username"])
        user = User.objects.filter(username=name).first()
        if user is None:
            form.add_error("username", "Brugeren findes ikke.")
        else:
            new_password = user_reset_password(admin=request.user, user=user)
    return render(request, "web/password_reset.html", {"form": form, "new_password": new_password})


def logged_out_redirect(request: HttpRequest) -> HttpResponse:
    return redirect("login")
