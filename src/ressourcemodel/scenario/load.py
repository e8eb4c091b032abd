"""Read a scenario file (SPEC §4) into engine objects.

YAML is read with a loader that keeps every scalar a string, so no number ever becomes a float;
JSON floats are refused. Every error names the field (a path like ``citizens[3].stays[0].move_in``),
the citizen or facility, and the reason, in Danish.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ressourcemodel.engine.model import (
    THEMES,
    WEEKDAYS,
    Assessment,
    CarriedResult,
    Citizen,
    Facility,
    LegalBasis,
    Scenario,
    ScheduleEntry,
    Stay,
    SupportForm,
)
from ressourcemodel.engine.money import parse_decimal
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

T = TypeVar("T")


class ScenarioError(ValueError):
    """An invalid scenario file: ``field`` is the path of the offending value."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}" if field else reason)


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml if present


class _StringLoader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that resolves no implicit types: every scalar stays a string (no floats,
    no YAML 1.1 surprises like ``no`` → False or ``08:00`` → 480), nulls excepted."""


_StringLoader.yaml_implicit_resolvers = {}
# Keep YAML merge keys (``<<: *base``) so that files can share a base scenario.
_StringLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


def _construct_null_aware(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    value = loader.construct_scalar(node)
    if node.style not in ("'", '"', "|", ">") and value in ("", "null", "Null", "NULL", "~"):
        return None
    return value


_StringLoader.add_constructor("tag:yaml.org,2002:str", _construct_null_aware)


def _refuse_float(text: str) -> Any:
    raise ScenarioError("", f"decimaltal skal skrives som tekst i anførselstegn, ikke {text}")


def load_scenario(path: str | Path) -> Scenario:
    """Read a YAML or JSON scenario file. Raises ``ScenarioError``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ScenarioError("", f"kan ikke læse filen {p}: {e.strerror}") from e
    return parse_scenario(text, json_format=p.suffix.lower() == ".json")


def parse_scenario(text: str, *, json_format: bool = False) -> Scenario:
    data = read_document(text, json_format=json_format)
    return scenario_from_dict(data)


def read_document(text: str, *, json_format: bool = False) -> Any:
    try:
        if json_format:
            return json.loads(text, parse_float=_refuse_float)
        return yaml.load(text, Loader=_StringLoader)
    except ScenarioError:
        raise
    except (yaml.YAMLError, json.JSONDecodeError) as e:
        raise ScenarioError(
            "", f"filen kan ikke læses som {'JSON' if json_format else 'YAML'}: {e}"
        ) from e


# --- small typed readers -------------------------------------------------------------------


def _get(d: dict[str, Any], key: str, path: str, default: Any = ...) -> Any:
    if key in d and d[key] is not None:
        return d[key]
    if default is ...:
        raise ScenarioError(f"{path}.{key}" if path else key, "mangler")
    return default


def _dict(v: Any, path: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise ScenarioError(path, "skal være et objekt med felter")
    return v


def _list(v: Any, path: str) -> list[Any]:
    if not isinstance(v, list):
        raise ScenarioError(path, "skal være en liste")
    return v


def _str(v: Any, path: str) -> str:
    if isinstance(v, bool) or not isinstance(v, str | int):
        raise ScenarioError(path, "skal være en tekst")
    return str(v)


def _dec(
    v: Any, path: str, *, min_value: Decimal | None = None, max_value: Decimal | None = None
) -> Decimal:
    if isinstance(v, float):
        raise ScenarioError(path, "beløb og satser skal skrives som tekst, ikke som decimaltal")
    try:
        d = parse_decimal(v)
    except (ValueError, InvalidOperation):
        raise ScenarioError(path, f"'{v}' er ikke et tal") from None
    if min_value is not None and d < min_value:
        raise ScenarioError(path, f"skal være mindst {min_value}")
    if max_value is not None and d > max_value:
        raise ScenarioError(path, f"må højst være {max_value}")
    return d


def _money(v: Any, path: str, *, min_value: Decimal | None = None) -> Decimal:
    """An amount in kroner with at most two decimals (øre)."""
    d = _dec(v, path, min_value=min_value)
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and exp < -2 and d != d.quantize(Decimal("0.01")):
        raise ScenarioError(path, f"'{v}': et beløb kan højst have to decimaler (øre)")
    return d


def _int(v: Any, path: str, *, min_value: int | None = None) -> int:
    if isinstance(v, bool):
        raise ScenarioError(path, "skal være et heltal")
    if isinstance(v, str) and re.fullmatch(r"-?\d+", v.strip()):
        v = int(v.strip())
    if not isinstance(v, int):
        raise ScenarioError(path, f"'{v}' er ikke et heltal")
    if min_value is not None and v < min_value:
        raise ScenarioError(path, f"skal være mindst {min_value}")
    return v


def _date(v: Any, path: str) -> date:
    if isinstance(v, date):
        return v
    s = _str(v, path).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s) or None
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m2 = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", s)  # Danish DD-MM-ÅÅÅÅ
        if not m2:
            raise ScenarioError(path, f"'{s}' er ikke en dato (ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ)")
        d, mo, y = int(m2[1]), int(m2[2]), int(m2[3])
    try:
        return date(y, mo, d)
    except ValueError:
        raise ScenarioError(path, f"'{s}' er ikke en gyldig dato") from None


