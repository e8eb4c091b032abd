"""The pot calculator (SPEC §3.10) with the memo's five models."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.money import round_2
from ressourcemodel.engine.pot import (
    compare_models,
    cost_of_hours,
    fte_from_amount,
    hours_per_resident_per_month,
)
from ressourcemodel.formatting import parse_user_number
from ressourcemodel.scenario.pot_file import load_pot_file
from ressourcemodel.web.accounts.permissions import BUDGETS, require
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.xlsx import excel, wants_excel

from .excel import pot_tables

LIMITS = {  # field: (label, lowest, highest)
    "beloeb": ("Beløb", Decimal(1), Decimal(10) ** 10),
    "timeloen": ("Timeløn", Decimal("0.01"), Decimal(100000)),
    "beboere": ("Beboere", Decimal(1), Decimal(100000)),
}


def _number(query: Any, name: str, default: str) -> Decimal:
    label, low, high = LIMITS[name]
    raw = str(query.get(name, default)).strip()
    try:
        if len(raw) > 20:
            raise ValueError
        value = parse_user_number(raw)
    except ValueError:
        raise ServiceError(f"{label}: '{raw[:20]}' er ikke et tal.") from None
    if not low <= value <= high:
        raise ServiceError(f"{label} skal være mellem {low:,} og {high:,}.".replace(",", "."))
    return value


def _calculate(query: Any) -> dict[str, Any]:
    amount = _number(query, "beloeb", "")
    rate = _number(query, "timeloen", "244,04")
    residents_value = _number(query, "beboere", "182")
    if residents_value != residents_value.to_integral_value():
        raise ServiceError("Beboere skal være et helt tal.")
    residents = int(residents_value)
    try:
        hours = hours_per_resident_per_month(amount=amount, hourly_wage=rate, residents=residents)
        return {
            "amount": amount,
            "rate": rate,
            "residents": residents,
            "hours": round_2(hours),
            "cost_2h": cost_of_hours(hours=Decimal(2), hourly_wage=rate, residents=residents),
            "fte": fte_from_amount(amount=amount, annual_cost_per_fte=Decimal(500000)),
        }
    except EngineError as e:
        raise ServiceError(str(e)) from e


def pot(request: HttpRequest) -> HttpResponse:
    require(request.user, BUDGETS)
    pot_amount, models = load_pot_file(None)
    calc: dict[str, Any] = {}
    error = ""
    if request.GET.get("beloeb"):
        try:
            calc = _calculate(request.GET)
        except ServiceError as e:
            error = str(e)
    results = compare_models(pot_amount, models)
    if wants_excel(request):
        return excel(pot_tables(pot_amount, results), "puljeberegner")
    return render(
        request,
        "web/pot.html",
        {
            "pot": pot_amount,
            "results": results,
            "calc": calc,
            "error": error,
            "q": request.GET,
        },
    )
