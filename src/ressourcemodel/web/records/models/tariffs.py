"""Tariff years: every parameter of SPEC §3 for one year, kept as versions (SPEC §3.9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .fields import MONEY, RATE


class TariffYear(models.Model):
    """Every parameter of SPEC §3 for one year. Published years are locked (SPEC §3.9)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Kladde"
        PUBLISHED = "published", "Offentliggjort"

    year = models.PositiveIntegerField()
    # Versions (virkning vs registrering): every change makes a new row; the row in force has
    # superseded_at None. "As known on D" = the row with recorded_at <= D < superseded_at.
    version = models.PositiveIntegerField(default=1)
    reason = models.TextField(blank=True)  # why this version was made
    superseded_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The decision each parameter value comes from (OpenFisca's "reference"), by field name,
    # e.g. {"indirect_share": "KB 24-06-2025, sag 24/302"}.
    decisions = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    municipality_code = models.CharField(max_length=3, default="707")
    municipality_name = models.CharField(max_length=80, default="Norddjurs")
    level_unit = models.CharField(max_length=4, default="day")
    hourly_cost = models.DecimalField(null=True, blank=True, **MONEY)  # None: from staff mix
    annual_norm_hours = models.DecimalField(max_digits=8, decimal_places=2, default=1924)
    productive_hours_per_fte = models.DecimalField(max_digits=8, decimal_places=2, default=1526)
    indirect_share = models.DecimalField(default="0.25", **RATE)
    occupancy_rate = models.DecimalField(default="0.97", **RATE)
    occupancy_min = models.DecimalField(default="0.95", **RATE)
    occupancy_max = models.DecimalField(default="0.98", **RATE)
    overhead_rate = models.DecimalField(default="0", **RATE)
    tail_rule = models.CharField(max_length=20, default="month_plus_one")
    billing_tail_rule = models.CharField(max_length=20, default="none")
    level_change_rule = models.CharField(max_length=20, default="effective_date")
    regulation_lag_years = models.PositiveSmallIntegerField(default=2)  # SPEC §3.4: t → t+2
    recorded_at = models.DateTimeField(auto_now_add=True)  # immutable: when this was recorded

    class Meta:
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="tariffyear_year_version"),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(superseded_at__isnull=True),
                name="tariffyear_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"Takstår {self.year}"


class LevelRow(models.Model):
    tariff_year = models.ForeignKey(TariffYear, on_delete=models.CASCADE, related_name="levels")
    order = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=10)
    lower = models.DecimalField(max_digits=7, decimal_places=2)
    upper = models.DecimalField(max_digits=7, decimal_places=2)
    priced_hours = models.DecimalField(max_digits=7, decimal_places=2)

    class Meta:
        ordering = ["order"]
        unique_together = [("tariff_year", "code")]


class StaffShareRow(models.Model):
    tariff_year = models.ForeignKey(TariffYear, on_delete=models.CASCADE, related_name="staff_mix")
    category = models.CharField(max_length=60)
    share = models.DecimalField(**RATE)
    annual_cost = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["-share", "category"]


class DataVersion(models.Model):
    """One row; its number goes up in the same transaction as every change of an engine input, so
    a cached result keyed by it can never be stale (ADR 0006)."""

    number = models.PositiveBigIntegerField(default=0)


class DataChange(models.Model):
    """What one data version changed, written with it in the same transaction (ADR 0015): the
    citizens touched, the frame (parameters or facilities), or everything. A worker holding the
    calculation of an earlier version re-reads only what the versions since then changed; a gap
    in the log or "everything" means the whole year. Only the newest rows are kept."""

    class Scope(models.TextChoices):
        CITIZENS = "citizens", "Borgere"
        FRAME = "frame", "Parametre eller tilbud"
        EVERYTHING = "everything", "Alt"

    version = models.PositiveBigIntegerField(primary_key=True)
    scope = models.CharField(max_length=12, choices=Scope.choices)
    citizens = models.JSONField(default=list)  # citizen pks (scope "citizens")


class WhatIf(models.Model):
    """A what-if scenario: a copy of a live year as a scenario document that the user changes.
    It never touches live data; comparing it with the live year explains the difference."""

    name = models.CharField(max_length=120)
    year = models.PositiveIntegerField()
    scenario = models.JSONField()  # a SPEC §4 scenario document (scenario_to_dict)
    changes = models.JSONField(default=list)  # what was changed, in order, in Danish
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-changed_at"]
