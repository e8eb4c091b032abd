"""A national-size database on PostgreSQL for the load test (benchmark data, not test data).

    .venv/bin/python bench/national_db.py [--residents 30000] [--timeout 900] [--fresh]

Generates the bench's synthetic year (bench/generate.py: N residents over N/20 facilities in 100
areas, døgnskemaer from shared templates) and saves it through the product's own import service
(``imports.services.scenario_import``: the engine checks the whole scenario, then facilities,
citizens, stays, assessments and døgnskema lines are written in one transaction, in bulk), into
the database ``ressourcemodel_national`` on 127.0.0.1. Adds the demo users (same logins as the
demo). Then times what a server pays once per data version: mapping the whole database into an
engine scenario and computing it (cold), and a page's hit on the warm cache.

Bounded: the whole run stops after ``--timeout`` seconds. Prints the time of each step; record
the figures in docs/benchmarks.md. Reuses a database that already has the year unless ``--fresh``.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

DB_NAME = "ressourcemodel_national"


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql],
        capture_output=True,
        check=False,
        timeout=60,
    )


def _step(label: str, t: float) -> float:
    now = time.perf_counter()
    print(f"{label:<46} {now - t:8.1f} s".replace(".", ","), flush=True)
    return now


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=30_000)
    ap.add_argument("--timeout", type=int, default=900, help="stop the whole run after N s")
    ap.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    args = ap.parse_args()
    signal.alarm(args.timeout)  # bounded: SIGALRM ends the process (nothing is half saved)

    if args.fresh:
        _psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    _psql(f"CREATE DATABASE {DB_NAME}")
    os.environ.update(RESSOURCEMODEL_DB="postgres", RESSOURCEMODEL_PG_NAME=DB_NAME)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressourcemodel.web.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from generate import generate
    from ressourcemodel.web.accounts.models import User
    from ressourcemodel.web.calculation import results
    from ressourcemodel.web.calculation.mappers import scenario_for_year
    from ressourcemodel.web.demo import create_demo_users
    from ressourcemodel.web.imports.services import scenario_import
    from ressourcemodel.web.records import models as m

    t0 = t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    t = _step("migrate", t)
    if m.TariffYear.objects.exists():
        print(f"{DB_NAME} har allerede data; brug --fresh for at bygge den igen.")
    else:
        scenario = generate(args.residents, templates=True)
        entries = sum(len(a.entries) for c in scenario.citizens for a in c.assessments)
        t = _step(f"generér ({entries} døgnskemalinjer)", t)
        summary = scenario_import(user=None, scenario=scenario, source="national-bench")
        t = _step("importér (motorens kontrol + gem i én transaktion)", t)
        print("   ", summary.as_dict(), flush=True)
    if not User.objects.exists():
        create_demo_users()
        t = _step("demo-brugere", t)
    print(
        f"databasen: {m.Citizen.objects.count()} borgere, {m.Facility.objects.count()} tilbud, "
        f"{m.Area.objects.count()} områder, {m.Stay.objects.count()} ophold, "
        f"{m.Assessment.objects.count()} vurderinger, "
        f"{m.ScheduleEntryRow.objects.count()} døgnskemalinjer",
        flush=True,
    )
    year = results.current_year()
    t = time.perf_counter()
    scenario = scenario_for_year(year)
    t = _step("kold: database → scenarie (mappers)", t)
    from ressourcemodel.engine.compute import compute

    compute(scenario)
    t = _step("kold: beregning (compute)", t)
    results.clear_cache()
    results.computed(year)
    t = _step("kold: results.computed (mapning + beregning)", t)
    results.computed(year)
    t = _step("varm: results.computed (cache)", t)
    _step("i alt", t0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
