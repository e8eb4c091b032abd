"""Scale benchmark: the whole path from scenario file to result, and a spreadsheet doing the same.

    PYTHONPATH=src .venv/bin/python bench/scale_bench.py [--sizes 3000,10000,30000] [--runs 3]

For each size the generator's scenario (bench/generate.py) is written as a JSON scenario file and
timed (best and median of ``--runs``):

* load — ``load_scenario(path)``: read, parse and validate the file into engine objects;
* engine — ``compute(scenario)``;
* engine, objects — ``compute`` of the same citizens in a new tuple: read object by object,
  without the columns the file loader filled for the engine (``engine.packed.CitizenColumns``),
  as the web application's scenarios are;
* result → JSON — ``result_to_json``, as the ``compute`` command writes it;
* end to end — ``python -m ressourcemodel.cli compute FILE.json`` in a new process with stdout to
  a file: process start, imports, read, validate, compute, write the JSON result;
* incremental — one døgnskema change through ``ressourcemodel.engine.incremental`` (``prepare``
  untimed, ``update`` timed, the old state freed after the timing), when that module exists;
* parameter change — the same, with a new productive hours per FTE (every tariff changes);
* spreadsheet — bench/spreadsheet_model.py writes a formula workbook of a simplified model of the
  same residents; LibreOffice (headless) loads, recalculates and saves it as xlsx. The facility
  totals read back from the converted file are compared with the same model in Python, which
  shows the formulas were really calculated (the written workbook holds no cached values).

Load, engine and result → JSON run with the cycle collector paused, as the ``compute`` command
runs them. Then the growth factors between consecutive sizes for every column. Not a test: figures
depend on the machine. Every subprocess is bounded by ``--timeout`` seconds. ``--no-office`` leaves
LibreOffice out even when it is installed.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).parent))

from openpyxl import load_workbook

from generate import generate
from ressourcemodel.engine.collector import collector_paused
from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.model import Scenario
from ressourcemodel.engine.results import Result
from ressourcemodel.formatting import format_number
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.scenario.load import load_scenario
from ressourcemodel.scenario.output import result_to_dict, result_to_json
from spreadsheet_model import FACILITIES, python_totals, write_workbook

SRC = Path(__file__).resolve().parents[1] / "src"
INCREMENTAL = "ressourcemodel.engine.incremental"
INSTALL_HINT = (
    "LibreOffice findes ikke (soffice/libreoffice på PATH). Installér (Debian 12, som root):\n"
    "  bench/install_libreoffice.sh   # apt-get install -y --no-install-recommends "
    "libreoffice-calc-nogui"
)
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
COLUMNS = {
    "load": "indlæsning",
    "engine": "motor",
    "objects": "motor, objekter",
    "output": "resultat → JSON",
    "e2e": "ende-til-ende",
    "incremental": "inkrementel",
    "parameter": "parameterændring",
    "calc": "LibreOffice",
}


@dataclass
class Timing:
    runs: list[float]
    last: object = None  # what the last run returned

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


@dataclass
class SizeResult:
    residents: int
    file_bytes: int = 0
    timings: dict[str, Timing] = field(default_factory=dict)


def timed(fn: Callable[[], object], runs: int) -> Timing:
    """Best and median of ``runs`` calls, with the cycle collector paused as in the command."""
    out, last = [], None
    for _ in range(runs):
        last = None  # free the previous run's objects before the next run
        gc.collect()
        with collector_paused():
            t = time.perf_counter()
            last = fn()
            out.append(time.perf_counter() - t)
    return Timing(out, last)


def sec(x: float) -> str:
    return f"{x:.3f}".replace(".", ",")


def num(x: float | int, decimals: int = 0) -> str:
    return format_number(Decimal(x), decimals)


def say(text: str = "") -> None:
    print(text, flush=True)


def record(res: SizeResult, key: str, t: Timing) -> None:
    """Keep the times (not what the runs returned) and print them."""
    res.timings[key] = Timing(t.runs)
    say(f"  {COLUMNS[key]:<28} bedste {sec(t.best):>8} s   median {sec(t.median):>8} s")


# --- the product -------------------------------------------------------------------------------


def write_scenario(sc: Scenario, path: Path) -> int:
    path.write_text(json.dumps(scenario_to_dict(sc), ensure_ascii=False), encoding="utf-8")
    return path.stat().st_size


def result_json(result: Result) -> bytes:
    """The result as the ``compute`` command prints it."""
    return result_to_json(result)


def run_cli(python: str, scenario: Path, out: Path, timeout: float) -> None:
    paths = [str(SRC), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    cmd = [python, "-m", "ressourcemodel.cli", "compute", str(scenario)]
    with out.open("wb") as f:
        subprocess.run(cmd, stdout=f, stderr=subprocess.PIPE, env=env, timeout=timeout, check=True)


def end_to_end(
    python: str, scenario: Path, runs: int, timeout: float, totals: dict[str, Any]
) -> Timing:
    """Time the command; check its JSON result has the totals of ``compute`` in this process."""
    out = scenario.with_suffix(".result.json")
    t = timed(lambda: run_cli(python, scenario, out, timeout), runs)
    result = json.loads(out.read_text(encoding="utf-8"))
    same = "samme totaler som compute()" if result["totals"] == totals else "AFVIGER fra compute()"
    say(
        f"  {'resultat (kommandoen)':<28} {num(out.stat().st_size / 1e6, 1)} MB JSON, "
        f"{num(len(result['citizens']))} borgere, {same}"
    )
    return t


def changed_schedule(sc: Scenario) -> tuple[Scenario, str]:
    """The scenario with one døgnskema changed: the last entry of a citizen's last døgnskema."""
    for i, c in enumerate(sc.citizens):
        j, a = max((k, a) for k, a in enumerate(c.assessments) if a.level is None)
        if len(a.entries) >= 2:
            new_a = replace(a, entries=a.entries[:-1])
            new_c = replace(c, assessments=(*c.assessments[:j], new_a, *c.assessments[j + 1 :]))
            return replace(sc, citizens=(*sc.citizens[:i], new_c, *sc.citizens[i + 1 :])), c.id
    raise ValueError("ingen borger med et døgnskema på mindst to rækker")


