"""`ressourcemodel import-scenario` — a whole scenario file into the database for its year."""

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


def add_data_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-scenario", help="indlæs en scenariefil i databasen for dens år (alt eller intet)"
    )
    p.add_argument("file", help="scenariefil (.yaml, .yml eller .json)")
    p.add_argument("--replace", action="store_true", help="erstat et takstår, der allerede findes")
    p.set_defaults(func=_cmd_import_scenario)
