"""Explanations and comparisons as JSON (the fields of the explain/diff commands are fixed)."""

from __future__ import annotations

from typing import Any

from ressourcemodel.engine.compare import CAUSE_LABELS_DA, Comparison
from ressourcemodel.engine.explain import CitizenExplanation, FacilityExplanation
from ressourcemodel.engine.model import WEEKDAYS
from ressourcemodel.engine.money import round_2
from ressourcemodel.engine.schedule import fmt_time


def facility_explanation_to_dict(x: FacilityExplanation) -> dict[str, Any]:
    b = x.base
    return {
        "facility": x.facility,
        "month": x.month,
        "activity": str(x.activity),
        "parts": [
            {"citizen": p.citizen, "from": p.start.isoformat(), "to": p.end.isoformat(),
             "days": p.days, "level": p.level, "service_tariff": str(p.service_tariff),
             "amount": str(p.amount), "kind": p.kind}
            for p in x.parts
        ],
        "base_tariff": {
            "base_tariff": str(b.base_tariff),
            "fixed_costs": {k: str(v) for k, v in b.fixed_costs},
            "regulation_set": str(b.regulation_set),
            "carried": [{"origin_year": y, "amount": str(a), "reason": r}
                        for y, a, r in b.carried],
            "regulation": str(b.regulation),
            "places": b.places,
            "days_in_year": b.days_in_year,
            "occupancy_rate": str(b.occupancy_rate),
            "occupancy_source": b.occupancy_source,
        },
    }  # fmt: skip


def citizen_explanation_to_dict(x: CitizenExplanation) -> dict[str, Any]:
    p = x.parameters
    return {
        "citizen": x.citizen,
        "parameters": {"year": p.year, "hourly_cost": str(x.hourly_cost),
                       "indirect_share": str(p.indirect_share),
                       "level_change_rule": p.level_change_rule.value},
        "assessments": [
            {
                "effective_from": a.assessment.effective_from.isoformat(),
                "in_force_from": a.in_force_from.isoformat(),
                "hand_set_level": a.assessment.level,
                "reason": a.assessment.reason,
                "review_date": a.assessment.review_date.isoformat()
                if a.assessment.review_date else None,
                "entries": [
                    {"days": [WEEKDAYS[d] for d in sorted(e.entry.days)],
                     "start": fmt_time(e.entry.start), "end": fmt_time(e.entry.end),
                     "form": e.entry.form.value, "staff": e.entry.staff,
                     "participants": e.entry.participants, "theme": e.entry.theme,
                     "legal_basis": e.entry.legal_basis.value,
                     "minutes_per_week": str(round_2(e.minutes_per_week))}
                    for e in a.entries
                ],
                "hours_per_day": None if a.hours_per_day is None else str(a.hours_per_day),
                "level": a.level,
                "priced_hours": None if a.priced_hours is None else str(a.priced_hours),
                "service_tariff": str(a.service_tariff),
            }
            for a in x.assessments
        ],
    }  # fmt: skip


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    return {
        "year": c.year,
        "total": {"before": str(c.before.total), "after": str(c.after.total),
                  "difference": str(c.difference)},
        "causes": [
            {"cause": k.cause, "label": CAUSE_LABELS_DA[k.cause], "amount": str(k.amount),
             "citizens": [{"citizen": cid, "amount": str(a)} for cid, a in k.citizens],
             **({"note": k.note} if k.note else {})}
            for k in c.causes
        ],
        "facilities": [
            {"id": fid,
             "before": str(c.before.facilities.get(fid, 0)),
             "after": str(c.after.facilities.get(fid, 0)),
             "difference": str(c.after.facilities.get(fid, 0) - c.before.facilities.get(fid, 0)),
             "causes": [{"cause": k.cause, "amount": str(k.facilities.get(fid, 0))}
                        for k in c.causes]}
            for fid in c.facility_ids()
        ],
    }  # fmt: skip
