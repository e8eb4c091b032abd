"""`ressourcemodel export-xlsx` and `import-xlsx`: a year as the product's Excel workbook."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

EXIT_INVALID = 2


def _cmd_export(args: argparse.Namespace) -> int:
    from ressourcemodel.scenario.dump import scenario_to_dict
    from ressourcemodel.spreadsheets.write import scenario_workbook, template_workbook

    if args.template:
        wb = template_workbook()
    elif args.scenario:
        from ressourcemodel.scenario.load import ScenarioError, load_scenario

        try:
            wb = scenario_workbook(scenario_to_dict(load_scenario(args.scenario)))
        except ScenarioError as e:
            print(f"Fejl i scenariet {args.scenario}: {e}", file=sys.stderr)
            return EXIT_INVALID
    elif args.year is not None:
        from ressourcemodel.web_cli import _setup

        _setup()
        from ressourcemodel.web.calculation.mappers import scenario_for_year
        from ressourcemodel.web.records.models import TariffYear

        if not TariffYear.objects.filter(year=args.year).exists():
            print(f"Takståret {args.year} findes ikke i databasen.", file=sys.stderr)
            return EXIT_INVALID
        wb = scenario_workbook(scenario_to_dict(scenario_for_year(args.year, external_ids=True)))
    else:
        print("Angiv --year, --scenario eller --template.", file=sys.stderr)
        return EXIT_INVALID
    wb.save(args.output)
    print(f"Skrev {args.output}.")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from ressourcemodel.spreadsheets.errors import WorkbookError
    from ressourcemodel.spreadsheets.read import read_workbook_checked

    raw = Path(args.file).read_bytes() if Path(args.file).is_file() else b""
    try:
        scenario = read_workbook_checked(raw)[1]
    except WorkbookError as e:
        print(f"Intet er indlæst. {e.report()}", file=sys.stderr)
        return EXIT_INVALID
    counts = (
        f"{len(scenario.facilities)} tilbud, {len(scenario.citizens)} borgere, "
        f"{sum(len(c.assessments) for c in scenario.citizens)} vurderinger"
    )
    if args.dry_run:
        print(
            f"Regnearket er gyldigt for takstår {scenario.parameters.year}: {counts}. "
            "Intet er gemt (--dry-run)."
        )
        return 0
    from ressourcemodel.web_cli import _migrate, _setup

    _setup()
    _migrate()
    from ressourcemodel.web.common.errors import ServiceError
    from ressourcemodel.web.imports.services import scenario_import

    try:
        scenario_import(
            user=None,
            scenario=scenario,
            replace=args.replace,
            source=Path(args.file).name,
            digest=hashlib.sha256(raw).hexdigest(),
            checked=True,
        )
    except ServiceError as e:
        print(f"Intet er indlæst: {e}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Takstår {scenario.parameters.year} indlæst fra {args.file}: {counts}.")
    return 0


def add_xlsx_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export-xlsx", help="et takstår som Excel-regneark (eller skabelonen)")
    p.add_argument("--year", type=int)
    p.add_argument("--scenario")
    p.add_argument("--template", action="store_true", help="tom skabelon med hjælpeark")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=_cmd_export)
    p = sub.add_parser("import-xlsx", help="indlæs et regneark i databasen (alt eller intet)")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="kontrollér kun; gem intet")
    p.add_argument("--replace", action="store_true", help="erstat et takstår, der findes")
    p.set_defaults(func=_cmd_import)
