"""`ressourcemodel pot …`: the pot calculator of SPEC §3.10 on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any

from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.money import round_2
from ressourcemodel.engine.pot import (
    compare_models,
    cost_of_hours,
    fte_from_amount,
    hours_per_group_per_month,
    hours_per_resident_per_month,
    whole_groups,
)
from ressourcemodel.formatting import format_kr, format_number, parse_user_number
from ressourcemodel.scenario.load import ScenarioError
from ressourcemodel.scenario.pot_file import load_pot_file

EXIT_INVALID = 2


def _amount(text: str) -> Decimal:
    try:
        return parse_user_number(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et tal") from None


def _count(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et heltal") from None


def _emit(args: argparse.Namespace, payload: dict[str, Any], line: str) -> int:
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(line)
    return 0


def _hours(args: argparse.Namespace) -> int:
    if args.group_size:
        h = hours_per_group_per_month(
            amount=args.amount,
            hourly_wage=args.rate,
            residents=args.residents,
            group_size=args.group_size,
            months=args.months,
        )
        groups = whole_groups(residents=args.residents, group_size=args.group_size)
        r = round_2(h)
        return _emit(
            args,
            {
                "result": str(r),
                "unit": "timer pr. gruppe pr. måned",
                "groups": groups,
                "amount": str(args.amount),
                "rate": str(args.rate),
                "residents": args.residents,
                "group_size": args.group_size,
                "months": args.months,
            },
            f"{format_kr(args.amount)} til {groups} grupper à {args.group_size} ved "
            f"{format_kr(args.rate)} i timen giver {format_number(r, 2)} timer pr. gruppe "
            f"pr. måned.",
        )
    h = hours_per_resident_per_month(
        amount=args.amount, hourly_wage=args.rate, residents=args.residents, months=args.months
    )
    r = round_2(h)
    return _emit(
        args,
        {
            "result": str(r),
            "unit": "timer pr. beboer pr. måned",
            "amount": str(args.amount),
            "rate": str(args.rate),
            "residents": args.residents,
            "months": args.months,
        },
        f"{format_kr(args.amount)} til {args.residents} beboere ved {format_kr(args.rate)} i "
        f"timen giver {format_number(r, 2)} timer pr. beboer pr. måned.",
    )


def _cost(args: argparse.Namespace) -> int:
    c = cost_of_hours(
        hours=args.hours, hourly_wage=args.rate, residents=args.residents, months=args.months
    )
    return _emit(
        args,
        {
            "result": str(c),
            "unit": "kr.",
            "hours": str(args.hours),
            "rate": str(args.rate),
            "residents": args.residents,
            "months": args.months,
        },
        f"{format_number(args.hours, 2)} timer × {format_kr(args.rate)} × {args.residents} "
        f"beboere × {args.months} måneder = {format_kr(c)}",
    )


def _fte(args: argparse.Namespace) -> int:
    f = fte_from_amount(amount=args.amount, annual_cost_per_fte=args.fte_cost)
    return _emit(
        args,
        {
            "result": str(f),
            "unit": "årsværk",
            "amount": str(args.amount),
            "fte_cost": str(args.fte_cost),
        },
        f"{format_kr(args.amount)} giver {format_number(f, 2)} årsværk "
        f"(årsværkspris {format_kr(args.fte_cost)})",
    )


def _models(args: argparse.Namespace) -> int:
    pot, models = load_pot_file(args.file)
    results = compare_models(pot, models)
    payload = {
        "result": str(pot),
        "pot": str(pot),
        "models": [
            {
                "name": r.model.name,
                "total": str(r.total),
                "elements": [
                    {
                        "name": e.element.name,
                        "kind": e.element.kind.value,
                        "amount": str(e.element.amount),
                        "figure": None if e.figure is None else str(e.figure),
                        "unit": e.unit,
                        "groups": e.groups,
                        "parts": {k: str(v) for k, v in e.parts},
                    }
                    for e in r.elements
                ],
            }
            for r in results
        ],
    }
    lines = [f"Pulje: {format_kr(pot)}"]
    for r in results:
        lines.append("")
        lines.append(r.model.name)
        for e in r.elements:
            fig = "" if e.figure is None else f"  → {format_number(e.figure, 2)} {e.unit}"
            lines.append(f"  {format_kr(e.element.amount):>16}  {e.element.name}{fig}")
    return _emit(args, payload, "\n".join(lines))


def _guard(func: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            return int(func(args))
        except (EngineError, ScenarioError) as e:
            print(f"Fejl: {e}", file=sys.stderr)
            return EXIT_INVALID

    return run


def add_pot_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pot = subparsers.add_parser("pot", help="puljeberegner: timer, udgift, årsværk og modeller")
    sub = pot.add_subparsers(dest="pot_command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="udskriv JSON med nøglen 'result'")

    h = sub.add_parser("hours", help="timer pr. beboer (eller gruppe) pr. måned for et beløb")
    h.add_argument("--amount", type=_amount, required=True, help="beløb i kr. (fx 750000)")
    h.add_argument("--rate", type=_amount, required=True, help="timeløn i kr. (fx 244,04)")
    h.add_argument("--residents", type=_count, required=True)
    h.add_argument("--months", type=_count, default=12)
    h.add_argument("--group-size", type=_count, default=None)
    common(h)
    h.set_defaults(func=_guard(_hours))

    c = sub.add_parser("cost", help="udgift til h timer pr. beboer pr. måned")
    c.add_argument("--hours", type=_amount, required=True)
    c.add_argument("--rate", type=_amount, required=True)
    c.add_argument("--residents", type=_count, required=True)
    c.add_argument("--months", type=_count, default=12)
    common(c)
    c.set_defaults(func=_guard(_cost))

    f = sub.add_parser("fte", help="årsværk for et beløb")
    f.add_argument("--amount", type=_amount, required=True)
    f.add_argument("--fte-cost", type=_amount, required=True, help="årsværkspris i kr.")
    common(f)
    f.set_defaults(func=_guard(_fte))

    m = sub.add_parser("models", help="modeller af elementer side om side (notatets fem modeller)")
    m.add_argument("file", nargs="?", default=None, help="YAML/JSON-fil; udelades: notatet 2020")
    common(m)
    m.set_defaults(func=_guard(_models))