def _time(v: Any, path: str) -> int:
    s = _str(v, path).strip()
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", s)
    if not m or int(m[1]) > 24 or int(m[2]) > 59 or (int(m[1]) == 24 and int(m[2]) != 0):
        raise ScenarioError(path, f"'{s}' er ikke et klokkeslæt TT:MM")
    minutes = int(m[1]) * 60 + int(m[2])
    return 0 if minutes == 1440 else minutes  # 24:00 is midnight


def _enum(v: Any, path: str, enum: Callable[[str], T], allowed: list[str]) -> T:
    s = _str(v, path)
    try:
        return enum(s)
    except ValueError:
        raise ScenarioError(path, f"'{s}' er ikke en af: {', '.join(allowed)}") from None


# --- the document ---------------------------------------------------------------------------


def scenario_from_dict(data: Any) -> Scenario:
    doc = _dict(data, "(dokument)")
    year = _int(_get(doc, "year", ""), "year", min_value=1900)
    if year > 2200:
        raise ScenarioError("year", "skal være et årstal")
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
    ids = [f.id for f in facilities]
    for i, fid in enumerate(ids):
        if fid in ids[:i]:
            raise ScenarioError(f"facilities[{i}].id", f"tilbud '{fid}' findes to gange")
    citizens = tuple(
        _citizen(_dict(c, f"citizens[{i}]"), f"citizens[{i}]", set(ids))
        for i, c in enumerate(_list(doc.get("citizens") or [], "citizens"))
    )
    cids = [c.id for c in citizens]
    for i, cid in enumerate(cids):
        if cid in cids[:i]:
            raise ScenarioError(f"citizens[{i}].id", f"borger '{cid}' findes to gange")
    return Scenario(params, facilities, citizens)


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
    if "staff_mix" in p:
        kw["staff_mix"] = _staff_mix(_list(p["staff_mix"], "parameters.staff_mix"))
    else:
        kw["staff_mix"] = default_staff_mix()
    for key, lo, hi in (
        ("annual_norm_hours", Decimal(1), None),
        ("productive_hours_per_fte", Decimal(1), None),
        ("indirect_share", Decimal(0), Decimal(10)),
        ("occupancy_rate", Decimal("0.01"), Decimal(1)),
        ("occupancy_min", Decimal("0.01"), Decimal(1)),
        ("occupancy_max", Decimal("0.01"), Decimal(1)),
        ("overhead_rate", Decimal(0), Decimal(10)),
    ):
        if p.get(key) is not None:
            kw[key] = _dec(p[key], f"parameters.{key}", min_value=lo, max_value=hi)
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


