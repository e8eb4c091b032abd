"""A workbook uploaded for import, kept until the user confirms it (upload → preview → confirm)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PendingImport(models.Model):
    """The uploaded bytes and what the preview showed. Only its uploader may confirm it; it is
    deleted when confirmed. Nothing in it is an engine input until then."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    year = models.PositiveIntegerField()
    preview = models.JSONField(default=dict)  # counts and budget movement, as shown
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
