"""Load test against a real server on PostgreSQL at 127.0.0.1 (bounded in users and time).

    .venv/bin/python bench/load/run_load.py [--users 50] [--minutes 10] [--port 8790]

Creates (or reuses) the database ressourcemodel_load with the demo municipality, starts
`ressourcemodel serve` (gunicorn), makes an API token, runs locust headless and prints requests,
errors and p50/p95 per endpoint. Traffic goes only to 127.0.0.1.
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
    args = ap.parse_args()
    env = {
        **os.environ,
        "RESSOURCEMODEL_DB": "postgres",
        "RESSOURCEMODEL_PG_NAME": "ressourcemodel_load",
        "RESSOURCEMODEL_SECRET_KEY": "load-test-only-" + "x" * 40,
        "RESSOURCEMODEL_DEBUG": "0",
        "RESSOURCEMODEL_STATIC_ROOT": str(ROOT / "bench" / "out" / "static"),
    }
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", "CREATE DATABASE ressourcemodel_load"],
        capture_output=True,
        check=False,
    )
    rm = str(VENV / "ressourcemodel")
    subprocess.run(
        [rm, "demo", "--no-serve"],
        env={**env, "RESSOURCEMODEL_DEBUG": "1"},
        check=True,
        capture_output=True,
    )
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
        for _ in range(60):
            try:
                urllib.request.urlopen(host + "/login/", timeout=2)
                break
            except OSError:
                time.sleep(1)
        out = ROOT / "bench" / "out" / "load"
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                str(VENV / "locust"),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
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
            ],
            env={**env, "RESSOURCEMODEL_LOAD_TOKEN": token},
            check=False,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    with open(f"{out}_stats.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    print(f"\n{'endpoint':<40} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for r in rows:
        print(
            f"{r['Name']:<40} {r['Request Count']:>9} {r['Failure Count']:>7} "
            f"{r['50%']:>8} {r['95%']:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
