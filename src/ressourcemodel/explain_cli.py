"""`ressourcemodel explain` and `ressourcemodel diff` (SPEC §3.11–3.12)."""

from __future__ import annotations

import argparse
import json
import sys

from ressourcemodel.engine.compare import CAUSE_LABELS_DA, Comparison, compare
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.explain import (
    CitizenExplanation,
    FacilityExplanation,
    explain_citizen,
    explain_facility,
)
from ressourcemodel.engine.model import FIXED_COST_LABELS_DA
from ressourcemodel.formatting import format_date, format_kr, format_number, format_percent
from ressourcemodel.scenario.explain_output import (
    citizen_explanation_to_dict,
    comparison_to_dict,
    facility_explanation_to_dict,
)
from ressourcemodel.scenario.load import ScenarioError, load_scenario

EXIT_INVALID = 2
DAYS_DA = ["man", "tir", "ons", "tor", "fre", "lør", "søn"]


def _cmd_explain(args: argparse.Namespace) -> int:
    try:
        scenario = load_scenario(args.scenario)
        if (args.facility is None) == (args.citizen is None):
            raise ScenarioError("", "angiv enten --facility ID eller --citizen ID")
        if args.facility is not None:
            fx = explain_facility(scenario, args.facility, args.month)
            doc, text = facility_explanation_to_dict(fx), _facility_text(fx)
        else:
            cx = explain_citizen(scenario, args.citizen)
            doc, text = citizen_explanation_to_dict(cx), _citizen_text(cx)
    except (ScenarioError, EngineError) as e:
        print(f"Fejl i scenariet {args.scenario}: {e}", file=sys.stderr)
        return EXIT_INVALID
    print(json.dumps(doc, ensure_ascii=False, indent=2) if args.json else text)
    return 0


def _facility_text(x: FacilityExplanation) -> str:
    when = f"måned {x.month}" if x.month else "hele året"
    lines = [f"Aktivitetsbudget for tilbud {x.facility}, {when}: {format_kr(x.activity, 0)}", ""]
    lines.append(
        f"{'Borger':<10} {'Fra':<10} {'Til':<10} {'Dage':>5} {'Niveau':>6} "
        f"{'Servicetakst':>13} {'Beløb':>14}  Art"
    )
    for p in x.parts:
        lines.append(
            f"{p.citizen:<10} {format_date(p.start):<10} {format_date(p.end):<10} "
            f"{p.days:>5} {p.level:>6} {format_kr(p.service_tariff, 0):>13} "
            f"{format_kr(p.amount, 0):>14}  {'ophold' if p.kind == 'stay' else 'hale'}"
        )
    lines.append(f"{'I alt':<48} {format_kr(x.activity, 0):>14}")
    b = x.base
    lines += ["", f"Basistakst {format_kr(b.base_tariff, 0)} pr. døgn ="]
    for k, v in b.fixed_costs:
        lines.append(f"  {FIXED_COST_LABELS_DA.get(k, k):<40} {format_kr(v, 0):>14}")
    lines.append(f"  {'Efterregulering fastsat':<40} {format_kr(b.regulation_set, 0):>14}")
    for year, amount, reason in b.carried:
        lines.append(f"  {'Resultat ' + str(year) + ': ' + reason:<40} {format_kr(amount, 0):>14}")
    lines.append(
        f"  ÷ ({b.places} pladser × {b.days_in_year} dage × belægning "
        f"{format_percent(b.occupancy_rate)}, {b.occupancy_source})"
    )
    return "\n".join(lines)


def _citizen_text(x: CitizenExplanation) -> str:
    p = x.parameters
    lines = [
        (
            f"Borger {x.citizen}, takstår {p.year}: timepris {format_kr(x.hourly_cost, 2)}, "
            f"indirekte tid {format_percent(p.indirect_share)}"
        )
    ]
    for a in x.assessments:
        lines += [
            "",
            (
                f"Fra {format_date(a.in_force_from)}: niveau {a.level}, servicetakst "
                f"{format_kr(a.service_tariff, 0)} pr. døgn"
            ),
        ]
        if a.assessment.level is not None:
            lines.append(f"  Niveau sat i hånden: {a.assessment.reason or '—'}")
            continue
        for e in a.entries:
            days = ",".join(DAYS_DA[d] for d in sorted(e.entry.days))
            lines.append(
                f"  {days:<28} {e.entry.start // 60:02d}:{e.entry.start % 60:02d}–"
                f"{e.entry.end // 60:02d}:{e.entry.end % 60:02d} {e.entry.form.value:<10} "
                f"{e.entry.staff}:{e.entry.participants} {e.entry.theme:<20} "
                f"{e.entry.legal_basis.value:<6} {format_number(e.minutes_per_week, 2):>8} min/uge"
            )
        hours = format_number(a.hours_per_day, 2) if a.hours_per_day is not None else "—"
        priced = f", prissat ved {format_number(a.priced_hours, 2)} t" if a.priced_hours else ""
        lines.append(
            f"  = {hours} t pr. døgn → niveau {a.level}{priced}: "
            f"{format_number(a.priced_hours or 0, 2)} × (1 + "
            f"{format_percent(p.indirect_share)}) × {format_kr(x.hourly_cost, 2)}"
        )
    return "\n".join(lines)


def _cmd_diff(args: argparse.Namespace) -> int:
    try:
        c = compare(load_scenario(args.before), load_scenario(args.after))
    except (ScenarioError, EngineError) as e:
        print(f"Fejl: {e}", file=sys.stderr)
        return EXIT_INVALID
    print(
        json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=2)
        if args.json
        else _diff_text(c)
    )
    return 0


def _diff_text(c: Comparison) -> str:
    lines = [
        (
            f"Budget {c.year} (fast + aktivitet): før {format_kr(c.before.total, 0)}, efter "
            f"{format_kr(c.after.total, 0)}, forskel {format_kr(c.difference, 0)}"
        ),
        "",
        "Forskellen fordelt på årsager (i denne rækkefølge):",
    ]
    for k in c.causes:
        lines.append(f"  {CAUSE_LABELS_DA[k.cause]:<58} {format_kr(k.amount, 0):>14}")
        lines += [f"      borger {cid:<10} {format_kr(a, 0):>14}" for cid, a in k.citizens if a]
        if k.note:
            lines.append(f"      ({k.note})")
    lines += ["", f"{'Tilbud':<10} {'Før':>14} {'Efter':>14} {'Forskel':>14}"]
    for fid in c.facility_ids():
        b, a = c.before.facilities.get(fid), c.after.facilities.get(fid)
        diff = (a or 0) - (b or 0)
        lines.append(
            f"{fid:<10} {format_kr(b, 0):>14} {format_kr(a, 0):>14} {format_kr(diff, 0):>14}"
        )
    return "\n".join(lines)


def add_explain_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("explain", help="forklar et tal ned til dets dele (SPEC §3.11)")
    p.add_argument("scenario")
    p.add_argument("--facility")
    p.add_argument("--citizen")
    p.add_argument("--month", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_explain)
    p = sub.add_parser("diff", help="sammenlign to scenarier, forskellen fordelt på årsager")
    p.add_argument("before")
    p.add_argument("after")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_diff)
