"""Persistence only: facilities, citizens, stays, assessments and tariff years.

"Valid from" dates (``effective_from``, ``move_in``) are kept apart from "recorded at"
timestamps (``recorded_at``). Money is ``DecimalField(max_digits ≤ 15)`` — on SQLite it is stored
as REAL, so money is never summed in SQL: the engine sums exactly in Python (ADR 0001).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ressourcemodel.cpr import validate_cpr
from ressourcemodel.engine.model import FIXED_COST_CATEGORIES, THEMES

MONEY = {"max_digits": 14, "decimal_places": 2}
RATE = {"max_digits": 6, "decimal_places": 4}


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


class TariffYear(models.Model):
    """Every parameter of SPEC §3 for one year. Published years are locked (SPEC §3.9)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Kladde"
        PUBLISHED = "published", "Offentliggjort"

    year = models.PositiveIntegerField(unique=True)
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
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]

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


class FacilityYear(models.Model):
    """A facility's figures for one tariff year."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveIntegerField()
    occupancy_rate = models.DecimalField(null=True, blank=True, **RATE)
    regulation = models.DecimalField(default=0, **MONEY)  # + recovers a deficit, − returns surplus
    actual_fte = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    old_budget = models.DecimalField(null=True, blank=True, **MONEY)
    previous_budget = models.DecimalField(null=True, blank=True, **MONEY)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("facility", "year")]


class FixedCost(models.Model):
    facility_year = models.ForeignKey(
        FacilityYear, on_delete=models.CASCADE, related_name="fixed_costs"
    )
    category = models.CharField(max_length=60, choices=[(c, c) for c in FIXED_COST_CATEGORIES])
    amount = models.DecimalField(**MONEY)  # annual kroner

    class Meta:
        unique_together = [("facility_year", "category")]


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


class CitizenQuerySet(models.QuerySet["Citizen"]):
    def by_cpr(self, cpr: str) -> models.QuerySet[Citizen]:
        from .crypto import lookup_hash

        return self.filter(cpr_hash=lookup_hash(cpr))


class Citizen(models.Model):
    # CPR at rest (ADR 0005): encrypted, a keyed hash for look-ups, the birth date in clear.
    cpr_encrypted = models.TextField(blank=True)
    cpr_hash = models.CharField(max_length=64, blank=True, db_index=True)
    cpr_birth = models.CharField(max_length=6, blank=True, db_index=True)  # DDMMÅÅ
    name = models.CharField(max_length=120)
    paying_municipality = models.CharField(max_length=3, default="707")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CitizenQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def cpr(self) -> str:
        """The full CPR number, decrypted. Only for views that need it (never logged)."""
        from .crypto import decrypt

        return decrypt(self.cpr_encrypted)

    @cpr.setter
    def cpr(self, value: str) -> None:
        from .crypto import encrypt, lookup_hash

        self.cpr_encrypted = encrypt(value)
        self.cpr_hash = lookup_hash(value)
        self.cpr_birth = value[:6]

    @property
    def cpr_masked(self) -> str:
        return f"{self.cpr_birth}-xxxx" if self.cpr_birth else "xxxxxx-xxxx"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        try:
            self.cpr = validate_cpr(self.cpr)
        except ValueError as e:
            raise ValidationError({"cpr": str(e)}) from e


class Stay(models.Model):
    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="stays")
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="stays")
    move_in = models.DateField()
    move_out = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["move_in"]


class Assessment(models.Model):
    """A døgnskema (or a hand-set level) with its VUM 2.0 assessment, draft → approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Kladde"
        SUBMITTED = "submitted", "Indsendt"
        APPROVED = "approved", "Godkendt"

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="assessments")
    effective_from = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    manual_level = models.CharField(max_length=10, blank=True)
    daily_amount = models.DecimalField(null=True, blank=True, **MONEY)  # S2 only
    reason = models.TextField(blank=True)
    review_date = models.DateField(null=True, blank=True)
    goal_type = models.CharField(max_length=60, blank=True)
    assessor = models.CharField(max_length=120, blank=True)
    assessment_date = models.DateField(null=True, blank=True)
    follow_up_date = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking
    recorded_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-effective_from", "-id"]


class ScheduleEntryRow(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="entries")
    days = models.CharField(max_length=40)  # "mon,tue,wed"
    start_minute = models.PositiveSmallIntegerField()
    end_minute = models.PositiveSmallIntegerField()
    form = models.CharField(max_length=12, default="individual")
    staff = models.PositiveSmallIntegerField(default=1)
    participants = models.PositiveSmallIntegerField(default=1)
    theme = models.CharField(max_length=40, choices=[(t, t) for t in THEMES], default=THEMES[0])
    sub_theme = models.CharField(max_length=80, blank=True)
    legal_basis = models.CharField(max_length=8, default="SEL85")
    staff_category = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]


class VumRating(models.Model):
    """VUM 2.0: per theme a funktionsevneniveau and a støttebehovsniveau on 0–4."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    theme = models.CharField(max_length=40)
    function_level = models.PositiveSmallIntegerField()
    support_level = models.PositiveSmallIntegerField()

    class Meta:
        unique_together = [("assessment", "theme")]