def _facility(d: dict[str, Any], path: str) -> Facility:
    fid = _str(_get(d, "id", path), f"{path}.id")
    where = f"{path} (tilbud {fid})"
    fixed = _dict(d.get("fixed_costs") or {}, f"{where}.fixed_costs")
    fixed_costs = tuple(
        (_str(k, f"{where}.fixed_costs"), _money(v, f"{where}.fixed_costs.{k}"))
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


def _citizen(d: dict[str, Any], path: str, facility_ids: set[str]) -> Citizen:
    cid = _str(_get(d, "id", path), f"{path}.id")
    where = f"{path} (borger {cid})"
    pm = _str(_get(d, "paying_municipality", where), f"{where}.paying_municipality")
    if not re.fullmatch(r"\d{3}", pm):
        raise ScenarioError(
            f"{where}.paying_municipality", f"'{pm}' er ikke en 3-cifret kommunekode"
        )
    stays = []
    for i, s in enumerate(_list(_get(d, "stays", where), f"{where}.stays")):
        sp = f"{where}.stays[{i}]"
        sd = _dict(s, sp)
        fac = _str(_get(sd, "facility", sp), f"{sp}.facility")
        if fac not in facility_ids:
            raise ScenarioError(f"{sp}.facility", f"tilbud '{fac}' findes ikke i facilities")
        mi = _date(_get(sd, "move_in", sp), f"{sp}.move_in")
        mo = _date(sd["move_out"], f"{sp}.move_out") if sd.get("move_out") is not None else None
        if mo is not None and mo < mi:
            raise ScenarioError(f"{sp}.move_out", "fraflytning er før indflytning")
        stays.append(Stay(fac, mi, mo))
    assessments = tuple(
        _assessment(_dict(a, f"{where}.assessments[{i}]"), f"{where}.assessments[{i}]")
        for i, a in enumerate(_list(d.get("assessments") or [], f"{where}.assessments"))
    )
    seen: dict[date, int] = {}
    for i, a in enumerate(assessments):
        if a.effective_from in seen:
            raise ScenarioError(
                f"{where}.assessments[{i}].effective_from",
                f"to vurderinger gælder fra {a.effective_from:%d-%m-%Y}",
            )
        seen[a.effective_from] = i
    return Citizen(cid, pm, tuple(stays), assessments, _str(d.get("name", ""), f"{where}.name"))


def _assessment(d: dict[str, Any], path: str) -> Assessment:
    eff = _date(_get(d, "effective_from", path), f"{path}.effective_from")
    review = _date(d["review_date"], f"{path}.review_date") if d.get("review_date") else None
    reason = _str(d.get("reason", ""), f"{path}.reason")
    if d.get("level") is not None:
        level = _str(d["level"], f"{path}.level")
        if d.get("entries"):
            raise ScenarioError(path, "angiv enten entries (døgnskema) eller level, ikke begge")
        if not reason.strip():
            raise ScenarioError(f"{path}.reason", "et manuelt sat niveau kræver en begrundelse")
        amount = None
        if level == "S2":
            amount = _money(
                _get(d, "daily_amount", path), f"{path}.daily_amount", min_value=Decimal(0)
            )
        elif d.get("daily_amount") is not None:
            raise ScenarioError(f"{path}.daily_amount", "kun særtakst S2 har et beløb pr. døgn")
        if level == "S1":
            raise ScenarioError(
                f"{path}.level", "S1 følger af døgnskemaets timer og kan ikke sættes manuelt"
            )
        return Assessment(eff, (), level, amount, reason, review)
    entries = tuple(
        _entry(_dict(e, f"{path}.entries[{i}]"), f"{path}.entries[{i}]")
        for i, e in enumerate(_list(_get(d, "entries", path), f"{path}.entries"))
    )
    return Assessment(eff, entries, None, None, reason, review)


def _entry(d: dict[str, Any], path: str) -> ScheduleEntry:
    days_raw = _list(_get(d, "days", path), f"{path}.days")
    days: set[int] = set()
    for v in days_raw:
        s = _str(v, f"{path}.days").strip().lower()
        if s not in WEEKDAYS:
            raise ScenarioError(f"{path}.days", f"'{s}' er ikke en ugedag ({' '.join(WEEKDAYS)})")
        days.add(WEEKDAYS.index(s))
    if not days:
        raise ScenarioError(f"{path}.days", "skal have mindst én ugedag")
    start = _time(_get(d, "start", path), f"{path}.start")
    end = _time(_get(d, "end", path), f"{path}.end")
    if start == end:
        raise ScenarioError(f"{path}.end", "sluttid er lig starttid (indsatsen har ingen længde)")
    form = _enum(
        d.get("form", "individual"), f"{path}.form", SupportForm, ["individual", "group", "double"]
    )
    if form is SupportForm.GROUP:
        participants = _int(_get(d, "participants", path), f"{path}.participants", min_value=1)
        staff = _int(d.get("staff", 1), f"{path}.staff", min_value=1)
    else:
        want_staff = 2 if form is SupportForm.DOUBLE else 1
        staff = _int(d.get("staff", want_staff), f"{path}.staff", min_value=1)
        participants = _int(d.get("participants", 1), f"{path}.participants", min_value=1)
        if staff != want_staff or participants != 1:
            raise ScenarioError(
                f"{path}.form",
                f"'{form.value}' er {want_staff} medarbejder(e) med 1 borger; brug 'group' for "
                f"andre bemandinger",
            )
    theme = _str(d.get("theme", "Egenomsorg"), f"{path}.theme")
    if theme not in THEMES:
        raise ScenarioError(
            f"{path}.theme", f"'{theme}' er ikke et VUM 2.0-tema ({', '.join(THEMES)})"
        )
    legal = _enum(
        d.get("legal_basis", "SEL85"),
        f"{path}.legal_basis",
        LegalBasis,
        [b.value for b in LegalBasis],
    )
    return ScheduleEntry(
        days=frozenset(days),
        start=start,
        end=end,
        form=form,
        staff=staff,
        participants=participants,
        theme=theme,
        legal_basis=legal,
        sub_theme=_str(d.get("sub_theme", ""), f"{path}.sub_theme"),
        staff_category=_str(d.get("staff_category", ""), f"{path}.staff_category"),
        note=_str(d.get("note", ""), f"{path}.note"),
    )
