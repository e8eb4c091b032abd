"""An independent, deliberately naive reference implementation of SPEC §3.2–3.6 and §4.

Written from the SPEC text alone (plus the product's decisions where the SPEC is open, listed
below). It reads the scenario *dict* of SPEC §4 directly — it shares no code with the engine or the
scenario loader — and walks the year day by day with ``decimal.Decimal`` (precision 60; every
rounding point is an explicit ``quantize(..., ROUND_HALF_UP)``).

Product decisions used where the SPEC is open:

- hours below the lowest level's lower bound → the lowest level; hours ≥ the top bound → S1,
  priced on the exact hours;
- ``level_change_rule: next_month`` moves every assessment except the citizen's first (by date) to
  the 1st of the next month, unless it already is a 1st; when two assessments land on the same day,
  the one with the later original date wins;
- citizen periods cover OCCUPIED days only (move-in..move-out, not the tail) and are split whenever
  facility, level, tariff or hours change;
- the tail (budget and billing) uses the placement in force on the move-out day;
- a day of a stay in the year (and the move-out day when a tail reaches into the year) without an
  assessment in force is an error (``ReferenceCoverageError``);
- stays of one citizen may overlap: each stay is counted on its own;
- occupancy rate = the facility's own, else the mean of the history of years year−1 and year−2
  clamped to [occupancy_min, occupancy_max], else the parameter ``occupancy_rate``;
- regulation = facility.regulation + Σ(−amount) over ``results`` of year − regulation_lag_years;
- funded FTE of a month = activity × 12 ÷ (hourly_cost × productive_hours_per_fte), 2 decimals;
- S2's service tariff is the assessment's ``daily_amount`` as given;
- billing only for citizens whose paying municipality differs from the scenario's municipality;
  rate per day = round_half_up((base + service) × (1 + overhead_rate)) to whole kroner.

The result is a plain dict in the shape of the SPEC §4 JSON result (amounts as strings).
"""

from __future__ import annotations

import calendar
import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

KR = Decimal(1)
ORE = Decimal("0.01")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

DEFAULT_LEVELS = [
    (str(k), Decimal(2 * (k - 1)), Decimal(2 * k), Decimal(2 * k - 1)) for k in range(1, 9)
]
DEFAULT_STAFF_MIX = [
    (Decimal("0.60"), Decimal("545000")),
    (Decimal("0.25"), Decimal("440000")),
    (Decimal("0.10"), Decimal("500000")),
    (Decimal("0.05"), Decimal("455000")),
]


class ReferenceCoverageError(Exception):
    """A day that must be priced has no assessment in force."""


class ReferenceValidationError(Exception):
    """A døgnskema breaks a validation rule of SPEC §3.1."""


def D(v: Any) -> Decimal:
    if isinstance(v, float | bool):
        raise TypeError(f"no floats in scenarios: {v!r}")
    return Decimal(str(v).strip())


def rhu(v: Decimal, q: Decimal = KR) -> Decimal:
    return v.quantize(q, rounding=ROUND_HALF_UP)


def pdate(v: Any) -> date:
    if isinstance(v, date):
        return v
    y, m, d = str(v).split("-")
    return date(int(y), int(m), int(d))


def ptime(v: str) -> int:
    h, m = str(v).split(":")
    return (int(h) * 60 + int(m)) % 1440  # 24:00 is midnight


def end_of_next_month(d: date) -> date:
    y, m = (d.year, d.month + 1) if d.month < 12 else (d.year + 1, 1)
    return date(y, m, calendar.monthrange(y, m)[1])


