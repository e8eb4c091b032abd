"""The ``ressourcemodel`` command: compute, pot, and the web application's commands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from ressourcemodel.engine.results import Result

EXIT_INVALID = 2


def _cmd_compute(args: argparse.Namespace) -> int:
    # Imported here: the command starts without the modules of the other commands.
    from ressourcemodel.engine.collector import collector_paused
    from ressourcemodel.engine.compute import compute
    from ressourcemodel.engine.errors import EngineError
    from ressourcemodel.scenario.load import ScenarioError, load_scenario
    from ressourcemodel.scenario.output import result_to_json

    # the collector paused while the file is read and while the result is written (as large)
    with collector_paused():
        try:
            # the text checks on the other core while the citizens are built (fast_json)
            scenario = load_scenario(args.scenario, checks_beside=True)
            today = date.fromisoformat(args.today) if args.today else None
            result = compute(scenario, today=today)
        except (ScenarioError, EngineError, ValueError) as e:
            print(f"Fejl i scenariet {args.scenario}: {e}", file=sys.stderr)
            return EXIT_INVALID
        if args.format == "table":
            print(render_table(result))
        else:
            _write_bytes(result_to_json(result) + b"\n")
        if args.leave_at_once:
            _leave(0)
    return 0


def _leave(code: int) -> NoReturn:
    """End the program now, its output flushed: without freeing the scenario and the result
    object by object (0,1 s at 30.000 residents) — the operating system takes the memory back
    at once. Only where nothing else is left to do (``run``)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _write_bytes(data: bytes) -> None:
    """Bytes to standard output as they are (a national result is 20 MB: no decoding and
    encoding again), after whatever text was printed before."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode("utf-8"))
        return
    out.flush()
    buffer.write(data)
    buffer.flush()


def render_table(r: Result) -> str:
    """A readable Danish summary of a result (the figures are the engine's)."""
    from ressourcemodel.formatting import format_kr, format_number, format_percent

    lines = [
        f"Takstår {r.year} — timepris {format_kr(r.hourly_cost)}",
        "",
        "Servicetakster pr. døgn:",
    ]
    for lv in r.levels:
        lines.append(
            f"  Niveau {lv.code:>2}  {format_number(lv.lower, 2):>6}–"
            f"{format_number(lv.upper, 2):<6} t/døgn  {format_kr(lv.service_tariff, 0):>12}"
        )
    lines += [
        "",
        (
            f"{'Tilbud':<32}{'Basistakst':>12}{'Fast budget':>16}{'Aktivitet':>16}"
            f"{'Salg':>16}{'Belægning':>11}"
        ),
    ]
    for f in r.facilities:
        lines.append(
            f"{(f.name or f.id)[:31]:<32}{format_kr(f.base_tariff, 0):>12}"
            f"{format_kr(f.fixed_budget, 0):>16}{format_kr(f.activity_budget, 0):>16}"
            f"{format_kr(f.sales_income, 0):>16}{format_percent(f.occupancy_rate):>11}"
        )
    t = r.overview.total
    lines += [
        "",
        (
            f"I alt: budget {format_kr(t.total_budget, 0)}, salg {format_kr(t.sales_income, 0)}, "
            f"netto {format_kr(t.net_cost, 0)}"
        ),
    ]
    for w in r.warnings:
        lines.append(f"Advarsel: {w.message}")
    return "\n".join(lines)


def build_parser(*, only_compute: bool = False) -> argparse.ArgumentParser:
    """The parser of every command, or of ``compute`` alone (which then starts faster)."""
    parser = argparse.ArgumentParser(
        prog="ressourcemodel",
        description="Ressourcetildeling, takster og budgetter for botilbud og bofællesskaber.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("compute", help="beregn et scenarie (YAML/JSON) og udskriv resultatet")
    p.add_argument("scenario", help="scenariefil (.yaml, .yml eller .json)")
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.add_argument("--today", help="referencedag for beboere pr. niveau (ÅÅÅÅ-MM-DD)")
    p.set_defaults(func=_cmd_compute)
    if not only_compute:
        _add_optional_parsers(sub)
    return parser


def _add_optional_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from ressourcemodel.documents_cli import add_document_parsers
    from ressourcemodel.explain_cli import add_explain_parsers
    from ressourcemodel.pot_cli import add_pot_parser

    add_pot_parser(sub)
    add_document_parsers(sub)
    add_explain_parsers(sub)
    try:
        from ressourcemodel.web_cli import add_web_parsers
    except ModuleNotFoundError as e:  # the web layer is not part of this installation
        if e.name != "ressourcemodel.web_cli":
            raise
        return
    add_web_parsers(sub)
    from ressourcemodel.data_cli import add_data_parsers
    from ressourcemodel.xlsx_cli import add_xlsx_parsers

    add_data_parsers(sub)
    add_xlsx_parsers(sub)


def main(argv: Sequence[str] | None = None, *, leave_at_once: bool = False) -> int:
    """Run one command. ``leave_at_once`` (the program itself, ``run``): ``compute`` ends the
    process as soon as its output is written."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(only_compute=argv[:1] == ["compute"]).parse_args(argv)
    args.leave_at_once = leave_at_once
    return int(args.func(args))


def run() -> NoReturn:
    """The program's entry point."""
    sys.exit(main(leave_at_once=True))


if __name__ == "__main__":
    run()
