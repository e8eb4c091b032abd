"""Import benchmark: a workbook of N citizens with their døgnskemaer into a fresh database.

    .venv/bin/python bench/import_bench.py [--citizens 2000] [--runs 3]

Writes the product's workbook from the bench's own generator (bench/generate.py), then times
``ressourcemodel import-xlsx FILE`` as a user runs it — a new process, a new SQLite database
(migrated by the command), read, check, compute, save — and, in the same run, reading and
checking alone (``--dry-run``). Prints best and median. Not a test: record the figures in
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.spreadsheets.write import scenario_workbook

COMMAND = [sys.executable, "-m", "ressourcemodel.cli"]


def _run(args: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    done = subprocess.run(
        COMMAND + args, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    elapsed = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} gav {done.returncode}:\n{done.stderr[-2000:]}")
    return elapsed


def _fmt(x: float) -> str:
    return f"{x:8.2f} s".replace(".", ",")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--citizens", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · Python {platform.python_version()} · "
          f"{platform.machine()} · {os.cpu_count()} CPU'er · belastning "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    scenario = generate(args.citizens)
    entries = sum(len(a.entries) for c in scenario.citizens for a in c.assessments)
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "aar.xlsx"
        t = time.perf_counter()
        scenario_workbook(scenario_to_dict(scenario)).save(book)
        print(f"regneark: {args.citizens} borgere, {len(scenario.facilities)} tilbud, "
              f"{entries} døgnskemalinjer, {book.stat().st_size / 1e6:.1f} MB "
              f"(skrevet på {time.perf_counter() - t:.1f} s)".replace(".", ","))  # fmt: skip
        dry, full = [], []
        for run in range(args.runs):
            env = {**os.environ, "RESSOURCEMODEL_DB_PATH": str(Path(tmp) / f"db{run}.sqlite3")}
            env.pop("RESSOURCEMODEL_DB", None)
            dry.append(_run(["import-xlsx", str(book), "--dry-run"], env))
            full.append(_run(["import-xlsx", str(book)], env))
    for label, times in (("læs og kontrollér (--dry-run)", dry), ("indlæs i ny database", full)):
        print(f"{label:32} bedste {_fmt(min(times))}  median {_fmt(statistics.median(times))}")
    print(f"mål ≤ 10 s for {args.citizens} borgere: {'nået' if min(full) <= 10 else 'IKKE nået'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
