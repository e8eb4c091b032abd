"""Read a scenario file (SPEC §4) into engine objects.

YAML is read with a loader that keeps every scalar a string, so no number ever becomes a float;
JSON floats are refused. Every error names the field (a path like ``citizens[3].stays[0].move_in``),
the citizen or facility, and the reason, in Danish.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from ressourcemodel.engine.model import (
    FIXED_COST_CATEGORIES,
    CarriedResult,
    Facility,
    Scenario,
)
from ressourcemodel.engine.parameters import (
    LevelChangeRule,
    LevelDef,
    LevelUnit,
    Parameters,
    StaffShare,
    TailRule,
    default_levels,
    default_staff_mix,
)

from .document import MAX_FILE_BYTES, _StringLoader, read_document
from .fast_json import fast_scenario
from .limits import check_parameter
from .people import citizen_from_dict
from .readers import (
    ScenarioError,
    _dec,
    _dict,
    _enum,
    _get,
    _int,
    _list,
    _money,
    _str,
)

__all__ = [
    "ScenarioError",
    "_StringLoader",
    "load_scenario",
    "parse_scenario",
    "read_document",
    "scenario_from_dict",
]


def load_scenario(path: str | Path, *, checks_beside: bool = False) -> Scenario:
    """Read a YAML or JSON scenario file. Raises ``ScenarioError``.

    A JSON file is first tried on the fast path (``fast_json``); when it declines, the file is
    read again by the full reader, which gives the same scenario or the Danish message.
    ``checks_beside``: see ``fast_json.fast_scenario`` (single-threaded programs only)."""
    p = Path(path)
    json_format = p.suffix.lower() == ".json"
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise ScenarioError("", f"filen er større end {MAX_FILE_BYTES // 1_000_000} MB")
        if json_format:
            fast = fast_scenario(p.read_bytes(), checks_beside=checks_beside)
            if fast is not None:
                return fast
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ScenarioError("", f"kan ikke læse filen {p}: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise ScenarioError(
            "", f"filen er ikke UTF-8-tekst (ugyldig byte ved position {e.start})"
        ) from None
    return parse_scenario(text, json_format=json_format)


def parse_scenario(text: str, *, json_format: bool = False) -> Scenario:
    data = read_document(text, json_format=json_format)
    return scenario_from_dict(data)


# --- the document ---------------------------------------------------------------------------


def scenario_from_dict(data: Any) -> Scenario:
    doc = _dict(data, "(dokument)")
    parameters, facilities = scenario_header(doc)
    ids = {f.id for f in facilities}
    citizens = []
    cids: set[str] = set()
    for i, raw in enumerate(_list(doc.get("citizens") or [], "citizens")):
        c = citizen_from_dict(_dict(raw, f"citizens[{i}]"), f"citizens[{i}]", ids)
        if c.id in cids:
            raise ScenarioError(f"citizens[{i}].id", f"borger '{c.id}' findes to gange")
        cids.add(c.id)
        citizens.append(c)
    return Scenario(parameters, facilities, tuple(citizens))


def scenario_header(doc: dict[str, Any]) -> tuple[Parameters, tuple[Facility, ...]]:
    """The year, municipality, parameters and facilities of a document (all but its citizens),
    with facility ids checked to be unique."""
    year = _int(_get(doc, "year", ""), "year", min_value=2000, max_value=2100)
    muni = _dict(doc.get("municipality") or {}, "municipality")
    code = _str(muni.get("code", "707"), "municipality.code")
    if not re.fullmatch(r"\d{3}", code):
        raise ScenarioError("municipality.code", f"'{code}' er ikke en 3-cifret kommunekode")
    params = _parameters(
        _dict(doc.get("parameters") or {}, "parameters"),
        year,
        code,
        _str(muni.get("name", ""), "municipality.name"),
    )
    facilities = tuple(
        _facility(_dict(f, f"facilities[{i}]"), f"facilities[{i}]")
        for i, f in enumerate(_list(doc.get("facilities") or [], "facilities"))
    )
    ids: set[str] = set()
    for i, f in enumerate(facilities):
        if f.id in ids:
            raise ScenarioError(f"facilities[{i}].id", f"tilbud '{f.id}' findes to gange")
        ids.add(f.id)
    return params, facilities


def _parameters(p: dict[str, Any], year: int, code: str, name: str) -> Parameters:
    kw: dict[str, Any] = {"year": year, "municipality_code": code, "municipality_name": name}
    if "levels" in p:
        kw["levels"] = _levels(_list(p["levels"], "parameters.levels"))
    else:
        kw["levels"] = default_levels()
    if "level_unit" in p:
        kw["level_unit"] = _enum(
            p["level_unit"], "parameters.level_unit", LevelUnit, ["day", "week"]
        )
    if p.get("hourly_cost") is not None:
        kw["hourly_cost"] = _money(p["hourly_cost"], "parameters.hourly_cost", min_value=Decimal(0))
        if kw["hourly_cost"] == 0:
            raise ScenarioError("parameters.hourly_cost", "timeprisen skal være større end 0")
        _limit("hourly_cost", kw["hourly_cost"])
    if "staff_mix" in p:
        kw["staff_mix"] = _staff_mix(_list(p["staff_mix"], "parameters.staff_mix"))
    else:
        kw["staff_mix"] = default_staff_mix()
    for key in (
        "annual_norm_hours",
        "productive_hours_per_fte",
        "indirect_share",
        "occupancy_rate",
        "occupancy_min",
        "occupancy_max",
        "overhead_rate",
    ):
        if p.get(key) is not None:
            kw[key] = _limit(key, _dec(p[key], f"parameters.{key}"))
    rules = ["month_plus_one", "none"]
    if p.get("tail_rule") is not None:
        kw["tail_rule"] = _enum(p["tail_rule"], "parameters.tail_rule", TailRule, rules)
    if p.get("billing_tail_rule") is not None:
        kw["billing_tail_rule"] = _enum(
            p["billing_tail_rule"], "parameters.billing_tail_rule", TailRule, rules
        )
    if p.get("level_change_rule") is not None:
        kw["level_change_rule"] = _enum(
            p["level_change_rule"],
            "parameters.level_change_rule",
            LevelChangeRule,
            ["effective_date", "next_month"],
        )
    if p.get("regulation_lag_years") is not None:
        kw["regulation_lag_years"] = _int(
            p["regulation_lag_years"], "parameters.regulation_lag_years", min_value=0
        )
    if p.get("special") is not None:
        _special(_list(p["special"], "parameters.special"))
    return Parameters(**kw)


def _special(items: list[Any]) -> None:
    """The special tariffs are fixed by SPEC §3.2 (S1 priced on actual hours, S2 individual);
    the field is accepted so that files can state them, and checked for consistency."""
    allowed = {"S1": "actual", "S2": "individual"}
    for i, s in enumerate(items):
        d = _dict(s, f"parameters.special[{i}]")
        code = _str(_get(d, "code", f"parameters.special[{i}]"), f"parameters.special[{i}].code")
        if code not in allowed:
            raise ScenarioError(f"parameters.special[{i}].code", "skal være S1 eller S2")
        if d.get("priced") is not None and d["priced"] != allowed[code]:
            raise ScenarioError(
                f"parameters.special[{i}].priced", f"{code} prissættes '{allowed[code]}'"
            )


def _levels(items: list[Any]) -> tuple[LevelDef, ...]:
    if not items:
        raise ScenarioError("parameters.levels", "skal have mindst ét niveau")
    out: list[LevelDef] = []
    for i, it in enumerate(items):
        path = f"parameters.levels[{i}]"
        d = _dict(it, path)
        code = _str(_get(d, "code", path), f"{path}.code")
        if code in ("S1", "S2"):
            raise ScenarioError(f"{path}.code", "S1 og S2 er særtakster, ikke niveauer")
        lower = _dec(_get(d, "lower", path), f"{path}.lower", min_value=Decimal(0))
        upper = _dec(_get(d, "upper", path), f"{path}.upper")
        priced = _dec(_get(d, "priced_hours", path), f"{path}.priced_hours", min_value=Decimal(0))
        if upper <= lower:
            raise ScenarioError(f"{path}.upper", "skal være større end lower")
        if out and lower != out[-1].upper:
            raise ScenarioError(
                f"{path}.lower",
                f"skal være lig forrige niveaus upper ({out[-1].upper}); niveauerne skal slutte "
                f"op til hinanden uden huller eller overlap",
            )
        if any(lv.code == code for lv in out):
            raise ScenarioError(f"{path}.code", f"niveau '{code}' findes to gange")
        out.append(LevelDef(code, lower, upper, priced))
    return tuple(out)


def _staff_mix(items: list[Any]) -> tuple[StaffShare, ...]:
    out = []
    for i, it in enumerate(items):
        path = f"parameters.staff_mix[{i}]"
        d = _dict(it, path)
        out.append(
            StaffShare(
                _str(d.get("category", f"kategori {i + 1}"), f"{path}.category"),
                _dec(
                    _get(d, "share", path),
                    f"{path}.share",
                    min_value=Decimal(0),
                    max_value=Decimal(1),
                ),
                _money(_get(d, "annual_cost", path), f"{path}.annual_cost", min_value=Decimal(0)),
            )
        )
    if not out:
        raise ScenarioError("parameters.staff_mix", "skal have mindst én personalekategori")
    if sum((s.share for s in out), start=Decimal(0)) != 1:
        raise ScenarioError("parameters.staff_mix", "andelene (share) skal summere til 1")
    return tuple(out)


def _limit(name: str, value: Decimal) -> Decimal:
    reason = check_parameter(name, value)
    if reason:
        raise ScenarioError(f"parameters.{name}", reason)
    return value


def _category(key: Any, path: str) -> str:
    k = _str(key, path, max_length=60)
    if k not in FIXED_COST_CATEGORIES:
        raise ScenarioError(
            f"{path}.{k}", f"ukendt udgiftskategori; brug en af: {', '.join(FIXED_COST_CATEGORIES)}"
        )
    return k


def _facility(d: dict[str, Any], path: str) -> Facility:
    fid = _str(_get(d, "id", path), f"{path}.id", max_length=20)
    where = f"{path} (tilbud {fid})"
    fixed = _dict(d.get("fixed_costs") or {}, f"{where}.fixed_costs")
    fixed_costs = tuple(
        (_category(k, f"{where}.fixed_costs"), _money(v, f"{where}.fixed_costs.{k}"))
        for k, v in fixed.items()
    )
    hist = _dict(d.get("occupancy_history") or {}, f"{where}.occupancy_history")
    actuals = _dict(d.get("actuals") or {}, f"{where}.actuals")
    act: list[tuple[int, Decimal]] = []
    for k, v in actuals.items():
        m = _int(k, f"{where}.actuals", min_value=1)
        if m > 12:
            raise ScenarioError(f"{where}.actuals.{k}", "måned skal være 1–12")
        act.append((m, _money(v, f"{where}.actuals.{k}")))
    results = tuple(
        CarriedResult(
            _int(
                _get(_dict(r, f"{where}.results[{i}]"), "year", f"{where}.results[{i}]"),
                f"{where}.results[{i}].year",
            ),
            _money(_get(r, "amount", f"{where}.results[{i}]"), f"{where}.results[{i}].amount"),
            _str(r.get("reason", ""), f"{where}.results[{i}].reason"),
        )
        for i, r in enumerate(_list(d.get("results") or [], f"{where}.results"))
    )

    def opt_dec(key: str, **kw: Any) -> Decimal | None:
        return _dec(d[key], f"{where}.{key}", **kw) if d.get(key) is not None else None

    def opt_money(key: str) -> Decimal | None:
        return _money(d[key], f"{where}.{key}") if d.get(key) is not None else None

    return Facility(
        id=fid,
        name=_str(d.get("name", fid), f"{where}.name"),
        area=_str(d.get("area", ""), f"{where}.area"),
        places=_int(_get(d, "places", where), f"{where}.places", min_value=1),
        fixed_costs=fixed_costs,
        occupancy_rate=opt_dec("occupancy_rate", min_value=Decimal("0.01"), max_value=Decimal(1)),
        occupancy_history=tuple(
            (
                _int(k, f"{where}.occupancy_history"),
                _dec(
                    v, f"{where}.occupancy_history.{k}", min_value=Decimal(0), max_value=Decimal(1)
                ),
            )
            for k, v in hist.items()
        ),
        regulation=opt_money("regulation") or Decimal(0),
        results=results,
        actual_fte=opt_dec("actual_fte", min_value=Decimal(0)),
        actuals=tuple(sorted(act)),
        old_budget=opt_money("old_budget"),
        previous_budget=opt_money("previous_budget"),
    )
