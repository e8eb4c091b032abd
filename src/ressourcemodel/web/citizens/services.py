"""Write use cases: parse → engine → save in one transaction → audit row.

Each service is ``<entity>_<action>`` with keyword-only arguments; views only parse, check the
permission and call one of these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.model import THEMES, ScheduleEntry
from ressourcemodel.engine.results import Placement
from ressourcemodel.engine.tariffs import place_entries
from ressourcemodel.scenario.dump import entry_to_dict
from ressourcemodel.scenario.people import entry_from_dict
from ressourcemodel.scenario.readers import ScenarioError
from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.calculation.mappers import (
    entries_of,
    entry_to_row,
    parameters_from_row,
    tariff_year_row,
)
from ressourcemodel.web.calculation.results import bump_data_version
from ressourcemodel.web.common.errors import ServiceError, StaleError
from ressourcemodel.web.records import models as m

DAY_LABELS = {"mon": "man", "tue": "tir", "wed": "ons", "thu": "tor", "fri": "fre", "sat": "lør",
              "sun": "søn"}  # fmt: skip


def _entry_label(i: int, raw: Any) -> str:
    """'indsats 2 (man, tir 08:00–08:00)': the entry as the user sees it in the editor."""
    if not isinstance(raw, dict):
        return f"indsats {i + 1}"
    raw_days = raw.get("days")
    days: list[Any] = raw_days if isinstance(raw_days, list) else []
    shown = ", ".join(DAY_LABELS.get(str(d), str(d)) for d in days[:7])
    return f"indsats {i + 1} ({shown} {raw.get('start', '?')}–{raw.get('end', '?')})"


def parse_entries(raw: list[dict[str, Any]]) -> tuple[ScheduleEntry, ...]:
    """Entries as the editor posts them (the scenario file's entry shape)."""
    if not isinstance(raw, list):
        raise ServiceError("Døgnskemaet skal være en liste af indsatser.")
    if len(raw) > 500:
        raise ServiceError("Døgnskemaet har for mange indsatser (højst 500).")
    out = []
    for i, e in enumerate(raw):
        if not isinstance(e, dict):
            raise ServiceError(f"{_entry_label(i, e)}: skal være en indsats med felter.")
        try:
            out.append(entry_from_dict(e, _entry_label(i, e)))
        except ScenarioError as err:
            raise ServiceError(str(err)) from err
    return tuple(out)


def placement_preview(*, year: int, raw_entries: list[dict[str, Any]], label: str) -> Placement:
    """Live total for the editor: the engine places the (unsaved) døgnskema."""
    entries = parse_entries(raw_entries)
    params = parameters_from_row(tariff_year_row(year))
    try:
        return place_entries(entries, params, citizen_label=label)
    except EngineError as e:
        raise ServiceError(str(e)) from e


def _snapshot(a: m.Assessment) -> dict[str, Any]:
    return {
        "effective_from": a.effective_from.isoformat(),
        "status": a.status,
        "manual_level": a.manual_level,
        "daily_amount": None if a.daily_amount is None else str(a.daily_amount),
        "reason": a.reason,
        "version": a.version,
        "returned_reason": a.returned_reason,
        "entries": [entry_to_dict(e) for e in entries_of(a)],
        "ratings": {r.theme: [r.function_level, r.support_level] for r in a.ratings.all()},
    }


@dataclass(frozen=True)
class AssessmentInput:
    effective_from: date
    entries: list[dict[str, Any]]
    ratings: dict[str, tuple[int, int]]
    goal_type: str = ""
    assessor: str = ""
    follow_up_date: date | None = None


def _refuse_second_draft(citizen: m.Citizen) -> None:
    """No second draft beside one under way (draft or submitted)."""
    under_way = m.Assessment.objects.select_for_update().filter(
        citizen=citizen, status__in=[m.Assessment.Status.DRAFT, m.Assessment.Status.SUBMITTED]
    )
    if under_way.exists():
        raise ServiceError(
            "Borgeren har allerede et døgnskema under arbejde (kladde eller indsendt). "
            "Ret det, træk det tilbage eller slet kladden i stedet for at starte et nyt."
        )


def assessment_save_draft(
    *,
    user: Any,
    citizen: m.Citizen,
    assessment: m.Assessment | None,
    data: AssessmentInput,
    version: int | None,
    year: int,
) -> m.Assessment:
    """Create or update a draft døgnskema. The engine validates it first (overlap, zero length,
    more than 24 h a day …); on error nothing is saved. Refuses a stale ``version``."""
    entries = parse_entries(data.entries)
    params = parameters_from_row(tariff_year_row(year))
    try:
        place_entries(entries, params, citizen_label=citizen.name)
    except EngineError as e:
        raise ServiceError(str(e)) from e
    for theme, (f, s) in data.ratings.items():
        if theme not in THEMES or not (0 <= f <= 4 and 0 <= s <= 4):
            raise ServiceError(f"VUM-vurderingen for '{theme}' skal være 0–4.")
    with transaction.atomic():
        if assessment is None:
            _refuse_second_draft(citizen)
            a = m.Assessment(citizen=citizen)
            before = None
        else:
            a = m.Assessment.objects.select_for_update().get(pk=assessment.pk)
            if a.status == m.Assessment.Status.APPROVED:
                raise ServiceError("En godkendt vurdering kan ikke ændres; opret en ny.")
            if version is None:
                raise ServiceError("Versionen mangler; genindlæs siden og prøv igen.")
            if a.version != version:
                raise StaleError(
                    "Døgnskemaet er ændret af en anden, siden du åbnede det. Genindlæs siden for "
                    "at se den seneste udgave; dine ændringer er ikke gemt."
                )
            before = _snapshot(a)
            a.version += 1
        a.effective_from = data.effective_from
        a.status = m.Assessment.Status.DRAFT
        a.manual_level = ""
        a.goal_type = data.goal_type
        a.assessor = data.assessor
        a.follow_up_date = data.follow_up_date
        a.assessment_date = timezone.localdate()
        a.drawn_by = user if getattr(user, "pk", None) else None
        a.save()
        a.entries.all().delete()
        m.ScheduleEntryRow.objects.bulk_create(entry_to_row(e, a) for e in entries)
        a.ratings.all().delete()
        m.VumRating.objects.bulk_create(
            m.VumRating(assessment=a, theme=t, function_level=f, support_level=s)
            for t, (f, s) in data.ratings.items()
        )
        audit_record(
            user=user, action="assessment.save_draft", obj=a, before=before, after=_snapshot(a)
        )
    return a


def _transition(
    *,
    user: Any,
    assessment: m.Assessment,
    version: int,
    action: str,
    from_status: str,
    to_status: str,
    wrong_status: str,
    apply: Any = None,
) -> m.Assessment:
    """Move an assessment along draft → submitted → approved: lock the row, refuse a stale
    version or a wrong status, save and write the audit row, in one transaction."""
    with transaction.atomic():
        a = m.Assessment.objects.select_for_update().get(pk=assessment.pk)
        if a.version != version:
            raise StaleError("Døgnskemaet er ændret af en anden. Genindlæs siden.")
        if a.status != from_status:
            raise ServiceError(wrong_status)
        if apply is not None:
            apply(a)
        before = _snapshot(a)
        a.status = to_status
        a.version += 1
        a.save()
        audit_record(user=user, action=action, obj=a, before=before, after=_snapshot(a))
    return a


def assessment_submit(*, user: Any, assessment: m.Assessment, version: int) -> m.Assessment:
    def stamp(a: m.Assessment) -> None:
        a.submitted_at = timezone.now()
        a.submitted_by = user if getattr(user, "pk", None) else None
        a.returned_reason = ""

    return _transition(
        user=user,
        assessment=assessment,
        version=version,
        action="assessment.submit",
        from_status="draft",
        to_status="submitted",
        wrong_status="Kun en kladde kan indsendes.",
        apply=stamp,
    )


def assessment_approve(*, user: Any, assessment: m.Assessment, version: int) -> m.Assessment:
    """Myndighed approves: from the effective date the døgnskema sets the citizen's level."""

    def stamp(a: m.Assessment) -> None:
        if getattr(user, "pk", None) is not None and user.pk in (a.drawn_by_id, a.submitted_by_id):
            raise ServiceError(
                "Du har selv tegnet eller indsendt døgnskemaet; en anden sagsbehandler skal "
                "godkende det (fire øjne)."
            )
        if m.Assessment.objects.filter(
            citizen=a.citizen, status=m.Assessment.Status.APPROVED, effective_from=a.effective_from
        ).exists():
            raise ServiceError(
                f"Der er allerede en godkendt vurdering fra {a.effective_from:%d-%m-%Y}."
            )
        a.approved_at = timezone.now()
        a.approved_by = user
        bump_data_version(citizens=[a.citizen_id])  # an approved døgnskema is an engine input

    return _transition(
        user=user,
        assessment=assessment,
        version=version,
        action="assessment.approve",
        from_status="submitted",
        to_status="approved",
        wrong_status="Kun en indsendt vurdering kan godkendes.",
        apply=stamp,
    )


def assessment_return(
    *, user: Any, assessment: m.Assessment, version: int, reason: str
) -> m.Assessment:
    """Myndighed sends a submitted døgnskema back to the one who drew it, with a reason."""
    reason = reason.strip()
    if not reason:
        raise ServiceError("Skriv hvorfor døgnskemaet sendes tilbage.")
    if len(reason) > 1000:
        raise ServiceError("Begrundelsen må højst være 1.000 tegn.")

    def stamp(a: m.Assessment) -> None:
        a.returned_reason = reason

    return _transition(
        user=user,
        assessment=assessment,
        version=version,
        action="assessment.return",
        from_status="submitted",
        to_status="draft",
        wrong_status="Kun en indsendt vurdering kan sendes tilbage.",
        apply=stamp,
    )


def assessment_withdraw(*, user: Any, assessment: m.Assessment, version: int) -> m.Assessment:
    """The one who may edit takes a submitted døgnskema back to draft before it is decided."""
    return _transition(
        user=user,
        assessment=assessment,
        version=version,
        action="assessment.withdraw",
        from_status="submitted",
        to_status="draft",
        wrong_status="Kun en indsendt vurdering kan trækkes tilbage.",
    )


def assessment_delete_draft(*, user: Any, assessment: m.Assessment, version: int) -> None:
    """Delete a draft (never a submitted or approved døgnskema); the audit row keeps it."""
    with transaction.atomic():
        a = m.Assessment.objects.select_for_update().get(pk=assessment.pk)
        if a.version != version:
            raise StaleError("Døgnskemaet er ændret af en anden. Genindlæs siden.")
        if a.status != m.Assessment.Status.DRAFT:
            raise ServiceError("Kun en kladde kan slettes.")
        audit_record(user=user, action="assessment.delete", obj=a, before=_snapshot(a), after=None)
        a.delete()
