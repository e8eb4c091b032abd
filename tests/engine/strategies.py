"""Hypothesis strategies for random VALID scenario dicts in the SPEC §4 file shape.

Money and rates are strings, dates ISO strings, times ``HH:MM``. Every scenario is valid by
construction: stays of one citizen never overlap, individual/double døgnskema entries never overlap
on the weekly clock (in any reading of entries that cross midnight) and never exceed 24 h on a
weekday, and each citizen's first assessment is in force on or before the citizen's first move-in,
so that every occupied day (and every move-out day whose tail reaches the year) is covered.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ressourcemodel.engine.model import Scenario
from ressourcemodel.scenario.load import ScenarioError, scenario_from_dict

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
THEMES = (
    "Egenomsorg",
    "Praktiske opgaver",
    "Kommunikation",
    "Mobilitet",
    "Relationer",
    "Samfundsliv",
    "Mentale funktioner",
    "Fysiske funktioner",
    "Sundhedsforhold",
    "Sociale forhold",
    "Omgivelsesfaktorer",
)
LEGAL = ("SEL85", "SEL83", "SEL86", "SUL138")
CATEGORIES = (
    "ledelse_og_administration",
    "bygningsdrift_og_vedligehold",
    "servicepersonale",
    "nattevagt",
    "kompetenceudvikling",
    "tilsyn",
    "afskrivninger",
    "tvaergaaende_sundhedsindsatser",
    "administrative_sundhedsfaglige_opgaver",
    "tvaergaaende_moeder_og_netvaerk",
    "amr_tr_og_trio",
    "oevrige",
)
YEARS = (2023, 2024, 2025, 2026, 2027, 2028)


def hhmm(minutes: int, *, allow_24: bool = False) -> str:
    minutes %= 1440
    if minutes == 0 and allow_24:
        return "24:00"
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def money(lo: int, hi: int, *, ore: bool = False) -> st.SearchStrategy[str]:
    if ore:
        return st.integers(lo * 100, hi * 100).map(lambda v: str(Decimal(v) / 100))
    return st.integers(lo, hi).map(str)


def rate(lo: int, hi: int, scale: int = 100) -> st.SearchStrategy[str]:
    """A rate between lo/scale and hi/scale as a string."""
    return st.integers(lo, hi).map(lambda v: str(Decimal(v) / scale))


# --- døgnskema ------------------------------------------------------------------------------


class _Clock:
    """Occupied minutes of a week (0 = Monday 00:00) by individual and double entries."""

    def __init__(self) -> None:
        self.busy: list[tuple[int, int]] = []
        self.per_day = [0] * 7

    @staticmethod
    def _intervals(days: list[int], start: int, length: int) -> list[tuple[int, int]]:
        out = []
        for d in days:
            a = d * 1440 + start
            b = a + length
            if b <= 10080:
                out.append((a, b))
            else:  # Sunday night into Monday morning
                out += [(a, 10080), (0, b - 10080)]
        return out

    def fits(self, days: list[int], start: int, length: int) -> bool:
        if any(self.per_day[d] + length > 1440 for d in days):
            return False
        new = self._intervals(days, start, length)
        for a, b in new:
            for c, e in self.busy + [x for x in new if x != (a, b)]:
                if a < e and c < b:
                    return False
        return True

    def add(self, days: list[int], start: int, length: int) -> None:
        self.busy += self._intervals(days, start, length)
        for d in days:
            self.per_day[d] += length


def _entry(draw: Any, form: str, days: list[int], start: int, length: int) -> dict[str, Any]:
    e: dict[str, Any] = {
        "days": [WEEKDAYS[d] for d in sorted(days)],
        "start": hhmm(start),
        "end": hhmm(start + length, allow_24=draw(st.booleans())),
        "form": form,
        "theme": draw(st.sampled_from(THEMES)),
        "legal_basis": draw(st.sampled_from(LEGAL)),
    }
    if form == "group":
        e["participants"] = draw(st.integers(2, 5))
        staff = draw(st.integers(1, 2))
        if staff != 1 or draw(st.booleans()):
            e["staff"] = staff
    elif form == "double" and draw(st.booleans()):
        e["staff"], e["participants"] = 2, 1
    elif form == "individual" and draw(st.booleans()):
        e["staff"], e["participants"] = 1, 1
    if draw(st.integers(0, 5)) == 0:
        e["note"] = "mål: selvstændig morgenrutine"
    return e


@st.composite
def entries(draw: Any, bounds: tuple[Decimal, ...] = ()) -> list[dict[str, Any]]:
    """A valid list of døgnskema entries. ``bounds``: level bounds (h/døgn) to aim at sometimes."""
    mode = draw(st.sampled_from(["random", "random", "random", "heavy", "exact", "night"]))
    clock = _Clock()
    out: list[dict[str, Any]] = []
    if mode == "exact" and bounds:
        # one entry every day whose length is exactly a level bound (or a minute off it)
        b = draw(st.sampled_from(bounds))
        minutes = int(b * 60) + draw(st.sampled_from([0, 0, 0, -1, 1]))
        if 1 <= minutes <= 1439 and b * 60 == int(b * 60):
            start = draw(st.integers(0, 1439))
            clock.add(list(range(7)), start, minutes)
            out.append(_entry(draw, "individual", list(range(7)), start, minutes))
            return out
    if mode == "heavy":
        # long individual days (+ maybe double): reaches S1 with the default table
        length = draw(st.integers(14 * 60, 23 * 60))
        start = draw(st.integers(0, 1439 - 0))
        # all 7 days at the same start: no overlap as length < 24 h
        clock.add(list(range(7)), start, length)
        out.append(_entry(draw, "individual", list(range(7)), start, length))
    if mode == "night":
        start = draw(st.integers(20 * 60, 23 * 60 + 59))
        length = draw(st.integers(60, 10 * 60))
        ds = sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=7)))
        clock.add(ds, start, length)
        out.append(_entry(draw, "individual", ds, start, length))
    n = draw(st.integers(0 if out else 1, 6))
    for _ in range(n):
        form = draw(st.sampled_from(["individual", "individual", "double", "group"]))
        ds = sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=7)))
        if draw(st.booleans()):
            start = draw(st.integers(0, 95)) * 15
            length = draw(st.integers(1, 16)) * 15
        else:
            start = draw(st.integers(0, 1439))
            length = draw(st.integers(1, 1439 if draw(st.integers(0, 9)) == 0 else 300))
        if form == "group":
            out.append(_entry(draw, form, ds, start, length))
        elif clock.fits(ds, start, length):
            clock.add(ds, start, length)
            out.append(_entry(draw, form, ds, start, length))
    if not out:
        start = draw(st.integers(0, 1439))
        out.append(_entry(draw, "group", [0], start, 30))
    return out


# --- parameters ---------------------------------------------------------------------------


@st.composite
def level_table(draw: Any) -> list[dict[str, str]]:
    """Contiguous levels (4–8) with random bounds, priced inside their span (so increasing)."""
    n = draw(st.integers(4, 8))
    lower = Decimal(draw(st.sampled_from([0, 0, 0, 1, 2]))) / 2  # 0, 0.5 or 1
    out = []
    for k in range(n):
        width = Decimal(draw(st.integers(1, 8))) / 2
        upper = lower + width
        quarter_steps = int(width * 4)
        priced = lower + Decimal(draw(st.integers(0, quarter_steps - 1))) / 4
        out.append(
            {
                "code": str(k + 1),
                "lower": str(lower),
                "upper": str(upper),
                "priced_hours": str(priced),
            }
        )
        lower = upper
    return out


@st.composite
def staff_mix(draw: Any) -> list[dict[str, str]]:
    n = draw(st.integers(1, 4))
    cuts = sorted(draw(st.lists(st.integers(1, 19), min_size=n - 1, max_size=n - 1, unique=True)))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, 20], strict=True)]
    return [
        {
            "category": f"kategori {i}",
            "share": str(Decimal(s) / 20),
            "annual_cost": draw(money(380_000, 620_000)),
        }
        for i, s in enumerate(shares)
    ]


@st.composite
def parameters(draw: Any) -> dict[str, Any]:
    p: dict[str, Any] = {}
    if draw(st.booleans()):
        p["levels"] = draw(level_table())
        if draw(st.integers(0, 4)) == 0:  # the same table read per week
            p["level_unit"] = "week"
            p["levels"] = [
                {k: (v if k == "code" else str(Decimal(v) * 7)) for k, v in lv.items()}
                for lv in p["levels"]
            ]
    cost = draw(st.sampled_from(["given", "given", "mix", "default"]))
    if cost == "given":
        p["hourly_cost"] = draw(money(250, 450, ore=True))
    elif cost == "mix":
        p["staff_mix"] = draw(staff_mix())
        if draw(st.booleans()):
            p["productive_hours_per_fte"] = draw(st.integers(1400, 1700).map(str))
    if draw(st.booleans()):
        p["productive_hours_per_fte"] = draw(st.integers(1400, 1700).map(str))
    if draw(st.booleans()):
        p["indirect_share"] = draw(st.sampled_from(["0", "0.25", "0.3", "0.125", "0.2"]))
    if draw(st.booleans()):
        p["overhead_rate"] = draw(st.sampled_from(["0", "0.05", "0.1", "0.035", "0.125"]))
    if draw(st.booleans()):
        p["occupancy_rate"] = draw(rate(85, 100))
    for key, values in (
        ("tail_rule", ["month_plus_one", "none"]),
        ("billing_tail_rule", ["none", "month_plus_one"]),
        ("level_change_rule", ["effective_date", "next_month"]),
    ):
        if draw(st.booleans()):
            p[key] = draw(st.sampled_from(values))
    if draw(st.integers(0, 4)) == 0:
        p["regulation_lag_years"] = draw(st.integers(1, 3))
    if draw(st.booleans()):
        p["special"] = [{"code": "S1", "priced": "actual"}, {"code": "S2", "priced": "individual"}]
    return p


@st.composite
def facility(draw: Any, fid: str, year: int) -> dict[str, Any]:
    cats = draw(st.lists(st.sampled_from(CATEGORIES), min_size=0, max_size=5, unique=True))
    f: dict[str, Any] = {
        "id": fid,
        "name": f"Bofællesskabet {fid}",
        "area": draw(st.sampled_from(["Område Grenaa", "Område Ørum"])),
        "places": draw(st.integers(1, 20)),
        "fixed_costs": {
            c: draw(money(0, 3_000_000, ore=draw(st.integers(0, 5)) == 0)) for c in cats
        },
    }
    if draw(st.booleans()):
        f["regulation"] = draw(money(-300_000, 300_000))
    if draw(st.integers(0, 2)) == 0:
        f["results"] = [
            {"year": y, "amount": draw(money(-200_000, 200_000)), "reason": f"Resultat {y}"}
            for y in draw(st.sets(st.sampled_from([year - 3, year - 2, year - 1]), min_size=1))
        ]
    occ = draw(st.sampled_from(["own", "history", "none"]))
    if occ == "own":
        f["occupancy_rate"] = draw(rate(80, 100))
    elif occ == "history":
        h = {str(year - 1): draw(rate(85, 100)), str(year - 2): draw(rate(85, 100))}
        if draw(st.booleans()):
            h[str(year - 3)] = draw(rate(50, 100))
        f["occupancy_history"] = h
    return f


# --- citizens -------------------------------------------------------------------------------


def _iso(d: date) -> str:
    return d.isoformat()


@st.composite
def stays(draw: Any, year: int, facility_ids: list[str]) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 3))
    first = date(year - 3, 1, 1)
    special_starts = [
        date(year, 1, 1),
        date(year - 1, 12, 1),
        date(year, 2, 28),
        date(year, 12, 31),
        date(year, 3, 1),
    ]
    if draw(st.integers(0, 3)) == 0:
        cursor = draw(st.sampled_from(special_starts))
    else:
        cursor = first + timedelta(days=draw(st.integers(0, (date(year, 12, 31) - first).days)))
    out = []
    for i in range(n):
        last = i == n - 1
        kind = draw(
            st.sampled_from(
                ["random", "random", "dec_before", "dec_year", "in_year", "after", "same_day"]
                + (["null", "null"] if last else [])
            )
        )
        move_in = cursor
        move_out: date | None
        if kind == "null":
            move_out = None
        elif kind == "dec_before":
            move_out = date(year - 1, 12, draw(st.sampled_from([1, 10, 15, 30, 31])))
        elif kind == "dec_year":
            move_out = date(year, 12, draw(st.sampled_from([1, 10, 15, 30, 31])))
        elif kind == "in_year":
            move_out = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
        elif kind == "after":
            move_out = date(year + 1, 1, 1) + timedelta(days=draw(st.integers(0, 60)))
        elif kind == "same_day":
            move_out = move_in
        else:
            move_out = move_in + timedelta(days=draw(st.integers(0, 900)))
        if move_out is not None and move_out < move_in:
            move_out = move_in + timedelta(days=draw(st.integers(0, 400)))
        out.append(
            {
                "facility": draw(st.sampled_from(facility_ids)),
                "move_in": _iso(move_in),
                "move_out": None if move_out is None else _iso(move_out),
            }
        )
        if move_out is None:
            break
        cursor = move_out + timedelta(days=draw(st.sampled_from([1, 1, 2, 5, 20, 45, 120])))
    return out


@st.composite
def assessment(draw: Any, eff: date, level_codes: list[str], bounds: tuple[Decimal, ...]) -> Any:
    kind = draw(st.sampled_from(["entries"] * 5 + ["manual", "S2"]))
    a: dict[str, Any] = {"effective_from": _iso(eff)}
    if kind == "entries":
        a["entries"] = draw(entries(bounds))
    elif kind == "manual":
        a["level"] = draw(st.sampled_from(level_codes))
        a["reason"] = "foreløbigt niveau ved indflytning"
    else:
        a["level"] = "S2"
        a["daily_amount"] = draw(st.one_of(money(2000, 15000), money(2000, 15000, ore=True)))
        a["reason"] = "2:1 døgnet rundt"
        a["review_date"] = _iso(eff + timedelta(days=180))
    return a


@st.composite
def citizen(
    draw: Any,
    cid: str,
    year: int,
    facility_ids: list[str],
    level_codes: list[str],
    bounds: tuple[Decimal, ...],
    payers: tuple[str, ...],
) -> dict[str, Any]:
    ss = draw(stays(year, facility_ids))
    first_in = min(date.fromisoformat(s["move_in"]) for s in ss)
    first_eff = first_in - timedelta(days=draw(st.sampled_from([0, 0, 0, 1, 40])))
    horizon = date(year + 1, 1, 31)
    dates = {first_eff}
    extra: list[date] = []
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.sampled_from(["random", "first_of_month", "move_out", "in_year"]))
        if choice == "random":
            span = (horizon - first_eff).days
            d = first_eff + timedelta(days=draw(st.integers(1, max(1, span))))
        elif choice == "in_year":
            d = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
        elif choice == "first_of_month":
            d = date(year, draw(st.integers(1, 12)), 1)
        else:
            outs = [date.fromisoformat(s["move_out"]) for s in ss if s["move_out"]]
            d = draw(st.sampled_from(outs)) if outs else date(year, 6, 15)
        if d > first_eff and d not in dates:
            dates.add(d)
            extra.append(d)
    assessments = [draw(assessment(first_eff, level_codes, bounds))] + [
        draw(assessment(d, level_codes, bounds)) for d in extra
    ]
    if draw(st.booleans()):
        assessments.reverse()  # order in the file must not matter
    return {
        "id": cid,
        "paying_municipality": draw(st.sampled_from(payers)),
        "stays": ss,
        "assessments": assessments,
    }


@st.composite
def scenarios(
    draw: Any,
    *,
    payers: tuple[str, ...] = ("707", "707", "730", "751"),
    max_citizens: int = 12,
) -> dict[str, Any]:
    year = draw(st.sampled_from(YEARS))
    code = draw(st.sampled_from(["707", "707", "707", "730"]))
    params = draw(parameters())
    levels = params.get("levels") or [
        {"code": str(k), "lower": str(2 * k - 2), "upper": str(2 * k)} for k in range(1, 9)
    ]
    level_codes = [lv["code"] for lv in levels]
    per = Decimal(7) if params.get("level_unit") == "week" else Decimal(1)
    bounds = tuple(  # in hours per døgn
        sorted({Decimal(lv["lower"]) / per for lv in levels} | {Decimal(levels[-1]["upper"]) / per})
    )
    n_fac = draw(st.integers(1, 4))
    fids = [f"F{i + 1}" for i in range(n_fac)]
    facilities = [draw(facility(fid, year)) for fid in fids]
    n_cit = draw(st.integers(1, max_citizens))
    citizens = [
        draw(citizen(f"C{i + 1}", year, fids, level_codes, bounds, payers)) for i in range(n_cit)
    ]
    return {
        "year": year,
        "municipality": {"code": code, "name": "Norddjurs" if code == "707" else "Anden"},
        "parameters": params,
        "facilities": facilities,
        "citizens": citizens,
    }


def scenario_or_none(d: dict[str, Any]) -> Scenario | None:
    """The scenario a drawn document reads as, or None where the loader refuses it."""
    try:
        return scenario_from_dict(copy.deepcopy(d))
    except ScenarioError:
        return None
