"""Citizens, stays and assessments (døgnskemaer with their VUM 2.0 ratings)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ressourcemodel.cpr import validate_cpr
from ressourcemodel.engine.model import THEMES

from .fields import MONEY


class CitizenQuerySet(models.QuerySet["Citizen"]):
    def by_cpr(self, cpr: str) -> models.QuerySet[Citizen]:
        from ressourcemodel.web.records.crypto import lookup_hash

        return self.filter(cpr_hash=lookup_hash(cpr))


class Citizen(models.Model):
    # CPR at rest (ADR 0005): encrypted, a keyed hash for look-ups, the birth date in clear.
    cpr_encrypted = models.TextField(blank=True)
    cpr_hash = models.CharField(max_length=64, blank=True, db_index=True)
    cpr_birth = models.CharField(max_length=6, blank=True, db_index=True)  # DDMMÅÅ
    # The id a scenario file or a workbook gives the citizen ("C1"); empty for citizens created
    # in the web app, whose id in exports is then the database id.
    code = models.CharField(max_length=40, blank=True, db_index=True)
    name = models.CharField(max_length=120)
    paying_municipality = models.CharField(max_length=3, default="707")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CitizenQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # The paged citizen list is ordered by name then id (ADR 0012): one index walk per page.
        indexes = [models.Index(fields=["name", "id"], name="citizen_name_id")]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="citizen_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def external_id(self) -> str:
        return self.code or str(self.pk)

    @property
    def cpr(self) -> str:
        """The full CPR number, decrypted. Only for views that need it (never logged)."""
        from ressourcemodel.web.records.crypto import decrypt

        return decrypt(self.cpr_encrypted)

    @cpr.setter
    def cpr(self, value: str) -> None:
        from ressourcemodel.web.records.crypto import encrypt, lookup_hash

        self.cpr_encrypted = encrypt(value)
        self.cpr_hash = lookup_hash(value)
        self.cpr_birth = value[:6]

    @property
    def cpr_masked(self) -> str:
        return f"{self.cpr_birth}-xxxx" if self.cpr_birth else "CPR mangler"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        try:
            self.cpr = validate_cpr(self.cpr)
        except ValueError as e:
            raise ValidationError({"cpr": str(e)}) from e


class Stay(models.Model):
    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="stays")
    facility = models.ForeignKey("care.Facility", on_delete=models.PROTECT, related_name="stays")
    move_in = models.DateField()
    move_out = models.DateField(null=True, blank=True)
    # Why the stay ended: a move-out, or the citizen's death (a move-out with its date).
    END_REASONS = [("fraflytning", "Fraflytning"), ("doed", "Død")]  # the forms' choices too
    end_reason = models.CharField(max_length=12, blank=True, choices=END_REASONS)
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
    recorded_at = models.DateTimeField(auto_now_add=True)  # immutable: when first recorded
    changed_at = models.DateTimeField(auto_now=True)  # last edit of a draft
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Four eyes: whoever drew (last saved) or submitted the døgnskema cannot approve it.
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_reason = models.TextField(blank=True)  # why Myndighed sent it back, if it did

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


class StayProposal(models.Model):
    """A leader's proposal for a stay at one of their own facilities — a move-in, or a move-out
    or death — that Myndighed approves (it is then registered) or rejects."""

    class Kind(models.TextChoices):
        MOVE_IN = "move_in", "Indflytning"
        MOVE_OUT = "move_out", "Fraflytning"

    class Status(models.TextChoices):
        PENDING = "pending", "Afventer"
        APPROVED = "approved", "Godkendt"
        REJECTED = "rejected", "Afvist"

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    stay = models.ForeignKey(Stay, null=True, blank=True, on_delete=models.CASCADE)  # move-out
    facility = models.ForeignKey(  # move-in
        "care.Facility", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField()
    end_reason = models.CharField(max_length=12, blank=True)  # move-out: fraflytning or doed
    note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]