def changed_parameters(sc: Scenario) -> Scenario:
    """The scenario with one more productive hour per FTE: a new hourly cost, every tariff new."""
    params = sc.parameters
    more = params.productive_hours_per_fte + 1
    return replace(sc, parameters=replace(params, productive_hours_per_fte=more))


def incremental(sc: Scenario, runs: int, parameter: bool = False) -> Timing | str:
    """``update`` after one change (``prepare`` untimed); checked against ``compute``. The
    time to make the new result: the old state is freed after it (after a parameter change
    nothing of the old parts is shared, and freeing them takes ≈ 0,02 s more)."""
    try:
        inc = importlib.import_module(INCREMENTAL)
    except ModuleNotFoundError as e:
        if e.name != INCREMENTAL:
            raise
        return "ikke tilgængelig"
    if parameter:
        new, changed = changed_parameters(sc), set()
    else:
        new, cid = changed_schedule(sc)
        changed = {cid}
    out, state = [], None
    for _ in range(runs):
        state = None
        with collector_paused():
            old = inc.prepare(sc)
            t = time.perf_counter()
            state = inc.update(old, new, changed_citizens=changed, changed_facilities=set())
            out.append(time.perf_counter() - t)
            del old  # freed after the timing, as ``timed`` frees the previous run's result
    if state is not None and state.result != compute(new):
        return "AFVIGER fra compute() på den ændrede scenarie"
    return Timing(out)


# --- LibreOffice -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Office:
    program: str
    profile: Path
    timeout: float

    def convert(self, book: Path, outdir: Path) -> Path:
        cmd = [
            self.program,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(outdir),
            str(book),
        ]
        subprocess.run(cmd, capture_output=True, timeout=self.timeout, check=True)
        out = outdir / book.name
        if not out.exists():
            raise RuntimeError(f"LibreOffice skrev ikke {out}")
        return out


def find_office(work: Path, timeout: float) -> Office | None:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        return None
    profile = work / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    return Office(program, profile, timeout)


def office_version(office: Office) -> str:
    done = subprocess.run(
        [office.program, "--version"], capture_output=True, text=True, timeout=office.timeout
    )
    return done.stdout.strip()


def warm_up(office: Office, work: Path) -> None:
    """Create the LibreOffice profile once, untimed, with a small workbook."""
    book = work / "warmup.xlsx"
    write_workbook(generate(20), book)
    (work / "warmup-out").mkdir(exist_ok=True)
    office.convert(book, work / "warmup-out")


def read_totals(book: Path) -> dict[str, Any]:
    wb = load_workbook(book, read_only=True, data_only=True)
    try:
        return {row[0]: row[4] for row in wb[FACILITIES].iter_rows(min_row=2, values_only=True)}
    finally:
        wb.close()


def check_totals(expected: dict[str, int], book: Path) -> str:
    got = read_totals(book)
    total = got.pop("I alt", None)
    wrong = [fid for fid, v in expected.items() if got.get(fid) != v]
    want = sum(expected.values())
    if wrong or total != want:
        return f"AFVIGER: {len(wrong)} tilbud forkerte, I alt {total} mod Python {num(want)}"
    return f"I alt {num(want)} kr. og alle {num(len(expected))} tilbud = Python-modellen"


def spreadsheet(sc: Scenario, office: Office | None, work: Path, runs: int) -> Timing | None:
    """Write the formula workbook; time LibreOffice's load, recalculation and save."""
    book = work / f"model-{len(sc.citizens)}.xlsx"
    t = time.perf_counter()
    stays = write_workbook(sc, book)
    say(
        f"  {'regneark skrevet (openpyxl)':<28} {num(stays)} opholdsrækker, "
        f"{num(book.stat().st_size / 1e6, 1)} MB, {sec(time.perf_counter() - t)} s"
    )
    if office is None:
        return None
    if any(v is not None for v in read_totals(book).values()):
        raise RuntimeError("regnearket har gemte værdier; genberegning kan ikke påvises")
    outdir = work / "lo-out"
    outdir.mkdir(exist_ok=True)
    timing = timed(lambda: office.convert(book, outdir), runs)
    say(f"  {'kontrol af genberegning':<28} {check_totals(python_totals(sc), outdir / book.name)}")
    return timing


