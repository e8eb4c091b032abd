"""`ressourcemodel takstblad | takstgrundlag | tilbudsportalen | billing` — the documents a
municipality sends, from the live database of a year or from a scenario file (``--scenario``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ressourcemodel.documents.build import Year
from ressourcemodel.documents.info import TariffYearInfo

EXIT_INVALID = 2


class DocumentError(Exception):
    """A Danish message for stderr, exit code 2."""


def _from_file(path: str, year: int | None) -> Year:
    from ressourcemodel.engine.compute import compute
    from ressourcemodel.engine.errors import EngineError
    from ressourcemodel.scenario.load import ScenarioError, load_scenario

    try:
        scenario = load_scenario(path)
        result = compute(scenario)
    except (ScenarioError, EngineError) as e:
        raise DocumentError(f"Fejl i scenariet {path}: {e}") from e
    if year is not None and year != scenario.parameters.year:
        raise DocumentError(f"Scenariet {path} er for {scenario.parameters.year}, ikke {year}.")
    p = scenario.parameters
    seller = f"{p.municipality_name} Kommune ({p.municipality_code})"
    return Year(
        scenario, result, TariffYearInfo(), seller,
        {f.id: f.name for f in scenario.facilities},
        {c.id: c.name or c.id for c in scenario.citizens},
    )  # fmt: skip


def _live(year: int) -> Year:
    from ressourcemodel.web_cli import _setup

    _setup()
    from ressourcemodel.web.calculation.results import NoDataForYear
    from ressourcemodel.web.documents.selectors import document_year

    try:
        return document_year(year, external_ids=True)
    except NoDataForYear:
        raise DocumentError(f"Takståret {year} findes ikke i databasen.") from None


def _year(args: argparse.Namespace) -> Year:
    if args.scenario:
        return _from_file(args.scenario, args.year)
    if args.year is None:
        raise DocumentError("Angiv --year (eller --scenario FIL).")
    return _live(args.year)


def _write(data: bytes, output: str) -> None:
    Path(output).write_bytes(data)
    print(f"Skrev {output} ({len(data):,} byte).".replace(",", "."))


def _run(args: argparse.Namespace) -> int:
    from ressourcemodel.engine.errors import EngineError

    try:
        return int(args.run(args))
    except (DocumentError, EngineError) as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID


def _takstblad(args: argparse.Namespace) -> int:
    from ressourcemodel.documents.build import takstblad_pdf

    _write(takstblad_pdf(_year(args), args.facility), args.output)
    return 0


def _takstgrundlag(args: argparse.Namespace) -> int:
    from ressourcemodel.documents.build import takstgrundlag_pdf

    _write(takstgrundlag_pdf(_year(args), args.citizen), args.output)
    return 0


def _tilbudsportalen(args: argparse.Namespace) -> int:
    from ressourcemodel.documents import tilbudsportalen

    suffix = Path(args.output).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise DocumentError("Filen skal ende på .csv eller .xlsx.")
    result = _year(args).result
    data = tilbudsportalen.to_csv(result) if suffix == ".csv" else tilbudsportalen.to_xlsx(result)
    _write(data, args.output)
    return 0


def _billing(args: argparse.Namespace) -> int:
    from ressourcemodel.documents.build import statement_lines, statement_pdf
    from ressourcemodel.engine.billing import total
    from ressourcemodel.formatting import format_date, format_kr

    if args.month is not None and not 1 <= args.month <= 12:
        raise DocumentError("--month skal være 1–12.")
    y = _year(args)
    lines = statement_lines(y, municipality=args.municipality, month=args.month)
    if args.pdf:
        if args.municipality is None or args.month is None:
            raise DocumentError("En afregning som PDF kræver --municipality og --month.")
        _write(statement_pdf(y, municipality=args.municipality, month=args.month), args.pdf)
        return 0
    if args.json:
        doc = {
            "year": y.result.year,
            "municipality": args.municipality,
            "month": args.month,
            "lines": [
                {"municipality": ln.municipality, "month": ln.month, "citizen": ln.citizen,
                 "facility": ln.facility, "from": ln.start.isoformat(), "to": ln.end.isoformat(),
                 "days": ln.days, "rate": str(ln.rate), "amount": str(ln.amount)}
                for ln in lines
            ],
            "total": str(total(lines)),
        }  # fmt: skip
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    print(f"Afregning {y.result.year}: {len(lines)} linjer")
    for ln in lines:
        print(f"{ln.municipality} {ln.month:>2} {ln.citizen:<10} {ln.facility:<8} "
              f"{format_date(ln.start)}–{format_date(ln.end)} {ln.days:>3} dage × "
              f"{format_kr(ln.rate, 0):>10} = {format_kr(ln.amount, 0):>12}")  # fmt: skip
    print(f"I alt {format_kr(total(lines), 0)}")
    return 0


def add_document_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--year", type=int, help="takståret i databasen")
        p.add_argument("--scenario", help="brug en scenariefil i stedet for databasen")
        p.set_defaults(func=_run)

    p = sub.add_parser("takstblad", help="takstblad for et tilbud og takstår (PDF)")
    common(p)
    p.add_argument("--facility", required=True)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(run=_takstblad)
    p = sub.add_parser("takstgrundlag", help="takstgrundlag for en borger (PDF)")
    common(p)
    p.add_argument("--citizen", required=True)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(run=_takstgrundlag)
    p = sub.add_parser("tilbudsportalen", help="takster til Tilbudsportalen (CSV eller xlsx)")
    common(p)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(run=_tilbudsportalen)
    p = sub.add_parser("billing", help="afregning af solgte pladser (SPEC §3.6)")
    common(p)
    p.add_argument("--municipality", help="betalingskommunens kode, fx 751")
    p.add_argument("--month", type=int)
    p.add_argument("--json", action="store_true")
    p.add_argument("--pdf", help="skriv afregningen for én kommune og måned som PDF")
    p.set_defaults(run=_billing)
