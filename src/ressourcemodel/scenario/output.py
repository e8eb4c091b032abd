"""Engine result → the JSON shape of SPEC §4. Amounts become strings; nothing is computed here
except the display rounding of exact hours (two decimals, ROUND_HALF_UP)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

import msgspec

from ressourcemodel.engine.money import round_2
from ressourcemodel.engine.results import (
    CitizenPeriod,
    CitizenResult,
    FacilityResult,
    KeyFigures,
    Placement,
    Result,
    SpecialCase,
    Warning,
)


def _s(d: Decimal | None) -> str | None:
    return None if d is None else str(d)


@lru_cache(maxsize=4096)  # a national result repeats a few thousand tariffs many times
def _kr(d: Decimal | None) -> str | None:
    """An amount as SPEC §4 writes it: whole kroner ("558031") or kroner with øre ("334.50").
    Scenario amounts have at most two decimals (the loader refuses more), so this only
    normalises the exponent and never rounds. Equal amounts are written alike (1.0 and 1.00
    both "1"), so the cache may answer for an equal amount."""
    if d is None:
        return None
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return str(d.quantize(Decimal("0.01")))


def _d(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _hours(p: Placement) -> str | None:
    return None if p.minutes_per_week is None else _hours_of(p.minutes_per_week)


@lru_cache(maxsize=4096)  # residents share a few thousand weekly totals
def _hours_of(minutes_per_week: Fraction) -> str:
    hours = Placement(minutes_per_week, "", Decimal(0)).hours_per_day
    assert hours is not None
    return str(round_2(hours))


def _facility(f: FacilityResult) -> dict[str, Any]:
    fc = f.forecast
    return {
        "id": f.id,
        "name": f.name,
        "area": f.area,
        "places": f.places,
        "occupancy_rate": _s(f.occupancy_rate),
        "fixed_costs_total": _kr(f.fixed_costs_total),
        "regulation": _kr(f.regulation),
        "base_tariff": _kr(f.base_tariff),
        "fixed_budget": _kr(f.fixed_budget),
        "activity_budget": _kr(f.activity_budget),
        "total_budget": _kr(f.total_budget),
        "sales_income": _kr(f.sales_income),
        "occupied_days": f.occupied_days,
        "sold_days": f.sold_days,
        "funded_fte": _s(f.funded_fte),
        "actual_fte": _s(f.actual_fte),
        "level_days": dict(f.level_days),
        "months": [
            {
                "month": m.month,
                "fixed": _kr(m.fixed),
                "activity": _kr(m.activity),
                "total": _kr(m.total),
                "sales_income": _kr(m.sales_income),
                "occupied_days": m.occupied_days,
                "budget_active_days": m.budget_active_days,
                "funded_fte": _s(m.funded_fte),
                "actual": _kr(m.actual),
            }
            for m in f.months
        ],
        "forecast": None
        if fc is None
        else {
            "months_with_actuals": fc.months_with_actuals,
            "actual_to_date": _kr(fc.actual_to_date),
            "budget_to_date": _kr(fc.budget_to_date),
            "deviation_to_date": _kr(fc.deviation_to_date),
            "forecast_budget_rest": _kr(fc.forecast_budget_rest),
            "forecast_run_rate": _kr(fc.forecast_run_rate),
        },
    }


def _key_figures(k: KeyFigures) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for fld in fields(k):
        name = fld.name
        v = getattr(k, name)
        if isinstance(v, Decimal):
            out[name] = _kr(v) if name in _KF_MONEY else str(v)
        elif isinstance(v, tuple):
            out[name] = dict(v)
        else:
            out[name] = v
    return out


_KF_MONEY = {
    "fixed_budget",
    "activity_budget",
    "total_budget",
    "sales_income",
    "net_cost",
    "cost_per_place_per_day",
    "actual_to_date",
    "budget_to_date",
    "forecast",
    "old_budget",
    "change_vs_old",
    "previous_budget",
    "change_vs_previous",
}


def _warning(w: Warning) -> dict[str, Any]:
    return {
        "code": w.code,
        "message": w.message,
        "facility": w.facility,
        "citizen": w.citizen,
        "from": _d(w.start),
        "to": _d(w.end),
    }


def citizen_to_dict(c: CitizenResult) -> dict[str, Any]:
    return _CitizenWriter().of(c)


class _CitizenWriter:
    """Citizens in the JSON shape, with what residents share written once: a national result
    has some 50.000 periods on a few thousand placements and 366 dates."""

    def __init__(self) -> None:
        self.dates: dict[date, str] = {}
        self.placements: dict[int, tuple[str | None, str, str | None, bool]] = {}

    def of(self, c: CitizenResult) -> dict[str, Any]:
        return {
            "id": c.id,
            "paying_municipality": c.paying_municipality,
            "sold": c.sold,
            "periods": [self.period(p) for p in c.periods],
        }

    def period(self, p: CitizenPeriod) -> dict[str, Any]:
        pl = p.placement
        # keyed by identity: every placement stays alive in the result while this is written
        shown = self.placements.get(id(pl))
        if shown is None:
            shown = (_hours(pl), pl.level, _kr(pl.service_tariff), pl.manual)
            self.placements[id(pl)] = shown
        return {
            "from": self.date(p.start),
            "to": self.date(p.end),
            "facility": p.facility,
            "hours_per_day": shown[0],
            "level": shown[1],
            "service_tariff": shown[2],
            "manual": shown[3],
        }

    def date(self, d: date) -> str:
        text = self.dates.get(d)
        if text is None:
            text = self.dates[d] = d.isoformat()
        return text


def _special(s: SpecialCase) -> dict[str, Any]:
    return {
        "citizen": s.citizen,
        "facility": s.facility,
        "level": s.level,
        "service_tariff": _kr(s.service_tariff),
        "reason": s.reason,
        "review_date": _d(s.review_date),
    }


def result_to_json(r: Result) -> bytes:
    """The result as the ``compute`` command writes it: UTF-8 JSON indented by two spaces, the
    same bytes as ``json.dumps(result_to_dict(r), ensure_ascii=False, indent=2)``, written by
    msgspec at C speed."""
    return msgspec.json.format(msgspec.json.encode(result_to_dict(r)), indent=2)


def result_to_dict(r: Result) -> dict[str, Any]:
    totals = r.overview.total
    written = _CitizenWriter()
    return {
        "year": r.year,
        "days_in_year": r.days_in_year,
        "hourly_cost": str(r.hourly_cost.quantize(Decimal("0.01"))),
        "levels": [
            {
                "code": lv.code,
                "lower": _s(lv.lower),
                "upper": _s(lv.upper),
                "priced_hours": _s(lv.priced_hours),
                "service_tariff": _s(lv.service_tariff),
            }
            for lv in r.levels
        ],
        "facilities": [_facility(f) for f in r.facilities],
        "citizens": [written.of(c) for c in r.citizens],
        "totals": {
            "fixed_budget": _kr(totals.fixed_budget),
            "activity_budget": _kr(totals.activity_budget),
            "total_budget": _kr(totals.total_budget),
            "sales_income": _kr(totals.sales_income),
            "net_cost": _kr(totals.net_cost),
            "occupied_days": totals.occupied_days,
        },
        "overview": {
            "reference_date": _d(r.overview.reference_date),
            "total": _key_figures(totals),
            "areas": [_key_figures(a) for a in r.overview.areas],
            "special_cases": [_special(s) for s in r.overview.special_cases],
        },
        "warnings": [_warning(w) for w in r.warnings],
    }
