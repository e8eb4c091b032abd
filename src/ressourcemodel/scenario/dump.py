"""Engine input → a SPEC §4 scenario document (used by ``export-scenario``).

The output loads back with :func:`ressourcemodel.scenario.load.scenario_from_dict` to an equal
``Scenario``: a round trip the tests check.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ressourcemodel.engine.model import (
    WEEKDAYS,
    Assessment,
    Citizen,
    Facility,
    Scenario,
    ScheduleEntry,
)
from ressourcemodel.engine.parameters import Parameters
from ressourcemodel.engine.schedule import fmt_time


def _s(d: Decimal) -> str:
    return str(d)


def entry_to_dict(e: ScheduleEntry) -> dict[str, Any]:
    """The one representation of a døgnskema entry outside the engine (scenario files, the
    editor's JSON, audit snapshots, the indsigt export). Loads back with the scenario loader."""
    out: dict[str, Any] = {
        "days": [WEEKDAYS[d] for d in sorted(e.days)],
        "start": fmt_time(e.start),
        "end": fmt_time(e.end),
        "form": e.form.value,
        "staff": e.staff,
        "participants": e.participants,
        "theme": e.theme,
        "legal_basis": e.legal_basis.value,
    }
    for key in ("sub_theme", "staff_category", "note"):
        if getattr(e, key):
            out[key] = getattr(e, key)
    return out


def _assessment(a: Assessment) -> dict[str, Any]:
    out: dict[str, Any] = {"effective_from": a.effective_from.isoformat()}
    if a.level is not None:
        out["level"] = a.level
        if a.daily_amount is not None:
            out["daily_amount"] = _s(a.daily_amount)
    else:
        out["entries"] = [entry_to_dict(e) for e in a.entries]
    if a.reason:
        out["reason"] = a.reason
    if a.review_date:
        out["review_date"] = a.review_date.isoformat()
    return out


def parameters_to_dict(p: Parameters) -> dict[str, Any]:
    params: dict[str, Any] = {
        "levels": [
            {
                "code": lv.code,
                "lower": _s(lv.lower),
                "upper": _s(lv.upper),
                "priced_hours": _s(lv.priced_hours),
            }
            for lv in p.levels
        ],
        "level_unit": p.level_unit.value,
        "special": [{"code": "S1", "priced": "actual"}, {"code": "S2", "priced": "individual"}],
        "staff_mix": [
            {"category": s.category, "share": _s(s.share), "annual_cost": _s(s.annual_cost)}
            for s in p.staff_mix
        ],
        "annual_norm_hours": _s(p.annual_norm_hours),
        "productive_hours_per_fte": _s(p.productive_hours_per_fte),
        "indirect_share": _s(p.indirect_share),
        "occupancy_rate": _s(p.occupancy_rate),
        "occupancy_min": _s(p.occupancy_min),
        "occupancy_max": _s(p.occupancy_max),
        "overhead_rate": _s(p.overhead_rate),
        "tail_rule": p.tail_rule.value,
        "billing_tail_rule": p.billing_tail_rule.value,
        "level_change_rule": p.level_change_rule.value,
        "regulation_lag_years": p.regulation_lag_years,
    }
    if p.hourly_cost is not None:
        params["hourly_cost"] = _s(p.hourly_cost)
    return params


def facility_to_dict(f: Facility) -> dict[str, Any]:
    fd: dict[str, Any] = {
        "id": f.id,
        "name": f.name,
        "area": f.area,
        "places": f.places,
        "fixed_costs": {k: _s(v) for k, v in f.fixed_costs},
        "regulation": _s(f.regulation),
    }
    if f.occupancy_rate is not None:
        fd["occupancy_rate"] = _s(f.occupancy_rate)
    if f.occupancy_history:
        fd["occupancy_history"] = {str(y): _s(v) for y, v in f.occupancy_history}
    if f.results:
        fd["results"] = [
            {"year": r.year, "amount": _s(r.amount), "reason": r.reason} for r in f.results
        ]
    for key in ("actual_fte", "old_budget", "previous_budget"):
        if getattr(f, key) is not None:
            fd[key] = _s(getattr(f, key))
    if f.actuals:
        fd["actuals"] = {str(m): _s(v) for m, v in f.actuals}
    return fd


def citizen_to_dict(c: Citizen) -> dict[str, Any]:
    cd: dict[str, Any] = {
        "id": c.id,
        "paying_municipality": c.paying_municipality,
        "stays": [
            {
                "facility": s.facility,
                "move_in": s.move_in.isoformat(),
                "move_out": s.move_out.isoformat() if s.move_out else None,
            }
            for s in c.stays
        ],
        "assessments": [_assessment(a) for a in c.assessments],
    }
    if c.name:
        cd["name"] = c.name
    return cd


def scenario_to_dict(sc: Scenario) -> dict[str, Any]:
    p = sc.parameters
    return {
        "year": p.year,
        "municipality": {"code": p.municipality_code, "name": p.municipality_name},
        "parameters": parameters_to_dict(p),
        "facilities": [facility_to_dict(f) for f in sc.facilities],
        "citizens": [citizen_to_dict(c) for c in sc.citizens],
    }
