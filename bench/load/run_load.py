"""Load test against a real server on PostgreSQL at 127.0.0.1 (bounded in users and time).

    .venv/bin/python bench/load/run_load.py [--users 50] [--minutes 10] [--port 8790]
        [--database demo|national] [--people-only] [--exclude-tags start,overview]

``demo``: creates (or reuses) the database ressourcemodel_loaddemo with the demo municipality.
``national``: uses ressourcemodel_national, made beforehand by bench/national_db.py (30 000
citizens, 1 500 facilities). Starts `ressourcemodel serve` (gunicorn; the result is computed
once before the workers fork), makes an API token, runs locust headless and prints requests,
errors and p50/p95/p99 per endpoint. ``--people-only``: only the people on the pages (no API
machines). Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--port", type=int, default=8790)
    ap.add_argument("--workers", type=int, default=5)
    ap.add_argument("--database", choices=["demo", "national"], default="demo")
    ap.add_argument("--people-only", action="store_true", help="no API machines")
    ap.add_argument("--exclude-tags", default="", help="locust tags to leave out: start,overview")
    args = ap.parse_args()
    db = {"demo": "ressourcemodel_loaddemo", "national": "ressourcemodel_national"}[args.database]
    env = {
        **os.environ,
        "RESSOURCEMODEL_DB": "postgres",
        "RESSOURCEMODEL_PG_NAME": db,
        "RESSOURCEMODEL_SECRET_KEY": "load-test-only-" + "x" * 40,
        "RESSOURCEMODEL_DEBUG": "0",
        "RESSOURCEMODEL_STATIC_ROOT": str(ROOT / "bench" / "out" / "static"),
    }
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres"]
    rm = str(VENV / "ressourcemodel")
    if args.database == "demo":
        subprocess.run([*psql, "-c", f"CREATE DATABASE {db}"], capture_output=True, check=False)
        subprocess.run(
            [rm, "demo", "--no-serve"],
            env={**env, "RESSOURCEMODEL_DEBUG": "1"},
            check=True,
            capture_output=True,
        )
    facilities = subprocess.run(
        [*psql, "-d", db, "-Atc", "SELECT code FROM care_facility ORDER BY code"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not facilities:
        raise SystemExit(f"{db} har ingen tilbud (national: kør først bench/national_db.py).")
    token = (
        subprocess.run(
            [rm, "token", "create", "okonomi", "--expires-days", "1"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    server = subprocess.Popen(
        [rm, "serve", "--port", str(args.port), "--workers", str(args.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    host = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(300):  # the server computes the year before it listens
            try:
                urllib.request.urlopen(host + "/login/", timeout=2)
                break
            except OSError:
                time.sleep(1)
        out = ROOT / "bench" / "out" / f"load-{args.database}"
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                str(VENV / "locust"),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                *(["Person"] if args.people_only else []),  # before --exclude-tags' list
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(max(1, args.users // 10)),
                "-t",
                f"{int(args.minutes * 60)}s",
                "--host",
                host,
                "--csv",
                str(out),
                "--only-summary",
                *(["--exclude-tags", *args.exclude_tags.split(",")] if args.exclude_tags else []),
            ],
            env={
                **env,
                "RESSOURCEMODEL_LOAD_TOKEN": token,
                "RESSOURCEMODEL_LOAD_FACILITIES": ",".join(facilities),
            },
            check=False,
        )
    finally:
        server.terminate()  # gunicorn lets running requests finish (up to 30 s), then stops
        try:
            server.wait(timeout=45)
        except subprocess.TimeoutExpired:
            server.kill()  # its workers leave when their master is gone
            server.wait(timeout=30)
    with open(f"{out}_stats.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    print(f"\n{db}, {args.users} brugere, {args.minutes} min, {args.workers} arbejdere")
    print(
        f"{'endpoint':<40} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    for r in rows:
        print(
            f"{r['Name']:<40} {r['Request Count']:>9} {r['Failure Count']:>7} "
            f"{r['50%']:>8} {r['95%']:>8} {r['99%']:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