def merge_periods(periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Join each period to the one before when it starts the day after and shows the same
    facility, level, tariff and hours."""
    out: list[dict[str, Any]] = []
    for p in periods:
        prev = out[-1] if out else None
        if (
            prev is not None
            and pdate(p["from"]) == pdate(prev["to"]) + timedelta(days=1)
            and all(
                prev[k] == p[k] for k in ("facility", "level", "service_tariff", "hours_per_day")
            )
        ):
            prev["to"] = p["to"]
        else:
            out.append(dict(p))
    return out


def days(a: date, b: date) -> list[date]:
    out = []
    while a <= b:
        out.append(a)
        a += timedelta(days=1)
    return out


@dataclass(frozen=True)
class Placement:
    level: str
    tariff: Decimal
    hours: str | None  # hours per døgn, 2 decimals, None for a hand-set level


class Reference:
    def __init__(self, d: dict[str, Any]) -> None:
        self.d = d
        self.year = int(d["year"])
        self.first = date(self.year, 1, 1)
        self.last = date(self.year, 12, 31)
        self.ndays = (self.last - self.first).days + 1
        muni = d.get("municipality") or {}
        self.code = str(muni.get("code", "707"))
        p = d.get("parameters") or {}
        self.p = p
        if p.get("levels") is not None:
            self.levels = [
                (str(lv["code"]), D(lv["lower"]), D(lv["upper"]), D(lv["priced_hours"]))
                for lv in p["levels"]
            ]
        else:
            self.levels = list(DEFAULT_LEVELS)
        self.productive = D(p.get("productive_hours_per_fte") or "1526")
        self.indirect = D(
            p.get("indirect_share") if p.get("indirect_share") is not None else "0.25"
        )
        self.default_occ = D(p.get("occupancy_rate") or "0.97")
        self.occ_min = D(p.get("occupancy_min") or "0.95")
        self.occ_max = D(p.get("occupancy_max") or "0.98")
        self.overhead = D(p.get("overhead_rate") if p.get("overhead_rate") is not None else "0")
        self.tail_rule = p.get("tail_rule") or "month_plus_one"
        self.billing_tail_rule = p.get("billing_tail_rule") or "none"
        self.level_change_rule = p.get("level_change_rule") or "effective_date"
        lag = p.get("regulation_lag_years")
        self.lag = 2 if lag is None else int(lag)
        if p.get("hourly_cost") is not None:
            self.hourly_cost = D(p["hourly_cost"])
        else:
            mix = (
                [(D(s["share"]), D(s["annual_cost"])) for s in p["staff_mix"]]
                if p.get("staff_mix") is not None
                else DEFAULT_STAFF_MIX
            )
            annual = sum((share * cost for share, cost in mix), Decimal(0))
            self.hourly_cost = rhu(annual / self.productive, ORE)
        # level bounds and priced hours per døgn, or per week (then a døgn is a 7th of them)
        self.per_week = (p.get("level_unit") or "day") == "week"
        week_days = Decimal(7) if self.per_week else Decimal(1)
        self.level_tariff = {
            code: rhu(priced * (1 + self.indirect) * self.hourly_cost / week_days)
            for code, _lo, _hi, priced in self.levels
        }

    # --- §3.1–3.3: døgnskema → placement -------------------------------------------------------

    def validate(self, entries: list[dict[str, Any]], cid: str) -> None:
        individual: dict[int, list[tuple[int, int]]] = {k: [] for k in range(7)}
        for e in entries:
            s, t = ptime(e["start"]), ptime(e["end"])
            if s == t:
                raise ReferenceValidationError(f"{cid}: zero-length entry")
            if (e.get("form") or "individual") in ("individual", "double"):  # exclusive time
                dur = (t - s) % 1440
                for wd in e["days"]:
                    individual[WEEKDAYS.index(wd)].append((s, s + dur))
        for k, ivs in individual.items():
            if sum(b - a for a, b in ivs) > 1440:
                raise ReferenceValidationError(f"{cid}: more than 24 h on {WEEKDAYS[k]}")
            ivs.sort()
            for (_a1, b1), (a2, _b2) in itertools.pairwise(ivs):
                if a2 < b1:
                    raise ReferenceValidationError(f"{cid}: overlap on {WEEKDAYS[k]}")

    def weighted_minutes_x60(self, entries: list[dict[str, Any]]) -> Decimal:
        """Σ attributed minutes over the week × 60 (an integer: 60 is divisible by 1–5, and any
        participants count divides 60 × participants)."""
        total = Decimal(0)
        for e in entries:
            form = e.get("form") or "individual"
            dur = (ptime(e["end"]) - ptime(e["start"])) % 1440
            if form == "double":
                staff, parts = 2, 1
            elif form == "group":
                staff, parts = int(e.get("staff") or 1), int(e["participants"])
            else:
                staff, parts = 1, 1
            # duration × staff ÷ participants, scaled by 60·participants/participants exactly
            total += D(dur) * D(len(e["days"])) * D(staff) * D(60) / D(parts)
        return total

    def place(self, a: dict[str, Any], cid: str) -> Placement:
        if a.get("level") is not None:
            code = str(a["level"])
            if code == "S2":
                return Placement("S2", D(a["daily_amount"]), None)
            return Placement(code, self.level_tariff[code], None)
        entries = a["entries"]
        self.validate(entries, cid)
        wm60 = self.weighted_minutes_x60(entries)  # hours = wm60 / (60 · 7 · 60)
        denom = Decimal(60 * 7 * 60)
        hours = wm60 / denom  # exact unless non-terminating (then 60 digits)
        hours_s = str(rhu(hours, ORE))
        unit = Decimal(60 * 60) if self.per_week else denom  # wm60 ÷ unit = hours in the unit
        top = self.levels[-1][2]
        if wm60 >= top * unit:
            tariff = rhu(wm60 * (1 + self.indirect) * self.hourly_cost / denom)
            return Placement("S1", tariff, hours_s)
        code = self.levels[0][0]
        for c, lo, hi, _priced in self.levels:
            if lo * unit <= wm60 < hi * unit:
                code = c
        return Placement(code, self.level_tariff[code], hours_s)

    # --- assessments over time ---------------------------------------------------------------

    def timeline(self, c: dict[str, Any]) -> list[tuple[date, date, dict[str, Any]]]:
        """(date in force, original date, assessment), in order of precedence."""
        items = sorted(
            ((pdate(a["effective_from"]), a) for a in c.get("assessments") or []),
            key=lambda t: t[0],
        )
        out = []
        for i, (eff, a) in enumerate(items):
            when = eff
            if self.level_change_rule == "next_month" and i > 0 and eff.day != 1:
                when = date(eff.year + (eff.month == 12), eff.month % 12 + 1, 1)
            out.append((when, eff, a))
        out.sort(key=lambda t: (t[0], t[1]))
        return out

    # --- the year ------------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        with localcontext() as ctx:
            ctx.prec = 60
            return self._run()

    def _run(self) -> dict[str, Any]:
        Y = self.year
        facilities = self.d.get("facilities") or []
        fac: dict[str, dict[str, Any]] = {}
        for f in facilities:
            fid = str(f["id"])
            fixed = sum((D(v) for v in (f.get("fixed_costs") or {}).values()), Decimal(0))
            reg = D(f["regulation"]) if f.get("regulation") is not None else Decimal(0)
            for r in f.get("results") or []:
                if int(r["year"]) == Y - self.lag:
                    reg += -D(r["amount"])
            if f.get("occupancy_rate") is not None:
                occ = D(f["occupancy_rate"])
            else:
                hist = {int(k): D(v) for k, v in (f.get("occupancy_history") or {}).items()}
                known = [hist[y] for y in (Y - 1, Y - 2) if y in hist]  # one year: that one
                if known:
                    occ = min(max(sum(known) / len(known), self.occ_min), self.occ_max)
                else:
                    occ = self.default_occ
            places = int(f["places"])
            base = rhu((fixed + reg) / (D(places) * D(self.ndays) * occ))
            m_fixed = rhu(fixed / 12)
            fixed_months = [m_fixed] * 11 + [fixed - 11 * m_fixed]
            fac[fid] = {
                "id": fid,
                "regulation": reg,
                "occupancy_rate": occ,
                "base": base,
                "fixed": fixed,
                "fixed_months": fixed_months,
                "activity": [Decimal(0)] * 13,
                "sales": [Decimal(0)] * 13,
                "occupied": [0] * 13,
                "active": [0] * 13,
            }

        citizens_out = []
        for c in self.d.get("citizens") or []:
            cid = str(c["id"])
            sold = str(c["paying_municipality"]) != self.code
            tl = self.timeline(c)
            cache: dict[int, Placement] = {}

            def placement_on(
                t: date, cid: str = cid, tl: Any = tl, cache: Any = cache
            ) -> Placement:
                found = None
                for i, (when, _eff, _a) in enumerate(tl):
                    if when <= t:
                        found = i
                if found is None:
                    raise ReferenceCoverageError(f"{cid}: no assessment in force on {t}")
                if found not in cache:
                    cache[found] = self.place(tl[found][2], cid)
                return cache[found]

            periods: list[dict[str, Any]] = []
            for s in c["stays"]:
                fid = str(s["facility"])
                F = fac[fid]
                mi = pdate(s["move_in"])
                mo = pdate(s["move_out"]) if s.get("move_out") is not None else None
                occ_end = mo if mo is not None else self.last
                # occupied days in the year; each stay gives its own periods (stays may overlap)
                stay_periods: list[dict[str, Any]] = []
                for t in days(max(mi, self.first), min(occ_end, self.last)):
                    pl = placement_on(t)
                    F["occupied"][t.month] += 1
                    F["active"][t.month] += 1
                    F["activity"][t.month] += pl.tariff
                    if sold:
                        F["sales"][t.month] += rhu((F["base"] + pl.tariff) * (1 + self.overhead))
                    stay_periods.append(
                        {
                            "from": t.isoformat(),
                            "to": t.isoformat(),
                            "facility": fid,
                            "level": pl.level,
                            "service_tariff": str(pl.tariff),
                            "hours_per_day": pl.hours,
                        }
                    )
                periods += merge_periods(stay_periods)
                if mo is None:
                    continue
                tail_end = end_of_next_month(mo)
                # moving in again at the same facility inside the own tail ends the tail
                for s2 in c["stays"]:
                    mi2 = pdate(s2["move_in"])
                    if str(s2["facility"]) == fid and mo < mi2 <= tail_end:
                        tail_end = mi2 - timedelta(days=1)
                tail_days = days(max(mo + timedelta(days=1), self.first), min(tail_end, self.last))
                budget_tail = self.tail_rule == "month_plus_one"
                billing_tail = sold and self.billing_tail_rule == "month_plus_one"
                if tail_days and (budget_tail or billing_tail):
                    pl = placement_on(mo)  # the placement on the move-out day
                    for t in tail_days:
                        if budget_tail:
                            F["active"][t.month] += 1
                            F["activity"][t.month] += pl.tariff
                        if billing_tail:
                            F["sales"][t.month] += rhu(
                                (F["base"] + pl.tariff) * (1 + self.overhead)
                            )
            periods.sort(key=lambda p: (p["from"], p["to"], p["facility"]))
            periods = merge_periods(periods)
            citizens_out.append({"id": cid, "sold": sold, "periods": periods})

        fac_out = []
        # One division of exact products (precision 60): a quotient that is exactly a half
        # is exact, and any other ratio of these small integers lies far further from a half
        # than the 60th digit — rounded as the engine's exact ratio is.
        fte_den = self.hourly_cost * self.productive
        for F in fac.values():
            months = []
            for m in range(1, 13):
                fte = rhu(F["activity"][m] * 12 / fte_den, ORE) if fte_den else ORE * 0
                months.append(
                    {
                        "month": m,
                        "fixed": str(F["fixed_months"][m - 1]),
                        "activity": str(F["activity"][m]),
                        "sales_income": str(F["sales"][m]),
                        "occupied_days": F["occupied"][m],
                        "budget_active_days": F["active"][m],
                        "funded_fte": str(fte),
                    }
                )
            fac_out.append(
                {
                    "id": F["id"],
                    "occupancy_rate": str(F["occupancy_rate"]),
                    "regulation": str(F["regulation"]),
                    "base_tariff": str(F["base"]),
                    "fixed_budget": str(F["fixed"]),
                    "activity_budget": str(sum(F["activity"], Decimal(0))),
                    "sales_income": str(sum(F["sales"], Decimal(0))),
                    "occupied_days": sum(F["occupied"]),
                    "months": months,
                }
            )
        totals = {
            key: str(sum((D(f[key]) for f in fac_out), Decimal(0)))
            for key in ("fixed_budget", "activity_budget", "sales_income")
        }
        return {
            "year": Y,
            "hourly_cost": str(self.hourly_cost),
            "levels": [
                {"code": code, "service_tariff": str(self.level_tariff[code])}
                for code, *_ in self.levels
            ],
            "facilities": fac_out,
            "citizens": citizens_out,
            "totals": totals,
        }


def reference(d: dict[str, Any]) -> dict[str, Any]:
    """The SPEC §4 result of scenario dict ``d`` (raises ``ReferenceCoverageError`` or
    ``ReferenceValidationError`` for scenarios the engine must refuse)."""
    return Reference(d).run()
