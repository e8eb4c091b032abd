"""Users and their role, scoped to areas, facilities or (for a buying municipality) a code."""

from __future__ import annotations

import unicodedata

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    MYNDIGHED = "myndighed", "Myndighed"
    LEDER = "leder", "Leder / aftaleholder"
    OKONOMI = "okonomi", "Økonomi"
    LEDELSE = "ledelse", "Ledelse"
    KOBENDE = "kobende_kommune", "Købende kommune"
    ADMIN = "administrator", "Administrator"


def normalize_username(username: str) -> str:
    """One spelling per user: Unicode NFKC (full-width letters become ASCII), surrounding space
    removed, case folded. Used at login, for throttling and when a user is created."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LEDELSE)
    areas = models.ManyToManyField("care.Area", blank=True, related_name="users")
    facilities = models.ManyToManyField("care.Facility", blank=True, related_name="users")
    municipality_code = models.CharField(
        max_length=3, blank=True, help_text="Kommunekode for en købende kommune"
    )

    @classmethod
    def normalize_username(cls, username: str) -> str:
        return normalize_username(username)


class ApiToken(models.Model):
    """A personal API token (``Authorization: Bearer <token>``). Only a SHA-256 hash is stored;
    the token itself is shown once, when it is made. Revoked or expired tokens do nothing."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=8)  # the first characters, to tell tokens apart
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
