"""Page response times on the demo municipality (SQLite), p50 and p95 per page with the result
cache warm, the first request after a data change (cold), and how many times the engine ran.

    .venv/bin/python bench/web_bench.py [--requests 40]

Uses Django's test client in-process (no network), so the figures are server time: the engine's
computation (once per data version), the queries and the template. Not a test; record the
figures in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=40)
    args = ap.parse_args()
    db = os.path.join(tempfile.mkdtemp(), "bench.sqlite3")
    os.environ["RESSOURCEMODEL_DB_PATH"] = db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressourcemodel.web.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from ressourcemodel.web.demo import DEMO_PASSWORD, create_demo
    from ressourcemodel.web.records import models as m

    call_command("migrate", verbosity=0)
    create_demo()
    setup_test_environment()
    c = Client()
    c.login(username="myndighed", password=DEMO_PASSWORD)
    cit = m.Citizen.objects.filter(stays__move_out__isnull=True).first()
    f = m.Facility.objects.first()
    assert cit is not None
    assert f is not None
    pages = {
        "forside": "/",
        "overblik": "/oversigt/",
        "tilbud": f"/tilbud/{f.code}/",
        "borgere": "/borgere/",
        "borger": f"/borgere/{cit.pk}/",
        "døgnskema": f"/borgere/{cit.pk}/doegnskema/",
        "takstår": "/takstaar/",
        "pulje": "/pulje/",
    }
    from ressourcemodel.web.calculation import results as door

    runs = [0]

    def counting(real):  # type: ignore[no-untyped-def]
        def count(*a, **k):  # type: ignore[no-untyped-def]
            runs[0] += 1
            return real(*a, **k)

        return count

    # the door calculates in full (prepare) or after a change (update, incremental)
    door.prepare = counting(door.prepare)  # type: ignore[assignment]
    door.update = counting(door.update)  # type: ignore[assignment]
    print(
        f"{'side':<12} {'p50 ms':>8} {'p95 ms':>8} {'kold ms':>8}  ({args.requests} "
        "forespørgsler pr. side, cache varm; kold = første efter en ændring)"
    )
    for name, url in pages.items():
        door.bump_data_version()  # a data change: the next request recomputes once
        t = time.perf_counter()
        assert c.get(url).status_code == 200, url
        cold = (time.perf_counter() - t) * 1000
        times = []
        for _ in range(args.requests):
            t = time.perf_counter()
            r = c.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, url
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"{name:<12} {statistics.median(times):>8.1f} {p95:>8.1f} {cold:>8.1f}")
    print(f"Beregninger i alt: {runs[0]} for {len(pages)} dataændringer "
          f"og {len(pages) * (args.requests + 1)} forespørgsler")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
