"""`ressourcemodel import-scenario` — a whole scenario file into the database for its year — and
`ressourcemodel roll-forward` — next year's draft tariff year by KL's wage and price index."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

EXIT_INVALID = 2


def _cmd_import_scenario(args: argparse.Namespace) -> int:
    from ressourcemodel.scenario.load import ScenarioError, load_scenario
    from ressourcemodel.web_cli import _migrate, _setup

    try:
        scenario = load_scenario(args.file)
    except ScenarioError as e:
        print(f"Fejl i scenariet {args.file}: {e}", file=sys.stderr)
        return EXIT_INVALID
    _setup()
    _migrate()
    from ressourcemodel.web.common.errors import ServiceError
    from ressourcemodel.web.imports.services import scenario_import

    digest = hashlib.sha256(Path(args.file).read_bytes()).hexdigest()
    try:
        summary = scenario_import(
            user=None,
            scenario=scenario,
            replace=args.replace,
            source=Path(args.file).name,
            digest=digest,
        )
    except ServiceError as e:
        print(f"Intet er importeret: {e}", file=sys.stderr)
        return EXIT_INVALID
    made = ", ".join(f"{n} {k}" for k, n in sorted(summary.created.items())) or "intet"
    changed = ", ".join(f"{n} {k}" for k, n in sorted(summary.updated.items())) or "intet"
    print(
        f"Takstår {summary.year} importeret fra {args.file}: oprettet {made}; opdateret {changed}."
    )
    if summary.untouched_citizens:
        print(f"{summary.untouched_citizens} borgere i databasen er ikke i filen og er uændrede.")
    return 0


def _cmd_roll_forward(args: argparse.Namespace) -> int:
    from ressourcemodel.web_cli import _migrate, _setup

    _setup()
    _migrate()
    from ressourcemodel.formatting import format_kr
    from ressourcemodel.web.calculation.results import NoDataForYear
    from ressourcemodel.web.common.errors import ServiceError
    from ressourcemodel.web.tariffs import roll_forward as rf

    try:
        wage = rf.percent(args.wage, "Løn")
        price = rf.percent(args.price, "Priser")
        view = rf.preview(args.from_year, wage=wage, price=price)
        if not args.dry_run:
            rf.roll_forward(user=None, from_year=args.from_year, wage=wage, price=price)
    except NoDataForYear:
        print(f"Takståret {args.from_year} findes ikke i databasen.", file=sys.stderr)
        return EXIT_INVALID
    except ServiceError as e:
        print(f"Intet er gemt: {e}", file=sys.stderr)
        return EXIT_INVALID
    new = args.from_year + 1
    print(f"{'Niveau':<8}{args.from_year:>14}{new:>14}   (servicetakst pr. døgn)")
    for code, old, after in view.level_rows():
        print(f"{code:<8}{format_kr(old, 0):>14}{format_kr(after, 0):>14}")
    print(f"\n{'Tilbud':<34}{'basistakst ' + str(args.from_year):>18}{new!s:>16}")
    for _code, name, old, after, _b, _a in view.facility_rows():
        print(f"{name[:33]:<34}{format_kr(old, 2):>18}{format_kr(after, 2):>16}")
    total_old = view.before.overview.total.total_budget
    total_new = view.after.overview.total.total_budget
    print(f"\nBudget i alt: {format_kr(total_old, 0)} → {format_kr(total_new, 0)}")
    print("Intet er gemt (--dry-run)." if args.dry_run else f"Takstår {new} er gemt som kladde.")
    return 0


def add_data_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-scenario", help="indlæs en scenariefil i databasen for dens år (alt eller intet)"
    )
    p.add_argument("file", help="scenariefil (.yaml, .yml eller .json)")
    p.add_argument("--replace", action="store_true", help="erstat et takstår, der allerede findes")
    p.set_defaults(func=_cmd_import_scenario)
    p = sub.add_parser(
        "roll-forward", help="fremskriv et takstår med KL's løn- og prisskøn (ny kladde)"
    )
    p.add_argument("--from", dest="from_year", type=int, required=True, help="fra takstår, fx 2026")
    p.add_argument("--wage", required=True, help="lønfremskrivning i procent, fx 3,2")
    p.add_argument("--price", required=True, help="prisfremskrivning i procent, fx 2,1")
    p.add_argument("--dry-run", action="store_true", help="vis de nye takster; gem intet")
    p.set_defaults(func=_cmd_roll_forward)