# --- the run -----------------------------------------------------------------------------------


def measure_product(path: Path, args: argparse.Namespace, res: SizeResult) -> Scenario:
    """Load, engine, result → JSON, end to end and incremental; return the loaded scenario."""
    load = timed(lambda: load_scenario(path), args.runs)
    record(res, "load", load)
    sc = cast(Scenario, load.last)
    del load
    engine = timed(lambda: compute(sc), args.runs)
    record(res, "engine", engine)
    result = cast(Result, engine.last)
    del engine
    # the same citizens in a new tuple object (tuple() of a tuple is the tuple itself)
    objects = replace(sc, citizens=tuple(list(sc.citizens)))  # noqa: C414
    record(res, "objects", timed(lambda: compute(objects), args.runs))
    record(res, "output", timed(lambda: result_json(result), args.runs))
    totals = result_to_dict(result)["totals"]
    record(res, "e2e", end_to_end(args.python, path, args.runs, args.timeout, totals))
    for key, parameter in (("incremental", False), ("parameter", True)):
        inc = incremental(sc, args.runs, parameter)
        if isinstance(inc, Timing):
            record(res, key, inc)
        else:
            say(f"  {COLUMNS[key]:<28} {inc}")
    return sc


def measure(n: int, args: argparse.Namespace, office: Office | None, work: Path) -> SizeResult:
    generated = generate(n)
    say(f"\n{num(n)} beboere ({num(len(generated.facilities))} tilbud)")
    path = work / f"scenario-{n}.json"
    res = SizeResult(n, write_scenario(generated, path))
    say(f"  {'scenariefil (JSON)':<28} {num(res.file_bytes / 1e6, 1)} MB")
    del generated
    sc = measure_product(path, args, res)
    calc = None if args.no_office else spreadsheet(sc, office, work, args.runs)
    if calc is not None:
        record(res, "calc", calc)
        ratio = calc.best / res.timings["e2e"].best
        say(f"  {'LibreOffice / ende-til-ende':<28} {num(ratio, 2)} (bedste mod bedste)")
    return res


def summary(results: list[SizeResult]) -> None:
    say("\nSammenfatning (bedste tid i s)")
    head = f"{'beboere':>8} {'fil MB':>7}" + "".join(f" {v:>15}" for v in COLUMNS.values())
    say(head + f" {'LO/e2e':>7}")
    for r in results:
        cells = [sec(r.timings[k].best) if k in r.timings else "–" for k in COLUMNS]
        ratio = (
            num(r.timings["calc"].best / r.timings["e2e"].best, 2) if "calc" in r.timings else "–"
        )
        say(
            f"{num(r.residents):>8} {num(r.file_bytes / 1e6, 1):>7}"
            + "".join(f" {c:>15}" for c in cells)
            + f" {ratio:>7}"
        )
    for a, b in itertools.pairwise(results):
        parts = [f"fil {num(b.file_bytes / a.file_bytes, 2)}"]
        for k, label in COLUMNS.items():
            if k in a.timings and k in b.timings:
                parts.append(f"{label} {num(b.timings[k].best / a.timings[k].best, 2)}")
        say(
            f"vækst {num(b.residents)}/{num(a.residents)} (lineært "
            f"{num(b.residents / a.residents, 2)}): " + " · ".join(parts)
        )


def header(office: Office | None, runs: int, skipped: bool) -> None:
    say(f"Dato: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    say(f"Python {platform.python_version()} ({sys.executable})")
    say(f"Maskine: {platform.platform()} · {platform.machine()} · {os.cpu_count()} CPU'er")
    load = " ".join(num(x, 2) for x in os.getloadavg())
    say(f"Belastning før start (1/5/15 min): {load}")
    say(f"Kørsler pr. måling: {runs} (bedste og median)")
    if skipped:
        say("LibreOffice: udeladt (--no-office)")
    else:
        say(f"LibreOffice: {office_version(office)}" if office else INSTALL_HINT)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Skalabenchmark: fil → resultat, og et regneark")
    ap.add_argument("--sizes", default="3000,10000,30000", help="antal beboere, kommasepareret")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=900, help="sekunder pr. underproces")
    ap.add_argument("--python", default=sys.executable, help="Python til ende-til-ende-kørslen")
    ap.add_argument("--workdir", type=Path, help="behold filerne her (standard: midlertidig)")
    ap.add_argument("--no-office", action="store_true", help="uden LibreOffice")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        office = None if args.no_office else find_office(work, args.timeout)
        header(office, args.runs, args.no_office)
        if office:
            warm_up(office, work)
        summary([measure(n, args, office, work) for n in sizes])
    return 0


if __name__ == "__main__":
    sys.exit(main())
