"""Areas, facilities and their figures per tariff year (SPEC §3.4, §3.5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ressourcemodel.engine.model import FIXED_COST_CATEGORIES

from .fields import MONEY, RATE


class Area(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Facility(models.Model):
    class NightCover(models.TextChoices):
        AWAKE = "vaagen", "Vågen nattevagt"
        SLEEPING = "sovende", "Sovende nattevagt"
        NONE = "ingen", "Ingen"

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=120)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="facilities")
    places = models.PositiveIntegerField()
    legal_basis = models.CharField(max_length=40, default="SEL §108")
    night_cover = models.CharField(
        max_length=10, choices=NightCover.choices, default=NightCover.AWAKE
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area__name", "name"]

    def __str__(self) -> str:
        return self.name


class FacilityYear(models.Model):
    """A facility's figures for one tariff year."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveIntegerField()
    occupancy_rate = models.DecimalField(null=True, blank=True, **RATE)
    regulation = models.DecimalField(default=0, **MONEY)  # + recovers a deficit, − returns surplus
    actual_fte = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    old_budget = models.DecimalField(null=True, blank=True, **MONEY)
    previous_budget = models.DecimalField(null=True, blank=True, **MONEY)
    # Versions as for tariff years: a change makes a new row, the old one gets superseded_at.
    version = models.PositiveIntegerField(default=1)
    recorded_at = models.DateTimeField(auto_now_add=True)  # immutable
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "year", "version"], name="facilityyear_version"
            ),
            models.UniqueConstraint(
                fields=["facility", "year"],
                condition=models.Q(superseded_at__isnull=True),
                name="facilityyear_one_current",
            ),
        ]


class FixedCost(models.Model):
    facility_year = models.ForeignKey(
        FacilityYear, on_delete=models.CASCADE, related_name="fixed_costs"
    )
    category = models.CharField(max_length=60, choices=[(c, c) for c in FIXED_COST_CATEGORIES])
    amount = models.DecimalField(**MONEY)  # annual kroner

    class Meta:
        unique_together = [("facility_year", "category")]
        ordering = ["id"]  # the order entered: the scenario's lines in that order, always


class MonthlyActual(models.Model):
    facility_year = models.ForeignKey(
        FacilityYear, on_delete=models.CASCADE, related_name="actuals"
    )
    month = models.PositiveSmallIntegerField()
    amount = models.DecimalField(**MONEY)

    class Meta:
        unique_together = [("facility_year", "month")]
        ordering = ["month"]


class OccupancyHistory(models.Model):
    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="occupancy_history"
    )
    year = models.PositiveIntegerField()
    rate = models.DecimalField(**RATE)

    class Meta:
        unique_together = [("facility", "year")]
        ordering = ["id"]  # the order entered, as the scenario's history is read


class CarriedResult(models.Model):
    """A facility's result (surplus +, deficit −) of ``origin_year``, carried into the base tariff
    of a later year (efterregulering, SPEC §3.4), with the reason it was carried."""

    facility_year = models.ForeignKey(
        FacilityYear, on_delete=models.CASCADE, related_name="carried"
    )
    origin_year = models.PositiveIntegerField()
    amount = models.DecimalField(**MONEY)
    reason = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["origin_year", "id"]


class InvoiceMark(models.Model):
    """A paying municipality's month marked as invoiced (SEL §174 stk. 2: within 12 months)."""

    municipality = models.CharField(max_length=3)
    year = models.PositiveIntegerField()
    month = models.PositiveSmallIntegerField()
    marked_at = models.DateTimeField(auto_now_add=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "month"], name="invoicemark_unique"
            )
        ]


class RegulationDecision(models.Model):
    """Finance's decision on a facility's result of ``origin_year`` (SPEC §3.4): carried into the
    base tariff of ``target_year`` (a CarriedResult there), or a surplus set aside for up to five
    years. One decision per facility and year."""

    class Kind(models.TextChoices):
        CARRY = "carry", "Indregnes i taksten"
        SET_ASIDE = "set_aside", "Henlægges"

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="regulations")
    origin_year = models.PositiveIntegerField()
    result = models.DecimalField(**MONEY)  # budget − actuals: + surplus, − deficit
    kind = models.CharField(max_length=10, choices=Kind.choices)
    target_year = models.PositiveIntegerField(null=True, blank=True)  # carry: the year t + lag
    years = models.PositiveSmallIntegerField(null=True, blank=True)  # set aside: 1–5
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "origin_year"], name="regulation_one_decision"
            )
        ]
