"""Citizens in a scenario document: stays, assessments and døgnskema entries (SPEC §4)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from ressourcemodel.engine.model import (
    THEMES,
    WEEKDAYS,
    Assessment,
    Citizen,
    LegalBasis,
    ScheduleEntry,
    Stay,
    SupportForm,
)

from .quick_entries import quick_entry
from .readers import (
    ScenarioError,
    _date,
    _dict,
    _enum,
    _get,
    _int,
    _list,
    _money,
    _str,
    _time,
)


def citizen_from_dict(d: dict[str, Any], path: str, facility_ids: set[str]) -> Citizen:
    cid = _str(_get(d, "id", path), f"{path}.id", max_length=40)
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
    return Citizen(
        cid, pm, tuple(stays), assessments, _str(d.get("name", ""), f"{where}.name", max_length=120)
    )


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
        quick_entry(_dict(e, f"{path}.entries[{i}]")) or entry_from_dict(e, f"{path}.entries[{i}]")
        for i, e in enumerate(_list(_get(d, "entries", path), f"{path}.entries"))
    )
    return Assessment(eff, entries, None, None, reason, review)


def entry_from_dict(d: dict[str, Any], path: str) -> ScheduleEntry:
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
        participants = _int(
            _get(d, "participants", path), f"{path}.participants", min_value=1, max_value=100
        )
        staff = _int(d.get("staff", 1), f"{path}.staff", min_value=1, max_value=100)
    else:
        want_staff = 2 if form is SupportForm.DOUBLE else 1
        staff = _int(d.get("staff", want_staff), f"{path}.staff", min_value=1, max_value=100)
        participants = _int(
            d.get("participants", 1), f"{path}.participants", min_value=1, max_value=100
        )
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
        sub_theme=_str(d.get("sub_theme", ""), f"{path}.sub_theme", max_length=80),
        staff_category=_str(d.get("staff_category", ""), f"{path}.staff_category", max_length=40),
        note=_str(d.get("note", ""), f"{path}.note"),
    )
